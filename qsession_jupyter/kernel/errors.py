"""Errors the magics and the API raise for the user, shown without a traceback.

IPython prints `_render_traceback_()` instead of a stack, so a wrong target or
an unreachable service reads as one sentence saying what is wrong and what to
do. Scripts that call the API get an ordinary exception with the same text.
A bug of ours is the exception: `InternalError` keeps the traceback that
caused it and says where to report it.
"""

from __future__ import annotations

__all__ = ["InternalError", "SessionError", "WorkspaceError"]


class SessionError(Exception):
    """Something the user can fix: bad input, no workspace, unknown id, closed session."""

    def _render_traceback_(self) -> list[str]:
        return [f"{type(self).__name__}: {self}"]


class WorkspaceError(SessionError):
    """No workspace configured, or the one configured can't be reached."""


class InternalError(RuntimeError):
    """A bug of ours surfaced in a magic: shown after the traceback that caused it."""
