"""SDK details models -> the dicts every view shows."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from types import SimpleNamespace

from azure.quantum._client.models import JobDetails, SessionDetails

from qsession_jupyter.kernel.display import jobs_table
from qsession_jupyter.views import (
    any_item_model,
    display,
    job_detail_model,
    job_model,
    session_model,
    with_session_jobs,
)
from qsession_jupyter.views.display import counts_text, format_duration, format_time, state_style


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
    now = dt.datetime(2026, 1, 1, 10, 0, 10, tzinfo=dt.UTC)
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


# -- one set of display rules, shared with the sidebar -------------------------------

REPO = Path(__file__).resolve().parents[2]
SIDEBAR_SRC = REPO / "labextension" / "src"


def test_python_rules_give_the_cases_the_sidebar_is_tested_against():
    """format-cases.json is also what the sidebar's unit tests (format.spec.ts) check."""
    cases = json.loads((SIDEBAR_SRC / "__tests__" / "format-cases.json").read_text())
    for seconds, text in cases["durations"]:
        assert format_duration(seconds) == text, seconds
    for value, text in cases["times"]:
        assert format_time(value, dt.UTC) == text, value
    for state, (tone, icon) in cases["states"]:
        assert (state_style(state).tone, state_style(state).icon) == (tone, icon), state
    for counts, text in cases["counts"]:
        assert counts_text(counts) == text, counts


def test_sidebar_palette_is_the_one_in_views():
    """palette.ts carries a JSON copy of views/display.py's tables; a drift fails here."""
    source = (SIDEBAR_SRC / "palette.ts").read_text()
    match = re.search(
        r"// BEGIN PALETTE.*?export const PALETTE: IPalette = (\{.*?\});\n// END", source, re.S
    )
    assert match, "palette.ts lost its BEGIN/END PALETTE markers"
    palette = json.loads(match.group(1))
    assert palette == {
        "tones": {tone: list(pair) for tone, pair in display.TONES.items()},
        "icons": display.ICONS,
        "states": {state: list(pair) for state, pair in display.STATE_STYLES.items()},
        "unknown": list(display.UNKNOWN_STYLE),
        "countOrder": list(display.COUNT_ORDER),
        "missing": display.MISSING,
    }


def test_executing_and_waiting_never_look_alike():
    waiting, executing = state_style("Waiting"), state_style("Executing")
    assert waiting.icon != executing.icon and waiting.colour != executing.colour


def _ts_interfaces() -> dict[str, set[str]]:
    """Field names of each `export interface` in types.ts, inherited fields included."""
    source = (SIDEBAR_SRC / "types.ts").read_text()
    interfaces: dict[str, set[str]] = {}
    for name, parent, body in re.findall(
        r"export interface (\w+)(?:<\w+>)?(?: extends (\w+))? \{(.*?)\n\}", source, re.S
    ):
        fields = set(re.findall(r"^\s+(\w+)\??:", body, re.M))
        interfaces[name] = fields | interfaces.get(parent, set())
    return interfaces


def test_views_json_keys_match_the_sidebar_types():
    """Every key the routes send is declared in types.ts, and every declared key is sent."""
    types = _ts_interfaces()
    job = job_model(
        _job(costEstimate={"currencyCode": "USD", "estimatedTotal": 0.3, "events": [{}]})
    )
    session = with_session_jobs(session_model(_session()), [_job(status="Succeeded")])
    detail = job_detail_model(_job(errorData={"code": "X", "message": "y"}))
    detail.update(results=None, results_error=None)  # added by the server's job route
    assert set(job) | set(session) == types["IItem"]
    assert set(detail) | set(session) == types["IJobDetails"]  # it extends IItem
    assert set(job["cost"]) == types["ICost"]
    assert set(job["cost"]["events"][0]) == types["ICostEvent"]
    assert set(detail["error"]) == types["IItemError"]
    assert set(session["jobs"]) == types["ISessionJobs"]


# -- a session row's jobs ---------------------------------------------------------------


def _session(**fields) -> SessionDetails:
    base = {
        "id": "22222222-2222-2222-2222-222222222222",
        "name": "loop",
        "providerId": "ionq",
        "target": "ionq.qpu.aria-1",
        "itemType": "Session",
        "status": "Executing",
        "jobFailurePolicy": "Abort",
        "creationTime": "2026-01-01T10:00:00Z",
        "costEstimate": None,
    }
    return SessionDetails({**base, **fields})


def _cost(total: float, currency: str = "USD") -> dict:
    return {"currencyCode": currency, "estimatedTotal": total, "events": []}


def test_a_session_row_counts_its_jobs_and_sums_their_cost():
    jobs = [
        _job(id="a", status="Succeeded", costEstimate=_cost(0.25)),
        _job(id="b", status="Succeeded", costEstimate=_cost(1.5)),
        _job(id="c", status="Executing"),
    ]
    model = with_session_jobs(session_model(_session()), jobs)
    assert model["jobs"] == {"total": 3, "counts": {"Succeeded": 2, "Executing": 1}}
    assert model["cost"]["display"] == "$1.75 so far"  # a job still runs: not the final sum


def test_a_session_cost_from_the_service_wins_and_mixed_currencies_are_not_summed():
    given = with_session_jobs(
        session_model(_session(costEstimate=_cost(9))), [_job(costEstimate=_cost(1))]
    )
    assert given["cost"]["display"] == "$9"
    mixed = with_session_jobs(
        session_model(_session()),
        [_job(id="a", costEstimate=_cost(1)), _job(id="b", costEstimate=_cost(1, "EUR"))],
    )
    assert mixed["cost"] is None and mixed["jobs"]["total"] == 2
    empty = with_session_jobs(session_model(_session()), [])
    assert empty["jobs"] == {"total": 0, "counts": {}} and empty["cost"] is None


def test_session_and_job_tables_list_newest_first():
    """`%session jobs` and `%session list` use the panel's and the sidebar's order."""
    jobs = [
        SimpleNamespace(
            id=f"job-{i}", details=_job(id=f"job-{i}", name=f"step {i}", creationTime=t)
        )
        for i, t in enumerate(
            ["2026-01-01T10:00:00Z", "2026-01-01T10:05:00Z", "2026-01-01T10:02:00Z"]
        )
    ]
    table = jobs_table(jobs)
    assert [row[0] for row in table.rows] == ["step 1", "step 2", "step 0"]
    # The same time and duration rules as the panel and the sidebar.
    assert re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d", table.rows[2][3])
    assert table.rows[2][6] == "4.5 s"  # queued from 10:00:00 to 10:00:04.5
    assert table.rows[2][5] == "--"  # not ended yet
