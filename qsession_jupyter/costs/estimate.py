"""`estimate_cost(target, program, shots=None, **input_params)`: a job's cost before it runs.

The job is built as the SDK would send it (`payload`), its usage counted by the
local service's own worker code without simulating (`runner.count_usage`), and
priced by the target's provider object: the very steps the service takes after
the job ran, so the estimate equals the job's `costEstimate`.

`total` is in the currency budgets count in: USD, or HQC for Quantinuum, whose
`costEstimate` carries the HQCs as events at unit price 0 (as the real
service writes it); `as_contract()` gives that `costEstimate` unchanged.

A target of a known provider that the local catalog does not emulate (an
Azure workspace's newer machine) is priced by the same provider model; a
target of a provider without one is an `EstimateError`.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Any

from ..local.execution.errors import JobError
from ..local.execution.runner import count_usage
from ..providers.base import TargetSpec
from ..providers.billing import billed_amount
from ..providers.catalog import PROVIDERS, target_spec
from .payload import EstimateError, job_payload


@dataclass(frozen=True)
class CostEstimate:
    target: str
    total: float
    currency: str
    events: list[dict]
    #: Shots the job runs (every parameter set and entry point counted).
    shots: int
    contract: dict

    def as_contract(self) -> dict:
        """`{"currencyCode", "events", "estimatedTotal"}` exactly as the service writes it."""
        return copy.deepcopy(self.contract)

    def forecast(self, jobs: int) -> float:
        """What `jobs` jobs like this one cost."""
        return round(self.total * jobs, 4)


def estimate_cost(target: Any, program: Any, shots: int | None = None, **input_params: Any):
    """What submitting `program` to `target` would cost, as `CostEstimate`.

    `target` is an SDK `Target`, a Qiskit backend, or a target id. Extra
    keywords are the job's `inputParams` (e.g. `**{"error-mitigation":
    {"debias": False}}` on IonQ), or pass them whole as `input_params={...}`.
    Raises `EstimateError` (a ValueError, shown as one line) for a program the
    target cannot take.
    """
    target_id = _target_id(target)
    _spec(target_id)  # an unknown target is refused before any conversion
    if shots is not None and (isinstance(shots, bool) or not isinstance(shots, int) or shots < 1):
        raise EstimateError(f"shots must be a positive whole number, not {shots!r}.")
    given = input_params.pop("input_params", None) or {}
    given = (
        given.as_dict() if callable(getattr(given, "as_dict", None)) else given
    )  # SDK InputParams
    params = dict(given, **input_params)
    try:
        payload = job_payload(target_id, program, shots, params, _backend_options(target))
    except EstimateError:
        raise
    except Exception as error:  # the SDK's or qdk's conversion refused the program
        raise EstimateError(
            f"Cannot convert the program for {target_id}: {_first_line(error)}"
        ) from None
    return estimate_job(target_id, payload.input_format, payload.data, payload.params)


def estimate_job(
    target: Any, input_format: str, input_data: bytes, input_params: dict | None = None
) -> CostEstimate:
    """The cost of a job already built: its input format, input bytes and `inputParams`,
    as `Job.from_input_data` takes them. A guard at the point of submission prices
    the SDK's own payload this way, without converting the program a second time."""
    target_id = _target_id(target)
    spec = _spec(target_id)
    try:
        usage = count_usage(spec, input_format, input_data, dict(input_params or {}))
    except JobError as error:
        reason = " ".join(error.message.split())  # the service's messages may quote lines
        raise EstimateError(f"{target_id} cannot take this program: {reason}") from None
    contract = spec.provider.cost_estimate(spec, usage) or {}
    total, _currency = billed_amount(contract)
    return CostEstimate(
        target=target_id,
        total=total,
        currency=spec.provider.currency,
        events=copy.deepcopy(contract.get("events", [])),
        shots=int(usage.get("shots", 0)),
        contract=contract,
    )


def _spec(target_id: str) -> TargetSpec:
    spec = target_spec(target_id)
    if spec is None:
        known = ", ".join(sorted(PROVIDERS))
        raise EstimateError(
            f"No price is known for target '{target_id}': prices are known for {known} targets."
        )
    return spec


def _target_id(target: Any) -> str:
    if isinstance(target, str):
        return target
    name = getattr(target, "name", None)
    name = name() if callable(name) else name
    if not isinstance(name, str) or not name:
        raise EstimateError(
            f"Give a target as an SDK Target, a Qiskit backend or an id, not {type(target).__name__}."
        )
    return name


def _backend_options(target: Any) -> Any:
    """A Qiskit backend's options (shots, target_profile), else None."""
    options = getattr(target, "options", None)
    return options if callable(getattr(options, "get", None)) else None


def _first_line(error: BaseException) -> str:
    text = str(error).strip()
    return text.splitlines()[0] if text else type(error).__name__
