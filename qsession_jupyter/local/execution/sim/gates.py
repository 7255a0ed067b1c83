"""Gate matrices by name, with the conventions QIR, OpenQASM and Quil share.

Rotations are exp(-i*angle*P/2) (P = X, Y, Z, or XX/YY/ZZ for two qubits). For a
two-qubit matrix, basis index bit j belongs to the j-th qubit argument.
"""

from __future__ import annotations

import cmath
import math

import numpy as np

_S2 = 1 / math.sqrt(2)

_FIXED_1Q = {
    "id": np.eye(2),
    "i": np.eye(2),
    "h": np.array([[_S2, _S2], [_S2, -_S2]]),
    "x": np.array([[0, 1], [1, 0]]),
    "y": np.array([[0, -1j], [1j, 0]]),
    "z": np.array([[1, 0], [0, -1]]),
    "s": np.array([[1, 0], [0, 1j]]),
    "sdg": np.array([[1, 0], [0, -1j]]),
    "t": np.array([[1, 0], [0, cmath.exp(1j * math.pi / 4)]]),
    "tdg": np.array([[1, 0], [0, cmath.exp(-1j * math.pi / 4)]]),
    "sx": 0.5 * np.array([[1 + 1j, 1 - 1j], [1 - 1j, 1 + 1j]]),
    "sxdg": 0.5 * np.array([[1 - 1j, 1 + 1j], [1 + 1j, 1 - 1j]]),
}

_PAULI = {"x": _FIXED_1Q["x"], "y": _FIXED_1Q["y"], "z": _FIXED_1Q["z"]}


def rotation(pauli: np.ndarray, angle: float) -> np.ndarray:
    """exp(-i*angle*P/2) for any P with P @ P = 1."""
    eye = np.eye(pauli.shape[0])
    return math.cos(angle / 2) * eye - 1j * math.sin(angle / 2) * pauli


def phase(angle: float) -> np.ndarray:
    return np.array([[1, 0], [0, cmath.exp(1j * angle)]])


def matrix_1q(name: str, angle: float | None) -> np.ndarray:
    fixed = _FIXED_1Q.get(name)
    if fixed is not None:
        return fixed.astype(np.complex128)
    if name in ("rx", "ry", "rz"):
        return rotation(_PAULI[name[1]], float(angle or 0.0))
    if name in ("p", "phase", "u1"):
        return phase(float(angle or 0.0))
    raise ValueError(f"unknown one-qubit gate {name}")


def matrix_2q(name: str, angle: float | None) -> np.ndarray:
    if name in ("rxx", "ryy", "rzz"):
        p = _PAULI[name[1]]
        return rotation(np.kron(p, p), float(angle or 0.0))
    if name in ("cx", "cy", "cz"):
        return controlled(_PAULI[name[1]])
    if name == "swap":
        return np.array([[1, 0, 0, 0], [0, 0, 1, 0], [0, 1, 0, 0], [0, 0, 0, 1]], dtype=complex)
    raise ValueError(f"unknown two-qubit gate {name}")


def controlled(u: np.ndarray) -> np.ndarray:
    """Control = first qubit argument (bit 0), target = second (bit 1)."""
    m = np.eye(4, dtype=np.complex128)
    # indices with bit0 = 1: 1 (target 0) and 3 (target 1)
    m[1, 1], m[1, 3], m[3, 1], m[3, 3] = u[0, 0], u[0, 1], u[1, 0], u[1, 1]
    return m


def controlled_matrix(u: np.ndarray, num_controls: int) -> np.ndarray:
    """`u` on the last qubit when all `num_controls` first qubits are 1 (they are bits 0..c-1)."""
    size = u.shape[0] * 2**num_controls
    m = np.eye(size, dtype=np.complex128)
    mask = 2**num_controls - 1
    targets = [mask + (t << num_controls) for t in range(u.shape[0])]
    for r, row in enumerate(targets):
        for c, col in enumerate(targets):
            m[row, col] = u[r, c]
    return m
