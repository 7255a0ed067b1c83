"""`%load_ext qsession_jupyter`: register the magics and make sure there is a workspace.

Azure-portal notebooks define `workspace` in their first cell; when the
notebook has none, we define one from `qsession_jupyter.connect()` (Azure from
the environment, else the local service) and say which it is in one line.

qdk registers its own `%%qsharp` the moment it is imported inside IPython, so
qdk is imported *before* our magics are registered: ours wins, and a later
`import qsharp`/`import qdk` in the notebook does not bring qdk's back.
"""

from __future__ import annotations

import sys
from typing import Any

from .state import get_state


def load_ipython_extension(ipython: Any) -> None:
    import qdk  # noqa: F401  (registers qdk's %%qsharp first, so ours replaces it)

    from .magics.qsharp import QSharpMagics
    from .magics.session import SessionMagics
    from .magics.workspace import WorkspaceMagics

    state = get_state()
    state.shell = ipython
    ipython.register_magics(SessionMagics, QSharpMagics, WorkspaceMagics)
    for hook in (_guard_user_targets, _revive_local_service):
        if hook not in ipython.events.callbacks["pre_run_cell"]:
            ipython.events.register("pre_run_cell", hook)
    _ensure_workspace(ipython)


def _guard_user_targets(info: Any = None) -> None:
    """Before each cell: targets and backends the user made get the stale-session warning."""
    from .guard import guard_namespace

    shell = get_state().shell
    if shell is not None:
        try:
            guard_namespace(shell.user_ns)
        except Exception:
            pass  # a hook error would be printed before every cell


def _revive_local_service(info: Any = None) -> None:
    """Before each cell: a local service that stopped while idle starts again."""
    from ..connection import revive_local

    workspace = get_state().workspace
    if workspace is not None:
        try:
            revive_local(workspace)
        except Exception as error:  # the cell itself will report the unreachable service
            print(f"qsession_jupyter: {error}", file=sys.stderr)


def _ensure_workspace(ipython: Any) -> None:
    from azure.quantum import Workspace

    from . import api
    from .errors import SessionError
    from .magics.workspace import describe

    existing = ipython.user_ns.get("workspace")
    try:
        if isinstance(existing, Workspace):
            api.use_workspace(existing)
            print(f"qsession_jupyter: using your `workspace`, the {describe(existing)}.")
            return
        if existing is not None:
            print(
                "qsession_jupyter: `workspace` is not an azure.quantum.Workspace; "
                "left it alone. Run `%workspace local` or `%workspace azure` to choose one.",
                file=sys.stderr,
            )
            return
        # A reload keeps the workspace (and the sessions) the kernel already has.
        workspace = get_state().workspace or api.use_workspace()
    except SessionError as error:
        print(
            f"qsession_jupyter: no workspace yet ({error}). "
            "Run `%workspace local` or `%workspace azure` to choose one.",
            file=sys.stderr,
        )
        return
    ipython.user_ns["workspace"] = workspace
    print(f"qsession_jupyter: `workspace` is the {describe(workspace)}.")


def unload_ipython_extension(ipython: Any) -> None:
    """Remove our magics and give qdk its `%%qsharp` back."""
    magics = ipython.magics_manager.magics
    for kind, name in (
        ("line", "session"),
        ("cell", "session"),
        ("cell", "qsharp"),
        ("line", "workspace"),
    ):
        magics.get(kind, {}).pop(name, None)
    for hook in (_guard_user_targets, _revive_local_service):
        if hook in ipython.events.callbacks["pre_run_cell"]:
            ipython.events.unregister("pre_run_cell", hook)
    try:
        from ..compat import register_qdk_qsharp_magic

        # qdk's decorator needs `get_ipython` among the builtins, as inside a cell.
        with ipython.builtin_trap:
            register_qdk_qsharp_magic()
    except Exception:
        pass
    get_state().shell = None
