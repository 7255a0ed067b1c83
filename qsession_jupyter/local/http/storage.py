"""Blob storage routes, shaped for azure-storage-blob (contract §3.1-3.3).

Authorised by SAS signature only, as Azure storage is: the SDK never sends
the workspace key to storage. Errors are Azure storage's XML bodies.
"""

from __future__ import annotations

import re
import uuid
from email.utils import formatdate
from pathlib import Path
from urllib.parse import quote
from xml.sax.saxutils import escape

import tornado.web

from ..errors import ServiceError
from ..storage.blobs import CONTAINER_NAME, BlobStore, SasError
from .base import FailureAware

STORAGE_VERSION = "2026-10-06"
RANGE = re.compile(r"^bytes=(\d+)-(\d*)$")
#: Characters XML 1.0 cannot carry: control characters, lone surrogates, U+FFFE and U+FFFF.
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_text(text: str) -> str:
    """Text for an XML element: escaped, and what XML cannot carry shown as U+FFFD."""
    return escape(NOT_XML.sub("\ufffd", text))


def xml_name(name: str) -> str:
    """A listing's <Name>: one XML cannot carry goes percent-encoded with Encoded="true",
    as Azure Storage lists it (azure-storage-blob decodes it)."""
    if NOT_XML.search(name):
        encoded = quote(name, safe="", errors="surrogatepass")
        return f'<Name Encoded="true">{escape(encoded)}</Name>'
    return f"<Name>{escape(name)}</Name>"


class StorageError(ServiceError):
    """A failure in Azure Storage's terms; answered in its XML, not the data plane's JSON."""


class BlobHandler(FailureAware):
    def initialize(self, blobs: BlobStore, max_blob_bytes: int) -> None:
        self.blobs = blobs
        self.max_blob_bytes = max_blob_bytes

    def database_path(self) -> Path:
        return self.blobs.store.path

    def prepare(self) -> None:
        self.set_header("x-ms-version", STORAGE_VERSION)
        self.set_header("x-ms-request-id", str(uuid.uuid4()))

    # -- helpers ---------------------------------------------------------------

    def _authorise(self, container: str, blob: str | None, need: str) -> None:
        if not CONTAINER_NAME.match(container):
            raise StorageError(
                400, "InvalidResourceName", f"'{container}' is not a valid container name."
            )
        query = {
            key: self.get_query_argument(key)
            for key in ("sr", "sp", "se", "sig")
            if self.get_query_argument(key, None)
        }
        try:
            self.blobs.check(query, container, blob, need)
        except SasError as error:
            raise StorageError(403, "AuthenticationFailed", str(error)) from None

    def _properties(self, meta: dict) -> None:
        self.set_header("ETag", meta["etag"])
        self.set_header("Last-Modified", formatdate(meta["last_modified"], usegmt=True))
        self.set_header("x-ms-blob-type", "BlockBlob")
        self.set_header("Content-Type", meta.get("content_type") or "application/octet-stream")
        if meta.get("content_encoding"):
            self.set_header("Content-Encoding", meta["content_encoding"])
        self.set_header("Accept-Ranges", "bytes")

    def _blob_meta(self, container: str, blob: str) -> dict:
        meta = self.blobs.meta(container, blob)
        if meta is None:
            raise StorageError(
                404, "BlobNotFound", f"The blob '{container}/{blob}' does not exist."
            )
        return meta

    # -- verbs -----------------------------------------------------------------

    def put(self, container: str, blob: str | None) -> None:
        if self.get_query_argument("restype", None) == "container":
            self._authorise(container, None, "w")
            created = self.blobs.create_container(container)
            if not created:
                raise StorageError(
                    409, "ContainerAlreadyExists", "The specified container already exists."
                )
            self.set_status(201)
            return
        if not blob:
            raise StorageError(400, "InvalidUri", "Name a blob: PUT /<container>/<blob>.")
        self._authorise(container, blob, "w")
        if self.get_query_argument("comp", None):
            raise StorageError(
                400,
                "UnsupportedOperation",
                f"Block uploads are not supported; blobs up to {self.max_blob_bytes} bytes go in one PUT.",
            )
        if len(self.request.body) > self.max_blob_bytes:
            raise StorageError(
                413,
                "RequestBodyTooLarge",
                f"Blobs are limited to {self.max_blob_bytes} bytes here.",
            )
        if self.request.headers.get("If-None-Match") == "*" and self.blobs.meta(container, blob):
            raise StorageError(409, "BlobAlreadyExists", "The specified blob already exists.")
        meta = self.blobs.write(
            container,
            blob,
            self.request.body,
            self.request.headers.get("x-ms-blob-content-type"),
            self.request.headers.get("x-ms-blob-content-encoding"),
        )
        self.set_status(201)
        self.set_header("ETag", meta["etag"])
        self.set_header("Last-Modified", formatdate(meta["last_modified"], usegmt=True))
        self.set_header("x-ms-request-server-encrypted", "false")

    def get(self, container: str, blob: str | None) -> None:
        if not blob:
            self._container(container)
            return
        self._authorise(container, blob, "r")
        meta = self._blob_meta(container, blob)
        data = self.blobs.read(container, blob)
        if data is None:  # removed since its properties were read
            raise StorageError(
                404, "BlobNotFound", f"The blob '{container}/{blob}' does not exist."
            )
        self._properties(meta)
        requested = self.request.headers.get("x-ms-range") or self.request.headers.get("Range")
        if requested:
            start, end = self._range(requested, len(data))
            self.set_status(206)
            self.set_header("Content-Range", f"bytes {start}-{end}/{len(data)}")
            data = data[start : end + 1]
        self.finish(data)

    def head(self, container: str, blob: str | None) -> None:
        if not blob:
            raise StorageError(400, "InvalidUri", "HEAD needs a blob name.")
        self._authorise(container, blob, "r")
        meta = self._blob_meta(container, blob)
        self._properties(meta)
        self.set_header("Content-Length", str(meta["size"]))

    def _range(self, header: str, size: int) -> tuple[int, int]:
        match = RANGE.match(header.strip())
        if not match:
            raise StorageError(400, "InvalidRange", f"Cannot read the range '{header}'.")
        start = int(match.group(1))
        end = min(int(match.group(2)) if match.group(2) else size - 1, size - 1)
        if start >= size or start > end:
            self.set_header("Content-Range", f"bytes */{size}")
            raise StorageError(416, "InvalidRange", "The range is outside the blob.")
        return start, end

    def _container(self, container: str) -> None:
        if self.get_query_argument("restype", None) != "container":
            raise StorageError(400, "InvalidUri", "Name a blob: GET /<container>/<blob>.")
        self._authorise(container, None, "l")
        if not self.blobs.store.container_exists(container):
            raise StorageError(
                404, "ContainerNotFound", f"The container '{container}' does not exist."
            )
        if self.get_query_argument("comp", None) != "list":
            self.set_header("ETag", '"0x1"')
            return
        prefix = self.get_query_argument("prefix", "")
        entries = "".join(
            f"<Blob>{xml_name(m['name'])}<Properties>"
            f"<Last-Modified>{formatdate(m['last_modified'], usegmt=True)}</Last-Modified>"
            f"<Etag>{escape(m['etag'])}</Etag><Content-Length>{m['size']}</Content-Length>"
            f"<Content-Type>{xml_text(m.get('content_type') or 'application/octet-stream')}</Content-Type>"
            f"<BlobType>BlockBlob</BlobType></Properties></Blob>"
            for m in self.blobs.list(container, prefix)
        )
        self.set_header("Content-Type", "application/xml")
        self.finish(
            '<?xml version="1.0" encoding="utf-8"?>'
            f'<EnumerationResults ServiceEndpoint="{escape(self.blobs.base_url)}/" ContainerName="{escape(container)}">'
            f"<Prefix>{xml_text(prefix)}</Prefix><Blobs>{entries}</Blobs><NextMarker /></EnumerationResults>"
        )

    def write_error(self, status_code: int, **kwargs) -> None:
        error = self.meaning(kwargs.get("exc_info", (None, None, None))[1])
        if isinstance(error, ServiceError):  # a StorageError, a full disk, a damaged database
            status_code, code, message = error.status, error.code, error.message
        elif isinstance(error, tornado.web.HTTPError):
            code, message = "InvalidInput", error.log_message or self._reason
        else:
            code, message = "InternalError", f"The local storage failed: {error}"
        self.set_status(status_code)
        self.set_header("x-ms-error-code", code)
        self.set_header("Content-Type", "application/xml")
        if self.request.method == "HEAD":
            self.finish()
            return
        self.finish(
            f'<?xml version="1.0" encoding="utf-8"?><Error><Code>{code}</Code>'
            f"<Message>{xml_text(message)}</Message></Error>"
        )


def routes(blobs: BlobStore, max_blob_bytes: int) -> list:
    options = {"blobs": blobs, "max_blob_bytes": max_blob_bytes}
    # "/container/" (an empty blob name) is a storage path too: answered in storage's XML.
    return [(r"/(?!subscriptions/)([^/]+)(?:/(.*))?", BlobHandler, options)]
