"""The workspace's read side: paged lists as the SDK pages them, provider status, quotas.

Kept apart from service.py, which owns state changes: nothing here writes.
"""

from __future__ import annotations

from urllib.parse import urlencode

from ...providers.catalog import TARGETS
from ..storage.blobs import BlobStore
from ..storage.store import Store
from ..wire import validation
from ..wire.documents import item_document
from ..wire.odata import filter_to_sql, orderby_to_sql


def list_page(
    store: Store,
    blobs: BlobStore,
    sas_lifetime: float,
    scope: str,
    query: dict,
    page_url: str,
    session_id: str | None = None,
) -> dict:
    """`{"value", "nextLink"}` with an absolute nextLink, as the real service pages.

    A session's jobs come newest first and every other list oldest first, as
    the recordings show, unless `orderby` says otherwise.
    """
    if session_id is not None:
        session_id = session_id.lower()
    condition = filter_to_sql(query.get("filter"))
    order = orderby_to_sql(query.get("orderby"), default_descending=session_id is not None)
    skip, top = validation.paging(query.get("skip"), query.get("top"))
    rows = store.page(scope, condition, order, top + 1, skip, session_id)
    next_link = None
    if len(rows) > top:
        rows = rows[:top]
        follow = {k: v for k, v in query.items() if k in ("filter", "orderby") and v}
        follow.update(
            skip=str(skip + top), top=str(top), **{"api-version": query.get("api-version", "")}
        )
        next_link = f"{page_url}?{urlencode(follow)}"
    values = [item_document(row, blobs, sas_lifetime) for row in rows]
    return {"value": values, "nextLink": next_link}


def provider_status(scheduler) -> list[dict]:
    """Targets by provider; availability and average queue time from the live queue."""
    providers: dict[str, list[dict]] = {}
    for spec in TARGETS.values():
        stats = scheduler.queue_stats(spec.id)
        busy = stats["queued"] > 10 * stats["capacity"]
        providers.setdefault(spec.provider_id, []).append(
            {
                "id": spec.id,
                "currentAvailability": "Degraded" if busy else "Available",
                "averageQueueTime": stats["average_queue_seconds"],
                "statusPage": spec.status_page or None,
                "numQubits": spec.device_qubits or spec.max_qubits,
                "targetProfile": spec.target_profile,
            }
        )
    return [
        {"id": provider, "currentAvailability": "Available", "targets": targets}
        for provider, targets in providers.items()
    ]


def quotas(store: Store) -> list[dict]:
    """The local workspace never charges; it reports how many jobs it has run."""
    used = float(sum(store.count_by_state()["Job"].values()))
    return [
        {
            "dimension": "local_jobs",
            "scope": "Workspace",
            "providerId": "microsoft-local",
            "utilization": used,
            "holds": 0.0,
            "limit": 1e9,
            "period": "None",
        }
    ]
