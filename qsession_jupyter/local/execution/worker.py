"""The worker process: import the engines once, then run job after job.

Started by `pool._Worker` as `python -m qsession_jupyter.local.execution.worker FD MB`.
It exits when the parent closes the socket or goes away.
"""

from __future__ import annotations

import os
import sys
import threading
import time
from multiprocessing.connection import Connection


def _limit_memory(limit_mb: int) -> None:
    """Cap the address space so a huge job fails with MemoryError instead of swapping."""
    if limit_mb <= 0:
        return
    try:
        import resource

        limit = limit_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    except (ImportError, ValueError, OSError):
        pass


def _exit_with_parent() -> None:
    """A worker busy in a long simulation notices a dead parent within a second."""
    parent = os.getppid()
    while True:
        time.sleep(1.0)
        if os.getppid() != parent:
            os._exit(0)


def main(argv: list[str]) -> None:
    fd, limit_mb = int(argv[0]), int(argv[1])
    conn = Connection(fd)
    threading.Thread(target=_exit_with_parent, daemon=True).start()

    from .runner import execute, warm_up

    warm_up()
    # Imports first, then the cap: the engines' own start-up reservations do not count.
    _limit_memory(limit_mb)
    conn.send("ready")
    while True:
        try:
            request = conn.recv()
        except (EOFError, OSError):
            return
        outcome = execute(request)
        try:
            conn.send(outcome)
        except (EOFError, OSError):
            return


if __name__ == "__main__":
    main(sys.argv[1:])
