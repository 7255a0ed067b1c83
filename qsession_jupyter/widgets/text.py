"""The panel as plain text: what terminals, nbconvert and logs show instead of widgets."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ..views.display import format_duration, format_time
from ..views.table import Table


def session_header_text(session: dict[str, Any]) -> str:
    created = session.get("creation_time")
    return "\n".join(
        [
            f"Session '{session.get('name') or ''}'  id {session.get('id')}",
            f"  target {session.get('target')}  ·  state {session.get('state')}  ·  "
            f"failure policy {session.get('job_failure_policy') or 'Abort'}",
            f"  created {format_time(created)}",
        ]
    )


def jobs_text(rows: Iterable[dict[str, Any]], *, title: str = "", more: int = 0) -> str:
    table = Table(
        ["Name", "Id", "State", "Submitted", "Queued", "Executing"],
        [
            [
                row["name"],
                row["id"],
                row["state"] or "",
                format_time(row["creation_time"]),
                format_duration(row["queued_seconds"]),
                format_duration(row["executing_seconds"]),
            ]
            for row in rows
        ],
        title=title,
        empty="This session has no jobs yet.",
    )
    text = str(table)
    if more:
        text += f"\n… and {more} older job{'s' if more != 1 else ''}"
    return text


def job_header_text(job: dict[str, Any]) -> str:
    parts = [
        f"Job '{job['name']}'  id {job['id']}",
        f"  target {job.get('target')}  ·  state {job['state']}",
    ]
    times = [f"submitted {format_time(job['creation_time'])}"]
    if job.get("queued_seconds") is not None:
        times.append(f"queued {format_duration(job['queued_seconds'])}")
    if job.get("executing_seconds") is not None:
        times.append(f"executing {format_duration(job['executing_seconds'])}")
    parts.append("  " + "  ·  ".join(times))
    return "\n".join(parts)
