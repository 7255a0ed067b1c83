"""Circuits qdk converts wrongly or refuses, and what `convertible` makes of them.

Run on qdk's own local simulator (`QSharpBackend.run`), so these tests show the
upstream behaviour itself: if qdk fixes it, the first test says so.
"""

from __future__ import annotations

import math

import pytest
from qdk import TargetProfile
from qdk.qiskit import QSharpBackend
from qiskit import QuantumCircuit, QuantumRegister, transpile
from qiskit.circuit.library import CXGate
from qiskit.transpiler import CouplingMap

from qsession_jupyter.qiskit.convertible import convertible

SHOTS = 2000


def control_interference(angle: float) -> QuantumCircuit:
    """H, controlled-Ry(angle), H on the control: P(control = 0) = (1 + cos(angle / 2)) / 2.

    A controlled rotation's sign is a relative phase on the control, which the
    second H turns into counts.
    """
    qc = QuantumCircuit(2, 1)
    qc.h(0)
    qc.cry(angle, 0, 1)
    qc.h(0)
    qc.measure(0, 0)
    return qc


def zero_fraction(circuit: QuantumCircuit) -> float:
    backend = QSharpBackend(target_profile=TargetProfile.Base, skip_transpilation=True)
    counts = backend.run(circuit, shots=SHOTS).result().get_counts()
    return counts.get("0", 0) / SHOTS


def test_qdk_wraps_a_negative_controlled_rotation_and_convertible_mends_it():
    angle = -1.73
    expected = (1 + math.cos(angle / 2)) / 2  # 0.82; the wrapped angle gives 0.18
    assert abs(zero_fraction(control_interference(angle)) - (1 - expected)) < 0.05  # upstream
    assert abs(zero_fraction(convertible(control_interference(angle))) - expected) < 0.05


def test_a_transpiled_circuit_with_a_layout_is_rebuilt_on_the_qubits_it_uses():
    qc = QuantumCircuit(QuantumRegister(2, "q"), name="bell")
    qc.h(0)
    qc.cx(0, 1)
    qc.measure_all()
    # A 5-qubit line forces a layout; the circuit lands on physical qubits.
    isa = transpile(
        qc,
        basis_gates=["h", "cx", "measure"],
        coupling_map=CouplingMap.from_line(5),
        initial_layout=[3, 4],
        seed_transpiler=1,
    )
    assert isa.layout is not None and isa.num_qubits == 5
    converter = QSharpBackend(target_profile=TargetProfile.Base, skip_transpilation=True)
    with pytest.raises(Exception, match="hardware qubit operands are not supported"):
        converter.qir(isa)  # upstream: qdk refuses physical qubits
    plain = convertible(isa)
    assert plain.layout is None and plain.num_qubits == 2
    assert [inst.operation.name for inst in plain.data if isinstance(inst.operation, CXGate)]
    result = converter.run(plain, shots=200).result().get_counts()
    assert set(result) <= {"00", "11"} and len(result) == 2
