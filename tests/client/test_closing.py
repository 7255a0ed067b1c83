"""One close path: the panel's "Close session" does what `%session close` does.

The kernel keeps its own Session objects (a target's `latest_session`); a
session closed from a panel built on another object for it (as `show` of a
fetched session makes) must read as closed through the kernel's API too.
"""

from __future__ import annotations

import pytest

from qsession_jupyter.client.closing import close_session, was_closed_before
from qsession_jupyter.client.poller import Backoff, Poller
from qsession_jupyter.client.tracker import SessionTracker

BELL = {
    "qubits": 2,
    "circuit": [{"gate": "h", "target": 0}, {"gate": "cnot", "control": 0, "target": 1}],
}


@pytest.fixture
def api(monkeypatch, tmp_path):
    from qsession_jupyter.kernel import api, state

    monkeypatch.setenv("JPY_SESSION_NAME", str(tmp_path / "script"))
    state.reset_state()
    yield api
    state.reset_state()


def panel_on_a_fetched_copy(workspace, session_id):
    from qsession_jupyter.widgets.panel import SessionPanel

    tracker = SessionTracker(workspace, session_id, workspace.get_session(session_id))
    panel = SessionPanel(tracker, poller=Poller(Backoff(first=0.05)))
    panel.poll()
    return panel


def test_closing_from_the_panel_closes_the_kernels_session_too(api, workspace):
    from qsession_jupyter.kernel.guard import stale_session_message

    api.use_workspace(workspace)
    session = api.open_session("rigetti.sim.qvm", name="closed from the panel")
    panel = panel_on_a_fetched_copy(workspace, session.id)
    panel.close_button.click()
    panel.close()
    # The kernel's own object says so at once, without asking the service again.
    assert api.current_session().is_in_terminal_state()
    assert "takes no more jobs" in stale_session_message(api.current_target())
    closed = api.close_sessions(session.id)
    assert was_closed_before(closed[0])


def test_a_session_closed_while_its_job_runs_reads_as_closed_already(api, make_service):
    # An emulated QPU keeps the job running, so the closed session stays Executing.
    slow = make_service("slow", time_scale="30").workspace()
    api.use_workspace(slow)
    session = api.open_session("ionq.qpu.aria-1", name="still running")
    job = api.current_target().submit(BELL, name="long", shots=100)
    panel = panel_on_a_fetched_copy(slow, session.id)
    panel.close_button.click()
    panel.close()
    assert not api.current_session().is_in_terminal_state()  # Executing: its job runs on
    closed = api.close_sessions()  # what `%session close` calls next
    assert [s.id for s in closed] == [session.id] and was_closed_before(closed[0])
    slow.cancel_job(job)


def test_the_server_path_closes_without_a_kernel(workspace):
    target = workspace.get_targets("rigetti.sim.qvm")
    session = target.open_session(name="closed by id")
    closed = close_session(workspace, session.id)
    assert closed is not session and closed.is_in_terminal_state()
    assert not was_closed_before(closed)
    again = close_session(workspace, session.id, closed)
    assert again is closed and was_closed_before(again)
