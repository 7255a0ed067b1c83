"""The Jupyter server extension behind the "Quantum sessions" sidebar.

`qsession_jupyter/__init__.py` re-exports the three discovery functions below,
so ``jupyter server extension list`` and ``jupyter labextension list`` find the
package by name.
"""

from __future__ import annotations

from typing import Any

from .config import QSessionServer
from .handlers import ROUTES, setup_handlers
from .manager import WorkspaceManager

#: npm name of the prebuilt labextension (labextension/package.json "name").
LABEXTENSION_NAME = "qsession-jupyter"

__all__ = [
    "LABEXTENSION_NAME",
    "ROUTES",
    "QSessionServer",
    "WorkspaceManager",
    "_jupyter_labextension_paths",
    "_jupyter_server_extension_points",
    "_load_jupyter_server_extension",
]


def _jupyter_labextension_paths() -> list[dict[str, str]]:
    return [{"src": "labextension", "dest": LABEXTENSION_NAME}]


def _jupyter_server_extension_points() -> list[dict[str, str]]:
    return [{"module": "qsession_jupyter.server"}]


def _load_jupyter_server_extension(server_app: Any) -> None:
    """Register the ``/qsession/`` routes; connecting waits for the first request."""
    settings = QSessionServer(parent=server_app)
    manager = WorkspaceManager(settings, log=server_app.log)
    setup_handlers(server_app.web_app, manager)
    server_app.log.info(
        "qsession_jupyter: Quantum sessions routes at %sqsession/ (%s workspace)",
        server_app.web_app.settings["base_url"],
        manager.kind,
    )
