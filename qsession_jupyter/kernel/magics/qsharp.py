"""`%%qsharp`: qdk's Q# cell, with callables bound as submittable Python objects.

It replaces qdk's own `%%qsharp` in kernels that load the extension. The Q#
is interpreted by the same qdk interpreter as qdk's magic; what changes is
that each callable the cell defines appears in the notebook as an object that
runs locally when called and that `target.submit(...)` accepts as a QIR
program, and that `--submit` sends the cell's last expression to the current
session.
"""

from __future__ import annotations

from typing import Any

from IPython.core.magic import Magics, cell_magic, magics_class
from IPython.core.magic_arguments import argument, magic_arguments

from ...providers.profiles import profile_name
from .. import api, display
from ..errors import SessionError
from ..qsharp import source as qsource
from ..qsharp.callables import QirProgram
from ..qsharp.cells import run_cell
from ..qsharp.diagnostics import QSharpCellError
from .common import friendly, parse, sync_workspace
from .estimate import current_target, priced


def _show_output(output: Any) -> None:
    """Q# `Message` and `DumpMachine` output, as it happens (as qdk's magic shows it)."""
    from IPython.display import display as ipy_display

    ipy_display(output)
    # An empty display flushes the frontend so output appears while the cell runs.
    ipy_display(display_id=True)


@magics_class
class QSharpMagics(Magics):
    @magic_arguments()
    @argument(
        "--submit",
        action="store_true",
        help="Submit the cell's last expression (e.g. `RandomBit()`) to the current session.",
    )
    @argument(
        "--estimate",
        action="store_true",
        help="Print what submitting the cell's last expression would cost (nothing is sent).",
    )
    @argument("--shots", type=int, default=None, help="With --submit or --estimate: shots.")
    @argument(
        "--repeat",
        type=int,
        default=None,
        metavar="N",
        help="With --estimate: also forecast a loop of N such jobs.",
    )
    @argument("--name", default=None, help="With --submit: job name (default: the expression).")
    @argument(
        "--as",
        dest="as_var",
        metavar="VAR",
        default=None,
        help="With --submit: variable that receives the submitted Job (default: job).",
    )
    @cell_magic
    @friendly("%%qsharp")
    def qsharp(self, line: str, cell: str) -> Any:
        """Run Q# in the notebook's qdk interpreter; bind its callables to Python names.

        Each callable is callable from Python (local simulator) and submittable:
        `target.submit(input_data=Op, ...)`; `Op.with_args(...)` for parameters.
        With --submit, the cell's last expression goes to the current session and
        the Job lands in `job` (or --as VAR). With --estimate, one line says what
        that submission would cost (and, with --repeat N, a loop of N of them).
        """
        args = parse(self.qsharp, line)
        _check(args)
        if args.estimate:
            return self._estimate(cell, args)
        if args.submit:
            return self._submit(cell, args)
        return self._run(cell)

    def _run(self, cell: str) -> Any:
        try:
            outcome = run_cell(cell, _show_output)
        except QSharpCellError as error:
            self._bind(getattr(error, "callables", {}))
            raise
        self._bind(outcome.callables)
        return outcome.value

    def _submit(self, cell: str, args: Any) -> None:
        var = args.as_var or "job"
        if not var.isidentifier():
            raise SessionError(f"--as needs a Python variable name, not '{var}'.")
        sync_workspace(self.shell)
        expression = self._last_expression(cell, "--submit` submits")
        if api.current_session() is None:
            raise SessionError(
                "There is no current session to submit to. Open one with `%session open -t TARGET`."
            )
        program = self._program(cell, api.current_target())
        job = api.submit_to_current(program, name=args.name or expression, shots=args.shots)
        # The Job goes to a variable, as `%session open` binds `target`: returned, it
        # would show as the SDK's raw `<azure.quantum.job.job.Job at 0x...>` repr.
        self.shell.user_ns[var] = job
        display.show_job(job, var)

    def _estimate(self, cell: str, args: Any) -> None:
        self._last_expression(cell, "--estimate` prices")
        target = current_target()
        print(priced(target, self._program(cell, target), args.shots, args.repeat))

    def _last_expression(self, cell: str, what: str) -> str:
        expression = qsource.entry_expression(cell)[1]
        if expression is None:
            raise SessionError(
                f"`%%qsharp {what} the cell's last expression; end the cell with one, "
                "for example `GenerateRandomBit()`."
            )
        return expression

    def _program(self, cell: str, target: Any) -> QirProgram:
        """The cell's last expression as a program for `target`, its declarations run first."""
        declarations, expression = qsource.entry_expression(cell)
        if declarations.strip():
            self._run(declarations)
        profile = profile_name(target.target_profile) if target is not None else None
        return QirProgram(expression, expression=expression, profile=profile)

    def _bind(self, callables: dict) -> None:
        self.shell.user_ns.update(callables)


def _check(args: Any) -> None:
    """Options that go with --submit or --estimate are refused without them."""
    if args.submit and args.estimate:
        raise SessionError("Give --submit or --estimate, not both.")
    if not args.submit and (args.name, args.as_var) != (None, None):
        raise SessionError("--name and --as go with --submit.")
    if not (args.submit or args.estimate) and args.shots is not None:
        raise SessionError("--shots go with --submit or --estimate.")
    if not args.estimate and args.repeat is not None:
        raise SessionError("--repeat goes with --estimate.")
    if args.shots is not None and args.shots < 1:
        raise SessionError("--shots must be at least 1.")
