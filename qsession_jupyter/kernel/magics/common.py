"""What every magic shares: short errors for user errors, and the user's `workspace` variable."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from IPython.core.error import UsageError

from ...about import report_address
from ...views.errors import describe_http_error, sdk_error_kind
from ..errors import InternalError, SessionError
from ..qsharp.diagnostics import QSharpCellError


def _is_user_error(error: BaseException) -> bool:
    """A failure the user can act on: the workspace's answer, bad arguments, the machine.

    Anything else raised inside a magic (AttributeError, KeyError, ...) is a bug
    of ours, and a one-line message would hide where it happened.
    """
    if sdk_error_kind(error) is not None or isinstance(error, (ValueError, TypeError, OSError)):
        return True
    try:
        from qdk.qsharp import QSharpError
    except ImportError:
        return False
    return isinstance(error, QSharpError)


def friendly(action: str) -> Callable:
    """User errors in a magic read as one line; a bug shows its traceback and says so.

    Our own errors (and IPython's usage errors) already read well and pass
    through unchanged. Other user errors (the service's refusal, an
    unreachable workspace, a bad argument) become one line. Anything else is
    re-raised with its traceback, followed by a line saying it is a bug and
    where to report it.
    """

    def decorate(method: Callable) -> Callable:
        @functools.wraps(method)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            try:
                return method(*args, **kwargs)
            except (SessionError, QSharpCellError, UsageError, KeyboardInterrupt):
                raise
            except Exception as error:
                if _is_user_error(error):
                    text = describe_http_error(error)
                    raise SessionError(f"{action} failed: {type(error).__name__}: {text}") from None
                raise InternalError(
                    f"{action} failed because of a bug in qsession-jupyter, not because of "
                    f"your input ({type(error).__name__} above). Please report it, with the "
                    f"traceback, to {report_address()}."
                ) from error

        return wrapper

    return decorate


def sync_workspace(shell: Any) -> None:
    """Adopt the notebook's `workspace` variable when the user replaced it.

    Azure-portal notebooks define `workspace` in their first cell; whatever the
    user assigns there is the workspace the magics use.
    """
    from azure.quantum import Workspace

    from .. import api
    from ..state import get_state

    if shell is None:
        return
    candidate = shell.user_ns.get("workspace")
    if isinstance(candidate, Workspace) and candidate is not get_state().workspace:
        api.use_workspace(candidate)


def strip_comment(line: str) -> str:
    """The line without a trailing `# comment`, as Python would read it.

    A `#` starts a comment when it is outside quotes and begins a word, so
    `--name "Q# Session"` and `--name Q#1` keep theirs.
    """
    quote = None
    for index, char in enumerate(line):
        if quote:
            if char == quote:
                quote = None
        elif char in "'\"":
            quote = char
        elif char == "#" and (index == 0 or line[index - 1].isspace()):
            return line[:index].rstrip()
    return line


def parse(magic: Callable, line: str) -> Any:
    """`parse_argstring` of the line without its trailing comment, plus quotes
    removed: IPython splits lines without removing them, so `--name "Q# Session"`
    would otherwise keep its quotes."""
    from IPython.core.magic_arguments import parse_argstring

    args = parse_argstring(magic, strip_comment(line))
    for key, value in vars(args).items():
        if (
            isinstance(value, str)
            and len(value) >= 2
            and value[0] == value[-1]
            and value[0] in "'\""
        ):
            setattr(args, key, value[1:-1])
    return args
