"""The worker pool: jobs run in processes, and a bad job fails alone."""

from __future__ import annotations

import threading
import time

import pytest
from execution_helpers import hook_request, make_request, output_of, qsharp_qir

#: A branching (adaptive-profile) program: qdk simulates it shot by shot, so a
#: million shots keep a worker busy for far longer than any test waits.
LONG_QS = """
operation Long() : Result[] {
    use qs = Qubit[14];
    for q in qs { H(q); }
    if M(qs[0]) == One { X(qs[1]); }
    for i in 0..12 { CNOT(qs[i], qs[i + 1]); }
    MResetEachZ(qs)
}
"""


@pytest.fixture(scope="module")
def long_qir() -> str:
    return qsharp_qir(LONG_QS, "Long()", profile="Adaptive_RI")


def long_request(long_qir: str, timeout: float = 600.0):
    return make_request("ionq.simulator", "qir.v1", long_qir, {"shots": 1_000_000}, timeout)


def run_in_thread(pool, request):
    box: dict = {}
    thread = threading.Thread(target=lambda: box.update(outcome=pool.run(request)))
    thread.start()
    return thread, box


def wait_until_running(pool, job_id: str) -> None:
    for _ in range(200):
        if pool.is_running(job_id):
            return
        time.sleep(0.05)
    raise AssertionError("the job never started")


def assert_pool_serves(pool, bell_qir: str) -> None:
    result = output_of(pool.run(make_request("ionq.simulator", "qir.v1", bell_qir)))
    assert sum(h["Count"] for h in result["Results"][0]["Histogram"]) == 100


@pytest.mark.parametrize("action", ["segfault", "exit"])
def test_a_crashing_worker_fails_only_its_job(pool, bell_qir, action):
    outcome = pool.run(hook_request(action))
    assert outcome.status == "Failed"
    assert outcome.error_code == "WorkerCrashed"
    assert "simulator process" in outcome.error_message
    assert ("SIGSEGV" if action == "segfault" else "exit code 3") in outcome.error_message
    assert_pool_serves(pool, bell_qir)


def test_a_job_that_exhausts_memory_fails_with_a_memory_error(pool, bell_qir):
    outcome = pool.run(hook_request("memory"))
    assert outcome.status == "Failed"
    assert outcome.error_code == "OutOfMemory"
    assert "memory" in outcome.error_message
    assert_pool_serves(pool, bell_qir)


def test_a_job_past_its_time_limit_is_stopped(pool, bell_qir, long_qir):
    outcome = pool.run(long_request(long_qir, timeout=1.5))
    assert outcome.status == "Failed"
    assert outcome.error_code == "ExecutionTimeout"
    assert "exceeded the time limit of 1.5 s" in outcome.error_message
    assert_pool_serves(pool, bell_qir)


def test_cancelling_a_running_job_kills_its_worker(pool, bell_qir, long_qir):
    request = long_request(long_qir)
    thread, box = run_in_thread(pool, request)
    wait_until_running(pool, request.job_id)
    time.sleep(0.3)  # let the simulation get going
    assert pool.cancel(request.job_id) is True
    thread.join(timeout=10)  # the job alone would run for minutes
    assert not thread.is_alive()
    assert box["outcome"].status == "Cancelled"
    assert pool.cancel(request.job_id) is False  # finished jobs are unknown to the pool
    assert_pool_serves(pool, bell_qir)


def test_cancelling_a_job_that_waits_for_a_worker_never_runs_it(pool, bell_qir, long_qir):
    busy = [long_request(long_qir) for _ in range(pool.size)]
    threads = [run_in_thread(pool, r) for r in busy]
    for request in busy:
        wait_until_running(pool, request.job_id)
    waiting = make_request("ionq.simulator", "qir.v1", bell_qir)
    thread, box = run_in_thread(pool, waiting)
    time.sleep(0.2)
    assert thread.is_alive()  # no free worker
    assert pool.cancel(waiting.job_id) is True
    thread.join(timeout=10)
    assert box["outcome"].status == "Cancelled"
    assert box["outcome"].output is None
    for request in busy:
        assert pool.cancel(request.job_id)
    for t, b in threads:
        t.join(timeout=10)
        assert b["outcome"].status == "Cancelled"
    assert_pool_serves(pool, bell_qir)


def test_many_threads_share_the_workers(pool, bell_qir):
    requests = [make_request("ionq.simulator", "qir.v1", bell_qir) for _ in range(12)]
    runs = [run_in_thread(pool, r) for r in requests]
    for thread, box in runs:
        thread.join(timeout=60)
        result = output_of(box["outcome"])
        assert {h["Display"] for h in result["Results"][0]["Histogram"]} <= {"[0, 0]", "[1, 1]"}


def test_closing_the_pool_ends_running_and_waiting_jobs(long_qir):
    from qsession_jupyter.local.execution import WorkerPool

    small = WorkerPool(1)
    running = long_request(long_qir)
    first = run_in_thread(small, running)
    wait_until_running(small, running.job_id)
    second = run_in_thread(small, long_request(long_qir))
    small.close()
    for thread, box in (first, second):
        thread.join(timeout=10)
        assert box["outcome"].status == "Failed"
        assert box["outcome"].error_code == "ServiceStopping"


def test_a_worker_killed_while_idle_is_replaced_before_the_next_job(bell_qir):
    import os
    import signal

    from qsession_jupyter.local.execution import WorkerPool

    small = WorkerPool(1)
    try:
        first = small.run(make_request("ionq.simulator", "qir.v1", bell_qir))
        assert first.status == "Succeeded"
        [worker] = small._idle
        os.kill(worker.proc.pid, signal.SIGKILL)  # as the OS's out-of-memory killer would
        worker.proc.wait(timeout=5)
        again = small.run(make_request("ionq.simulator", "qir.v1", bell_qir))
        assert again.status == "Succeeded"
    finally:
        small.close()
