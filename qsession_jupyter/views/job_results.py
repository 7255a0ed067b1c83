"""A finished job's results as a histogram summary, or the reason there is none.

Pure: the download is `qsession_jupyter.client.results`'s job; this module only
says whether there is anything to download and what the downloaded JSON
shows. Shared by the panel and the sidebar's routes, so both show the same
numbers and the same reasons. Results are optional: a reason is shown in place
of the histogram and the job row still shows.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .errors import first_line
from .results import SUPPORTED_FORMATS, histogram_summary


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


def nothing_to_download(details: Any) -> ResultsView | None:
    """Why a job's output cannot become a histogram before fetching it; None if it can."""
    output_format = details.output_data_format
    if output_format not in SUPPORTED_FORMATS:
        return ResultsView(None, f"No histogram for output format {output_format!r}.")
    if not details.output_data_uri:
        return ResultsView(None, "The job has no output data.")
    return None


def download_failed(error: BaseException) -> ResultsView:
    """What the views show when the output could not be fetched."""
    return ResultsView(None, f"Cannot download the results: {first_line(error)}")


def summarise(details: Any, raw: Any, *, top: int | None) -> ResultsView:
    """The summary of a job's downloaded output, limited to its `top` most frequent outcomes."""
    params = _mapping(details.input_params)
    metadata = _mapping(details.metadata)
    try:
        summary = histogram_summary(
            details.output_data_format,
            raw,
            shots=_as_int(params.get("shots") or params.get("count")),
            num_qubits=_as_int(metadata.get("num_qubits")),
            max_outcomes=top,
        )
    except ValueError as exc:
        return ResultsView(None, f"Cannot read the results: {exc}")
    return ResultsView(summary)
