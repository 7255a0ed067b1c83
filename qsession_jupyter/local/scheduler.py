"""Which job runs next on each target, and the threads that run them.

Rules (issue 3; contract §1.7):
* a queue per target, with a capacity (1 for emulated QPUs, the worker count
  for simulators);
* session jobs start before non-session jobs, first come first served within
  each class. The docs promise this only in general terms and name no
  IonQ/Rigetti heuristics: applying it to every target is our own choice;
* Quantinuum: while the session holding a target has submitted a job less
  than `exclusive_window` ago, no other job starts there (documented rule);
* emulated devices take the time their time model says, so queues and
  priority are visible; simulators run as fast as they can.

The scheduler never touches the store: it asks its `hooks` (the workspace
core) to start and finish jobs. Lock order is always core → scheduler; the
dispatcher calls hooks only while holding no scheduler lock.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from typing import Protocol

from .config import ServiceConfig
from .execution.contract import ExecutionOutcome, ExecutionRequest, shots_from_params
from .targets import find_target


class SchedulerHooks(Protocol):
    def start_job(self, job_id: str) -> ExecutionRequest | None: ...
    def finish_job(self, job_id: str, outcome: ExecutionOutcome) -> None: ...
    def sweep(self, now: float) -> None: ...


class Pool(Protocol):
    def run(self, request: ExecutionRequest) -> ExecutionOutcome: ...
    def cancel(self, job_id: str) -> bool: ...


@dataclass(order=True)
class QueuedJob:
    seq: int
    job_id: str = field(compare=False)
    target: str = field(compare=False)
    session_id: str | None = field(compare=False)


@dataclass
class RunningJob:
    job: QueuedJob
    cancelled: threading.Event = field(default_factory=threading.Event)
    started: float = field(default_factory=time.time)


class Scheduler:
    def __init__(self, config: ServiceConfig, pool: Pool, hooks: SchedulerHooks) -> None:
        self.config = config
        self.pool = pool
        self.hooks = hooks
        self._cond = threading.Condition()
        self._queues: dict[str, list[QueuedJob]] = {}
        self._running: dict[str, RunningJob] = {}
        self._last_submit: dict[str, float] = {}
        self._holders: dict[str, str] = {}
        self._recent_seconds: dict[str, list[float]] = {}
        self._stopped = False
        self._thread = threading.Thread(
            target=self._dispatch_loop, name="qsession-dispatch", daemon=True
        )

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        with self._cond:
            self._stopped = True
            self._cond.notify_all()
        self._thread.join(timeout=5)

    # -- what the core tells the scheduler -----------------------------------

    def enqueue(
        self,
        seq: int,
        job_id: str,
        target: str,
        session_id: str | None,
        submitted: float | None = None,
    ) -> None:
        with self._cond:
            self._queues.setdefault(target, []).append(QueuedJob(seq, job_id, target, session_id))
            self._queues[target].sort()
            if session_id:
                self._last_submit[session_id] = max(
                    self._last_submit.get(session_id, 0.0), submitted or time.time()
                )
            self._cond.notify_all()

    def cancel(self, job_id: str) -> str | None:
        """'queued' (removed, never ran), 'running' (its worker is being stopped) or None."""
        with self._cond:
            for queue in self._queues.values():
                for queued in queue:
                    if queued.job_id == job_id:
                        queue.remove(queued)
                        self._cond.notify_all()
                        return "queued"
            running = self._running.get(job_id)
            if running is None:
                return None
            running.cancelled.set()
        self.pool.cancel(job_id)
        return "running"

    def session_ended(self, session_id: str) -> None:
        """A terminal or closed session holds no target any more."""
        with self._cond:
            for target, holder in list(self._holders.items()):
                if holder == session_id:
                    del self._holders[target]
            self._cond.notify_all()

    def queue_stats(self, target: str) -> dict:
        """Live queue figures for providerStatus' availability and average queue time."""
        spec = find_target(target)
        capacity = (spec.capacity if spec else None) or self.config.workers
        with self._cond:
            queued = len(self._queues.get(target, []))
            running = sum(1 for r in self._running.values() if r.job.target == target)
            recent = self._recent_seconds.get(target, [])
            average = sum(recent) / len(recent) if recent else 0.0
        return {
            "queued": queued,
            "running": running,
            "capacity": capacity,
            "average_queue_seconds": round(queued * average / capacity),
        }

    # -- the dispatcher --------------------------------------------------------

    def _dispatch_loop(self) -> None:
        next_sweep = 0.0
        while True:
            now = time.time()
            if now >= next_sweep:
                self.hooks.sweep(now)
                next_sweep = now + self.config.sweep_interval
            with self._cond:
                if self._stopped:
                    return
                starting, wake = self._pick_startable(now)
                for job in starting:
                    self._running[job.job_id] = RunningJob(job)
                if not starting:
                    self._cond.wait(timeout=max(0.0, min(wake, next_sweep) - time.time()))
            for job in starting:
                threading.Thread(
                    target=self._run_job,
                    args=(job,),
                    name=f"qsession-job-{job.job_id[:8]}",
                    daemon=True,
                ).start()

    def _pick_startable(self, now: float) -> tuple[list[QueuedJob], float]:
        """Jobs to start now, and when to look again if some target is held."""
        starting: list[QueuedJob] = []
        wake = now + self.config.sweep_interval
        for target, queue in self._queues.items():
            spec = find_target(target)
            capacity = (spec.capacity if spec else None) or self.config.workers
            busy = sum(1 for r in self._running.values() if r.job.target == target)
            while queue and busy < capacity:
                job, held_until = self._next_for(
                    target, queue, spec is not None and spec.exclusive_sessions, now
                )
                if held_until:
                    wake = min(wake, held_until)
                if job is None:
                    break
                queue.remove(job)
                starting.append(job)
                busy += 1
                if spec is not None and spec.exclusive_sessions and job.session_id:
                    self._holders[target] = job.session_id
        return starting, wake

    def _next_for(self, target: str, queue: list[QueuedJob], exclusive: bool, now: float):
        if exclusive:
            holder = self._holders.get(target)
            if holder is not None:
                held_until = self._last_submit.get(holder, 0.0) + self.config.exclusive_window
                if now < held_until:
                    mine = [job for job in queue if job.session_id == holder]
                    return (mine[0] if mine else None), held_until
                del self._holders[target]
        in_sessions = [job for job in queue if job.session_id]
        return (in_sessions[0] if in_sessions else queue[0]), None

    # -- one job -----------------------------------------------------------------

    def _run_job(self, job: QueuedJob) -> None:
        running = self._running[job.job_id]
        outcome: ExecutionOutcome | None = None
        try:
            request = self.hooks.start_job(job.job_id)
            if request is None:
                return
            if running.cancelled.is_set():
                outcome = ExecutionOutcome("Cancelled")
            else:
                began = time.time()
                outcome = self.pool.run(request)
                outcome = self._hold_for_time_model(job, request, outcome, began, running)
            self.hooks.finish_job(job.job_id, outcome)
        except Exception as error:  # noqa: BLE001 - a job's failure must never stop the service
            self.hooks.finish_job(
                job.job_id,
                ExecutionOutcome.failed(
                    "InternalError", f"The local service could not run the job: {error}"
                ),
            )
        finally:
            with self._cond:
                self._running.pop(job.job_id, None)
                recent = self._recent_seconds.setdefault(job.target, [])
                recent.append(time.time() - running.started)
                del recent[:-20]
                self._cond.notify_all()

    def _hold_for_time_model(self, job, request, outcome, began, running) -> ExecutionOutcome:
        spec = find_target(job.target)
        if outcome.status != "Succeeded" or spec is None or spec.time_model is None:
            return outcome
        modeled = spec.time_model.seconds(
            shots_from_params(request.input_params), self.config.time_scale
        )
        remaining = began + modeled - time.time()
        if remaining > 0 and running.cancelled.wait(remaining):
            return ExecutionOutcome("Cancelled")
        return outcome
