"""`job_monitor(job)`: the live status of one job until it ends.

The Azure sessions docs import Qiskit's `job_monitor`, which Qiskit removed.
This one takes SDK jobs and the jobs of the Azure Qiskit and Cirq plugins
(both wrap an SDK job in `_azure_job`) and prints one line per status change,
then the outcome. It notices the end within max(5 % of the run time, 0.25 s)
and slows down on a long queue (`client/waiting.py`).
"""

from __future__ import annotations

import sys
import time
from typing import Any, TextIO

from ..views.display import format_span
from ..views.jobs import azure_job
from ..views.states import JOB_TERMINAL_STATES, enum_text


def status_text(job: Any) -> str:
    return str(enum_text(job.details.status))


def describe_outcome(job: Any) -> str:
    status = status_text(job)
    details = job.details
    if status == "Failed":
        error = getattr(details, "error_data", None)
        code = getattr(error, "code", None) or "UnknownError"
        message = getattr(error, "message", None) or "the service gave no message"
        return f"Failed: {code}: {message}"
    begin, end = details.begin_execution_time, details.end_execution_time
    if begin and end:
        return f"{status} (ran {format_span(begin, end)})"
    return status


def job_monitor(
    job: Any,
    *,
    interval: float | None = None,
    timeout: float | None = None,
    file: TextIO | None = None,
) -> str:
    """Print the job's status as it changes until it ends; returns the final status.

    `interval` fixes the polling period (default: a finished job is noticed within
    the larger of 5 % of its run time and 0.25 s, see `client/waiting.py`);
    `timeout` stops watching (not the job) after that many seconds. Ctrl-C also
    stops watching only.
    """
    try:
        sdk_job = azure_job(job)
    except TypeError as error:
        raise TypeError(f"job_monitor: {error}") from None
    if file is None and interval is None:
        from ..widgets.api import monitor_job, widgets_render

        if widgets_render():
            return monitor_job(sdk_job, wait=True, timeout=timeout)
    out = file or sys.stdout
    label = f"Job '{sdk_job.details.name}' ({sdk_job.id})"
    if interval is None:  # the package's one way to wait: see client/waiting.py
        return _watch(sdk_job, label, out, timeout)
    deadline = None if timeout is None else time.monotonic() + timeout
    last = None
    try:
        while True:
            sdk_job.refresh()
            status = status_text(sdk_job)
            if status in JOB_TERMINAL_STATES:
                print(f"{label}: {describe_outcome(sdk_job)}", file=out, flush=True)
                return status
            if status != last:
                print(f"{label}: {status}", file=out, flush=True)
                last = status
            if deadline is not None and time.monotonic() >= deadline:
                print(f"{label}: still {status}; stopped watching.", file=out, flush=True)
                return status
            time.sleep(
                interval
                if deadline is None
                else max(0.0, min(interval, deadline - time.monotonic()))
            )
    except KeyboardInterrupt:
        print(f"{label}: stopped watching (the job goes on).", file=out, flush=True)
        return status_text(sdk_job)


def _watch(sdk_job: Any, label: str, out: TextIO, timeout: float | None) -> str:
    """Print each status change, noticing the end within max(5 % of the run time, 0.25 s)."""
    from ..client.waiting import wait_all

    def changed(job: Any) -> None:
        if status_text(job) not in JOB_TERMINAL_STATES:
            print(f"{label}: {status_text(job)}", file=out, flush=True)

    try:
        if status_text(sdk_job) not in JOB_TERMINAL_STATES:
            print(f"{label}: {status_text(sdk_job)}", file=out, flush=True)
        left = wait_all([sdk_job], timeout=timeout, on_change=changed)
    except KeyboardInterrupt:
        print(f"{label}: stopped watching (the job goes on).", file=out, flush=True)
        return status_text(sdk_job)
    status = status_text(sdk_job)
    if left:
        print(f"{label}: still {status}; stopped watching.", file=out, flush=True)
    else:
        print(f"{label}: {describe_outcome(sdk_job)}", file=out, flush=True)
    return status
