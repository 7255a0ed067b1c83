"""Running the local workspace service in this process (what `qsession-local serve` does)."""

from __future__ import annotations

import asyncio
import errno
import ipaddress
import logging
import os
import signal
import socket

import tornado.web
from tornado.httpserver import HTTPServer

from ..config import ServiceConfig
from ..domain.service import LocalWorkspaceService
from ..http import dataplane, storage
from ..http.base import UnknownRouteHandler
from ..http.gate import RequestGate
from ..storage.blobs import BlobStore
from ..storage.files import remove_abandoned_temporaries
from ..storage.store import Store
from .idle import IdleWatch, describe_idle_shutdown, has_work
from .runtime import (
    RuntimeInfo,
    api_key_for,
    remember_port,
    remembered_port,
    remove_runtime,
    write_runtime,
)

log = logging.getLogger("qsession_jupyter.local")

#: Hosts for blob URLs, in order of preference. Never 127.0.0.1 or localhost:
#: azure-storage-blob reads those as an emulator's path-style URLs (contract §3.3).
#: A Docker container has no ::1 unless IPv6 is enabled for it; there 127.0.0.2
#: serves (on Linux every 127/8 address is loopback).
BLOB_HOSTS = ("::1", "127.0.0.2")
#: The largest blob azure-storage-blob uploads in a single PUT.
SDK_SINGLE_PUT_BYTES = 64 * 1024 * 1024
#: bind() failures meaning "this machine has no such address", not "the port is taken".
_NO_SUCH_ADDRESS = {errno.EADDRNOTAVAIL, errno.EAFNOSUPPORT}


def bind_loopback(
    host: str, port: int, blob_hosts: tuple[str, ...] = BLOB_HOSTS
) -> tuple[list[socket.socket], int, str]:
    """Listen on `host` and on a blob host at one port, so one service answers both URLs.

    The blob host is the first of `blob_hosts` this machine has. Returns the
    sockets, the port and the blob host.
    """
    for _ in range(20):
        first = _listen(host, port)
        chosen = first.getsockname()[1]
        if host in blob_hosts:
            return [first], chosen, host
        missing = []
        for blob_host in blob_hosts:
            try:
                return [first, _listen(blob_host, chosen)], chosen, blob_host
            except OSError as error:
                if error.errno not in _NO_SUCH_ADDRESS:
                    break  # the port is taken there: try another port
                missing.append(blob_host)
        first.close()
        if len(missing) == len(blob_hosts):
            raise OSError(
                f"this machine has none of the loopback addresses blob URLs can use "
                f"({', '.join(blob_hosts)})"
            )
        if port:
            raise OSError(f"port {port} is taken on {blob_host}")
    raise OSError("no port was free on both loopback addresses")


def _listen(host: str, port: int) -> socket.socket:
    """A socket bound to `host`:`port` (IPv6 only when `host` is IPv6), closed on failure."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        if family == socket.AF_INET6:
            sock.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1)
        sock.bind((host, port))
    except OSError:
        sock.close()
        raise
    return sock


def blob_host_problem(host: str) -> str | None:
    """Why `host` cannot be the blob URLs' host; None when it can ("" picks one itself)."""
    if not host:
        return None
    try:
        loopback = ipaddress.ip_address(host).is_loopback
    except ValueError:
        loopback = False
    if not loopback:
        return f"--blob-host must be a loopback address such as ::1 or 127.0.0.2, not '{host}'."
    if host.startswith("127.0.0.1"):  # how azure-storage-blob spots its emulator's hosts
        return (
            f"--blob-host cannot be {host}: the storage SDK reads URLs on it as an emulator's "
            "(account name first in the path); use ::1 or 127.0.0.2."
        )
    return None


def url_of(host: str, port: int) -> str:
    return f"http://[{host}]:{port}" if ":" in host else f"http://{host}:{port}"


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
    from ..execution import WorkerPool

    check_loopback(config.host)
    host = "127.0.0.1" if config.host == "localhost" else config.host
    blob_hosts = (config.blob_host,) if config.blob_host else BLOB_HOSTS
    try:
        sockets, port, blob_host = bind_loopback(
            host, config.port or remembered_port(config.data_dir), blob_hosts
        )
    except OSError:
        if config.port:
            raise
        sockets, port, blob_host = bind_loopback(host, 0, blob_hosts)
    api_key = api_key_for(config.data_dir)
    remember_port(config.data_dir, port)
    url, blob_url = url_of(host, port) + "/", url_of(blob_host, port)

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
        session_idle_timeout=config.session_idle_timeout,
        exclusive_window=config.exclusive_window,
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
