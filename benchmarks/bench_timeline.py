"""What drawing a session's timeline costs the panel's poller thread and the sidebar's route.

While a job is pending, the panel redraws its timeline every second on the
kernel's single poller thread (the bars' open ends and the gap since the last
job move), and the sidebar's overview route rebuilds the same model on each
poll. Both walk every job of the session, so the cost grows with the session.
Sessions of N finished jobs (a VQE-style loop: queued, executing, a gap) plus
one running job, built as the SDK's JobDetails; printed: the median time to
build the model, to render the panel's HTML, and to make the route's JSON,
and the HTML's size (what one redraw sends to the browser: the last MAX_BARS
jobs are drawn, so it stops growing at 60 jobs). While only the
clocks move, the panel redraws a timeline of N jobs at most every N/200 s
(widgets/overview.py), so a long session costs the poller thread and the
browser a bounded share.

Run: .venv/bin/python benchmarks/bench_timeline.py [--jobs 100 1000 5000] [--repeat 21]
"""

from __future__ import annotations

import argparse
import datetime as dt

from azure.quantum._client.models import JobDetails, SessionDetails
from common import median_in_a_row

from qsession_jupyter.views.timeline import SessionClocks, session_timeline
from qsession_jupyter.widgets.timeline import timeline_html

T0 = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)


def _at(seconds: float) -> str:
    return (T0 + dt.timedelta(seconds=seconds)).isoformat()


def session_of(n: int) -> tuple[SessionDetails, list[JobDetails], dt.datetime]:
    jobs, clock = [], 1.0
    for i in range(n + 1):
        running = i == n
        fields = {
            "id": f"job-{i}",
            "name": f"step {i}",
            "containerUri": "http://[::1]/c",
            "status": "Executing" if running else "Succeeded",
            "creationTime": _at(clock),
            "beginExecutionTime": _at(clock + 0.3),
        }
        if not running:
            fields["endExecutionTime"] = _at(clock + 1.3)
        jobs.append(JobDetails(fields))
        clock += 1.3 + (0.4 if i % 10 else 75)  # every tenth pause loses the window
    session = SessionDetails(
        {"id": "s", "status": "Executing", "providerId": "quantinuum", "creationTime": _at(0)}
    )
    return session, jobs, T0 + dt.timedelta(seconds=clock)


def measure(n: int, clocks: SessionClocks, repeat: int) -> tuple[float, float, float, float]:
    """Median seconds to build, render and serialise a timeline of n jobs; the HTML's KB."""
    session, jobs, now = session_of(n)
    line = session_timeline(session, jobs, clocks=clocks, now=now)
    model = median_in_a_row(lambda: session_timeline(session, jobs, clocks=clocks, now=now), repeat)
    html = median_in_a_row(lambda: timeline_html(line), repeat)
    route = median_in_a_row(line.as_json, repeat)
    return model, html, route, len(timeline_html(line).encode()) / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jobs", type=int, nargs="+", default=[100, 1000, 5000])
    parser.add_argument("--repeat", type=int, default=21)
    args = parser.parse_args()
    clocks = SessionClocks()
    print(f"{'jobs':>6} {'model ms':>9} {'panel HTML ms':>14} {'route JSON ms':>14} {'HTML KB':>8}")
    for n in args.jobs:
        model, html, route, size = measure(n, clocks, args.repeat)
        print(f"{n:>6} {model * 1e3:>9.1f} {html * 1e3:>14.1f} {route * 1e3:>14.1f} {size:>8.0f}")


if __name__ == "__main__":
    main()
