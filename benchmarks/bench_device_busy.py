"""Issue 20 benchmark: how busy our own waits keep an emulated QPU.

Device busy share = the jobs' execution time (the service's begin/end times)
over the wall time of the loop that ran them. The device idles from a job's
end until the notebook notices, reads the results and sends the next job, so
the share measures our waiting. On the local workspace's emulated
ionq.qpu.aria-1 and quantinuum.qpu.h2-1 (one job at a time, the time model of
the real devices times --time-scale), in a session:

* SamplerV2.run of one pub with 10 parameter sets (10 jobs, sent together);
* a 10-iteration EstimatorV2 loop (ZZ and XX: two jobs per iteration, the
  next angle from the last result);
* the same two loops written with plain `target.submit(...).get_results()`,
  one job at a time (the SDK's own wait), as users write them from the docs.

Each arm runs once untimed (QIR conversion, Q# compilation), then --repeat
times; medians are printed side by side. Target: >= 90 %. A session without
a budget is told once what a job costs at least: that note is printed too.

    .venv/bin/python benchmarks/bench_device_busy.py [--repeat 3] [--shots 100] [--time-scale 1]
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import io
import math
import time

from common import median, private_service

TARGETS = ("ionq.qpu.aria-1", "quantinuum.qpu.h2-1")
ITERATIONS = 10
ANSATZ_QSHARP = """
operation Ansatz(a : Double, b : Double, basis : Int) : Result[] {
    use q = Qubit[2];
    Ry(a, q[0]);
    Ry(b, q[1]);
    CNOT(q[0], q[1]);
    if basis == 1 { H(q[0]); H(q[1]); }
    MResetEachZ(q)
}
"""


def busy_share(jobs: list, wall: float) -> float:
    busy = 0.0
    for job in jobs:
        job.refresh()
        details = job.details
        busy += (details.end_execution_time - details.begin_execution_time).total_seconds()
    return busy / wall


def angles(step: int, last: float) -> tuple[float, float]:
    """The next parameters from the last result, as an optimiser's would be."""
    return (0.3 + 0.37 * step + 0.1 * math.sin(7 * last)) % math.pi, (0.2 * step) % math.pi


@functools.cache
def circuit(measured: bool = False):
    """One circuit object per kind, so it is converted to QIR once (the template cache),
    as in a notebook's loop after its first iteration."""
    from qiskit import QuantumCircuit
    from qiskit.circuit import Parameter

    a, b = Parameter("a"), Parameter("b")
    qc = QuantumCircuit(2, name="ansatz")
    qc.ry(a, 0)
    qc.ry(b, 1)
    qc.cx(0, 1)
    if measured:
        qc.measure_all()
    return qc


def sampler_run(session, shots: int) -> float:
    from qsession_jupyter.qiskit import SamplerV2

    qc = circuit(measured=True)
    values = [angles(step, 0.0) for step in range(ITERATIONS)]
    started = time.perf_counter()
    job = SamplerV2(mode=session).run([(qc, values)], shots=shots)
    job.result()
    return busy_share(job.azure_jobs, time.perf_counter() - started)


def estimator_loop(session, shots: int) -> float:
    from qiskit.quantum_info import SparsePauliOp

    from qsession_jupyter.qiskit import EstimatorV2

    estimator = EstimatorV2(mode=session)
    estimator.options.default_shots = shots
    observable = SparsePauliOp.from_list([("ZZ", 1.0), ("XX", 0.5)])
    qc, jobs, energy = circuit(), [], 0.0
    started = time.perf_counter()
    for step in range(ITERATIONS):
        job = estimator.run([(qc, observable, angles(step, energy))])
        energy = float(job.result()[0].data.evs)
        jobs += job.azure_jobs
    return busy_share(jobs, time.perf_counter() - started)


def plain_loop(target, shots: int, groups: int) -> float:
    """The loop from the docs: submit one job, wait for its results, then the next."""
    from qdk import qsharp

    jobs, energy = [], 0.0
    started = time.perf_counter()
    with contextlib.redirect_stdout(io.StringIO()):  # the SDK's wait prints a dot per poll
        for step in range(ITERATIONS):
            a, b = angles(step, energy)
            for basis in range(groups):
                program = qsharp.compile(f"Ansatz({a}, {b}, {basis})")
                job = target.submit(program, name=f"plain {step}/{basis}", shots=shots)
                results = job.get_results()
                energy = float(len(str(results))) % 3  # a classical step reading the result
                jobs.append(job)
    return busy_share(jobs, time.perf_counter() - started)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--shots", type=int, default=100)
    parser.add_argument("--time-scale", type=float, default=1.0)
    args = parser.parse_args()
    from qdk import qsharp

    qsharp.init(target_profile=qsharp.TargetProfile.Base)
    qsharp.eval(ANSATZ_QSHARP)
    service = private_service(time_scale=args.time_scale, exclusive_window=60)
    workspace = service.workspace()
    print(
        f"device busy share (median of {args.repeat}), {args.shots} shots per job, "
        f"time scale {args.time_scale}"
    )
    try:
        for name in TARGETS:
            results: dict[str, list[float]] = {}
            for repeat in range(args.repeat + 1):  # the first converts and compiles: not counted
                target = workspace.get_targets(name)
                with target.open_session(name="busy") as session:
                    shares = {
                        "sampler": sampler_run(session, args.shots),
                        "plain10": plain_loop(target, args.shots, 1),
                        "estimator": estimator_loop(session, args.shots),
                        "plain20": plain_loop(target, args.shots, 2),
                    }
                for arm, value in shares.items():
                    if repeat:
                        results.setdefault(arm, []).append(value)
            share = {arm: median(values) for arm, values in results.items()}
            print(f"{name}:")
            print(
                f"  SamplerV2.run, 10 sets:       {share['sampler']:6.1%}   "
                f"plain submit/get_results x10:        {share['plain10']:6.1%}"
            )
            print(
                f"  EstimatorV2 loop, 10 iters:   {share['estimator']:6.1%}   "
                f"plain submit/get_results x10 (2 each): {share['plain20']:6.1%}"
            )
    finally:
        service.stop()


if __name__ == "__main__":
    main()
