"""The estimate before submission equals the `costEstimate` the service writes after the run.

Every input format our targets take, on a QPU of each provider, goes through
the SDK path users take for it (plain `Target.submit`, the Qiskit provider's
backend, the Cirq service) into the local service; the finished job's
`costEstimate` must equal `estimate_cost(...)` for the same program and shots.
"""

from __future__ import annotations

import pytest
from cost_programs import (
    IONQ_JSON,
    QASM,
    QUIL,
    cirq_circuit,
    compiled_qir,
    qiskit_circuit,
    qsharp_callables,
)

from qsession_jupyter import estimate_cost
from qsession_jupyter.providers.catalog import TARGETS

QPUS = ["ionq.qpu.aria-1", "quantinuum.qpu.h2-1", "rigetti.qpu.ankaa-3"]
PROFILES = {"ionq": "Base", "quantinuum": "Adaptive_RI", "rigetti": "Base"}
NATIVE = {"ionq": IONQ_JSON, "quantinuum": QASM, "rigetti": QUIL}


def written(job, timeout: float = 60) -> dict:
    """The finished job's `costEstimate`, as the service wrote it."""
    job.wait_until_completed(timeout_secs=timeout)
    assert job.details.status == "Succeeded", job.details.error_data
    cost = job.details.cost_estimate
    return {
        "currencyCode": cost["currencyCode"],
        "events": [dict(event) for event in cost["events"] or []],
        "estimatedTotal": cost["estimatedTotal"],
    }


def provider_of(target: str) -> str:
    return target.split(".")[0]


@pytest.mark.parametrize("target_id", sorted(TARGETS))
@pytest.mark.parametrize("shots", [None, 37])
def test_native_formats_on_every_target(workspace, target_id, shots):
    target = workspace.get_targets(target_id)
    program = NATIVE[provider_of(target_id)]
    estimate = estimate_cost(target, program, shots=shots)
    assert (estimate.total > 0) == (not TARGETS[target_id].free)
    assert estimate.as_contract() == written(target.submit(program, shots=shots))


@pytest.mark.parametrize("target_id", QPUS)
def test_qsharp_callable_and_with_args(workspace, target_id):
    target = workspace.get_targets(target_id)
    callables = qsharp_callables()
    for program in (callables["Ghz"], callables["Rotated"].with_args(0.25, 3)):
        estimate = estimate_cost(target, program, shots=25)
        assert estimate.as_contract() == written(target.submit(program, shots=25))


def test_more_layers_cost_more_where_gates_are_billed():
    """`with_args` values reach the count: three layers bill more gates than one
    (Rigetti bills time per shot, not gates)."""
    rotated = qsharp_callables()["Rotated"]
    for target_id in ("ionq.qpu.aria-1", "quantinuum.qpu.h2-1"):
        one = estimate_cost(target_id, rotated.with_args(0.25, 1), shots=500)
        three = estimate_cost(target_id, rotated.with_args(0.25, 3), shots=500)
        assert three.total > one.total, target_id


@pytest.mark.parametrize("target_id", QPUS)
def test_qir_from_qsharp_compile(workspace, target_id):
    target = workspace.get_targets(target_id)
    program = compiled_qir(PROFILES[provider_of(target_id)])
    estimate = estimate_cost(target, program, shots=40)
    assert estimate.as_contract() == written(target.submit(program, shots=40))


@pytest.mark.parametrize("target_id", QPUS)
@pytest.mark.parametrize("shots", [None, 50])
def test_qiskit_circuit_through_the_providers_backend(workspace, target_id, shots):
    from azure.quantum.qiskit import AzureQuantumProvider

    backend = AzureQuantumProvider(workspace=workspace).get_backend(target_id)
    circuit = qiskit_circuit()
    estimate = estimate_cost(backend, circuit, shots=shots)
    job = backend.run(circuit, shots=shots)
    assert estimate.as_contract() == written(workspace.get_job(job.id()))
    # The SDK Target (or its id) names the same target: the same estimate.
    assert estimate_cost(workspace.get_targets(target_id), circuit, shots=shots) == estimate
    assert estimate.shots == (shots or 500)


def test_a_backends_own_shot_option_is_what_it_sends(workspace):
    from azure.quantum.qiskit import AzureQuantumProvider

    backend = AzureQuantumProvider(workspace=workspace).get_backend("ionq.qpu.aria-1")
    backend.set_options(shots=70)
    estimate = estimate_cost(backend, qiskit_circuit())
    assert estimate.shots == 70
    assert estimate.as_contract() == written(workspace.get_job(backend.run(qiskit_circuit()).id()))


@pytest.mark.parametrize("target_id", QPUS)
@pytest.mark.parametrize("repetitions", [None, 60])
def test_cirq_circuit_through_the_cirq_service(workspace, target_id, repetitions):
    from azure.quantum.cirq import AzureQuantumService

    service = AzureQuantumService(workspace=workspace)
    circuit = cirq_circuit()
    estimate = estimate_cost(target_id, circuit, shots=repetitions)
    cirq_target = service.get_target(target_id)
    options = {} if repetitions is None else {"repetitions": repetitions}
    job = cirq_target.submit(circuit, name="cirq-cost", **options)
    assert estimate.as_contract() == written(workspace.get_job(job.job_id()))


def test_ionq_with_error_mitigation_off_costs_the_lower_minimum(workspace):
    target = workspace.get_targets("ionq.qpu.aria-1")
    params = {"error-mitigation": {"debias": False}}
    estimate = estimate_cost(target, IONQ_JSON, shots=10, **params)
    mitigated = estimate_cost(target, IONQ_JSON, shots=10)
    assert estimate.total < mitigated.total
    job = target.submit(IONQ_JSON, shots=10, input_params=params)
    assert estimate.as_contract() == written(job)
