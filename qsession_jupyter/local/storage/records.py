"""Typed rows of the `items` table: what the store hands out and takes back.

Sessions and jobs share one table (see store.py) but not one shape: a job has
blobs, formats and a result; a session has a failure policy and an idle clock.
Frozen dataclasses make a misspelt field an AttributeError at once instead of
a silent None, and let a record be passed around without anyone changing it
behind the store's back: a change is a store operation that returns the new
record. The translation between rows and records is at the end of this file.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field, fields
from typing import Any

from .json_depth import deeper_than

log = logging.getLogger(__name__)

#: Jobs the scheduler still owes a result.
PENDING_JOB_STATES = ("Waiting", "Executing")
#: Jobs that ran (or were stopped) and will not run again.
FINISHED_JOB_STATES = ("Succeeded", "Failed", "Cancelled")
#: Sessions that never change again (contract §1.3).
TERMINAL_SESSION_STATES = ("Succeeded", "Failed", "TimedOut")


@dataclass(frozen=True, slots=True)
class SessionRecord:
    id: str
    name: str
    provider_id: str
    target: str
    status: str
    creation_time: float
    job_failure_policy: str = "Abort"
    closed: bool = False
    begin_execution_time: float | None = None
    end_execution_time: float | None = None
    last_modified_time: float | None = None
    last_activity_time: float | None = None
    #: Insertion order, set by the store (0 before the record is stored).
    seq: int = 0


@dataclass(frozen=True, slots=True)
class JobRecord:
    id: str
    name: str
    provider_id: str
    target: str
    status: str
    creation_time: float
    container: str
    input_blob: str | None
    output_blob: str | None
    input_data_format: str | None
    output_data_format: str | None
    job_type: str = "QuantumComputing"
    session_id: str | None = None
    input_params: dict[str, Any] = field(default_factory=dict)
    metadata: dict[str, str] | None = None
    tags: list[str] = field(default_factory=list)
    priority: str | None = None
    begin_execution_time: float | None = None
    end_execution_time: float | None = None
    cancellation_time: float | None = None
    last_modified_time: float | None = None
    error_code: str | None = None
    error_message: str | None = None
    cost_estimate: dict[str, Any] | None = None
    usage: dict[str, Any] | None = None
    #: How many times a worker has started it (a restart re-runs it once).
    attempts: int = 0
    seq: int = 0

    @property
    def pending(self) -> bool:
        """Queued or running: the scheduler still owes it a result."""
        return self.status in PENDING_JOB_STATES


Record = JobRecord | SessionRecord


# -- rows of the items table <-> records (the store's only translation) ---------

#: Columns stored as JSON text.
JSON_COLUMNS = ("input_params", "metadata", "tags", "cost_estimate", "usage")
_RECORD_FIELDS = {kind: {f.name for f in fields(kind)} for kind in (JobRecord, SessionRecord)}
#: Columns a record may find NULL (a hand-seeded row, unreadable JSON), and what NULL means.
_NULL_MEANS = {
    "job_failure_policy": lambda: "Abort",
    "job_type": lambda: "QuantumComputing",
    "input_params": dict,
    "tags": list,
}


def record_columns(record: Record) -> dict:
    """A record as the columns of its new row (`seq` is the database's to give)."""
    columns = asdict(record)
    del columns["seq"]
    columns["item_type"] = "Session" if isinstance(record, SessionRecord) else "Job"
    return columns


def encode_columns(columns: dict) -> dict:
    """Column values as SQLite stores them: the JSON columns as text."""
    return {
        key: (json.dumps(value) if key in JSON_COLUMNS and value is not None else value)
        for key, value in columns.items()
    }


def record_from_row(row: Mapping[str, Any]) -> Record:
    """A stored row as a record; a JSON column that cannot be read becomes empty.

    One unreadable value (nested too deeply, say, stored before the depth limit
    existed) must not make every list that includes its row fail. A value past
    the limit counts as unreadable even where this Python's decoder reads it:
    the SDK could not.
    """
    kind = SessionRecord if row["item_type"] == "Session" else JobRecord
    values = {name: row[name] for name in _RECORD_FIELDS[kind]}
    for key in JSON_COLUMNS:
        if values.get(key) is not None:
            try:
                values[key] = json.loads(values[key])
                if deeper_than(values[key]):
                    raise ValueError("nested too deeply")
            except (ValueError, RecursionError):
                log.warning(
                    "item %s: stored %s is not readable JSON; shown as empty", row["id"], key
                )
                values[key] = None
    for name, meaning in _NULL_MEANS.items():
        if name in values and values[name] is None:
            values[name] = meaning()
    if kind is SessionRecord:
        values["closed"] = bool(values["closed"])
    return kind(**values)
