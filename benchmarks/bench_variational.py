"""Issue 10 benchmark: variational loops, ours against IBM's local testing mode.

Each section is one comparison, run interleaved (one iteration of each arm in
turn) so machine noise hits all arms alike; it prints medians, ratios and how
an iteration of ours splits into bind/compile, submit, wait and results. The
sampler loop then runs ours and IBM's alone, each the same number of times in
a row: interleaved, each arm runs in the caches the other just filled, which
slows IBM's short in-process path more than ours, so both views are printed.

sampler loop: 40 iterations of a 2-qubit ansatz, 100 shots, each angle taken
from the previous result.
  * ours: a `%%qsharp` operation through the Python API, a session on
    ionq.simulator of the local workspace, `target.submit(Ansatz.with_args(theta))`,
    `job.get_results()`; new angles are bound into the learned QIR template;
  * ours, compiling every angle (the template switched off): the loop as it was;
  * IBM: qiskit-ibm-runtime local testing mode, `Session(backend=AerSimulator())`,
    `SamplerV2(mode=session).run([(circuit, [theta])])`.

    .venv/bin/python benchmarks/bench_variational.py [--iterations 40] [--shots 100]

per-job path: where one iteration of ours goes, request by request, and the
service's share from job PUT to a result the SDK can fetch.

worker reads: a worker's own time for one loop job, reading each new angle's
QIR by its shape (what workers do) against parsing it afresh.

Add a comparison by writing a function `section(args, service) -> None` and
listing it in SECTIONS.
"""

from __future__ import annotations

import argparse
import math
import time
from collections.abc import Callable

from common import median, median_in_a_row, ms, run_variational_sections

ANSATZ = """
operation Ansatz(theta : Double) : Result[] {
    use qs = Qubit[2];
    Ry(theta, qs[0]);
    CNOT(qs[0], qs[1]);
    MResetEachZ(qs)
}
"""


def parity(histogram: dict[str, float]) -> float:
    """<Z0 Z1> from a histogram keyed by bit strings in any of the formats seen."""
    total = sum(histogram.values()) or 1
    same = sum(n for bits, n in histogram.items() if _bits(bits) in ("00", "11"))
    return 2 * same / total - 1


def _bits(key: str) -> str:
    return "".join(ch for ch in str(key) if ch in "01")


def next_theta(theta: float, value: float) -> float:
    """A small deterministic classical step: the next angle depends on the last result."""
    return (theta + 0.05 + 0.01 * value) % (2 * math.pi)


class OursArm:
    """One loop iteration on the local workspace through the unmodified SDK."""

    def __init__(self, target, ansatz, shots: int, binding: bool):
        from qsession_jupyter.kernel.qsharp.compiler import get_compiler

        self.target, self.ansatz, self.shots, self.binding = target, ansatz, shots, binding
        self.compiler = get_compiler()
        self.splits: dict[str, list[float]] = {"bind": [], "submit": [], "wait": [], "results": []}
        self.totals: list[float] = []

    def iteration(self, theta: float, record: bool = True) -> float:
        self.compiler.binding = self.binding
        t0 = time.perf_counter()
        program = self.ansatz.with_args(theta)
        program.qir(self.target)  # the bind (or compile) the submit below reuses
        t1 = time.perf_counter()
        job = self.target.submit(program, name="variational", shots=self.shots)
        t2 = time.perf_counter()
        job.wait_until_completed(print_progress=False)
        t3 = time.perf_counter()
        value = parity(job.get_results())
        t4 = time.perf_counter()
        if record:
            for key, seconds in zip(self.splits, (t1 - t0, t2 - t1, t3 - t2, t4 - t3), strict=True):
                self.splits[key].append(seconds)
            self.totals.append(t4 - t0)
        return value


class IbmLocalArm:
    """qiskit-ibm-runtime local testing mode: SamplerV2 in a Session on AerSimulator."""

    def __init__(self, shots: int):
        from qiskit import QuantumCircuit
        from qiskit.circuit import Parameter
        from qiskit_aer import AerSimulator
        from qiskit_ibm_runtime import SamplerV2, Session

        self.theta = Parameter("theta")
        circuit = QuantumCircuit(2)
        circuit.ry(self.theta, 0)
        circuit.cx(0, 1)
        circuit.measure_all()
        self.circuit, self.shots = circuit, shots
        self.session = Session(backend=AerSimulator())
        self.sampler = SamplerV2(mode=self.session)
        self.totals: list[float] = []

    def iteration(self, theta: float, record: bool = True) -> float:
        t0 = time.perf_counter()
        result = self.sampler.run([(self.circuit, [theta])], shots=self.shots).result()
        value = parity(result[0].data.meas.get_counts())
        if record:
            self.totals.append(time.perf_counter() - t0)
        return value

    def close(self) -> None:
        self.session.close()


def sampler_loop(args: argparse.Namespace, service) -> None:
    """Sampler-style loop: ours (bound, and compiling every angle) against IBM local mode."""
    from qsession_jupyter.kernel import api
    from qsession_jupyter.kernel.qsharp.cells import run_cell

    api.use_workspace(service.workspace())
    ansatz = run_cell(ANSATZ).callables["Ansatz"]
    session = api.open_session(args.target, name="bench-variational")
    target = api.current_target()
    ours = OursArm(target, ansatz, args.shots, binding=True)
    compiling = OursArm(target, ansatz, args.shots, binding=False)
    ibm = IbmLocalArm(args.shots)
    try:
        start = time.perf_counter()
        ours.iteration(0.1, record=False)
        cold = time.perf_counter() - start
        start = time.perf_counter()
        ibm.iteration(0.1, record=False)
        ibm_cold = time.perf_counter() - start
        # The second new angle teaches the template; it is not a steady-state iteration.
        start = time.perf_counter()
        ours.iteration(0.2, record=False)
        learning = time.perf_counter() - start
        thetas = {"ours": 0.3, "compiling": 0.3005, "ibm": 0.3}
        arms: dict[str, Callable[[float], float]] = {
            "ours": ours.iteration,
            "compiling": compiling.iteration,
            "ibm": ibm.iteration,
        }
        for _ in range(args.iterations):
            for name, step in arms.items():
                thetas[name] = next_theta(thetas[name], step(thetas[name]))
        in_a_row = {
            name: median_in_a_row(lambda arm=arm: arm.iteration(0.3, record=False), args.iterations)
            for name, arm in (("ours", ours), ("ibm", ibm))
        }
    finally:
        ibm.close()
        api.close_sessions(session.id)

    ratios = [a / b for a, b in zip(ours.totals, ibm.totals, strict=True)]
    before = [a / b for a, b in zip(compiling.totals, ibm.totals, strict=True)]
    per_iteration = median(ours.totals)
    print(f"\n== sampler loop: {args.iterations} iterations, {args.shots} shots, {args.target} ==")
    print(f"  ours (bind new angle -> submit -> wait -> results):  median {ms(per_iteration)}")
    for key, values in ours.splits.items():
        share = median(values) / per_iteration * 100
        print(
            f"    {key:<8} median {ms(median(values)):>9}  ({share:4.1f}% of the median iteration)"
        )
    print(
        f"  ours compiling every angle (template off):          median {ms(median(compiling.totals))}"
    )
    print(
        f"    of which compile                                  median {ms(median(compiling.splits['bind']))}"
    )
    print(f"  IBM local testing mode (SamplerV2, AerSimulator):   median {ms(median(ibm.totals))}")
    print(f"  ratio ours / IBM (per iteration, paired):           median {median(ratios):.2f}x")
    print(f"  ratio ours compiling every angle / IBM:             median {median(before):.2f}x")
    print(
        f"  each arm alone, {args.iterations} in a row:              ours {ms(in_a_row['ours'])}, "
        f"IBM {ms(in_a_row['ibm'])}, ratio {in_a_row['ours'] / in_a_row['ibm']:.2f}x"
    )
    print(f"  cold first iteration: ours {ms(cold)} (one compile), IBM {ms(ibm_cold)}")
    print(f"  second angle (learns the template, once):           {ms(learning)}")


def per_job_path(args: argparse.Namespace, service) -> None:
    """Where one iteration of ours goes: each HTTP request the SDK makes, and the service's share.

    Requests are timed around `requests.Session.send` (the SDK's transport); the
    service's share of each is its Server-Timing header (from parsed headers to
    the response, including a held job GET's wait for the job). What is left is
    the SDK's, the HTTP client's and the kernel's: no faster service can cut it.
    """
    import requests

    from qsession_jupyter.kernel import api
    from qsession_jupyter.kernel.qsharp.cells import run_cell

    timings: dict[str, list[float]] = {}
    handled: dict[str, list[float]] = {}
    send = requests.Session.send

    def timed_send(self, request, **kwargs):
        start = time.perf_counter()
        response = send(self, request, **kwargs)
        kind = _request_kind(request)
        timings.setdefault(kind, []).append(time.perf_counter() - start)
        handled.setdefault(kind, []).append(_server_seconds(response))
        return response

    workspace = service.workspace()
    api.use_workspace(workspace)
    ansatz = run_cell(ANSATZ).callables["Ansatz"]
    session = api.open_session(args.target, name="bench-per-job")
    target = api.current_target()
    arm = OursArm(target, ansatz, args.shots, binding=True)
    for theta in (0.1, 0.2):  # compile, then learn the template
        arm.iteration(theta, record=False)
    requests.Session.send = timed_send
    try:
        theta = 0.3
        for _ in range(args.iterations):
            theta = next_theta(theta, arm.iteration(theta))
    finally:
        requests.Session.send = send
        api.close_sessions(session.id)
    queued, executed = [], []
    for job in workspace.list_session_jobs(session_id=session.id):
        d = job.details
        if d.begin_execution_time and d.end_execution_time and d.creation_time:
            queued.append((d.begin_execution_time - d.creation_time).total_seconds())
            executed.append((d.end_execution_time - d.begin_execution_time).total_seconds())
    total = median(arm.totals)

    def per_iteration(values: dict[str, list[float]]) -> float:
        return sum(median(v) * len(v) / args.iterations for v in values.values())

    in_requests, in_service = per_iteration(timings), per_iteration(handled)
    print(f"\n== per-job path: {args.iterations} iterations of ours, median {ms(total)} ==")
    for kind, values in timings.items():
        per = len(values) / args.iterations
        print(
            f"  {kind:<34} {per:.1f} per iteration, median {ms(median(values))}"
            f" (service {ms(median(handled[kind]))})"
        )
    print(f"  all HTTP round trips (sum of medians):  {ms(in_requests)}")
    print(f"    of which in the service's handlers:   {ms(in_service)}")
    print(f"  SDK and kernel Python outside requests: {ms(total - in_requests)}")
    print(f"  outside the service altogether:         {ms(total - in_service)}")
    print(f"  service: job PUT -> execution starts    median {ms(median(queued))}")
    print(
        f"  service: execution (worker IPC, simulation, result write) median {ms(median(executed))}"
    )


def worker_reads(args: argparse.Namespace, service) -> None:
    """A worker's share of one loop job: reading each new angle's QIR afresh, or by its shape.

    In-process `runner.execute` of the ansatz at new angles on ionq.simulator,
    interleaved: with the shape cache (what workers do) and with a cache that
    keeps nothing (every program parsed by pyqir, as before the cache).
    """
    from qsession_jupyter.kernel.qsharp.cells import run_cell
    from qsession_jupyter.local.execution import ExecutionRequest
    from qsession_jupyter.local.execution.qir import program
    from qsession_jupyter.local.execution.qir.shapes import ProgramShapes
    from qsession_jupyter.local.execution.runner import execute, warm_up

    warm_up()
    ansatz = run_cell(ANSATZ).callables["Ansatz"]
    template = ansatz.with_args(0.01)._repr_qir_(target=args.target).decode()
    assert "double 0.01," in template
    cached, shapes, fresh = [], program._SHAPES, ProgramShapes(size=0)
    uncached: list[float] = []
    for k in range(10 * args.iterations):
        data = template.replace("double 0.01,", f"double {0.3 + 1e-4 * k!r},").encode()
        request = ExecutionRequest(
            job_id=str(k),
            target_id=args.target,
            input_format="qir.v1",
            output_format="microsoft.quantum-results.v2",
            input_data=data,
            input_params={"shots": args.shots},
            timeout=60,
        )
        for cache, times in ((shapes, cached), (fresh, uncached)):
            program._SHAPES = cache
            start = time.perf_counter()
            assert execute(request).status == "Succeeded"
            times.append(time.perf_counter() - start)
    program._SHAPES = shapes
    print(f"\n== worker reads: {len(cached)} new angles, in-process execute on {args.target} ==")
    print(f"  parsed by pyqir every time: median {median(uncached) * 1e3:.3f} ms")
    print(f"  read by shape (the worker): median {median(cached) * 1e3:.3f} ms")
    print(f"  ratio: {median(uncached) / median(cached):.1f}x")


def _server_seconds(response) -> float:
    """The service's own time for a request, from its Server-Timing header (0 if absent)."""
    for part in response.headers.get("Server-Timing", "").split(","):
        name, _, duration = part.strip().partition(";dur=")
        if name == "app" and duration:
            return float(duration) / 1000
    return 0.0


def _request_kind(request) -> str:
    path = request.url.split("?")[0]
    for marker, label in (
        ("sasUri", "POST sasUri (storage for the input)"),
        ("inputData", "PUT input blob"),
        ("outputData", "GET output blob"),
        ("rawOutputData", "GET output blob"),
        ("/jobs/", f"{request.method} job"),
    ):
        if marker in path:
            return label
    return f"{request.method} {path.rsplit('/', 1)[-1]}"


from bench_primitives import primitives_loop  # noqa: E402  (issue 11: the EstimatorV2 loop)

SECTIONS: list[Callable[[argparse.Namespace, object], None]] = [
    sampler_loop,
    per_job_path,
    worker_reads,
    primitives_loop,
]


def main() -> None:
    run_variational_sections(__doc__.splitlines()[0], SECTIONS)


if __name__ == "__main__":
    main()
