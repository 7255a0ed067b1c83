"""The panel's view above its jobs: failure banner, spend line and timeline.

Three HTML widgets kept current from the tracker's jobs, the budget book and
the service's clocks, through the same models the sidebar's overview route
sends (`views.overview`, `views.timeline`); plus their text form for front
ends without widgets.
"""

from __future__ import annotations

import datetime as dt
import time
from typing import Any

import ipywidgets as w

from .. import budgets
from ..views.failure import failure_text, session_failure
from ..views.overview import spend_model
from ..views.spend import session_spend
from ..views.timeline import SessionClocks, session_timeline, timeline_facts
from .html import note_html
from .spend import spend_html
from .timeline import timeline_html

#: While only the clocks move, a timeline of N jobs is redrawn at most every
#: N / JOBS_PER_SECOND seconds: one redraw walks every job (about 12 us a job on the
#: poller thread; benchmarks/bench_timeline.py), though it draws only the last MAX_BARS.
JOBS_PER_SECOND = 200


class OverviewWidgets:
    """`banner`, `spend` and `timeline`: the widgets the panel lays out."""

    def __init__(self, clocks: SessionClocks) -> None:
        #: The service's session clocks, drawn on the timeline.
        self.clocks = clocks
        self.banner = w.HTML()
        self.spend = w.HTML()
        self.timeline = w.HTML()
        self.timeline.add_class("qsp-timeline-box")
        self._drawn: tuple[float, tuple] = (float("-inf"), ())

    def _due(self, jobs: list[Any], key: tuple) -> bool:
        """Redraw now? Yes when a job changed (`key`), else once the session's interval passed."""
        drawn_at, drawn_key = self._drawn
        return key != drawn_key or time.monotonic() - drawn_at >= len(jobs) / JOBS_PER_SECOND

    def render_timeline(
        self, session: Any, jobs: list[Any], now: dt.datetime, key: tuple = ()
    ) -> None:
        """The timeline alone: its open gap and idle countdown move while nothing else does.

        `key` says what the jobs are (their counts by state); while it stays the same only
        the clocks moved, and a long session is redrawn less often (JOBS_PER_SECOND).
        """
        if not self._due(jobs, key):
            return
        line = session_timeline(session, jobs, clocks=self.clocks, now=now)
        self.timeline.value = timeline_html(line)
        self._drawn = (time.monotonic(), key)

    def render(
        self, session_id: str, session: Any, jobs: list[Any], now: dt.datetime, key: tuple = ()
    ) -> None:
        failure = session_failure(session, jobs)
        self.banner.value = note_html(failure_text(failure), kind="error") if failure else ""
        # The book is re-read each time: `%session budget` may have changed it.
        spend = spend_model(session_spend(jobs, budgets.load(session_id)))
        self.spend.value = spend_html(spend)
        self.render_timeline(session, jobs, now, key)

    def text(self, session_id: str, session: Any, jobs: list[Any], now: dt.datetime) -> list[str]:
        """The same facts as lines of text (nbconvert, plain IPython)."""
        lines = []
        failure = session_failure(session, jobs)
        if failure:
            lines.append("  " + failure_text(failure))
        spend = spend_model(session_spend(jobs, budgets.load(session_id)))
        if spend["limit"] is not None or spend["spent"]:
            budget = f" of {spend['limit_display']} budget" if spend["limit"] is not None else ""
            lines.append(f"  Spent {spend['spent_display']}{budget}. {spend['forecast']}")
        line = session_timeline(session, jobs, clocks=self.clocks, now=now)
        lines.append("  " + " · ".join(f"{label} {value}" for label, value in timeline_facts(line)))
        return lines
