"""What a panel knows about its session or job, kept current with few SDK calls.

A session may hold hundreds of jobs, and the panel polls it several times a
second while a loop submits jobs. Re-listing every job on each poll would cost
pages of JSON per poll, so the tracker lists everything once and then only
asks for what can have changed: the newest jobs (newest first, until it meets
a finished job it already knows) and, one by one, older jobs that were still
pending. Everything goes through the SDK's `Workspace`, like the user's code.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections import Counter
from typing import Any

from ..views import is_pending, is_terminal, iso_time
from ..views.display import parse_moment
from ..views.states import enum_text
from . import closing

#: Jobs per page of the first full listing (the service's largest page).
FULL_PAGE = 100
#: Jobs per page when looking only for new ones.
NEWEST_PAGE = 5
#: Older pending jobs re-read one by one per poll, at most.
MAX_SINGLE_READS = 10


def job_fingerprint(details: Any) -> tuple:
    """What a user would see change in a job row."""
    error = details.error_data
    return (
        enum_text(details.status),
        iso_time(details.begin_execution_time),
        iso_time(details.end_execution_time),
        bool(details.get("isCancelling")),
        enum_text(error.get("code")) if error else None,
    )


def session_fingerprint(details: Any) -> tuple:
    return (enum_text(details.status), details.name, enum_text(details.job_failure_policy))


class SessionTracker:
    """The session's details and all its jobs, newest first."""

    def __init__(self, workspace: Any, session_id: str, session: Any = None) -> None:
        self.workspace = workspace
        self.session_id = session_id
        #: The user's own `Session` object, if any: closing through it keeps
        #: `target.latest_session` in step with what the service says.
        self.user_session = session
        self.details: Any = getattr(session, "details", None)
        self.jobs: dict[str, Any] = {}
        self.order: list[str] = []
        self.loaded = False
        self.lock = threading.RLock()

    # -- reading -------------------------------------------------------------

    @property
    def state(self) -> str | None:
        return enum_text(self.details.status) if self.details is not None else None

    def job_state(self, job_id: str) -> str | None:
        return enum_text(self.jobs[job_id].status)

    def counts(self) -> Counter[str]:
        with self.lock:
            return Counter(enum_text(self.jobs[i].status) for i in self.order)

    def pending_ids(self) -> list[str]:
        with self.lock:
            return [i for i in self.order if is_pending("Job", self.job_state(i))]

    @property
    def finished(self) -> bool:
        """Nothing left to watch: the session is final and so is every job."""
        return is_terminal("Session", self.state) and not self.pending_ids()

    def last_activity(self) -> dt.datetime | None:
        """The latest submission or job end: the idle timeout counts from here."""
        with self.lock:
            moments = [parse_moment(self.details.creation_time)] if self.details is not None else []
            for job_id in self.order[:50]:
                job = self.jobs[job_id]
                moments += [parse_moment(job.creation_time), parse_moment(job.end_execution_time)]
        moments = [m for m in moments if m is not None]
        return max(moments) if moments else None

    def latest_finished(self) -> str | None:
        with self.lock:
            for job_id in self.order:
                if is_terminal("Job", self.job_state(job_id)):
                    return job_id
        return None

    # -- fetching ------------------------------------------------------------

    def _remember(self, details: Any) -> bool:
        old = self.jobs.get(details.id)
        self.jobs[details.id] = details
        if old is None:
            return True
        return job_fingerprint(old) != job_fingerprint(details)

    def _list(self, top: int):
        return self.workspace.list_session_jobs_paginated(
            session_id=self.session_id, top=top, orderby_property="CreationTime", is_asc=False
        )

    def fetch(self) -> bool:
        """Read what can have changed; True when anything the panel shows did."""
        session = self.workspace.get_session(self.session_id)
        changed = (
            not self.loaded
            or self.details is None
            or session_fingerprint(self.details) != session_fingerprint(session.details)
        )
        fresh: list[Any] = []
        seen: set[str] = set()
        for details in self._list(NEWEST_PAGE if self.loaded else FULL_PAGE):
            known = self.jobs.get(details.id)
            if self.loaded and known is not None and not is_pending("Job", enum_text(known.status)):
                break
            fresh.append(details)
            seen.add(details.id)
        older_pending = [i for i in self.pending_ids() if i not in seen][:MAX_SINGLE_READS]
        singles = [self.workspace.get_job(job_id).details for job_id in older_pending]
        with self.lock:
            self.details = session.details
            new_ids = [d.id for d in fresh if d.id not in self.jobs]
            for details in fresh + singles:
                changed = self._remember(details) or changed
            if new_ids:
                self.order = new_ids + [i for i in self.order if i not in set(new_ids)]
                if not self.loaded:
                    self.order.sort(key=lambda i: self.jobs[i].creation_time, reverse=True)
            self.loaded = True
        return changed

    # -- acting --------------------------------------------------------------

    def cancel(self, job_id: str) -> Any:
        """Ask the service to cancel a job; returns its details after the request."""
        job = self.workspace.get_job(job_id)
        details = self.workspace.cancel_job(job).details
        with self.lock:
            self._remember(details)
        return details

    def close(self) -> Any:
        """Close the session the one way every front end does (`client.closing`)."""
        session = closing.close_session(self.workspace, self.session_id, self.user_session)
        with self.lock:
            self.details = session.details
        return session.details


class JobTracker:
    """One job (for `job_monitor` and `show(job)`)."""

    def __init__(self, workspace: Any, details: Any) -> None:
        self.workspace = workspace
        self.job_id = details.id
        self.details = details
        self.loaded = False
        self.lock = threading.RLock()

    @property
    def state(self) -> str | None:
        return enum_text(self.details.status)

    @property
    def finished(self) -> bool:
        return is_terminal("Job", self.state)

    def fetch(self) -> bool:
        details = self.workspace.get_job(self.job_id).details
        with self.lock:
            changed = not self.loaded or job_fingerprint(details) != job_fingerprint(self.details)
            self.details = details
            self.loaded = True
        return changed

    def cancel(self, job_id: str | None = None) -> Any:
        job = self.workspace.get_job(self.job_id)
        details = self.workspace.cancel_job(job).details
        with self.lock:
            self.details = details
        return details
