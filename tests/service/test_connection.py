"""`connect()` picks the workspace users expect: given, then Azure from the environment, then local."""

from __future__ import annotations

import pytest

from qsession_jupyter import connect, describe_workspace, local_workspace
from qsession_jupyter.connection import WorkspaceNotConfigured, azure_workspace, is_local

AZURE_VARS = {
    "AZURE_QUANTUM_SUBSCRIPTION_ID": "11111111-2222-3333-4444-555555555555",
    "AZURE_QUANTUM_WORKSPACE_RG": "my-rg",
    "AZURE_QUANTUM_WORKSPACE_NAME": "my-workspace",
    "AZURE_QUANTUM_WORKSPACE_LOCATION": "westus",
}


@pytest.fixture
def no_azure_env(monkeypatch):
    for name in [*AZURE_VARS, "AZURE_QUANTUM_CONNECTION_STRING"]:
        monkeypatch.delenv(name, raising=False)


def test_passed_workspace_wins(workspace, no_azure_env):
    assert connect(workspace) is workspace


def test_local_by_default_and_shared_with_the_running_service(local_service, no_azure_env):
    chosen = connect()
    assert is_local(chosen)
    assert "local workspace" in describe_workspace(chosen)
    # The same service the test session started: its key and endpoint.
    assert [t.name for t in chosen.get_targets()] == [
        t.name for t in local_workspace().get_targets()
    ]


def test_azure_from_environment(monkeypatch, local_service, no_azure_env):
    """The Azure cloud cannot be reached here, so only its ARM lookup is stood in for."""
    from azure.quantum._mgmt_client import WorkspaceMgmtClient

    looked_up = []

    def arm_answer(self, params):
        looked_up.append((params.subscription_id, params.resource_group, params.workspace_name))
        params.location = "westus"
        params.quantum_endpoint = "https://westus.quantum.azure.com/"

    monkeypatch.setattr(WorkspaceMgmtClient, "load_workspace_from_arm", arm_answer)
    for name, value in AZURE_VARS.items():
        monkeypatch.setenv(name, value)
    chosen = connect()
    assert looked_up == [(AZURE_VARS["AZURE_QUANTUM_SUBSCRIPTION_ID"], "my-rg", "my-workspace")]
    assert not is_local(chosen)
    assert chosen.name == "my-workspace"
    assert chosen.subscription_id == AZURE_VARS["AZURE_QUANTUM_SUBSCRIPTION_ID"]
    assert describe_workspace(chosen) == "Azure Quantum workspace 'my-workspace' (westus)"


def test_azure_names_missing_variables(monkeypatch, no_azure_env):
    monkeypatch.setenv("AZURE_QUANTUM_WORKSPACE_NAME", "half-configured")
    with pytest.raises(WorkspaceNotConfigured) as error:
        azure_workspace()
    assert "AZURE_QUANTUM_SUBSCRIPTION_ID" in str(error.value)
    assert "AZURE_QUANTUM_WORKSPACE_RG" in str(error.value)
