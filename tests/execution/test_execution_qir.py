"""qir.v1 jobs: the microsoft.quantum-results.v2 shapes Q#, Qiskit and Cirq read back."""

from __future__ import annotations

import pyqir
import pytest
from azure.quantum.job.job import Job
from azure.quantum.qiskit.job import AzureQuantumJob
from execution_helpers import make_request, output_of, qsharp_qir

QIR_PARAMS = {"entryPoint": "ENTRYPOINT__main", "arguments": [], "target_profile": "Base"}


def histogram(result: dict) -> dict[str, int]:
    return {h["Display"]: h["Count"] for h in result["Histogram"]}


def test_bell_pair_on_the_ideal_simulator_gives_only_00_and_11(pool, bell_qir):
    outcome = pool.run(
        make_request("ionq.simulator", "qir.v1", bell_qir, {**QIR_PARAMS, "shots": 400})
    )
    doc = output_of(outcome)
    assert doc["DataFormat"] == "microsoft.quantum-results.v2"
    [result] = doc["Results"]
    counts = histogram(result)
    assert set(counts) == {"[0, 0]", "[1, 1]"}
    assert sum(counts.values()) == 400 and len(result["Shots"]) == 400
    assert 120 < counts["[0, 0]"] < 280
    for entry in result["Histogram"]:
        assert entry["Outcome"] in ([0, 0], [1, 1])
        assert entry["Count"] == result["Shots"].count(entry["Outcome"])
    assert outcome.usage["shots"] == 400
    assert outcome.usage["gates_2q"] == 1


def test_older_sdks_count_parameter_sets_the_shots(pool, bell_qir):
    doc = output_of(pool.run(make_request("rigetti.sim.qvm", "qir.v1", bell_qir, {"count": 7})))
    assert len(doc["Results"][0]["Shots"]) == 7


def test_the_sdk_reads_histogram_and_shots_with_tuples(pool):
    qir = qsharp_qir(
        """
        operation Pair() : (Result, Result[]) {
            use qs = Qubit[2];
            X(qs[0]);
            X(qs[1]);
            (M(qs[0]), [M(qs[1])])
        }
        """,
        "Pair()",
    )
    doc = output_of(pool.run(make_request("quantinuum.sim.h2-1e", "qir.v1", qir, {"shots": 5})))
    [result] = doc["Results"]
    assert result["Histogram"] == [
        {"Outcome": {"Item1": 1, "Item2": [1]}, "Display": "(1, [1])", "Count": 5}
    ]
    # The SDK's own converter turns the Item dicts back into Python tuples.
    reader = Job.__new__(Job)  # only the parsing helper is used, no workspace
    shots = [reader._convert_tuples(shot) for shot in result["Shots"]]
    assert shots == [(1, [1])] * 5


def qiskit_qir(circuit) -> str:
    """The QIR the SDK's Qiskit QIR backends upload (they call this same translator)."""
    from qdk import TargetProfile
    from qdk.qiskit import QSharpBackend

    return QSharpBackend(target_profile=TargetProfile.Base, skip_transpilation=True).qir(circuit)


def test_qiskit_bit_order_survives_the_round_trip(pool):
    from qiskit import QuantumCircuit

    circuit = QuantumCircuit(3, 3)
    circuit.x(0)
    circuit.measure([0, 1, 2], [0, 1, 2])
    params = {"shots": 10, "items": [{"entryPoint": "ENTRYPOINT__main", "arguments": []}]}
    doc = output_of(pool.run(make_request("ionq.simulator", "qir.v1", qiskit_qir(circuit), params)))
    [entry] = doc["Results"][0]["Histogram"]
    # Qiskit prints classical bit 0 rightmost: X on qubit 0 must read back as "001".
    assert AzureQuantumJob._qir_to_qiskit_bitstring(entry["Display"]) == "001"


def test_one_result_per_qiskit_item(pool, bell_qir):
    items = [{"entryPoint": "ENTRYPOINT__main", "arguments": []}] * 2
    doc = output_of(
        pool.run(make_request("ionq.simulator", "qir.v1", bell_qir, {"shots": 3, "items": items}))
    )
    assert len(doc["Results"]) == 2


def test_syntax_checker_validates_and_returns_zeros(pool, bell_qir):
    doc = output_of(
        pool.run(make_request("quantinuum.sim.h2-1sc", "qir.v1", bell_qir, {"shots": 20}))
    )
    assert doc["Results"][0]["Histogram"] == [{"Outcome": [0, 0], "Display": "[0, 0]", "Count": 20}]


def test_branching_adaptive_program_runs_shot_by_shot(pool):
    qir = qsharp_qir(
        """
        operation Copy() : Result[] {
            use (a, b) = (Qubit(), Qubit());
            H(a);
            let r = M(a);
            if r == One { X(b); }
            [r, M(b)]
        }
        """,
        "Copy()",
        profile="Adaptive_RI",
    )
    doc = output_of(pool.run(make_request("ionq.simulator", "qir.v1", qir, {"shots": 200})))
    assert set(histogram(doc["Results"][0])) == {"[0, 0]", "[1, 1]"}


def test_qir_bitcode_is_accepted(pool, bell_qir):
    bitcode = pyqir.Module.from_ir(pyqir.Context(), bell_qir).bitcode
    doc = output_of(pool.run(make_request("ionq.simulator", "qir.v1", bitcode, {"shots": 10})))
    assert set(histogram(doc["Results"][0])) <= {"[0, 0]", "[1, 1]"}


def test_program_over_the_qubit_limit_fails_with_the_reason(pool):
    qir = qsharp_qir(
        "operation Wide() : Result[] { use qs = Qubit[30]; MResetEachZ(qs) }", "Wide()"
    )
    outcome = pool.run(make_request("ionq.qpu.aria-1", "qir.v1", qir))
    assert outcome.status == "Failed"
    assert outcome.error_code == "InvalidInputData"
    message = outcome.error_message
    assert "30 qubits" in message and "at most 20" in message
    assert "25 qubits" in message and "reasonable time" in message


@pytest.mark.parametrize(
    ("data", "fragment"),
    [
        (b"this is not llvm", "not valid LLVM IR"),
        (b"", "empty"),
        (b"\xff\xfe\x00garbage", "neither textual LLVM IR"),
    ],
)
def test_bad_qir_fails_as_invalid_input(pool, data, fragment):
    outcome = pool.run(make_request("ionq.simulator", "qir.v1", data))
    assert (outcome.status, outcome.error_code) == ("Failed", "InvalidInputData")
    assert fragment in outcome.error_message


def test_bad_shots_fail_as_invalid_input(pool, bell_qir):
    outcome = pool.run(make_request("ionq.simulator", "qir.v1", bell_qir, {"shots": "many"}))
    assert (outcome.status, outcome.error_code) == ("Failed", "InvalidInputData")
    assert "shots" in outcome.error_message


def test_unknown_input_format_fails_clearly(pool, bell_qir):
    outcome = pool.run(make_request("ionq.simulator", "microsoft.qio.v2", bell_qir))
    assert (outcome.status, outcome.error_code) == ("Failed", "InvalidInputData")
    assert "'microsoft.qio.v2' is not supported" in outcome.error_message


GATE_ZOO_QS = """
operation Prep(qs : Qubit[]) : Unit {
    H(qs[0]); X(qs[1]); Y(qs[2]); Z(qs[0]); S(qs[1]); Adjoint S(qs[2]); T(qs[3]); Adjoint T(qs[0]);
    Rx(0.3, qs[0]); Ry(1.1, qs[1]); Rz(-0.7, qs[2]); H(qs[3]);
    Rxx(0.4, qs[0], qs[2]); Ryy(0.9, qs[1], qs[3]); Rzz(1.3, qs[0], qs[3]);
    CNOT(qs[0], qs[1]); CY(qs[1], qs[2]); CZ(qs[2], qs[3]); CCNOT(qs[0], qs[1], qs[3]);
    SWAP(qs[0], qs[2]); Rx(2.0, qs[3]); H(qs[1]);
}
operation Zoo() : Result[] { use qs = Qubit[4]; Prep(qs); MResetEachZ(qs) }
"""


def test_fast_engine_state_equals_qdk_simulator_state():
    """The once-and-sample engine reads compiled QIR exactly as Microsoft's simulator runs Q#."""
    import numpy as np
    from qdk import qsharp

    from qsession_jupyter.local.execution.qir.program import parse_program
    from qsession_jupyter.local.execution.sim.ideal import IdealState

    program = parse_program(qsharp_qir(GATE_ZOO_QS, "Zoo()").encode())
    assert program.straight_line
    qsharp.eval("use zoo = Qubit[4]; Prep(zoo);")
    reference = np.abs(np.array(qsharp.dump_machine().as_dense_state())) ** 2
    qsharp.eval("ResetAll(zoo);")
    ours = IdealState(program.num_qubits).run(program.gates)
    # qdk's dense state lists qubit 0 as the most significant bit.
    assert ours.marginal([3, 2, 1, 0]) == pytest.approx(reference, abs=1e-12)


def test_results_follow_the_measured_qubits(pool):
    qir = qsharp_qir(
        """
        operation Order() : Result[] {
            use qs = Qubit[4];
            X(qs[3]);
            X(qs[1]);
            MResetEachZ([qs[3], qs[0], qs[2], qs[1]])
        }
        """,
        "Order()",
    )
    doc = output_of(pool.run(make_request("ionq.simulator", "qir.v1", qir, {"shots": 5})))
    assert histogram(doc["Results"][0]) == {"[1, 0, 0, 1]": 5}
