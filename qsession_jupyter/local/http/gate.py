"""Checks every request passes before any handler sees it: a loopback Host, a body within limits.

* Host: the service listens on loopback only, but a web page on another site
  can still reach it through DNS rebinding (its name re-pointed at 127.0.0.1),
  and then its requests carry that site's name in `Host`. Only loopback names
  are accepted: `localhost`, 127.0.0.0/8 and `[::1]` (the blob URLs' host).
* Body: tornado drops a body over `max_body_size` with an empty 400, which
  clients cannot explain. The gate reads and discards it instead and answers
  413 with an Azure-style error, JSON on data-plane routes and XML on storage.

Both refusals are written after the body has been read, so the client, still
sending, gets the answer rather than a reset connection.
"""

from __future__ import annotations

import ipaddress
import json
from xml.sax.saxutils import escape

from tornado import httputil

#: Bodies up to this size are read (and dropped) to answer 413; bigger ones get tornado's 400.
DISCARD_LIMIT = 1 << 30
#: Paths answered in the data plane's JSON; every other path is a blob route (XML errors).
DATA_PLANE_PREFIXES = ("/subscriptions/", "/health")


def is_loopback_host(host: str) -> bool:
    """True for a Host header naming this machine: localhost, 127.0.0.0/8 or [::1], any port."""
    name = host.strip().lower()
    if name.startswith("["):
        name = name[1 : name.find("]")] if "]" in name else ""
    elif name.count(":") == 1:
        name = name.split(":", 1)[0]
    if name in ("localhost", "localhost."):
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


class RequestGate(httputil.HTTPServerConnectionDelegate):
    """Wraps the tornado Application as the HTTPServer's delegate."""

    def __init__(self, app: httputil.HTTPServerConnectionDelegate, body_limit: int) -> None:
        self.app = app
        self.body_limit = body_limit

    def start_request(self, server_conn, request_conn) -> httputil.HTTPMessageDelegate:
        return _GatedRequest(self, server_conn, request_conn)

    def on_close(self, server_conn) -> None:
        self.app.on_close(server_conn)


class _GatedRequest(httputil.HTTPMessageDelegate):
    def __init__(self, gate: RequestGate, server_conn, request_conn) -> None:
        self.gate = gate
        self.server_conn = server_conn
        self.request_conn = request_conn
        self.inner: httputil.HTTPMessageDelegate | None = None
        self.refusal: tuple[int, str, str, str] | None = None
        self.path = "/"
        self.method = "GET"

    def headers_received(self, start_line, headers):
        self.path = getattr(start_line, "path", "/")
        self.method = getattr(start_line, "method", "GET")
        self.refusal = self._refusal(headers)
        if self.refusal is not None:
            self.request_conn.set_max_body_size(DISCARD_LIMIT)
            return None
        self.inner = self.gate.app.start_request(self.server_conn, self.request_conn)
        return self.inner.headers_received(start_line, headers)

    def _refusal(self, headers: httputil.HTTPHeaders) -> tuple[int, str, str, str] | None:
        host = headers.get("Host", "")
        if not is_loopback_host(host):
            return (
                421,
                "Misdirected Request",
                "InvalidHostHeader",
                f"The local workspace answers only to loopback host names "
                f"(localhost, 127.0.0.1, [::1]), not '{host[:100]}'.",
            )
        try:
            length = int(headers.get("Content-Length", "0"))
        except ValueError:
            return None  # tornado answers a malformed length itself
        if length > self.gate.body_limit:
            return (
                413,
                "Payload Too Large",
                "RequestBodyTooLarge",
                f"The request body is {length} bytes; the local workspace accepts at most "
                f"{self.gate.body_limit} bytes in one request.",
            )
        return None

    def data_received(self, chunk: bytes):
        if self.inner is not None:
            return self.inner.data_received(chunk)
        return None

    def finish(self) -> None:
        if self.inner is not None:
            self.inner.finish()
            return
        status, reason, code, message = self.refusal
        if self.path.startswith(DATA_PLANE_PREFIXES):
            body = json.dumps({"error": {"code": code, "message": message}}).encode()
            content_type = "application/json; charset=utf-8"
        else:
            body = (
                f'<?xml version="1.0" encoding="utf-8"?><Error><Code>{code}</Code>'
                f"<Message>{escape(message)}</Message></Error>"
            ).encode()
            content_type = "application/xml"
        headers = httputil.HTTPHeaders(
            {
                "Content-Type": content_type,
                "Content-Length": str(len(body)),
                "x-ms-error-code": code,
            }
        )
        self.request_conn.write_headers(
            httputil.ResponseStartLine("HTTP/1.1", status, reason),
            headers,
            b"" if self.method == "HEAD" else body,
        )
        self.request_conn.finish()

    def on_connection_close(self) -> None:
        if self.inner is not None:
            self.inner.on_connection_close()
