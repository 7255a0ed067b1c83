"""What an estimate before each submission costs, next to the submission itself.

A budget guard prices every job before it is sent, so `estimate_cost` must be
small beside the submission itself (the SDK's conversion, one blob upload and
one job PUT to the service). For each input format, on a QPU of its provider,
the script times the estimate and the submission of the same program
(alternating, on a private local service) and prints both medians and their
ratio. Qiskit and Cirq circuits are converted by qdk, the slow step on both
sides; the estimate remembers a conversion by the circuit's OpenQASM text, so
"same circuit" prices a repeated circuit and "new angle" a VQE-like loop whose
circuit changes every job. (The worker code that counts OpenQASM 2 also keeps
its compiles by source text, so the OpenQASM row prices a repeated program.)

    python benchmarks/bench_estimate.py [--repeats 15] [--shots 100]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests" / "costs"))

from common import median, private_service  # noqa: E402
from cost_programs import IONQ_JSON, QASM, QUIL, cirq_circuit, compiled_qir, qiskit_circuit  # noqa: E402

from qsession_jupyter import estimate_cost  # noqa: E402


def timed(step, *args, **kwargs) -> float:
    start = time.perf_counter()
    step(*args, **kwargs)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=15)
    parser.add_argument("--shots", type=int, default=100)
    args = parser.parse_args()
    service = private_service()
    try:
        workspace = service.workspace()
        from azure.quantum.cirq import AzureQuantumService
        from azure.quantum.qiskit import AzureQuantumProvider

        provider = AzureQuantumProvider(workspace=workspace)
        cirq_service = AzureQuantumService(workspace=workspace)
        shots = args.shots

        def plain(target_id: str, program):
            target = workspace.get_targets(target_id)
            return target, lambda _i: program, lambda program: target.submit(program, shots=shots)

        def qiskit(target_id: str, fresh: bool):
            backend = provider.get_backend(target_id)
            same = qiskit_circuit()

            def circuit(i: int):
                if not fresh:
                    return same
                varied = qiskit_circuit()
                varied.rz(0.01 * (i + 1), 0)
                return varied

            return backend, circuit, lambda circuit: backend.run(circuit, shots=shots)

        def cirq(target_id: str, fresh: bool):
            import cirq as cirq_module

            target, same = cirq_service.get_target(target_id), cirq_circuit()

            def circuit(i: int):
                if not fresh:
                    return same
                qubit = sorted(same.all_qubits())[0]
                return (
                    same[:-1]
                    + cirq_module.Circuit(cirq_module.rz(0.01 * (i + 1))(qubit))
                    + same[-1:]
                )

            return target_id, circuit, lambda circuit: target.submit(circuit, repetitions=shots)

        qir = compiled_qir("Base")
        cases = [
            ("IonQ JSON", "ionq.qpu.aria-1", plain("ionq.qpu.aria-1", IONQ_JSON)),
            ("OpenQASM 2", "quantinuum.qpu.h2-1", plain("quantinuum.qpu.h2-1", QASM)),
            ("Quil", "rigetti.qpu.ankaa-3", plain("rigetti.qpu.ankaa-3", QUIL)),
            ("QIR (qsharp.compile)", "ionq.qpu.aria-1", plain("ionq.qpu.aria-1", qir)),
            ("Qiskit, same circuit", "quantinuum.qpu.h2-1", qiskit("quantinuum.qpu.h2-1", False)),
            ("Qiskit, new angle", "quantinuum.qpu.h2-1", qiskit("quantinuum.qpu.h2-1", True)),
            ("Cirq, same circuit", "rigetti.qpu.ankaa-3", cirq("rigetti.qpu.ankaa-3", False)),
            ("Cirq, new angle", "rigetti.qpu.ankaa-3", cirq("rigetti.qpu.ankaa-3", True)),
        ]
        print(f"{shots} shots, {args.repeats} alternating repeats, private local service")
        print(f"{'input':<22} {'target':<20} {'estimate ms':>11} {'submit ms':>9} {'ratio':>6}")
        for label, target_id, (target, program, submit) in cases:
            estimate_cost(target, program(-1), shots=shots)  # warm-up: imports, first parse
            submit(program(-1))
            estimates, submits = [], []
            for i in range(args.repeats):
                estimates.append(timed(estimate_cost, target, program(i), shots=shots))
                submits.append(timed(submit, program(i)))
            e, s = median(estimates) * 1000, median(submits) * 1000
            print(f"{label:<22} {target_id:<20} {e:>11.1f} {s:>9.1f} {e / s:>6.2f}")
    finally:
        service.stop()


if __name__ == "__main__":
    main()
