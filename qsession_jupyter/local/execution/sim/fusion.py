"""Gate fusion: merge a circuit's gates into few dense blocks of at most k qubits.

A 20-qubit state is 16 MB, and each gate applied on its own is one or more
full passes over it. Measured on this machine (numpy, one thread, 20 qubits):
one block of up to 4 qubits costs about the same 3-5 ms as a single gate, so
fusing a GHZ chain plus a rotation layer (40 gates) into about 7 blocks is what
brings the ideal engine to qiskit-aer's speed (benchmarks/bench_simulation.py).

A gate joins the newest block it may move back to: any block at or after the
last block that touches one of its qubits (gates on other qubits commute), as
long as the merged block stays within `max_qubits`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy as np

from .gates import matrix_1q, matrix_2q

#: Measured: 4-qubit blocks were fastest for 12-20 qubit circuits (5 did no better).
DEFAULT_BLOCK_QUBITS = 4


@dataclass
class Block:
    qubits: list[int] = field(default_factory=list)
    gates: list = field(default_factory=list)
    #: Position of each gate in the circuit `plan` was given (parallel to `gates`).
    indices: list[int] = field(default_factory=list)

    def matrix(self, insertions: dict[int, list] | None = None) -> np.ndarray:
        """The block's unitary; index bit j belongs to `qubits[j]`.

        `insertions` maps a circuit position to extra gates applied right after
        that gate (the noisy engine inserts its sampled Pauli errors this way).
        """
        k = len(self.qubits)
        local = {q: j for j, q in enumerate(self.qubits)}
        # Columns of the identity, as a (2,)*k state per column: axis k-1-j is qubit j.
        tensor = np.eye(2**k, dtype=np.complex128).reshape((2,) * k + (2**k,))
        for index, gate in zip(self.indices, self.gates, strict=True):
            extra = insertions.get(index, ()) if insertions else ()
            for g in (gate, *extra):
                tensor = _apply_small(tensor, k, gate_matrix(g), [local[q] for q in g.qubits])
        return tensor.reshape(2**k, 2**k)


def gate_matrix(gate) -> np.ndarray:
    matrix = getattr(gate, "matrix", None)
    if matrix is not None:
        return matrix
    if gate.name == "ccx":
        m = np.eye(8, dtype=np.complex128)
        m[[3, 7]] = m[[7, 3]]  # controls are bits 0 and 1, target bit 2
        return m
    if len(gate.qubits) == 1:
        return matrix_1q(gate.name, gate.angle)
    return matrix_2q(gate.name, gate.angle)


def plan(gates: Iterable, max_qubits: int = DEFAULT_BLOCK_QUBITS) -> list[Block]:
    blocks: list[Block] = []
    last_block: dict[int, int] = {}  # qubit -> index of the last block that touches it
    for position, gate in enumerate(gates):
        qubits = list(dict.fromkeys(gate.qubits))
        earliest = max((last_block.get(q, -1) for q in qubits), default=-1)
        chosen = None
        best_growth = None
        for index in range(max(earliest, 0), len(blocks)):
            current = blocks[index].qubits
            growth = sum(1 for q in qubits if q not in current)
            if len(current) + growth <= max(max_qubits, len(qubits)) and (
                best_growth is None or growth < best_growth
            ):
                chosen, best_growth = index, growth
                if growth == 0:
                    break
        if chosen is None:
            blocks.append(Block())
            chosen = len(blocks) - 1
        block = blocks[chosen]
        block.qubits.extend(q for q in qubits if q not in block.qubits)
        block.gates.append(gate)
        block.indices.append(position)
        for q in qubits:
            last_block[q] = max(last_block.get(q, -1), chosen)
    return blocks


def _apply_small(tensor: np.ndarray, k: int, matrix: np.ndarray, targets: list[int]) -> np.ndarray:
    """Apply `matrix` (bit j = targets[j]) to the first k axes of `tensor` (axis k-1-q = qubit q)."""
    m = len(targets)
    axes = [k - 1 - t for t in reversed(targets)]  # most significant target first
    gate = matrix.reshape((2,) * (2 * m))
    out = np.tensordot(gate, tensor, axes=(list(range(m, 2 * m)), axes))
    return np.moveaxis(out, list(range(m)), axes)
