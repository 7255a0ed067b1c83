"""Notebook 7 (`jupyter notebook`) in Chromium: the panel renders and updates, and the
sidebar opens from the View menu and lists the workspace's sessions.

Notebook 7 is built from JupyterLab's packages but has its own shell: one
document per browser tab, side panels that start collapsed, and a View menu
that lists them. The sidebar uses only the generic shell API, so it must work
there unchanged. Screenshots land in test-artifacts/.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "server"))

from browser_support import (  # noqa: E402
    notebook_json,
    open_app,
    panel_setup,
    run_command,
    screenshot,
)
from sdk_items import bell_program, open_session, wait_for  # noqa: E402

pytestmark = pytest.mark.browser

SIDEBAR = "#qsession-jupyter-sidebar"
PANEL = ".qsp-panel"
SERVER_EXTENSION = {"qsession_jupyter": False, "qsession_jupyter.server": True}
FINAL = {"Succeeded", "Failed", "Cancelled"}

SETUP = panel_setup("ionq.simulator", "notebook 7 loop")

LOOP = """\
for step in range(3):
    target.submit(program, name=f"nb7 step {step}", shots=100).wait_until_completed()
print("loop done")
"""


def kernel_idle(page) -> bool:
    return page.evaluate(
        """() => {
            const panel = window.jupyterapp.shell.currentWidget;
            const kernel = panel && panel.sessionContext && panel.sessionContext.session
                && panel.sessionContext.session.kernel;
            return Boolean(kernel) && kernel.status === 'idle';
        }"""
    )


def test_panel_renders_and_updates_in_notebook_7(lab_factory, page, make_service, tmp_path):
    service = make_service("nb7-panel")
    server = lab_factory(
        "nb7-panel", app="notebook", env={"QSESSION_DATA_DIR": str(service.data_dir)}
    )
    root = tmp_path / "nb7-panel" / "lab" / "root"
    (root / "panel.ipynb").write_text(json.dumps(notebook_json(SETUP, LOOP)))

    open_app(page, server, "notebooks/panel.ipynb")
    page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=60_000)
    page.wait_for_function(
        """() => { const p = window.jupyterapp.shell.currentWidget;
            const k = p && p.sessionContext && p.sessionContext.session
                && p.sessionContext.session.kernel;
            return Boolean(k) && k.status === 'idle'; }""",
        timeout=60_000,
    )
    run_command(page, "notebook:run-cell-and-select-next")
    page.wait_for_selector(f"{PANEL} .qsp-header", timeout=60_000)
    header = page.locator(f"{PANEL} .qsp-header").first.text_content()
    assert "notebook 7 loop" in header and "ionq.simulator" in header
    assert page.locator(f"{PANEL} tr[data-job-id]").count() == 0

    # The next cell submits jobs; the first cell's panel fills in through widget comms.
    run_command(page, "notebook:run-cell-and-select-next")
    page.wait_for_selector("text=loop done", timeout=90_000)
    page.wait_for_function(
        f"() => document.querySelectorAll('{PANEL} tr[data-job-id][data-state=\"Succeeded\"]')"
        ".length === 3",
        timeout=60_000,
    )
    names = page.locator(f"{PANEL} tr[data-job-id] td:first-child").all_text_contents()
    assert names == ["nb7 step 2", "nb7 step 1", "nb7 step 0"]
    assert "3 Succeeded" in page.locator(f"{PANEL} .qsp-counts").text_content()
    page.wait_for_selector(f"{PANEL} .qsp-histogram img", state="visible")
    assert kernel_idle(page)  # the poller's updates do not keep the kernel busy
    page.locator(PANEL).scroll_into_view_if_needed()
    screenshot(page, "notebook7-panel")


def test_sidebar_opens_from_the_view_menu_and_lists_sessions(
    lab_factory, page, make_service, tmp_path
):
    service = make_service("nb7-sidebar", time_scale="1")
    workspace = service.workspace()
    session, target = open_session(workspace, "rigetti.sim.qvm", "notebook-7-session")
    job = target.submit(bell_program(), name="nb7-job", shots=100)
    wait_for(job, FINAL)
    session.close()
    wait_for(session, {"Succeeded"})

    server = lab_factory(
        "nb7-sidebar",
        app="notebook",
        server_config={"ServerApp": {"jpserver_extensions": SERVER_EXTENSION}},
        env={"QSESSION_DATA_DIR": str(service.data_dir)},
    )
    home = tmp_path / "nb7-sidebar" / "lab"
    (home / "root" / "empty.ipynb").write_text(json.dumps(notebook_json("1 + 1")))
    # The user's setting for the poll (schema/sidebar.json), as the Settings Editor saves it.
    settings = home / "settings" / "qsession-jupyter" / "sidebar.jupyterlab-settings"
    settings.parent.mkdir(parents=True)
    settings.write_text(json.dumps({"pendingInterval": 1500, "maxInterval": 45000}))
    open_app(page, server, "notebooks/empty.ipynb")
    page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=60_000)
    assert not page.locator(SIDEBAR).is_visible()  # Notebook 7's side panels start closed

    page.locator(".lm-MenuBar-itemLabel", has_text="View").click()
    page.locator(".lm-Menu-itemLabel", has_text="Open Quantum Sessions").click()
    page.wait_for_selector(f"{SIDEBAR} .jp-qsession-table", timeout=30_000)
    assert page.locator(SIDEBAR).is_visible()
    intervals = page.evaluate(
        """() => [...window.jupyterapp.shell.widgets('left')]
            .find(w => w.id === 'qsession-jupyter-sidebar').model.intervals"""
    )
    assert intervals == {"pending": 1500, "idle": 5000, "max": 45000}
    session_row = page.locator(f'{SIDEBAR} tr[data-item-id="{session.id}"]')
    session_row.wait_for(timeout=30_000)
    assert "notebook-7-session" in session_row.inner_text()
    assert session_row.get_attribute("data-state") == "Succeeded"
    assert "1 job: 1 Succeeded" in session_row.inner_text()
    screenshot(page, "notebook7-sidebar")

    # A session opens to its jobs, as in JupyterLab.
    session_row.locator("button.jp-qsession-link").click()
    job_row = page.locator(f'{SIDEBAR} table[aria-label="All jobs"] tr[data-item-id="{job.id}"]')
    job_row.wait_for(timeout=30_000)
    assert "nb7-job" in job_row.inner_text()
    assert job_row.get_attribute("data-state") == "Succeeded"
    screenshot(page, "notebook7-sidebar-session")

    # Notebook 7 lists the panel in its View menu's side-panel entries too; it toggles it.
    page.locator(".lm-MenuBar-itemLabel", has_text="View").click()
    page.locator(".lm-Menu-itemLabel", has_text="Left Sidebar").hover()
    page.locator(".lm-Menu-itemLabel", has_text="Show Quantum sessions").click()
    page.wait_for_selector(SIDEBAR, state="hidden")
