"""`ionq.circuit.v1` -> `ionq.quantum-results.v1`.

Input: `{"gateset": "qis"|"native", "qubits": n, "circuit": [{"gate", "target(s)",
"control(s)", "rotation" | "phase(s)" | "angle"}]}` (contract 4.5; IonQ's
"Writing quantum programs" and "Native gates" guides). Every qubit is measured
at the end. Output: `{"histogram": {"<int>": probability}}` with qubit 0 the
least significant bit; the ideal simulator returns exact probabilities, as
IonQ's does, and emulated QPUs return sampled frequencies.

Native gate angles are in turns (1 turn = 2*pi), and decompose exactly into
QIR's rotations (so noisy runs can go through QIR):
GPI(p) = Rz(p) X Rz(-p), GPI2(p) = Rz(p) Rx(pi/2) Rz(-p),
MS(p0, p1, t) = (Rz(p0) x Rz(p1)) Rxx(2*pi*t) (Rz(-p0) x Rz(-p1)), ZZ(t) = Rzz(2*pi*t).
"""

from __future__ import annotations

import json
import math

import numpy as np

from ....providers.base import TargetSpec
from ..errors import invalid_input
from ..limits import check_qubits
from ..params import shots_from
from ..sim.circuit import Gate
from ..sim.gates import controlled_matrix, matrix_1q
from .common import gate_counts, sample_bits, seed_from

_QIS_1Q = {"x": "x", "not": "x", "y": "y", "z": "z", "h": "h", "s": "s", "si": "sdg",
           "t": "t", "ti": "tdg", "v": "sx", "vi": "sxdg", "rx": "rx", "ry": "ry", "rz": "rz"}  # fmt: skip
_QIS_2Q = {"swap": "swap", "xx": "rxx", "yy": "ryy", "zz": "rzz"}
_ROTATIONS = {"rx", "ry", "rz", "rxx", "ryy", "rzz"}
_NATIVE_CONTROLLED = {("x", 1): "cx", ("x", 2): "ccx", ("y", 1): "cy", ("z", 1): "cz"}
TURN = 2 * math.pi


def run(data: bytes, params: dict, target: TargetSpec) -> tuple[dict, dict]:
    num_qubits, gates, shots, usage = _read(data, params, target)
    if target.kind == "simulator":
        return {"histogram": _exact_histogram(num_qubits, gates, shots, params)}, usage
    bits, _engine = sample_bits(
        num_qubits, gates, list(range(num_qubits)), shots, target, seed_from(params)
    )
    states = bits.astype(np.int64) @ (np.int64(1) << np.arange(num_qubits, dtype=np.int64))
    values, counts = np.unique(states, return_counts=True)
    histogram = {str(int(v)): float(c) / shots for v, c in zip(values, counts, strict=True)}
    return {"histogram": histogram}, usage


def count(data: bytes, params: dict, target: TargetSpec) -> dict:
    """The usage `run` reports, without simulating."""
    return _read(data, params, target)[3]


def _read(data: bytes, params: dict, target: TargetSpec) -> tuple[int, list[Gate], int, dict]:
    num_qubits, gates = parse_circuit(_load(data))
    check_qubits(num_qubits, target)
    shots = shots_from(params, target)
    usage = {"shots": shots, "qubits": num_qubits, "measurements": num_qubits, **gate_counts(gates)}
    return num_qubits, gates, shots, usage


#: Beyond this many nonzero probabilities the exact histogram would be a huge
#: JSON blob (a 25-qubit uniform superposition has 33 million entries); the
#: simulator then reports sampled frequencies over the job's shots instead.
MAX_EXACT_ENTRIES = 1 << 16


def _exact_histogram(num_qubits: int, gates: list[Gate], shots: int, params: dict) -> dict:
    """IonQ's ideal simulator returns exact probabilities (contract 3.4)."""
    from ..sim.circuit import compact
    from ..sim.ideal import IdealState

    width, local_gates, local_measured = compact(gates, list(range(num_qubits)))
    touched = [q for q, local in enumerate(local_measured) if local is not None]
    state = IdealState(width).run(local_gates)
    probs = state.marginal([local_measured[q] for q in touched]) if touched else np.ones(1)
    support = np.flatnonzero(probs > 1e-12)
    weights = np.int64(1) << np.array(touched, dtype=np.int64)
    if len(support) > MAX_EXACT_ENTRIES:
        rng = np.random.default_rng(seed_from(params))
        support = rng.choice(len(probs), size=shots, p=probs / probs.sum())
        support, counts = np.unique(support, return_counts=True)
        values = counts / shots
    else:
        values = np.round(probs[support], 12)
    bits = (support[:, None] >> np.arange(len(touched), dtype=np.int64)) & 1
    keys = (bits @ weights).tolist()
    return {str(k): float(v) for k, v in zip(keys, values.tolist(), strict=True)}


def _load(data: bytes) -> dict:
    try:
        body = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise invalid_input(f"The IonQ circuit is not valid JSON: {exc}.") from None
    if isinstance(body, dict) and "circuit" not in body and isinstance(body.get("input"), dict):
        body = body["input"]
    if not isinstance(body, dict) or not isinstance(body.get("circuit"), list):
        raise invalid_input(
            'The IonQ circuit must be a JSON object with a "circuit" list of gates '
            '(and "qubits", "gateset").'
        )
    return body


def parse_circuit(body: dict) -> tuple[int, list[Gate]]:
    gateset = body.get("gateset", "qis")
    if gateset not in ("qis", "native"):
        raise invalid_input(f'Unknown IonQ gateset "{gateset}"; use "qis" or "native".')
    ops = body["circuit"]
    declared = body.get("qubits")
    if declared is not None and (
        not isinstance(declared, int) or isinstance(declared, bool) or declared < 1
    ):
        raise invalid_input(f'"qubits" must be a positive whole number, not {declared!r}.')
    gates: list[Gate] = []
    highest = -1
    for index, op in enumerate(ops):
        where = f"circuit[{index}]"
        if not isinstance(op, dict) or not isinstance(op.get("gate"), str):
            raise invalid_input(f'{where} must be an object with a "gate" name.')
        new = _native(op, where) if gateset == "native" else _qis(op, where)
        for gate in new:
            highest = max([highest, *gate.qubits])
        gates.extend(new)
    num_qubits = declared if declared is not None else max(highest + 1, 1)
    if highest >= num_qubits:
        raise invalid_input(
            f"The circuit uses qubit {highest}, but declares only {num_qubits} qubits."
        )
    return num_qubits, gates


def _qis(op: dict, where: str) -> list[Gate]:
    name = op["gate"].lower()
    controls = _qubit_list(op, "control", "controls", where, required=False)
    targets = _qubit_list(op, "target", "targets", where, required=True)
    if name == "cnot":
        name = "x"
        if not controls:
            raise invalid_input(f"{where}: cnot needs a control qubit.")
    if name in _QIS_2Q:
        if len(targets) != 2 or controls:
            raise invalid_input(f"{where}: {name} takes exactly two targets and no controls.")
        angle = _number(op, "rotation", where) if _QIS_2Q[name] in _ROTATIONS else None
        return [Gate(_QIS_2Q[name], tuple(targets), angle)]
    gate = _QIS_1Q.get(name)
    if gate is None:
        raise invalid_input(f"{where}: unknown gate '{op['gate']}' in the qis gateset.")
    angle = _number(op, "rotation", where) if gate in _ROTATIONS else None
    gates = []
    for t in targets:
        if t in controls:
            raise invalid_input(f"{where}: qubit {t} is both a control and a target.")
        qubits = (*controls, t)
        known = _NATIVE_CONTROLLED.get((gate, len(controls)))
        if not controls:
            gates.append(Gate(gate, (t,), angle))
        elif known:
            gates.append(Gate(known, qubits))
        else:
            matrix = controlled_matrix(matrix_1q(gate, angle), len(controls))
            gates.append(Gate("unitary", qubits, matrix=matrix))
    return gates


def _native(op: dict, where: str) -> list[Gate]:
    name = op["gate"].lower()
    if name in ("gpi", "gpi2"):
        (t,) = _qubit_list(op, "target", "targets", where, required=True, exactly=1)
        phi = _number(op, "phase", where) * TURN
        middle = Gate("x", (t,)) if name == "gpi" else Gate("rx", (t,), math.pi / 2)
        return [Gate("rz", (t,), -phi), middle, Gate("rz", (t,), phi)]
    if name == "ms":
        a, b = _qubit_list(op, "target", "targets", where, required=True, exactly=2)
        phases = op.get("phases", [0.0, 0.0])
        if not (isinstance(phases, list) and len(phases) == 2):
            raise invalid_input(f'{where}: ms needs "phases": [phase0, phase1] in turns.')
        p0, p1 = (_as_number(p, where, "phases") * TURN for p in phases)
        theta = _number(op, "angle", where, default=0.25) * TURN
        return [
            Gate("rz", (a,), -p0),
            Gate("rz", (b,), -p1),
            Gate("rxx", (a, b), theta),
            Gate("rz", (a,), p0),
            Gate("rz", (b,), p1),
        ]
    if name == "zz":
        a, b = _qubit_list(op, "target", "targets", where, required=True, exactly=2)
        return [Gate("rzz", (a, b), _number(op, "angle", where) * TURN)]
    raise invalid_input(
        f"{where}: unknown gate '{op['gate']}' in the native gateset (gpi, gpi2, ms, zz)."
    )


def _qubit_list(
    op: dict, one: str, many: str, where: str, required: bool, exactly: int | None = None
) -> list[int]:
    if one in op:
        values = [op[one]]
    elif many in op:
        values = op[many]
        if not isinstance(values, list):
            raise invalid_input(f'{where}: "{many}" must be a list of qubit indices.')
    elif required:
        raise invalid_input(f'{where}: the gate needs "{one}" or "{many}".')
    else:
        values = []
    for v in values:
        if not isinstance(v, int) or isinstance(v, bool) or v < 0:
            raise invalid_input(f"{where}: {v!r} is not a qubit index.")
    if len(set(values)) != len(values):
        raise invalid_input(f'{where}: a qubit appears twice in "{many}".')
    if exactly is not None and len(values) != exactly:
        raise invalid_input(f"{where}: {op['gate']} acts on exactly {exactly} qubit(s).")
    return list(values)


def _number(op: dict, key: str, where: str, default: float | None = None) -> float:
    if key not in op:
        if default is not None:
            return default
        raise invalid_input(f'{where}: {op["gate"]} needs "{key}".')
    return _as_number(op[key], where, key)


def _as_number(value: object, where: str, key: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise invalid_input(f'{where}: "{key}" must be a number, not {value!r}.')
    return float(value)
