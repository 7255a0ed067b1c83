"""Each listed session's jobs, for the counts and summed cost its row shows.

A page of the sidebar may list dozens of sessions and polls every few seconds,
so a session whose jobs can no longer change (the session and all its jobs are
final) is read once and remembered; only live sessions are re-read.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from typing import Any

from ..views import is_pending, is_terminal

#: Finished sessions whose job lists stay in memory.
CACHE_SIZE = 512


def _state(details: Any) -> str | None:
    status = details.status
    return str(getattr(status, "value", status)) if status is not None else None


class SessionJobs:
    """The jobs (details models) of sessions, through the SDK's `Workspace`."""

    def __init__(self, size: int = CACHE_SIZE) -> None:
        self._size = size
        self._final: OrderedDict[str, list[Any]] = OrderedDict()
        self._lock = threading.Lock()

    def jobs(self, workspace: Any, session_id: str, session_state: str | None) -> list[Any]:
        with self._lock:
            if session_id in self._final:
                self._final.move_to_end(session_id)
                return self._final[session_id]
        jobs = list(workspace.list_session_jobs_paginated(session_id=session_id, top=100))
        if is_terminal("Session", session_state) and not any(
            is_pending("Job", _state(job)) for job in jobs
        ):
            with self._lock:
                self._final[session_id] = jobs
                while len(self._final) > self._size:
                    self._final.popitem(last=False)
        return jobs
