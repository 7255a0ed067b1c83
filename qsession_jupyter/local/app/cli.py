"""`qsession-local`: run, inspect and stop the local workspace service."""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import signal
import sys
import time
from pathlib import Path

from ..config import ServiceConfig, default_data_dir
from ..storage import repair
from .runtime import health, pid_alive, read_runtime, runtime_file


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="qsession-local",
        description="The local Azure Quantum workspace that qsession-jupyter uses offline.",
    )
    commands = parser.add_subparsers(dest="command", required=True)
    serve = commands.add_parser("serve", help="run the service in the foreground")
    defaults = ServiceConfig(data_dir=Path("."))
    serve.add_argument(
        "--host", default="127.0.0.1", help="loopback address to listen on (default 127.0.0.1)"
    )
    serve.add_argument("--port", type=int, default=0, help="port; 0 picks a free one (default)")
    serve.add_argument(
        "--blob-host",
        default="",
        help="loopback address of the blob URLs: ::1, or 127.0.0.2 (Linux) where the machine "
        "has no IPv6 loopback (default: the first of these the machine has)",
    )
    serve.add_argument(
        "--data-dir", type=Path, default=None, help="where sessions, jobs and blobs are kept"
    )
    serve.add_argument(
        "--session-idle-timeout",
        type=float,
        default=defaults.session_idle_timeout,
        metavar="SECONDS",
        help="idle seconds before an open session times out (default 600)",
    )
    serve.add_argument(
        "--exclusive-window",
        type=float,
        default=defaults.exclusive_window,
        metavar="SECONDS",
        help="Quantinuum session exclusivity window (default 60)",
    )
    serve.add_argument(
        "--workers", type=int, default=defaults.workers, help="simulator worker processes"
    )
    serve.add_argument(
        "--time-scale",
        type=float,
        default=defaults.time_scale,
        help="multiplies emulated devices' execution times (default 1: ~1 s per 100 shots)",
    )
    serve.add_argument(
        "--job-timeout",
        type=float,
        default=defaults.job_timeout,
        metavar="SECONDS",
        help="compute seconds a job may take before it fails (default 300)",
    )
    serve.add_argument(
        "--idle-shutdown",
        type=float,
        default=defaults.idle_shutdown,
        metavar="SECONDS",
        help="stop after this long with no requests and nothing queued, running or open; "
        "0 never stops (default 1800)",
    )
    serve.add_argument(
        "--sweep-interval", type=float, default=defaults.sweep_interval, help=argparse.SUPPRESS
    )
    serve.add_argument(
        "--sas-lifetime", type=float, default=defaults.sas_lifetime, help=argparse.SUPPRESS
    )
    serve.add_argument(
        "--max-blob-bytes", type=int, default=defaults.max_blob_bytes, help=argparse.SUPPRESS
    )
    for name, text in (
        ("status", "show where the service runs and what it holds"),
        ("stop", "stop the service"),
        ("repair", "move a database that cannot be read aside (keeping a copy) for a fresh one"),
    ):
        sub = commands.add_parser(name, help=text)
        sub.add_argument("--data-dir", type=Path, default=None)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    data_dir = (args.data_dir or default_data_dir()).expanduser().resolve()
    if args.command == "serve":
        return _serve(args, data_dir)
    if args.command == "status":
        return _status(data_dir)
    if args.command == "repair":
        return _repair(data_dir)
    return _stop(data_dir)


def _serve(args, data_dir: Path) -> int:
    from .server import blob_host_problem, serve

    running = read_runtime(data_dir)
    if running is not None:
        print(
            f"A service for {data_dir} already runs at {running.url} (pid {running.pid}).",
            file=sys.stderr,
        )
        return 1
    if args.workers < 1:
        print("--workers must be at least 1.", file=sys.stderr)
        return 2
    problem = blob_host_problem(args.blob_host)
    if problem:
        print(problem, file=sys.stderr)
        return 2
    logging.basicConfig(
        level=logging.WARNING, format="%(asctime)s %(name)s %(levelname)s %(message)s"
    )
    config = ServiceConfig(
        data_dir=data_dir,
        host=args.host,
        port=args.port,
        blob_host=args.blob_host,
        session_idle_timeout=args.session_idle_timeout,
        exclusive_window=args.exclusive_window,
        workers=args.workers,
        time_scale=args.time_scale,
        job_timeout=args.job_timeout,
        sweep_interval=args.sweep_interval,
        sas_lifetime=args.sas_lifetime,
        max_blob_bytes=args.max_blob_bytes,
        idle_shutdown=args.idle_shutdown,
    )
    try:
        asyncio.run(serve(config))
    except repair.CorruptDatabase as error:
        # The last line of service.log: the kernel's "did not start" message quotes it.
        print(error, file=sys.stderr)
        return 1
    except OSError as error:
        print(f"Could not start the service: {error}", file=sys.stderr)
        return 1
    return 0


def _status(data_dir: Path) -> int:
    info = read_runtime(data_dir)
    if info is None:
        print(f"No local workspace service is running for {data_dir}.")
        return 1
    try:
        counts = health(info)
    except (OSError, ValueError) as error:
        print(f"The service (pid {info.pid}) at {info.url} does not answer: {error}")
        return 1
    print(f"url:      {info.url}")
    print(f"pid:      {info.pid}")
    print(f"data dir: {info.data_dir}")
    for kind in ("sessions", "jobs"):
        states = counts.get(kind, {})
        text = ", ".join(f"{state} {count}" for state, count in sorted(states.items())) or "none"
        print(f"{kind + ':':9} {text}")
    return 0


def _stop(data_dir: Path) -> int:
    info = read_runtime(data_dir)
    if info is None:
        print(f"No local workspace service is running for {data_dir}.")
        runtime_file(data_dir).unlink(missing_ok=True)
        return 0
    os.kill(info.pid, signal.SIGTERM)
    deadline = time.monotonic() + 15
    while pid_alive(info.pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    if pid_alive(info.pid):
        print(f"The service (pid {info.pid}) did not stop within 15 s.", file=sys.stderr)
        return 1
    print(f"Stopped the local workspace service (pid {info.pid}).")
    return 0


def _repair(data_dir: Path) -> int:
    running = read_runtime(data_dir)
    if running is not None:
        print(
            f"The service (pid {running.pid}) is using {data_dir}: "
            "run `qsession-local stop` first.",
            file=sys.stderr,
        )
        return 1
    path = repair.database_path(data_dir)
    problem = repair.database_problem(path)
    if problem is None:
        print(f"The database {path} is fine (or not made yet); nothing to repair.")
        return 0
    copy = repair.move_aside(path)
    print(f"{path} could not be read ({problem}).")
    print(f"Moved it to {copy}; the next start creates a fresh, empty workspace.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
