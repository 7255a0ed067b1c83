"""`%session` and `%%session`: sessions bound to the kernel.

One argparse parser (IPython `magic_arguments`, so `%session?` prints the
usage) with a subcommand word; each subcommand calls the Python API and shows
the result. Options that make no sense for a subcommand are refused by name
rather than silently ignored.
"""

from __future__ import annotations

import re
from typing import Any

from IPython.core.magic import Magics, line_cell_magic, magics_class
from IPython.core.magic_arguments import argument, magic_arguments

from ...views.states import enum_text
from .. import api, display, jobs, spending
from ..errors import SessionError
from ..state import get_state
from .common import friendly, parse, sync_workspace
from .estimate import session_estimate

COMMANDS = (
    "show",
    "open",
    "close",
    "list",
    "jobs",
    "attach",
    "job",
    "cancel",
    "estimate",
    "budget",
)

#: Which options each subcommand accepts (dest names).
_ALLOWED = {
    "show": {"session_id"},
    "open": {"target", "name", "job_failure_policy", "as_var", "budget"},
    "close": {"session_id", "all"},
    "list": {"status", "target", "top"},
    "jobs": {"session_id"},
    "attach": {"session_id", "as_var"},
    "job": {"session_id"},
    "cancel": {"session_id", "all"},
    "cell": {"target", "name", "job_failure_policy", "as_var", "budget"},
    "budget": {"session_id"},
}
_OPTION_NAMES = {
    "session_id": "an ID",
    "target": "--target",
    "name": "--name",
    "job_failure_policy": "--job-failure-policy",
    "as_var": "--as",
    "all": "--all",
    "status": "--status",
    "top": "--top",
    "budget": "--budget",
}
_DEFAULTS = {"as_var": None, "all": False, "top": None}
_MISSING = object()


@magics_class
class SessionMagics(Magics):
    @magic_arguments()
    @argument(
        "command",
        nargs="?",
        default="show",
        help="show (default), open, close, list, jobs, attach, job, cancel, estimate or budget.",
    )
    @argument(
        "session_id",
        nargs="?",
        default=None,
        metavar="ID",
        help="A session id (show, close, jobs, attach) or a job id (job, cancel).",
    )
    @argument("-t", "--target", help="Target id, e.g. ionq.simulator (open, list, %%%%session).")
    @argument("-n", "--name", help="Session name (open, %%%%session).")
    @argument(
        "--job-failure-policy",
        dest="job_failure_policy",
        metavar="POLICY",
        help="abort (default) or continue: whether the session takes jobs after one failed.",
    )
    @argument(
        "--as",
        dest="as_var",
        metavar="VAR",
        default=None,
        help="Variable that receives the session's Target (default: target).",
    )
    @argument(
        "--budget",
        metavar="AMOUNT",
        default=None,
        help="open, %%%%session: the session's budget in the target's currency (USD, or HQC).",
    )
    @argument(
        "--all",
        action="store_true",
        help="close: every open session this notebook opened; "
        "cancel: every pending job of the current session.",
    )
    @argument(
        "--status",
        metavar="STATE",
        help="list: only sessions in this state (e.g. Waiting, Succeeded).",
    )
    @argument(
        "--top",
        type=int,
        default=None,
        metavar="N",
        help="list: at most this many sessions (default 30).",
    )
    @line_cell_magic
    @friendly("%session")
    def session(self, line: str, cell: str | None = None) -> None:
        """Azure Quantum sessions bound to this kernel.

        %session open -t TARGET [-n NAME] [--job-failure-policy abort|continue] [--as VAR]
            open a session, make it current, store its Target as `target` (or VAR)
        %session [show [ID]]        the current (or given) session
        %session close [ID | --all] close the current, a given, or all sessions opened here
        %session list [--status S] [--target T] [--top N]   sessions, newest first
        %session jobs [ID]          the jobs of the current (or given) session
        %session attach [ID]        bind an open session again (default: this notebook's last)
        %session job JOB_ID         one job, live, with its results when it has them
        %session cancel JOB_ID | --all   cancel a job, or the current session's pending jobs
        %session estimate EXPR [--shots N] [--repeat N] [-t TARGET]
            what a job of EXPR costs on the current (or given) target, and N such jobs
        %session budget [AMOUNT | none]   show, set or remove the current session's budget
            (USD, or HQC on Quantinuum); `--budget AMOUNT` on open and %%session sets it too

        %%session -t TARGET [-n NAME] [--job-failure-policy P] [--as VAR]
            open a session, run the cell in it, close it at the end even if the cell fails
        """
        if cell is None and line.split(None, 1)[:1] == ["estimate"]:
            return session_estimate(self.shell, line.strip()[len("estimate") :])
        args = parse(self.session, line)
        sync_workspace(self.shell)
        if cell is not None:
            return self._cell(args, cell)
        command = args.command.lower()
        if command not in COMMANDS:
            # `%session <id>` reads naturally as "show that session".
            if args.session_id is None and _looks_like_id(args.command):
                args.session_id, command = args.command, "show"
            else:
                raise SessionError(
                    f"Unknown subcommand '{args.command}'. Use one of: {', '.join(COMMANDS)} "
                    "(`%session?` shows the usage)."
                )
        _check_options(command, args)
        return getattr(self, f"_{command}")(args)

    # -- subcommands ----------------------------------------------------------

    def _show(self, args: Any) -> None:
        if args.session_id:
            session = api.find_session(args.session_id, api.current_workspace())
            with api.sdk_errors(f"refresh session '{args.session_id}'"):
                session.refresh()
        else:
            session = api.current_session()
            if session is None:
                print("No current session. Open one with `%session open -t TARGET`.")
                return
        display.show_session(session)

    def _open(self, args: Any) -> None:
        if not args.target:
            raise SessionError(
                "`%session open` needs a target: `%session open -t TARGET` "
                "(`%workspace targets` lists them)."
            )
        session = api.open_session(
            args.target,
            name=args.name,
            job_failure_policy=args.job_failure_policy,
            budget=args.budget,
        )
        var = self._bind(args.as_var)
        display.show_session(session, jobs=[])
        print(f"`{var}` submits into this session.")
        _budget_note(session)

    def _attach(self, args: Any) -> None:
        session = api.attach(args.session_id)
        var = self._bind(args.as_var)
        display.show_session(session)
        print(f"`{var}` submits into this session again.")

    def _close(self, args: Any) -> None:
        if args.all and args.session_id:
            raise SessionError("Give either a session id or --all, not both.")
        closed = api.close_sessions(args.session_id, all=args.all)
        if not closed:
            print("No open sessions to close.")
        for session in closed:
            status = enum_text(session.details.status) or ""
            label = f"'{session.details.name}' ({session.id})"
            if api.was_closed_before(session):
                print(f"Session {label} was already closed: {status}")
            else:
                print(f"Closed session {label}: {status}")

    def _list(self, args: Any) -> None:
        sessions = api.list_sessions(status=args.status, target=args.target, top=args.top or 30)
        workspace = api.current_workspace()
        jobs = {}
        for session in sessions:
            with api.sdk_errors("list session jobs"):
                jobs[session.id] = workspace.list_session_jobs(session_id=session.id)
        display.show(display.sessions_table(sessions, jobs))

    def _jobs(self, args: Any) -> None:
        jobs = api.session_jobs(args.session_id)
        session_id = args.session_id or api.current_session().id
        display.show(display.jobs_table(jobs, title=f"Jobs of session {session_id}"))

    def _job(self, args: Any) -> None:
        if not args.session_id:
            raise SessionError("`%session job` needs a job id; `%session jobs` lists them.")
        display.show_job_details(jobs.find_job(args.session_id))

    def _cancel(self, args: Any) -> None:
        outcomes = jobs.cancel_jobs(args.session_id, all=args.all)
        if not outcomes:
            print("The current session has no pending jobs to cancel.")
        for outcome in outcomes:
            print(outcome.describe())

    def _cell(self, args: Any, cell: str) -> None:
        if args.command != "show" or args.session_id:
            raise SessionError(
                "`%%session` takes options only: `%%session -t TARGET [-n NAME] "
                "[--job-failure-policy P] [--as VAR]`."
            )
        _check_options("cell", args)
        if not args.target:
            raise SessionError("`%%session` needs a target: `%%session -t TARGET`.")
        state = get_state()
        previous = (state.target, state.session)
        var = args.as_var or "target"
        previous_value = self.shell.user_ns.get(var, _MISSING)
        session = api.open_session(
            args.target,
            name=args.name,
            job_failure_policy=args.job_failure_policy,
            remember=False,
            budget=args.budget,
        )
        self._bind(args.as_var)
        print(
            f"Session '{session.details.name}' ({session.id}) open on {args.target}; "
            f"`{var}` submits into it."
        )
        _budget_note(session)
        try:
            result = self.shell.run_cell(cell, store_history=False)
        finally:
            closed = api.close_sessions(session.id)
            status = (enum_text(closed[0].details.status) or "") if closed else "closed"
            # The notebook's own current session (if any) is current again afterwards.
            state.target, state.session = previous
            if previous_value is not _MISSING:
                self.shell.user_ns[var] = previous_value
        error = result.error_before_exec or result.error_in_exec
        if error is not None:
            raise SessionError(
                f"The cell raised {type(error).__name__}: {error}. "
                f"Session '{session.details.name}' ({session.id}) was closed: {status}."
            )
        print(f"Session '{session.details.name}' ({session.id}) closed: {status}.")

    def _budget(self, args: Any) -> None:
        """`%session budget [AMOUNT | none]`: the current session's budget (the amount
        arrives in the id slot, the parser's only free positional)."""
        if args.session_id is not None:
            spending.set_budget(None, args.session_id)
        print(spending.describe_budget(None))

    def _bind(self, as_var: str | None) -> str:
        var = as_var or "target"
        if not var.isidentifier():
            raise SessionError(f"--as needs a Python variable name, not '{var}'.")
        self.shell.user_ns[var] = api.current_target()
        return var


def _budget_note(session: Any) -> None:
    """After an open: the budget it was given, or the one-time note that it has none."""
    if spending.has_budget(session.id):
        print(spending.describe_budget(session))
    else:
        spending.note_if_unbudgeted(session.id, session.details.target, session.details.name)


def _looks_like_id(text: str) -> bool:
    """Session ids are GUIDs; anything else is a mistyped subcommand."""
    return re.fullmatch(r"[0-9a-fA-F]{8}-[0-9a-fA-F-]{4,}", text) is not None


def _check_options(command: str, args: Any) -> None:
    allowed = _ALLOWED[command]
    for dest, label in _OPTION_NAMES.items():
        value = getattr(args, dest, None)
        if dest in allowed or value is None or value == _DEFAULTS.get(dest):
            continue
        where = "`%%session`" if command == "cell" else f"`%session {command}`"
        raise SessionError(f"{label} does not apply to {where}; `%session?` shows the usage.")
