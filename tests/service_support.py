"""Starting and stopping real local services for tests, as users' kernels do."""

from __future__ import annotations

import http.client
import os
import signal
import time
from dataclasses import dataclass
from pathlib import Path

from azure.quantum import Workspace

from qsession_jupyter.connection import (
    LOCAL_NAME,
    LOCAL_RESOURCE_GROUP,
    LOCAL_SUBSCRIPTION,
    workspace_at,
)
from qsession_jupyter.local.app.runtime import RuntimeInfo, ensure_service, pid_alive
from qsession_jupyter.local.http.base import API_VERSION

#: The query the SDK puts on every data-plane request; raw-HTTP tests send it too.
API_PARAMS = {"api-version": API_VERSION}

#: Short timings so session behaviour can be seen in seconds.
FAST_OPTIONS = {
    "--session-idle-timeout": "30",
    "--exclusive-window": "2",
    "--time-scale": "0.05",
    "--sweep-interval": "0.2",
    "--workers": "2",
}


@dataclass
class ServiceHandle:
    info: RuntimeInfo
    data_dir: Path

    @property
    def endpoint(self) -> str:
        return self.info.url

    @property
    def api_key(self) -> str:
        return self.info.api_key

    @property
    def pid(self) -> int:
        return self.info.pid

    def workspace(self) -> Workspace:
        return workspace_at(self.info.url, self.info.api_key)

    def workspace_path(self) -> str:
        return (
            f"/subscriptions/{LOCAL_SUBSCRIPTION}/resourceGroups/{LOCAL_RESOURCE_GROUP}"
            f"/providers/Microsoft.Quantum/workspaces/{LOCAL_NAME}"
        )

    def stop(self, sig: int = signal.SIGTERM, timeout: float = 20) -> None:
        if not pid_alive(self.pid):
            return
        os.kill(self.pid, sig)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                # The service is our child only when this process spawned it.
                finished, _ = os.waitpid(self.pid, os.WNOHANG)
                if finished:
                    return
            except ChildProcessError:
                if not pid_alive(self.pid):
                    return
            time.sleep(0.05)
        raise TimeoutError(f"service pid {self.pid} did not stop")


def start_service(data_dir: Path, **options: str) -> ServiceHandle:
    """Start (or find) the service for `data_dir`; options override FAST_OPTIONS."""
    merged = {**FAST_OPTIONS, **{f"--{k.replace('_', '-')}": str(v) for k, v in options.items()}}
    args = [part for pair in merged.items() for part in pair]
    info = ensure_service(data_dir, extra_args=args)
    return ServiceHandle(info, data_dir)


def wait_for(predicate, timeout: float = 20.0, interval: float = 0.05, what: str = "condition"):
    """Wait for something a user would see; fail with `what` when it never happens."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(interval)
    raise AssertionError(f"timed out waiting for {what}")


def raw_request(
    host: str, port: int, method: str, target: str, body: bytes | None, headers: dict
) -> tuple[int, dict[str, str], bytes]:
    """Send bytes exactly as given (higher-level clients would normalise paths or refuse odd
    methods): (status, lower-cased headers, body)."""
    connection = http.client.HTTPConnection(host, port, timeout=30)
    try:
        connection.putrequest(method, target, skip_accept_encoding=True)
        for name, value in headers.items():
            connection.putheader(name, value)
        if body is not None:
            connection.putheader("Content-Length", str(len(body)))
        connection.endheaders(body)
        response = connection.getresponse()
        answer = {name.lower(): value for name, value in response.getheaders()}
        return response.status, answer, response.read()
    finally:
        connection.close()
