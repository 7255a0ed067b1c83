"""Which arithmetic on the arguments produced one `double` literal of compiled QIR.

qdk folds constants: `Ry(theta / 2.0 + phi, q)` compiles to one literal. To
write that literal for new arguments without the compiler we must redo qdk's
floating-point operations *in its order*: `theta / 3.0` and `theta * (1/3)`
differ in the last bit for some inputs, and the QIR must match a fresh compile
byte for byte.

So we do not fit a line; we name candidate expressions and keep the ones that
reproduce every compiled sample exactly. Constants are read exactly from two
kinds of samples: all arguments zero gives the added constant `b`, and one
argument at 2**80 (the others zero) gives its coefficient `c` exactly, because
scaling by a power of two is exact and swamps `b`. Candidates are sums of
`x*c` or `x/d` terms and `b` in every order, a common scale outside a sum
(`(x + y) / 3.0`), and (`products`) products of two arguments and squares. When two candidates both fit
every sample but disagree somewhere, `distinguishing_point` finds where, so the
learner can compile there and let qdk decide.
"""

from __future__ import annotations

import itertools
import math
import random
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from .literals import format_double

#: The value one argument takes in the coefficient samples.
LARGE = 2.0**80
#: Orders of a sum are all tried up to this many addends, else only two.
_MAX_PERMUTED = 4


@dataclass(frozen=True)
class Formula:
    """A literal as a function of the flat argument vector."""

    evaluate: Callable[[Sequence[float]], float]
    text: str

    def __call__(self, values: Sequence[float]) -> float:
        return self.evaluate(values)

    def render(self, values: Sequence[float]) -> str:
        return format_double(self.evaluate(values))

    def __repr__(self) -> str:
        return f"<formula {self.text}>"


def candidates(zero: float, large: Sequence[float]) -> list[Formula]:
    """Expressions consistent with the zero sample and the coefficient samples."""
    count = len(large)
    depends = [i for i in range(count) if not _same(large[i], zero)]
    found: list[Formula] = []
    if depends:
        coefficients = {i: large[i] / LARGE for i in depends}
        found += _sums(depends, coefficients, zero)
        found += _scaled_sums(depends, coefficients, zero)
        if any(_swamped_badly(large[i], zero) for i in depends):
            # The constant was too big to vanish next to 2**80 * c: c is off by an ulp or so.
            for corrected in _corrected_coefficients(depends, large, zero):
                found += _sums(depends, corrected, zero)
    return found


def products(count: int, zero: float) -> list[Formula]:
    """`x*y + b` and squares `x*x + b`: what no coefficient sample can read (tried last)."""
    found = []
    for i, j in itertools.combinations_with_replacement(range(count), 2):
        found += _with_constant([_product(i, j)], zero, permute=True)
    return found


def distinguishing_point(
    formulas: Sequence[Formula], count: int, rng: random.Random, tries: int = 400
) -> list[float] | None:
    """Arguments at which `formulas` print differently, or None if none is found."""
    for _ in range(tries):
        point = random_point(count, rng)
        try:
            if len({formula.render(point) for formula in formulas}) > 1:
                return point
        except (OverflowError, ZeroDivisionError, ValueError):
            return point
    return None


def random_point(count: int, rng: random.Random) -> list[float]:
    """Arguments spread over the scales angles live on (and a bit beyond)."""
    scale = rng.choice((0.01, 1.0, 3.5, 10.0, 1000.0))
    return [rng.uniform(-scale, scale) for _ in range(count)]


def _same(a: float, b: float) -> bool:
    return a == b or (math.isnan(a) and math.isnan(b))


def _swamped_badly(large_value: float, zero: float) -> bool:
    return zero != 0.0 and abs(zero) * 2.0**53 > abs(large_value)


def _corrected_coefficients(
    depends: list[int], large: Sequence[float], zero: float
) -> Iterable[dict[int, float]]:
    options = [_neighbours((large[i] - zero) / LARGE) for i in depends]
    for choice in itertools.product(*options):
        yield dict(zip(depends, choice, strict=True))


def _neighbours(value: float) -> list[float]:
    return [value, math.nextafter(value, math.inf), math.nextafter(value, -math.inf)]


def _term_options(i: int, c: float) -> list[Formula]:
    if c == 1.0:
        return [Formula(lambda x, i=i: x[i], f"x{i}")]
    if c == -1.0:
        return [Formula(lambda x, i=i: -x[i], f"-x{i}")]
    options = [Formula(lambda x, i=i, c=c: x[i] * c, f"x{i}*{c!r}")]
    for d in _reciprocals(c):
        options.append(Formula(lambda x, i=i, d=d: x[i] / d, f"x{i}/{d!r}"))
    return options


def _reciprocals(c: float) -> list[float]:
    """Divisors `d` with `x / d` near `x * c`: 1/c and its neighbours."""
    if c == 0.0 or not math.isfinite(c):
        return []
    d = 1.0 / c
    return [d, math.nextafter(d, math.inf), math.nextafter(d, -math.inf)]


def _sums(depends: list[int], coefficients: dict[int, float], zero: float) -> list[Formula]:
    found = []
    for terms in itertools.product(*(_term_options(i, coefficients[i]) for i in depends)):
        found += _with_constant(list(terms), zero, permute=len(terms) < _MAX_PERMUTED)
    return found


def _scaled_sums(depends: list[int], coefficients: dict[int, float], zero: float) -> list[Formula]:
    """`(x + y + b') * c` and `(x + y + b') / d`: one scale outside the sum."""
    scales = {coefficients[i] for i in depends}
    if len(scales) != 1:
        return []
    (c,) = scales
    if c in (1.0, -1.0):
        return []
    units = [Formula(lambda x, i=i: x[i], f"x{i}") for i in depends]
    outers: list[tuple[Callable[[float], float], str, float]] = [
        (lambda v, c=c: v * c, f"*{c!r}", zero / c)
    ]
    outers += [(lambda v, d=d: v / d, f"/{d!r}", zero * d) for d in _reciprocals(c)]
    found = []
    for apply, label, inner_constant in outers:
        # The inner constant is read back through the scale, so it may be an ulp off.
        constants = _neighbours(inner_constant) if zero != 0.0 else [inner_constant]
        for constant in constants:
            for inner in _with_constant(units, constant, permute=len(units) < _MAX_PERMUTED):
                found.append(Formula(lambda x, f=inner, a=apply: a(f(x)), f"({inner.text}){label}"))
    return found


def _product(i: int, j: int) -> Formula:
    return Formula(lambda x, i=i, j=j: x[i] * x[j], f"x{i}*x{j}")


def _with_constant(terms: list[Formula], constant: float, permute: bool) -> list[Formula]:
    """Sums of `terms` (and `constant` unless it is +0.0), in the orders worth trying."""
    items = list(terms)
    if not (constant == 0.0 and math.copysign(1.0, constant) > 0):
        items.append(Formula(lambda _x, b=constant: b, repr(constant)))
    orders: Iterable[Sequence[Formula]]
    if permute:
        orders = itertools.permutations(items)
    else:
        orders = [items, items[-1:] + items[:-1]]
    return [_sum(order) for order in orders]


def _sum(items: Sequence[Formula]) -> Formula:
    if len(items) == 1:
        return items[0]

    def evaluate(x: Sequence[float], items: Sequence[Formula] = tuple(items)) -> float:
        total = items[0](x)
        for item in items[1:]:
            total = total + item(x)
        return total

    return Formula(evaluate, " + ".join(item.text for item in items))
