"""IonQ JSON, OpenQASM 2 and Quil jobs, serialised the way the SDK's plugins send them."""

from __future__ import annotations

import json
import math

import pytest
from execution_helpers import make_request, output_of

from qsession_jupyter.local.execution.formats import ionq as ionq_format
from qsession_jupyter.local.execution.sim.gates import controlled_matrix, matrix_1q
from qsession_jupyter.local.execution.sim.ideal import IdealState

IONQ = "ionq.circuit.v1"
QASM = "honeywell.openqasm.v1"
QUIL = "rigetti.quil.v1"


# -- IonQ ----------------------------------------------------------------------------


def cirq_bell_body() -> dict:
    """What AzureQuantumService's IonQ target uploads for a Cirq Bell circuit."""
    import cirq
    import cirq_ionq

    q = cirq.LineQubit.range(2)
    circuit = cirq.Circuit(cirq.H(q[0]), cirq.CNOT(q[0], q[1]), cirq.measure(*q, key="m"))
    return cirq_ionq.Serializer().serialize_single_circuit(circuit).body


def test_ionq_simulator_returns_exact_probabilities_keyed_by_integer_state(pool):
    body = {"gateset": "qis", "qubits": 3, "circuit": [
        {"gate": "h", "targets": [0]},
        {"gate": "cnot", "control": 0, "target": 1},
        {"gate": "x", "controls": [0, 1], "target": 2},
    ]}  # fmt: skip
    result = output_of(pool.run(make_request("ionq.simulator", IONQ, json.dumps(body))))
    assert result == {"histogram": {"0": 0.5, "7": 0.5}}


def test_ionq_little_endian_keys(pool):
    body = {"qubits": 3, "circuit": [{"gate": "x", "targets": [1]}]}
    result = output_of(pool.run(make_request("ionq.simulator", IONQ, json.dumps(body))))
    assert result == {"histogram": {"2": 1.0}}  # qubit 1 set -> binary 010


def test_cirq_serialised_bell_pair_on_ideal_and_emulated_ionq(pool):
    body = json.dumps(cirq_bell_body())
    ideal = output_of(pool.run(make_request("ionq.simulator", IONQ, body)))
    assert ideal == {"histogram": {"0": 0.5, "3": 0.5}}
    noisy = output_of(pool.run(make_request("ionq.qpu.aria-1", IONQ, body, {"shots": 4000})))
    hist = noisy["histogram"]
    assert sum(hist.values()) == pytest.approx(1.0)
    assert hist["0"] + hist["3"] > 0.9  # mostly correlated...
    assert hist.get("1", 0) + hist.get("2", 0) > 0  # ...with some errors


def test_qiskit_passthrough_circuit_runs(pool):
    from azure.quantum.qiskit.backends._qiskit_ionq import qiskit_circ_to_ionq_circ
    from qiskit import QuantumCircuit

    qc = QuantumCircuit(2, 2)
    qc.h(0)
    qc.cx(0, 1)
    qc.measure([0, 1], [0, 1])
    circuit, num_qubits, _ = qiskit_circ_to_ionq_circ(qc, gateset="qis")
    body = {"gateset": "qis", "qubits": num_qubits, "circuit": circuit}
    result = output_of(pool.run(make_request("ionq.simulator", IONQ, json.dumps(body))))
    assert result == {"histogram": {"0": 0.5, "3": 0.5}}


@pytest.mark.parametrize(
    "op",
    [{"gate": "gpi", "target": 0, "phase": 0.1}, {"gate": "gpi2", "target": 0, "phase": 0.3}],
)
def test_native_single_qubit_gates_match_ionq_definitions(op):
    """Each column of IonQ's published GPI / GPI2 matrix, up to a global phase."""
    phi = 2 * math.pi * op["phase"]
    if op["gate"] == "gpi":
        reference = [[0, math.e ** (-1j * phi)], [math.e ** (1j * phi), 0]]
    else:
        s = 1 / math.sqrt(2)
        reference = [[s, -1j * s * math.e ** (-1j * phi)], [-1j * s * math.e ** (1j * phi), s]]
    _, gates = ionq_format.parse_circuit({"gateset": "native", "qubits": 1, "circuit": [op]})
    for column in range(2):
        state = IdealState(1)
        if column:
            state.run([ionq_format.Gate("x", (0,))])
        state.run(gates)
        amplitudes = state.psi.reshape(-1)
        target = [reference[0][column], reference[1][column]]
        overlap = abs(sum(a.conjugate() * b for a, b in zip(target, amplitudes, strict=True)))
        assert overlap == pytest.approx(1.0, abs=1e-9)


def test_native_ms_gate_entangles_fully():
    body = {
        "gateset": "native",
        "qubits": 2,
        "circuit": [{"gate": "ms", "targets": [0, 1], "phases": [0, 0]}],
    }
    n, gates = ionq_format.parse_circuit(body)
    probs = IdealState(n).run(gates).marginal([0, 1])
    assert probs.tolist() == pytest.approx([0.5, 0, 0, 0.5])


def test_controlled_matrix_puts_the_target_last():
    m = controlled_matrix(matrix_1q("x", None), 1)  # bit 0 control, bit 1 target
    assert m[3, 1] == 1 and m[1, 3] == 1 and m[0, 0] == 1 and m[2, 2] == 1


@pytest.mark.parametrize(
    ("body", "fragment"),
    [
        (b"{not json", "not valid JSON"),
        (b'{"qubits": 2, "circuit": [{"gate": "warp", "targets": [0]}]}', "unknown gate 'warp'"),
        (b'{"qubits": 1, "circuit": [{"gate": "h", "targets": [3]}]}', "declares only 1 qubits"),
        (b'{"qubits": 1, "circuit": [{"gate": "rx", "targets": [0]}]}', 'needs "rotation"'),
    ],
)
def test_bad_ionq_circuits_fail_as_invalid_input(pool, body, fragment):
    outcome = pool.run(make_request("ionq.simulator", IONQ, body))
    assert (outcome.status, outcome.error_code) == ("Failed", "InvalidInputData")
    assert fragment in outcome.error_message


# -- OpenQASM 2 (Quantinuum) ---------------------------------------------------------


def qiskit_qasm(num_qubits: int = 3) -> str:
    from qiskit import QuantumCircuit, qasm2

    qc = QuantumCircuit(num_qubits, num_qubits)
    qc.x(0)
    qc.h(1)
    qc.cx(1, 2)
    qc.measure([0, 1], [0, 1])  # the last classical bit is left unmeasured
    return qasm2.dumps(qc)


def test_quantinuum_emulator_returns_bitstrings_highest_bit_first(pool):
    result = output_of(
        pool.run(make_request("quantinuum.sim.h2-1e", QASM, qiskit_qasm(), {"shots": 200}))
    )
    assert list(result) == ["c"] and len(result["c"]) == 200
    # c[0] = 1 always (X), c[1] random, c[2] never measured -> reads 0.
    assert set(result["c"]) <= {"001", "011", "000", "010", "101", "111"}
    assert sum(s.endswith("1") for s in result["c"]) > 180
    assert sum(s[0] == "0" for s in result["c"]) > 180


def test_syntax_checker_returns_zeros_for_valid_qasm(pool):
    result = output_of(
        pool.run(make_request("quantinuum.sim.h2-1sc", QASM, qiskit_qasm(), {"shots": 7}))
    )
    assert result == {"c": ["000"] * 7}


def test_cirq_registers_read_back_through_the_sdk(pool):
    import cirq
    from azure.quantum.cirq.targets.quantinuum import QuantinuumTarget

    q = cirq.LineQubit.range(2)
    circuit = cirq.Circuit(cirq.X(q[0]), cirq.measure(q[0], key="a"), cirq.measure(q[1], key="b"))
    result = output_of(
        pool.run(
            make_request(
                "quantinuum.sim.h2-1e", QASM, circuit.to_qasm(version="2.0"), {"shots": 50}
            )
        )
    )
    cirq_result = QuantinuumTarget._to_cirq_result(result, cirq.ParamResolver({}))
    assert sum(cirq_result.measurements["a"][:, 0]) > 45  # mostly 1 (noisy emulator)
    assert sum(cirq_result.measurements["b"][:, 0]) < 5


def test_register_conditions_follow_openqasm_bit_order(pool):
    source = """OPENQASM 2.0;
include "qelib1.inc";
qreg q[2];
creg c[2];
x q[0];
measure q[0] -> c[0];
if(c==1) x q[1];
measure q[1] -> c[1];
"""
    result = output_of(pool.run(make_request("quantinuum.sim.h2-1sc", QASM, source, {"shots": 3})))
    assert result == {"c": ["00"] * 3}  # the syntax checker accepts the program
    ideal = output_of(pool.run(make_request("quantinuum.qpu.h2-1", QASM, source, {"shots": 50})))
    assert ideal["c"].count("11") > 40  # c == 1 after c[0] = 1, so q[1] flips too


def test_qasm_error_names_the_line(pool):
    source = 'OPENQASM 2.0;\ninclude "qelib1.inc";\nqreg q[1];\nfrobnicate q[0];\n'
    outcome = pool.run(make_request("quantinuum.sim.h2-1e", QASM, source))
    assert (outcome.status, outcome.error_code) == ("Failed", "InvalidInputData")
    assert "frobnicate" in outcome.error_message and ":4:" in outcome.error_message


def test_qasm_cannot_include_local_files(pool):
    source = 'OPENQASM 2.0;\ninclude "/etc/hostname";\nqreg q[1];\n'
    outcome = pool.run(make_request("quantinuum.sim.h2-1e", QASM, source))
    assert (outcome.status, outcome.error_code) == ("Failed", "InvalidInputData")
    assert "include" in outcome.error_message


# -- Quil (Rigetti) ------------------------------------------------------------------

BELL_QUIL = "DECLARE ro BIT[2]\nH 0\nCNOT 0 1\nMEASURE 0 ro[0]\nMEASURE 1 ro[1]\n"


def test_quil_bell_pair_gives_readout_rows(pool):
    result = output_of(pool.run(make_request("rigetti.sim.qvm", QUIL, BELL_QUIL, {"count": 100})))
    assert list(result) == ["ro"] and len(result["ro"]) == 100
    assert {tuple(row) for row in result["ro"]} == {(0, 0), (1, 1)}


def test_parametrized_quil_runs_each_substitution(pool):
    # The program and parameters of the real service's recording (test_parametrized_quil).
    program = "\nDECLARE ro BIT[1]\nDECLARE theta REAL[1]\n\nRX(theta) 0\n\nMEASURE 0 ro[0]\n"
    params = {"skipQuilc": False, "count": 5,
              "substitutions": {"theta": [[0.0], [math.pi], [2 * math.pi]]}}  # fmt: skip
    result = output_of(pool.run(make_request("rigetti.sim.qvm", QUIL, program, params)))
    assert result == {"ro": [[0]] * 5 + [[1]] * 5 + [[0]] * 5}


def test_quil_with_physical_qubit_labels_and_standard_gates(pool):
    program = ("DECLARE ro BIT[3]\nRESET\nX 5\nDAGGER CONTROLLED X 5 107\nCPHASE(pi) 5 107\n"
               "ISWAP 5 9\nMEASURE 5 ro[0]\nMEASURE 107 ro[1]\nMEASURE 9 ro[2]\n")  # fmt: skip
    result = output_of(pool.run(make_request("rigetti.sim.qvm", QUIL, program, {"count": 4})))
    assert result == {"ro": [[0, 1, 1]] * 4}


def test_quil_syntax_error_fails_as_invalid_input(pool):
    outcome = pool.run(make_request("rigetti.sim.qvm", QUIL, "DECLARE ro BIT[2]\nH 0 0(\n"))
    assert (outcome.status, outcome.error_code) == ("Failed", "InvalidInputData")
    assert "could not be parsed" in outcome.error_message and "line 2" in outcome.error_message


def test_unknown_quil_operator_fails_like_the_recording(pool):
    # The recorded job: an unknown operator "a" before a valid program.
    program = "a\n\nDECLARE ro BIT[2]\n\nH 0\nCNOT 0 1\n\nMEASURE 0 ro[0]\nMEASURE 1 ro[1]\n"
    outcome = pool.run(make_request("rigetti.sim.qvm", QUIL, program))
    assert (outcome.status, outcome.error_code) == ("Failed", "InvalidInputData")
    assert "operator a is not known" in outcome.error_message
