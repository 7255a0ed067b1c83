"""Shared pieces of the benchmark scripts: a private service and small statistics."""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
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


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"
