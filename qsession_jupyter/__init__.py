"""qsession-jupyter: interactive Azure Quantum sessions in Jupyter.

Names are imported on first use so that `import qsession_jupyter` stays fast
and pulls in neither Qiskit nor Cirq.
"""

from __future__ import annotations

import importlib

_EXPORTS = {
    "connect": "qsession_jupyter.connection",
    "local_workspace": "qsession_jupyter.connection",
    "describe_workspace": "qsession_jupyter.connection",
    "open_session": "qsession_jupyter.kernel.api",
    "current_session": "qsession_jupyter.kernel.api",
    "attach": "qsession_jupyter.kernel.api",
    "close_sessions": "qsession_jupyter.kernel.api",
    "job_monitor": "qsession_jupyter.kernel.api",
    "current_target": "qsession_jupyter.kernel.api",
    "current_workspace": "qsession_jupyter.kernel.api",
    "use_workspace": "qsession_jupyter.kernel.api",
    "get_target": "qsession_jupyter.kernel.api",
    "find_session": "qsession_jupyter.kernel.api",
    "list_sessions": "qsession_jupyter.kernel.api",
    "session_jobs": "qsession_jupyter.kernel.api",
    "set_budget": "qsession_jupyter.kernel.spending",
    "show_session": "qsession_jupyter.kernel.display",
    "estimate_cost": "qsession_jupyter.costs.estimate",
}

__all__ = [*sorted(_EXPORTS), "load_ipython_extension", "unload_ipython_extension"]


def __getattr__(name: str):
    if name == "__version__":  # one version for the package and the sidebar: package.json's
        from .about import package_version

        return package_version()
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'qsession_jupyter' has no attribute '{name}'")
    return getattr(importlib.import_module(module), name)


def load_ipython_extension(ipython) -> None:
    from .kernel.extension import load_ipython_extension as load

    load(ipython)


def unload_ipython_extension(ipython) -> None:
    from .kernel.extension import unload_ipython_extension as unload

    unload(ipython)


def _jupyter_server_extension_points() -> list[dict]:
    from .server import _jupyter_server_extension_points as points

    return points()


def _jupyter_labextension_paths() -> list[dict]:
    from .server import _jupyter_labextension_paths as paths

    return paths()
