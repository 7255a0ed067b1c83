"""The local service stops by itself when idle, never while it has work, and loses nothing.

Nobody stops the shared service when JupyterLab exits, so it ends itself after
`--idle-shutdown` seconds with no request and nothing queued, running or open.
The waits below make no request to the service: a request would count as
activity and hide an early stop.
"""

from __future__ import annotations

import time
from datetime import datetime

from programs import submit_bell
from service_support import wait_for

from qsession_jupyter.local.app.idle import IdleWatch
from qsession_jupyter.local.app.runtime import pid_alive, read_runtime, runtime_file


def _wait_until_stopped(service, timeout: float = 60) -> float:
    """Wait (without a request) for the service's process to end; when it ended."""
    wait_for(lambda: not pid_alive(service.pid), timeout=timeout, what="the service to stop")
    return time.time()


def test_idle_service_stops_by_itself_and_starts_again_with_everything(make_service):
    service = make_service("idle", idle_shutdown=1)
    workspace = service.workspace()
    target = workspace.get_targets("ionq.simulator")
    job = submit_bell(target, "before the stop")
    job.wait_until_completed(timeout_secs=60)
    results = job.get_results()

    _wait_until_stopped(service)
    assert not runtime_file(service.data_dir).exists()
    log = (service.data_dir / "service.log").read_text()
    assert "it stops by itself after 1 s idle, or now with `qsession-local stop`" in log
    assert "idle for 1 s with nothing to do: stopping" in log
    assert "local workspace service stopped" in log

    # The next user starts it again: same URL and key, so the old Workspace still works.
    restarted = make_service("idle", idle_shutdown=1)
    assert restarted.endpoint == service.endpoint
    again = workspace.get_job(job.id)
    assert again.details.status == "Succeeded"
    assert again.get_results() == results


def test_a_queued_or_running_job_keeps_the_service_up(make_service):
    # An emulated QPU at full time runs one job at a time, ~2 s each: while the
    # first runs, the second is queued; together they outlast the idle time 4 times.
    service = make_service("busy", idle_shutdown=1, time_scale=1)
    workspace = service.workspace()
    target = workspace.get_targets("ionq.qpu.aria-1")
    jobs = [submit_bell(target, f"long {i}", shots=250) for i in range(2)]

    stopped_at = _wait_until_stopped(service)

    restarted = make_service("busy", idle_shutdown=0)
    assert read_runtime(restarted.data_dir) is not None
    for job in jobs:
        job.refresh()
        assert job.details.status == "Succeeded", job.details.error_data
        ended = job.details.end_execution_time
        assert isinstance(ended, datetime)
        # It ran to its end before the service stopped, not again after a restart.
        assert ended.timestamp() <= stopped_at
    log = (service.data_dir / "service.log").read_text()
    assert log.count("idle for 1 s with nothing to do: stopping") == 1


def test_idle_shutdown_zero_never_stops(make_service):
    service = make_service("forever", idle_shutdown=0)
    log = (service.data_dir / "service.log").read_text()
    assert "it runs until `qsession-local stop`" in log


class FakeClock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_idle_watch_rules():
    clock, busy = FakeClock(), [False]
    watch = IdleWatch(60, lambda: busy[0], clock)
    clock.now = 59
    assert not watch.should_stop()
    watch.touch()  # a request at 59 s
    clock.now = 100
    assert not watch.should_stop()
    clock.now = 119
    assert watch.should_stop()
    busy[0] = True  # a job still running: not idle, and the idle time starts again
    assert not watch.should_stop()
    busy[0] = False
    clock.now = 170
    assert not watch.should_stop()
    clock.now = 179
    assert watch.should_stop()

    never = IdleWatch(0, lambda: False, clock)
    clock.now = 1e9
    assert not never.should_stop()
