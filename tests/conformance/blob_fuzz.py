"""Fuzz of the blob endpoint through the SAS URLs the SDK uses: upload (PUT blob), download
(GET blob, whole and ranged), properties (HEAD blob, GET container), list (GET container
with comp=list) and container create (PUT with restype=container).

Each request starts from a real, working SAS URL and then has its name, its SAS query and
its headers bent, each with even odds, in the ways Azure Storage documents an answer for:
malformed and unsatisfiable ranges, wrong blob types, invalid container names, expired,
widened or re-signed-by-nobody SAS tokens. Checks: no server error; an error is Azure
Storage's XML with a code that matches `x-ms-error-code`; a tampered SAS never reads or
writes (403, or 400 for a name Azure would refuse first); a 206 carries its Content-Range
and exactly those bytes; HEAD answers no body.
"""

from __future__ import annotations

import re
import time
import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass
from urllib.parse import parse_qsl, quote, urlencode, urlsplit

import requests
from hypothesis import given
from hypothesis import strategies as st
from service_support import API_PARAMS, raw_request
from spec_fuzz import Report, fuzz_settings

DATA = bytes(range(256)) * 4  # 1 KiB the downloads and ranges are checked against
RANGE_RE = r"bytes (\d+)-(\d+)/(\d+)"

texts = st.text(max_size=30)
NAMES = st.one_of(
    st.sampled_from(["data.bin", "inputData", "outputData", "a/b/c.json", "..", ".", "%2e%2e"]),
    st.sampled_from(["x" * 1100, "é ü 🙂", "name?with#odd&chars", "trailing/", " "]),
    texts,
)
CONTAINERS = st.sampled_from(["UPPER", "under_score", "ab", "x" * 64, "a--b", "-lead"])
RANGES = st.one_of(
    st.sampled_from(
        ["bytes=0-10", "bytes=5-", "bytes=1000-2000", "bytes=1023-", "bytes=1024-", "bytes=9-1"]
    ),
    st.sampled_from(["bytes=-5", "bytes=0-0,5-6", "items=0-1", "bytes=", "bytes=a-b", ""]),
    st.sampled_from(["bytes=99999999999999999999999-", "bytes=0-99999999999999999999999"]),
    st.from_regex(r"[ -~]{0,24}", fullmatch=True),
)
HEADER_NAMES = [
    "x-ms-blob-type",
    "x-ms-version",
    "Content-Type",
    "x-ms-blob-content-type",
    "x-ms-blob-content-encoding",
    "If-None-Match",
    "Content-MD5",
    "x-ms-date",
]
HEADER_VALUES = st.one_of(
    st.sampled_from(["BlockBlob", "PageBlob", "AppendBlob", "*", "2026-10-06", "1999-01-01"]),
    st.from_regex(r"[ -~]{0,40}", fullmatch=True),
)


@st.composite
def sas_queries(draw, query: str) -> tuple[str, bool]:
    """(query, tampered): the real SAS, or one bent so its signature no longer holds."""
    fields = dict(parse_qsl(query))
    # About half keep the real signature, so names, ranges and headers meet real blobs.
    bent = ["noise", "sig", "sp", "sr", "se", "drop", "garbage"]
    kind = draw(st.sampled_from(["as-is"] * len(bent) + bent))
    if kind == "as-is":
        return query, False
    if kind == "noise":  # an extra parameter a SAS may carry: the signature still holds
        return query + "&" + urlencode({"timeout": draw(st.integers(-5, 99))}), False
    if kind == "garbage":
        return draw(st.sampled_from(["%ff%fe", "sig=", "&&&", "se=%", "sp=r&sp=w"])), True
    if kind == "drop":  # a signed field: dropping `comp` or `prefix` is no forgery
        fields.pop(draw(st.sampled_from(["sr", "sp", "se", "sig"])))
    elif kind == "sig":
        sig = fields["sig"]
        fields["sig"] = draw(st.sampled_from([sig[:-1], sig[::-1], "A" * len(sig), ""]))
    elif kind == "sp":
        fields["sp"] = draw(st.sampled_from(["rwdlac", "racwdl", "x", "", fields["sp"] + "d"]))
    elif kind == "sr":
        fields["sr"] = {"b": "c", "c": "b"}.get(fields["sr"], "b")
    else:
        fields["se"] = draw(
            st.sampled_from(["2000-01-01T00:00:00Z", "2999-01-01T00:00:00Z", "yesterday", ""])
        )
    return urlencode(fields), True


def sas_query(service, details: dict) -> str:
    """The SAS query of POST storage/sasUri's answer: what the SDK uploads and reads with."""
    answer = requests.post(
        service.endpoint.rstrip("/") + service.workspace_path() + "/storage/sasUri",
        json=details,
        params=API_PARAMS,
        headers={"x-ms-quantum-api-key": service.api_key},
        timeout=30,
    )
    answer.raise_for_status()
    return answer.json()["sasUri"].split("?", 1)[1]


@dataclass
class BlobRequest:
    method: str
    path: str
    query: str
    headers: dict
    body: bytes | None
    tampered: bool
    kind: str


@st.composite
def blob_requests(draw, fuzz: BlobFuzz) -> BlobRequest:
    kind = draw(st.sampled_from(["upload", "download", "properties", "list", "container"]))
    name = draw(NAMES) if draw(st.booleans()) else "data.bin"
    container = fuzz.container_path
    if draw(st.integers(0, 4)) == 0:
        container = "/" + draw(CONTAINERS)
    blob = f"{container}/{quote(name, safe='/')}"
    # The blob's own SAS for data.bin (as for a job's input), else the container's (as for
    # a job's outputs): the SAS the SDK would hold for that blob.
    blob_sas = fuzz.blob_query if name == "data.bin" else fuzz.container_query
    headers = {}
    if draw(st.booleans()):
        headers.update(
            draw(st.dictionaries(st.sampled_from(HEADER_NAMES), HEADER_VALUES, max_size=3))
        )
    listing = {"restype": "container", "comp": "list", "prefix": draw(texts)}
    method, path, query, body = {
        "upload": ("PUT", blob, blob_sas, draw(st.binary(max_size=300))),
        "download": ("GET", blob, blob_sas, None),
        "properties": draw(
            st.sampled_from(
                [
                    ("HEAD", blob, blob_sas, None),
                    ("GET", container, fuzz.container_query + "&restype=container", None),
                ]
            )
        ),
        "list": ("GET", container, fuzz.container_query + "&" + urlencode(listing), None),
        "container": ("PUT", container, fuzz.container_query + "&restype=container", None),
    }[kind]
    if kind == "upload":
        headers.setdefault("x-ms-blob-type", "BlockBlob")
    if kind == "download" and draw(st.sampled_from([True, True, False])):
        headers[draw(st.sampled_from(["Range", "x-ms-range"]))] = draw(RANGES)
    query, tampered = draw(sas_queries(query))
    return BlobRequest(method, path, query, headers, body, tampered, kind)


class BlobFuzz:
    def __init__(self, service) -> None:
        """A container and a blob in it, with the SAS URLs the SDK would be given for them."""
        self.container_path = "/blob-fuzz"
        self.container_query = sas_query(service, {"containerName": "blob-fuzz"})
        self.blob_query = sas_query(service, {"containerName": "blob-fuzz", "blobName": "data.bin"})
        blob_url = urlsplit(service.info.blob_url)  # [::1]: the SDK's storage traffic goes there
        self.host, self.port = blob_url.hostname, blob_url.port
        stored = self.request(
            "PUT",
            f"{self.container_path}/data.bin",
            self.blob_query,
            {"x-ms-blob-type": "BlockBlob"},
            DATA,
        )
        assert stored[0] == 201, stored
        self.report = Report()

    def request(self, method, path, query, headers, body=None) -> tuple[int, dict, bytes]:
        return raw_request(self.host, self.port, method, f"{path}?{query}", body, headers)

    def failures_of(self, r: BlobRequest, status: int, headers: dict, payload: bytes) -> list[str]:
        found = []
        if status >= 500:
            found.append("server error")
        if status >= 400 and r.method != "HEAD":
            try:
                code = ElementTree.fromstring(payload).findtext("Code")
            except ElementTree.ParseError:
                code = None
            if not code or headers.get("x-ms-error-code") != code:
                found.append("not an Azure Storage error body")
        if r.tampered and status < 400:
            found.append("a tampered SAS was accepted")
        if r.method == "HEAD" and payload:
            found.append("HEAD answered a body")
        if status == 206:
            match = re.fullmatch(RANGE_RE, headers.get("content-range", ""))
            if not match or len(payload) != int(match[2]) - int(match[1]) + 1:
                found.append(f"206 with Content-Range {headers.get('content-range')!r}")
        return found

    def send(self, r: BlobRequest) -> None:
        started = time.monotonic()
        status, headers, payload = self.request(r.method, r.path, r.query, r.headers, r.body)
        self.report.seconds += time.monotonic() - started
        self.report.requests += 1
        self.report.aimed += not r.tampered  # signed as the SDK got it
        self.report.statuses[status] = self.report.statuses.get(status, 0) + 1
        counts = self.report.by_operation.setdefault(f"blob {r.kind}", {})
        counts[status] = counts.get(status, 0) + 1
        for failure in self.failures_of(r, status, headers, payload):
            self.report.failures.append(
                f"blob {r.kind} {status}: {failure}\n    {r.method} {r.path[:200]}?{r.query[:200]} "
                f"{r.headers} {payload[:200]!r}"
            )

    def run(self, examples: int, derandomize: bool = True) -> Report:
        @fuzz_settings(examples, derandomize)
        @given(request=blob_requests(self))
        def one(request):
            self.send(request)

        one()
        return self.report
