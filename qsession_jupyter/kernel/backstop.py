"""The backstop: a job from a host nobody guarded is checked where every job ends.

`guard.py` wraps the hosts it sees: targets the kernel's workspace hands out and
those held in variables between cells. A Qiskit backend from
`AzureQuantumProvider(workspace=workspace).get_backend(...)` or a Cirq target
from `AzureQuantumService(workspace=workspace).get_target(...)`, made and used
within one cell, is neither. Yet every SDK submission ends in the workspace's
`submit_job(job)` (`Job.submit` calls `self.workspace.submit_job(self)`), so
the kernel's workspace instance is wrapped there too.

A job that a guarded host or a primitive already admitted passes untouched
(`spending.admitted()`), so nothing is counted twice. Any other job has its
shots checked, and when its session has a budget, it is priced from the very
input the SDK uploaded (the same pricing as everywhere, `costs.estimate_job`)
and checked by the one budget check (`spending.admit_priced`). A refused job is
never created: the service never sees it. Its input blob was already uploaded
by then (the SDK uploads before it creates the job); an orphan blob costs
nothing and runs nothing, which is the price of checking the job as built.
"""

from __future__ import annotations

import gzip
from collections.abc import Callable
from typing import Any

from . import spending

__all__ = ["guarded_submit_job"]

_GZIP_MAGIC = b"\x1f\x8b"


def guarded_submit_job(workspace: Any, submit_job: Callable[..., Any]) -> Callable[..., Any]:
    """`submit_job` of the kernel's `workspace` with the backstop check before it
    (`guard.guard_workspace` puts it in place, on that instance only)."""

    def guarded(job: Any, *args: Any, **kwargs: Any) -> Any:
        if spending.is_admitted():
            return submit_job(job, *args, **kwargs)
        ticket = _admit(workspace, job)
        try:
            submitted = submit_job(job, *args, **kwargs)
            ticket.record(submitted.id)
        finally:
            ticket.close()
        return submitted

    return guarded


def _admit(workspace: Any, job: Any) -> spending.Ticket:
    """Check an unguarded job's shots, and its cost against its session's budget."""
    details = job.details
    params = spending.params_dict(details.input_params)
    for option in ("shots", "count"):
        spending.check_shots(params.get(option), f"input_params['{option}']")
    session_id = details.session_id
    if not session_id or not spending.has_budget(session_id):
        return spending.NO_TICKET
    target_name = str(details.target)

    def price() -> list[float]:
        from ..costs.estimate import estimate_job

        data = _input_bytes(job)
        estimate = estimate_job(target_name, str(details.input_data_format), data, params)
        return [float(estimate.total)]

    session = workspace.get_session(session_id)
    return spending.admit_priced(session, target_name, price)


def _input_bytes(job: Any) -> bytes:
    """The job's input as the SDK uploaded it (its public `download_data`), unzipped.

    A failed download is a ValueError: the cost cannot be known, so a budgeted
    session refuses the job rather than let it through unpriced.
    """
    try:
        data = job.download_data(job.details.input_data_uri)
    except Exception as error:
        raise ValueError(f"its input could not be read back: {type(error).__name__}") from None
    if isinstance(data, str):
        data = data.encode("utf-8")
    return gzip.decompress(data) if data[:2] == _GZIP_MAGIC else bytes(data)
