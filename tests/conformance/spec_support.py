"""The published data-plane spec, its examples, and the documented ways the service differs.

`spec/quantum.json` is Azure's OpenAPI 2.0 document for the api-version the SDK sends
(see spec/SOURCE.md). The replay (test_replay.py) and the fuzz (test_fuzz_spec.py) read it
through this module, so both hold the service to the same spec and the same allow-list.
"""

from __future__ import annotations

import copy
import json
from functools import cache
from pathlib import Path

import jsonschema

SPEC_DIR = Path(__file__).parent / "spec"

#: Properties the real service answers `null` for although the spec declares no
#: `x-nullable`, each with where that `null` is seen. Accepted wherever they appear.
NULLABLE = {
    "nextLink": "spec examples (every list), recordings",
    "errorData": "spec examples (Jobs_Create, Jobs_List), recordings",
    "usage": "spec examples (Jobs_Create, Jobs_List)",
    "beginExecutionTime": "spec examples (Jobs_Create, Sessions_Open), recordings",
    "endExecutionTime": "spec examples (Jobs_Create, Jobs_Get), recordings",
    "cancellationTime": "spec examples (Jobs_Create, Jobs_Get), recordings",
    "statusPage": "spec example Providers_List, recordings",
    "sessionId": "recordings (a job outside any session)",
    "costEstimate": "recordings (a job or session not yet billed)",
    "metadata": "recordings (a job submitted without metadata)",
    "quantumComputingData": "recordings (a job that has not run)",
    "lastModifiedTime": "recordings",
}

#: Fields the 2026 examples show that the service does not answer, because no recording of
#: the real service (2025-12-01-preview) ever showed them; the recordings win.
_NEVER_RECORDED = {
    "createdBy",
    "createdByType",
    "lastModifiedBy",
    "lastModifiedByType",
    "lastUpdatedTime",
    "usage",
}
NOT_ANSWERED = {
    "Job": _NEVER_RECORDED,
    # Recorded sessions carried no tags, priority or errorData (test_list_session_jobs,
    # test_session_get_session).
    "Session": _NEVER_RECORDED | {"tags", "priority", "errorData"},
}

#: Paths the service serves where the spec names another: (spec path suffix, served suffix).
MOVED_PATHS = {
    # The SDK sends PATCH /jobs/{jobId}; the spec's /jobUpdateOptions/{jobId} is an
    # emitter artefact (contract §2.2) and is not served.
    "/jobUpdateOptions/{jobId}": "/jobs/{jobId}",
}

# A deliberate difference: Azure answers 404 for a subscription, resource group or
# workspace it does not have; the local service answers any of them with the local
# workspace, so code written with a real workspace's ids runs unchanged against it
# (test_replay.py's test_any_workspace_in_the_path_answers_with_the_local_one).

#: Answers whose status differs from the example's while matching the spec's responses.
STATUS_DIFFERENCES = {
    # The spec declares 200 with the job; the 2025-12-01 example shows 204, which the SDK
    # also accepts. The service answers as the spec declares.
    "Jobs_Cancel": {200},
}


@cache
def published_spec() -> dict:
    return json.loads((SPEC_DIR / "quantum.json").read_text())


def load_example(name: str) -> dict:
    """An example by file name, from the newest folder that has it (see spec/SOURCE.md)."""
    for folder in sorted((SPEC_DIR / "examples").iterdir(), reverse=True):
        path = folder / name
        if path.exists():
            return json.loads(path.read_text())
    raise FileNotFoundError(name)


def operation(operation_id: str) -> tuple[str, str, dict]:
    """(method, path template, operation) of an operation in the served spec."""
    for path, item in served_spec()["paths"].items():
        for method, op in item.items():
            if op.get("operationId") == operation_id:
                return method.upper(), path, op
    raise KeyError(operation_id)


@cache
def served_spec() -> dict:
    """The published spec as the local service serves it: the allow-list applied.

    Nullable properties get `x-nullable` (which schemathesis reads too), moved paths
    move, and nothing else changes.
    """
    spec = copy.deepcopy(published_spec())
    for definition in spec["definitions"].values():
        for name, schema in definition.get("properties", {}).items():
            if name in NULLABLE:
                schema["x-nullable"] = True
    paths = spec["paths"]
    for old_suffix, new_suffix in MOVED_PATHS.items():
        old = next(path for path in paths if path.endswith(old_suffix))
        new = old[: -len(old_suffix)] + new_suffix
        paths.setdefault(new, {}).update(paths.pop(old))
    return spec


def json_schema(schema: dict) -> dict:
    """A JSON Schema for a response schema of the served spec (`x-nullable` made `null`-able)."""
    definitions = {
        name: _nullable(definition) for name, definition in served_spec()["definitions"].items()
    }
    return {**_nullable(schema), "definitions": definitions}


def _nullable(schema):
    if isinstance(schema, list):
        return [_nullable(item) for item in schema]
    if not isinstance(schema, dict):
        return schema
    converted = {key: _nullable(value) for key, value in schema.items()}
    if converted.pop("x-nullable", False):
        return {"anyOf": [converted, {"type": "null"}]}
    return converted


def schema_errors(operation_id: str, status: int, body) -> list[str]:
    """What in `body` breaks the spec's response schema for `status`; [] when it conforms."""
    _, _, op = operation(operation_id)
    declared = op["responses"].get(str(status), op["responses"]["default"])
    if "schema" not in declared:
        return [] if body in (None, b"", "") else [f"{status} declares no body, got {body!r:.200}"]
    validator = jsonschema.Draft4Validator(
        json_schema(declared["schema"]), format_checker=jsonschema.FormatChecker()
    )
    return [
        f"{'/'.join(map(str, error.absolute_path)) or '<root>'}: {error.message[:300]}"
        for error in validator.iter_errors(body)
    ]


def declared_statuses(operation_id: str) -> set[int]:
    _, _, op = operation(operation_id)
    return {int(code) for code in op["responses"] if code != "default"}


def missing_fields(example_body, body) -> list[str]:
    """Fields every example item of the same itemType shows that an answered item lacks,
    less NOT_ANSWERED. Lists are compared item by item; other bodies as a whole."""
    if not isinstance(example_body, dict) or not isinstance(body, dict):
        return []
    if isinstance(example_body.get("value"), list):
        examples, answered = example_body["value"], body.get("value") or []
    else:
        examples, answered = [example_body], [body]
    missing = set()
    for item in answered:
        kind = item.get("itemType")
        alike = [e for e in examples if e.get("itemType") == kind]
        if not alike:  # the example shows no item of this kind (TopLevelItems: sessions only)
            continue
        shown = set.intersection(*(set(e) for e in alike))
        missing |= shown - set(item) - NOT_ANSWERED.get(kind, set())
    return sorted(missing)
