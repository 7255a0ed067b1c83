"""Blob storage the service serves itself, with SAS-signed, expiring URLs.

The SDK uploads job input and downloads results through azure-storage-blob,
so these URLs must look like Azure's to it. The host is `[::1]` (or 127.0.0.2
where there is no IPv6 loopback, see `server.BLOB_HOSTS`), never `localhost`
or `127.0.0.1`: the storage client treats those as Azurite path-style
accounts, which breaks `BaseJob.container_name` (contract §3.3).
"""

from __future__ import annotations

import base64
import calendar
import hashlib
import hmac
import re
import time
from pathlib import Path
from urllib.parse import quote, urlencode

from .files import DiskFull, is_disk_full, private_dir, write_atomically
from .store import Store

CONTAINER_NAME = re.compile(r"^[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]$")
SAS_VERSION = "2026-10-06"


class SasError(Exception):
    """A missing, forged, expired or too-weak SAS: Azure answers 403."""


class BlobStore:
    def __init__(self, root: Path, store: Store, signing_key: bytes, base_url: str) -> None:
        self.root = root
        self.store = store
        self._key = hmac.new(signing_key, b"qsession-blob-sas", hashlib.sha256).digest()
        self.base_url = base_url.rstrip("/")
        private_dir(root)

    # -- URLs and signatures -------------------------------------------------

    def url(self, container: str, blob: str | None = None) -> str:
        path = f"/{container}" + (f"/{quote(blob)}" if blob else "")
        return self.base_url + path

    def signed_url(
        self, container: str, blob: str | None, permissions: str, lifetime: float
    ) -> str:
        expiry = time.time() + lifetime
        query = self.sas_query(container, blob, permissions, expiry)
        return f"{self.url(container, blob)}?{query}"

    def sas_query(self, container: str, blob: str | None, permissions: str, expiry: float) -> str:
        resource = "b" if blob else "c"
        se = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(expiry))
        signature = self._sign(container, blob, resource, permissions, se)
        return urlencode(
            {"sv": SAS_VERSION, "sr": resource, "sp": permissions, "se": se, "sig": signature}
        )

    def _sign(self, container: str, blob: str | None, resource: str, sp: str, se: str) -> str:
        message = "\n".join([sp, se, f"/{container}/{blob or ''}", resource]).encode()
        return base64.b64encode(hmac.new(self._key, message, hashlib.sha256).digest()).decode()

    def check(self, query: dict[str, str], container: str, blob: str | None, need: str) -> None:
        """Raise SasError unless the query grants `need` (one of r, w, l) on the target."""
        try:
            resource, sp, se, sig = query["sr"], query["sp"], query["se"], query["sig"]
        except KeyError as missing:
            raise SasError(
                f"The request is not signed: SAS parameter {missing} is missing."
            ) from None
        signed_blob = blob if resource == "b" else None
        expected = self._sign(container, signed_blob, resource, sp, se)
        if not hmac.compare_digest(expected, sig):
            raise SasError("The SAS signature does not match: the URL was changed or forged.")
        try:
            expiry = calendar.timegm(time.strptime(se, "%Y-%m-%dT%H:%M:%SZ"))
        except ValueError:
            raise SasError(f"The SAS expiry '{se}' is not a valid time.") from None
        if expiry < time.time():
            raise SasError("The SAS token has expired; ask the workspace for a new URL.")
        if resource == "c" and blob is None and need != "l":
            raise SasError("A container SAS cannot be used for this operation.")
        allowed = {"r": "r", "w": "wca", "l": "l"}[need]
        if not any(p in sp for p in allowed):
            raise SasError(f"The SAS does not grant the '{need}' permission.")

    # -- content -------------------------------------------------------------

    def _path(self, container: str, blob: str) -> Path:
        # Azure allows names like "..", ".hidden" or 1024 characters; a file name
        # allows none of them, and a leading dot is kept for temporary files.
        name = quote(blob, safe="")
        if name.startswith("."):
            name = "%2E" + name[1:]
        if len(name) > 200:
            name = "%long-" + hashlib.sha256(blob.encode()).hexdigest()
        return self.root / container / name

    def create_container(self, container: str) -> bool:
        try:
            private_dir(self.root / container)
        except OSError as error:
            if is_disk_full(error):
                raise DiskFull(f"the container '{container}'", self.root) from None
            raise
        return self.store.ensure_container(container, time.time())

    def write(
        self,
        container: str,
        blob: str,
        data: bytes,
        content_type: str | None = None,
        content_encoding: str | None = None,
    ) -> dict:
        self.create_container(container)
        path = self._path(container, blob)
        try:
            write_atomically(path, data)
        except OSError as error:
            if is_disk_full(error):
                raise DiskFull(f"the blob '{container}/{blob}'", self.root) from None
            raise
        meta = {
            "container": container,
            "name": blob,
            "content_type": content_type,
            "content_encoding": content_encoding,
            "size": len(data),
            "etag": '"0x' + hashlib.md5(data).hexdigest()[:16].upper() + '"',
            "last_modified": time.time(),
        }
        try:
            self.store.put_blob_meta(meta)
        except DiskFull:
            path.unlink(missing_ok=True)  # a file without its row would only take space
            raise
        return meta

    def meta(self, container: str, blob: str) -> dict | None:
        """The blob's properties; None when it has no row, or its file is gone
        (deleted by hand, lost with a disk): a blob that cannot be read does not exist."""
        meta = self.store.get_blob_meta(container, blob)
        if meta is None or not self._path(container, blob).is_file():
            return None
        return meta

    def read(self, container: str, blob: str) -> bytes | None:
        if self.store.get_blob_meta(container, blob) is None:
            return None
        try:
            return self._path(container, blob).read_bytes()
        except FileNotFoundError:
            return None

    def list(self, container: str, prefix: str = "") -> list[dict]:
        """The container's blobs, leaving out any whose file is gone (as `meta` does)."""
        return [
            meta
            for meta in self.store.list_blob_meta(container, prefix)
            if self._path(container, meta["name"]).is_file()
        ]
