"""No route answers without Jupyter credentials, and the walk covers every route."""

from __future__ import annotations

import re

import pytest

from qsession_jupyter.server import ROUTES

SOME_ID = "00000000-0000-0000-0000-000000000001"


def _concrete(path: str) -> str:
    return re.sub(r"\(\?P<\w+>[^)]*\)", SOME_ID, path)


REQUESTS = [(method, _concrete(path)) for path, _handler, methods in ROUTES for method in methods]


def test_the_walk_covers_every_registered_route(jp_web_app):
    registered = {
        rule.matcher.regex.pattern
        for host_rule in jp_web_app.default_router.rules
        for rule in getattr(host_rule.target, "rules", [])
        if "/qsession/" in getattr(getattr(rule.matcher, "regex", None), "pattern", "")
    }
    assert len(registered) == len(ROUTES) == len({path for path, _, _ in ROUTES})


@pytest.mark.parametrize("credentials", ["none", "wrong token"])
@pytest.mark.parametrize(("method", "path"), REQUESTS)
def test_requests_without_valid_credentials_are_refused(api, method, path, credentials):
    header = "" if credentials == "none" else "token not-the-token"
    status, body = api(path, method=method, headers={"Authorization": header})
    assert status in (401, 403), (method, path, status, body)
    assert body["error"]["code"] in ("auth", "permission")
    assert SOME_ID not in str(body)
