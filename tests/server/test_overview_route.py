"""/qsession/sessions/{id}/overview: spend, timeline and failure through a real Jupyter server."""

from __future__ import annotations

from sdk_items import open_session, unique_prefix, wait_for

from qsession_jupyter import budgets
from qsession_jupyter.budgets import SessionBudget


def _bell():
    from sdk_items import bell_program

    return bell_program()


def test_overview_of_a_paid_session_with_a_budget(api, workspace):
    session, target = open_session(workspace, "ionq.qpu.aria-1", f"{unique_prefix()}-paid")
    budgets.save(SessionBudget(session.id, 500.0, "USD"))
    jobs = [target.submit(_bell(), name=f"step {i}", shots=10) for i in range(2)]
    for job in jobs:
        assert wait_for(job, {"Succeeded"}) == "Succeeded"
    costs = [float(job.details.cost_estimate.estimated_total) for job in jobs]

    status, body = api(f"sessions/{session.id}/overview")
    assert status == 200, body
    spend = body["spend"]
    assert spend["spent"] == sum(costs) and spend["currency"] == "USD"
    assert spend["limit"] == 500.0 and spend["limit_display"] == "$500"
    assert spend["fraction"] == sum(costs) / 500
    fit = int((500 - sum(costs)) // costs[-1])
    assert spend["forecast"].startswith(f"About {fit} more jobs like the last one")

    timeline = body["timeline"]
    assert [bar["name"] for bar in timeline["bars"]] == ["step 0", "step 1"]
    assert all(bar["started"] is not None and bar["ended"] for bar in timeline["bars"])
    assert timeline["provider_id"] == "ionq" and not timeline["exclusive"]
    assert timeline["clocks"] == {"idle_timeout": 600.0, "exclusive_window": 60.0}
    labels = [fact["label"] for fact in timeline["facts"]]
    assert labels == ["Device busy", "Median gap", "Longest gap"]
    assert body["failure"] is None
    session.close()


def test_overview_names_the_job_that_failed_the_session(api, workspace):
    session, target = open_session(workspace, "rigetti.sim.qvm", f"{unique_prefix()}-aborted")
    broken = target.submit("DECLARE ro BIT[1]\nthis is not quil", name="broken", shots=10)
    assert wait_for(broken, {"Failed"}) == "Failed"
    assert wait_for(session, {"Failed"}) == "Failed"

    status, body = api(f"sessions/{session.id}/overview")
    assert status == 200, body
    failure = body["failure"]
    assert failure["job_id"] == broken.id and failure["policy"] == "Abort"
    assert failure["error"]["code"] == broken.details.error_data.code
    assert failure["text"].startswith('This session failed: job "broken"')
    assert body["spend"]["limit"] is None


def test_overview_of_an_unknown_session_is_404(api):
    status, body = api("sessions/00000000-0000-0000-0000-00000000dead/overview")
    assert status == 404
    assert body["error"]["code"] == "not_found"


def test_overview_keys_match_the_sidebar_types():
    """Every key the overview route sends is declared in types.ts, and every declared key sent."""
    import datetime as dt

    from azure.quantum._client.models import JobDetails, SessionDetails
    from test_views import _ts_interfaces

    from qsession_jupyter.views.overview import session_overview

    times = {"creationTime": "2026-01-01T10:00:00Z", "endExecutionTime": "2026-01-01T10:00:09Z"}
    session = SessionDetails({"id": "s", "status": "Failed", "providerId": "ionq", **times})
    job = JobDetails(
        {
            "id": "j",
            "status": "Failed",
            "containerUri": "http://[::1]/c",
            "beginExecutionTime": "2026-01-01T10:00:02Z",
            "errorData": {"code": "X", "message": "y"},
            **times,
        }
    )
    later = dt.datetime(2026, 1, 1, 10, 1, tzinfo=dt.UTC)
    body = session_overview(
        session, [job, {**job, "id": "k", "creationTime": "2026-01-01T10:00:20Z"}], None, now=later
    )
    types = _ts_interfaces()
    assert set(body) == types["ISessionOverview"]
    assert set(body["spend"]) == types["ISpend"]
    assert set(body["timeline"]) == types["ITimeline"]
    assert set(body["timeline"]["bars"][0]) == types["ITimelineBar"]
    assert set(body["timeline"]["gaps"][0]) == types["ITimelineGap"]
    assert set(body["failure"]) == types["ISessionFailure"]
