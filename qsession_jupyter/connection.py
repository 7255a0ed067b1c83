"""The one place a `Workspace` is made: the local service or a real Azure Quantum one.

Local and cloud differ only here. Everything else (magics, panel, sidebar)
gets an `azure.quantum.Workspace` and uses the SDK, so the cloud path is the
path the tests walk.
"""

from __future__ import annotations

import os
from pathlib import Path

from azure.quantum import Workspace

from .compat import workspace_endpoint_keywords

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


class WorkspaceNotConfigured(RuntimeError):
    """Azure was asked for, but the environment does not say which workspace."""


def local_workspace(data_dir: str | Path | None = None) -> Workspace:
    """A Workspace on the local service for `data_dir`, starting the service if needed."""
    from azure.core.credentials import AzureKeyCredential

    from .local.runtime import ensure_service

    info = ensure_service(Path(data_dir) if data_dir else None)
    return Workspace(
        subscription_id=LOCAL_SUBSCRIPTION,
        resource_group=LOCAL_RESOURCE_GROUP,
        name=LOCAL_NAME,
        location=LOCAL_LOCATION,
        credential=AzureKeyCredential(info.api_key),
        # The only way to point the unmodified SDK at another endpoint (see compat).
        **workspace_endpoint_keywords(info.url),
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
        from .local.config import default_data_dir

        return f"local workspace (offline simulators, data in {default_data_dir()})"
    return f"Azure Quantum workspace '{workspace.name}' ({workspace.location})"
