"""Every /qsession/ route through a real Jupyter server, on the real local service.

Items are made with the SDK under a name prefix unique to this module, so the
listing checks hold whatever other tests put in the shared workspace.
"""

from __future__ import annotations

import datetime as dt

import pytest
from sdk_items import (
    open_bare_session,
    open_session,
    submit,
    submit_broken,
    unique_prefix,
    wait_for,
)

FINAL = {"Succeeded", "Failed", "Cancelled"}


@pytest.fixture(scope="module")
def seeded(local_service):
    """Two sessions (one closed with two jobs, one open and empty) and three lone jobs."""
    workspace = local_service.workspace()
    prefix = unique_prefix()
    closed, target = open_session(workspace, "rigetti.sim.qvm", f"{prefix}-session-closed")
    session_jobs = [
        target.submit(_bell(), name=f"{prefix}-in-session-{i}", shots=50) for i in range(2)
    ]
    for job in session_jobs:
        assert wait_for(job, FINAL) == "Succeeded"
    closed.close()
    assert wait_for(closed, {"Succeeded"}) == "Succeeded"
    open_one = open_bare_session(workspace, "ionq.simulator", f"{prefix}-session-open")
    lone = submit(workspace, "rigetti.sim.qvm", f"{prefix}-job-rigetti", shots=50)
    lone_ionq = submit(workspace, "ionq.simulator", f"{prefix}-job-ionq", shots=30)
    broken = submit_broken(workspace, "rigetti.sim.qvm", f"{prefix}-job-broken")
    for job in (lone, lone_ionq, broken):
        wait_for(job, FINAL)
    return {
        "prefix": prefix,
        "closed": closed,
        "open": open_one,
        "session_jobs": session_jobs,
        "lone": lone,
        "lone_ionq": lone_ionq,
        "broken": broken,
    }


def _bell():
    from sdk_items import bell_program

    return bell_program()


def _names(body) -> list[str]:
    return [item["name"] for item in body["items"]]


def test_health_answers_without_touching_the_workspace(api):
    status, body = api("health")
    assert status == 200
    assert body["ok"] is True and body["api_version"] == 1


def test_workspace_route_names_the_local_workspace_and_its_targets(api):
    status, body = api("workspace")
    assert status == 200
    assert body["workspace"]["kind"] == "local"
    assert body["workspace"]["label"].startswith("local workspace")
    target_ids = {t["id"] for t in body["targets"]}
    assert {"rigetti.sim.qvm", "ionq.simulator"} <= target_ids
    assert "Succeeded" in body["states"] and "TimedOut" in body["states"]


def test_items_are_top_level_only_newest_first_with_portal_columns(api, seeded):
    status, body = api("items", params={"q": seeded["prefix"]})
    assert status == 200
    names = _names(body)
    p = seeded["prefix"]
    # Jobs inside a session are not top-level items: they show under their session.
    assert sorted(names) == sorted(
        [
            f"{p}-session-closed",
            f"{p}-session-open",
            f"{p}-job-rigetti",
            f"{p}-job-ionq",
            f"{p}-job-broken",
        ]
    )
    times = [item["creation_time"] for item in body["items"]]
    assert times == sorted(times, reverse=True)
    rows = {item["name"]: item for item in body["items"]}
    closed = rows[f"{p}-session-closed"]
    assert (closed["type"], closed["state"], closed["target"]) == (
        "Session",
        "Succeeded",
        "rigetti.sim.qvm",
    )
    assert closed["id"] == seeded["closed"].id
    assert rows[f"{p}-session-open"]["state"] == "Waiting"
    assert rows[f"{p}-session-open"]["pending"] is True
    job = rows[f"{p}-job-rigetti"]
    assert (job["type"], job["state"], job["pending"]) == ("Quantum Computing", "Succeeded", False)
    assert job["cost"] is None or job["cost"]["display"]
    broken = rows[f"{p}-job-broken"]
    assert broken["state"] == "Failed" and broken["error"]["code"] == "InvalidInputData"


@pytest.mark.parametrize(
    ("params", "expected_suffixes"),
    [
        ({"type": "Session"}, {"session-closed", "session-open"}),
        ({"type": "QuantumComputing"}, {"job-rigetti", "job-ionq", "job-broken"}),
        (
            {"type": "Session,QuantumComputing"},
            {"session-closed", "session-open", "job-rigetti", "job-ionq", "job-broken"},
        ),
        ({"state": "Succeeded"}, {"session-closed", "job-rigetti", "job-ionq"}),
        ({"state": ["Failed", "Waiting"]}, {"job-broken", "session-open"}),
        ({"target": "ionq.simulator"}, {"session-open", "job-ionq"}),
        ({"target": "ionq.simulator", "type": "QuantumComputing"}, {"job-ionq"}),
    ],
)
def test_items_filters(api, seeded, params, expected_suffixes):
    query = {"q": seeded["prefix"], **params}
    if isinstance(query.get("state"), list):
        query["state"] = ",".join(query["state"])
    status, body = api("items", params=query)
    assert status == 200, body
    assert {name.split("-", 1)[1] for name in _names(body)} == expected_suffixes


def test_items_filter_by_creation_range(api, seeded):
    today = dt.datetime.now(dt.UTC).date()
    tomorrow = (today + dt.timedelta(days=1)).isoformat()
    yesterday = (today - dt.timedelta(days=1)).isoformat()
    both = {"q": seeded["prefix"], "created_after": yesterday, "created_before": tomorrow}
    status, body = api("items", params=both)
    assert status == 200, body
    assert len(body["items"]) == 5
    # Both bounds without any other filter: the SDK's own filter string needs help.
    status, body = api(
        "items", params={"created_after": yesterday, "created_before": tomorrow, "page_size": "500"}
    )
    assert status == 200, body
    assert {seeded["closed"].id, seeded["lone"].id} <= {item["id"] for item in body["items"]}
    status, body = api("items", params={"q": seeded["prefix"], "created_after": tomorrow})
    assert (status, body["items"]) == (200, [])


def test_items_sorted_by_name(api, seeded):
    status, body = api("items", params={"q": seeded["prefix"], "sort": "name", "order": "asc"})
    assert status == 200
    assert _names(body) == sorted(_names(body))
    status, body = api("items", params={"q": seeded["prefix"], "sort": "name", "order": "desc"})
    assert _names(body) == sorted(_names(body), reverse=True)


def test_filter_text_that_is_an_id_finds_that_item_even_inside_a_session(api, seeded):
    status, body = api("items", params={"q": seeded["closed"].id})
    assert (status, [i["id"] for i in body["items"]]) == (200, [seeded["closed"].id])
    inner = seeded["session_jobs"][0]
    status, body = api("items", params={"q": inner.id})
    assert [(i["id"], i["session_id"]) for i in body["items"]] == [(inner.id, seeded["closed"].id)]
    status, body = api("items", params={"q": "00000000-0000-0000-0000-0000000000ff"})
    assert (status, body["items"]) == (200, [])


def test_filter_text_with_a_quote_is_not_an_error(api):
    status, body = api("items", params={"q": "it's"})
    assert (status, body["items"]) == (200, [])


@pytest.mark.parametrize(
    ("params", "mentions"),
    [
        ({"sort": "colour"}, "sort"),
        ({"order": "sideways"}, "order"),
        ({"page_size": "0"}, "page_size"),
        ({"page_size": "100000"}, "page_size"),
        ({"skip": "-1"}, "skip"),
        ({"type": "Bogus"}, "type"),
        ({"created_after": "last tuesday"}, "created_after"),
        ({"created_after": "2026-02-01", "created_before": "2026-01-01"}, "created_after"),
        ({"state": "Done; drop"}, "state"),
    ],
)
def test_bad_query_parameters_are_400_naming_the_parameter(api, params, mentions):
    status, body = api("items", params=params)
    assert status == 400
    assert body["error"]["code"] == "validation"
    assert mentions in body["error"]["message"]


def test_session_route_lists_all_jobs_newest_first(api, seeded):
    status, body = api(f"sessions/{seeded['closed'].id}")
    assert status == 200
    assert body["session"]["state"] == "Succeeded"
    assert body["session"]["can_close"] is False
    jobs = body["jobs"]["items"]
    p = seeded["prefix"]
    assert [j["name"] for j in jobs] == [f"{p}-in-session-1", f"{p}-in-session-0"]
    assert all(j["state"] == "Succeeded" and j["session_id"] == seeded["closed"].id for j in jobs)
    assert all(j["begin_execution_time"] and j["end_execution_time"] for j in jobs)


def test_session_jobs_page(api, seeded):
    status, body = api(f"sessions/{seeded['closed'].id}", params={"page_size": "1"})
    assert status == 200
    assert len(body["jobs"]["items"]) == 1 and body["jobs"]["has_more"] is True
    status, body = api(f"sessions/{seeded['closed'].id}", params={"page_size": "1", "skip": "1"})
    assert len(body["jobs"]["items"]) == 1 and body["jobs"]["has_more"] is False


def test_unknown_session_and_job_are_404(api):
    missing = "00000000-0000-0000-0000-00000000abcd"
    for path in (f"sessions/{missing}", f"jobs/{missing}"):
        status, body = api(path)
        assert status == 404, (path, body)
        assert body["error"]["code"] == "not_found"
    status, body = api(f"jobs/{missing}/cancel", method="POST")
    assert (status, body["error"]["code"]) == (404, "not_found")
    status, body = api(f"sessions/{missing}/close", method="POST")
    assert (status, body["error"]["code"]) == (404, "not_found")


def test_job_route_has_details_timing_and_a_histogram(api, seeded):
    status, body = api(f"jobs/{seeded['lone'].id}")
    assert status == 200
    assert body["state"] == "Succeeded"
    assert body["input_params"]["shots"] == 50
    assert body["queued_seconds"] is not None and body["executing_seconds"] is not None
    results = body["results"]
    assert results["format"] == "microsoft.quantum-results.v2"
    assert results["shots"] == 50 and sum(results["counts"]) == 50
    assert set(results["outcomes"]) <= {"[0, 0]", "[1, 1]"}
    assert body["results_error"] is None


def test_failed_job_shows_error_code_and_message_and_no_histogram(api, seeded):
    status, body = api(f"jobs/{seeded['broken'].id}")
    assert status == 200
    assert body["state"] == "Failed"
    assert body["error"]["code"] == "InvalidInputData"
    assert "QIR" in body["error"]["message"]
    assert body["results"] is None
    assert body["can_cancel"] is False


def test_close_session_route(api, workspace):
    session = open_bare_session(workspace, "rigetti.sim.qvm", unique_prefix() + "-to-close")
    status, body = api(f"sessions/{session.id}/close", method="POST")
    assert status == 200
    assert (body["id"], body["state"], body["can_close"]) == (session.id, "Succeeded", False)
    session.refresh()
    assert session.details.status == "Succeeded"
    # Closing again is harmless: the SDK only refreshes a finished session.
    status, body = api(f"sessions/{session.id}/close", method="POST")
    assert (status, body["state"]) == (200, "Succeeded")


def test_cancel_job_route(api, make_service, server_workspace):
    """A job queued behind a long one on a one-at-a-time emulator is cancelled."""
    service = make_service("cancel", time_scale="1")
    workspace = service.workspace()
    server_workspace.workspace = workspace
    running = submit(workspace, "rigetti.qpu.ankaa-3", "long", shots=2000)
    queued = submit(workspace, "rigetti.qpu.ankaa-3", "queued", shots=2000)
    status, body = api(f"jobs/{queued.id}/cancel", method="POST")
    assert status == 200, body
    assert body["state"] in {"Cancelled", "CancellationRequested", "Cancelling"}
    assert wait_for(queued, {"Cancelled"}) == "Cancelled"
    status, body = api(f"jobs/{queued.id}")
    assert (body["state"], body["can_cancel"]) == ("Cancelled", False)
    api(f"jobs/{running.id}/cancel", method="POST")
    wait_for(running, FINAL)


def test_cancelling_a_finished_job_is_409(api, seeded):
    status, body = api(f"jobs/{seeded['lone'].id}/cancel", method="POST")
    assert status == 409
    assert body["error"]["code"] == "conflict"
    assert "Succeeded" in body["error"]["message"]


def test_session_rows_carry_their_job_counts_and_summed_cost(api, seeded):
    """The portal's blade shows a session's cost; the sidebar also shows its job counts."""
    status, body = api("items", params={"q": seeded["prefix"], "type": "Session"})
    assert status == 200
    rows = {item["id"]: item for item in body["items"]}
    closed, empty = rows[seeded["closed"].id], rows[seeded["open"].id]
    assert closed["jobs"] == {"total": 2, "counts": {"Succeeded": 2}}
    job_costs = [api(f"jobs/{job.id}")[1]["cost"]["total"] for job in seeded["session_jobs"]]
    assert closed["cost"]["total"] == pytest.approx(sum(job_costs))
    assert empty["jobs"] == {"total": 0, "counts": {}}
    status, body = api(f"sessions/{seeded['closed'].id}")
    assert body["session"]["jobs"] == closed["jobs"]
