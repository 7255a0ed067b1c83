"""Provider objects: each target's behaviour comes from its provider's module.

What differs between providers (default shots, QIR profile, price, the usage a
price reads from `inputParams`, exact simulators, Cirq conversion) is asked of
the provider object, never decided by an if-chain on the provider's name.
"""

from __future__ import annotations

import inspect

import pytest

from qsession_jupyter.formats import IONQ_CIRCUIT, OPENQASM2, QIR
from qsession_jupyter.providers import ionq
from qsession_jupyter.providers.base import TargetSpec
from qsession_jupyter.providers.catalog import GENERIC, PROVIDERS, TARGETS, provider_for


def test_every_target_belongs_to_the_provider_its_id_names():
    for target_id, spec in TARGETS.items():
        assert spec.provider is provider_for(target_id) is PROVIDERS[target_id.split(".")[0]]
        assert spec.provider_id == target_id.split(".")[0]


def test_a_new_target_of_a_known_provider_needs_only_its_spec():
    """What `ionq.py` would add for another QPU: shots, profile and price follow."""
    spec = TargetSpec("ionq.qpu.forte-enterprise-1", ionq.PROVIDER, "emulator", IONQ_CIRCUIT, 20)
    assert (spec.default_shots, spec.target_profile, spec.free) == (100, "Base", False)
    usage = {"shots": 10, "gates_1q": 1, "gates_2q": 1, **spec.provider.billing_usage({})}
    estimate = spec.provider.cost_estimate(spec, usage)
    assert estimate["estimatedTotal"] == pytest.approx(97.50 + 10 * (0.000220 + 0.000975))


def test_unknown_providers_get_the_generic_targets_behaviour():
    for target_id in ("pasqal.sim.emu-tn", "microsoft.estimator", None, ""):
        provider = provider_for(target_id)
        assert provider is GENERIC
        assert provider.qir_profile(target_id or "") == "Base"
        assert provider.default_shots == 1 and provider.currency == "USD"


@pytest.mark.parametrize(
    "target_id, profile",
    [
        ("ionq.qpu.aria-1", "Base"),
        ("quantinuum.qpu.h2-1", "Adaptive_RI"),
        ("quantinuum.qpu.helios-1", "Adaptive_RIF"),
        ("rigetti.qpu.ankaa-3", "Base"),
    ],
)
def test_qir_profiles_follow_the_sdks_target_classes(target_id, profile):
    assert provider_for(target_id).qir_profile(target_id) == profile


def test_cirq_conversions_follow_the_sdks_cirq_targets():
    """Providers with a dedicated Cirq target in the SDK get its native format;
    the others go through the SDK's generic Cirq-to-QIR target."""
    from azure.quantum.cirq.targets import DEFAULT_TARGETS

    for provider_id, provider in PROVIDERS.items():
        cirq_target = DEFAULT_TARGETS.get(provider_id)
        expected = QIR
        if cirq_target is not None:
            expected = inspect.signature(cirq_target).parameters["input_data_format"].default
        assert provider.cirq_input_format == expected, provider_id
    assert {PROVIDERS["ionq"].cirq_input_format, PROVIDERS["quantinuum"].cirq_input_format} == {
        IONQ_CIRCUIT,
        OPENQASM2,
    }


def test_only_ionq_reads_error_mitigation_from_input_params():
    off = {"error-mitigation": {"debias": False}}
    assert PROVIDERS["ionq"].billing_usage(off) == {"error_mitigation": 0}
    assert PROVIDERS["ionq"].billing_usage({}) == {"error_mitigation": 1}
    assert (
        PROVIDERS["quantinuum"].billing_usage(off) == PROVIDERS["rigetti"].billing_usage(off) == {}
    )


def test_exact_probabilities_and_exclusive_sessions_are_provider_traits():
    exact = {t for t, spec in TARGETS.items() if spec.exact_probabilities}
    exclusive = {t for t, spec in TARGETS.items() if spec.exclusive_sessions}
    assert exact == {"ionq.simulator"}
    assert exclusive == {t for t in TARGETS if t.startswith("quantinuum.")}
