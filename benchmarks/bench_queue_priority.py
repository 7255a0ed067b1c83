"""Issue 3 benchmark: how long session jobs wait while 30 non-session jobs flood a target.

A VQE-style client runs a loop of jobs in a session on an emulated QPU
(capacity 1) while 30 non-session jobs are queued there. Prints the median
queue wait (begin − creation) of each class. Goal: session median at most
0.2x the flood's.

    .venv/bin/python benchmarks/bench_queue_priority.py [--flood 30] [--loop 8]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from common import median, ms, private_service

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests" / "service"))
from programs import submit_bell  # noqa: E402


def wait_of(job) -> float:
    job.wait_until_completed(timeout_secs=300)
    details = job.details
    return (details.begin_execution_time - details.creation_time).total_seconds()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--flood", type=int, default=30)
    parser.add_argument("--loop", type=int, default=8)
    parser.add_argument(
        "--time-scale", type=float, default=0.1, help="a 100-shot job takes ~1 s x scale"
    )
    args = parser.parse_args()
    service = private_service(time_scale=args.time_scale)
    try:
        workspace = service.workspace()
        flood_target = workspace.get_targets("ionq.qpu.aria-1")
        flood = [submit_bell(flood_target, f"flood {i}", shots=100) for i in range(args.flood)]
        session_target = workspace.get_targets("ionq.qpu.aria-1")
        session_waits = []
        with session_target.open_session(name="vqe loop"):
            for index in range(args.loop):
                session_waits.append(
                    wait_of(submit_bell(session_target, f"loop {index}", shots=100))
                )
        flood_waits = [wait_of(job) for job in flood]
        ratio = median(session_waits) / median(flood_waits)
        print(
            f"{args.flood} flood jobs, {args.loop} session jobs, ionq.qpu.aria-1, time scale {args.time_scale}"
        )
        print(f"  flood median queue wait:   {ms(median(flood_waits))}")
        print(f"  session median queue wait: {ms(median(session_waits))}")
        print(f"  ratio: {ratio:.3f}x (goal <= 0.2x)")
    finally:
        service.stop()


if __name__ == "__main__":
    main()
