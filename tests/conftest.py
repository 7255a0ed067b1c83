"""Fixtures every test folder shares: a real local service and an SDK workspace on it.

The session-wide service lives in a temporary data directory, and
QSESSION_DATA_DIR / JUPYTER_RUNTIME_DIR point there, so kernels and Jupyter
servers started by tests find the same service, and the user's own data is
never touched.
"""

from __future__ import annotations

import os

import pytest
from service_support import ServiceHandle, start_service


@pytest.fixture(scope="session")
def qsession_env(tmp_path_factory) -> dict[str, str]:
    root = tmp_path_factory.mktemp("qsession")
    env = {
        "QSESSION_DATA_DIR": str(root / "data"),
        "JUPYTER_RUNTIME_DIR": str(root / "runtime"),
    }
    saved = {key: os.environ.get(key) for key in env}
    os.environ.update(env)
    yield env
    for key, value in saved.items():
        if value is None:
            os.environ.pop(key, None)
        else:
            os.environ[key] = value


@pytest.fixture(scope="session")
def local_service(qsession_env) -> ServiceHandle:
    from pathlib import Path

    handle = start_service(Path(qsession_env["QSESSION_DATA_DIR"]))
    yield handle
    handle.stop()


@pytest.fixture
def workspace(local_service):
    return local_service.workspace()


@pytest.fixture
def make_service(tmp_path, qsession_env):
    """Start extra services with their own data dir and options; stopped after the test."""
    started: list[ServiceHandle] = []

    def make(name: str = "extra", **options) -> ServiceHandle:
        handle = start_service(tmp_path / name, **options)
        started.append(handle)
        return handle

    yield make
    for handle in started:
        handle.stop()
