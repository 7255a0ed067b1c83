"""A real Jupyter server (pytest-jupyter) with the extension, on the shared local service.

The server gets the test's `workspace` through `QSessionServer.workspace_factory`
rather than finding the service by its runtime file: pytest-jupyter points
JUPYTER_RUNTIME_DIR at a fresh directory for every test.
"""

from __future__ import annotations

import pytest
from pytest_jupyter.jupyter_server import *  # noqa: F403 - jp_fetch and friends
from traitlets.config import Config


class WorkspaceChoice:
    """Which workspace the server connects to on its first request (tests may swap it)."""

    def __init__(self, workspace) -> None:
        self.workspace = workspace

    def __call__(self):
        if isinstance(self.workspace, BaseException):
            raise self.workspace
        return self.workspace


@pytest.fixture
def server_workspace(workspace) -> WorkspaceChoice:
    return WorkspaceChoice(workspace)


@pytest.fixture
def jp_server_config(server_workspace):
    return Config(
        {
            "ServerApp": {
                "jpserver_extensions": {"qsession_jupyter.server": True},
                "allow_unauthenticated_access": False,
            },
            # A function, not the holder: traitlets deep-copies config values,
            # and functions are the one thing a deep copy shares.
            "QSessionServer": {"workspace_factory": lambda: server_workspace()},
        }
    )


@pytest.fixture
def api(jp_fetch, jp_asyncio_loop):
    """Call a /qsession/ route; returns (status, JSON body). Errors are answers, not raises.

    Tests are plain functions driving pytest-jupyter's loop: pytest-asyncio's
    auto mode would otherwise run them on a loop the server does not serve.
    """
    import json

    from tornado.httpclient import HTTPClientError

    def call(path: str, method: str = "GET", params: dict | None = None, **kwargs):
        if method == "POST":
            kwargs.setdefault("body", b"")
        try:
            response = jp_asyncio_loop.run_until_complete(
                jp_fetch("qsession", *path.split("/"), method=method, params=params or {}, **kwargs)
            )
        except HTTPClientError as error:
            response = error.response
            if response is None:
                raise
        return response.code, json.loads(response.body or b"null")

    return call
