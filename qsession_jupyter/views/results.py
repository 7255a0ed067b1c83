"""Summarise a job's raw results into the few numbers a histogram needs.

The sidebar (drawn in the browser) and the panel (drawn with matplotlib) both
plot from this summary, never from the raw blob: a v2 result carries every shot,
and sending or re-parsing thousands of shots on each refresh would be wasteful.

`histogram_summary` is a pure function of the output format name and the raw
JSON the job wrote, so it is tested without a workspace.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable
from typing import Any

from ..formats import (
    IONQ_RESULTS,
    MS_RESULTS_V1,
    MS_RESULTS_V2,
    PASQAL_RESULTS,
    QUANTINUUM_RESULTS,
    QUIL_RESULTS,
)

#: Outcomes kept by default: a histogram with more bars than this is unreadable,
#: and the rest is reported as `omitted` / `omitted_weight`.
DEFAULT_MAX_OUTCOMES = 64


class ResultsFormatError(ValueError):
    """The results are not in the shape their output format promises."""


def _load(raw: Any) -> Any:
    if isinstance(raw, (bytes, bytearray)):
        raw = raw.decode("utf-8")
    if isinstance(raw, str):
        try:
            return json.loads(raw)
        except json.JSONDecodeError as exc:
            raise ResultsFormatError(f"Results are not valid JSON: {exc.msg}") from exc
    return raw


def _require_mapping(data: Any, output_format: str) -> dict:
    if not isinstance(data, dict):
        raise ResultsFormatError(f"{output_format} results must be a JSON object.")
    return data


def _tuple_display(value: Any) -> str:
    """v2 outcomes: lists as "[0, 1]", tuples ({"Item1":..}) as "(0, 1)"."""
    if isinstance(value, dict) and value and all(str(k).startswith("Item") for k in value):
        parts = [_tuple_display(value[f"Item{i + 1}"]) for i in range(len(value))]
        return "(" + ", ".join(parts) + ")"
    if isinstance(value, list):
        return "[" + ", ".join(_tuple_display(v) for v in value) + "]"
    return json.dumps(value) if isinstance(value, (dict, str)) else str(value)


def _counts_summary(counter: dict[str, float], shots: int | None, kind: str) -> dict[str, Any]:
    outcomes = sorted(counter)
    values = [counter[o] for o in outcomes]
    return {"outcomes": outcomes, kind: values, "shots": shots}


def _ms_v1(data: Any, shots: int | None) -> dict[str, Any]:
    histogram = _require_mapping(data, MS_RESULTS_V1).get("Histogram")
    if not isinstance(histogram, list) or len(histogram) % 2:
        raise ResultsFormatError('"Histogram" must be a flat list of (display, probability) pairs.')
    probabilities: dict[str, float] = {}
    for display, probability in zip(histogram[0::2], histogram[1::2], strict=True):
        probabilities[str(display)] = probabilities.get(str(display), 0.0) + float(probability)
    return _counts_summary(probabilities, shots, "probabilities")


def _ms_v2_one(result: Any) -> dict[str, Any]:
    if not isinstance(result, dict) or not isinstance(result.get("Histogram"), list):
        raise ResultsFormatError('Each v2 result needs a "Histogram" list.')
    counts: dict[str, int] = {}
    for entry in result["Histogram"]:
        if not isinstance(entry, dict) or "Count" not in entry:
            raise ResultsFormatError('Each v2 histogram entry needs "Count".')
        display = entry.get("Display")
        if display is None:
            display = _tuple_display(entry.get("Outcome"))
        counts[str(display)] = counts.get(str(display), 0) + int(entry["Count"])
    shots_list = result.get("Shots")
    shots = len(shots_list) if isinstance(shots_list, list) else sum(counts.values())
    return _counts_summary(counts, shots, "counts")


def _ms_v2(data: Any, shots: int | None) -> dict[str, Any]:
    data = _require_mapping(data, MS_RESULTS_V2)
    results = data.get("Results")
    if not isinstance(results, list) or not results:
        raise ResultsFormatError('"Results" must be a non-empty list.')
    summaries = [_ms_v2_one(r) for r in results]
    first = dict(summaries[0])
    if len(summaries) > 1:
        # A batch (e.g. several Qiskit circuits in one job): the first result is
        # the headline, the others stay available.
        first["batch"] = summaries
    return first


def _ionq(data: Any, shots: int | None, num_qubits: int | None = None) -> dict[str, Any]:
    histogram = _require_mapping(data, IONQ_RESULTS).get("histogram")
    if not isinstance(histogram, dict):
        raise ResultsFormatError('"histogram" must map outcomes to probabilities.')
    probabilities: dict[str, float] = {}
    keys = []
    for key, probability in histogram.items():
        try:
            index = int(key)
        except (TypeError, ValueError) as exc:
            raise ResultsFormatError(f"IonQ outcome {key!r} is not an integer.") from exc
        keys.append((index, float(probability)))
    width = num_qubits or max((index.bit_length() for index, _ in keys), default=1) or 1
    for index, probability in keys:
        # Keys are integers with qubit 0 as the least significant bit: show them
        # as bitstrings with qubit 0 on the right, as IonQ and Qiskit do.
        label = format(index, f"0{width}b")
        probabilities[label] = probabilities.get(label, 0.0) + probability
    return _counts_summary(probabilities, shots, "probabilities")


def _per_shot_counts(registers: dict[str, list], output_format: str) -> dict[str, Any]:
    lengths = {len(v) for v in registers.values()}
    if len(lengths) > 1:
        raise ResultsFormatError(f"{output_format} registers have different shot counts.")
    shots = lengths.pop() if lengths else 0
    names = list(registers)
    counter: Counter[str] = Counter()
    for shot in range(shots):
        counter[" ".join(_shot_text(registers[name][shot]) for name in names)] += 1
    summary = _counts_summary(dict(counter), shots, "counts")
    summary["registers"] = names
    return summary


def _shot_text(value: Any) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, list):
        if all(isinstance(v, (int, bool)) for v in value):
            return "".join(str(int(v)) for v in value)
        return "[" + ", ".join(_shot_text(v) for v in value) + "]"
    return str(value)


def _quantinuum(data: Any, shots: int | None) -> dict[str, Any]:
    data = _require_mapping(data, QUANTINUUM_RESULTS)
    registers = {k: v for k, v in data.items() if k != "access_token"}
    if not all(isinstance(v, list) for v in registers.values()):
        raise ResultsFormatError("Each Quantinuum register must be a list of per-shot bitstrings.")
    return _per_shot_counts(registers, QUANTINUUM_RESULTS)


def _rigetti(data: Any, shots: int | None) -> dict[str, Any]:
    data = _require_mapping(data, QUIL_RESULTS)
    if not all(isinstance(v, list) for v in data.values()):
        raise ResultsFormatError("Each Rigetti memory region must be a list of per-shot values.")
    return _per_shot_counts(data, QUIL_RESULTS)


def _pasqal(data: Any, shots: int | None) -> dict[str, Any]:
    data = _require_mapping(data, PASQAL_RESULTS)
    counter = data.get("counter", data)
    if not isinstance(counter, dict):
        raise ResultsFormatError("Pasqal results must map bitstrings to counts.")
    counts = {str(k): int(v) for k, v in counter.items()}
    return _counts_summary(counts, sum(counts.values()), "counts")


_SUMMARISERS: dict[str, Callable[..., dict[str, Any]]] = {
    MS_RESULTS_V1: _ms_v1,
    MS_RESULTS_V2: _ms_v2,
    IONQ_RESULTS: _ionq,
    QUANTINUUM_RESULTS: _quantinuum,
    QUIL_RESULTS: _rigetti,
    PASQAL_RESULTS: _pasqal,
}

SUPPORTED_FORMATS = tuple(_SUMMARISERS)


def _limit(summary: dict[str, Any], max_outcomes: int | None) -> dict[str, Any]:
    kind = "counts" if "counts" in summary else "probabilities"
    outcomes, values = summary["outcomes"], summary[kind]
    summary["omitted"] = 0
    summary["omitted_weight"] = 0
    if max_outcomes is None or len(outcomes) <= max_outcomes:
        return summary
    ranked = sorted(range(len(outcomes)), key=lambda i: (-values[i], outcomes[i]))
    keep = sorted(ranked[:max_outcomes])
    dropped = ranked[max_outcomes:]
    summary["outcomes"] = [outcomes[i] for i in keep]
    summary[kind] = [values[i] for i in keep]
    summary["omitted"] = len(dropped)
    summary["omitted_weight"] = sum(values[i] for i in dropped)
    return summary


def histogram_summary(
    output_format: str,
    raw_results_json: str | bytes | dict | list,
    *,
    shots: int | None = None,
    num_qubits: int | None = None,
    max_outcomes: int | None = DEFAULT_MAX_OUTCOMES,
) -> dict[str, Any]:
    """Outcomes with their counts (or probabilities), sorted by outcome label.

    Returns ``{"format", "outcomes": [...], "counts": [...] | "probabilities":
    [...], "shots": N | None, "omitted": k, "omitted_weight": w}``. Formats that
    record every shot (v2, Quantinuum, Rigetti, Pasqal) give counts and the
    exact shot total; formats that only give probabilities (v1, IonQ) report the
    `shots` the caller passes (from the job's input parameters), or None. A v2
    batch adds ``"batch"``: one summary per result. Only the `max_outcomes` most
    frequent outcomes are kept; `omitted` says how many were left out.

    Raises `ResultsFormatError` (a ValueError) for an unknown format or
    malformed data.
    """
    summariser = _SUMMARISERS.get(output_format)
    if summariser is None:
        raise ResultsFormatError(f"No histogram for output format {output_format!r}.")
    data = _load(raw_results_json)
    if output_format == IONQ_RESULTS:
        summary = _ionq(data, shots, num_qubits)
    else:
        summary = summariser(data, shots)
    summary = _limit(summary, max_outcomes)
    for part in summary.get("batch", []):
        _limit(part, max_outcomes)
    summary["format"] = output_format
    return summary
