"""Azure Quantum data-plane routes (contract §2.2), each a line or two over the service."""

from __future__ import annotations

import asyncio
import os

from .base import ServiceHandler

WORKSPACE = (
    r"/subscriptions/[^/]+/resourceGroups/[^/]+/providers/Microsoft\.Quantum/workspaces/[^/]+"
)
ID = r"([^/:]+)"


class ProviderStatusHandler(ServiceHandler):
    def get(self) -> None:
        self.send({"value": self.service.provider_status(), "nextLink": None})


class QuotasHandler(ServiceHandler):
    def get(self) -> None:
        self.send({"value": self.service.quotas(), "nextLink": None})


class SasUriHandler(ServiceHandler):
    def post(self) -> None:
        self.send({"sasUri": self.service.sas_uri(self.json_body())})


class ListHandler(ServiceHandler):
    def initialize(self, service, api_key: str, scope: str) -> None:
        super().initialize(service, api_key)
        self.scope = scope

    def get(self) -> None:
        self.send(self.service.list_items(self.scope, self.query(), self.page_url()))


class SessionJobsHandler(ServiceHandler):
    def get(self, session_id: str) -> None:
        self.send(self.service.list_items("jobs", self.query(), self.page_url(), session_id))


class SessionHandler(ServiceHandler):
    def put(self, session_id: str) -> None:
        self.send(self.service.open_session(session_id, self.json_body()))

    def get(self, session_id: str) -> None:
        self.send(self.service.get_session(session_id))


class SessionCloseHandler(ServiceHandler):
    def post(self, session_id: str) -> None:
        self.send(self.service.close_session(session_id))


class JobHandler(ServiceHandler):
    def initialize(self, service, api_key: str, watchers, get_wait: float) -> None:
        super().initialize(service, api_key)
        self.watchers = watchers
        self.get_wait = get_wait

    def put(self, job_id: str) -> None:
        self.send(self.service.submit_job(job_id, self.json_body()))

    async def get(self, job_id: str) -> None:
        # The SDK polls right after submitting and then sleeps; waiting a few tens of
        # milliseconds here lets a small job be seen finished at the first poll.
        waiter = self.watchers.watch(job_id)
        try:
            job = self.service.get_job(job_id)
            if job.pending and self.get_wait > 0:
                try:
                    await asyncio.wait_for(asyncio.shield(waiter), self.get_wait)
                except TimeoutError:
                    pass
                job = self.service.get_job(job_id)
        finally:
            self.watchers.forget(job_id, waiter)
        self.send(self.service.job_document(job))

    def patch(self, job_id: str) -> None:
        self.send(self.service.update_job(job_id, self.json_body()))

    def delete(self, job_id: str) -> None:
        self.service.delete_job(job_id)
        self.set_status(204)
        self.finish()


class JobCancelHandler(ServiceHandler):
    def post(self, job_id: str) -> None:
        self.send(self.service.cancel_job(job_id))


class HealthHandler(ServiceHandler):
    """The local service's own route (not Azure's): starters call it with no api-version."""

    def check_api_version(self) -> None:
        pass

    def get(self) -> None:
        self.send(self.service_health())

    def service_health(self) -> dict:
        counts = self.service.store.count_by_state()
        # The pid lets a starter tell this service from whatever else reuses its old pid.
        return {
            "status": "ok",
            "pid": os.getpid(),
            "sessions": counts["Session"],
            "jobs": counts["Job"],
        }


class JobWatchers:
    """Futures on the IO loop that resolve when the scheduler thread ends a job."""

    def __init__(self, loop: asyncio.AbstractEventLoop) -> None:
        self.loop = loop
        self._waiting: dict[str, set[asyncio.Future]] = {}

    def watch(self, job_id: str) -> asyncio.Future:
        future = self.loop.create_future()
        self._waiting.setdefault(job_id.lower(), set()).add(future)
        return future

    def forget(self, job_id: str, future: asyncio.Future) -> None:
        waiting = self._waiting.get(job_id.lower())
        if waiting is not None:
            waiting.discard(future)
            if not waiting:
                del self._waiting[job_id.lower()]

    def notify_threadsafe(self, job_id: str) -> None:
        self.loop.call_soon_threadsafe(self._resolve, job_id)

    def _resolve(self, job_id: str) -> None:
        for future in self._waiting.get(job_id, ()):
            if not future.done():
                future.set_result(None)


def routes(service, api_key: str, watchers: JobWatchers, get_wait: float) -> list:
    common = {"service": service, "api_key": api_key}
    job = {**common, "watchers": watchers, "get_wait": get_wait}
    return [
        (r"/health", HealthHandler, common),
        (WORKSPACE + r"/providerStatus", ProviderStatusHandler, common),
        (WORKSPACE + r"/quotas", QuotasHandler, common),
        (WORKSPACE + r"/storage/sasUri", SasUriHandler, common),
        (WORKSPACE + r"/jobs", ListHandler, {**common, "scope": "jobs"}),
        (WORKSPACE + r"/jobs/" + ID + r":cancel", JobCancelHandler, common),
        (WORKSPACE + r"/jobs/" + ID, JobHandler, job),
        (WORKSPACE + r"/sessions", ListHandler, {**common, "scope": "sessions"}),
        (WORKSPACE + r"/sessions/" + ID + r":close", SessionCloseHandler, common),
        (WORKSPACE + r"/sessions/" + ID + r"/jobs", SessionJobsHandler, common),
        (WORKSPACE + r"/sessions/" + ID, SessionHandler, common),
        (WORKSPACE + r"/topLevelItems", ListHandler, {**common, "scope": "top"}),
    ]
