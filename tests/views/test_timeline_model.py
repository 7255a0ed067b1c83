"""The session timeline model: bars, gaps, the two clocks and the numbers under it."""

from __future__ import annotations

import datetime as dt

import pytest
from azure.quantum._client.models import JobDetails, SessionDetails

from qsession_jupyter.views.timeline import (
    SessionClocks,
    busy_share,
    session_timeline,
    timeline_facts,
)

T0 = dt.datetime(2026, 1, 1, 10, 0, 0, tzinfo=dt.UTC)


def at(seconds: float | None) -> str | None:
    if seconds is None:
        return None
    return (T0 + dt.timedelta(seconds=seconds)).isoformat().replace("+00:00", "Z")


def session(provider: str = "quantinuum", status: str = "Executing", ended=None) -> SessionDetails:
    return SessionDetails(
        {
            "id": "s1",
            "name": "loop",
            "providerId": provider,
            "target": f"{provider}.qpu",
            "itemType": "Session",
            "status": status,
            "creationTime": at(0),
            "endExecutionTime": at(ended),
            "jobFailurePolicy": "Abort",
        }
    )


def job(n: int, created: float, began: float | None, ended: float | None, status=None):
    status = status or ("Succeeded" if ended is not None else "Executing" if began else "Waiting")
    return JobDetails(
        {
            "id": f"job-{n}",
            "name": f"step {n}",
            "providerId": "quantinuum",
            "target": "quantinuum.qpu",
            "itemType": "Job",
            "containerUri": "http://[::1]/c",
            "status": status,
            "creationTime": at(created),
            "beginExecutionTime": at(began),
            "endExecutionTime": at(ended),
        }
    )


LOOP = [
    job(1, 1, 2, 5),  # gap 5 -> 7: 2 s
    job(2, 7, 8, 10),  # gap 10 -> 80: 70 s, past Quantinuum's minute
    job(3, 80, 81, 85),
]


def test_bars_split_queued_and_executing_parts_in_submission_order():
    line = session_timeline(session(), list(reversed(LOOP)), now=T0 + dt.timedelta(seconds=90))
    assert [bar.job_id for bar in line.bars] == ["job-1", "job-2", "job-3"]
    first = line.bars[0]
    assert (first.submitted, first.started, first.ended) == (1, 2, 5)
    assert (first.queued_seconds, first.executing_seconds) == (1, 3)
    assert not first.open


def test_a_quantinuum_gap_over_the_window_is_lapsed_and_shorter_ones_are_not():
    line = session_timeline(session(), LOOP, now=T0 + dt.timedelta(seconds=90))
    between = [gap for gap in line.gaps if gap.before_job]
    assert [(g.start, g.end, g.lapsed) for g in between] == [(5, 7, False), (10, 80, True)]
    assert line.exclusive
    assert [g.after_job for g in line.gaps if g.lapsed] == ["job-2"] and line.lapsed == 1
    assert ("Exclusive window lapsed", "1× (window 1 min 0 s)") in timeline_facts(line)


def test_the_window_is_the_services_setting():
    clocks = SessionClocks(idle_timeout=30, exclusive_window=1.5)
    line = session_timeline(session(), LOOP, clocks=clocks, now=T0 + dt.timedelta(seconds=85))
    assert [g.lapsed for g in line.gaps if g.before_job] == [True, True]


def test_other_providers_have_gaps_but_no_window():
    line = session_timeline(session("ionq"), LOOP, now=T0 + dt.timedelta(seconds=90))
    assert not line.exclusive
    assert len([g for g in line.gaps if g.before_job]) == 2
    assert line.lapsed == 0
    assert "Exclusive window lapsed" not in dict(timeline_facts(line))


def test_jobs_submitted_before_the_last_one_ended_leave_no_gap():
    batch = [job(1, 1, 2, 5), job(2, 1.5, 5, 8), job(3, 4, 8, 11), job(4, 13, 14, 15)]
    line = session_timeline(session(), batch, now=T0 + dt.timedelta(seconds=15))
    assert [(g.start, g.end) for g in line.gaps if g.before_job] == [(11, 13)]


def test_a_pending_job_leaves_no_gap_after_it():
    jobs = [job(1, 1, 2, None), job(2, 50, None, None)]
    line = session_timeline(session(), jobs, now=T0 + dt.timedelta(seconds=100))
    assert line.gaps == []
    assert line.bars[0].open and line.bars[0].executing_seconds == 98
    assert line.bars[1].queued_seconds == 50
    assert line.idle_deadline is None  # the idle clock waits while a job is pending


def test_an_open_session_waiting_for_its_next_job_has_an_open_gap_and_an_idle_deadline():
    clocks = SessionClocks(idle_timeout=600, exclusive_window=60)
    line = session_timeline(session(), LOOP, clocks=clocks, now=T0 + dt.timedelta(seconds=200))
    trailing = line.gaps[-1]
    assert trailing.before_job is None and (trailing.start, trailing.end) == (85, 200)
    assert trailing.lapsed  # 115 s since the last completion: the machine is gone
    assert line.idle_deadline == 85 + 600
    assert line.span == 200
    # The open gap has not ended, so it is not in the statistics.
    assert line.longest_gap == 70 and line.median_gap == 36


def test_a_closed_session_ends_at_its_last_job_and_has_no_clock_running():
    line = session_timeline(
        session(status="Succeeded", ended=86), LOOP, now=T0 + dt.timedelta(seconds=900)
    )
    assert line.span == 86
    assert line.idle_deadline is None
    assert all(g.before_job for g in line.gaps)


def test_a_timed_out_session_shows_where_the_idle_timeout_fell():
    clocks = SessionClocks(idle_timeout=30, exclusive_window=60)
    line = session_timeline(
        session(status="TimedOut", ended=116), LOOP, clocks=clocks, now=T0 + dt.timedelta(hours=1)
    )
    assert line.timed_out
    assert line.idle_deadline == 115
    assert line.gaps[-1].before_job is None and line.gaps[-1].end == 116


def test_busy_share_is_executing_time_over_wall_time_with_overlaps_counted_once():
    # Executing 2-5 and 4-8 overlap: 6 s busy from the first submission (1) to the end (10).
    jobs = [job(1, 1, 2, 5), job(2, 1, 4, 8), job(3, 9, 9.5, 10)]
    assert busy_share(jobs, now=T0) == pytest.approx(6.5 / 9)
    line = session_timeline(session(), jobs, now=T0 + dt.timedelta(seconds=10))
    assert dict(timeline_facts(line))["Device busy"] == "72 %"


def test_an_empty_session_has_a_timeline_with_nothing_on_it():
    line = session_timeline(session(), [], now=T0 + dt.timedelta(seconds=12))
    assert line.bars == [] and line.gaps == []
    assert line.busy_share is None and line.longest_gap is None
    assert line.span == 12
    assert line.idle_deadline == 600
    assert dict(timeline_facts(line))["Median gap"] == "--"


def test_json_carries_every_part_a_view_draws():
    body = session_timeline(session(), LOOP, now=T0 + dt.timedelta(seconds=90)).as_json()
    assert body["origin"] == "2026-01-01T10:00:00.000Z"
    assert body["clocks"] == {"idle_timeout": 600.0, "exclusive_window": 60.0}
    assert body["lapsed"] == 1
    assert body["gaps"][1]["seconds"] == 70
    assert body["bars"][2]["name"] == "step 3"
    assert {"label": "Longest gap", "value": "1 min 10 s"} in body["facts"]


def test_a_loop_stays_on_one_row_and_jobs_in_flight_together_get_rows_of_their_own():
    line = session_timeline(session(), LOOP, now=T0 + dt.timedelta(seconds=90))
    assert {bar.lane for bar in line.bars} == {0}
    batch = [job(i, 1, 2 + i, 3 + i) for i in range(12)] + [job(99, 30, 31, 32)]
    line = session_timeline(session(), batch, now=T0 + dt.timedelta(seconds=40))
    lanes = [bar.lane for bar in line.bars]
    assert max(lanes) == 7  # capped: the rest share the least busy rows
    assert lanes[-1] == 0  # after the batch, the next job is back on the first row


def test_the_panel_redraws_a_long_sessions_timeline_less_often_while_only_clocks_move(
    monkeypatch,
):
    from qsession_jupyter.widgets import overview

    clock = [1000.0]
    monkeypatch.setattr(overview.time, "monotonic", lambda: clock[0])
    many = [job(i, 2 * i, 2 * i + 0.5, 2 * i + 1) for i in range(400)]  # 2 s between redraws
    view = overview.OverviewWidgets(SessionClocks())
    later = T0 + dt.timedelta(seconds=900)
    view.render_timeline(session(), many, later, key=("400 Succeeded",))
    first = view.timeline.value
    clock[0] += 1
    view.render_timeline(session(), many, later + dt.timedelta(seconds=1), key=("400 Succeeded",))
    assert view.timeline.value == first  # only the clock moved, and not for long
    view.render_timeline(session(), many, later + dt.timedelta(seconds=1), key=("a new job",))
    assert view.timeline.value != first  # a job changed: at once
    drawn = view.timeline.value
    clock[0] += 2
    view.render_timeline(session(), many, later + dt.timedelta(seconds=3), key=("a new job",))
    assert view.timeline.value != drawn  # the interval passed


def test_a_job_cancelled_while_running_ends_when_it_was_cancelled():
    cancelled = JobDetails(
        {
            **job(2, 7, 8, None, status="Cancelled"),
            "cancellationTime": at(9.5),
        }
    )
    line = session_timeline(
        session(), [job(1, 1, 2, 5), cancelled], now=T0 + dt.timedelta(seconds=60)
    )
    bar = line.bars[1]
    assert (bar.started, bar.ended, bar.executing_seconds, bar.open) == (8, 9.5, 1.5, False)
    assert line.gaps[-1].start == 9.5  # the device was free from then


def test_a_job_that_ended_without_times_draws_no_executing_part_to_the_end():
    from qsession_jupyter.widgets.timeline import timeline_html

    odd = job(2, 7, 8, None, status="Failed")  # began, final, but no end time recorded
    line = session_timeline(session(), [odd], now=T0 + dt.timedelta(seconds=60))
    drawn = timeline_html(line)
    assert 'class="qsp-tl-part qsp-tl-executing" style="left:13.33%;width:0.00%"' in drawn


def test_a_long_session_draws_its_last_jobs_and_counts_them_all():
    from qsession_jupyter.views.timeline import MAX_BARS
    from qsession_jupyter.widgets.timeline import shown_text, timeline_html

    # Every job 1 s, then a pause: 70 s past the window for every tenth, 1 s for the rest.
    loop, clock = [], 0.0
    for i in range(MAX_BARS + 40):
        loop.append(job(i, clock, clock, clock + 1))
        clock += 1 + (70 if i % 10 == 9 else 1)
    line = session_timeline(
        session(status="Succeeded", ended=clock), loop, now=T0 + dt.timedelta(hours=2)
    )
    assert line.hidden_jobs == 40 and len(line.bars) == MAX_BARS
    assert line.bars[0].job_id == "job-40" and line.view_start == line.bars[0].submitted
    assert all(gap.end > line.view_start for gap in line.gaps)
    assert line.lapsed == (MAX_BARS + 40) // 10 - 1  # the whole session's, not the drawn ones'
    assert line.longest_gap == 70
    assert (
        shown_text(line)
        == f"The last {MAX_BARS} of {MAX_BARS + 40} jobs; the numbers below count them all."
    )
    drawn = timeline_html(line)
    assert drawn.count('class="qsp-tl-job"') == MAX_BARS
    assert '<div class="qsp-tl-axis"><span>5 min 56 s</span>' in drawn  # 40 jobs in
    # The first drawn job starts at the left edge.
    assert 'data-job-id="job-40"' in drawn and 'style="left:0.00%;' in drawn
