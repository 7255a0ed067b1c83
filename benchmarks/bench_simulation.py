"""Ideal-simulation time of the local workspace against qiskit-aer, side by side.

The circuit is the one from the issue: a GHZ chain followed by an Rx layer on
every qubit, measured at the end, 1000 shots. For each size the runs alternate
(aer, ours in-process, ours through the worker pool) so that machine load hits
all of them alike; the script prints medians and ratios.

    python benchmarks/bench_simulation.py [--repeats 15] [--qubits 12 20] [--block-qubits 4]

"Ours in-process" is exactly what a worker does for a job (parse the QIR,
simulate, sample, write the v2 JSON). "Through the pool" adds the round trip to
a worker process. qdk's shot-by-shot `run_qir(type="cpu")` is timed once per
size with fewer shots, for scale.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from qsession_jupyter.local.execution import ExecutionRequest, WorkerPool  # noqa: E402
from qsession_jupyter.local.execution.runner import execute  # noqa: E402
from qsession_jupyter.local.execution.sim import fusion  # noqa: E402

SHOTS = 1000


def circuit(n: int):
    from qiskit import QuantumCircuit

    qc = QuantumCircuit(n, n, name=f"ghz_rx_{n}")
    qc.h(0)
    for i in range(n - 1):
        qc.cx(i, i + 1)
    for i in range(n):
        qc.rx(0.1 * (i + 1), i)
    qc.measure(range(n), range(n))
    return qc


def qir_for(qc) -> bytes:
    """The QIR the azure-quantum Qiskit backends upload for this circuit."""
    from qdk import TargetProfile
    from qdk.qiskit import QSharpBackend

    backend = QSharpBackend(target_profile=TargetProfile.Base, skip_transpilation=True)
    return backend.qir(qc).encode()


def request(qir: bytes, shots: int = SHOTS) -> ExecutionRequest:
    params = {"shots": shots, "items": [{"entryPoint": "ENTRYPOINT__main", "arguments": []}]}
    return ExecutionRequest(str(uuid.uuid4()), "ionq.simulator", "qir.v1", "", qir, params, 600)


def timed(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=15)
    parser.add_argument("--qubits", type=int, nargs="+", default=[12, 20])
    parser.add_argument("--block-qubits", type=int, default=fusion.DEFAULT_BLOCK_QUBITS)
    args = parser.parse_args()
    fusion.DEFAULT_BLOCK_QUBITS = args.block_qubits  # in-process runs only

    from qiskit import transpile
    from qiskit_aer import AerSimulator

    aer = AerSimulator()
    pool = WorkerPool(1)
    print(
        f"{SHOTS} shots, {args.repeats} alternating repeats, fusion blocks of {args.block_qubits}"
    )
    print(f"{'qubits':>6} {'aer ms':>9} {'ours ms':>9} {'ratio':>6} {'pool ms':>9} {'ratio':>6}")
    for n in args.qubits:
        qc = circuit(n)
        compiled = transpile(qc, aer)
        qir = qir_for(qc)

        def run_aer(compiled=compiled):
            aer.run(compiled, shots=SHOTS).result().get_counts()

        def run_ours(qir=qir):
            outcome = execute(request(qir))
            assert outcome.status == "Succeeded", outcome.error_message

        def run_pool(qir=qir):
            outcome = pool.run(request(qir))
            assert outcome.status == "Succeeded", outcome.error_message

        for fn in (run_aer, run_ours, run_pool):
            fn()  # warm-up
        samples: dict[str, list[float]] = {"aer": [], "ours": [], "pool": []}
        for _ in range(args.repeats):
            samples["aer"].append(timed(run_aer))
            samples["ours"].append(timed(run_ours))
            samples["pool"].append(timed(run_pool))
        med = {k: statistics.median(v) * 1000 for k, v in samples.items()}
        print(
            f"{n:>6} {med['aer']:>9.1f} {med['ours']:>9.1f} {med['ours'] / med['aer']:>6.2f}"
            f" {med['pool']:>9.1f} {med['pool'] / med['aer']:>6.2f}"
        )
    pool.close()

    from qdk.simulation import run_qir

    print("\nfor scale, qdk run_qir(type='cpu') simulating shot by shot:")
    for n in args.qubits:
        shots = 100 if n <= 14 else 5
        qir = qir_for(circuit(n)).decode()
        seconds = timed(lambda: run_qir(qir, shots=shots, type="cpu"))  # noqa: B023
        print(f"{n:>6} qubits: {seconds / shots * 1000:.1f} ms per shot ({shots} shots)")


if __name__ == "__main__":
    main()
