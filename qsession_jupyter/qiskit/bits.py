"""Per-shot results of a QIR job as Qiskit `BitArray`s, one per classical register.

The SDK's Qiskit result puts bitstrings (`'11'`) where Qiskit's format wants
hex (`'0x3'`), so `BackendSamplerV2` reads `'11'` as 0x11 and reports `'01'`.
The per-shot outcomes of `microsoft.quantum-results.v2` are unambiguous: qdk
records the classical registers last-first, each as a list of bits with the
register's highest bit first (Qiskit's own string order), and a circuit with one
register records that list alone.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np


def register_bits(
    shots: Sequence[Any], registers: Sequence[Any], recorded: Sequence[str] | None = None
) -> dict[str, np.ndarray]:
    """{register name: bool array (shots, register size), highest bit first} from one job's shots.

    `recorded` names the registers the converted circuit kept (all by default);
    the others were never measured and read as zeros.
    """
    arrays = {reg.name: np.zeros((len(shots), reg.size), dtype=bool) for reg in registers}
    kept = set(recorded) if recorded is not None else {reg.name for reg in registers}
    recorded = [reg for reg in reversed(registers) if reg.size and reg.name in kept]
    for row, shot in enumerate(shots):
        parts = _registers_of(shot, len(recorded))
        for reg, bits in zip(recorded, parts, strict=True):
            if len(bits) != reg.size:
                raise RuntimeError(
                    f"A shot has {len(bits)} bits for register '{reg.name}' of {reg.size}: {shot!r}"
                )
            arrays[reg.name][row] = [bool(b) for b in bits]
    return arrays


def _registers_of(shot: Any, expected: int) -> Sequence[Sequence[int]]:
    if expected == 1 and isinstance(shot, list) and all(isinstance(b, int) for b in shot):
        return [shot]
    if isinstance(shot, (tuple, list)) and len(shot) == expected:
        return shot
    raise RuntimeError(
        f"A shot does not match the circuit's {expected} classical registers: {shot!r}"
    )


def bit_arrays(
    per_set: Sequence[dict[str, np.ndarray]], registers: Sequence[Any], shape: tuple
) -> dict:
    """{register name: BitArray of `shape`} from each parameter set's bool arrays (row-major)."""
    from qiskit.primitives.containers import BitArray

    result = {}
    for reg in registers:
        stacked = (
            np.stack([bits[reg.name] for bits in per_set])
            if per_set
            else np.zeros((0, 0, reg.size), bool)
        )
        stacked = stacked.reshape(shape + stacked.shape[1:])
        result[reg.name] = BitArray.from_bool_array(stacked, order="big")
    return result
