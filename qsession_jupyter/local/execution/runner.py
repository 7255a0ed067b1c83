"""Turns one `ExecutionRequest` into an `ExecutionOutcome`, inside a worker.

Each input format has a handler `(program, params, target) -> (output JSON, usage)`.
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
from collections.abc import Callable

from .. import targets as catalog
from .contract import ExecutionOutcome, ExecutionRequest
from .errors import INTERNAL, OUT_OF_MEMORY, JobError, cannot_translate_output, invalid_input

Handler = Callable[[bytes, dict, catalog.TargetSpec], tuple[object, dict]]

#: Input format of the test hooks (crash, hang, memory), honoured only when the
#: worker's environment names the tests' hook module in QSESSION_EXECUTION_TEST_HOOKS.
TEST_HOOK_FORMAT = "qsession.test-hook.v1"


def _handlers() -> dict[str, Handler]:
    from .formats import ionq, openqasm, quil
    from .qir import handler as qir

    return {
        catalog.QIR: qir.run,
        catalog.IONQ_CIRCUIT: ionq.run,
        catalog.OPENQASM2: openqasm.run,
        catalog.QUIL: quil.run,
    }


def warm_up() -> None:
    """Import the engines now, so the first job does not pay for it."""
    from .qir import engine  # noqa: F401  (imports qdk, pyqir and numpy)

    _handlers()
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
    target = catalog.find_target(request.target_id)
    if target is None:
        raise invalid_input(f"Unknown target '{request.target_id}'.")
    handler = _handlers().get(request.input_format)
    if handler is None:
        known = ", ".join(sorted(_handlers()))
        raise invalid_input(
            f"The input data format '{request.input_format}' is not supported by the local "
            f"workspace (supported: {known})."
        )
    if request.input_format not in target.input_formats:
        raise invalid_input(
            f"Target '{target.id}' does not accept '{request.input_format}' input "
            f"(it accepts {', '.join(sorted(target.input_formats))})."
        )
    expected = catalog.OUTPUT_FORMAT_FOR_INPUT[request.input_format]
    if request.output_format and request.output_format != expected:
        raise cannot_translate_output(target.provider_id, expected)
    params = request.input_params if isinstance(request.input_params, dict) else {}
    output, usage = handler(bytes(request.input_data), params, target)
    if target.provider_id == "ionq":
        # IonQ prices a program differently with debiasing off (pricing.py).
        mitigation = params.get("error-mitigation")
        off = isinstance(mitigation, dict) and mitigation.get("debias") is False
        usage["error_mitigation"] = 0 if off else 1
    return output, usage
