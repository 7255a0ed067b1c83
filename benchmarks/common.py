"""Shared pieces of the benchmark scripts: a private service and small statistics."""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from service_support import ServiceHandle, start_service  # noqa: E402


def private_service(**options) -> ServiceHandle:
    """A service in a fresh temporary data dir, so figures don't depend on old data."""
    root = Path(tempfile.mkdtemp(prefix="qsession-bench-"))
    os.environ["JUPYTER_RUNTIME_DIR"] = str(root / "runtime")
    return start_service(root / "data", **options)


def median(values: list[float]) -> float:
    return statistics.median(values)


def median_in_a_row(step: Callable[[], object], iterations: int) -> float:
    """Median time of `step` run `iterations` times in a row, nothing else between.

    Interleaved arms share the machine's noise, but each also runs in the
    caches the other just filled (the SDK's HTTP path evicts much of what
    Aer's local mode uses). Each arm in a row is the other view of the same ratio.
    """
    times = []
    for _ in range(iterations):
        start = time.perf_counter()
        step()
        times.append(time.perf_counter() - start)
    return median(times)


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


def run_variational_sections(
    description: str, sections: list[Callable[[argparse.Namespace, ServiceHandle], None]]
) -> None:
    """The variational benchmarks' command line: each section runs on one private service."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--iterations", type=int, default=40)
    parser.add_argument("--shots", type=int, default=100)
    parser.add_argument("--target", default="ionq.simulator")
    args = parser.parse_args()
    service = private_service()
    try:
        for section in sections:
            section(args, service)
    finally:
        service.stop()
