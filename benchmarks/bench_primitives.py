"""Issue 11 benchmark: a Qiskit primitives VQE loop, ours in an Azure session against IBM local mode.

Each iteration estimates the two-qubit H2 Hamiltonian (two measurement groups)
for one angle, with precision 0.1 (100 shots per group), and picks the next
angle from the result. Ours: `qsession_jupyter.qiskit.EstimatorV2(mode=session)`
in a session on the local workspace's ionq.simulator, every job through the
azure-quantum SDK. IBM: qiskit-ibm-runtime's local testing mode,
`EstimatorV2(mode=Session(backend=AerSimulator()))`. Iterations are interleaved
so machine noise hits both alike. Printed: median per-iteration times and
their ratio (target <= 2x), our split (plan: coerce, template bind; jobs:
submit, run, wait, read), the first (cold, converting) iteration, and the cost
of binding a parameter set into the QIR template against a fresh conversion.

    .venv/bin/python benchmarks/bench_primitives.py [--iterations 40] [--precision 0.1]
"""

from __future__ import annotations

import argparse
import math
import time

from common import median, ms, private_service

COEFFICIENTS = [
    ("II", -1.052373245772859),
    ("IZ", 0.39793742484318045),
    ("ZI", -0.39793742484318045),
    ("ZZ", -0.01128010425623538),
    ("XX", 0.18093119978423156),
]


def problem():
    from qiskit import QuantumCircuit
    from qiskit.circuit import Parameter
    from qiskit.quantum_info import SparsePauliOp

    theta = Parameter("θ")
    ansatz = QuantumCircuit(2, name="H2 ansatz")
    ansatz.x(0)
    ansatz.ry(theta, 1)
    ansatz.cx(1, 0)
    return ansatz, SparsePauliOp.from_list(COEFFICIENTS)


def next_angle(theta: float, energy: float) -> float:
    """A deterministic walk driven by the last result, as an optimiser's would be."""
    return (theta + 0.37 + 0.1 * math.sin(energy * 7.0)) % (2 * math.pi)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--iterations", type=int, default=40)
    parser.add_argument("--precision", type=float, default=0.1)
    args = parser.parse_args()

    from azure.quantum.qiskit import AzureQuantumProvider
    from qiskit import transpile
    from qiskit_aer import AerSimulator
    from qiskit_ibm_runtime import EstimatorV2 as IbmEstimator
    from qiskit_ibm_runtime import Session as IbmSession

    from qsession_jupyter.qiskit import EstimatorV2
    from qsession_jupyter.qiskit.target import AzureTarget

    ansatz, hamiltonian = problem()
    service = private_service()
    workspace = service.workspace()
    backend = AzureQuantumProvider(workspace=workspace).get_backend("ionq.simulator")
    aer = AerSimulator()
    isa = transpile(ansatz, aer)

    ours_times, ibm_times, plans, jobs_times = [], [], [], []
    with backend.open_session(name="bench primitives") as session:
        ours = EstimatorV2(mode=session)
        ibm = IbmEstimator(mode=IbmSession(backend=aer))
        # Cold first iteration: the circuit is converted (twice per group) here.
        start = time.perf_counter()
        first = ours.run([(ansatz, hamiltonian, [0.1])], precision=args.precision).result()
        cold = time.perf_counter() - start
        ibm.run([(isa, hamiltonian, [0.1])], precision=args.precision).result()  # warm IBM too
        theta_ours = theta_ibm = 0.2
        for _ in range(args.iterations):
            start = time.perf_counter()
            job = ours.run([(ansatz, hamiltonian, [theta_ours])], precision=args.precision)
            planned = time.perf_counter()
            energy = float(job.result()[0].data.evs)
            done = time.perf_counter()
            ours_times.append(done - start)
            plans.append(planned - start)
            jobs_times.append(done - planned)
            theta_ours = next_angle(theta_ours, energy)

            start = time.perf_counter()
            result = ibm.run([(isa, hamiltonian, [theta_ibm])], precision=args.precision).result()
            ibm_times.append(time.perf_counter() - start)
            theta_ibm = next_angle(theta_ibm, float(result[0].data.evs))

    # Binding into the template against converting afresh, for one measured circuit.
    target = AzureTarget(backend)
    measured = ansatz.measure_all(inplace=False)
    template = target.template(measured)
    binds, converts = [], []
    for k in range(20):
        start = time.perf_counter()
        template.bind([0.01 * k])
        binds.append(time.perf_counter() - start)
        bound = measured.assign_parameters([0.01 * k])
        start = time.perf_counter()
        target._convert(bound)  # what every parameter set would cost without the template
        converts.append(time.perf_counter() - start)
    service.stop()

    ours_median, ibm_median = median(ours_times), median(ibm_times)
    print(
        f"iterations: {args.iterations}, precision {args.precision} "
        f"({first[0].metadata['shots']} shots per group, 2 groups)"
    )
    print(f"ours  EstimatorV2 in an Azure session (local ionq.simulator): median {ms(ours_median)}")
    print(f"IBM   EstimatorV2 local mode (AerSimulator):                 median {ms(ibm_median)}")
    print(f"ratio ours/IBM: {ours_median / ibm_median:.2f}x (target <= 2x)")
    print(
        f"our split: plan (coerce, bind) {ms(median(plans))}, "
        f"jobs (submit, run, wait, read) {ms(median(jobs_times))}; "
        f"plan share {median(plans) / ours_median:.1%}"
    )
    print(f"first iteration (cold: converts each group's circuit twice): {ms(cold)}")
    print(
        f"one parameter set: template bind {median(binds) * 1e6:.0f} us, "
        f"fresh qdk conversion {ms(median(converts))} "
        f"({median(converts) / median(binds):.0f}x)"
    )


if __name__ == "__main__":
    main()
