"""The magics in real kernels: open, submit, short errors, and attach after a restart."""

from __future__ import annotations

import pytest
from kernel_notebooks import error_of, execute, report, report_cell, text_of

pytestmark = pytest.mark.slow


def test_open_submit_errors_and_attach_after_restart(workspace, tmp_path):
    first = execute(
        [
            "%load_ext qsession_jupyter",
            '%session open -t rigetti.sim.qvm -n "Notebook session"',
            "%%qsharp --submit --shots 50\n"
            "operation RandomBit() : Result {\n    use q = Qubit();\n    H(q);\n    MResetZ(q)\n}\n"
            "RandomBit()",
            "job.wait_until_completed(timeout_secs=120, print_progress=False)\n"
            + report_cell(
                "{'status': job.details.status, 'session': job.details.session_id,"
                " 'current': target.latest_session.id, 'results': job.get_results()}"
            ),
            '%%session -t ionq.simulator -n "cell session"\ninner = target.latest_session.id\n'
            'print("inside", inner)',
            report_cell("{'inner_closed': workspace.get_session(inner).is_in_terminal_state()}"),
            "%session open -t nowhere.sim",
            "%%qsharp\noperation Broken() : Unit {\n    let x = ;\n}",
        ],
        tmp_path,
        notebook_name="attach.ipynb",
        allow_errors=True,
    )
    for cell in first.cells[:6]:
        assert error_of(cell) is None, text_of(cell)
    assert "Session 'Notebook session'" in text_of(first.cells[1])
    submitted = text_of(first.cells[2])
    assert "Submitted job 'RandomBit()'" in submitted and "`job` holds it" in submitted
    assert "azure.quantum.job.job.Job at 0x" not in submitted
    outcome = report(first.cells[3])
    assert outcome["status"] == "Succeeded"
    assert outcome["session"] == outcome["current"]
    assert set(outcome["results"]) <= {"0", "1"}

    session_cell = text_of(first.cells[4])
    assert "inside" in session_cell and "closed" in session_cell.splitlines()[-1]
    assert report(first.cells[5]) == {"inner_closed": True}

    unknown = error_of(first.cells[6])
    assert unknown.ename == "SessionError"
    available = sorted(t.name for t in workspace.get_targets())
    assert unknown.traceback == [
        "SessionError: Unknown target 'nowhere.sim'. Targets in this workspace: "
        + ", ".join(available)
        + "."
    ]
    broken = error_of(first.cells[7])
    assert broken.traceback[0].startswith("Q# error at line 2, column 13: syntax error")
    assert not any("Traceback" in line or ".py" in line for line in broken.traceback)

    # A new kernel for the same notebook (a restart) binds the same session again.
    second = execute(
        [
            "%load_ext qsession_jupyter",
            "%session attach",
            report_cell("{'session': target.latest_session.id, 'target': target.name}"),
            "%session close",
        ],
        tmp_path,
        notebook_name="attach.ipynb",
    )
    attached = report(second.cells[2])
    assert attached == {"session": outcome["session"], "target": "rigetti.sim.qvm"}
    assert "Closed session 'Notebook session'" in text_of(second.cells[3])


def test_trailing_comments_closing_twice_and_a_late_submit(workspace, tmp_path):
    """Small messages a new user meets: comments as in Python, a second close says so,
    and a submission after close is the warning plus one line, not the SDK's stack."""
    notebook = execute(
        [
            "%load_ext qsession_jupyter",
            "%workspace   # which one?",
            '%session open -t ionq.simulator -n "Q# session"   # binds `target`',
            "%%qsharp --submit --shots 10  # one job\n"
            "operation Bit() : Result {\n    use q = Qubit();\n    H(q);\n    MResetZ(q)\n}\n"
            "Bit()",
            "job.wait_until_completed(timeout_secs=120, print_progress=False)\n"
            + report_cell("{'name': target.latest_session.details.name}"),
            "%session close  # done",
            "%session close",
            "target.submit(input_data=Bit, name='late', shots=10)",
        ],
        tmp_path,
        notebook_name="comments.ipynb",
        allow_errors=True,
    )
    for cell in notebook.cells[:7]:
        assert error_of(cell) is None, text_of(cell)
    assert "Using the local workspace" in text_of(notebook.cells[1])
    assert "Submitted job 'Bit()'" in text_of(notebook.cells[3])
    # The quotes keep their `#`; the comment after them is gone.
    assert report(notebook.cells[4]) == {"name": "Q# session"}
    first, second = text_of(notebook.cells[5]), text_of(notebook.cells[6])
    assert first.startswith("Closed session 'Q# session'"), first
    assert "already closed" not in first
    assert "Session 'Q# session'" in second and "was already closed: Succeeded" in second

    late = notebook.cells[7]
    warning = text_of(late)
    assert "Warning: 'ionq.simulator' still points at session 'Q# session'" in warning
    assert "%session open -t ionq.simulator" in warning
    error = error_of(late)
    assert error.ename == "HttpResponseError"  # the SDK's own exception, for scripts
    assert len(error.traceback) == 1, "\n".join(error.traceback)
    assert error.traceback[0].startswith("HttpResponseError: ")
    assert "guard.py" not in error.traceback[0]


def test_a_kernel_says_it_started_the_service_and_restarts_it_when_stopped(
    local_service, tmp_path, monkeypatch
):
    """The service outlives the kernel, so the kernel says so; once it stopped (idle,
    or `qsession-local stop`), the next cell starts it again and `workspace` still works."""
    monkeypatch.setenv("QSESSION_DATA_DIR", str(tmp_path / "own-data"))
    notebook = execute(
        [
            "%load_ext qsession_jupyter",
            "from qsession_jupyter.local.app.cli import main as qsession_local\n"
            "qsession_local(['stop'])",
            report_cell("{'targets': len(workspace.get_targets())}"),
            "qsession_local(['stop'])",
        ],
        tmp_path,
        notebook_name="revive.ipynb",
    )
    started = text_of(notebook.cells[0])
    assert "started the local workspace service" in started
    # Information, shown as such: on stdout, not in an error-coloured stderr block.
    for cell in (notebook.cells[0], notebook.cells[2]):
        streams = {o.name for o in cell.outputs if "local workspace service" in o.get("text", "")}
        assert streams == {"stdout"}, cell.outputs
    assert (
        "it outlives Jupyter and stops by itself after 30 min idle, or now with `qsession-local stop`"
        in started
    )
    assert "Stopped the local workspace service" in text_of(notebook.cells[1])
    assert report(notebook.cells[2])["targets"] > 0
    assert "started the local workspace service" in text_of(notebook.cells[2])
    assert "Stopped the local workspace service" in text_of(notebook.cells[3])
