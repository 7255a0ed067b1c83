"""Reading `inputParams` the way every SDK generation writes them: one shot parser.

The simulators and the emulated devices' time model both read shots here, so
a job never runs one number of shots and is timed for another.
"""

from __future__ import annotations

from ...providers.base import TargetSpec
from .errors import JobError, invalid_input

#: A guard against a typo such as shots=10**9 tying up a worker for hours.
MAX_SHOTS = 1_000_000


def shots_from(params: dict, target: TargetSpec) -> int:
    """Shots from `shots`, else `count` (older SDKs, the recordings), else the target's default.

    With no shots at all the real service runs its provider's default (one shot
    on Quantinuum and Rigetti, per the recordings): `TargetSpec.default_shots`.
    """
    value = params.get("shots")
    if value is None:
        value = params.get("count")
    if value is None:
        return target.default_shots
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        raise invalid_input(f"inputParams.shots must be a whole number, not {value!r}.")
    try:
        shots = int(value)
    except (ValueError, OverflowError):
        raise invalid_input(f"inputParams.shots must be a whole number, not {value!r}.") from None
    if shots != float(value) or shots < 1:
        raise invalid_input(f"inputParams.shots must be a positive whole number, not {value!r}.")
    if shots > MAX_SHOTS:
        raise invalid_input(
            f"inputParams.shots is {shots}; the local workspace runs at most {MAX_SHOTS} shots per job."
        )
    return shots


def shots_for_time_model(usage: dict | None, params: dict, target: TargetSpec) -> int:
    """Shots an emulated device is busy for: those the engine ran, as its usage reports.

    The usage counts every parameter set and every QIR entry point; a job
    without usage (it never ran) falls back to the parser above.
    """
    ran = (usage or {}).get("shots")
    if isinstance(ran, int) and not isinstance(ran, bool) and ran >= 0:
        return ran
    try:
        return shots_from(params if isinstance(params, dict) else {}, target)
    except JobError:
        return target.default_shots
