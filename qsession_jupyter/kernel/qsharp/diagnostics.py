"""Q# errors as Q# diagnostics, not Python tracebacks.

qdk renders compiler and runtime errors as miette reports whose source name
is the interpreter's internal fragment name (`line_3`). A notebook user thinks
in lines of the cell, so we name the source `cell` and put a one-line summary
(line, column, message) per diagnostic above the full report.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from qdk.qsharp import QSharpError

_FRAGMENT = re.compile(r"\bline_\d+:(\d+):(\d+)")
_HEADLINE = re.compile(r"^\s*(?:x|×)\s+(.*\S)")
_DETAIL = re.compile(r"^\s*`->\s+(.*\S)")


@dataclass(frozen=True)
class Diagnostic:
    message: str
    #: 1-based line and column in the cell, when the error points into it.
    line: int | None
    column: int | None

    def summary(self) -> str:
        if self.line is None:
            return f"Q# error: {self.message}"
        return f"Q# error at line {self.line}, column {self.column}: {self.message}"


def parse(text: str) -> list[Diagnostic]:
    """Extract (message, line, column) from qdk's rendered error text."""
    diagnostics: list[Diagnostic] = []
    message: str | None = None
    for raw in text.splitlines():
        headline = _HEADLINE.match(raw)
        if headline:
            if message is not None:
                diagnostics.append(Diagnostic(message, None, None))
            message = headline.group(1)
            continue
        detail = _DETAIL.match(raw)
        if detail and message is not None:
            message = f"{message}: {detail.group(1)}"
            continue
        location = _FRAGMENT.search(raw)
        if location and message is not None:
            diagnostics.append(Diagnostic(message, int(location.group(1)), int(location.group(2))))
            message = None
    if message is not None:
        diagnostics.append(Diagnostic(message, None, None))
    if not diagnostics and text.strip():
        diagnostics.append(Diagnostic(text.strip().splitlines()[0], None, None))
    return diagnostics


def as_cell_error(error: Exception) -> QSharpCellError:
    """qdk's error as ours (diagnostics instead of a stack), unchanged if already ours."""
    if isinstance(error, QSharpCellError):
        return error
    return QSharpCellError(str(error))


def rename_fragments(text: str) -> str:
    return _FRAGMENT.sub(lambda m: f"cell:{m.group(1)}:{m.group(2)}", text)


class QSharpCellError(QSharpError):
    """A %%qsharp cell, a Q# callable run from Python, or a compile for a target failed.

    IPython shows `_render_traceback_()` instead of a Python stack, so the user
    sees only the Q# diagnostics. It is a qdk `QSharpError`, so code that
    catches qdk's errors catches ours too.
    """

    def __init__(self, text: str, heading: str | None = None):
        super().__init__(text)
        self.text = rename_fragments(text.rstrip())
        self.heading = heading
        self.diagnostics = parse(text)

    def __str__(self) -> str:
        return "\n".join(self._lines())

    def _lines(self) -> list[str]:
        lines = [self.heading] if self.heading else []
        lines.extend(d.summary() for d in self.diagnostics)
        lines.append("")
        lines.extend(self.text.splitlines())
        return lines

    def _render_traceback_(self) -> list[str]:
        return self._lines()
