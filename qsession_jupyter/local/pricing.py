"""Cost estimates from each provider's published pricing model.

The local workspace never charges; a job's `costEstimate` shows what the same
job would cost on Azure Quantum, in the contract's shape
`{"currencyCode", "events": [{dimensionId, dimensionName, measureUnit,
amountBilled, amountConsumed, unitPrice}], "estimatedTotal"}`.

Sources (Azure Quantum docs, "Pricing plans for Azure Quantum providers",
learn.microsoft.com/azure/quantum/pricing, MicrosoftDocs/quantum-docs
articles/pricing.md):

* IonQ: AQT = m + 0.000220 * (N1q * C) + 0.000975 * (N2q * C); m is USD 97.50
  per program with error mitigation on (the default on Aria and Forte) and
  USD 12.4166 with it off; multi-controlled gates bill as 6 * (N - 2) two-qubit
  gates; the simulator is free. Dimension ids `gs1q` / `gs2q` as the real
  service reports them (contract 2.3).
* Quantinuum: HQC = 5 + C * (N1q + 10 * N2q + 5 * Nm) / 5000, Nm counting state
  preparation (one per qubit) and every measurement and reset. Azure sells HQCs
  in subscriptions with no per-HQC list price, so the unit price is 0 and the
  estimate shows the HQCs, exactly as the real emulator's jobs did (dimension
  `ehqc`, amount 5.01, unit price 0.0, in the recordings). Syntax checkers are
  free.
* Rigetti: USD 0.013 per 10-millisecond increment of QPU execution time; QVM is
  free. The execution time is estimated at 1 ms per shot, a typical repetition
  rate of superconducting QPUs with active reset (an assumption of ours: Rigetti
  publishes no per-shot time).
"""

from __future__ import annotations

import math

from .targets import TargetSpec

_IONQ_1Q = 0.000220
_IONQ_2Q = 0.000975
_IONQ_MIN_MITIGATED = 97.50
_IONQ_MIN_PLAIN = 12.4166
_RIGETTI_PER_10MS = 0.013
_RIGETTI_SECONDS_PER_SHOT = 0.001


def cost_estimate(target: TargetSpec, usage: dict) -> dict | None:
    """The job's `costEstimate`, or None when the provider has no pricing model here."""
    provider = target.provider_id
    if provider == "ionq":
        return _ionq(target, usage)
    if provider == "quantinuum":
        return _quantinuum(target, usage)
    if provider == "rigetti":
        return _rigetti(target, usage)
    return None


def _ionq(target: TargetSpec, usage: dict) -> dict:
    shots = _num(usage, "shots")
    n1 = _num(usage, "gates_1q")
    n2 = _num(usage, "gates_2q") + _num(usage, "gates_mq_as_2q")
    free = target.kind == "simulator"
    p1, p2 = (0.0, 0.0) if free else (_IONQ_1Q, _IONQ_2Q)
    events = [
        _event("gs1q", "1Q Gate Shot", "1q gate shot", n1 * shots, p1),
        _event("gs2q", "2Q Gate Shot", "2q gate shot", n2 * shots, p2),
    ]
    if not free:
        mitigated = usage.get("error_mitigation", 1) != 0
        minimum = _IONQ_MIN_MITIGATED if mitigated else _IONQ_MIN_PLAIN
        events.append(_event("minimum", "Minimum per program", "program", 1, minimum))
    return _estimate(events)


def _quantinuum(target: TargetSpec, usage: dict) -> dict:
    if target.kind == "syntax-checker":
        return _estimate([])
    shots = _num(usage, "shots")
    n1 = _num(usage, "gates_1q")
    n2 = _num(usage, "gates_2q") + _num(usage, "gates_mq_as_2q")
    nm = _num(usage, "qubits") + _num(usage, "measurements")
    hqc = round(5 + shots * (n1 + 10 * n2 + 5 * nm) / 5000, 2)
    if ".sim." in target.id:
        return _estimate([_event("ehqc", "EHQC", "hqc", hqc, 0.0)])
    return _estimate([_event("hqc", "HQC", "hqc", hqc, 0.0)])


def _rigetti(target: TargetSpec, usage: dict) -> dict:
    if target.kind == "simulator":
        return _estimate([_event("qpu_time_10ms", "QPU Execution Time", "10ms", 0, 0.0)])
    seconds = _num(usage, "shots") * _RIGETTI_SECONDS_PER_SHOT
    increments = max(1, math.ceil(seconds / 0.010))
    return _estimate(
        [_event("qpu_time_10ms", "QPU Execution Time", "10ms", increments, _RIGETTI_PER_10MS)]
    )


def _event(dimension_id: str, name: str, unit: str, amount: float, price: float) -> dict:
    amount = round(float(amount), 4)
    return {
        "dimensionId": dimension_id,
        "dimensionName": name,
        "measureUnit": unit,
        "amountBilled": amount,
        "amountConsumed": amount,
        "unitPrice": price,
    }


def _estimate(events: list[dict]) -> dict:
    total = sum(e["amountBilled"] * e["unitPrice"] for e in events)
    return {"currencyCode": "USD", "events": events, "estimatedTotal": round(total, 4)}


def _num(usage: dict, key: str) -> float:
    value = usage.get(key, 0)
    return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else 0.0
