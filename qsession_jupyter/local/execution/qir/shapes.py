"""Reading a QIR program once per shape: a variational loop sends one program with new angles.

In a VQE or QAOA loop every job is the same program except for its rotation
angles, and pyqir's parse is the largest part of a small job's time in a
worker. Two programs whose texts differ only in the angle literals of their
rotation calls (`__quantum__qis__ry__body(double 0.3, ...)`) have the same
gates, measurements and output records; only the angles differ. So the text
with those literals masked is a shape, a straight-line program is read once
per shape, and a later program of that shape is the remembered one with its
own angles.

Only what is certainly an angle is masked: the first operand of a rotation
call, written as LLVM reads decimals (every other literal, and every other
byte, stays in the shape). A program is remembered only when it has a single
function and its gates' angles are exactly its masked literals, in order, so
the mapping from literal to gate is checked, not assumed. Anything else
(bitcode, branching programs, angles LLVM would refuse) is read every time.
"""

from __future__ import annotations

import math
import re
import struct
from collections import OrderedDict
from dataclasses import dataclass, replace
from typing import Any

from ..sim.circuit import Gate

#: A `program.QirProgram` (named loosely: program.py imports this module).
QirProgram = Any

#: A rotation call and its angle literal, as LLVM writes a decimal double.
_ANGLE = re.compile(
    rb"(call void @__quantum__qis__r(?:x|y|z|xx|yy|zz)__body\(double )"
    rb"(-?\d+\.\d+(?:[eE][-+]?\d+)?)(?=,)"
)
#: A function body; a shape needs exactly one (the entry point).
_DEFINE = re.compile(rb"\bdefine\s")
#: Where a masked literal was; no LLVM text contains a NUL byte (see `shape_of`).
_MASK = b"\0"
#: Larger programs are read every time: the shape would be a large key to hold.
MAX_TEXT_BYTES = 256 * 1024
#: Shapes kept per worker, least recently used dropped first.
MAX_SHAPES = 32


@dataclass(frozen=True)
class Shape:
    key: bytes
    angles: tuple[float, ...]


def shape_of(data: bytes) -> Shape | None:
    """The program's shape and angles, or None when it cannot have one."""
    if len(data) > MAX_TEXT_BYTES or _MASK in data or len(_DEFINE.findall(data)) != 1:
        return None
    angles: list[float] = []

    def mask(match: re.Match) -> bytes:
        angles.append(float(match.group(2)))
        return match.group(1) + _MASK

    key = _ANGLE.sub(mask, data)
    # LLVM refuses a decimal that overflows a double; Python reads it as inf.
    if not angles or not all(math.isfinite(angle) for angle in angles):
        return None
    return Shape(key, tuple(angles))


class ProgramShapes:
    """The straight-line programs read so far in this worker, one per shape."""

    def __init__(self, size: int = MAX_SHAPES) -> None:
        self.size = size
        self._programs: OrderedDict[bytes, QirProgram] = OrderedDict()

    def get(self, shape: Shape) -> QirProgram | None:
        """The remembered program of this shape, with this shape's angles."""
        template = self._programs.get(shape.key)
        if template is None:
            return None
        self._programs.move_to_end(shape.key)
        angles = iter(shape.angles)
        gates = [
            gate if gate.angle is None else Gate(gate.name, gate.qubits, next(angles))
            for gate in template.gates
        ]
        return replace(
            template,
            gates=gates,
            measurements=list(template.measurements),
            result_aliases=dict(template.result_aliases),
            records=list(template.records),
        )

    def remember(self, shape: Shape, program: QirProgram) -> bool:
        """Keep `program` for its shape if its angles are exactly the shape's literals."""
        angles = [gate.angle for gate in program.gates if gate.angle is not None]
        if not program.straight_line or not _same(angles, shape.angles):
            return False
        self._programs[shape.key] = program
        self._programs.move_to_end(shape.key)
        while len(self._programs) > self.size:
            self._programs.popitem(last=False)
        return True


def _same(found: list[float], literals: tuple[float, ...]) -> bool:
    """Equal bit for bit (so -0.0 is not 0.0), in the same order."""
    return len(found) == len(literals) and all(
        struct.pack("<d", a) == struct.pack("<d", b) for a, b in zip(found, literals, strict=True)
    )
