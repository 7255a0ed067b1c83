"""Generic helpers for browser tests (used by tests/browser/conftest.py): JupyterLab in a subprocess, Debian Chromium via Playwright.

* `start_lab(...)` / the `lab` fixture: ``jupyter lab`` (or, with
  ``app="notebook"``, Notebook 7's ``jupyter notebook``) on a free loopback port
  with a random token, isolated settings and workspaces, stopped after the test.
* `browser` (session-scoped) and `page`: the system Chromium driven by
  Playwright's sync API, headless.
* `screenshot(page, name)`: saves ``test-artifacts/<name>.png`` (repo-relative).

Tests using these are marked ``@pytest.mark.browser``; they are skipped when
Chromium or Playwright is missing, never silently passed.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
ARTIFACTS = REPO / "test-artifacts"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
LAB_START_TIMEOUT = 60.0
#: The front ends a test can start: (module run with `python -m`, its app's config class).
APPS = {"lab": ("jupyterlab", "LabApp"), "notebook": ("notebook", "JupyterNotebookApp")}


def chromium_path() -> str | None:
    return (
        os.environ.get("QSESSION_CHROMIUM")
        or shutil.which("chromium")
        or shutil.which("chromium-browser")
    )


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class Lab:
    process: subprocess.Popen
    port: int
    token: str
    log_path: Path

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    def url(self, path: str = "lab") -> str:
        separator = "&" if "?" in path else "?"
        return f"{self.base_url}{path}{separator}token={self.token}"

    def api(self, path: str) -> tuple[int, object]:
        """GET a server route with the token (for checks outside the browser)."""
        request = urllib.request.Request(
            self.base_url + path, headers={"Authorization": f"token {self.token}"}
        )
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                return response.status, json.loads(response.read() or b"null")
        except urllib.error.HTTPError as error:
            return error.code, json.loads(error.read() or b"null")

    def log(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)


def start_lab(
    tmp_path: Path,
    *,
    server_config: dict | None = None,
    python_config: str = "",
    env: dict[str, str] | None = None,
    app: str = "lab",
) -> Lab:
    """Start JupyterLab (or Notebook 7) with its own config, settings and workspaces.

    `server_config` becomes jupyter_server_config.json; `python_config` (code
    using `c`) becomes jupyter_server_config.py, for values JSON cannot carry.
    """
    port, token = free_port(), secrets.token_hex(16)
    home = tmp_path / "lab"
    for name in ("root", "config", "settings", "workspaces"):
        (home / name).mkdir(parents=True, exist_ok=True)
    config = {"ServerApp": {"jpserver_extensions": {}}, **(server_config or {})}
    config_file = home / "config" / "jupyter_server_config.json"
    config_file.write_text(json.dumps(config))
    if python_config:
        (home / "config" / "jupyter_server_config.py").write_text(python_config)
    # No "get notified about Jupyter news?" toast over the screenshots.
    (home / "config" / "labconfig").mkdir(exist_ok=True)
    (home / "config" / "labconfig" / "page_config.json").write_text(
        json.dumps({"disabledExtensions": {"@jupyterlab/apputils-extension:announcements": True}})
    )
    log_path = home / "server.log"
    module, app_class = APPS[app]
    command = [
        sys.executable,
        "-m",
        module,
        "--no-browser",
        f"--port={port}",
        "--ip=127.0.0.1",
        f"--IdentityProvider.token={token}",
        "--allow-root",
        f"--ServerApp.root_dir={home / 'root'}",
        f"--{app_class}.user_settings_dir={home / 'settings'}",
        f"--{app_class}.workspaces_dir={home / 'workspaces'}",
        f"--{app_class}.expose_app_in_browser=True",
        "--ServerApp.port_retries=0",
    ]
    if app == "lab":
        command.append("--LabApp.news_url=")
    process_env = {
        **os.environ,
        "JUPYTER_CONFIG_DIR": str(home / "config"),
        # Notebook 7 also loads JupyterLab's server extension, whose settings routes
        # read these rather than the notebook app's options.
        "JUPYTERLAB_SETTINGS_DIR": str(home / "settings"),
        "JUPYTERLAB_WORKSPACES_DIR": str(home / "workspaces"),
        **(env or {}),
    }
    with log_path.open("w") as log:
        process = subprocess.Popen(
            command, stdout=log, stderr=subprocess.STDOUT, env=process_env, cwd=home / "root"
        )
    lab = Lab(process, port, token, log_path)
    deadline = time.monotonic() + LAB_START_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"JupyterLab exited early:\n{lab.log()[-4000:]}")
        try:
            status, _ = lab.api("api/status")
            if status == 200:
                return lab
        except (urllib.error.URLError, ConnectionError, OSError):
            pass
        time.sleep(0.25)
    lab.stop()
    raise TimeoutError(f"JupyterLab did not start in {LAB_START_TIMEOUT}s:\n{lab.log()[-4000:]}")


def screenshot(page, name: str) -> Path:
    """Save a PNG under test-artifacts/ for a person (or the test author) to look at."""
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path))
    return path


def open_lab(page, lab: Lab) -> None:
    """Load JupyterLab and wait until its shell is ready and its saved layout restored.

    Waiting for `restored` too matters under load: a layout restored after a test
    opened the sidebar activates the left area's saved panel (the file browser)
    and hides ours.
    """
    page.goto(lab.url("lab"))
    page.wait_for_selector("#jp-main-dock-panel", state="attached", timeout=60_000)
    page.wait_for_function("window.jupyterapp && window.jupyterapp.started !== undefined")
    page.evaluate("window.jupyterapp.started")
    page.evaluate("window.jupyterapp.restored")


def open_app(page, lab: Lab, path: str) -> None:
    """Load a page of Notebook 7 (`tree`, `notebooks/x.ipynb`) and wait until it is restored."""
    page.goto(lab.url(path))
    page.wait_for_function("window.jupyterapp && window.jupyterapp.started !== undefined")
    page.evaluate("window.jupyterapp.started")
    page.evaluate("window.jupyterapp.restored")


def panel_setup(target: str, session_name: str) -> str:
    """A cell that opens a session on the local workspace and shows its panel; it leaves
    `target` and a compiled Bell `program` for the next cells to submit."""
    return f"""\
from qdk import qsharp
from qsession_jupyter import widgets
from qsession_jupyter.connection import local_workspace

workspace = local_workspace()
qsharp.init(target_profile=qsharp.TargetProfile.Base)
qsharp.eval("operation Bell() : Result[] {{ use q = Qubit[2]; H(q[0]); CNOT(q[0], q[1]); MResetEachZ(q) }}")
program = qsharp.compile("Bell()")
target = workspace.get_targets({target!r})
session = target.open_session(name={session_name!r})
widgets.show(session, idle_timeout=600)
"""


def notebook_json(*sources: str) -> dict:
    """A python3 notebook with these code cells, not yet run."""
    cells = [
        {"cell_type": "code", "metadata": {}, "source": s, "outputs": [], "execution_count": None}
        for s in sources
    ]
    return {
        "cells": cells,
        "metadata": {
            "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}
        },
        "nbformat": 4,
        "nbformat_minor": 5,
    }


def run_command(page, command: str, args: dict | None = None) -> None:
    page.evaluate("([c, a]) => window.jupyterapp.commands.execute(c, a)", [command, args or {}])
