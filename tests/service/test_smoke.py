"""The unmodified SDK against the local service: the path every user takes first."""

import re

import requests
from qdk import qsharp
from service_support import API_PARAMS


def bell_qir() -> str:
    qsharp.init(target_profile=qsharp.TargetProfile.Base)
    qsharp.eval(
        "operation Bell() : Result[] { use q = Qubit[2]; H(q[0]); CNOT(q[0], q[1]); MResetEachZ(q) }"
    )
    return qsharp.compile("Bell()")


def test_session_runs_three_jobs_and_lists_them(workspace):
    target = workspace.get_targets("rigetti.sim.qvm")
    program = bell_qir()
    with target.open_session(name="smoke") as session:
        jobs = [target.submit(program, name=f"job {i}", shots=50) for i in range(3)]
        for job in jobs:
            job.wait_until_completed(timeout_secs=30)
            assert job.details.status == "Succeeded"
            assert set(job.get_results()) <= {"[0, 0]", "[1, 1]"}
    session.refresh()
    assert session.details.status == "Succeeded"
    listed = workspace.list_session_jobs(session.id)
    assert [job.details.name for job in listed] == ["job 2", "job 1", "job 0"]


def test_every_answer_says_how_long_the_service_took(local_service):
    """Server-Timing separates the service's share of a request from the client's (the
    variational benchmark's per-job path reads it), on data-plane and blob routes alike."""
    base = local_service.endpoint.rstrip("/") + local_service.workspace_path()
    key = {"x-ms-quantum-api-key": local_service.api_key}
    sas = requests.post(
        f"{base}/storage/sasUri",
        json={"containerName": "timing"},
        headers=key,
        params=API_PARAMS,
        timeout=10,
    )
    refused = requests.get(f"{base}/jobs", timeout=10)
    container = requests.get(sas.json()["sasUri"] + "&restype=container&comp=list", timeout=10)
    for response in (sas, refused, container):
        assert re.fullmatch(r"app;dur=\d+\.\d{3}", response.headers["Server-Timing"])
    assert refused.status_code == 401 and container.status_code == 200
