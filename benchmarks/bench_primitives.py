"""Issue 11 benchmark: a Qiskit primitives VQE loop, ours in an Azure session against IBM local mode.

Each iteration estimates the two-qubit H2 Hamiltonian (two measurement groups)
for one angle with 100 shots per group (precision 0.1), and picks the next
angle from the result. Ours: `qsession_jupyter.qiskit.EstimatorV2(mode=session)`
in a session on the local workspace's ionq.simulator, every job through the
azure-quantum SDK. IBM: qiskit-ibm-runtime's local testing mode,
`EstimatorV2(mode=Session(backend=AerSimulator()))`. Iterations are interleaved
so machine noise hits both alike; then each runs alone, the same
number of times in a row (the other view: no arm runs in the caches the
other just filled). Printed: median per-iteration times, their
ratio (target <= 2x), our split (plan: coerce and bind into the QIR template;
jobs: submit, run, wait, read), the first (cold, converting) iteration, and a
template bind against a fresh qdk conversion.

It is also the `primitives_loop` section of bench_variational.py.

    .venv/bin/python benchmarks/bench_primitives.py [--iterations 40] [--shots 100]
"""

from __future__ import annotations

import argparse
import math
import time

from common import median, median_in_a_row, ms, run_variational_sections

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


def primitives_loop(args: argparse.Namespace, service) -> None:
    """EstimatorV2 loop: ours in an Azure session against IBM local testing mode."""
    from azure.quantum.qiskit import AzureQuantumProvider
    from qiskit import transpile
    from qiskit_aer import AerSimulator
    from qiskit_ibm_runtime import EstimatorV2 as IbmEstimator
    from qiskit_ibm_runtime import Session as IbmSession

    from qsession_jupyter.qiskit import EstimatorV2
    from qsession_jupyter.qiskit.target import AzureTarget

    precision = 1 / math.sqrt(args.shots)
    target_name = getattr(args, "target", "ionq.simulator")
    ansatz, hamiltonian = problem()
    backend = AzureQuantumProvider(workspace=service.workspace()).get_backend(target_name)
    aer = AerSimulator()
    isa = transpile(ansatz, aer)

    ours_times, ibm_times, plans, jobs_times = [], [], [], []
    ibm_session = IbmSession(backend=aer)
    with backend.open_session(name="bench primitives") as session:
        ours = EstimatorV2(mode=session)
        ibm = IbmEstimator(mode=ibm_session)
        start = time.perf_counter()  # cold: each group's circuit is converted here
        first = ours.run([(ansatz, hamiltonian, [0.1])], precision=precision).result()
        cold = time.perf_counter() - start
        start = time.perf_counter()
        ibm.run([(isa, hamiltonian, [0.1])], precision=precision).result()
        ibm_cold = time.perf_counter() - start
        theta_ours = theta_ibm = 0.2
        for _ in range(args.iterations):
            start = time.perf_counter()
            job = ours.run([(ansatz, hamiltonian, [theta_ours])], precision=precision)
            planned = time.perf_counter()
            energy = float(job.result()[0].data.evs)
            done = time.perf_counter()
            ours_times.append(done - start)
            plans.append(planned - start)
            jobs_times.append(done - planned)
            theta_ours = next_angle(theta_ours, energy)

            start = time.perf_counter()
            result = ibm.run([(isa, hamiltonian, [theta_ibm])], precision=precision).result()
            ibm_times.append(time.perf_counter() - start)
            theta_ibm = next_angle(theta_ibm, float(result[0].data.evs))
        ours_alone = median_in_a_row(
            lambda: ours.run([(ansatz, hamiltonian, [0.3])], precision=precision).result(),
            args.iterations,
        )
        ibm_alone = median_in_a_row(
            lambda: ibm.run([(isa, hamiltonian, [0.3])], precision=precision).result(),
            args.iterations,
        )
    ibm_session.close()

    # One parameter set bound into the template, against converting it afresh.
    target = AzureTarget(backend)
    measured = ansatz.measure_all(inplace=False)
    template = target.template(measured)
    binds, converts = [], []
    for k in range(10):
        start = time.perf_counter()
        template.bind([0.01 * k])
        binds.append(time.perf_counter() - start)
        bound = measured.assign_parameters([0.01 * k])
        start = time.perf_counter()
        target._convert(bound)  # what every parameter set would cost without the template
        converts.append(time.perf_counter() - start)

    per_iteration, ibm_median = median(ours_times), median(ibm_times)
    ratios = [a / b for a, b in zip(ours_times, ibm_times, strict=True)]
    shots = first[0].metadata["shots"]
    print(
        f"\n== primitives loop: {args.iterations} iterations, EstimatorV2, H2 (2 groups), "
        f"{shots} shots per group, {target_name} =="
    )
    print(f"  ours (EstimatorV2 in an Azure session):           median {ms(per_iteration)}")
    for key, values in (("plan", plans), ("jobs", jobs_times)):
        share = median(values) / per_iteration * 100
        print(
            f"    {key:<8} median {ms(median(values)):>9}  ({share:4.1f}% of the median iteration)"
        )
    print(f"  IBM local testing mode (EstimatorV2, AerSimulator): median {ms(ibm_median)}")
    print(f"  ratio ours / IBM (per iteration, paired):          median {median(ratios):.2f}x")
    print(f"  ratio of medians ours / IBM:                       {per_iteration / ibm_median:.2f}x")
    print(
        f"  each arm alone, {args.iterations} in a row:             ours {ms(ours_alone)}, "
        f"IBM {ms(ibm_alone)}, ratio {ours_alone / ibm_alone:.2f}x"
    )
    print(f"  cold first iteration: ours {ms(cold)} (converts each group), IBM {ms(ibm_cold)}")
    print(
        f"  one parameter set: template bind {median(binds) * 1e6:.0f} us, "
        f"fresh qdk conversion {ms(median(converts))} ({median(converts) / median(binds):.0f}x)"
    )


def main() -> None:
    run_variational_sections(__doc__.splitlines()[0], [primitives_loop])


if __name__ == "__main__":
    main()
