"""Blob storage as azure-storage-blob and the SDK see it: SAS URLs, uploads, ranges, listings.

The SDK never sends the workspace key to storage, so the SAS signature is the
only lock on job inputs and results: a forged or expired one must be refused.
"""

from __future__ import annotations

import http.client
import ipaddress
import time
import uuid
import xml.etree.ElementTree as ElementTree
from urllib.parse import parse_qsl, quote, urlencode, urlsplit, urlunsplit

import pytest
import requests
from azure.core.exceptions import ResourceExistsError
from azure.storage.blob import BlobClient, ContainerClient
from programs import submit_bell

UPLOAD_HEADERS = {"x-ms-blob-type": "BlockBlob", "x-ms-version": "2026-10-06"}


def container_url(workspace) -> str:
    """A container SAS URL, obtained the way the SDK gets one for a new job."""
    return workspace.get_container_uri(job_id=str(uuid.uuid4()))


def blob_url(container_sas_url: str, blob: str) -> str:
    parts = urlsplit(container_sas_url)
    return urlunsplit(parts._replace(path=f"{parts.path}/{blob}"))


def with_query(url: str, **changes: str) -> str:
    parts = urlsplit(url)
    query = dict(parse_qsl(parts.query))
    query.update(changes)
    return urlunsplit(parts._replace(query=urlencode(query)))


def put_blob(url: str, data: bytes, **headers: str) -> requests.Response:
    return requests.put(url, data=data, headers={**UPLOAD_HEADERS, **headers}, timeout=10)


def error_code(response: requests.Response) -> str:
    return ElementTree.fromstring(response.content).findtext("Code")


def test_upload_download_head_and_ranges(workspace):
    url = blob_url(container_url(workspace), "payload.json")
    data = b'{"histogram": {"0": 0.5, "3": 0.5}}'
    created = put_blob(
        url, data, **{"If-None-Match": "*", "x-ms-blob-content-type": "application/json"}
    )
    assert created.status_code == 201, created.text
    assert created.headers["ETag"]

    whole = requests.get(url, timeout=10)
    assert whole.status_code == 200
    assert whole.content == data
    assert whole.headers["Content-Type"] == "application/json"

    head = requests.head(url, timeout=10)
    assert head.status_code == 200
    assert head.content == b""
    assert head.headers["Content-Length"] == str(len(data))
    assert head.headers["x-ms-blob-type"] == "BlockBlob"
    assert head.headers["ETag"] == created.headers["ETag"]

    # The SDK's download asks for the first 32 MiB; the answer is the whole blob as a 206.
    sdk_range = requests.get(url, headers={"x-ms-range": "bytes=0-33554431"}, timeout=10)
    assert sdk_range.status_code == 206
    assert sdk_range.headers["Content-Range"] == f"bytes 0-{len(data) - 1}/{len(data)}"
    assert sdk_range.content == data

    middle = requests.get(url, headers={"Range": "bytes=2-12"}, timeout=10)
    assert middle.status_code == 206
    assert middle.headers["Content-Range"] == f"bytes 2-12/{len(data)}"
    assert middle.content == data[2:13]

    beyond = requests.get(url, headers={"x-ms-range": f"bytes={len(data)}-"}, timeout=10)
    assert beyond.status_code == 416
    assert error_code(beyond) == "InvalidRange"

    missing = requests.head(blob_url(container_url(workspace), "nothing-here"), timeout=10)
    assert missing.status_code == 404


def test_if_none_match_refuses_to_overwrite(workspace):
    url = blob_url(container_url(workspace), "inputData")
    assert put_blob(url, b"first", **{"If-None-Match": "*"}).status_code == 201

    again = put_blob(url, b"second", **{"If-None-Match": "*"})
    assert again.status_code == 409
    assert error_code(again) == "BlobAlreadyExists"
    assert requests.get(url, timeout=10).content == b"first"

    # The SDK's own client (overwrite=False sends If-None-Match: *) sees the same conflict.
    with pytest.raises(ResourceExistsError):
        BlobClient.from_blob_url(url).upload_blob(b"third", overwrite=False)

    # Without the condition the blob is replaced, as Azure does.
    assert put_blob(url, b"fourth").status_code == 201
    assert requests.get(url, timeout=10).content == b"fourth"


def test_container_listing_xml(workspace):
    container = container_url(workspace)
    names = ["b/nested", "a", "c.txt", "b/other"]
    for name in names:
        assert put_blob(blob_url(container, name), name.encode()).status_code == 201

    listing = requests.get(with_query(container, restype="container", comp="list"), timeout=10)
    assert listing.status_code == 200
    root = ElementTree.fromstring(listing.content)
    assert root.tag == "EnumerationResults"
    blobs = root.findall("./Blobs/Blob")
    assert [blob.findtext("Name") for blob in blobs] == sorted(names)
    sizes = {blob.findtext("Name"): blob.findtext("Properties/Content-Length") for blob in blobs}
    assert sizes == {name: str(len(name)) for name in names}

    prefixed = requests.get(
        with_query(container, restype="container", comp="list", prefix="b/"), timeout=10
    )
    names_with_prefix = ElementTree.fromstring(prefixed.content).findall("./Blobs/Blob/Name")
    assert [name.text for name in names_with_prefix] == ["b/nested", "b/other"]

    # azure-storage-blob parses the same XML.
    listed = ContainerClient.from_container_url(container).list_blobs()
    assert [blob.name for blob in listed] == sorted(names)


def test_blob_names_azure_allows_round_trip(workspace):
    """Names that are not safe file names (leading dots, 300 characters) still work."""
    container = container_url(workspace)
    names = [".hidden", "...", "x" * 300, "a/b/c", "grüße ✓", "%41"]
    for name in names:
        client = ContainerClient.from_container_url(container).get_blob_client(name)
        client.upload_blob(name.encode(), overwrite=False)
    for name in names:
        client = ContainerClient.from_container_url(container).get_blob_client(name)
        assert client.download_blob().readall() == name.encode()
    listed = ContainerClient.from_container_url(container).list_blobs()
    assert sorted(blob.name for blob in listed) == sorted(names)


def test_dot_segment_blob_names_do_not_escape_the_container(workspace):
    """HTTP clients drop '..' from paths, but '%2E%2E' reaches the service as '..'."""
    container = container_url(workspace)
    parts = urlsplit(container)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
    for name in ("%2E%2E", "%2E", "dir%2F%2E%2E%2F%2E%2E%2Fescaped"):
        connection.request("PUT", f"{parts.path}/{name}?{parts.query}", b"dots", UPLOAD_HEADERS)
        response = connection.getresponse()
        response.read()
        assert response.status == 201, name
        connection.request("GET", f"{parts.path}/{name}?{parts.query}")
        response = connection.getresponse()
        assert (response.status, response.read()) == (200, b"dots"), name
    connection.close()
    listed = ContainerClient.from_container_url(container).list_blobs()
    assert sorted(blob.name for blob in listed) == [".", "..", "dir/../../escaped"]


def test_forged_sas_is_refused(workspace):
    container = container_url(workspace)
    url = blob_url(container, "secret")
    assert put_blob(url, b"private").status_code == 201
    query = dict(parse_qsl(urlsplit(url).query))
    flipped = query["sig"][:-2] + ("A" if query["sig"][-2] != "A" else "B") + query["sig"][-1]
    other_container = container_url(workspace)

    forgeries = {
        "changed signature": with_query(url, sig=flipped),
        "later expiry": with_query(url, se="2099-01-01T00:00:00Z"),
        "no signature": urlunsplit(urlsplit(url)._replace(query="")),
        "missing sig": urlunsplit(
            urlsplit(url)._replace(query=urlencode({k: v for k, v in query.items() if k != "sig"}))
        ),
        "other container": blob_url(other_container, "secret").replace(
            urlsplit(other_container).path, urlsplit(container).path
        ),
    }
    for what, forged in forgeries.items():
        response = requests.get(forged, timeout=10)
        assert response.status_code == 403, what
        assert error_code(response) == "AuthenticationFailed", what
        assert "private" not in response.text

    # The workspace key is not a storage credential.
    unsigned = urlunsplit(urlsplit(url)._replace(query=""))
    with_key = requests.get(unsigned, headers={"x-ms-quantum-api-key": "anything"}, timeout=10)
    assert with_key.status_code == 403


def test_read_only_sas_cannot_write_or_reach_other_blobs(workspace):
    target = workspace.get_targets("ionq.simulator")
    job = submit_bell(target, "read-only-sas")
    job.wait_until_completed(timeout_secs=30)
    output_url = job.details.output_data_uri
    assert requests.get(output_url, timeout=10).status_code == 200

    overwrite = put_blob(output_url, b'{"forged": true}')
    assert overwrite.status_code == 403
    assert error_code(overwrite) == "AuthenticationFailed"
    writable = with_query(output_url, sp="rwc")
    assert put_blob(writable, b'{"forged": true}').status_code == 403

    # A blob SAS names one blob: it opens no other blob in the same container.
    input_path = urlsplit(job.details.input_data_uri).path
    sibling = urlunsplit(urlsplit(output_url)._replace(path=input_path))
    assert requests.get(sibling, timeout=10).status_code == 403

    assert "Histogram" in requests.get(output_url, timeout=10).text
    assert job.get_results()


def test_blob_urls_never_use_localhost(workspace):
    """azure-storage-blob reads localhost/127.0.0.1 hosts as Azurite accounts (contract §3.3)."""
    target = workspace.get_targets("ionq.simulator")
    job = submit_bell(target, "blob-hosts")
    urls = {"put containerUri": job.details.container_uri}
    job.wait_until_completed(timeout_secs=30)
    urls.update(
        sasUri=container_url(workspace),
        containerUri=job.details.container_uri,
        inputDataUri=job.details.input_data_uri,
        outputDataUri=job.details.output_data_uri,
    )
    listed = workspace.get_job(job.id).details
    urls.update(listed_output=listed.output_data_uri)
    for what, url in urls.items():
        host = urlsplit(url).hostname
        assert host not in ("localhost", "127.0.0.1"), what
        assert ipaddress.ip_address(host).is_loopback, what
    blob = BlobClient.from_blob_url(job.details.output_data_uri)
    assert blob.container_name == f"job-{job.id}"
    assert blob.blob_name == "outputData"
    assert job.container_name == f"job-{job.id}"


def test_attachments_through_the_sdk(workspace):
    target = workspace.get_targets("ionq.simulator")
    job = submit_bell(target, "attachments")
    job.upload_attachment("notes.txt", b"measured twice")
    assert job.download_attachment("notes.txt") == b"measured twice"
    names = {blob.name for blob in job.list_attachments()}
    assert {"inputData", "notes.txt"} <= names


def test_expired_sas_is_refused(make_service):
    service = make_service("short-sas", sas_lifetime=2)
    workspace = service.workspace()
    container = container_url(workspace)
    url = blob_url(container, "inputData")
    assert put_blob(url, b"fresh").status_code == 201
    assert requests.get(url, timeout=10).status_code == 200

    time.sleep(2.2)
    expired = requests.get(url, timeout=10)
    assert expired.status_code == 403
    assert error_code(expired) == "AuthenticationFailed"
    assert "expired" in expired.text
    assert put_blob(blob_url(container, "late"), b"late").status_code == 403


def test_sdk_results_after_the_sas_expired(make_service):
    """The SDK renews a SAS close to expiry by asking storage/sasUri; results still load."""
    service = make_service("renewed-sas", sas_lifetime=2)
    workspace = service.workspace()
    target = workspace.get_targets("ionq.simulator")
    job = submit_bell(target, "renewed", shots=30)
    job.wait_until_completed(timeout_secs=30)
    stale_url = job.details.output_data_uri

    time.sleep(2.2)
    assert requests.get(stale_url, timeout=10).status_code == 403
    results = job.get_results()
    assert set(results) <= {"[0, 0]", "[1, 1]"}
    assert len(job.get_results_shots()) == 30
    assert job.download_attachment("inputData")


@pytest.mark.parametrize("method", ["GET", "PUT", "HEAD"])
def test_a_blob_url_with_an_empty_name_is_answered_by_storage(workspace, method):
    """`/container/` (found by the blob fuzz) was answered by the data plane's JSON 401."""
    url = blob_url(container_url(workspace), "")
    response = requests.request(method, url, headers=UPLOAD_HEADERS, timeout=10)
    assert response.status_code == 400
    assert response.headers["x-ms-error-code"] == "InvalidUri"
    if method != "HEAD":
        assert ElementTree.fromstring(response.content).findtext("Code") == "InvalidUri"


def test_names_xml_cannot_carry_are_listed_encoded_and_errors_stay_xml(workspace):
    """Found by the blob fuzz: a name with a control character made the listing and a
    404's body invalid XML. Listed percent-encoded with Encoded="true" as Azure Storage
    does, azure-storage-blob gives the name back; an error body replaces the character."""
    container = container_url(workspace)
    name = "odd\x0bname\x1f.txt"
    assert put_blob(blob_url(container, quote(name)), b"odd").status_code == 201
    listed = [blob.name for blob in ContainerClient.from_container_url(container).list_blobs()]
    assert name in listed
    missing = requests.get(blob_url(container, quote("gone\x00\x0b")), timeout=10)
    assert missing.status_code == 404
    assert ElementTree.fromstring(missing.content).findtext("Code") == "BlobNotFound"
