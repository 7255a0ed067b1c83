"""Fixtures for the execution engine's tests: a real worker pool and real qdk-compiled QIR."""

from __future__ import annotations

import os

import pytest
from execution_helpers import BELL_QS, qsharp_qir

from qsession_jupyter.local.execution import WorkerPool


@pytest.fixture(scope="session")
def pool():
    """Two workers with the test hooks enabled and a small memory cap (so the memory hook is quick)."""
    # Workers read the variable whenever they (re)start, so it stays set while the pool lives.
    previous = os.environ.get("QSESSION_EXECUTION_TEST_HOOKS")
    os.environ["QSESSION_EXECUTION_TEST_HOOKS"] = "1"
    workers = WorkerPool(2, memory_limit_mb=2048)
    yield workers
    workers.close()
    if previous is None:
        os.environ.pop("QSESSION_EXECUTION_TEST_HOOKS", None)
    else:
        os.environ["QSESSION_EXECUTION_TEST_HOOKS"] = previous


@pytest.fixture(scope="session")
def bell_qir() -> str:
    return qsharp_qir(BELL_QS, "Bell()")
