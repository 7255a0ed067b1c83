"""A circuit converted once and bound per parameter set gives exactly the QIR of a fresh conversion.

The conversion is the one the SDK's QIR backends use (qdk's QSharpBackend with
the backend's profile, transpilation skipped); "fresh" means binding the
circuit with Qiskit and converting it again, as `backend.run` would.
"""

from __future__ import annotations

import math
import random

import pytest
from qdk import TargetProfile
from qdk.qiskit import QSharpBackend
from qiskit import QuantumCircuit
from qiskit.circuit import Parameter, ParameterVector

from qsession_jupyter.binding.literals import format_double
from qsession_jupyter.qiskit.template import QirTemplate, TemplateCache, qdk_angle

PROFILES = [TargetProfile.Base, TargetProfile.Adaptive_RI]


def converter(profile):
    backend = QSharpBackend(
        qiskit_pass_options={"supports_barrier": False},
        target_profile=profile,
        skip_transpilation=True,
    )
    return backend.qir


def fresh(circuit, values, profile):
    bound = circuit.assign_parameters(dict(zip(circuit.parameters, values, strict=True)))
    return converter(profile)(bound)


def every_rotation():
    a, b = Parameter("a"), Parameter("b")
    qc = QuantumCircuit(3, name="rotations")
    qc.rx(a, 0)
    qc.ry(2 * a + b, 1)
    qc.rz(a * b, 2)
    qc.rxx(b - 0.25, 0, 1)
    qc.ryy(-a, 1, 2)
    qc.rzz(a / 3, 0, 2)
    qc.crx(b, 0, 1)
    qc.cry(a + 1.0, 1, 2)
    qc.crz(b * 2.5, 2, 0)
    qc.rz(0.7, 0)  # a constant among the parameters
    qc.measure_all()
    return qc


def hardware_efficient_ansatz():
    thetas = ParameterVector("θ", 8)
    qc = QuantumCircuit(4, name="ansatz")
    for layer in range(2):
        for q in range(4):
            qc.ry(thetas[4 * layer + q], q)
        for q in range(3):
            qc.cx(q, q + 1)
    qc.measure_all()
    return qc


def repeated_parameter():
    t = Parameter("t")
    qc = QuantumCircuit(2, name="repeated")
    qc.h(0)
    qc.rz(t, 0)
    qc.rz(t, 1)  # the same expression twice
    qc.ry(math.pi / 2, 1)  # a constant that a value of t could equal
    qc.cx(0, 1)
    qc.measure_all()
    return qc


@pytest.mark.parametrize("profile", PROFILES, ids=str)
@pytest.mark.parametrize("build", [every_rotation, hardware_efficient_ansatz, repeated_parameter])
def test_bound_qir_equals_a_fresh_conversion(build, profile):
    circuit = build()
    template = QirTemplate(circuit, converter(profile))
    assert template.bindable, "every gate here is a plain rotation: no per-set conversion"
    rng = random.Random(7)
    samples = [[rng.uniform(-12, 12) for _ in circuit.parameters] for _ in range(12)]
    samples.append([0.0] * circuit.num_parameters)
    samples.append([math.pi / 2] * circuit.num_parameters)  # equals the constant ry
    samples.append([1e-9] * circuit.num_parameters)
    for values in samples:
        assert template.bind(values) == fresh(circuit, values, profile), values


def test_binding_does_not_convert_again():
    circuit = hardware_efficient_ansatz()
    calls = []
    convert = converter(TargetProfile.Base)

    def counting(c):
        calls.append(c)
        return convert(c)

    template = QirTemplate(circuit, counting)
    built = len(calls)
    for k in range(25):
        template.bind([0.1 * k] * 8)
    assert built == 3  # at three probes: inside [0, 2π), below and above it
    assert len(calls) == built


def test_a_gate_qdk_decomposes_falls_back_to_converting_each_set_correctly():
    # U(θ, φ, λ) reaches QIR as several rotations with derived angles: no literal is θ itself.
    t = Parameter("t")
    qc = QuantumCircuit(1)
    qc.u(t, t / 2, 0.3, 0)
    qc.measure_all()
    template = QirTemplate(qc, converter(TargetProfile.Base))
    for value in (0.2, 1.3, -2.0):
        assert template.bind([value]) == fresh(qc, [value], TargetProfile.Base)
    if not template.bindable:
        assert template.conversions >= 6  # three probes, then one per bound set


def test_a_circuit_without_parameters_is_converted_once():
    qc = QuantumCircuit(2)
    qc.h(0)
    qc.cx(0, 1)
    qc.measure_all()
    template = QirTemplate(qc, converter(TargetProfile.Base))
    assert template.bind([]) == converter(TargetProfile.Base)(qc)
    template.bind([])
    assert template.conversions == 1


def test_wrong_number_of_values_is_a_one_line_error():
    template = QirTemplate(repeated_parameter(), converter(TargetProfile.Base))
    with pytest.raises(ValueError, match="has 1 parameters, got 2 values"):
        template.bind([0.1, 0.2])


def test_cache_reuses_a_template_until_the_circuit_changes():
    cache = TemplateCache()
    circuit = hardware_efficient_ansatz()
    convert = converter(TargetProfile.Base)
    first = cache.get(circuit, "base", convert)
    assert cache.get(circuit, "base", convert) is first
    circuit.rz(Parameter("extra"), 0)  # changed in place: converted again
    assert cache.get(circuit, "base", convert) is not first


@pytest.mark.parametrize("value", [0.0, 1.0, math.pi, -math.pi, 7.5, -0.3, 1e-7, 2 * math.pi])
def test_literals_match_what_qdk_writes_for_one_gate(value):
    qc = QuantumCircuit(1)
    qc.rz(value, 0)
    qc.measure_all()
    qir = converter(TargetProfile.Base)(qc)
    assert f"rz__body(double {format_double(qdk_angle(value))}," in qir
