"""Which QIR profile a target needs.

`Target.submit` calls `_repr_qir_(target=<name>)` with the target's name only,
so the profile has to be derived from the name: each provider object says
which profile the SDK's own target class for it defaults to
(`providers/`); providers we have no module for get the SDK's generic
default, Base.
"""

from __future__ import annotations

from typing import Any

from .catalog import provider_for


def profile_name_for_target(target_name: str | None) -> str:
    """The QIR profile name ("Base", "Adaptive_RI", ...) for a target id."""
    return provider_for(target_name).qir_profile(target_name or "")


def profile_name(value: Any) -> str:
    """Normalise a profile given as text or as qdk's `TargetProfile`."""
    if isinstance(value, str):
        return value
    name = getattr(value, "name", None)
    if isinstance(name, str):
        return name
    text = str(value)
    return text.rsplit(".", 1)[-1]


def to_target_profile(name: Any) -> Any:
    """qdk's `TargetProfile` member for a profile name or member (case-insensitive)."""
    from qdk import TargetProfile

    name = profile_name(name)
    for candidate in ("Base", "Adaptive_RI", "Adaptive_RIF", "Adaptive", "Unrestricted"):
        if candidate.lower() == name.lower():
            return getattr(TargetProfile, candidate)
    raise ValueError(
        f"unknown QIR profile {name!r}; use Base, Adaptive_RI, Adaptive_RIF or Adaptive"
    )
