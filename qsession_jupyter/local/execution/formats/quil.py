"""`rigetti.quil.v1` -> `rigetti.quil-results.v1`, parsed with the `quil` package.

Output: `{"<region>": [[v, ...] per shot]}` for every memory region a MEASURE
writes to (REAL regions such as parameters are inputs, and the real service
leaves them out, as the parametrized-Quil recording shows). With
`inputParams.substitutions` (`{"theta": [[0.0], [3.14]]}`) the program runs
once per parameter set and the rows are concatenated in that order.

Quil qubit labels are physical indices (Cepheus has 108), so the qubits a
program uses are renumbered densely for the simulator. Gates with a QIR
equivalent keep it (so noisy runs can go through QIR); others become dense
matrices from quil's own `Gate.to_unitary_mut`, which runs on ideal targets.
"""

from __future__ import annotations

import math

from ...targets import TargetSpec
from ..errors import invalid_input
from ..limits import check_qubits
from ..params import shots_from
from ..sim.circuit import Gate
from .common import gate_counts, sample_bits, seed_from

_SIMPLE = {"X": "x", "Y": "y", "Z": "z", "H": "h", "S": "s", "T": "t", "RX": "rx", "RY": "ry",
           "RZ": "rz", "CNOT": "cx", "CZ": "cz", "CCNOT": "ccx", "SWAP": "swap"}  # fmt: skip
_STANDARD = {"I", "PHASE", "CPHASE", "CPHASE00", "CPHASE01", "CPHASE10", "CSWAP", "ISWAP",
             "PSWAP", "XY", "SQISW", "FSIM", "PHASEDFSIM", "RXX", "RYY", "RZZ", "U"}  # fmt: skip
#: Instructions that do not change the state of a program without control flow.
_IGNORED = ("as_declaration", "as_pragma", "as_fence", "as_delay", "as_halt")


def run(data: bytes, params: dict, target: TargetSpec) -> tuple[dict, dict]:
    from quil.program import Program

    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise invalid_input("The Quil program is not UTF-8 text.") from None
    try:
        program = Program.parse(text)
    except Exception as exc:  # quil raises its own parse errors, with line and column
        raise invalid_input(f"The Quil program could not be parsed: {exc}") from None
    shots = shots_from(params)
    sets = _parameter_sets(params.get("substitutions"))
    regions = {name: decl.size.length for name, decl in program.declarations.items()}
    output: dict[str, list] = {}
    usage: dict = {}
    for memory in sets:
        qubits, gates, measured = _translate(program, memory, regions)
        check_qubits(len(qubits), target)
        bits, _engine = sample_bits(
            len(qubits), gates, [qubits[q] for q, _, _ in measured], shots, target,
            seed_from(params),
        )  # fmt: skip
        for name in dict.fromkeys(region for _, region, _ in measured):
            rows = [[0] * regions[name] for _ in range(shots)]
            for column, (_, region, index) in enumerate(measured):
                if region == name:
                    for row, bit in zip(rows, bits[:, column].tolist(), strict=True):
                        row[index] = bit
            output.setdefault(name, []).extend(rows)
        usage = {"shots": shots * len(sets), "qubits": len(qubits),
                 "measurements": len(measured), **gate_counts(gates)}  # fmt: skip
    if not output and "ro" in regions:
        output["ro"] = [[0] * regions["ro"] for _ in range(shots * len(sets))]
    return output, usage


def _parameter_sets(substitutions: object) -> list[dict[str, list[float]]]:
    """`{"theta": [[0.0], [3.14]]}` -> [{"theta": [0.0]}, {"theta": [3.14]}]."""
    if not substitutions:
        return [{}]
    if not isinstance(substitutions, dict):
        raise invalid_input(
            "inputParams.substitutions must map a region name to a list of value lists."
        )
    lengths = set()
    for name, sets in substitutions.items():
        if not isinstance(sets, list) or not all(isinstance(s, list) for s in sets):
            raise invalid_input(f'substitutions["{name}"] must be a list of value lists.')
        lengths.add(len(sets))
    if len(lengths) != 1:
        raise invalid_input(
            "Every region in inputParams.substitutions needs the same number of value sets."
        )
    count = lengths.pop()
    return [
        {name: [float(v) for v in sets[i]] for name, sets in substitutions.items()}
        for i in range(count)
    ]


def _translate(program, memory: dict, regions: dict) -> tuple[dict[int, int], list[Gate], list]:
    """Quil -> (physical qubit -> dense index, gates, [(physical qubit, region, index)])."""
    definitions = program.gate_definitions
    qubits: dict[int, int] = {}
    gates: list[Gate] = []
    measured: list[tuple[int, str, int]] = []
    measured_qubits: set[int] = set()
    for instruction in program.body_instructions:
        gate = instruction.as_gate()
        if gate is not None:
            physical = [_fixed(q, gate.name) for q in gate.qubits]
            if any(q in measured_qubits for q in physical):
                raise invalid_input(
                    f"Gate {gate.name} acts on a qubit after it was measured; the local Rigetti "
                    "targets run programs whose measurements come last on each qubit."
                )
            for q in physical:
                qubits.setdefault(q, len(qubits))
            gates.extend(_gates(gate, [qubits[q] for q in physical], memory, definitions))
            continue
        measurement = instruction.as_measurement()
        if measurement is not None:
            q = _fixed(measurement.qubit, "MEASURE")
            qubits.setdefault(q, len(qubits))
            measured_qubits.add(q)
            ref = measurement.target
            if ref is not None:
                if ref.name not in regions or ref.index >= regions[ref.name]:
                    raise invalid_input(
                        f"MEASURE {q} {ref.name}[{ref.index}] writes outside the declared memory "
                        f"(declare it with DECLARE {ref.name} BIT[n])."
                    )
                measured.append((q, ref.name, ref.index))
            continue
        if instruction.as_reset() is not None and not gates and not measured:
            continue  # a RESET before anything else leaves the all-zero state as it is
        if any(
            getattr(instruction, name)() is not None
            for name in _IGNORED
            if hasattr(instruction, name)
        ):
            continue
        raise invalid_input(
            f"The instruction '{instruction.to_quil_or_debug()}' is not supported by the local "
            "Rigetti targets (they run gates followed by measurements, without control flow)."
        )
    return qubits, gates, measured


def _gates(gate, targets: list[int], memory: dict, definitions: dict) -> list[Gate]:
    name = gate.name
    angles = [_evaluate(e, memory, name) for e in gate.parameters]
    if not gate.modifiers:
        if name in _SIMPLE:
            return [Gate(_SIMPLE[name], tuple(targets), angles[0] if angles else None)]
        if name == "I":
            return []
        if name == "PHASE":  # equal to RZ up to a global phase
            return [Gate("rz", tuple(targets), angles[0])]
        if name == "CPHASE":  # diag(1, 1, 1, e^{i t}) = Rz(t/2) x Rz(t/2) . Rzz(-t/2), up to phase
            a, b = targets
            t = angles[0]
            return [Gate("rz", (a,), t / 2), Gate("rz", (b,), t / 2), Gate("rzz", (a, b), -t / 2)]
        if name in ("ISWAP", "XY"):  # XY(t) = exp(i t/4 (XX + YY)); ISWAP = XY(pi)
            t = math.pi if name == "ISWAP" else angles[0]
            pair = tuple(targets)
            return [Gate("rxx", pair, -t / 2), Gate("ryy", pair, -t / 2)]
    if name not in _SIMPLE and name not in _STANDARD and name not in definitions:
        raise invalid_input(
            f"The operator {name} is not known: it is neither a standard Quil gate nor defined "
            "with DEFGATE in the program."
        )
    return [Gate("unitary", tuple(targets), matrix=_unitary(gate, angles, definitions))]


def _unitary(gate, angles: list[float], definitions: dict):
    """The gate's matrix on its own qubits (bit j = j-th qubit), from quil itself."""
    import numpy as np
    from quil.expression import Expression
    from quil.instructions import Gate as QuilGate
    from quil.instructions import Qubit

    local = [Qubit(i) for i in range(len(gate.qubits))]
    params = [Expression.from_number(complex(a)) for a in angles]
    relabelled = QuilGate(gate.name, params, local, gate.modifiers)
    if gate.name in definitions:
        matrix = _defgate_matrix(definitions[gate.name], angles)
        for modifier in reversed(gate.modifiers):
            if str(modifier).endswith("Dagger"):
                matrix = matrix.conj().T
            else:
                raise invalid_input(
                    f"{modifier} on a DEFGATE is not supported by the local targets."
                )
        return matrix
    try:
        return np.asarray(relabelled.to_unitary_mut(len(local)), dtype=np.complex128)
    except Exception as exc:
        raise invalid_input(
            f"The gate {gate.to_quil_or_debug()} cannot be simulated: {exc}"
        ) from None


def _defgate_matrix(definition, angles: list[float]):
    import numpy as np

    spec = definition.specification
    rows = spec.as_matrix() if hasattr(spec, "as_matrix") else None
    if rows is None:
        raise invalid_input(
            f"DEFGATE {definition.name} is not a matrix definition; only those run locally."
        )
    names = [p for p in definition.parameters]
    variables = {name: complex(a) for name, a in zip(names, angles, strict=False)}
    matrix = np.array([[complex(e.evaluate(variables, {})) for e in row] for row in rows])
    # Quil writes matrices with qubit 0 as the most significant bit of the row index;
    # our gates read bit j as the j-th qubit, so the qubit order is reversed.
    k = int(round(math.log2(matrix.shape[0])))
    perm = [int(format(i, f"0{k}b")[::-1], 2) for i in range(2**k)]
    return matrix[np.ix_(perm, perm)]


def _evaluate(expression, memory: dict, gate: str) -> float:
    try:
        value = complex(expression.evaluate({}, memory))
    except Exception as exc:
        raise invalid_input(
            f"A parameter of {gate} cannot be evaluated ({exc}); give the values of parameter "
            'regions in inputParams.substitutions, e.g. {"theta": [[0.5]]}.'
        ) from None
    if abs(value.imag) > 1e-9:
        raise invalid_input(
            f"A parameter of {gate} is complex ({value}); rotations need real angles."
        )
    return value.real


def _fixed(qubit, where: str) -> int:
    if not qubit.is_fixed():
        raise invalid_input(f"{where} uses a qubit variable or placeholder; use numbered qubits.")
    return qubit.to_fixed()
