"""The local workspace: sessions, jobs and lists, in plain Python.

The HTTP layer (http/) is a thin translation of these methods; the scheduler
calls back into `start_job`, `finish_job` and `sweep`. The work is split by
idea: `session_lifecycle` (open, close, settle, time out), `job_lifecycle`
(submit, cancel, runs' ends) and `listing` (the read side). They share one
lock, so a job's end and its session's transition are one step.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from ..config import ServiceConfig
from ..errors import bad_request
from ..execution.contract import ExecutionOutcome, ExecutionRequest
from ..storage.blobs import BlobStore
from ..storage.records import JobRecord
from ..storage.store import Store
from ..wire import validation
from ..wire.documents import job_document, session_document
from . import listing
from .job_lifecycle import JobLifecycle
from .scheduler import Pool, Scheduler
from .session_lifecycle import SessionLifecycle


class LocalWorkspaceService:
    def __init__(self, config: ServiceConfig, store: Store, blobs: BlobStore, pool: Pool) -> None:
        self.config = config
        self.store = store
        self.blobs = blobs
        lock = threading.RLock()
        self._listeners: list[Callable[[str], None]] = []
        self.scheduler = Scheduler(config, pool, self)
        # Each side needs the other (a job's end settles its session; Abort cancels the
        # session's jobs): the sessions get the job side as a callable, looked up late.
        self.sessions = SessionLifecycle(
            config,
            store,
            self.scheduler,
            lock,
            cancel_pending_jobs=lambda session_id: self.jobs.cancel_pending_in_session(session_id),
        )
        self.jobs = JobLifecycle(
            config, store, blobs, self.scheduler, lock, self.sessions, self._listeners
        )
        self.jobs.recover()
        self.sessions.settle_unfinished()
        self.sessions.restore_exclusive_holds()

    def start(self) -> None:
        self.scheduler.start()

    def stop(self) -> None:
        self.scheduler.stop()

    def on_job_change(self, listener: Callable[[str], None]) -> None:
        """Called with a job id whenever a job reaches a terminal state."""
        self._listeners.append(listener)

    # -- targets, quotas, storage ---------------------------------------------

    def provider_status(self) -> list[dict]:
        return listing.provider_status(self.scheduler)

    def quotas(self) -> list[dict]:
        return listing.quotas(self.store)

    def sas_uri(self, body: dict) -> str:
        body = validation.require_object(body)
        container = validation.optional_string(body, "containerName", 63)
        if not container or not validation.CONTAINER_NAME.match(container):
            raise bad_request(
                "'containerName' must be 3-63 lower-case letters, digits or dashes.",
                "InvalidContainerName",
            )
        blob = validation.optional_string(body, "blobName", 1024)
        self.blobs.create_container(container)
        permissions = "rcw" if blob else "rwlac"
        return self.blobs.signed_url(container, blob, permissions, self.config.sas_lifetime)

    # -- sessions --------------------------------------------------------------

    def open_session(self, session_id: str, body) -> dict:
        return session_document(self.sessions.open(session_id, body))

    def get_session(self, session_id: str) -> dict:
        return session_document(self.sessions.get(session_id))

    def close_session(self, session_id: str) -> dict:
        return session_document(self.sessions.close(session_id))

    # -- jobs ------------------------------------------------------------------

    def submit_job(self, job_id: str, body) -> dict:
        job = self.jobs.submit(job_id, body)
        return job_document(job, self.blobs, self.config.sas_lifetime, signed=False)

    def get_job(self, job_id: str) -> JobRecord:
        return self.jobs.get(job_id)

    def job_document(self, job: JobRecord) -> dict:
        return job_document(job, self.blobs, self.config.sas_lifetime)

    def cancel_job(self, job_id: str) -> dict:
        return self.job_document(self.jobs.cancel(job_id))

    def update_job(self, job_id: str, body) -> dict:
        job = self.jobs.update(job_id, body)
        answer = {"id": job.id, "name": job.name, "tags": job.tags or []}
        if job.priority:  # as GET: a job never given a priority has none to show
            answer["priority"] = job.priority
        return answer

    def delete_job(self, job_id: str) -> None:
        self.jobs.delete(job_id)

    # -- scheduler hooks ---------------------------------------------------------

    def start_job(self, job_id: str) -> ExecutionRequest | None:
        return self.jobs.start(job_id)

    def finish_job(self, job_id: str, outcome: ExecutionOutcome) -> None:
        self.jobs.finish(job_id, outcome)

    def sweep(self, now: float) -> None:
        """Record job ends a full disk held back, and time out idle sessions."""
        self.jobs.retry_unrecorded()
        self.sessions.time_out_idle(now)

    # -- lists -------------------------------------------------------------------

    def list_items(
        self, scope: str, query: dict, page_url: str, session_id: str | None = None
    ) -> dict:
        """One page of jobs, sessions, top-level items, or (with session_id) a session's jobs."""
        if session_id is not None:
            self.sessions.get(session_id)
        return listing.list_page(
            self.store, self.blobs, self.config.sas_lifetime, scope, query, page_url, session_id
        )
