"""Histogram bars from known results of every format: labels, heights, titles, text."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from qsession_jupyter.views import histogram_summary
from qsession_jupyter.widgets.histogram import (
    histogram_bars,
    outcome_label,
    text_histogram,
)

V2 = {
    "DataFormat": "microsoft.quantum-results.v2",
    "Results": [
        {
            "Histogram": [
                {"Outcome": [0, 0], "Display": "[0, 0]", "Count": 3},
                {"Outcome": [1, 1], "Display": "[1, 1]", "Count": 5},
            ],
            "Shots": [[0, 0]] * 3 + [[1, 1]] * 5,
        }
    ],
}


def bars(fmt, data, *, shots=None, num_qubits=None, top=16, **kwargs):
    summary = histogram_summary(
        fmt, json.dumps(data), shots=shots, num_qubits=num_qubits, max_outcomes=top
    )
    return histogram_bars(summary, **kwargs)


def test_microsoft_v2_counts_as_bitstrings_and_kets():
    b = bars("microsoft.quantum-results.v2", V2, name="Bell")
    assert (b.labels, b.heights, b.kind) == (["00", "11"], [3.0, 5.0], "counts")
    assert b.title == "Bell · 8 shots"
    kets = bars("microsoft.quantum-results.v2", V2, labels="kets")
    assert kets.labels == ["|00⟩", "|11⟩"]
    probs = bars("microsoft.quantum-results.v2", V2, values="probabilities")
    assert probs.heights == [3 / 8, 5 / 8] and probs.ylabel == "Probability"


def test_microsoft_v1_probabilities_become_counts_when_shots_are_known():
    data = {
        "DataFormat": "microsoft.quantum-results.v1",
        "Histogram": ["[0, 0]", 0.25, "[1, 1]", 0.75],
    }
    b = bars("microsoft.quantum-results.v1", data, shots=100)
    assert (b.labels, b.heights, b.kind) == (["00", "11"], [25.0, 75.0], "counts")
    unknown = bars("microsoft.quantum-results.v1", data)
    assert unknown.kind == "probabilities" and unknown.heights == [0.25, 0.75]
    assert "shots unknown" in unknown.title


def test_ionq_integer_keys_become_bitstrings_with_qubit_zero_on_the_right():
    data = {"histogram": {"0": 0.5, "3": 0.25, "1": 0.25}}
    b = bars("ionq.quantum-results.v1", data, shots=200, num_qubits=3)
    assert b.labels == ["000", "001", "011"]
    assert b.heights == [100.0, 50.0, 50.0]


def test_quantinuum_register_shots_are_counted_per_register():
    data = {"c": ["01", "01", "11"], "d": ["1", "1", "0"]}
    b = bars("honeywell.quantum-results.v1", data, labels="kets")
    assert b.labels == ["|01 1⟩", "|11 0⟩"]
    assert b.heights == [2.0, 1.0]
    assert b.shots == 3


def test_rigetti_readouts_are_counted():
    data = {"ro": [[0, 0], [1, 1], [1, 1], [1, 1]]}
    b = bars("rigetti.quil-results.v1", data)
    assert (b.labels, b.heights, b.title) == (["00", "11"], [1.0, 3.0], "4 shots")


def test_top_n_groups_the_rest_into_one_bar():
    histogram = [
        {
            "Outcome": [int(c) for c in f"{i:03b}"],
            "Display": str([int(c) for c in f"{i:03b}"]),
            "Count": n,
        }
        for i, n in zip(range(5), (10, 8, 6, 4, 2), strict=True)
    ]
    data = {"Results": [{"Histogram": histogram, "Shots": []}]}
    b = bars("microsoft.quantum-results.v2", data, top=3)
    assert b.labels == ["000", "001", "010", "other (2)"]
    assert b.heights == [10.0, 8.0, 6.0, 6.0]
    assert b.grouped == 2
    assert sum(b.heights) == 30


@pytest.mark.parametrize(
    ("display", "bits", "ket"),
    [
        ("[0, 1, 1]", "011", "|011⟩"),
        ("(0, [1, 1])", "0 11", "|0 11⟩"),
        ("[Zero, One]", "01", "|01⟩"),
        ("One", "1", "|1⟩"),
        ("42", "42", "42"),
        ("[2, 0]", "[2, 0]", "[2, 0]"),
        ("3.5", "3.5", "3.5"),
    ],
)
def test_outcome_labels(display, bits, ket):
    assert outcome_label(display, "bitstrings") == bits
    assert outcome_label(display, "kets") == ket


def test_text_histogram_scales_bars_to_the_largest():
    text = text_histogram(bars("rigetti.quil-results.v1", {"ro": [[0], [1], [1], [1]]}))
    lines = text.splitlines()
    assert lines[0] == "4 shots"
    assert lines[1].startswith("0 │") and lines[1].endswith(" 1")
    assert lines[2].count("█") == 40 and lines[2].endswith(" 3")
    assert lines[1].count("█") == round(40 / 3)


def test_png_is_rendered_without_pyplot():
    """A Figure-only render leaves no pyplot state behind (nothing to pop up or leak)."""
    code = (
        "import json, sys\n"
        "from qsession_jupyter.widgets.histogram import histogram_bars, render_png\n"
        "from qsession_jupyter.views import histogram_summary\n"
        f"s = histogram_summary('microsoft.quantum-results.v2', {json.dumps(json.dumps(V2))})\n"
        "png = render_png(histogram_bars(s))\n"
        "print(png[:8] == b'\\x89PNG\\r\\n\\x1a\\n', len(png) > 2000, 'matplotlib.pyplot' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["True", "True", "False"]
