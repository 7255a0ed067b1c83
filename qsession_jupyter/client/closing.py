"""The one way every front end closes a session.

`%session close`, the panel's "Close session" button and the sidebar's route
all end here, so they agree on what closing means: look at the session first
(the service may have ended it meanwhile: idle timeout, a failed job), close it
through the SDK, and remember that this process closed it. A session closed
while its jobs still run stays `Executing` until they end, so its status alone
cannot tell a later close that it was closed already; the marks can.

The kernel keeps its own copies of sessions (a target's `latest_session`);
it registers a hook with `on_close` to bring them up to date, so a session
closed from the panel is closed for the kernel too. This layer stays below
the kernel: it calls the hooks, it never imports their owners.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from azure.quantum import Workspace
    from azure.quantum.job.session import Session

log = logging.getLogger(__name__)

#: Marks on SDK Session objects: this process closed it; it was over before the last close.
_CLOSED, _CLOSED_BEFORE = "_qsession_closed", "_qsession_closed_before"

#: Called with the closed session (fresh details and marks) after every close.
CloseHook = Callable[["Session"], None]

_hooks: list[CloseHook] = []
_hooks_lock = threading.Lock()


def on_close(hook: CloseHook) -> None:
    """Call `hook(session)` after each session this process closes (once per hook)."""
    with _hooks_lock:
        if hook not in _hooks:
            _hooks.append(hook)


def close_session(workspace: Workspace, session_id: str, session: Session | None = None) -> Session:
    """Close the session `session_id` and return it with fresh details.

    `session` is the caller's own object for it, if any (the user's, kept by
    a target as `latest_session`): closing through it keeps that object in
    step. Without one, the session is fetched, which also reads its state.
    """
    if session is None or getattr(session, "id", None) != session_id:
        session = workspace.get_session(session_id)
    else:
        session.refresh()
    already = session.is_in_terminal_state() or was_closed(session)
    workspace.close_session(session)  # the SDK skips the call for a session it knows is over
    setattr(session, _CLOSED, True)
    setattr(session, _CLOSED_BEFORE, already)
    with _hooks_lock:
        hooks = list(_hooks)
    for hook in hooks:
        try:
            hook(session)
        except Exception:  # noqa: BLE001 - the session is closed; bookkeeping must not undo that
            log.exception("a session close hook failed")
    return session


def was_closed(session: Any) -> bool:
    """Whether this process closed `session` (or a copy it was synced from)."""
    return bool(getattr(session, _CLOSED, False))


def was_closed_before(session: Any) -> bool:
    """Whether the last `close_session` found `session` already closed or over."""
    return bool(getattr(session, _CLOSED_BEFORE, False))


def copy_close_marks(source: Any, target: Any) -> None:
    """Give another object for the same session what `source` knows about its close."""
    target.details = source.details
    for mark in (_CLOSED, _CLOSED_BEFORE):
        if hasattr(source, mark):
            setattr(target, mark, getattr(source, mark))
