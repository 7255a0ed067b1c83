"""Every data-plane route needs the workspace key; without it, an Azure-style 401.

The route table below is checked against the service's own `routes()`, so a
route added later fails `test_every_route_is_covered` until it is listed here
(and thereby tested).
"""

from __future__ import annotations

import dataclasses
import uuid

import pytest
import requests
from azure.core.exceptions import ClientAuthenticationError
from service_support import API_PARAMS, ServiceHandle

from qsession_jupyter.local.http import dataplane

ID = str(uuid.uuid4())

#: Route suffix (after the workspace path) → methods it answers. `{id}` is any GUID.
ROUTES = {
    "/providerStatus": ("GET",),
    "/quotas": ("GET",),
    "/storage/sasUri": ("POST",),
    "/jobs": ("GET",),
    "/jobs/{id}:cancel": ("POST",),
    "/jobs/{id}": ("GET", "PUT", "PATCH", "DELETE"),
    "/sessions": ("GET",),
    "/sessions/{id}:close": ("POST",),
    "/sessions/{id}/jobs": ("GET",),
    "/sessions/{id}": ("GET", "PUT"),
    "/topLevelItems": ("GET",),
}
#: Routes outside the workspace path.
ROOT_ROUTES = {"/health": ("GET",)}
HTTP_METHODS = ("get", "put", "post", "patch", "delete", "head", "options")


def served_routes() -> dict[str, tuple[str, ...]]:
    """The service's route table, as suffix → methods its handler implements."""
    table = dataplane.routes(service=None, api_key="unused", watchers=None, get_wait=0)
    served = {}
    for pattern, handler, _ in table:
        suffix = pattern.replace(dataplane.WORKSPACE, "").replace(dataplane.ID, "{id}")
        methods = tuple(
            name.upper()
            for name in HTTP_METHODS
            if getattr(handler, name) is not getattr(dataplane.ServiceHandler, name)
        )
        served[suffix] = methods
    return served


def all_requests(workspace_path: str) -> list[tuple[str, str]]:
    requests_ = [
        (method, workspace_path + suffix.replace("{id}", ID))
        for suffix, methods in ROUTES.items()
        for method in methods
    ]
    requests_ += [(m, path) for path, methods in ROOT_ROUTES.items() for m in methods]
    return requests_


def test_every_route_is_covered():
    expected = {**ROUTES, **ROOT_ROUTES}
    served = served_routes()
    missing = {route: methods for route, methods in served.items() if route not in expected}
    assert not missing, f"add these routes to ROUTES in {__file__}: {missing}"
    assert set(served) == set(expected), "a listed route is no longer served"
    for route, methods in served.items():
        assert set(methods) == set(expected[route]), f"methods of {route} changed"


def test_the_listed_requests_reach_their_routes(local_service):
    """With the key, each request is answered by its route, not by the unknown-route handler."""
    headers = {"x-ms-quantum-api-key": local_service.api_key}
    for method, path in all_requests(local_service.workspace_path()):
        url = local_service.endpoint.rstrip("/") + path
        response = requests.request(method, url, headers=headers, params=API_PARAMS, timeout=10)
        assert response.status_code < 500, f"{method} {path}"
        assert "There is no route" not in response.text, f"{method} {path}"


def assert_unauthorised(response: requests.Response, what: str) -> None:
    assert response.status_code == 401, f"{what}: {response.status_code} {response.text[:200]}"
    if response.request.method == "HEAD":
        return
    error = response.json()["error"]
    assert error["code"] == "Unauthorized", what
    assert "x-ms-quantum-api-key" in error["message"], what
    assert response.headers["x-ms-error-code"] == "Unauthorized"


@pytest.mark.parametrize(
    "key",
    [None, "wrong", "", "x" * 10_000, "é-not-ascii"],
    ids=["no key", "wrong key", "empty key", "huge key", "latin-1 key"],
)
def test_every_route_refuses_a_missing_or_wrong_key(local_service, key):
    headers = {} if key is None else {"x-ms-quantum-api-key": key.encode("latin-1")}
    session = requests.Session()
    for method, path in all_requests(local_service.workspace_path()):
        body = b'{"target": "ionq.simulator"}' if method in ("PUT", "POST", "PATCH") else None
        response = session.request(
            method,
            local_service.endpoint.rstrip("/") + path + "?api-version=2026-01-15-preview",
            headers={**headers, "Content-Type": "application/json"},
            data=body,
            timeout=10,
        )
        assert_unauthorised(response, f"{method} {path}")


def test_a_near_miss_key_is_refused(local_service):
    """Same length, one character off: no prefix or length shortcut."""
    key = local_service.api_key
    near = key[:-1] + ("a" if key[-1] != "a" else "b")
    response = requests.get(
        local_service.endpoint + "health", headers={"x-ms-quantum-api-key": near}, timeout=10
    )
    assert_unauthorised(response, "near-miss key")


def test_unknown_routes_also_need_the_key(local_service):
    url = local_service.endpoint.rstrip("/") + local_service.workspace_path() + "/nothing"
    assert_unauthorised(requests.get(url, timeout=10), "unknown route without key")
    known = requests.get(url, headers={"x-ms-quantum-api-key": local_service.api_key}, timeout=10)
    assert known.status_code == 404


def test_a_bearer_token_is_not_a_key(local_service):
    url = local_service.endpoint.rstrip("/") + local_service.workspace_path() + "/jobs"
    response = requests.get(url, headers={"Authorization": "Bearer abc"}, timeout=10)
    assert_unauthorised(response, "bearer token")


def test_the_sdk_reports_a_wrong_key(local_service):
    info = dataclasses.replace(local_service.info, api_key="not the key")
    wrong = ServiceHandle(info, local_service.data_dir).workspace()
    with pytest.raises(ClientAuthenticationError, match="x-ms-quantum-api-key"):
        wrong.get_targets()
    with pytest.raises(ClientAuthenticationError):
        wrong.list_jobs()
    assert local_service.workspace().get_targets("ionq.simulator") is not None
