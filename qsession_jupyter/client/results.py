"""Finished jobs' results, downloaded once through the SDK and kept for a while.

The one place the panel (kernel side) and the sidebar's routes (server side)
fetch a job's output; `qsession_jupyter.views.job_results` turns what comes
back into a histogram summary. A finished job's output never changes, so the
raw JSON of a few recent jobs is kept and the summary recomputed from it when
the user asks for a different top N.
"""

from __future__ import annotations

from typing import Any

from ..lru import LRU
from ..views.job_results import ResultsView, download_failed, nothing_to_download, summarise

#: Finished jobs whose raw results stay in memory.
CACHE_SIZE = 64


class ResultsCache:
    """Raw results of recently viewed jobs, shared by every panel of the kernel."""

    def __init__(self, size: int = CACHE_SIZE) -> None:
        self._raw: LRU[str, Any] = LRU(size)

    def _download(self, workspace: Any, details: Any) -> Any:
        from azure.quantum.job import Job

        raw = self._raw.get(details.id)
        if raw is None:
            raw = Job(workspace, details).download_data(details.output_data_uri)
            self._raw.put(details.id, raw)
        return raw

    def view(self, workspace: Any, details: Any, *, top: int | None) -> ResultsView:
        """The summary of a succeeded job, limited to its `top` most frequent outcomes."""
        reason = nothing_to_download(details)
        if reason is not None:
            return reason
        try:
            raw = self._download(workspace, details)
        except Exception as exc:  # noqa: BLE001 - any transport failure is shown, not raised
            return download_failed(exc)
        return summarise(details, raw, top=top)


_cache = ResultsCache()


def results_cache() -> ResultsCache:
    """The process's cache (one per kernel, one per Jupyter server)."""
    return _cache
