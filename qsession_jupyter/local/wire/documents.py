"""Store records rendered as the JSON bodies the real service returns (contract §2.3).

Field names, casing and the quirks the SDK relies on live here and nowhere
else: `itemType` exactly "Job"/"Session", lower-case `providerId`, metadata
values as strings, URIs without SAS in the PUT answer and with read-only SAS
afterwards.
"""

from __future__ import annotations

from ..storage.blobs import BlobStore
from ..storage.records import JobRecord, Record, SessionRecord
from .timefmt import iso


def job_document(
    job: JobRecord, blobs: BlobStore, sas_lifetime: float, signed: bool = True
) -> dict:
    """Read-only SAS URIs, or with `signed=False` bare URIs: the PUT answer echoes
    them without any SAS, as the real service does."""
    container, status = job.container, job.status

    def uri(blob: str | None, permissions: str) -> str | None:
        if blob is None and permissions == "r":
            return None
        if not signed:
            return blobs.url(container, blob)
        return blobs.signed_url(container, blob, permissions, sas_lifetime)

    error = None
    if job.error_code:
        error = {"code": job.error_code, "message": job.error_message or ""}
    document = {
        "id": job.id,
        "name": job.name,
        "providerId": job.provider_id,
        "target": job.target,
        "itemType": "Job",
        "jobType": job.job_type or "QuantumComputing",
        "sessionId": job.session_id,
        "containerUri": uri(None, "rl"),
        "inputDataUri": uri(job.input_blob, "r"),
        "inputDataFormat": job.input_data_format,
        "inputParams": job.input_params or {},
        "outputDataUri": uri(job.output_blob, "r"),
        "outputDataFormat": job.output_data_format,
        "status": status,
        "metadata": job.metadata,
        "creationTime": iso(job.creation_time),
        "beginExecutionTime": iso(job.begin_execution_time),
        "endExecutionTime": iso(job.end_execution_time),
        "cancellationTime": iso(job.cancellation_time),
        "lastModifiedTime": iso(job.last_modified_time),
        "costEstimate": job.cost_estimate,
        "errorData": error,
        "isCancelling": False,
        "tags": job.tags or [],
        "jobPriority": "Basic",
        "quantumComputingData": {"count": 1} if status == "Succeeded" else None,
    }
    if job.priority:
        document["priority"] = job.priority
    return document


def session_document(session: SessionRecord) -> dict:
    return {
        "id": session.id,
        "name": session.name,
        "providerId": session.provider_id,
        "target": session.target,
        "itemType": "Session",
        "jobFailurePolicy": session.job_failure_policy or "Abort",
        "status": session.status,
        "creationTime": iso(session.creation_time),
        "beginExecutionTime": iso(session.begin_execution_time),
        "endExecutionTime": iso(session.end_execution_time),
        "lastModifiedTime": iso(session.last_modified_time),
        "costEstimate": None,
        "jobPriority": "Basic",
    }


def item_document(item: Record, blobs: BlobStore, sas_lifetime: float) -> dict:
    if isinstance(item, SessionRecord):
        return session_document(item)
    return job_document(item, blobs, sas_lifetime)
