"""The one door every submission through a guarded target passes.

Targets and Qiskit backends made by this package (and those the user holds in
a variable) get a thin wrapper around `submit`/`run` that, before the SDK
sends anything, refuses bad shots and a job that would pass the session's
budget (`spending.py`), and warns about a session that is already over.

The SDK never clears `target.latest_session`: after `with
target.open_session(): ...`, after `%session close`, after a failed job ended
the session under the Abort policy, or after the service timed it out, the
next `target.submit(...)` still carries the old session id and the service
answers 400 with the same words in every case ("may have been due to
failures in prior jobs"). The wrapper says which it was, naming the job that
failed the session, and how to open a new one.
"""

from __future__ import annotations

import sys
import time
from typing import Any

from ..views.errors import render_in_one_line
from ..views.failure import failed_with, session_failure
from ..views.jobs import azure_job
from ..views.states import enum_text

#: After this long without a look at the service, the cached status may be stale
#: (the idle timeout is 10 minutes), so the guard refreshes once before warning.
REFRESH_AFTER_SECONDS = 60.0

_GUARDED = "_qsession_guarded"


def stale_session_message(host: Any, kind: str = "target", *, rejected: bool = False) -> str | None:
    """Why a submission through `host` (a Target or a Qiskit backend) would be
    rejected for its session, or None.

    A session closed while its jobs still run stays `Executing` until they end,
    yet takes no new jobs; its status cannot tell, so with `rejected` (the
    service has just refused a submission for the session) it is described as
    closed whatever its status says.
    """
    session = getattr(host, "latest_session", None)
    if session is None:
        return None
    checked = getattr(session, "_qsession_checked", 0.0)
    if rejected or time.monotonic() - checked > REFRESH_AFTER_SECONDS:
        try:
            session.refresh()
        except Exception:
            return None  # the submission itself will report the connection problem
        session._qsession_checked = time.monotonic()
    if not session.is_in_terminal_state() and not rejected:
        return None
    name = host.name() if callable(host.name) else host.name
    return (
        f"'{name}' still points at session '{session.details.name}' ({session.id}), which "
        f"{why_no_more_jobs(session)}, so this submission is rejected. Open a "
        f"new session with `%session open -t {name}` or `{kind}.open_session(...)`, or set "
        f"`{kind}.latest_session = None` to submit outside a session."
    )


def why_no_more_jobs(session: Any) -> str:
    """'... and takes no more jobs', for a session the service refuses jobs for."""
    if session.is_in_terminal_state():
        return f"{ended_reason(session)} and takes no more jobs"
    status = enum_text(session.details.status)
    return f"was closed (its last jobs are {status}) and takes no more jobs"


def ended_reason(session: Any) -> str:
    """Why a session in a final state takes no more jobs, naming the job that failed it.

    The service's own answer ("This may have been due to failures in prior jobs
    in the session") is the same after a failure and after a normal close.
    """
    status = enum_text(session.details.status)
    if status == "Succeeded":
        return "is closed"
    if status == "TimedOut":
        return "timed out (no job came within its idle timeout)"
    if status != "Failed":
        return f"is {status}"
    try:
        jobs = session.workspace.list_session_jobs(session_id=session.id)
    except Exception:
        return "failed"  # the listing failed: say what is known
    failure = session_failure(session, jobs)
    if failure is None or not failure["job_id"]:
        return "failed"
    job = f"'{failure['job_name']}' ({failure['job_id']})"
    return f"failed when its job {job} {failed_with(failure)}"


def rejected_for_session(error: Exception) -> bool:
    """The service's 400 for a submission into a session that takes no more jobs."""
    return getattr(error, "status_code", None) == 400 and "terminal state" in str(error)


def _one_line(error: Exception, session: Any) -> str | None:
    """For a refusal by a session that takes no more jobs, the line that says why, in
    place of the service's generic words; else None (the error's own line)."""
    if session is None or not rejected_for_session(error):
        return None
    code = getattr(getattr(error, "error", None), "code", None)
    reason = f"Session '{session.details.name}' ({session.id}) {why_no_more_jobs(session)}"
    return f"{type(error).__name__}: {reason}" + (f" ({code})" if code else "")


def guard_host(host: Any) -> Any:
    """Wrap the submitting method of a Target (`submit`) or an Azure Qiskit backend
    (`run`), on this instance only, with the stale-session check."""
    if getattr(host, _GUARDED, False):
        return host
    method_name, kind = ("run", "backend") if _is_backend(host) else ("submit", "target")
    method = getattr(host, method_name)

    def guarded(*args: Any, **kwargs: Any) -> Any:
        from .spending import admit_call, admitted

        message = stale_session_message(host, kind)
        if message:
            print(f"Warning: {message}", file=sys.stderr, flush=True)
        # Bad shots and an overrun budget are refused here, before anything is sent.
        ticket = admit_call(host, kind, args, kwargs, check_budget=not message)
        try:
            with admitted():  # checked here: the backstop at `submit_job` lets it pass
                result = method(*args, **kwargs)
        except Exception as error:
            ticket.close()
            if not message and rejected_for_session(error):
                message = stale_session_message(host, kind, rejected=True)
                if message:
                    print(f"Warning: {message}", file=sys.stderr, flush=True)
            if message:
                # The warning says what happened and what to do; the SDK's ~100-line
                # traceback would bury it.
                session = getattr(host, "latest_session", None)
                render_in_one_line(error, _one_line(error, session))
            raise
        try:
            if ticket.session_id is not None:
                ticket.record(azure_job(result).id)
        finally:
            ticket.close()
        session = getattr(host, "latest_session", None)
        if session is not None:
            session._qsession_checked = time.monotonic()
        return result

    _install(host, method_name, guarded, method)
    setattr(host, _GUARDED, True)
    return host


def _install(owner: Any, name: str, wrapper: Any, original: Any) -> None:
    """Put `wrapper` in place of the instance's method `name`, with its docstring."""
    wrapper.__doc__ = original.__doc__
    wrapper.__wrapped__ = original
    setattr(owner, name, wrapper)


guard_target = guard_host


def guard_workspace(workspace: Any) -> Any:
    """Every Target the kernel's workspace hands out (`workspace.get_targets(...)`) is
    guarded from the start, so one made and used within a single cell, or in a
    script, has its submissions checked too (the namespace hook below only sees
    variables between cells).

    Hosts made elsewhere from the same workspace (a Qiskit backend from
    `AzureQuantumProvider(workspace=...)`, a Cirq target from
    `AzureQuantumService(workspace=...)`) are caught at the workspace's
    `submit_job`, where every SDK job ends (`backstop.py`)."""
    from .backstop import guarded_submit_job

    if getattr(workspace, _GUARDED, False):
        return workspace
    _install(
        workspace,
        "submit_job",
        guarded_submit_job(workspace, workspace.submit_job),
        workspace.submit_job,
    )
    get_targets = workspace.get_targets

    def guarded_get_targets(*args: Any, **kwargs: Any) -> Any:
        found = get_targets(*args, **kwargs)
        for target in found if isinstance(found, list) else [found]:
            if hasattr(target, "submit") and hasattr(target, "latest_session"):
                guard_host(target)
        return found

    _install(workspace, "get_targets", guarded_get_targets, get_targets)
    setattr(workspace, _GUARDED, True)
    return workspace


def _is_backend(host: Any) -> bool:
    return type(host).__module__.startswith("azure.quantum.qiskit")


def guard_namespace(namespace: dict) -> None:
    """Guard every Target and Azure Qiskit backend the user holds in a variable.

    Runs before each cell, so `target = workspace.get_targets(...)` made by hand
    (as in the Azure docs) gets the same warning as the targets `%session` makes.
    Only looks when the SDK is already imported, so it never imports it.
    """
    target_module = sys.modules.get("azure.quantum.target.target")
    if target_module is None:
        return
    classes: tuple = (target_module.Target,)
    backend_module = sys.modules.get("azure.quantum.qiskit.backends.backend")
    if backend_module is not None:
        classes += (backend_module.AzureBackendBase,)
    for value in list(namespace.values()):
        try:
            if isinstance(value, classes) and not getattr(value, _GUARDED, False):
                guard_host(value)
        except Exception:
            continue  # an odd object in the namespace must never break the user's cell


def mark_checked(session: Any) -> None:
    """The caller just fetched or changed the session: its status is fresh."""
    session._qsession_checked = time.monotonic()
