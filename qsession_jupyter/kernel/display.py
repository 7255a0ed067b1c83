"""What the magics show: a session summary, session and job tables, a submitted job.

`show_session` is the single place the session panel plugs in: today it prints
a compact text summary; the widgets package may render its panel here where
widgets render and keep this text elsewhere.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from ..views.display import counts_text, format_span, format_time, newest_first
from ..views.states import enum_text
from ..views.table import Table


def _out(obj: Any) -> None:
    """display() inside IPython (HTML where it renders), print() in scripts."""
    try:
        from IPython import get_ipython

        if get_ipython() is not None:
            from IPython.display import display

            display(obj)
            return
    except ImportError:
        pass
    print(obj)


def job_counts(jobs: list[Any]) -> str:
    """'3 jobs: 1 Executing, 2 Succeeded' (an empty session says so)."""
    return counts_text(Counter(enum_text(job.details.status) or "" for job in jobs))


def session_summary(session: Any, jobs: list[Any] | None = None) -> str:
    d = session.details
    lines = [
        f"Session '{d.name}'  id {session.id}",
        f"  target {d.target}  ·  status {enum_text(d.status) or ''}  ·  "
        f"job failure policy {enum_text(d.job_failure_policy) or 'Abort'}",
        f"  created {format_time(d.creation_time)}",
    ]
    if jobs is not None:
        lines.append(f"  {job_counts(jobs)}")
    return "\n".join(lines)


def show_session(session: Any, jobs: list[Any] | None = None) -> None:
    """Show one session: the live panel in a Jupyter kernel, a text summary elsewhere.

    Fetches the session's jobs when `jobs` is not given, so the counts are current.
    """
    from ..widgets.api import show as show_panel
    from ..widgets.api import widgets_render

    if widgets_render():
        show_panel(session)
        return
    if jobs is None:
        try:
            jobs = session.workspace.list_session_jobs(session_id=session.id)
        except Exception:
            jobs = None
    print(session_summary(session, jobs))


def show_job(job: Any, var: str | None = None) -> None:
    """A job just submitted: one line (and the variable holding it), then its live panel
    where widgets render."""
    from ..widgets.api import show as show_panel
    from ..widgets.api import widgets_render

    d = job.details
    where = f" in session {d.session_id}" if getattr(d, "session_id", None) else ""
    print(f"Submitted job '{d.name}' ({job.id}) to {d.target}{where}: {enum_text(d.status) or ''}")
    if var:
        print(f"`{var}` holds it: `{var}.get_results()` waits for its results.")
    if widgets_render():
        show_panel(job)


def show_job_details(job: Any) -> None:
    """One job with its results: the live job panel in a Jupyter kernel, its text elsewhere."""
    from ..widgets.api import show as show_panel

    show_panel(job)


def _created(item: Any) -> Any:
    return item.details.creation_time


def sessions_table(sessions: list[Any], jobs_by_session: dict[str, list[Any]]) -> Table:
    """Sessions newest first, as the panel and the sidebar list them."""
    rows = []
    for session in newest_first(sessions, _created):
        d = session.details
        rows.append(
            [
                d.name or "",
                session.id,
                d.target or "",
                enum_text(d.status) or "",
                format_time(d.creation_time),
                job_counts(jobs_by_session.get(session.id, [])),
            ]
        )
    return Table(
        ["Name", "Id", "Target", "State", "Submission time", "Jobs"],
        rows,
        empty="No sessions match.",
    )


def jobs_table(jobs: list[Any], title: str = "") -> Table:
    """Jobs newest first, as the panel and the sidebar list them."""
    rows = []
    for job in newest_first(jobs, _created):
        d = job.details
        rows.append(
            [
                d.name or "",
                job.id,
                enum_text(d.status) or "",
                format_time(d.creation_time),
                format_time(d.begin_execution_time),
                format_time(d.end_execution_time),
                format_span(d.creation_time, d.begin_execution_time),
                format_span(d.begin_execution_time, d.end_execution_time),
            ]
        )
    return Table(
        ["Name", "Id", "State", "Submitted", "Began", "Ended", "Queued", "Executing"],
        rows,
        title=title,
        empty="This session has no jobs yet.",
    )


def show(obj: Any) -> None:
    _out(obj)
