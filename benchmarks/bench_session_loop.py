"""Issue 2 benchmark: what a session costs over running the same job in-process.

Runs a loop of a 1-qubit, 100-shot Q# job (compile, submit, wait, results)
in a session on the local workspace, alternated iteration by iteration with
the same work in-process (compile with qdk, run_qir on the CPU), so machine
noise hits both alike. Then measures jobs per second with 1, 4 and 8
concurrent clients. Goal: the session iteration costs at most 1.15x.

    .venv/bin/python benchmarks/bench_session_loop.py [--iterations 40]
"""

from __future__ import annotations

import argparse
import threading
import time
from collections import Counter

from common import median, ms, private_service
from qdk import qsharp
from qdk.simulation import run_qir

COIN = "operation Coin() : Result { use q = Qubit(); H(q); MResetZ(q) }"


def in_process_iteration() -> dict:
    program = qsharp.compile("Coin()")
    shots = run_qir(str(program), shots=100, type="cpu")
    return Counter(str(shot) for shot in shots)


def session_iteration(target) -> dict:
    program = qsharp.compile("Coin()")
    job = target.submit(program, name="coin", shots=100)
    job.wait_until_completed()
    return job.get_results()


def loop(target, iterations: int) -> None:
    local, session, ratios = [], [], []
    for _ in range(3):  # warm both paths
        in_process_iteration()
        session_iteration(target)
    for _ in range(iterations):
        started = time.perf_counter()
        in_process_iteration()
        middle = time.perf_counter()
        session_iteration(target)
        ended = time.perf_counter()
        local.append(middle - started)
        session.append(ended - middle)
        ratios.append((ended - middle) / (middle - started))
    print(f"loop of {iterations} iterations, 1 qubit, 100 shots")
    print(f"  in-process median:   {ms(median(local))}")
    print(f"  session median:      {ms(median(session))}")
    print(f"  median per-iteration ratio: {median(ratios):.2f}x (goal <= 1.15x)")


def throughput(workspace_factory, clients: int, jobs_per_client: int) -> float:
    program = qsharp.compile("Coin()")
    barrier = threading.Barrier(clients + 1)
    errors: list[BaseException] = []

    def client() -> None:
        target = workspace_factory().get_targets("ionq.simulator")
        barrier.wait()
        try:
            for _ in range(jobs_per_client):
                job = target.submit(program, name="throughput", shots=100)
                job.wait_until_completed()
        except BaseException as error:  # noqa: BLE001 - reported below
            errors.append(error)

    threads = [threading.Thread(target=client) for _ in range(clients)]
    for thread in threads:
        thread.start()
    barrier.wait()
    started = time.perf_counter()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    if errors:
        raise errors[0]
    return clients * jobs_per_client / elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--iterations", type=int, default=40)
    parser.add_argument("--jobs", type=int, default=24, help="jobs per throughput level")
    args = parser.parse_args()
    qsharp.init(target_profile=qsharp.TargetProfile.Base)
    qsharp.eval(COIN)
    service = private_service(workers=2)
    try:
        workspace = service.workspace()
        target = workspace.get_targets("rigetti.sim.qvm")
        with target.open_session(name="benchmark"):
            loop(target, args.iterations)
        print("throughput (jobs submitted and awaited per second, ionq.simulator)")
        for clients in (1, 4, 8):
            rate = throughput(service.workspace, clients, max(1, args.jobs // clients))
            print(f"  {clients} client(s): {rate:.1f} jobs/s")
    finally:
        service.stop()


if __name__ == "__main__":
    main()
