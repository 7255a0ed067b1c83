"""The contract's `costEstimate` shape, and reading an amount back out of it.

`{"currencyCode", "events": [{dimensionId, dimensionName, measureUnit,
amountBilled, amountConsumed, unitPrice}], "estimatedTotal"}`, as the real
service writes it. Quantinuum bills in HQCs (Hardware Quantum Credits) that
Azure sells in subscriptions with no per-HQC list price: the real service then
writes the HQCs as an event's amount with unit price 0, currency "USD" and
total 0. `billed_amount` reads such an estimate as what it costs in HQC.
"""

from __future__ import annotations

HQC = "HQC"
USD = "USD"


def event(dimension_id: str, name: str, unit: str, amount: float, price: float) -> dict:
    amount = round(float(amount), 4)
    return {
        "dimensionId": dimension_id,
        "dimensionName": name,
        "measureUnit": unit,
        "amountBilled": amount,
        "amountConsumed": amount,
        "unitPrice": price,
    }


def estimate(events: list[dict]) -> dict:
    total = sum(e["amountBilled"] * e["unitPrice"] for e in events)
    return {"currencyCode": USD, "events": events, "estimatedTotal": round(total, 4)}


def billed_amount(cost_estimate: dict | None) -> tuple[float, str]:
    """(amount, currency) of a `costEstimate`: HQCs for HQC-billed events, else its total.

    Budgets and spend views compare amounts in the target's currency; a
    Quantinuum job's `estimatedTotal` is 0 USD, its price is in its HQC events.
    """
    if not isinstance(cost_estimate, dict):
        return 0.0, USD
    events = cost_estimate.get("events") or []
    hqc = [e for e in events if isinstance(e, dict) and str(e.get("measureUnit")).lower() == "hqc"]
    if hqc:
        return round(sum(number(e, "amountBilled") for e in hqc), 4), HQC
    total = cost_estimate.get("estimatedTotal")
    amount = float(total) if isinstance(total, (int, float)) else 0.0
    return amount, str(cost_estimate.get("currencyCode") or USD)


def number(values: dict, key: str) -> float:
    """A numeric entry of a usage or event dict (0 when missing or not a number)."""
    value = values.get(key, 0)
    return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else 0.0
