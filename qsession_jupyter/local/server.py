"""Running the local workspace service in this process (what `qsession-local serve` does)."""

from __future__ import annotations

import asyncio
import ipaddress
import logging
import os
import signal
import socket

import tornado.web
from tornado.httpserver import HTTPServer

from .blobs import BlobStore
from .config import ServiceConfig
from .files import remove_abandoned_temporaries
from .http import dataplane, storage
from .http.base import UnknownRouteHandler
from .http.gate import RequestGate
from .idle import IdleWatch, describe_idle_shutdown, has_work
from .runtime import (
    RuntimeInfo,
    api_key_for,
    remember_port,
    remembered_port,
    remove_runtime,
    write_runtime,
)
from .service import LocalWorkspaceService
from .store import Store

log = logging.getLogger("qsession_jupyter.local")

#: Blob URLs use the IPv6 loopback: azure-storage-blob reads `localhost` and
#: `127.0.0.1` hosts as Azurite path-style accounts (contract §3.3).
BLOB_HOST = "::1"
#: The largest blob azure-storage-blob uploads in a single PUT.
SDK_SINGLE_PUT_BYTES = 64 * 1024 * 1024


def bind_loopback(host: str, port: int) -> tuple[list[socket.socket], int]:
    """Listen on `host` and on ::1 at one port, so one service answers both URLs."""
    for _ in range(20):
        first = socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET)
        first.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        first.bind((host, port))
        chosen = first.getsockname()[1]
        if host == BLOB_HOST:
            return [first], chosen
        second = socket.socket(socket.AF_INET6)
        second.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        second.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1)
        try:
            second.bind((BLOB_HOST, chosen))
        except OSError:
            first.close()
            second.close()
            if port:
                raise
            continue
        return [first, second], chosen
    raise OSError("no port was free on both loopback addresses")


class WatchedApplication(tornado.web.Application):
    """The service's tornado application, telling the idle watch about every request."""

    def __init__(self, *args, idle: IdleWatch, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.idle = idle

    def find_handler(self, request, **kwargs):
        self.idle.touch()  # when a request starts...
        return super().find_handler(request, **kwargs)

    def log_request(self, handler: tornado.web.RequestHandler) -> None:
        self.idle.touch()  # ...and when it ends, however long it took
        super().log_request(handler)


def check_loopback(host: str) -> None:
    # Addresses only: a host name could resolve anywhere.
    try:
        loopback = host == "localhost" or ipaddress.ip_address(host).is_loopback
    except ValueError:
        loopback = False
    if not loopback:
        raise SystemExit(f"Refusing to listen on {host}: the local service is for loopback only.")


async def serve(config: ServiceConfig) -> None:
    from .execution import WorkerPool

    check_loopback(config.host)
    host = "127.0.0.1" if config.host == "localhost" else config.host
    try:
        sockets, port = bind_loopback(host, config.port or remembered_port(config.data_dir))
    except OSError:
        if config.port:
            raise
        sockets, port = bind_loopback(host, 0)
    api_key = api_key_for(config.data_dir)
    remember_port(config.data_dir, port)
    url_host = f"[{host}]" if ":" in host else host
    url, blob_url = f"http://{url_host}:{port}/", f"http://[{BLOB_HOST}]:{port}"

    store = Store(config.data_dir / "workspace.sqlite3")
    blobs = BlobStore(config.data_dir / "blobs", store, api_key.encode(), blob_url)
    abandoned = remove_abandoned_temporaries(blobs.root)
    if abandoned:
        log.warning("removed %d temporary file(s) left by an interrupted blob write", abandoned)
    pool = WorkerPool(config.workers)
    service = LocalWorkspaceService(config, store, blobs, pool)
    watchers = dataplane.JobWatchers(asyncio.get_running_loop())
    service.on_job_change(watchers.notify_threadsafe)

    idle = IdleWatch(config.idle_shutdown, lambda: has_work(store))
    app = WatchedApplication(
        dataplane.routes(service, api_key, watchers, config.get_wait)
        + storage.routes(blobs, config.max_blob_bytes),
        default_handler_class=UnknownRouteHandler,
        default_handler_args={"service": service, "api_key": api_key},
        idle=idle,
    )
    # azure-storage-blob sends up to 64 MiB in one PUT (more goes in blocks), so reading
    # that much lets a lower blob limit still be answered by the blob route's 413; the
    # gate answers bigger bodies (and non-loopback Host headers) before any handler.
    body_limit = max(config.max_blob_bytes, SDK_SINGLE_PUT_BYTES) + (1 << 20)
    server = HTTPServer(RequestGate(app, body_limit), max_body_size=body_limit, xheaders=False)
    for sock in sockets:
        sock.setblocking(False)
        sock.listen(128)
    server.add_sockets(sockets)
    service.start()
    info = RuntimeInfo(
        url=url,
        blob_url=blob_url,
        api_key=api_key,
        pid=os.getpid(),
        data_dir=str(config.data_dir),
        port=port,
    )
    write_runtime(info)
    log.warning(
        "local workspace service (pid %s) listening on %s, data in %s; it %s",
        os.getpid(),
        url,
        config.data_dir,
        describe_idle_shutdown(config.idle_shutdown),
    )

    stopped = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signum, stopped.set)
    idle_stop = asyncio.ensure_future(idle.wait_until_idle())
    signalled = asyncio.ensure_future(stopped.wait())
    try:
        await asyncio.wait({idle_stop, signalled}, return_when=asyncio.FIRST_COMPLETED)
        if idle_stop.done():
            log.warning(
                "local workspace service idle for %g s with nothing to do: stopping",
                config.idle_shutdown,
            )
    finally:
        idle_stop.cancel()
        signalled.cancel()
        remove_runtime(config.data_dir, os.getpid())
        server.stop()
        service.stop()
        pool.close()
        store.close()
        log.warning("local workspace service stopped")
