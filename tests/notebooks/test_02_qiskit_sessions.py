"""notebooks/02-qiskit-sessions.ipynb: the Azure docs' Qiskit session flow, in a real kernel."""

from __future__ import annotations

import pytest
from notebook_runner import AT_END, executed_notebook

pytestmark = pytest.mark.slow


#: Read from the kernel after the last cell (the notebook prints nothing for the tests).
PROBE = """\
return {
    "session_id": session.id,
    "session_status": session.details.status.value,
    "listed_names": [job.details.name for job in session_jobs],
    "jobs": [
        {
            "name": name,
            "id": job.job_id(),
            "status": job.status().name,
            "counts": job.result().get_counts(),
        }
        for name, job in jobs.items()
    ],
}
"""

executed = executed_notebook("02-qiskit-sessions.ipynb", probes={AT_END: PROBE})


def test_three_jobs_run_in_the_qiskit_session(executed, workspace):
    result = executed.result()
    assert result["listed_names"] == ["Job 3", "Job 2", "Job 1"]
    assert [job["name"] for job in result["jobs"]] == ["Job 1", "Job 2", "Job 3"]
    assert {job["status"] for job in result["jobs"]} == {"DONE"}
    assert result["session_status"] == "Succeeded"
    for job in result["jobs"]:
        details = workspace.get_job(job["id"]).details
        assert details.session_id == result["session_id"]
        assert details.target == "ionq.simulator"
    assert workspace.get_session(result["session_id"]).details.name == "Qiskit Session"


def test_counts_are_a_bell_pair(executed):
    for job in executed.result()["jobs"]:
        counts = job["counts"]
        assert set(counts) == {"00", "11"}
        assert sum(counts.values()) == 100


def test_job_monitor_reports_each_job_to_its_end(executed):
    monitored = executed.text(executed.cell("session"))
    for name in ("Job 1", "Job 2", "Job 3"):
        assert f"Job '{name}'" in monitored
    assert monitored.count("Succeeded") >= 3
    assert not executed.errors()
