"""What one kernel knows: its workspace, its current session, the targets it made.

A kernel is one process, so the state is one object per process; the Python
API and the magics share it, and scripts that never load the extension get the
same behaviour. Nothing here talks to the service: `api.py` does, through the
SDK.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from azure.quantum import Workspace
    from azure.quantum.job.session import Session
    from azure.quantum.target import Target


@dataclass
class KernelState:
    workspace: Workspace | None = None
    #: The target of the current session; its `latest_session` is the current session.
    target: Target | None = None
    #: Used when there is no target (a session attached before its target was made).
    session: Session | None = None
    #: Sessions this kernel opened or attached, by id, oldest first.
    sessions: dict[str, Session] = field(default_factory=dict)
    #: Targets the API created, by target id, reused so `latest_session` stays in one place.
    targets: dict[str, Target] = field(default_factory=dict)
    #: The IPython shell when the extension is loaded (for the user namespace).
    shell: Any = None
    lock: threading.RLock = field(default_factory=threading.RLock)

    @property
    def current_session(self) -> Session | None:
        """The current target's latest session: `target.open_session()` by hand counts too."""
        if self.target is not None and self.target.latest_session is not None:
            return self.target.latest_session
        return self.session

    def bind(self, session: Session, target: Target) -> None:
        with self.lock:
            self.target = target
            self.session = session
            self.sessions[session.id] = session
            self.targets[target.name] = target

    def forget_workspace(self) -> None:
        """Switching workspaces: sessions and targets of the old one no longer apply."""
        with self.lock:
            self.target = None
            self.session = None
            self.sessions.clear()
            self.targets.clear()


_state = KernelState()


def get_state() -> KernelState:
    return _state


def reset_state() -> KernelState:
    """A fresh state, as after a kernel restart (used by tests and `unload`)."""
    global _state
    _state = KernelState()
    return _state
