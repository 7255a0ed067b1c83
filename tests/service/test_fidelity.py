"""Where the local workspace must behave as Azure did in the recordings (issue 12).

Each test goes through the unmodified azure-quantum SDK (and its Qiskit or Cirq
layer where the path differs); `docs/contract-notes.md` lists what the real
service does and where that is recorded.
"""

from __future__ import annotations

import math

import pytest
from azure.core.exceptions import HttpResponseError
from programs import BELL_IONQ, BELL_QASM, BELL_QUIL, QirText, bell_qir

BELL_500 = 500
#: p(1) = sin^2(theta / 2) = 0.3: exact counts are 350/150 of 500, never sampled.
THETA_30 = 2 * math.asin(math.sqrt(0.3))


def finished(job, timeout: float = 60):
    job.wait_until_completed(timeout_secs=timeout)
    assert job.details.status == "Succeeded", job.details.error_data
    return job


def failed(job, timeout: float = 60):
    job.wait_until_completed(timeout_secs=timeout)
    assert job.details.status == "Failed", job.details.status
    return job.details.error_data


def rigetti(workspace, name: str = "rigetti.sim.qvm"):
    from azure.quantum.target.rigetti import Rigetti

    return Rigetti(workspace=workspace, name=name)


# 2. Default shots ---------------------------------------------------------------------


def test_quantinuum_openqasm_without_shots_runs_one_shot(workspace):
    job = finished(workspace.get_targets("quantinuum.sim.h2-1e").submit(BELL_QASM, name="no shots"))
    assert job.details.input_params == {}
    assert len(job.get_results()["c"]) == 1


@pytest.mark.parametrize("target", ["quantinuum.sim.h2-1e", "rigetti.sim.qvm"])
def test_qir_without_shots_runs_one_shot_on_quantinuum_and_rigetti(workspace, target):
    job = finished(workspace.get_targets(target).submit(QirText(bell_qir()), name="no shots"))
    assert "shots" not in job.details.input_params
    assert len(job.get_results_shots()) == 1


def test_quil_without_shots_runs_one_shot(workspace):
    from azure.quantum.target.rigetti import Result

    job = finished(rigetti(workspace).submit(BELL_QUIL, name="no shots"))
    assert len(Result(job)["ro"]) == 1


def test_ionq_without_shots_runs_ionqs_default_of_100(workspace):
    qpu = finished(workspace.get_targets("ionq.qpu.aria-1").submit(BELL_IONQ, name="no shots"))
    billed = {e.dimension_id: e.amount_billed for e in qpu.details.cost_estimate.events}
    assert billed["gs1q"] == 100  # one 1q gate x 100 shots
    qir = finished(workspace.get_targets("ionq.simulator").submit(QirText(bell_qir())))
    assert len(qir.get_results_shots()) == 100


# 3. Exact distributions on ionq.simulator for QIR --------------------------------------


def histogram_counts(job) -> dict[str, int]:
    return {display: entry["count"] for display, entry in job.get_results_histogram().items()}


def test_qsharp_qir_on_ionq_simulator_gives_exact_counts_every_time(workspace):
    target = workspace.get_targets("ionq.simulator")
    for attempt in range(2):
        job = finished(target.submit(QirText(bell_qir()), name=f"bell {attempt}", shots=BELL_500))
        assert histogram_counts(job) == {"[0, 0]": 250, "[1, 1]": 250}
        assert len(job.get_results_shots()) == BELL_500


def qiskit_circuit(theta: float | None = None):
    from qiskit import QuantumCircuit

    circuit = QuantumCircuit(2, 2, name="exact")
    if theta is None:
        circuit.h(0)
        circuit.cx(0, 1)
    else:
        circuit.ry(theta, 0)
    circuit.measure([0, 1], [0, 1])
    return circuit


def test_qiskit_qir_on_ionq_simulator_gives_exact_counts(workspace):
    from azure.quantum.qiskit import AzureQuantumProvider

    backend = AzureQuantumProvider(workspace=workspace).get_backend("ionq.simulator")
    bell = backend.run(qiskit_circuit(), shots=BELL_500)
    assert bell._azure_job.details.input_data_format == "qir.v1"
    assert bell.result().get_counts() == {"00": 250, "11": 250}
    uneven = backend.run(qiskit_circuit(THETA_30), shots=BELL_500)
    assert uneven.result().get_counts() == {"00": 350, "01": 150}


def test_cirq_qir_on_ionq_simulator_gives_exact_counts(workspace):
    import cirq
    from azure.quantum.cirq.targets.generic import AzureGenericQirCirqTarget

    q0, q1 = cirq.LineQubit.range(2)
    bell = cirq.Circuit(cirq.H(q0), cirq.CNOT(q0, q1), cirq.measure(q0, q1, key="m"))
    target = AzureGenericQirCirqTarget(workspace, "ionq.simulator", provider_id="ionq")
    job = target.submit(bell, repetitions=BELL_500, name="cirq exact")
    assert job.azure_job.details.input_data_format == "qir.v1"
    assert dict(job.results().histogram(key="m")) == {0: 250, 3: 250}


# 4. An output format the target cannot produce ------------------------------------------


def test_unknown_output_format_fails_the_job_and_an_abort_session(workspace):
    target = workspace.get_targets("quantinuum.sim.h2-1e")
    session = target.open_session(name="bad output", job_failure_policy="Abort")
    job = target.submit(QirText(bell_qir()), name="Bad Job 1", shots=10,
                        output_data_format="invalid_output_format")  # fmt: skip
    error = failed(job)
    assert error.code == "CannotTranslateOutputData"
    assert "cannot be translated as specified by 'outputDataFormat'" in error.message
    assert job.details.output_data_format == "invalid_output_format"
    session.refresh()
    assert session.details.status == "Failed"
    with pytest.raises(HttpResponseError, match="Session is already in a terminal state."):
        target.submit(QirText(bell_qir()), name="Good Job 2", shots=10)


def test_unknown_output_format_under_continue_keeps_the_session_open(workspace):
    target = workspace.get_targets("quantinuum.sim.h2-1e")
    session = target.open_session(name="bad output, continue", job_failure_policy="Continue")
    bad = target.submit(QirText(bell_qir()), shots=10, output_data_format="invalid_output_format")
    assert failed(bad).code == "CannotTranslateOutputData"
    finished(target.submit(QirText(bell_qir()), name="Good Job", shots=10))
    session.refresh()
    assert session.details.status == "Failure(s)"
    session.close()


# 5. Quil errors in the real QVM's words ---------------------------------------------------


def test_unknown_quil_operator_fails_with_the_qvm_wording(workspace):
    program = "a\n\nDECLARE ro BIT[2]\n\nH 0\nCNOT 0 1\n\nMEASURE 0 ro[0]\nMEASURE 1 ro[1]\n"
    error = failed(rigetti(workspace).submit(program, name="qdk-python-test"))
    assert error.code == "InvalidInputData"
    # Word for word the recorded job's error (recording test_quil_syntax_error).
    assert error.message == (
        "QVM reported a problem running your program: error when calling QVM: failed to "
        "perform multishot: Encountered the invalid instruction\n\n    a\n\nwhich could not "
        "be executed because the operator a is not known"
    )


# Issue 13 item 7: one shot parser for the simulators and the time model -------------------


def test_emulated_device_time_follows_the_shots_that_ran(workspace):
    # `shots` wins over `count`: the job runs 5 shots and the device is busy for 5 shots
    # (not 10**8: about a week on the time model).
    target = workspace.get_targets("ionq.qpu.aria-1")
    job = target.submit(BELL_IONQ, name="five", input_params={"shots": "5", "count": 10**8})
    finished(job, timeout=30)
    billed = {e.dimension_id: e.amount_billed for e in job.details.cost_estimate.events}
    assert billed["gs1q"] == 5


def test_an_absurd_count_fails_the_job_with_the_shot_limit(workspace):
    target = workspace.get_targets("ionq.qpu.aria-1")
    error = failed(target.submit(BELL_IONQ, name="huge", input_params={"count": 10**13}))
    assert error.code == "InvalidInputData"
    assert "at most 1000000 shots" in error.message


def test_job_timeout_bounds_the_modeled_device_time(make_service):
    service = make_service("timeout", time_scale=1, job_timeout=1)
    target = service.workspace().get_targets("ionq.qpu.aria-1")
    error = failed(target.submit(BELL_IONQ, name="long", shots=2000), timeout=30)
    assert error.code == "ExecutionTimeout"
    assert "time limit of 1 s" in error.message


def test_exact_counts_round_by_largest_remainder_and_always_sum_to_the_shots():
    import numpy as np

    from qsession_jupyter.local.execution.qir.statevector import exact_counts

    assert exact_counts(np.array([1 / 3] * 3), 100).tolist() == [34, 33, 33]
    assert exact_counts(np.array([0.5, 0.5]), 7).tolist() == [4, 3]  # ties: lower outcome
    assert exact_counts(np.array([0.7, 0.2, 0.1]), 1).tolist() == [1, 0, 0]
    assert exact_counts(np.array([0.3, 0.7]), 500).tolist() == [150, 350]
