"""Issue 4 benchmark: a VQE-style loop through `%%qsharp` callables and `with_args`.

A 2-qubit parameterised Q# operation is bound the way `%%qsharp` binds it;
50 iterations each pick an angle from the previous iteration's result. The
session loop submits `Ansatz.with_args(theta)` into a session on the local
workspace (QIR compiled for the target's profile once, later angles bound into it); the
in-process loop runs the same operation with qdk's simulator. Iterations are
interleaved so machine noise hits both alike; the script prints the median
per-iteration times and their ratio, and the time `import qsession_jupyter`
takes (and that it imports neither Qiskit nor Cirq).

    .venv/bin/python benchmarks/bench_vqe_loop.py [--iterations 50] [--shots 100]
"""

from __future__ import annotations

import argparse
import json
import math
import subprocess
import sys
import time
from collections import Counter

from common import median, ms, private_service

ANSATZ = """
operation Ansatz(theta : Double) : Result[] {
    use qs = Qubit[2];
    Ry(theta, qs[0]);
    CNOT(qs[0], qs[1]);
    MResetEachZ(qs)
}
"""

IMPORT_PROBE = (
    "import sys, time\n"
    "t = time.perf_counter()\n"
    "import qsession_jupyter\n"
    "elapsed = time.perf_counter() - t\n"
    "heavy = sorted(m for m in ('qiskit', 'cirq', 'qdk', 'azure.quantum') if m in sys.modules)\n"
    "t = time.perf_counter()\n"
    "from qsession_jupyter import open_session, job_monitor\n"
    "api = time.perf_counter() - t\n"
    "after_api = sorted(m for m in ('qiskit', 'cirq') if m in sys.modules)\n"
    "print(__import__('json').dumps({'seconds': elapsed, 'heavy': heavy, 'api': api,"
    " 'after_api': after_api}))\n"
)


def import_times(repeats: int = 5) -> dict:
    """Median cold import times, each in a fresh interpreter, and what got imported."""
    probes = []
    for _ in range(repeats):
        out = subprocess.run(
            [sys.executable, "-c", IMPORT_PROBE], capture_output=True, text=True, check=True
        ).stdout
        probes.append(json.loads(out.strip().splitlines()[-1]))
    return {
        "package": median([p["seconds"] for p in probes]),
        "api": median([p["api"] for p in probes]),
        "heavy": probes[-1]["heavy"],
        "after_api": probes[-1]["after_api"],
    }


LOAD_EXT_PROBE = (
    "import sys, time\n"
    "from IPython.core.interactiveshell import InteractiveShell\n"
    "shell = InteractiveShell.instance()\n"
    "t = time.perf_counter()\n"
    "shell.run_cell('%load_ext qsession_jupyter')\n"
    "elapsed = time.perf_counter() - t\n"
    "heavy = sorted(m for m in ('qiskit', 'cirq') if m in sys.modules)\n"
    "print(__import__('json').dumps({'seconds': elapsed, 'heavy': heavy}))\n"
)


def load_ext_time(data_dir: str, repeats: int = 3) -> tuple[float, list[str]]:
    """`%load_ext qsession_jupyter` in a fresh IPython (qdk, the SDK, connecting to the service)."""
    import os

    env = {**os.environ, "QSESSION_DATA_DIR": data_dir}
    probes = []
    for _ in range(repeats):
        out = subprocess.run(
            [sys.executable, "-c", LOAD_EXT_PROBE],
            capture_output=True,
            text=True,
            check=True,
            env=env,
        ).stdout
        probes.append(json.loads(out.strip().splitlines()[-1]))
    return median([p["seconds"] for p in probes]), probes[-1]["heavy"]


def energy(histogram: dict[str, float]) -> float:
    """<Z0 Z1>: +1 for equal bits, -1 for different ones."""
    same = sum(p for bits, p in histogram.items() if bits in ("[0, 0]", "[1, 1]", "00", "11"))
    return 2 * same - 1


def next_theta(theta: float, value: float) -> float:
    """A tiny deterministic classical step, so each angle depends on the last result."""
    return (theta + 0.05 + 0.01 * value) % (2 * math.pi)


def session_iteration(target, ansatz, theta: float, shots: int, i: int) -> tuple[float, float]:
    """(energy, seconds spent compiling QIR); submit reuses the compiled QIR from the cache."""
    program = ansatz.with_args(theta)
    start = time.perf_counter()
    program.qir(target)
    compiled = time.perf_counter() - start
    job = target.submit(program, name=f"vqe-{i}", shots=shots)
    job.wait_until_completed(print_progress=False)
    return energy(job.get_results()), compiled


def local_iteration(ansatz, theta: float, shots: int) -> float:
    from qdk import qsharp

    shots_out = qsharp.run(ansatz, shots, theta)
    counts = Counter(str([int(str(r) == "One") for r in shot]) for shot in shots_out)
    return energy({bits: n / shots for bits, n in counts.items()})


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--iterations", type=int, default=50)
    parser.add_argument("--shots", type=int, default=100)
    parser.add_argument("--target", default="ionq.simulator")
    args = parser.parse_args()

    imports = import_times()
    print(
        f"import qsession_jupyter: median {ms(imports['package'])} over 5 fresh interpreters "
        f"(imports {imports['heavy'] or 'none'} of qiskit/cirq/qdk/azure.quantum)"
    )
    print(
        f"then `from qsession_jupyter import open_session, job_monitor`: median "
        f"{ms(imports['api'])} (qiskit/cirq imported: {imports['after_api'] or 'none'})"
    )

    service = private_service()
    try:
        load_seconds, load_heavy = load_ext_time(str(service.data_dir))
        print(
            f"%load_ext qsession_jupyter (imports qdk and the SDK, connects): median "
            f"{ms(load_seconds)} (qiskit/cirq imported: {load_heavy or 'none'})"
        )
        from qsession_jupyter.kernel import api
        from qsession_jupyter.kernel.qsharp.cells import run_cell

        workspace = service.workspace()
        api.use_workspace(workspace)
        ansatz = run_cell(ANSATZ).callables["Ansatz"]
        session = api.open_session(args.target, name="bench-vqe")
        target = api.current_target()

        session_times, local_times, ratios, compile_times = [], [], [], []
        theta_s = theta_l = 0.1
        # One warm-up of each path (first compile, first connection).
        session_iteration(target, ansatz, theta_s, args.shots, -1)
        local_iteration(ansatz, theta_l, args.shots)
        for i in range(args.iterations):
            start = time.perf_counter()
            value_s, compiled = session_iteration(target, ansatz, theta_s, args.shots, i)
            compile_times.append(compiled)
            middle = time.perf_counter()
            value_l = local_iteration(ansatz, theta_l, args.shots)
            end = time.perf_counter()
            session_times.append(middle - start)
            local_times.append(end - middle)
            ratios.append((middle - start) / (end - middle))
            theta_s, theta_l = next_theta(theta_s, value_s), next_theta(theta_l, value_l)
        api.close_sessions(session.id)
        jobs = workspace.list_session_jobs(session_id=session.id)
        states = Counter(str(getattr(j.details.status, "value", j.details.status)) for j in jobs)
    finally:
        service.stop()

    print(f"{args.iterations} iterations, {args.shots} shots, target {args.target}")
    print(f"  session (with_args -> submit -> wait -> results): median {ms(median(session_times))}")
    print(f"    of which QIR bind or compile for the profile:   median {ms(median(compile_times))}")
    print(f"  in-process qdk (qsharp.run):                      median {ms(median(local_times))}")
    print(f"  per-iteration ratio session / in-process:         median {median(ratios):.2f}x")
    print(f"  session jobs: {dict(states)}")


if __name__ == "__main__":
    main()
