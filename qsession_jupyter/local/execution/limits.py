"""The per-target qubit limit, and the message that explains it."""

from __future__ import annotations

from ...providers.base import TargetSpec
from .errors import TOO_LARGE, JobError


def _state_size(num_qubits: int) -> str:
    """Memory of a full state vector (16 bytes per amplitude), without computing
    2**n for absurd n (a circuit declaring 10**9 qubits must be refused at once)."""
    if num_qubits > 60:
        return f"2^{num_qubits + 4} bytes"
    num_bytes = 16 * 2**num_qubits
    for unit, scale in (
        ("EiB", 2**60),
        ("PiB", 2**50),
        ("TiB", 2**40),
        ("GiB", 2**30),
        ("MiB", 2**20),
    ):
        if num_bytes >= scale:
            return f"{num_bytes / scale:,.0f} {unit}"
    return f"{num_bytes / 2**10:,.0f} KiB"


def check_qubits(num_qubits: int, target: TargetSpec) -> None:
    if num_qubits <= target.max_qubits:
        return
    message = (
        f"The program needs {num_qubits} qubits, but target '{target.id}' runs at most "
        f"{target.max_qubits} qubits in the local workspace."
    )
    device = target.device_qubits
    if target.kind == "syntax-checker":
        message += f" The device it checks for has {device or target.max_qubits} qubits."
    elif target.kind == "simulator":
        # Ideal simulation keeps the whole state vector: 16 bytes per amplitude.
        message += (
            f" The ideal simulator holds the full quantum state, which doubles with every "
            f"qubit: {num_qubits} qubits take {_state_size(num_qubits)} of memory and time "
            "to match."
        )
        if device and device > target.max_qubits:
            message += f" Azure's own {target.id} takes up to {device} qubits."
    else:
        # Noisy emulation runs shot by shot, so run time, not memory, sets the cap.
        message += (
            f" The real device has {device or target.max_qubits} qubits; here it is emulated "
            "with its noise, shot by shot, and the time that takes doubles with every qubit, "
            f"so {target.max_qubits} is the most that finishes in reasonable time on a laptop."
        )
    raise JobError(TOO_LARGE, message)
