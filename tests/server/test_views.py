"""SDK details models -> the dicts every view shows."""

from __future__ import annotations

import datetime as dt

from azure.quantum._client.models import JobDetails, SessionDetails

from qsession_jupyter.views import any_item_model, job_detail_model, session_model


def _job(**fields) -> JobDetails:
    base = {
        "id": "11111111-1111-1111-1111-111111111111",
        "name": "vqe step",
        "providerId": "ionq",
        "target": "ionq.simulator",
        "itemType": "Job",
        "jobType": "QuantumComputing",
        "containerUri": "http://[::1]/job",
        "status": "Executing",
        "creationTime": "2026-01-01T10:00:00Z",
        "beginExecutionTime": "2026-01-01T10:00:04.5Z",
    }
    return JobDetails({**base, **fields})


def test_executing_job_times_run_to_now_and_it_can_be_cancelled():
    now = dt.datetime(2026, 1, 1, 10, 0, 10, tzinfo=dt.timezone.utc)
    model = job_detail_model(_job(), now=now)
    assert (model["type"], model["state"], model["pending"], model["can_cancel"]) == (
        "Quantum Computing",
        "Executing",
        True,
        True,
    )
    assert model["queued_seconds"] == 4.5
    assert model["executing_seconds"] == 5.5
    assert model["creation_time"] == "2026-01-01T10:00:00.000Z"


def test_failed_job_error_and_cost():
    model = any_item_model(
        _job(
            status="Failed",
            endExecutionTime="2026-01-01T10:00:06Z",
            errorData={"code": "InvalidInputData", "message": "bad QIR"},
            costEstimate={"currencyCode": "EUR", "estimatedTotal": 1.5, "events": []},
        )
    )
    assert model["error"] == {"code": "InvalidInputData", "message": "bad QIR"}
    assert model["cost"]["display"] == "€1.5"
    assert (model["pending"], model["can_cancel"]) == (False, False)


def test_error_without_message_never_shows_null():
    model = any_item_model(_job(status="Failed", errorData={"code": None, "message": None}))
    assert model["error"]["code"] == "Unknown" and model["error"]["message"]


def test_session_in_failures_state_is_still_open():
    details = SessionDetails(
        {
            "id": "22222222-2222-2222-2222-222222222222",
            "name": "s",
            "providerId": "quantinuum",
            "target": "quantinuum.sim.h2-1e",
            "itemType": "Session",
            "status": "Failure(s)",
            "jobFailurePolicy": "Continue",
            "creationTime": "2026-01-01T10:00:00Z",
        }
    )
    model = any_item_model(details)
    assert model == session_model(details)
    assert (model["type"], model["pending"], model["can_close"]) == ("Session", True, True)
    assert model["job_failure_policy"] == "Continue"
    assert model["cost"] is None
