"""Quantinuum's session exclusivity: who holds a target, and until when.

Quantinuum batches a session's jobs: once a session's job starts, the machine
is the session's while its jobs keep coming, and a batch ends after "1 minute
of inactivity (i.e. the last job in a batch entered the 'completed' status
>= 60 seconds ago)" (Quantinuum's H-series batching documentation; Azure's
sessions page: "as long as you queue jobs within one minute from each other").
So the window runs from the last *completion*, not the last submission, and a
job that runs longer than the window does not end the hold.

Pure bookkeeping, no clock of its own and no lock: the scheduler calls it under
its lock with the time of its (injectable) clock.
"""

from __future__ import annotations


class ExclusiveHolds:
    def __init__(self, window: float) -> None:
        self.window = window
        self._holders: dict[str, str] = {}
        self._last_completed: dict[str, float] = {}
        #: Closed or finished sessions: their leftover jobs run, but they hold nothing.
        self._released: set[str] = set()

    def job_started(self, target: str, session_id: str) -> None:
        if session_id not in self._released:
            self._holders.setdefault(target, session_id)

    def job_completed(self, target: str, session_id: str, now: float) -> None:
        if self._holders.get(target) == session_id:
            self._last_completed[session_id] = now

    def holder(
        self, target: str, pending: dict[str, int], now: float
    ) -> tuple[str | None, float | None]:
        """The session holding `target` and, when only its window keeps it, the window's end.

        `pending` counts each session's queued or running jobs on the target.
        """
        session_id = self._holders.get(target)
        if session_id is None:
            return None, None
        if pending.get(session_id):
            return session_id, None  # held while its jobs are queued or running
        completed = self._last_completed.get(session_id)
        if completed is not None and now < completed + self.window:
            return session_id, completed + self.window
        self._drop(target, session_id)
        return None, None

    def restore(self, target: str, session_id: str, last_completed: float | None) -> None:
        """After a restart: `session_id` held `target` when the service stopped, its last job
        completed at `last_completed` (None: one was still running)."""
        self._holders[target] = session_id
        if last_completed is not None:
            self._last_completed[session_id] = last_completed

    def release(self, session_id: str) -> None:
        """Closing a session (or its end) releases every target it holds."""
        self._released.add(session_id)
        for target, holder in list(self._holders.items()):
            if holder == session_id:
                self._drop(target, holder)

    def _drop(self, target: str, session_id: str) -> None:
        del self._holders[target]
        self._last_completed.pop(session_id, None)
