"""notebooks/04-vqe-h2.ipynb: VQE for H2 in a session, ending near the exact energy."""

from __future__ import annotations

import numpy as np
import pytest
from notebook_runner import AT_END, executed_notebook

pytestmark = pytest.mark.slow

PAULI = {
    "I": np.eye(2),
    "X": np.array([[0.0, 1.0], [1.0, 0.0]]),
    "Z": np.diag([1.0, -1.0]),
}


#: Read from the kernel after the last cell (the notebook prints nothing for the tests).
PROBE = """\
from qsession_jupyter import current_session

session = current_session()
session_jobs = workspace.list_session_jobs(session.id)
return {
    "session_id": session.id,
    "coefficients": {"II": c0, "IZ": c1, "ZI": -c1, "ZZ": c2, "XX": c3},
    "exact_energy": float(exact_energy),
    "hartree_fock_energy": float(hartree_fock_energy),
    "start_energy": evaluations[0][1],
    "energies": [e for _, e in evaluations],
    "best_theta": best_theta,
    "final_energy": final_energy,
    "tolerance": TOLERANCE,
    "jobs": len(session_jobs),
    "job_states": sorted({job.details.status.value for job in session_jobs}),
}
"""

executed = executed_notebook("04-vqe-h2.ipynb", probes={AT_END: PROBE})


def ground_energy(coefficients: dict[str, float]) -> float:
    """Independent check of the notebook's exact energy: Pauli strings, qubit 0 rightmost."""
    matrix = sum(c * np.kron(PAULI[s[0]], PAULI[s[1]]) for s, c in coefficients.items())
    return float(np.linalg.eigvalsh(matrix)[0])


def test_vqe_ends_within_the_stated_tolerance_of_the_exact_energy(executed):
    result = executed.result()
    exact = ground_energy(result["coefficients"])
    assert result["exact_energy"] == pytest.approx(exact, abs=1e-9)
    # The tolerance means something: Hartree-Fock alone would miss it.
    assert result["hartree_fock_energy"] - exact > result["tolerance"]
    assert abs(result["final_energy"] - exact) <= result["tolerance"]
    assert "within tolerance" in executed.text(executed.cell("final"))


def test_the_optimiser_improved_on_its_start_between_jobs(executed):
    result = executed.result()
    energies = result["energies"]
    assert 3 <= len(energies) <= 20
    exact = ground_energy(result["coefficients"])
    assert energies[0] - exact > 0.3  # the start is far from the answer
    assert min(energies) < energies[0] - 0.3


def test_every_energy_is_two_jobs_in_one_session(executed, workspace):
    result = executed.result()
    # Two jobs per optimiser step, two for the final estimate, all succeeded.
    assert result["jobs"] == 2 * len(result["energies"]) + 2
    assert result["job_states"] == ["Succeeded"]
    session = workspace.get_session(result["session_id"])
    assert session.details.status == "Succeeded"
    assert session.details.target == "ionq.simulator"


def test_energy_plot_is_drawn(executed):
    assert "image/png" in executed.mime_types(executed.cell("plot"))
    assert not executed.errors()
