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

The notebooks are tutorials and print nothing for the tests' sake. A test reads
the kernel's variables instead, with *probes*: the body of a function returning
a JSON-ready dict, run in the kernel after the cell with a given tag (or at the
end) through the kernel client, silently, so the notebook's cells, outputs and
execution counts stay exactly what a user gets.
"""

from __future__ import annotations

import ast
import asyncio
import base64
import json
import os
import textwrap
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import nbformat
import pytest
from nbclient import NotebookClient

NOTEBOOKS = Path(__file__).resolve().parents[2] / "notebooks"
RESTART_TAG = "restart-kernel"
#: The probe key that runs after the last cell.
AT_END = "end"
_PROBE = "_qsession_test_probe"
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
    probed: dict[str, Any] = field(default_factory=dict)

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
        """What the probes read from the kernel, merged in the order they ran."""
        assert self.probed, f"{self.path.name}: no probe ran; outputs:\n{self.text()[-3000:]}"
        return self.probed


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
    probes: dict[str, str] | None = None,
) -> ExecutedNotebook:
    """Execute notebooks/`name` in a fresh kernel started in `workdir`.

    `probes` maps a cell tag (or AT_END) to a function body that returns a dict
    of what the test checks; see the module docstring.
    """
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
    probes = dict(probes or {})
    tags = {tag for cell in nb.cells for tag in cell.metadata.get("tags", [])}
    unknown = set(probes) - tags - {AT_END}
    assert not unknown, f"{name}: no cell tagged {sorted(unknown)} to probe after"
    executed = ExecutedNotebook(path, nb, 0)
    asyncio.run(_execute(client, kernel_environment, probes, executed))
    return executed


async def _execute(
    client: NotebookClient, env: dict[str, str], probes: dict[str, str], into: ExecutedNotebook
) -> None:
    client.reset_execution_trackers()
    async with client.async_setup_kernel(env=env):
        for index, cell in enumerate(client.nb.cells):
            tags = cell.metadata.get("tags", [])
            if cell.cell_type == "code" and RESTART_TAG in tags:
                await client.km.restart_kernel(now=False)
                await client.kc.wait_for_ready(timeout=120)
                into.restarts += 1
            await client.async_execute_cell(
                cell, index, execution_count=client.code_cells_executed + 1
            )
            for tag in tags:
                if tag in probes:
                    into.probed.update(await _probe(client, probes[tag]))
        if AT_END in probes:
            into.probed.update(await _probe(client, probes[AT_END]))
        client.set_widgets_metadata()


async def _probe(client: NotebookClient, body: str) -> dict[str, Any]:
    """Run `body` as a function in the kernel, silently, and return its JSON-ready dict."""
    source = f"def {_PROBE}():\n{textwrap.indent(textwrap.dedent(body), '    ')}\n"
    expression = f"__import__('json').dumps({_PROBE}())"
    reply = await client.kc.execute_interactive(
        source,
        silent=True,
        store_history=False,
        user_expressions={"value": expression},
        timeout=client.timeout,
        output_hook=lambda message: None,
    )
    await client.kc.execute_interactive(
        f"del {_PROBE}", silent=True, store_history=False, output_hook=lambda message: None
    )
    content = reply["content"]
    assert content["status"] == "ok", f"probe failed: {content.get('evalue')}\n{body}"
    value = content["user_expressions"]["value"]
    assert value["status"] == "ok", f"probe failed: {value.get('ename')}: {value.get('evalue')}"
    return json.loads(ast.literal_eval(value["data"]["text/plain"]))


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
