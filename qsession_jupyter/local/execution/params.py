"""Reading `inputParams` the way every SDK generation writes them."""

from __future__ import annotations

from .errors import invalid_input

DEFAULT_SHOTS = 500
#: A guard against a typo such as shots=10**9 tying up a worker for hours.
MAX_SHOTS = 1_000_000


def shots_from(params: dict, default: int = DEFAULT_SHOTS) -> int:
    """Shots from `shots`, or `count` as older SDKs (and the recordings) send it."""
    value = params.get("shots")
    if value is None:
        value = params.get("count")
    if value is None:
        return default
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        raise invalid_input(f"inputParams.shots must be a whole number, not {value!r}.")
    try:
        shots = int(value)
    except ValueError:
        raise invalid_input(f"inputParams.shots must be a whole number, not {value!r}.") from None
    if shots != float(value) or shots < 1:
        raise invalid_input(f"inputParams.shots must be a positive whole number, not {value!r}.")
    if shots > MAX_SHOTS:
        raise invalid_input(
            f"inputParams.shots is {shots}; the local workspace runs at most {MAX_SHOTS} shots per job."
        )
    return shots
