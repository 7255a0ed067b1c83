"""The session timeline and spend, in the notebook panel and in the sidebar, in Chromium.

A Quantinuum session on the emulated H2-1 runs three jobs with a pause longer
than the exclusive window between the second and the third. The service runs
with a 2 s window (`--exclusive-window`) and a fast time scale (`--time-scale`),
so the lapse takes seconds instead of a minute; both views must show that gap
as lapsed. Each view is checked at about 400 px, in the light and the dark
theme; screenshots land in test-artifacts/.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "server"))

from browser_support import ARTIFACTS, open_lab, run_command  # noqa: E402
from sdk_items import bell_program, wait_for  # noqa: E402
from test_panel import open_notebook  # noqa: E402

from qsession_jupyter import budgets  # noqa: E402
from qsession_jupyter.budgets import SessionBudget  # noqa: E402
from qsession_jupyter.connection import local_workspace  # noqa: E402

pytestmark = pytest.mark.browser

WINDOW = 2.0
SIDEBAR = "#qsession-jupyter-sidebar"
PANEL = ".qsp-panel"
SERVER_EXTENSION = {"qsession_jupyter": False, "qsession_jupyter.server": True}
BUDGET = 100.0
IDLE = 6.0


def fast_service(make_service, name: str):
    # Jobs of about half a second (100 shots on H2-1's time model, halved): long enough to
    # see. Sessions time out after IDLE s without a job: longer than the loops' pauses.
    return make_service(name, exclusive_window=WINDOW, time_scale=0.5, session_idle_timeout=IDLE)


def hqc(job) -> float:
    """A finished Quantinuum job's price: its HQC events (the service's total says 0 USD)."""
    return sum(e.amount_billed for e in job.details.cost_estimate.events)


def set_theme(page, theme: str) -> None:
    name = "JupyterLab Dark" if theme == "dark" else "JupyterLab Light"
    run_command(page, "apputils:change-theme", {"theme": name})
    light = "true" if theme == "light" else "false"
    page.wait_for_function(f"() => document.body.dataset.jpThemeLight === '{light}'")
    page.wait_for_timeout(500)


def no_sideways_overflow(page, selector: str) -> float:
    """The element's width; fails if anything inside it sticks out or scrolls sideways."""
    return page.evaluate(
        """(selector) => {
        const root = document.querySelector(selector);
        const edge = root.getBoundingClientRect().right;
        const problems = [];
        for (const el of root.querySelectorAll('*')) {
            const box = el.getBoundingClientRect();
            if (box.width > 0 && box.right > edge + 1) {
                problems.push('sticks out: ' + (el.className || el.tagName));
            }
        }
        if (problems.length) { throw new Error(problems.join('\\n')); }
        return root.getBoundingClientRect().width;
    }""",
        selector,
    )


def drag_sidebar(page, width: int) -> None:
    """Drag the left area's splitter until the sidebar is `width` px wide."""
    handle = page.locator("#jp-main-split-panel > .lm-SplitPanel-handle").first
    box = handle.bounding_box()
    left = page.locator(SIDEBAR).bounding_box()["x"]
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + 200)
    page.mouse.down()
    page.mouse.move(left + width, box["y"] + 200, steps=8)
    page.mouse.up()
    page.wait_for_timeout(300)


def shot(page, selector: str, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    element = page.locator(selector).first
    element.scroll_into_view_if_needed()
    element.screenshot(path=str(ARTIFACTS / f"{name}.png"))


def check_timeline(figure, jobs: int) -> None:
    """Bars, a lapsed gap and the facts under it, as a user reads them."""
    assert figure.get_attribute("aria-label") == "Session timeline"
    assert figure.locator("[data-job-id]").count() == jobs
    lapsed = figure.locator('[data-lapsed="true"]')
    assert lapsed.count() >= 1
    assert "over the 2.0 s exclusive window" in lapsed.first.get_attribute("title")
    text = figure.inner_text()
    assert "exclusive window lapsed (> 2.0 s)" in text
    for label in ("Device busy", "Median gap", "Longest gap"):
        assert label in text


# -- the sidebar -------------------------------------------------------------------------


@pytest.fixture
def h2_session(make_service, monkeypatch):
    """A finished Quantinuum session: two quick jobs, a pause past the window, one more."""
    service = fast_service(make_service, "timeline-sidebar")
    # The budget book lives beside the data the Jupyter server is pointed at.
    monkeypatch.setenv("QSESSION_DATA_DIR", str(service.data_dir))
    workspace = local_workspace(data_dir=service.data_dir)
    target = workspace.get_targets("quantinuum.qpu.h2-1")
    session = target.open_session(name="h2 optimiser")
    budgets.save(SessionBudget(session.id, BUDGET, "HQC"))
    jobs = []
    for name, pause in (("step 0", 0), ("step 1", WINDOW + 1.5), ("step 2", 0)):
        job = target.submit(bell_program(), name=name, shots=100)
        assert wait_for(job, {"Succeeded"}) == "Succeeded"
        jobs.append(job)
        time.sleep(pause)
    session.close()
    wait_for(session, {"Succeeded"})
    # And one left open after its job, until the idle timeout ends it.
    idle = workspace.get_targets("ionq.simulator")
    forgotten = idle.open_session(name="forgotten")
    assert wait_for(idle.submit(bell_program(), name="only", shots=10), {"Succeeded"})
    assert wait_for(forgotten, {"TimedOut"}, timeout=IDLE + 20) == "TimedOut"
    return {"service": service, "session": session, "jobs": jobs, "timed_out": forgotten}


def test_sidebar_shows_spend_and_a_timeline_with_the_lapsed_window(lab_factory, page, h2_session):
    session, jobs = h2_session["session"], h2_session["jobs"]
    lab = lab_factory(
        "timeline-lab",
        server_config={"ServerApp": {"jpserver_extensions": SERVER_EXTENSION}},
        env={"QSESSION_DATA_DIR": str(h2_session["service"].data_dir)},
    )
    open_lab(page, lab)
    run_command(page, "qsession:open-sidebar")
    row = page.locator(f'{SIDEBAR} tr[data-item-id="{session.id}"]')
    row.wait_for()
    # The list's cost column (shown in a wide sidebar): the session's honest sum, in HQC.
    drag_sidebar(page, 1300)
    total = sum(hqc(job) for job in jobs)
    cost = row.locator("td.jp-qsession-col-cost")
    assert cost.is_visible() and cost.inner_text().strip() == f"{total:g} HQC"

    row.locator(".jp-qsession-link").click()
    figure = page.locator(f'{SIDEBAR} figure[aria-label="Session timeline"]')
    figure.wait_for()
    check_timeline(figure, 3)

    drag_sidebar(page, 400)
    for theme in ("light", "dark"):
        set_theme(page, theme)
        width = no_sideways_overflow(page, f"{SIDEBAR} .jp-qsession-overview")
        assert 340 < width <= 400, f"the overview is {width} px wide"
        assert (
            figure.locator(".jp-qsession-tl-job .jp-qsession-tl-executing").first.bounding_box()[
                "width"
            ]
            >= 2
        )
        shot(page, f"{SIDEBAR} .jp-qsession-overview", f"timeline-sidebar-400px-{theme}")

    # A session that timed out: the idle timeout is a dashed line where it fell.
    drag_sidebar(page, 400)
    set_theme(page, "light")
    page.get_by_role("button", name="‹ Quantum sessions").click()
    forgotten = h2_session["timed_out"]
    page.locator(f'{SIDEBAR} tr[data-item-id="{forgotten.id}"] .jp-qsession-link').click()
    page.wait_for_selector(f'{SIDEBAR} [data-session-id="{forgotten.id}"]')
    idle_figure = page.locator(f'{SIDEBAR} figure[aria-label="Session timeline"]')
    idle_figure.wait_for()
    line = idle_figure.locator(".jp-qsession-tl-track .jp-qsession-tl-idle")
    assert line.is_visible() and line.get_attribute("title") == "Idle timeout (6.0 s)"
    assert "timed out after 6.0 s idle" in idle_figure.inner_text()
    assert "exclusive window" not in idle_figure.inner_text()  # IonQ has none
    shot(page, f"{SIDEBAR} .jp-qsession-overview", "timeline-sidebar-timed-out-400px-light")
    page.get_by_role("button", name="‹ Quantum sessions").click()
    page.locator(f'{SIDEBAR} tr[data-item-id="{session.id}"] .jp-qsession-link').click()
    page.wait_for_selector(f'{SIDEBAR} [data-session-id="{session.id}"] .jp-qsession-spend')

    # Spend: the HQCs of its jobs against its budget, with the meter and the forecast.
    spend = page.locator(f"{SIDEBAR} .jp-qsession-spend")
    assert f"Spent {total:g} HQC of {BUDGET:g} HQC budget" in spend.inner_text()
    meter = spend.get_by_role("meter", name="Budget spent")
    assert meter.get_attribute("aria-valuenow") == str(round(100 * total / BUDGET))
    fit = int((BUDGET - total) // hqc(jobs[-1]))
    assert f"About {fit} more jobs like the last one" in spend.inner_text()


# -- the panel ---------------------------------------------------------------------------

SETUP = f"""\
import time
from qdk import qsharp
from qsession_jupyter import budgets, widgets
from qsession_jupyter.budgets import SessionBudget
from qsession_jupyter.connection import local_workspace

workspace = local_workspace()
qsharp.init(target_profile=qsharp.TargetProfile.Base)
qsharp.eval("operation Bell() : Result[] {{ use q = Qubit[2]; H(q[0]); CNOT(q[0], q[1]); MResetEachZ(q) }}")
program = qsharp.compile("Bell()")
target = workspace.get_targets("quantinuum.qpu.h2-1")
session = target.open_session(name="h2 in a notebook")
budgets.save(SessionBudget(session.id, {BUDGET}, "HQC"))
widgets.show(session)
"""

LOOP = f"""\
for step, pause in enumerate([0, {WINDOW + 1.5}, 0]):
    target.submit(program, name=f"step {{step}}", shots=100).wait_until_completed()
    time.sleep(pause)
print("loop done")
"""


def test_panel_draws_the_timeline_live_with_the_lapsed_window(
    lab_factory, page, make_service, tmp_path
):
    service = fast_service(make_service, "timeline-panel")
    open_notebook(lab_factory, page, service, tmp_path, "timeline", SETUP, LOOP)
    run_command(page, "notebook:run-cell-and-select-next")
    figure = page.locator(f'{PANEL} figure[aria-label="Session timeline"]')
    figure.wait_for(timeout=60_000)
    assert figure.locator("[data-job-id]").count() == 0  # no job yet: an empty track
    run_command(page, "notebook:run-cell-and-select-next")
    page.wait_for_selector("text=loop done", timeout=120_000)
    # The poller draws the last job and the lapse without a cell asking it to.
    page.wait_for_function(
        "() => document.querySelectorAll('.qsp-panel .qsp-tl-job').length === 3",
        timeout=30_000,
    )
    check_timeline(figure, 3)

    for theme in ("light", "dark"):
        set_theme(page, theme)
        chrome = 1600 - page.locator(PANEL).bounding_box()["width"]
        page.set_viewport_size({"width": int(400 + chrome), "height": 1000})
        page.wait_for_timeout(400)
        width = no_sideways_overflow(page, PANEL)
        assert abs(width - 400) < 40, f"the panel is {width} px wide"
        shot(page, f"{PANEL} .qsp-timeline-box", f"timeline-panel-400px-{theme}")
        shot(page, PANEL, f"timeline-panel-whole-400px-{theme}")
        page.set_viewport_size({"width": 1600, "height": 1000})
        page.wait_for_timeout(400)

    # Spend: the HQCs of its jobs against its budget, and the forecast.
    spend = page.locator(f"{PANEL} .qsp-spend")
    assert "HQC budget" in spend.inner_text() and "About" in spend.inner_text()
