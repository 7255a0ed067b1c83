"""notebooks/01-getting-started.ipynb: the first-run experience, end to end in a real kernel."""

from __future__ import annotations

import pytest
from notebook_runner import AT_END, executed_notebook

pytestmark = pytest.mark.slow


#: Read from the kernel after the last cell (the notebook prints nothing for the tests).
PROBE = """\
from qsession_jupyter import current_session

session = current_session()
session.refresh()
return {
    "session_id": session.id,
    "session_name": session.details.name,
    "session_status": session.details.status.value,
    "jobs": [
        {
            "name": job.details.name,
            "status": job.details.status.value,
            "session_id": job.details.session_id,
            "results": results[job.details.name],
        }
        for job in jobs
    ],
}
"""

executed = executed_notebook("01-getting-started.ipynb", probes={AT_END: PROBE})


def test_runs_three_jobs_in_one_session_and_closes_it(executed, workspace):
    result = executed.result()
    jobs = result["jobs"]
    assert [job["name"] for job in jobs] == ["Random bit", "Bell pair", "GHZ, 3 qubits"]
    assert {job["status"] for job in jobs} == {"Succeeded"}
    assert {job["session_id"] for job in jobs} == {result["session_id"]}
    assert result["session_status"] == "Succeeded"
    # The service agrees: the session is closed and holds exactly these jobs.
    listed = workspace.list_session_jobs(result["session_id"])
    assert sorted(job.details.name for job in listed) == sorted(job["name"] for job in jobs)
    assert workspace.get_session(result["session_id"]).details.status == "Succeeded"


def test_results_are_the_distributions_the_operations_prepare(executed):
    results = {job["name"]: job["results"] for job in executed.result()["jobs"]}
    # Random bit: both outcomes in 100 shots (chance of missing one: 2 * 2**-100).
    assert set(results["Random bit"]) == {"0", "1"}
    assert set(results["Bell pair"]) == {"[0, 0]", "[1, 1]"}
    assert set(results["GHZ, 3 qubits"]) == {"[0, 0, 0]", "[1, 1, 1]"}
    for histogram in results.values():
        assert sum(histogram.values()) == pytest.approx(1.0)


def test_magics_show_targets_session_jobs_and_list(executed):
    result = executed.result()
    targets = executed.text(executed.cell("targets"))
    for name in ("rigetti.sim.qvm", "ionq.simulator", "quantinuum.sim.h2-1e"):
        assert name in targets
    opened = executed.text(executed.cell("open"))
    assert result["session_id"] in opened and "Getting started" in opened
    jobs_table = executed.text(executed.cell("jobs"))
    for name in ("Random bit", "Bell pair", "GHZ, 3 qubits"):
        assert name in jobs_table
    assert jobs_table.count("Succeeded") == 3
    listed = executed.text(executed.cell("list"))
    assert result["session_id"] in listed and "Getting started" in listed
    closed = executed.text(executed.cell("close"))
    assert "Closed session 'Getting started'" in closed and "Succeeded" in closed
    assert not executed.errors()


WIDGET = "application/vnd.jupyter.widget-view+json"


def test_each_job_panel_shows_its_histogram(executed):
    cell = executed.cell("job-panels")
    assert WIDGET in executed.mime_types(cell)
    text = executed.text(cell)  # the panels' text form: what nbconvert and terminals see
    for name in ("Random bit", "Bell pair", "GHZ, 3 qubits"):
        assert f"Job '{name}'" in text
        assert f"{name} · 100 shots" in text
    for outcome in ("00 │", "11 │", "000 │", "111 │"):
        assert outcome in text
    assert "01 │" not in text and "10 │" not in text
    # The histograms themselves: one PNG per job panel, in the widgets' state.
    assert len(executed.widget_pngs()) >= 3


def test_session_magics_show_the_live_panel(executed):
    for tag in ("open", "show"):
        assert WIDGET in executed.mime_types(executed.cell(tag))
    # After the three jobs, the session panel draws the latest job's histogram.
    assert "GHZ, 3 qubits · 100 shots" in executed.text(executed.cell("show"))
