"""`%session estimate EXPR` and `%%qsharp --estimate`: one line saying what a job will cost.

The expression is evaluated in the notebook (a `%%qsharp` callable or its
`with_args(...)`, a circuit, QIR, IonQ JSON, OpenQASM or Quil) and priced with
`estimate_cost` for the current session's target (or `-t TARGET`). With
`--repeat N` the line also forecasts a loop of N such jobs: a VQE's iterations,
a parameter sweep.
"""

from __future__ import annotations

import re
from typing import Any

from IPython.core.magic_arguments import argument, magic_arguments

from ...costs.estimate import CostEstimate, estimate_cost
from ...costs.payload import EstimateError
from ...views.items import money
from .. import api
from ..errors import SessionError
from .common import parse

#: Where the options start: the expression before them may hold spaces and commas.
_OPTIONS = re.compile(r"(?:^|\s)(?=(?:--shots|--repeat|--target|-t)(?:[\s=]|$))")


@magic_arguments()
@argument("--shots", type=int, default=None, metavar="N", help="Shots per job.")
@argument("--repeat", type=int, default=None, metavar="N", help="Forecast a loop of N jobs.")
@argument("-t", "--target", default=None, help="Target id (default: the current session's).")
def _options(line: str) -> None:
    """%session estimate EXPR [--shots N] [--repeat N] [-t TARGET]"""


def session_estimate(shell: Any, line: str) -> None:
    """`%session estimate EXPR [--shots N] [--repeat N] [-t TARGET]`."""
    found = _OPTIONS.search(line)
    expression = (line[: found.start()] if found else line).strip()
    args = parse(_options, line[found.start() :] if found else "")
    if not expression:
        raise SessionError(
            "`%session estimate` needs a program: `%session estimate EXPR [--shots N] "
            "[--repeat N]`, e.g. `%session estimate circuit --shots 100 --repeat 50`."
        )
    try:
        program = shell.ev(expression)
    except Exception as error:
        raise SessionError(
            f"`{expression}` could not be evaluated: {type(error).__name__}: {error}"
        ) from None
    target = args.target or current_target("%session estimate EXPR -t TARGET")
    print(priced(target, program, args.shots, args.repeat))


def priced(target: Any, program: Any, shots: int | None, repeat: int | None) -> str:
    """The one line both magics print, or a `SessionError` that says what is wrong."""
    if repeat is not None and repeat < 1:
        raise SessionError("--repeat must be at least 1.")
    try:
        return summary(estimate_cost(target, program, shots=shots), repeat)
    except EstimateError as error:
        raise SessionError(f"Cannot estimate the cost: {error}") from None


def summary(estimate: CostEstimate, repeat: int | None = None) -> str:
    """One line: the job's cost, its shots and target, and a loop's forecast."""
    text = f"{money(estimate.total, estimate.currency)} per job "
    text += f"({estimate.shots} shots on {estimate.target})"
    if estimate.total == 0:
        text += "; the target is free"
    if repeat is not None and repeat > 1:
        text += f"; {repeat} jobs: {money(estimate.forecast(repeat), estimate.currency)}"
    return text


def current_target(alternative: str = "") -> Any:
    """The current session's target, or a `SessionError` that says how to name one."""
    target = api.current_target()
    if target is None:
        instead = f", or use `{alternative}`" if alternative else ""
        raise SessionError(
            "There is no current session whose target to price for: open one with "
            f"`%session open -t TARGET`{instead}."
        )
    return target
