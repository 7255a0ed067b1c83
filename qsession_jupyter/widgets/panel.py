"""The session panel: header, jobs, the selected job's histogram, and actions.

It is a watcher of the kernel's single poller: `poll()` runs on the poller
thread, fetches through the tracker and sets widget traits; nothing here
captures output from a thread. Clicks (refresh, cancel, close) run on the
kernel's shell thread, which the front end can only reach while no cell runs;
the sidebar's routes are the way to act while a long loop is running.
"""

from __future__ import annotations

import datetime as dt
import threading
from typing import Any

import ipywidgets as w

from ..client.poller import PollResult, get_poller
from ..client.tracker import SessionTracker
from ..client.waiting import cap_for
from ..views import is_pending, job_detail_model, session_model
from ..views.display import counts_text
from ..views.errors import error_line
from ..views.states import enum_text
from ..views.timeline import AZURE_CLOCKS, SessionClocks
from .histview import HistogramView
from .html import STYLE, clock_html, counts_html, esc, header_html, jobs_table_html, note_html
from .overview import OverviewWidgets
from .spend import SPEND_STYLE
from .text import jobs_text, session_header_text
from .timeline import TIMELINE_STYLE

PAGE_SIZE = 20
#: The service's idle timeout (Azure: 10 minutes without a new job).
DEFAULT_IDLE_TIMEOUT = 600.0
AUTO = ""


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def fetch_and_render(panel: Any) -> bool | None:
    """One poll of a panel's tracker: whether anything changed, or None on an error.

    An error is shown in the panel and polling goes on (the poller backs off);
    the next successful fetch clears it.
    """
    try:
        changed = panel.tracker.fetch()
    except Exception as exc:  # noqa: BLE001 - shown in the panel, polling goes on
        panel.poll_error = error_line(exc)
        panel.render()
        return None
    changed = changed or panel.poll_error is not None
    panel.poll_error = None
    if changed:
        panel.render()
    return changed


def button(description: str, **kwargs: Any) -> w.Button:
    """A button as wide as its label: it wraps to the next line instead of shrinking to "…"."""
    return w.Button(description=description, layout=w.Layout(width="auto"), **kwargs)


def row(children: list[w.Widget]) -> w.HBox:
    """A row of controls that wraps at narrow widths (no sideways scrollbar of its own)."""
    box = w.HBox(children, layout=w.Layout(flex_flow="row wrap", overflow="visible"))
    box.add_class("qsp-row")
    return box


class TextFallback:
    """A widget whose text/plain is its readable text form, for front ends without widgets
    (nbconvert, plain Jupyter clients), instead of ipywidgets' one-line placeholder."""

    def text(self) -> str:
        raise NotImplementedError

    def _repr_mimebundle_(self, **kwargs: Any) -> dict:
        bundle = super()._repr_mimebundle_(**kwargs)
        if isinstance(bundle, tuple):
            bundle = bundle[0]
        return {**bundle, "text/plain": self.text()}


class SessionPanel(TextFallback, w.VBox):
    """A live view of one session; see `qsession_jupyter.widgets.show`."""

    def __init__(
        self,
        tracker: SessionTracker,
        *,
        idle_timeout: float | None = DEFAULT_IDLE_TIMEOUT,
        page_size: int = PAGE_SIZE,
        poller: Any = None,
        clocks: SessionClocks = AZURE_CLOCKS,
    ) -> None:
        self.tracker = tracker
        self.idle_timeout = idle_timeout
        self.overview = OverviewWidgets(clocks)
        self.page_size = page_size
        self.page = 0
        self.poller = poller or get_poller()
        self.poll_error: str | None = None
        self._lock = threading.RLock()
        self._closed = False
        self._pending_cancel: str | None = None

        self.header = w.HTML()
        self.clock = w.HTML()
        self.status = w.HTML()
        self.banner = self.overview.banner
        self.spend = self.overview.spend
        self.counts = w.HTML()
        self.timeline = self.overview.timeline
        self.table = w.HTML(layout=w.Layout(max_height="420px", overflow_y="auto"))
        self.newer = button("◀ Newer")
        self.older = button("Older ▶")
        self.page_label = w.HTML()
        self.pager = row([self.newer, self.page_label, self.older])
        self.picker = w.Dropdown(
            description="Histogram of",
            options=[("latest finished", AUTO)],
            value=AUTO,
            layout=w.Layout(width="100%", max_width="420px"),
            style={"description_width": "95px"},
        )
        self.refresh_button = button("Refresh", icon="refresh")
        self.cancel_button = button("Cancel job", icon="ban", disabled=True)
        self.close_button = button("Close session", icon="stop", button_style="warning")
        self.stop_button = button("Stop watching", icon="times", tooltip="Close this panel")
        self.confirm_text = w.HTML()
        self.confirm_yes = button("Yes, cancel it", button_style="danger")
        self.confirm_no = button("No")
        self.confirm = row([self.confirm_text, self.confirm_yes, self.confirm_no])
        self.confirm.layout.display = "none"
        self.histogram = HistogramView()
        actions = row(
            [self.refresh_button, self.cancel_button, self.close_button, self.stop_button]
        )
        super().__init__(
            [
                w.HTML(STYLE + SPEND_STYLE + TIMELINE_STYLE),  # once, not in every update
                self.header,
                self.clock,
                self.banner,
                self.status,
                self.spend,
                self.counts,
                self.timeline,
                self.table,
                self.pager,
                row([self.picker]),
                actions,
                self.confirm,
                self.histogram,
            ]
        )
        self.add_class("qsp-panel")
        self.newer.on_click(lambda _: self._turn(-1))
        self.older.on_click(lambda _: self._turn(+1))
        self.picker.observe(lambda _: self.render(), names="value")
        self.refresh_button.on_click(lambda _: self.refresh())
        self.cancel_button.on_click(lambda _: self._ask_cancel())
        self.confirm_yes.on_click(lambda _: self._do_cancel())
        self.confirm_no.on_click(lambda _: self._hide_confirm())
        self.close_button.on_click(lambda _: self.close_session())
        self.stop_button.on_click(lambda _: self.close())

    # -- the poller's side ---------------------------------------------------

    def poll(self) -> PollResult:
        if self._closed:
            return PollResult(done=True)
        changed = fetch_and_render(self)
        if changed is None:
            return PollResult(error=True)
        pending = self.tracker.pending_ids()
        within = min((cap_for(self.tracker.jobs[i]) for i in pending), default=None)
        return PollResult(
            changed=changed, pending=bool(pending), done=self.tracker.finished, within=within
        )

    def tick(self) -> bool:
        if self._closed or self.tracker.details is None:
            return False
        self.histogram.catch_up()
        if self.tracker.pending_ids():
            self.render()  # the rows' "queued" and "executing" clocks run too
        else:
            self._render_header()
            # The gap since the last job grows, and the idle timeout comes closer.
            self.overview.render_timeline(
                self.tracker.details, self._all_jobs(), _now(), self._jobs_key()
            )
        return not self.tracker.finished

    # -- rendering -----------------------------------------------------------

    def _session(self) -> dict[str, Any]:
        return session_model(self.tracker.details)

    def _waiting_for_jobs(self) -> bool:
        return not self.tracker.pending_ids()

    def _render_header(self) -> None:
        with self._lock:
            session = self._session()
            self.header.value = header_html(session)  # unchanged values are not re-sent
            self.clock.value = clock_html(
                session,
                now=_now(),
                last_activity=self.tracker.last_activity(),
                idle_timeout=self.idle_timeout,
                waiting_for_jobs=self._waiting_for_jobs(),
            )

    def _jobs_key(self) -> tuple:
        """What the jobs are, cheaply: a job that appears or moves on changes the counts."""
        return tuple(sorted(self.tracker.counts().items()))

    def _all_jobs(self) -> list[Any]:
        with self.tracker.lock:
            return [self.tracker.jobs[i] for i in self.tracker.order]

    def page_rows(self, now: dt.datetime | None = None) -> list[dict[str, Any]]:
        now = now or _now()
        with self.tracker.lock:
            ids = self.tracker.order[self.page * self.page_size : (self.page + 1) * self.page_size]
            return [job_detail_model(self.tracker.jobs[i], now) for i in ids]

    def selected_id(self) -> str | None:
        """The picked job, or the latest finished one."""
        return self.picker.value or self.tracker.latest_finished()

    def render(self) -> None:
        """Push the tracker's state into the widgets (any thread)."""
        if self.tracker.details is None:
            return
        with self._lock:
            now = _now()
            total = len(self.tracker.order)
            pages = max(1, -(-total // self.page_size))
            self.page = min(self.page, pages - 1)
            self._render_header()
            self.status.value = (
                note_html(
                    f"Cannot refresh from the workspace ({self.poll_error}); retrying.", kind="warn"
                )
                if self.poll_error
                else ""
            )
            self.counts.value = counts_html(dict(self.tracker.counts()), total)
            self.overview.render(
                self.tracker.session_id,
                self.tracker.details,
                self._all_jobs(),
                now,
                self._jobs_key(),
            )
            rows = self.page_rows(now)
            selected = self.selected_id()
            self.table.value = jobs_table_html(
                rows, selected=selected, empty="This session has no jobs yet."
            )
            first = self.page * self.page_size
            self.page_label.value = (
                f'<span class="qsp-muted">&nbsp;{first + 1}–{first + len(rows)} of '
                f"{total}, newest first&nbsp;</span>"
                if total
                else ""
            )
            self.pager.layout.display = "flex" if pages > 1 else "none"
            self.newer.disabled = self.page == 0
            self.older.disabled = self.page >= pages - 1
            self._update_picker(rows)
            details = self.tracker.jobs.get(selected) if selected else None
            self.cancel_button.disabled = details is None or not is_pending(
                "Job", enum_text(details.status)
            )
            self.close_button.disabled = not self._session()["can_close"]
        # Following the latest job by itself may wait; a picked job or the final state may not.
        urgent = bool(self.picker.value) or self.tracker.finished
        self.histogram.show(self.tracker.workspace, details, urgent=urgent)

    def _update_picker(self, rows: list[dict[str, Any]]) -> None:
        options = [("latest finished", AUTO)]
        current = self.picker.value
        ids = [row["id"] for row in rows]
        if current and current not in ids and current in self.tracker.jobs:
            ids.insert(0, current)
        for job_id in ids:
            details = self.tracker.jobs[job_id]
            options.append(
                (f"{details.name or job_id} · {enum_text(details.status)} · {job_id[:8]}", job_id)
            )
        if options != list(self.picker.options):
            self.picker.options = options
            self.picker.value = current if current in ids else AUTO

    # -- actions (shell thread) ----------------------------------------------

    def _turn(self, step: int) -> None:
        self.page = max(0, self.page + step)
        self.render()

    def refresh(self) -> None:
        """Fetch now and poll fast again (restarts polling if it had stopped)."""
        self.poll()
        if not self._closed:
            self.poller.nudge(self)

    def _ask_cancel(self) -> None:
        job_id = self.selected_id()
        if not job_id:
            return
        name = self.tracker.jobs[job_id].name or job_id
        self.confirm_text.value = f"<b>Cancel job {esc(name)}?</b>&nbsp;"
        self._pending_cancel = job_id
        self.confirm.layout.display = "flex"

    def _hide_confirm(self) -> None:
        self.confirm.layout.display = "none"
        self._pending_cancel = None

    def _do_cancel(self) -> None:
        job_id = self._pending_cancel
        self._hide_confirm()
        if job_id:
            self.cancel_job(job_id)

    def cancel_job(self, job_id: str) -> None:
        """Cancel one job (the confirmation already happened)."""
        try:
            self.tracker.cancel(job_id)
            self.poll_error = None
        except Exception as exc:  # noqa: BLE001 - the service's reason is what the user needs
            self.status.value = note_html(f"Cannot cancel: {error_line(exc)}", kind="warn")
            return
        self.render()
        self.poller.nudge(self)

    def close_session(self) -> None:
        """Close the session: no new jobs; pending ones still run."""
        try:
            self.tracker.close()
        except Exception as exc:  # noqa: BLE001
            self.status.value = note_html(
                f"Cannot close the session: {error_line(exc)}", kind="warn"
            )
            return
        self.render()
        self.poller.nudge(self)

    def close(self) -> None:
        """Stop watching and remove the panel from the page."""
        self._closed = True
        self.poller.remove(self)
        close_tree(self)

    # -- text form -----------------------------------------------------------

    def text(self) -> str:
        now = _now()
        if self.tracker.details is None:
            return f"Session {self.tracker.session_id}: not loaded yet."
        rows = self.page_rows(now)
        total = len(self.tracker.order)
        parts = [
            session_header_text(self._session()),
            "  " + counts_text(dict(self.tracker.counts())),
            *self.overview.text(
                self.tracker.session_id, self.tracker.details, self._all_jobs(), now
            ),
            jobs_text(rows, more=max(0, total - self.page * self.page_size - len(rows))),
        ]
        histogram = self.histogram.text()
        if histogram:
            parts.append(histogram)
        return "\n".join(parts)


def close_tree(widget: w.Widget) -> None:
    """Close a widget and every widget inside it (their comms stay open otherwise)."""
    for child in getattr(widget, "children", ()):
        close_tree(child)
    w.Widget.close(widget)
