"""In a real kernel run by nbclient (as nbconvert does): the widget plus its text form."""

from __future__ import annotations

import re

import nbformat
from nbclient import NotebookClient

CELL = """\
from qdk import qsharp
from qsession_jupyter import widgets
from qsession_jupyter.connection import local_workspace

workspace = local_workspace()
qsharp.init(target_profile=qsharp.TargetProfile.Base)
qsharp.eval("operation Ones() : Result[] { use q = Qubit[3]; X(q[0]); X(q[2]); MResetEachZ(q) }")
target = workspace.get_targets("rigetti.sim.qvm")
session = target.open_session(name="nbconvert")
target.submit(qsharp.compile("Ones()"), name="ones", shots=25).wait_until_completed()
widgets.show(session)
"""


def test_executed_notebook_keeps_a_text_table_and_histogram(local_service):
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(CELL)])
    NotebookClient(notebook, timeout=120, kernel_name="python3").execute()
    outputs = notebook.cells[0].outputs
    shown = [o for o in outputs if o.output_type == "display_data"]
    assert len(shown) == 1, outputs
    data = shown[0].data
    assert "application/vnd.jupyter.widget-view+json" in data
    text = data["text/plain"]
    assert "Session 'nbconvert'" in text and "target rigetti.sim.qvm" in text
    assert "1 job: 1 Succeeded" in text
    assert re.search(r"ones\s+\S+\s+Succeeded", text)
    assert "ones · 25 shots" in text and re.search(r"101 │█+ 25", text)
