"""The `double` literals of QIR text: finding them and printing them as qdk does.

Binding new angles into compiled QIR only works if the text we write equals
what qdk would write, byte for byte. qdk prints a double as Rust does: an
integral value with its exact decimal expansion and `.0` (`1e23` prints as
`99999999999999991611392.0`), anything else as the shortest decimal that reads
back to the same double, never in exponent form (`1e-07` prints as
`0.0000001`). `tests/kernel/test_binding_literals.py` holds this against qdk.

The reader also accepts what other LLVM writers put in a program a worker
reads (`1.000000e-01`): such a literal is never one qdk printed, so a template
keeps it as text, and a worker reads its value with `float`.
"""

from __future__ import annotations

import math
import re
from decimal import Decimal

#: A double operand: `double 0.5`, `double -3.0`, `double 1.5e-3`, `double inf`, `double NaN`.
#: (The keyword is matched, not looked behind: a literal prefix lets `re` skip ahead,
#: 18x faster on a worker's every job.)
LITERAL = re.compile(r"(double )(-?(?:\d+\.\d+(?:[eE][-+]?\d+)?|inf|NaN))")


def split(qir: str) -> tuple[list[str], list[str]]:
    """(text between literals, literals): `len(texts) == len(literals) + 1`."""
    pieces = LITERAL.split(qir)
    texts = pieces[0::3]
    return [text + "double " for text in texts[:-1]] + texts[-1:], pieces[2::3]


def join(texts: list[str], literals: list[str]) -> str:
    """The inverse of `split`."""
    out = [texts[0]]
    for literal, text in zip(literals, texts[1:], strict=False):
        out.append(literal)
        out.append(text)
    return "".join(out)


def format_double(value: float) -> str:
    """`value` exactly as qdk prints a double in QIR."""
    if math.isnan(value):
        return "NaN"
    if math.isinf(value):
        return "inf" if value > 0 else "-inf"
    if value.is_integer():
        sign = "-" if math.copysign(1.0, value) < 0 else ""
        return f"{sign}{int(abs(value))}.0"
    text = repr(value)
    if "e" in text or _may_tie(value, text):
        return format(_shortest(value), "f")
    return text  # positional already, and no tie to break: what `_shortest` would print


def _may_tie(value: float, text: str) -> bool:
    """Could the exact value lie halfway between `text` and its neighbour of the same length?

    Only if its binary fraction (`k` bits, so exactly `k` decimal places) ends
    one place after `text`'s last digit: checked in integers, the decimals only then.
    """
    places = value.as_integer_ratio()[1].bit_length() - 1
    return places == len(text) - text.index(".")


def _shortest(value: float) -> Decimal:
    """The shortest decimal that reads back as `value`, ties broken as Rust does.

    Python's `repr` and Rust both print the shortest round-tripping digits and
    the one nearest the exact value; when two are equally near (the exact value
    ends in 5 just past the last digit), Python takes the even digit and Rust
    the larger magnitude.
    """
    digits = Decimal(repr(value))
    step = Decimal((0, (1,), digits.as_tuple().exponent))
    other = digits + step if digits > 0 else digits - step
    exact = Decimal(value)
    if float(other) == value and abs(other - exact) == abs(digits - exact):
        return other
    return digits


def parse_double(text: str) -> float:
    """The value of a literal `split` found (`NaN` and `inf` included)."""
    return float(text)
