"""Typed JSON errors for the sidebar's routes.

The sidebar shows a different message (and stops or keeps polling) depending on
*why* a request failed: credentials, a missing item, bad input or a workspace
that cannot be reached. So every failure of the SDK is mapped to one of a few
codes with a matching HTTP status, and none becomes a bare 500.
"""

from __future__ import annotations

from typing import Any

from ..views.errors import sdk_error_kind, service_code, service_message

#: code -> HTTP status. The frontend switches on the code, never on the text.
ERROR_STATUS = {
    "validation": 400,
    "auth": 401,
    "permission": 403,
    "not_found": 404,
    "conflict": 409,
    "unreachable": 503,
    "not_configured": 503,
    "service_error": 502,
}


class ApiError(Exception):
    """An error the routes report as ``{"error": {"code", "message", ...}}``."""

    def __init__(self, code: str, message: str, *, service_code: str | None = None) -> None:
        super().__init__(message)
        self.code = code
        self.status = ERROR_STATUS[code]
        self.message = message
        self.service_code = service_code
        #: Extra fields for the error body (e.g. which workspace failed).
        self.extra: dict[str, Any] = {}

    def to_json(self) -> dict[str, Any]:
        body: dict[str, Any] = {"code": self.code, "message": self.message, "status": self.status}
        if self.service_code:
            body["service_code"] = self.service_code
        body.update(self.extra)
        return {"error": body}


def to_api_error(exc: BaseException, *, what: str = "item") -> ApiError:
    """Classify an exception raised by the SDK (or by connecting to a workspace)."""
    if isinstance(exc, ApiError):
        return exc
    kind = sdk_error_kind(exc)
    no_reply = kind == "unreachable" and getattr(exc, "status_code", None) is None
    if no_reply or (kind is None and isinstance(exc, (ConnectionError, TimeoutError))):
        return ApiError("unreachable", "The workspace cannot be reached: " + service_message(exc))
    if kind is not None:
        prefix = {
            "auth": "The workspace refused the credentials: ",
            "not_found": f"No such {what}: ",
        }.get(kind, "")
        return ApiError(kind, prefix + service_message(exc), service_code=service_code(exc))
    if isinstance(exc, ValueError):
        return ApiError("validation", str(exc))
    if isinstance(exc, OSError):
        return ApiError("unreachable", "The workspace cannot be reached: " + str(exc))
    return ApiError("service_error", f"{type(exc).__name__}: {exc}")
