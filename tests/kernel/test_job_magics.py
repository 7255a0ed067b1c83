"""`%session job` and `%session cancel`: find a job by id, cancel one or the session's pending ones."""

from __future__ import annotations

import re

import pytest
from service_support import wait_for

RANDOM_BIT = """%%qsharp
operation RandomBit() : Result {
    use q = Qubit();
    H(q);
    MResetZ(q)
}"""


def _submit(run, shell, name: str, shots: int = 100):
    cell = run(f"_job = target.submit(input_data=RandomBit, name={name!r}, shots={shots})")
    assert cell.error is None, cell.out
    return shell.user_ns.pop("_job")


def test_job_shows_one_job_with_its_results(run, shell):
    assert run(RANDOM_BIT).error is None
    assert run("%session open -t ionq.simulator -n lookup").error is None
    job = _submit(run, shell, "looked-up", shots=50)
    job.wait_until_completed(timeout_secs=120, print_progress=False)

    shown = run(f"%session job {job.id}")
    assert shown.error is None, shown.out
    assert "Job 'looked-up'" in shown.out and job.id in shown.out
    assert "state Succeeded" in shown.out and "target ionq.simulator" in shown.out
    # The histogram's text form: one bar per outcome with its count, summing to the shots.
    counts = {m[0]: int(m[1]) for m in re.findall(r"^\s*([01]) │█* (\d+)$", shown.out, re.M)}
    assert set(counts) <= {"0", "1"} and sum(counts.values()) == 50, shown.out


@pytest.mark.parametrize(
    "line, expected",
    [
        ("%session job", "`%session job` needs a job id"),
        (
            "%session job 00000000-0000-0000-0000-000000000000",
            "Could not find job '00000000-0000-0000-0000-000000000000'",
        ),
        ("%session cancel", "Give a job id or --all"),
        ("%session cancel 00000000-0000-0000-0000-000000000000 --all", "Give a job id or --all"),
        ("%session cancel --all", "no current session whose jobs --all would cancel"),
        ("%session job abc --top 3", "--top does not apply to `%session job`"),
    ],
)
def test_job_and_cancel_mistakes_are_one_line(run, line, expected):
    cell = run(line)
    assert cell.error is not None
    assert expected in cell.out, cell.out
    assert "Traceback" not in cell.out and len(cell.out.strip().splitlines()) == 1, cell.out


def test_cancel_one_job_then_the_sessions_pending_ones(run, shell, make_service):
    # An emulated QPU runs one job at a time, slowed down so the jobs are still pending.
    shell.user_ns["workspace"] = make_service("slow", time_scale="30").workspace()
    assert run(RANDOM_BIT).error is None
    assert run("%session open -t rigetti.qpu.ankaa-3 -n to-cancel").error is None
    first, second, third = (_submit(run, shell, name) for name in ("first", "second", "third"))

    one = run(f"%session cancel {third.id}")
    assert one.error is None, one.out
    assert one.out.strip() == f"Cancelled job 'third' ({third.id})."
    third.refresh()
    assert third.details.status == "Cancelled"

    rest = run("%session cancel --all")
    assert rest.error is None, rest.out
    lines = rest.out.strip().splitlines()
    assert len(lines) == 2, rest.out  # the third job had ended: --all leaves it out
    assert f"'first' ({first.id})" in lines[0] and f"'second' ({second.id})" in lines[1]
    for job in (first, second):
        wait_for(lambda job=job: job.refresh() or job.details.status == "Cancelled", what=job.id)

    again = run(f"%session cancel {first.id}")
    assert again.error is None
    assert again.out.strip() == (
        f"Job 'first' ({first.id}) had already ended: Cancelled; nothing to cancel."
    )
    assert run("%session cancel --all").out.strip() == (
        "The current session has no pending jobs to cancel."
    )
    # The session's listing tells the same story.
    listed = run("%session jobs")
    assert [
        line.split()[2]
        for line in listed.out.splitlines()
        if line.split()[:1] in (["first"], ["second"], ["third"])
    ] == ["Cancelled"] * 3, listed.out
