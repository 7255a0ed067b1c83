"""The one place a `Workspace` is made: the local service or a real Azure Quantum one.

Local and cloud differ only here. Everything else (magics, panel, sidebar)
gets an `azure.quantum.Workspace` and uses the SDK, so the cloud path is the
path the tests walk.
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from azure.quantum import Workspace

from .compat import workspace_endpoint_keywords
from .local.config import default_data_dir

if TYPE_CHECKING:
    from .local.app.runtime import RuntimeInfo

log = logging.getLogger(__name__)

#: Identity of the local workspace. The SDK insists on a GUID subscription, a
#: real Azure region and a valid workspace name even when the endpoint is local.
LOCAL_SUBSCRIPTION = "00000000-0000-0000-0000-000000000000"
LOCAL_RESOURCE_GROUP = "local"
LOCAL_NAME = "local-workspace"
LOCAL_LOCATION = "eastus"

CONNECTION_STRING_VAR = "AZURE_QUANTUM_CONNECTION_STRING"
WORKSPACE_VARS = (
    "AZURE_QUANTUM_SUBSCRIPTION_ID",
    "AZURE_QUANTUM_WORKSPACE_RG",
    "AZURE_QUANTUM_WORKSPACE_NAME",
)


#: Where the local service answers: its data plane (127.0.0.1 or localhost) and blob
#: URLs (::1, or 127.0.0.2 where there is no IPv6 loopback).
LOOPBACK_HOSTS = ("127.0.0.1", "::1", "127.0.0.2", "localhost")


class WorkspaceNotConfigured(RuntimeError):
    """Azure was asked for, but the environment does not say which workspace."""


def workspace_at(url: str, api_key: str) -> Workspace:
    """A Workspace on a service that speaks the Azure Quantum contract at `url` (the local
    service, or one a test starts), authenticated by its API key."""
    from azure.core.credentials import AzureKeyCredential

    bypass_proxies_for_loopback()
    return Workspace(
        subscription_id=LOCAL_SUBSCRIPTION,
        resource_group=LOCAL_RESOURCE_GROUP,
        name=LOCAL_NAME,
        location=LOCAL_LOCATION,
        credential=AzureKeyCredential(api_key),
        # The only way to point the unmodified SDK at another endpoint (see compat).
        **workspace_endpoint_keywords(url),
    )


def bypass_proxies_for_loopback() -> None:
    """Keep the local service's requests off any HTTP proxy.

    requests (under the SDK) sends even loopback requests through HTTP_PROXY
    or HTTPS_PROXY, as corporate networks set them, unless NO_PROXY names the
    host; the proxy cannot reach this machine's loopback, so every call failed
    with "Unable to connect to proxy". The loopback hosts are added to the
    variable requests reads (lowercase `no_proxy` wins over `NO_PROXY`), keeping
    whatever it lists.
    """
    names = [name for name in ("no_proxy", "NO_PROXY") if name in os.environ] or ["no_proxy"]
    for name in names:
        listed = [host.strip() for host in os.environ.get(name, "").split(",") if host.strip()]
        missing = [host for host in LOOPBACK_HOSTS if host not in listed]
        if missing:
            os.environ[name] = ",".join(listed + missing)


def local_workspace(data_dir: str | Path | None = None) -> Workspace:
    """A Workspace on the local service for `data_dir`, starting the service if needed."""
    info = _start_local(Path(data_dir or default_data_dir()).resolve())
    workspace = workspace_at(info.url, info.api_key)
    # What revive_local needs to find (and restart) this workspace's service.
    workspace._qsession_local = (Path(info.data_dir), info.url)
    return workspace


def inform(message: str) -> None:
    """Information about the service, where the starter shows information.

    In a Jupyter kernel that is the cell's output (stdout): stderr would show
    as an error-coloured block. Elsewhere (the Jupyter server, a terminal, a
    script) it is the log, which reaches the terminal.
    """
    ipython = sys.modules.get("IPython")
    if ipython is not None and getattr(ipython.get_ipython(), "kernel", None) is not None:
        print(message, file=sys.stdout, flush=True)
    else:
        log.warning(message)


def _start_local(data_dir: Path) -> RuntimeInfo:
    """The service for `data_dir`; when this call started it, say so in the log.

    The service outlives the kernel or server that started it, so the starter's
    log (a notebook's output, the Jupyter server's terminal) says how it ends.
    """
    from .local.app.idle import describe_idle_shutdown
    from .local.app.runtime import ensure_service, read_runtime
    from .local.config import ServiceConfig

    before = read_runtime(data_dir)
    info = ensure_service(data_dir)
    if before is None or before.pid != info.pid:
        inform(
            f"qsession_jupyter: started the local workspace service (pid {info.pid}, data in "
            f"{info.data_dir}); it outlives Jupyter and "
            f"{describe_idle_shutdown(ServiceConfig.idle_shutdown)}."
        )
    return info


def revive_local(workspace: Workspace) -> None:
    """Start the local service again if it stopped (idle shutdown, `qsession-local stop`).

    Cheap enough to call before every cell: a file read and a signal-0 check.
    The service comes back on its remembered port with the same key, so
    `workspace` keeps working; if that port was taken meanwhile, say what to do.
    """
    from .local.app.runtime import pid_alive, read_runtime

    local = getattr(workspace, "_qsession_local", None)
    if local is None:
        return
    data_dir, url = local
    info = read_runtime(data_dir, check_alive=False)
    if info is not None and pid_alive(info.pid):
        return
    info = _start_local(data_dir)
    if info.url != url:
        inform(
            f"qsession_jupyter: the local workspace service now listens at {info.url}; "
            "run `%workspace local` to use it."
        )


def azure_configured() -> bool:
    return bool(os.environ.get(CONNECTION_STRING_VAR)) or all(
        os.environ.get(v) for v in WORKSPACE_VARS
    )


def azure_workspace() -> Workspace:
    """The Azure workspace the standard AZURE_QUANTUM_* variables describe."""
    if os.environ.get(CONNECTION_STRING_VAR):
        return Workspace.from_connection_string(os.environ[CONNECTION_STRING_VAR])
    missing = [name for name in WORKSPACE_VARS if not os.environ.get(name)]
    if missing:
        raise WorkspaceNotConfigured(
            "To use an Azure Quantum workspace, set "
            + ", ".join(missing)
            + f" (and optionally AZURE_QUANTUM_WORKSPACE_LOCATION), or {CONNECTION_STRING_VAR}."
        )
    return Workspace()


def connect(workspace: Workspace | None = None) -> Workspace:
    """The workspace to use: the one given; else Azure from the environment; else local."""
    if workspace is not None:
        return workspace
    if azure_configured():
        return azure_workspace()
    return local_workspace()


def is_local(workspace: Workspace) -> bool:
    return workspace.subscription_id == LOCAL_SUBSCRIPTION and workspace.name == LOCAL_NAME


def describe_workspace(workspace: Workspace) -> str:
    """One line saying which workspace this is, for magics, panel and sidebar."""
    if is_local(workspace):
        return f"local workspace (offline simulators, data in {default_data_dir()})"
    return f"Azure Quantum workspace '{workspace.name}' ({workspace.location})"
