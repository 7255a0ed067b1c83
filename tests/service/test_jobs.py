"""Jobs through the SDK: submit, poll, results in every shape, cancel, update, delete."""

from __future__ import annotations

import time

import pytest
from azure.core.exceptions import ResourceNotFoundError
from programs import submit_bell


def test_small_job_is_seen_finished_at_first_poll(workspace):
    target = workspace.get_targets("ionq.simulator")
    job = submit_bell(target, "quick")
    started = time.perf_counter()
    job.wait_until_completed(timeout_secs=30)
    waited = time.perf_counter() - started
    assert job.details.status == "Succeeded"
    # The SDK sleeps 0.2 s before its second poll; finishing at the first poll avoids it.
    assert waited < 0.2, f"the SDK needed a second poll ({waited:.3f} s)"


def test_results_histogram_and_shots(workspace):
    target = workspace.get_targets("rigetti.sim.qvm")
    job = submit_bell(target, "shapes", shots=200)
    job.wait_until_completed(timeout_secs=30)
    results = job.get_results()
    assert set(results) <= {"[0, 0]", "[1, 1]"}
    assert abs(sum(results.values()) - 1.0) < 1e-9
    histogram = job.get_results_histogram()
    assert sum(entry["count"] for entry in histogram.values()) == 200
    shots = job.get_results_shots()
    assert len(shots) == 200 and all(shot in ([0, 0], [1, 1]) for shot in shots)
    assert job.details.output_data_format == "microsoft.quantum-results.v2"
    assert job.details.begin_execution_time <= job.details.end_execution_time


def test_qiskit_qir_backend_runs_a_circuit(workspace):
    from azure.quantum.qiskit import AzureQuantumProvider
    from qiskit import QuantumCircuit

    circuit = QuantumCircuit(3, 3, name="GHZ")
    circuit.h(0)
    circuit.cx(0, 1)
    circuit.cx(1, 2)
    circuit.measure([0, 1, 2], [0, 1, 2])
    backend = AzureQuantumProvider(workspace=workspace).get_backend("ionq.simulator")
    job = backend.run(circuit, shots=100)
    counts = job.result().get_counts()
    assert set(counts) <= {"000", "111"}
    assert sum(counts.values()) == 100
    assert job._azure_job.details.name == "GHZ"


def test_get_job_and_list_jobs_with_filters(workspace):
    target = workspace.get_targets("ionq.simulator")
    job = submit_bell(target, "filterable-alpha")
    job.wait_until_completed(timeout_secs=30)
    fetched = workspace.get_job(job.id)
    assert fetched.details.name == "filterable-alpha"
    by_name = workspace.list_jobs(name_match="filterable-al")
    assert [j.id for j in by_name] == [job.id]
    by_everything = workspace.list_jobs(
        name_match="filterable",
        provider=["ionq"],
        target=["ionq.simulator"],
        status=["Succeeded"],
        created_after=job.details.creation_time,
        created_before=job.details.creation_time,
    )
    assert job.id in {j.id for j in by_everything}
    assert not workspace.list_jobs(name_match="filterable", status=["Failed"])
    assert not workspace.list_jobs(name_match="filterable", provider=["rigetti"])


def test_cancel_waiting_and_running_jobs(make_service):
    service = make_service("cancel", time_scale=1)
    workspace = service.workspace()
    target = workspace.get_targets("ionq.qpu.aria-1")  # capacity 1: the second job waits
    running = submit_bell(target, "running", shots=400)
    waiting = submit_bell(target, "waiting", shots=400)
    deadline = time.monotonic() + 20
    while running.details.status != "Executing" and time.monotonic() < deadline:
        running.refresh()
    assert waiting.details.status == "Waiting"
    cancelled = workspace.cancel_job(waiting)
    assert cancelled.details.status == "Cancelled"
    started = time.monotonic()
    workspace.cancel_job(running)
    running.wait_until_completed(timeout_secs=10)
    assert running.details.status == "Cancelled"
    assert time.monotonic() - started < 1.5
    assert running.details.cancellation_time is not None


def test_update_and_delete_job(workspace):
    target = workspace.get_targets("ionq.simulator")
    job = submit_bell(target, "to delete")
    job.wait_until_completed(timeout_secs=30)
    workspace.delete_job(job)
    with pytest.raises(ResourceNotFoundError):
        workspace.get_job(job.id)


def test_quotas(workspace):
    quotas = workspace.get_quotas()
    assert quotas and {"dimension", "scope", "utilization", "limit"} <= set(quotas[0])
