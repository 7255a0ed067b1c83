"""What a session row's job counts and summed cost cost the sidebar's list.

Since issue 14 the sidebar's list shows, for each session, how many jobs it
holds by state and the sum of their cost estimates, so the server reads each
listed session's jobs through the SDK. It keeps them with the panel's
`SessionTracker`: listed once, then only the newest and the pending jobs are
asked for, and a finished session is not asked again. One page of sessions
(GET /qsession/items?type=Session) answered three ways, alternately, in one
process against one local service:

* rows only: the listing without job counts (as before issue 14);
* no memory: every session's jobs listed in full on every poll;
* remembered: the trackers kept from one poll to the next (what ships).

Both with every session finished, then with every session live (Executing,
its jobs final). Printed: medians and each way's ratio to "rows only".

Run: .venv/bin/python benchmarks/bench_session_rows.py [--sessions 50] [--jobs-per-session 100] [--repeat 11]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_sidebar  # noqa: E402
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


def measure(settings: QSessionServer, query: ItemsQuery, repeat: int) -> None:
    ways = {
        "rows only": RowsOnly(settings),
        "no memory": WorkspaceManager(settings),
        "remembered": WorkspaceManager(settings),
    }
    ways["no memory"]._session_jobs = SessionJobs(size=0)  # a new tracker every time
    for manager in ways.values():
        timed(manager, query)  # connect, and load the remembered trackers
    times: dict[str, list[float]] = {name: [] for name in ways}
    for _ in range(repeat):
        for name, manager in ways.items():
            times[name].append(timed(manager, query))
    base = statistics.median(times["rows only"])
    for name, values in times.items():
        value = statistics.median(values)
        print(f"  {name:>11}: median {value * 1000:7.1f} ms  ratio {value / base:6.2f}")
    for manager in ways.values():
        manager.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=50)
    parser.add_argument("--jobs-per-session", type=int, default=100)
    parser.add_argument("--repeat", type=int, default=11)
    args = parser.parse_args()

    root = Path(tempfile.mkdtemp(prefix="qsession-bench-"))
    os.environ["JUPYTER_RUNTIME_DIR"] = str(root / "runtime")  # a service of its own
    data_dir = root / "data"
    data_dir.mkdir(parents=True)
    # bench_sidebar's seed: a session every SESSION_EVERY jobs, holding JOBS_PER_SESSION.
    bench_sidebar.SESSION_EVERY = bench_sidebar.JOBS_PER_SESSION = args.jobs_per_session
    bench_sidebar.seed(data_dir, args.sessions * args.jobs_per_session)
    service = start_service(data_dir)
    try:
        settings = QSessionServer(workspace_factory=service.workspace)
        query = ItemsQuery(types=["Session"], page=Page(0, args.sessions))
        print(
            f"{args.sessions} sessions on the page, {args.jobs_per_session} jobs each; "
            f"{args.repeat} alternating repeats"
        )
        print("every session finished:")
        measure(settings, query, args.repeat)
        with sqlite3.connect(data_dir / "workspace.sqlite3") as db:
            db.execute("UPDATE items SET status = 'Executing' WHERE item_type = 'Session'")
        print("every session live (Executing):")
        measure(settings, query, args.repeat)
    finally:
        service.stop()


if __name__ == "__main__":
    main()
