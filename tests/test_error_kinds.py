"""One SDK failure, one meaning: the magics' message and the sidebar's code agree.

Real failures of the real SDK (a wrong key, a closed port, an unknown id) go
through the kernel API's `sdk_errors` and the routes' `to_api_error`; both
classify them with `views/errors.sdk_error_kind`, so a refused credential is
a workspace problem in the notebook and `auth` in the sidebar, never one in
one place and something else in the other.
"""

from __future__ import annotations

import socket

import pytest
from azure.quantum import Workspace

from qsession_jupyter.connection import (
    workspace_at,
)
from qsession_jupyter.kernel.api import sdk_errors
from qsession_jupyter.kernel.errors import SessionError, WorkspaceError
from qsession_jupyter.server.errors import to_api_error
from qsession_jupyter.views.errors import sdk_error_kind

UNKNOWN_SESSION = "00000000-0000-0000-0000-00000000abcd"


def _workspace(endpoint: str, key: str) -> Workspace:
    return workspace_at(endpoint, key)


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _sdk_failure(call) -> Exception:
    try:
        call()
    except Exception as error:  # noqa: BLE001 - the failure is what the test looks at
        return error
    raise AssertionError("the SDK call did not fail")


@pytest.mark.parametrize(
    "case, kind, kernel_error, words",
    [
        ("wrong key", "auth", WorkspaceError, "refused the credentials"),
        ("closed port", "unreachable", WorkspaceError, "unreachable"),
        ("unknown session", "not_found", SessionError, UNKNOWN_SESSION),
    ],
)
def test_the_kernel_and_the_routes_read_a_failure_alike(
    local_service, case, kind, kernel_error, words
):
    workspace = {
        "wrong key": _workspace(local_service.endpoint, "wrong-key"),
        "closed port": _workspace(f"http://127.0.0.1:{_closed_port()}/", "k"),
        "unknown session": local_service.workspace(),
    }[case]
    failure = _sdk_failure(lambda: workspace.get_session(UNKNOWN_SESSION))
    assert sdk_error_kind(failure) == kind

    # The kernel: one line, a workspace problem or a session problem.
    with pytest.raises(kernel_error) as raised:
        with sdk_errors(f"find session '{UNKNOWN_SESSION}'"):
            raise failure
    message = str(raised.value)
    assert words in message and "\n" not in message, message
    assert isinstance(raised.value, WorkspaceError) == (kernel_error is WorkspaceError)

    # The sidebar: the code it switches on.
    assert to_api_error(failure, what="session").code == kind
