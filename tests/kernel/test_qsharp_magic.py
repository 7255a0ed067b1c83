"""`%%qsharp`: callables that run locally, compile to QIR per target and submit into sessions."""

from __future__ import annotations

from collections import Counter

DOCS_CELL = """%%qsharp
open Microsoft.Quantum.Intrinsic;

operation GenerateRandomBit() : Result {
    use q0 = Qubit();
    H(q0);
    return M(q0);
}"""

DETERMINISTIC = """%%qsharp
operation Flip(theta : Double) : Result {
    use q = Qubit();
    Rx(theta, q);
    MResetZ(q)
}
operation AlwaysOne() : Result {
    use q = Qubit();
    X(q);
    MResetZ(q)
}
operation Branchy() : Int {
    use q = Qubit();
    H(q);
    mutable x = 0;
    if MResetZ(q) == One { set x = 5; }
    x
}"""


def test_cell_binds_callables_that_run_locally(run, shell):
    cell = run(DETERMINISTIC)
    assert cell.error is None, cell.out
    assert shell.user_ns["AlwaysOne"]() == shell.user_ns["AlwaysOne"]().__class__.One
    assert str(shell.user_ns["Flip"](3.141592653589793)) == "One"
    assert str(shell.user_ns["Flip"](0.0)) == "Zero"
    # qdk's own API accepts them like its own callables.
    shots = run("from qdk import qsharp\nqsharp.run(Flip, 5, 0.0)")
    assert shots.error is None, shots.out
    assert shell.user_ns["_"] == [shell.user_ns["Flip"](0.0)] * 5


def test_last_expression_is_the_cells_value_and_messages_show(run, shell):
    cell = run('%%qsharp\nMessage("hello from Q#");\n1 + 2')
    assert cell.error is None, cell.out
    assert "hello from Q#" in cell.out
    assert shell.user_ns["_"] == 3


def test_callables_are_qir_representable_with_the_targets_profile(run, shell):
    from azure.quantum.target.target import QirRepresentable

    assert run(DOCS_CELL).error is None
    op = shell.user_ns["GenerateRandomBit"]
    assert isinstance(op, QirRepresentable)
    base = op._repr_qir_(target="rigetti.sim.qvm").decode()
    adaptive = op._repr_qir_(target="quantinuum.sim.h2-1e").decode()
    assert '"qir_profiles"="base_profile"' in base
    assert '"qir_profiles"="adaptive_profile"' in adaptive
    assert "@ENTRYPOINT__main" in base and op._name == "main"


def test_with_args_compiles_each_argument_once_then_binds(run, shell, monkeypatch):
    from qsession_jupyter.kernel.qsharp.compiler import QirCompiler

    assert run(DETERMINISTIC).error is None
    compiles = Counter()
    original = QirCompiler._compile

    def counting(self, state, entry, args, label, profile):
        compiles[(label, profile)] += 1
        return original(self, state, entry, args, label, profile)

    monkeypatch.setattr(QirCompiler, "_compile", counting)
    flip = shell.user_ns["Flip"]
    first = flip.with_args(0.25)._repr_qir_(target="ionq.simulator")
    again = flip.with_args(0.25)._repr_qir_(target="ionq.simulator")
    other = flip.with_args(0.5)._repr_qir_(target="ionq.simulator")
    adaptive = flip.with_args(0.25)._repr_qir_(target="quantinuum.sim.h2-1e")
    assert first == again and first != other and first != adaptive
    # 0.25 compiled once; 0.5 compiled and taught the Base template; one adaptive compile.
    before = sum(compiles.values())
    bound = flip.with_args(0.75)._repr_qir_(target="ionq.simulator")
    assert sum(compiles.values()) == before
    assert bound == first.replace(b"double 0.25", b"double 0.75")
    assert str(flip.with_args(3.141592653589793)()) == "One"


def test_callable_a_profile_rejects_reports_q_sharp_diagnostics(run, shell):
    assert run(DETERMINISTIC).error is None
    branchy = shell.user_ns["Branchy"]
    # Adaptive targets take it; the Base profile can't branch on a measurement.
    assert "adaptive_profile" in branchy._repr_qir_(target="quantinuum.sim.h2-1e").decode()
    cell = run("Branchy._repr_qir_(target='ionq.simulator')")
    assert cell.error is not None
    assert "Branchy can't be compiled for the Base profile" in cell.out
    assert "Q# error at line 15, column 8: cannot use a dynamic bool value" in cell.out
    assert "Traceback" not in cell.out
    # The cell's other callables still compile for Base.
    assert "base_profile" in shell.user_ns["AlwaysOne"]._repr_qir_(target="ionq.simulator").decode()


def test_q_sharp_errors_show_diagnostics_not_a_traceback(run):
    cell = run("%%qsharp\noperation Broken() : Unit {\n    let x = ;\n}")
    assert cell.error is not None
    assert "Q# error at line 2, column 13: syntax error" in cell.out
    assert "Traceback" not in cell.out and "File " not in cell.out
    runtime = run('%%qsharp\nfail "stop here";')
    assert runtime.error is not None
    assert "program failed: stop here" in runtime.out and "Traceback" not in runtime.out


def test_redefining_a_callable_rebinds_it(run, shell):
    assert run("%%qsharp\noperation Answer() : Int { 1 }").error is None
    old = shell.user_ns["Answer"]
    assert run("%%qsharp\noperation Answer() : Int { 2 }").error is None
    assert shell.user_ns["Answer"]() == 2 and shell.user_ns["Answer"] is not old


def test_our_magic_stays_after_importing_qsharp(run, shell):
    from qsession_jupyter.kernel.magics.qsharp import QSharpMagics

    run("import qsharp\nimport qdk")
    magic = shell.magics_manager.magics["cell"]["qsharp"]
    assert isinstance(getattr(magic, "__self__", None), QSharpMagics)


def test_submit_needs_a_session_and_an_expression(run):
    no_session = run(
        "%%qsharp --submit\noperation B() : Result { use q = Qubit(); MResetZ(q) }\nB()"
    )
    assert no_session.error is not None and "%session open -t TARGET" in no_session.out
    assert run("%session open -t rigetti.sim.qvm -n needs-expression").error is None
    no_expression = run("%%qsharp --submit\noperation C() : Unit {}")
    assert no_expression.error is not None and "last expression" in no_expression.out
    stray = run("%%qsharp --shots 10\noperation D() : Unit {}")
    assert stray.error is not None and "go with --submit" in stray.out


def test_submit_sends_the_last_expression_into_the_current_session(run, shell, workspace):
    assert run("%session open -t ionq.simulator -n submit-cell").error is None
    session_id = shell.user_ns["target"].latest_session.id
    cell = run(
        "%%qsharp --submit --shots 200 --name bell\n"
        "operation Bell() : Result[] {\n"
        "    use qs = Qubit[2];\n    H(qs[0]);\n    CNOT(qs[0], qs[1]);\n    MResetEachZ(qs)\n}\n"
        "Bell()"
    )
    assert cell.error is None, cell.out
    job = shell.user_ns["job"]
    assert "Submitted job 'bell'" in cell.out and "`job` holds it" in cell.out
    assert "<azure.quantum" not in cell.out and shell.user_ns.get("_") is not job
    job.wait_until_completed(timeout_secs=120, print_progress=False)
    assert job.details.status == "Succeeded"
    assert job.details.session_id == session_id
    assert job.details.input_params["shots"] == 200
    histogram = job.get_results()
    assert set(histogram) <= {"[0, 0]", "[1, 1]"}, histogram
    assert 0.3 < histogram.get("[0, 0]", 0) < 0.7
    assert [j.details.name for j in workspace.list_session_jobs(session_id=session_id)] == ["bell"]


def test_vqe_style_loop_submits_with_args_into_the_session(run, shell):
    assert run(DETERMINISTIC).error is None
    assert run("%session open -t quantinuum.sim.h2-1e -n vqe").error is None
    cell = run(
        "import math\n"
        "estimates = []\n"
        "for theta in (0.0, math.pi):\n"
        "    job = target.submit(Flip.with_args(theta), name=f'theta={theta:.2f}', shots=20)\n"
        "    job.wait_until_completed(timeout_secs=120, print_progress=False)\n"
        "    estimates.append(job.get_results())\n"
    )
    assert cell.error is None, cell.out
    zero, pi = shell.user_ns["estimates"]
    # h2-1e is a noisy emulator (gate and readout errors), so a shot may flip;
    # each angle must still give its own outcome in nearly every shot.
    assert zero.get("0", 0) >= 0.8 and pi.get("1", 0) >= 0.8, (zero, pi)


def test_runtime_errors_of_bound_callables_are_diagnostics_and_qsharp_errors(run, shell):
    assert run('%%qsharp\noperation Boom(n : Int) : Unit {\n    fail $"boom {n}";\n}').error is None
    cell = run("Boom(7)")
    assert cell.error is not None
    assert "program failed: boom 7" in cell.out and "Traceback" not in cell.out
    caught = run(
        "from qdk import qsharp\ntry:\n    Boom(1)\nexcept qsharp.QSharpError:\n    ok = True"
    )
    assert caught.error is None and shell.user_ns["ok"] is True
