"""The handle a primitive's `run` returns, and the checks every pub passes before any submission."""

from __future__ import annotations

import threading
import uuid
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from typing import Any

import numpy as np
from qiskit.primitives import BasePrimitiveJob

from .errors import PrimitiveJobError, one_line_errors

_EXECUTOR = ThreadPoolExecutor(max_workers=4, thread_name_prefix="qsession-primitive")


class AzurePrimitiveJob(BasePrimitiveJob):
    """A primitive call: the Azure jobs it submitted and, when they finished, its result.

    `run` returns at once; `result()` waits. `azure_jobs` are the SDK `Job`s in
    submission order (they appear in the session's panel and sidebar).
    """

    def __init__(self, work: Callable[[AzurePrimitiveJob], Any]) -> None:
        super().__init__(job_id=str(uuid.uuid4()))
        self.azure_jobs: list[Any] = []
        self._cancelled = False
        self._lock = threading.Lock()
        self._future: Future = _EXECUTOR.submit(work, self)

    @one_line_errors
    def result(self, timeout: float | None = None) -> Any:
        return self._future.result(timeout)

    def status(self) -> str:
        if self._cancelled:
            return "CANCELLED"
        if not self._future.done():
            return "RUNNING"
        return "ERROR" if self._future.exception() is not None else "DONE"

    def done(self) -> bool:
        return self._future.done()

    def running(self) -> bool:
        return not self._future.done()

    def cancelled(self) -> bool:
        return self._cancelled

    def in_final_state(self) -> bool:
        return self._future.done() or self._cancelled

    def cancel(self) -> None:
        """Cancel the Azure jobs that have not finished (the SDK's `cancel_job`)."""
        with self._lock:
            self._cancelled = True
            jobs = list(self.azure_jobs)
        for job in jobs:
            if not job.has_completed():
                job.workspace.cancel_job(job)

    def submit_with(
        self, submit: Callable[[], list[Any]], release: Callable[[], None] | None = None
    ) -> None:
        """Record the jobs `submit` creates, unless the call was cancelled first.

        Submission happens in the background after `run` returns, so a `cancel`
        can come before it (nothing is submitted, and `release` gives back the
        budget held for the jobs) or during it (what was submitted is cancelled
        at once).
        """
        if self._cancelled:
            if release is not None:
                release()
            raise PrimitiveJobError(
                "The primitive job was cancelled before its jobs were submitted."
            )
        jobs = submit()
        with self._lock:
            self.azure_jobs.extend(jobs)
            cancelled = self._cancelled
        if cancelled:
            self.cancel()
            raise PrimitiveJobError("The primitive job was cancelled.")


def coerce_pubs(
    pubs: Sequence[Any], coerce: Callable[[Any], Any], kind: str, values_at: int
) -> list[Any]:
    """Qiskit's own pub coercion, after a check of the parameter values that says what is
    wrong in words (Qiskit's says "Length of ('a', 'b') inconsistent with last dimension"),
    and with any complaint shortened to one line naming the pub."""
    if not isinstance(pubs, (list, tuple)):
        raise ValueError(f"{kind}.run takes a list of pubs, e.g. run([(circuit, values)]).")
    coerced = []
    for index, pub in enumerate(pubs):
        _check_values(pub, values_at, f"{kind} pub {index}")
        try:
            coerced.append(coerce(pub))
        except (ValueError, TypeError) as error:
            first = str(error).split(". Note that")[0].splitlines()[0].rstrip(".")
            raise ValueError(f"{kind} pub {index}: {first}.") from None
    return coerced


def _check_values(pub: Any, values_at: int, where: str) -> None:
    if not isinstance(pub, tuple) or not pub or not hasattr(pub[0], "parameters"):
        return
    circuit = pub[0]
    count = circuit.num_parameters
    names = ", ".join(p.name for p in circuit.parameters)
    plural = "parameter" if count == 1 else "parameters"
    values = pub[values_at] if len(pub) > values_at else None
    if values is None:
        if count:
            raise ValueError(f"{where}: the circuit has {count} {plural} ({names}) and no values.")
        return
    if isinstance(values, dict) or not isinstance(values, (list, tuple, np.ndarray)):
        return  # a mapping or BindingsArray: Qiskit checks it by name
    shape = np.shape(values)
    given = shape[-1] if shape else 1
    if count == 0 and np.size(values):
        raise ValueError(f"{where}: the circuit has no parameters but values were given.")
    if count > 1 and given != count:  # one parameter: Qiskit reads [a, b, c] as three sets
        raise ValueError(
            f"{where}: the circuit has {count} {plural} ({names}) "
            f"but a parameter set has {given} values."
        )


@contextmanager
def about_pub(kind: str, index: int) -> Iterator[None]:
    """Name the pub in a ValueError raised while planning it."""
    try:
        yield
    except ValueError as error:
        raise ValueError(f"{kind} pub {index}: {error}") from None


def check_fits(index: int, circuit: Any, target: Any, kind: str) -> None:
    """A circuit wider than the target fails here, before any job is submitted."""
    limit = target.num_qubits
    if limit is not None and circuit.num_qubits > limit:
        raise ValueError(
            f"{kind} pub {index}: the circuit has {circuit.num_qubits} qubits; "
            f"{target.name} has {limit}."
        )


def job_name(
    kind: str, pub: int, sets: int, index: int, group: tuple[int, int] | None = None
) -> str:
    """Readable names in the panel and sidebar, e.g. 'EstimatorV2 pub 0 group 2/3, params 5/10'."""
    name = f"{kind} pub {pub}"
    if group is not None:
        name += f" group {group[0] + 1}/{group[1]}"
    if sets > 1:
        name += f", params {index + 1}/{sets}"
    return name


def flat_values(pub: Any) -> np.ndarray:
    """The pub's parameter sets as rows (sets, parameters), in `circuit.parameters` order."""
    values = pub.parameter_values.as_array(pub.circuit.parameters)
    sets = int(np.prod(pub.parameter_values.shape, dtype=int))
    return values.reshape(sets, len(pub.circuit.parameters))
