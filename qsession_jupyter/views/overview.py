"""What a session view shows above its jobs: spend, timeline and why it failed.

One JSON shape for the sidebar's route and the same pieces for the panel, so
the two show the same amounts, the same forecast sentence and the same
timeline. Amounts are written like the "Cost estimate" column
(`items.money`): "$9.75", "12.5 HQC".
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from ..budgets import SessionBudget
from .failure import failure_text, session_failure
from .items import money
from .spend import Spend, session_spend
from .timeline import AZURE_CLOCKS, SessionClocks, session_timeline


def forecast_text(spend: Spend) -> str:
    """The meter's sentence: how many more jobs like the last one the budget holds."""
    if spend.limit is None:
        return "No budget: set one with %session budget AMOUNT."
    if spend.remaining is not None and spend.remaining <= 0:
        return "The budget is used up: raise it with %session budget AMOUNT."
    if spend.jobs_that_fit is None:
        return "No job priced yet to forecast from."
    noun = "job" if spend.jobs_that_fit == 1 else "jobs"
    last = money(spend.last_job_cost, spend.currency)
    return f"About {spend.jobs_that_fit} more {noun} like the last one ({last}) fit."


def spend_model(spend: Spend) -> dict[str, Any]:
    """Spend as JSON, with the texts every view shows."""
    return {
        "spent": spend.spent,
        "currency": spend.currency,
        "limit": spend.limit,
        "remaining": spend.remaining,
        "fraction": spend.fraction,
        "last_job_cost": spend.last_job_cost,
        "jobs_that_fit": spend.jobs_that_fit,
        "spent_display": money(spend.spent, spend.currency),
        "limit_display": money(spend.limit, spend.currency) if spend.limit is not None else None,
        "remaining_display": (
            money(spend.remaining, spend.currency) if spend.remaining is not None else None
        ),
        "forecast": forecast_text(spend),
    }


def session_overview(
    session: Any,
    jobs: list[Any],
    budget: SessionBudget | None,
    *,
    clocks: SessionClocks = AZURE_CLOCKS,
    now: dt.datetime | None = None,
) -> dict[str, Any]:
    """The sidebar's /qsession/sessions/{id}/overview body: spend, timeline, failure."""
    failure = session_failure(session, jobs)
    if failure is not None:
        failure["text"] = failure_text(failure)
    return {
        "spend": spend_model(session_spend(jobs, budget)),
        "timeline": session_timeline(session, jobs, clocks=clocks, now=now).as_json(),
        "failure": failure,
    }
