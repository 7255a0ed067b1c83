"""What every magic shares: short errors, and the user's `workspace` variable."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from IPython.core.error import UsageError

from ..errors import SessionError
from ..qsharp.diagnostics import QSharpCellError


def friendly(action: str) -> Callable:
    """Unexpected failures in a magic become one line, never a stack trace.

    Our own errors (and IPython's usage errors) already read well and pass
    through unchanged.
    """

    def decorate(method: Callable) -> Callable:
        @functools.wraps(method)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            try:
                return method(*args, **kwargs)
            except (SessionError, QSharpCellError, UsageError, KeyboardInterrupt):
                raise
            except Exception as error:
                raise SessionError(f"{action} failed: {type(error).__name__}: {error}") from None

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
