"""Every private touch point of qdk and azure-quantum, in one place.

We use public APIs wherever upstream has one. The functions below are the
exceptions, each with the reason no public route exists. When an upgrade of
qdk or azure-quantum breaks one of them, `tests/test_compat.py` fails with the
name of the function, and this is the only module to mend.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


def notebook_interpret(source: str, on_output: Callable[[Any], None]) -> Any:
    """Evaluate `source` in qdk's process-wide interpreter, sending output to `on_output`.

    Public `qdk.qsharp.eval` sends output to IPython's `display` (or print) and
    offers no callback; `%%qsharp` needs the callback to stream output as text.
    Returns the cell's value as the Python value qdk's own `eval` returns.
    """
    from qdk import _interpreter

    raw = _interpreter.get_interpreter().interpret(source, on_output)
    return _interpreter.qsharp_value_to_python_value(raw)


def notebook_context() -> Any:
    """The identity of qdk's current notebook interpreter (None before first use).

    `qdk.init(...)` replaces the interpreter and forgets every callable; we
    compare identities to notice that. qdk publishes no accessor for it.
    """
    from qdk import _interpreter

    return getattr(_interpreter, "_default_context", None)


def register_qdk_qsharp_magic() -> None:
    """Give qdk its own `%%qsharp` magic back (when our extension unloads).

    qdk registers it only on import, through its private IPython module.
    """
    from qdk._ipython import register_magic

    register_magic()


def compile_openqasm_without_files(
    source: str, no_files: Callable[..., Any], **options: Any
) -> str:
    """QIR text for an OpenQASM program whose includes may not read this machine's files.

    Public `qdk.openqasm.compile` always reads include files from the local
    disk and GitHub; the service must refuse those, so it passes `no_files` as
    every file callback of qdk's native compiler.
    """
    from qdk._native import compile_qasm_program_to_qir

    return compile_qasm_program_to_qir(source, no_files, no_files, no_files, no_files, **options)


def workspace_endpoint_keywords(url: str) -> dict[str, Any]:
    """Keyword arguments that point an SDK `Workspace` at a service URL.

    The SDK takes its data-plane endpoint only from a private keyword (its
    connection strings accept Azure host names only).
    """
    return {"_quantum_endpoint": url}


def plugin_sdk_job(job: Any) -> Any:
    """The SDK `Job` inside a job of the SDK's Qiskit or Cirq plugin, else None.

    Both plugins keep it in a private attribute and expose only its id.
    """
    return getattr(job, "_azure_job", None)
