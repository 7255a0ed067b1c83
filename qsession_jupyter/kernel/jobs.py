"""One job by id, and cancelling jobs: what `%session job` and `%session cancel` call.

A Qiskit Runtime user looks a job up by id (`service.job(id)`) and an Azure
portal user cancels one from the Job management blade; these are the same two
things through the SDK (`workspace.get_job`, `workspace.cancel_job`), so they
work on local and Azure workspaces alike.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..views.states import JOB_TERMINAL_STATES, enum_text
from .api import current_session, current_workspace, sdk_errors, session_jobs
from .errors import SessionError

if TYPE_CHECKING:
    from azure.quantum import Workspace
    from azure.quantum.job import Job

__all__ = ["CancelOutcome", "cancel_jobs", "find_job"]


@dataclass(frozen=True)
class CancelOutcome:
    """A job `cancel_jobs` looked at: whether it had ended already, and its details after."""

    job: Job
    had_ended: bool

    def describe(self) -> str:
        d = self.job.details
        status = enum_text(d.status) or ""
        label = f"'{d.name}' ({self.job.id})"
        if status == "Cancelled" and not self.had_ended:
            return f"Cancelled job {label}."
        # It may end between the look and the cancel.
        if self.had_ended or status in JOB_TERMINAL_STATES:
            return f"Job {label} had already ended: {status}; nothing to cancel."
        return f"Cancelling job {label}: it is {status} and stops shortly."


def _has_ended(job: Job) -> bool:
    return enum_text(job.details.status) in JOB_TERMINAL_STATES


def find_job(job_id: str, workspace: Workspace | None = None) -> Job:
    """A job of the workspace by id, with fresh details."""
    if not isinstance(job_id, str) or not job_id.strip():
        raise SessionError(
            "A job id is needed: `%session job JOB_ID` (`%session jobs` lists them)."
        )
    workspace = workspace or current_workspace()
    with sdk_errors(f"find job '{job_id.strip()}'"):
        return workspace.get_job(job_id.strip())


def cancel_jobs(
    job_id: str | None = None, *, all: bool = False, workspace: Workspace | None = None
) -> list[CancelOutcome]:
    """Cancel the job `job_id`, or (all=True) every pending job of the current session.

    A job that has already ended is left alone and reported as such. Returns
    one outcome per job looked at, oldest first.
    """
    if all == (job_id is not None):
        raise SessionError(
            "Give a job id or --all (the current session's pending jobs): "
            "`%session cancel JOB_ID` or `%session cancel --all`."
        )
    workspace = workspace or current_workspace()
    if all:
        if current_session() is None:
            raise SessionError(
                "There is no current session whose jobs --all would cancel; give a job id."
            )
        jobs = [job for job in session_jobs(workspace=workspace) if not _has_ended(job)]
    else:
        jobs = [find_job(job_id, workspace)]
    outcomes = []
    for job in jobs:
        if _has_ended(job):
            outcomes.append(CancelOutcome(job, had_ended=True))
            continue
        with sdk_errors(f"cancel job '{job.id}'"):
            cancelled = workspace.cancel_job(job)
        outcomes.append(CancelOutcome(cancelled, had_ended=False))
    return outcomes
