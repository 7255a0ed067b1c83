"""Which session a notebook opened last, remembered across kernel restarts.

`%session attach` without an id rebinds that session after a restart. The
notebook is identified by `JPY_SESSION_NAME`, which Jupyter server sets in the
kernel's environment (the notebook's path), or by `__vsc_ipynb_file__`, which
VS Code sets in the notebook's namespace. A Jupyter kernel with neither cannot
tell its notebook from any other, so it remembers nothing: a guess (the working
directory, shared by every notebook in it) would rebind another notebook's
session. Plain IPython and scripts, which are no notebook, use the working
directory. The memory lives under the local service's data directory, one
small JSON file per notebook, holding the last session id per workspace (a
local session id means nothing to an Azure workspace and vice versa).
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

NOTEBOOK_ENV = "JPY_SESSION_NAME"
#: The variable VS Code's Jupyter extension sets to the notebook's path.
VSCODE_NOTEBOOK_VAR = "__vsc_ipynb_file__"

#: Why a kernel has no notebook identity, for `%session attach` to say.
UNKNOWN_NOTEBOOK = (
    "this kernel cannot tell which notebook it runs (its front end set neither "
    f"{NOTEBOOK_ENV} nor {VSCODE_NOTEBOOK_VAR}), so it cannot tell this notebook's "
    "sessions from another notebook's"
)


def _shell() -> object | None:
    try:
        from IPython import get_ipython
    except ImportError:
        return None
    return get_ipython()


def notebook_key() -> str | None:
    """Who "this notebook" is, or None in a Jupyter kernel that cannot know."""
    name = os.environ.get(NOTEBOOK_ENV)
    if name:
        return f"notebook:{name}"
    shell = _shell()
    namespace = getattr(shell, "user_ns", None) or {}
    vscode = namespace.get(VSCODE_NOTEBOOK_VAR)
    if isinstance(vscode, str) and vscode:
        return f"notebook:{vscode}"
    if getattr(shell, "kernel", None) is not None:
        return None
    return f"cwd:{Path.cwd()}"


def _memory_dir() -> Path:
    from ..local.config import default_data_dir

    return default_data_dir() / "kernel-memory"


def _memory_file(key: str) -> Path:
    digest = hashlib.sha256(key.encode()).hexdigest()[:16]
    return _memory_dir() / f"{digest}.json"


def _read(path: Path) -> dict:
    try:
        data = json.loads(path.read_text())
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def remember(workspace_id: str, session_id: str, target: str) -> None:
    """Record the notebook's latest session; failures to write are not the user's problem."""
    key = notebook_key()
    if key is None:
        return
    path = _memory_file(key)
    data = _read(path)
    data["notebook"] = key
    data.setdefault("sessions", {})[workspace_id] = {"session_id": session_id, "target": target}
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_suffix(f".{os.getpid()}.tmp")
        temporary.write_text(json.dumps(data, indent=1))
        os.replace(temporary, path)
    except OSError:
        pass


def recall(workspace_id: str) -> dict | None:
    """{"session_id", "target"} of the notebook's latest session on this workspace."""
    key = notebook_key()
    if key is None:
        return None
    data = _read(_memory_file(key))
    if data.get("notebook") != key:
        return None
    entry = data.get("sessions", {}).get(workspace_id)
    return entry if isinstance(entry, dict) and entry.get("session_id") else None
