"""The session panel's widget state against real sessions on the local service."""

from __future__ import annotations

import re

import pytest
from azure.quantum.job.session import SessionJobFailurePolicy
from widget_support import bell, ones, wait_for

from qsession_jupyter.client.poller import Backoff, Poller
from qsession_jupyter.client.tracker import SessionTracker
from qsession_jupyter.widgets.api import panel_for, show
from qsession_jupyter.widgets.panel import SessionPanel


def row_states(panel: SessionPanel) -> list[tuple[str, str]]:
    """(job id, state) of the rows on the panel's current page, top to bottom."""
    return re.findall(r'<tr data-job-id="([^"]+)" data-state="([^"]+)"', panel.table.value)


def make_panel(session, **kwargs) -> SessionPanel:
    poller = kwargs.pop("poller", None) or Poller(Backoff(first=0.05, busy_max=0.2, idle_max=0.5))
    panel = SessionPanel(
        SessionTracker(session.workspace, session.id, session), poller=poller, **kwargs
    )
    panel.poll()
    return panel


def finish(jobs):
    for job in jobs:
        job.wait_until_completed(timeout_secs=60)


def test_panel_shows_header_rows_counts_and_the_latest_histogram(workspace):
    target = workspace.get_targets("rigetti.sim.qvm")
    with target.open_session(name="panel basics") as session:
        jobs = [target.submit(bell(), name=f"bell {i}", shots=40) for i in range(3)]
        finish(jobs)
        panel = make_panel(session)
        header = panel.header.value
        assert "panel basics" in header and session.id in header and "rigetti.sim.qvm" in header
        assert "Failure policy <b>Abort</b>" in header
        assert 'data-state="Executing"' in header  # the session's badge
        assert "navigator.clipboard.writeText" in header and "Copy id" in header
        assert [job_id for job_id, _ in row_states(panel)] == [j.id for j in reversed(jobs)]
        assert {state for _, state in row_states(panel)} == {"Succeeded"}
        assert "<b>3</b> jobs" in panel.counts.value and "3 Succeeded" in panel.counts.value
        # The latest finished job is drawn by default.
        bars = panel.histogram.bars
        assert bars is not None and bars.title == "bell 2 · 40 shots"
        assert set(bars.labels) <= {"00", "11"} and sum(bars.heights) == 40
        assert panel.histogram.image.value[:4] == b"\x89PNG"
        assert re.search(f'data-job-id="{jobs[2].id}"[^>]*class="qsp-selected"', panel.table.value)
        panel.histogram.labels.value = "kets"
        assert set(panel.histogram.bars.labels) <= {"|00⟩", "|11⟩"}
        panel.histogram.values.value = "probabilities"
        assert sum(panel.histogram.bars.heights) == pytest.approx(1.0)
        # Picking another job draws that one.
        panel.picker.value = jobs[0].id
        assert panel.histogram.bars.title == "bell 0 · 40 shots"
        panel.close()


def test_idle_countdown_shows_while_the_session_waits_for_jobs(workspace):
    target = workspace.get_targets("rigetti.sim.qvm")
    with target.open_session(name="idle") as session:
        panel = make_panel(session, idle_timeout=30)
        assert 'data-state="Waiting"' in panel.header.value
        match = re.search(r"Idle timeout in <b>([\d.]+) s</b>", panel.clock.value)
        assert match and 20 < float(match.group(1)) <= 30
        assert "This session has no jobs yet." in panel.table.value
        assert "No finished job to show yet." in panel.histogram.message.value
        panel.close()


def test_failed_job_shows_its_error_code_and_message(workspace):
    target = workspace.get_targets("rigetti.sim.qvm")
    with target.open_session(
        name="failures", job_failure_policy=SessionJobFailurePolicy.CONTINUE
    ) as session:
        good = target.submit(ones(), name="good", shots=10)
        bad = target.submit("DECLARE ro BIT[1]\nthis is not quil", name="bad", shots=10)
        finish([good, bad])
        panel = make_panel(session)
        assert 'data-state="Failure(s)"' in panel.header.value
        assert "1 Failed" in panel.counts.value and "1 Succeeded" in panel.counts.value
        panel.picker.value = bad.id
        message = panel.histogram.message.value
        code = bad.details.error_data.code
        assert f"Job bad failed: {code}" in message
        assert bad.details.error_data.message.split("'")[0][:20] in message
        assert panel.histogram.bars is None and panel.histogram.image.layout.display == "none"
        panel.picker.value = good.id
        assert panel.histogram.bars.labels == ["101"] and panel.histogram.bars.heights == [10.0]
        panel.close()


def test_cancel_asks_for_confirmation_then_cancels_the_pending_job(make_service):
    # An emulated QPU runs one job at a time, ~0.9 s each before the time scale.
    slow = make_service("slow", time_scale="30").workspace()
    target = slow.get_targets("rigetti.qpu.ankaa-3")
    with target.open_session(name="to cancel") as session:
        running = target.submit(bell(), name="long", shots=200)
        queued = target.submit(bell(), name="queued", shots=200)
        panel = make_panel(session)
        panel.picker.value = queued.id
        assert (
            "is Waiting" in panel.histogram.message.value
            or "is Executing" in panel.histogram.message.value
        )
        assert not panel.cancel_button.disabled
        panel.cancel_button.click()
        assert panel.confirm.layout.display == "flex" and "queued" in panel.confirm_text.value
        panel.confirm_no.click()
        assert panel.confirm.layout.display == "none"
        queued.refresh()
        assert queued.details.status not in ("Cancelled", "CancellationRequested")
        panel.cancel_button.click()
        panel.confirm_yes.click()
        wait_for(
            lambda: panel.poll() and dict(row_states(panel))[queued.id] == "Cancelled",
            what="Cancelled row",
        )
        assert "was cancelled" in panel.histogram.message.value
        assert panel.cancel_button.disabled
        panel.cancel_job(running.id)
        wait_for(
            lambda: panel.poll() and dict(row_states(panel))[running.id] == "Cancelled",
            what="both cancelled",
        )
        panel.close()


def test_close_session_ends_it_and_polling_stops(workspace):
    target = workspace.get_targets("rigetti.sim.qvm")
    session = target.open_session(name="to close")
    finish([target.submit(bell(), name="only", shots=10)])
    panel = make_panel(session)
    assert not panel.close_button.disabled
    panel.close_button.click()
    assert 'data-state="Succeeded"' in panel.header.value
    assert "Idle timeout" not in panel.clock.value
    assert panel.close_button.disabled
    assert panel.poll().done
    assert session.details.status == "Succeeded"  # the user's own Session object too
    panel.close()


def test_paging_keeps_the_table_short_newest_first(workspace):
    target = workspace.get_targets("rigetti.sim.qvm")
    with target.open_session(name="paged") as session:
        jobs = [target.submit(bell(), name=f"job {i}", shots=5) for i in range(7)]
        finish(jobs)
        panel = make_panel(session, page_size=3)
        newest = [j.id for j in reversed(jobs)]
        assert [i for i, _ in row_states(panel)] == newest[:3]
        assert "1–3 of 7" in panel.page_label.value and panel.newer.disabled
        panel.older.click()
        assert [i for i, _ in row_states(panel)] == newest[3:6]
        panel.older.click()
        assert [i for i, _ in row_states(panel)] == newest[6:]
        assert panel.older.disabled and "7–7 of 7" in panel.page_label.value
        panel.close()


def test_poll_error_is_shown_and_polling_backs_off(make_service):
    handle = make_service("vanishing")
    ws = handle.workspace()
    target = ws.get_targets("rigetti.sim.qvm")
    session = target.open_session(name="lost")
    panel = make_panel(session)
    handle.stop()
    result = panel.poll()
    assert result.error and not result.done
    assert (
        "Cannot refresh from the workspace" in panel.status.value
        and "retrying" in panel.status.value
    )
    assert "lost" in panel.header.value  # what was known stays on screen
    panel.close()


def test_rows_turn_succeeded_while_the_main_thread_runs_a_loop(workspace):
    """The VQE case: the poller thread updates the panel while the caller's loop blocks."""
    target = workspace.get_targets("rigetti.sim.qvm")
    poller = Poller()
    with target.open_session(name="loop") as session:
        panel = make_panel(session, poller=poller)
        poller.add(panel)
        seen = []
        for i in range(5):
            job = target.submit(bell(), name=f"iteration {i}", shots=20)
            job.wait_until_completed(timeout_secs=30)
            wait_for(
                lambda job=job: dict(row_states(panel)).get(job.id) == "Succeeded",
                timeout=5,
                what=f"row {i} to turn Succeeded",
            )
            title = f"iteration {i} · 20 shots"
            wait_for(
                lambda title=title: panel.histogram.bars and panel.histogram.bars.title == title,
                timeout=5,
                what=f"histogram {i}",
            )
            seen.append(i)
        assert seen == list(range(5))
        assert poller.alive
    wait_for(lambda: not poller.alive, timeout=20, what="polling to stop after the session ended")
    assert 'data-state="Succeeded"' in panel.header.value


def test_more_jobs_than_a_page_of_the_service_are_all_listed(workspace):
    target = workspace.get_targets("rigetti.sim.qvm")
    with target.open_session(name="many") as session:
        jobs = [target.submit(bell(), name=f"j{i}", shots=1) for i in range(105)]
        finish(jobs[-1:])
        panel = make_panel(session)
        wait_for(
            lambda: panel.poll() is not None and not panel.tracker.pending_ids(), what="all jobs"
        )
        assert len(panel.tracker.order) == 105
        assert "1–20 of 105" in panel.page_label.value
        assert "105 Succeeded" in panel.counts.value
        panel.close()


def test_text_form_and_plain_ipython_show(workspace, capsys):
    target = workspace.get_targets("rigetti.sim.qvm")
    with target.open_session(name="text form") as session:
        finish([target.submit(ones(), name="ones", shots=12)])
        panel = panel_for(session)
        text = panel._repr_mimebundle_()["text/plain"]
        assert "Session 'text form'" in text and "1 job: 1 Succeeded" in text
        assert re.search(r"ones\s+\S+\s+Succeeded", text)
        assert "ones · 12 shots" in text and re.search(r"101 │█+ 12", text)
        panel.close()
        show(session)  # no kernel here: the same text is printed
        printed = capsys.readouterr().out
        assert "Session 'text form'" in printed and "ones · 12 shots" in printed


def test_job_panel_follows_one_job_until_it_ends(workspace):
    target = workspace.get_targets("rigetti.sim.qvm")
    job = target.submit(bell(), name="solo", shots=30)
    panel = panel_for(job)
    poller = Poller(Backoff(first=0.05))
    panel.poller = poller
    poller.add(panel)
    assert panel.wait(timeout=30)
    wait_for(lambda: not poller.alive, what="the job's polling to stop")
    assert 'data-state="Succeeded"' in panel.header.value and "solo" in panel.header.value
    assert panel.histogram.bars.title == "solo · 30 shots"
    assert panel.cancel_button.disabled
    panel.close()


def test_stop_watching_closes_the_panel_and_its_polling(workspace):
    target = workspace.get_targets("rigetti.sim.qvm")
    with target.open_session(name="stop watching") as session:
        poller = Poller(Backoff(first=0.05, idle_max=0.1))
        panel = make_panel(session, poller=poller)
        poller.add(panel)
        wait_for(lambda: poller.polls >= 2, what="polling to run")
        panel.stop_button.click()
        assert poller.count() == 0
        wait_for(lambda: not poller.alive, what="the poller thread to end")
        assert panel.comm is None and panel.histogram.image.comm is None  # widgets closed too


def test_a_new_cell_makes_polling_fast_again(workspace):
    """The panel hooks pre_run_cell: a loop started after a long idle time is followed at once."""
    from IPython.core.interactiveshell import InteractiveShell

    from qsession_jupyter.client.poller import get_poller
    from qsession_jupyter.widgets import api

    target = workspace.get_targets("rigetti.sim.qvm")
    with target.open_session(name="nudged") as session:
        poller = get_poller()
        panel = make_panel(session, poller=poller)
        shell = InteractiveShell.instance()
        api._hook_cells(shell)
        poller.add(panel)
        wait_for(lambda: poller.polls >= 1, what="the first poll")
        with poller._cond:  # pretend the panel has backed off for a long time
            entry = poller._entries[id(panel)]
            entry.interval, entry.due = 15.0, entry.due + 15.0
        before = poller.polls
        shell.run_cell("x = 1")
        wait_for(
            lambda: poller.polls > before, timeout=2, what="a poll right after the cell started"
        )
        panel.close()


def test_panel_reads_like_the_sidebar_and_the_text_tables(workspace):
    """Same time and duration rules, same state icons, same order, from views/display.py."""
    from qsession_jupyter.kernel.display import jobs_table
    from qsession_jupyter.views.display import ICONS, format_time

    target = workspace.get_targets("rigetti.sim.qvm")
    with target.open_session(name="one format") as session:
        jobs = [target.submit(bell(), name=f"bell {i}", shots=10) for i in range(2)]
        finish(jobs)
        panel = make_panel(session)
        table = panel.table.value
        assert '<th class="qsp-col-status">Status</th>' in table
        for job in jobs:
            job.refresh()
            assert f'qsp-col-submitted">{format_time(job.details.creation_time)}<' in table
        durations = re.findall(r'<td class="qsp-col-executing">([^<]*)<', table)
        assert durations and all(re.fullmatch(r"\d+ ms|\d\.\d s|\d+ s", d) for d in durations)
        # `%session jobs` lists them in the panel's order: newest first.
        text_rows = jobs_table(session.workspace.list_session_jobs(session_id=session.id)).rows
        assert [r[1] for r in text_rows] == [job_id for job_id, _ in row_states(panel)]
        assert ICONS["check"] in table
        panel.close()
    # The session's badge is a play mark while it executes, never Waiting's clock.
    from qsession_jupyter.widgets.html import state_html

    assert ICONS["play"] in state_html("Executing") and ICONS["clock"] in state_html("Waiting")
