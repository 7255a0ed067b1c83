"""Errors the magics and the API raise for the user, shown without a traceback.

IPython prints `_render_traceback_()` instead of a stack, so a wrong target or
an unreachable service reads as one sentence saying what is wrong and what to
do. Scripts that call the API get an ordinary exception with the same text.
"""

from __future__ import annotations


class SessionError(Exception):
    """Something the user can fix: bad input, no workspace, unknown id, closed session."""

    def _render_traceback_(self) -> list[str]:
        return [f"{type(self).__name__}: {self}"]


class WorkspaceError(SessionError):
    """No workspace configured, or the one configured can't be reached."""


def describe_http_error(error: Exception) -> str:
    """The service's own message from an SDK HTTP error, without the SDK's noise."""
    message = getattr(error, "message", None) or str(error)
    first = str(message).strip().splitlines()[0] if str(message).strip() else type(error).__name__
    code = getattr(getattr(error, "error", None), "code", None)
    return f"{first} ({code})" if code and code not in first else first
