"""Turns one `ExecutionRequest` into an `ExecutionOutcome`, inside a worker.

Each input format has a handler module (the registry in `formats/`): `run(program,
params, target) -> (output JSON, usage)`, and `count(...)` for the same usage without
running (the cost estimate).
Handlers raise `JobError` for anything wrong with the job; everything else they
raise becomes an `InternalError` outcome, so the worker survives its own bugs.
Runs in-process too, which is how the unit tests of single formats use it.
"""

from __future__ import annotations

import importlib
import json
import os
import time
import traceback
from types import ModuleType

from ...providers.base import TargetSpec
from ...providers.catalog import find_target
from .contract import ExecutionOutcome, ExecutionRequest
from .errors import INTERNAL, OUT_OF_MEMORY, JobError, cannot_translate_output, invalid_input
from .formats import FORMATS, find_format

#: A format's handler module: `run(program, params, target) -> (output, usage)` runs the
#: job; `count(program, params, target) -> usage` reads the same usage without running it.
Handler = ModuleType

#: Input format of the test hooks (crash, hang, memory), honoured only when the
#: worker's environment names the tests' hook module in QSESSION_EXECUTION_TEST_HOOKS.
TEST_HOOK_FORMAT = "qsession.test-hook.v1"


def warm_up() -> None:
    """Import the engines now, so the first job does not pay for it."""
    from .qir import engine  # noqa: F401  (imports qdk, pyqir and numpy)

    for each in FORMATS.values():
        each.handler()
    try:
        import quil.program  # noqa: F401
    except ImportError:
        pass


def execute(request: ExecutionRequest) -> ExecutionOutcome:
    started = time.perf_counter()
    try:
        output, usage = _dispatch(request)
    except JobError as exc:
        return ExecutionOutcome.failed(exc.code, exc.message, time.perf_counter() - started)
    except MemoryError:
        return ExecutionOutcome.failed(
            OUT_OF_MEMORY,
            "The job needs more memory than a local worker may use; use fewer qubits or shots.",
            time.perf_counter() - started,
        )
    except Exception as exc:  # a bug of ours: fail this job, keep the worker
        last = traceback.extract_tb(exc.__traceback__)[-1:]
        where = f" (at {last[0].name}, line {last[0].lineno})" if last else ""
        return ExecutionOutcome.failed(
            INTERNAL,
            f"The local simulator failed unexpectedly: {type(exc).__name__}: {exc}{where}",
            time.perf_counter() - started,
        )
    data = json.dumps(output, separators=(",", ":")).encode("utf-8")
    return ExecutionOutcome(
        "Succeeded", output=data, seconds=time.perf_counter() - started, usage=usage
    )


def _dispatch(request: ExecutionRequest) -> tuple[object, dict]:
    hooks = os.environ.get("QSESSION_EXECUTION_TEST_HOOKS")
    if request.input_format == TEST_HOOK_FORMAT and hooks:
        return importlib.import_module(hooks).run_hook(request.input_data)
    params = request.input_params if isinstance(request.input_params, dict) else {}
    target = find_target(request.target_id)
    if target is None:
        raise invalid_input(f"Unknown target '{request.target_id}'.")
    handler = _accepting(target, request.input_format, request.output_format)
    output, usage = handler.run(bytes(request.input_data), params, target)
    return output, {**usage, **target.provider.billing_usage(params)}


def count_usage(target: TargetSpec, input_format: str, data: bytes, params: dict) -> dict:
    """The usage a job would report, read from its program without running it.

    The cost estimate before submission prices this, so it equals the
    `costEstimate` the service writes after the job ran. Raises `JobError`
    for a job the target would refuse.
    """
    handler = _accepting(target, input_format, None)
    return {**handler.count(bytes(data), params, target), **target.provider.billing_usage(params)}


def _accepting(target: TargetSpec, input_format: str, output_format: str | None) -> Handler:
    """The format's handler for `target`, or the `JobError` the service answers with."""
    found = find_format(input_format)
    if found is None:
        known = ", ".join(sorted(FORMATS))
        raise invalid_input(
            f"The input data format '{input_format}' is not supported by the local "
            f"workspace (supported: {known})."
        )
    if input_format not in target.input_formats:
        raise invalid_input(
            f"Target '{target.id}' does not accept '{input_format}' input "
            f"(it accepts {', '.join(sorted(target.input_formats))})."
        )
    if output_format and output_format != found.output:
        raise cannot_translate_output(target.provider_id, found.output)
    return found.handler()
