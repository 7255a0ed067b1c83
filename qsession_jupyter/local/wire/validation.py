"""Checks on what clients send, each failing with a message that says what to fix."""

from __future__ import annotations

import re
from urllib.parse import unquote, urlparse

from ...providers.base import TargetSpec
from ...providers.catalog import TARGETS, find_target
from ..errors import ServiceError, bad_request, invalid_job
from ..execution.formats import FORMATS
from ..storage.blobs import CONTAINER_NAME
from ..storage.json_depth import MAX_JSON_DEPTH, deeper_than

GUID = re.compile(r"^[a-fA-F0-9]{8}-[a-fA-F0-9]{4}-[a-fA-F0-9]{4}-[a-fA-F0-9]{4}-[a-fA-F0-9]{12}$")
MAX_NAME = 256
#: Deepest nesting of a JSON body (objects and lists). Real job parameters are a few
#: levels deep; far deeper input cannot be stored, listed or sent to a worker reliably.
#: SQLite's OFFSET is a signed 64-bit integer; no workspace holds more items than this.
MAX_SKIP = 2**31


def require_guid(value: str, what: str) -> str:
    if not GUID.match(value or ""):
        raise bad_request(
            f"The {what} id '{value}' is not a GUID (like 3fa85f64-5717-4562-b3fc-2c963f66afa6).",
            "InvalidId",
        )
    return value.lower()


def check_depth(document, limit: int = MAX_JSON_DEPTH) -> None:
    """Refuse JSON nested deeper than `limit` (see json_depth)."""
    if deeper_than(document, limit):
        raise bad_request(
            f"The request body is nested too deeply: at most {limit} levels are accepted.",
            "InvalidRequestBody",
        )


def require_object(body) -> dict:
    if not isinstance(body, dict):
        raise bad_request("The request body must be a JSON object.", "InvalidRequestBody")
    return body


def optional_string(body: dict, key: str, limit: int = MAX_NAME) -> str | None:
    value = body.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise bad_request(f"'{key}' must be a string.", "InvalidRequestBody")
    if len(value) > limit:
        raise bad_request(f"'{key}' is longer than {limit} characters.", "InvalidRequestBody")
    return value


#: The spec's Priority enum, read without regard to case as jobFailurePolicy is.
PRIORITIES = {"standard": "Standard", "high": "High"}


def optional_priority(body: dict) -> str | None:
    """The spec's `Priority` (Standard or High); anything else is refused, not stored."""
    value = body.get("priority")
    if value is None:
        return None
    if not isinstance(value, str) or value.lower() not in PRIORITIES:
        raise bad_request("'priority' must be Standard or High.", "InvalidRequestBody")
    return PRIORITIES[value.lower()]


def require_target(target_id: str | None, error=invalid_job) -> TargetSpec:
    if not target_id:
        raise error("'target' is required, for example 'ionq.simulator'.")
    spec = find_target(target_id)
    if spec is None:
        known = ", ".join(sorted(TARGETS))
        raise error(f"Unknown target '{target_id}'. This workspace has: {known}.")
    return spec


def check_provider(provider_id: str | None, spec: TargetSpec, error=invalid_job) -> str:
    provider = (provider_id or spec.provider_id).lower()
    if provider != spec.provider_id:
        raise error(
            f"Target '{spec.id}' belongs to provider '{spec.provider_id}', not '{provider_id}'."
        )
    return provider


def check_formats(body: dict, spec: TargetSpec) -> tuple[str, str]:
    input_format = optional_string(body, "inputDataFormat")
    if not input_format:
        raise invalid_job("'inputDataFormat' is required, for example 'qir.v1'.")
    if input_format not in spec.input_formats:
        accepted = ", ".join(sorted(spec.input_formats))
        raise invalid_job(
            f"Target '{spec.id}' does not accept input format '{input_format}'; it accepts {accepted}."
        )
    # An output format the target cannot produce is accepted here: Azure accepts the
    # job and then fails it with CannotTranslateOutputData (the runner does the same).
    expected = FORMATS[input_format].output
    output_format = optional_string(body, "outputDataFormat") or expected
    return input_format, output_format


def container_from_uri(uri: str | None) -> str:
    """The SDK names a job's container by the first path segment of `containerUri`."""
    if not uri or not isinstance(uri, str):
        raise invalid_job("'containerUri' is required: the SDK gets it from POST storage/sasUri.")
    segments = _path_segments(uri, "containerUri")
    if not segments or not CONTAINER_NAME.match(segments[0]):
        raise invalid_job(f"'containerUri' does not name a valid blob container: '{uri[:200]}'.")
    return segments[0]


def blob_from_uri(uri: str | None, container: str, default: str) -> str:
    if not uri:
        return default
    if not isinstance(uri, str):
        raise invalid_job("'inputDataUri' must be a string.")
    segments = _path_segments(uri, "inputDataUri")
    if len(segments) < 2 or segments[-2] != container:
        raise invalid_job(f"'inputDataUri' must point into the job's container '{container}'.")
    return unquote(segments[-1])


def _path_segments(uri: str, key: str) -> list[str]:
    try:
        path = urlparse(uri).path
    except ValueError:  # e.g. "http://[::1/…": an unclosed IPv6 host
        raise invalid_job(f"'{key}' is not a valid URL: '{uri[:200]}'.") from None
    return [s for s in path.split("/") if s]


def string_metadata(value) -> dict | None:
    """The real service stores metadata values as strings (4 → "4", True → "true")."""
    if value is None:
        return None
    if not isinstance(value, dict):
        raise invalid_job("'metadata' must be an object of string values.")
    result = {}
    for key, item in value.items():
        if isinstance(item, bool):
            result[str(key)] = "true" if item else "false"
        elif item is None or isinstance(item, str):
            result[str(key)] = item
        else:
            result[str(key)] = str(item)
    return result


def string_list(value, key: str) -> list[str]:
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise bad_request(f"'{key}' must be a list of strings.", "InvalidRequestBody")
    return value


def paging(skip: str | None, top: str | None) -> tuple[int, int]:
    try:
        skip_value = int(skip) if skip not in (None, "") else 0
        top_value = int(top) if top not in (None, "") else 100
    except ValueError:
        raise bad_request("'skip' and 'top' must be whole numbers.", "InvalidPaging") from None
    if not 0 <= skip_value <= MAX_SKIP or not 1 <= top_value <= 1000:
        raise bad_request(
            f"'skip' must be between 0 and {MAX_SKIP} and 'top' between 1 and 1000.",
            "InvalidPaging",
        )
    return skip_value, top_value


__all__ = ["ServiceError"]
