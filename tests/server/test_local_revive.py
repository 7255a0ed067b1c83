"""The sidebar's server side starts the local service again after it stopped.

The service stops by itself when idle (or by `qsession-local stop`) while
JupyterLab may still be open with the sidebar hidden; the next sidebar request
must find it running again, through the same Workspace, with its data.
"""

from __future__ import annotations

import asyncio
import logging

from qsession_jupyter.local.app.cli import main as qsession_local
from qsession_jupyter.local.app.runtime import read_runtime
from qsession_jupyter.server.config import QSessionServer
from qsession_jupyter.server.manager import WorkspaceManager


def test_the_manager_restarts_a_stopped_local_service(qsession_env, tmp_path, caplog):
    data_dir = tmp_path / "own-data"
    manager = WorkspaceManager(QSessionServer(local_data_dir=str(data_dir)))
    try:
        with caplog.at_level(logging.WARNING, logger="qsession_jupyter"):
            first = asyncio.run(manager.info())
        assert first["reachable"] and first["targets"]
        assert "started the local workspace service" in caplog.text
        assert "stops by itself after 30 min idle" in caplog.text
        before = read_runtime(data_dir)

        assert qsession_local(["stop", "--data-dir", str(data_dir)]) == 0
        assert read_runtime(data_dir) is None

        again = asyncio.run(manager.info())
        assert again["targets"] == first["targets"]
        after = read_runtime(data_dir)
        assert after is not None and after.pid != before.pid
        assert after.url == before.url  # the Workspace the manager holds still fits
    finally:
        manager.close()
        qsession_local(["stop", "--data-dir", str(data_dir)])
