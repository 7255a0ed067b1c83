"""What went wrong, in one line: the text and the kind of an SDK failure.

The magics, the panel and the sidebar's routes all report the SDK's errors,
each in its own form (an exception without a traceback, a note in the panel,
a typed JSON body). They share what the failure *is* and how it reads, so a
refused credential or an unreachable workspace says the same thing everywhere.
"""

from __future__ import annotations

#: HTTP status of a service reply -> kind, for replies no narrower SDK class names.
_KIND_BY_STATUS = {
    400: "validation",
    401: "auth",
    403: "permission",
    404: "not_found",
    409: "conflict",
}


def first_line(exc: BaseException) -> str:
    """The first line of an exception's text, or its type name when it has none."""
    lines = str(exc).strip().splitlines()
    return lines[0] if lines else type(exc).__name__


def error_line(exc: BaseException) -> str:
    """'TypeName: first line', for places that show an error of any kind."""
    lines = str(exc).strip().splitlines()
    return f"{type(exc).__name__}: {lines[0] if lines else ''}".rstrip(": ")


def service_code(exc: BaseException) -> str | None:
    """The service's error code (e.g. 'InvalidJobDefinition'), if it sent one."""
    return getattr(getattr(exc, "error", None), "code", None) or None


def service_message(exc: BaseException) -> str:
    """The service's own message from an SDK error, whole."""
    error = getattr(exc, "error", None)
    message = getattr(error, "message", None) or getattr(exc, "message", None) or str(exc)
    return str(message).strip() or type(exc).__name__


def describe_http_error(error: BaseException) -> str:
    """The service's message in one line, with its code, without the SDK's noise."""
    message = str(getattr(error, "message", None) or str(error)).strip()
    first = message.splitlines()[0] if message else type(error).__name__
    code = service_code(error)
    return f"{first} ({code})" if code and code not in first else first


def render_in_one_line(error: BaseException, line: str | None = None) -> None:
    """Make IPython show `error` as one line (`line`, or 'Type: message') instead of a stack.

    The exception keeps its type and attributes, so scripts that catch it still
    do; only IPython's rendering changes (it prints `_render_traceback_()`).
    """
    text = line or f"{type(error).__name__}: {describe_http_error(error)}"
    try:
        error._render_traceback_ = lambda: [text]  # type: ignore[attr-defined]
    except AttributeError:
        pass  # an exception type with __slots__: the ordinary traceback it is


def sdk_error_kind(exc: BaseException) -> str | None:
    """What an SDK failure means for the user; None when it is not one.

    One of "auth" (credentials refused), "permission", "not_found",
    "conflict", "validation" (the service refused the input), "unreachable"
    (no answer, or a gateway's) and "service_error" (any other reply).
    """
    # Imported here: azure.core costs ~60 ms, and loading the extension needs none of it.
    from azure.core.exceptions import (
        ClientAuthenticationError,
        HttpResponseError,
        ResourceExistsError,
        ResourceNotFoundError,
        ServiceRequestError,
        ServiceResponseError,
    )

    if isinstance(exc, ClientAuthenticationError):
        return "auth"
    if isinstance(exc, ResourceNotFoundError):
        return "not_found"
    if isinstance(exc, ResourceExistsError):
        return "conflict"
    if isinstance(exc, (ServiceRequestError, ServiceResponseError)):
        return "unreachable"
    if isinstance(exc, HttpResponseError):
        status = exc.status_code or 0
        kind = _KIND_BY_STATUS.get(status)
        if kind is None:
            kind = "unreachable" if status in (502, 503, 504) else "service_error"
        return kind
    return None
