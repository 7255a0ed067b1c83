"""The public Python API without magics: what scripts and other tools use."""

from __future__ import annotations

import io
import re

import pytest


@pytest.fixture
def api(workspace, monkeypatch, tmp_path):
    from qsession_jupyter.kernel import api, state

    monkeypatch.setenv("JPY_SESSION_NAME", str(tmp_path / "script"))
    state.reset_state()
    api.use_workspace(workspace)
    yield api
    try:
        api.close_sessions(all=True)
    finally:
        state.reset_state()


def test_package_exports_the_api_lazily():
    import qsession_jupyter
    from qsession_jupyter.kernel import api

    for name in ("open_session", "current_session", "attach", "close_sessions", "job_monitor"):
        assert getattr(qsession_jupyter, name) is getattr(api, name)


def test_open_session_then_submit_through_current_target(api, workspace):
    from qsession_jupyter.kernel.qsharp.cells import run_cell

    coin = run_cell("operation Coin() : Result { use q = Qubit(); H(q); MResetZ(q) }").callables[
        "Coin"
    ]
    session = api.open_session("rigetti.sim.qvm", name="scripted", job_failure_policy="Continue")
    assert api.current_session() is session
    job = api.current_target().submit(coin, name="coin", shots=30)
    out = io.StringIO()
    assert api.job_monitor(job, file=out) == "Succeeded"
    assert f"Job 'coin' ({job.id}): Succeeded" in out.getvalue()
    # Its run time as every view writes a duration (views/display.format_duration).
    assert re.search(r"Succeeded \(ran (\d+ ms|\d+(\.\d)? s|\d+ min \d+ s)\)$", out.getvalue())
    assert [j.id for j in api.session_jobs()] == [job.id]
    closed = api.close_sessions()
    assert [s.id for s in closed] == [session.id] and session.is_in_terminal_state()
    assert [s.id for s in api.list_sessions(status="Succeeded", target="rigetti.sim.qvm")][:1] == [
        session.id
    ]
    assert session.id not in [s.id for s in api.list_sessions(status="Waiting")]


def test_job_monitor_reports_a_failed_job_with_its_error(api):
    target = api.get_target("ionq.simulator")
    job = target.submit(
        b"this is not QIR",
        name="garbage",
        input_data_format="qir.v1",
        output_data_format="microsoft.quantum-results.v2",
        shots=1,
    )
    out = io.StringIO()
    assert api.job_monitor(job, file=out) == "Failed"
    last = out.getvalue().strip().splitlines()[-1]
    assert last.startswith(f"Job 'garbage' ({job.id}): Failed: ")
    assert "None" not in last and "null" not in last


def test_job_monitor_refuses_what_is_not_a_job():
    from qsession_jupyter import job_monitor

    with pytest.raises(TypeError, match="Azure Quantum job"):
        job_monitor(object())


def test_attach_without_memory_says_what_to_do(api, monkeypatch, tmp_path):
    from qsession_jupyter.kernel.errors import SessionError

    monkeypatch.setenv("JPY_SESSION_NAME", str(tmp_path / "never-opened.ipynb"))
    with pytest.raises(SessionError, match="has not opened a session"):
        api.attach()


def test_unload_gives_qdk_its_magic_back(shell):
    from qsession_jupyter.kernel import extension
    from qsession_jupyter.kernel.magics.qsharp import QSharpMagics

    extension.unload_ipython_extension(shell)
    try:
        magics = shell.magics_manager.magics
        assert "session" not in magics["line"] and "workspace" not in magics["line"]
        assert not isinstance(getattr(magics["cell"]["qsharp"], "__self__", None), QSharpMagics)
    finally:
        extension.load_ipython_extension(shell)


def test_importing_the_package_and_its_api_imports_neither_qiskit_nor_cirq():
    import subprocess
    import sys

    probe = (
        "import sys\n"
        "import qsession_jupyter\n"
        "from qsession_jupyter import open_session, job_monitor, attach\n"
        "from IPython.core.interactiveshell import InteractiveShell\n"
        "from qsession_jupyter.kernel.extension import load_ipython_extension\n"
        "import qdk, azure.quantum  # what %load_ext imports\n"
        "print(sorted(m for m in ('qiskit', 'cirq') if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
