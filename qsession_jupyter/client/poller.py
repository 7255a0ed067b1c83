"""One background thread per kernel that keeps every open panel current.

Why a thread: a VQE loop keeps the kernel's main thread (and its event loop)
busy for minutes, and the panel must move while it runs. Why only one: a
thread per job (Qiskit's old job watcher) grows with the session and hammers
the service. The thread sleeps on a condition variable until the earliest
watcher is due, so an idle kernel costs nothing between polls, and it exits
when no watcher is left.

Each watcher backs off on its own: fast (0.25 s) after a change, slower while
nothing changes (capped lower while jobs are pending), slower still after
errors. `nudge()` makes every watcher due at once and fast again: the panel
calls it before each cell runs, so a loop started after a long idle period
is followed from its first job.
"""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass
from typing import Protocol

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class PollResult:
    changed: bool = False
    #: Something can still change soon (a job is queued or running).
    pending: bool = False
    #: Nothing will ever change again: stop polling this watcher.
    done: bool = False
    error: bool = False
    #: Look again within this many seconds at most (client/waiting.py's notice rule
    #: for the watcher's pending jobs), whatever the backoff says.
    within: float | None = None


class Watcher(Protocol):
    def poll(self) -> PollResult: ...

    def tick(self) -> bool:
        """Refresh clocks (elapsed time, countdowns) without calling the service.

        Returns whether the watcher wants another tick in a second.
        """
        ...


@dataclass
class Backoff:
    first: float = 0.25
    factor: float = 1.5
    busy_max: float = 2.0
    idle_max: float = 15.0
    error_max: float = 30.0

    def next(self, previous: float, result: PollResult) -> float:
        if result.error:
            return min(max(previous * 2, 1.0), self.error_max)
        within = result.within if result.within is not None else float("inf")
        if result.changed:
            return min(self.first, within)
        cap = self.busy_max if result.pending else self.idle_max
        return min(previous * self.factor, cap, within)


@dataclass
class _Entry:
    watcher: Watcher
    interval: float
    due: float
    tick_due: float | None


TICK = 1.0


class Poller:
    def __init__(self, backoff: Backoff | None = None) -> None:
        self.backoff = backoff or Backoff()
        self._entries: dict[int, _Entry] = {}
        self._cond = threading.Condition()
        self._thread: threading.Thread | None = None
        self.polls = 0

    # -- public --------------------------------------------------------------

    def add(self, watcher: Watcher, *, immediately: bool = True) -> None:
        now = time.monotonic()
        first = 0.0 if immediately else self.backoff.first
        with self._cond:
            self._entries[id(watcher)] = _Entry(
                watcher, self.backoff.first, now + first, now + TICK
            )
            self._ensure_thread()
            self._cond.notify_all()

    def remove(self, watcher: Watcher) -> None:
        with self._cond:
            self._entries.pop(id(watcher), None)
            self._cond.notify_all()

    def nudge(self, watcher: Watcher | None = None) -> None:
        """Poll now and fast again (all watchers, or one that is re-added if it had stopped)."""
        now = time.monotonic()
        with self._cond:
            if watcher is not None and id(watcher) not in self._entries:
                self._entries[id(watcher)] = _Entry(watcher, self.backoff.first, now, now + TICK)
            for key, entry in self._entries.items():
                if watcher is None or key == id(watcher):
                    entry.interval = self.backoff.first
                    entry.due = now
            if self._entries:
                self._ensure_thread()
            self._cond.notify_all()

    @property
    def alive(self) -> bool:
        thread = self._thread
        return thread is not None and thread.is_alive()

    def count(self) -> int:
        with self._cond:
            return len(self._entries)

    # -- the thread ----------------------------------------------------------

    def _ensure_thread(self) -> None:
        if self._thread is None or not self._thread.is_alive():
            self._thread = threading.Thread(target=self._run, name="qsession-poller", daemon=True)
            self._thread.start()

    def _next_job(self) -> tuple[_Entry, str] | None:
        """Wait until a watcher is due; None when there is nothing left to watch."""
        with self._cond:
            while True:
                if not self._entries:
                    self._thread = None
                    return None
                now = time.monotonic()
                best: tuple[float, _Entry, str] | None = None
                for entry in self._entries.values():
                    for moment, kind in ((entry.due, "poll"), (entry.tick_due, "tick")):
                        if moment is not None and (best is None or moment < best[0]):
                            best = (moment, entry, kind)
                assert best is not None
                if best[0] <= now:
                    return best[1], best[2]
                self._cond.wait(best[0] - now)

    def _run(self) -> None:
        while True:
            job = self._next_job()
            if job is None:
                return
            entry, kind = job
            if kind == "tick":
                self._tick(entry)
            else:
                self._poll(entry)

    def _tick(self, entry: _Entry) -> None:
        try:
            again = entry.watcher.tick()
        except Exception:  # noqa: BLE001 - a broken clock must not stop the polling
            log.exception("panel tick failed")
            again = False
        with self._cond:
            entry.tick_due = time.monotonic() + TICK if again else None

    def _poll(self, entry: _Entry) -> None:
        with self._cond:
            entry.due = float("inf")  # not due again until this poll is done
        try:
            result = entry.watcher.poll()
        except Exception:  # noqa: BLE001 - watchers report their own errors; this is a bug guard
            log.exception("panel poll failed")
            result = PollResult(error=True)
        self.polls += 1
        with self._cond:
            key = id(entry.watcher)
            if self._entries.get(key) is not entry:
                return  # removed or re-added while polling
            if result.done:
                del self._entries[key]
                return
            entry.interval = self.backoff.next(entry.interval, result)
            now = time.monotonic()
            entry.due = now + entry.interval
            if entry.tick_due is None:
                entry.tick_due = now + TICK


_poller: Poller | None = None
_poller_lock = threading.Lock()


def get_poller() -> Poller:
    """The kernel's poller (created on first use)."""
    global _poller
    with _poller_lock:
        if _poller is None:
            _poller = Poller()
        return _poller
