"""Make sessions and jobs the way users do: through the azure-quantum SDK."""

from __future__ import annotations

import time
import uuid
from functools import lru_cache

from azure.quantum.job.session import Session


@lru_cache(maxsize=1)
def bell_program():
    """A two-qubit Bell pair compiled by qdk to QIR (the format every target runs)."""
    from qdk import qsharp

    qsharp.init(target_profile=qsharp.TargetProfile.Base)
    qsharp.eval(
        "operation Bell() : Result[] { use q = Qubit[2]; H(q[0]); CNOT(q[0], q[1]); MResetEachZ(q) }"
    )
    return qsharp.compile("Bell()")


def unique_prefix() -> str:
    return "t" + uuid.uuid4().hex[:8]


def submit(workspace, target_id: str, name: str, shots: int = 20):
    """A job outside any session (a fresh Target, so no stale `latest_session`)."""
    return workspace.get_targets(target_id).submit(bell_program(), name=name, shots=shots)


def submit_broken(workspace, target_id: str, name: str):
    """A job the service accepts and then fails: its input is not QIR."""
    return workspace.get_targets(target_id).submit(
        "this is not QIR",
        name=name,
        input_data_format="qir.v1",
        output_data_format="microsoft.quantum-results.v2",
    )


def open_session(workspace, target_id: str, name: str):
    """An open session and its Target (jobs submitted to it join the session)."""
    target = workspace.get_targets(target_id)
    session = target.open_session(name=name)
    return session, target


def open_bare_session(workspace, target_id: str, name: str) -> Session:
    session = Session(workspace=workspace, target=target_id, name=name)
    workspace.open_session(session)
    return session


def wait_for(job_or_session, states: set[str], timeout: float = 30.0) -> str:
    deadline = time.monotonic() + timeout
    while True:
        job_or_session.refresh()
        state = getattr(job_or_session.details.status, "value", job_or_session.details.status)
        if state in states or time.monotonic() > deadline:
            return state
        time.sleep(0.1)
