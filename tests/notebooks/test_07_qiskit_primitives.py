"""notebooks/07-qiskit-primitives.ipynb: VQE for H2 with Qiskit's EstimatorV2 in an Azure session."""

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
session_jobs = workspace.list_session_jobs(session.id)
return {
    "session_id": session.id,
    "coefficients": {label: float(c.real) for label, c in hamiltonian.label_iter()},
    "exact_energy": exact_energy,
    "hartree_fock_energy": hartree_fock_energy,
    "sweep_angles": sweep_angles.tolist(),
    "sweep_energies": [float(e) for e in sweep_energies],
    "energies": [e for _, e in evaluations],
    "best_theta": best_theta,
    "final_energy": final_energy,
    "final_std": final_std,
    "tolerance": TOLERANCE,
    "jobs": len(session_jobs),
    "job_names": sorted({job.details.name for job in session_jobs}),
    "job_states": sorted({job.details.status.value for job in session_jobs}),
    "sampler_counts": sampler_counts,
}
"""

executed = executed_notebook("07-qiskit-primitives.ipynb", probes={AT_END: PROBE})


def hamiltonian(coefficients: dict[str, float]) -> np.ndarray:
    """Independent of Qiskit: Pauli strings, qubit 0 rightmost."""
    return sum(c * np.kron(PAULI[s[0]], PAULI[s[1]]) for s, c in coefficients.items())


def test_vqe_ends_within_the_stated_tolerance_of_the_exact_energy(executed):
    result = executed.result()
    exact = float(np.linalg.eigvalsh(hamiltonian(result["coefficients"]))[0])
    assert result["exact_energy"] == pytest.approx(exact, abs=1e-9)
    assert result["hartree_fock_energy"] - exact > result["tolerance"]  # the tolerance bites
    assert abs(result["final_energy"] - exact) <= result["tolerance"] == 0.01
    assert 0 < result["final_std"] < 0.005
    assert "within tolerance" in executed.text(executed.cell("vqe"))
    energies = result["energies"]
    assert energies[0] - exact > 0.3 and min(energies) < energies[0] - 0.3


def test_the_sweep_follows_the_exact_energy_curve(executed):
    result = executed.result()
    matrix = hamiltonian(result["coefficients"])
    for angle, energy in zip(result["sweep_angles"], result["sweep_energies"], strict=True):
        state = np.array([0, np.cos(angle / 2), np.sin(angle / 2), 0])
        # 10 000 shots per group: a few standard errors of at most ~0.004 Ha.
        assert energy == pytest.approx(state @ matrix @ state, abs=0.02)


def test_every_estimate_is_named_jobs_in_one_session(executed, workspace):
    result = executed.result()
    evaluations = len(result["energies"])
    # Two groups (Z basis, X basis) per parameter set: 21 sweep angles, the optimiser, the final.
    assert result["jobs"] == 2 * (21 + evaluations + 1)
    assert result["job_states"] == ["Succeeded"]
    assert "EstimatorV2 pub 0 group 2/2, params 21/21" in result["job_names"]
    assert "EstimatorV2 pub 0 group 1/2" in result["job_names"]
    session = workspace.get_session(result["session_id"])
    assert session.details.status == "Succeeded"
    assert session.details.target == "ionq.simulator"


def test_energy_plot_is_drawn_and_nothing_failed(executed):
    assert "image/png" in executed.mime_types(executed.cell("plot"))
    assert not executed.errors()


def test_sampler_in_the_kernels_session_shows_the_vqe_state(executed):
    result = executed.result()
    counts = result["sampler_counts"]
    assert sum(counts.values()) == 2000
    # The ground state: mostly |01> (Hartree-Fock), some |10>, never |00> or |11>.
    assert set(counts) <= {"01", "10"} and counts["01"] > counts.get("10", 0)
    assert "Closed session 'Sample the VQE state'" in executed.text()
