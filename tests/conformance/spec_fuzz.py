"""schemathesis against every operation of the published spec, half of it aimed at real things.

Requests drawn from the spec alone almost never reach a service's logic: a random job id
is not a job, a random target is not a target, so nearly every create stops at a 400.
Here each drawn request is, with even odds, left as drawn or aimed: its ids replaced by
jobs and sessions that exist, its body laid over one that works (a real target, the
container an input blob was uploaded to). Drawn data is positive (fits the spec) or
negative (does not), with even odds too.

Checks (each answer): no server error; the body fits the spec's schema for its status
(served_spec: the allow-list applied); a success status is one the operation declares,
not just its `default`; the content type is the spec's. The CI test and the longer run in
benchmarks/fuzz_conformance.py both use `SpecFuzz`.
"""

from __future__ import annotations

import copy
import random
import time
import uuid
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import requests
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode

# schemathesis.checks names every registered check (its public way to reach them).
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
)
from service.programs import QirText, bell_qir
from spec_support import declared_statuses, served_spec

from qsession_jupyter.local.http.base import API_VERSIONS


def declared_success_status(ctx, response, case) -> bool | None:
    """A 1xx-3xx answer must be one the operation names; `default` only covers errors."""
    if response.status_code < 400:
        declared = declared_statuses(case.operation.definition.raw["operationId"])
        if response.status_code not in declared:
            raise AssertionError(
                f"{case.operation.label} answered {response.status_code}; "
                f"it declares {sorted(declared)}"
            )
    return None


def body_content_type(ctx, response, case) -> bool | None:
    """The spec's content type on every answer with a body. Swagger 2.0 names one
    `produces` for all answers, a 204's empty one included, which has none to name."""
    if not response.content:
        return None
    return content_type_conformance(ctx, response, case)


#: Filters and orders as the SDK writes them, for aimed list requests.
FILTERS = [
    "ProviderId eq 'ionq'",
    "(State eq 'Succeeded' or State eq 'Failed') and CreationTime ge 2020-01-01",
    "startswith(Name, 'fuzz') and Target eq 'ionq.simulator'",
    "ItemType eq 'Session'",
]
ORDERS = ["CreationTime desc", "CreationTime asc", "Name asc"]
LISTS = ("Jobs_List", "Sessions_Listv2", "SessionsJobs_List", "TopLevelItems_Listv2")

CHECKS = [
    not_a_server_error,
    response_schema_conformance,
    declared_success_status,
    body_content_type,
]


def fuzz_settings(examples: int, derandomize: bool) -> settings:
    """Hypothesis as the fuzzes use it: no deadline, no example database, no health checks
    (drawing from a large spec is slow by design)."""
    return settings(
        max_examples=examples,
        deadline=None,
        derandomize=derandomize,
        database=None,
        suppress_health_check=list(HealthCheck),
    )


def fuzz_spec() -> dict:
    """served_spec, with api-version drawn from the versions the service accepts (negative
    data still sends others)."""
    spec = copy.deepcopy(served_spec())
    spec["parameters"]["Azure.Core.Foundations.ApiVersionParameter"]["enum"] = sorted(API_VERSIONS)
    return spec


@dataclass
class Known:
    """Real things in the service to aim requests at."""

    jobs: list[str]
    sessions: list[str]
    container_uri: str
    job_body: dict
    session_body: dict


@dataclass
class Report:
    requests: int = 0
    aimed: int = 0
    seconds: float = 0.0
    failures: list[str] = field(default_factory=list)
    statuses: dict[int, int] = field(default_factory=dict)
    #: "PUT /…/jobs/{jobId} aimed" → {status: count}
    by_operation: dict[str, dict[int, int]] = field(default_factory=dict)


def make_known(service) -> Known:
    """A target, an uploaded program, sessions (open and closed) and jobs (done and waiting)."""
    workspace = service.workspace()
    target = workspace.get_targets("ionq.simulator")
    done = target.submit(QirText(bell_qir()), name="fuzz done", shots=5)
    done.wait_until_completed(timeout_secs=30)
    session = target.open_session(name="fuzz open")
    in_session = target.submit(QirText(bell_qir()), name="fuzz in session", shots=5)
    closed = workspace.get_targets("rigetti.sim.qvm").open_session(name="fuzz closed")
    closed.close()
    container_uri = done.details.container_uri
    return Known(
        jobs=[done.id, in_session.id],
        sessions=[session.id, closed.id],
        container_uri=container_uri,
        job_body={
            "target": "ionq.simulator",
            "providerId": "ionq",
            "itemType": "Job",
            "inputDataFormat": "qir.v1",
            "outputDataFormat": "microsoft.quantum-results.v2",
            "containerUri": container_uri,
            "inputDataUri": done.details.input_data_uri,
            "inputParams": {"shots": 5},
        },
        session_body={"target": "rigetti.sim.qvm", "providerId": "rigetti", "itemType": "Session"},
    )


class SpecFuzz:
    def __init__(self, service) -> None:
        self.service = service
        self.known = make_known(service)
        self.schema = schemathesis.openapi.from_dict(fuzz_spec())
        self.operations = [result.ok() for result in self.schema.get_all_operations()]
        self.http = requests.Session()
        self.report = Report()
        self.made: dict[str, list[str]] = {"jobs": [], "sessions": []}

    def strategies(self) -> list:
        """One strategy per operation and mode: positive (fits the spec) and negative."""
        return [
            operation.as_strategy(generation_mode=mode)
            for operation in self.operations
            for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE)
        ]

    def aim(self, case, rng) -> None:
        """Point `case` at real things: known ids, a body that works under the drawn one.

        Deleting and closing take the jobs and sessions earlier aimed requests made, so
        the known ones stay for the requests after them."""
        params = case.path_parameters
        operation_id = case.operation.definition.raw["operationId"]
        disposable = operation_id in ("Jobs_Delete", "Sessions_Close")
        if "jobId" in params:
            jobs = self.made["jobs"] if disposable else self.known.jobs + self.made["jobs"]
            params["jobId"] = rng.choice(jobs or [str(uuid.uuid4())])
        if "sessionId" in params:
            sessions = self.made["sessions"] if disposable else self.known.sessions
            params["sessionId"] = rng.choice(sessions or [str(uuid.uuid4())])
        if operation_id in LISTS:
            case.query = {
                **case.query,
                "filter": rng.choice(FILTERS),
                "orderby": rng.choice(ORDERS),
                "skip": rng.randint(0, 3),
                "top": rng.randint(1, 100),
            }
        drawn = case.body if isinstance(case.body, dict) else {}
        # Each drawn field is laid over the working body with odds of one in five.
        overlay = {key: value for key, value in drawn.items() if rng.random() < 0.2}
        if operation_id == "Jobs_Create":
            params["jobId"] = str(uuid.uuid4())
            base = dict(self.known.job_body)
            if rng.random() < 0.5:
                base["sessionId"] = self.known.sessions[0]
            case.body = {**base, **overlay}
        elif operation_id == "Sessions_Open":
            params["sessionId"] = str(uuid.uuid4())
            case.body = {**self.known.session_body, **overlay}
        elif operation_id == "Storage_GetSasUri":
            container = urlsplit(self.known.container_uri).path.strip("/").split("/")[0]
            case.body = {**overlay, "containerName": container}

    def remember(self, case, status: int) -> None:
        """Jobs and sessions an aimed request made, for later deletes, cancels and closes."""
        operation_id = case.operation.definition.raw["operationId"]
        if status == 204 and operation_id == "Jobs_Delete":
            self.made["jobs"].remove(case.path_parameters["jobId"])
        if status in (200, 201) and operation_id in ("Jobs_Create", "Sessions_Open"):
            kind = "jobs" if operation_id == "Jobs_Create" else "sessions"
            self.made[kind].append(case.path_parameters["jobId" if kind == "jobs" else "sessionId"])

    def send(self, case, aimed: bool) -> None:
        started = time.monotonic()
        try:
            response = case.call(
                base_url=self.service.endpoint.rstrip("/"),
                session=self.http,
                headers={"x-ms-quantum-api-key": self.service.api_key},
                timeout=60,
            )
        finally:
            self.report.seconds += time.monotonic() - started
        self.report.requests += 1
        self.report.aimed += aimed
        status = response.status_code
        if aimed:
            self.remember(case, status)
        self.report.statuses[status] = self.report.statuses.get(status, 0) + 1
        key = f"{case.operation.definition.raw['operationId']} {'aimed' if aimed else 'drawn'}"
        counts = self.report.by_operation.setdefault(key, {})
        counts[status] = counts.get(status, 0) + 1
        try:
            case.validate_response(response, checks=CHECKS)
        except Exception as failure:  # a check's AssertionError, or schemathesis' FailureGroup
            summary = str(failure).strip().splitlines()
            self.report.failures.append(
                f"{case.operation.label} {status}: {' '.join(summary)[:400]}\n"
                f"    {case.as_curl_command()[:600]}"
            )

    def run(self, examples: int, derandomize: bool = True) -> Report:
        """Draw and send about `examples` requests, shared evenly by the operations and both
        modes; failures are collected, not raised. Derandomized (CI), the same requests go
        out on every run."""
        # Aiming draws from its own Random: hypothesis' draws lean to their simplest values.
        rng = random.Random(0 if derandomize else None)
        strategies = self.strategies()
        each = max(1, round(examples / len(strategies)))
        for strategy in strategies:

            @fuzz_settings(each, derandomize)
            @given(case=strategy)
            def one(case):
                aimed = rng.random() < 0.5
                if aimed:
                    self.aim(case, rng)
                self.send(case, aimed)

            one()
        return self.report
