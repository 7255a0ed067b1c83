"""Chooses how to simulate a QIR program, and runs it.

* Syntax checker targets: no simulation; every result reads 0, as on Quantinuum's.
* Ideal target, straight-line program (all measurements after the last gate on
  each qubit): simulate the state once and sample every shot from it
  (`statevector.sample_program`). `run_qir(type="cpu")` simulates shot by shot;
  measured here, a 20-qubit GHZ + Rx layer took about 52 s for 100 shots with it;
  once-and-sample runs 1000 shots about as fast as qiskit-aer (ratio ~0.9-1.3,
  benchmarks/bench_simulation.py).
* Noisy target, straight-line program of more than 10 qubits with non-Clifford
  gates: our trajectory sampler (`sim/noisy.py`), same noise model as qdk's,
  20x faster at 16 qubits.
* Everything else (branching, mid-circuit measurement, classical outputs, small
  noisy circuits): qdk's shot-by-shot simulators with the target's
  `NoiseConfig`. Clifford-only programs go to `type="clifford"` (a stabilizer
  simulator, exact for them and much faster per shot); the rest to `type="cpu"`.
"""

from __future__ import annotations

import numpy as np
from qdk.simulation import run_qir

from ..noise import Noise, flip_results
from ..sim.circuit import CLIFFORD_GATES
from . import results
from .program import QirProgram

#: Up to this many qubits qdk's shot-by-shot simulator is the faster noisy engine
#: (measured: 10 qubits, 200 shots, Aria noise: qdk 0.11 s, trajectories 0.3 s;
#: 16 qubits: qdk 11.3 s, trajectories 0.5 s).
QDK_NOISY_MAX_QUBITS = 10


def use_trajectories(num_qubits: int, clifford: bool) -> bool:
    """Noisy straight-line circuits: our trajectory sampler, unless qdk is faster."""
    return not clifford and num_qubits > QDK_NOISY_MAX_QUBITS


def simulate(
    program: QirProgram, data: bytes, shots: int, noise: Noise | None, seed: int | None
) -> tuple[dict, str]:
    """One v2 `Results` entry, and the name of the engine that produced it."""
    if program.straight_line and (
        noise is None or use_trajectories(program.num_qubits, _is_clifford(program))
    ):
        from .statevector import sample_program

        name = "statevector-sampling" if noise is None else "statevector-trajectories"
        return sample_program(program, shots, seed, noise), name
    shot_values, kind = run_shot_by_shot(program, data, shots, noise, seed)
    return results.result_entry(shot_values), f"qdk-{kind}"


def run_shot_by_shot(
    program: QirProgram, data: bytes | str, shots: int, noise: Noise | None, seed: int | None
) -> tuple[list, str]:
    """qdk's simulators, with the target's gate noise and readout error."""
    if isinstance(data, bytes):
        bitcode = data[:2] == b"BC" or data[:1] == b"\xde"
        data = data if bitcode else data.decode()
    kind = "clifford" if _is_clifford(program) else "cpu"
    config = noise.qdk_config() if noise is not None else None
    shot_values = run_qir(data, shots=shots, noise=config, seed=seed, type=kind)
    if noise is not None and noise.readout > 0:
        rng = np.random.default_rng(seed)
        shot_values = [flip_results(shot, noise.readout, rng) for shot in shot_values]
    return shot_values, kind


def zeros(program: QirProgram, shots: int) -> dict:
    """What a syntax checker returns: the program's output shape with every result 0."""
    return results.entry_from_rows(
        program.records, np.zeros((shots, program.num_results), dtype=np.uint8)
    )


def _is_clifford(program: QirProgram) -> bool:
    # Only a straight-line program has a gate list to inspect; others take the cpu path.
    return program.straight_line and all(g.name in CLIFFORD_GATES for g in program.gates)
