"""How a failing magic reads: user errors in one line, our bugs with their traceback.

A user error (the service's refusal, an unreachable workspace, a bad argument)
is something to fix in the notebook, so a stack would only bury the sentence.
A bug of ours (AttributeError, KeyError, ...) is the opposite: the traceback is
what a maintainer needs, and the user needs to know it is not their fault.
"""

from __future__ import annotations

import re

import pytest
from azure.core.exceptions import HttpResponseError, ServiceRequestError

from qsession_jupyter.kernel.magics.common import friendly

BUG_LINE = "because of a bug in qsession-jupyter"


def _plain(text: str) -> str:
    """Without the colours another test may have switched the shared shell to."""
    return re.sub(r"\x1b\[[0-9;]*m", "", text)


def _raise_inside_our_code(error: Exception) -> None:
    raise error


@pytest.fixture
def failing_magic(shell):
    """`%failing_magic` raises whatever the test puts in `raise_next`, through `friendly`."""
    raise_next: list[Exception] = []

    @friendly("%failing_magic")
    def failing_magic(line: str) -> None:
        _raise_inside_our_code(raise_next.pop())

    shell.register_magic_function(failing_magic, "line", "failing_magic")
    yield raise_next
    shell.magics_manager.magics["line"].pop("failing_magic", None)


@pytest.mark.parametrize(
    "error",
    [
        HttpResponseError(message="The request is throttled; retry in 5 seconds."),
        ServiceRequestError("Connection refused"),
        ValueError("shots must be positive, not -3"),
        TypeError("expected a float for 'theta', got 'abc'"),
    ],
    ids=lambda error: type(error).__name__,
)
def test_user_errors_are_one_line(run, failing_magic, error):
    failing_magic.append(error)
    cell = run("%failing_magic")
    assert cell.error is not None
    assert _plain(cell.out).strip() == (
        f"SessionError: %failing_magic failed: {type(error).__name__}: {error}"
    ), cell.out
    assert BUG_LINE not in _plain(cell.out)


@pytest.mark.parametrize(
    "error",
    [
        AttributeError("'NoneType' object has no attribute 'id'"),
        KeyError("status"),
        AssertionError(),
    ],
    ids=lambda error: type(error).__name__,
)
def test_our_bugs_show_the_traceback_and_say_so(run, failing_magic, error):
    failing_magic.append(error)
    cell = run("%failing_magic")
    out = _plain(cell.out)
    assert cell.error is not None
    assert "Traceback" in out
    # The frame where it happened is shown, then the cause, then one line for the user.
    assert "_raise_inside_our_code" in out
    assert out.index(type(error).__name__) < out.index(BUG_LINE)
    last = out.strip().splitlines()[-1]
    assert last.startswith("InternalError: %failing_magic failed " + BUG_LINE), last
    assert "Please report it" in last and f"({type(error).__name__} above)" in last


def test_a_malformed_service_answer_in_a_real_magic_is_reported_as_our_bug(
    run, workspace, monkeypatch
):
    """The service lists an item our code cannot read; `%session list` must not hide the crash."""
    monkeypatch.setattr(
        workspace, "list_sessions_paginated", lambda **kwargs: iter([object()]), raising=False
    )
    cell = run("%session list")
    out = _plain(cell.out)
    assert cell.error is not None
    assert "Traceback" in out
    assert out.strip().splitlines()[-1].startswith("InternalError: %session failed " + BUG_LINE), (
        out
    )
