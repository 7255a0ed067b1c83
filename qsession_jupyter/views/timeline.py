"""Where a session's time went: one bar per job, the gaps between them, and the two clocks.

A session keeps a device's attention only while its jobs keep coming. Two
clocks run out if they do not: on Quantinuum targets the session loses the
machine when more than the exclusive window (60 s on Azure) passes between a
job's completion and the next job's submission, and on every target a
session with nothing pending times out after the idle timeout (10 minutes).
This module turns a session's job times (creation, beginExecution,
endExecution) into a plain model of that: bars with their queued and
executing parts, the gaps, which gaps lost the window, when the idle timeout
falls, and three numbers under it all (the device's busy share, the median
gap and the longest gap).

The panel (`widgets/`) and the sidebar's route (`server/`) both draw this
model, so the two never disagree. The clocks are the service's settings, not
something the data plane reports: `connection.session_clocks` finds the local
service's, and Azure's are the defaults here.
"""

from __future__ import annotations

import datetime as dt
import math
import statistics
from dataclasses import asdict, dataclass, field, fields
from typing import Any

from ..providers.catalog import provider_for
from .display import MISSING, format_duration, parse_moment
from .items import _details, iso_time
from .states import enum_text, is_pending

#: Bars drawn at most: a longer session shows its last MAX_BARS jobs (the facts count all).
MAX_BARS = 60

#: Rows of bars at most; beyond that, jobs in flight at once share the least busy row.
MAX_LANES = 8


@dataclass(frozen=True)
class SessionClocks:
    """The service's two session clocks, in seconds (Azure's values by default)."""

    idle_timeout: float = 600.0
    exclusive_window: float = 60.0


AZURE_CLOCKS = SessionClocks()


@dataclass(frozen=True)
class Bar:
    """One job. Offsets are seconds from the timeline's start; None when not reached (yet)."""

    job_id: str
    name: str
    state: str | None
    submitted: float
    started: float | None
    ended: float | None
    #: Still queued or running at `now`: the bar's open end is drawn up to now.
    open: bool
    queued_seconds: float
    executing_seconds: float
    #: Row to draw it in: jobs in flight at once get rows of their own (up to MAX_LANES).
    lane: int = 0


@dataclass(frozen=True)
class Gap:
    """Nothing of the session's in flight: from the last completion to the next submission.

    `before_job` is None for the open gap after the last job of a session that is
    still waiting for more; that one is not in the gap statistics (it has not ended).
    """

    start: float
    end: float
    after_job: str
    before_job: str | None
    #: Quantinuum only: longer than the exclusive window, so the session lost the machine.
    lapsed: bool

    @property
    def seconds(self) -> float:
        return self.end - self.start


@dataclass(frozen=True)
class Timeline:
    """A session's timeline; `as_json()` is what the sidebar's route sends."""

    #: When the timeline starts (the session's creation, or its first job if earlier).
    origin: str | None
    #: Seconds from origin to the end of what is shown (now, or the session's end).
    span: float
    provider_id: str | None
    exclusive: bool
    clocks: SessionClocks
    #: The bars and gaps drawn: all of them, or those of the last MAX_BARS jobs.
    bars: list[Bar] = field(default_factory=list)
    gaps: list[Gap] = field(default_factory=list)
    #: Drawn from here (offset): 0, or the submission of the first of the last MAX_BARS jobs.
    view_start: float = 0.0
    #: Older jobs not drawn (they still count in the facts).
    hidden_jobs: int = 0
    #: Gaps past the exclusive window, in the whole session (drawn or not).
    lapsed: int = 0
    #: Where the idle timeout falls (offset), when it is in view or coming; None otherwise.
    idle_deadline: float | None = None
    #: The session still accepts jobs (its clocks run).
    open: bool = True
    #: The session ended by timing out.
    timed_out: bool = False
    #: Device busy time (the union of executing parts) over the wall time from the first
    #: submission to the last completion (or now); None with no job run yet.
    busy_share: float | None = None
    median_gap: float | None = None
    longest_gap: float | None = None

    def as_json(self) -> dict[str, Any]:
        # Field by field, not `asdict`: its deep copies cost more than the model for long sessions.
        body = {f.name: getattr(self, f.name) for f in fields(self)}
        body["clocks"] = asdict(self.clocks)
        body["bars"] = [dict(vars(bar)) for bar in self.bars]
        body["gaps"] = [{**vars(gap), "seconds": gap.seconds} for gap in self.gaps]
        body["facts"] = [{"label": k, "value": v} for k, v in timeline_facts(self)]
        return body


@dataclass(frozen=True)
class _Job:
    id: str
    name: str
    state: str | None
    created: dt.datetime
    began: dt.datetime | None
    ended: dt.datetime | None
    pending: bool


def _read_jobs(jobs: list[Any]) -> list[_Job]:
    read = []
    for job in jobs:
        details = _details(job)
        created = parse_moment(details.get("creationTime"))
        if created is None:
            continue  # a job without a submission time cannot be placed
        state = enum_text(details.get("status"))
        pending = is_pending("Job", state)
        ended = parse_moment(details.get("endExecutionTime"))
        if ended is None and not pending:  # cancelled: it stopped when it was cancelled
            ended = parse_moment(details.get("cancellationTime"))
        read.append(
            _Job(
                id=str(details.get("id")),
                name=details.get("name") or "",
                state=state,
                created=created,
                began=parse_moment(details.get("beginExecutionTime")),
                ended=ended,
                pending=pending,
            )
        )
    return sorted(read, key=lambda job: job.created)


def _union_seconds(spans: list[tuple[dt.datetime, dt.datetime]]) -> float:
    """Seconds covered by at least one span (overlapping executions count once)."""
    total, reach = 0.0, None
    for start, end in sorted(spans):
        if reach is None or start > reach:
            total += (end - start).total_seconds()
            reach = end
        elif end > reach:
            total += (end - reach).total_seconds()
            reach = end
    return total


def busy_share(jobs: list[Any], now: dt.datetime | None = None) -> float | None:
    """The device's busy time over the wall time of a run of jobs (0..1).

    Busy: the union of the jobs' executing parts. Wall: from the first
    submission to the last completion (now, while a job is still going).
    """
    return _busy_share(_read_jobs(jobs), now or dt.datetime.now(dt.UTC))


def _busy_share(read: list[_Job], now: dt.datetime) -> float | None:
    spans = []
    for job in read:
        if job.began is not None:
            spans.append((job.began, job.ended or (now if job.pending else job.began)))
    if not spans:
        return None
    first = read[0].created
    last = max((job.ended or now) if job.pending else (job.ended or job.created) for job in read)
    wall = (last - first).total_seconds()
    if wall <= 0:
        return None
    return min(1.0, _union_seconds(spans) / wall)


def session_timeline(
    session: Any,
    jobs: list[Any],
    *,
    clocks: SessionClocks = AZURE_CLOCKS,
    now: dt.datetime | None = None,
) -> Timeline:
    """The timeline of `session` (SDK `Session` or its details) from its jobs (any order)."""
    now = now or dt.datetime.now(dt.UTC)
    details = _details(session)
    provider = details.get("providerId")
    # Quantinuum's sessions hold the machine while their jobs keep coming.
    exclusive = provider_for(details.get("target") or provider).exclusive_sessions
    session_state = enum_text(details.get("status"))
    session_open = is_pending("Session", session_state)
    read = _read_jobs(jobs)

    created = parse_moment(details.get("creationTime"))
    origin = min(
        [m for m in [created, read[0].created if read else None] if m is not None] or [now]
    )
    ends = [job.ended or job.created for job in read] + [created or now]
    session_end = parse_moment(details.get("endExecutionTime"))
    if session_open or any(job.pending for job in read):
        end = max([now, *ends])
    else:
        end = max([session_end or origin, *ends])

    def at(moment: dt.datetime) -> float:
        return max(0.0, (moment - origin).total_seconds())

    span = at(end)
    reaches = [
        at(job.ended) if job.ended else (span if job.pending else at(job.created)) for job in read
    ]
    lanes = _lanes([at(job.created) for job in read], reaches)
    bars = []
    for job, lane in zip(read, lanes, strict=True):
        start_exec = job.began
        stop = job.ended or (now if job.pending else None)
        queued_until = start_exec or (now if job.pending else job.ended) or job.created
        bars.append(
            Bar(
                job_id=job.id,
                name=job.name,
                state=job.state,
                submitted=at(job.created),
                started=at(start_exec) if start_exec else None,
                ended=at(job.ended) if job.ended else None,
                open=job.pending,
                queued_seconds=max(0.0, (queued_until - job.created).total_seconds()),
                executing_seconds=(
                    max(0.0, (stop - start_exec).total_seconds()) if start_exec and stop else 0.0
                ),
                lane=lane,
            )
        )

    timed_out = session_state == "TimedOut"
    trailing = now if session_open else (session_end if timed_out else None)
    gaps = _gaps(read, clocks, exclusive, at, trailing)
    closed = [gap.seconds for gap in gaps if gap.before_job is not None]
    last_activity = max([created or origin] + [job.ended or job.created for job in read])
    idle_deadline = None
    if timed_out or (session_open and not any(job.pending for job in read)):
        idle_deadline = at(last_activity) + clocks.idle_timeout
    hidden = max(0, len(bars) - MAX_BARS)
    view_start = bars[hidden].submitted if hidden else 0.0
    return Timeline(
        origin=iso_time(origin),
        span=span,
        provider_id=provider,
        exclusive=exclusive,
        clocks=clocks,
        bars=bars[hidden:],
        gaps=[gap for gap in gaps if gap.end > view_start] if hidden else gaps,
        view_start=view_start,
        hidden_jobs=hidden,
        lapsed=sum(gap.lapsed for gap in gaps),
        idle_deadline=idle_deadline,
        open=session_open,
        timed_out=timed_out,
        busy_share=_busy_share(read, now),
        median_gap=statistics.median(closed) if closed else None,
        longest_gap=max(closed) if closed else None,
    )


def _lanes(starts: list[float], ends: list[float]) -> list[int]:
    """Each bar's row: the first one free at its submission (a loop stays on one row)."""
    free_at: list[float] = []
    lanes = []
    for start, end in zip(starts, ends, strict=True):
        lane = next((i for i, free in enumerate(free_at) if free <= start), None)
        if lane is None and len(free_at) < MAX_LANES:
            lane = len(free_at)
            free_at.append(end)
        elif lane is None:
            lane = min(range(len(free_at)), key=free_at.__getitem__)
        free_at[lane] = max(free_at[lane], end)
        lanes.append(lane)
    return lanes


def _gaps(read: list[_Job], clocks, exclusive: bool, at, trailing_until) -> list[Gap]:
    """Stretches with none of the session's jobs queued or running, between its jobs.

    A job submitted while an earlier one is still in flight leaves no gap, and a
    job still pending keeps every later one from leaving one. With
    `trailing_until` (now while the session is open, its end when it timed out),
    the stretch after the last completion up to then is a gap too, with no job
    after it: the window may already have lapsed, the idle timeout is running.
    """
    gaps: list[Gap] = []
    reach: dt.datetime | None = None  # the latest completion of the jobs so far
    last_id = ""
    in_flight = False
    for job in read:
        if reach is not None and not in_flight and job.created > reach:
            gaps.append(_gap(at(reach), at(job.created), last_id, job.id, clocks, exclusive))
        if job.pending:
            in_flight = True
            continue
        finish = job.ended or job.created  # cancelled before it ran: done when submitted
        if reach is None or finish >= reach:
            reach, last_id = finish, job.id
    if trailing_until is not None and reach is not None and not in_flight:
        if trailing_until > reach:
            gaps.append(_gap(at(reach), at(trailing_until), last_id, None, clocks, exclusive))
    return gaps


def _gap(start: float, end: float, after: str, before: str | None, clocks, exclusive) -> Gap:
    lapsed = exclusive and (end - start) > clocks.exclusive_window
    return Gap(start=start, end=end, after_job=after, before_job=before, lapsed=lapsed)


def _percent(share: float | None) -> str:
    return MISSING if share is None else f"{math.floor(share * 100)} %"


def timeline_facts(timeline: Timeline) -> list[tuple[str, str]]:
    """The numbers under the timeline, as (label, value) pairs every view shows alike."""
    facts = [
        ("Device busy", _percent(timeline.busy_share)),
        ("Median gap", format_duration(timeline.median_gap)),
        ("Longest gap", format_duration(timeline.longest_gap)),
    ]
    if timeline.exclusive:
        lapsed = timeline.lapsed
        window = format_duration(timeline.clocks.exclusive_window)
        facts.append(("Exclusive window lapsed", f"{lapsed}× (window {window})"))
    return facts
