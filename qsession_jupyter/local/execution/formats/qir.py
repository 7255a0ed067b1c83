"""`qir.v1` -> `microsoft.quantum-results.v2`, the format Q#, Qiskit and Cirq all send.

On `ionq.simulator` the counts are the exact ideal distribution, as the real
service gives (`statevector.exact_program`); elsewhere shots are simulated.
"""

from __future__ import annotations

from ....providers.base import TargetSpec
from ..errors import invalid_input
from ..limits import check_qubits
from ..noise import noise_for
from ..params import shots_from
from ..qir import engine, results, statevector
from ..qir.program import QirProgram, parse_program
from .common import gate_counts


def run(data: bytes, params: dict, target: TargetSpec) -> tuple[dict, dict]:
    shots, entry_points, program = _read(data, params, target)
    seed = params.get("seed") if isinstance(params.get("seed"), int) else None
    entries = []
    for index, _ in enumerate(entry_points):
        if target.kind == "syntax-checker":
            entries.append(engine.zeros(program, shots))
        elif target.exact_probabilities and program.straight_line:
            entries.append(statevector.exact_program(program, shots, seed))
        else:
            noise = noise_for(target)
            item_seed = None if seed is None else seed + index
            entry, _engine = engine.simulate(program, data, shots, noise, item_seed)
            entries.append(entry)
    return results.document(entries), usage(program, shots * len(entry_points))


def count(data: bytes, params: dict, target: TargetSpec) -> dict:
    """The usage `run` reports, without simulating."""
    shots, entry_points, program = _read(data, params, target)
    return usage(program, shots * len(entry_points))


def _read(data: bytes, params: dict, target: TargetSpec) -> tuple[int, list, QirProgram]:
    shots = shots_from(params, target)
    items = params.get("items")
    if items is not None and (not isinstance(items, list) or not items):
        raise_items()
    entry_points = [_entry_point(item) for item in items] if items else [params.get("entryPoint")]
    program = parse_program(data, entry_points[0] if len(set(entry_points)) == 1 else None)
    check_qubits(program.num_qubits, target)
    return shots, entry_points, program


def usage(program: QirProgram, shots: int) -> dict:
    """What the cost estimate reads (numbers only); gate counts need a straight-line program."""
    info = {
        "shots": shots,
        "qubits": program.num_qubits,
        "measurements": program.calls_measure,
        "gates_1q": program.calls_1q,
        "gates_2q": program.calls_2q,
    }
    if program.straight_line:
        info.update(gate_counts(program.gates))
    return info


def _entry_point(item: object) -> str | None:
    if not isinstance(item, dict):
        raise_items()
    name = item.get("entryPoint")
    return name if isinstance(name, str) else None


def raise_items() -> None:
    raise invalid_input(
        'inputParams.items must be a non-empty list of {"entryPoint": ..., "arguments": [...]}.'
    )
