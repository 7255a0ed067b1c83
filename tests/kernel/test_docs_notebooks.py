"""The Azure sessions documentation's three examples, run as written in real kernels.

Only the workspace/provider construction differs from the docs: `workspace`
comes from `%load_ext qsession_jupyter` (the local service), and the Qiskit and
Cirq plugins are built with `workspace=workspace`. Qiskit removed the
`job_monitor` the docs import, so the Qiskit example imports ours, and
`QuantumCircuit.cnot`, so it calls `cx`.
"""

from __future__ import annotations

import pytest
from kernel_notebooks import execute, report, report_cell, text_of

pytestmark = pytest.mark.slow

QSHARP_SESSION = """\
with target.open_session(name="Q# Session") as session:
    target.submit(input_data=GenerateRandomBit, name="Job 1", input_params={"count":100}) # First job submission
    target.submit(input_data=GenerateRandomBit, name="Job 2", input_params={"count":100}) # Second job submission
    target.submit(input_data=GenerateRandomBit, name="Job 3", input_params={"count":100}) # Third job submission

session_jobs = workspace.list_session_jobs(session_id=session.id)
[session_job.details.name for session_job in session_jobs]"""

SUMMARY = report_cell(
    "[{'name': j.details.name, 'status': getattr(j.details.status, 'value', j.details.status),"
    " 'session': j.details.session_id, 'results': j.get_results()}"
    " for j in [workspace.get_job(x.id) for x in session_jobs]"
    " if j.wait_until_completed(timeout_secs=120, print_progress=False) is None]"
)


def _names_shown(cell) -> list[str]:
    """The list the docs' last line shows (the service lists a session's newest job first)."""
    import ast

    return sorted(ast.literal_eval(text_of(cell).strip().splitlines()[-1]))


def _check_half_and_half(histogram: dict, outcomes: set[str]) -> None:
    assert set(histogram) <= outcomes, histogram
    for outcome in outcomes:
        assert 0.2 < histogram.get(outcome, 0) < 0.8, histogram


def test_qsharp_example(local_service, tmp_path):
    nb = execute(
        [
            "%load_ext qsession_jupyter",
            "import qsharp",
            "%%qsharp\nopen Microsoft.Quantum.Intrinsic;\n\n"
            "operation GenerateRandomBit() : Result {\n"
            "    use q0 = Qubit();\n    H(q0);\n    return M(q0);\n}",
            'target = workspace.get_targets("rigetti.sim.qvm")',
            QSHARP_SESSION,
            SUMMARY,
        ],
        tmp_path,
    )
    assert "local workspace" in text_of(nb.cells[0])
    assert _names_shown(nb.cells[4]) == ["Job 1", "Job 2", "Job 3"]
    jobs = sorted(report(nb.cells[5]), key=lambda j: j["name"])
    assert [j["name"] for j in jobs] == ["Job 1", "Job 2", "Job 3"]
    assert {j["status"] for j in jobs} == {"Succeeded"}
    assert len({j["session"] for j in jobs}) == 1
    for job in jobs:
        _check_half_and_half(job["results"], {"0", "1"})


QISKIT_SESSION = """\
with backend.open_session(name="Qiskit Session") as session:
    job1 = backend.run(circuit=circuit, shots=100, job_name="Job 1") # First job submission
    job_monitor(job1)
    job2 = backend.run(circuit=circuit, shots=100, job_name="Job 2") # Second job submission
    job_monitor(job2)
    job3 = backend.run(circuit=circuit, shots=100, job_name="Job 3") # Third job submission
    job_monitor(job3)

session_jobs = workspace.list_session_jobs(session_id=session.id)
[session_job.details.name for session_job in session_jobs]"""


def test_qiskit_example(local_service, tmp_path):
    nb = execute(
        [
            "%load_ext qsession_jupyter",
            "from qiskit import QuantumCircuit\n"
            "from qsession_jupyter import job_monitor\n"
            "from azure.quantum.qiskit import AzureQuantumProvider\n\n"
            "provider = AzureQuantumProvider(workspace=workspace)",
            'circuit = QuantumCircuit(2, 2)\ncircuit.name = "GenerateRandomBit"\n'
            "circuit.h(0)\ncircuit.cx(0,1)  # the docs: cnot, which Qiskit 1.0 removed\ncircuit.measure([0,1], [0,1])\ncircuit.draw()",
            'backend = provider.get_backend("ionq.simulator")',
            QISKIT_SESSION,
            report_cell("[job.result().get_counts() for job in (job1, job2, job3)]"),
        ],
        tmp_path,
    )
    monitor = text_of(nb.cells[4])
    for name in ("Job 1", "Job 2", "Job 3"):
        assert f"Job '{name}'" in monitor and "Succeeded" in monitor
    assert _names_shown(nb.cells[4]) == ["Job 1", "Job 2", "Job 3"]
    for counts in report(nb.cells[5]):
        assert set(counts) <= {"00", "11"}, counts
        assert sum(counts.values()) == 100
        assert 20 < counts.get("00", 0) < 80, counts


CIRQ_SESSION = """\
with target.open_session(name="Cirq Session") as session:
    target.submit(program=circuit, name="Job 1") # First job submission
    target.submit(program=circuit, name="Job 2") # Second job submission
    target.submit(program=circuit, name="Job 3") # Third job submission

session_id = target.get_latest_session_id()
session_jobs = workspace.list_session_jobs(session_id=session_id)

[session_job.details.name for session_job in session_jobs]"""


def test_cirq_example(local_service, tmp_path):
    nb = execute(
        [
            "%load_ext qsession_jupyter",
            "import cirq\n\nq0 = cirq.LineQubit(0)\nq1 = cirq.LineQubit(1)\n"
            "circuit = cirq.Circuit(\n    cirq.H(q0),  # H gate\n    cirq.CNOT(q0, q1),\n"
            "    cirq.measure(q0, key='q0'),\n    cirq.measure(q1, key='q1')\n)\nprint(circuit)",
            "from azure.quantum.cirq import AzureQuantumService\n\n"
            "service = AzureQuantumService(workspace=workspace)",
            'target = service.get_target("ionq.simulator")',
            CIRQ_SESSION,
            SUMMARY,
        ],
        tmp_path,
    )
    assert _names_shown(nb.cells[4]) == ["Job 1", "Job 2", "Job 3"]
    jobs = sorted(report(nb.cells[5]), key=lambda j: j["name"])
    assert [j["name"] for j in jobs] == ["Job 1", "Job 2", "Job 3"]
    assert {j["status"] for j in jobs} == {"Succeeded"}
