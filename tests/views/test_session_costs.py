"""The cost column: Quantinuum in HQC, and a session's sum that says what it is."""

from __future__ import annotations

from azure.quantum._client.models import JobDetails

from qsession_jupyter.views import cost_model, session_jobs_model

#: What the service writes for a Quantinuum job: 0 USD, the price in HQC events.
HQC_ESTIMATE = {
    "currencyCode": "USD",
    "estimatedTotal": 0.0,
    "events": [
        {
            "dimensionId": "hqc",
            "dimensionName": "HQC",
            "measureUnit": "hqc",
            "amountBilled": 7.25,
            "amountConsumed": 7.25,
            "unitPrice": 0.0,
        }
    ],
}


def job(job_id: str, status: str, estimate: dict | None) -> JobDetails:
    return JobDetails(
        {
            "id": job_id,
            "name": job_id,
            "providerId": "quantinuum",
            "target": "quantinuum.qpu.h2-1",
            "itemType": "Job",
            "containerUri": "http://[::1]/c",
            "status": status,
            "creationTime": "2026-01-01T10:00:00Z",
            "costEstimate": estimate,
        }
    )


def test_a_quantinuum_job_costs_its_hqcs_not_zero_dollars():
    cost = cost_model(job("a", "Succeeded", HQC_ESTIMATE).cost_estimate)
    assert (cost["total"], cost["currency"], cost["display"]) == (7.25, "HQC", "7.25 HQC")
    assert cost["events"][0]["billed"] == 7.25


def test_a_quantinuum_session_sums_hqcs_and_says_so_far_while_a_job_is_pending():
    done = [job("a", "Succeeded", HQC_ESTIMATE), job("b", "Succeeded", HQC_ESTIMATE)]
    summary = session_jobs_model(done)
    assert summary["cost"]["display"] == "14.5 HQC"
    running = session_jobs_model([*done, job("c", "Executing", None)])
    assert running["cost"]["display"] == "14.5 HQC so far"
    assert running["cost"]["total"] == 14.5


def test_usd_sums_stay_in_dollars():
    usd = {"currencyCode": "USD", "estimatedTotal": 97.5, "events": []}
    summary = session_jobs_model([job("a", "Succeeded", usd), job("b", "Failed", usd)])
    assert summary["cost"]["display"] == "$195"
