"""Results of a straight-line QIR program from our state-vector engines.

Sampled (ideal or noisy), or, for IonQ's ideal simulator, exact: the real
service answers a QIR job on `ionq.simulator` with the ideal distribution
turned into counts (a Bell pair with 500 shots gives 250/250 every time; the
recording test_qiskit_qir_submit_ionq shows a GHZ state at exactly 50/50 of
100 shots), as its `ionq.circuit.v1` results are exact probabilities.
"""

from __future__ import annotations

import numpy as np

from ..noise import Noise, flip_bits
from ..sim.circuit import compact
from ..sim.ideal import IdealState, sample_compact
from ..sim.noisy import sample_noisy
from . import results
from .program import QirProgram

#: Beyond this many possible outcomes exact counts cannot show the distribution
#: (a 25-qubit uniform superposition has 33 million); those jobs are sampled.
MAX_EXACT_OUTCOMES = 1 << 16


def sample_program(
    program: QirProgram, shots: int, seed: int | None, noise: Noise | None = None
) -> dict:
    """One `Results` entry of the v2 document, built from sampled result bits."""
    rng = np.random.default_rng(seed)
    measured = [q for q, _ in program.measurements]
    if noise is None:
        bits = sample_compact(program.gates, measured, shots, rng)
    else:

        def noisy(width, gates, live, count, generator):
            return sample_noisy(width, gates, live, count, noise.p1, noise.p2, generator)

        bits = flip_bits(
            sample_compact(program.gates, measured, shots, rng, noisy), noise.readout, rng
        )
    return _entry(program, bits)


def exact_program(program: QirProgram, shots: int, seed: int | None = None) -> dict:
    """One `Results` entry whose counts are the exact distribution, shots grouped by outcome."""
    measured = [q for q, _ in program.measurements]
    width, gates, local_measured = compact(program.gates, measured)
    distinct = list(dict.fromkeys(q for q in local_measured if q is not None))
    probs = IdealState(width).run(gates).marginal(distinct) if distinct else np.ones(1)
    support = np.flatnonzero(probs > 1e-12)
    if len(support) > MAX_EXACT_OUTCOMES:
        # Too many outcomes to give each its share: sample, as the IonQ JSON path does.
        draws = np.random.default_rng(seed).choice(len(probs), size=shots, p=probs / probs.sum())
        outcomes = np.sort(draws)
    else:
        counts = exact_counts(probs[support], shots)
        outcomes = np.repeat(support, counts)
    bits = np.zeros((shots, len(measured)), dtype=np.uint8)
    for column, q in enumerate(local_measured):
        if q is not None:
            bits[:, column] = (outcomes >> distinct.index(q)) & 1
    return _entry(program, bits)


def exact_counts(probs: np.ndarray, shots: int) -> np.ndarray:
    """Whole counts summing to `shots`, nearest to `probs * shots` (largest remainders).

    Ties go to the lower outcome index, so the same program always gives the
    same counts.
    """
    ideal = np.asarray(probs, dtype=np.float64) * shots
    # Rounding noise of the simulation must not decide ties (0.5 - 1e-16 vs 0.5).
    ideal = np.round(ideal, 9)
    counts = np.floor(ideal).astype(np.int64)
    missing = shots - int(counts.sum())
    if missing > 0:
        remainders = ideal - counts
        order = np.lexsort((np.arange(len(remainders)), -remainders))
        counts[order[:missing]] += 1
    return counts


def _entry(program: QirProgram, bits: np.ndarray) -> dict:
    """Measured bits (shots, measurements) → result columns, aliases filled in, as v2."""
    shots = bits.shape[0]
    values = np.zeros((shots, max(program.num_results, 1)), dtype=np.uint8)
    for column, (_, result) in enumerate(program.measurements):
        if result < values.shape[1]:
            values[:, result] = bits[:, column]
    for result, source in program.result_aliases.items():
        if result < values.shape[1]:
            values[:, result] = values[:, source] if source is not None else 0
    return results.entry_from_rows(program.records, values[:, : program.num_results])
