"""The SDK `Job` behind any job object a notebook holds.

The Azure Qiskit and Cirq plugins wrap an SDK job; the panel, `job_monitor`
and the tables all want the SDK job itself, so they find it here.
"""

from __future__ import annotations

from typing import Any

from ..compat import plugin_sdk_job


def azure_job(job: Any) -> Any:
    """The SDK `Job` behind a job object of the SDK, the Qiskit or the Cirq plugin."""
    inner = plugin_sdk_job(job)
    if inner is not None:
        return inner
    if hasattr(job, "details") and hasattr(job, "refresh"):
        return job
    raise TypeError(
        f"expected an Azure Quantum job (SDK, Qiskit or Cirq plugin), not {type(job).__name__}"
    )
