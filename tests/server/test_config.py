"""Which workspace the server extension connects to, by configuration."""

from __future__ import annotations

from qsession_jupyter import connection
from qsession_jupyter.server import QSessionServer


def test_default_follows_connect_local_without_azure_variables(monkeypatch):
    for name in (connection.CONNECTION_STRING_VAR, *connection.WORKSPACE_VARS):
        monkeypatch.delenv(name, raising=False)
    kind, build = QSessionServer().workspace_builder()
    assert (kind, build) == ("local", connection.connect)


def test_azure_variables_select_azure(monkeypatch):
    monkeypatch.setenv(connection.CONNECTION_STRING_VAR, "SubscriptionId=x")
    assert QSessionServer().workspace_builder()[0] == "azure"


def test_traits_take_precedence(tmp_path):
    assert (
        QSessionServer(workspace_name="ws", resource_group="rg").workspace_builder()[0] == "azure"
    )
    assert QSessionServer(connection_string="Endpoint=x").workspace_builder()[0] == "azure"
    kind, _ = QSessionServer(local_data_dir=str(tmp_path)).workspace_builder()
    assert kind == "local"

    def made():
        return "workspace"

    assert QSessionServer(workspace_factory=made, workspace_name="ws").workspace_builder() == (
        "custom",
        made,
    )


def test_a_bad_connection_string_is_a_503_not_configured_not_a_crash(tmp_path):
    import asyncio

    from qsession_jupyter.server import WorkspaceManager
    from qsession_jupyter.server.errors import ApiError

    manager = WorkspaceManager(QSessionServer(connection_string="not a connection string"))
    try:
        asyncio.run(manager.info())
    except ApiError as error:
        assert (error.status, error.code) == (503, "not_configured")
        assert "connect" in error.message.lower()
    else:
        raise AssertionError("expected an ApiError")
    finally:
        manager.close()
