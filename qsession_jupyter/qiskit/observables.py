"""Pauli observables measured in groups: one circuit (one job) per qubit-wise commuting group.

Terms that commute qubit by qubit (on every qubit the same Pauli or I) share
one measurement basis, so a group costs one job however many terms it holds.
Qubit 0 is the rightmost letter of a Pauli label, as everywhere in Qiskit.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np


@dataclass(frozen=True)
class Group:
    """Pauli labels measured together, and the basis letter of each measured qubit."""

    labels: tuple[str, ...]
    basis: tuple[tuple[int, str], ...]  # (qubit, 'X' | 'Y' | 'Z'), qubit ascending

    @property
    def key(self) -> str:
        return ",".join(f"{q}{p}" for q, p in self.basis)

    def columns(self, label: str) -> list[int]:
        """Indices, in the group's measured qubits, of the qubits `label` acts on."""
        position = {q: i for i, (q, _) in enumerate(self.basis)}
        return [position[q] for q in support(label)]


def support(label: str) -> list[int]:
    return [q for q, letter in enumerate(reversed(label)) if letter != "I"]


def pauli_terms(observables: Iterable[dict[str, float]], pub_index: int) -> list[str]:
    """Distinct non-identity Pauli labels of a pub's observables (one-line error for anything else)."""
    labels: dict[str, None] = {}
    for observable in observables:
        for label in observable:
            if set(label) - set("IXYZ"):
                raise ValueError(
                    f"EstimatorV2 pub {pub_index}: only Pauli observables can be measured, "
                    f"not the term '{label}'."
                )
            if set(label) != {"I"}:
                labels[label] = None
    return list(labels)


def group_terms(labels: Sequence[str]) -> list[Group]:
    """Qubit-wise commuting groups (Qiskit's own grouping), each with its measurement basis."""
    return list(_grouped(tuple(labels)))


@lru_cache(maxsize=256)
def _grouped(labels: tuple[str, ...]) -> tuple[Group, ...]:
    """Cached: a loop asks for the same Hamiltonian's groups every iteration (~2 ms each)."""
    if not labels:
        return ()
    from qiskit.quantum_info import SparsePauliOp

    groups = []
    for part in SparsePauliOp(list(labels)).group_commuting(qubit_wise=True):
        members = tuple(str(p) for p in part.paulis)
        basis: dict[int, str] = {}
        for label in members:
            for q in support(label):
                basis[q] = label[len(label) - 1 - q]
        groups.append(Group(members, tuple(sorted(basis.items()))))
    return tuple(groups)


def measured_circuit(circuit: Any, group: Group) -> Any:
    """`circuit` followed by the group's basis change and a measurement of its qubits into 'est'."""
    from qiskit.circuit import ClassicalRegister

    if circuit.num_clbits:  # an estimator measures its own way
        circuit = circuit.remove_final_measurements(inplace=False)
    measured = circuit.copy(name=f"{circuit.name}-{group.key}")
    register = ClassicalRegister(len(group.basis), "est")
    measured.add_register(register)
    for bit, (qubit, letter) in enumerate(group.basis):
        if letter == "X":
            measured.h(qubit)
        elif letter == "Y":
            measured.sdg(qubit)
            measured.h(qubit)
        measured.measure(qubit, register[bit])
    return measured


def parities(bits: np.ndarray, group: Group) -> dict[str, np.ndarray]:
    """Per-shot ±1 eigenvalue of every term of the group.

    `bits` is (shots, measured qubits) with the register's highest bit first, so
    the group's i-th measured qubit is column -1-i.
    """
    ones = bits[:, ::-1].astype(np.int8)  # column i is now the i-th measured qubit
    values = {}
    for label in group.labels:
        odd = ones[:, group.columns(label)].sum(axis=1) % 2
        values[label] = 1.0 - 2.0 * odd
    return values
