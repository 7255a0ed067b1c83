"""The local service stops by itself once nobody has used it for a while.

It is started on demand by a kernel or the Jupyter server and is shared by
them, so no one of them can stop it when it exits: JupyterLab closing would
otherwise leave the service and its worker processes running for good. It
stops only when no request has come for `idle_shutdown` seconds *and* nothing
is left to do (no job queued or running, no session open), through the same
clean shutdown as `qsession-local stop`, so nothing is lost; whoever needs it
next starts it again on the same port with the same data.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable

from ..domain.sessions import is_terminal
from ..storage.records import PENDING_JOB_STATES
from ..storage.store import Store

#: Upper bound on how long a stop may lag behind the idle time running out.
LONGEST_CHECK_INTERVAL = 30.0


def has_work(store: Store) -> bool:
    """A job queued or running, or a session still open: the service is needed."""
    counts = store.count_by_state()
    if any(counts["Job"].get(state, 0) for state in PENDING_JOB_STATES):
        return True
    return any(count and not is_terminal(state) for state, count in counts["Session"].items())


def describe_idle_shutdown(seconds: float) -> str:
    """How the service will end ('stops by itself after ...'), for the lines that say it started."""
    if seconds <= 0:
        return "runs until `qsession-local stop`"
    if seconds >= 60 and seconds % 60 == 0:
        amount = f"{seconds / 60:g} min"
    else:
        amount = f"{seconds:g} s"
    return f"stops by itself after {amount} idle, or now with `qsession-local stop`"


class IdleWatch:
    """Knows when the last request came and says when the service may stop."""

    def __init__(
        self,
        idle_seconds: float,
        busy: Callable[[], bool],
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.idle_seconds = idle_seconds
        self.busy = busy
        self.clock = clock
        self.last_activity = clock()

    def touch(self) -> None:
        """A client made a request."""
        self.last_activity = self.clock()

    def idle_for(self) -> float:
        return self.clock() - self.last_activity

    def should_stop(self) -> bool:
        if self.idle_seconds <= 0 or self.idle_for() < self.idle_seconds:
            return False
        if self.busy():
            # Work in progress counts as activity: the full idle time starts when it ends.
            self.touch()
            return False
        return True

    async def wait_until_idle(self) -> None:
        """Return once the service has been idle long enough (never, when disabled)."""
        if self.idle_seconds <= 0:
            await asyncio.Event().wait()
        interval = min(LONGEST_CHECK_INTERVAL, max(0.05, self.idle_seconds / 10))
        while not self.should_stop():
            await asyncio.sleep(interval)
