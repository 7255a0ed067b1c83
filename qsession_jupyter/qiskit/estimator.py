"""`EstimatorV2` for Azure Quantum sessions: expectation values from grouped Pauli measurements."""

from __future__ import annotations

import math
from collections.abc import Iterable
from types import SimpleNamespace
from typing import Any

import numpy as np
from qiskit.primitives import BaseEstimatorV2
from qiskit.primitives.containers import DataBin, EstimatorPub, PrimitiveResult, PubResult

from .bits import register_bits
from .errors import one_line_errors
from .jobs import AzurePrimitiveJob, about_pub, check_fits, coerce_pubs, flat_values, job_name
from .observables import Group, group_terms, measured_circuit, parities, pauli_terms
from .target import AzureTarget, collect

KIND = "EstimatorV2"


def shots_for(precision: float) -> int:
    """Shots for a target precision, as Qiskit's `BackendEstimatorV2` documents: ceil(1/precision²)."""
    return int(math.ceil(1.0 / precision**2))


class EstimatorV2(BaseEstimatorV2):
    """Estimates Pauli observables on an Azure target, inside a session.

    `mode` as for `SamplerV2`. Each pub's Pauli terms are grouped qubit-wise
    commuting; each (parameter set, group) is one job with ceil(1/precision²)
    shots. `evs` are the estimates, `stds` their standard errors from the
    shot-to-shot spread.
    """

    def __init__(self, mode: Any = None, *, default_precision: float = 0.015625) -> None:
        self._mode = mode
        #: As on IBM Runtime: `options.default_shots`, when set, overrides `default_precision`.
        self.options = SimpleNamespace(default_precision=default_precision, default_shots=None)

    @property
    def default_precision(self) -> float:
        return self.options.default_precision

    def _default_shots(self) -> int:
        """Shots for a pub that names no precision, nor does `run`."""
        return self.options.default_shots or shots_for(self.options.default_precision)

    @property
    def mode(self) -> Any:
        return self._mode

    @one_line_errors
    def run(self, pubs: Iterable[Any], *, precision: float | None = None) -> AzurePrimitiveJob:
        if precision is not None and (not isinstance(precision, (int, float)) or precision <= 0):
            raise ValueError(f"{KIND}: precision must be a positive number, not {precision!r}.")
        coerced = coerce_pubs(
            pubs, lambda pub: EstimatorPub.coerce(pub, precision), KIND, values_at=2
        )
        target = AzureTarget(self._mode)
        default_shots = self._default_shots()
        plans = [_plan(index, pub, target, default_shots) for index, pub in enumerate(coerced)]
        requests = [
            (name, qir, plan.shots, plan.metadata) for plan in plans for name, qir in plan.qirs
        ]
        ticket = target.admit(requests, KIND)  # over budget: refused whole, nothing sent

        def work(job: AzurePrimitiveJob) -> PrimitiveResult:
            job.submit_with(lambda: target.submit_all(requests, ticket), ticket.close)
            shots = iter(collect(job.azure_jobs))
            jobs = iter(job.azure_jobs)
            results = [
                plan.result(
                    [next(jobs) for _ in plan.qirs], [next(shots) for _ in plan.qirs], target
                )
                for plan in plans
            ]
            return PrimitiveResult(results, metadata={"version": 2, "target": target.name})

        return AzurePrimitiveJob(work)


class _PubPlan:
    """One pub's jobs (parameter set × group) and how their shots become `evs` and `stds`."""

    def __init__(self, pub: EstimatorPub, groups: list[Group], sets: int, shots: int) -> None:
        self.pub = pub
        self.groups = groups
        self.sets = sets
        self.shots = shots
        self.qirs: list[tuple[str, str]] = []
        #: Each group's classical registers as converted: 'est', and any the circuit
        #: measures mid-circuit (they are recorded too).
        self.registers: list[list[Any]] = []
        self.metadata = {"qiskit": "True", "primitive": KIND, "name": pub.circuit.name}

    def result(self, jobs: list[Any], shots: list[list[Any]], target: AzureTarget) -> PubResult:
        pub = self.pub
        per_job = iter(shots)
        # values[set][label]: per-shot ±1 of each measured term
        values: list[dict[str, np.ndarray]] = []
        for _ in range(self.sets):
            found: dict[str, np.ndarray] = {}
            for group, registers in zip(self.groups, self.registers, strict=True):
                bits = register_bits(next(per_job), registers)["est"]
                found.update(parities(bits, group))
            values.append(found)
        set_index = np.broadcast_to(
            np.arange(self.sets).reshape(pub.parameter_values.shape), pub.shape
        )
        observables = pub.observables.ravel().tolist()
        observable_index = np.broadcast_to(
            np.arange(len(observables)).reshape(pub.observables.shape), pub.shape
        )
        evs = np.zeros(pub.shape)
        stds = np.zeros(pub.shape)
        for index in np.ndindex(pub.shape):
            found = values[int(set_index[index])]
            evs[index], stds[index] = _estimate(
                observables[int(observable_index[index])], found, self.groups, self.shots
            )
        data = DataBin(evs=evs, stds=stds, shape=pub.shape)
        return PubResult(
            data,
            metadata={
                "target_precision": pub.precision or 1.0 / math.sqrt(self.shots),
                "shots": self.shots,
                "circuit_metadata": pub.circuit.metadata,
                "job_ids": [job.id for job in jobs],
                "target": target.name,
            },
        )


def _estimate(
    observable: dict[str, float], values: dict[str, np.ndarray], groups: list[Group], shots: int
) -> tuple[float, float]:
    """Expectation and standard error of one observable from its groups' per-shot values."""
    mean = 0.0
    variance = 0.0
    for label, coefficient in observable.items():
        if set(label) == {"I"}:
            mean += float(np.real(coefficient))
    for group in groups:
        terms = [
            (label, float(np.real(observable[label])))
            for label in group.labels
            if label in observable
        ]
        if not terms:
            continue
        per_shot = sum(c * values[label] for label, c in terms)
        mean += float(np.mean(per_shot))
        variance += float(np.var(per_shot)) / shots
    return mean, math.sqrt(variance)


def _plan(index: int, pub: EstimatorPub, target: AzureTarget, default_shots: int) -> _PubPlan:
    circuit = pub.circuit
    check_fits(index, circuit, target, KIND)
    groups = group_terms(pauli_terms(pub.observables.ravel().tolist(), index))
    rows = flat_values(pub)
    if pub.precision is not None and pub.precision <= 0:
        raise ValueError(f"{KIND} pub {index}: precision must be positive, not {pub.precision}.")
    shots = default_shots if pub.precision is None else shots_for(pub.precision)
    plan = _PubPlan(pub, groups, len(rows), shots)
    with about_pub(KIND, index):
        templates = [
            target.template(
                circuit, prepare=lambda c, g=group: measured_circuit(c, g), key=group.key
            )
            for group in groups
        ]
    plan.registers = [list(template.circuit.cregs) for template in templates]
    for s, row in enumerate(rows):
        for g, template in enumerate(templates):
            name = job_name(KIND, index, len(rows), s, (g, len(groups)))
            plan.qirs.append((name, template.bind(list(row))))
    return plan
