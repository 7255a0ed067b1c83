"""Which QIR profile a target needs.

`Target.submit` calls `_repr_qir_(target=<name>)` with the target's name only,
so the profile has to be derived from the name. The table mirrors the defaults
of the SDK's own target classes (`azure.quantum.target.*`): IonQ, Rigetti and
Pasqal default to Base, Quantinuum H2 to Adaptive_RI and other Quantinuum
machines to Adaptive_RIF; anything else gets the SDK's generic default, Base.
"""

from __future__ import annotations

from typing import Any

_BASE_PROVIDERS = {"ionq", "rigetti", "pasqal"}


def profile_name_for_target(target_name: str | None) -> str:
    """The QIR profile name ("Base", "Adaptive_RI", ...) for a target id."""
    if not target_name:
        return "Base"
    provider = target_name.split(".")[0].lower()
    if provider in _BASE_PROVIDERS:
        return "Base"
    if provider == "quantinuum":
        return "Adaptive_RI" if ".h2-" in target_name.lower() else "Adaptive_RIF"
    return "Base"


def profile_name(value: Any) -> str:
    """Normalise a profile given as text or as qdk's `TargetProfile`."""
    if isinstance(value, str):
        return value
    name = getattr(value, "name", None)
    if isinstance(name, str):
        return name
    text = str(value)
    return text.rsplit(".", 1)[-1]


def to_target_profile(name: str) -> Any:
    """qdk's `TargetProfile` member for a profile name (case-insensitive)."""
    from qdk import TargetProfile

    for candidate in ("Base", "Adaptive_RI", "Adaptive_RIF", "Adaptive", "Unrestricted"):
        if candidate.lower() == name.lower():
            return getattr(TargetProfile, candidate)
    raise ValueError(
        f"unknown QIR profile {name!r}; use Base, Adaptive_RI, Adaptive_RIF or Adaptive"
    )
