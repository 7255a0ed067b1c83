"""What every provider has, and the target description each provider module fills in.

A `Provider` answers the questions on which providers differ: how many shots a
job without shots runs, what a job costs, which QIR profile its targets take,
what extra usage its pricing reads from a job's `inputParams`, and whether its
simulator computes exact probabilities. The defaults below are the generic
Azure target's; each provider module overrides what its provider does
differently.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..formats import QIR

#: Qubits assumed for a target the catalog does not list (its jobs are only counted).
UNLISTED_QUBITS = 10_000


class Provider:
    """A provider as the generic Azure target sees it; subclasses say what differs."""

    #: Lower-case provider id, the first part of its targets' ids.
    id: str = ""
    #: Shots a job runs when its `inputParams` name none.
    default_shots: int = 1
    #: Whether a session gets the machine while its jobs keep coming (batching window).
    exclusive_sessions: bool = False
    #: The currency budgets and estimates count in (see `billing.billed_amount`).
    currency: str = "USD"
    #: The format the provider's own SDK target class sends.
    native_input_format: str = QIR
    #: What the SDK's Cirq service sends a Cirq circuit as: QIR through its generic
    #: target, unless the provider has its own Cirq target with a native format.
    cirq_input_format: str = QIR

    def qir_profile(self, target_id: str) -> str:
        """The QIR profile the SDK's target class defaults to for `target_id`."""
        return "Base"

    def cost_estimate(self, target: TargetSpec, usage: dict) -> dict | None:
        """The job's `costEstimate` from its usage counts; None when not priced here."""
        return None

    def billing_usage(self, params: dict) -> dict:
        """Usage entries the price reads from the job's `inputParams` (not from the program)."""
        return {}

    def exact_probabilities(self, target: TargetSpec) -> bool:
        """Whether the target computes the distribution instead of sampling it."""
        return False

    def is_free(self, target: TargetSpec) -> bool:
        """Whether every job on the target costs nothing (simulators, syntax checkers)."""
        return target.kind in ("simulator", "syntax-checker")

    def kind_of(self, target_id: str) -> str:
        """What a target the catalog does not list is, from its id: QPUs are billed
        like the emulated ones, everything else is a (free) simulator."""
        return "emulator" if ".qpu." in target_id.lower() else "simulator"

    def unlisted_target(self, target_id: str) -> TargetSpec:
        """A description of a target of this provider that the local catalog does not
        emulate (an Azure workspace may offer newer machines): enough to price its jobs."""
        return TargetSpec(
            target_id, self, self.kind_of(target_id), self.native_input_format, UNLISTED_QUBITS
        )


@dataclass(frozen=True)
class TimeModel:
    """How long an emulated device takes for a job, before `--time-scale`."""

    per_job_seconds: float
    per_shot_seconds: float

    def seconds(self, shots: int, time_scale: float) -> float:
        return (self.per_job_seconds + self.per_shot_seconds * max(shots, 0)) * time_scale


@dataclass(frozen=True)
class TargetSpec:
    id: str
    provider: Provider
    #: "simulator" (ideal, as fast as possible), "emulator" (an emulated QPU or
    #: noisy emulator, on the time model) or "syntax-checker".
    kind: str
    native_input_format: str
    max_qubits: int
    #: Qubits of the real device, when it is larger than what we simulate here.
    device_qubits: int | None = None
    #: Concurrent executions; None means the service's worker count.
    capacity: int | None = None
    time_model: TimeModel | None = None
    status_page: str = ""
    #: Engine settings the workers read (noise parameters and the like).
    engine: dict = field(default_factory=dict)

    @property
    def provider_id(self) -> str:
        return self.provider.id

    @property
    def target_profile(self) -> str:
        return self.provider.qir_profile(self.id)

    @property
    def input_formats(self) -> frozenset[str]:
        return frozenset({QIR, self.native_input_format})

    @property
    def default_shots(self) -> int:
        return self.provider.default_shots

    @property
    def exact_probabilities(self) -> bool:
        return self.provider.exact_probabilities(self)

    @property
    def exclusive_sessions(self) -> bool:
        return self.provider.exclusive_sessions

    @property
    def free(self) -> bool:
        return self.provider.is_free(self)
