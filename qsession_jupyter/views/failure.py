"""Why a session failed: the job whose failure ended it under the Abort policy.

Under Abort (the default policy) the first failed job fails the whole session
and every later submission is refused. The service records that only as the
session's state, so the views find the job: the earliest failed one.
"""

from __future__ import annotations

from typing import Any

from .display import parse_moment
from .items import _details, error_model
from .states import enum_text


def session_failure(session: Any, jobs: list[Any]) -> dict[str, Any] | None:
    """For a Failed session: its policy and the failing job's id, name and error; else None."""
    details = _details(session)
    if enum_text(details.get("status")) != "Failed":
        return None
    failed = [_details(job) for job in jobs if enum_text(_details(job).get("status")) == "Failed"]

    def when(job: Any) -> Any:
        return parse_moment(job.get("endExecutionTime")) or parse_moment(job.get("creationTime"))

    failed = [job for job in failed if when(job) is not None]
    first = min(failed, key=when) if failed else None
    return {
        "session_id": details.get("id"),
        "policy": enum_text(details.get("jobFailurePolicy")) or "Abort",
        "job_id": first.get("id") if first is not None else None,
        "job_name": (first.get("name") or "") if first is not None else "",
        "error": error_model(first.get("errorData")) if first is not None else None,
    }


def failure_text(failure: dict[str, Any]) -> str:
    """One line a banner or a message shows for a failed session."""
    if failure["job_id"]:
        cause = f'job "{failure["job_name"]}" ({failure["job_id"]}) {failed_with(failure)}'
    else:
        cause = "one of its jobs failed"
    return (
        f"This session failed: {cause}. Under the {failure['policy']} policy it takes no more "
        "jobs; open a new session to go on."
    )


def failed_with(failure: dict[str, Any]) -> str:
    """The words 'failed with CODE: message' for the job that failed the session, shared
    with the kernel's warning (`kernel/guard.py`); a fallback when the job left no error."""
    error = failure["error"] or {"code": "Unknown", "message": "no message"}
    return f"failed with {error['code']}: {error['message'].rstrip('.')}"
