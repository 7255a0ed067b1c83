"""README.md's examples, run as a reader would: each ```python block is one notebook
cell, executed in order in a real kernel on the test session's local service.

So the README cannot rot: a renamed magic, a changed message or an example
that only works pasted whole fails here.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from kernel.kernel_notebooks import error_of, execute, text_of

pytestmark = pytest.mark.slow

README = Path(__file__).resolve().parents[1] / "README.md"
PYTHON_BLOCK = re.compile(r"^```python\n(.*?)^```\s*$", re.MULTILINE | re.DOTALL)


def readme_cells() -> list[str]:
    return [block.rstrip("\n") for block in PYTHON_BLOCK.findall(README.read_text())]


def test_readme_has_the_first_session_as_separate_cells():
    cells = readme_cells()
    # IPython passes a comment on this line to %load_ext as part of the module name.
    assert cells[0] == "%load_ext qsession_jupyter"
    assert any(cell.startswith("%%qsharp\n") for cell in cells)
    for cell in cells:
        # A cell magic only works at the top of its own cell.
        assert "\n%%" not in cell, cell


def test_every_readme_cell_runs_in_a_real_kernel(local_service, tmp_path):
    cells = readme_cells()
    notebook = execute(cells, tmp_path, notebook_name="readme.ipynb", allow_errors=True)
    for source, cell in zip(cells, notebook.cells, strict=True):
        assert error_of(cell) is None, f"README cell failed:\n{source}\n---\n{text_of(cell)}"
    outputs = [text_of(cell) for cell in notebook.cells]
    everything = "".join(outputs)
    assert "`workspace` is the local workspace" in everything
    assert "`target` submits into this session." in everything
    # The loop printed three results of a random bit, 100 shots each.
    results = re.findall(r"\{[^}]*\}", outputs[cells.index(_loop_cell(cells))])
    assert len(results) == 3, everything
    closing = next(i for i, cell in enumerate(cells) if cell.startswith("%session close"))
    assert "Closed session 'My session'" in outputs[closing]
    # The Qiskit primitives example: <ZZ> = 1 exactly, <XX> = sin(0.5) within shot noise.
    primitives = next(i for i, cell in enumerate(cells) if "EstimatorV2(mode=session)" in cell)
    assert re.search(r"\[1\.\s+0\.[45]\d*\]", outputs[primitives]), outputs[primitives]
    # backend.run on ionq.simulator: exact counts of a Bell pair.
    qiskit_run = next(i for i, cell in enumerate(cells) if "backend.run(bell" in cell)
    assert "{'00': 50, '11': 50}" in outputs[qiskit_run], outputs[qiskit_run]
    cirq = next(i for i, cell in enumerate(cells) if "AzureQuantumService" in cell)
    assert "{0: 0.5, 1: 0.5}" in outputs[cirq], outputs[cirq]
    # Cost before submitting, then a long job found by its id and cancelled.
    estimate = next(i for i, cell in enumerate(cells) if "estimate_cost(" in cell)
    total, currency = outputs[estimate].split()
    assert float(total) > 0 and currency == "USD", outputs[estimate]
    line = outputs[next(i for i, cell in enumerate(cells) if "%session estimate" in cell)]
    assert "per job (10000 shots on ionq.qpu.aria-1); 100 jobs: $" in line, line
    budget = next(i for i, cell in enumerate(cells) if cell.startswith("%session budget"))
    assert "Session 'Paid hardware': budget $150, spent $" in outputs[budget], outputs[budget]
    shown = next(i for i, cell in enumerate(cells) if cell.startswith("%session job "))
    assert "Job 'Long job'" in outputs[shown], outputs[shown]
    cancelled = next(i for i, cell in enumerate(cells) if cell.startswith("%session cancel"))
    assert re.match(r"Cancel(led|ling) job 'Long job'", outputs[cancelled]), outputs[cancelled]
    jobs = next(i for i, cell in enumerate(cells) if cell.startswith("%session jobs"))
    assert all(f"Job {i}" in outputs[jobs] for i in range(3)), outputs[jobs]


def test_readme_commands_work_as_typed_after_setup():
    """The setup puts qsession-local in .venv/bin, which is not on PATH: every command
    a reader would type says where it is (or runs after `source .venv/bin/activate`)."""
    text = README.read_text()
    typed = [line.strip() for line in text.splitlines() if line.startswith("    ")]
    typed += re.findall(r"`([^`\n]+)`", text)
    bare = [
        command
        for command in typed
        if re.match(r"(qsession-local|jupyter|pytest|ruff)\s", command)
        and "activate" not in command
    ]
    assert not bare, f"commands that fail as typed (not on PATH): {bare}"


def _loop_cell(cells: list[str]) -> str:
    return next(cell for cell in cells if cell.startswith("for "))
