"""The sidebar's view of one workspace, through the azure-quantum SDK only.

Plain Python with no tornado in it: each public coroutine runs the blocking SDK
calls on a small thread pool (never on the server's event loop) and returns a
JSON-ready dict built by `qsession_jupyter.views`. Every failure comes out as an
`ApiError`, so the handlers stay one-liners.
"""

from __future__ import annotations

import asyncio
import itertools
import logging
import threading
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

from .. import budgets, connection
from ..client.clocks import session_clocks
from ..client.closing import close_session
from ..client.results import results_cache
from ..views import (
    FILTERABLE_STATES,
    any_item_model,
    is_terminal,
    job_detail_model,
    job_model,
    session_model,
    type_label,
    with_session_jobs,
)
from ..views.overview import session_overview
from ..views.states import JOB_SUCCESS_STATES, enum_text
from .config import QSessionServer
from .errors import ApiError, to_api_error
from .queries import ItemsQuery, Page, is_item_id
from .session_jobs import SessionJobs

T = TypeVar("T")

#: Results summaries kept in memory; a succeeded job's results never change.


def _take(iterable: Iterable[Any], page: Page) -> tuple[list[Any], bool]:
    """One page plus whether another exists, fetching only what that needs.

    The SDK's pager follows `nextLink`s lazily, so asking for one item more than
    the page needs costs no extra request when the service honours `top`.
    """
    rows = list(itertools.islice(iterable, page.size + 1))
    return rows[: page.size], len(rows) > page.size


def _page_json(items: list[dict], page: Page, has_more: bool) -> dict[str, Any]:
    return {
        "items": items,
        "skip": page.skip,
        "page_size": page.size,
        "has_more": has_more,
        "next_skip": page.skip + len(items) if has_more else None,
    }


def describe(workspace: Any, kind: str) -> dict[str, Any]:
    """What the sidebar's header says about the workspace it shows."""
    from qsession_jupyter import connection

    try:
        local = connection.is_local(workspace)
        label = connection.describe_workspace(workspace)
    except Exception:  # noqa: BLE001 - the description is decoration, never fatal
        local, label = kind == "local", None
    name = getattr(workspace, "name", None)
    return {
        "kind": "local" if local else "azure",
        "name": name,
        "label": label or (f"Azure Quantum workspace '{name}'" if not local else "local workspace"),
        "location": getattr(workspace, "location", None),
        "subscription_id": None if local else getattr(workspace, "subscription_id", None),
        "resource_group": None if local else getattr(workspace, "resource_group", None),
    }


class WorkspaceManager:
    """Lists, opens, closes and cancels workspace items for the routes."""

    def __init__(self, settings: QSessionServer, log: logging.Logger | None = None) -> None:
        self.settings = settings
        self.log = log or logging.getLogger(__name__)
        self.kind, self._builder = settings.workspace_builder()
        self._workspace: Any = None
        self._lock = threading.Lock()
        self._executor = ThreadPoolExecutor(
            max_workers=max(1, settings.sdk_threads), thread_name_prefix="qsession-sdk"
        )
        self._session_jobs = SessionJobs()

    # -- plumbing --------------------------------------------------------------

    def workspace(self) -> Any:
        """Connect on first use (this may start the local service), then reuse;
        a local service that stopped while idle starts again."""
        with self._lock:
            if self._workspace is not None:
                try:
                    connection.revive_local(self._workspace)
                except Exception as exc:  # noqa: BLE001 - the request reports it
                    self.log.warning("qsession: could not restart the local service: %s", exc)
            if self._workspace is None:
                try:
                    self._workspace = self._builder()
                except Exception as exc:  # noqa: BLE001 - classified below
                    error = to_api_error(exc)
                    if error.code in ("validation", "service_error"):
                        error = ApiError(
                            "not_configured",
                            f"Cannot connect to the {self.kind} workspace: {exc}",
                        )
                    raise error from exc
            return self._workspace

    async def _run(self, fn: Callable[..., T], *args: Any, what: str = "item") -> T:
        loop = asyncio.get_running_loop()
        try:
            return await loop.run_in_executor(self._executor, fn, *args)
        except ApiError:
            raise
        except Exception as exc:  # noqa: BLE001 - every SDK failure becomes a typed error
            error = to_api_error(exc, what=what)
            if error.code == "service_error":
                self.log.warning("qsession: unexpected workspace error", exc_info=exc)
            raise error from exc

    def close(self) -> None:
        self._executor.shutdown(wait=False, cancel_futures=True)

    # -- routes ------------------------------------------------------------------

    async def info(self) -> dict[str, Any]:
        return await self._run(self._info)

    async def list_items(self, query: ItemsQuery) -> dict[str, Any]:
        return await self._run(self._list_items, query)

    async def session(self, session_id: str, page: Page) -> dict[str, Any]:
        return await self._run(self._session, session_id, page, what="session")

    async def session_overview(self, session_id: str) -> dict[str, Any]:
        return await self._run(self._session_overview, session_id, what="session")

    async def job(self, job_id: str) -> dict[str, Any]:
        return await self._run(self._job, job_id, what="job")

    async def close_session(self, session_id: str) -> dict[str, Any]:
        return await self._run(self._close_session, session_id, what="session")

    async def cancel_job(self, job_id: str) -> dict[str, Any]:
        return await self._run(self._cancel_job, job_id, what="job")

    # -- blocking implementations (run on the pool) -----------------------------------

    def _info(self) -> dict[str, Any]:
        workspace = self.workspace()
        try:
            targets = workspace.get_targets()
        except Exception as exc:  # noqa: BLE001 - say which workspace failed
            error = to_api_error(exc, what="workspace")
            error.extra["workspace"] = describe(workspace, self.kind)
            raise error from exc
        if not isinstance(targets, list):
            targets = [targets]
        return {
            "workspace": describe(workspace, self.kind),
            "reachable": True,
            "targets": sorted(
                (
                    {
                        "id": t.name,
                        "provider_id": t.provider_id,
                        "availability": _availability(t),
                    }
                    for t in targets
                ),
                key=lambda t: t["id"],
            ),
            "states": list(FILTERABLE_STATES),
            "types": [
                {"value": "Session", "label": type_label("Session", None)},
                {"value": "QuantumComputing", "label": type_label("Job", "QuantumComputing")},
            ],
            "page_size": self.settings.default_page_size,
        }

    def _list_items(self, query: ItemsQuery) -> dict[str, Any]:
        workspace = self.workspace()
        if is_item_id(query.text):
            return _page_json(self._lookup_id(workspace, query.text), query.page, False)
        pager = workspace.list_top_level_items_paginated(
            skip=query.page.skip, top=query.page.size + 1, **query.sdk_filters()
        )
        rows, has_more = _take(pager, query.page)
        items = [self._with_jobs(workspace, any_item_model(row)) for row in rows]
        return _page_json(items, query.page, has_more)

    def _with_jobs(self, workspace: Any, model: dict[str, Any]) -> dict[str, Any]:
        """A session row gets its job counts and summed cost; a job row is unchanged."""
        if model["item_type"] != "Session":
            return model
        jobs = self._session_jobs.jobs(workspace, model["id"])
        return with_session_jobs(model, jobs)

    def _lookup_id(self, workspace: Any, item_id: str) -> list[dict]:
        """A full id typed in the filter box finds that session or job."""
        from azure.core.exceptions import ResourceNotFoundError

        for getter, model in (
            (workspace.get_session, session_model),
            (workspace.get_job, job_model),
        ):
            try:
                return [self._with_jobs(workspace, model(getter(item_id)))]
            except ResourceNotFoundError:
                continue
        return []

    def _session(self, session_id: str, page: Page) -> dict[str, Any]:
        workspace = self.workspace()
        session = workspace.get_session(session_id)
        pager = workspace.list_session_jobs_paginated(
            session_id=session_id,
            skip=page.skip,
            top=page.size + 1,
            orderby_property="CreationTime",
            is_asc=False,
        )
        rows, has_more = _take(pager, page)
        jobs = _page_json([job_model(row) for row in rows], page, has_more)
        return {"session": self._with_jobs(workspace, session_model(session)), "jobs": jobs}

    def _session_overview(self, session_id: str) -> dict[str, Any]:
        """Every job of the session (kept by `SessionJobs`), its budget book and the clocks."""
        workspace = self.workspace()
        session = workspace.get_session(session_id)
        jobs = self._session_jobs.jobs(workspace, session_id)
        budget = budgets.load(session_id)
        return session_overview(session, jobs, budget, clocks=session_clocks(workspace))

    def _job(self, job_id: str) -> dict[str, Any]:
        workspace = self.workspace()
        job = workspace.get_job(job_id)
        model = job_detail_model(job)
        model["results"], model["results_error"] = self._results_summary(job, model)
        return model

    def _results_summary(self, job: Any, model: dict) -> tuple[dict | None, str | None]:
        if model["state"] not in JOB_SUCCESS_STATES:
            return None, None
        view = results_cache().view(self.workspace(), job.details, top=None)
        return view.summary, view.message

    def _close_session(self, session_id: str) -> dict[str, Any]:
        return session_model(close_session(self.workspace(), session_id))

    def _cancel_job(self, job_id: str) -> dict[str, Any]:
        workspace = self.workspace()
        job = workspace.get_job(job_id)
        state = job_model(job)["state"]
        if is_terminal("Job", state):
            raise ApiError(
                "conflict", f"Job {job_id} is already {state}; there is nothing to cancel."
            )
        return job_model(workspace.cancel_job(job))


def _availability(target: Any) -> str:
    return enum_text(getattr(target, "current_availability", None)) or ""
