"""How long the sidebar's first page takes with 100, 10,000 and 100,000 jobs.

Goal: the first page costs the same whatever the workspace holds. Each size
gets its own local workspace, seeded straight into the service's SQLite store
(submitting 100,000 jobs through the SDK would take longer than the point is
worth), then served by the real service and read the way the sidebar reads it:
GET /qsession/items on a real `jupyter server` -> the extension's manager ->
azure-quantum SDK -> HTTP -> local service -> SQLite. The server finds the
workspace the default way (QSESSION_DATA_DIR). Printed: median and p90 per query and size, and the ratio
of the largest size to the smallest, measured side by side in one run.

Run: .venv/bin/python benchmarks/bench_sidebar.py [--sizes 100,10000,100000] [--repeat 30]
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import uuid
from pathlib import Path

SIZES = (100, 10_000, 100_000)
TARGETS = ("ionq.simulator", "rigetti.sim.qvm", "quantinuum.sim.h2-1e", "ionq.qpu.aria-1")
STATES = ("Succeeded", "Succeeded", "Succeeded", "Failed", "Cancelled")
#: Every SESSION_EVERY-th job opens a session holding it and the next
#: JOBS_PER_SESSION - 1 jobs, so 10% of the jobs are not top-level items.
SESSION_EVERY = 100
JOBS_PER_SESSION = 10

#: (label, query parameters as the sidebar sends them)
QUERIES = [
    ("first page (newest first)", {}),
    ("state = Failed", {"state": "Failed"}),
    ("type = Session", {"type": "Session"}),
    ("name prefix", {"q": "job-00001"}),
    ("sort by name", {"sort": "name", "order": "asc"}),
]


#: Every row names the same columns (the store's bulk insert wants one shape).
COLUMNS = (
    "id",
    "item_type",
    "name",
    "provider_id",
    "target",
    "status",
    "job_type",
    "session_id",
    "creation_time",
    "begin_execution_time",
    "end_execution_time",
    "last_modified_time",
    "last_activity_time",
    "job_failure_policy",
    "closed",
    "input_data_format",
    "output_data_format",
    "container",
    "input_blob",
    "output_blob",
    "input_params",
)


def _row(**fields) -> dict:
    row = dict.fromkeys(COLUMNS)
    row["closed"] = 0
    row.update(fields)
    return row


def seed(data_dir: Path, jobs: int) -> None:
    """Write `jobs` finished jobs (and their sessions) into a fresh store."""
    from qsession_jupyter.local.storage.store import Store

    store = Store(data_dir / "workspace.sqlite3")
    start = time.time() - jobs  # one job a second, oldest first
    rows: list[dict] = []
    session_id: str | None = None
    for index in range(jobs):
        created = start + index
        if index % SESSION_EVERY == 0:
            session_id = str(uuid.uuid4())
            rows.append(
                _row(
                    **{
                        "id": session_id,
                        "item_type": "Session",
                        "name": f"session-{index:06d}",
                        "provider_id": "ionq",
                        "target": "ionq.simulator",
                        "status": "Succeeded",
                        "creation_time": created - 0.5,
                        "end_execution_time": created + 10,
                        "last_modified_time": created + 10,
                        "last_activity_time": created,
                        "job_failure_policy": "Abort",
                        "closed": 1,
                    }
                )
            )
        job_id = str(uuid.uuid4())
        target = TARGETS[index % len(TARGETS)]
        rows.append(
            _row(
                **{
                    "id": job_id,
                    "item_type": "Job",
                    "job_type": "QuantumComputing",
                    "name": f"job-{index:06d}",
                    "provider_id": target.split(".")[0],
                    "target": target,
                    "status": STATES[index % len(STATES)],
                    "session_id": session_id if index % SESSION_EVERY < JOBS_PER_SESSION else None,
                    "creation_time": created,
                    "begin_execution_time": created + 0.1,
                    "end_execution_time": created + 0.3,
                    "last_modified_time": created + 0.3,
                    "input_data_format": "qir.v1",
                    "output_data_format": "microsoft.quantum-results.v2",
                    "container": f"job-{job_id}",
                    "input_blob": "inputData",
                    "output_blob": "outputData",
                    "input_params": {"shots": 100},
                }
            )
        )
        if len(rows) >= 20_000:
            store.insert_items(rows)
            rows = []
    store.insert_items(rows)
    store.close()


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


class JupyterServer:
    """`jupyter server` with the extension, its local workspace in `data_dir`."""

    def __init__(self, root: Path, data_dir: Path) -> None:
        self.port = _free_port()
        self.token = uuid.uuid4().hex
        env = {
            **os.environ,
            "QSESSION_DATA_DIR": str(data_dir),
            "JUPYTER_CONFIG_DIR": str(root / "config"),
        }
        config_dir = root / "config"
        config_dir.mkdir(exist_ok=True)
        # The extension's server module itself, loaded once, whether or not the
        # installed package re-exports its entry points.
        extensions = {"qsession_jupyter": False, "qsession_jupyter.server": True}
        (config_dir / "jupyter_server_config.json").write_text(
            json.dumps({"ServerApp": {"jpserver_extensions": extensions}})
        )
        self._log = (root / f"server-{data_dir.name}.log").open("w")
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "jupyter_server",
                "--no-browser",
                "--allow-root",
                f"--port={self.port}",
                "--ip=127.0.0.1",
                f"--IdentityProvider.token={self.token}",
                f"--ServerApp.root_dir={root}",
            ],
            env=env,
            stdout=self._log,
            stderr=subprocess.STDOUT,
        )
        self.connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        deadline = time.monotonic() + 60
        while True:
            try:
                if self.get("api/status")[0] == 200:
                    break
            except OSError:
                self.connection.close()
            if time.monotonic() > deadline or self.process.poll() is not None:
                raise RuntimeError("jupyter server did not start; see " + self._log.name)
            time.sleep(0.2)

    def get(self, path: str) -> tuple[int, bytes]:
        self.connection.request("GET", "/" + path, headers={"Authorization": f"token {self.token}"})
        response = self.connection.getresponse()
        return response.status, response.read()

    def stop(self) -> None:
        self.connection.close()
        self.process.terminate()
        self.process.wait(timeout=30)
        self._log.close()


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def measure(server: JupyterServer, repeat: int) -> dict[str, list[float]]:
    """Time GET /qsession/items as the sidebar sends it (one keep-alive connection)."""
    timings: dict[str, list[float]] = {}
    for label, params in QUERIES:
        path = "qsession/items?" + urllib.parse.urlencode(params)
        status, body = server.get(path)  # warm: workspace connection, SQLite cache
        assert status == 200, body[:300]
        samples = []
        for _ in range(repeat):
            began = time.perf_counter()
            status, body = server.get(path)
            samples.append(time.perf_counter() - began)
        assert json.loads(body)["items"], f"{label}: empty page"
        timings[label] = samples
    return timings


def run_size(root: Path, jobs: int, repeat: int) -> dict[str, list[float]]:
    from qsession_jupyter.local.app.runtime import read_runtime

    data_dir = root / f"ws-{jobs}"
    began = time.perf_counter()
    seed(data_dir, jobs)
    print(f"  seeded {jobs:>7,} jobs in {time.perf_counter() - began:5.1f} s", flush=True)
    server = JupyterServer(root, data_dir)
    try:
        return measure(server, repeat)
    finally:
        server.stop()
        info = read_runtime(data_dir, check_alive=False)
        if info is not None:
            os.kill(info.pid, signal.SIGTERM)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default=",".join(str(s) for s in SIZES))
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",")]
    with tempfile.TemporaryDirectory(prefix="qsession-bench-") as tmp:
        root = Path(tmp)
        # The services' runtime files go here, not into the user's runtime dir.
        os.environ["JUPYTER_RUNTIME_DIR"] = str(root / "runtime")
        results = {}
        for jobs in sizes:
            print(f"workspace with {jobs:,} jobs", flush=True)
            results[jobs] = run_size(root, jobs, args.repeat)
    small, large = sizes[0], sizes[-1]
    print()
    header = f"{'query':<28}" + "".join(f"{f'{n:,} jobs':>16}" for n in sizes) + f"{'ratio':>9}"
    print(header)
    print(f"{'(median / p90, ms)':<28}")
    for label, _ in QUERIES:
        cells = []
        for jobs in sizes:
            samples = results[jobs][label]
            cells.append(
                f"{1000 * statistics.median(samples):7.1f}/{1000 * percentile(samples, 0.9):<7.1f}"
            )
        ratio = statistics.median(results[large][label]) / statistics.median(results[small][label])
        print(f"{label:<28}" + "".join(f"{c:>16}" for c in cells) + f"{ratio:>8.2f}x")
    print(f"\nratio = median at {large:,} jobs / median at {small:,} jobs (goal: about 1)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
