"""Issue 14 benchmark: how long each example notebook takes as a user runs it.

The tests run the notebooks on a service with shortened timings; a user's
service has the defaults (emulated devices at `--time-scale 1`, Quantinuum's
60 s exclusivity window). This runs every notebook (or those named), top to
bottom in a fresh kernel, on a private service with exactly those defaults,
and prints each one's wall time (median of --repeat runs) against the 60 s
budget.

    .venv/bin/python benchmarks/bench_notebooks.py [--repeat N] [05-qaoa-maxcut.ipynb ...]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

from common import median, private_service

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests" / "notebooks"))
from notebook_runner import NOTEBOOKS, run_notebook  # noqa: E402

from qsession_jupyter.local.config import ServiceConfig  # noqa: E402

BUDGET_SECONDS = 60.0


def default_options() -> dict[str, str]:
    """The options `qsession-local serve` has by default (undoing the tests' fast ones)."""
    defaults = ServiceConfig(data_dir=Path("."))
    return {
        "session_idle_timeout": defaults.session_idle_timeout,
        "exclusive_window": defaults.exclusive_window,
        "time_scale": defaults.time_scale,
        "sweep_interval": defaults.sweep_interval,
        "workers": defaults.workers,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("notebooks", nargs="*", help="file names in notebooks/ (default: all)")
    args = parser.parse_args()
    names = args.notebooks or sorted(path.name for path in NOTEBOOKS.glob("*.ipynb"))

    service = private_service(**default_options())
    env = {"QSESSION_DATA_DIR": str(service.data_dir)}
    print(f"service with default timings: {default_options()}")
    try:
        for name in names:
            times = []
            for _ in range(args.repeat):
                workdir = Path(tempfile.mkdtemp(prefix="qsession-nb-"))
                began = time.perf_counter()
                executed = run_notebook(name, workdir, env=env)
                times.append(time.perf_counter() - began)
                errors = executed.errors()
                if errors:
                    print(f"{name}: {len(errors)} error output(s): {errors[0].get('ename')}")
            seconds = median(times)
            verdict = "within" if seconds <= BUDGET_SECONDS else "OVER"
            runs = ", ".join(f"{t:.1f}" for t in times)
            print(
                f"{name:32} median {seconds:6.1f} s ({runs}) {verdict} {BUDGET_SECONDS:.0f} s",
                flush=True,
            )
    finally:
        service.stop()


if __name__ == "__main__":
    main()
