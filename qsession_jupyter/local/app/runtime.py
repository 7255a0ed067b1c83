"""Finding the local service, and starting it when nobody has yet.

A runtime file in Jupyter's runtime directory, one per data directory, says
where the service listens, its key and its pid (mode 0600). A file lock
around "read, maybe start, wait" means two starters (a kernel and the Jupyter
server, say) get one service. A file whose pid is dead, or whose URL is
answered by something other than that pid, is replaced.
"""

from __future__ import annotations

import hashlib
import json
import os
import secrets
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from dataclasses import asdict, dataclass
from pathlib import Path

from filelock import FileLock
from jupyter_core.paths import jupyter_runtime_dir

from ..config import default_data_dir
from ..storage.files import private_dir, private_file, write_atomically

START_TIMEOUT = 60.0
API_KEY_HEADER = "x-ms-quantum-api-key"


class ServiceUnavailable(RuntimeError):
    """The local service is not running and could not be started."""


@dataclass
class RuntimeInfo:
    url: str
    blob_url: str
    api_key: str
    pid: int
    data_dir: str
    port: int
    #: The session clocks this service runs (seconds), for views that draw them.
    session_idle_timeout: float = 600.0
    exclusive_window: float = 60.0

    @property
    def endpoint(self) -> str:
        return self.url


def runtime_file(data_dir: Path) -> Path:
    digest = hashlib.sha256(str(Path(data_dir).resolve()).encode()).hexdigest()[:12]
    return Path(jupyter_runtime_dir()) / f"qsession-local-{digest}.json"


def api_key_for(data_dir: Path) -> str:
    """The workspace key, made once per data directory and kept there (0600)."""
    private_dir(data_dir)
    path = data_dir / "api-key"
    if not path.exists():
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "w") as handle:
            handle.write(secrets.token_urlsafe(32))
    return path.read_text().strip()


def write_runtime(info: RuntimeInfo) -> Path:
    path = runtime_file(Path(info.data_dir))
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(f".{os.getpid()}.tmp")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w") as handle:
        json.dump(asdict(info), handle)
    os.replace(temporary, path)
    return path


def remove_runtime(data_dir: Path, pid: int) -> None:
    path = runtime_file(data_dir)
    info = read_runtime(data_dir, check_alive=False)
    if info is not None and info.pid == pid:
        path.unlink(missing_ok=True)


def pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def read_runtime(data_dir: Path | None = None, check_alive: bool = True) -> RuntimeInfo | None:
    path = runtime_file(Path(data_dir or default_data_dir()))
    try:
        info = RuntimeInfo(**json.loads(path.read_text()))
    except (OSError, ValueError, TypeError):
        return None
    if check_alive and not (pid_alive(info.pid) and service_answers(info)):
        return None
    return info


def service_answers(info: RuntimeInfo, timeout: float = 5.0) -> bool:
    """False when nothing, or another process, answers at the file's URL.

    A live pid alone can mislead: the runtime directory survives a reboot and
    the pid may now belong to an unrelated process, which `stop` must never
    signal. A service too busy to answer in time still counts as running.
    """
    try:
        return health(info, timeout).get("pid", info.pid) == info.pid
    except urllib.error.HTTPError:
        return False
    except urllib.error.URLError as error:
        return isinstance(error.reason, TimeoutError)
    except TimeoutError:
        return True
    except (OSError, ValueError, AttributeError):
        return False


def health(info: RuntimeInfo, timeout: float = 5.0) -> dict:
    """The service's /health answer; no proxy, since a proxy cannot reach our loopback."""
    request = urllib.request.Request(info.url + "health", headers={API_KEY_HEADER: info.api_key})
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    with opener.open(request, timeout=timeout) as response:
        return json.load(response)


def remembered_port(data_dir: Path) -> int:
    """The port the last service for this data directory used (0: none).

    A restarted service takes it again when it is free, so Workspace objects that
    kernels already hold keep working across a restart.
    """
    try:
        return int((data_dir / "port").read_text())
    except (OSError, ValueError):
        return 0


def remember_port(data_dir: Path, port: int) -> None:
    write_atomically(data_dir / "port", str(port).encode())


def ensure_service(
    data_dir: Path | None = None, extra_args: list[str] | None = None
) -> RuntimeInfo:
    """The running service for this data directory, started in the background if needed."""
    data_dir = Path(data_dir or default_data_dir()).resolve()
    lock_path = runtime_file(data_dir).with_suffix(".lock")
    lock_path.parent.mkdir(parents=True, exist_ok=True)
    with FileLock(str(lock_path), timeout=START_TIMEOUT):
        info = read_runtime(data_dir)
        if info is not None:
            return info
        runtime_file(data_dir).unlink(missing_ok=True)
        log_path = data_dir / "service.log"
        log_start = log_path.stat().st_size if log_path.exists() else 0
        process = _spawn(data_dir, extra_args or [])
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            info = read_runtime(data_dir)
            if info is not None and info.pid == process.pid:
                return info
            if process.poll() is not None:
                break
            time.sleep(0.05)
    reason = _last_words(log_path, log_start) if process.poll() is not None else None
    if reason:
        raise ServiceUnavailable(
            f"The local workspace service did not start: {reason} (more in {log_path})"
        )
    raise ServiceUnavailable(
        f"The local workspace service did not start (see {log_path}). "
        "Try `qsession-local serve` in a terminal to see why."
    )


def _last_words(log_path: Path, start: int) -> str | None:
    """The last line a service that exited at start wrote: `cli` makes it say why."""
    try:
        with open(log_path, "rb") as log:
            log.seek(start)
            lines = log.read().decode("utf-8", "replace").splitlines()
    except OSError:
        return None
    lines = [line.strip() for line in lines if line.strip()]
    return lines[-1] if lines else None


def _spawn(data_dir: Path, extra_args: list[str]) -> subprocess.Popen:
    private_dir(data_dir)
    command = [
        sys.executable,
        "-m",
        "qsession_jupyter.local",
        "serve",
        "--data-dir",
        str(data_dir),
        *extra_args,
    ]
    with open(private_file(data_dir / "service.log"), "ab") as log:
        process = subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=log,
            start_new_session=True,
            close_fds=True,
        )
    # The starter (a kernel, say) outlives the service it started. Reap the service
    # when it exits, or it lingers as a zombie that `qsession-local stop` and the pid
    # check in read_runtime would take for a running service.
    threading.Thread(target=process.wait, name="qsession-service-reaper", daemon=True).start()
    return process
