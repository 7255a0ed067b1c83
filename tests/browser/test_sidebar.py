"""The "Quantum sessions" sidebar in real JupyterLab and Chromium, on a real local service.

Sessions and jobs are made with the SDK; the JupyterLab server finds the same
local service through QSESSION_DATA_DIR, exactly as a user's server would.
Screenshots land in test-artifacts/.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "server"))

from browser_support import open_lab, run_command, screenshot  # noqa: E402
from sdk_items import (  # noqa: E402
    open_session,
    submit,
    submit_broken,
    wait_for,
)

pytestmark = pytest.mark.browser

SIDEBAR = "#qsession-jupyter-sidebar"
FINAL = {"Succeeded", "Failed", "Cancelled"}
#: Use the extension's server module directly, whatever the package re-exports.
SERVER_EXTENSION = {"qsession_jupyter": False, "qsession_jupyter.server": True}


def row(page, item_id: str):
    return page.locator(f'{SIDEBAR} tr[data-item-id="{item_id}"]')


def wait_state(page, item_id: str, state: str, timeout: float = 30_000) -> None:
    page.wait_for_selector(
        f'{SIDEBAR} tr[data-item-id="{item_id}"][data-state="{state}"]', timeout=timeout
    )


def wait_ids(page, expected: set[str]) -> None:
    """Wait until the listed rows are exactly `expected` (filters apply asynchronously)."""
    page.wait_for_function(
        """([selector, ids]) => {
            const shown = [...document.querySelectorAll(selector)].map(r => r.dataset.itemId);
            return shown.length === ids.length && ids.every(id => shown.includes(id));
        }""",
        arg=[f"{SIDEBAR} tbody tr[data-item-id]", sorted(expected)],
    )


def widen_sidebar(page, width: int = 1300) -> None:
    """Drag the left sidebar's splitter so the whole table shows."""
    handle = page.locator("#jp-main-split-panel > .lm-SplitPanel-handle").first
    box = handle.bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + 200)
    page.mouse.down()
    page.mouse.move(width, box["y"] + 200, steps=8)
    page.mouse.up()


@pytest.fixture
def scenario(make_service):
    """A workspace of its own: one finished session, one live one, two lone jobs."""
    service = make_service("browser", time_scale="1")
    workspace = service.workspace()
    finished, target = open_session(workspace, "rigetti.sim.qvm", "vqe-iterations")
    session_jobs = [target.submit(_bell(), name=f"vqe-step-{i}", shots=100) for i in range(2)]
    for job in session_jobs:
        wait_for(job, FINAL)
    finished.close()
    wait_for(finished, {"Succeeded"})
    lone = submit(workspace, "ionq.simulator", "bell-standalone", shots=200)
    broken = submit_broken(workspace, "rigetti.sim.qvm", "broken-input")
    for job in (lone, broken):
        wait_for(job, FINAL)
    # One-at-a-time emulated QPU at real speed: the first job runs ~40 s and
    # the second waits behind it.
    live, qpu = open_session(workspace, "ionq.qpu.aria-1", "live-session")
    running = qpu.submit(_bell(), name="long-running", shots=8000)
    queued = qpu.submit(_bell(), name="queued-behind", shots=2000)
    yield {
        "service": service,
        "finished": finished,
        "session_jobs": session_jobs,
        "lone": lone,
        "broken": broken,
        "live": live,
        "running": running,
        "queued": queued,
    }
    for job in (running, queued):
        try:
            workspace.cancel_job(job)
        except Exception:  # noqa: BLE001 - already final
            pass


def _bell():
    from sdk_items import bell_program

    return bell_program()


def test_sidebar_lists_filters_opens_cancels_and_closes(lab_factory, page, scenario):
    lab = lab_factory(
        server_config={"ServerApp": {"jpserver_extensions": SERVER_EXTENSION}},
        env={"QSESSION_DATA_DIR": str(scenario["service"].data_dir)},
    )
    open_lab(page, lab)
    run_command(page, "qsession:open-sidebar")
    page.wait_for_selector(f"{SIDEBAR} .jp-qsession-table")
    wait_state(page, scenario["finished"].id, "Succeeded")
    # The default narrow sidebar keeps the name and the status; under each name a
    # short id and the time tell same-named items apart, and a session its job count.
    assert not page.locator(f"{SIDEBAR} th.jp-qsession-col-id").is_visible()
    finished_details = row(page, scenario["finished"].id).locator(".jp-qsession-name-details")
    assert scenario["finished"].id[:8] in finished_details.locator("code").inner_text()
    assert finished_details.locator("code").is_visible()
    assert "2 jobs: 2 Succeeded" in finished_details.inner_text()
    screenshot(page, "sidebar-narrow")
    widen_sidebar(page)
    assert page.locator(f"{SIDEBAR} th.jp-qsession-col-id").is_visible()
    assert not finished_details.locator("code").is_visible()
    # Portal columns: Provider, and "Status"; whole ids when there is room.
    headers = page.locator(f"{SIDEBAR} thead th").all_inner_texts()
    assert [h.strip(" ↑↓") for h in headers] == [
        "Name",
        "Id",
        "Type",
        "Provider",
        "Target",
        "Status",
        "Submission time",
        "Cost estimate",
    ]
    id_cell = row(page, scenario["finished"].id).locator(".jp-qsession-id code")
    assert id_cell.evaluate("c => c.scrollWidth <= c.clientWidth")  # not cut to "…"

    # The list: top-level items only, with the states the SDK reports.
    s = scenario
    wait_state(page, s["finished"].id, "Succeeded")
    wait_state(page, s["lone"].id, "Succeeded")
    wait_state(page, s["broken"].id, "Failed")
    everything = {s["finished"].id, s["lone"].id, s["broken"].id, s["live"].id}
    wait_ids(page, everything)
    assert "local workspace" in page.locator(f"{SIDEBAR} .jp-qsession-workspace-label").inner_text()
    finished_row = row(page, s["finished"].id)
    assert finished_row.locator(".jp-qsession-col-type").inner_text() == "Session"
    assert (
        row(page, s["lone"].id).locator(".jp-qsession-col-type").inner_text() == "Quantum Computing"
    )
    assert (
        row(page, s["lone"].id).locator(".jp-qsession-col-target").inner_text() == "ionq.simulator"
    )
    assert row(page, s["lone"].id).locator(".jp-qsession-col-provider").inner_text() == "ionq"
    # A session's cost is the sum of its jobs' (the service leaves it empty).
    assert finished_row.locator(".jp-qsession-col-cost").inner_text() != "--"
    # Executing and Waiting differ in icon (and colour), here and in the panel.
    # Newest first by submission time.
    assert page.locator(f"{SIDEBAR} tbody tr").first.get_attribute("data-item-id") == s["live"].id
    screenshot(page, "sidebar-wide")

    # Filters: name, state, type.
    page.fill(f"{SIDEBAR} .jp-qsession-search", "vqe")
    wait_ids(page, {s["finished"].id})
    screenshot(page, "sidebar-filter-name")
    page.fill(f"{SIDEBAR} .jp-qsession-search", "")
    wait_ids(page, everything)
    page.select_option(f'{SIDEBAR} select[aria-label="State"]', "Failed")
    wait_ids(page, {s["broken"].id})
    page.select_option(f'{SIDEBAR} select[aria-label="State"]', "")
    page.select_option(f'{SIDEBAR} select[aria-label="Type"]', "Session")
    wait_ids(page, {s["finished"].id, s["live"].id})
    page.select_option(f'{SIDEBAR} select[aria-label="Type"]', "")
    wait_ids(page, everything)
    page.select_option(f'{SIDEBAR} select[aria-label="Submitted"]', "today")
    page.select_option(f'{SIDEBAR} select[aria-label="State"]', "Succeeded")
    wait_ids(page, {s["finished"].id, s["lone"].id})
    page.select_option(f'{SIDEBAR} select[aria-label="State"]', "")
    page.select_option(f'{SIDEBAR} select[aria-label="Submitted"]', "")
    wait_ids(page, everything)

    # The live session: its jobs, cancel the queued one, close the session.
    row(page, s["live"].id).locator(".jp-qsession-link").click()
    page.wait_for_selector(f'{SIDEBAR} [data-session-id="{s["live"].id}"]')
    wait_state(page, s["running"].id, "Executing")
    wait_state(page, s["queued"].id, "Waiting")
    screenshot(page, "sidebar-session-live")
    icons = {
        state: page.locator(f'{SIDEBAR} tr[data-state="{state}"] .jp-qsession-state').first
        for state in ("Executing", "Waiting")
    }
    assert icons["Executing"].get_attribute("data-icon") == "play"
    assert icons["Waiting"].get_attribute("data-icon") == "clock"
    # Cancelling asks first; "Keep it" keeps the job.
    row(page, s["running"].id).get_by_role("button", name="Cancel job").click()
    dialog = page.locator(".jp-Dialog")
    assert "running" in dialog.inner_text()
    screenshot(page, "sidebar-cancel-confirm")
    dialog.get_by_role("button", name="Keep it").click()
    dialog.wait_for(state="detached")
    assert row(page, s["running"].id).get_attribute("data-state") == "Executing"
    row(page, s["queued"].id).get_by_role("button", name="Cancel job").click()
    page.locator(".jp-Dialog").get_by_role("button", name="Cancel job").click()
    wait_state(page, s["queued"].id, "Cancelled")
    page.get_by_role("button", name="Close session").click()
    notice = page.wait_for_selector(f"{SIDEBAR} .jp-qsession-banner-info")
    # Closing neither waits for nor cancels the running job.
    assert "ends when its running jobs finish" in notice.inner_text()
    page.locator(SIDEBAR).get_by_text("Close requested").wait_for()
    screenshot(page, "sidebar-session-cancel-close")
    assert wait_for(s["queued"], FINAL) == "Cancelled"
    s["live"].refresh()
    assert s["live"].details.status in ("Executing", "Succeeded")
    page.get_by_role("button", name="‹ Quantum sessions").click()

    # A finished session's jobs, then one job's details and histogram.
    row(page, s["finished"].id).locator(".jp-qsession-link").click()
    first_job = s["session_jobs"][1]
    wait_state(page, first_job.id, "Succeeded")
    row(page, first_job.id).locator(".jp-qsession-link").click()
    page.wait_for_selector(f'{SIDEBAR} [data-job-id="{first_job.id}"] .jp-qsession-histogram')
    bars = page.locator(f"{SIDEBAR} .jp-qsession-bar-label").all_inner_texts()
    assert bars and set(bars) <= {"[0, 0]", "[1, 1]"}
    assert '"shots": 100' in page.locator(f"{SIDEBAR} .jp-qsession-params").inner_text()
    screenshot(page, "sidebar-job-histogram")
    page.get_by_role("button", name="‹ All jobs").click()
    page.get_by_role("button", name="‹ Quantum sessions").click()

    # Keyboard: arrows move between rows, Enter opens the failed job.
    page.locator(f"{SIDEBAR} tbody .jp-qsession-link").first.focus()
    for _ in range(4):
        focused = page.evaluate("document.activeElement.closest('tr').dataset.itemId")
        if focused == s["broken"].id:
            break
        page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    page.wait_for_selector(f'{SIDEBAR} [data-job-id="{s["broken"].id}"]')
    error = page.locator(f'{SIDEBAR} [data-job-id="{s["broken"].id}"] .jp-qsession-banner-error')
    assert "InvalidInputData" in error.inner_text()
    screenshot(page, "sidebar-job-error")

    # Dark theme: same panel, theme variables only.
    page.get_by_role("button", name="‹ Quantum sessions").click()
    run_command(page, "apputils:change-theme", {"theme": "JupyterLab Dark"})
    page.wait_for_function("document.body.dataset.jpThemeLight === 'false'")
    page.wait_for_selector("#jupyterlab-splash", state="detached")
    run_command(page, "qsession:refresh")
    wait_state(page, s["finished"].id, "Succeeded")
    screenshot(page, "sidebar-wide-dark")
    widen_sidebar(page, 360)
    assert not page.locator(f"{SIDEBAR} th.jp-qsession-col-id").is_visible()
    screenshot(page, "sidebar-narrow-dark")


def test_sidebar_says_when_the_server_extension_is_missing(lab_factory, page, make_service):
    lab = lab_factory(
        server_config={"ServerApp": {"jpserver_extensions": {"qsession_jupyter": False}}},
    )
    open_lab(page, lab)
    # The View menu has the sidebar (the settings schema's menu entry).
    page.locator(".lm-MenuBar-itemLabel", has_text="View").click()
    page.locator(".lm-Menu-itemLabel", has_text="Open Quantum Sessions").click()
    banner = page.wait_for_selector(f'{SIDEBAR} [data-error-code="extension_missing"]')
    assert "server extension" in banner.inner_text()
    assert "pip install qsession-jupyter" in banner.inner_text()
    screenshot(page, "sidebar-extension-missing")


FAILING_WORKSPACE = """
from qsession_jupyter.connection import workspace_at

def make_workspace():
    return workspace_at({endpoint!r}, {key!r})

c.QSessionServer.workspace_factory = make_workspace
"""


@pytest.mark.parametrize(
    ("case", "code", "title"),
    [
        ("wrong-key", "auth", "Not authorised"),
        ("unreachable", "unreachable", "Workspace unreachable"),
    ],
)
def test_sidebar_explains_workspace_failures(lab_factory, page, local_service, case, code, title):
    from browser_support import free_port

    if case == "wrong-key":
        key, endpoint = "not-the-key", local_service.endpoint
    else:
        key, endpoint = "any", f"http://127.0.0.1:{free_port()}/"
    lab = lab_factory(
        server_config={"ServerApp": {"jpserver_extensions": SERVER_EXTENSION}},
        python_config=FAILING_WORKSPACE.format(key=key, endpoint=endpoint),
    )
    open_lab(page, lab)
    run_command(page, "qsession:open-sidebar")
    banner = page.wait_for_selector(f'{SIDEBAR} [data-error-code="{code}"]', timeout=60_000)
    assert title in banner.inner_text()
    # The header still says which workspace failed.
    label = page.locator(f"{SIDEBAR} .jp-qsession-workspace-label")
    page.wait_for_function(
        "el => el.textContent.includes('local workspace')", arg=label.element_handle()
    )
    screenshot(page, f"sidebar-error-{case}")
    if code == "auth":
        # Polling stops on a credentials error: no more requests reach the route.
        assert (
            "auto-refresh stopped" in page.locator(f"{SIDEBAR} .jp-qsession-workspace").inner_text()
        )
        count = lab.log().count("/qsession/workspace")
        assert count >= 1, "the refused request should be in the server log"
        page.wait_for_timeout(5000)
        assert lab.log().count("/qsession/workspace") == count
