"""Sessions of the local workspace: open, close, settle, time out.

`sessions.py` says which status a session should have; this module makes it
so in the store and tells the scheduler when a session stops holding its
target. Every change happens under the workspace lock it is given (the one
the job side uses too), so a job's end and its session's transition are one
step.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

from ...providers.catalog import find_target
from ..config import ServiceConfig
from ..errors import bad_request, conflict, not_found
from ..storage.files import DiskFull
from ..storage.records import FINISHED_JOB_STATES, PENDING_JOB_STATES, SessionRecord
from ..storage.store import Store
from ..wire import validation
from . import sessions
from .scheduler import Scheduler

POLICIES = {"abort": sessions.ABORT, "continue": sessions.CONTINUE}


class SessionLifecycle:
    def __init__(
        self,
        config: ServiceConfig,
        store: Store,
        scheduler: Scheduler,
        lock: threading.RLock,
        cancel_pending_jobs: Callable[[str], None],
    ) -> None:
        self.config = config
        self.store = store
        self.scheduler = scheduler
        self._lock = lock
        #: Abort's consequence lives with the jobs; they are handed in, not imported.
        self._cancel_pending_jobs = cancel_pending_jobs

    def open(self, session_id: str, body) -> SessionRecord:
        session_id = validation.require_guid(session_id, "session")
        body = validation.require_object(body)
        spec = validation.require_target(validation.optional_string(body, "target"), bad_request)
        provider = validation.check_provider(
            validation.optional_string(body, "providerId"), spec, bad_request
        )
        policy = validation.optional_string(body, "jobFailurePolicy") or sessions.ABORT
        policy = POLICIES.get(policy.lower())
        if policy is None:
            raise bad_request("'jobFailurePolicy' must be Abort or Continue.", "InvalidRequestBody")
        # Checked like a job's; not kept, as the recorded sessions showed none.
        validation.optional_priority(body)
        now = time.time()
        with self._lock:
            if self.store.item(session_id) is not None:
                raise conflict(f"An item with id '{session_id}' already exists in this workspace.")
            return self.store.add(
                SessionRecord(
                    id=session_id,
                    name=validation.optional_string(body, "name") or f"session-{session_id}",
                    provider_id=provider,
                    target=spec.id,
                    status="Waiting",
                    creation_time=now,
                    last_modified_time=now,
                    last_activity_time=now,
                    job_failure_policy=policy,
                )
            )

    def get(self, session_id: str) -> SessionRecord:
        """The session, or a 404 that names it."""
        session_id = validation.require_guid(session_id, "session")
        session = self.store.session(session_id)
        if session is None:
            raise not_found("Session", session_id)
        return session

    def close(self, session_id: str) -> SessionRecord:
        with self._lock:
            session = self.get(session_id)
            if not sessions.is_terminal(session.status) and not session.closed:
                session = self.store.mark_session_closed(session.id, time.time())
                session = self.settle(session)
        self.scheduler.session_ended(session.id)
        return session

    def activity(self, session_id: str, now: float) -> None:
        """A job of the session was submitted or ended: restart its idle clock, settle it."""
        if self.store.session(session_id) is not None:
            self.settle(self.store.touch_session(session_id, now))

    def settle(self, session: SessionRecord) -> SessionRecord:
        """Move a session to the status its jobs imply; Abort cancels what is left."""
        status = sessions.next_status(session, self.store.session_job_counts(session.id))
        if status == session.status:
            return session
        ended = sessions.is_terminal(status)
        session = self.store.set_session_status(
            session.id,
            status,
            time.time(),
            began=status != "Waiting" and session.begin_execution_time is None,
            ended=ended,
        )
        if status == "Failed" and session.job_failure_policy == sessions.ABORT:
            self._cancel_pending_jobs(session.id)
        if ended:
            self.scheduler.session_ended(session.id)
        return session

    def settle_unfinished(self) -> None:
        """After a restart: every session not yet terminal gets the status its jobs imply."""
        for session in self.store.unfinished_sessions():
            self.settle(session)

    def restore_exclusive_holds(self) -> None:
        """After a restart: each exclusive target is held again by the session that held it.

        Holds live in the scheduler's memory; without this, a restart let another
        session's job onto a Quantinuum machine inside the holder's window. The
        holder is the open session whose job the stop interrupted (it ran again
        first), else the one whose job completed last; the window runs from that
        completion as if the service had never stopped.
        """
        holders: dict[str, tuple[bool, float, str]] = {}
        for session in self.store.unfinished_sessions():
            spec = find_target(session.target)
            if session.closed or spec is None or not spec.exclusive_sessions:
                continue
            interrupted = any(job.attempts for job in self.store.jobs_of_session(session.id))
            ends = [
                job.end_execution_time
                for job in self.store.jobs_of_session(session.id, FINISHED_JOB_STATES)
                if job.end_execution_time is not None
            ]
            if not interrupted and not ends:
                continue
            claim = (interrupted, max(ends, default=0.0), session.id)
            holders[session.target] = max(holders.get(session.target, claim), claim)
        for target, (interrupted, completed, session_id) in holders.items():
            self.scheduler.restore_hold(target, session_id, None if interrupted else completed)

    def time_out_idle(self, now: float) -> None:
        """Time out open sessions that have had nothing to do for the idle timeout."""
        timeout = self.config.session_idle_timeout
        with self._lock:
            # Only sessions already past their deadline are looked at more closely.
            for session in self.store.sessions_idle_since(now - timeout):
                deadline = sessions.idle_deadline(session, timeout)
                counts = self.store.session_job_counts(session.id)
                pending = sum(counts.get(state, 0) for state in PENDING_JOB_STATES)
                if deadline is not None and now >= deadline and not pending:
                    try:
                        self.store.set_session_status(session.id, "TimedOut", now, ended=True)
                    except DiskFull:
                        return  # the next sweep times it out; the dispatcher must not stop
                    self.scheduler.session_ended(session.id)
