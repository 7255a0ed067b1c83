"""Reliability of what the service stores: no poisoned lists, no phantom blobs, private files."""

from __future__ import annotations

import json
import os
import sqlite3
import stat
import uuid

import pytest
import requests
from azure.core.exceptions import HttpResponseError
from programs import BELL_IONQ, submit_bell
from service_support import API_PARAMS, wait_for

from qsession_jupyter.local.storage.json_depth import MAX_JSON_DEPTH

FINAL = ("Succeeded", "Failed", "Cancelled")


def nested(depth: int) -> str:
    """JSON text `depth` levels deep, [[[...{}...]]], written out (json.dumps would recurse)."""
    return "[" * (depth - 1) + "{}" + "]" * (depth - 1)


def job_put(service, body: dict, params_json: str) -> requests.Response:
    """PUT a job whose inputParams are `{"x": <params_json>}`."""
    text = json.dumps({**body, "inputParams": "PARAMS"}).replace(
        '"PARAMS"', '{"x": ' + params_json + "}"
    )
    url = f"{service.endpoint.rstrip('/')}{service.workspace_path()}/jobs/{uuid.uuid4()}"
    headers = {"x-ms-quantum-api-key": service.api_key, "Content-Type": "application/json"}
    return requests.put(url, data=text.encode(), headers=headers, params=API_PARAMS, timeout=30)


def valid_job_body(workspace) -> dict:
    container = workspace.get_container_uri(job_id=str(uuid.uuid4()))
    return {
        "target": "ionq.simulator",
        "inputDataFormat": "ionq.circuit.v1",
        "containerUri": container,
    }


@pytest.mark.parametrize("depth", [MAX_JSON_DEPTH + 1, 978])
def test_job_put_nested_beyond_the_limit_is_400(local_service, workspace, depth):
    # The body object is one level, inputParams another: its content fills the rest.
    response = job_put(local_service, valid_job_body(workspace), nested(depth - 2))
    assert response.status_code == 400, response.text[:300]
    error = response.json()["error"]
    assert error["code"] == "InvalidRequestBody"
    assert f"at most {MAX_JSON_DEPTH} levels" in error["message"]


def test_job_put_at_the_limit_is_accepted(local_service, workspace):
    response = job_put(local_service, valid_job_body(workspace), nested(MAX_JSON_DEPTH - 2))
    assert response.status_code == 200, response.text[:300]


def test_lists_survive_a_row_that_cannot_be_decoded(make_service):
    """A job stored before the depth limit existed must not break every list holding it."""
    service = make_service("poisoned")
    workspace = service.workspace()
    target = workspace.get_targets("ionq.simulator")
    job = submit_bell(target, "poisoned")
    wait_for(lambda: job.refresh() or job.details.status in FINAL, what="the job to end")
    with sqlite3.connect(service.data_dir / "workspace.sqlite3") as db:
        db.execute(
            "UPDATE items SET input_params = ? WHERE id = ?", ("[" * 5000 + "]" * 5000, job.id)
        )
    listed = [j.id for j in workspace.list_jobs()]
    assert job.id in listed
    top = [item.id for item in workspace.list_top_level_items()]
    assert job.id in top
    fetched = workspace.get_job(job.id)
    assert fetched.details.status == "Succeeded"
    assert fetched.details.input_params == {}


def test_a_blob_whose_file_is_gone_is_404_for_get_and_head(local_service, workspace):
    container_sas = workspace.get_container_uri(job_id=str(uuid.uuid4()))
    base, query = container_sas.split("?", 1)
    url = f"{base}/inputData?{query}"
    headers = {"x-ms-blob-type": "BlockBlob", "x-ms-version": "2026-10-06"}
    assert requests.put(url, data=b"payload", headers=headers, timeout=10).status_code == 201
    (local_service.data_dir / "blobs" / base.rsplit("/", 1)[1] / "inputData").unlink()
    got = requests.get(url, timeout=10)
    assert got.status_code == 404
    assert got.headers["x-ms-error-code"] == "BlobNotFound"
    head = requests.head(url, timeout=10)
    assert head.status_code == 404
    assert head.headers["x-ms-error-code"] == "BlobNotFound"
    listing = requests.get(container_sas + "&restype=container&comp=list", timeout=10)
    assert listing.status_code == 200
    assert "inputData" not in listing.text


def mode(path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_data_dir_is_private_whatever_the_umask(make_service, tmp_path):
    old = tmp_path / "old-install"
    old.mkdir(mode=0o755)
    os.chmod(old, 0o755)  # as an earlier version left it
    previous = os.umask(0o022)
    try:
        service = make_service("old-install")
    finally:
        os.umask(previous)
    workspace = service.workspace()
    job = submit_bell(workspace.get_targets("ionq.simulator"), "private")
    wait_for(lambda: job.refresh() or job.details.status in FINAL, what="the job to end")
    data_dir = service.data_dir
    assert mode(data_dir) == 0o700
    blobs = data_dir / "blobs"
    files = [p for p in data_dir.rglob("*") if p.is_file()]
    directories = [p for p in blobs.rglob("*") if p.is_dir()] + [blobs]
    names = {p.name for p in files}
    assert {"workspace.sqlite3", "api-key", "service.log"} <= names
    assert any(p.parent.parent == blobs for p in files)  # job input and output blobs
    assert {str(p): oct(mode(p)) for p in files if mode(p) != 0o600} == {}
    assert {str(p): oct(mode(p)) for p in directories if mode(p) != 0o700} == {}


HUGE = 10**9
QASM_HEADER = 'OPENQASM 2.0;\ninclude "qelib1.inc";\n'


@pytest.mark.parametrize(
    ("target", "program", "phrase"),
    [
        ("ionq.simulator", {**BELL_IONQ, "qubits": HUGE}, f"needs {HUGE} qubits"),
        (
            "ionq.qpu.aria-1",
            {"qubits": HUGE, "circuit": [{"gate": "h", "target": HUGE - 1}]},
            f"needs {HUGE} qubits",
        ),
        (
            "quantinuum.sim.h2-1e",
            QASM_HEADER + f"qreg q[{HUGE}];\ncreg c[1];\nh q[0];\nmeasure q[0] -> c[0];\n",
            f"needs {HUGE} qubits",
        ),
        (
            "quantinuum.sim.h2-1e",
            QASM_HEADER + f"qreg q[1];\ncreg c[{HUGE}];\nh q[0];\nmeasure q[0] -> c[0];\n",
            f"declares {HUGE} classical bits",
        ),
    ],
    ids=["ionq-declared", "ionq-used", "qasm-qreg", "qasm-creg"],
)
def test_absurd_sizes_fail_with_the_size_message(workspace, target, program, phrase):
    """Before: OverflowError after seconds (IonQ), gigabytes of compiling (OpenQASM)."""
    job = workspace.get_targets(target).submit(program, name="absurd-size", shots=10)
    job.wait_until_completed(timeout_secs=60)
    assert job.details.status == "Failed"
    message = job.details.error_data.message
    assert phrase in message, message
    assert "OverflowError" not in message


def _damage_database(data_dir) -> None:
    """Overwrite every page but the first, as a failing disk would, under the running service."""
    database = data_dir / "workspace.sqlite3"
    connection = sqlite3.connect(database)
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # the rows now live in the file
    connection.close()
    with open(database, "r+b") as file:
        file.seek(4096)
        file.write(os.urandom(database.stat().st_size - 4096))


def test_a_database_damaged_while_running_is_503_with_what_to_do(make_service):
    """Not a 500 with 'database disk image is malformed': a 503 that names the file and
    `qsession-local repair`, through the SDK and on the blob routes, logged in one line."""
    service = make_service("damaged-while-running")
    workspace = service.workspace()
    job = submit_bell(workspace.get_targets("ionq.simulator"), "before the damage")
    job.wait_until_completed(timeout_secs=60)
    output_url = job.details.output_data_uri

    _damage_database(service.data_dir)

    with pytest.raises(HttpResponseError) as listed:
        workspace.list_jobs()
    assert listed.value.status_code == 503
    assert "WorkspaceDatabaseDamaged" in str(listed.value)
    assert "is damaged" in str(listed.value) and "qsession-local repair" in str(listed.value)
    blob = requests.get(output_url, timeout=10)
    assert blob.status_code == 503
    assert blob.headers["x-ms-error-code"] == "WorkspaceDatabaseDamaged"
    log = (service.data_dir / "service.log").read_text()
    assert "is damaged" in log
    assert "Traceback" not in log, log[-2000:]


def test_a_clients_mistake_leaves_no_traceback_in_the_service_log(local_service, workspace):
    """service.log is where users look when the service misbehaves; a 400 is not that."""
    log_path = local_service.data_dir / "service.log"
    before = log_path.read_text()
    response = job_put(local_service, {**valid_job_body(workspace), "target": "nope"}, "{}")
    assert response.status_code == 400
    assert "Unknown target 'nope'" in response.json()["error"]["message"]

    def added() -> str | None:  # the access log writes its line just after the answer
        text = log_path.read_text()[len(before) :]
        return text if "400 PUT" in text else None

    assert "Traceback" not in wait_for(added, what="the access log's line"), added()
