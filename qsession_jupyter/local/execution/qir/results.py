"""Shots in, `microsoft.quantum-results.v2` out.

The shape is the one the SDK parses (`Job.get_results*`, the Qiskit plugin's
`_format_microsoft_v2_results`): lists stay JSON lists, tuples become
`{"Item1": ..., "Item2": ...}`, results become 0/1 (2 for a lost qubit, which
the Qiskit plugin treats as a loss marker), and `Display` is the Python-literal
form the Qiskit plugin reads back with `ast.literal_eval`.
"""

from __future__ import annotations

from collections.abc import Iterable

from ....formats import MS_RESULTS_V2


def to_json_value(value: object) -> object:
    """One shot value from qdk (Result enums, lists, tuples, numbers) as JSON."""
    if isinstance(value, list):
        return [to_json_value(v) for v in value]
    if isinstance(value, tuple):
        return {f"Item{i + 1}": to_json_value(v) for i, v in enumerate(value)}
    if isinstance(value, (bool, int, float, str)) or value is None:
        return value
    # qdk's Result: a native enum whose str() is Zero, One or Loss.
    return _RESULTS.get(str(value), str(value))


_RESULTS = {"Zero": 0, "One": 1, "Loss": 2}


def display(value: object) -> str:
    """`[0, 1]`, `(0, [1, 1])`, `true`: the text the SDK shows and Qiskit parses."""
    if isinstance(value, list):
        return "[" + ", ".join(display(v) for v in value) + "]"
    if isinstance(value, dict):
        return "(" + ", ".join(display(value[f"Item{i + 1}"]) for i in range(len(value))) + ")"
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def result_entry(shots: Iterable[object]) -> dict:
    """One element of `Results`: the histogram (first-seen order) and every shot."""
    json_shots = [to_json_value(shot) for shot in shots]
    counts: dict[str, list] = {}
    for shot in json_shots:
        key = display(shot)
        entry = counts.get(key)
        if entry is None:
            counts[key] = [shot, 1]
        else:
            entry[1] += 1
    histogram = [
        {"Outcome": outcome, "Display": key, "Count": count}
        for key, (outcome, count) in counts.items()
    ]
    return {"Histogram": histogram, "Shots": json_shots}


def document(entries: list[dict]) -> dict:
    return {"DataFormat": MS_RESULTS_V2, "Results": entries}


_CLASSICAL_ZERO = {"bool": False, "int": 0, "double": 0.0}


def entry_from_rows(records: list[tuple[str, int]], values) -> dict:
    """A `Results` entry from a (shots, num_results) 0/1 array, building each outcome once.

    Sampling 20 qubits a thousand times gives hundreds of distinct outcomes; the
    outcomes are built column-wise with numpy, and each shot refers to its
    outcome's JSON object, so the cost stays in C rather than per-shot Python.
    """
    import numpy as np

    shots, width = values.shape
    if width <= 62:
        keys = values.astype(np.int64) @ (np.int64(1) << np.arange(width, dtype=np.int64))
        _, first, inverse, counts = np.unique(
            keys, return_index=True, return_inverse=True, return_counts=True
        )
    else:
        _, first, inverse, counts = np.unique(
            values, axis=0, return_index=True, return_inverse=True, return_counts=True
        )
    rows = values[first].astype(np.int64)
    template = _template(records, width)
    outcomes = _realize_json(template, rows)
    displays = _realize_display(template, rows)
    histogram = [
        {"Outcome": outcomes[i], "Display": displays[i], "Count": int(counts[i])}
        for i in np.argsort(first, kind="stable")
    ]
    return {"Histogram": histogram, "Shots": [outcomes[i] for i in inverse.reshape(-1).tolist()]}


def _template(records: list[tuple[str, int]], width: int) -> tuple:
    """The output shape as a tree whose leaves are result indices (flat arrays kept whole)."""
    if not records:
        return ("flat", list(range(width)))
    items = []
    pos = 0
    while pos < len(records):
        node, pos = _template_node(records, pos)
        items.append(node)
    return items[0] if len(items) == 1 else ("tuple", items)


def _template_node(records: list[tuple[str, int]], pos: int) -> tuple[tuple, int]:
    kind, value = records[pos]
    pos += 1
    if kind == "result":
        return ("result", value), pos
    if kind in ("array", "tuple"):
        children = []
        for _ in range(value):
            if pos >= len(records):
                break
            child, pos = _template_node(records, pos)
            children.append(child)
        if kind == "array" and all(c[0] == "result" for c in children):
            return ("flat", [c[1] for c in children]), pos
        return (kind, children), pos
    return ("const", _CLASSICAL_ZERO.get(kind, 0)), pos


def _column(rows, index: int):
    import numpy as np

    return rows[:, index] if index < rows.shape[1] else np.zeros(rows.shape[0], dtype=np.int64)


def _realize_json(node: tuple, rows) -> list:
    kind, value = node
    if kind == "result":
        return _column(rows, value).tolist()
    if kind == "flat":
        valid = [i for i in value if i < rows.shape[1]]
        if len(valid) == len(value):
            return rows[:, value].tolist()
        return [[row[i] if i < len(row) else 0 for i in value] for row in rows.tolist()]
    if kind == "const":
        return [value] * rows.shape[0]
    columns = [_realize_json(child, rows) for child in value]
    if kind == "array":
        return (
            [list(parts) for parts in zip(*columns, strict=True)]
            if columns
            else [[]] * rows.shape[0]
        )
    keys = [f"Item{i + 1}" for i in range(len(columns))]
    return [dict(zip(keys, parts, strict=True)) for parts in zip(*columns, strict=True)]


def _realize_display(node: tuple, rows) -> list[str]:
    kind, value = node
    if kind in ("result", "flat", "const"):
        if kind == "const" and isinstance(value, bool):
            return ["true" if value else "false"] * rows.shape[0]
        return [str(v) for v in _realize_json(node, rows)]
    columns = [_realize_display(child, rows) for child in value]
    if not columns:
        return ["[]" if kind == "array" else "()"] * rows.shape[0]
    open_, close = ("[", "]") if kind == "array" else ("(", ")")
    return [open_ + ", ".join(parts) + close for parts in zip(*columns, strict=True)]
