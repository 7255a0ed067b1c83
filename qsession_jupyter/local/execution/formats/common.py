"""Running a gate list from a non-QIR front end (IonQ JSON, Quil) on a target."""

from __future__ import annotations

import numpy as np

from ....providers.base import TargetSpec
from ..noise import flip_bits, noise_for
from ..qir.engine import use_trajectories
from ..sim.circuit import CLIFFORD_GATES, QIR_GATES, Gate
from ..sim.ideal import sample_compact
from ..sim.noisy import sample_noisy


def sample_bits(
    num_qubits: int,
    gates: list[Gate],
    measured: list[int],
    shots: int,
    target: TargetSpec,
    seed: int | None,
) -> tuple[np.ndarray, str]:
    """A (shots, len(measured)) 0/1 array and the engine's name.

    Ideal targets simulate once and sample. Emulated devices use the same noise
    model and engine choice as QIR jobs (`qir.engine.use_trajectories`): qdk's
    simulators through QIR, or the trajectory sampler (`sim/noisy.py`), which
    also takes gates QIR cannot express.
    """
    if target.kind == "syntax-checker":
        return np.zeros((shots, len(measured)), dtype=np.uint8), "syntax-checker"
    noise = noise_for(target)
    rng = np.random.default_rng(seed)
    if noise is None:
        return sample_compact(gates, measured, shots, rng), "statevector-sampling"
    clifford = all(g.name in CLIFFORD_GATES for g in gates)
    emittable = all(g.name in QIR_GATES for g in gates)
    if emittable and not use_trajectories(num_qubits, clifford):
        return _qdk(num_qubits, gates, measured, shots, noise, seed)

    def noisy(width, local_gates, live, count, generator):
        return sample_noisy(width, local_gates, live, count, noise.p1, noise.p2, generator)

    bits = sample_compact(gates, measured, shots, rng, noisy)
    return flip_bits(bits, noise.readout, rng), "statevector-trajectories"


def _qdk(num_qubits, gates, measured, shots, noise, seed) -> tuple[np.ndarray, str]:
    """qdk's simulators (stabilizer for Clifford circuits), via QIR, noise included."""
    from ..qir.emit import emit_base_qir
    from ..qir.engine import run_shot_by_shot
    from ..qir.program import parse_program
    from ..qir.results import to_json_value

    text = emit_base_qir(num_qubits, gates, measured)
    program = parse_program(text.encode())
    shot_values, kind = run_shot_by_shot(program, text, shots, noise, seed)
    bits = np.array([to_json_value(shot) for shot in shot_values], dtype=np.uint8)
    return bits.reshape(shots, len(measured)), f"qdk-{kind}"


def gate_counts(gates: list[Gate]) -> dict:
    """Numbers only (the job's `usage` is an object of numbers in the contract).

    `gates_mq_as_2q` bills a gate on k >= 3 qubits as 6*(k-2) two-qubit gates,
    IonQ's published rule for multi-controlled gates.
    """
    sizes = [len(g.qubits) for g in gates]
    return {
        "gates_1q": sum(1 for k in sizes if k == 1),
        "gates_2q": sum(1 for k in sizes if k == 2),
        "gates_mq": sum(1 for k in sizes if k > 2),
        "gates_mq_as_2q": sum(6 * (k - 2) for k in sizes if k > 2),
    }


def seed_from(params: dict) -> int | None:
    seed = params.get("seed")
    return seed if isinstance(seed, int) and not isinstance(seed, bool) else None
