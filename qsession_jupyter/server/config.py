"""Which workspace the sidebar shows, as Jupyter server configuration.

Precedence, first match wins:

1. ``workspace_factory`` (a callable returning an ``azure.quantum.Workspace``;
   for embedding and tests);
2. ``connection_string``;
3. ``resource_id`` / ``subscription_id`` + ``resource_group`` + ``workspace_name``
   (completed from the ``AZURE_QUANTUM_*`` variables the SDK reads);
4. ``local_data_dir``: the local workspace service for that data directory;
5. otherwise `qsession_jupyter.connection.connect()`, as kernels do: Azure if
   the ``AZURE_QUANTUM_*`` variables describe a workspace, else the local
   workspace (in ``QSESSION_DATA_DIR`` or the default data directory).

Example ``jupyter_server_config.py``::

    c.QSessionServer.resource_id = "/subscriptions/.../Workspaces/my-ws"
    c.QSessionServer.location = "eastus"
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from traitlets import Callable as CallableTrait
from traitlets import Int, Unicode
from traitlets.config import Configurable


class QSessionServer(Configurable):
    """Settings of the "Quantum sessions" server extension."""

    workspace_factory = CallableTrait(
        None,
        allow_none=True,
        help="A callable returning the azure.quantum.Workspace to show. Overrides the rest.",
    ).tag(config=True)

    connection_string = Unicode(
        None, allow_none=True, help="An Azure Quantum connection string."
    ).tag(config=True)
    resource_id = Unicode(None, allow_none=True, help="Workspace resource id.").tag(config=True)
    subscription_id = Unicode(None, allow_none=True, help="Azure subscription id.").tag(config=True)
    resource_group = Unicode(None, allow_none=True, help="Azure resource group.").tag(config=True)
    workspace_name = Unicode(None, allow_none=True, help="Azure Quantum workspace name.").tag(
        config=True
    )
    location = Unicode(None, allow_none=True, help="Azure region, e.g. eastus.").tag(config=True)

    local_data_dir = Unicode(
        None,
        allow_none=True,
        help="Data directory of the local workspace service (default: QSESSION_DATA_DIR).",
    ).tag(config=True)

    sdk_threads = Int(4, help="Threads running blocking SDK calls off the event loop.").tag(
        config=True
    )
    default_page_size = Int(50, help="Items per page when the client does not say.").tag(
        config=True
    )
    max_page_size = Int(500, help="Largest page a client may ask for.").tag(config=True)

    def _azure_kwargs(self) -> dict[str, Any]:
        names = ("resource_id", "subscription_id", "resource_group", "location")
        kwargs = {name: getattr(self, name) for name in names if getattr(self, name)}
        if self.workspace_name:
            kwargs["name"] = self.workspace_name
        return kwargs

    def workspace_builder(self) -> tuple[str, Callable[[], Any]]:
        """("azure" | "local" | "custom", a function that connects). Connecting blocks."""
        if self.workspace_factory is not None:
            return "custom", self.workspace_factory
        if self.connection_string:
            connection_string = self.connection_string

            def from_connection_string() -> Any:
                from azure.quantum import Workspace

                return Workspace.from_connection_string(connection_string)

            return "azure", from_connection_string
        kwargs = self._azure_kwargs()
        if kwargs:

            def from_parameters() -> Any:
                from azure.quantum import Workspace

                # The SDK completes missing parameters from AZURE_QUANTUM_* variables.
                return Workspace(**kwargs)

            return "azure", from_parameters
        from qsession_jupyter import connection

        data_dir = self.local_data_dir
        if data_dir:
            return "local", lambda: connection.local_workspace(data_dir=data_dir)
        # The same rule as the kernel's magics: Azure when the AZURE_QUANTUM_*
        # variables say so, else the local workspace.
        kind = "azure" if connection.azure_configured() else "local"
        return kind, connection.connect
