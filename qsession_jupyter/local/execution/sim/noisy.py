"""Noisy sampling of a straight-line circuit by error trajectories, far faster than per shot.

Each gate is followed, with probability p (p1 or p2 from `noise.py`), by a
uniformly random non-identity Pauli on its qubits: the depolarizing channel qdk
applies for `NoiseConfig.<gate>.set_depolarizing(p)`. Most shots of a good
device see no error at all, so:

* the error pattern of every shot is drawn first (one random matrix);
* all error-free shots sample the ideal final state, simulated once;
* each shot with errors resumes from a stored state just before the first
  affected block and re-applies the remaining blocks with its Paulis inserted.

Measured on this machine for a 16-qubit GHZ + Rx circuit, 200 shots on the Aria
noise model: qdk's shot-by-shot `run_qir(type="cpu")` took 11.3 s, this 0.5 s;
at 20 qubits qdk needs ~0.8 s per shot. For small circuits qdk is faster (see
`qir.engine.use_trajectories`). The error model agrees with qdk's: on a 3-qubit
circuit at high noise the two outcome distributions differ by a total variation
distance of 0.006 (40000 shots each), against 0.26 for the ideal one (the test
`test_trajectories_match_qdk_noise` checks this). Readout error is applied by
the caller, as for qdk's path.
"""

from __future__ import annotations

import numpy as np

from .circuit import Gate
from .fusion import DEFAULT_BLOCK_QUBITS, plan
from .ideal import AMPLITUDE_BYTES, IdealState, sample_marginal

_PAULI = ("x", "y", "z")
#: Memory for stored intermediate states; beyond it only every k-th block is kept.
_CHECKPOINT_BYTES = 512 * 1024 * 1024


def sample_noisy(
    num_qubits: int,
    gates: list[Gate],
    measured: list[int],
    shots: int,
    p1: float,
    p2: float,
    rng: np.random.Generator,
) -> np.ndarray:
    """(shots, len(measured)) 0/1 outcomes with depolarizing gate noise (no readout error)."""
    blocks = plan(gates, DEFAULT_BLOCK_QUBITS)
    where = {index: b for b, block in enumerate(blocks) for index in block.indices}
    probabilities = np.array([p1 if len(g.qubits) == 1 else p2 for g in gates])
    hits = rng.random((shots, len(gates))) < probabilities if gates else np.zeros((shots, 0), bool)
    faulty = np.flatnonzero(hits.any(axis=1))

    state = IdealState(num_qubits)
    state_bytes = AMPLITUDE_BYTES * 2**num_qubits
    every = max(1, -(-len(blocks) * state_bytes // _CHECKPOINT_BYTES))
    checkpoints: dict[int, IdealState] = {}
    matrices = []
    for b, block in enumerate(blocks):
        if b % every == 0:
            checkpoints[b] = state.snapshot()
        matrices.append(block.matrix())
        state.apply_block(matrices[-1], block.qubits)

    out = np.empty((shots, len(measured)), dtype=np.uint8)
    clean = np.ones(shots, dtype=bool)
    clean[faulty] = False
    out[clean] = state.sample(measured, int(clean.sum()), rng)
    for shot in faulty:
        insertions: dict[int, list[Gate]] = {}
        for index in np.flatnonzero(hits[shot]):
            insertions[int(index)] = _random_pauli(gates[index].qubits, rng)
        first = min(where[i] for i in insertions)
        start = max(b for b in checkpoints if b <= first)
        trajectory = checkpoints[start].snapshot()
        for b in range(start, len(blocks)):
            block = blocks[b]
            touched = insertions.keys() & set(block.indices)
            matrix = block.matrix(insertions) if touched else matrices[b]
            trajectory.apply_block(matrix, block.qubits)
        out[shot] = sample_marginal(trajectory.marginal, measured, 1, rng)[0]
    return out


def _random_pauli(qubits: tuple[int, ...], rng: np.random.Generator) -> list[Gate]:
    """A uniformly random non-identity Pauli string on `qubits`, as gates."""
    k = len(qubits)
    code = int(rng.integers(1, 4**k))  # 0 would be the identity
    gates = []
    for q in qubits:
        code, which = divmod(code, 4)
        if which:
            gates.append(Gate(_PAULI[which - 1], (q,)))
    return gates
