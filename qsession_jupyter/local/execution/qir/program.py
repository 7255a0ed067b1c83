"""Reads an uploaded QIR module: its entry point, size, and (when it is straight-line) its gates.

The gate list and the output-recording shape let the fast engine simulate the
program once and sample, instead of simulating every shot; a program with
branches, classical outputs, or gates after a measurement on the same qubit is
marked `straight_line = False` and takes qdk's shot-by-shot simulator.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pyqir

from ..errors import invalid_input
from ..sim.circuit import Gate
from .shapes import ProgramShapes, shape_of

#: QIR intrinsic name (without the `__quantum__qis__` prefix and `__body`) -> our gate name.
_GATES = {
    "h": "h", "x": "x", "y": "y", "z": "z", "s": "s", "s__adj": "sdg", "t": "t",
    "t__adj": "tdg", "sx": "sx", "sx__adj": "sxdg", "rx": "rx", "ry": "ry", "rz": "rz",
    "rxx": "rxx", "ryy": "ryy", "rzz": "rzz", "cx": "cx", "cnot": "cx", "cy": "cy",
    "cz": "cz", "ccx": "ccx", "swap": "swap",
}  # fmt: skip
_MEASURE = {"m", "mz", "mresetz"}
_IGNORED = {"__quantum__rt__initialize", "__quantum__qis__barrier__body",
            "__quantum__rt__begin_parallel", "__quantum__rt__end_parallel"}  # fmt: skip

#: Bitcode starts with 'BC' 0xC0DE, or with the 0x0B17C0DE wrapper.
_BITCODE_MAGIC = (b"BC\xc0\xde", b"\xde\xc0\x17\x0b")


@dataclass
class QirProgram:
    entry_point: str
    profile: str  # "base_profile", "adaptive_profile" or "" when not stated
    num_qubits: int
    num_results: int
    straight_line: bool
    #: Why the program is not straight-line (for the engine choice log).
    reason: str = ""
    gates: list[Gate] = field(default_factory=list)
    #: (qubit, result) pairs in program order; the state is sampled for these.
    measurements: list[tuple[int, int]] = field(default_factory=list)
    #: Results known without sampling: a second `m` of a qubit, or `m` after `mresetz`.
    result_aliases: dict[int, int | None] = field(default_factory=dict)
    #: Output-recording calls in order: ("result", id) | ("array", n) | ("tuple", n).
    records: list[tuple[str, int]] = field(default_factory=list)
    #: Quantum calls in the program text, straight-line or not (for the cost estimate).
    calls_1q: int = 0
    calls_2q: int = 0
    calls_measure: int = 0


def load_module(data: bytes, context: pyqir.Context) -> pyqir.Module:
    """Textual LLVM IR, as every SDK uploads, or bitcode, as older tools did."""
    try:
        if data[:4] in _BITCODE_MAGIC:
            return pyqir.Module.from_bitcode(context, data)
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise invalid_input(
            "The QIR program is neither textual LLVM IR (UTF-8) nor LLVM bitcode."
        ) from None
    except (ValueError, RuntimeError) as exc:
        raise invalid_input(f"The QIR bitcode could not be read: {_first_line(exc)}") from None
    if not text.strip():
        raise invalid_input("The QIR program is empty.")
    try:
        return pyqir.Module.from_ir(context, text)
    except (ValueError, RuntimeError) as exc:
        raise invalid_input(f"The QIR program is not valid LLVM IR: {_first_line(exc)}") from None


#: This worker's programs by shape: a loop's new angles skip pyqir's parse (shapes.py).
_SHAPES = ProgramShapes()


def parse_program(data: bytes, entry_point: str | None = None) -> QirProgram:
    """The program's entry point, size and gates; `entry_point`, when given, must match."""
    shape = shape_of(data)
    program = _SHAPES.get(shape) if shape is not None else None
    if program is None:
        program = _parse(data)
        if shape is not None:
            _SHAPES.remember(shape, program)
    if entry_point and entry_point != program.entry_point:
        raise invalid_input(
            f"inputParams names the entry point '{entry_point}', but the program's entry "
            f"point is '{program.entry_point}'."
        )
    return program


def _parse(data: bytes) -> QirProgram:
    module = load_module(data, pyqir.Context())
    problems = module.verify()
    if problems:
        raise invalid_input(f"The QIR program failed LLVM verification: {_first_line(problems)}")
    entries = [f for f in module.functions if pyqir.is_entry_point(f)]
    if not entries:
        raise invalid_input(
            'The QIR program has no entry point (a function with the "entry_point" attribute).'
        )
    if len(entries) > 1:
        names = ", ".join(f.name for f in entries)
        raise invalid_input(
            f"The QIR program has {len(entries)} entry points ({names}); "
            "the local workspace runs programs with exactly one."
        )
    func = entries[0]
    attrs = func.attributes.func
    profile = attrs["qir_profiles"].string_value if "qir_profiles" in attrs else ""
    num_qubits = pyqir.required_num_qubits(func)
    num_results = pyqir.required_num_results(func)
    if num_qubits is None:
        raise invalid_input(
            'The QIR entry point does not declare "required_num_qubits"; '
            "programs with dynamic qubit allocation cannot run on this target."
        )
    program = QirProgram(
        entry_point=func.name,
        profile=profile,
        num_qubits=num_qubits,
        num_results=num_results or 0,
        straight_line=True,
    )
    _collect(func, program)
    return program


def _collect(func: pyqir.Function, program: QirProgram) -> None:
    """Fill gates/measurements/records, or mark the program as not straight-line."""
    blocks = list(func.basic_blocks)
    measured: dict[int, int | None] = {}  # qubit -> result it was measured into (None: reset)
    touched: set[int] = set()
    for index, block in enumerate(blocks):
        term = block.terminator
        if term is not None and term.opcode == pyqir.Opcode.BR:
            ops = term.operands
            if len(ops) != 1 or index + 1 >= len(blocks) or ops[0] != blocks[index + 1]:
                _not_straight(program, "it branches")
        elif term is not None and term.opcode != pyqir.Opcode.RET:
            _not_straight(program, f"its control flow uses '{term.opcode}'")
        for instr in block.instructions:
            if instr.opcode == pyqir.Opcode.CALL:
                # Output records are collected even for branching programs: the
                # syntax checker answers with their all-zero shape.
                _collect_call(instr, program, measured, touched)
            elif instr.opcode not in (pyqir.Opcode.BR, pyqir.Opcode.RET):
                _not_straight(program, "it computes classical values")


def _collect_call(call: pyqir.Call, program: QirProgram, measured: dict, touched: set) -> bool:
    name = call.callee.name
    if name in _IGNORED:
        return True
    args = call.args
    if name.startswith("__quantum__rt__") and name.endswith("_record_output"):
        kind = name[len("__quantum__rt__") : -len("_record_output")]
        if kind == "result":
            program.records.append(("result", _id(args[0])))
        elif kind in ("array", "tuple"):
            program.records.append((kind, int(args[0].value)))
        else:
            program.records.append((kind, 0))
            _not_straight(program, f"it records {kind} values")
        return True
    _count(name, call, program)
    if not program.straight_line:
        return False
    if not name.startswith("__quantum__qis__"):
        return _not_straight(program, f"it calls {name}")
    base = name[len("__quantum__qis__") :]
    if base.endswith("__body"):
        base = base[: -len("__body")]
    elif base.endswith("__adj"):
        base = base[: -len("__adj")] + "__adj"
    if base in _MEASURE:
        qubit, result = _id(args[0]), _id(args[1])
        if qubit in measured:
            program.result_aliases[result] = measured[qubit]
        else:
            program.measurements.append((qubit, result))
        measured[qubit] = None if base == "mresetz" else result
        touched.add(qubit)
        return True
    if base == "reset":
        qubit = _id(args[0])
        if qubit in measured:
            measured[qubit] = None
        elif qubit in touched:
            return _not_straight(program, "it resets a qubit in the middle of the circuit")
        return True
    gate = _GATES.get(base)
    if gate is None:
        return _not_straight(program, f"it uses the intrinsic {base}")
    angle = None
    if gate in ("rx", "ry", "rz", "rxx", "ryy", "rzz"):
        if not isinstance(args[0], pyqir.FloatConstant):
            return _not_straight(program, "a rotation angle is computed at run time")
        angle = float(args[0].value)
        args = args[1:]
    qubits = tuple(_id(a) for a in args)
    if any(q in measured for q in qubits):
        return _not_straight(program, "it applies gates after measuring a qubit")
    touched.update(qubits)
    program.gates.append(Gate(gate, qubits, angle))
    return True


def _count(name: str, call: pyqir.Call, program: QirProgram) -> None:
    if not name.startswith("__quantum__qis__") or name == "__quantum__qis__barrier__body":
        return
    base = name[len("__quantum__qis__") :]
    if base.startswith(("m__", "mz__", "mresetz__", "reset__")):
        program.calls_measure += 1
        return
    qubits = sum(1 for a in call.args if not isinstance(a, pyqir.FloatConstant))
    if qubits >= 2:
        program.calls_2q += 1
    elif qubits == 1:
        program.calls_1q += 1


def _id(value: pyqir.Value) -> int:
    ident = pyqir.ptr_id(value)
    if ident is None:
        raise invalid_input("The QIR program uses a qubit or result that is not a constant id.")
    return ident


def _not_straight(program: QirProgram, reason: str) -> bool:
    if program.straight_line:
        program.straight_line = False
        program.reason = reason
        program.gates.clear()
    return False


def _first_line(error: object) -> str:
    text = str(error).strip()
    return text.splitlines()[0] if text else type(error).__name__
