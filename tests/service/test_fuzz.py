"""Random and malformed requests at every route: never a 5xx, and the service keeps answering.

Raw `http.client`, so paths, methods and bytes reach the service exactly as
drawn (higher-level clients would normalise `..` or refuse odd methods).
Derandomised, so a failure reproduces on the next run.
"""

from __future__ import annotations

import json
import uuid
import xml.etree.ElementTree as ElementTree
from urllib.parse import quote, urlencode, urlsplit

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from programs import submit_bell
from service_support import API_PARAMS, raw_request, start_service

from qsession_jupyter.local.app.runtime import pid_alive
from qsession_jupyter.local.http import dataplane

SETTINGS = settings(
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@pytest.fixture(scope="module")
def service(qsession_env, tmp_path_factory):
    """Its own service, with a session, a finished job and a container to aim at."""
    handle = start_service(tmp_path_factory.mktemp("fuzz"))
    workspace = handle.workspace()
    target = workspace.get_targets("ionq.simulator")
    with target.open_session(name="fuzzed") as session:
        job = submit_bell(target, "fuzzed")
        job.wait_until_completed(timeout_secs=30)
    container = workspace.get_container_uri(job_id=str(uuid.uuid4()))
    handle.known = {
        "session": session.id,
        "open": workspace.get_targets("rigetti.sim.qvm").open_session(name="open").id,
        "job": job.id,
        "container_path": urlsplit(container).path,
        "container_sas": urlsplit(container).query,
        "output_sas": urlsplit(job.details.output_data_uri).query,
    }
    yield handle
    handle.stop()


# -- what gets drawn -----------------------------------------------------------

texts = st.text(max_size=40)
ids = st.one_of(
    st.uuids().map(str),
    st.sampled_from(["not-a-guid", "", "..", "%2E%2E", "%ff", "%00", "a:b", "x" * 300]),
    texts.map(lambda text: quote(text, safe="")),
)

FILTER_WORDS = [
    "Name",
    "ItemType",
    "JobType",
    "ProviderId",
    "Target",
    "State",
    "CreationTime",
    "Id",
    "SessionId",
    "Colour",
    "eq",
    "ne",
    "gt",
    "ge",
    "lt",
    "le",
    "and",
    "or",
    "not",
    "null",
    "startswith",
    "endswith",
    "contains",
    "(",
    ")",
    ",",
    "'ionq'",
    "'Job'",
    "'Succeeded'",
    "'it''s'",
    "'",
    "2024-05-01",
    "2020-01-01T00:00:00Z",
    "9999-12-31",
    "0001-01-01",
    "-5",
    "3.5",
    "CreationTime ge 2020-01-01CreationTime le 2099-01-01",
]
filters = st.one_of(
    st.lists(st.sampled_from(FILTER_WORDS), max_size=12).map(" ".join),
    st.dates().map(lambda day: f"CreationTime {'le' if day.day % 2 else 'ge'} {day}"),
    st.integers(0, 2000).map(lambda depth: "(" * depth + "Name eq 'a'" + ")" * depth),
    st.integers(0, 2000).map(lambda depth: "not " * depth + "State eq 'Waiting'"),
    texts,
)
orderbys = st.one_of(
    st.lists(
        st.tuples(
            st.sampled_from(["Name", "State", "CreationTime", "Colour", "", "Id"]),
            st.sampled_from(["asc", "desc", "", "up", "asc desc"]),
        ).map(" ".join),
        max_size=3,
    ).map(",".join),
    texts,
)
numbers = st.one_of(st.integers(-(10**30), 10**30).map(str), texts)
QUERY_VALUES = {
    "filter": filters,
    "orderby": orderbys,
    "skip": numbers,
    "top": numbers,
    "api-version": st.sampled_from(["2026-01-15-preview", "1999-01-01", ""]),
    "restype": st.sampled_from(["container", "service", ""]),
    "comp": st.sampled_from(["list", "block", "blocklist", "metadata"]),
    "prefix": texts,
    "sr": st.sampled_from(["b", "c", "x", ""]),
    "sp": st.sampled_from(["r", "rw", "rwlac", "l", ""]),
    "se": st.sampled_from(["2099-01-01T00:00:00Z", "yesterday", "9999-99-99T99:99:99Z"]),
    "sig": texts,
}
queries = st.one_of(
    st.fixed_dictionaries(
        {}, optional={k: QUERY_VALUES[k] for k in ("filter", "orderby", "skip", "top")}
    ),
    st.dictionaries(st.sampled_from(sorted(QUERY_VALUES)), texts, max_size=4).flatmap(
        lambda keys: st.fixed_dictionaries({key: QUERY_VALUES[key] for key in keys})
    ),
    st.dictionaries(texts, texts, max_size=3),
).map(lambda query: urlencode(query, quote_via=quote))
raw_queries = st.sampled_from(["%ff%fe", "a=%", "&&&", "=x", "filter", "top=1&top=2"])

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | texts,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(texts, children, max_size=4),
    max_leaves=12,
)
TARGET_IDS = [
    "ionq.simulator",
    "ionq.qpu.aria-1",
    "rigetti.sim.qvm",
    "quantinuum.sim.h2-1sc",
    "quantinuum.sim.h2-1e",
    "nope.target",
    "",
]
#: Job and session fields, each usually plausible and sometimes any JSON at all.
FIELD_VALUES = {
    "name": texts,
    "target": st.sampled_from(TARGET_IDS),
    "providerId": st.sampled_from(["ionq", "rigetti", "quantinuum", "IonQ", "nobody"]),
    "itemType": st.sampled_from(["Job", "Session", "job"]),
    "inputDataFormat": st.sampled_from(
        ["qir.v1", "ionq.circuit.v1", "honeywell.openqasm.v1", "rigetti.quil.v1", "foo"]
    ),
    "outputDataFormat": st.sampled_from(
        ["microsoft.quantum-results.v2", "ionq.quantum-results.v1", "bar", ""]
    ),
    "containerUri": st.sampled_from(
        ["http://[::1]:1/job-fuzz-container", "http://[::1/x", "", "/", "http://[::1]:1/UP"]
    ),
    "inputDataUri": st.sampled_from(
        [
            "http://[::1]:1/job-fuzz-container/inputData",
            "http://[::1]:1/other/inputData",
            "http://[::1]:1/job-fuzz-container/%2E%2E",
            "http://[::1",
        ]
    ),
    "inputParams": st.fixed_dictionaries(
        {}, optional={"shots": st.integers(-5, 10**6), "entryPoint": texts, "count": json_values}
    ),
    "metadata": st.dictionaries(texts, json_values, max_size=3),
    "tags": st.lists(texts, max_size=3),
    "priority": st.sampled_from(["High", "Standard", ""]),
    "sessionId": st.one_of(st.uuids().map(str), st.sampled_from(["x", ""])),
    "jobFailurePolicy": st.sampled_from(["Abort", "Continue", "abort", "Sometimes"]),
    "containerName": st.sampled_from(["job-fuzz-container", "JOB", "a", "x" * 70, "a--b"]),
    "blobName": st.one_of(texts, st.sampled_from(["..", ".", "inputData", "x" * 2000])),
}
shaped_bodies = st.fixed_dictionaries(
    {}, optional={key: st.one_of(value, value, json_values) for key, value in FIELD_VALUES.items()}
)
bodies = st.one_of(
    st.none(),
    st.binary(max_size=512),
    json_values.map(lambda value: json.dumps(value).encode()),
    shaped_bodies.map(lambda value: json.dumps(value).encode()),
)
methods = st.sampled_from(
    ["GET"] * 4 + ["PUT", "POST"] * 2 + ["PATCH", "DELETE", "HEAD", "OPTIONS", "TRACE", "M-SEARCH"]
)

ROUTE_TEMPLATES = [
    pattern.replace(dataplane.WORKSPACE, "{ws}").replace(dataplane.ID, "{id}").replace("\\", "")
    for pattern, _, _ in dataplane.routes(None, "", None, 0)
]


@st.composite
def paths(draw, known: dict, workspace_path: str) -> str:
    kind = draw(st.sampled_from(["route", "route", "route", "blob", "random"]))
    if kind == "route":
        template = draw(st.sampled_from(ROUTE_TEMPLATES))
        item = draw(st.one_of(ids, st.sampled_from([known["session"], known["job"]])))
        workspace = draw(st.sampled_from([workspace_path, "/subscriptions/x/resourceGroups/y"]))
        return template.replace("{ws}", workspace).replace("{id}", item)
    if kind == "blob":
        container = draw(st.sampled_from([known["container_path"], f"/job-{known['job']}", "/X_"]))
        blob = draw(st.one_of(st.sampled_from(["", "inputData", "outputData"]), ids))
        return f"{container}/{blob}" if blob else container
    return "/" + draw(texts.map(lambda text: quote(text, safe="/%")))


@st.composite
def requests_(draw, service) -> tuple[str, str, bytes | None, dict]:
    method = draw(methods)
    path = draw(paths(service.known, service.workspace_path()))
    query = draw(
        st.one_of(
            queries,
            raw_queries,
            st.sampled_from([service.known["container_sas"], service.known["output_sas"]]),
        )
    )
    # Mostly the SDK's api-version too, so data-plane requests get past its check to the
    # routes (a repeated parameter's last value counts).
    if draw(st.sampled_from([True, True, True, False])):
        query = "&".join(part for part in (query, urlencode(API_PARAMS)) if part)
    headers = {}
    key = draw(st.sampled_from(["right", "right", "wrong", "none"]))
    if key != "none":
        headers["x-ms-quantum-api-key"] = service.api_key if key == "right" else "wrong"
    extra = draw(
        st.dictionaries(
            st.sampled_from(
                [
                    "Content-Type",
                    "If-None-Match",
                    "x-ms-range",
                    "Range",
                    "x-ms-blob-type",
                    "x-ms-blob-content-type",
                    "Accept",
                ]
            ),
            st.one_of(
                st.sampled_from(["*", "bytes=0-10", "bytes=5-", "bytes=9-1", "application/json"]),
                st.from_regex(r"[ -~]{0,30}", fullmatch=True),
            ),
            max_size=3,
        )
    )
    headers.update(extra)
    return method, path + (f"?{query}" if query else ""), draw(bodies), headers


def send(service, method: str, target: str, body: bytes | None, headers: dict):
    status, _, payload = raw_request("127.0.0.1", service.info.port, method, target, body, headers)
    return status, payload


def assert_well_formed_error(status: int, payload: bytes, what: str) -> None:
    assert status < 500, f"{what} → {status} {payload[:300]!r}"
    if status < 400 or not payload:
        return
    if payload.startswith(b"<?xml"):
        assert ElementTree.fromstring(payload).findtext("Code"), what
    else:
        error = json.loads(payload)["error"]
        assert error["code"] and error["message"], what


def assert_still_serving(service) -> None:
    assert pid_alive(service.pid)
    status, payload = send(
        service,
        "GET",
        service.workspace_path() + "/providerStatus?" + urlencode(API_PARAMS),
        None,
        {"x-ms-quantum-api-key": service.api_key},
    )
    assert status == 200 and json.loads(payload)["value"]
    job = service.workspace().get_job(service.known["job"])
    assert job.details.status == "Succeeded"
    assert job.get_results()


def test_random_requests_at_every_route(service):
    @settings(SETTINGS, max_examples=220)
    @given(request=requests_(service))
    def run(request):
        method, target, body, headers = request
        status, payload = send(service, method, target, body, headers)
        assert_well_formed_error(status, payload, f"{method} {target[:200]} {body!r:.200}")

    run()
    assert_still_serving(service)


def test_random_bodies_at_the_routes_that_take_one(service):
    """Deeper than the random walk: real routes and ids, and bodies that start out valid
    (so validation passes often and the job or session is really made) before random
    fields are laid over them."""
    base = service.workspace_path()
    valid_job = {
        "target": "ionq.simulator",
        "inputDataFormat": "qir.v1",
        "containerUri": "http://[::1]:1/job-fuzz-container",
    }
    routes = [
        ("PUT", base + "/sessions/{new}", {"target": "rigetti.sim.qvm"}),
        ("PUT", base + "/jobs/{new}", valid_job),
        ("PUT", base + "/jobs/{new}", {**valid_job, "sessionId": service.known["open"]}),
        ("PATCH", base + f"/jobs/{service.known['job']}", {}),
        ("POST", base + "/storage/sasUri", {"containerName": "job-fuzz-container"}),
    ]

    @settings(SETTINGS, max_examples=100)
    @given(route=st.sampled_from(routes), overrides=shaped_bodies, new=st.uuids())
    def run(route, overrides, new):
        method, path, start = route
        body = {**start, **overrides}
        headers = {"x-ms-quantum-api-key": service.api_key, "Content-Type": "application/json"}
        target = path.replace("{new}", str(new)) + "?" + urlencode(API_PARAMS)
        status, answer = send(service, method, target, json.dumps(body).encode(), headers)
        assert_well_formed_error(status, answer, f"{method} {path} {body!r:.300}")

    run()
    assert_still_serving(service)
