"""A short, derandomized schemathesis run against every operation of the published spec:
no server error, no schema violation, no undeclared success status, the spec's content type.
The longer, random run is benchmarks/fuzz_conformance.py (figures in docs/reliability.md)."""

from __future__ import annotations

import pytest
from service_support import start_service
from spec_fuzz import SpecFuzz

#: Enough for every operation to be drawn, aimed and not, positive and negative, several
#: times, in well under a minute on a shared two-core machine.
CI_EXAMPLES = 300


@pytest.fixture(scope="module")
def fuzz(qsession_env, tmp_path_factory):
    handle = start_service(tmp_path_factory.mktemp("spec-fuzz"))
    yield SpecFuzz(handle)
    handle.stop()


def test_the_spec_fuzz_finds_no_server_error_and_no_violation(fuzz):
    report = fuzz.run(CI_EXAMPLES)
    assert report.requests == CI_EXAMPLES
    assert not report.failures, "\n".join(report.failures[:10])
    # About half is aimed, and aimed requests reach the service's logic: every operation
    # succeeds at least once (so jobs and sessions are really made, cancelled, deleted).
    assert 0.35 < report.aimed / report.requests < 0.65
    succeeded = {
        key.split()[0]
        for key, counts in report.by_operation.items()
        if counts.get(200) or counts.get(204)
    }
    assert succeeded == {op.definition.raw["operationId"] for op in fuzz.operations}
