"""The session panel in real JupyterLab and Chromium, while a loop of jobs runs.

A notebook shows the panel in one cell and runs a VQE-style loop in the next;
the panel's rows must turn Succeeded while the loop is still running (the
kernel's main thread is busy, only the poller thread can update them) and a
histogram image must appear. Screenshots land in test-artifacts/.
"""

from __future__ import annotations

import json

import pytest
from browser_support import (
    ARTIFACTS,
    notebook_json,
    open_lab,
    panel_setup,
    run_command,
    screenshot,
)

pytestmark = pytest.mark.browser

PANEL = ".qsp-panel"
ITERATIONS = 6

SETUP = panel_setup("rigetti.sim.qvm", "browser loop")

LOOP = f"""\
import time
for step in range({ITERATIONS}):
    job = target.submit(program, name=f"step {{step}}", shots=100)
    job.wait_until_completed()
    time.sleep(1.5)  # the classical optimiser's turn
print("loop done")
"""


def open_notebook(lab_factory, page, service, tmp_path, name: str, *sources: str) -> None:
    """JupyterLab on `service`'s data with a notebook of `sources` open and its kernel idle."""
    lab = lab_factory(f"{name}-lab", env={"QSESSION_DATA_DIR": str(service.data_dir)})
    root = tmp_path / f"{name}-lab" / "lab" / "root"
    (root / f"{name}.ipynb").write_text(json.dumps(notebook_json(*sources)))
    open_lab(page, lab)
    run_command(page, "docmanager:open", {"path": f"{name}.ipynb"})
    page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=60_000)
    page.wait_for_selector(".jp-Notebook-ExecutionIndicator[data-status='idle']", timeout=60_000)


def start_command(page, command: str) -> None:
    """Start a JupyterLab command without waiting for its promise (a running cell's)."""
    page.evaluate("(c) => { window.jupyterapp.commands.execute(c); }", command)


def succeeded_rows(page) -> int:
    return page.locator(f'{PANEL} tr[data-job-id][data-state="Succeeded"]').count()


def loop_cell_busy(page) -> bool:
    prompt = page.locator(".jp-Notebook .jp-Cell").nth(1).locator(".jp-InputPrompt")
    return "[*]" in (prompt.text_content() or "")


def test_panel_follows_a_loop_running_in_the_next_cell(lab_factory, page, make_service, tmp_path):
    service = make_service("panel-browser")
    open_notebook(lab_factory, page, service, tmp_path, "panel", SETUP, LOOP)
    run_command(page, "notebook:run-cell-and-select-next")  # resolves when the cell is done
    page.wait_for_selector(f"{PANEL} .qsp-header", timeout=60_000)
    start_command(page, "notebook:run-cell-and-select-next")  # the loop: do not wait for it

    # The panel renders with the session's header before any job exists.
    page.wait_for_selector(f"{PANEL} .qsp-header", timeout=60_000)
    header = page.locator(f"{PANEL} .qsp-header").first
    assert "browser loop" in header.text_content()
    assert "rigetti.sim.qvm" in header.text_content()
    assert page.locator(f"{PANEL} button.qsp-copy").count() == 1

    # While the loop cell is still running, rows turn Succeeded one after another.
    seen_during_loop = 0
    page.wait_for_function(
        "() => document.querySelectorAll('.qsp-panel tr[data-job-id]').length >= 1"
    )
    while loop_cell_busy(page):
        seen_during_loop = max(seen_during_loop, succeeded_rows(page))
        if seen_during_loop >= 2:
            break
        page.wait_for_timeout(200)
    assert loop_cell_busy(page), "the loop ended before the panel showed two finished jobs"
    assert seen_during_loop >= 2
    page.wait_for_selector(f"{PANEL} .qsp-histogram img", state="visible")
    screenshot(page, "panel-during-loop")

    # After the loop: every row Succeeded, newest first, and the histogram of the last one.
    page.wait_for_function(
        f"() => document.querySelectorAll('{PANEL} tr[data-job-id][data-state=\"Succeeded\"]').length"
        f" === {ITERATIONS}",
        timeout=60_000,
    )
    page.wait_for_selector("text=loop done", timeout=60_000)
    # The poller's updates do not keep the kernel looking busy.
    page.wait_for_selector(".jp-Notebook-ExecutionIndicator[data-status='idle']", timeout=10_000)
    names = page.locator(f"{PANEL} tr[data-job-id] td:first-child").all_text_contents()
    assert names == [f"step {i}" for i in reversed(range(ITERATIONS))]
    assert f"{ITERATIONS} Succeeded" in page.locator(f"{PANEL} .qsp-counts").text_content()
    image = page.locator(f"{PANEL} .qsp-histogram img")
    page.wait_for_function(
        "() => { const i = document.querySelector('.qsp-panel .qsp-histogram img');"
        " return i && i.naturalWidth > 200; }"
    )
    assert image.bounding_box()["height"] > 100
    page.locator(PANEL).scroll_into_view_if_needed()
    screenshot(page, "panel-after-loop")

    # The id's copy button works in the browser alone (no round trip to a kernel).
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    session_id = page.locator(f"{PANEL} .qsp-header code").first.text_content()
    page.locator(f"{PANEL} button.qsp-copy").click()
    assert page.evaluate("navigator.clipboard.readText()") == session_id
    # The label says so, and stays: the header is not redrawn while only the clocks run.
    page.wait_for_timeout(2500)
    assert page.locator(f"{PANEL} button.qsp-copy").text_content() == "Copied"

    # Close the session from the panel: the badge turns Succeeded.
    page.locator(f"{PANEL} button", has_text="Close session").click()
    page.wait_for_selector(f'{PANEL} .qsp-header .qsp-badge[data-state="Succeeded"]')
    assert "Idle timeout" not in page.locator(f"{PANEL} .qsp-clock").text_content()

    # The panel reflows from full width down to a ~400 px notebook.
    for theme in ("light", "dark"):
        if theme == "dark":
            run_command(page, "apputils:change-theme", {"theme": "JupyterLab Dark"})
            page.wait_for_function("() => document.body.dataset.jpThemeLight === 'false'")
            page.wait_for_timeout(500)
        for target in (1200, 400):
            # The notebook's chrome (file browser, prompts) takes the rest of the window.
            chrome = 1600 - page.locator(PANEL).bounding_box()["width"]
            page.set_viewport_size({"width": int(target + chrome), "height": 1000})
            page.wait_for_timeout(400)
            width = check_reflow(page)
            assert abs(width - target) < 40, f"the panel is {width} px wide"
            shown_id = page.locator(f"{PANEL} td.qsp-col-id").first
            if target == 1200:  # room for whole ids
                assert len(shown_id.inner_text().strip()) == 36, shown_id.inner_text()
            panel_shot(page, f"panel-{target}px-{theme}")
            page.set_viewport_size({"width": 1600, "height": 1000})
            page.wait_for_timeout(400)
    screenshot(page, "panel-after-loop-dark")

    # A kernel restart leaves the old panel in the page: it says it is disconnected and
    # its buttons no longer act.
    page.evaluate(
        "() => window.jupyterapp.shell.currentWidget.sessionContext.session.kernel.restart()"
    )
    page.wait_for_selector(f"{PANEL}.jupyter-widgets-disconnected", timeout=30_000)
    note = page.evaluate(
        """() => getComputedStyle(
            document.querySelector('.qsp-panel .qsp-header'), '::before').content"""
    )
    assert "Disconnected" in note
    refresh = page.locator(f"{PANEL} button", has_text="Refresh")
    assert refresh.evaluate("b => getComputedStyle(b).pointerEvents") == "none"
    panel_shot(page, "panel-disconnected")


def check_reflow(page) -> float:
    """No part of the panel is wider than it, no button label is cut, the histogram fills it."""
    return page.evaluate(
        """() => {
        const panel = document.querySelector('.qsp-panel');
        const width = panel.getBoundingClientRect().width;
        const problems = [];
        for (const el of panel.querySelectorAll('*')) {
            const box = el.getBoundingClientRect();
            if (box.width > 0 && el.scrollWidth > el.clientWidth + 1 &&
                getComputedStyle(el).overflowX !== 'visible') {
                problems.push('scrolls sideways: ' + el.className);
            }
            if (box.right > panel.getBoundingClientRect().right + 1 && box.width > 0) {
                problems.push('sticks out: ' + (el.className || el.tagName));
            }
        }
        for (const b of panel.querySelectorAll('button.jupyter-button')) {
            if (b.offsetParent && b.scrollWidth > b.clientWidth + 1) {
                problems.push('label cut: ' + b.textContent);
            }
        }
        const img = panel.querySelector('.qsp-histogram img');
        const share = img.getBoundingClientRect().width / width;
        if (share < 0.6 && img.getBoundingClientRect().width < 880) {
            problems.push('histogram is only ' + Math.round(100 * share) + '% wide');
        }
        if (problems.length) { throw new Error(problems.join('\\n')); }
        return width;
    }"""
    )


def panel_shot(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    panel = page.locator(PANEL)
    panel.scroll_into_view_if_needed()
    panel.screenshot(path=str(ARTIFACTS / f"{name}.png"))
