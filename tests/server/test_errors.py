"""Workspace failures reach the sidebar as typed errors with matching codes, never a 500."""

from __future__ import annotations

import socket

import pytest
from azure.quantum import Workspace

from qsession_jupyter.connection import (
    LOCAL_NAME,
    workspace_at,
)

ROUTES_TO_TRY = [
    ("workspace", "GET"),
    ("items", "GET"),
    ("sessions/00000000-0000-0000-0000-000000000001", "GET"),
    ("jobs/00000000-0000-0000-0000-000000000001", "GET"),
    ("jobs/00000000-0000-0000-0000-000000000001/cancel", "POST"),
    ("sessions/00000000-0000-0000-0000-000000000001/close", "POST"),
]


def _local_style_workspace(endpoint: str, key: str) -> Workspace:
    return workspace_at(endpoint, key)


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_wrong_workspace_key_is_401_auth(api, server_workspace, local_service):
    server_workspace.workspace = _local_style_workspace(local_service.endpoint, "wrong-key")
    for path, method in ROUTES_TO_TRY[:2]:
        status, body = api(path, method=method)
        assert status == 401, (path, body)
        assert body["error"]["code"] == "auth"


def test_unreachable_workspace_is_503_unreachable(api, server_workspace):
    server_workspace.workspace = _local_style_workspace(f"http://127.0.0.1:{_closed_port()}/", "k")
    status, body = api("items", request_timeout=60)
    assert status == 503, body
    assert body["error"]["code"] == "unreachable"
    assert "cannot be reached" in body["error"]["message"]
    # The workspace route still says which workspace cannot be reached.
    status, body = api("workspace", request_timeout=60)
    assert (status, body["error"]["code"]) == (503, "unreachable")
    assert body["error"]["workspace"]["name"] == LOCAL_NAME
    # Health still answers: the extension is there, the workspace is not.
    status, body = api("health")
    assert (status, body["ok"]) == (200, True)


@pytest.mark.parametrize(("path", "method"), ROUTES_TO_TRY)
def test_a_workspace_that_cannot_be_made_is_503_not_configured(api, server_workspace, path, method):
    server_workspace.workspace = ValueError("Azure Quantum workspace not fully specified.")
    status, body = api(path, method=method)
    assert status == 503, body
    assert body["error"]["code"] == "not_configured"
    assert "not fully specified" in body["error"]["message"]


def test_a_failed_connection_is_retried_on_the_next_request(api, server_workspace, workspace):
    server_workspace.workspace = ConnectionRefusedError("service not started yet")
    status, body = api("items")
    assert (status, body["error"]["code"]) == (503, "unreachable")
    server_workspace.workspace = workspace
    status, body = api("items")
    assert status == 200
