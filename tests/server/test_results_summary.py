"""`histogram_summary` for every output format the local workspace or Azure writes."""

from __future__ import annotations

import json

import pytest

from qsession_jupyter.views import ResultsFormatError, histogram_summary


def test_microsoft_v2_counts_from_display_and_shots():
    raw = json.dumps(
        {
            "DataFormat": "microsoft.quantum-results.v2",
            "Results": [
                {
                    "Histogram": [
                        {"Outcome": [1, 1], "Display": "[1, 1]", "Count": 3},
                        {"Outcome": [0, 0], "Display": "[0, 0]", "Count": 5},
                    ],
                    "Shots": [[0, 0]] * 5 + [[1, 1]] * 3,
                }
            ],
        }
    )
    summary = histogram_summary("microsoft.quantum-results.v2", raw)
    assert summary["outcomes"] == ["[0, 0]", "[1, 1]"]
    assert summary["counts"] == [5, 3]
    assert summary["shots"] == 8
    assert "probabilities" not in summary and "batch" not in summary


def test_microsoft_v2_tuple_outcomes_without_display_and_batches():
    one = {
        "Histogram": [{"Outcome": {"Item1": 1, "Item2": [0, 1]}, "Count": 2}],
        "Shots": [None, None],
    }
    two = {"Histogram": [{"Outcome": [1], "Display": "[1]", "Count": 4}], "Shots": [[1]] * 4}
    summary = histogram_summary(
        "microsoft.quantum-results.v2",
        {"DataFormat": "microsoft.quantum-results.v2", "Results": [one, two]},
    )
    assert summary["outcomes"] == ["(1, [0, 1])"]
    assert [b["outcomes"] for b in summary["batch"]] == [["(1, [0, 1])"], ["[1]"]]
    assert [b["shots"] for b in summary["batch"]] == [2, 4]


def test_microsoft_v1_probability_pairs():
    summary = histogram_summary(
        "microsoft.quantum-results.v1", b'{"Histogram": ["[0]", 0.25, "[1]", 0.75]}', shots=100
    )
    assert summary["outcomes"] == ["[0]", "[1]"]
    assert summary["probabilities"] == [0.25, 0.75]
    assert summary["shots"] == 100


def test_ionq_integer_keys_become_bitstrings_with_qubit_zero_on_the_right():
    summary = histogram_summary(
        "ionq.quantum-results.v1", {"histogram": {"0": 0.5, "6": 0.5}}, num_qubits=3
    )
    assert summary["outcomes"] == ["000", "110"]
    assert summary["probabilities"] == [0.5, 0.5]
    assert summary["shots"] is None
    # Without the qubit count, the widest key sets the width.
    assert histogram_summary("ionq.quantum-results.v1", {"histogram": {"1": 0.5, "2": 0.5}})[
        "outcomes"
    ] == [
        "01",
        "10",
    ]


def test_quantinuum_registers_are_zipped_per_shot():
    raw = {"c0": ["0", "1", "1"], "c1": ["00", "11", "11"], "access_token": "ignored"}
    summary = histogram_summary("honeywell.quantum-results.v1", raw)
    assert summary["outcomes"] == ["0 00", "1 11"]
    assert summary["counts"] == [1, 2]
    assert summary["shots"] == 3
    assert summary["registers"] == ["c0", "c1"]


def test_rigetti_readout_lists_per_shot():
    summary = histogram_summary("rigetti.quil-results.v1", {"ro": [[0, 0], [1, 1], [1, 1], [0, 1]]})
    assert summary["outcomes"] == ["00", "01", "11"]
    assert summary["counts"] == [1, 1, 2]
    assert summary["shots"] == 4


def test_pasqal_counter():
    summary = histogram_summary("pasqal.pulser-results.v1", {"counter": {"10": 3, "01": 1}})
    assert (summary["outcomes"], summary["counts"], summary["shots"]) == (["01", "10"], [1, 3], 4)


def test_many_outcomes_keep_the_most_frequent_and_say_what_was_left_out():
    histogram = [{"Display": f"[{i}]", "Count": i + 1} for i in range(100)]
    summary = histogram_summary(
        "microsoft.quantum-results.v2",
        {
            "DataFormat": "microsoft.quantum-results.v2",
            "Results": [{"Histogram": histogram, "Shots": []}],
        },
        max_outcomes=10,
    )
    assert len(summary["outcomes"]) == 10
    assert set(summary["counts"]) == set(range(91, 101))
    assert summary["omitted"] == 90
    assert summary["omitted_weight"] == sum(range(1, 91))


@pytest.mark.parametrize(
    ("output_format", "raw"),
    [
        ("microsoft.quantum-results.v2", "{not json"),
        ("microsoft.quantum-results.v2", {"Results": []}),
        ("microsoft.quantum-results.v1", {"Histogram": ["[0]"]}),
        ("ionq.quantum-results.v1", {"histogram": {"zero": 1.0}}),
        ("honeywell.quantum-results.v1", {"c": ["0"], "d": ["0", "1"]}),
        ("rigetti.quil-results.v1", {"ro": "nope"}),
        ("unknown.format.v9", {}),
    ],
)
def test_malformed_or_unknown_results_raise_a_clear_value_error(output_format, raw):
    with pytest.raises(ResultsFormatError):
        histogram_summary(output_format, raw)
