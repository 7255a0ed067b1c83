"""Which states are final, and how item types are labelled.

The sidebar and the panel both decide "keep polling?" and "can this be
cancelled?" from these sets, so they never disagree about what is pending.
"""

from __future__ import annotations

#: Final job states. `Completed` is an older synonym of `Succeeded`.
JOB_TERMINAL_STATES = frozenset({"Succeeded", "Completed", "Failed", "Cancelled"})

#: Every job state the SDK knows, in the order a job goes through them.
JOB_STATES = (
    "Queued",
    "Waiting",
    "Executing",
    "Finishing",
    "CancellationRequested",
    "Cancelling",
    "Succeeded",
    "Completed",
    "Failed",
    "Cancelled",
)

#: Final session states, as the SDK's `Session.is_in_terminal_state` has them.
#: `Failure(s)` is not final: the session still accepts jobs.
SESSION_TERMINAL_STATES = frozenset({"Succeeded", "Failed", "TimedOut"})

SESSION_STATES = ("Waiting", "Executing", "Failure(s)", "Succeeded", "Failed", "TimedOut")

#: The state names a user can filter on in the sidebar (jobs and sessions mixed,
#: as the portal's blade does), without synonyms nobody sees any more.
FILTERABLE_STATES = (
    "Waiting",
    "Executing",
    "Finishing",
    "Failure(s)",
    "Succeeded",
    "Failed",
    "Cancelled",
    "TimedOut",
)

#: Display labels of the portal's "Type" column, keyed by JobType.
JOB_TYPE_LABELS = {
    "QuantumComputing": "Quantum Computing",
    "Optimization": "Optimization",
    "Unknown": "Job",
}

SESSION_TYPE_LABEL = "Session"


def is_terminal(item_type: str, state: str | None) -> bool:
    """True when an item will never change state again."""
    if state is None:
        return False
    if item_type == "Session":
        return state in SESSION_TERMINAL_STATES
    return state in JOB_TERMINAL_STATES


def is_pending(item_type: str, state: str | None) -> bool:
    """True while polling can still observe a change."""
    return not is_terminal(item_type, state)


def type_label(item_type: str, job_type: str | None) -> str:
    """The portal's wording: "Session" or e.g. "Quantum Computing"."""
    if item_type == "Session":
        return SESSION_TYPE_LABEL
    return JOB_TYPE_LABELS.get(job_type or "Unknown", job_type or "Job")
