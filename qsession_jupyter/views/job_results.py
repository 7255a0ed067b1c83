"""A finished job's results, downloaded once through the SDK and summarised for a histogram.

Shared by the panel (kernel side) and the sidebar's server routes, so both
views show the same numbers.

A finished job's output never changes, so the raw JSON is kept (a few recent
jobs only) and the summary is recomputed from it when the user asks for a
different top N. Download and parse failures become a message the panel shows
in place of the histogram: results are optional, the job row still shows.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any

from .errors import first_line
from .results import SUPPORTED_FORMATS, histogram_summary

#: Finished jobs whose raw results stay in memory.
CACHE_SIZE = 64


@dataclass(frozen=True)
class ResultsView:
    """Either a summary to plot or the reason there is none."""

    summary: dict[str, Any] | None
    message: str | None = None


def _as_int(value: Any) -> int | None:
    try:
        return int(value) if value is not None else None
    except (TypeError, ValueError):
        return None


def _mapping(value: Any) -> dict:
    return dict(value) if hasattr(value, "items") else {}


class ResultsCache:
    """Raw results of recently viewed jobs, shared by every panel of the kernel."""

    def __init__(self, size: int = CACHE_SIZE) -> None:
        self._size = size
        self._raw: OrderedDict[str, Any] = OrderedDict()
        self._lock = threading.Lock()

    def _download(self, workspace: Any, details: Any) -> Any:
        from azure.quantum.job import Job

        with self._lock:
            if details.id in self._raw:
                self._raw.move_to_end(details.id)
                return self._raw[details.id]
        raw = Job(workspace, details).download_data(details.output_data_uri)
        with self._lock:
            self._raw[details.id] = raw
            while len(self._raw) > self._size:
                self._raw.popitem(last=False)
        return raw

    def view(self, workspace: Any, details: Any, *, top: int | None) -> ResultsView:
        """The summary of a succeeded job, limited to its `top` most frequent outcomes."""
        output_format = details.output_data_format
        if output_format not in SUPPORTED_FORMATS:
            return ResultsView(None, f"No histogram for output format {output_format!r}.")
        if not details.output_data_uri:
            return ResultsView(None, "The job has no output data.")
        params = _mapping(details.input_params)
        metadata = _mapping(details.metadata)
        try:
            raw = self._download(workspace, details)
        except Exception as exc:  # noqa: BLE001 - any transport failure is shown, not raised
            return ResultsView(None, f"Cannot download the results: {first_line(exc)}")
        try:
            summary = histogram_summary(
                output_format,
                raw,
                shots=_as_int(params.get("shots") or params.get("count")),
                num_qubits=_as_int(metadata.get("num_qubits")),
                max_outcomes=top,
            )
        except ValueError as exc:
            return ResultsView(None, f"Cannot read the results: {exc}")
        return ResultsView(summary)


_cache = ResultsCache()


def results_cache() -> ResultsCache:
    return _cache
