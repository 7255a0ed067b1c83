"""The budget book (budgets.py) and the spend model the kernel, panel and sidebar share."""

from __future__ import annotations

import threading

import pytest

from qsession_jupyter import budgets
from qsession_jupyter.budgets import SessionBudget
from qsession_jupyter.views.spend import session_spend


@pytest.fixture(autouse=True)
def book(tmp_path, monkeypatch):
    monkeypatch.setenv("QSESSION_DATA_DIR", str(tmp_path / "data"))
    return tmp_path / "data" / "budgets"


def job(job_id, status, *, cost=None, currency="USD", created=None):
    """A job's details as the service returns them (the SDK's models read the same way)."""
    details = {"id": job_id, "status": status}
    if cost is not None:
        details["costEstimate"] = {"currencyCode": currency, "estimatedTotal": cost, "events": []}
    if created is not None:
        details["creationTime"] = created
    return details


# -- the book ------------------------------------------------------------------------------


def test_a_saved_budget_loads_back_from_the_data_dir(book):
    budgets.save(SessionBudget("s-1", 100.0, "USD", {"j1": 12.5}))
    assert budgets.load("s-1") == SessionBudget("s-1", 100.0, "USD", {"j1": 12.5})
    assert (book / "s-1.json").is_file()


def test_a_session_without_an_entry_has_none():
    assert budgets.load("never-seen") is None


def test_recording_an_estimate_keeps_the_limit_and_earlier_estimates():
    budgets.save(SessionBudget("s-2", 50.0, "HQC"))
    budgets.record_estimate("s-2", "j1", 5.5, "HQC")
    budgets.record_estimate("s-2", "j2", 6.0, "HQC")
    assert budgets.load("s-2") == SessionBudget("s-2", 50.0, "HQC", {"j1": 5.5, "j2": 6.0})


def test_an_estimate_recorded_before_any_budget_counts_once_one_is_set():
    budgets.record_estimate("s-3", "j1", 97.5, "USD")
    assert budgets.load("s-3") == SessionBudget("s-3", None, "USD", {"j1": 97.5})
    budgets.save(SessionBudget("s-3", 200.0, "USD"))  # a new limit, no estimates given
    assert budgets.load("s-3").estimates == {"j1": 97.5}
    assert budgets.load("s-3").limit == 200.0


def test_estimates_recorded_from_many_threads_are_all_kept():
    threads = [
        threading.Thread(target=budgets.record_estimate, args=("s-4", f"j{i}", 1.0, "USD"))
        for i in range(16)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(budgets.load("s-4").estimates) == 16


def test_an_unreadable_entry_reads_as_none_and_can_be_written_again(book):
    book.mkdir(parents=True)
    (book / "s-5.json").write_text("{not json")
    assert budgets.load("s-5") is None
    budgets.save(SessionBudget("s-5", 1.0, "USD"))
    assert budgets.load("s-5").limit == 1.0


def test_an_odd_session_id_stays_inside_the_book(book):
    budgets.save(SessionBudget("../../escape", 3.0, "USD"))
    assert budgets.load("../../escape").limit == 3.0
    assert [p.parent for p in book.parent.parent.rglob("*.json")] == [book]


# -- the spend -----------------------------------------------------------------------------


def test_spent_is_the_service_cost_of_finished_jobs_plus_estimates_of_pending_ones():
    book = SessionBudget("s", 300.0, "USD", {"a": 90.0, "b": 97.5, "c": 97.5})
    jobs = [job("a", "Succeeded", cost=97.5), job("b", "Executing"), job("c", "Waiting")]
    spend = session_spend(jobs, book)
    assert spend.spent == pytest.approx(97.5 * 3)  # the service's 97.5 replaces a's 90
    assert spend.currency == "USD"
    assert spend.limit == 300.0
    assert spend.remaining == pytest.approx(300 - 292.5)
    assert spend.fraction == pytest.approx(292.5 / 300)
    assert spend.last_job_cost == 97.5
    assert spend.jobs_that_fit == 0


def test_a_forecast_counts_jobs_like_the_last_one():
    book = SessionBudget("s", 100.0, "HQC", {})
    jobs = [
        job("b", "Succeeded", cost=15.0, currency="HQC", created="2026-01-01T00:00:02Z"),
        job("a", "Succeeded", cost=5.0, currency="HQC", created="2026-01-01T00:00:01Z"),
    ]
    spend = session_spend(jobs, book)
    assert spend.spent == 20.0
    assert spend.last_job_cost == 15.0  # b is the newer job, whatever the listing order
    assert spend.jobs_that_fit == 5  # 80 / 15


def test_failed_and_cancelled_jobs_without_a_price_cost_nothing():
    book = SessionBudget("s", 10.0, "USD", {"f": 4.0, "c": 4.0, "ok": 4.0})
    jobs = [job("f", "Failed"), job("c", "Cancelled"), job("ok", "Succeeded")]
    spend = session_spend(jobs, book)
    assert spend.spent == 4.0  # a succeeded job not priced yet keeps its estimate


def test_a_job_submitted_but_not_listed_yet_counts_by_its_estimate():
    book = SessionBudget("s", 100.0, "USD", {"old": 10.0, "new": 30.0})
    spend = session_spend([job("old", "Succeeded", cost=10.0)], book)
    assert spend.spent == 40.0
    assert spend.last_job_cost == 30.0


def test_without_a_budget_the_spend_has_no_limit_nor_forecast():
    spend = session_spend([job("a", "Succeeded", cost=5.0, currency="HQC")], None)
    assert (spend.spent, spend.currency, spend.limit) == (5.0, "HQC", None)
    assert (spend.remaining, spend.fraction, spend.jobs_that_fit) == (None, None, None)
    assert spend.last_job_cost == 5.0


def test_an_overspent_budget_reads_full_and_a_free_session_has_no_forecast():
    over = session_spend([job("a", "Succeeded", cost=150.0)], SessionBudget("s", 100.0, "USD"))
    assert (over.remaining, over.fraction, over.jobs_that_fit) == (0.0, 1.0, 0)
    free = session_spend([job("a", "Succeeded", cost=0.0)], SessionBudget("s", 5.0, "USD"))
    assert (free.spent, free.fraction, free.jobs_that_fit) == (0.0, 0.0, None)


def test_the_spend_of_real_sdk_jobs_is_what_the_service_priced(workspace):
    """SDK `Job`s read the same as their details: the service's costEstimate, summed."""
    from qdk import qsharp

    qsharp.init(target_profile=qsharp.TargetProfile.Base)
    qsharp.eval("operation Coin() : Result { use q = Qubit(); H(q); MResetZ(q) }")
    target = workspace.get_targets("ionq.qpu.aria-1")
    with target.open_session(name="spend") as session:
        jobs = [target.submit(qsharp.compile("Coin()"), name=f"c{i}", shots=10) for i in range(2)]
        budgets.record_estimate(session.id, jobs[1].id, 1000.0, "USD")
        pending = session_spend(jobs, budgets.load(session.id))
        for sdk_job in jobs:
            sdk_job.wait_until_completed(timeout_secs=60)
    listed = workspace.list_session_jobs(session_id=session.id)
    priced = [job.details.cost_estimate.estimated_total for job in jobs]
    assert all(price > 0 for price in priced)
    spend = session_spend(listed, SessionBudget(session.id, 10_000.0, "USD", {jobs[1].id: 1e3}))
    assert spend.spent == pytest.approx(sum(priced))
    assert spend.currency == "USD"
    assert spend.jobs_that_fit == int((10_000.0 - sum(priced)) // priced[-1])
    assert pending.spent >= 1000.0  # while pending, job 1 counted by its recorded estimate


def test_quantinuum_jobs_count_their_hqcs_not_the_zero_usd_total():
    """The real service prices Quantinuum jobs as 0 USD with the HQCs in an event."""
    details = job("q", "Succeeded")
    details["costEstimate"] = {
        "currencyCode": "USD",
        "events": [{"dimensionId": "hqc", "measureUnit": "hqc", "amountBilled": 5.01}],
        "estimatedTotal": 0.0,
    }
    spend = session_spend([details], SessionBudget("s", 50.0, "HQC"))
    assert spend.spent == pytest.approx(5.01)
    assert spend.currency == "HQC"
    assert spend.jobs_that_fit == 8
