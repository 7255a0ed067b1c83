"""Jobs of the local workspace: submit, cancel, edit, delete, and their runs' ends.

The scheduler decides when a job runs; this module records it: Waiting to
Executing when a worker takes it (`start`), and the outcome when it stops
(`finish`). A full disk never leaves a job Executing: its end is recorded as
a failure with the reason, or kept in memory and retried by the sweep.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable

from ...providers.catalog import find_target
from ..config import ServiceConfig
from ..errors import conflict, invalid_job, not_found
from ..execution.contract import ExecutionOutcome, ExecutionRequest
from ..execution.formats import FORMATS
from ..storage.blobs import BlobStore
from ..storage.files import DiskFull
from ..storage.records import JobRecord
from ..storage.store import Store
from ..wire import validation
from . import sessions
from .scheduler import Scheduler
from .session_lifecycle import SessionLifecycle

log = logging.getLogger(__name__)

#: A restart re-runs an interrupted job once; the next interruption fails it.
MAX_ATTEMPTS = 2


class JobLifecycle:
    def __init__(
        self,
        config: ServiceConfig,
        store: Store,
        blobs: BlobStore,
        scheduler: Scheduler,
        lock: threading.RLock,
        session_lifecycle: SessionLifecycle,
        listeners: list[Callable[[str], None]],
    ) -> None:
        self.config = config
        self.store = store
        self.blobs = blobs
        self.scheduler = scheduler
        self._lock = lock
        self._sessions = session_lifecycle
        self._listeners = listeners
        #: Job ends a full disk kept from the store: job id -> outcome (see finish).
        self._unrecorded: dict[str, ExecutionOutcome] = {}

    # -- what clients ask --------------------------------------------------------

    def submit(self, job_id: str, body) -> JobRecord:
        job_id = validation.require_guid(job_id, "job")
        body = validation.require_object(body)
        spec = validation.require_target(validation.optional_string(body, "target"))
        provider = validation.check_provider(validation.optional_string(body, "providerId"), spec)
        input_format, output_format = validation.check_formats(body, spec)
        container = validation.container_from_uri(body.get("containerUri"))
        input_blob = validation.blob_from_uri(body.get("inputDataUri"), container, "inputData")
        params = body.get("inputParams") or {}
        if not isinstance(params, dict):
            raise invalid_job("'inputParams' must be a JSON object.")
        session_id = body.get("sessionId")
        if session_id is not None:
            session_id = validation.require_guid(str(session_id), "session")
        now = time.time()
        with self._lock:
            if self.store.item(job_id) is not None:
                raise conflict(f"A job with id '{job_id}' already exists in this workspace.")
            if session_id:
                session = self.store.session(session_id)
                reason = sessions.rejection_for_new_job(session, session_id, spec.id)
                if reason:
                    raise invalid_job(reason)
            job = self.store.add(
                JobRecord(
                    id=job_id,
                    name=validation.optional_string(body, "name") or f"job-{job_id}",
                    provider_id=provider,
                    target=spec.id,
                    status="Waiting",
                    session_id=session_id,
                    creation_time=now,
                    last_modified_time=now,
                    input_data_format=input_format,
                    output_data_format=output_format,
                    container=container,
                    input_blob=input_blob,
                    output_blob=FORMATS[input_format].output_blob,
                    input_params=params,
                    metadata=validation.string_metadata(body.get("metadata")),
                    tags=validation.string_list(body.get("tags"), "tags"),
                    priority=validation.optional_priority(body),
                )
            )
            try:
                self.blobs.create_container(container)
                if session_id:
                    self._sessions.activity(session_id, now)
            except DiskFull:
                self._undo_submission(job)
                raise
            self._enqueue(job)
        return job

    def _undo_submission(self, job: JobRecord) -> None:
        """A full disk stopped a submission half way (the client gets 507): remove the
        job, or, if not even that can be written, queue it so it cannot sit Waiting forever."""
        try:
            self.store.delete_item(job.id)
        except DiskFull:
            self._enqueue(job)

    def get(self, job_id: str) -> JobRecord:
        """The job, or a 404 that names it."""
        job_id = validation.require_guid(job_id, "job")
        job = self.store.job(job_id)
        if job is None:
            raise not_found("Job", job_id)
        return job

    def cancel(self, job_id: str) -> JobRecord:
        with self._lock:
            return self._cancel(self.get(job_id))

    def cancel_pending_in_session(self, session_id: str) -> None:
        """Abort: a failure ended the session, so its queued and running jobs stop."""
        for job in self.store.jobs_of_session(session_id):
            self._cancel(job)

    def _cancel(self, job: JobRecord) -> JobRecord:
        if not job.pending:
            return job  # already finished: cancelling again is harmless, as a retried POST must be
        where = self.scheduler.cancel(job.id)
        if where == "running":
            return job  # finish records Cancelled when its worker stops
        try:
            job = self.store.mark_job_finished(job.id, "Cancelled", time.time())
        except DiskFull:
            if where == "queued":  # still Waiting in the store: it must stay in its queue
                self._enqueue(job)
            raise
        self._after_end(job)
        return job

    def update(self, job_id: str, body) -> JobRecord:
        body = validation.require_object(body)
        with self._lock:
            job = self.get(job_id)
            changes = {}
            if "name" in body:
                changes["name"] = validation.optional_string(body, "name") or job.name
            if "priority" in body:
                changes["priority"] = validation.optional_priority(body)
            if "tags" in body:
                changes["tags"] = validation.string_list(body.get("tags"), "tags")
            return self.store.edit_job(job.id, time.time(), changes)

    def delete(self, job_id: str) -> None:
        with self._lock:
            job = self._cancel(self.get(job_id))
            if job.pending:
                raise conflict("The job is stopping; delete it again in a moment.")
            self.store.delete_item(job.id)

    # -- what the scheduler reports ------------------------------------------------

    def start(self, job_id: str) -> ExecutionRequest | None:
        with self._lock:
            job = self.store.job(job_id)
            if job is None or job.status != "Waiting":
                return None
            job = self.store.mark_job_started(job_id, time.time())
        data = self.blobs.read(job.container, job.input_blob) or b""
        return ExecutionRequest(
            job_id=job_id,
            target_id=job.target,
            input_format=job.input_data_format,
            output_format=job.output_data_format,
            input_data=data,
            input_params=job.input_params or {},
            timeout=self.config.job_timeout,
        )

    def finish(self, job_id: str, outcome: ExecutionOutcome) -> None:
        """Record a job's end. A full disk never leaves it Executing: the job fails
        with the reason, and when not even that can be written, the sweep retries."""
        try:
            self._record_outcome(job_id, outcome)
            return
        except DiskFull as full:
            outcome = ExecutionOutcome.failed(
                full.code, f"The job ran, but its result could not be saved. {full.message}"
            )
        try:
            self._record_outcome(job_id, outcome)
        except DiskFull:
            log.warning("job %s: the disk is full; its end is recorded when space returns", job_id)
            with self._lock:
                self._unrecorded[job_id] = outcome

    def retry_unrecorded(self) -> None:
        with self._lock:
            waiting = list(self._unrecorded.items())
        for job_id, outcome in waiting:
            try:
                self._record_outcome(job_id, outcome)
            except DiskFull:
                return  # still full: try again at the next sweep
            with self._lock:
                self._unrecorded.pop(job_id, None)

    def _record_outcome(self, job_id: str, outcome: ExecutionOutcome) -> None:
        with self._lock:
            job = self.store.job(job_id)
            if job is None or not job.pending:
                return  # cancelled meanwhile (Abort, user) or deleted: never complete twice
            now = time.time()
            if outcome.status == "Succeeded":
                self.blobs.write(
                    job.container, job.output_blob, outcome.output or b"{}", "application/json"
                )
                job = self.store.mark_job_finished(
                    job_id,
                    "Succeeded",
                    now,
                    usage=outcome.usage,
                    cost_estimate=_cost_estimate(job.target, outcome.usage),
                )
            elif outcome.status == "Cancelled":
                job = self.store.mark_job_finished(job_id, "Cancelled", now, usage=outcome.usage)
            else:
                job = self.store.mark_job_finished(
                    job_id,
                    "Failed",
                    now,
                    usage=outcome.usage,
                    error_code=outcome.error_code or "JobFailed",
                    error_message=outcome.error_message or "The job failed.",
                )
            self._after_end(job)

    def _after_end(self, job: JobRecord) -> None:
        if job.session_id:
            self._sessions.activity(job.session_id, time.time())
        for listener in self._listeners:
            listener(job.id)

    def _enqueue(self, job: JobRecord) -> None:
        self.scheduler.enqueue(job.seq, job.id, job.target, job.session_id)

    def recover(self) -> None:
        """After a restart: re-run interrupted jobs once, then queue everything waiting."""
        for job in self.store.jobs_in_state("Executing"):
            if job.attempts >= MAX_ATTEMPTS:
                self.store.mark_job_finished(
                    job.id,
                    "Failed",
                    time.time(),
                    error_code="ServiceRestarted",
                    error_message="The local workspace service stopped twice while this job "
                    "was running, so it was not started a third time. Submit it again.",
                )
            else:
                self.store.requeue_job(job.id)
        for job in self.store.jobs_in_state("Waiting"):
            self._enqueue(job)


def _cost_estimate(target_id: str, usage: dict | None) -> dict | None:
    spec = find_target(target_id)
    return spec.provider.cost_estimate(spec, usage or {}) if spec else None
