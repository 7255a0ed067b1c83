"""Bad input gets a 4xx with an Azure-style body and a message saying what to fix; never a 500.

Through the SDK where it can send the mistake, and raw HTTP where it cannot.
"""

from __future__ import annotations

import time
import uuid

import pytest
import requests
from azure.core.exceptions import HttpResponseError, ResourceNotFoundError
from azure.quantum.job.session import Session
from azure.quantum.target import Target
from azure.storage.blob import BlobClient
from programs import QirText, bell_qir, submit_bell, submit_broken
from service_support import API_PARAMS, start_service

from qsession_jupyter.local.domain.sessions import TERMINAL_SESSION_MESSAGE

GUID = "3fa85f64-5717-4562-b3fc-2c963f66afa6"


@pytest.fixture(scope="module")
def service(qsession_env, tmp_path_factory):
    """A service of its own: these tests leave failed and closed sessions behind.

    Emulated QPUs run at full time (~1.5 s for 200 shots) so a job is surely
    still pending when its session is closed; simulators are unaffected.
    """
    handle = start_service(tmp_path_factory.mktemp("bad-input"), time_scale=1)
    yield handle
    handle.stop()


@pytest.fixture
def workspace(service):
    return service.workspace()


def call(service, method: str, route: str, body=None, **kwargs) -> requests.Response:
    """A data-plane request with the key; `body` bytes go as-is, anything else as JSON."""
    url = service.endpoint.rstrip("/") + service.workspace_path() + route
    headers = {"x-ms-quantum-api-key": service.api_key, "Content-Type": "application/json"}
    kwargs["params"] = {**API_PARAMS, **kwargs.get("params", {})}
    if isinstance(body, bytes):
        kwargs["data"] = body
    elif body is not None:
        kwargs["json"] = body
    return requests.request(method, url, headers=headers, timeout=30, **kwargs)


def assert_error(response: requests.Response, status: int, code: str, *phrases: str) -> str:
    assert response.status_code == status, response.text[:500]
    error = response.json()["error"]
    assert error["code"] == code, error
    assert response.headers["x-ms-error-code"] == code
    for phrase in phrases:
        assert phrase in error["message"], error["message"]
    return error["message"]


def job_body(**overrides) -> dict:
    body = {
        "name": "bad",
        "providerId": "ionq",
        "target": "ionq.simulator",
        "itemType": "Job",
        "containerUri": f"http://[::1]:1/job-{uuid.uuid4()}",
        "inputDataFormat": "qir.v1",
        "outputDataFormat": "microsoft.quantum-results.v2",
    }
    body.update(overrides)
    return {key: value for key, value in body.items() if value is not None}


BODY_ROUTES = [
    ("PUT", f"/sessions/{GUID}"),
    ("PUT", f"/jobs/{GUID}"),
    ("PATCH", f"/jobs/{GUID}"),
    ("POST", "/storage/sasUri"),
]


@pytest.mark.parametrize("method,route", BODY_ROUTES)
@pytest.mark.parametrize(
    "body,phrase",
    [
        (b"{", "not valid JSON"),
        (b'{"target": "ionq.simulator",}', "not valid JSON"),
        (b"\xff\xfe{}", "not valid JSON"),
        (b"[" * 100_000, "nested too deeply"),
        (b'{"name": "\\ud800", "target": "ionq.simulator"}', "not valid JSON"),
        (b"[1, 2]", "must be a JSON object"),
        (b'"text"', "must be a JSON object"),
        (b"null", "must be a JSON object"),
        (b"", "must be a JSON object"),
    ],
    ids=[
        "truncated",
        "trailing comma",
        "not utf-8",
        "deep",
        "lone surrogate",
        "list",
        "string",
        "null",
        "empty",
    ],
)
def test_malformed_bodies(service, method, route, body, phrase):
    assert_error(call(service, method, route, body), 400, "InvalidRequestBody", phrase)


@pytest.mark.parametrize(
    "method,route",
    [
        ("GET", "/nothing"),
        ("GET", f"/jobs/{GUID}/extra"),
        ("POST", f"/jobs/{GUID}:explode"),
        ("POST", f"/sessions/{GUID}:open"),
        ("GET", "/Jobs"),
    ],
)
def test_unknown_routes(service, method, route):
    assert_error(call(service, method, route), 404, "NotFound", "There is no route", route)


def test_wrong_method_on_a_known_route(service):
    assert_error(call(service, "DELETE", "/providerStatus"), 405, "MethodNotAllowed")
    assert_error(call(service, "PUT", "/jobs"), 405, "MethodNotAllowed")


def test_unknown_target_through_the_sdk(workspace):
    with pytest.raises(HttpResponseError, match="Unknown target 'ionq.qpu.imaginary'") as error:
        Session(workspace=workspace, target="ionq.qpu.imaginary").open()
    assert error.value.status_code == 400
    assert "ionq.simulator" in str(error.value)  # the message lists what exists

    target = Target(workspace, "ionq.qpu.imaginary", provider_id="ionq")
    with pytest.raises(HttpResponseError, match="Unknown target") as error:
        target.submit(QirText(bell_qir()), name="nowhere", shots=10)
    assert error.value.status_code == 400


def test_provider_that_does_not_own_the_target(service):
    message = assert_error(
        call(service, "PUT", f"/jobs/{uuid.uuid4()}", job_body(providerId="rigetti")),
        400,
        "InvalidJobDefinition",
    )
    assert "ionq" in message and "rigetti" in message


def test_unknown_input_format_through_the_sdk(workspace):
    target = workspace.get_targets("ionq.simulator")
    with pytest.raises(HttpResponseError, match="does not accept input format 'foo.v1'") as error:
        target.submit(b"OPENQASM 2.0;", name="odd format", input_data_format="foo.v1")
    assert error.value.status_code == 400
    assert "qir.v1" in str(error.value)


@pytest.mark.parametrize(
    "field,phrase",
    [
        ("target", "'target' is required"),
        ("inputDataFormat", "'inputDataFormat' is required"),
        ("containerUri", "'containerUri' is required"),
    ],
)
def test_job_missing_a_required_field(service, field, phrase):
    body = job_body(**{field: None})
    assert_error(
        call(service, "PUT", f"/jobs/{uuid.uuid4()}", body), 400, "InvalidJobDefinition", phrase
    )


@pytest.mark.parametrize(
    "overrides,phrase",
    [
        ({"target": 42}, "'target' must be a string"),
        ({"containerUri": "http://[::1/job-x"}, "not a valid URL"),
        ({"containerUri": "http://[::1]:1/"}, "does not name a valid blob container"),
        ({"inputDataUri": "http://[::1]:1/elsewhere/inputData"}, "must point into the job"),
        ({"inputParams": [1, 2]}, "'inputParams' must be a JSON object"),
        ({"metadata": "text"}, "'metadata' must be an object"),
        ({"tags": "one"}, "'tags' must be a list of strings"),
        ({"name": "n" * 300}, "longer than 256 characters"),
    ],
)
def test_job_fields_of_the_wrong_shape(service, overrides, phrase):
    response = call(service, "PUT", f"/jobs/{uuid.uuid4()}", job_body(**overrides))
    assert response.status_code == 400, response.text
    assert phrase in response.json()["error"]["message"]


def test_session_missing_target_or_bad_policy(service):
    route = f"/sessions/{uuid.uuid4()}"
    assert_error(call(service, "PUT", route, {"name": "s"}), 400, "BadRequest", "'target'")
    body = {"target": "ionq.simulator", "jobFailurePolicy": "Sometimes"}
    assert_error(call(service, "PUT", route, body), 400, "InvalidRequestBody", "Abort or Continue")


@pytest.mark.parametrize(
    "method,route",
    [
        ("GET", "/jobs/not-a-guid"),
        ("PUT", "/jobs/not-a-guid"),
        ("PATCH", "/jobs/12345"),
        ("DELETE", "/jobs/{xyz}"),
        ("POST", "/jobs/not-a-guid:cancel"),
        ("GET", "/sessions/not-a-guid"),
        ("PUT", "/sessions/3fa85f64-5717-4562-b3fc-2c963f66afa"),
        ("POST", "/sessions/not-a-guid:close"),
        ("GET", "/sessions/not-a-guid/jobs"),
    ],
)
def test_ids_that_are_not_guids(service, method, route):
    body = {"target": "ionq.simulator"} if method in ("PUT", "PATCH") else None
    assert_error(call(service, method, route, body), 400, "InvalidId", "is not a GUID")


def test_session_id_in_a_job_that_is_not_a_guid(service):
    body = job_body(sessionId="my-session")
    assert_error(
        call(service, "PUT", f"/jobs/{uuid.uuid4()}", body), 400, "InvalidId", "my-session"
    )


def test_unknown_ids_are_404_for_the_sdk(workspace):
    with pytest.raises(ResourceNotFoundError, match="was not found"):
        workspace.get_job(str(uuid.uuid4()))
    with pytest.raises(ResourceNotFoundError, match="was not found"):
        workspace.get_session(str(uuid.uuid4()))


@pytest.mark.parametrize(
    "query,code",
    [
        ({"skip": "-1"}, "InvalidPaging"),
        ({"top": "0"}, "InvalidPaging"),
        ({"top": "many"}, "InvalidPaging"),
        ({"skip": "9" * 20}, "InvalidPaging"),
        ({"skip": "9" * 5000}, "InvalidPaging"),
        ({"filter": "Name eq"}, "InvalidFilter"),
        ({"filter": "Colour eq 'red'"}, "InvalidFilter"),
        ({"filter": "startswith(Name, 'x'"}, "InvalidFilter"),
        ({"filter": "CreationTime ge 2024-13-45"}, "InvalidFilter"),
        ({"orderby": "Colour asc"}, "InvalidOrderBy"),
        ({"orderby": "Name sideways"}, "InvalidOrderBy"),
    ],
)
def test_list_queries_that_make_no_sense(service, query, code):
    for route in ("/jobs", "/sessions", "/topLevelItems"):
        response = call(service, "GET", route, params=query)
        assert_error(response, 400, code)


@pytest.mark.parametrize(
    "text",
    [
        "(" * 1500 + "Name eq 'a'" + ")" * 1500,
        "not " * 900 + "Name eq 'a'",
    ],
    ids=["deep parentheses", "deep not"],
)
def test_deeply_nested_filters_are_refused(service, text):
    assert_error(call(service, "GET", "/jobs", params={"filter": text}), 400, "InvalidFilter")


@pytest.mark.parametrize("op", ["le", "gt", "eq"])
def test_filter_dates_at_the_end_of_the_calendar(service, op):
    response = call(service, "GET", "/jobs", params={"filter": f"CreationTime {op} 9999-12-31"})
    assert response.status_code in (200, 400), response.text
    if response.status_code == 400:
        assert response.json()["error"]["code"] == "InvalidFilter"


def test_oversized_blob_is_refused(make_service):
    service = make_service("small-blobs", max_blob_bytes=1000)
    workspace = service.workspace()
    container = workspace.get_container_uri(job_id=str(uuid.uuid4()))
    blob = BlobClient.from_blob_url(container.replace("?", "/big?", 1))
    for size in (1001, 2 * 1024 * 1024):
        with pytest.raises(HttpResponseError, match="limited to 1000 bytes") as error:
            blob.upload_blob(b"x" * size, overwrite=True)
        assert error.value.status_code == 413
    blob.upload_blob(b"x" * 1000, overwrite=True)
    assert blob.download_blob().readall() == b"x" * 1000

    program = bell_qir()
    assert len(program.encode()) > 1000
    target = workspace.get_targets("ionq.simulator")
    with pytest.raises(HttpResponseError, match="limited to 1000 bytes"):
        target.submit(QirText(program), name="too big", shots=10)


def test_job_for_a_session_that_does_not_exist(workspace):
    target = workspace.get_targets("ionq.simulator")
    target.latest_session = Session(workspace=workspace, target="ionq.simulator")
    with pytest.raises(HttpResponseError, match="does not exist") as error:
        submit_bell(target, "orphan")
    assert error.value.status_code == 400


def test_job_for_a_closed_session(workspace):
    target = workspace.get_targets("ionq.simulator")
    session = target.open_session(name="closed")
    session.close()
    assert session.details.status == "Succeeded"
    target.latest_session = session  # the SDK would still send jobs to it
    with pytest.raises(HttpResponseError) as error:
        submit_bell(target, "too late")
    assert error.value.status_code == 400
    assert error.value.error.code == "InvalidJobDefinition"
    assert TERMINAL_SESSION_MESSAGE in str(error.value)


def test_job_for_a_closing_session_with_jobs_pending(service, workspace):
    target = workspace.get_targets("ionq.qpu.aria-1")  # an emulated QPU: jobs take a while
    session = target.open_session(name="closing")
    first = submit_bell(target, "pending", shots=200)
    session.close()
    target.latest_session = session
    with pytest.raises(HttpResponseError, match="has been closed") as error:
        submit_bell(target, "after close")
    assert error.value.status_code == 400
    first.wait_until_completed(timeout_secs=60)
    assert first.details.status == "Succeeded"


def test_job_for_a_failed_session(workspace):
    target = workspace.get_targets("ionq.simulator")
    with target.open_session(name="aborted") as session:
        broken = submit_broken(target, "broken")
        broken.wait_until_completed(timeout_secs=30)
        assert broken.details.status == "Failed"
        session.refresh()
        assert session.details.status == "Failed"
        with pytest.raises(HttpResponseError) as error:
            submit_bell(target, "after failure")
    assert error.value.status_code == 400
    assert TERMINAL_SESSION_MESSAGE in str(error.value)


def test_job_for_a_timed_out_session(make_service):
    service = make_service("idle", session_idle_timeout=1)
    workspace = service.workspace()
    target = workspace.get_targets("ionq.simulator")
    session = target.open_session(name="idle")
    deadline = time.monotonic() + 10
    while session.details.status != "TimedOut" and time.monotonic() < deadline:
        time.sleep(0.2)
        session.refresh()
    assert session.details.status == "TimedOut"
    with pytest.raises(HttpResponseError) as error:
        submit_bell(target, "asleep")
    assert error.value.status_code == 400
    assert TERMINAL_SESSION_MESSAGE in str(error.value)


def test_job_for_another_targets_session(workspace):
    rigetti = workspace.get_targets("rigetti.sim.qvm")
    ionq = workspace.get_targets("ionq.simulator")
    with rigetti.open_session(name="rigetti only") as session:
        ionq.latest_session = session
        with pytest.raises(HttpResponseError) as error:
            submit_bell(ionq, "wrong target")
        assert error.value.status_code == 400
        message = str(error.value)
        assert "rigetti.sim.qvm" in message and "ionq.simulator" in message
        ionq.latest_session = None
        assert session.list_jobs() == []
