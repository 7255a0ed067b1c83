"""The session clocks of the workspace a view shows: the idle timeout and exclusive window.

The data plane does not report them. Azure's are fixed (10 minutes, and
Quantinuum's one minute); a local service runs whatever it was started with
(`qsession-local serve --session-idle-timeout/--exclusive-window`, shrunk in
tests) and writes them into its runtime file, the same file a workspace finds
it by.
"""

from __future__ import annotations

from typing import Any

from ..views.timeline import AZURE_CLOCKS, SessionClocks


def session_clocks(workspace: Any) -> SessionClocks:
    """The clocks of `workspace`'s sessions; Azure's unless it is a local service."""
    local = getattr(workspace, "_qsession_local", None)
    if local is None:
        return AZURE_CLOCKS
    from ..local.app.runtime import read_runtime

    info = read_runtime(local[0], check_alive=False)
    if info is None:
        return AZURE_CLOCKS
    return SessionClocks(
        idle_timeout=float(info.session_idle_timeout),
        exclusive_window=float(info.exclusive_window),
    )
