"""A budget that holds, shots checked before submission, and why a session takes no more jobs.

Every test submits through the SDK objects a notebook holds (a `Target` from
`%session open`, a Qiskit backend, our primitives) in a real IPython shell on
the local service, and counts the session's jobs through the SDK: a refused
job must never reach the service.
"""

from __future__ import annotations

import re

import pytest

RANDOM_BIT = """%%qsharp
operation RandomBit() : Result {
    use q = Qubit();
    H(q);
    MResetZ(q)
}"""

TOO_MANY_QUBITS = """%%qsharp
operation TooManyQubits() : Result[] {
    use qs = Qubit[40];
    ApplyToEach(H, qs);
    MResetEachZ(qs)
}"""

SUBMIT = "job = target.submit(RandomBit, name='{name}', shots=10)"


def _session():
    from qsession_jupyter.kernel import api

    return api.current_session()


def _open(run, options: str) -> str:
    """`%session open OPTIONS`; the new session's id."""
    cell = run(f"%session open {options}")
    assert cell.error is None, cell.out
    return _session().id


def _jobs(workspace, session_id: str) -> list[str]:
    return sorted(job.details.name for job in workspace.list_session_jobs(session_id=session_id))


def _one_line(cell) -> str:
    lines = [line for line in cell.out.strip().splitlines() if line.strip()]
    assert len(lines) == 1, cell.out
    assert "Traceback" not in cell.out
    return lines[0]


def test_the_job_that_would_pass_the_budget_is_refused_and_never_sent(run, workspace):
    run(RANDOM_BIT)
    opened = run("%session open -t ionq.qpu.aria-1 -n budgeted --budget 250")
    assert opened.error is None, opened.out
    assert "budget $250" in opened.out
    session_id = _session().id
    for name in ("first", "second"):  # USD 97.50 minimum each: 195.00 spent or pending
        assert run(SUBMIT.format(name=name)).error is None
    refused = run(SUBMIT.format(name="third"))
    assert refused.error is not None
    line = _one_line(refused)
    assert line.startswith("BudgetExceeded: Not submitted: session 'budgeted' has spent $195")
    assert "of its $250 budget" in line and "estimated at $97.5" in line
    assert "`%session budget 293`" in line
    assert _jobs(workspace, session_id) == ["first", "second"]

    raised = run("%session budget 300")
    assert raised.error is None, raised.out
    assert "budget $300" in raised.out
    assert run(SUBMIT.format(name="third")).error is None
    assert _jobs(workspace, session_id) == ["first", "second", "third"]
    assert run(SUBMIT.format(name="fourth")).error is not None
    assert len(_jobs(workspace, session_id)) == 3


def test_a_primitives_run_over_the_budget_is_refused_whole(run, workspace):
    session_id = _open(run, "-t ionq.qpu.aria-1 -n primitives --budget 500")
    cell = run(
        "from qiskit import QuantumCircuit\n"
        "from qiskit.circuit import Parameter\n"
        "from qsession_jupyter.qiskit import SamplerV2\n"
        "theta = Parameter('theta')\n"
        "qc = QuantumCircuit(1)\n"
        "qc.ry(theta, 0)\n"
        "qc.measure_all()\n"
        "sampler = SamplerV2()\n"
        "job = sampler.run([(qc, [[0.1 * i] for i in range(6)])], shots=10)"
    )
    assert cell.error is not None
    line = _one_line(cell)
    assert "this SamplerV2 run's 6 jobs are estimated at $585" in line, line
    assert _jobs(workspace, session_id) == []
    fits = run("result = sampler.run([(qc, [[0.1 * i] for i in range(5)])], shots=10).result()")
    assert fits.error is None, fits.out
    assert len(_jobs(workspace, session_id)) == 5


def test_bad_budgets_are_one_line_and_open_nothing(run):
    for value in ("-5", "lots", "nan"):
        cell = run(f"%session open -t ionq.qpu.aria-1 --budget {value}")
        assert cell.error is not None
        assert "A budget is a non-negative amount" in _one_line(cell)
        assert _session() is None
    assert run("%session open -t ionq.qpu.aria-1").error is None
    cell = run("%session budget -1")
    assert cell.error is not None and "non-negative amount" in _one_line(cell)


def test_a_budget_on_a_free_target_is_accepted_with_a_note(run):
    cell = run("%session open -t ionq.simulator -n free --budget 10")
    assert cell.error is None, cell.out
    assert "ionq.simulator is free" in cell.out
    assert "budget $10" in cell.out


def test_a_paid_session_without_a_budget_is_told_the_minimum_once(run):
    run(RANDOM_BIT)
    opened = run("%session open -t ionq.qpu.aria-1 -n open-ended")
    assert "has no budget, and each job costs at least $97.5." in opened.out
    submitted = run(SUBMIT.format(name="one"))
    assert submitted.error is None and "no budget" not in submitted.out


def test_a_session_opened_by_hand_gets_its_budget_from_set_budget(run, workspace):
    run(RANDOM_BIT)
    cell = run(
        "import qsession_jupyter\n"
        "mine = workspace.get_targets('quantinuum.qpu.h2-1')\n"
        "session = mine.open_session(name='by hand')\n"
        "book = qsession_jupyter.set_budget(session, 6)"
    )
    assert cell.error is None, cell.out
    assert "no budget" not in cell.out
    ok = run("mine.submit(RandomBit, name='fits', shots=10)")  # 5 HQC + gates
    assert ok.error is None, ok.out
    refused = run("mine.submit(RandomBit, name='over', shots=10)")
    assert "HQC of its 6 HQC budget" in _one_line(refused)
    session_id = run("print(session.id)").out.strip()
    assert _jobs(workspace, session_id) == ["fits"]


def test_a_target_made_and_used_within_one_cell_is_checked_too(run, workspace):
    run(RANDOM_BIT)
    cell = run(
        "import qsession_jupyter\n"
        "fresh = workspace.get_targets('ionq.qpu.aria-1')\n"
        "with fresh.open_session(name='one cell') as inside:\n"
        "    qsession_jupyter.set_budget(inside, 150)\n"
        "    fresh.submit(RandomBit, name='fits', shots=10)\n"
        "    fresh.submit(RandomBit, name='over', shots=10)"
    )
    assert cell.error is not None
    assert "BudgetExceeded: Not submitted: session 'one cell' has spent $97.5" in cell.out
    session_id = run("print(inside.id)").out.strip()
    assert _jobs(workspace, session_id) == ["fits"]


@pytest.mark.parametrize(
    ("call", "expected"),
    [
        ("target.submit(RandomBit, name='zero', shots=0)", "shots must be a positive whole number"),
        ("target.submit(RandomBit, name='neg', shots=-3)", "not -3"),
        ("target.submit(RandomBit, name='half', shots=2.5)", "not 2.5"),
        ("target.submit(RandomBit, name='text', shots='ten')", "not 'ten'"),
        (
            "target.submit(RandomBit, name='param', input_params={'shots': 0})",
            "input_params['shots'] must be a positive whole number",
        ),
    ],
)
def test_bad_shots_are_refused_before_submission(run, workspace, call, expected):
    run(RANDOM_BIT)
    session_id = _open(run, "-t ionq.simulator -n shots")
    cell = run(call)
    assert cell.error is not None
    line = _one_line(cell)
    assert line.startswith("ShotsError: ") and expected in line, line
    assert _jobs(workspace, session_id) == []
    assert _session().details.status != "Failed"


def test_bad_shots_on_a_qiskit_backend_are_refused_before_submission(run, workspace):
    session_id = _open(run, "-t ionq.simulator -n backend-shots")
    cell = run(
        "from azure.quantum.qiskit import AzureQuantumProvider\n"
        "from qiskit import QuantumCircuit\n"
        "backend = AzureQuantumProvider(workspace=workspace).get_backend('ionq.simulator')\n"
        "backend.latest_session = target.latest_session\n"
        "qc = QuantumCircuit(1, 1)\n"
        "qc.h(0)\n"
        "qc.measure(0, 0)"
    )
    assert cell.error is None, cell.out
    refused = run("backend.run(qc, shots=0)")
    assert "ShotsError: shots must be a positive whole number, not 0." in _one_line(refused)
    assert _jobs(workspace, session_id) == []


def test_the_next_submission_names_the_job_that_failed_the_session(run, workspace):
    run(RANDOM_BIT)
    run(TOO_MANY_QUBITS)
    assert run("%session open -t ionq.simulator -n aborting").error is None
    failing = run("bad = target.submit(TooManyQubits, name='Too many qubits', shots=10)")
    assert failing.error is None, failing.out
    assert run("bad.wait_until_completed(timeout_secs=60)").error is None
    late = run(SUBMIT.format(name="late"))
    assert late.error is not None
    assert "failed when its job 'Too many qubits' (" in late.out
    assert "prior jobs" not in late.out
    assert "%session open -t ionq.simulator" in late.out


def test_after_a_normal_close_the_next_submission_says_the_session_is_closed(run):
    run(RANDOM_BIT)
    assert run("%session open -t ionq.simulator -n finished").error is None
    assert (
        run(SUBMIT.format(name="ok") + "\njob.wait_until_completed(timeout_secs=60)").error is None
    )
    assert run("%session close").error is None
    late = run(SUBMIT.format(name="late"))
    assert late.error is not None
    assert "which is closed and takes no more jobs" in late.out
    assert "Session 'finished' (" in late.out.splitlines()[-1]
    assert "prior jobs" not in late.out


@pytest.mark.slow
def test_in_a_real_kernel_qsharp_submit_stops_at_the_budget(workspace, tmp_path):
    """%%qsharp --submit in a notebook kernel: the job over the budget is never sent."""
    from kernel_notebooks import error_of, execute, report, report_cell, text_of

    submit = (
        "%%qsharp --submit --shots 10\n"
        "operation Bit() : Result {\n    use q = Qubit();\n    H(q);\n    MResetZ(q)\n}\nBit()"
    )
    notebook = execute(
        [
            "%load_ext qsession_jupyter",
            '%session open -t ionq.qpu.aria-1 -n "kernel budget" --budget 100',
            submit,
            submit,
            report_cell("{'session': target.latest_session.id}"),
            "%session budget 200",
            submit,
        ],
        tmp_path,
        notebook_name="budget.ipynb",
        allow_errors=True,
    )
    cells = notebook.cells
    assert error_of(cells[2]) is None, text_of(cells[2])
    refused = error_of(cells[3])
    assert refused is not None and refused.ename == "BudgetExceeded"
    assert len(refused.traceback) == 1, refused.traceback
    assert (
        "has spent $97.5" in refused.traceback[0]
        and "`%session budget 196`" in refused.traceback[0]
    )
    assert "budget $200" in text_of(cells[5])
    assert error_of(cells[6]) is None, text_of(cells[6])
    session_id = report(cells[4])["session"]
    assert len(workspace.list_session_jobs(session_id=session_id)) == 2


# -- the backstop: hosts made and used within one cell from the kernel's workspace ------------

BACKEND_LOOP = """import qsession_jupyter
from azure.quantum.qiskit import AzureQuantumProvider
from qiskit import QuantumCircuit
circuit = QuantumCircuit(1, 1)
circuit.h(0)
circuit.measure(0, 0)
backend = AzureQuantumProvider(workspace=workspace).get_backend('ionq.qpu.aria-1')
sent = []
with backend.open_session(name='backend loop') as session:
    qsession_jupyter.set_budget(session, 150)
    for i in range(3):
        sent.append(backend.run(circuit, shots=100, job_name=f'run {i}'))"""

CIRQ_LOOP = """import cirq
import qsession_jupyter
from azure.quantum.cirq import AzureQuantumService
qubit = cirq.LineQubit(0)
circuit = cirq.Circuit(cirq.H(qubit), cirq.measure(qubit, key='b'))
cirq_target = AzureQuantumService(workspace=workspace).get_target('ionq.qpu.aria-1')
sent = []
with cirq_target.open_session(name='cirq loop') as session:
    qsession_jupyter.set_budget(session, 150)
    for i in range(3):
        sent.append(cirq_target.submit(circuit, name=f'run {i}', repetitions=100))"""


@pytest.mark.parametrize("loop", [BACKEND_LOOP, CIRQ_LOOP], ids=["qiskit-backend", "cirq-target"])
def test_a_host_made_outside_the_guard_is_stopped_at_the_budget_all_the_same(run, workspace, loop):
    """The documented flow for a session opened by hand: the host comes from the
    SDK's Qiskit provider or Cirq service, made and used in the same cell."""
    cell = run(loop)
    assert cell.error is not None
    host = "backend" if "backend =" in loop else "cirq_target"
    each = float(
        run(
            "from qsession_jupyter import estimate_cost\n"
            f"print(estimate_cost({host}, circuit, shots=100).total)"
        ).out.strip()
    )
    assert 97.5 <= each < 150  # IonQ's per-program minimum; two do not fit in 150
    found = re.search(
        r"BudgetExceeded: .* has spent \$([\d.]+) of its \$150 budget, "
        r"and this job is estimated at \$([\d.]+)\.",
        cell.out,
    )
    assert found, cell.out
    assert float(found[1]) == float(found[2]) == pytest.approx(each, abs=0.005)
    assert run("print(len(sent))").out.strip() == "1"
    session_id = run("print(session.id)").out.strip()
    assert _jobs(workspace, session_id) == ["run 0"]  # the service never saw 'run 1'


def test_bad_shots_from_an_unguarded_backend_are_refused_before_the_job_exists(run, workspace):
    cell = run(
        BACKEND_LOOP.split("sent = []")[0].replace("qpu.aria-1", "simulator")
        + "session = backend.open_session(name='zero shots')\n"
        "backend.run(circuit, shots=0)"
    )
    assert cell.error is not None
    assert "ShotsError: input_params['shots'] must be a positive whole number, not 0." in cell.out
    session_id = run("print(session.id)").out.strip()
    assert _jobs(workspace, session_id) == []


def test_a_guarded_submission_is_counted_once(run, workspace):
    """Through a guarded target the backstop stands aside: a budget of exactly three
    estimates takes three jobs, and after them the spend is three estimates."""
    from qsession_jupyter.budgets import load

    run(RANDOM_BIT)
    each = float(
        run(
            "from qsession_jupyter import estimate_cost\n"
            "print(estimate_cost('ionq.qpu.aria-1', RandomBit, shots=10).total)"
        ).out.strip()
    )
    assert 97.5 <= each < 100  # IonQ's per-program minimum on Aria, and a little
    session_id = _open(run, f"-t ionq.qpu.aria-1 -n counted --budget {round(3 * each, 4)}")
    for name in ("one", "two", "three"):
        cell = run(SUBMIT.format(name=name))
        assert cell.error is None, cell.out
    assert sum(load(session_id).estimates.values()) == pytest.approx(3 * each)
    spent = run(
        "from qsession_jupyter.kernel.spending import spend_of\nprint(spend_of(None).spent)"
    )
    assert float(spent.out.strip()) == pytest.approx(3 * each), spent.out
    assert run(SUBMIT.format(name="four")).error is not None
    assert _jobs(workspace, session_id) == ["one", "three", "two"]
