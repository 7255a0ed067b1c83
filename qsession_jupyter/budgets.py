"""The budget book: a session's spending limit and the estimates of its jobs.

A budget must hold wherever a session is looked at: the kernel refuses a
submission that would pass it, and the panel and the sidebar (served by the
Jupyter server, another process) show how much of it is spent. Both read the
same small JSON file per session, kept under the local service's data
directory (`QSESSION_DATA_DIR` when set), for local and Azure sessions alike:
a session id is a GUID, unique across workspaces.

The book records, for each job submitted through a bound target, the estimate
made before it was sent: the service reports a job's `costEstimate` only once
it has run, so what a pending job will cost is known only from here.
Plain Python, no SDK: the views and every side of the package import it.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import threading
from dataclasses import dataclass, field, replace
from pathlib import Path

from filelock import FileLock

__all__ = ["SessionBudget", "budgets_dir", "load", "record_estimate", "save"]

_SAFE_ID = re.compile(r"^[A-Za-z0-9_.-]{1,100}$")
#: One kernel submits a primitive's jobs from several threads; the file lock
#: serialises processes, this lock the threads of one process.
_THREADS = threading.Lock()


@dataclass(frozen=True)
class SessionBudget:
    """What the book holds for one session.

    `limit` is None when the session has no budget but its jobs' estimates are
    recorded all the same (so a budget set later counts them). `currency` is the
    target's: "USD", or "HQC" for Quantinuum.
    """

    session_id: str
    limit: float | None
    currency: str
    #: job id -> the estimate recorded when it was submitted (pending or finished).
    estimates: dict[str, float] = field(default_factory=dict)


def budgets_dir() -> Path:
    """Where the book lives: beside the local service's data, one file per session."""
    from .local.config import default_data_dir

    return default_data_dir() / "budgets"


def _path(session_id: str) -> Path:
    name = session_id if _SAFE_ID.match(session_id) and session_id[0] != "." else None
    if name is None:  # any other id still gets its own file, never a path outside the book
        name = "id-" + hashlib.sha256(session_id.encode()).hexdigest()[:32]
    return budgets_dir() / f"{name}.json"


def _lock(path: Path) -> FileLock:
    path.parent.mkdir(parents=True, exist_ok=True)
    return FileLock(str(path.with_suffix(".lock")), timeout=10)


def _read(path: Path, session_id: str) -> SessionBudget | None:
    try:
        data = json.loads(path.read_text())
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("session_id") != session_id:
        return None
    limit = data.get("limit")
    estimates = data.get("estimates")
    return SessionBudget(
        session_id=session_id,
        limit=float(limit) if isinstance(limit, (int, float)) else None,
        currency=str(data.get("currency") or ""),
        estimates={
            str(job): float(amount)
            for job, amount in (estimates.items() if isinstance(estimates, dict) else ())
            if isinstance(amount, (int, float))
        },
    )


def _write(path: Path, budget: SessionBudget) -> None:
    data = {
        "session_id": budget.session_id,
        "limit": budget.limit,
        "currency": budget.currency,
        "estimates": dict(budget.estimates),
    }
    temporary = path.with_suffix(f".{os.getpid()}.{threading.get_ident()}.tmp")
    temporary.write_text(json.dumps(data, indent=1))
    os.replace(temporary, path)


def load(session_id: str) -> SessionBudget | None:
    """The session's entry in the book, or None when it has none (or it cannot be read)."""
    return _read(_path(session_id), session_id)


def save(budget: SessionBudget) -> None:
    """Write the session's entry whole (a new limit, say), replacing what was there.

    Estimates recorded meanwhile by another process are kept: the entry's own
    estimates are added to those on file, never dropped.
    """
    path = _path(budget.session_id)
    with _THREADS, _lock(path):
        current = _read(path, budget.session_id)
        estimates = {**(current.estimates if current else {}), **budget.estimates}
        _write(path, replace(budget, estimates=estimates))


def record_estimate(session_id: str, job_id: str, amount: float, currency: str) -> None:
    """Record what a job submitted into the session was estimated to cost.

    Creates the session's entry (without a limit) when it has none, so a budget
    set later still counts the jobs submitted before it.
    """
    path = _path(session_id)
    with _THREADS, _lock(path):
        current = _read(path, session_id) or SessionBudget(session_id, None, currency)
        estimates = {**current.estimates, job_id: float(amount)}
        _write(path, replace(current, currency=current.currency or currency, estimates=estimates))
