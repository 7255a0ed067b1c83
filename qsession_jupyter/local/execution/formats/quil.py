"""`rigetti.quil.v1` -> `rigetti.quil-results.v1`, parsed with the `quil` package.

Output: `{"<region>": [[v, ...] per shot]}` for every memory region a MEASURE
writes to (REAL regions such as parameters are inputs, and the real service
leaves them out, as the parametrized-Quil recording shows). With
`inputParams.substitutions` (`{"theta": [[0.0], [3.14]]}`) the program runs
once per parameter set and the rows are concatenated in that order.

Quil qubit labels are physical indices (Cepheus has 108), so the qubits a
program uses are renumbered densely for the simulator. Gates with a QIR
equivalent keep it (so noisy runs can go through QIR); others become dense
matrices from quil's own gate unitaries, which run on ideal targets.

Works with quil 0.18 (`instruction.as_gate()`, `to_unitary_mut`) and with
newer releases (0.37 checked), where instructions are enum-variant classes
such as `Instruction.Gate`, read through their pattern-matching field
(`__match_args__`), and `to_unitary_mut` became `to_unitary`; the small
readers at the end of this module are the only code that knows the difference.

Errors keep the real QVM's wording where users search for it: an unknown
operator reads "... could not be executed because the operator a is not known"
(recording test_quil_syntax_error).
"""

from __future__ import annotations

import math

from ....providers.base import TargetSpec
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
_IGNORED = ("Declaration", "Pragma", "Fence", "Delay", "Halt", "Nop")


def run(data: bytes, params: dict, target: TargetSpec) -> tuple[dict, dict]:
    shots, sets, regions, translated = _read(data, params, target)
    output: dict[str, list] = {}
    usage: dict = {}
    for qubits, gates, measured in translated:
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
        usage = _usage(shots * len(sets), qubits, gates, measured)
    if not output and "ro" in regions:
        output["ro"] = [[0] * regions["ro"] for _ in range(shots * len(sets))]
    return output, usage


def count(data: bytes, params: dict, target: TargetSpec) -> dict:
    """The usage `run` reports (the last parameter set's counts), without simulating."""
    shots, sets, _regions, translated = _read(data, params, target)
    usage: dict = {}
    for qubits, gates, measured in translated:
        usage = _usage(shots * len(sets), qubits, gates, measured)
    return usage


def _read(data: bytes, params: dict, target: TargetSpec):
    """(shots, parameter sets, memory regions, an iterator of each set's translation)."""
    from quil.program import Program

    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise invalid_input("The Quil program is not UTF-8 text.") from None
    try:
        program = Program.parse(text)
    except Exception as exc:  # quil raises its own parse errors, with line and column
        raise invalid_input(f"The Quil program could not be parsed: {exc}") from None
    shots = shots_from(params, target)
    sets = _parameter_sets(params.get("substitutions"))
    regions = {name: decl.size.length for name, decl in program.declarations.items()}

    def translated():
        for memory in sets:
            qubits, gates, measured = _translate(program, memory, regions)
            check_qubits(len(qubits), target)
            yield qubits, gates, measured

    return shots, sets, regions, translated()


def _usage(shots: int, qubits: dict, gates: list[Gate], measured: list) -> dict:
    return {"shots": shots, "qubits": len(qubits), "measurements": len(measured),
            **gate_counts(gates)}  # fmt: skip


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
        gate = _payload(instruction, "Gate")
        if gate is not None:
            physical = [_fixed(q, gate.name) for q in gate.qubits]
            if any(q in measured_qubits for q in physical):
                raise invalid_input(
                    f"Gate {gate.name} acts on a qubit after it was measured; the local Rigetti "
                    "targets run programs whose measurements come last on each qubit."
                )
            for q in physical:
                qubits.setdefault(q, len(qubits))
            gates.extend(
                _gates(gate, [qubits[q] for q in physical], memory, definitions, instruction)
            )
            continue
        measurement = _payload(instruction, "Measurement")
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
        if _payload(instruction, "Reset") is not None and not gates and not measured:
            continue  # a RESET before anything else leaves the all-zero state as it is
        if any(_payload(instruction, kind) is not None for kind in _IGNORED):
            continue
        raise invalid_input(
            f"The instruction '{instruction.to_quil_or_debug()}' is not supported by the local "
            "Rigetti targets (they run gates followed by measurements, without control flow)."
        )
    return qubits, gates, measured


def _gates(gate, targets: list[int], memory: dict, definitions: dict, instruction) -> list[Gate]:
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
        # The real QVM's words (recording test_quil_syntax_error), which users search for.
        raise invalid_input(
            "QVM reported a problem running your program: error when calling QVM: failed to "
            "perform multishot: Encountered the invalid instruction"
            f"\n\n    {instruction.to_quil_or_debug()}\n\nwhich could not be executed because "
            f"the operator {name} is not known"
        )
    return [Gate("unitary", tuple(targets), matrix=_unitary(gate, angles, definitions))]


def _unitary(gate, angles: list[float], definitions: dict):
    """The gate's matrix on its own qubits (bit j = j-th qubit), from quil itself."""
    import numpy as np
    from quil.instructions import Gate as QuilGate

    local = [_fixed_qubit(i) for i in range(len(gate.qubits))]
    params = [_number(complex(a)) for a in angles]
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
        to_unitary = getattr(relabelled, "to_unitary", None) or relabelled.to_unitary_mut
        return np.asarray(to_unitary(len(local)), dtype=np.complex128)
    except Exception as exc:
        raise invalid_input(
            f"The gate {gate.to_quil_or_debug()} cannot be simulated: {exc}"
        ) from None


def _defgate_matrix(definition, angles: list[float]):
    import numpy as np

    rows = _payload(definition.specification, "Matrix", "GateSpecification")
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
    index = _payload(qubit, "Fixed", "Qubit")
    if index is None:
        raise invalid_input(f"{where} uses a qubit variable or placeholder; use numbered qubits.")
    return index


# -- readers of quil's objects, for 0.18 and the releases after it --------------------


def _payload(value, variant: str, enum: str = "Instruction"):
    """The content of one enum variant (e.g. an Instruction's Gate), or None if it is another.

    Newer quil: `value` is an instance of `Instruction.Gate`, whose one field (named by
    `__match_args__`, as `match value: case Instruction.Gate(gate)` reads it) is the gate.
    quil 0.18: `value.as_gate()` returns the gate or None (likewise `as_matrix`, `to_fixed`;
    `is_halt()` for variants without content).
    """
    import quil.instructions as instructions

    variant_class = getattr(getattr(instructions, enum, None), variant, None)
    if isinstance(variant_class, type):
        if not isinstance(value, variant_class):
            return None
        fields = getattr(variant_class, "__match_args__", ())
        return getattr(value, fields[0]) if fields else value  # HALT, NOP: no content
    if enum == "Qubit":
        return value.to_fixed() if value.is_fixed() else None
    snake = "".join(f"_{c.lower()}" if c.isupper() else c for c in variant).lstrip("_")
    reader = getattr(value, f"as_{snake}", None)
    if reader is not None:
        return reader()
    check = getattr(value, f"is_{snake}", None)
    return value if check is not None and check() else None


def _fixed_qubit(index: int):
    from quil.instructions import Qubit

    fixed = getattr(Qubit, "Fixed", None)
    return fixed(index) if isinstance(fixed, type) else Qubit(index)


def _number(value: complex):
    from quil.expression import Expression

    number = getattr(Expression, "Number", None)
    return number(value) if isinstance(number, type) else Expression.from_number(value)
