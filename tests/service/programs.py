"""Programs the service tests submit: real Q# compiled by qdk, and deliberately bad input."""

from __future__ import annotations

from functools import cache

from qdk import qsharp


@cache
def bell_qir() -> str:
    qsharp.init(target_profile=qsharp.TargetProfile.Base)
    qsharp.eval(
        "operation Bell() : Result[] { use q = Qubit[2]; H(q[0]); CNOT(q[0], q[1]); MResetEachZ(q) }"
    )
    return str(qsharp.compile("Bell()"))


class QirText:
    """Sends QIR text as-is, the way the SDK sends any QirRepresentable."""

    _name = "main"

    def __init__(self, text: str) -> None:
        self.text = text

    def _repr_qir_(self, **_kwargs) -> bytes:
        return self.text.encode()


def submit_bell(target, name: str, shots: int = 20):
    return target.submit(QirText(bell_qir()), name=name, shots=shots)


def submit_broken(target, name: str):
    """A job the service accepts and then fails, as Azure does with a bad program."""
    return target.submit(QirText("this is not QIR"), name=name, shots=10)


#: A Bell pair in each provider's native format, as users write it.
BELL_IONQ = {
    "gateset": "qis",
    "qubits": 2,
    "circuit": [{"gate": "h", "target": 0}, {"gate": "cnot", "control": 0, "target": 1}],
}
BELL_QASM = """OPENQASM 2.0;
include "qelib1.inc";
qreg q[2];
creg c[2];
h q[0];
cx q[0],q[1];
measure q[0] -> c[0];
measure q[1] -> c[1];
"""
BELL_QUIL = "DECLARE ro BIT[2]\nH 0\nCNOT 0 1\nMEASURE 0 ro[0]\nMEASURE 1 ro[1]"


def ghz_qasm(qubits: int) -> str:
    """An OpenQASM 2 GHZ state on `qubits` qubits, for qubit-limit checks."""
    lines = ["OPENQASM 2.0;", 'include "qelib1.inc";', f"qreg q[{qubits}];", f"creg c[{qubits}];"]
    lines.append("h q[0];")
    lines += [f"cx q[{i}],q[{i + 1}];" for i in range(qubits - 1)]
    lines.append("measure q -> c;")
    return "\n".join(lines) + "\n"
