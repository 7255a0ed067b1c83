"""IonQ: 100 shots by default, billed per gate-shot with a minimum per program.

Pricing (Azure Quantum docs, "Pricing plans for Azure Quantum providers",
learn.microsoft.com/azure/quantum/pricing, MicrosoftDocs/quantum-docs
articles/pricing.md): AQT = m + 0.000220 * (N1q * C) + 0.000975 * (N2q * C);
m is USD 97.50 per program with error mitigation on (the default on Aria and
Forte) and USD 12.4166 with it off; multi-controlled gates bill as 6 * (N - 2)
two-qubit gates; the simulator is free. Dimension ids `gs1q` / `gs2q` as the
real service reports them (recordings: an ionq.simulator job's events).

Default shots: 100, IonQ's documented default ("shots ... default: 100", IonQ
API v0.3, Create a Job). No recording shows a count: ionq.simulator returns
exact probabilities, whatever the shots, for ionq.circuit.v1 jobs.

Device figures behind the emulated QPUs (`execution/noise.py` turns them into
gate noise and readout error): Aria 1q 99.95% (SPAM corrected), 2q 99.6%, SPAM
99.61%; 1q gate 135 us, 2q gate 600 us. Azure Quantum docs, "IonQ provider",
System fidelity / timing (https://learn.microsoft.com/azure/quantum/provider-ionq;
confirmed 2026-11). The Azure page gives no fidelity table for Forte, so Forte
reuses Aria's figures (IonQ characterises Forte by direct randomized
benchmarking of all 435 qubit pairs in arXiv:2308.05071).
"""

from __future__ import annotations

from ..formats import IONQ_CIRCUIT
from .base import Provider, TargetSpec, TimeModel
from .billing import estimate, event, number

_PRICE_1Q = 0.000220
_PRICE_2Q = 0.000975
_MINIMUM_MITIGATED = 97.50
_MINIMUM_PLAIN = 12.4166

_ARIA_NOISE = {"f1q": 0.9995, "f2q": 0.996, "fspam": 0.9961}
#: Trapped ions spend milliseconds per shot (Aria: 600 us per two-qubit gate,
#: plus cooling and readout); at time scale 1 a 100-shot job takes about a second.
_TIME = TimeModel(per_job_seconds=0.4, per_shot_seconds=0.006)
_STATUS_PAGE = "https://status.ionq.co"


class IonQ(Provider):
    id = "ionq"
    default_shots = 100
    native_input_format = IONQ_CIRCUIT
    cirq_input_format = IONQ_CIRCUIT

    def cost_estimate(self, target: TargetSpec, usage: dict) -> dict:
        shots = number(usage, "shots")
        n1 = number(usage, "gates_1q")
        n2 = number(usage, "gates_2q") + number(usage, "gates_mq_as_2q")
        free = self.is_free(target)
        p1, p2 = (0.0, 0.0) if free else (_PRICE_1Q, _PRICE_2Q)
        events = [
            event("gs1q", "1Q Gate Shot", "1q gate shot", n1 * shots, p1),
            event("gs2q", "2Q Gate Shot", "2q gate shot", n2 * shots, p2),
        ]
        if not free:
            mitigated = usage.get("error_mitigation", 1) != 0
            minimum = _MINIMUM_MITIGATED if mitigated else _MINIMUM_PLAIN
            events.append(event("minimum", "Minimum per program", "program", 1, minimum))
        return estimate(events)

    def billing_usage(self, params: dict) -> dict:
        """IonQ prices a program differently with debiasing off."""
        mitigation = params.get("error-mitigation")
        off = isinstance(mitigation, dict) and mitigation.get("debias") is False
        return {"error_mitigation": 0 if off else 1}

    def exact_probabilities(self, target: TargetSpec) -> bool:
        """IonQ's ideal simulator computes the distribution instead of sampling it."""
        return target.kind == "simulator"


PROVIDER = IonQ()


def _qpu(target_id: str, device_qubits: int, max_qubits: int) -> TargetSpec:
    """An emulated IonQ QPU: noisy, one job at a time, on IonQ's time model."""
    return TargetSpec(
        target_id,
        PROVIDER,
        "emulator",
        IONQ_CIRCUIT,
        max_qubits=max_qubits,
        device_qubits=device_qubits,
        capacity=1,
        time_model=_TIME,
        status_page=_STATUS_PAGE,
        engine={"noise": _ARIA_NOISE},
    )


def targets(emulated_qubits: int) -> list[TargetSpec]:
    return [
        TargetSpec(
            "ionq.simulator",
            PROVIDER,
            "simulator",
            IONQ_CIRCUIT,
            max_qubits=25,
            device_qubits=29,
            status_page=_STATUS_PAGE,
        ),
        _qpu("ionq.qpu.aria-1", device_qubits=25, max_qubits=emulated_qubits),
        _qpu("ionq.qpu.forte-1", device_qubits=36, max_qubits=emulated_qubits),
    ]
