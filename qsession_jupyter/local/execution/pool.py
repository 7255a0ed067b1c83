"""A pool of persistent worker processes that run jobs one at a time each.

Why processes, and why persistent: a simulator job can segfault, exhaust memory
or hang, and the service must survive all three; a process is the unit the OS
can kill cleanly. Importing `qdk` costs about a second, so each worker imports it
once and then serves job after job, which keeps a small job in the milliseconds.

Workers are started with `subprocess` (not `multiprocessing` fork or spawn):
forking a threaded service is unsafe, and spawn would re-import the caller's
`__main__`. Parent and worker talk over a socket pair with pickled messages.
"""

from __future__ import annotations

import logging
import os
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from multiprocessing.connection import Connection
from pathlib import Path

from . import errors
from .contract import ExecutionOutcome, ExecutionRequest

log = logging.getLogger(__name__)

#: How long a fresh worker may take to import its engines before we give up on it.
_START_TIMEOUT = 120.0
#: Pause between attempts when workers keep failing to start.
_RESPAWN_BACKOFF = 1.0


class _Worker:
    """One worker process and the parent's end of its socket."""

    def __init__(self, memory_limit_mb: int | None) -> None:
        parent_sock, child_sock = socket.socketpair()
        package_root = str(Path(__file__).resolve().parents[3])
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(
            p for p in (package_root, env.get("PYTHONPATH", "")) if p
        )
        # Keep numeric libraries to one thread each: the pool is the parallelism.
        for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
            env.setdefault(var, "1")
        # The worker's stderr goes to a file we read back when it dies, so a crash
        # message (a Rust panic, an allocation failure) can reach the job's error.
        self.stderr = tempfile.TemporaryFile()
        child_fd = child_sock.fileno()
        self.proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "qsession_jupyter.local.execution.worker",
                str(child_fd),
                str(memory_limit_mb or 0),
            ],
            pass_fds=(child_fd,),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=self.stderr,
            env=env,
            start_new_session=True,
        )
        child_sock.close()
        self.conn = Connection(parent_sock.detach())
        self.job_id: str | None = None
        self.cancelled = False
        #: Set once the worker died, hung or misbehaved: it is replaced, never reused.
        self.broken = False

    def wait_ready(self, timeout: float) -> bool:
        try:
            if not self.conn.poll(timeout):
                return False
            return self.conn.recv() == "ready"
        except (EOFError, OSError):
            return False

    def kill(self) -> None:
        try:
            self.proc.kill()
        except OSError:
            pass

    def dispose(self) -> None:
        self.kill()
        try:
            self.proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            pass
        self.conn.close()
        self.stderr.close()

    def stderr_tail(self, limit: int = 600) -> str:
        try:
            self.stderr.seek(0, os.SEEK_END)
            size = self.stderr.tell()
            self.stderr.seek(max(0, size - limit))
            text = self.stderr.read().decode("utf-8", "replace")
        except (OSError, ValueError):
            return ""
        lines = [line.strip() for line in text.splitlines() if line.strip()]
        return lines[-1] if lines else ""


class WorkerPool:
    """Runs `ExecutionRequest`s on `size` worker processes; see the module docstring."""

    def __init__(self, size: int, memory_limit_mb: int | None = 8192) -> None:
        if size < 1:
            raise ValueError("a worker pool needs at least one worker")
        self._size = size
        self._memory_limit_mb = memory_limit_mb
        self._cond = threading.Condition()
        self._idle: list[_Worker] = []
        self._running: dict[str, _Worker] = {}
        self._waiting: dict[str, bool] = {}  # job id -> cancelled while waiting
        self._closed = False
        #: Set when workers keep failing to start, so waiting jobs fail instead of hanging.
        self._start_error: str | None = None
        for _ in range(size):
            self._spawn_in_background()

    # -- public API -------------------------------------------------------------------

    def run(self, request: ExecutionRequest) -> ExecutionOutcome:
        """Run one job; blocks until it ends. Never raises for problems of the job."""
        worker = self._acquire(request.job_id)
        if worker is None:
            with self._cond:
                cancelled = self._waiting.pop(request.job_id, False)
                start_error = self._start_error
            if cancelled:
                return ExecutionOutcome("Cancelled")
            if start_error and not self._closed:
                return ExecutionOutcome.failed(
                    errors.WORKER_CRASHED, f"The simulator processes cannot start: {start_error}"
                )
            return ExecutionOutcome.failed(
                errors.POOL_CLOSED, "The local workspace service is stopping."
            )
        started = time.monotonic()
        try:
            return self._run_on(worker, request, started)
        finally:
            self._release(worker, request.job_id)

    def is_running(self, job_id: str) -> bool:
        """True while the job occupies a worker (not while it waits for one)."""
        with self._cond:
            return job_id in self._running

    def cancel(self, job_id: str) -> bool:
        """Cancel a waiting or running job; False if the pool does not know it."""
        with self._cond:
            if job_id in self._waiting:
                self._waiting[job_id] = True
                self._cond.notify_all()
                return True
            worker = self._running.get(job_id)
            if worker is None:
                return False
            worker.cancelled = True
        worker.kill()
        return True

    def close(self) -> None:
        with self._cond:
            self._closed = True
            workers = self._idle + list(self._running.values())
            self._idle = []
            self._cond.notify_all()
        for worker in workers:
            worker.kill()

    @property
    def size(self) -> int:
        return self._size

    # -- internals --------------------------------------------------------------------

    def _acquire(self, job_id: str) -> _Worker | None:
        dead: list[_Worker] = []
        try:
            with self._cond:
                self._waiting[job_id] = False
                while True:
                    while not (
                        self._idle or self._waiting[job_id] or self._closed or self._start_error
                    ):
                        self._cond.wait()
                    if not self._idle or self._waiting[job_id] or self._closed:
                        return None
                    worker = self._idle.pop()
                    if worker.proc.poll() is None:
                        break
                    # It died while idle (the OS may kill a worker): replace it and wait on.
                    dead.append(worker)
                    self._spawn_in_background()
                del self._waiting[job_id]
                worker.job_id = job_id
                worker.cancelled = False
                self._running[job_id] = worker
                return worker
        finally:
            for worker in dead:
                threading.Thread(target=worker.dispose, daemon=True).start()

    def _release(self, worker: _Worker, job_id: str) -> None:
        with self._cond:
            self._running.pop(job_id, None)
            worker.job_id = None
            healthy = not (worker.broken or worker.cancelled or self._closed)
            healthy = healthy and worker.proc.poll() is None
            if healthy:
                self._idle.append(worker)
                self._cond.notify()
        if not healthy:
            threading.Thread(target=worker.dispose, daemon=True).start()
            self._spawn_in_background()

    def _run_on(
        self, worker: _Worker, request: ExecutionRequest, started: float
    ) -> ExecutionOutcome:
        timeout = max(float(request.timeout), 0.001)
        finished = True
        try:
            worker.conn.send(request)
            finished = worker.conn.poll(timeout)
            if finished:
                reply = worker.conn.recv()
                if worker.cancelled:
                    return ExecutionOutcome("Cancelled", seconds=time.monotonic() - started)
                if isinstance(reply, ExecutionOutcome):
                    return reply
                worker.broken = True
                return ExecutionOutcome.failed(
                    errors.INTERNAL, f"Unexpected worker reply {reply!r}."
                )
        except (EOFError, OSError):
            pass  # the worker died: decided below
        worker.broken = True
        elapsed = time.monotonic() - started
        if worker.cancelled:
            return ExecutionOutcome("Cancelled", seconds=elapsed)
        if self._closed:
            return ExecutionOutcome.failed(
                errors.POOL_CLOSED,
                "The local workspace service stopped while the job ran.",
                elapsed,
            )
        if not finished:
            worker.kill()
            return ExecutionOutcome.failed(
                errors.TIMEOUT,
                f"The job exceeded the time limit of {_format_seconds(timeout)} s and was stopped.",
                seconds=elapsed,
            )
        return self._crash_outcome(worker, elapsed)

    def _crash_outcome(self, worker: _Worker, elapsed: float) -> ExecutionOutcome:
        try:
            code = worker.proc.wait(timeout=2)
        except subprocess.TimeoutExpired:
            code = None
        detail = worker.stderr_tail()
        how = _describe_exit(code)
        memory = "memory allocation" in detail or code == -signal.SIGKILL
        if memory and self._memory_limit_mb:
            message = (
                f"The simulator process {how} while running the job, most likely because it ran "
                f"out of memory (each worker may use {self._memory_limit_mb} MB)."
            )
            error_code = errors.OUT_OF_MEMORY
        else:
            message = f"The simulator process {how} while running the job."
            error_code = errors.WORKER_CRASHED
        if detail:
            message += f" Last message: {detail}"
        return ExecutionOutcome.failed(
            error_code, message + " Other jobs are not affected.", elapsed
        )

    def _spawn_in_background(self) -> None:
        threading.Thread(target=self._spawn, name="qsession-worker-start", daemon=True).start()

    def _spawn(self) -> None:
        attempt = 0
        while True:
            with self._cond:
                if self._closed:
                    return
            try:
                worker = _Worker(self._memory_limit_mb)
            except OSError as exc:
                log.error("cannot start a simulator worker: %s", exc)
                worker = None
            if worker is not None and worker.wait_ready(_START_TIMEOUT):
                with self._cond:
                    if not self._closed:
                        self._start_error = None
                        self._idle.append(worker)
                        self._cond.notify()
                        return
                worker.dispose()
                return
            detail = "the process could not be created"
            if worker is not None:
                detail = worker.stderr_tail() or "it exited during start-up"
                log.error("a simulator worker failed to start: %s", detail)
                worker.dispose()
            attempt += 1
            if attempt >= 3:
                with self._cond:
                    self._start_error = detail
                    self._cond.notify_all()
            time.sleep(min(_RESPAWN_BACKOFF * attempt, 30.0))


def _describe_exit(code: int | None) -> str:
    if code is None:
        return "stopped responding"
    if code < 0:
        try:
            name = signal.Signals(-code).name
        except ValueError:
            name = f"signal {-code}"
        return f"was killed by {name}"
    return f"exited unexpectedly (exit code {code})"


def _format_seconds(value: float) -> str:
    return f"{value:g}"
