"""The panel's timeline and failure banner, against real sessions on the local service.

The service runs with a 2 s exclusive window and a fast time scale (the test
options), so a Quantinuum gap past the window takes seconds, not minutes.
"""

from __future__ import annotations

import html
import re
import time

from widget_support import bell, wait_for

from qsession_jupyter import budgets
from qsession_jupyter.budgets import SessionBudget
from qsession_jupyter.client.clocks import session_clocks
from qsession_jupyter.connection import local_workspace
from qsession_jupyter.views.states import enum_text
from qsession_jupyter.views.timeline import AZURE_CLOCKS
from qsession_jupyter.widgets.api import panel_for

WINDOW = 2.0


def test_the_clocks_are_the_local_services_own(make_service, workspace):
    service = make_service("clocks", exclusive_window=WINDOW, session_idle_timeout=45)
    clocks = session_clocks(local_workspace(data_dir=service.data_dir))
    assert (clocks.exclusive_window, clocks.idle_timeout) == (WINDOW, 45)
    assert session_clocks(workspace) == AZURE_CLOCKS  # not made by local_workspace: Azure's


def test_quantinuum_gap_past_the_window_is_drawn_lapsed(make_service):
    service = make_service("lapsed", exclusive_window=WINDOW, time_scale=0.05)
    workspace = local_workspace(data_dir=service.data_dir)
    target = workspace.get_targets("quantinuum.sim.h2-1e")
    with target.open_session(name="h2 loop") as session:
        target.submit(bell(), name="quick", shots=10).wait_until_completed(timeout_secs=60)
        target.submit(bell(), name="next", shots=10).wait_until_completed(timeout_secs=60)
        time.sleep(WINDOW + 1)  # the optimiser thinks too long
        target.submit(bell(), name="late", shots=10).wait_until_completed(timeout_secs=60)
        panel = panel_for(session)
        try:
            drawn = panel.timeline.value
            assert 'aria-label="Session timeline"' in drawn
            assert drawn.count('class="qsp-tl-job"') == 3
            assert drawn.count("qsp-tl-executing") >= 3  # one per bar (plus the legend's key)
            lapsed = re.findall(r'data-lapsed="true" title="([^"]+)"', drawn)
            assert lapsed, drawn
            assert "over the 2.0 s exclusive window" in lapsed[0]
            assert "exclusive window lapsed (&gt; 2.0 s)" in drawn
            assert re.search(r"Longest gap <b>[3-9][.\d]* s</b>", drawn)
            assert re.search(r"Device busy <b>\d+ %</b>", drawn)
            assert "Exclusive window lapsed <b>" in drawn
            # Without widgets (nbconvert), the text form says the same.
            assert re.search(
                r"Device busy \d+ % · Median gap .* · Exclusive window lapsed", panel.text()
            )
        finally:
            panel.close()


def test_other_targets_show_gaps_and_the_idle_timeout_but_no_window(make_service):
    service = make_service("ionq", session_idle_timeout=40)
    workspace = local_workspace(data_dir=service.data_dir)
    target = workspace.get_targets("ionq.simulator")
    with target.open_session(name="ionq loop") as session:
        target.submit(bell(), name="one", shots=10).wait_until_completed(timeout_secs=60)
        time.sleep(0.5)
        target.submit(bell(), name="two", shots=10).wait_until_completed(timeout_secs=60)
        panel = panel_for(session)
        try:
            drawn = panel.timeline.value
            assert drawn.count('class="qsp-tl-job"') == 2
            assert 'data-lapsed="false"' in drawn and 'data-lapsed="true"' not in drawn
            assert "exclusive window" not in drawn
            assert re.search(r"idle timeout in \d+ s \(after 40 s idle\)", drawn)
            assert "Median gap <b>" in drawn and "Median gap <b>--</b>" not in drawn
            # The clock above agrees: the countdown runs from the service's 40 s.
            assert re.search(r"Idle timeout in <b>\d+ s</b>", panel.clock.value)
        finally:
            panel.close()


def test_a_session_failed_under_abort_says_so_in_a_banner(workspace):
    target = workspace.get_targets("rigetti.sim.qvm")
    with target.open_session(name="aborted") as session:
        target.submit(bell(), name="fine", shots=10).wait_until_completed(timeout_secs=60)
        panel = panel_for(session)
        try:
            assert panel.banner.value == ""  # a healthy session has none
            bad = target.submit("DECLARE ro BIT[1]\nthis is not quil", name="broken", shots=10)
            bad.wait_until_completed(timeout_secs=60)
            wait_for(
                lambda: enum_text(workspace.get_session(session.id).details.status) == "Failed",
                what="the session to fail",
            )
            panel.poll()  # what the poller thread does
            banner = html.unescape(panel.banner.value)
            assert 'role="alert"' in banner
            assert 'This session failed: job "broken"' in banner
            assert bad.id in banner
            assert bad.details.error_data.code in banner
            assert "Under the Abort policy it takes no more jobs" in banner
            assert 'This session failed: job "broken"' in panel.text()
        finally:
            panel.close()


def test_spend_shows_the_budget_meter_and_the_forecast(workspace):
    target = workspace.get_targets("ionq.qpu.aria-1")
    with target.open_session(name="paid") as session:
        budgets.save(SessionBudget(session.id, 1000.0, "USD"))
        job = target.submit(bell(), name="first", shots=10)
        job.wait_until_completed(timeout_secs=60)
        cost = float(job.details.cost_estimate.estimated_total)
        assert cost > 0
        panel = panel_for(session)
        try:
            shown = html.unescape(panel.spend.value)
            assert f"Spent <b>${cost:.2f}</b> of <b" in shown and "$1000</b> budget" in shown
            percent = round(100 * cost / 1000)
            assert 'role="meter" aria-label="Budget spent"' in shown
            assert f'aria-valuenow="{percent}"' in shown
            fit = int((1000 - cost) // cost)
            assert f"About {fit} more jobs like the last one (${cost:.2f}) fit." in shown
            # A lower budget, set while the panel is open, shows at the next refresh.
            budgets.save(SessionBudget(session.id, cost, "USD"))
            panel.poll()
            panel.render()
            shown = html.unescape(panel.spend.value)
            assert 'data-level="full"' in shown
            assert "The budget is used up: raise it with %session budget AMOUNT." in shown
            assert f"Spent ${cost:.2f} of ${cost:.2f} budget. The budget is used up" in panel.text()
        finally:
            panel.close()


def test_a_free_session_without_budget_shows_no_spend_line(workspace):
    target = workspace.get_targets("rigetti.sim.qvm")
    with target.open_session(name="free") as session:
        target.submit(bell(), name="one", shots=10).wait_until_completed(timeout_secs=60)
        panel = panel_for(session)
        try:
            assert panel.spend.value == ""
            assert 'aria-label="Session timeline"' in panel.timeline.value
        finally:
            panel.close()
