"""How this package waits for jobs: a finished job is noticed within the larger of 5 % of
its run time and 0.25 s.

A session's device sits idle from the moment a job ends until the notebook
notices, fetches the results and submits the next job; on a loop of short
jobs that gap is most of the loss. The SDK's own `wait_until_completed` backs
off from 0.2 s by half each time, so it notices a 1 s job about half a second
late. Here each pending job is looked at on its own clock:

* a running job within 5 % of the time it has run so far (never sooner than
  every `FLOOR` s): it has run at least that long when it ends, so the delay
  stays under 5 % of its run time, and a long job costs few requests
  (about 20 per doubling of its run time);
* a queued job within 0.25 s, or 5 % of its wait once it has waited over
  5 s: a long queue (Azure's can take hours) is not polled four times a
  second, and a job behind one of ours starts when ours ends, which is
  noticed at once and makes every queued job due again.

Polls start fast (a few ms) and grow by half each time up to those caps, so a
job that ends in 20 ms is seen in 20 ms. Refreshes go out side by side.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from ..views.display import parse_moment
from ..views.states import enum_text

#: The promise: a finished job is noticed within max(SHARE * run time, NOTICE) seconds.
SHARE = 0.05
NOTICE = 0.25
#: The first look after a submission or a change, and how fast looks slow down.
FIRST = 0.005
GROWTH = 1.5
#: The shortest interval between looks at a running job (the service answers a
#: look at a pending job at once; the local one holds it up to 50 ms).
FLOOR = 0.02

_REFRESH = ThreadPoolExecutor(max_workers=8, thread_name_prefix="qsession-wait")


def cap_for(details: Any, now: dt.datetime | None = None) -> float:
    """The longest a look at this pending job may wait, by the rule above."""
    now = now or dt.datetime.now(dt.UTC)
    begin = parse_moment(getattr(details, "begin_execution_time", None))
    if begin is not None and enum_text(getattr(details, "status", None)) == "Executing":
        return max(FLOOR, SHARE * (now - begin).total_seconds())
    created = parse_moment(getattr(details, "creation_time", None))
    waited = (now - created).total_seconds() if created is not None else 0.0
    return max(NOTICE, SHARE * waited)


def wait_all(
    jobs: Sequence[Any],
    *,
    timeout: float | None = 600.0,
    on_change: Callable[[Any], None] | None = None,
) -> list[Any]:
    """Wait until every SDK job has finished; returns those still pending at `timeout`.

    `on_change(job)` is called (from this thread) whenever a job's status changes.
    """
    deadline = None if timeout is None else time.monotonic() + timeout
    interval = {id(job): FIRST for job in jobs}
    due = {id(job): 0.0 for job in jobs}
    last = {id(job): enum_text(job.details.status) for job in jobs}
    pending = [job for job in jobs if not job.has_completed()]
    while pending:
        now = time.monotonic()
        looking = [job for job in pending if due[id(job)] <= now]
        looked = {id(job) for job in looking}
        list(_REFRESH.map(lambda job: job.refresh(), looking))
        changed = False
        for job in looking:
            status = enum_text(job.details.status)
            if status != last[id(job)]:
                last[id(job)] = status
                changed = True
                if on_change is not None:
                    on_change(job)
        pending = [job for job in pending if not job.has_completed()]
        if not pending:
            return []
        now_utc = dt.datetime.now(dt.UTC)
        now = time.monotonic()
        for job in pending:
            key = id(job)
            if changed and key not in looked:
                interval[key] = FIRST  # a job ended or began: the next may start now
                due[key] = now
            elif key in looked:
                grown = FIRST if changed else interval[key] * GROWTH
                interval[key] = min(grown, cap_for(job.details, now_utc))
                due[key] = now + interval[key]
        if deadline is not None and now >= deadline:
            return pending
        wake = min(due[id(job)] for job in pending)
        if deadline is not None:
            wake = min(wake, deadline)
        time.sleep(max(0.0, wake - time.monotonic()))
    return []
