"""What the scheduler hands a worker, and what comes back.

Kept free of any engine import so the service process stays light: the
simulators are imported only inside worker processes.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class ExecutionRequest:
    job_id: str
    target_id: str
    input_format: str
    output_format: str
    input_data: bytes
    input_params: dict
    #: Seconds of compute before the worker is killed and the job fails.
    timeout: float = 300.0


@dataclass
class ExecutionOutcome:
    #: "Succeeded", "Failed" or "Cancelled" (the job states they lead to).
    status: str
    #: The output blob (JSON bytes in the job's output format) when Succeeded.
    output: bytes | None = None
    error_code: str | None = None
    error_message: str | None = None
    #: Wall seconds the engine ran.
    seconds: float = 0.0
    #: What the program used (shots, gate counts, ...), for the cost estimate.
    usage: dict = field(default_factory=dict)

    @classmethod
    def failed(cls, code: str, message: str, seconds: float = 0.0) -> ExecutionOutcome:
        return cls("Failed", error_code=code, error_message=message, seconds=seconds)
