"""A full disk: clear 507 answers, no temporary files left, and no job stuck Executing.

The service runs as a real process whose writers fail on demand
(`full_disk_service.py`): mounting a small tmpfs needs privileges CI lacks.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import uuid
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest
import requests
from azure.core.exceptions import HttpResponseError
from azure.quantum.job.session import Session
from programs import BELL_IONQ
from service_support import API_PARAMS, FAST_OPTIONS, ServiceHandle, wait_for

from qsession_jupyter.local.app.runtime import read_runtime

LAUNCHER = Path(__file__).with_name("full_disk_service.py")
FINAL = ("Succeeded", "Failed", "Cancelled")


@pytest.fixture(scope="module")
def disk(tmp_path_factory, qsession_env):
    """(service, flag file): write "blobs" or "all" to the flag to fill the disk."""
    root = tmp_path_factory.mktemp("full-disk")
    data_dir, flag = (root / "data").resolve(), root / "disk-full"
    options = {**FAST_OPTIONS, "--time-scale": "1"}
    process = subprocess.Popen(
        [sys.executable, str(LAUNCHER), "serve", "--data-dir", str(data_dir)]
        + [part for pair in options.items() for part in pair],
        env={**os.environ, "QSESSION_TEST_DISK_FULL": str(flag)},
        stdout=subprocess.DEVNULL,
        stderr=open(root / "service.log", "wb"),  # noqa: SIM115 - the child owns it
    )
    info = wait_for(
        lambda: (i := read_runtime(data_dir)) is not None and i.pid == process.pid and i,
        timeout=60,
        what="the full-disk service to start",
    )
    yield ServiceHandle(info, data_dir), flag
    flag.unlink(missing_ok=True)
    process.send_signal(signal.SIGINT)
    process.wait(timeout=20)


@pytest.fixture
def full(disk):
    """Fill the disk for one test; space returns afterwards whatever happened."""
    _service, flag = disk

    def fill(what: str = "all") -> None:
        flag.write_text(what)

    yield fill
    flag.unlink(missing_ok=True)


def data_plane(service, method: str, route: str, body=None) -> requests.Response:
    url = service.endpoint.rstrip("/") + service.workspace_path() + route
    headers = {"x-ms-quantum-api-key": service.api_key}
    return requests.request(method, url, headers=headers, json=body, params=API_PARAMS, timeout=30)


def assert_insufficient_storage(response: requests.Response) -> str:
    assert response.status_code == 507, response.text[:300]
    error = response.json()["error"]
    assert error["code"] == "InsufficientStorage"
    assert response.headers["x-ms-error-code"] == "InsufficientStorage"
    assert "disk is full" in error["message"]
    return error["message"]


def test_session_put_and_sas_uri_on_a_full_disk_are_507(disk, full):
    service, _flag = disk
    full("all")
    message = assert_insufficient_storage(
        data_plane(service, "PUT", f"/sessions/{uuid.uuid4()}", {"target": "ionq.simulator"})
    )
    assert "Free space" in message
    assert_insufficient_storage(
        data_plane(service, "POST", "/storage/sasUri", {"containerName": f"c-{uuid.uuid4()}"})
    )
    # Through the SDK the user reads the same reason.
    workspace = service.workspace()
    with pytest.raises(HttpResponseError, match="disk is full"):
        workspace.open_session(Session(workspace=workspace, target="ionq.simulator"))


def test_blob_put_on_a_full_disk_is_507_and_leaves_no_temporary_file(disk, full):
    service, _flag = disk
    workspace = service.workspace()
    container_sas = workspace.get_container_uri(job_id=str(uuid.uuid4()))
    base, query = container_sas.split("?", 1)
    container_dir = service.data_dir / "blobs" / base.rsplit("/", 1)[1]
    full("blobs")
    response = requests.put(
        f"{base}/inputData?{query}",
        data=b"x" * 4096,
        headers={"x-ms-blob-type": "BlockBlob", "x-ms-version": "2026-10-06"},
        timeout=10,
    )
    assert response.status_code == 507, response.text
    assert ElementTree.fromstring(response.content).findtext("Code") == "InsufficientStorage"
    assert response.headers["x-ms-error-code"] == "InsufficientStorage"
    assert list(container_dir.iterdir()) == []
    head = requests.head(f"{base}/inputData?{query}", timeout=10)
    assert head.status_code == 404


@pytest.mark.parametrize("what", ["blobs", "all"])
def test_a_job_whose_result_cannot_be_saved_ends_failed_not_executing(disk, full, what):
    """The emulated QPU holds the job ~1 s, so the disk is full when its result is saved.

    With only blobs failing, the job fails at once with the reason; when the
    database is full too, nothing can be recorded until space returns, and then
    the job ends (before: Executing forever, until a restart).
    """
    service, flag = disk
    target = service.workspace().get_targets("ionq.qpu.aria-1")
    job = target.submit(BELL_IONQ, name=f"full-{what}", shots=100)
    full(what)
    if what == "all":
        time.sleep(2.0)  # past the modelled time: the job's end is now held back
        job.refresh()
        assert job.details.status in ("Waiting", "Executing")
        flag.unlink()
    wait_for(
        lambda: job.refresh() or job.details.status in FINAL, timeout=30, what="the job to end"
    )
    assert job.details.status == "Failed"
    assert "disk is full" in job.details.error_data.message
    if what == "blobs":  # with the database full too, its start may be what fails first
        assert "result could not be saved" in job.details.error_data.message


def test_a_job_put_on_a_full_disk_is_507_and_leaves_no_job(disk, full):
    service, flag = disk
    workspace = service.workspace()
    container = workspace.get_container_uri(job_id=str(uuid.uuid4()))
    job_id = str(uuid.uuid4())
    body = {
        "target": "ionq.simulator",
        "inputDataFormat": "ionq.circuit.v1",
        "containerUri": container,
    }
    full("all")
    assert_insufficient_storage(data_plane(service, "PUT", f"/jobs/{job_id}", body))
    flag.unlink()
    assert data_plane(service, "GET", f"/jobs/{job_id}").status_code == 404


def test_a_cancel_refused_by_a_full_disk_leaves_the_job_queued(disk, full):
    """The emulated QPU runs one job at a time, so the second waits in its queue."""
    service, flag = disk
    target = service.workspace().get_targets("ionq.qpu.aria-1")
    first = target.submit(BELL_IONQ, name="first", shots=100)
    second = target.submit(BELL_IONQ, name="second", shots=100)
    full("all")
    assert_insufficient_storage(data_plane(service, "POST", f"/jobs/{second.id}:cancel"))
    flag.unlink()
    for job in (first, second):
        wait_for(lambda job=job: job.refresh() or job.details.status in FINAL, timeout=30)
        assert job.details.status == "Succeeded", job.details.error_data
