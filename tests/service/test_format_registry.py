"""The format registry: every format a target takes runs, and its output lands where
the real service puts it (`rawOutputData` for native results, `outputData` for v2)."""

from __future__ import annotations

import pytest
from azure.storage.blob import BlobClient
from programs import BELL_IONQ, BELL_QASM, BELL_QUIL, QirText, bell_qir

from qsession_jupyter import formats
from qsession_jupyter.local.execution.formats import FORMATS
from qsession_jupyter.providers.catalog import TARGETS


def test_every_format_a_target_takes_has_a_handler_that_runs_and_counts():
    taken = {name for spec in TARGETS.values() for name in spec.input_formats}
    assert taken <= set(FORMATS), f"no handler for {sorted(taken - set(FORMATS))}"
    for declared in FORMATS.values():
        handler = declared.handler()
        assert callable(handler.run) and callable(handler.count), declared.module


@pytest.mark.parametrize(
    ("target", "program", "output", "blob"),
    [
        ("ionq.simulator", QirText(bell_qir()), formats.MS_RESULTS_V2, "outputData"),
        ("ionq.simulator", BELL_IONQ, formats.IONQ_RESULTS, "rawOutputData"),
        ("quantinuum.sim.h2-1sc", BELL_QASM, formats.QUANTINUUM_RESULTS, "rawOutputData"),
        ("rigetti.sim.qvm", BELL_QUIL, formats.QUIL_RESULTS, "rawOutputData"),
    ],
)
def test_a_jobs_output_is_in_its_formats_blob(workspace, target, program, output, blob):
    job = workspace.get_targets(target).submit(program, name="registry", shots=10)
    job.wait_until_completed(timeout_secs=60)
    assert job.details.status == "Succeeded", job.details.error_data
    assert job.details.output_data_format == output
    assert BlobClient.from_blob_url(job.details.output_data_uri).blob_name == blob
    assert job.get_results()  # the SDK reads it back from there
