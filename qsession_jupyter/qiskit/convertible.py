"""Circuits as qdk converts them correctly.

Three things in circuits users pass would otherwise reach QIR wrong or not at all
(the third: classical registers nothing measures, see `without_unmeasured_registers`).

*Controlled rotations.* qdk reads gate angles as OpenQASM `angle`s, which wrap
into [0, 2π). That is harmless for a rotation (Rz(θ + 2π) = −Rz(θ), a global
phase) but not for a controlled one: the sign becomes a relative phase on the
control, so `cry(-1.73)` runs as `cry(4.55)` and the counts are wrong (qdk's own
`QSharpBackend.run` gives the same wrong counts). crx, cry and crz are
therefore replaced by their Qiskit definitions, which use only uncontrolled
rotations and CX.

*Layouts.* `transpile(circuit, backend)` may give the circuit a layout; then
OpenQASM 3 names its qubits `$0`, `$1`…, which qdk's converter refuses
("hardware qubit operands are not supported"), and the SDK's own
`backend.run` fails the same way. The circuit is rebuilt on the qubits it
uses, in order (physical qubits it never touches do nothing); classical bits
are untouched, so results read the same.
"""

from __future__ import annotations

from typing import Any

#: Controlled rotations whose angle qdk wraps incorrectly.
_CONTROLLED_ROTATIONS = ("crx", "cry", "crz")


def convertible(circuit: Any) -> Any:
    """`circuit`, or an equivalent that qdk converts correctly (see the module docstring)."""
    circuit = without_unmeasured_registers(without_layout(circuit))
    if any(name in circuit.count_ops() for name in _CONTROLLED_ROTATIONS):
        circuit = circuit.decompose(gates_to_decompose=list(_CONTROLLED_ROTATIONS))
    return circuit


def without_layout(circuit: Any) -> Any:
    """`circuit` itself when it has no layout, else the same operations on its used qubits."""
    if circuit.layout is None:
        return circuit
    from qiskit.circuit import QuantumCircuit, QuantumRegister

    used = {q for inst in circuit.data if inst.operation.name != "barrier" for q in inst.qubits}
    active = [q for q in circuit.qubits if q in used]
    register = QuantumRegister(len(active), "q")
    index = {q: register[i] for i, q in enumerate(active)}
    plain = QuantumCircuit(
        register,
        *circuit.cregs,
        name=circuit.name,
        global_phase=circuit.global_phase,
        metadata=circuit.metadata,
    )
    for inst in circuit.data:
        qubits = [index[q] for q in inst.qubits if q in index]
        if inst.operation.name == "barrier":
            if qubits:
                plain.barrier(*qubits)
            continue
        plain.append(inst.operation, qubits, inst.clbits)
    return plain


def without_unmeasured_registers(circuit: Any) -> Any:
    """`circuit` without the classical registers nothing writes (qdk fails on them with
    "partial evaluation error"); a sampler reads them as zeros, as Qiskit does."""
    written = {bit for inst in circuit.data for bit in inst.clbits}
    idle = [reg for reg in circuit.cregs if not any(bit in written for bit in reg)]
    loose = len(circuit.qubits) != sum(reg.size for reg in circuit.qregs)
    if not idle or loose:
        return circuit
    from qiskit.circuit import QuantumCircuit

    kept = QuantumCircuit(
        *circuit.qregs,
        *[reg for reg in circuit.cregs if reg not in idle],
        name=circuit.name,
        global_phase=circuit.global_phase,
        metadata=circuit.metadata,
    )
    for inst in circuit.data:
        kept.append(inst.operation, inst.qubits, inst.clbits)
    return kept
