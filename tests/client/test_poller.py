"""The kernel's single poller: one thread for every panel, backoff, stopping, nudges."""

from __future__ import annotations

import threading
import time

import pytest
from service_support import wait_for

from qsession_jupyter.client.poller import Backoff, Poller, PollResult


class Scripted:
    """A watcher whose poll results follow a script (the last result repeats)."""

    def __init__(self, *results: PollResult) -> None:
        self.results = list(results) or [PollResult()]
        self.times: list[float] = []
        self.threads: set[str] = set()
        self.ticks = 0

    def poll(self) -> PollResult:
        self.times.append(time.monotonic())
        self.threads.add(threading.current_thread().name)
        return self.results.pop(0) if len(self.results) > 1 else self.results[0]

    def tick(self) -> bool:
        self.ticks += 1
        return True


def poller_threads() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name == "qsession-poller" and t.is_alive()]


def test_backoff_is_fast_after_a_change_and_slows_while_nothing_changes():
    b = Backoff(first=0.25, factor=1.5, busy_max=2.0, idle_max=15.0, error_max=30.0)
    assert b.next(8.0, PollResult(changed=True)) == 0.25
    steps, interval = [], 0.25
    for _ in range(8):
        interval = b.next(interval, PollResult(pending=True))
        steps.append(interval)
    assert steps[0] == 0.375 and steps[-1] == 2.0 and steps == sorted(steps)
    assert b.next(2.0, PollResult()) == 3.0  # idle: may grow beyond the busy cap
    assert b.next(14.0, PollResult()) == 15.0
    assert b.next(0.25, PollResult(error=True)) == 1.0
    assert b.next(20.0, PollResult(error=True)) == 30.0


def test_a_watcher_with_a_running_job_is_looked_at_within_its_notice_window():
    """A panel's job that has run 3 s must be looked at within 0.15 s, not the busy cap."""
    b = Backoff(first=0.25, factor=1.5, busy_max=2.0)
    assert b.next(1.0, PollResult(pending=True, within=0.15)) == 0.15
    assert b.next(1.0, PollResult(changed=True, pending=True, within=0.05)) == 0.05
    assert b.next(0.1, PollResult(pending=True, within=5.0)) == pytest.approx(0.15)


def test_one_thread_polls_every_watcher_and_exits_when_they_are_done():
    poller = Poller(Backoff(first=0.01, busy_max=0.02, idle_max=0.02))
    watchers = [
        Scripted(PollResult(pending=True), PollResult(pending=True), PollResult(done=True))
        for _ in range(25)
    ]
    for watcher in watchers:
        poller.add(watcher)
    assert len(poller_threads()) == 1
    wait_for(lambda: not poller.alive, timeout=10, what="the poller to stop")
    assert poller.count() == 0
    assert all(len(w.times) == 3 for w in watchers)
    assert {name for w in watchers for name in w.threads} == {"qsession-poller"}
    assert poller_threads() == []


def test_removed_watcher_is_not_polled_again():
    poller = Poller(Backoff(first=0.01, busy_max=0.01, idle_max=0.01))
    watcher = Scripted(PollResult(pending=True))
    poller.add(watcher)
    wait_for(lambda: len(watcher.times) >= 3, what="a few polls")
    poller.remove(watcher)
    wait_for(lambda: not poller.alive, what="the poller to stop")
    count = len(watcher.times)
    time.sleep(0.1)
    assert len(watcher.times) == count


def test_nudge_polls_a_backed_off_watcher_at_once():
    poller = Poller(Backoff(first=5.0, idle_max=60.0))
    watcher = Scripted(PollResult())
    poller.add(watcher)
    wait_for(lambda: len(watcher.times) == 1, what="the first poll")
    time.sleep(0.2)
    assert len(watcher.times) == 1  # next poll is seconds away
    nudged = time.monotonic()
    poller.nudge()
    wait_for(lambda: len(watcher.times) == 2, timeout=1, what="the nudged poll")
    assert watcher.times[1] - nudged < 0.5
    poller.remove(watcher)


def test_errors_back_off_and_polling_goes_on():
    poller = Poller(Backoff(first=0.01, error_max=0.3))
    watcher = Scripted(
        *[PollResult(error=True)] * 4, PollResult(changed=True), PollResult(done=True)
    )
    poller.add(watcher)
    wait_for(lambda: not poller.alive, timeout=10, what="the poller to stop")
    gaps = [b - a for a, b in zip(watcher.times, watcher.times[1:], strict=False)]
    assert len(watcher.times) == 6
    # Errors wait (here the 0.3 s cap) instead of retrying at the fast rate;
    # the first success brings the fast rate back.
    assert all(gap >= 0.25 for gap in gaps[:4])
    assert gaps[4] < 0.2


def test_a_watcher_that_raises_does_not_kill_the_thread():
    class Broken(Scripted):
        def poll(self) -> PollResult:
            super().poll()
            raise RuntimeError("bug")

    poller = Poller(Backoff(first=0.01, error_max=0.05))
    broken, healthy = Broken(), Scripted(PollResult(pending=True))
    poller.add(broken)
    poller.add(healthy)
    wait_for(
        lambda: len(broken.times) >= 2 and len(healthy.times) >= 5, what="both to keep polling"
    )
    poller.remove(broken)
    poller.remove(healthy)
