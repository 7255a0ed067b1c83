"""notebooks/05-qaoa-maxcut.ipynb: QAOA in a Quantinuum session that holds the machine.

This notebook runs on a service of its own whose exclusivity window is a few
seconds long: long enough that the gaps between the session's jobs (classical
optimisation, plus a busy CI machine) never let the outside job in early, short
enough to keep the test quick. On Azure and by default locally it is a minute;
the notebook closes its session, which gives the machine back at once.
"""

from __future__ import annotations

import itertools

import pytest
from notebook_runner import AT_END, run_notebook
from service_support import start_service

pytestmark = pytest.mark.slow

WINDOW = 8.0

#: Read from the kernel after the last cell (the notebook prints nothing for the tests).
PROBE = """\
return {
    "session_id": session.id,
    "nodes": NODES,
    "edges": EDGES,
    "max_cut": max_cut,
    "found_cut": cut_size(found),
    "found_split": "".join(map(str, found)),
    "p_optimal": p_optimal,
    "p_random": p_random,
    "mean_cuts": [value for _, _, value in history],
    "outside_job_id": outside_job.id,
    "session_jobs": [job.id for job in session_jobs],
}
"""


@pytest.fixture(scope="module")
def qaoa_service(qsession_env, tmp_path_factory):
    handle = start_service(tmp_path_factory.mktemp("qaoa-service"), exclusive_window=WINDOW)
    yield handle
    handle.stop()


@pytest.fixture(scope="module")
def executed(qaoa_service, tmp_path_factory):
    return run_notebook(
        "05-qaoa-maxcut.ipynb",
        tmp_path_factory.mktemp("nb05"),
        env={"QSESSION_DATA_DIR": str(qaoa_service.data_dir)},
        probes={AT_END: PROBE},
    )


def test_qaoa_finds_the_maximum_cut(executed):
    result = executed.result()
    edges = result["edges"]
    brute_force = max(
        sum(bits[a] != bits[b] for a, b in edges)
        for bits in itertools.product((0, 1), repeat=result["nodes"])
    )
    assert result["max_cut"] == brute_force
    assert result["found_cut"] == brute_force
    found = [int(bit) for bit in result["found_split"]]
    assert sum(found[a] != found[b] for a, b in edges) == brute_force
    # QAOA beats guessing: at its best parameters it samples a maximum cut
    # far more often than a random split does.
    assert result["p_optimal"] >= 2 * result["p_random"]


def test_session_jobs_all_ran_on_the_emulator_in_the_session(executed, qaoa_service):
    result = executed.result()
    workspace = qaoa_service.workspace()
    jobs = workspace.list_session_jobs(result["session_id"])
    assert sorted(job.id for job in jobs) == sorted(result["session_jobs"])
    # One job per optimiser step, one at the start, one final sample.
    assert len(jobs) == len(result["mean_cuts"]) + 1
    assert {job.details.status for job in jobs} == {"Succeeded"}
    assert {job.details.target for job in jobs} == {"quantinuum.sim.h2-1e"}


def test_outside_job_waits_for_the_session_until_it_closes(executed, qaoa_service):
    result = executed.result()
    workspace = qaoa_service.workspace()
    outside = workspace.get_job(result["outside_job_id"]).details
    session = workspace.get_session(result["session_id"]).details
    session_jobs = [job.details for job in workspace.list_session_jobs(result["session_id"])]
    assert outside.session_id is None
    assert outside.status == "Succeeded"
    assert session.status == "Succeeded"
    # Submitted while the session was still working...
    later = [d for d in session_jobs if d.begin_execution_time > outside.creation_time]
    assert len(later) >= 5
    # ...it started only after every session job...
    assert outside.begin_execution_time >= max(d.end_execution_time for d in session_jobs)
    # ...and, the session being closed, before its exclusivity window ran out.
    last_submit = max(d.creation_time for d in session_jobs)
    assert (outside.begin_execution_time - last_submit).total_seconds() < WINDOW
    timeline = executed.text(executed.cell("timeline"))
    assert "once the session was closed" in timeline
    assert "s of it on the emulated device" in timeline
    assert "image/png" in executed.mime_types(executed.cell("timeline"))
    assert not executed.errors()
