"""Helpers shared by the execution tests (a module of its own: conftest is not importable)."""

from __future__ import annotations

import json
import uuid

from qsession_jupyter.local.execution import ExecutionOutcome, ExecutionRequest
from qsession_jupyter.local.execution.formats import find_format
from qsession_jupyter.local.execution.runner import TEST_HOOK_FORMAT


def make_request(
    target: str,
    input_format: str,
    data: bytes | str,
    params: dict | None = None,
    timeout: float = 60.0,
) -> ExecutionRequest:
    if isinstance(data, str):
        data = data.encode("utf-8")
    return ExecutionRequest(
        job_id=str(uuid.uuid4()),
        target_id=target,
        input_format=input_format,
        output_format=found.output if (found := find_format(input_format)) else "",
        input_data=data,
        input_params=params if params is not None else {"shots": 100},
        timeout=timeout,
    )


def hook_request(action: str, **extra) -> ExecutionRequest:
    return ExecutionRequest(
        job_id=str(uuid.uuid4()),
        target_id="ionq.simulator",
        input_format=TEST_HOOK_FORMAT,
        output_format="",
        input_data=json.dumps({"action": action, **extra}).encode(),
        input_params={},
    )


def output_of(outcome: ExecutionOutcome) -> dict:
    assert outcome.status == "Succeeded", (outcome.error_code, outcome.error_message)
    assert outcome.output is not None
    return json.loads(outcome.output)


def qsharp_qir(source: str, expression: str, profile: str = "Base") -> str:
    """Compile Q# with qdk exactly as a notebook user's `qsharp.compile` does."""
    from qdk import qsharp

    qsharp.init(target_profile=getattr(qsharp.TargetProfile, profile))
    qsharp.eval(source)
    return str(qsharp.compile(expression))


BELL_QS = """
operation Bell() : Result[] {
    use qs = Qubit[2];
    H(qs[0]);
    CNOT(qs[0], qs[1]);
    MResetEachZ(qs)
}
"""
