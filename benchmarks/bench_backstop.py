"""What the budget backstop adds to a submission from a host it did not guard.

A Qiskit backend from `AzureQuantumProvider(workspace=...)` submits into a
session on ionq.qpu.aria-1. One arm uses a plain workspace; the other uses a
workspace guarded as the kernel's is (`guard_workspace`) with a budget on the
session, so each job is read back, priced and checked at `submit_job`
(`kernel/backstop.py`). Repeats alternate between the arms; medians of
`backend.run` (a submission, not waiting for the job) are printed side by side.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from common import median, private_service  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=15)
    parser.add_argument("--shots", type=int, default=100)
    args = parser.parse_args()
    os.environ["QSESSION_DATA_DIR"] = tempfile.mkdtemp(prefix="qsession-bench-budgets-")
    service = private_service()
    try:
        from azure.quantum.qiskit import AzureQuantumProvider
        from qiskit import QuantumCircuit

        from qsession_jupyter import budgets
        from qsession_jupyter.kernel.guard import guard_workspace
        from qsession_jupyter.kernel.spending import set_budget

        circuit = QuantumCircuit(2, 2)
        circuit.h(0)
        circuit.cx(0, 1)
        circuit.measure([0, 1], [0, 1])
        plain = AzureQuantumProvider(workspace=service.workspace()).get_backend("ionq.qpu.aria-1")
        guarded_workspace = guard_workspace(service.workspace())
        guarded = AzureQuantumProvider(workspace=guarded_workspace).get_backend("ionq.qpu.aria-1")
        plain_session = plain.open_session(name="plain")
        guarded_session = guarded.open_session(name="backstop")
        set_budget(guarded_session, 10**9)
        arms = {"plain workspace": (plain, []), "backstop, budget set": (guarded, [])}
        for backend, _ in arms.values():
            backend.run(circuit, shots=args.shots)  # warm-up: imports, first conversion
        for _ in range(args.repeats):
            for backend, times in arms.values():
                start = time.perf_counter()
                backend.run(circuit, shots=args.shots)
                times.append(time.perf_counter() - start)
        plain_session.close()
        guarded_session.close()
        priced = len(budgets.load(guarded_session.id).estimates)
        print(f"{args.shots} shots, {args.repeats} alternating repeats, private local service")
        print(f"{'arm':24} {'backend.run ms':>15}")
        medians = {name: median(times) * 1000 for name, (_, times) in arms.items()}
        for name, value in medians.items():
            print(f"{name:24} {value:15.1f}")
        ratio = medians["backstop, budget set"] / medians["plain workspace"]
        print(f"ratio backstop/plain: {ratio:.2f}")
        print(f"jobs the backstop priced and recorded: {priced} of {args.repeats + 1}")
    finally:
        service.stop()


if __name__ == "__main__":
    main()
