"""Azure Qiskit backends on the test session's local workspace, through the real SDK provider."""

from __future__ import annotations

import pytest


@pytest.fixture
def provider(workspace):
    from azure.quantum.qiskit import AzureQuantumProvider

    return AzureQuantumProvider(workspace=workspace)


@pytest.fixture
def session_on(provider):
    """Open a session on a target's default (QIR) backend; closed after the test."""
    opened = []

    def open_on(target: str, name: str = "primitives test"):
        backend = provider.get_backend(target)
        session = backend.open_session(name=name)
        opened.append(session)
        return backend, session

    yield open_on
    for session in opened:
        session.close()
