"""Thin tornado handlers under ``/qsession/``: parse, call the manager, write JSON.

Every verb is ``@tornado.web.authenticated`` and ``@authorized`` on the
``qsession`` resource (GET reads, POST writes), as jupyter_server's own
handlers are, so a deployment's authorizer (read-only users, say) governs the
sidebar too. `ROUTES` is the single list the extension registers and the tests
walk to check that each one refuses a request without credentials.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable
from typing import Any

import tornado.web
from jupyter_server.auth.decorator import authorized
from jupyter_server.base.handlers import APIHandler
from jupyter_server.utils import url_path_join

from ..about import package_version
from .errors import ApiError
from .manager import WorkspaceManager
from .queries import ItemsQuery, Page

#: Route settings key under which the manager lives in the tornado application.
MANAGER_KEY = "qsession_manager"
#: Version of this JSON API; the sidebar checks it through /health.
API_VERSION = 1
#: The resource name an authorizer sees for these routes (actions "read" and "write").
AUTH_RESOURCE = "qsession"

_ID = r"(?P<item_id>[^/]+)"


class QSessionHandler(APIHandler):
    """Shared error handling: every failure is ``{"error": {code, message, status}}``."""

    auth_resource = AUTH_RESOURCE

    @property
    def manager(self) -> WorkspaceManager:
        return self.settings[MANAGER_KEY]

    def write_error(self, status_code: int, **kwargs: Any) -> None:
        # Errors raised by tornado itself (403 without credentials, 405, ...)
        # get the same typed shape as ours.
        exc = kwargs.get("exc_info", (None, None, None))[1]
        message = getattr(exc, "log_message", None) or self._reason
        code = {401: "auth", 403: "permission", 404: "not_found"}.get(status_code, "http")
        self.set_header("Content-Type", "application/json")
        self.finish(
            json.dumps({"error": {"code": code, "message": message, "status": status_code}})
        )

    async def respond(self, work: Awaitable[dict[str, Any]], status: int = 200) -> None:
        try:
            body = await work
        except ApiError as error:
            self.set_status(error.status)
            self.finish(json.dumps(error.to_json()))
            return
        self.set_status(status)
        self.finish(json.dumps(body))

    def page(self) -> Page:
        settings = self.manager.settings
        return Page.parse(
            self.get_query_argument("skip", None),
            self.get_query_argument("page_size", None),
            settings.default_page_size,
            settings.max_page_size,
        )


class HealthHandler(QSessionHandler):
    """Answers without touching the workspace: "is the server extension there?"."""

    @tornado.web.authenticated
    @authorized
    async def get(self) -> None:
        self.finish(
            json.dumps(
                {
                    "ok": True,
                    "api_version": API_VERSION,
                    "version": package_version(),
                    "workspace_source": self.manager.kind,
                }
            )
        )


class WorkspaceHandler(QSessionHandler):
    @tornado.web.authenticated
    @authorized
    async def get(self) -> None:
        await self.respond(self.manager.info())


class ItemsHandler(QSessionHandler):
    @tornado.web.authenticated
    @authorized
    async def get(self) -> None:
        settings = self.manager.settings
        try:
            query = ItemsQuery.parse(
                {k: [_text(k, v) for v in vs] for k, vs in self.request.query_arguments.items()},
                settings.default_page_size,
                settings.max_page_size,
            )
        except ApiError as error:
            self.set_status(error.status)
            self.finish(json.dumps(error.to_json()))
            return
        await self.respond(self.manager.list_items(query))


class SessionHandler(QSessionHandler):
    @tornado.web.authenticated
    @authorized
    async def get(self, item_id: str) -> None:
        try:
            page = self.page()
        except ApiError as error:
            self.set_status(error.status)
            self.finish(json.dumps(error.to_json()))
            return
        await self.respond(self.manager.session(item_id, page))


class SessionOverviewHandler(QSessionHandler):
    """Spend, timeline and failure of one session (the sidebar's session view)."""

    @tornado.web.authenticated
    @authorized
    async def get(self, item_id: str) -> None:
        await self.respond(self.manager.session_overview(item_id))


class CloseSessionHandler(QSessionHandler):
    @tornado.web.authenticated
    @authorized
    async def post(self, item_id: str) -> None:
        await self.respond(self.manager.close_session(item_id))


class JobHandler(QSessionHandler):
    @tornado.web.authenticated
    @authorized
    async def get(self, item_id: str) -> None:
        await self.respond(self.manager.job(item_id))


class CancelJobHandler(QSessionHandler):
    @tornado.web.authenticated
    @authorized
    async def post(self, item_id: str) -> None:
        await self.respond(self.manager.cancel_job(item_id))


def _text(name: str, value: bytes) -> str:
    """A query value as text; bytes that are not UTF-8 (``?q=%ff``) are the caller's mistake."""
    try:
        return value.decode("utf-8")
    except UnicodeDecodeError:
        raise ApiError("validation", f"The query parameter {name!r} is not valid UTF-8.") from None


#: (path under /qsession/, handler, HTTP methods). Tests walk this list.
ROUTES: list[tuple[str, type[QSessionHandler], tuple[str, ...]]] = [
    ("health", HealthHandler, ("GET",)),
    ("workspace", WorkspaceHandler, ("GET",)),
    ("items", ItemsHandler, ("GET",)),
    (f"sessions/{_ID}", SessionHandler, ("GET",)),
    (f"sessions/{_ID}/overview", SessionOverviewHandler, ("GET",)),
    (f"sessions/{_ID}/close", CloseSessionHandler, ("POST",)),
    (f"jobs/{_ID}", JobHandler, ("GET",)),
    (f"jobs/{_ID}/cancel", CancelJobHandler, ("POST",)),
]


def setup_handlers(web_app: tornado.web.Application, manager: WorkspaceManager) -> None:
    base_url = web_app.settings["base_url"]
    web_app.settings[MANAGER_KEY] = manager
    web_app.add_handlers(
        ".*$",
        [
            (url_path_join(base_url, "qsession", path) + "/?$", handler)
            for path, handler, _ in ROUTES
        ],
    )
