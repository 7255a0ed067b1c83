"""Job execution: worker processes and the simulators behind each input format.

The service imports only `WorkerPool` and the contract types; the engines
(qdk, numpy, quil) are imported inside the worker processes.
"""

from .contract import ExecutionOutcome, ExecutionRequest
from .pool import WorkerPool

__all__ = ["ExecutionOutcome", "ExecutionRequest", "WorkerPool"]
