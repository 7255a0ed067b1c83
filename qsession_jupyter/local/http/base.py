"""What every handler of the local service shares: auth, JSON bodies, Azure-style errors.

Any exception a handler did not expect is still answered with an error body
(and logged), so a client never sees an HTML traceback. A client's mistake
(a `ServiceError` below 500) is not logged beyond the access log's status
line: service.log is where a user looks for what went wrong with the service.
"""

from __future__ import annotations

import hmac
import json
import logging
import uuid
from pathlib import Path

import tornado.web

from ..errors import ServiceError
from ..storage.json_depth import MAX_JSON_DEPTH
from ..storage.repair import damage_in
from ..wire.validation import check_depth

log = logging.getLogger("qsession_jupyter.local")
API_KEY_HEADER = "x-ms-quantum-api-key"
#: The api-version azure-quantum 3.13 sends; listed in the unsupported-version error.
API_VERSION = "2026-01-15-preview"
#: Every data-plane api-version the SDK names (a user may pass one to `Workspace`) and the
#: one the real-service recordings were made with. The routes behave alike for all of them.
API_VERSIONS = frozenset(
    {
        "2024-03-01-preview",
        "2024-10-01-preview",
        "2025-09-01-preview",
        "2025-12-01-preview",
        API_VERSION,
    }
)


class FailureAware(tornado.web.RequestHandler):
    """Failure handling both APIs share: what a failure means, and how it is logged."""

    def database_path(self) -> Path:
        raise NotImplementedError

    def meaning(self, error: BaseException | None) -> BaseException | None:
        """`error`, or the `ServiceError` it stands for (a damaged database: 503)."""
        return damage_in(error, self.database_path()) or error

    def finish(self, chunk=None):
        # Server-Timing (a standard header browsers' and our benchmarks' tools read) tells
        # the service's own share of a request from the client's and the network's.
        self.set_header("Server-Timing", f"app;dur={self.request.request_time() * 1000:.3f}")
        return super().finish(chunk)

    def log_exception(self, typ, value, tb) -> None:
        error = self.meaning(value)
        if isinstance(error, ServiceError):
            if error.status >= 500:
                log.warning("%s %s: %s", self.request.method, self.request.path, error.message)
            return
        super().log_exception(typ, value, tb)


class ServiceHandler(FailureAware):
    """Data-plane handler: JSON in and out, the workspace API key on every request."""

    def initialize(self, service, api_key: str) -> None:
        self.service = service
        self.api_key = api_key

    def prepare(self) -> None:
        self.authenticate()
        self.check_api_version()

    def authenticate(self) -> None:
        self.set_header("x-ms-request-id", str(uuid.uuid4()))
        supplied = self.request.headers.get(API_KEY_HEADER, "")
        if not hmac.compare_digest(supplied.encode(), self.api_key.encode()):
            self.set_header("WWW-Authenticate", 'Bearer error="invalid_token"')
            raise ServiceError(
                401,
                "Unauthorized",
                f"Missing or wrong API key: send the workspace key in the {API_KEY_HEADER} header.",
            )

    def check_api_version(self) -> None:
        """Refuse a missing or unknown api-version, in the Azure REST API guidelines' words."""
        version = self.get_query_argument("api-version", "")
        if not version:
            raise ServiceError(
                400,
                "MissingApiVersionParameter",
                "The api-version query parameter (?api-version=) is required for all requests.",
            )
        if version not in API_VERSIONS:
            raise ServiceError(
                400,
                "UnsupportedApiVersionValue",
                f"Unsupported api-version '{version[:100]}'. "
                f"The supported api-versions are '{API_VERSION}'.",
            )

    def json_body(self):
        if not self.request.body:
            return None
        try:
            body = json.loads(self.request.body)
            # Lone surrogates ("\ud800") parse, but SQLite cannot store them: refuse them here.
            json.dumps(body, ensure_ascii=False).encode("utf-8")
        except RecursionError:
            raise ServiceError(
                400,
                "InvalidRequestBody",
                f"The request body is nested too deeply: at most {MAX_JSON_DEPTH} levels are accepted.",
            ) from None
        except (ValueError, UnicodeError):
            raise ServiceError(
                400, "InvalidRequestBody", "The request body is not valid JSON."
            ) from None
        check_depth(body)
        return body

    def send(self, document, status: int = 200) -> None:
        self.set_status(status)
        self.set_header("Content-Type", "application/json; charset=utf-8")
        self.finish(json.dumps(document))

    def query(self) -> dict[str, str]:
        return {key: self.get_query_argument(key) for key in self.request.query_arguments}

    def page_url(self) -> str:
        return f"{self.request.protocol}://{self.request.host}{self.request.path}"

    def database_path(self) -> Path:
        return self.service.store.path

    def write_error(self, status_code: int, **kwargs) -> None:
        error = self.meaning(kwargs.get("exc_info", (None, None, None))[1])
        if isinstance(error, ServiceError):
            status_code, body = error.status, error.body()
        elif isinstance(error, tornado.web.HTTPError):
            reason = error.log_message or self._reason
            code = {404: "NotFound", 405: "MethodNotAllowed", 413: "RequestBodyTooLarge"}.get(
                status_code, "BadRequest"
            )
            body = {"error": {"code": code, "message": reason}}
        else:
            body = {
                "error": {"code": "InternalError", "message": f"The local service failed: {error}"}
            }
        self.set_status(status_code)
        self.set_header("Content-Type", "application/json; charset=utf-8")
        self.set_header("x-ms-error-code", body["error"]["code"])
        self.finish(json.dumps(body))


class UnknownRouteHandler(ServiceHandler):
    """Answers every path no route claims with a 404 the SDK can read."""

    def prepare(self) -> None:
        self.authenticate()
        raise ServiceError(
            404,
            "NotFound",
            f"There is no route {self.request.method} {self.request.path} in the local workspace.",
        )
