"""`SamplerV2` for Azure Quantum sessions: Qiskit's sampler interface, one job per parameter set."""

from __future__ import annotations

from collections.abc import Iterable
from types import SimpleNamespace
from typing import Any, NamedTuple

from qiskit.primitives import BaseSamplerV2
from qiskit.primitives.containers import DataBin, PrimitiveResult, SamplerPub, SamplerPubResult

from .bits import bit_arrays, register_bits
from .errors import one_line_errors
from .jobs import AzurePrimitiveJob, about_pub, check_fits, coerce_pubs, flat_values, job_name
from .target import AzureTarget, collect

KIND = "SamplerV2"


class SamplerV2(BaseSamplerV2):
    """Samples circuits on an Azure target, inside a session.

    `mode` is a session (`backend.open_session()`), an Azure Qiskit backend or
    SDK `Target` (its open session, if any), or None: the kernel's current
    session. Counts come from the jobs' per-shot results, one `BitArray` per
    classical register, so several registers and `measure_all`'s `meas` read
    as in any Qiskit sampler.
    """

    def __init__(self, mode: Any = None, *, default_shots: int = 1024) -> None:
        self._mode = mode
        #: As on IBM Runtime: `sampler.options.default_shots = 4000`.
        self.options = SimpleNamespace(default_shots=default_shots)

    @property
    def default_shots(self) -> int:
        return self.options.default_shots

    @property
    def mode(self) -> Any:
        return self._mode

    @one_line_errors
    def run(self, pubs: Iterable[Any], *, shots: int | None = None) -> AzurePrimitiveJob:
        shots = self.default_shots if shots is None else shots
        if not isinstance(shots, int) or shots < 1:
            raise ValueError(f"{KIND}: shots must be a positive integer, not {shots!r}.")
        coerced = coerce_pubs(pubs, lambda pub: SamplerPub.coerce(pub, shots), KIND, values_at=1)
        target = AzureTarget(self._mode)
        plans = [self._plan(index, pub, target) for index, pub in enumerate(coerced)]
        requests = [
            (name, qir, pub.shots, _metadata(pub))
            for pub, plan in zip(coerced, plans, strict=True)
            for name, qir in plan.qirs
        ]
        ticket = target.admit(requests, KIND)  # over budget: refused whole, nothing sent

        def work(job: AzurePrimitiveJob) -> PrimitiveResult:
            job.submit_with(lambda: target.submit_all(requests, ticket), ticket.close)
            shots = iter(collect(job.azure_jobs))
            jobs = iter(job.azure_jobs)
            results = [
                _pub_result(
                    pub,
                    [next(jobs) for _ in plan.qirs],
                    [next(shots) for _ in plan.qirs],
                    plan.recorded,
                    target,
                )
                for pub, plan in zip(coerced, plans, strict=True)
            ]
            return PrimitiveResult(results, metadata={"version": 2, "target": target.name})

        return AzurePrimitiveJob(work)

    @staticmethod
    def _plan(index: int, pub: SamplerPub, target: AzureTarget) -> _Plan:
        """(job name, QIR) per parameter set, bound from one conversion of the circuit."""
        circuit = pub.circuit
        check_fits(index, circuit, target, KIND)
        if not circuit.cregs or circuit.num_clbits == 0:
            raise ValueError(
                f"{KIND} pub {index}: the circuit measures nothing; add measurements "
                "(e.g. circuit.measure_all())."
            )
        with about_pub(KIND, index):
            template = target.template(circuit)
        rows = flat_values(pub)
        recorded = [reg.name for reg in template.circuit.cregs]
        return _Plan(
            [
                (job_name(KIND, index, len(rows), i), template.bind(list(row)))
                for i, row in enumerate(rows)
            ],
            recorded,
        )


class _Plan(NamedTuple):
    """A pub's jobs: (name, QIR) per parameter set, and the registers the QIR records."""

    qirs: list[tuple[str, str]]
    recorded: list[str]


def _metadata(pub: SamplerPub) -> dict[str, str]:
    return {"qiskit": "True", "primitive": KIND, "name": pub.circuit.name}


def _pub_result(
    pub: SamplerPub,
    jobs: list[Any],
    shots: list[list[Any]],
    recorded: list[str],
    target: AzureTarget,
) -> SamplerPubResult:
    registers = list(pub.circuit.cregs)
    per_set = [register_bits(job_shots, registers, recorded) for job_shots in shots]
    arrays = bit_arrays(per_set, registers, pub.shape)
    data = DataBin(**arrays, shape=pub.shape)
    return SamplerPubResult(
        data,
        metadata={
            "shots": pub.shots,
            "circuit_metadata": pub.circuit.metadata,
            "job_ids": [job.id for job in jobs],
            "target": target.name,
        },
    )
