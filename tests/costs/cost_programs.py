"""One small program per input format our targets take, built as users build them."""

from __future__ import annotations

from functools import cache

#: A 3-qubit GHZ state with a rotation (and, in IonQ JSON, a Toffoli): 1q, 2q and
#: multi-qubit gates and measurements all count.
IONQ_JSON = {
    "gateset": "qis",
    "qubits": 3,
    "circuit": [
        {"gate": "h", "target": 0},
        {"gate": "rz", "target": 1, "rotation": 0.3},
        {"gate": "cnot", "control": 0, "target": 1},
        {"gate": "cnot", "control": 1, "target": 2},
        {"gate": "x", "controls": [0, 1], "target": 2},
    ],
}
QASM = """OPENQASM 2.0;
include "qelib1.inc";
qreg q[3];
creg c[3];
h q[0];
rz(0.3) q[1];
cx q[0],q[1];
cx q[1],q[2];
measure q -> c;
"""
QUIL = """DECLARE ro BIT[3]
H 0
RZ(0.3) 1
CNOT 0 1
CNOT 1 2
MEASURE 0 ro[0]
MEASURE 1 ro[1]
MEASURE 2 ro[2]
"""
QSHARP = """
operation Ghz() : Result[] {
    use qs = Qubit[3];
    H(qs[0]);
    Rz(0.3, qs[1]);
    CNOT(qs[0], qs[1]);
    CNOT(qs[1], qs[2]);
    MResetEachZ(qs)
}
operation Rotated(theta : Double, layers : Int) : Result[] {
    use qs = Qubit[2];
    for _ in 1..layers {
        Ry(theta, qs[0]);
        CNOT(qs[0], qs[1]);
    }
    MResetEachZ(qs)
}
"""


def qiskit_circuit():
    from qiskit import QuantumCircuit

    circuit = QuantumCircuit(3, 3)
    circuit.h(0)
    circuit.rz(0.3, 1)
    circuit.cx(0, 1)
    circuit.cx(1, 2)
    circuit.measure(range(3), range(3))
    return circuit


def cirq_circuit():
    import cirq

    q = cirq.LineQubit.range(3)
    return cirq.Circuit(
        [cirq.H(q[0]), cirq.rz(0.3)(q[1]), cirq.CNOT(q[0], q[1]), cirq.CNOT(q[1], q[2])],
        cirq.measure(*q, key="m"),
    )


@cache
def qsharp_callables() -> dict:
    """`%%qsharp`'s callables, bound exactly as the magic binds them."""
    from qsession_jupyter.kernel.qsharp.cells import run_cell

    return run_cell(QSHARP).callables


def compiled_qir(profile: str):
    """A QIR program from `qsharp.compile`, for a target's profile."""
    from qdk import qsharp

    qsharp.init(target_profile=getattr(qsharp.TargetProfile, profile))
    qsharp.eval(QSHARP)
    program = qsharp.compile("Ghz()")
    qsession_reset()
    return program


def qsession_reset() -> None:
    """Forget the bound callables: `qsharp.init` replaced the interpreter they live in."""
    qsharp_callables.cache_clear()
