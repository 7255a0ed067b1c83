"""Errors the service turns into Azure-style bodies: `{"error": {"code", "message"}}`.

Every failure a client can cause is one of these, so no request ends in a 500.
"""

from __future__ import annotations


class ServiceError(Exception):
    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message

    def body(self) -> dict:
        return {"error": {"code": self.code, "message": self.message}}


def bad_request(message: str, code: str = "BadRequest") -> ServiceError:
    return ServiceError(400, code, message)


def invalid_job(message: str) -> ServiceError:
    return ServiceError(400, "InvalidJobDefinition", message)


def not_found(what: str, item_id: str) -> ServiceError:
    return ServiceError(404, "NotFound", f"{what} '{item_id}' was not found in this workspace.")


def conflict(message: str) -> ServiceError:
    return ServiceError(409, "Conflict", message)
