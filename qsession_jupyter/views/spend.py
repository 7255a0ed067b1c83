"""What a session has spent, against its budget: one model for the kernel, the panel
and the sidebar.

The service prices a job (`costEstimate`) only once it has run, so a pending
job's cost comes from the estimate the budget book recorded when it was
submitted. Spent is therefore the service's figure for finished jobs plus the
recorded estimates of pending ones (and of jobs submitted so recently that the
listing does not show them yet). The kernel refuses a submission from the same
figure the views show, so the meter and the refusal never disagree.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from ..budgets import SessionBudget
from ..providers.billing import billed_amount
from .display import parse_moment
from .items import _details
from .states import JOB_SUCCESS_STATES, JOB_TERMINAL_STATES, enum_text

__all__ = ["Spend", "job_cost", "session_spend"]


@dataclass(frozen=True)
class Spend:
    """A session's spending, in `currency` ("USD", or "HQC" for Quantinuum)."""

    spent: float
    currency: str
    #: The budget, or None when the session has none.
    limit: float | None
    #: What is left of the budget (never below 0), or None without one.
    remaining: float | None
    #: spent / limit, clipped to 0..1, or None without a budget.
    fraction: float | None
    #: The cost of the newest job whose cost is known (service figure or estimate).
    last_job_cost: float | None
    #: "About N more jobs like the last one fit"; None without a budget or a priced job.
    jobs_that_fit: int | None


def _get(details: Any, key: str) -> Any:
    getter = getattr(details, "get", None)
    return getter(key) if callable(getter) else None


def _service_cost(details: Any) -> tuple[float | None, str]:
    """The service's figure and currency, or (None, "") when it gave none.

    Quantinuum's `costEstimate` says 0 USD and carries the HQCs as events;
    `billed_amount` reads it in HQC, the currency its budgets count in.
    """
    estimate = _get(details, "costEstimate")
    if not estimate or _get(estimate, "estimatedTotal") is None:
        return None, ""
    as_dict = getattr(estimate, "as_dict", None)  # an SDK model; plain JSON as is
    return billed_amount(as_dict() if callable(as_dict) else estimate)


def job_cost(job: Any, recorded: float | None = None) -> float | None:
    """What one job counts against the budget, or None when nothing is known yet.

    Finished: the service's figure; a succeeded job the service has not priced
    yet keeps its recorded estimate; a failed or cancelled one without a price
    cost nothing. Pending: its recorded estimate.
    """
    details = _details(job)
    status = enum_text(_get(details, "status"))
    service, _ = _service_cost(details)
    if status in JOB_TERMINAL_STATES:
        if service is not None:
            return service
        return recorded if status in JOB_SUCCESS_STATES else 0.0
    return recorded


def session_spend(jobs: Iterable[Any], budget: SessionBudget | None) -> Spend:
    """The session's `Spend` from its jobs (SDK `Job`s or their details, any order)
    and its entry in the budget book (None when it has none)."""
    recorded = dict(budget.estimates) if budget is not None else {}
    spent = 0.0
    last: float | None = None
    currency = budget.currency if budget is not None else ""
    seen: set[str] = set()
    for _, job in _by_creation(jobs):
        details = _details(job)
        job_id = str(_get(details, "id") or getattr(job, "id", "") or "")
        seen.add(job_id)
        cost = job_cost(job, recorded.get(job_id))
        currency = currency or _service_cost(details)[1]
        if cost is not None:
            spent += cost
            last = cost
    for job_id, amount in recorded.items():  # submitted, not listed yet: newest of all
        if job_id not in seen:
            spent += amount
            last = amount
    limit = budget.limit if budget is not None else None
    if limit is None:
        return Spend(spent, currency, None, None, None, last, None)
    remaining = max(0.0, limit - spent)
    if limit > 0:
        fraction = min(1.0, spent / limit)
    else:
        fraction = 1.0 if spent > 0 else 0.0
    fit = math.floor(remaining / last + 1e-9) if last else None
    return Spend(spent, currency, limit, remaining, fraction, last, fit)


def _by_creation(jobs: Iterable[Any]) -> list[tuple[int, Any]]:
    """The jobs oldest first by creation time (listing order breaks ties and fills gaps)."""
    indexed = list(enumerate(jobs))
    moments = [parse_moment(_get(_details(job), "creationTime")) for _, job in indexed]
    if any(moment is None for moment in moments):
        return indexed
    return sorted(indexed, key=lambda pair: (moments[pair[0]], pair[0]))
