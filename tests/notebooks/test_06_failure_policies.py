"""notebooks/06-failure-policies.ipynb: Abort vs Continue, and `%session attach` after a restart."""

from __future__ import annotations

import pytest
from notebook_runner import AT_END, executed_notebook

pytestmark = pytest.mark.slow


#: Read from the kernel before the restart (both policies' logs and the kernel that
#: opened the session) and at the end (the kernel that attached it again).
BEFORE_RESTART = """\
import os

return {
    "abort": abort,
    "continue": cont,
    "before_restart": {"session_id": target.latest_session.id, "kernel_pid": os.getpid()},
}
"""
AFTER_RESTART = """\
import os

from qsession_jupyter import current_session

session = current_session()
session_jobs = workspace.list_session_jobs(session.id)
return {
    "after_restart": {
        "session_id": session.id,
        "kernel_pid": os.getpid(),
        "job_session_id": job.details.session_id,
        "jobs": sorted(j.details.name for j in session_jobs),
        "status": session.details.status.value,
    }
}
"""

executed = executed_notebook(
    "06-failure-policies.ipynb", probes={"restart-open": BEFORE_RESTART, AT_END: AFTER_RESTART}
)


def test_abort_fails_the_session_and_rejects_later_jobs(executed):
    abort = executed.result()["abort"]
    assert abort["jobs"] == {"Before the failure": "Succeeded", "Too many qubits": "Failed"}
    assert abort["after_failure"] == "Failed"
    assert abort["rejected"] is not None and "InvalidJobDefinition" in abort["rejected"]
    assert abort["after_close"] == "Failed"
    # The extension warned before the service said no.
    warned = executed.text(executed.cell("abort-rejected"))
    assert "takes no more jobs" in warned


def test_continue_reports_failures_and_keeps_working(executed):
    cont = executed.result()["continue"]
    assert cont["jobs"] == {
        "Before the failure": "Succeeded",
        "Too many qubits": "Failed",
        "After the failure": "Succeeded",
    }
    assert cont["after_failure"] == "Failure(s)"
    assert cont["after_more_work"] == "Failure(s)"
    assert cont["after_close"] == "Failed"


def test_failed_job_shows_the_services_reason(executed):
    text = executed.text(executed.cell("continue-jobs"))
    assert "Too many qubits': Failed (" in text and "40 qubits" in text


def test_attach_rebinds_the_session_after_a_kernel_restart(executed, workspace):
    result = executed.result()
    before, after = result["before_restart"], result["after_restart"]
    assert executed.restarts == 1
    assert before["kernel_pid"] != after["kernel_pid"]
    assert after["session_id"] == before["session_id"]
    assert after["job_session_id"] == before["session_id"]
    assert after["jobs"] == ["After the restart", "Before the restart"]
    assert after["status"] == "Succeeded"
    assert before["session_id"] in executed.text(executed.cell("restart-kernel"))
    jobs = workspace.list_session_jobs(before["session_id"])
    assert {job.details.status for job in jobs} == {"Succeeded"}
    assert not executed.errors()
