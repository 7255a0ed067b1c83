"""Queue rules: session priority and Quantinuum exclusivity.

The rules are driven first with a manual clock and no threads (the
scheduler's `due_jobs` / `job_ended` steps, exactly as its dispatcher calls
them), then end to end through the SDK with the time model scaled down.
"""

from __future__ import annotations

import pytest
from programs import submit_bell

from qsession_jupyter.local.config import ServiceConfig
from qsession_jupyter.local.domain.scheduler import Scheduler

QUANTINUUM = "quantinuum.sim.h2-1e"  # capacity 1, exclusive sessions
ARIA = "ionq.qpu.aria-1"  # capacity 1, no exclusivity


class ManualClock:
    def __init__(self, now: float = 1_000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


class Queue:
    """A scheduler without threads: jobs are enqueued, started and ended by hand."""

    def __init__(self, tmp_path, window: float = 3.0) -> None:
        self.clock = ManualClock()
        config = ServiceConfig(data_dir=tmp_path, exclusive_window=window, sweep_interval=3600)
        self.scheduler = Scheduler(config, pool=None, hooks=None, clock=self.clock)
        self.seq = 0

    def submit(self, name: str, target: str = QUANTINUUM, session: str | None = None) -> None:
        self.seq += 1
        self.scheduler.enqueue(self.seq, name, target, session)

    def start(self) -> list[str]:
        return [job.job_id for job in self.scheduler.due_jobs()[0]]

    def wake(self) -> float:
        return self.scheduler.due_jobs()[1]

    def end(self, name: str) -> None:
        self.scheduler.job_ended(name)


@pytest.fixture
def queue(tmp_path) -> Queue:
    return Queue(tmp_path)


def test_session_jobs_start_before_earlier_non_session_jobs(queue):
    queue.submit("outside", ARIA)
    queue.submit("mine", ARIA, session="S")
    assert queue.start() == ["mine"]
    queue.end("mine")
    assert queue.start() == ["outside"]


def test_quantinuum_hold_lasts_while_a_job_runs_longer_than_the_window(queue):
    queue.submit("s1", session="S")
    assert queue.start() == ["s1"]
    queue.submit("outside")
    queue.clock.advance(100)  # s1 runs far beyond the 3 s window
    assert queue.start() == []
    queue.end("s1")
    queue.clock.advance(2.9)
    assert queue.start() == []


def test_quantinuum_window_counts_from_completion_not_submission(queue):
    # The reported case: job 1 completes, outside jobs queue, the session's next
    # job comes one second after the completion, and nothing slips in between.
    queue.submit("s1", session="S")
    assert queue.start() == ["s1"]
    queue.clock.advance(5)
    queue.end("s1")
    for i in range(4):
        queue.submit(f"outside {i}")
    queue.clock.advance(1)
    queue.submit("s2", session="S")
    assert queue.start() == ["s2"]
    queue.clock.advance(5)
    queue.end("s2")
    completed = queue.clock.now
    assert queue.wake() == pytest.approx(completed + 3)
    queue.clock.advance(2.99)
    assert queue.start() == []
    queue.clock.advance(0.02)
    assert queue.start() == ["outside 0"]


def test_closing_the_session_releases_the_target_at_once(queue):
    queue.submit("s1", session="S")
    assert queue.start() == ["s1"]
    queue.end("s1")
    queue.submit("outside")
    assert queue.start() == []
    queue.scheduler.session_ended("S")
    assert queue.start() == ["outside"]


def test_a_closed_sessions_leftover_jobs_do_not_take_the_hold_again(queue):
    queue.submit("s1", session="S")
    queue.submit("s2", session="S")
    assert queue.start() == ["s1"]
    queue.scheduler.session_ended("S")  # closed with s2 still queued
    queue.end("s1")
    assert queue.start() == ["s2"]  # session jobs still go first...
    queue.submit("outside")
    queue.end("s2")
    assert queue.start() == ["outside"]  # ...but hold nothing once done


def test_another_sessions_jobs_wait_for_the_holder_too(queue):
    queue.submit("a1", session="A")
    assert queue.start() == ["a1"]
    queue.submit("b1", session="B")
    queue.end("a1")
    assert queue.start() == []
    queue.clock.advance(3.01)
    assert queue.start() == ["b1"]


def test_a_hold_restored_after_a_restart_runs_out_its_window(queue):
    completed = queue.clock.now - 1.0  # the holder's last job ended a second before the restart
    queue.scheduler.restore_hold(QUANTINUUM, "A", completed)
    queue.submit("b1", session="B")
    queue.submit("outside")
    assert queue.start() == []
    assert queue.wake() == pytest.approx(completed + 3)
    queue.submit("a2", session="A")
    assert queue.start() == ["a2"]  # the holder's next job goes first
    queue.end("a2")
    queue.clock.advance(3.01)
    assert queue.start() == ["b1"]


def test_a_session_interrupted_mid_job_holds_until_its_jobs_ran_again(queue):
    queue.submit("b1", session="B")  # queued while A held the machine
    queue.submit("a1", session="A")  # A's job, interrupted and queued again at restart
    queue.scheduler.restore_hold(QUANTINUUM, "A", None)
    assert queue.start() == ["a1"]
    queue.end("a1")
    assert queue.start() == []
    queue.clock.advance(3.01)
    assert queue.start() == ["b1"]


def test_non_exclusive_targets_are_not_held(queue):
    queue.submit("s1", ARIA, session="S")
    assert queue.start() == ["s1"]
    queue.end("s1")
    queue.submit("outside", ARIA)
    assert queue.start() == ["outside"]


# -- end to end, through the SDK ---------------------------------------------------------


def finished(job):
    job.wait_until_completed(timeout_secs=60)
    assert job.details.status == "Succeeded", job.details.error_data
    return job


def begin(job) -> float:
    return finished(job).details.begin_execution_time.timestamp()


def outsider_on(workspace, target_id: str):
    target = workspace.get_targets(target_id)
    target.latest_session = None
    return target


def test_session_jobs_start_before_queued_non_session_jobs(make_service):
    service = make_service("priority", time_scale=0.3)
    workspace = service.workspace()
    target = workspace.get_targets(ARIA)
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


def test_quantinuum_session_holds_the_machine_after_its_last_completion(make_service):
    window = 3
    service = make_service("exclusive", time_scale=0.1, exclusive_window=window)
    workspace = service.workspace()
    target = workspace.get_targets(QUANTINUUM)
    session = target.open_session(name="exclusive")
    # No waiting in between: the second session job arrives well within the window
    # after the first completes, even on a loaded machine.
    first = submit_bell(target, "session 1", shots=10)
    outsider = submit_bell(outsider_on(workspace, QUANTINUUM), "outsider", shots=10)
    second = submit_bell(target, "session 2", shots=10)
    outsider_begin = begin(outsider)
    finished(first)
    finished(second)
    assert first.details.end_execution_time <= second.details.begin_execution_time
    assert second.details.end_execution_time.timestamp() + window <= outsider_begin
    session.close()


def test_a_quantinuum_hold_survives_a_service_restart(make_service):
    """The holder's window runs on across a stop and start: an outsider submitted right
    after the restart still waits for it (before, the restart forgot the hold)."""
    window = 10  # longer than a restart takes, even on a loaded machine
    service = make_service("held-over-restart", time_scale=0.1, exclusive_window=window)
    workspace = service.workspace()
    target = workspace.get_targets(QUANTINUUM)
    session = target.open_session(name="holder")
    ended = finished(submit_bell(target, "holder's job", shots=10)).details.end_execution_time
    service.stop()
    make_service(service.data_dir.name, time_scale=0.1, exclusive_window=window)
    outsider = submit_bell(outsider_on(workspace, QUANTINUUM), "outsider", shots=10)
    assert begin(outsider) >= ended.timestamp() + window
    session.close()


def test_non_exclusive_targets_do_not_hold_the_machine(make_service):
    service = make_service("shared", time_scale=0.1, exclusive_window=30)
    workspace = service.workspace()
    target = workspace.get_targets(ARIA)
    session = target.open_session(name="not exclusive")
    finished(submit_bell(target, "session", shots=10))
    finished(submit_bell(outsider_on(workspace, ARIA), "outsider", shots=10))
    session.close()


def test_closing_a_quantinuum_session_releases_the_machine(make_service):
    service = make_service("release", time_scale=0.1, exclusive_window=30)
    workspace = service.workspace()
    target = workspace.get_targets(QUANTINUUM)
    session = target.open_session(name="release")
    finished(submit_bell(target, "session", shots=10))
    outsider = submit_bell(outsider_on(workspace, QUANTINUUM), "outsider", shots=10)
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
