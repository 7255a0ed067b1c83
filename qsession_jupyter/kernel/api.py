"""The public Python API behind the magics: sessions bound to the kernel.

Every magic is a thin parser over one of these functions, so scripts and
other tools get the same behaviour without IPython. They use only SDK objects
(`Workspace`, `Target`, `Session`, `Job`); local and Azure workspaces differ
only in how `qsession_jupyter.connection` builds the `Workspace`.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from itertools import islice
from typing import TYPE_CHECKING, Any

from ..client import closing
from ..views.errors import describe_http_error, sdk_error_kind
from ..views.states import SESSION_STATES, enum_text
from . import memory
from .errors import SessionError, WorkspaceError
from .guard import guard_target, guard_workspace, mark_checked
from .monitor import job_monitor
from .spending import parse_amount, set_budget
from .state import get_state

if TYPE_CHECKING:
    from azure.quantum import Workspace
    from azure.quantum.job import Job
    from azure.quantum.job.session import Session
    from azure.quantum.target import Target

__all__ = [
    "attach",
    "close_sessions",
    "current_session",
    "current_target",
    "current_workspace",
    "find_session",
    "get_target",
    "job_monitor",
    "list_sessions",
    "open_session",
    "session_jobs",
    "use_workspace",
]

_POLICIES = {"abort": "Abort", "continue": "Continue"}


@contextmanager
def sdk_errors(action: str) -> Iterator[None]:
    """Turn SDK/HTTP failures into one-line messages that say what to do."""
    try:
        yield
    except SessionError:
        raise
    except Exception as error:
        kind = sdk_error_kind(error)
        if kind is None:
            raise
        if kind == "unreachable" and getattr(error, "status_code", None) is None:
            raise WorkspaceError(
                f"Could not {action}: the workspace service is unreachable ({error}). "
                "For the local workspace, run `%workspace local` to start it again."
            ) from None
        if kind == "auth":
            raise WorkspaceError(
                f"Could not {action}: the workspace refused the credentials "
                f"({describe_http_error(error)})."
            ) from None
        raise SessionError(f"Could not {action}: {describe_http_error(error)}") from None


def workspace_id(workspace: Workspace) -> str:
    return f"{workspace.subscription_id}/{workspace.resource_group}/{workspace.name}"


# -- workspace -----------------------------------------------------------------


def use_workspace(workspace: Workspace | None = None) -> Workspace:
    """Make `workspace` (or `qsession_jupyter.connect()`'s) the kernel's workspace."""
    from ..connection import WorkspaceNotConfigured, connect

    state = get_state()
    try:
        chosen = connect(workspace)
    except WorkspaceNotConfigured as error:
        raise WorkspaceError(str(error)) from None
    except Exception as error:  # the local service could not start
        raise WorkspaceError(f"No workspace: {error}") from None
    guard_workspace(chosen)
    with state.lock:
        if state.workspace is not chosen:
            state.forget_workspace()
            state.workspace = chosen
    return chosen


def current_workspace() -> Workspace:
    """The kernel's workspace, connecting on first use."""
    state = get_state()
    if state.workspace is None:
        return use_workspace()
    return state.workspace


# -- targets -------------------------------------------------------------------


def get_target(target: str | Target, workspace: Workspace | None = None) -> Target:
    """The kernel's `Target` for an id, reused so its `latest_session` stays in one place."""
    from azure.quantum.target import Target

    state = get_state()
    if isinstance(target, Target):
        return guard_target(target)
    if not isinstance(target, str) or not target.strip():
        raise SessionError("A target id is needed, for example --target ionq.simulator.")
    workspace = workspace or current_workspace()
    name = target.strip()
    known = state.targets.get(name)
    if known is not None and known.workspace is workspace:
        return known
    with sdk_errors(f"look up target '{name}'"):
        found = workspace.get_targets(name)
    if not isinstance(found, Target):
        with sdk_errors("list the workspace's targets"):
            available = sorted(t.name for t in workspace.get_targets())
        raise SessionError(
            f"Unknown target '{name}'. Targets in this workspace: {', '.join(available)}."
        )
    return guard_target(found)


def current_target() -> Target | None:
    """The target of the current session (the one `%session open` stored as `target`)."""
    return get_state().target


# -- sessions ------------------------------------------------------------------


def _policy(value: str | None) -> str | None:
    if value is None:
        return None
    policy = _POLICIES.get(str(enum_text(value)).lower())
    if policy is None:
        raise SessionError(f"Unknown job failure policy '{value}'. Use abort or continue.")
    return policy


def open_session(
    target: str | Target,
    *,
    name: str | None = None,
    job_failure_policy: str | None = None,
    workspace: Workspace | None = None,
    remember: bool = True,
    budget: float | str | None = None,
) -> Session:
    """Open a session on `target` and make it the kernel's current session.

    Jobs submitted through the returned session's target (`current_target()`,
    or `target` in the notebook after `%session open`) go into it. With
    `remember`, `attach()` without an id finds it again after a kernel restart.
    `budget` (in the target's currency) is `set_budget`'s, checked before the
    session is opened.
    """
    policy = _policy(job_failure_policy)
    limit = parse_amount(budget)
    target_obj = get_target(target, workspace)
    state = get_state()
    # The SDK makes the new session the target's `latest_session` before the
    # service accepts it; a refused one would then be "closed" (404) by every
    # later open. A rejected open leaves the target as it was.
    previous = target_obj.latest_session
    try:
        with sdk_errors(f"open a session on {target_obj.name}"):
            session = target_obj.open_session(name=name, job_failure_policy=policy)
    except BaseException:
        target_obj.latest_session = previous
        raise
    mark_checked(session)
    state.bind(session, target_obj)
    if limit is not None:
        set_budget(session, limit)
    if remember:
        memory.remember(workspace_id(target_obj.workspace), session.id, target_obj.name)
    return session


def current_session() -> Session | None:
    """The kernel's current session, or None."""
    return get_state().current_session


def find_session(session_id: str, workspace: Workspace | None = None) -> Session:
    """A session by id: the kernel's own object when it has one, else fetched."""
    workspace = workspace or current_workspace()
    state = get_state()
    known = state.sessions.get(session_id)
    if known is not None:
        return known
    for target in state.targets.values():
        latest = target.latest_session
        if latest is not None and latest.id == session_id:
            return latest
    with sdk_errors(f"find session '{session_id}'"):
        return workspace.get_session(session_id)


def attach(session_id: str | None = None, *, workspace: Workspace | None = None) -> Session:
    """Bind an existing open session again (after a kernel restart, say).

    Without an id, the last session this notebook opened in this workspace;
    never a session another notebook opened.
    """
    workspace = workspace or current_workspace()
    if session_id is None:
        if memory.notebook_key() is None:
            raise SessionError(
                f"`%session attach` without an id found no session: {memory.UNKNOWN_NOTEBOOK}. "
                "Give the session's id (`%session list` shows them)."
            )
        remembered = memory.recall(workspace_id(workspace))
        if remembered is None:
            raise SessionError(
                "This notebook has not opened a session in this workspace yet; "
                "give a session id (`%session list` shows them) or open one with "
                "`%session open -t TARGET`."
            )
        session_id = remembered["session_id"]
    session = find_session(session_id, workspace)
    with sdk_errors(f"refresh session '{session_id}'"):
        session.refresh()
    mark_checked(session)
    if session.is_in_terminal_state():
        status = enum_text(session.details.status)
        raise SessionError(
            f"Session '{session.details.name}' ({session.id}) is {status} and takes no more "
            f"jobs. Open a new one with `%session open -t {session.details.target}`."
        )
    target = get_target(session.details.target, workspace)
    target.latest_session = session
    get_state().bind(session, target)
    memory.remember(workspace_id(workspace), session.id, target.name)
    return session


def close_sessions(session_id: str | None = None, *, all: bool = False) -> list[Session]:
    """Close the current session, the one with `session_id`, or (all=True) every open
    session this kernel opened. Returns the sessions closed, with fresh details."""
    state = get_state()
    if all:
        candidates = _kernel_sessions()
    elif session_id is not None:
        candidates = [find_session(session_id, current_workspace())]
    else:
        session = state.current_session
        if session is None:
            raise SessionError("There is no current session to close; `%session list` shows them.")
        candidates = [session]
    closed = []
    for session in candidates:
        with sdk_errors(f"close session '{session.id}'"):
            closed.append(closing.close_session(session.workspace, session.id, session))
    return closed


#: Whether `close_sessions` found a session already closed or over (a session
#: closed while its jobs still run stays `Executing`, so its status cannot tell).
was_closed_before = closing.was_closed_before


def _kernel_sessions() -> list[Session]:
    state = get_state()
    found: dict[str, Session] = dict(state.sessions)
    for target in state.targets.values():
        if target.latest_session is not None:
            found.setdefault(target.latest_session.id, target.latest_session)
    return [s for s in found.values() if not s.is_in_terminal_state()]


def _after_close(session: Session) -> None:
    """Whoever closed it (a magic, the panel), the kernel's copies of the session
    now say so: the targets' `latest_session` and the sessions it opened."""
    mark_checked(session)
    state = get_state()
    with state.lock:
        copies = list(state.sessions.values())
        copies += [t.latest_session for t in state.targets.values() if t.latest_session]
    for copy in copies:
        if copy is not session and copy.id == session.id:
            closing.copy_close_marks(session, copy)
            mark_checked(copy)


closing.on_close(_after_close)


def list_sessions(
    *,
    status: str | None = None,
    target: str | None = None,
    top: int = 30,
    workspace: Workspace | None = None,
) -> list[Session]:
    """The workspace's sessions, newest first (like the portal's Job management blade)."""
    workspace = workspace or current_workspace()
    statuses = None
    if status is not None:
        match = [s for s in SESSION_STATES if s.lower() == status.lower()]
        if not match:
            raise SessionError(
                f"Unknown session state '{status}'. Use one of {', '.join(SESSION_STATES)}."
            )
        statuses = match
    if top < 1:
        raise SessionError("--top must be at least 1.")
    with sdk_errors("list sessions"):
        pages = workspace.list_sessions_paginated(
            status=statuses,
            target=[target] if target else None,
            orderby_property="CreationTime",
            is_asc=False,
            top=min(top, 100),
        )
        from azure.quantum.job.session import Session

        return [Session(workspace=workspace, details=d) for d in islice(pages, top)]


def session_jobs(session_id: str | None = None, *, workspace: Workspace | None = None) -> list[Job]:
    """The jobs of a session (default: the current one), oldest first."""
    workspace = workspace or current_workspace()
    if session_id is None:
        session = current_session()
        if session is None:
            raise SessionError("There is no current session; give a session id.")
        session_id = session.id
    with sdk_errors(f"list the jobs of session '{session_id}'"):
        workspace.get_session(session_id)  # a clear 404 for an unknown id
        return workspace.list_session_jobs(
            session_id=session_id, orderby_property="CreationTime", is_asc=True
        )


def submit_to_current(program: Any, *, name: str | None = None, shots: int | None = None) -> Job:
    """Submit a program to the current session's target (what `%%qsharp --submit` does)."""
    state = get_state()
    target = state.target
    session = state.current_session
    if target is None or session is None:
        raise SessionError(
            "There is no current session to submit to. Open one with `%session open -t TARGET`."
        )
    kwargs: dict[str, Any] = {"name": name or getattr(program, "label", "qsharp-job")}
    if shots is not None:
        kwargs["shots"] = shots
    with sdk_errors(f"submit to {target.name}"):
        return target.submit(program, **kwargs)
