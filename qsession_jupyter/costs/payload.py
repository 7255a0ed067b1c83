"""The job the SDK would send for a program: input format, input bytes, `inputParams`.

Each branch follows the SDK path a user takes for that kind of program, with
the SDK's own public conversions:

* a QIR-representable object (a `%%qsharp` callable, its `with_args(...)`,
  `qsharp.compile(...)`): `Target.submit` sends `_repr_qir_(target=name)` with
  `entryPoint` and `arguments`;
* a Qiskit circuit: the SDK's default (QIR) backend converts it with qdk's
  `QSharpBackend(...).qir(circuit)` for the target's profile and sends one
  `items` entry for `ENTRYPOINT__main`;
* a Cirq circuit: `AzureQuantumService`'s target for the provider: IonQ JSON
  (cirq-ionq's serializer), OpenQASM 2 for Quantinuum, else QIR from the
  circuit's OpenQASM 3 (qdk's compiler). Cirq's `repetitions` default is 500;
* IonQ JSON (a dict), OpenQASM 2 or Quil text, QIR text or bitcode: sent as is.

`shots=None` sends no shots, so the service runs the provider's default,
except for Qiskit and Cirq, whose plugins always send shots (500 unless a
backend's options say otherwise).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ..formats import IONQ_CIRCUIT, OPENQASM2, QIR, QUIL
from ..lru import LRU
from ..providers.catalog import provider_for
from ..providers.profiles import to_target_profile

#: Circuits already converted, by their OpenQASM text (see `_converted`).
_CONVERTED: LRU[tuple, Any] = LRU(64)
#: `AzureQuantumService.run`'s default `repetitions`.
CIRQ_DEFAULT_REPETITIONS = 500
#: Shots the SDK's Qiskit backends send when `run` is given none (their default option).
QISKIT_DEFAULT_SHOTS = 500
#: The entry point the SDK's Qiskit backends name (qdk's QIR always has it).
QISKIT_ENTRY_POINT = "ENTRYPOINT__main"


class EstimateError(ValueError):
    """A program the target cannot take, or no program at all: shown as one line."""

    def _render_traceback_(self) -> list[str]:
        return [f"{type(self).__name__}: {self}"]


@dataclass(frozen=True)
class Payload:
    input_format: str
    data: bytes
    params: dict = field(default_factory=dict)


def job_payload(
    target_id: str, program: Any, shots: int | None, input_params: dict, options: Any = None
) -> Payload:
    """What `target.submit(program, shots=shots, input_params=...)` (or the Qiskit or
    Cirq plugin's `run`) would upload for `target_id`. `options` are a Qiskit
    backend's (`backend.options`), whose shots and profile its `run` sends."""
    params = dict(input_params)
    kind = _library(program)
    if kind == "qiskit":
        if options is not None and options.get("target_profile") is not None:
            params.setdefault("target_profile", options.get("target_profile"))
        backend_shots = options.get("shots") if options is not None else None
        default = QISKIT_DEFAULT_SHOTS if backend_shots is None else backend_shots
        return _with_shots(_qiskit(target_id, program, params), shots or default)
    if kind == "cirq":
        return _with_shots(_cirq(target_id, program, params), shots or CIRQ_DEFAULT_REPETITIONS)
    if hasattr(program, "_repr_qir_"):
        return _with_shots(_qir_representable(target_id, program, params), shots)
    if isinstance(program, dict):
        return _with_shots(Payload(IONQ_CIRCUIT, json.dumps(program).encode(), params), shots)
    if isinstance(program, (str, bytes)):
        return _with_shots(_text(program, params), shots)
    raise EstimateError(
        f"Cannot estimate a {type(program).__name__}: give a %%qsharp callable (or its "
        "with_args(...)), a QIR program, a Qiskit or Cirq circuit, IonQ JSON, OpenQASM 2 or Quil."
    )


def _with_shots(payload: Payload, shots: int | None) -> Payload:
    if shots is not None:
        payload.params["shots"] = shots
    return payload


def _library(program: Any) -> str:
    module = type(program).__module__.split(".", 1)[0]
    return module if module in ("qiskit", "cirq") else ""


def _qir_representable(target_id: str, program: Any, params: dict) -> Payload:
    """As `Target.submit` does for a `QirRepresentable`."""
    name = str(getattr(program, "_name", "main")).rsplit(".", 1)[-1]
    params.setdefault("entryPoint", f"ENTRYPOINT__{name}")
    params.setdefault("arguments", [])
    data = program._repr_qir_(target=target_id)
    return Payload(QIR, data if isinstance(data, bytes) else str(data).encode(), params)


def _qiskit(target_id: str, circuit: Any, params: dict) -> Payload:
    """As the SDK's default Qiskit backend for the target (a QIR backend) does."""
    from qdk.qiskit import QSharpBackend

    profile = params.pop("target_profile", None) or provider_for(target_id).qir_profile(target_id)

    def convert() -> bytes:
        backend = QSharpBackend(target_profile=to_target_profile(profile), skip_transpilation=True)
        return backend.qir(circuit).encode()

    data = _converted(("qiskit", str(profile)), lambda: _qiskit_text(circuit), convert)
    if "items" not in params:
        arguments = params.pop("arguments", [])
        params["items"] = [{"entryPoint": QISKIT_ENTRY_POINT, "arguments": arguments}]
    return Payload(QIR, data, params)


def _qiskit_text(circuit: Any) -> str:
    from qiskit import qasm3

    return qasm3.dumps(circuit)


def _converted(kind: tuple, text: Callable[[], str], convert: Callable[[], Any]) -> Any:
    """`convert()`, remembered under the circuit's OpenQASM text (a millisecond to write,
    where qdk's compile takes most of a second), so a loop pricing the same circuit
    again pays once. A circuit with no OpenQASM text is converted every time."""
    try:
        key = (*kind, text())
    except Exception:
        return convert()
    found = _CONVERTED.get(key)
    return found if found is not None else _CONVERTED.put(key, convert())


def _cirq(target_id: str, circuit: Any, params: dict) -> Payload:
    """As `AzureQuantumService`'s target for the provider converts the circuit."""
    import cirq

    if cirq.is_parameterized(circuit):
        raise EstimateError(
            "The Cirq circuit has unresolved parameters; resolve them first "
            "(cirq.resolve_parameters), as the SDK requires before submitting."
        )
    convert = {IONQ_CIRCUIT: _cirq_ionq, OPENQASM2: _cirq_qasm2, QIR: _cirq_qir}
    return convert[provider_for(target_id).cirq_input_format](target_id, circuit, params)


def _cirq_ionq(_target_id: str, circuit: Any, params: dict) -> Payload:
    from cirq_ionq import Serializer

    body = Serializer().serialize_single_circuit(circuit).body
    return Payload(IONQ_CIRCUIT, json.dumps(body).encode(), params)


def _cirq_qasm2(_target_id: str, circuit: Any, params: dict) -> Payload:
    return Payload(OPENQASM2, circuit.to_qasm(version="2.0").encode(), params)


def _cirq_qir(target_id: str, circuit: Any, params: dict) -> Payload:
    """The generic Cirq target: OpenQASM 3 compiled by qdk, sent as `Target.submit` sends QIR."""
    from qdk.openqasm import compile as compile_qasm

    qasm = circuit.to_qasm(version="3.0")
    program = _converted(("cirq",), lambda: qasm, lambda: compile_qasm(qasm))
    return _qir_representable(target_id, program, params)


def _text(program: str | bytes, params: dict) -> Payload:
    """OpenQASM 2, QIR (text or bitcode) or Quil, told apart by their first words."""
    data = program.encode() if isinstance(program, str) else program
    if data.startswith(b"BC\xc0\xde"):
        return Payload(QIR, data, params)
    text = data.decode("utf-8", errors="replace")
    head = "\n".join(
        line.strip() for line in text.splitlines() if line.strip() and not line.startswith("//")
    )
    if head.upper().startswith("OPENQASM"):
        return Payload(OPENQASM2, data, params)
    if "define " in text and "@ENTRYPOINT__" in text or head.startswith("; ModuleID"):
        return Payload(QIR, data, params)
    return Payload(QUIL, data, params)
