"""Each listed session's jobs, for the counts and summed cost its row shows.

A page of the sidebar may list dozens of sessions and polls every few seconds,
while a live session may hold hundreds of jobs (a VQE loop). Each session's
jobs are kept by a `SessionTracker` (the client layer's, as the panel's are),
which lists them once and then asks only for what can have changed (the newest
jobs and those still pending); a finished session (final, and every job final)
is not asked again.
"""

from __future__ import annotations

from typing import Any

from ..client.tracker import SessionTracker
from ..lru import LRU

#: Sessions whose jobs stay in memory (least recently listed are dropped).
CACHE_SIZE = 512


class SessionJobs:
    """The jobs (details models) of sessions, through the SDK's `Workspace`."""

    def __init__(self, size: int = CACHE_SIZE) -> None:
        self._trackers: LRU[str, SessionTracker] = LRU(size)

    def jobs(self, workspace: Any, session_id: str) -> list[Any]:
        tracker = self._trackers.get(session_id)
        if tracker is None or tracker.workspace is not workspace:
            tracker = self._trackers.put(session_id, SessionTracker(workspace, session_id))
        if not (tracker.loaded and tracker.finished):
            tracker.fetch()
        with tracker.lock:
            return [tracker.jobs[job_id] for job_id in tracker.order]
