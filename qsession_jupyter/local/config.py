"""Settings of one local workspace service; every timing is here so tests can shrink it."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from jupyter_core.paths import jupyter_data_dir

#: The environment variable that points kernels, servers and the CLI at another data dir.
DATA_DIR_ENV = "QSESSION_DATA_DIR"


def default_data_dir() -> Path:
    configured = os.environ.get(DATA_DIR_ENV)
    if configured:
        return Path(configured).expanduser().resolve()
    return Path(jupyter_data_dir()) / "qsession" / "local-workspace"


@dataclass
class ServiceConfig:
    data_dir: Path
    host: str = "127.0.0.1"
    port: int = 0
    #: Host of the blob URLs; "" picks ::1, or 127.0.0.2 where there is no ::1 (server.py).
    blob_host: str = ""
    #: A session with nothing pending and no submission for this long becomes TimedOut.
    session_idle_timeout: float = 600.0
    #: Quantinuum: a session keeps the machine while its jobs come this close together.
    exclusive_window: float = 60.0
    workers: int = max(2, min(4, os.cpu_count() or 2))
    #: Multiplies the emulated devices' execution-time model (1.0: a 100-shot job ~1 s).
    time_scale: float = 1.0
    #: Compute seconds a job may take before its worker is killed.
    job_timeout: float = 300.0
    #: How often the sweeper looks for idle sessions.
    sweep_interval: float = 1.0
    #: Lifetime of the SAS URLs the service hands out.
    sas_lifetime: float = 24 * 3600.0
    #: Largest blob accepted, in bytes.
    max_blob_bytes: int = 64 * 1024 * 1024
    #: How long a GET of a pending job may wait for it to finish (the SDK polls at once).
    get_wait: float = 0.05
    #: Stop after this long without a request while nothing is queued, running or open
    #: (0: never). Kernels and the Jupyter server start it again when they need it.
    idle_shutdown: float = 1800.0

    def __post_init__(self) -> None:
        self.data_dir = Path(self.data_dir).expanduser().resolve()
