"""The /qsession/ routes obey Jupyter's authorizer, as /api/contents does.

A deployment that denies a user, or lets them only read, must not find the
sidebar's routes a way around it: reads are the "read" action and closing or
cancelling the "write" action on the ``qsession`` resource.
"""

from __future__ import annotations

import re

import pytest
from jupyter_server.auth.authorizer import AllowAllAuthorizer, Authorizer
from sdk_items import open_bare_session, unique_prefix

from qsession_jupyter.server import ROUTES
from qsession_jupyter.server.handlers import AUTH_RESOURCE

SOME_ID = "00000000-0000-0000-0000-000000000001"


class DenyEverything(Authorizer):
    def is_authorized(self, handler, user, action, resource) -> bool:
        return False


class ReadOnly(Authorizer):
    def is_authorized(self, handler, user, action, resource) -> bool:
        return action == "read"


@pytest.fixture
def authorizer():
    return DenyEverything


@pytest.fixture
def jp_server_config(jp_server_config, authorizer):
    jp_server_config.ServerApp.authorizer_class = authorizer
    return jp_server_config


def _concrete(path: str) -> str:
    return re.sub(r"\(\?P<\w+>[^)]*\)", SOME_ID, path)


REQUESTS = [(method, _concrete(path)) for path, _handler, methods in ROUTES for method in methods]


def test_every_handler_names_the_qsession_resource():
    assert {handler.auth_resource for _path, handler, _methods in ROUTES} == {AUTH_RESOURCE}


@pytest.mark.parametrize(("method", "path"), REQUESTS)
def test_a_denying_authorizer_refuses_every_route(api, method, path):
    status, body = api(path, method=method)
    assert status == 403, (method, path, body)
    assert body["error"]["code"] == "permission"


def test_a_denying_authorizer_cannot_close_a_session(api, workspace, jp_fetch, jp_asyncio_loop):
    from tornado.httpclient import HTTPClientError

    # The authorizer is really in force: Jupyter's own contents route refuses too.
    with pytest.raises(HTTPClientError) as refused:
        jp_asyncio_loop.run_until_complete(jp_fetch("api", "contents"))
    assert refused.value.code == 403
    session = open_bare_session(workspace, "rigetti.sim.qvm", unique_prefix() + "-denied")
    status, _body = api(f"sessions/{session.id}/close", method="POST")
    assert status == 403
    session.refresh()
    assert session.details.status == "Waiting"
    session.close()


@pytest.mark.parametrize("authorizer", [ReadOnly])
def test_a_read_only_user_can_list_but_not_close_or_cancel(api, workspace):
    session = open_bare_session(workspace, "rigetti.sim.qvm", unique_prefix() + "-read-only")
    for path in ("health", "workspace", "items", f"sessions/{session.id}"):
        status, body = api(path)
        assert status == 200, (path, body)
    status, body = api(f"sessions/{session.id}/close", method="POST")
    assert (status, body["error"]["code"]) == (403, "permission")
    assert "write" in body["error"]["message"]
    status, _body = api(f"jobs/{SOME_ID}/cancel", method="POST")
    assert status == 403
    session.refresh()
    assert session.details.status == "Waiting"
    session.close()


@pytest.mark.parametrize("authorizer", [AllowAllAuthorizer])
@pytest.mark.parametrize("parameter", ["q", "state", "target", "type"])
def test_a_query_that_is_not_utf8_is_400_naming_the_parameter(api, parameter):
    status, body = api("items", params={parameter: b"\xff"})
    assert status == 400, body
    assert body["error"]["code"] == "validation"
    assert parameter in body["error"]["message"]
