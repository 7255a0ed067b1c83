"""The histogram part of a panel: display options, the PNG, or why there is none.

Shared by the session panel and the one-job monitor. It redraws only when the
job or an option changes, so a poll that finds nothing new costs no rendering.
"""

from __future__ import annotations

import threading
import time
from typing import Any

import ipywidgets as w

from ..client.results import ResultsCache, results_cache
from ..views import error_model
from ..views.states import JOB_SUCCESS_STATES, enum_text
from .histogram import DEFAULT_TOP, Bars, histogram_bars, render_png, text_histogram
from .html import error_html, note_html

#: While jobs finish in quick succession, the automatically chosen histogram is
#: redrawn at most this often (a draw costs ~25 ms of the kernel's CPU).
AUTO_REDRAW_SECONDS = 2.0

TOP_CHOICES = (("top 8", 8), ("top 16", 16), ("top 32", 32), ("top 64", 64))


class HistogramView(w.VBox):
    """Options row + image + message; `show(workspace, details)` picks what to display."""

    def __init__(self, cache: ResultsCache | None = None, **kwargs: Any) -> None:
        self.labels = w.ToggleButtons(
            options=[("bitstrings", "bitstrings"), ("kets", "kets")],
            value="bitstrings",
        )
        self.values = w.ToggleButtons(
            options=[("counts", "counts"), ("probabilities", "probabilities")],
            value="counts",
        )
        self.top = w.Dropdown(options=TOP_CHOICES, value=DEFAULT_TOP, layout=w.Layout(width="95px"))
        self.options = w.HBox(
            [self.labels, self.values, self.top],
            layout=w.Layout(flex_flow="row wrap", overflow="visible"),
        )
        self.options.add_class("qsp-row")
        # As wide as the panel (down to a ~320 px notebook), never wider than it reads well.
        self.image = w.Image(
            format="png", layout=w.Layout(width="100%", max_width="900px", display="none")
        )
        self.message = w.HTML("")
        self._cache = cache or results_cache()
        self._lock = threading.RLock()
        self._key: tuple | None = None
        self._context: tuple[Any, Any] | None = None
        self._deferred: tuple[Any, Any] | None = None
        self._drawn_at = float("-inf")
        #: The bars on display (None when a message is shown instead); tests read this.
        self.bars: Bars | None = None
        super().__init__([self.message, self.options, self.image], **kwargs)
        self.add_class("qsp-histogram")
        for control in (self.labels, self.values, self.top):
            control.observe(self._option_changed, names="value")

    def _option_changed(self, _change: dict) -> None:
        if self._context is not None:
            self.show(*self._context)

    def _show_message(self, text_html: str) -> None:
        self.bars = None
        self.image.layout.display = "none"
        self.options.layout.display = "none"
        self.message.value = text_html

    def show(self, workspace: Any, details: Any | None, *, urgent: bool = True) -> None:
        """Display the histogram (or the error, or a note) for one job's details.

        `urgent=False` (the panel following the latest finished job by itself)
        may postpone a redraw for another job until `catch_up()`; a user's
        choice is drawn at once.
        """
        with self._lock:
            shown = self._context[1] if self._context else None
            if (
                not urgent
                and details is not None
                and shown is not None
                and shown.id != details.id
                and time.monotonic() - self._drawn_at < AUTO_REDRAW_SECONDS
            ):
                self._deferred = (workspace, details)
                return
            self._deferred = None
            self._context = (workspace, details)
            if details is None:
                self._key = None
                self._show_message(note_html("No finished job to show yet."))
                return
            state = enum_text(details.status)
            error = details.error_data
            key = (details.id, state, self.labels.value, self.values.value, self.top.value)
            if key == self._key:
                return
            self._key = key
            name = details.name or details.id
            if state == "Failed":
                self._show_message(error_html(error_model(error), job_name=name))
                return
            if state == "Cancelled":
                self._show_message(note_html(f"Job {name} was cancelled: no results.", kind="warn"))
                return
            if state not in JOB_SUCCESS_STATES:
                self._show_message(
                    note_html(f"Job {name} is {state}; its histogram appears when it finishes.")
                )
                return
            view = self._cache.view(workspace, details, top=self.top.value)
            if view.summary is None:
                self._key = None  # a download error is worth retrying on the next poll
                self._show_message(note_html(view.message or "No results.", kind="warn"))
                return
            bars = histogram_bars(
                view.summary, labels=self.labels.value, values=self.values.value, name=name
            )
            png = render_png(bars)
            self._drawn_at = time.monotonic()
            self.bars = bars
            self.message.value = ""
            self.options.layout.display = "flex"
            self.image.value = png
            self.image.layout.display = "block"

    def catch_up(self) -> None:
        """Draw a postponed histogram once its turn has come (called every second)."""
        with self._lock:
            deferred = self._deferred
            if deferred is not None and time.monotonic() - self._drawn_at >= AUTO_REDRAW_SECONDS:
                self.show(*deferred)

    def text(self) -> str:
        """The histogram (or the message) as plain text, for the panel's text/plain form."""
        if self.bars is not None:
            return text_histogram(self.bars)
        import html
        import re

        return html.unescape(re.sub(r"<[^>]+>", " ", self.message.value)).strip()
