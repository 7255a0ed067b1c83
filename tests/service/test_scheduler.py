"""Queue rules with the time model scaled down: priority and Quantinuum exclusivity."""

from __future__ import annotations

from programs import submit_bell


def begin(job) -> float:
    job.wait_until_completed(timeout_secs=60)
    assert job.details.status == "Succeeded", job.details.error_data
    return job.details.begin_execution_time.timestamp()


def test_session_jobs_start_before_queued_non_session_jobs(make_service):
    service = make_service("priority", time_scale=0.3)
    workspace = service.workspace()
    target = workspace.get_targets("ionq.qpu.aria-1")  # capacity 1
    flood = [submit_bell(target, f"flood {i}", shots=100) for i in range(5)]
    session = target.open_session(name="priority")
    mine = [submit_bell(target, f"session {i}", shots=100) for i in range(2)]
    session.close()
    starts = sorted([(begin(job), job.details.name) for job in flood + mine])
    order = [name for _, name in starts]
    # flood 0 (and perhaps flood 1) already ran when the session jobs arrived; then the session goes first.
    first_session = order.index("session 0")
    assert order[first_session : first_session + 2] == ["session 0", "session 1"]
    assert first_session <= 2
    assert order[-1].startswith("flood")


def test_quantinuum_session_holds_the_machine_within_the_window(make_service):
    window = 1.5
    service = make_service("exclusive", time_scale=0.1, exclusive_window=window)
    workspace = service.workspace()
    target = workspace.get_targets("quantinuum.sim.h2-1e")
    session = target.open_session(name="exclusive")
    first = submit_bell(target, "session 1", shots=10)
    first_begin = begin(first)
    # An outsider arrives while the session owns the machine.
    outsider_target = workspace.get_targets("quantinuum.sim.h2-1e")
    outsider_target.latest_session = None
    outsider = submit_bell(outsider_target, "outsider", shots=10)
    second = submit_bell(target, "session 2", shots=10)  # within the window: still ours
    second_submitted = second.details.creation_time.timestamp()
    second_begin = begin(second)
    outsider_begin = begin(outsider)
    assert first_begin < second_begin < outsider_begin
    # The outsider waits until the window after the session's last submission has lapsed.
    assert outsider_begin >= second_submitted + window - 0.3
    session.close()


def test_non_exclusive_targets_do_not_hold_the_machine(make_service):
    service = make_service("shared", time_scale=0.1, exclusive_window=30)
    workspace = service.workspace()
    target = workspace.get_targets("ionq.qpu.aria-1")
    session = target.open_session(name="not exclusive")
    begin(submit_bell(target, "session", shots=10))
    outsider_target = workspace.get_targets("ionq.qpu.aria-1")
    outsider_target.latest_session = None
    outsider = submit_bell(outsider_target, "outsider", shots=10)
    outsider.wait_until_completed(timeout_secs=10)
    assert outsider.details.status == "Succeeded"
    session.close()


def test_closing_a_quantinuum_session_releases_the_machine(make_service):
    service = make_service("release", time_scale=0.1, exclusive_window=30)
    workspace = service.workspace()
    target = workspace.get_targets("quantinuum.sim.h2-1e")
    session = target.open_session(name="release")
    begin(submit_bell(target, "session", shots=10))
    outsider_target = workspace.get_targets("quantinuum.sim.h2-1e")
    outsider_target.latest_session = None
    outsider = submit_bell(outsider_target, "outsider", shots=10)
    session.close()
    outsider.wait_until_completed(timeout_secs=10)
    assert outsider.details.status == "Succeeded"


def test_provider_status_reports_the_live_queue(make_service):
    service = make_service("queue", time_scale=1)
    workspace = service.workspace()
    target = workspace.get_targets("ionq.qpu.forte-1")
    jobs = [submit_bell(target, f"queued {i}", shots=100) for i in range(4)]
    jobs[0].wait_until_completed(timeout_secs=30)
    target.refresh()
    assert target.average_queue_time > 0
    for job in jobs:
        workspace.cancel_job(job)
