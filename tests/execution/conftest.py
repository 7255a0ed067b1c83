"""Fixtures for the execution engine's tests: a real worker pool and real qdk-compiled QIR."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from execution_helpers import BELL_QS, qsharp_qir

from qsession_jupyter.local.execution import WorkerPool


@pytest.fixture(scope="session")
def pool():
    """Two workers with the test hooks enabled and a small memory cap (so the memory hook is quick)."""
    # Workers read the variable whenever they (re)start, so it stays set while the pool lives.
    # The hooks live beside this file (tests only), so the workers get it on their path.
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("QSESSION_EXECUTION_TEST_HOOKS", "worker_hooks")
        patch.setenv("PYTHONPATH", str(Path(__file__).parent), prepend=os.pathsep)
        workers = WorkerPool(2, memory_limit_mb=2048)
        yield workers
        workers.close()


@pytest.fixture(scope="session")
def bell_qir() -> str:
    return qsharp_qir(BELL_QS, "Bell()")
