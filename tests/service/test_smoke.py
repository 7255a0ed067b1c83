"""The unmodified SDK against the local service: the path every user takes first."""

from qdk import qsharp


def bell_qir() -> str:
    qsharp.init(target_profile=qsharp.TargetProfile.Base)
    qsharp.eval(
        "operation Bell() : Result[] { use q = Qubit[2]; H(q[0]); CNOT(q[0], q[1]); MResetEachZ(q) }"
    )
    return qsharp.compile("Bell()")


def test_session_runs_three_jobs_and_lists_them(workspace):
    target = workspace.get_targets("rigetti.sim.qvm")
    program = bell_qir()
    with target.open_session(name="smoke") as session:
        jobs = [target.submit(program, name=f"job {i}", shots=50) for i in range(3)]
        for job in jobs:
            job.wait_until_completed(timeout_secs=30)
            assert job.details.status == "Succeeded"
            assert set(job.get_results()) <= {"[0, 0]", "[1, 1]"}
    session.refresh()
    assert session.details.status == "Succeeded"
    listed = workspace.list_session_jobs(session.id)
    assert [job.details.name for job in listed] == ["job 2", "job 1", "job 0"]
