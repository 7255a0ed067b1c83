"""The panel's session timeline: the `views.timeline` model as HTML.

Bars, gaps and marks are positioned in percent of the timeline's span, so the
drawing reflows from a 320 px notebook to full width without redrawing; text
stays in the legend and the facts underneath, never squeezed into a bar.
Colours are JupyterLab's theme variables, so light and dark themes both read.
The sidebar draws the same model (`labextension/src/components/Timeline.tsx`)
with the same classes' meaning: queued, executing, gap, window lapsed, idle
timeout.
"""

from __future__ import annotations

from ..views.display import format_duration
from ..views.timeline import Bar, Gap, Timeline, timeline_facts
from .html import esc

TIMELINE_STYLE = """<style>
.qsp-timeline { margin: 6px 0; line-height: 1.5; }
.qsp-timeline .qsp-tl-track { position: relative; margin: 2px 0;
  background: var(--jp-layout-color2, #f0f0f0); border-radius: 2px; overflow: hidden; }
.qsp-timeline .qsp-tl-lane { position: relative; height: 14px; }
.qsp-timeline .qsp-tl-part { position: absolute; top: 2px; bottom: 2px; min-width: 2px; }
.qsp-timeline .qsp-tl-queued { background: var(--jp-layout-color4, #9e9e9e); opacity: 0.55; }
.qsp-timeline .qsp-tl-executing { background: var(--jp-brand-color1, #1976d2); }
.qsp-timeline .qsp-tl-job[data-state="Failed"] .qsp-tl-executing { background: var(--jp-error-color1, #d32f2f); }
.qsp-timeline .qsp-tl-gaps { position: relative; height: 10px; }
.qsp-timeline .qsp-tl-gap { position: absolute; top: 3px; height: 4px; min-width: 1px;
  border-left: 1px solid var(--jp-ui-font-color3, #9e9e9e);
  border-right: 1px solid var(--jp-ui-font-color3, #9e9e9e);
  background: var(--jp-ui-font-color3, #9e9e9e); opacity: 0.6; }
.qsp-timeline .qsp-tl-gap.qsp-tl-lapsed { top: 1px; height: 8px; opacity: 1;
  background: repeating-linear-gradient(135deg, var(--jp-warn-color1, #f57c00) 0 3px,
    transparent 3px 6px); border-color: var(--jp-warn-color1, #f57c00); }
.qsp-timeline .qsp-tl-idle { position: absolute; top: 0; bottom: 0; width: 0;
  border-left: 2px dashed var(--jp-error-color1, #d32f2f); }
.qsp-timeline .qsp-tl-axis { display: flex; justify-content: space-between;
  color: var(--jp-ui-font-color2, #616161); font-size: var(--jp-ui-font-size0, 11px); }
.qsp-timeline .qsp-tl-legend, .qsp-timeline .qsp-tl-facts { display: flex; flex-wrap: wrap;
  gap: 2px 12px; color: var(--jp-ui-font-color2, #616161); }
.qsp-timeline .qsp-tl-legend span { white-space: nowrap; display: inline-flex; align-items: center;
  gap: 4px; font-size: var(--jp-ui-font-size0, 11px); }
.qsp-timeline .qsp-tl-key { display: inline-block; width: 14px; height: 8px; position: static; }
.qsp-timeline .qsp-tl-key.qsp-tl-idle { width: 0; height: 10px; }
.qsp-timeline .qsp-tl-facts span { white-space: nowrap; }
.qsp-timeline .qsp-tl-shown { color: var(--jp-ui-font-color2, #616161);
  font-size: var(--jp-ui-font-size0, 11px); }
.qsp-timeline .qsp-tl-facts b { color: var(--jp-ui-font-color1, #1f1f1f); }
.qsp-timeline .qsp-tl-facts .qsp-tl-warn b { color: var(--jp-warn-color1, #f57c00); }
</style>"""


class _Scale:
    """Offsets (seconds) to percent of the drawn stretch, view_start to span, clipped."""

    def __init__(self, timeline: Timeline) -> None:
        self.start = timeline.view_start
        self.length = max(timeline.span - timeline.view_start, 1e-9)

    def share(self, offset: float) -> float:
        return min(max((offset - self.start) / self.length, 0.0), 1.0)

    def left(self, offset: float) -> str:
        return f"left:{100 * self.share(offset):.2f}%"

    def place(self, start: float, end: float) -> str:
        width = self.share(end) - self.share(start)
        return f"{self.left(start)};width:{100 * width:.2f}%"


def _part(kind: str, start: float, end: float, scale: _Scale) -> str:
    return f'<div class="qsp-tl-part qsp-tl-{kind}" style="{scale.place(start, end)}"></div>'


def bar_title(bar: Bar) -> str:
    """What hovering a bar says (the sidebar builds the same sentence)."""
    parts = [f"queued {format_duration(bar.queued_seconds)}"]
    if bar.started is not None:
        parts.append(f"executing {format_duration(bar.executing_seconds)}")
    return f"{bar.name or bar.job_id} ({bar.state}): {', '.join(parts)}"


def gap_title(gap: Gap, window: float) -> str:
    what = "no job for" if gap.before_job else "waiting for the next job for"
    text = f"Gap: {what} {format_duration(gap.seconds)}"
    if gap.lapsed:
        text += (
            f", over the {format_duration(window)} exclusive window: the session lost the machine"
        )
    return text


def _bar_html(bar: Bar, span: float, scale: _Scale) -> str:
    """A job's two parts; the title (shown on hover over either) is said once, on the job."""
    end_queue = bar.started if bar.started is not None else (bar.ended or bar.submitted)
    if bar.started is None and bar.open:
        end_queue = span
    parts = [_part("queued", bar.submitted, end_queue, scale)]
    if bar.started is not None:
        end = bar.ended if bar.ended is not None else (span if bar.open else bar.started)
        parts.append(_part("executing", bar.started, end, scale))
    return (
        f'<div class="qsp-tl-job" data-job-id="{esc(bar.job_id)}" data-state="{esc(bar.state)}" '
        f'title="{esc(bar_title(bar))}">{"".join(parts)}</div>'
    )


def timeline_html(timeline: Timeline) -> str:
    """The timeline, its legend and the facts under it (busy share, median and longest gap)."""
    span = timeline.span
    scale = _Scale(timeline)
    lanes = max((bar.lane for bar in timeline.bars), default=-1) + 1
    rows = [[bar for bar in timeline.bars if bar.lane == lane] for lane in range(lanes)]
    lane_html = "".join(
        f'<div class="qsp-tl-lane">{"".join(_bar_html(bar, span, scale) for bar in row)}</div>'
        for row in rows
    )
    window = timeline.clocks.exclusive_window
    gaps_html = "".join(
        f'<div class="qsp-tl-gap{" qsp-tl-lapsed" if gap.lapsed else ""}" '
        f'data-lapsed="{str(gap.lapsed).lower()}" title="{esc(gap_title(gap, window))}" '
        f'style="{scale.place(gap.start, gap.end)}"></div>'
        for gap in timeline.gaps
    )
    idle = ""
    deadline = timeline.idle_deadline
    if deadline is not None and deadline <= span:
        idle = (
            f'<div class="qsp-tl-idle" style="{scale.left(deadline)}" '
            f'title="Idle timeout ({format_duration(timeline.clocks.idle_timeout)})"></div>'
        )
    if not timeline.bars:
        lane_html = '<div class="qsp-tl-lane"></div>'
    legend = [
        '<span><i class="qsp-tl-key qsp-tl-queued"></i>queued</span>',
        '<span><i class="qsp-tl-key qsp-tl-executing"></i>executing</span>',
        '<span><i class="qsp-tl-key qsp-tl-gap"></i>gap</span>',
    ]
    if timeline.exclusive:
        legend.append(
            '<span><i class="qsp-tl-key qsp-tl-gap qsp-tl-lapsed"></i>'
            f"exclusive window lapsed (&gt; {esc(format_duration(window))})</span>"
        )
    legend.append(_idle_legend(timeline))
    facts = []
    for label, value in timeline_facts(timeline):
        warn = label.startswith("Exclusive") and timeline.lapsed
        css = ' class="qsp-tl-warn"' if warn else ""
        facts.append(f"<span{css}>{esc(label)} <b>{esc(value)}</b></span>")
    return (
        f'<figure class="qsp qsp-timeline" aria-label="Session timeline" role="figure" '
        f'data-lapsed="{timeline.lapsed}" style="margin:6px 0">'
        f'<div class="qsp-tl-track">{lane_html}{idle}'
        f'<div class="qsp-tl-gaps">{gaps_html}</div></div>'
        f'<div class="qsp-tl-axis"><span>{esc(axis_start(timeline))}</span>'
        f"<span>{esc(format_duration(span))}</span></div>"
        f"{_shown_html(timeline)}"
        f'<div class="qsp-tl-legend">{"".join(legend)}</div>'
        f'<div class="qsp-tl-facts">{"".join(facts)}</div></figure>'
    )


def axis_start(timeline: Timeline) -> str:
    """The axis's left label: "0 s", or how far into the session the drawing starts."""
    return format_duration(timeline.view_start) if timeline.view_start else "0 s"


def shown_text(timeline: Timeline) -> str | None:
    """Said under a long session's timeline: which jobs are drawn (the sidebar says the same)."""
    if not timeline.hidden_jobs:
        return None
    total = timeline.hidden_jobs + len(timeline.bars)
    return f"The last {len(timeline.bars)} of {total} jobs; the numbers below count them all."


def _shown_html(timeline: Timeline) -> str:
    text = shown_text(timeline)
    return f'<div class="qsp-tl-shown">{esc(text)}</div>' if text else ""


def idle_text(timeline: Timeline) -> str | None:
    """The legend's words for the idle timeout (the sidebar says the same); None once closed."""
    timeout = format_duration(timeline.clocks.idle_timeout)
    if timeline.timed_out:
        return f"timed out after {timeout} idle"
    if not timeline.open:
        return None
    deadline = timeline.idle_deadline
    if deadline is None:
        return f"idle timeout {timeout} (paused while a job is pending)"
    if deadline <= timeline.span:
        return f"idle timeout ({timeout})"
    return f"idle timeout in {format_duration(deadline - timeline.span)} (after {timeout} idle)"


def _idle_legend(timeline: Timeline) -> str:
    text = idle_text(timeline)
    if text is None:
        return ""
    deadline = timeline.idle_deadline
    drawn = deadline is not None and deadline <= timeline.span
    key = '<i class="qsp-tl-key qsp-tl-idle"></i>' if drawn else ""
    return f"<span>{key}{esc(text)}</span>"
