"""Sample a straight-line QIR program from our state-vector engines (ideal or noisy)."""

from __future__ import annotations

import numpy as np

from ..noise import Noise, flip_bits
from ..sim.ideal import sample_compact
from ..sim.noisy import sample_noisy
from . import results
from .program import QirProgram


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
    values = np.zeros((shots, max(program.num_results, 1)), dtype=np.uint8)
    for column, (_, result) in enumerate(program.measurements):
        if result < values.shape[1]:
            values[:, result] = bits[:, column]
    for result, source in program.result_aliases.items():
        if result < values.shape[1]:
            values[:, result] = values[:, source] if source is not None else 0
    return results.entry_from_rows(program.records, values[:, : program.num_results])
