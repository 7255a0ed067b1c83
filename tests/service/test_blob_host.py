"""Blob URLs on a machine without IPv6 loopback, as in a Docker container by default.

Docker leaves ::1 off a container's loopback unless IPv6 is enabled for it, so
the service could not start there. It now takes the first blob host the
machine has: ::1, else 127.0.0.2. An IPv6 address this machine does not have
(::2) stands in for the missing ::1.
"""

from __future__ import annotations

import subprocess
import sys

import pytest
from qdk import qsharp

from qsession_jupyter.local.app.server import bind_loopback

MISSING_IPV6_LOOPBACK = "::2"


def test_without_ipv6_loopback_blob_urls_take_127_0_0_2():
    sockets, port, blob_host = bind_loopback("127.0.0.1", 0, (MISSING_IPV6_LOOPBACK, "127.0.0.2"))
    try:
        assert blob_host == "127.0.0.2"
        assert {s.getsockname()[:2] for s in sockets} == {("127.0.0.1", port), ("127.0.0.2", port)}
    finally:
        for sock in sockets:
            sock.close()


def test_no_usable_blob_host_is_said_plainly():
    with pytest.raises(OSError, match="none of the loopback addresses blob URLs can use"):
        bind_loopback("127.0.0.1", 0, (MISSING_IPV6_LOOPBACK, "::3"))


def test_the_sdk_runs_jobs_and_attachments_through_127_0_0_2(make_service):
    """Every storage flow the SDK has: input upload, results, attachments by container name."""
    service = make_service("ipv4-blobs", blob_host="127.0.0.2")
    assert service.info.blob_url.startswith("http://127.0.0.2:")
    qsharp.init(target_profile=qsharp.TargetProfile.Base)
    qsharp.eval(
        "operation Ones() : Result[] { use q = Qubit[2]; X(q[0]); X(q[1]); MResetEachZ(q) }"
    )
    target = service.workspace().get_targets("ionq.simulator")
    with target.open_session(name="no IPv6 here"):
        job = target.submit(qsharp.compile("Ones()"), name="ones", shots=4)
        job.wait_until_completed(timeout_secs=60)
    assert job.details.status == "Succeeded"
    assert job.get_results() == {"[1, 1]": 1.0}
    job.upload_attachment("notes", b"angles tried: 0.1, 0.2")
    assert job.download_attachment("notes") == b"angles tried: 0.1, 0.2"


@pytest.mark.parametrize(
    ("host", "said"),
    [
        ("127.0.0.1", "reads URLs on it as an emulator's"),
        ("127.0.0.17", "reads URLs on it as an emulator's"),
        ("10.0.0.5", "must be a loopback address"),
        ("localhost", "must be a loopback address"),
    ],
)
def test_a_blob_host_the_sdk_would_misread_is_refused(tmp_path, host, said):
    done = subprocess.run(
        [sys.executable, "-m", "qsession_jupyter.local", "serve", "--data-dir", str(tmp_path)]
        + ["--blob-host", host],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2
    assert said in done.stderr and "Traceback" not in done.stderr
