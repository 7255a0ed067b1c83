"""EstimatorV2 on the local workspace, against Qiskit's exact StatevectorEstimator."""

from __future__ import annotations

import math

import numpy as np
import pytest
from qiskit import QuantumCircuit
from qiskit.circuit import Parameter, ParameterVector
from qiskit.primitives import StatevectorEstimator
from qiskit.quantum_info import SparsePauliOp

from qsession_jupyter.qiskit import EstimatorV2
from qsession_jupyter.qiskit.estimator import shots_for


def ansatz():
    theta = ParameterVector("θ", 4)
    qc = QuantumCircuit(3, name="ansatz")
    qc.ry(theta[0], 0)
    qc.ry(theta[1], 1)
    qc.cx(0, 1)
    qc.rx(theta[2], 2)
    qc.cry(theta[3], 1, 2)  # a controlled rotation: its angle may be negative
    qc.cx(2, 0)
    return qc


HAMILTONIAN = SparsePauliOp(
    ["ZZI", "IZZ", "XXI", "IXX", "YIY", "ZII", "IIX", "III"],
    [0.5, -0.3, 0.25, 0.4, -0.2, 0.7, 0.1, -1.0],
)


def test_expectations_match_the_exact_estimator_within_shot_noise(session_on):
    backend, session = session_on("ionq.simulator")
    rng = np.random.default_rng(5)
    values = rng.uniform(-math.pi, math.pi, size=(4, 4))
    observables = [[HAMILTONIAN], [SparsePauliOp("XYZ")], [SparsePauliOp(["ZIZ", "XIX"], [1, 1])]]
    pub = (ansatz(), observables, values)  # shape (3, 4) by broadcasting
    ours = EstimatorV2(mode=session).run([pub], precision=0.02).result()[0]
    exact = StatevectorEstimator().run([pub]).result()[0]
    assert ours.data.evs.shape == exact.data.evs.shape == (3, 4)
    assert ours.metadata["shots"] == shots_for(0.02) == 2500
    stds = ours.data.stds
    assert np.all(stds > 0) and np.all(stds < 0.05)
    # Within 5 standard errors (plus float slack), everywhere:
    assert np.all(np.abs(ours.data.evs - exact.data.evs) <= 5 * stds + 1e-9), (
        ours.data.evs,
        exact.data.evs,
        stds,
    )


def test_commuting_terms_share_a_job_and_jobs_have_readable_names(session_on):
    backend, session = session_on("rigetti.sim.qvm")
    theta = Parameter("θ")
    qc = QuantumCircuit(2)
    qc.ry(theta, 0)
    qc.cx(0, 1)
    # ZZ, ZI, IZ commute qubit-wise (one job); XX is a second group; II needs no job.
    h = SparsePauliOp(["ZZ", "ZI", "IZ", "XX", "II"], [1, 2, 3, 4, 5])
    result = EstimatorV2(mode=session).run([(qc, h, [[0.3], [1.2]])], precision=0.05).result()[0]
    names = sorted(job.details.name for job in session.list_jobs())
    assert names == [
        "EstimatorV2 pub 0 group 1/2, params 1/2",
        "EstimatorV2 pub 0 group 1/2, params 2/2",
        "EstimatorV2 pub 0 group 2/2, params 1/2",
        "EstimatorV2 pub 0 group 2/2, params 2/2",
    ]
    exact = StatevectorEstimator().run([(qc, h, [[0.3], [1.2]])]).result()[0]
    assert np.all(np.abs(result.data.evs - exact.data.evs) <= 5 * result.data.stds + 1e-9)


def test_ibm_spelling_in_a_backend_session(provider):
    backend = provider.get_backend("ionq.simulator")
    qc = QuantumCircuit(2)
    qc.h(0)
    qc.cx(0, 1)
    observables = [SparsePauliOp("ZZ"), SparsePauliOp("XX"), SparsePauliOp("ZI")]
    with backend.open_session(name="estimator spelling") as session:
        estimator = EstimatorV2(mode=session)
        job = estimator.run([(qc, observables)])
        evs = job.result()[0].data.evs
    assert evs[0] == 1.0 and evs[1] == 1.0  # a Bell state: exactly, every shot
    assert abs(evs[2]) < 5 / math.sqrt(shots_for(estimator.default_precision))
    assert {j.details.session_id for j in job.azure_jobs} == {session.id}


def test_a_quantinuum_emulator_estimate_is_near_the_exact_one(session_on):
    backend, session = session_on("quantinuum.sim.h2-1e")
    theta = Parameter("θ")
    qc = QuantumCircuit(2)
    qc.ry(theta, 0)
    qc.cx(0, 1)
    h = SparsePauliOp(["ZZ", "XX", "ZI"], [0.5, 0.5, 1.0])
    result = EstimatorV2(mode=session).run([(qc, h, [0.8])], precision=0.05).result()[0]
    exact = StatevectorEstimator().run([(qc, h, [0.8])]).result()[0]
    # Noise pulls every term towards 0 by a few percent.
    assert abs(float(result.data.evs) - float(exact.data.evs)) <= 5 * float(result.data.stds) + 0.1


def test_bad_input_is_refused_before_any_job(session_on):
    backend, session = session_on("ionq.simulator")
    estimator = EstimatorV2(mode=session)
    qc = ansatz()
    with pytest.raises(ValueError, match=r"EstimatorV2 pub 0: .*qubits of the circuit \(3\)"):
        estimator.run([(qc, SparsePauliOp("ZZ"), [0.1] * 4)])
    with pytest.raises(ValueError, match=r"pub 0: the circuit has 4 parameters .* has 3 values"):
        estimator.run([(qc, SparsePauliOp("ZZZ"), [0.1] * 3)])
    wide = QuantumCircuit(30)
    wide.h(0)
    with pytest.raises(ValueError, match="30 qubits; ionq.simulator has 29"):
        estimator.run([(wide, SparsePauliOp("Z" * 30))])
    with pytest.raises(ValueError, match="precision must be a positive number"):
        estimator.run([(qc, SparsePauliOp("ZZZ"), [0.1] * 4)], precision=0)
    assert list(session.list_jobs()) == []


def test_a_loop_converts_each_group_once_and_binds_every_later_angle(session_on, monkeypatch):
    from qsession_jupyter.qiskit.target import AzureTarget

    conversions = []
    convert = AzureTarget._convert

    def counting(self, circuit):
        conversions.append(circuit.name)
        return convert(self, circuit)

    monkeypatch.setattr(AzureTarget, "_convert", counting)
    backend, session = session_on("ionq.simulator")
    theta = Parameter("loop θ")
    qc = QuantumCircuit(2, name="loop")
    qc.ry(theta, 0)
    qc.cx(0, 1)
    h = SparsePauliOp(["ZZ", "XX"], [1.0, 0.5])
    estimator = EstimatorV2(mode=session)
    energies = []
    for step in range(6):
        energies.append(
            float(estimator.run([(qc, h, [0.2 * step])], precision=0.1).result()[0].data.evs)
        )
    assert len(conversions) == 6  # two groups, each converted once at three probe angles
    exact = [1.0 + 0.5 * math.sin(0.2 * step) for step in range(6)]
    assert energies == pytest.approx(exact, abs=0.2)  # 100 shots: a sanity check only


def test_a_circuit_with_its_own_measurements_is_estimated_on_its_quantum_part(session_on):
    backend, session = session_on("ionq.simulator")
    qc = QuantumCircuit(2, 1)
    qc.h(0)
    qc.measure(1, 0)  # a mid-circuit measurement on a qubit left in |0>: recorded, ignored
    qc.cx(0, 1)
    qc.measure_all()  # final measurements: the estimator replaces them with its own
    result = EstimatorV2(mode=session).run([(qc, ["ZZ", "XX", "IZ"])], precision=0.05).result()
    assert list(result[0].data.evs[:2]) == [1.0, 1.0]
    assert abs(result[0].data.evs[2]) <= 5 * result[0].data.stds[2] + 1e-9


def test_options_as_on_ibm_runtime_set_the_shots(session_on):
    backend, session = session_on("rigetti.sim.qvm")
    qc = QuantumCircuit(1)
    qc.h(0)
    estimator = EstimatorV2(mode=session)
    assert estimator.run([(qc, "X")]).result()[0].metadata["shots"] == 4096  # precision 1/64
    estimator.options.default_shots = 300  # overrides the default precision
    assert estimator.run([(qc, "X")]).result()[0].metadata["shots"] == 300
    # A precision given to run, or in the pub, still wins.
    assert estimator.run([(qc, "X")], precision=0.1).result()[0].metadata["shots"] == 100
    assert estimator.run([(qc, "X", None, 0.05)]).result()[0].metadata["shots"] == 400
    shots = sorted(job.details.input_params["shots"] for job in session.list_jobs())
    assert shots == [100, 300, 400, 4096]
