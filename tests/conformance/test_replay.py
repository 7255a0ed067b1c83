"""Every operation's example from the published spec, replayed in a working order against a
real local service, each answer checked against the spec's response schema.

Requests are the examples' own: their api-versions, subscription, resource group and
workspace names (the service answers any of them with the local workspace, a deliberate
difference), ids, names, tags and bodies. What must change for a request to work here is
changed in `REPLACEMENTS` below and nowhere else; what the service answers differently is in
spec_support's allow-list. Both are explained in docs/contract-notes.md ("The published spec").
"""

from __future__ import annotations

import time
import uuid
from urllib.parse import quote

import pytest
import requests
from service.programs import bell_qir
from service_support import start_service
from spec_support import (
    STATUS_DIFFERENCES,
    declared_statuses,
    load_example,
    missing_fields,
    operation,
    published_spec,
    schema_errors,
    served_spec,
)

#: Example values this workspace cannot take, and what the replay sends instead.
REPLACEMENTS = {
    # Targets the local workspace does not have: the nearest ones it does.
    "microsoft.estimator": "ionq.qpu.aria-1",  # an emulated QPU, so a job stays running
    "microsoft-qc": "ionq",
    "ionq.qpu": "ionq.simulator",  # the session's jobs finish at once
    # Azure container names allow no "_" (lower-case letters, digits, dashes); the example's
    # name is refused exactly as Azure Storage would refuse it (replayed as-is too).
    "some_container": "some-container",
}
JOB = "00000000-0000-0000-0000-000000000002"  # the examples' job
SESSION_JOB = "00000000-0000-0000-0000-000000000003"  # SessionsJobs_List's second job
SESSION = "60ba7795-6a13-4630-aec0-260b3904378c"  # the examples' session


@pytest.fixture(scope="module")
def service(qsession_env, tmp_path_factory):
    """A service of its own: the examples' fixed ids must be new to it. A slow clock keeps
    the example's lone job running until the replay cancels it."""
    handle = start_service(tmp_path_factory.mktemp("replay"), time_scale=20)
    yield handle
    handle.stop()


class Replayer:
    def __init__(self, service) -> None:
        self.service = service
        self.http = requests.Session()
        self.http.headers["x-ms-quantum-api-key"] = service.api_key
        self.answers: dict[str, object] = {}

    def send(self, operation_id: str, example: dict, replace: bool = True) -> requests.Response:
        """Send `example`'s request for `operation_id`; check the answer against the spec."""
        method, path, op = operation(operation_id)
        values = _replaced(example["parameters"]) if replace else example["parameters"]
        query, body = {}, None
        for parameter in _parameters(op):
            value = values.get(parameter["name"])
            if value is None:
                continue
            if parameter["in"] == "path":
                path = path.replace("{" + parameter["name"] + "}", quote(str(value), safe=""))
            elif parameter["in"] == "query":
                query[parameter["name"]] = value
            elif parameter["in"] == "body":
                body = value
        content_type = (op.get("consumes") or ["application/json"])[0]
        answer = self.http.request(
            method,
            self.service.endpoint.rstrip("/") + path,
            params=query,
            json=body,
            headers={"Content-Type": content_type},
            timeout=30,
        )
        self.check(operation_id, example, answer)
        return answer

    def check(self, operation_id: str, example: dict, answer: requests.Response) -> None:
        what = f"{operation_id} → {answer.status_code} {answer.text[:300]}"
        assert answer.status_code < 500, what
        body = None
        if answer.content:
            assert answer.headers["Content-Type"].startswith("application/json"), what
            body = answer.json()
        assert not schema_errors(operation_id, answer.status_code, body), (
            what,
            schema_errors(operation_id, answer.status_code, body),
        )
        if answer.status_code < 400:
            expected = {int(code) for code in example["responses"]}
            allowed = expected | STATUS_DIFFERENCES.get(operation_id, set())
            assert answer.status_code in allowed & declared_statuses(operation_id), what
            example_body = example["responses"].get(str(answer.status_code), {}).get("body")
            assert not missing_fields(example_body, body), (
                what,
                missing_fields(example_body, body),
            )
            self.answers[operation_id] = body


def _parameters(op: dict) -> list[dict]:
    resolved = []
    for parameter in op["parameters"]:
        if "$ref" in parameter:
            parameter = served_spec()["parameters"][parameter["$ref"].rsplit("/", 1)[1]]
        resolved.append(parameter)
    return resolved


def _replaced(value):
    if isinstance(value, dict):
        return {key: _replaced(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_replaced(item) for item in value]
    return REPLACEMENTS.get(value, value) if isinstance(value, str) else value


def upload(replay: Replayer, container: str, data: bytes) -> None:
    """Storage_GetSasUri for the job's input blob, then the PUT the SDK makes with it."""
    example = load_example("Storage_GetSasUri.json")
    example["parameters"]["blobDetails"] = {"containerName": container, "blobName": "inputData"}
    sas = replay.send("Storage_GetSasUri", example).json()["sasUri"]
    stored = requests.put(sas, data=data, headers={"x-ms-blob-type": "BlockBlob"}, timeout=30)
    assert stored.status_code == 201, stored.text


def job_example(job_id: str, name: str, session_id: str | None = None) -> dict:
    """Jobs_Create's example, for one of the examples' jobs."""
    example = load_example("Jobs_Create.json")
    parameters = example["parameters"]
    parameters["jobId"] = job_id
    resource = parameters["resource"]
    for key in ("containerUri", "inputDataUri"):
        resource[key] = resource[key].replace(JOB, job_id)
    resource.update(id=job_id, name=name)
    if session_id:
        resource.update(sessionId=session_id, target="ionq.qpu")
    return example


def wait_for_status(replay: Replayer, job_id: str, wanted: set[str]) -> dict:
    example = load_example("Jobs_Get.json")
    example["parameters"]["jobId"] = job_id
    deadline = time.monotonic() + 30
    while True:
        job = replay.send("Jobs_Get", example).json()
        if job["status"] in wanted or time.monotonic() > deadline:
            return job
        time.sleep(0.1)


def test_every_operation_replays_and_conforms(service):
    replay = Replayer(service)
    replay.send("Providers_List", load_example("Providers_List.json"))
    replay.send("Quotas_List", load_example("Quotas_List.json"))

    # The example as published: its container name breaks Azure's naming rule.
    refused = replay.send("Storage_GetSasUri", load_example("Storage_GetSasUri.json"), False)
    assert refused.status_code == 400
    assert replay.send("Storage_GetSasUri", load_example("Storage_GetSasUri.json")).ok

    program = bell_qir().encode()
    upload(replay, f"job-{JOB}", program)
    upload(replay, f"job-{SESSION_JOB}", program)

    opened = replay.send("Sessions_Open", load_example("Sessions_Open.json")).json()
    assert (opened["id"], opened["name"], opened["status"]) == (SESSION, "VQE Session", "Waiting")

    alone = replay.send("Jobs_Create", job_example(JOB, "my-job")).json()
    assert (alone["id"], alone["tags"], alone["priority"]) == (JOB, ["tag1", "tag_2"], "Standard")
    in_session = replay.send("Jobs_Create", job_example(SESSION_JOB, "my-job-2", SESSION)).json()
    assert in_session["sessionId"] == SESSION

    assert wait_for_status(replay, SESSION_JOB, {"Succeeded"})["status"] == "Succeeded"
    assert wait_for_status(replay, JOB, {"Executing"})["status"] == "Executing"
    assert replay.send("Jobs_Get", load_example("Jobs_Get.json")).json()["id"] == JOB

    # The lists, once with the examples' placeholder filters (refused, as they are not
    # filters) and once with the filters the SDK writes.
    for operation_id, name in [
        ("Jobs_List", "Jobs_List.json"),
        ("SessionsJobs_List", "SessionsJobs_List.json"),
        ("Sessions_Listv2", "Sessions_List.json"),
        ("TopLevelItems_Listv2", "TopLevelItems_List.json"),
    ]:
        example = load_example(name)
        assert replay.send(operation_id, example).status_code == 400
        example["parameters"].update(
            filter="ProviderId eq 'ionq'", orderby="CreationTime desc", skip=0
        )
        listed = replay.send(operation_id, example).json()["value"]
        assert listed, operation_id
    listed_jobs = replay.answers["SessionsJobs_List"]["value"]
    assert [job["id"] for job in listed_jobs] == [SESSION_JOB]
    top = {item["id"]: item["itemType"] for item in replay.answers["TopLevelItems_Listv2"]["value"]}
    assert top == {SESSION: "Session", JOB: "Job"}
    for item in replay.answers["TopLevelItems_Listv2"]["value"]:
        kind = "Jobs_Get" if item["itemType"] == "Job" else "Sessions_Get"
        assert not schema_errors(kind, 200, item), (item, schema_errors(kind, 200, item))

    assert replay.send("Sessions_Get", load_example("Sessions_Get.json")).json()["id"] == SESSION

    updated = replay.send("Jobs_Update", load_example("Jobs_Update.json")).json()
    assert updated == {
        "id": JOB,
        "name": "my-job-new-name",
        "priority": "High",
        "tags": ["tag1", "new_tag"],
    }

    cancelled = replay.send("Jobs_Cancel", load_example("Jobs_Cancel.json")).json()
    assert cancelled["id"] == JOB
    assert wait_for_status(replay, JOB, {"Cancelled"})["status"] == "Cancelled"

    closed = replay.send("Sessions_Close", load_example("Sessions_Close.json")).json()
    assert closed["id"] == SESSION and closed["status"] == "Succeeded"

    assert replay.send("Jobs_Delete", load_example("Jobs_Delete.json")).status_code == 204
    gone = replay.send("Jobs_Get", load_example("Jobs_Get.json"))
    assert gone.status_code == 404

    replayed = set(replay.answers) | {"Jobs_Delete"}
    every = {op["operationId"] for item in served_spec()["paths"].values() for op in item.values()}
    assert replayed == every, every - replayed


def test_the_spec_path_for_updates_is_not_served(service):
    """PATCH /jobUpdateOptions/{id} is the spec's, PATCH /jobs/{id} the SDK's: only the
    latter is served, and the former is answered with a well-formed 404."""
    path = next(p for p in published_spec()["paths"] if "/jobUpdateOptions/" in p)
    path = path.replace("{subscriptionId}", "00000000-0000-0000-0000-000000000001")
    path = path.replace("{resourceGroupName}", "rg").replace("{workspaceName}", "ws")
    answer = requests.patch(
        service.endpoint.rstrip("/") + path.replace("{jobId}", JOB),
        params={"api-version": "2026-01-15-preview"},
        json={"name": "x"},
        headers={"x-ms-quantum-api-key": service.api_key},
        timeout=10,
    )
    assert answer.status_code == 404
    assert answer.json()["error"]["code"] == "NotFound"


def test_any_workspace_in_the_path_answers_with_the_local_one(service):
    """The allow-list's deliberate difference, shown: two workspaces' paths, one workspace."""
    service.workspace().get_targets("ionq.simulator").open_session(name="any workspace")
    replay = Replayer(service)
    example = load_example("Sessions_List.json")
    example["parameters"].update(filter=None, orderby=None, skip=0)
    first = replay.send("Sessions_Listv2", example).json()["value"]
    assert "any workspace" in [session["name"] for session in first]
    example["parameters"].update(
        subscriptionId=str(uuid.uuid4()), resourceGroupName="another-group", workspaceName="another"
    )
    assert replay.send("Sessions_Listv2", example).json()["value"] == first
