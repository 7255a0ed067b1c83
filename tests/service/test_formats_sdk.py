"""Each input format through each SDK path that sends it, with a Bell pair.

The client is the unmodified azure-quantum SDK: plain targets with native
formats, the Qiskit provider (QIR and passthrough backends) and the Cirq service.
Ideal targets must give only 00/11, about half each; noisy emulated targets must
give mostly 00/11 and, over enough shots, some error outcomes.

Shot counts for noisy targets follow the published error rates in
the provider modules (`providers/`): a Bell shot on IonQ Aria goes wrong with probability about
1% and on Quantinuum H2 about 0.4%, so 1000 and 3000 shots expect about 10 error
outcomes each (the chance of seeing none is below 1e-4).
"""

from __future__ import annotations

from collections import Counter

import pytest
from programs import BELL_IONQ, BELL_QASM, BELL_QUIL, ghz_qasm

IONQ_NOISY_SHOTS = 1000
QUANTINUUM_NOISY_SHOTS = 3000
IDEAL_SHOTS = 400


def assert_ideal_bell(counts: dict[str, int], shots: int) -> None:
    assert sum(counts.values()) == shots, counts
    assert set(counts) <= {"00", "11"}, counts
    assert 0.35 * shots <= counts.get("00", 0) <= 0.65 * shots, counts


def assert_noisy_bell(counts: dict[str, int], shots: int) -> None:
    assert sum(counts.values()) == shots, counts
    correlated = counts.get("00", 0) + counts.get("11", 0)
    assert correlated >= 0.9 * shots, counts
    assert correlated < shots, f"no error outcome in {shots} noisy shots: {counts}"
    assert 0.35 * shots <= counts.get("00", 0) <= 0.65 * shots, counts


def finished(job, timeout: float = 30):
    job.wait_until_completed(timeout_secs=timeout)
    assert job.details.status == "Succeeded", job.details.error_data
    return job


def histogram(shots: list) -> dict[str, int]:
    """One register's per-shot values (QASM bitstrings or Quil bit lists) → counts."""
    return dict(Counter("".join(str(bit) for bit in shot) for shot in shots))


# 1. Plain Target.submit with native formats ---------------------------------------------


def test_ionq_json_on_ideal_simulator_gives_exact_probabilities(workspace):
    target = workspace.get_targets("ionq.simulator")
    job = finished(target.submit(BELL_IONQ, name="ionq-json-ideal", shots=100))
    assert job.details.output_data_format == "ionq.quantum-results.v1"
    results = job.get_results()
    assert results["histogram"] == pytest.approx({"0": 0.5, "3": 0.5})


def test_ionq_json_on_emulated_aria_is_sampled_with_noise(workspace):
    target = workspace.get_targets("ionq.qpu.aria-1")
    job = finished(target.submit(BELL_IONQ, name="ionq-json-aria", shots=IONQ_NOISY_SHOTS))
    probabilities = job.get_results()["histogram"]
    # Sampled frequencies: every value is a multiple of 1/shots and they sum to one.
    counts = {format(int(k), "02b"): round(v * IONQ_NOISY_SHOTS) for k, v in probabilities.items()}
    assert sum(probabilities.values()) == pytest.approx(1.0)
    assert all(
        v * IONQ_NOISY_SHOTS == pytest.approx(round(v * IONQ_NOISY_SHOTS))
        for v in probabilities.values()
    )
    assert_noisy_bell(counts, IONQ_NOISY_SHOTS)


def test_openqasm_on_noisy_h2_emulator(workspace):
    target = workspace.get_targets("quantinuum.sim.h2-1e")
    job = finished(target.submit(BELL_QASM, name="qasm-h2e", shots=QUANTINUUM_NOISY_SHOTS))
    assert job.details.output_data_format == "honeywell.quantum-results.v1"
    registers = job.get_results()
    assert len(registers["c"]) == QUANTINUUM_NOISY_SHOTS
    assert all(len(shot) == 2 and set(shot) <= {"0", "1"} for shot in registers["c"])
    assert_noisy_bell(histogram(registers["c"]), QUANTINUUM_NOISY_SHOTS)


def test_openqasm_on_syntax_checker_gives_all_zeros(workspace):
    target = workspace.get_targets("quantinuum.sim.h2-1sc")
    job = finished(target.submit(BELL_QASM, name="qasm-sc", shots=50))
    assert job.get_results() == {"c": ["00"] * 50}


def test_quil_on_qvm_reads_the_ro_register(workspace):
    from azure.quantum.target.rigetti import Result, Rigetti

    target = Rigetti(workspace=workspace, name="rigetti.sim.qvm")
    job = finished(target.submit(BELL_QUIL, name="quil-qvm", shots=IDEAL_SHOTS))
    assert job.details.output_data_format == "rigetti.quil-results.v1"
    ro = Result(job)["ro"]
    assert len(ro) == IDEAL_SHOTS
    assert_ideal_bell(histogram(ro), IDEAL_SHOTS)


def test_quil_syntax_error_fails_the_job_with_invalid_input_data(workspace):
    from azure.quantum.target.rigetti import Rigetti

    target = Rigetti(workspace=workspace, name="rigetti.sim.qvm")
    job = target.submit("DECLARE ro BIT[2]\nH 0 0 0 (\nMEASURE 0 ro[0]", name="quil-broken")
    job.wait_until_completed(timeout_secs=30)
    assert job.details.status == "Failed"
    assert job.details.error_data.code == "InvalidInputData"
    assert job.details.error_data.message


# 2. Qiskit -------------------------------------------------------------------------------


def bell_circuit():
    from qiskit import QuantumCircuit

    circuit = QuantumCircuit(2, 2, name="Bell")
    circuit.h(0)
    circuit.cx(0, 1)
    circuit.measure([0, 1], [0, 1])
    return circuit


@pytest.fixture
def provider(workspace):
    from azure.quantum.qiskit import AzureQuantumProvider

    return AzureQuantumProvider(workspace=workspace)


@pytest.mark.parametrize(
    ("target", "shots", "noisy"),
    [
        ("ionq.simulator", IDEAL_SHOTS, False),
        ("quantinuum.sim.h2-1e", QUANTINUUM_NOISY_SHOTS, True),
        ("rigetti.sim.qvm", IDEAL_SHOTS, False),
    ],
)
def test_qiskit_default_qir_backends(provider, target, shots, noisy):
    backend = provider.get_backend(target)
    assert backend.configuration().to_dict()["azure"]["input_data_format"] == "qir.v1"
    job = backend.run(bell_circuit(), shots=shots)
    counts = job.result().get_counts()
    assert job._azure_job.details.input_data_format == "qir.v1"
    (assert_noisy_bell if noisy else assert_ideal_bell)(counts, shots)


def test_qiskit_ionq_passthrough_backend(provider):
    # Two classes (qis and native gate sets) share the name; the gateset filter picks one.
    backend = provider.get_backend(
        "ionq.simulator", input_data_format="ionq.circuit.v1", gateset="qis"
    )
    job = backend.run(bell_circuit(), shots=IDEAL_SHOTS)
    counts = job.result().get_counts()
    assert job._azure_job.details.input_data_format == "ionq.circuit.v1"
    assert_ideal_bell(counts, IDEAL_SHOTS)


def test_qiskit_quantinuum_passthrough_backend(provider):
    backend = provider.get_backend(
        "quantinuum.sim.h2-1e", input_data_format="honeywell.openqasm.v1"
    )
    job = backend.run(bell_circuit(), shots=QUANTINUUM_NOISY_SHOTS)
    counts = job.result().get_counts()
    assert job._azure_job.details.input_data_format == "honeywell.openqasm.v1"
    assert_noisy_bell(counts, QUANTINUUM_NOISY_SHOTS)


# 3. Cirq ---------------------------------------------------------------------------------


def cirq_bell():
    import cirq

    q0, q1 = cirq.LineQubit.range(2)
    return cirq.Circuit(cirq.H(q0), cirq.CNOT(q0, q1), cirq.measure(q0, q1, key="m"))


def cirq_counts(result) -> dict[str, int]:
    return {format(k, "02b"): v for k, v in result.histogram(key="m").items()}


@pytest.fixture
def cirq_service(workspace):
    from azure.quantum.cirq import AzureQuantumService

    return AzureQuantumService(workspace=workspace)


def test_cirq_ionq_target_run(cirq_service):
    result = cirq_service.run(cirq_bell(), repetitions=IDEAL_SHOTS, target="ionq.simulator")
    assert_ideal_bell(cirq_counts(result), IDEAL_SHOTS)


def test_cirq_quantinuum_target_submit(cirq_service):
    target = cirq_service.get_target("quantinuum.sim.h2-1e")
    job = target.submit(cirq_bell(), repetitions=QUANTINUUM_NOISY_SHOTS, name="cirq-h2e")
    assert job.azure_job.details.input_data_format == "honeywell.openqasm.v1"
    assert_noisy_bell(cirq_counts(job.results()), QUANTINUUM_NOISY_SHOTS)


def test_cirq_generic_qir_target(cirq_service):
    target = cirq_service.get_target("rigetti.sim.qvm")
    job = target.submit(cirq_bell(), repetitions=IDEAL_SHOTS, name="cirq-qvm")
    assert job.azure_job.details.input_data_format == "qir.v1"
    assert_ideal_bell(cirq_counts(job.results()), IDEAL_SHOTS)


# 4. Qubit limit --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("target", "program", "limit"),
    [
        ("ionq.simulator", {**BELL_IONQ, "qubits": 26}, 25),
        ("quantinuum.sim.h2-1e", ghz_qasm(21), 20),
    ],
)
def test_job_over_the_qubit_limit_fails_and_states_the_limit(workspace, target, program, limit):
    job = workspace.get_targets(target).submit(program, name="too-big", shots=10)
    job.wait_until_completed(timeout_secs=30)
    assert job.details.status == "Failed"
    message = job.details.error_data.message
    assert f"at most {limit} qubits" in message, message
    assert target in message


# 5. Cost estimates -----------------------------------------------------------------------


def cost(job) -> tuple[dict[str, float], float]:
    estimate = job.details.cost_estimate
    assert estimate is not None and estimate.events
    billed = {e.dimension_id: e.amount_billed for e in estimate.events}
    assert estimate.estimated_total == pytest.approx(
        sum(e.amount_billed * e.unit_price for e in estimate.events), abs=1e-3
    )
    return billed, estimate.estimated_total


def test_ionq_job_has_a_gate_shot_cost_estimate(workspace):
    job = finished(workspace.get_targets("ionq.qpu.aria-1").submit(BELL_IONQ, shots=100))
    billed, total = cost(job)
    # One 1q and one 2q gate, 100 shots; error mitigation on by default (USD 97.50 minimum).
    assert billed["gs1q"] == 100 and billed["gs2q"] == 100
    assert total == pytest.approx(97.50 + 100 * 0.000220 + 100 * 0.000975, abs=1e-3)


def test_quantinuum_job_has_an_hqc_cost_estimate(workspace):
    job = finished(workspace.get_targets("quantinuum.sim.h2-1e").submit(BELL_QASM, shots=100))
    billed, _ = cost(job)
    # HQC = 5 + C (N1q + 10 N2q + 5 Nm) / 5000, with Nm = 2 preparations + 2 measurements.
    assert billed["ehqc"] == pytest.approx(5 + 100 * (1 + 10 + 5 * 4) / 5000)


# 6. providerStatus -----------------------------------------------------------------------


def test_provider_ids_are_lower_case_and_plugins_see_their_targets(
    workspace, provider, cirq_service
):
    targets = workspace.get_targets()
    providers = {t.provider_id for t in targets}
    assert {"ionq", "quantinuum", "rigetti"} <= providers
    assert all(p == p.lower() for p in providers)
    backends = {b.name for b in provider.backends()}
    assert {"ionq.simulator", "quantinuum.sim.h2-1e", "rigetti.sim.qvm"} <= backends
    cirq_targets = {t.name: type(t).__name__ for t in cirq_service.targets()}
    assert cirq_targets["ionq.qpu.aria-1"] == "IonQTarget"
    assert cirq_targets["quantinuum.sim.h2-1e"] == "QuantinuumTarget"
    assert cirq_targets["rigetti.sim.qvm"] == "AzureGenericQirCirqTarget"


def test_qubit_limit_messages_give_the_real_reason(workspace):
    """Noisy emulation is capped by run time; ideal simulation by the state's memory."""
    emulated = workspace.get_targets("quantinuum.sim.h2-1e").submit(ghz_qasm(21), shots=10)
    emulated.wait_until_completed(timeout_secs=30)
    message = emulated.details.error_data.message
    assert "at most 20 qubits" in message and "56 qubits" in message, message
    assert "time" in message and "GiB" not in message, message
    ideal = workspace.get_targets("ionq.simulator").submit(
        {"qubits": 26, "circuit": [{"gate": "h", "target": q} for q in range(26)]}, shots=10
    )
    ideal.wait_until_completed(timeout_secs=30)
    message = ideal.details.error_data.message
    assert "at most 25 qubits" in message and "1 GiB of memory" in message, message
