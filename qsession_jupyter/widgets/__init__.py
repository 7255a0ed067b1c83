"""The session panel: live job status and shot histograms in the notebook.

`show(session_or_job)` is the entry point; `panel_for` builds a panel without
displaying it; `monitor_job` is `job_monitor` with the panel. Names load on
first use so importing the package does not import ipywidgets or matplotlib.
"""

from __future__ import annotations

import importlib

_EXPORTS = {
    "show": "qsession_jupyter.widgets.api",
    "panel_for": "qsession_jupyter.widgets.api",
    "monitor_job": "qsession_jupyter.widgets.api",
    "widgets_render": "qsession_jupyter.widgets.api",
    "SessionPanel": "qsession_jupyter.widgets.panel",
    "JobPanel": "qsession_jupyter.widgets.jobpanel",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str):
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'qsession_jupyter.widgets' has no attribute '{name}'")
    return getattr(importlib.import_module(module), name)
