"""The longer conformance fuzz: schemathesis over every operation of the published spec and
the blob fuzz over the SDK's SAS URLs, random (not the CI run's fixed draws), on a private
service. Prints requests, failures and time; the figures go in docs/reliability.md.

    .venv/bin/python benchmarks/fuzz_conformance.py [--examples 6000] [--blob-examples 4000]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from common import private_service

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests" / "conformance"))

from blob_fuzz import BlobFuzz  # noqa: E402
from spec_fuzz import Report, SpecFuzz  # noqa: E402


def show(title: str, report: Report, wall: float) -> None:
    print(f"\n{title}")
    print(f"  requests  {report.requests}  (aimed at real things: {report.aimed})")
    print(f"  failures  {len(report.failures)}")
    print(f"  time      {wall:.1f} s wall, {report.seconds:.1f} s waiting for answers")
    print(f"  statuses  {dict(sorted(report.statuses.items()))}")
    for key, counts in sorted(report.by_operation.items()):
        print(f"    {key:32} {dict(sorted(counts.items()))}")
    for failure in report.failures[:20]:
        print("  FAIL " + failure)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=6000, help="data-plane requests")
    parser.add_argument("--blob-examples", type=int, default=4000, help="blob requests")
    args = parser.parse_args()
    service = private_service()
    try:
        started = time.monotonic()
        spec = SpecFuzz(service).run(args.examples, derandomize=False)
        show("Data plane (published spec, schemathesis)", spec, time.monotonic() - started)
        started = time.monotonic()
        blobs = BlobFuzz(service).run(args.blob_examples, derandomize=False)
        show("Blob endpoint (SAS URLs)", blobs, time.monotonic() - started)
    finally:
        service.stop()
    total = spec.requests + blobs.requests
    failed = len(spec.failures) + len(blobs.failures)
    print(f"\ntotal: {total} requests, {failed} failures")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
