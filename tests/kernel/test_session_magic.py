"""`%session`, `%%session` and `%workspace` in a real IPython shell on the local service."""

from __future__ import annotations

import pytest

RANDOM_BIT = """%%qsharp
operation RandomBit() : Result {
    use q = Qubit();
    H(q);
    MResetZ(q)
}"""


def _current():
    from qsession_jupyter.kernel import api

    return api.current_session()


def test_load_ext_defines_workspace_and_says_which(
    ipython_shell, local_service, tmp_path, monkeypatch
):
    from azure.quantum import Workspace

    from qsession_jupyter.kernel import extension, state

    monkeypatch.setenv("JPY_SESSION_NAME", str(tmp_path / "nb.ipynb"))
    state.reset_state()
    ipython_shell.user_ns.pop("workspace", None)
    try:
        import io
        from contextlib import redirect_stdout

        buffer = io.StringIO()
        with redirect_stdout(buffer):
            extension.load_ipython_extension(ipython_shell)
        workspace = ipython_shell.user_ns["workspace"]
        assert isinstance(workspace, Workspace)
        assert "local workspace" in buffer.getvalue()
        assert buffer.getvalue().count("\n") == 1
        # The workspace works: it lists the local targets.
        names = {t.name for t in workspace.get_targets()}
        assert {"ionq.simulator", "rigetti.sim.qvm", "quantinuum.sim.h2-1e"} <= names
    finally:
        ipython_shell.user_ns.pop("workspace", None)
        state.reset_state()


def test_load_ext_keeps_the_users_workspace(shell, workspace):
    from qsession_jupyter.kernel.state import get_state

    assert shell.user_ns["workspace"] is workspace
    assert get_state().workspace is workspace


def test_open_binds_target_and_makes_session_current(run, shell, workspace):
    cell = run(
        '%session open -t rigetti.sim.qvm -n "My session" --job-failure-policy continue --as qvm'
    )
    assert cell.error is None, cell.out
    qvm = shell.user_ns["qvm"]
    session = _current()
    assert qvm.name == "rigetti.sim.qvm"
    assert qvm.latest_session is session
    assert session.details.name == "My session"
    fetched = workspace.get_session(session.id)
    assert fetched.details.name == "My session"
    assert str(fetched.details.job_failure_policy.value) == "Continue"
    assert "My session" in cell.out and session.id in cell.out
    assert "`qvm` submits into this session." in cell.out
    # `%session` shows the current one.
    shown = run("%session")
    assert session.id in shown.out and "rigetti.sim.qvm" in shown.out


@pytest.mark.parametrize(
    "line, expected",
    [
        ("%session frobnicate", "Unknown subcommand 'frobnicate'"),
        ("%session open", "needs a target"),
        ("%session open -t nowhere.sim", "Unknown target 'nowhere.sim'"),
        (
            "%session open -t ionq.simulator --job-failure-policy sometimes",
            "Unknown job failure policy",
        ),
        ("%session show 00000000-0000-0000-0000-00000000abcd", "Could not find session"),
        (
            "%session jobs 00000000-0000-0000-0000-00000000abcd",
            "00000000-0000-0000-0000-00000000abcd",
        ),
        ("%session open -t ionq.simulator --top 3", "--top does not apply to `%session open`"),
        ("%session list --status Sleeping", "Unknown session state 'Sleeping'"),
        ("%session close", "no current session"),
        ("%session list --top many", "UsageError"),
        ("%session attach 00000000-0000-0000-0000-00000000abcd", "Could not find session"),
        ("%workspace elsewhere", "Unknown subcommand 'elsewhere'"),
        ("%%session\nx = 1", "needs a target"),
    ],
)
def test_bad_input_gives_a_short_message(run, line, expected):
    cell = run(line)
    assert cell.error is not None
    assert expected in cell.out
    assert "Traceback" not in cell.out
    assert len(cell.out.strip().splitlines()) <= 2, cell.out


def test_usage_is_shown_by_question_mark(run):
    cell = run("%session?")
    assert "%session open -t TARGET" in cell.out
    assert "--job-failure-policy" in cell.out
    assert "%%session -t TARGET" in cell.out


def test_close_then_submit_warns_before_the_service_refuses(run, shell):
    run(RANDOM_BIT)
    assert run("%session open -t rigetti.sim.qvm -n closing").error is None
    session = _current()
    closed = run("%session close")
    assert closed.error is None and "Closed session 'closing'" in closed.out
    late = run("target.submit(input_data=RandomBit, name='late', shots=10)")
    assert "Warning: 'rigetti.sim.qvm' still points at session 'closing'" in late.out
    assert "%session open -t rigetti.sim.qvm" in late.out
    assert late.out.index("Warning") < late.out.index("HttpResponseError")
    assert session.is_in_terminal_state()


def test_close_all_closes_every_session_this_kernel_opened(run, workspace):
    assert run("%session open -t rigetti.sim.qvm -n first --as a").error is None
    first = _current()
    assert run("%session open -t ionq.simulator -n second --as b").error is None
    second = _current()
    cell = run("%session close --all")
    assert cell.error is None
    for session in (first, second):
        assert workspace.get_session(session.id).is_in_terminal_state()
        assert session.id in cell.out


def test_list_and_jobs_show_the_sessions_jobs(run, shell):
    run(RANDOM_BIT)
    assert run("%session open -t rigetti.sim.qvm -n listed").error is None
    session = _current()
    submitted = run(
        "jobs = [target.submit(input_data=RandomBit, name=f'bit {i}', shots=20) for i in range(2)]\n"
        "[j.wait_until_completed(timeout_secs=60, print_progress=False) for j in jobs]"
    )
    assert submitted.error is None, submitted.out
    listing = run("%session list --target rigetti.sim.qvm --top 5")
    assert listing.error is None, listing.out
    assert session.id in listing.out and "listed" in listing.out
    assert "2 jobs: 2 Succeeded" in listing.out
    jobs = run("%session jobs")
    assert jobs.error is None, jobs.out
    assert "bit 0" in jobs.out and "bit 1" in jobs.out and "Succeeded" in jobs.out
    assert "Queued" in jobs.out and "Executing" in jobs.out
    assert jobs.out.index("bit 1") < jobs.out.index("bit 0")  # newest first, as panel and sidebar


def test_attach_rebinds_the_notebooks_last_session_after_a_restart(run, shell):
    from qsession_jupyter.kernel import state

    assert run("%session open -t rigetti.sim.qvm -n remembered").error is None
    session_id = _current().id
    state.reset_state()  # what a kernel restart leaves behind
    shell.user_ns.pop("target")
    assert _current() is None
    cell = run("%session attach")
    assert cell.error is None, cell.out
    assert _current().id == session_id
    assert shell.user_ns["target"].latest_session.id == session_id
    assert shell.user_ns["target"].name == "rigetti.sim.qvm"


def test_attach_refuses_a_closed_session(run):
    assert run("%session open -t ionq.simulator -n done").error is None
    session_id = _current().id
    assert run("%session close").error is None
    cell = run(f"%session attach {session_id}")
    assert cell.error is not None
    assert "takes no more jobs" in cell.out and "%session open -t ionq.simulator" in cell.out


def test_cell_magic_closes_the_session_even_when_the_cell_fails(run, shell, workspace):
    ok = run("%%session -t ionq.simulator -n cell-ok\nseen = target.latest_session.id")
    assert ok.error is None, ok.out
    assert workspace.get_session(shell.user_ns["seen"]).is_in_terminal_state()

    failed = run("%%session -t ionq.simulator -n cell-fails\nseen = target.latest_session.id\n1/0")
    assert failed.error is not None
    assert "ZeroDivisionError" in failed.out and "was closed" in failed.out
    assert workspace.get_session(shell.user_ns["seen"]).is_in_terminal_state()


def test_workspace_magic_shows_and_lists_targets(run):
    shown = run("%workspace")
    assert "local workspace" in shown.out
    targets = run("%workspace targets")
    assert targets.error is None
    for name in ("ionq.simulator", "quantinuum.sim.h2-1e", "rigetti.qpu.ankaa-3"):
        assert name in targets.out
    assert "Available" in targets.out and "Average queue time" in targets.out


def test_workspace_azure_names_missing_variables(run, monkeypatch):
    for name in (
        "AZURE_QUANTUM_CONNECTION_STRING",
        "AZURE_QUANTUM_SUBSCRIPTION_ID",
        "AZURE_QUANTUM_WORKSPACE_RG",
        "AZURE_QUANTUM_WORKSPACE_NAME",
    ):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("AZURE_QUANTUM_WORKSPACE_NAME", "mine")
    cell = run("%workspace azure")
    assert cell.error is not None
    assert "AZURE_QUANTUM_SUBSCRIPTION_ID" in cell.out and "AZURE_QUANTUM_WORKSPACE_RG" in cell.out
    assert "AZURE_QUANTUM_WORKSPACE_NAME" not in cell.out.split("set", 1)[1].split("(")[0]
    assert "Traceback" not in cell.out


def test_workspace_local_switches_and_forgets_the_old_sessions(run, shell):
    assert run("%session open -t ionq.simulator -n before-switch").error is None
    cell = run("%workspace local")
    assert cell.error is None, cell.out
    assert "local workspace" in cell.out
    assert _current() is None


def test_targets_made_by_hand_warn_too(run, shell):
    """The docs' own flow: a target from `workspace.get_targets`, used after its `with` block."""
    run(RANDOM_BIT)
    setup = run(
        'mine = workspace.get_targets("ionq.simulator")\n'
        'with mine.open_session(name="by hand") as by_hand:\n'
        '    mine.submit(input_data=RandomBit, name="inside", shots=10)'
    )
    assert setup.error is None, setup.out
    late = run("mine.submit(input_data=RandomBit, name='after', shots=10)")
    assert "Warning: 'ionq.simulator' still points at session 'by hand'" in late.out
    assert late.error is not None  # then the service's 400 arrives, as without us


def test_unreachable_service_is_one_line(run, shell):
    from qsession_jupyter.connection import workspace_at

    shell.user_ns["workspace"] = workspace_at("http://127.0.0.1:9", "key")
    cell = run("%session list")
    assert cell.error is not None
    assert "unreachable" in cell.out and "Traceback" not in cell.out
    assert len(cell.out.strip().splitlines()) == 1


def test_cell_magic_leaves_the_notebooks_own_session_current(run, shell):
    assert run("%session open -t rigetti.sim.qvm -n outer").error is None
    outer_target = shell.user_ns["target"]
    outer = _current()
    inner = run("%%session -t ionq.simulator -n inner\ninner_id = target.latest_session.id")
    assert inner.error is None, inner.out
    assert shell.user_ns["target"] is outer_target
    assert _current() is outer and not outer.is_in_terminal_state()
    assert shell.user_ns["inner_id"] != outer.id
