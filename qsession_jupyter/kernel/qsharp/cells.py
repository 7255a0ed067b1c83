"""Running a `%%qsharp` cell and binding what it defines.

The cell goes to qdk's process-wide interpreter, the same one qdk's own
`%%qsharp` magic and `qsharp.eval`/`qsharp.run` use, so mixing our magic with
plain qdk calls behaves like qdk alone. qdk publishes callables in its
`qdk.code` module, but re-publishes *all* of them after every evaluation, so
which ones a cell defines is read from the cell's own declarations.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from . import source as qsource
from .callables import QSharpCallable
from .compiler import get_compiler, lookup
from .diagnostics import QSharpCellError


@dataclass
class CellOutcome:
    value: Any = None
    #: Short name -> bound callable, for every callable the cell (re)defined.
    callables: dict[str, QSharpCallable] = field(default_factory=dict)


def run_cell(source: str, on_output: Callable[[Any], None] | None = None) -> CellOutcome:
    """Interpret `source`; bind the callables it defines; raise Q# diagnostics on error."""
    from qdk.qsharp import QSharpError

    from ...compat import notebook_interpret

    failure: QSharpError | None = None
    value = None
    try:
        value = notebook_interpret(source, on_output or _print_output)
    except QSharpError as error:
        failure = error
    outcome = CellOutcome(value=value)
    if failure is None or _is_runtime_error(failure):
        from qdk import code

        generation = get_compiler().record_cell(source)
        for segment in qsource.split(source):
            if not segment.is_declaration:
                continue
            for qualified in segment.callable_names:
                function = lookup(code, qualified)
                if function is not None:
                    short = qualified.rsplit(".", 1)[-1]
                    outcome.callables[short] = QSharpCallable(function, qualified, generation)
    if failure is not None:
        error = QSharpCellError(str(failure))
        error.callables = outcome.callables  # type: ignore[attr-defined]
        raise error
    return outcome


def _is_runtime_error(error: Exception) -> bool:
    """Runtime errors come after the cell's declarations were accepted."""
    return "Qdk.Qsc.Eval." in str(error)


def _print_output(output: Any) -> None:
    print(output, flush=True)
