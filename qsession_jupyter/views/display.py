"""How every view writes a time, a duration and a state: one set of rules.

The panel (HTML and text), the magics' text tables and the sidebar all show
the same job, so they must agree on how it reads. The rules live here; the
sidebar's TypeScript mirrors them (`labextension/src/format.ts` and
`palette.ts`), and `tests/server/test_views.py` checks both against the same
cases, so a change here that the sidebar does not follow fails a test.

* Times: the viewer's local time, ``2026-11-30 20:22:57`` (sortable and
  unambiguous in every locale).
* Durations: ``350 ms``, ``4.5 s``, ``42 s``, ``3 min 5 s``, ``2 h 7 min``;
  always rounded down, so a running clock never jumps back.
* States: a tone (colour) and an icon per state; Waiting (a clock) and
  Executing (a play mark) never look alike.
* Order: newest first, everywhere.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, TypeVar

#: What a view shows for a time or duration that does not exist (yet).
MISSING = "--"

#: Tone -> (JupyterLab theme variable, fallback colour for other front ends).
TONES: dict[str, tuple[str, str]] = {
    "waiting": ("--jp-ui-font-color2", "#616161"),
    "running": ("--jp-brand-color1", "#1976d2"),
    "success": ("--jp-success-color1", "#388e3c"),
    "error": ("--jp-error-color1", "#d32f2f"),
    "warn": ("--jp-warn-color1", "#f57c00"),
    "neutral": ("--jp-ui-font-color2", "#616161"),
}

#: Icon -> SVG path in a 16x16 view box (drawn in the tone's colour).
ICONS: dict[str, str] = {
    "clock": "M8 1a7 7 0 1 0 0 14A7 7 0 0 0 8 1zm0 1.6a5.4 5.4 0 1 1 0 10.8A5.4 5.4 0 0 1 8 "
    "2.6zM7.2 4v4.5l3.4 2 .8-1.3-2.6-1.6V4z",
    "play": "M8 1a7 7 0 1 0 0 14A7 7 0 0 0 8 1zM6 4.6l5.6 3.4L6 11.4z",
    "check": "M8 1a7 7 0 1 0 0 14A7 7 0 0 0 8 1zm-1.2 10.2L3.6 8l1.1-1.1 2.1 2.1 4.5-4.5 1.1 1.1z",
    "cross": "M8 1a7 7 0 1 0 0 14A7 7 0 0 0 8 1zm3.1 9L10 11.1 8 9.1l-2 2L4.9 10l2-2-2-2L6 "
    "4.9l2 2 2-2L11.1 6l-2 2z",
    "warning": "M8 1.5 15 14H1zm-.8 4.5v4h1.6V6zm0 5v1.6h1.6V11z",
    "slashed": "M8 1a7 7 0 1 0 0 14A7 7 0 0 0 8 1zm0 1.6c1.2 0 2.3.4 3.2 1.1l-7.5 7.5A5.4 5.4 "
    "0 0 1 8 2.6zm0 10.8c-1.2 0-2.3-.4-3.2-1.1l7.5-7.5A5.4 5.4 0 0 1 8 13.4z",
    "hourglass": "M3 1h10v1.6h-1v1.6c0 1.6-1 2.9-2.4 3.8C11 8.9 12 10.2 12 11.8v1.6h1V15H3v-1.6h1"
    "v-1.6c0-1.6 1-2.9 2.4-3.8C5 7.1 4 5.8 4 4.2V2.6H3zm2.6 1.6v1.6c0 1.2.9 2.2 2.4 3 1.5-.8 "
    "2.4-1.8 2.4-3V2.6z",
    "unknown": "M8 1a7 7 0 1 0 0 14A7 7 0 0 0 8 1zm-.8 10h1.6v1.6H7.2zM8 3.6c1.6 0 2.8 1 2.8 "
    "2.4 0 1.1-.7 1.6-1.3 2-.4.3-.7.5-.7 1v.4H7.2V9c0-1 .6-1.5 1.1-1.9.5-.3.9-.6.9-1.1 0-.5-.5"
    "-.9-1.2-.9S6.8 5.5 6.8 6.2H5.2C5.2 4.7 6.4 3.6 8 3.6z",
}

#: State -> (tone, icon). Jobs and sessions share the names they have in common.
STATE_STYLES: dict[str, tuple[str, str]] = {
    "Waiting": ("waiting", "clock"),
    "Queued": ("waiting", "clock"),
    "Executing": ("running", "play"),
    "Finishing": ("running", "play"),
    "Succeeded": ("success", "check"),
    "Completed": ("success", "check"),
    "Failed": ("error", "cross"),
    "Failure(s)": ("warn", "warning"),
    "CancellationRequested": ("warn", "slashed"),
    "Cancelling": ("warn", "slashed"),
    "Cancelled": ("neutral", "slashed"),
    "TimedOut": ("warn", "hourglass"),
}
UNKNOWN_STYLE = ("neutral", "unknown")


@dataclass(frozen=True)
class StateStyle:
    tone: str
    icon: str

    @property
    def colour(self) -> str:
        """A CSS colour: the theme's variable, with a fallback outside JupyterLab."""
        variable, fallback = TONES[self.tone]
        return f"var({variable}, {fallback})"

    @property
    def path(self) -> str:
        return ICONS[self.icon]


def state_style(state: str | None) -> StateStyle:
    return StateStyle(*STATE_STYLES.get(state or "", UNKNOWN_STYLE))


def parse_moment(value: Any) -> dt.datetime | None:
    """A service timestamp (datetime or ISO text) as an aware datetime.

    None when absent or unreadable; a time without a zone is UTC, as the service's are.
    """
    if value is None or value == "":
        return None
    if isinstance(value, str):
        try:
            value = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            return None
    if not isinstance(value, dt.datetime):
        return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC)
    return value


def format_time(value: Any, tz: dt.tzinfo | None = None) -> str:
    """A service timestamp (datetime or ISO text) in local time, to the second."""
    moment = parse_moment(value)
    if moment is None:
        return MISSING
    return moment.astimezone(tz).strftime("%Y-%m-%d %H:%M:%S")


def format_duration(seconds: float | dt.timedelta | None) -> str:
    """A span as a person reads it; rounded down so live clocks only move forward."""
    if isinstance(seconds, dt.timedelta):
        seconds = seconds.total_seconds()
    if seconds is None or math.isnan(seconds):
        return MISSING
    seconds = max(seconds, 0.0)
    if seconds < 1:
        return f"{math.floor(seconds * 1000)} ms"
    if seconds < 10:
        return f"{math.floor(seconds * 10) / 10:.1f} s"
    if seconds < 60:
        return f"{math.floor(seconds)} s"
    minutes = math.floor(seconds / 60)
    if minutes < 60:
        return f"{minutes} min {math.floor(seconds % 60)} s"
    return f"{minutes // 60} h {minutes % 60} min"


def format_span(start: Any, end: Any) -> str:
    """The duration between two timestamps, or MISSING when either is unknown."""
    begin, finish = parse_moment(start), parse_moment(end)
    if begin is None or finish is None:
        return MISSING
    return format_duration((finish - begin).total_seconds())


T = TypeVar("T")

_EPOCH = dt.datetime.min.replace(tzinfo=dt.UTC)


def newest_first(items: Iterable[T], created: Callable[[T], Any]) -> list[T]:
    """Items sorted by creation time, newest first (unknown times last)."""
    return sorted(items, key=lambda item: parse_moment(created(item)) or _EPOCH, reverse=True)


#: The order of the "counts by state" summaries: what is still going on first.
COUNT_ORDER = (
    "Waiting",
    "Executing",
    "Finishing",
    "Cancelling",
    "Succeeded",
    "Failed",
    "Cancelled",
)


def ordered_counts(counts: dict[str, int]) -> list[tuple[str, int]]:
    """(state, count) pairs in COUNT_ORDER, then any other state alphabetically."""
    known = [(s, counts[s]) for s in COUNT_ORDER if counts.get(s)]
    other = sorted((s, n) for s, n in counts.items() if s not in COUNT_ORDER and n)
    return known + other


def counts_text(counts: dict[str, int]) -> str:
    """'3 jobs: 1 Executing, 2 Succeeded' (or 'no jobs')."""
    total = sum(counts.values())
    if not total:
        return "no jobs"
    noun = "job" if total == 1 else "jobs"
    detail = ", ".join(f"{n} {state}" for state, n in ordered_counts(counts))
    return f"{total} {noun}: {detail}"
