"""A short, derandomized fuzz of the blob endpoint through the SDK's SAS URLs (see
blob_fuzz.py); the longer, random run is benchmarks/fuzz_conformance.py."""

from __future__ import annotations

import pytest
from blob_fuzz import BlobFuzz
from service.programs import submit_bell
from service_support import start_service

CI_EXAMPLES = 300


@pytest.fixture(scope="module")
def service(qsession_env, tmp_path_factory):
    handle = start_service(tmp_path_factory.mktemp("blob-fuzz"))
    yield handle
    handle.stop()


def test_the_blob_fuzz_finds_no_server_error_and_no_accepted_forgery(service):
    report = BlobFuzz(service).run(CI_EXAMPLES)
    assert report.requests == CI_EXAMPLES
    assert not report.failures, "\n".join(report.failures[:10])
    # Every kind of request got through at least once, so the checks saw real answers
    # (creating a container is refused to a container SAS, as by Azure: never through).
    kinds = {key for key, counts in report.by_operation.items() if any(s < 300 for s in counts)}
    expected = {f"blob {kind}" for kind in ("upload", "download", "properties", "list")}
    assert kinds == expected, report.by_operation
    assert report.statuses.get(206), report.statuses
    # And the SDK's own storage traffic still works.
    job = submit_bell(service.workspace().get_targets("ionq.simulator"), "after the fuzz")
    job.wait_until_completed(timeout_secs=30)
    assert job.get_results()
