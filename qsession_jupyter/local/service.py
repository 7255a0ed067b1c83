"""The local workspace: sessions, jobs and lists, in plain Python.

The HTTP layer (http/) is a thin translation of these methods; the scheduler
calls back into `start_job`, `finish_job` and `sweep`. One lock guards every
state change, so a job's end and its session's transition are one step.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable

from . import listing, sessions, validation
from .blobs import BlobStore
from .config import ServiceConfig
from .documents import job_document, session_document
from .errors import bad_request, conflict, invalid_job, not_found
from .execution.contract import ExecutionOutcome, ExecutionRequest
from .files import DiskFull
from .pricing import cost_estimate
from .scheduler import Pool, Scheduler
from .store import PENDING_JOB_STATES, Store
from .targets import find_target

log = logging.getLogger(__name__)


class LocalWorkspaceService:
    def __init__(self, config: ServiceConfig, store: Store, blobs: BlobStore, pool: Pool) -> None:
        self.config = config
        self.store = store
        self.blobs = blobs
        self._lock = threading.RLock()
        self._listeners: list[Callable[[str], None]] = []
        #: Job ends a full disk kept from the store: job id -> outcome (see finish_job).
        self._unrecorded: dict[str, ExecutionOutcome] = {}
        self.scheduler = Scheduler(config, pool, self)
        self._recover()

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
        session_id = validation.require_guid(session_id, "session")
        body = validation.require_object(body)
        spec = validation.require_target(validation.optional_string(body, "target"), bad_request)
        provider = validation.check_provider(
            validation.optional_string(body, "providerId"), spec, bad_request
        )
        policy = validation.optional_string(body, "jobFailurePolicy") or sessions.ABORT
        policy = {"abort": sessions.ABORT, "continue": sessions.CONTINUE}.get(policy.lower())
        if policy is None:
            raise bad_request("'jobFailurePolicy' must be Abort or Continue.", "InvalidRequestBody")
        now = time.time()
        with self._lock:
            if self.store.get_item(session_id) is not None:
                raise conflict(f"An item with id '{session_id}' already exists in this workspace.")
            row = self.store.insert_item(
                {
                    "id": session_id,
                    "item_type": "Session",
                    "name": validation.optional_string(body, "name") or f"session-{session_id}",
                    "provider_id": provider,
                    "target": spec.id,
                    "status": "Waiting",
                    "creation_time": now,
                    "last_modified_time": now,
                    "last_activity_time": now,
                    "job_failure_policy": policy,
                }
            )
        return session_document(row)

    def get_session(self, session_id: str) -> dict:
        return session_document(self._session(session_id))

    def close_session(self, session_id: str) -> dict:
        with self._lock:
            row = self._session(session_id)
            if not sessions.is_terminal(row["status"]) and not row["closed"]:
                row = self.store.update_item(row["id"], closed=1, last_modified_time=time.time())
                row = self._settle_session(row)
        self.scheduler.session_ended(row["id"])
        return session_document(row)

    def _session(self, session_id: str) -> dict:
        session_id = validation.require_guid(session_id, "session")
        row = self.store.get_item(session_id)
        if row is None or row["item_type"] != "Session":
            raise not_found("Session", session_id)
        return row

    def _settle_session(self, row: dict) -> dict:
        """Move a session to the status its jobs imply; Abort cancels what is left."""
        status = sessions.next_status(row, self.store.session_job_counts(row["id"]))
        if status == row["status"]:
            return row
        now = time.time()
        changes = {"status": status, "last_modified_time": now}
        if status != "Waiting" and row.get("begin_execution_time") is None:
            changes["begin_execution_time"] = now
        if sessions.is_terminal(status):
            changes["end_execution_time"] = now
        row = self.store.update_item(row["id"], **changes)
        if status == "Failed" and row["job_failure_policy"] == sessions.ABORT:
            self._cancel_pending_jobs(row["id"])
        if sessions.is_terminal(status):
            self.scheduler.session_ended(row["id"])
        return row

    def _cancel_pending_jobs(self, session_id: str) -> None:
        pending = self.store.select_items(
            "session_id = ? AND status IN ('Waiting', 'Executing')", [session_id], "seq"
        )
        for job in pending:
            self._cancel(job)

    def sweep(self, now: float) -> None:
        """Time out open sessions that have had nothing to do for the idle timeout,
        and record job ends that a full disk held back."""
        self._retry_unrecorded()
        with self._lock:
            # Only sessions already past their deadline are looked at more closely.
            candidates = self.store.select_items(
                "item_type = 'Session' AND status IN ('Waiting', 'Executing') AND closed = 0"
                " AND COALESCE(last_activity_time, creation_time) <= ?",
                [now - self.config.session_idle_timeout],
                "seq",
            )
            for row in candidates:
                deadline = sessions.idle_deadline(row, self.config.session_idle_timeout)
                counts = self.store.session_job_counts(row["id"])
                pending = sum(counts.get(state, 0) for state in PENDING_JOB_STATES)
                if deadline is not None and now >= deadline and not pending:
                    try:
                        self.store.update_item(
                            row["id"],
                            status="TimedOut",
                            end_execution_time=now,
                            last_modified_time=now,
                        )
                    except DiskFull:
                        return  # the next sweep times it out; the dispatcher must not stop
                    self.scheduler.session_ended(row["id"])

    # -- jobs ------------------------------------------------------------------

    def submit_job(self, job_id: str, body) -> dict:
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
            if self.store.get_item(job_id) is not None:
                raise conflict(f"A job with id '{job_id}' already exists in this workspace.")
            session = None
            if session_id:
                session = self.store.get_item(session_id)
                if session is not None and session["item_type"] != "Session":
                    session = None
                reason = sessions.rejection_for_new_job(session, session_id, spec.id)
                if reason:
                    raise invalid_job(reason)
            row = self.store.insert_item(
                {
                    "id": job_id,
                    "item_type": "Job",
                    "job_type": "QuantumComputing",
                    "name": validation.optional_string(body, "name") or f"job-{job_id}",
                    "provider_id": provider,
                    "target": spec.id,
                    "status": "Waiting",
                    "session_id": session_id,
                    "creation_time": now,
                    "last_modified_time": now,
                    "input_data_format": input_format,
                    "output_data_format": output_format,
                    "container": container,
                    "input_blob": input_blob,
                    "output_blob": "outputData" if input_format == "qir.v1" else "rawOutputData",
                    "input_params": params,
                    "metadata": validation.string_metadata(body.get("metadata")),
                    "tags": validation.string_list(body.get("tags"), "tags"),
                    "priority": validation.optional_string(body, "priority"),
                }
            )
            try:
                self.blobs.create_container(container)
                if session is not None:
                    session = self.store.update_item(session_id, last_activity_time=now)
                    self._settle_session(session)
            except DiskFull:
                self._undo_submission(row)
                raise
            self.scheduler.enqueue(row["seq"], job_id, spec.id, session_id)
        return job_document(row, self.blobs, self.config.sas_lifetime, signed=False)

    def _undo_submission(self, row: dict) -> None:
        """A full disk stopped a submission half way (the client gets 507): remove the
        job, or, if not even that can be written, queue it so it cannot sit Waiting forever."""
        try:
            self.store.delete_item(row["id"])
        except DiskFull:
            self.scheduler.enqueue(row["seq"], row["id"], row["target"], row["session_id"])

    def get_job_row(self, job_id: str) -> dict:
        job_id = validation.require_guid(job_id, "job")
        row = self.store.get_item(job_id)
        if row is None or row["item_type"] != "Job":
            raise not_found("Job", job_id)
        return row

    def job_document(self, row: dict) -> dict:
        return job_document(row, self.blobs, self.config.sas_lifetime)

    def cancel_job(self, job_id: str) -> dict:
        with self._lock:
            row = self._cancel(self.get_job_row(job_id))
        return self.job_document(row)

    def _cancel(self, row: dict) -> dict:
        if row["status"] not in PENDING_JOB_STATES:
            return row  # already finished: cancelling again is harmless, as a retried POST must be
        where = self.scheduler.cancel(row["id"])
        if where == "running":
            return row  # finish_job records Cancelled when its worker stops
        now = time.time()
        try:
            cancelled = self.store.update_item(
                row["id"],
                status="Cancelled",
                cancellation_time=now,
                end_execution_time=now,
                last_modified_time=now,
            )
        except DiskFull:
            if where == "queued":  # still Waiting in the store: it must stay in its queue
                self.scheduler.enqueue(row["seq"], row["id"], row["target"], row["session_id"])
            raise
        row = cancelled
        self._after_job_end(row)
        return row

    def update_job(self, job_id: str, body) -> dict:
        body = validation.require_object(body)
        with self._lock:
            row = self.get_job_row(job_id)
            changes = {"last_modified_time": time.time()}
            if "name" in body:
                changes["name"] = validation.optional_string(body, "name") or row["name"]
            if "priority" in body:
                changes["priority"] = validation.optional_string(body, "priority")
            if "tags" in body:
                changes["tags"] = validation.string_list(body.get("tags"), "tags")
            row = self.store.update_item(row["id"], **changes)
        return {
            "id": row["id"],
            "name": row["name"],
            "priority": row.get("priority"),
            "tags": row["tags"] or [],
        }

    def delete_job(self, job_id: str) -> None:
        with self._lock:
            row = self._cancel(self.get_job_row(job_id))
            if row["status"] in PENDING_JOB_STATES:
                raise conflict("The job is stopping; delete it again in a moment.")
            self.store.delete_item(row["id"])

    # -- scheduler hooks ---------------------------------------------------------

    def start_job(self, job_id: str) -> ExecutionRequest | None:
        with self._lock:
            row = self.store.get_item(job_id)
            if row is None or row["status"] != "Waiting":
                return None
            now = time.time()
            row = self.store.update_item(
                job_id,
                status="Executing",
                begin_execution_time=now,
                last_modified_time=now,
                attempts=row["attempts"] + 1,
            )
        data = self.blobs.read(row["container"], row["input_blob"]) or b""
        return ExecutionRequest(
            job_id=job_id,
            target_id=row["target"],
            input_format=row["input_data_format"],
            output_format=row["output_data_format"],
            input_data=data,
            input_params=row["input_params"] or {},
            timeout=self.config.job_timeout,
        )

    def finish_job(self, job_id: str, outcome: ExecutionOutcome) -> None:
        """Record a job's end. A full disk never leaves it Executing: the job fails
        with the reason, and when not even that can be written, `sweep` retries."""
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

    def _retry_unrecorded(self) -> None:
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
            row = self.store.get_item(job_id)
            if row is None or row["status"] not in PENDING_JOB_STATES:
                return  # cancelled meanwhile (Abort, user) or deleted: never complete twice
            now = time.time()
            changes: dict = {
                "end_execution_time": now,
                "last_modified_time": now,
                "usage": outcome.usage or None,
            }
            if outcome.status == "Succeeded":
                self.blobs.write(
                    row["container"],
                    row["output_blob"],
                    outcome.output or b"{}",
                    "application/json",
                )
                changes.update(
                    status="Succeeded", cost_estimate=_cost_estimate(row["target"], outcome.usage)
                )
            elif outcome.status == "Cancelled":
                changes.update(status="Cancelled", cancellation_time=now)
            else:
                changes.update(
                    status="Failed",
                    error_code=outcome.error_code or "JobFailed",
                    error_message=outcome.error_message or "The job failed.",
                )
            row = self.store.update_item(job_id, **changes)
            self._after_job_end(row)

    def _after_job_end(self, row: dict) -> None:
        if row.get("session_id"):
            session = self.store.get_item(row["session_id"])
            if session is not None:
                now = time.time()
                session = self.store.update_item(session["id"], last_activity_time=now)
                self._settle_session(session)
        for listener in self._listeners:
            listener(row["id"])

    def _recover(self) -> None:
        """After a restart: re-run interrupted jobs once, then queue everything waiting."""
        interrupted = self.store.select_items(
            "item_type = 'Job' AND status = 'Executing'", [], "seq"
        )
        for row in interrupted:
            if row["attempts"] >= 2:
                now = time.time()
                self.store.update_item(
                    row["id"],
                    status="Failed",
                    end_execution_time=now,
                    last_modified_time=now,
                    error_code="ServiceRestarted",
                    error_message="The local workspace service stopped twice while this job was "
                    "running, so it was not started a third time. Submit it again.",
                )
            else:
                self.store.update_item(row["id"], status="Waiting")
        for row in self.store.select_items("item_type = 'Job' AND status = 'Waiting'", [], "seq"):
            self.scheduler.enqueue(row["seq"], row["id"], row["target"], row["session_id"])
        for row in self.store.select_items(
            "item_type = 'Session' AND status NOT IN ('Succeeded', 'Failed', 'TimedOut')", [], "seq"
        ):
            self._settle_session(row)

    # -- lists -------------------------------------------------------------------

    def list_items(
        self, scope: str, query: dict, page_url: str, session_id: str | None = None
    ) -> dict:
        """One page of jobs, sessions, top-level items, or (with session_id) a session's jobs."""
        if session_id is not None:
            self._session(session_id)
        return listing.list_page(
            self.store, self.blobs, self.config.sas_lifetime, scope, query, page_url, session_id
        )


def _cost_estimate(target_id: str, usage: dict) -> dict | None:
    spec = find_target(target_id)
    return cost_estimate(spec, usage or {}) if spec else None
