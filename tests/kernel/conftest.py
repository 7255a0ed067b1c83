"""Kernel-side fixtures: a real IPython shell with the extension loaded, and helpers.

The shell is IPython's own `InteractiveShell` (the class ipykernel builds on),
so magics parse, run and report errors exactly as they do in a notebook.
"""

from __future__ import annotations

import io
import sys
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import dataclass

import pytest


@dataclass
class CellRun:
    result: object
    out: str

    @property
    def error(self):
        return self.result.error_before_exec or self.result.error_in_exec


@pytest.fixture(scope="session")
def ipython_shell(local_service):
    from IPython.core.interactiveshell import InteractiveShell

    shell = InteractiveShell.instance(colors="nocolor")
    yield shell


@pytest.fixture
def shell(ipython_shell, workspace, monkeypatch, tmp_path):
    """The shell with the extension loaded and a fresh kernel state on `workspace`."""
    from qdk import qsharp

    from qsession_jupyter.kernel import extension, state

    monkeypatch.setenv("JPY_SESSION_NAME", str(tmp_path / "notebook.ipynb"))
    # A new kernel's qdk interpreter: other tests in this process may have left
    # the process-wide one initialised for the Base profile.
    qsharp.init()
    state.reset_state()
    ipython_shell.user_ns["workspace"] = workspace
    extension.load_ipython_extension(ipython_shell)
    yield ipython_shell
    from qsession_jupyter.kernel import api

    try:
        api.close_sessions(all=True)
    except Exception:
        pass
    for name in ("target", "workspace"):
        ipython_shell.user_ns.pop(name, None)
    state.reset_state()


@pytest.fixture
def run(shell):
    """Run one cell; returns its result and everything it printed (stdout and stderr)."""

    def run_cell(code: str) -> CellRun:
        buffer = io.StringIO()
        with redirect_stdout(buffer), redirect_stderr(buffer):
            result = shell.run_cell(code, store_history=False)
            sys.stdout.flush()
        return CellRun(result, buffer.getvalue())

    return run_cell
