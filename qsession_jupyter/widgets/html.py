"""The panel's HTML fragments, built from the shared view models.

Pure functions of the models and the current time, so tests read exactly what
a user sees. Colours are JupyterLab's theme variables (with fallbacks for
other front ends), so the panel follows the light and dark themes.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Iterable
from typing import Any

from ..views.display import (
    format_duration,
    format_time,
    ordered_counts,
    parse_moment,
    state_style,
)

STYLE = """<style>
.qsp { font-family: var(--jp-ui-font-family, sans-serif); font-size: var(--jp-ui-font-size1, 13px);
  color: var(--jp-ui-font-color1, #1f1f1f); min-width: 0; }
.qsp .qsp-title { font-size: var(--jp-ui-font-size2, 15px); font-weight: 600; overflow-wrap: anywhere; }
.qsp .qsp-muted { color: var(--jp-ui-font-color2, #616161); }
.qsp code { font-family: var(--jp-code-font-family, monospace); font-size: 0.95em;
  background: var(--jp-layout-color2, #eee); padding: 0 4px; border-radius: 3px; user-select: all;
  overflow-wrap: anywhere; }
.qsp .qsp-copy { cursor: pointer; border: 1px solid var(--jp-border-color1, #bdbdbd);
  background: var(--jp-layout-color1, #fff); color: var(--jp-ui-font-color1, #1f1f1f);
  border-radius: 3px; font-size: 0.85em; padding: 0 6px; margin-left: 4px; }
.qsp .qsp-badge { display: inline-flex; align-items: center; gap: 3px; border-radius: 10px;
  padding: 0 8px; font-weight: 600; border: 1px solid currentColor; }
.qsp .qsp-state, .qsp .qsp-count { display: inline-flex; align-items: center; gap: 3px; white-space: nowrap; }
.qsp svg.qsp-icon { flex: none; fill: currentColor; }
.qsp .qsp-meta, .qsp.qsp-meta { display: flex; flex-wrap: wrap; gap: 0 14px; }
.qsp .qsp-meta span, .qsp.qsp-meta span { white-space: nowrap; }
.qsp.qsp-counts { display: flex; flex-wrap: wrap; gap: 2px 12px; }
.qsp table.qsp-jobs { border-collapse: collapse; width: 100%; }
.qsp table.qsp-jobs th { text-align: left; font-weight: 600; padding: 2px 8px;
  border-bottom: 1px solid var(--jp-border-color1, #bdbdbd); color: var(--jp-ui-font-color2, #616161); }
.qsp table.qsp-jobs td { padding: 2px 8px; border-bottom: 1px solid var(--jp-border-color3, #eee);
  white-space: nowrap; }
.qsp table.qsp-jobs td.qsp-col-name { white-space: normal; overflow-wrap: anywhere; }
.qsp table.qsp-jobs tr.qsp-selected td { background: var(--jp-layout-color2, #eee); }
.qsp .qsp-error { border-left: 3px solid var(--jp-error-color1, #d32f2f); padding: 4px 8px;
  background: var(--jp-layout-color2, #f5f5f5); }
.qsp .qsp-note { border-left: 3px solid var(--jp-warn-color1, #f57c00); padding: 2px 8px; }
/* Reflow from a ~320 px notebook to full width: rows wrap, nothing scrolls sideways. */
.qsp-panel, .qsp-job-panel { container-type: inline-size; overflow: visible; }
.qsp-panel .qsp-row, .qsp-job-panel .qsp-row { flex-wrap: wrap; gap: 4px; overflow: visible;
  min-width: 0; max-width: 100%; }
.qsp-panel .qsp-row .jupyter-button, .qsp-job-panel .qsp-row .jupyter-button { width: auto;
  min-width: 0; flex: 0 1 auto; margin: 0; }
.qsp-panel .qsp-row .widget-toggle-button, .qsp-job-panel .qsp-row .widget-toggle-button {
  width: auto; padding: 0 10px; }
.qsp-panel .qsp-histogram img, .qsp-job-panel .qsp-histogram img { width: 100%; height: auto;
  margin-left: 0; margin-right: 0; }
/* Ids whole where there is room, as in the sidebar; short (the title has it all) elsewhere. */
.qsp table.qsp-jobs .qsp-id-full { display: none; }
@container (min-width: 1100px) {
  .qsp table.qsp-jobs .qsp-id-full { display: inline; }
  .qsp table.qsp-jobs .qsp-id-short { display: none; }
}
@container (max-width: 560px) {
  .qsp table.qsp-jobs .qsp-col-queued, .qsp table.qsp-jobs .qsp-col-executing { display: none; }
}
@container (max-width: 400px) {
  .qsp table.qsp-jobs .qsp-col-id { display: none; }
  .qsp table.qsp-jobs td, .qsp table.qsp-jobs th { padding: 2px 4px; }
}
/* A disabled button looks disabled, whatever its style (warning, danger). */
.qsp-panel .jupyter-button:disabled, .qsp-job-panel .jupyter-button:disabled {
  background: var(--jp-layout-color2, #eee) !important; color: var(--jp-ui-font-color3, #9e9e9e)
  !important; border: 1px dashed var(--jp-border-color1, #bdbdbd) !important; box-shadow: none
  !important; opacity: 1 !important; cursor: not-allowed; }
/* A panel from before a kernel restart: ipywidgets marks it disconnected. */
.qsp-panel.jupyter-widgets-disconnected::before, .qsp-panel .jupyter-widgets-disconnected::before,
.qsp-job-panel.jupyter-widgets-disconnected::before,
.qsp-job-panel .jupyter-widgets-disconnected::before { content: none; display: none; }
.qsp-panel.jupyter-widgets-disconnected .jupyter-button,
.qsp-job-panel.jupyter-widgets-disconnected .jupyter-button,
.qsp-panel.jupyter-widgets-disconnected select,
.qsp-job-panel.jupyter-widgets-disconnected select {
  pointer-events: none; background: var(--jp-layout-color2, #eee) !important;
  color: var(--jp-ui-font-color3, #9e9e9e) !important;
  border: 1px dashed var(--jp-border-color1, #bdbdbd) !important; box-shadow: none !important; }
.qsp-panel.jupyter-widgets-disconnected .qsp-badge,
.qsp-panel.jupyter-widgets-disconnected .qsp-state,
.qsp-panel.jupyter-widgets-disconnected .qsp-count,
.qsp-job-panel.jupyter-widgets-disconnected .qsp-badge { filter: grayscale(1); opacity: 0.6; }
.qsp-panel.jupyter-widgets-disconnected .qsp-header::before,
.qsp-job-panel.jupyter-widgets-disconnected .qsp-header::before {
  content: "Disconnected: the kernel restarted, so this panel no longer updates. Show the session again for a live panel.";
  display: block; margin-bottom: 4px; padding: 2px 8px; font-weight: 600;
  border-left: 3px solid var(--jp-warn-color1, #f57c00); background: var(--jp-layout-color2, #f5f5f5); }
</style>"""


def esc(value: Any) -> str:
    return html.escape("" if value is None else str(value), quote=True)


def icon_svg(state: str | None, size: int = 14) -> str:
    """The state's icon, the same shapes the sidebar draws."""
    return (
        f'<svg class="qsp-icon" viewBox="0 0 16 16" width="{size}" height="{size}" '
        f'aria-hidden="true"><path d="{state_style(state).path}"/></svg>'
    )


def state_html(state: str | None, *, badge: bool = False) -> str:
    style = state_style(state)
    css = "qsp-badge" if badge else "qsp-state"
    return (
        f'<span class="{css}" data-state="{esc(state)}" data-tone="{style.tone}" '
        f'style="color:{style.colour}">{icon_svg(state)}{esc(state or "Unknown")}</span>'
    )


def copy_button(text: str, label: str = "Copy") -> str:
    """A button that copies `text` in the browser (no round trip through a busy kernel)."""
    payload = esc(text).replace("'", "&#39;")
    return (
        f'<button class="qsp-copy" title="Copy to the clipboard" '
        f"onclick=\"navigator.clipboard&amp;&amp;navigator.clipboard.writeText('{payload}');"
        f"this.textContent='Copied';\">{esc(label)}</button>"
    )


def header_html(session: dict[str, Any]) -> str:
    """Name, state, id (with its copy button), target, policy and creation time.

    It changes only when the session does, so the id can be selected and the
    copy button's "Copied" stays; the running clocks are in `clock_html`.
    """
    meta = [
        f"<span>Target <b>{esc(session.get('target'))}</b></span>",
        f"<span>Failure policy <b>{esc(session.get('job_failure_policy') or 'Abort')}</b></span>",
        f"<span>Created {esc(format_time(session.get('creation_time')))}</span>",
    ]
    return (
        f'<div class="qsp qsp-header">'
        f'<div><span class="qsp-title">{esc(session.get("name") or "(unnamed session)")}</span> '
        f"{state_html(session.get('state'), badge=True)}</div>"
        f'<div class="qsp-muted">Session <code>{esc(session.get("id"))}</code>'
        f"{copy_button(session.get('id') or '', 'Copy id')}</div>"
        f'<div class="qsp-meta qsp-muted">{"".join(meta)}</div></div>'
    )


def clock_html(
    session: dict[str, Any],
    *,
    now: dt.datetime,
    last_activity: dt.datetime | None,
    idle_timeout: float | None,
    waiting_for_jobs: bool,
) -> str:
    """The session's elapsed time and, while it waits for jobs, the idle-timeout countdown."""
    created = parse_moment(session.get("creation_time"))
    ended = parse_moment(session.get("end_execution_time"))
    terminal = not session.get("pending", True)
    if terminal:
        end = ended or last_activity or now
    else:
        end = now
    elapsed = (end - created).total_seconds() if created else None
    parts = [f'<span class="qsp-elapsed">Elapsed {esc(format_duration(elapsed))}</span>']
    if waiting_for_jobs and not terminal and idle_timeout and last_activity is not None:
        left = idle_timeout - (now - last_activity).total_seconds()
        text = format_duration(max(left, 0.0)) if left > 0 else "any moment now"
        parts.append(f'<span class="qsp-countdown">Idle timeout in <b>{esc(text)}</b></span>')
    return f'<div class="qsp qsp-clock qsp-meta qsp-muted">{"".join(parts)}</div>'


def counts_html(counts: dict[str, int], total: int) -> str:
    parts = [f"<span><b>{total}</b> job{'s' if total != 1 else ''}</span>"]
    for state, count in ordered_counts(counts):
        style = state_style(state)
        parts.append(
            f'<span class="qsp-count" data-state="{esc(state)}" style="color:{style.colour}">'
            f"{icon_svg(state)}{count} {esc(state)}</span>"
        )
    return f'<div class="qsp qsp-counts">{"".join(parts)}</div>'


JOB_COLUMNS = ("Name", "Id", "Status", "Submitted", "Queued", "Executing")


def _column_class(column: str) -> str:
    return f"qsp-col-{column.lower()}"


def jobs_table_html(rows: Iterable[dict[str, Any]], *, selected: str | None, empty: str) -> str:
    """One page of job rows (models from `views.job_detail_model`)."""
    head = "".join(f'<th class="{_column_class(c)}">{c}</th>' for c in JOB_COLUMNS)
    body = []
    for row in rows:
        css = ' class="qsp-selected"' if row["id"] == selected else ""
        body.append(
            f'<tr data-job-id="{esc(row["id"])}" data-state="{esc(row["state"])}"{css}>'
            f'<td class="qsp-col-name">{esc(row["name"])}</td>'
            f'<td class="qsp-col-id"><code title="{esc(row["id"])}">'
            f'<span class="qsp-id-short">{esc(row["id"][:8])}…</span>'
            f'<span class="qsp-id-full">{esc(row["id"])}</span></code></td>'
            f'<td class="qsp-col-status">{state_html(row["state"])}</td>'
            f'<td class="qsp-col-submitted">{esc(format_time(row["creation_time"]))}</td>'
            f'<td class="qsp-col-queued">{esc(format_duration(row["queued_seconds"]))}</td>'
            f'<td class="qsp-col-executing">{esc(format_duration(row["executing_seconds"]))}</td></tr>'
        )
    if not body:
        body.append(
            f'<tr><td colspan="{len(JOB_COLUMNS)}" class="qsp-muted">{esc(empty)}</td></tr>'
        )
    return (
        f'<div class="qsp"><table class="qsp-jobs"><thead><tr>{head}</tr></thead>'
        f"<tbody>{''.join(body)}</tbody></table></div>"
    )


def error_html(error: dict[str, str] | None, *, job_name: str = "") -> str:
    """A failed job's code and message, in place of its histogram."""
    error = error or {"code": "Unknown", "message": "The service gave no error message."}
    who = f"Job {esc(job_name)} failed" if job_name else "The job failed"
    return (
        f'<div class="qsp qsp-error"><b>{who}: {esc(error["code"])}</b>'
        f'<div class="qsp-error-message">{esc(error["message"])}</div></div>'
    )


def note_html(text: str, *, kind: str = "muted") -> str:
    """A line of text; kind "warn" is a note, "error" a banner that cannot be missed."""
    css = {"warn": "qsp-note", "error": "qsp-error qsp-banner"}.get(kind, "qsp-muted")
    role = ' role="alert"' if kind == "error" else ""
    return f'<div class="qsp {css}"{role}>{esc(text)}</div>' if text else ""
