"""The one exception a format handler raises to fail a job with a person-readable message.

Handlers run inside worker processes; anything they raise that is not a
`JobError` is turned into an `InternalError` outcome by the runner, so a bug in
one handler fails its job instead of the worker.
"""

from __future__ import annotations

#: The program or its parameters are wrong (Azure's code for the same situation).
INVALID_INPUT = "InvalidInputData"
#: The program is valid but asks for more than this target can do here.
TOO_LARGE = "InvalidInputData"
#: The job ran past `ExecutionRequest.timeout`.
TIMEOUT = "ExecutionTimeout"
#: The worker process died while running the job (segfault, abort, killed by the OS).
WORKER_CRASHED = "WorkerCrashed"
#: The worker ran out of the memory the pool allows it.
OUT_OF_MEMORY = "OutOfMemory"
#: The pool was closed while the job waited or ran.
POOL_CLOSED = "ServiceStopping"
#: The job asked for an `outputDataFormat` its target cannot produce (Azure's code).
CANNOT_TRANSLATE_OUTPUT = "CannotTranslateOutputData"
#: A bug on our side; the message says what happened.
INTERNAL = "InternalError"


class JobError(Exception):
    """Fails the current job with `code` and `message`; the worker keeps serving."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


def invalid_input(message: str) -> JobError:
    return JobError(INVALID_INPUT, message)


def cannot_translate_output(provider_id: str, produced: str) -> JobError:
    """The real service's words (recording test_session_job_failure_policies_echo_quantinuum)."""
    return JobError(
        CANNOT_TRANSLATE_OUTPUT,
        f"The output returned by '{provider_id}' cannot be translated as specified by "
        f"'outputDataFormat'. Please ensure that 'outputDataFormat' is correct. "
        f"(The local target produces '{produced}'.)",
    )
