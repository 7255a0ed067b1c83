"""The gate in front of every route: loopback Host names only, and a readable 413 for big bodies."""

from __future__ import annotations

import uuid
import xml.etree.ElementTree as ElementTree

import pytest
import requests
from programs import submit_bell
from service_support import wait_for

TOO_BIG = 70 * 1024 * 1024  # over the 65 MiB any one request may carry


def health(service, host: str | None) -> requests.Response:
    headers = {"x-ms-quantum-api-key": service.api_key}
    if host is not None:
        headers["Host"] = host
    return requests.get(service.endpoint + "health", headers=headers, timeout=10)


@pytest.mark.parametrize(
    "host", ["evil.example", "evil.example:80", "10.0.0.1", "[fe80::1]", "localhost.evil.example"]
)
def test_a_host_that_is_not_loopback_is_refused(local_service, host):
    """DNS rebinding: a page from another site reaches loopback under its own name."""
    response = health(local_service, host)
    assert response.status_code == 421, response.text
    error = response.json()["error"]
    assert error["code"] == "InvalidHostHeader"
    assert "loopback" in error["message"]


@pytest.mark.parametrize("host", ["localhost", "127.0.0.1", "127.1.2.3", "[::1]"])
def test_loopback_hosts_are_accepted(local_service, host):
    port = local_service.info.port
    for value in (host, f"{host}:{port}"):
        assert health(local_service, value).status_code == 200, value


def test_blob_routes_check_the_host_too(workspace):
    container_sas = workspace.get_container_uri(job_id=str(uuid.uuid4()))
    response = requests.get(
        container_sas + "&comp=list", headers={"Host": "evil.example"}, timeout=10
    )
    assert response.status_code == 421
    assert ElementTree.fromstring(response.content).findtext("Code") == "InvalidHostHeader"


def test_the_sdk_still_works_through_the_gate(workspace):
    """Its data-plane requests name 127.0.0.1, its blob requests [::1]."""
    job = submit_bell(workspace.get_targets("ionq.simulator"), "through-the-gate")
    wait_for(lambda: job.refresh() or job.details.status == "Succeeded", what="the job")
    assert job.get_results()


def test_a_data_plane_body_over_the_limit_is_413_with_an_azure_error(local_service):
    url = (
        f"{local_service.endpoint.rstrip('/')}{local_service.workspace_path()}/jobs/{uuid.uuid4()}"
    )
    response = requests.put(
        url,
        data=b" " * TOO_BIG,
        headers={"x-ms-quantum-api-key": local_service.api_key, "Content-Type": "application/json"},
        timeout=60,
    )
    assert response.status_code == 413
    error = response.json()["error"]
    assert error["code"] == "RequestBodyTooLarge"
    assert "at most" in error["message"]
    assert response.headers["x-ms-error-code"] == "RequestBodyTooLarge"
    # The connection is still good for the next request.
    assert health(local_service, None).status_code == 200


def test_a_blob_over_the_limit_is_413_in_storage_xml(workspace):
    container_sas = workspace.get_container_uri(job_id=str(uuid.uuid4()))
    base, query = container_sas.split("?", 1)
    response = requests.put(
        f"{base}/big?{query}",
        data=b"x" * TOO_BIG,
        headers={"x-ms-blob-type": "BlockBlob", "x-ms-version": "2026-10-06"},
        timeout=60,
    )
    assert response.status_code == 413
    assert ElementTree.fromstring(response.content).findtext("Code") == "RequestBodyTooLarge"
