"""Run an example notebook top to bottom in a real ipykernel, as a user would.

The kernel is ipykernel's `python3` from the test environment, started by
nbclient. It inherits the test session's environment (QSESSION_DATA_DIR and
JUPYTER_RUNTIME_DIR), so `%load_ext qsession_jupyter` finds the test's local
service. Like the Jupyter server, the runner sets JPY_SESSION_NAME to the
notebook's path, which `%session attach` uses to remember the notebook's session.

A code cell tagged `restart-kernel` is run in a freshly restarted kernel,
exactly as if the user had chosen Kernel → Restart before running it. A cell
tagged `raises-exception` may end in an error (nbclient's own convention); the
error stays in the cell's outputs for the test to read.
"""

from __future__ import annotations

import asyncio
import base64
import json
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import nbformat
import pytest
from nbclient import NotebookClient

NOTEBOOKS = Path(__file__).resolve().parents[2] / "notebooks"
RESTART_TAG = "restart-kernel"
RESULT_LINE = re.compile(r"^RESULT (\{.*\})\s*$", re.MULTILINE)
#: Variables that would send the kernel to a real Azure workspace.
_AZURE_VARIABLES = (
    "AZURE_QUANTUM_CONNECTION_STRING",
    "AZURE_QUANTUM_SUBSCRIPTION_ID",
    "AZURE_QUANTUM_WORKSPACE_RG",
    "AZURE_QUANTUM_WORKSPACE_NAME",
)


@dataclass
class ExecutedNotebook:
    path: Path
    nb: Any
    restarts: int

    @property
    def code_cells(self) -> list[Any]:
        return [cell for cell in self.nb.cells if cell.cell_type == "code"]

    def cell(self, tag: str) -> Any:
        """The code cell carrying `tag` (tests name cells by tags, not by position)."""
        tagged = [c for c in self.code_cells if tag in c.metadata.get("tags", [])]
        assert len(tagged) == 1, f"{self.path.name}: expected one cell tagged {tag!r}"
        return tagged[0]

    def text(self, cell: Any | None = None) -> str:
        """Everything a cell (or the whole notebook) printed or displayed as text.

        The kernel sends a stream in chunks cut wherever its flush timer fires
        (under load, even between `print`'s arguments), so consecutive stream
        outputs are joined as they were written; other outputs start a new line.
        """
        cells = [cell] if cell is not None else self.code_cells
        parts: list[str] = []
        for c in cells:
            for output in c.get("outputs", []):
                text = output_text(output)
                if output.output_type != "stream" and parts and not parts[-1].endswith("\n"):
                    parts.append("\n")
                parts.append(text)
                if output.output_type != "stream":
                    parts.append("\n")
            if parts and not parts[-1].endswith("\n"):
                parts.append("\n")
        return "".join(parts)

    def mime_types(self, cell: Any | None = None) -> set[str]:
        cells = [cell] if cell is not None else self.code_cells
        found: set[str] = set()
        for c in cells:
            for output in c.get("outputs", []):
                found.update(output.get("data", {}).keys())
        return found

    def errors(self, cell: Any | None = None) -> list[Any]:
        cells = [cell] if cell is not None else self.code_cells
        return [o for c in cells for o in c.get("outputs", []) if o.output_type == "error"]

    def widget_pngs(self) -> list[bytes]:
        """PNG images held by the notebook's ipywidgets `Image` models (e.g. histograms)."""
        widgets = self.nb.metadata.get("widgets", {})
        state = widgets.get("application/vnd.jupyter.widget-state+json", {}).get("state", {})
        pngs = []
        for model in state.values():
            if model.get("model_name") != "ImageModel":
                continue
            for buffer in model.get("buffers", []):
                data = base64.b64decode(buffer["data"])
                if buffer["path"] == ["value"] and data.startswith(b"\x89PNG"):
                    pngs.append(data)
        return pngs

    def result(self) -> dict[str, Any]:
        """What the notebook printed on its `RESULT {...}` lines, merged in order.

        A notebook that restarts its kernel prints one line before and one after.
        """
        stdout = "".join(
            output.text
            for c in self.code_cells
            for output in c.get("outputs", [])
            if output.output_type == "stream" and output.name == "stdout"
        )
        found = RESULT_LINE.findall(stdout)
        assert found, f"{self.path.name} printed no RESULT line; outputs:\n{self.text()[-3000:]}"
        merged: dict[str, Any] = {}
        for line in found:
            merged.update(json.loads(line))
        return merged


def output_text(output: Any) -> str:
    if output.output_type == "stream":
        return output.text
    if output.output_type == "error":
        return f"{output.ename}: {output.evalue}"
    return str(output.get("data", {}).get("text/plain", ""))


def kernel_env(notebook: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in _AZURE_VARIABLES}
    env["JPY_SESSION_NAME"] = str(notebook)
    # Plots become PNG outputs, as in JupyterLab, whatever backend the caller's shell chose.
    env["MPLBACKEND"] = "module://matplotlib_inline.backend_inline"
    return env


def run_notebook(
    name: str,
    workdir: Path,
    *,
    cell_timeout: float = 180,
    env: dict[str, str] | None = None,
) -> ExecutedNotebook:
    """Execute notebooks/`name` in a fresh kernel started in `workdir`."""
    path = NOTEBOOKS / name
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(
        nb,
        kernel_name="python3",
        timeout=cell_timeout,
        startup_timeout=120,
        resources={"metadata": {"path": str(workdir)}},
    )
    kernel_environment = kernel_env(path)
    if env:
        kernel_environment.update(env)
    restarts = asyncio.run(_execute(client, kernel_environment))
    return ExecutedNotebook(path, nb, restarts)


async def _execute(client: NotebookClient, env: dict[str, str]) -> int:
    restarts = 0
    client.reset_execution_trackers()
    async with client.async_setup_kernel(env=env):
        for index, cell in enumerate(client.nb.cells):
            if cell.cell_type == "code" and RESTART_TAG in cell.metadata.get("tags", []):
                await client.km.restart_kernel(now=False)
                await client.kc.wait_for_ready(timeout=120)
                restarts += 1
            await client.async_execute_cell(
                cell, index, execution_count=client.code_cells_executed + 1
            )
        client.set_widgets_metadata()
    return restarts


def executed_notebook(name: str, **kwargs: Any) -> Any:
    """A module-scoped fixture: `name` run once on the test session's local service.

    `local_service` starts first, so the kernel's `%load_ext` finds it (with the
    test timings) through QSESSION_DATA_DIR and JUPYTER_RUNTIME_DIR instead of
    starting a service of its own. The tests of a module then read one run.
    """

    @pytest.fixture(scope="module")
    def executed(local_service, tmp_path_factory) -> ExecutedNotebook:
        return run_notebook(name, tmp_path_factory.mktemp(Path(name).stem[:2]), **kwargs)

    return executed
