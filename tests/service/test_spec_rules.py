"""Rules of the published data-plane spec the service once let slip (issue 23's findings).

Each goes through the unmodified SDK where the SDK can send the request, else raw HTTP.
"""

from __future__ import annotations

import uuid

import pytest
import requests
from azure.core.credentials import AzureKeyCredential
from azure.core.exceptions import HttpResponseError
from azure.quantum import Workspace
from programs import QirText, bell_qir, submit_bell
from service_support import API_PARAMS

from qsession_jupyter.compat import workspace_endpoint_keywords
from qsession_jupyter.connection import (
    LOCAL_LOCATION,
    LOCAL_NAME,
    LOCAL_RESOURCE_GROUP,
    LOCAL_SUBSCRIPTION,
)


def test_a_job_with_an_unknown_priority_is_refused_and_not_stored(workspace):
    target = workspace.get_targets("ionq.simulator")
    name = f"priority AAA {uuid.uuid4()}"
    with pytest.raises(HttpResponseError, match="'priority' must be Standard or High") as error:
        target.submit(QirText(bell_qir()), name=name, shots=5, priority="AAA")
    assert error.value.status_code == 400
    assert error.value.error.code == "InvalidRequestBody"
    assert not [job for job in workspace.list_jobs(name_match=name)]


def test_a_priority_is_kept_in_the_spelling_of_the_spec(workspace):
    job = submit_bell(workspace.get_targets("ionq.simulator"), "high priority", shots=5)
    job.update(priority="high")
    assert job.details.priority == "High"
    assert workspace.get_job(job.id).details.priority == "High"


def test_an_update_to_an_unknown_priority_is_refused_and_changes_nothing(workspace):
    job = submit_bell(workspace.get_targets("ionq.simulator"), "standard priority", shots=5)
    job.update(priority="Standard")
    with pytest.raises(HttpResponseError, match="'priority' must be Standard or High") as error:
        job.update(priority="AAA", name="renamed")
    assert error.value.status_code == 400
    listed = [j for j in workspace.list_jobs(name_match="standard priority") if j.id == job.id]
    assert [j.details.priority for j in listed] == ["Standard"]
    assert workspace.get_job(job.id).details.name == "standard priority"


def test_a_session_with_an_unknown_priority_is_refused(workspace):
    target = workspace.get_targets("rigetti.sim.qvm")
    with pytest.raises(HttpResponseError, match="'priority' must be Standard or High"):
        target.open_session(name="bad priority", priority="Urgent")


def test_an_update_without_a_priority_answers_none(local_service, workspace):
    """JobUpdateOptions.priority is not nullable: a job never given one shows no field, as GET does."""
    job = submit_bell(workspace.get_targets("ionq.simulator"), "no priority", shots=5)
    url = f"{local_service.endpoint.rstrip('/')}{local_service.workspace_path()}/jobs/{job.id}"
    headers = {
        "x-ms-quantum-api-key": local_service.api_key,
        "Content-Type": "application/merge-patch+json",
    }
    for body in ({}, {"name": "renamed"}, {"tags": ["a"]}):
        answer = requests.patch(url, json=body, headers=headers, params=API_PARAMS, timeout=10)
        assert answer.status_code == 200, answer.text
        assert "priority" not in answer.json(), body
    got = requests.get(url, headers=headers, params=API_PARAMS, timeout=10).json()
    assert "priority" not in got and got["name"] == "renamed"
    assert job.update(name="again").details.priority is None


def sdk_workspace(local_service, api_version: str) -> Workspace:
    return Workspace(
        subscription_id=LOCAL_SUBSCRIPTION,
        resource_group=LOCAL_RESOURCE_GROUP,
        name=LOCAL_NAME,
        location=LOCAL_LOCATION,
        credential=AzureKeyCredential(local_service.api_key),
        api_version=api_version,
        **workspace_endpoint_keywords(local_service.endpoint),
    )


def test_an_unsupported_api_version_is_refused_as_azure_does(local_service):
    with pytest.raises(HttpResponseError) as error:
        sdk_workspace(local_service, "1999-01-01").get_targets()
    assert error.value.status_code == 400
    assert error.value.error.code == "UnsupportedApiVersionValue"
    assert "Unsupported api-version '1999-01-01'" in error.value.error.message
    assert "2026-01-15-preview" in error.value.error.message


@pytest.mark.parametrize(
    "version",
    # The SDK's default, the recordings' version, and the other versions the SDK names.
    ["2026-01-15-preview", "2025-12-01-preview", "2025-09-01-preview", "2024-10-01-preview"],
)
def test_the_api_versions_the_sdk_names_keep_working(local_service, version):
    workspace = sdk_workspace(local_service, version)
    assert workspace.get_targets("ionq.simulator")
    job = submit_bell(workspace.get_targets("ionq.simulator"), f"on {version}", shots=5)
    job.wait_until_completed(timeout_secs=30)
    assert job.details.status == "Succeeded"
    assert [j.id for j in workspace.list_jobs(name_match=f"on {version}")]


@pytest.mark.parametrize("query", ["", "?api-version=", "?api-version=&filter="])
def test_a_missing_or_empty_api_version_is_refused(local_service, query):
    url = local_service.endpoint.rstrip("/") + local_service.workspace_path() + "/jobs" + query
    answer = requests.get(url, headers={"x-ms-quantum-api-key": local_service.api_key}, timeout=10)
    assert answer.status_code == 400
    assert answer.headers["x-ms-error-code"] == "MissingApiVersionParameter"
    assert answer.json()["error"]["message"] == (
        "The api-version query parameter (?api-version=) is required for all requests."
    )


def test_the_local_health_route_needs_no_api_version(local_service):
    answer = requests.get(
        local_service.endpoint + "health",
        headers={"x-ms-quantum-api-key": local_service.api_key},
        timeout=10,
    )
    assert answer.status_code == 200 and answer.json()["status"] == "ok"
