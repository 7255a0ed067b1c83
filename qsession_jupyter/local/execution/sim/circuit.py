"""The gate list every front end (QIR, IonQ JSON, Quil) produces for the engines."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

#: Gates that QIR has an intrinsic for (so a circuit made of them can be emitted as QIR).
QIR_GATES = frozenset(
    {"h", "x", "y", "z", "s", "sdg", "t", "tdg", "sx", "sxdg", "rx", "ry", "rz",
     "rxx", "ryy", "rzz", "cx", "cy", "cz", "ccx", "swap"}
)  # fmt: skip


#: Gates a stabilizer simulator runs exactly.
CLIFFORD_GATES = frozenset({"h", "x", "y", "z", "s", "sdg", "sx", "sxdg", "cx", "cy", "cz", "swap"})


@dataclass
class Gate:
    """A gate by name (see `gates.py` for conventions), or a dense `matrix` named `unitary`."""

    name: str
    qubits: tuple[int, ...]
    angle: float | None = None
    #: For `unitary` gates: bit j of the row/column index belongs to `qubits[j]`.
    matrix: np.ndarray | None = None


def compact(gates: list[Gate], measured: list[int]) -> tuple[int, list[Gate], list[int | None]]:
    """Renumber the qubits gates touch densely; measured qubits no gate touches become None.

    Programs often declare more qubits than they use (idle Qiskit qubits, Q#
    registers sized generously); simulating only the touched ones halves the
    memory and time per idle qubit. An untouched qubit always reads 0.
    """
    index: dict[int, int] = {}
    for gate in gates:
        for q in gate.qubits:
            index.setdefault(q, len(index))
    remapped = [Gate(g.name, tuple(index[q] for q in g.qubits), g.angle, g.matrix) for g in gates]
    return len(index), remapped, [index.get(q) for q in measured]
