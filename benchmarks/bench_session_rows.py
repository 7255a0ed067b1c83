"""What a session row's job counts and summed cost cost the sidebar's list.

Since issue 14 the sidebar's list shows, for each session, how many jobs it
holds by state and the sum of their cost estimates; the server reads each
listed session's jobs through the SDK for that. A finished session's jobs are
read once and remembered; a live session's are re-read on every poll. Three
ways of answering one page of sessions (GET /qsession/items?type=Session), run
alternately in one process against one local service:

* rows only: the listing without job counts (as before issue 14);
* live: every session's jobs re-read (the worst case: all sessions running);
* cached: finished sessions answered from memory (the common case).

Printed: the median per way, and each way's ratio to "rows only".

Run: .venv/bin/python benchmarks/bench_session_rows.py [--jobs 5000] [--page 50] [--repeat 15]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_sidebar import JOBS_PER_SESSION, SESSION_EVERY, seed  # noqa: E402
from common import start_service  # noqa: E402

from qsession_jupyter.server.config import QSessionServer  # noqa: E402
from qsession_jupyter.server.manager import WorkspaceManager  # noqa: E402
from qsession_jupyter.server.queries import ItemsQuery, Page  # noqa: E402
from qsession_jupyter.server.session_jobs import SessionJobs  # noqa: E402


class RowsOnly(WorkspaceManager):
    """The listing as it was: no per-session job reads."""

    def _with_jobs(self, workspace, model):
        return model


def timed(manager: WorkspaceManager, query: ItemsQuery) -> float:
    start = time.perf_counter()
    body = asyncio.run(manager.list_items(query))
    elapsed = time.perf_counter() - start
    assert body["items"], "the page is empty"
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jobs", type=int, default=5000)
    parser.add_argument("--page", type=int, default=50)
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()

    root = Path(tempfile.mkdtemp(prefix="qsession-bench-"))
    os.environ["JUPYTER_RUNTIME_DIR"] = str(root / "runtime")  # a service of its own
    data_dir = root / "data"
    data_dir.mkdir(parents=True)
    seed(data_dir, args.jobs)
    service = start_service(data_dir)
    try:
        settings = QSessionServer(workspace_factory=service.workspace)
        ways = {
            "rows only": RowsOnly(settings),
            "live (re-read)": WorkspaceManager(settings),
            "cached": WorkspaceManager(settings),
        }
        ways["live (re-read)"]._session_jobs = SessionJobs(size=0)  # nothing is remembered
        query = ItemsQuery(types=["Session"], page=Page(0, args.page))
        for manager in ways.values():
            timed(manager, query)  # connect, and fill the cache of the "cached" way
        times: dict[str, list[float]] = {name: [] for name in ways}
        for _ in range(args.repeat):
            for name, manager in ways.items():
                times[name].append(timed(manager, query))
        sessions = min(args.page, -(-args.jobs // SESSION_EVERY))
        print(
            f"{sessions} sessions per page, {JOBS_PER_SESSION} jobs each; "
            f"{args.repeat} alternating repeats"
        )
        base = statistics.median(times["rows only"])
        for name, values in times.items():
            value = statistics.median(values)
            print(f"{name:>16}: median {value * 1000:7.1f} ms  ratio {value / base:5.2f}")
        for manager in ways.values():
            manager.close()
    finally:
        service.stop()


if __name__ == "__main__":
    main()
