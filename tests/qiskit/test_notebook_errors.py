"""The primitives' errors in a notebook: one line a user acts on, no frames of our code."""

from __future__ import annotations

import io
from contextlib import redirect_stderr, redirect_stdout

import pytest


@pytest.fixture
def notebook(session_on):
    """An IPython shell (ipykernel's base) whose namespace has a sampler and an estimator."""
    from IPython.core.interactiveshell import InteractiveShell

    from qsession_jupyter.qiskit import EstimatorV2, SamplerV2

    shell = InteractiveShell.instance(colors="nocolor")
    backend, session = session_on("ionq.simulator", name="notebook errors")
    shell.user_ns.update(
        sampler=SamplerV2(mode=session), estimator=EstimatorV2(mode=session), session=session
    )
    shell.run_cell(
        "from qiskit import QuantumCircuit\nfrom qiskit.quantum_info import SparsePauliOp\n"
        "bell = QuantumCircuit(2)\nbell.h(0)\nbell.cx(0, 1)",
        store_history=False,
    )

    def run(code: str) -> tuple[object, str]:
        buffer = io.StringIO()
        with redirect_stdout(buffer), redirect_stderr(buffer):
            result = shell.run_cell(code, store_history=False)
        return result, buffer.getvalue()

    yield run
    for name in ("sampler", "estimator", "session", "bell", "job"):
        shell.user_ns.pop(name, None)


@pytest.mark.parametrize(
    "code, error",
    [
        (
            "estimator.run([(bell, SparsePauliOp('ZZZ'))])",
            "ValueError: EstimatorV2 pub 0: ",
        ),
        (
            "sampler.run([bell])",
            "ValueError: SamplerV2 pub 0: the circuit measures nothing",
        ),
        ("sampler.run([bell], shots=0)", "ValueError: SamplerV2: shots must be a positive"),
    ],
)
def test_bad_input_is_one_line_without_our_frames(notebook, code, error):
    result, out = notebook(code)
    assert isinstance(result.error_in_exec, ValueError)  # scripts still catch ValueError
    lines = out.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(error), out
    assert "Traceback" not in out and "qsession_jupyter" not in out


def test_a_refused_job_reads_as_one_line_at_result(notebook, workspace):
    # The session was closed elsewhere (another kernel, the sidebar): the service refuses.
    session_id = notebook("session.id")[0].result
    workspace.close_session(workspace.get_session(session_id))
    result, out = notebook("bell.measure_all()\njob = sampler.run([bell], shots=5)")
    assert result.error_in_exec is None, out
    result, out = notebook("job.result()")
    assert isinstance(result.error_in_exec, RuntimeError)
    lines = out.strip().splitlines()
    assert len(lines) == 1, out
    assert lines[0].startswith("PrimitiveJobError: The workspace refused a job for ionq.simulator")
    assert "qsession_jupyter" not in out


def test_a_bug_of_ours_keeps_its_traceback(notebook, monkeypatch):
    from qsession_jupyter.qiskit import sampler

    def broken(*_args, **_kwargs):
        raise KeyError("planning bug")

    monkeypatch.setattr(sampler, "coerce_pubs", broken)
    result, out = notebook("sampler.run([bell])")
    assert isinstance(result.error_in_exec, KeyError)
    assert "Traceback" in out and "sampler.py" in out
