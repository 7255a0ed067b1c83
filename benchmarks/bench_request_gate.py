"""What issue 13's safeguards cost per request, measured side by side in one run.

* The request gate (loopback Host check, body limit) against the same tornado
  application without it: two servers in this process, one handler answering
  a small JSON document, requests alternating between them.
* A blob write through `files.write_atomically` (0600, temporary removed on
  failure) against the plain write-then-rename it replaced.

    python benchmarks/bench_request_gate.py [--requests 2000] [--writes 2000]

Prints medians in microseconds and the ratio (with / without).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import tempfile
import threading
import time
import uuid
from pathlib import Path

import requests
import tornado.netutil
import tornado.web
from tornado.httpserver import HTTPServer

from qsession_jupyter.local.http.gate import RequestGate
from qsession_jupyter.local.storage.files import write_atomically

BODY_LIMIT = 65 * 1024 * 1024


class Small(tornado.web.RequestHandler):
    def get(self) -> None:
        self.write({"status": "ok"})


def start_servers() -> tuple[int, int]:
    """Two servers on one IO loop thread: (port without gate, port with gate)."""
    ports: list[int] = []
    ready = threading.Event()

    def serve() -> None:
        async def main() -> None:
            app = tornado.web.Application([(r"/health", Small)])
            for delegate in (app, RequestGate(app, BODY_LIMIT)):
                server = HTTPServer(delegate, max_body_size=BODY_LIMIT)
                [sock] = tornado.netutil.bind_sockets(0, "127.0.0.1")
                server.add_sockets([sock])
                ports.append(sock.getsockname()[1])
            ready.set()
            await asyncio.Event().wait()

        asyncio.run(main())

    threading.Thread(target=serve, daemon=True).start()
    ready.wait(10)
    return ports[0], ports[1]


def time_requests(count: int) -> tuple[list[float], list[float]]:
    plain_port, gated_port = start_servers()
    session = requests.Session()
    plain, gated = [], []
    for index in range(count):
        order = [(plain_port, plain), (gated_port, gated)]
        if index % 2:
            order.reverse()
        for port, samples in order:
            start = time.perf_counter()
            response = session.get(f"http://127.0.0.1:{port}/health", timeout=10)
            samples.append(time.perf_counter() - start)
            assert response.status_code == 200
    return plain, gated


def old_write(path: Path, data: bytes) -> None:
    temporary = path.with_name(f".{path.name}.{uuid.uuid4().hex}")
    temporary.write_bytes(data)
    os.replace(temporary, path)


def time_writes(count: int) -> tuple[list[float], list[float]]:
    data = os.urandom(2048)  # a typical job input or result
    old, new = [], []
    with tempfile.TemporaryDirectory() as directory:
        root = Path(directory)
        for index in range(count):
            order = [(old_write, old), (write_atomically, new)]
            if index % 2:
                order.reverse()
            for writer, samples in order:
                start = time.perf_counter()
                writer(root / f"blob-{index % 50}", data)
                samples.append(time.perf_counter() - start)
    return old, new


def report(what: str, without: list[float], with_: list[float]) -> None:
    a, b = statistics.median(without) * 1e6, statistics.median(with_) * 1e6
    print(f"{what}: without {a:8.1f} us   with {b:8.1f} us   ratio {b / a:5.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--writes", type=int, default=2000)
    args = parser.parse_args()
    report("GET /health, request gate  ", *time_requests(args.requests))
    report("2 KiB blob, write_atomically", *time_writes(args.writes))


if __name__ == "__main__":
    main()
