"""The one-job monitor: the same pieces as the session panel, for a single job.

`job_monitor(job)` shows this where widgets render. It polls through the same
kernel poller and stops by itself when the job ends; `wait()` blocks the cell
until then, as Qiskit's old `job_monitor` did, while the poller thread keeps
the widget moving.
"""

from __future__ import annotations

import datetime as dt
import threading
from typing import Any

import ipywidgets as w

from ..client.poller import PollResult, get_poller
from ..client.tracker import JobTracker
from ..client.waiting import cap_for
from ..views import job_detail_model
from ..views.display import format_duration, format_time
from ..views.errors import error_line
from .histview import HistogramView
from .html import STYLE, copy_button, esc, note_html, state_html
from .panel import TextFallback, button, close_tree, fetch_and_render, row
from .text import job_header_text


def job_header_html(job: dict[str, Any]) -> str:
    meta = [
        f"<span>Target <b>{esc(job.get('target'))}</b></span>",
        f"<span>Submitted {esc(format_time(job['creation_time']))}</span>",
    ]
    if job.get("queued_seconds") is not None:
        meta.append(f"<span>Queued {esc(format_duration(job['queued_seconds']))}</span>")
    if job.get("executing_seconds") is not None:
        meta.append(f"<span>Executing {esc(format_duration(job['executing_seconds']))}</span>")
    if job.get("session_id"):
        meta.append(f"<span>Session <code>{esc(job['session_id'][:8])}…</code></span>")
    return (
        f'<div class="qsp qsp-header"><div><span class="qsp-title">'
        f"{esc(job['name'] or '(unnamed job)')}</span> {state_html(job['state'], badge=True)}</div>"
        f'<div class="qsp-muted">Job <code>{esc(job["id"])}</code>{copy_button(job["id"], "Copy id")}</div>'
        f'<div class="qsp-meta qsp-muted">{"".join(meta)}</div></div>'
    )


class JobPanel(TextFallback, w.VBox):
    """A live view of one job until it ends."""

    def __init__(self, tracker: JobTracker, *, poller: Any = None) -> None:
        self.tracker = tracker
        self.poller = poller or get_poller()
        self.poll_error: str | None = None
        self.ended = threading.Event()
        self._closed = False
        self._lock = threading.RLock()
        self.header = w.HTML()
        self.status = w.HTML()
        self.refresh_button = button("Refresh", icon="refresh")
        self.cancel_button = button("Cancel job", icon="ban")
        self.confirm_yes = button("Yes, cancel it", button_style="danger")
        self.confirm_no = button("No")
        self.confirm = row(
            [w.HTML("<b>Cancel this job?</b>&nbsp;"), self.confirm_yes, self.confirm_no]
        )
        self.confirm.layout.display = "none"
        self.histogram = HistogramView()
        super().__init__(
            [
                w.HTML(STYLE),
                self.header,
                self.status,
                row([self.refresh_button, self.cancel_button]),
                self.confirm,
                self.histogram,
            ]
        )
        self.add_class("qsp-job-panel")
        self.refresh_button.on_click(lambda _: self.refresh())
        self.cancel_button.on_click(lambda _: setattr(self.confirm.layout, "display", "flex"))
        self.confirm_no.on_click(lambda _: setattr(self.confirm.layout, "display", "none"))
        self.confirm_yes.on_click(lambda _: self.cancel_job())

    def model(self) -> dict[str, Any]:
        return job_detail_model(self.tracker.details, dt.datetime.now(dt.UTC))

    def poll(self) -> PollResult:
        if self._closed:
            return PollResult(done=True)
        changed = fetch_and_render(self)
        if changed is None:
            return PollResult(error=True)
        if self.tracker.finished:
            self.ended.set()
        return PollResult(
            changed=changed,
            pending=True,
            done=self.tracker.finished,
            within=None if self.tracker.finished else cap_for(self.tracker.details),
        )

    def tick(self) -> bool:
        if self._closed or self.tracker.finished:
            return False
        self.render()
        return True

    def render(self) -> None:
        with self._lock:
            job = self.model()
            self.header.value = job_header_html(job)
            self.status.value = (
                note_html(
                    f"Cannot refresh from the workspace ({self.poll_error}); retrying.", kind="warn"
                )
                if self.poll_error
                else ""
            )
            self.cancel_button.disabled = not job["can_cancel"]
        self.histogram.show(self.tracker.workspace, self.tracker.details)

    def refresh(self) -> None:
        self.poll()
        if not self._closed and not self.tracker.finished:
            self.poller.nudge(self)

    def cancel_job(self) -> None:
        self.confirm.layout.display = "none"
        try:
            self.tracker.cancel()
        except Exception as exc:  # noqa: BLE001
            self.status.value = note_html(f"Cannot cancel: {error_line(exc)}", kind="warn")
            return
        self.render()
        self.poller.nudge(self)

    def wait(self, timeout: float | None = None) -> bool:
        """Block until the job ends (the poller keeps the widget live meanwhile)."""
        return self.ended.wait(timeout)

    def close(self) -> None:
        self._closed = True
        self.ended.set()
        self.poller.remove(self)
        close_tree(self)

    def text(self) -> str:
        parts = [job_header_text(self.model())]
        histogram = self.histogram.text()
        if histogram:
            parts.append(histogram)
        return "\n".join(parts)
