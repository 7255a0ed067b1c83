"""Emulated devices are noisy (with the providers' figures); cost estimates follow their pricing."""

from __future__ import annotations

import json

import pytest
from execution_helpers import make_request, output_of

from qsession_jupyter.local.execution.noise import noise_for
from qsession_jupyter.providers.catalog import TARGETS, find_target


def cost_estimate(spec, usage: dict) -> dict:
    """What the service writes for a job of `usage` on `spec` (its provider's price)."""
    return spec.provider.cost_estimate(spec, usage)


def bell_counts(doc: dict) -> dict[str, int]:
    return {h["Display"]: h["Count"] for h in doc["Results"][0]["Histogram"]}


@pytest.mark.parametrize(
    "target", ["ionq.qpu.aria-1", "quantinuum.sim.h2-1e", "rigetti.qpu.cepheus-1-108q"]
)
def test_bell_pair_on_an_emulated_device_is_mostly_correlated_with_some_errors(
    pool, bell_qir, target
):
    doc = output_of(pool.run(make_request(target, "qir.v1", bell_qir, {"shots": 3000})))
    counts = bell_counts(doc)
    good = counts.get("[0, 0]", 0) + counts.get("[1, 1]", 0)
    assert good / 3000 > 0.85
    assert counts.get("[0, 1]", 0) + counts.get("[1, 0]", 0) > 0


def test_every_emulated_device_has_published_noise_and_ideal_ones_none():
    for spec in TARGETS.values():
        noise = noise_for(spec)
        if spec.kind == "emulator":
            assert noise is not None and 0 < noise.p2 < 0.05 and 0 < noise.readout < 0.05
        else:
            assert noise is None


def test_ionq_cost_follows_gate_shots():
    usage = {"shots": 100, "gates_1q": 3, "gates_2q": 2, "gates_mq": 0, "gates_mq_as_2q": 0}
    estimate = cost_estimate(find_target("ionq.qpu.aria-1"), usage)
    events = {e["dimensionId"]: e for e in estimate["events"]}
    assert events["gs1q"]["amountBilled"] == 300 and events["gs1q"]["unitPrice"] == 0.00022
    assert events["gs2q"]["amountBilled"] == 200 and events["gs2q"]["unitPrice"] == 0.000975
    assert estimate["estimatedTotal"] == pytest.approx(97.5 + 300 * 0.00022 + 200 * 0.000975)
    free = cost_estimate(find_target("ionq.simulator"), usage)
    assert free["estimatedTotal"] == 0 and {e["dimensionId"] for e in free["events"]} == {
        "gs1q",
        "gs2q",
    }


def test_quantinuum_cost_counts_hqcs():
    usage = {"shots": 100, "qubits": 2, "measurements": 2, "gates_1q": 1, "gates_2q": 1}
    estimate = cost_estimate(find_target("quantinuum.sim.h2-1e"), usage)
    [event] = estimate["events"]
    assert event["dimensionId"] == "ehqc"
    assert event["amountBilled"] == pytest.approx(5 + 100 * (1 + 10 + 5 * 4) / 5000)
    assert cost_estimate(find_target("quantinuum.sim.h2-1sc"), usage)["events"] == []


def test_rigetti_cost_is_billed_in_10ms_increments():
    estimate = cost_estimate(find_target("rigetti.qpu.ankaa-3"), {"shots": 1000})
    [event] = estimate["events"]
    assert event["amountBilled"] == 100 and estimate["estimatedTotal"] == pytest.approx(1.3)


def test_outcome_usage_feeds_the_estimate(pool):
    body = {
        "qubits": 2,
        "circuit": [{"gate": "h", "targets": [0]}, {"gate": "cnot", "control": 0, "target": 1}],
    }
    outcome = pool.run(
        make_request("ionq.qpu.forte-1", "ionq.circuit.v1", json.dumps(body), {"shots": 50})
    )
    assert outcome.status == "Succeeded"
    assert all(isinstance(v, (int, float)) for v in outcome.usage.values())  # contract: numbers
    estimate = cost_estimate(find_target("ionq.qpu.forte-1"), outcome.usage)
    events = {e["dimensionId"]: e["amountBilled"] for e in estimate["events"]}
    assert events["gs1q"] == 50 and events["gs2q"] == 50


def test_trajectories_match_qdk_noise():
    """Our trajectory sampler and qdk's noisy simulator agree on the same depolarizing model."""
    from collections import Counter

    import numpy as np
    from execution_helpers import qsharp_qir
    from qdk.simulation import run_qir

    from qsession_jupyter.local.execution.noise import Noise
    from qsession_jupyter.local.execution.qir.program import parse_program
    from qsession_jupyter.local.execution.sim.noisy import sample_noisy

    qir = qsharp_qir(
        """
        operation C() : Result[] {
            use qs = Qubit[3];
            H(qs[0]); Rx(0.7, qs[1]); CNOT(qs[0], qs[1]); Ry(1.2, qs[2]);
            CZ(qs[1], qs[2]); Rxx(0.5, qs[0], qs[2]); H(qs[2]);
            MResetEachZ(qs)
        }
        """,
        "C()",
    )
    program = parse_program(qir.encode())
    noise = Noise(p1=0.06, p2=0.15, readout=0.0)  # strong, so that a mismatch would show
    shots = 10000
    reference = Counter(
        "".join("1" if str(r) == "One" else "0" for r in shot)
        for shot in run_qir(qir, shots=shots, noise=noise.qdk_config(), seed=5, type="cpu")
    )
    measured = [q for q, _ in program.measurements]

    def distribution(p1: float, p2: float) -> Counter:
        bits = sample_noisy(3, program.gates, measured, shots, p1, p2, np.random.default_rng(7))
        return Counter("".join(map(str, row)) for row in bits.tolist())

    def distance(a: Counter, b: Counter) -> float:
        return 0.5 * sum(abs(a[k] - b[k]) for k in set(a) | set(b)) / shots

    assert distance(distribution(noise.p1, noise.p2), reference) < 0.03
    assert distance(distribution(0.0, 0.0), reference) > 0.15  # the noise is visible


def test_a_14_qubit_noisy_job_gives_the_expected_distribution(pool):
    """Wide enough for the trajectory engine; P(GHZ pair) = cos(0.15)^28 = 0.73, minus noise."""
    from execution_helpers import qsharp_qir

    qir = qsharp_qir(
        """
        operation Wide() : Result[] {
            use qs = Qubit[14];
            H(qs[0]);
            for i in 0..12 { CNOT(qs[i], qs[i + 1]); }
            for q in qs { Rx(0.3, q); }
            MResetEachZ(qs)
        }
        """,
        "Wide()",
    )
    doc = output_of(pool.run(make_request("quantinuum.sim.h2-1e", "qir.v1", qir, {"shots": 300})))
    counts = bell_counts(doc)
    ghz = counts.get(str([0] * 14), 0) + counts.get(str([1] * 14), 0)
    assert 150 < ghz < 260
