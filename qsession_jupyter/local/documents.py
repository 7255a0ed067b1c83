"""Store rows rendered as the JSON bodies the real service returns (contract §2.3).

Field names, casing and the quirks the SDK relies on live here and nowhere
else: `itemType` exactly "Job"/"Session", lower-case `providerId`, metadata
values as strings, URIs without SAS in the PUT answer and with read-only SAS
afterwards.
"""

from __future__ import annotations

from .blobs import BlobStore
from .timefmt import iso


def job_document(row: dict, blobs: BlobStore, sas_lifetime: float, signed: bool = True) -> dict:
    """Read-only SAS URIs, or with `signed=False` bare URIs: the PUT answer echoes
    them without any SAS, as the real service does."""
    container, status = row["container"], row["status"]

    def uri(blob: str | None, permissions: str) -> str | None:
        if blob is None and permissions == "r":
            return None
        if not signed:
            return blobs.url(container, blob)
        return blobs.signed_url(container, blob, permissions, sas_lifetime)

    error = None
    if row.get("error_code"):
        error = {"code": row["error_code"], "message": row.get("error_message") or ""}
    document = {
        "id": row["id"],
        "name": row["name"],
        "providerId": row["provider_id"],
        "target": row["target"],
        "itemType": "Job",
        "jobType": row.get("job_type") or "QuantumComputing",
        "sessionId": row.get("session_id"),
        "containerUri": uri(None, "rl"),
        "inputDataUri": uri(row.get("input_blob"), "r"),
        "inputDataFormat": row.get("input_data_format"),
        "inputParams": row.get("input_params") or {},
        "outputDataUri": uri(row.get("output_blob"), "r"),
        "outputDataFormat": row.get("output_data_format"),
        "status": status,
        "metadata": row.get("metadata"),
        "creationTime": iso(row["creation_time"]),
        "beginExecutionTime": iso(row.get("begin_execution_time")),
        "endExecutionTime": iso(row.get("end_execution_time")),
        "cancellationTime": iso(row.get("cancellation_time")),
        "lastModifiedTime": iso(row.get("last_modified_time")),
        "costEstimate": row.get("cost_estimate"),
        "errorData": error,
        "isCancelling": False,
        "tags": row.get("tags") or [],
        "jobPriority": "Basic",
        "quantumComputingData": {"count": 1} if status == "Succeeded" else None,
    }
    if row.get("priority"):
        document["priority"] = row["priority"]
    return document


def session_document(row: dict) -> dict:
    return {
        "id": row["id"],
        "name": row["name"],
        "providerId": row["provider_id"],
        "target": row["target"],
        "itemType": "Session",
        "jobFailurePolicy": row.get("job_failure_policy") or "Abort",
        "status": row["status"],
        "creationTime": iso(row["creation_time"]),
        "beginExecutionTime": iso(row.get("begin_execution_time")),
        "endExecutionTime": iso(row.get("end_execution_time")),
        "lastModifiedTime": iso(row.get("last_modified_time")),
        "costEstimate": None,
        "jobPriority": "Basic",
    }


def item_document(row: dict, blobs: BlobStore, sas_lifetime: float) -> dict:
    if row["item_type"] == "Session":
        return session_document(row)
    return job_document(row, blobs, sas_lifetime)
