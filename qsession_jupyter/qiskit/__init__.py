"""Qiskit's V2 primitives on Azure Quantum targets, inside sessions.

    from qsession_jupyter.qiskit import EstimatorV2, SamplerV2

    with backend.open_session(name="VQE") as session:
        estimator = EstimatorV2(mode=session)
        evs = estimator.run([(ansatz, hamiltonian, thetas)]).result()[0].data.evs

Importing `qsession_jupyter` does not import Qiskit; this subpackage does.
"""

from __future__ import annotations

from .estimator import EstimatorV2
from .sampler import SamplerV2

__all__ = ["EstimatorV2", "SamplerV2"]
