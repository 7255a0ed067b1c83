"""Running small notebooks in real kernels (nbclient) against the test session's service."""

from __future__ import annotations

import json
import os
from pathlib import Path

import nbformat
from nbclient import NotebookClient

MARKER = "RESULT:"


def report_cell(expression: str) -> str:
    """A cell that prints `expression` as JSON behind a marker, for the test to read."""
    return f"import json as _json\nprint({MARKER!r} + _json.dumps({expression}, default=str))"


def execute(
    cells: list[str],
    workdir: Path,
    notebook_name: str | None = "test.ipynb",
    allow_errors: bool = False,
    timeout: int = 240,
) -> nbformat.NotebookNode:
    """Execute the cells in a fresh python3 kernel that uses the test session's service.

    The kernel inherits QSESSION_DATA_DIR and JUPYTER_RUNTIME_DIR from the test
    process (set by the `qsession_env` fixture), and JPY_SESSION_NAME names the
    notebook, as Jupyter server does (`notebook_name=None`: a front end that does not).
    """
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [nbformat.v4.new_code_cell(source) for source in cells]
    env = dict(os.environ)
    env.pop("JPY_SESSION_NAME", None)
    if notebook_name is not None:
        env["JPY_SESSION_NAME"] = str(workdir / notebook_name)
    env.pop("PYTHONWARNINGS", None)
    client = NotebookClient(
        notebook,
        kernel_name="python3",
        timeout=timeout,
        allow_errors=allow_errors,
        resources={"metadata": {"path": str(workdir)}},
    )
    client.execute(env=env)
    return notebook


def text_of(cell: nbformat.NotebookNode) -> str:
    """Everything a cell showed: streams, results and errors, as text."""
    parts = []
    for output in cell.get("outputs", []):
        if output.output_type == "stream":
            parts.append(output.text)
        elif output.output_type in ("execute_result", "display_data"):
            parts.append(output.data.get("text/plain", ""))
        elif output.output_type == "error":
            parts.append("\n".join(output.traceback))
    # Each output starts on its own line, as a notebook shows them.
    return "".join(part if part.endswith("\n") else part + "\n" for part in parts)


def report(cell: nbformat.NotebookNode) -> object:
    for line in text_of(cell).splitlines():
        if line.startswith(MARKER):
            return json.loads(line[len(MARKER) :])
    raise AssertionError(f"no report in cell output:\n{text_of(cell)}")


def error_of(cell: nbformat.NotebookNode) -> nbformat.NotebookNode | None:
    for output in cell.get("outputs", []):
        if output.output_type == "error":
            return output
    return None
