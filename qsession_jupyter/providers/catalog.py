"""The targets the local workspace offers, and the provider object of any target id.

Each provider module declares its own targets; this module only lists the
provider modules. Every entry mirrors a target users know from Azure Quantum,
so that code written for IonQ, Quantinuum or Rigetti runs unchanged. The
scheduler reads capacity and the time model, the workers read the engine
settings (noise, qubit limit), the REST layer reads ids, formats and
availability, the kernel reads QIR profiles and the cost estimate reads prices.
"""

from __future__ import annotations

from . import ionq, quantinuum, rigetti
from .base import Provider, TargetSpec

_MODULES = (ionq, quantinuum, rigetti)

#: Emulated devices stop at 20 qubits here: a 20-qubit state is 16 MB and a noisy
#: 1000-shot job takes seconds; every extra qubit doubles both.
EMULATED_QUBITS = 20

PROVIDERS: dict[str, Provider] = {module.PROVIDER.id: module.PROVIDER for module in _MODULES}
TARGETS: dict[str, TargetSpec] = {
    spec.id: spec for module in _MODULES for spec in module.targets(EMULATED_QUBITS)
}

#: Providers without a module here (Pasqal, Microsoft's own, ...) get the generic
#: Azure target's behaviour: Base profile, one shot, no price known.
GENERIC = Provider()


def find_target(target_id: str) -> TargetSpec | None:
    return TARGETS.get(target_id)


def target_spec(target_id: str) -> TargetSpec | None:
    """The catalog's target, else one of a known provider's (to price it), else None."""
    spec = find_target(target_id)
    if spec is None and provider_for(target_id) is not GENERIC:
        spec = provider_for(target_id).unlisted_target(target_id)
    return spec


def provider_for(target_id: str | None) -> Provider:
    """The provider object of a target id ("ionq.qpu.aria-1" -> IonQ), generic if unknown."""
    if not target_id:
        return GENERIC
    return PROVIDERS.get(target_id.split(".", 1)[0].lower(), GENERIC)
