"""Which job runs next on each target, and the threads that run them.

Rules (issue 3; contract §1.7):
* a queue per target, with a capacity (1 for emulated QPUs, the worker count
  for simulators);
* session jobs start before non-session jobs, first come first served within
  each class. The docs promise this only in general terms and name no
  IonQ/Rigetti heuristics: applying it to every target is our own choice;
* Quantinuum exclusivity (`ExclusiveHolds`): a session holds the target while
  any of its jobs there is queued or running, and until `exclusive_window`
  after its last job *completed*; closing the session releases it;
* emulated devices take the time their time model says, so queues and
  priority are visible; simulators run as fast as they can. The job timeout
  bounds that modeled time too.

Every rule reads time from an injectable `clock`, and the dispatcher's steps
(`due_jobs`, `job_ended`) are public, so tests drive the rules with a manual
clock and no threads.

The scheduler never touches the store: it asks its `hooks` (the workspace
core) to start and finish jobs. Lock order is always core → scheduler; the
dispatcher calls hooks only while holding no scheduler lock.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Protocol

from ...providers.base import TargetSpec
from ...providers.catalog import find_target
from ..config import ServiceConfig
from ..execution import errors
from ..execution.contract import ExecutionOutcome, ExecutionRequest
from ..execution.params import shots_for_time_model
from .holds import ExclusiveHolds

log = logging.getLogger(__name__)

#: Returns the current time in seconds since the epoch (`time.time` in service).
Clock = Callable[[], float]


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
    started: float
    cancelled: threading.Event = field(default_factory=threading.Event)


class Scheduler:
    def __init__(
        self,
        config: ServiceConfig,
        pool: Pool,
        hooks: SchedulerHooks,
        clock: Clock = time.time,
    ) -> None:
        self.config = config
        self.pool = pool
        self.hooks = hooks
        self.clock = clock
        #: Re-entrant (Condition's default lock): the dispatcher holds it around `due_jobs`.
        self._cond = threading.Condition(threading.RLock())
        self._queues: dict[str, list[QueuedJob]] = {}
        self._running: dict[str, RunningJob] = {}
        self._holds = ExclusiveHolds(config.exclusive_window)
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

    def enqueue(self, seq: int, job_id: str, target: str, session_id: str | None) -> None:
        with self._cond:
            self._queues.setdefault(target, []).append(QueuedJob(seq, job_id, target, session_id))
            self._queues[target].sort()
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
        """A closed or terminal session holds no target any more."""
        with self._cond:
            self._holds.release(session_id)
            self._cond.notify_all()

    def restore_hold(self, target: str, session_id: str, last_completed: float | None) -> None:
        """After a restart, the session that held an exclusive target holds it again."""
        with self._cond:
            self._holds.restore(target, session_id, last_completed)
            self._cond.notify_all()

    def queue_stats(self, target: str) -> dict:
        """Live queue figures for providerStatus' availability and average queue time."""
        capacity = self._capacity(find_target(target))
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

    # -- the dispatcher's two steps (public so tests can drive them) ---------------

    def due_jobs(self) -> tuple[list[QueuedJob], float]:
        """Jobs to start now (marked running), and when to look again at the latest."""
        with self._cond:
            now = self.clock()
            starting: list[QueuedJob] = []
            wake = now + self.config.sweep_interval
            for target, queue in self._queues.items():
                spec = find_target(target)
                exclusive = spec is not None and spec.exclusive_sessions
                busy = sum(1 for r in self._running.values() if r.job.target == target)
                while queue and busy < self._capacity(spec):
                    job, held_until = self._next_for(target, queue, exclusive, now)
                    if held_until is not None:
                        wake = min(wake, held_until)
                    if job is None:
                        break
                    queue.remove(job)
                    self._running[job.job_id] = RunningJob(job, started=now)
                    if exclusive and job.session_id:
                        self._holds.job_started(target, job.session_id)
                    starting.append(job)
                    busy += 1
            return starting, wake

    def job_ended(self, job_id: str) -> None:
        """A started job is over (any outcome): free its slot; its session's window starts."""
        with self._cond:
            running = self._running.pop(job_id, None)
            if running is None:
                return
            now = self.clock()
            job = running.job
            if job.session_id:
                self._holds.job_completed(job.target, job.session_id, now)
            recent = self._recent_seconds.setdefault(job.target, [])
            recent.append(now - running.started)
            del recent[:-20]
            self._cond.notify_all()

    def _next_for(
        self, target: str, queue: list[QueuedJob], exclusive: bool, now: float
    ) -> tuple[QueuedJob | None, float | None]:
        """The job to start next on `target`, and until when a hold keeps others out."""
        if exclusive:
            holder, held_until = self._holds.holder(target, self._pending_by_session(target), now)
            if holder is not None:
                mine = [job for job in queue if job.session_id == holder]
                return (mine[0] if mine else None), held_until
        in_sessions = [job for job in queue if job.session_id]
        return (in_sessions[0] if in_sessions else queue[0]), None

    def _pending_by_session(self, target: str) -> dict[str, int]:
        """Queued or running jobs per session on `target`."""
        counts: dict[str, int] = {}
        jobs = [r.job for r in self._running.values()] + self._queues.get(target, [])
        for job in jobs:
            if job.target == target and job.session_id:
                counts[job.session_id] = counts.get(job.session_id, 0) + 1
        return counts

    def _capacity(self, spec: TargetSpec | None) -> int:
        return (spec.capacity if spec else None) or self.config.workers

    # -- the dispatcher thread -----------------------------------------------------

    def _dispatch_loop(self) -> None:
        next_sweep = 0.0
        sweep_failure: str | None = None
        while True:
            now = self.clock()
            if now >= next_sweep:
                sweep_failure = self._sweep(now, sweep_failure)
                next_sweep = now + self.config.sweep_interval
            with self._cond:  # held across both steps, so no enqueue's notify is lost
                if self._stopped:
                    return
                starting, wake = self.due_jobs()
                if not starting:
                    self._cond.wait(timeout=max(0.0, min(wake, next_sweep) - self.clock()))
            for job in starting:
                threading.Thread(
                    target=self._run_job,
                    args=(job,),
                    name=f"qsession-job-{job.job_id[:8]}",
                    daemon=True,
                ).start()

    def _sweep(self, now: float, last_failure: str | None) -> str | None:
        """One periodic sweep. A failure (a damaged database, say) must not end the
        dispatcher, or no job would ever start again: it is logged once, until a
        sweep succeeds again. Returns the failure's text, None on success."""
        try:
            self.hooks.sweep(now)
        except Exception as error:  # noqa: BLE001 - the dispatcher must outlive it
            text = f"{type(error).__name__}: {error}"
            if text != last_failure:
                log.warning(
                    "the periodic sweep failed (%s); retrying every %g s",
                    text,
                    self.config.sweep_interval,
                )
            return text
        return None

    # -- one job -----------------------------------------------------------------

    def _run_job(self, job: QueuedJob) -> None:
        running = self._running[job.job_id]
        try:
            request = self.hooks.start_job(job.job_id)
            if request is None:
                return
            if running.cancelled.is_set():
                outcome = ExecutionOutcome("Cancelled")
            else:
                began = time.monotonic()
                outcome = self.pool.run(request)
                outcome = self._hold_for_time_model(job, request, outcome, began, running)
            if outcome.error_code == errors.POOL_CLOSED:
                return  # the service is stopping: the job stays Executing and runs again at start
            self.hooks.finish_job(job.job_id, outcome)
        except Exception as error:  # noqa: BLE001 - a job's failure must never stop the service
            if self._stopped:
                # The store may be closed already; as after a SIGKILL, the next start
                # finds the job Executing and runs it again (`JobLifecycle.recover`).
                return
            failed = ExecutionOutcome.failed(
                "InternalError", f"The local service could not run the job: {error}"
            )
            try:
                self.hooks.finish_job(job.job_id, failed)
            except Exception as again:  # noqa: BLE001 - e.g. a damaged database
                log.warning("job %s: its end could not be recorded (%s)", job.job_id, again)
        finally:
            self.job_ended(job.job_id)

    def _hold_for_time_model(self, job, request, outcome, began, running) -> ExecutionOutcome:
        """Keep an emulated device busy for its modeled time, at most the job timeout."""
        spec = find_target(job.target)
        if outcome.status != "Succeeded" or spec is None or spec.time_model is None:
            return outcome
        shots = shots_for_time_model(outcome.usage, request.input_params, spec)
        modeled = spec.time_model.seconds(shots, self.config.time_scale)
        limit = max(float(request.timeout), 0.001)
        remaining = began + min(modeled, limit) - time.monotonic()
        if remaining > 0 and running.cancelled.wait(remaining):
            return ExecutionOutcome("Cancelled")
        if modeled > limit:
            return ExecutionOutcome.failed(
                errors.TIMEOUT,
                f"The job needs about {modeled:.0f} s on {spec.id} ({shots} shots), more than "
                f"the time limit of {limit:g} s; it was stopped. Use fewer shots.",
                limit,
            )
        return outcome
