"""Which states are final, how item types are labelled, and SDK enums as text.

The sidebar and the panel both decide "keep polling?" and "can this be
cancelled?" from these sets, so they never disagree about what is pending.
"""

from __future__ import annotations

from typing import Any

#: Final job states. `Completed` is an older synonym of `Succeeded`.
JOB_TERMINAL_STATES = frozenset({"Succeeded", "Completed", "Failed", "Cancelled"})

#: Job states whose results can be read.
JOB_SUCCESS_STATES = frozenset({"Succeeded", "Completed"})

#: Final session states, as the SDK's `Session.is_in_terminal_state` has them.
#: `Failure(s)` is not final: the session still accepts jobs.
SESSION_TERMINAL_STATES = frozenset({"Succeeded", "Failed", "TimedOut"})

#: Every session state, in the order a session goes through them.
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


def enum_text(value: Any) -> str | None:
    """An SDK enum member (JobStatus, ItemType, ...) as its wire value; None stays None.

    The SDK returns enum members for some fields and plain strings for others
    (and for values newer than the SDK), so every reader goes through here.
    """
    if value is None:
        return None
    return str(getattr(value, "value", value))
