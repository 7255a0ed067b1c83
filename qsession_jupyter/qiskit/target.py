"""Where a primitive's jobs go: an Azure target, and the session they belong to.

`mode=` takes what IBM's primitives take, in Azure's terms: a `Session` (from
`backend.open_session()` or `target.open_session()`), an Azure Qiskit backend
or SDK `Target` (its open session, if any, like the SDK's own `run`), or
nothing (the kernel's current session, bound by `%session open`). Jobs are
submitted with the SDK's public `Job.from_input_data`, with the same QIR job
fields the SDK's Qiskit backends send, so they run on Azure unchanged.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from ..client import waiting
from ..formats import MS_RESULTS_V2, QIR
from ..kernel.guard import ended_reason, rejected_for_session, why_no_more_jobs
from ..kernel.spending import NO_TICKET, Ticket, admit, admitted, check_shots
from ..views.errors import describe_http_error
from ..views.states import SESSION_TERMINAL_STATES, enum_text
from .convertible import convertible
from .errors import PrimitiveJobError
from .template import QirTemplate, TemplateCache

#: Output the primitives read per shot (the SDK's QIR backends ask for the same).
OUTPUT_FORMAT = MS_RESULTS_V2
_ENTRY_POINT = "ENTRYPOINT__main"
#: Threads for the SDK's blocking HTTP calls (submissions, result downloads).
_IO = ThreadPoolExecutor(max_workers=8, thread_name_prefix="qsession-primitive-io")
_TEMPLATES = TemplateCache()
#: (job name, QIR, shots, metadata): one job a primitive submits.
Request = tuple[str, str, int, dict[str, str]]
#: The QIR job's `inputParams` besides shots, as `submit` sends them (for the estimate).
_QIR_PARAMS = {"items": [{"entryPoint": _ENTRY_POINT, "arguments": []}]}


class AzureTarget:
    """One Azure target for a primitive: QIR conversion with its profile, submission, waiting."""

    def __init__(self, mode: Any = None) -> None:
        self._mode = mode
        workspace, name, session_id = _resolve(mode)
        self.workspace = workspace
        self.name = name
        self._session_id = session_id
        self.backend = _qiskit_backend(workspace, name, mode)
        self.provider_id = name.split(".", 1)[0]
        options = self.backend.options
        self.target_profile = options.get("target_profile")
        self.supports_barrier = "barrier" in self.backend.target.operation_names

    @property
    def num_qubits(self) -> int | None:
        return self.backend.num_qubits

    @property
    def session_id(self) -> str | None:
        """The session jobs join now (a backend's or target's latest session can change)."""
        if self._session_id is not None:
            return self._session_id
        latest = getattr(self._mode, "get_latest_session_id", None)
        return latest() if latest else None

    @property
    def session(self) -> Any:
        """The SDK `Session` jobs join now, or None outside a session."""
        from azure.quantum.job.session import Session

        if isinstance(self._mode, Session):
            return self._mode
        if self._mode is None:
            from ..kernel.api import current_session

            return current_session()
        return getattr(self._mode, "latest_session", None)

    # -- conversion ----------------------------------------------------------------------

    def template(
        self, circuit: Any, *, prepare: Callable[[Any], Any] | None = None, key: str = ""
    ) -> QirTemplate:
        """The QIR template of `circuit` (or of `prepare(circuit)`, told apart by `key`)
        for this target's profile: converted once per circuit object."""
        cache_key = (str(self.target_profile), self.supports_barrier, key)

        def prepared(original: Any) -> Any:
            return convertible(prepare(original) if prepare else original)

        return _TEMPLATES.get(circuit, cache_key, self._convert, prepared)

    def _convert(self, circuit: Any) -> str:
        from qdk.qiskit import QSharpBackend

        backend = QSharpBackend(
            qiskit_pass_options={"supports_barrier": self.supports_barrier},
            target_profile=self.target_profile,
            skip_transpilation=True,
        )
        try:
            return backend.qir(circuit)
        except Exception as error:  # qdk raises its own QasmError/QSharpError types
            raise ValueError(
                f"qdk cannot convert the circuit to QIR: {_qdk_reason(error)}"
            ) from None

    # -- jobs ----------------------------------------------------------------------------

    def admit(self, requests: Sequence[Request], kind: str) -> Ticket:
        """Check a whole run against the session's budget (and every job's shots) before
        its first job: a run that would pass the budget is refused whole, in one line."""
        for name, _, shots, _ in requests:
            check_shots(shots, f"{kind} shots ({name})")
        count = len(requests)
        what = f"this {kind} run's {count} jobs are" if count != 1 else f"this {kind} run's job is"
        return admit(
            self.session,
            self.name,
            [(qir, shots, _QIR_PARAMS) for _, qir, shots, _ in requests],
            what=what,
        )

    def submit_all(self, requests: Sequence[Request], ticket: Ticket | None = None) -> list[Any]:
        """Submit (name, QIR, shots, metadata) requests side by side; jobs in request order.

        Each SDK submission is a few blocking HTTP calls (blob upload, job PUT),
        so a call with several groups or parameter sets overlaps them. Each job
        sent is recorded in the budget book under `ticket` (from `admit`).
        """
        from azure.core.exceptions import HttpResponseError, ServiceRequestError

        ticket = ticket or NO_TICKET

        def send(index: int) -> Any:
            name, qir, shots, metadata = requests[index]
            with admitted():  # the whole run was checked by `admit`: not counted again
                job = self.submit(qir, name=name, shots=shots, metadata=metadata)
            ticket.record(job.id, index)
            return job

        try:
            return list(_IO.map(send, range(len(requests))))
        except (HttpResponseError, ServiceRequestError) as error:
            raise PrimitiveJobError(
                f"The workspace refused a job for {self.name}: {self._refusal(error)}"
            ) from None
        finally:
            ticket.close()

    def _refusal(self, error: Exception) -> str:
        """The service's reason, or for a session that takes no more jobs, why not."""
        session = self.session
        if session is not None and rejected_for_session(error):
            try:
                session.refresh()
            except Exception:
                return describe_http_error(error)
            return f"session '{session.details.name}' ({session.id}) {why_no_more_jobs(session)}"
        return describe_http_error(error)

    def submit(self, qir: str, *, name: str, shots: int, metadata: dict[str, str]) -> Any:
        from azure.quantum.job import Job

        return Job.from_input_data(
            workspace=self.workspace,
            name=name,
            target=self.name,
            input_data=qir.encode("utf-8"),
            content_type=QIR,
            blob_name="inputData",
            provider_id=self.provider_id,
            input_data_format=QIR,
            output_data_format=OUTPUT_FORMAT,
            input_params={
                "shots": shots,
                "items": [{"entryPoint": _ENTRY_POINT, "arguments": []}],
            },
            session_id=self.session_id,
            metadata=metadata,
        )


def _qdk_reason(error: Exception) -> str:
    """The first diagnostic of a qdk error ("  x hardware qubit operands are not supported")."""
    lines = str(error).splitlines()
    for line in lines:
        found = re.match(r"\s*x (.+)", line)
        if found:
            return found.group(1).strip()
    return lines[0] if lines else type(error).__name__


def wait_all(jobs: Sequence[Any], *, timeout: float = 600.0) -> None:
    """Wait for every job, each finished one noticed within max(5 % of its run time, 0.25 s)."""
    left = waiting.wait_all(jobs, timeout=timeout)
    if left:
        raise TimeoutError(f"{len(left)} jobs did not finish within {timeout:.0f} s.")


def collect(jobs: Sequence[Any]) -> list[list[Any]]:
    """Every job's per-shot outcomes once all have finished, downloaded side by side."""
    wait_all(jobs)
    return list(_IO.map(shots_of, jobs))


def shots_of(job: Any) -> list[Any]:
    """A finished job's per-shot outcomes, or a one-line error saying why there are none."""
    if not job.has_succeeded():
        error = getattr(job.details, "error_data", None)
        reason = f": {error.message}" if error is not None and error.message else ""
        status = enum_text(job.details.status)
        raise PrimitiveJobError(f"Job '{job.details.name}' ({job.id}) {status}{reason}")
    return job.get_results_shots()


# -- resolving mode= ------------------------------------------------------------------------


def _resolve(mode: Any) -> tuple[Any, str, str | None]:
    """(workspace, target name, fixed session id) for any accepted `mode`."""
    from azure.quantum.job.session import Session
    from azure.quantum.target import Target

    if mode is None:
        from ..kernel.api import current_session, current_target

        session, target = current_session(), current_target()
        if session is None or target is None:
            raise ValueError(
                "No session: pass mode= a session or an Azure backend, "
                "or open one first with %session open -t TARGET."
            )
        if enum_text(session.details.status) in SESSION_TERMINAL_STATES:
            raise ValueError(
                f"The kernel's session '{session.details.name}' has ended: it {ended_reason(session)}; "
                f"open one with %session open -t {target.name}."
            )
        return target.workspace, target.name, session.id
    if isinstance(mode, Session):
        if enum_text(mode.details.status) in SESSION_TERMINAL_STATES:
            raise ValueError(
                f"Session '{mode.details.name}' has ended: it {ended_reason(mode)}; "
                "open a new one (backend.open_session())."
            )
        return mode.workspace, mode.details.target, mode.id
    if isinstance(mode, Target):
        return mode.workspace, mode.name, None
    provider = getattr(mode, "provider", None)
    if provider is not None and hasattr(mode, "get_latest_session_id"):
        return provider.get_workspace(), mode.name, None
    raise ValueError(
        f"mode= must be an Azure Quantum session, an Azure Qiskit backend, a Target or None, "
        f"not {type(mode).__name__}."
    )


def _qiskit_backend(workspace: Any, name: str, mode: Any) -> Any:
    """The SDK's Qiskit backend for the target: its profile, width and gate set."""
    options = getattr(mode, "options", None)
    if options is not None and hasattr(options, "get") and options.get("target_profile"):
        return mode  # a QIR backend already: use it as the user configured it
    key = (id(workspace), name)
    found = _BACKENDS.get(key)
    if found is not None and found[0] is workspace:
        return found[1]
    from azure.quantum.qiskit import AzureQuantumProvider

    # Building the provider's backends lists the workspace's targets: ~0.1 s, once per target.
    backend = AzureQuantumProvider(workspace=workspace).get_backend(name)
    _BACKENDS[key] = (workspace, backend)
    return backend


#: (id(workspace), target name) -> (workspace, its default Qiskit backend); the
#: workspace is kept so its id cannot be reused while the entry lives.
_BACKENDS: dict[tuple[int, str], tuple[Any, Any]] = {}
