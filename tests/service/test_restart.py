"""SIGKILL the service mid-work and start it again: nothing lost, nothing done twice.

An emulated QPU at full time (`time_scale=1`, one job at a time, ~1 s per
100 shots) keeps one job running and the rest queued at the moment of the kill.
The Workspace made before the kill is used afterwards: a kernel keeps its
Workspace object across a service restart, so URL and key must not change.
"""

from __future__ import annotations

import os
import signal
import time

import pytest
import requests
from programs import submit_bell
from service_support import API_PARAMS

from qsession_jupyter.local.app.runtime import read_runtime, runtime_file

TARGET = "ionq.qpu.aria-1"
SHOTS = 60


def raw_job(service, job_id: str) -> dict:
    url = f"{service.endpoint.rstrip('/')}{service.workspace_path()}/jobs/{job_id}"
    headers = {"x-ms-quantum-api-key": service.api_key}
    return requests.get(url, headers=headers, params=API_PARAMS, timeout=10).json()


def wait_for_status(service, job_id: str, status: str, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while raw_job(service, job_id)["status"] != status:
        assert time.monotonic() < deadline, f"job {job_id} never reached {status}"
        time.sleep(0.02)


def kill_and_restart(make_service, service):
    service.stop(signal.SIGKILL)
    assert runtime_file(service.data_dir).exists()  # left behind, with a dead pid
    assert read_runtime(service.data_dir) is None
    restarted = make_service(service.data_dir.name, time_scale=1)
    assert restarted.pid != service.pid
    assert restarted.endpoint == service.endpoint
    assert restarted.api_key == service.api_key
    return restarted


def finished(job) -> dict:
    job.wait_until_completed(timeout_secs=60)
    return raw_job_fields(job)


def raw_job_fields(job) -> dict:
    job.refresh()
    details = job.details
    return {
        "status": details.status,
        "begin": details.begin_execution_time,
        "end": details.end_execution_time,
        "error": details.error_data,
    }


def test_sigkill_with_jobs_queued_and_running_loses_nothing(make_service):
    service = make_service("restart", time_scale=1)
    workspace = service.workspace()
    target = workspace.get_targets(TARGET)
    session = target.open_session(name="survivor")
    done = submit_bell(target, "done before the kill", shots=SHOTS)
    done_before = finished(done)
    done_results = done.get_results()
    running = submit_bell(target, "running at the kill", shots=SHOTS)
    queued = [submit_bell(target, f"queued {i}", shots=SHOTS) for i in range(2)]
    loner = submit_bell(workspace.get_targets(TARGET), "outside the session", shots=SHOTS)
    assert loner.details.session_id is None
    inputs = {job.id: job.download_attachment("inputData") for job in [running, *queued, loner]}
    wait_for_status(service, running.id, "Executing")
    assert all(raw_job(service, job.id)["status"] == "Waiting" for job in queued)

    kill_and_restart(make_service, service)

    # The same Workspace object, made before the kill, keeps working.
    assert workspace.get_session(session.id).details.name == "survivor"
    jobs = [done, running, *queued, loner]
    listed = workspace.list_jobs()
    assert sorted(job.id for job in listed) == sorted(job.id for job in jobs)
    for job_id, data in inputs.items():
        assert workspace.get_job(job_id).download_attachment("inputData") == data

    assert raw_job_fields(done) == done_before
    assert done.get_results() == done_results

    outcomes = {job.id: finished(job) for job in [running, *queued, loner]}
    for job in [*queued, loner]:
        assert outcomes[job.id]["status"] == "Succeeded", outcomes[job.id]
        assert len(job.get_results_shots()) == SHOTS
    rerun = outcomes[running.id]
    if rerun["status"] == "Failed":
        assert "restart" in rerun["error"].message.lower()
    else:
        assert rerun["status"] == "Succeeded"
        assert len(running.get_results_shots()) == SHOTS

    # Nothing completes a second time later on.
    time.sleep(1.5)
    for job in jobs:
        assert raw_job_fields(job) == (done_before if job is done else outcomes[job.id])
    assert len(workspace.list_jobs()) == len(jobs)

    session.close()
    assert session.details.status == ("Succeeded" if rerun["status"] == "Succeeded" else "Failed")
    assert [job.id for job in workspace.list_session_jobs(session.id)] == [
        job.id for job in reversed([done, running, *queued])
    ]


def test_a_job_interrupted_twice_fails_with_a_clear_error(make_service):
    service = make_service("restart-twice", time_scale=1)
    workspace = service.workspace()
    target = workspace.get_targets(TARGET)
    unlucky = submit_bell(target, "unlucky", shots=SHOTS)
    after = submit_bell(target, "after", shots=SHOTS)

    wait_for_status(service, unlucky.id, "Executing")
    service = kill_and_restart(make_service, service)
    wait_for_status(service, unlucky.id, "Executing")
    kill_and_restart(make_service, service)

    outcome = finished(unlucky)
    assert outcome["status"] == "Failed"
    assert outcome["error"].code == "ServiceRestarted"
    assert "stopped twice" in outcome["error"].message
    assert finished(after)["status"] == "Succeeded"


def test_temporary_files_of_a_killed_blob_write_are_removed_at_start(make_service):
    """A SIGKILL mid-write leaves `.name.<hex>` behind; the next start deletes it.

    A temporary file younger than a minute may belong to a write still in
    flight, so it stays; real blobs are never touched.
    """
    service = make_service("leftovers")
    job = submit_bell(service.workspace().get_targets("ionq.simulator"), "kept", shots=10)
    job.wait_until_completed(timeout_secs=60)
    container = service.data_dir / "blobs" / job.details.container_uri.split("?")[0].rsplit("/")[-1]
    blobs_before = sorted(path.name for path in container.iterdir())
    abandoned = container / f".inputData.{'a' * 32}"
    in_flight = container / f".outputData.{'b' * 32}"
    for path in (abandoned, in_flight):
        path.write_bytes(b"half a blob")
    an_hour_ago = time.time() - 3600
    os.utime(abandoned, (an_hour_ago, an_hour_ago))

    service.stop(signal.SIGKILL)
    restarted = make_service(service.data_dir.name)

    assert not abandoned.exists()
    assert in_flight.exists()
    assert sorted(path.name for path in container.iterdir()) == sorted(
        [*blobs_before, in_flight.name]
    )
    assert restarted.workspace().get_job(job.id).get_results_histogram()


def _slow_quil(qubits: int = 20, layers: int = 30) -> str:
    """A Quil program whose simulation keeps a worker busy for seconds."""
    lines = [f"DECLARE ro BIT[{qubits}]"]
    for layer in range(layers):
        lines += [f"RX({0.1 * (layer + 1)}) {q}" for q in range(qubits)]
        lines += [f"CNOT {q} {q + 1}" for q in range(qubits - 1)]
    lines += [f"MEASURE {q} ro[{q}]" for q in range(qubits)]
    return "\n".join(lines)


@pytest.mark.parametrize("busy", ["device time", "simulation"])
def test_a_stop_while_a_job_runs_leaves_it_to_run_again_not_failed(make_service, busy):
    """`qsession-local stop` (SIGTERM) mid-job: the job runs again at the next start,
    as after a SIGKILL, instead of failing with 'service stopping' or dying with a
    traceback against the closed database. The job is either in an emulated
    QPU's modeled device time or in a worker's simulation at the stop."""
    service = make_service(f"stopped-mid-{busy.replace(' ', '-')}", time_scale=1)
    workspace = service.workspace()
    if busy == "device time":
        job = submit_bell(workspace.get_targets(TARGET), "running at the stop", shots=SHOTS)
    else:
        job = workspace.get_targets("rigetti.sim.qvm").submit(
            _slow_quil(), name="running at the stop", shots=10
        )
    wait_for_status(service, job.id, "Executing")
    time.sleep(0.2)

    service.stop(signal.SIGTERM)
    time.sleep(0.5)  # anything a job thread would still print comes now
    log = (service.data_dir / "service.log").read_text()
    assert "local workspace service stopped" in log
    assert "Traceback" not in log, log[-2000:]

    make_service(service.data_dir.name, time_scale=1)
    outcome = finished(job)
    assert outcome["status"] == "Succeeded", outcome
    assert job.get_results()
