"""The session state machine, as the real service behaved (contract §1.3).

Pure functions over a session record and its jobs' state counts, so every branch
can be tested without a service: open → Waiting; first job → Executing; close
with nothing pending → Succeeded at once; close with jobs pending → stays
Executing and ends when they do; Abort: one failure fails the session;
Continue: `Failure(s)`, then Failed on close; idle → TimedOut.
"""

from __future__ import annotations

from ..storage.records import PENDING_JOB_STATES, TERMINAL_SESSION_STATES, SessionRecord

TERMINAL = TERMINAL_SESSION_STATES
ABORT, CONTINUE = "Abort", "Continue"

#: The exact message the real service gives for a job sent to a finished session.
TERMINAL_SESSION_MESSAGE = (
    "Session is already in a terminal state. This may have been due to failures in prior jobs "
    "in the session."
)


def is_terminal(status: str) -> bool:
    return status in TERMINAL


def next_status(session: SessionRecord, job_counts: dict[str, int]) -> str:
    """The status a session should have given its jobs; terminal states never change."""
    status = session.status
    if is_terminal(status):
        return status
    failed = job_counts.get("Failed", 0)
    pending = sum(job_counts.get(state, 0) for state in PENDING_JOB_STATES)
    total = sum(job_counts.values())
    if failed and session.job_failure_policy == ABORT:
        return "Failed"
    if session.closed and pending == 0:
        return "Failed" if failed else "Succeeded"
    if failed:
        return "Failure(s)"
    return "Executing" if total else "Waiting"


def rejection_for_new_job(
    session: SessionRecord | None, session_id: str, target: str
) -> str | None:
    """Why a job PUT naming this session must be refused, or None to accept it."""
    if session is None:
        return (
            f"Session '{session_id}' does not exist in this workspace. Open it first "
            "(target.open_session() or Session(...).open())."
        )
    if is_terminal(session.status):
        return TERMINAL_SESSION_MESSAGE
    if session.closed:
        return (
            f"Session '{session_id}' has been closed and accepts no new jobs. "
            "Open a new session for more jobs."
        )
    if session.target != target:
        return (
            f"Session '{session_id}' runs on target '{session.target}', but the job is for "
            f"'{target}'. A session groups jobs for a single target."
        )
    return None


def idle_deadline(session: SessionRecord, idle_timeout: float) -> float | None:
    """When an open session with nothing pending times out (None: it cannot)."""
    if is_terminal(session.status) or session.closed:
        return None
    last = session.last_activity_time or session.creation_time
    return last + idle_timeout
