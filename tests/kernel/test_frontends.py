"""Kernels whose front end is not JupyterLab: no notebook path, VS Code, no sidebar.

VS Code's Jupyter extension renders ipywidgets but has no JupyterLab extension
(no sidebar), and sets `__vsc_ipynb_file__` in the namespace instead of
`JPY_SESSION_NAME` in the environment. Other clients set neither.
"""

from __future__ import annotations

import re

import pytest
from kernel_notebooks import error_of, execute, report, report_cell, text_of

pytestmark = pytest.mark.slow

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


def test_attach_never_binds_another_notebooks_session(workspace, tmp_path):
    # A notebook whose front end names no path opens a session...
    other = execute(
        ["%load_ext qsession_jupyter", '%session open -t ionq.simulator -n "other notebook"'],
        tmp_path,
        notebook_name=None,
    )
    assert error_of(other.cells[1]) is None, text_of(other.cells[1])
    # ...and another one, started in the same folder, must not take it for its own.
    vscode_path = str(tmp_path / "vscode.ipynb")
    fresh = execute(
        [
            "%load_ext qsession_jupyter",
            "%session attach",
            report_cell("{'bound': 'target' in globals()}"),
            f"__vsc_ipynb_file__ = {vscode_path!r}",  # what VS Code sets
            '%session open -t rigetti.sim.qvm -n "vscode notebook"',
        ],
        tmp_path,
        notebook_name=None,
        allow_errors=True,
    )
    refused = error_of(fresh.cells[1])
    assert refused is not None and refused.ename == "SessionError"
    assert refused.traceback == [
        "SessionError: `%session attach` without an id found no session: this kernel "
        "cannot tell which notebook it runs (its front end set neither JPY_SESSION_NAME nor "
        "__vsc_ipynb_file__), so it cannot tell this notebook's sessions from another "
        "notebook's. Give the session's id (`%session list` shows them)."
    ]
    assert report(fresh.cells[2]) == {"bound": False}
    assert error_of(fresh.cells[4]) is None, text_of(fresh.cells[4])

    # VS Code names the notebook: after a restart, attach finds that notebook's session.
    restarted = execute(
        [
            f"__vsc_ipynb_file__ = {vscode_path!r}",
            "%load_ext qsession_jupyter",
            "%session attach",
            report_cell("{'name': target.latest_session.details.name, 'target': target.name}"),
            "%session close",
        ],
        tmp_path,
        notebook_name=None,
    )
    assert report(restarted.cells[3]) == {"name": "vscode notebook", "target": "rigetti.sim.qvm"}


def _rows(text: str, job_id: str) -> list[str]:
    return [line for line in text.splitlines() if job_id in line]


def test_without_the_jupyterlab_extension_panel_and_magics_tell_one_story(workspace, tmp_path):
    """What a VS Code user has: the panel (a widget with a text form) and the magics."""
    notebook = execute(
        [
            "%load_ext qsession_jupyter",
            '%session open -t ionq.simulator -n "vscode story"',
            "%%qsharp --submit --shots 40 --name story\n"
            "operation AlwaysOne() : Result {\n    use q = Qubit();\n    X(q);\n    MResetZ(q)\n}\n"
            "AlwaysOne()",
            "job.wait_until_completed(timeout_secs=120, print_progress=False)\n"
            + report_cell("{'id': job.id, 'session': target.latest_session.id}"),
            "%session jobs",
            "%session list --top 5",
            "%session job {job.id}",
            "%session",
        ],
        tmp_path,
        notebook_name="vscode-story.ipynb",
    )
    for cell in notebook.cells:
        assert error_of(cell) is None, text_of(cell)
    ids = report(notebook.cells[3])
    job_id, session_id = ids["id"], ids["session"]

    # The submission showed a live panel (a widget where widgets render) with a text form.
    submitted = notebook.cells[2]
    assert any(WIDGET_VIEW in o.get("data", {}) for o in submitted.outputs)
    assert "<azure.quantum" not in text_of(submitted)

    jobs_row = _rows(text_of(notebook.cells[4]), job_id)
    assert len(jobs_row) == 1 and jobs_row[0].split()[:3] == ["story", job_id, "Succeeded"]
    list_row = _rows(text_of(notebook.cells[5]), session_id)
    assert len(list_row) == 1 and "1 job: 1 Succeeded" in list_row[0], list_row

    job_view = text_of(notebook.cells[6])
    assert f"Job 'story'  id {job_id}" in job_view and "state Succeeded" in job_view
    assert re.search(r"^\s*1 │█+ 40$", job_view, re.M), job_view  # X then measure: always 1

    panel = notebook.cells[7]
    assert any(WIDGET_VIEW in o.get("data", {}) for o in panel.outputs)
    panel_row = _rows(text_of(panel), job_id)
    assert len(panel_row) == 1 and panel_row[0].split()[:3] == ["story", job_id, "Succeeded"]
