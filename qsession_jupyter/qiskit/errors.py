"""Errors from the primitives that read as one line in a notebook.

Bad input (a wrong observable size, a circuit that measures nothing) and a job
that failed are the user's to fix; the frames of our planning and polling code
above the message would only bury it. The exceptions keep their types
(ValueError, RuntimeError), so scripts that catch them still do; IPython shows
their `_render_traceback_` line instead of the stack, as for the magics.
Anything else (a bug of ours) keeps its traceback.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, TypeVar

from ..views.errors import render_in_one_line, sdk_error_kind

F = TypeVar("F", bound=Callable[..., Any])


class PrimitiveJobError(RuntimeError):
    """A job of the primitive failed, was cancelled or was refused by the workspace."""


def _is_user_error(error: BaseException) -> bool:
    return (
        isinstance(error, (ValueError, TimeoutError, PrimitiveJobError))
        or sdk_error_kind(error) is not None
    )


def one_line_errors(method: F) -> F:
    """The user's errors leave `method` as one line, without our frames; bugs unchanged."""

    @functools.wraps(method)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return method(*args, **kwargs)
        except Exception as error:
            if not _is_user_error(error):
                raise
            render_in_one_line(error)
            raise error.with_traceback(None) from None

    return wrapper  # type: ignore[return-value]
