"""Issue 5 benchmark: what the live session panel costs the kernel.

1. Idle watching: two real kernels side by side for `--seconds` (default 60);
   each opens a session on a private local service and leaves it idle, one of
   them with the panel showing it. Prints each kernel's CPU time (all threads,
   `time.process_time()` read inside the kernel) as a share of one core, and
   the difference the panel makes. Goal: under 2% of one core.
3. A 500-job session (`--many`): the panel's first load, a later poll that
   finds nothing new, and one redraw, in this process.
2. A 50-iteration session loop (submit, wait, a little classical work) in one
   kernel, rounds alternating without and with the panel watching the loop's
   session, so machine noise hits both alike. Prints the median per-iteration
   wall time of each and the time the panel adds.

The kernels have no front end attached: the widget messages are still built
and sent, which is the kernel's share of the work.

    .venv/bin/python benchmarks/bench_panel.py [--seconds 60] [--iterations 50] [--rounds 3]
"""

from __future__ import annotations

import argparse
import json
import os
import time

from common import median, ms, private_service
from jupyter_client.manager import start_new_kernel

SETUP = """
import json, time
from qdk import qsharp
from qsession_jupyter import widgets
from qsession_jupyter.client.poller import get_poller
from qsession_jupyter.connection import local_workspace
workspace = local_workspace()
qsharp.init(target_profile=qsharp.TargetProfile.Base)
qsharp.eval("operation Bell() : Result[] { use q = Qubit[2]; H(q[0]); CNOT(q[0], q[1]); MResetEachZ(q) }")
program = qsharp.compile("Bell()")
target = workspace.get_targets("rigetti.sim.qvm")
"""

OPEN = """
session = target.open_session(name="bench")
if {panel}:
    widgets.show(session)
print(json.dumps({{"cpu": time.process_time()}}))
"""

LOOP = """
session = target.open_session(name="loop")
panel = None
if {panel}:
    panel = widgets.panel_for(session)
    from IPython.display import display
    display(panel)
    get_poller().add(panel, immediately=False)
begin = time.perf_counter()
for step in range({iterations}):
    job = target.submit(program, name=f"step {{step}}", shots=20)
    job.wait_until_completed()
    sum(i * i for i in range(20000))  # the optimiser's classical step
elapsed = time.perf_counter() - begin
session.close()
if panel is not None:
    panel.close()
print(json.dumps({{"elapsed": elapsed}}))
"""


def run(client, code: str, timeout: float = 600) -> dict | None:
    """Execute code in the kernel; return the JSON it printed last (if any)."""
    lines: list[str] = []

    def hook(message):
        if message["msg_type"] == "stream":
            lines.extend(message["content"]["text"].splitlines())
        elif message["msg_type"] == "error":
            raise RuntimeError("\n".join(message["content"]["traceback"]))

    reply = client.execute_interactive(code, timeout=timeout, output_hook=hook)
    if reply["content"]["status"] != "ok":
        raise RuntimeError(f"kernel error: {reply['content'].get('evalue')}")
    printed = [line for line in lines if line.startswith("{")]
    return json.loads(printed[-1]) if printed else None


def cpu_now(client) -> float:
    return run(client, 'print(json.dumps({"cpu": time.process_time()}))')["cpu"]


def idle_watch(seconds: float, env: dict) -> None:
    kernels = {
        name: start_new_kernel(kernel_name="python3", env=env) for name in ("plain", "panel")
    }
    try:
        start = {}
        for name, (_, client) in kernels.items():
            run(client, SETUP)
            start[name] = run(client, OPEN.format(panel=name == "panel"))["cpu"]
        time.sleep(seconds)
        used = {name: cpu_now(client) - start[name] for name, (_, client) in kernels.items()}
    finally:
        for manager, client in kernels.values():
            client.stop_channels()
            manager.shutdown_kernel(now=True)
    share = {name: 100 * cpu / seconds for name, cpu in used.items()}
    print(f"idle session watched for {seconds:.0f} s (kernel CPU, all threads):")
    print(f"  without panel : {used['plain']:.3f} s  = {share['plain']:.2f}% of one core")
    print(f"  with panel    : {used['panel']:.3f} s  = {share['panel']:.2f}% of one core")
    print(f"  panel's cost  : {share['panel'] - share['plain']:.2f}% of one core (goal < 2%)")


def session_loop(iterations: int, rounds: int, env: dict) -> None:
    manager, client = start_new_kernel(kernel_name="python3", env=env)
    times: dict[bool, list[float]] = {False: [], True: []}
    try:
        run(client, SETUP)
        run(client, LOOP.format(panel=False, iterations=3))  # warm up both paths
        run(client, LOOP.format(panel=True, iterations=3))
        for round_number in range(rounds):
            order = (False, True) if round_number % 2 == 0 else (True, False)
            for with_panel in order:
                result = run(client, LOOP.format(panel=with_panel, iterations=iterations))
                times[with_panel].append(result["elapsed"] / iterations)
    finally:
        client.stop_channels()
        manager.shutdown_kernel(now=True)
    plain, panel = median(times[False]), median(times[True])
    print(f"{iterations}-iteration session loop, {rounds} rounds each, median per iteration:")
    print(f"  without panel : {ms(plain)}")
    print(f"  with panel    : {ms(panel)}")
    print(
        f"  panel adds    : {ms(panel - plain)} per iteration ({100 * (panel / plain - 1):+.1f}%), "
        f"{(panel - plain) * iterations:.2f} s per loop"
    )


def many_jobs(count: int, service) -> None:
    from qdk import qsharp

    from qsession_jupyter.widgets.api import panel_for

    workspace = service.workspace()
    qsharp.init(target_profile=qsharp.TargetProfile.Base)
    qsharp.eval(
        "operation Bell() : Result[] { use q = Qubit[2]; H(q[0]); CNOT(q[0], q[1]); MResetEachZ(q) }"
    )
    program = qsharp.compile("Bell()")
    target = workspace.get_targets("rigetti.sim.qvm")
    with target.open_session(name="many") as session:
        jobs = [target.submit(program, name=f"job {i}", shots=1) for i in range(count)]
        jobs[-1].wait_until_completed()
        begin = time.perf_counter()
        panel = panel_for(session)
        first = time.perf_counter() - begin
        while panel.tracker.pending_ids():
            panel.poll()
        polls = []
        for _ in range(10):
            begin = time.perf_counter()
            panel.poll()
            polls.append(time.perf_counter() - begin)
        begin = time.perf_counter()
        panel.render()
        redraw = time.perf_counter() - begin
        rows = len(panel.tracker.order)
        panel.close()
    print(f"{rows}-job session, in-process:")
    print(f"  first load (all pages) : {ms(first)}")
    print(f"  poll, nothing new      : {ms(median(polls))} (median of 10)")
    print(f"  redraw (one page)      : {ms(redraw)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--iterations", type=int, default=50)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--skip-idle", action="store_true")
    parser.add_argument("--many", type=int, default=500, help="jobs in the big session (0: skip)")
    args = parser.parse_args()
    # The idle session must outlive the measurement (the test default is 30 s).
    service = private_service(session_idle_timeout=str(max(600, int(args.seconds) * 3)))
    env = {**os.environ, "QSESSION_DATA_DIR": str(service.data_dir)}
    try:
        if not args.skip_idle:
            idle_watch(args.seconds, env)
        session_loop(args.iterations, args.rounds, env)
        if args.many:
            many_jobs(args.many, service)
    finally:
        service.stop()


if __name__ == "__main__":
    main()
