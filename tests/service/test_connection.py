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


def test_the_local_workspace_works_behind_an_http_proxy(monkeypatch, local_service):
    """Corporate networks set HTTP(S)_PROXY; the proxy cannot reach this machine's loopback,
    so the SDK's requests to the local service must not go through it. NO_PROXY keeps
    what it listed."""
    import os

    from azure.quantum.target.rigetti import Rigetti

    from qsession_jupyter.connection import workspace_at

    dead_proxy = "http://127.0.0.1:9"  # nothing listens on the discard port
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy"):
        monkeypatch.setenv(name, dead_proxy)
    monkeypatch.delenv("no_proxy", raising=False)
    monkeypatch.setenv("NO_PROXY", "intranet.example")
    workspace = workspace_at(local_service.endpoint, local_service.api_key)
    assert os.environ["NO_PROXY"].split(",")[0] == "intranet.example"
    target = workspace.get_targets("rigetti.sim.qvm")
    assert isinstance(target, Rigetti)
    job = target.submit("DECLARE ro BIT[1]\nX 0\nMEASURE 0 ro[0]", name="behind a proxy", shots=3)
    job.wait_until_completed(timeout_secs=30)
    assert job.get_results() == {"ro": [[1], [1], [1]]}
