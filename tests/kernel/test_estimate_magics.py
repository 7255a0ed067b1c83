"""`%session estimate` and `%%qsharp --estimate`: one line with the job's cost and a loop's.

A real kernel (nbclient) prices a `%%qsharp` callable, its `with_args(...)`, a
cell and a Qiskit circuit; the line must state what `estimate_cost` says, and
that must be what the service then bills for the submitted job. The error
cases run in the test process's IPython shell, as the other magic tests do.
"""

from __future__ import annotations

import pytest
from kernel_notebooks import error_of, execute, report, report_cell, text_of

from qsession_jupyter.views.items import money

GHZ = (
    "%%qsharp\n"
    "operation Ghz(theta : Double) : Result[] {\n"
    "    use qs = Qubit[3];\n"
    "    H(qs[0]);\n"
    "    Ry(theta, qs[1]);\n"
    "    CNOT(qs[0], qs[1]);\n"
    "    CNOT(qs[1], qs[2]);\n"
    "    MResetEachZ(qs)\n"
    "}"
)


@pytest.mark.slow
def test_estimates_in_a_kernel_equal_what_the_service_bills(workspace, tmp_path):
    notebook = execute(
        [
            "%load_ext qsession_jupyter",
            "%session open -t ionq.qpu.aria-1 -n estimates",
            GHZ,
            "%session estimate Ghz.with_args(0.5) --shots 100 --repeat 50",
            "%%qsharp --estimate --shots 100 --repeat 50\nGhz(0.5)",
            "from qsession_jupyter import estimate_cost\n"
            "expected = estimate_cost(target, Ghz.with_args(0.5), shots=100)\n"
            "job = target.submit(Ghz.with_args(0.5), shots=100)\n"
            "job.wait_until_completed(timeout_secs=120)\n"
            + report_cell(
                "{'each': expected.total, 'loop': expected.forecast(50),"
                " 'billed': job.details.cost_estimate['estimatedTotal']}"
            ),
            "from qiskit import QuantumCircuit\n"
            "qc = QuantumCircuit(2, 2); qc.h(0); qc.cx(0, 1); qc.measure([0, 1], [0, 1])",
            "%session estimate qc --shots 1000 -t rigetti.qpu.ankaa-3",
            "%session estimate qc -t quantinuum.sim.h2-1sc",
            "%session estimate qc --shots 100 -t quantinuum.qpu.h2-1 --repeat 3",
            '%session estimate "OPENQASM 2.0; qreg q[1];"',
        ],
        tmp_path,
        allow_errors=True,
    )
    cells = notebook.cells
    for cell in cells[:9]:
        assert error_of(cell) is None, text_of(cell)
    expected = report(cells[5])
    # The job's bill is what was estimated, and both magics print the same line.
    assert expected["billed"] == expected["each"] > 97.5
    assert expected["loop"] == pytest.approx(50 * expected["each"])
    line = (
        f"{money(expected['each'], 'USD')} per job (100 shots on ionq.qpu.aria-1); "
        f"50 jobs: {money(expected['loop'], 'USD')}"
    )
    assert text_of(cells[3]).strip() == line == text_of(cells[4]).strip()

    assert text_of(cells[7]).strip() == "$1.3 per job (1000 shots on rigetti.qpu.ankaa-3)"
    assert "the target is free" in text_of(cells[8])
    hqc = text_of(cells[9]).strip()
    assert hqc.endswith(" HQC") and "3 jobs" in hqc and "$" not in hqc
    refused = error_of(cells[10])
    assert refused.ename == "SessionError" and len(refused.traceback) == 1
    assert "ionq.qpu.aria-1 cannot take this program" in refused.traceback[0]


def test_without_a_session_the_estimate_says_how_to_name_a_target(run):
    missing = run("%session estimate {'qubits': 1, 'circuit': []}")
    assert missing.error is not None
    assert "%session open -t TARGET" in missing.out and "-t TARGET" in missing.out
    cell = run("%%qsharp --estimate\noperation Z() : Result { use q = Qubit(); MResetZ(q) }\nZ()")
    assert cell.error is not None and "%session open -t TARGET" in cell.out


def test_estimate_errors_are_one_line(run, shell):
    assert run("%session estimate").error is not None
    unknown = run("%session estimate not_defined -t ionq.qpu.aria-1")
    assert unknown.error is not None and "NameError" in unknown.out
    assert "Traceback" not in unknown.out
    bad_repeat = run("%session estimate {'qubits': 1, 'circuit': []} -t ionq.qpu.aria-1 --repeat 0")
    assert "--repeat must be at least 1" in bad_repeat.out
    bad_shots = run("%session estimate {'qubits': 1, 'circuit': []} -t ionq.qpu.aria-1 --shots 0")
    assert "shots must be a positive whole number" in bad_shots.out
    not_a_program = run("%session estimate 42 -t ionq.qpu.aria-1")
    assert "Cannot estimate a int" in not_a_program.out
    for broken in (unknown, bad_repeat, bad_shots, not_a_program):
        assert broken.error is not None and "Traceback" not in broken.out
    assert run("%%qsharp --repeat 3\noperation Y() : Unit {}").error is not None
    both = run("%%qsharp --estimate --submit\noperation X() : Unit {}\nX()")
    assert "not both" in both.out


def test_a_dict_with_spaces_and_options_after_it(run, shell):
    """The expression may hold spaces and commas; options follow it."""
    cell = run(
        "%session estimate {'qubits': 2, 'circuit': [{'gate': 'h', 'target': 0},"
        " {'gate': 'cnot', 'control': 0, 'target': 1}]} --shots 1000 -t ionq.qpu.aria-1"
    )
    assert cell.error is None, cell.out
    # 97.50 minimum + 1000 * (0.000220 + 0.000975).
    assert cell.out.strip() == "$98.69 per job (1000 shots on ionq.qpu.aria-1)"
