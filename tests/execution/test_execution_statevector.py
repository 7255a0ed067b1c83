"""The fused numpy state vector agrees with Qiskit's reference simulator."""

from __future__ import annotations

import numpy as np
import pytest
from qiskit import QuantumCircuit
from qiskit.quantum_info import Statevector

from qsession_jupyter.local.execution.sim.circuit import Gate
from qsession_jupyter.local.execution.sim.fusion import plan
from qsession_jupyter.local.execution.sim.ideal import IdealState

ONE_Q = ["h", "x", "y", "z", "s", "sdg", "t", "tdg", "sx", "sxdg", "rx", "ry", "rz"]
TWO_Q = ["cx", "cy", "cz", "swap", "rxx", "ryy", "rzz"]


def random_circuit(seed: int, n: int, length: int) -> tuple[list[Gate], QuantumCircuit]:
    rng = np.random.default_rng(seed)
    gates: list[Gate] = []
    reference = QuantumCircuit(n)
    for _ in range(length):
        roll = rng.random()
        if roll < 0.55:
            name, qubits = str(rng.choice(ONE_Q)), (int(rng.integers(n)),)
        elif roll < 0.92:
            name = str(rng.choice(TWO_Q))
            qubits = tuple(int(q) for q in rng.choice(n, 2, replace=False))
        else:
            name = "ccx"
            qubits = tuple(int(q) for q in rng.choice(n, 3, replace=False))
        angle = float(rng.uniform(-np.pi, np.pi)) if name.startswith("r") else None
        gates.append(Gate(name, qubits, angle))
        method = getattr(reference, name)
        method(*qubits) if angle is None else method(angle, *qubits)
    return gates, reference


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize("block_qubits", [1, 3, 4])
def test_random_circuits_match_qiskit(seed, block_qubits):
    n = 6
    gates, reference = random_circuit(seed, n, 80)
    state = IdealState(n).run(gates, block_qubits=block_qubits)
    ours = state.marginal(list(range(n)))
    expected = Statevector(reference).probabilities()  # little-endian, like ours
    assert ours == pytest.approx(expected, abs=1e-10)


def test_fusion_keeps_blocks_small_and_merges_gates():
    gates = [Gate("h", (0,))] + [Gate("cx", (i, i + 1)) for i in range(7)]
    gates += [Gate("rx", (i,), 0.1) for i in range(8)]
    blocks = plan(gates, 4)
    assert all(len(b.qubits) <= 4 for b in blocks)
    assert sum(len(b.gates) for b in blocks) == len(gates)
    assert len(blocks) < len(gates) / 3  # the rotation layer joins the chain's blocks


def test_sampling_follows_the_probabilities():
    state = IdealState(3).run(
        [Gate("ry", (0,), 2 * np.arcsin(np.sqrt(0.2))), Gate("x", (2,))]  # P(q0 = 1) = 0.2
    )
    bits = state.sample([0, 2], 20000, np.random.default_rng(1))
    assert bits[:, 1].all()  # qubit 2 is always 1
    assert bits[:, 0].mean() == pytest.approx(0.2, abs=0.02)


def test_marginal_keeps_the_requested_qubit_order():
    state = IdealState(3).run([Gate("x", (1,))])
    assert state.marginal([1, 0]).tolist() == [0, 1, 0, 0]  # qubit 1 is bit 0 of the index
    assert state.marginal([0, 1]).tolist() == [0, 0, 1, 0]
