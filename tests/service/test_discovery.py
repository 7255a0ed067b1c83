"""Finding the one local service: the runtime file, the start lock, stale files, the CLI.

Kernels, the Jupyter server and `qsession-local` all go through the runtime
file, so these are the cases where two of them could disagree.
"""

from __future__ import annotations

import json
import os
import socket
import stat
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
import requests
from programs import submit_bell
from service_support import FAST_OPTIONS, ServiceHandle, start_service

from qsession_jupyter.connection import local_workspace
from qsession_jupyter.local.app.runtime import (
    RuntimeInfo,
    pid_alive,
    read_runtime,
    runtime_file,
    write_runtime,
)

FAST_ARGS = [part for pair in FAST_OPTIONS.items() for part in pair]


def qsession_local(*args: str, timeout: float = 60) -> subprocess.CompletedProcess:
    """Run the command line as a user would, with this test's environment."""
    return subprocess.run(
        [sys.executable, "-m", "qsession_jupyter.local", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def health(info: RuntimeInfo) -> dict:
    headers = {"x-ms-quantum-api-key": info.api_key}
    return requests.get(info.url + "health", headers=headers, timeout=10).json()


def serve_processes(data_dir: Path) -> list[int]:
    """Pids of `serve` processes for this data dir (Linux /proc)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            argv = (entry / "cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if b"serve" in argv and str(data_dir).encode() in argv and pid_alive(int(entry.name)):
            state = (entry / "stat").read_text().rsplit(")", 1)[-1].split()[0]
            if state != "Z":
                found.append(int(entry.name))
    return found


def dead_pid() -> int:
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait()
    return process.pid


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def stale_info(data_dir: Path, pid: int) -> RuntimeInfo:
    port = free_port()
    return RuntimeInfo(
        url=f"http://127.0.0.1:{port}/",
        blob_url=f"http://[::1]:{port}",
        api_key="stale",
        pid=pid,
        data_dir=str(data_dir),
        port=port,
    )


def test_runtime_file_is_private_and_names_the_service(make_service):
    service = make_service("runtime-file")
    path = runtime_file(service.data_dir)
    assert path.parent == Path(os.environ["JUPYTER_RUNTIME_DIR"])
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE((service.data_dir / "api-key").stat().st_mode) == 0o600

    recorded = json.loads(path.read_text())
    assert recorded["url"] == service.endpoint
    assert recorded["api_key"] == service.api_key
    assert recorded["pid"] == service.pid
    assert health(service.info)["pid"] == service.pid

    # A kernel asking for the same data dir gets this service, not a new one.
    workspace = local_workspace(service.data_dir)
    assert workspace.get_targets("ionq.simulator") is not None
    assert read_runtime(service.data_dir).pid == service.pid
    assert serve_processes(service.data_dir.resolve()) == [service.pid]


def test_two_starters_at_once_get_one_service(tmp_path):
    data_dir = (tmp_path / "raced").resolve()
    go = time.time() + 2.0
    starter = textwrap.dedent(
        f"""
        import json, sys, time
        from pathlib import Path
        from qsession_jupyter.local.app.runtime import ensure_service
        time.sleep(max(0.0, {go!r} - time.time()))
        info = ensure_service(Path({str(data_dir)!r}), {FAST_ARGS!r})
        print(json.dumps(info.__dict__))
        """
    )
    starters = [
        subprocess.Popen([sys.executable, "-c", starter], stdout=subprocess.PIPE, text=True)
        for _ in range(3)
    ]
    answers = [json.loads(process.communicate(timeout=90)[0]) for process in starters]
    service = ServiceHandle(RuntimeInfo(**answers[0]), data_dir)
    try:
        assert {(a["pid"], a["url"], a["api_key"]) for a in answers} == {
            (service.pid, service.endpoint, service.api_key)
        }
        assert serve_processes(data_dir) == [service.pid]
        assert health(service.info)["pid"] == service.pid
    finally:
        service.stop()


def test_stale_runtime_file_with_a_dead_pid_is_replaced(tmp_path):
    data_dir = (tmp_path / "stale").resolve()
    data_dir.mkdir()
    write_runtime(stale_info(data_dir, dead_pid()))
    assert read_runtime(data_dir) is None

    service = start_service(data_dir)
    try:
        recorded = json.loads(runtime_file(data_dir).read_text())
        assert recorded["pid"] == service.pid and pid_alive(service.pid)
        assert recorded["api_key"] != "stale"
        assert service.workspace().get_targets("ionq.simulator") is not None
    finally:
        service.stop()


def test_runtime_file_whose_pid_now_belongs_to_another_process(tmp_path):
    """After a reboot the file survives and its pid may be anyone's: never signal them."""
    data_dir = (tmp_path / "reused-pid").resolve()
    data_dir.mkdir()
    bystander = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(120)"])
    try:
        write_runtime(stale_info(data_dir, bystander.pid))
        assert read_runtime(data_dir) is None

        stopped = qsession_local("stop", "--data-dir", str(data_dir))
        assert stopped.returncode == 0
        assert bystander.poll() is None, "stop signalled an unrelated process"

        service = start_service(data_dir)
        assert service.pid != bystander.pid
        assert service.workspace().get_targets("ionq.simulator") is not None
        service.stop()
        assert bystander.poll() is None
    finally:
        bystander.kill()
        bystander.wait()


def test_status_prints_where_and_what(make_service):
    service = make_service("status")
    workspace = service.workspace()
    job = submit_bell(workspace.get_targets("ionq.simulator"), "counted")
    job.wait_until_completed(timeout_secs=30)
    workspace.get_targets("rigetti.sim.qvm").open_session(name="waiting")

    status = qsession_local("status", "--data-dir", str(service.data_dir))
    assert status.returncode == 0, status.stdout + status.stderr
    lines = dict(line.split(":", 1) for line in status.stdout.splitlines())
    assert lines["url"].strip() == service.endpoint
    assert lines["pid"].strip() == str(service.pid)
    assert Path(lines["data dir"].strip()) == service.data_dir.resolve()
    assert "Succeeded 1" in lines["jobs"]
    assert "Waiting 1" in lines["sessions"]


def test_stop_stops_it_and_status_then_says_so(make_service):
    service = make_service("stop")
    stopped = qsession_local("stop", "--data-dir", str(service.data_dir), timeout=30)
    assert stopped.returncode == 0, stopped.stdout + stopped.stderr
    assert str(service.pid) in stopped.stdout
    assert not serve_processes(service.data_dir.resolve())
    assert not runtime_file(service.data_dir).exists()

    status = qsession_local("status", "--data-dir", str(service.data_dir))
    assert status.returncode == 1
    assert "No local workspace service" in status.stdout

    again = qsession_local("stop", "--data-dir", str(service.data_dir))
    assert again.returncode == 0


def test_status_with_no_service(tmp_path):
    status = qsession_local("status", "--data-dir", str(tmp_path / "never-started"))
    assert status.returncode == 1
    assert "No local workspace service is running" in status.stdout


@pytest.mark.parametrize("host", ["0.0.0.0", "::", "192.0.2.7", "example.com"])
def test_serve_listens_on_loopback_only(tmp_path, host):
    data_dir = tmp_path / "exposed"
    served = qsession_local("serve", "--host", host, "--data-dir", str(data_dir))
    assert served.returncode != 0
    assert "loopback only" in served.stderr
    assert read_runtime(data_dir) is None
