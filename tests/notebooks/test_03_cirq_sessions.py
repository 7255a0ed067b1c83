"""notebooks/03-cirq-sessions.ipynb: the Azure docs' Cirq session flow, in a real kernel."""

from __future__ import annotations

import pytest
from notebook_runner import AT_END, executed_notebook

pytestmark = pytest.mark.slow


#: Read from the kernel after the last cell (the notebook prints nothing for the tests).
PROBE = """\
session.refresh()
qir_session.refresh()
return {
    "session_id": session_id,
    "session_status": session.details.status.value,
    "listed_names": [job.details.name for job in session_jobs],
    "probabilities": {name: {str(k): v for k, v in p.items()} for name, p in probabilities.items()},
    "counts": counts,
    "qir_session_id": qvm.get_latest_session_id(),
    "qir_session_status": qir_session.details.status.value,
    "qir_counts": list(qir_counts.values()),
}
"""

executed = executed_notebook("03-cirq-sessions.ipynb", probes={AT_END: PROBE})


def test_three_jobs_run_in_the_cirq_session_on_ionq(executed, workspace):
    result = executed.result()
    assert result["listed_names"] == ["Job 3", "Job 2", "Job 1"]
    assert result["session_status"] == "Succeeded"
    session = workspace.get_session(result["session_id"])
    assert session.details.name == "Cirq Session"
    jobs = workspace.list_session_jobs(result["session_id"])
    assert {job.details.input_data_format for job in jobs} == {"ionq.circuit.v1"}
    assert {job.details.status for job in jobs} == {"Succeeded"}


def test_ionq_results_are_a_fair_coin(executed):
    result = executed.result()
    # IonQ's simulator returns exact probabilities; Cirq samples shots from them.
    for probabilities in result["probabilities"].values():
        assert probabilities == pytest.approx({"0": 0.5, "1": 0.5})
    counts = result["counts"]
    assert sorted(counts) == ["Job 1", "Job 2", "Job 3"]
    for histogram in counts.values():
        assert set(histogram) == {"0", "1"}
        assert sum(histogram.values()) == 100


def test_generic_qir_target_runs_the_same_circuit_in_a_session(executed, workspace):
    result = executed.result()
    assert result["qir_session_status"] == "Succeeded"
    jobs = workspace.list_session_jobs(result["qir_session_id"])
    assert {job.details.input_data_format for job in jobs} == {"qir.v1"}
    assert len(jobs) == 3
    for histogram in result["qir_counts"]:
        assert set(histogram) == {"0", "1"} and sum(histogram.values()) == 100
