"""Exact counts on ionq.simulator against sampling on rigetti.sim.qvm, side by side.

Both targets are ideal simulators; since issue 12, QIR jobs on `ionq.simulator`
come back as the exact distribution turned into counts (as Azure's do), while
`rigetti.sim.qvm` samples. The program is bench_simulation's GHZ chain plus an
Rx layer, in-process exactly as a worker runs a job. Runs alternate so machine
load hits both alike; the script prints medians and the ratio.

    python benchmarks/bench_exact_counts.py [--repeats 15] [--qubits 8 12 16 20] [--shots 1000]

Above 65,536 possible outcomes the exact path samples too (see
`qir/statevector.py`), so a 20-qubit Rx layer measures that fallback.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_simulation import circuit, qir_for  # noqa: E402

from qsession_jupyter.local.execution import ExecutionRequest  # noqa: E402
from qsession_jupyter.local.execution.runner import execute  # noqa: E402


def run(target: str, qir: bytes, shots: int) -> float:
    params = {"shots": shots, "items": [{"entryPoint": "ENTRYPOINT__main", "arguments": []}]}
    request = ExecutionRequest(str(uuid.uuid4()), target, "qir.v1", "", qir, params, 600)
    start = time.perf_counter()
    outcome = execute(request)
    elapsed = time.perf_counter() - start
    assert outcome.status == "Succeeded", outcome.error_message
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=15)
    parser.add_argument("--qubits", type=int, nargs="+", default=[8, 12, 16, 20])
    parser.add_argument("--shots", type=int, default=1000)
    args = parser.parse_args()
    print(f"{args.shots} shots, {args.repeats} alternating repeats, in-process")
    print(f"{'qubits':>6} {'exact ms':>9} {'sampled ms':>10} {'ratio':>6}")
    for n in args.qubits:
        qir = qir_for(circuit(n))
        run("ionq.simulator", qir, args.shots)  # warm-up
        run("rigetti.sim.qvm", qir, args.shots)
        exact, sampled = [], []
        for _ in range(args.repeats):
            exact.append(run("ionq.simulator", qir, args.shots))
            sampled.append(run("rigetti.sim.qvm", qir, args.shots))
        e, s = statistics.median(exact) * 1000, statistics.median(sampled) * 1000
        print(f"{n:>6} {e:>9.1f} {s:>10.1f} {e / s:>6.2f}")


if __name__ == "__main__":
    main()
