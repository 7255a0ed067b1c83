"""Reading a QIR program once per shape: a variational loop sends one program with new angles.

In a VQE or QAOA loop every job is the same program except for its rotation
angles, and pyqir's parse is the largest part of a small job's time in a
worker. Two programs whose texts differ only in the angle literals of their
rotation calls (`__quantum__qis__ry__body(double 0.3, ...)`) have the same
gates, measurements and output records; only the angles differ. So the text
with those literals masked is a shape, a straight-line program is read once
per shape, and a later program of that shape is the remembered one with its
own angles.

The literals are found by the one reader every binder uses
(`binding.literals`), which also takes the exponent forms other LLVM writers
print. A program is remembered only when it has a single function and its
gates' angles are exactly its literals, in order, so the mapping from literal
to gate is checked, not assumed (a double anywhere else, say an argument of a
classical call, makes the check fail and the program is read every time, as
are bitcode, branching programs and angles LLVM would refuse).
"""

from __future__ import annotations

import math
import re
import struct
from dataclasses import dataclass, replace
from typing import Any

from ....binding import literals
from ....lru import LRU
from ..sim.circuit import Gate

#: A `program.QirProgram` (named loosely: program.py imports this module).
QirProgram = Any

#: A function body; a shape needs exactly one (the entry point).
_DEFINE = re.compile(rb"\bdefine\s")
#: Larger programs are read every time: the shape would be a large key to hold.
MAX_TEXT_BYTES = 256 * 1024
#: Shapes kept per worker, least recently used dropped first.
MAX_SHAPES = 32


@dataclass(frozen=True)
class Shape:
    #: The program's text between its double literals.
    key: tuple[str, ...]
    angles: tuple[float, ...]


def shape_of(data: bytes) -> Shape | None:
    """The program's shape and angles, or None when it cannot have one."""
    if len(data) > MAX_TEXT_BYTES or len(_DEFINE.findall(data)) != 1:
        return None
    try:
        texts, found = literals.split(data.decode("utf-8"))
    except UnicodeDecodeError:
        return None
    angles = tuple(literals.parse_double(text) for text in found)
    # LLVM refuses a decimal that overflows a double; Python reads it as inf.
    if not angles or not all(math.isfinite(angle) for angle in angles):
        return None
    return Shape(tuple(texts), angles)


class ProgramShapes:
    """The straight-line programs read so far in this worker, one per shape."""

    def __init__(self, size: int = MAX_SHAPES) -> None:
        self._programs: LRU[tuple[str, ...], QirProgram] = LRU(size)

    def get(self, shape: Shape) -> QirProgram | None:
        """The remembered program of this shape, with this shape's angles."""
        template = self._programs.get(shape.key)
        if template is None:
            return None
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
        self._programs.put(shape.key, program)
        return True


def _same(found: list[float], literals: tuple[float, ...]) -> bool:
    """Equal bit for bit (so -0.0 is not 0.0), in the same order."""
    return len(found) == len(literals) and all(
        struct.pack("<d", a) == struct.pack("<d", b) for a, b in zip(found, literals, strict=True)
    )
