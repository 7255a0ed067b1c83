"""The filter translator and the session state machine, without a service."""

from __future__ import annotations

import pytest

from qsession_jupyter.local.domain import sessions
from qsession_jupyter.local.errors import ServiceError
from qsession_jupyter.local.storage.records import SessionRecord
from qsession_jupyter.local.wire.odata import filter_to_sql, orderby_to_sql


def test_sdk_filter_with_every_clause():
    sql, params = filter_to_sql(
        "startswith(Name, 'ion') and (ItemType eq 'Job' or ItemType eq 'Session') and "
        "(JobType eq 'QuantumComputing') and (ProviderId eq 'IonQ') and (Target eq 'ionq.simulator') "
        "and (State eq 'Succeeded' or State eq 'Failed') and CreationTime ge 2020-01-01"
    )
    assert params[0] == "ion%" and "ionq" in params and "Succeeded" in params
    assert sql.count("AND") == 6


def test_missing_and_between_dates_is_read_as_and():
    sql, params = filter_to_sql("CreationTime ge 2020-01-01CreationTime le 2020-01-02")
    assert sql == "(creation_time >= ? AND creation_time < ?)"
    assert params[1] - params[0] == 2 * 86400


def test_quotes_in_values_are_parameters_not_sql():
    sql, params = filter_to_sql("startswith(Name, 'a''b; DROP TABLE items')")
    assert "DROP" not in sql and params == ["a'b; DROP TABLE items%"]


@pytest.mark.parametrize(
    "text",
    ["Name eq", "(State eq 'x'", "Bogus eq 'x'", "State like 'x'", "'x'", "startswith(Name 'x')"],
)
def test_malformed_filters_are_400(text):
    with pytest.raises(ServiceError) as error:
        filter_to_sql(text)
    assert error.value.status == 400


def test_orderby():
    assert orderby_to_sql(None) == "creation_time ASC, seq ASC"
    assert orderby_to_sql(None, default_descending=True) == "creation_time DESC, seq DESC"
    assert orderby_to_sql("Name desc") == "name DESC, seq DESC"
    with pytest.raises(ServiceError):
        orderby_to_sql("Cost desc")


def session(**fields) -> SessionRecord:
    given = {"status": "Waiting", "job_failure_policy": "Abort", "target": "ionq.simulator"}
    given.update(fields)
    return SessionRecord(id="s", name="n", provider_id="ionq", creation_time=0.0, **given)


@pytest.mark.parametrize(
    ("row", "counts", "expected"),
    [
        (session(), {}, "Waiting"),
        (session(), {"Waiting": 1}, "Executing"),
        (session(), {"Succeeded": 2}, "Executing"),
        (session(closed=True), {}, "Succeeded"),
        (session(closed=True), {"Executing": 1}, "Executing"),
        (session(closed=True), {"Succeeded": 1}, "Succeeded"),
        (session(), {"Failed": 1, "Waiting": 2}, "Failed"),
        (session(job_failure_policy="Continue"), {"Failed": 1, "Succeeded": 3}, "Failure(s)"),
        (session(job_failure_policy="Continue", closed=True), {"Failed": 1}, "Failed"),
        (
            session(job_failure_policy="Continue", closed=True),
            {"Failed": 1, "Waiting": 1},
            "Failure(s)",
        ),
        (session(status="TimedOut"), {"Failed": 1}, "TimedOut"),
        (session(closed=True), {"Cancelled": 2}, "Succeeded"),
    ],
)
def test_session_status(row, counts, expected):
    assert sessions.next_status(row, counts) == expected


def test_rejections():
    open_row = session(target="ionq.simulator")
    assert sessions.rejection_for_new_job(open_row, "s", "ionq.simulator") is None
    assert "does not exist" in sessions.rejection_for_new_job(None, "s", "ionq.simulator")
    assert (
        sessions.rejection_for_new_job(session(status="Failed"), "s", "x")
        == sessions.TERMINAL_SESSION_MESSAGE
    )
    assert "closed" in sessions.rejection_for_new_job(session(closed=True, target="t"), "s", "t")
    assert "single target" in sessions.rejection_for_new_job(open_row, "s", "rigetti.sim.qvm")
