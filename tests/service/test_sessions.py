"""Sessions behave as the real service did (contract §1.3), seen through the unmodified SDK."""

from __future__ import annotations

import time

import pytest
from azure.core.exceptions import HttpResponseError
from azure.quantum import Session
from azure.quantum.job.session import SessionJobFailurePolicy
from programs import submit_bell, submit_broken
from service_support import wait_for


def session_status(session) -> str:
    session.refresh()
    return session.details.status


def test_open_session_waits_until_first_job(workspace):
    target = workspace.get_targets("rigetti.sim.qvm")
    session = target.open_session(name="waiting")
    assert session.details.status == "Waiting"
    assert session.details.job_failure_policy == "Abort"
    job = submit_bell(target, "first")
    assert session_status(session) in ("Executing",)
    job.wait_until_completed(timeout_secs=30)
    assert job.details.session_id == session.id
    session.close()
    assert session.details.status == "Succeeded"
    assert session.details.end_execution_time is not None


def test_close_without_jobs_succeeds_at_once(workspace):
    session = Session(workspace=workspace, target="ionq.simulator", name="empty")
    session.open()
    session.close()
    assert session.details.status == "Succeeded"
    assert session.details.end_execution_time is not None


def test_close_with_pending_jobs_lets_them_finish(make_service):
    service = make_service("slow", time_scale=1)
    workspace = service.workspace()
    target = workspace.get_targets("rigetti.qpu.ankaa-3")  # capacity 1, ~1 s per 100 shots
    session = target.open_session(name="pending")
    jobs = [submit_bell(target, f"slow {i}", shots=100) for i in range(2)]
    session.close()
    assert session.details.status == "Executing"
    assert session.details.end_execution_time is None
    for job in jobs:
        job.wait_until_completed(timeout_secs=60)
        assert job.details.status == "Succeeded"
    assert wait_for(lambda: session_status(session) == "Succeeded")
    assert session.details.end_execution_time is not None


def test_abort_policy_fails_session_and_cancels_the_rest(make_service):
    service = make_service("abort", time_scale=1)
    workspace = service.workspace()
    target = workspace.get_targets("rigetti.qpu.ankaa-3")
    session = target.open_session(name="abort")
    broken = submit_broken(target, "broken")
    queued = [submit_bell(target, f"after {i}", shots=100) for i in range(2)]
    broken.wait_until_completed(timeout_secs=30)
    assert broken.details.status == "Failed"
    assert broken.details.error_data.code == "InvalidInputData"
    assert wait_for(lambda: session_status(session) == "Failed")
    for job in queued:
        job.wait_until_completed(timeout_secs=30)
        assert job.details.status == "Cancelled"
    with pytest.raises(HttpResponseError) as rejected:
        submit_bell(target, "too late")
    assert rejected.value.status_code == 400
    assert "terminal state" in str(rejected.value)
    assert "InvalidJobDefinition" in str(rejected.value)


def test_continue_policy_keeps_accepting_then_fails_on_close(workspace):
    target = workspace.get_targets("rigetti.sim.qvm")
    session = target.open_session(
        name="continue", job_failure_policy=SessionJobFailurePolicy.CONTINUE
    )
    submit_broken(target, "broken").wait_until_completed(timeout_secs=30)
    assert session_status(session) == "Failure(s)"
    later = submit_bell(target, "later")
    later.wait_until_completed(timeout_secs=30)
    assert later.details.status == "Succeeded"
    assert session_status(session) == "Failure(s)"
    session.close()
    assert session.details.status == "Failed"


def test_idle_session_times_out(make_service):
    service = make_service("idle", session_idle_timeout=1)
    workspace = service.workspace()
    session = Session(workspace=workspace, target="ionq.simulator", name="idle")
    session.open()
    assert wait_for(lambda: session_status(session) == "TimedOut", timeout=10)
    assert session.details.end_execution_time is not None


def test_idle_clock_restarts_with_each_job(make_service):
    service = make_service("busy", session_idle_timeout=1.5)
    workspace = service.workspace()
    target = workspace.get_targets("rigetti.sim.qvm")
    session = target.open_session(name="busy")
    for index in range(4):
        submit_bell(target, f"job {index}").wait_until_completed(timeout_secs=30)
        time.sleep(0.6)
        assert session_status(session) == "Executing"
    assert wait_for(lambda: session_status(session) == "TimedOut", timeout=10)


def test_with_block_closes_and_stale_session_is_rejected(workspace):
    """The SDK never clears latest_session: a later submit carries a dead sessionId."""
    target = workspace.get_targets("rigetti.sim.qvm")
    with target.open_session(name="with-block") as session:
        submit_bell(target, "inside").wait_until_completed(timeout_secs=30)
    assert session.details.status == "Succeeded"
    assert target.get_latest_session_id() == session.id
    with pytest.raises(HttpResponseError) as rejected:
        submit_bell(target, "outside")
    assert rejected.value.status_code == 400


def test_job_for_another_target_is_refused(workspace):
    session = Session(workspace=workspace, target="ionq.simulator", name="ionq only")
    session.open()
    other = workspace.get_targets("rigetti.sim.qvm")
    other.latest_session = session
    with pytest.raises(HttpResponseError) as rejected:
        submit_bell(other, "wrong target")
    assert rejected.value.status_code == 400
    assert "ionq.simulator" in str(rejected.value)
    session.close()


def test_get_and_list_sessions(workspace):
    target = workspace.get_targets("ionq.simulator")
    session = target.open_session(name="listed")
    fetched = workspace.get_session(session.id)
    assert fetched.details.name == "listed"
    assert fetched.details.target == "ionq.simulator"
    assert fetched.details.provider_id == "ionq"
    listed = {s.id for s in workspace.list_sessions()}
    assert session.id in listed
    session.close()
