"""Turn the SDK's sessions and jobs into JSON-ready dicts.

One serialiser for every view: the Jupyter server's routes (and so the
sidebar) and the kernel's panel both build their rows here, so a state, a time
or a cost is shown the same way everywhere. Every function takes either the
SDK object (`Job`, `Session`) or its details model (`JobDetails`,
`SessionDetails`, `ItemDetails` from a top-level listing) and reads only what
the data-plane contract returns, so the same code serves the local workspace
and Azure.
"""

from __future__ import annotations

import datetime as dt
from enum import Enum
from typing import Any

from ..providers.billing import HQC, billed_amount
from .display import parse_moment
from .states import enum_text, is_pending, is_terminal, type_label

_CURRENCY_SYMBOLS = {"USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥"}


def _details(obj: Any) -> Any:
    """Accept an SDK item (which wraps details) or the details model itself."""
    return getattr(obj, "details", obj)


def iso_time(value: Any) -> str | None:
    """An RFC 3339 UTC timestamp ("...Z") that browsers and Python both parse."""
    moment = parse_moment(value)
    if moment is None:
        return None
    return moment.astimezone(dt.UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def _plain(value: Any) -> Any:
    """SDK models are mappings; nested values must become plain JSON types."""
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, Enum):
        return enum_text(value)
    if isinstance(value, dt.datetime):
        return iso_time(value)
    if hasattr(value, "items"):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return str(value)


def cost_model(cost_estimate: Any) -> dict[str, Any] | None:
    """The "Cost estimate" column and its breakdown; None when the service gave none.

    Quantinuum's estimate says 0 USD and carries its price as HQC events (Azure
    sells HQCs with no list price): it is shown, and summed, in HQC.
    """
    if not cost_estimate:
        return None
    plain = _plain(cost_estimate)
    currency = enum_text(plain.get("currencyCode")) or ""
    total = plain.get("estimatedTotal")
    total = float(total) if total is not None else None
    if total is not None:
        billed, billed_currency = billed_amount(plain)
        if billed_currency == HQC:
            total, currency = billed, HQC
    events = []
    for event in plain.get("events") or []:
        events.append(
            {
                "dimension": event.get("dimensionName") or event.get("dimensionId"),
                "unit": event.get("measureUnit"),
                "unit_price": event.get("unitPrice"),
                "consumed": event.get("amountConsumed"),
                "billed": event.get("amountBilled"),
            }
        )
    return {
        "currency": currency,
        "total": total,
        "display": money(total, currency),
        "events": events,
    }


def money(total: float | None, currency: str) -> str:
    """An amount as every view writes it: "$9.75", "€1.5", "12.5 HQC", or "--"."""
    if total is None:
        return "--"
    symbol = _CURRENCY_SYMBOLS.get(currency)
    amount = f"{total:.2f}".rstrip("0").rstrip(".") if total else "0"
    return f"{symbol}{amount}" if symbol else f"{amount} {currency}".strip()


def error_model(error_data: Any) -> dict[str, str] | None:
    """Code and message of a failed item, with a fallback so no "null: null" is shown."""
    if not error_data:
        return None
    code = enum_text(error_data.get("code")) or "Unknown"
    message = enum_text(error_data.get("message")) or "The service gave no error message."
    return {"code": code, "message": message}


def item_model(obj: Any) -> dict[str, Any]:
    """One row of the sessions/jobs list (the portal's Job management columns)."""
    details = _details(obj)
    item_type = enum_text(details.get("itemType")) or "Job"
    state = enum_text(details.get("status"))
    job_type = enum_text(details.get("jobType")) if item_type == "Job" else None
    return {
        "id": details.get("id"),
        "name": details.get("name") or "",
        "item_type": item_type,
        "job_type": job_type,
        "type": type_label(item_type, job_type),
        "provider_id": details.get("providerId"),
        "target": details.get("target"),
        "state": state,
        "pending": is_pending(item_type, state),
        "creation_time": iso_time(details.get("creationTime")),
        "begin_execution_time": iso_time(details.get("beginExecutionTime")),
        "end_execution_time": iso_time(details.get("endExecutionTime")),
        "cost": cost_model(details.get("costEstimate")),
        "error": error_model(details.get("errorData")),
        "priority": enum_text(details.get("priority")),
        "tags": list(details.get("tags") or []),
    }


def session_model(obj: Any) -> dict[str, Any]:
    """A session row plus what only sessions have."""
    details = _details(obj)
    model = item_model(details)
    model["item_type"] = "Session"
    model["type"] = type_label("Session", None)
    model["job_failure_policy"] = enum_text(details.get("jobFailurePolicy"))
    model["can_close"] = not is_terminal("Session", model["state"])
    return model


def job_model(obj: Any) -> dict[str, Any]:
    """A job row (in the top-level list or a session's "All jobs")."""
    details = _details(obj)
    model = item_model(details)
    model["item_type"] = "Job"
    model["session_id"] = details.get("sessionId")
    model["input_data_format"] = details.get("inputDataFormat")
    model["output_data_format"] = details.get("outputDataFormat")
    model["can_cancel"] = not is_terminal("Job", model["state"]) and not details.get("isCancelling")
    return model


def any_item_model(obj: Any) -> dict[str, Any]:
    """A top-level item, whichever kind it is."""
    details = _details(obj)
    if enum_text(details.get("itemType")) == "Session":
        return session_model(details)
    return job_model(details)


def _seconds_between(start: Any, end: Any) -> float | None:
    begin, finish = parse_moment(start), parse_moment(end)
    if begin is None or finish is None:
        return None
    return max(0.0, (finish - begin).total_seconds())


def job_detail_model(obj: Any, now: dt.datetime | None = None) -> dict[str, Any]:
    """Everything the job details view shows, except the results summary.

    `queued_seconds` and `executing_seconds` run up to `now` while the job is
    still in that phase, so a view can show a live "queued for 12 s".
    """
    details = _details(obj)
    now = now or dt.datetime.now(dt.UTC)
    model = job_model(details)
    created = details.get("creationTime")
    began = details.get("beginExecutionTime")
    ended = details.get("endExecutionTime")
    if began is not None:
        queued = _seconds_between(created, began)
    elif ended is None and model["pending"]:
        queued = _seconds_between(created, now)
    else:
        queued = None
    executing = _seconds_between(began, ended if ended is not None else now) if began else None
    model.update(
        {
            "input_params": _plain(details.get("inputParams")),
            "metadata": _plain(details.get("metadata")),
            "cancellation_time": iso_time(details.get("cancellationTime")),
            "queued_seconds": queued,
            "executing_seconds": executing,
            "is_cancelling": bool(details.get("isCancelling")),
        }
    )
    return model


def session_jobs_model(jobs: list[Any]) -> dict[str, Any]:
    """What a session row adds from its jobs: counts by state and the summed cost.

    The portal's blade shows a session's cost estimate; the service leaves it
    empty while the session runs, so the views add up its jobs' estimates, in
    HQC for Quantinuum (see `cost_model`). The sum is honest: one currency only
    (a mix shows no sum rather than a wrong one), and "so far" while a job is
    still pending, since the service prices a job only once it has run.
    """
    counts: dict[str, int] = {}
    totals: dict[str, float] = {}
    pending = 0
    for job in jobs:
        details = _details(job)
        state = enum_text(details.get("status")) or "Unknown"
        counts[state] = counts.get(state, 0) + 1
        pending += is_pending("Job", state)
        cost = cost_model(details.get("costEstimate"))
        if cost is not None and cost["total"] is not None:
            totals[cost["currency"]] = totals.get(cost["currency"], 0.0) + cost["total"]
    summed = None
    if len(totals) == 1:
        ((currency, total),) = totals.items()
        summed = cost_model({"currencyCode": currency, "estimatedTotal": total, "events": []})
        if pending:
            summed["display"] += " so far"
    return {"total": len(jobs), "counts": counts, "cost": summed}


def with_session_jobs(model: dict[str, Any], jobs: list[Any]) -> dict[str, Any]:
    """A session row with its job counts, and the jobs' summed cost when the service gave none."""
    summary = session_jobs_model(jobs)
    model["jobs"] = {"total": summary["total"], "counts": summary["counts"]}
    if model.get("cost") is None and summary["cost"] is not None:
        model["cost"] = summary["cost"]
    return model
