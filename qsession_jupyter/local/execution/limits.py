"""The per-target qubit limit, and the message that explains it."""

from __future__ import annotations

from .. import targets as catalog
from .errors import TOO_LARGE, JobError


def check_qubits(num_qubits: int, target: catalog.TargetSpec) -> None:
    if num_qubits <= target.max_qubits:
        return
    message = (
        f"The program needs {num_qubits} qubits, but target '{target.id}' runs at most "
        f"{target.max_qubits} qubits in the local workspace."
    )
    device = target.device_qubits
    if target.kind == "syntax-checker":
        message += f" The device it checks for has {device or target.max_qubits} qubits."
    elif device and device > target.max_qubits:
        gib = (2**num_qubits) * 16 / 2**30
        message += (
            f" The real device has {device} qubits, but here it is emulated by simulating the "
            f"full quantum state, whose memory doubles with every qubit ({num_qubits} qubits "
            f"would need about {gib:,.0f} GiB), more than a laptop can hold."
        )
    else:
        message += " That is the size of the device it models."
    raise JobError(TOO_LARGE, message)
