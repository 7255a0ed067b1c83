"""The ideal engine: simulate a measurement-free circuit once, with fused blocks, then sample.

Each block is one `np.tensordot` (a transpose plus one matrix product). The
result keeps the block's qubits as its leading axes; instead of moving them
back (another pass over the state) we remember which qubit each axis holds and
reorder only once, when probabilities are read.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np

from .fusion import DEFAULT_BLOCK_QUBITS, plan

#: Bytes per amplitude (complex128).
AMPLITUDE_BYTES = 16


class IdealState:
    def __init__(self, num_qubits: int) -> None:
        self.n = num_qubits
        self.psi = np.zeros(2**num_qubits, dtype=np.complex128)
        self.psi[0] = 1.0
        #: order[axis] = the qubit that axis holds.
        self.order = list(reversed(range(num_qubits)))

    def run(self, gates: Iterable, block_qubits: int = DEFAULT_BLOCK_QUBITS) -> IdealState:
        for block in plan(gates, block_qubits):
            self.apply_block(block.matrix(), block.qubits)
        return self

    def snapshot(self) -> IdealState:
        """A state to resume from later; cheap, since blocks never write in place."""
        twin = IdealState.__new__(IdealState)
        twin.n, twin.psi, twin.order = self.n, self.psi, list(self.order)
        return twin

    def apply_block(self, matrix: np.ndarray, qubits: list[int]) -> None:
        k = len(qubits)
        msf = list(reversed(qubits))  # bit k-1 first, as the matrix's row index reads
        block_axes = {self.order.index(q): q for q in msf}
        # Merge each run of untouched axes into one dimension: numpy transposes a
        # 9-dimensional array far faster than a (2,)*20 one (measured: ~4x).
        shape: list[int] = []
        dim_of_qubit: dict[int, int] = {}
        run_dims: list[int] = []
        rest: list[int] = []
        previous_in_run = False
        for axis, q in enumerate(self.order):
            if axis in block_axes:
                dim_of_qubit[q] = len(shape)
                shape.append(2)
                previous_in_run = False
            else:
                rest.append(q)
                if previous_in_run:
                    shape[-1] *= 2
                else:
                    run_dims.append(len(shape))
                    shape.append(2)
                previous_in_run = True
        perm = [dim_of_qubit[q] for q in msf] + run_dims
        moved = self.psi.reshape(shape).transpose(perm).reshape(2**k, -1)
        self.psi = (matrix @ moved).reshape(-1)
        self.order = msf + rest

    def marginal(self, qubits: list[int]) -> np.ndarray:
        """Probabilities over distinct `qubits`; index bit j is `qubits[j]`."""
        if self.n == 0 or not qubits:
            return np.ones(1)
        probs = (np.square(self.psi.real) + np.square(self.psi.imag)).reshape((2,) * self.n)
        keep = {self.order.index(q) for q in qubits}
        drop = tuple(axis for axis in range(self.n) if axis not in keep)
        reduced = probs.sum(axis=drop) if drop else probs
        remaining = [q for axis, q in enumerate(self.order) if axis in keep]
        perm = [remaining.index(q) for q in reversed(qubits)]
        flat = np.transpose(reduced, perm).reshape(-1)
        total = flat.sum()
        return flat / total if total > 0 else flat

    def sample(self, qubits: list[int], shots: int, rng: np.random.Generator) -> np.ndarray:
        """(shots, len(qubits)) array of 0/1; repeated qubits read the same bit."""
        return sample_marginal(self.marginal, qubits, shots, rng)


def sample_marginal(
    marginal, qubits: list[int], shots: int, rng: np.random.Generator
) -> np.ndarray:
    if not qubits:
        return np.zeros((shots, 0), dtype=np.uint8)
    distinct = list(dict.fromkeys(qubits))
    probs = marginal(distinct)
    cumulative = np.cumsum(probs)
    draws = np.searchsorted(cumulative, rng.random(shots) * cumulative[-1], side="right")
    draws = np.minimum(draws, len(probs) - 1)
    columns = {q: ((draws >> j) & 1).astype(np.uint8) for j, q in enumerate(distinct)}
    return np.stack([columns[q] for q in qubits], axis=1)


def sample_compact(
    gates: list, measured: list[int], shots: int, rng: np.random.Generator, sampler=None
) -> np.ndarray:
    """Sample `measured` simulating only the qubits gates touch (see `circuit.compact`).

    `sampler(num_qubits, gates, measured, shots, rng)` does the sampling; the
    default simulates the ideal state once.
    """
    from .circuit import compact

    width, local_gates, local_measured = compact(gates, measured)
    live = [q for q in local_measured if q is not None]
    if sampler is None:
        bits = IdealState(width).run(local_gates).sample(live, shots, rng)
    else:
        bits = sampler(width, local_gates, live, shots, rng)
    out = np.zeros((shots, len(measured)), dtype=np.uint8)
    column = 0
    for j, q in enumerate(local_measured):
        if q is not None:
            out[:, j] = bits[:, column]
            column += 1
    return out
