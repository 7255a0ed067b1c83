"""Learning a Q# callable's template: where to compile it, and which formulas to try.

qdk folds each rotation's arithmetic into one literal, so a literal's formula
is read from compiles at chosen arguments (`formulas` says why these):

* all arguments zero: every constant `b`;
* two random points, plus the user's own calls: checks, and a changed text
  outside the literals (a branch or loop bound on a Double) shows here first;
* coefficient probes, where some arguments are 2**80 and the rest zero: a
  literal that depends on one argument `x*c + b` reads `c` exactly from any
  probe where that argument is large;
* all arguments at -2**80: a last check far from the others.

With one probe per argument (what learning did before), N Doubles cost N
probes. Instead each argument gets a code, the set of probes it is large in,
all codes of one size (so none contains another): a literal that changes in
exactly the probes of one argument's code is that argument's, and one that
changes in the union of two codes reads each coefficient from a probe only
its own argument is large in. 16 arguments need 6 probes, not 16 (up to
four arguments coding saves nothing, and each gets its own probe). A literal
these readings do not explain (a sum of three arguments, a cancellation) is
read again from one probe per argument, as before; so coverage is never lower
and correctness never rests on a guess: every formula must still print every
compiled sample exactly (`template.fit`), and formulas that disagree somewhere
are settled by compiling there.
"""

from __future__ import annotations

import itertools
import math
import random
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from . import formulas
from .literals import parse_double
from .template import SHAPE_CHANGED, Sample, Template, fit, narrow, same_shape, sample

#: Random arguments every template is checked on, beyond the probes and the user's calls.
_CHECK_SAMPLES = 2
#: Compiles allowed to settle literals that two formulas both explain.
_MAX_DISAMBIGUATIONS = 8

Groups = list[frozenset[int]]


@dataclass
class Learned:
    template: Template | None
    #: Why there is no template ('' when there is one).
    reason: str
    #: How many times learning ran the compiler.
    compiles: int


def learn(
    compile_at: Callable[[list[float]], str],
    count: int,
    known: Sequence[tuple[list[float], str]] = (),
    seed: int | None = None,
) -> Learned:
    """A template for `compile_at` over `count` Doubles, or why not.

    `compile_at(values)` returns the QIR for the arguments `values`; `known`
    are (values, QIR) already compiled (the user's own calls), reused as checks.
    """
    learner = _Learner(compile_at, count, random.Random(seed))
    try:
        template, reason = learner.run(known)
    except Exception as error:  # a value the program rejects: its shape depends on it
        template, reason = None, f"a sample did not compile ({type(error).__name__})"
    return Learned(template, reason, learner.compiles)


def probe_groups(count: int) -> Groups:
    """Which arguments are large in each coefficient probe (one probe per argument if no fewer)."""
    bits = 1
    while math.comb(bits, bits // 2) < count:
        bits += 1
    if bits >= count:
        return [frozenset([i]) for i in range(count)]
    codes = list(itertools.combinations(range(bits), bits // 2))[:count]
    return [frozenset(i for i, code in enumerate(codes) if k in code) for k in range(bits)]


class _Learner:
    def __init__(self, compile_at: Callable[[list[float]], str], count: int, rng: random.Random):
        self._compile_at, self.count, self.rng = compile_at, count, rng
        self.compiles = 0

    def _at(self, values: list[float]) -> Sample:
        self.compiles += 1
        return sample(values, self._compile_at(values))

    def run(self, known: Sequence[tuple[list[float], str]]) -> tuple[Template | None, str]:
        count = self.count
        samples = [self._at([0.0] * count), *(sample(list(v), q) for v, q in known)]
        samples += [self._at(formulas.random_point(count, self.rng)) for _ in range(_CHECK_SAMPLES)]
        # Ordinary values first: a loop bound taken from a Double shows here,
        # before a 2**80 probe could unroll it without end.
        if not same_shape(samples):
            return None, SHAPE_CHANGED
        samples.append(self._at([-formulas.LARGE] * count))
        zero = samples[0]
        plans = [probe_groups(count)]
        if len(plans[0]) < count:
            plans.append([frozenset([i]) for i in range(count)])
        for groups in plans:
            probes = [
                self._at([formulas.LARGE if i in g else 0.0 for i in range(count)]) for g in groups
            ]
            samples += probes
            template, open_choices, reason = fit(
                samples,
                lambda index, g=groups, p=probes: _candidates(index, zero, g, p, count),
            )
            if template is not None or reason == SHAPE_CHANGED:
                break
        if template is None:
            return None, reason
        for _ in range(_MAX_DISAMBIGUATIONS):
            if not open_choices:
                return template, ""
            point = _disagreement(open_choices, count, self.rng)
            if point is None:
                return template, ""  # the same function, for all we can tell
            reason = narrow(template, open_choices, self._at(point))
            if reason:
                return None, reason
        return (None, "two formulas kept explaining a literal") if open_choices else (template, "")


def _candidates(
    index: int, zero: Sample, groups: Groups, probes: list[Sample], count: int
) -> Iterator[formulas.Formula]:
    """Formulas for literal `index`: read from the probes first, products last."""
    zero_value = parse_double(zero.literals[index])
    changed = frozenset(
        k for k, probe in enumerate(probes) if probe.literals[index] != zero.literals[index]
    )

    def value_in(k: int) -> float:
        return parse_double(probes[k].literals[index])

    for large in _readings(groups, changed, value_in, zero_value, count):
        yield from formulas.candidates(zero_value, large)
    yield from formulas.products(count, zero_value)


def _readings(
    groups: Groups,
    changed: frozenset[int],
    value_in: Callable[[int], float],
    zero_value: float,
    count: int,
) -> Iterator[list[float]]:
    """Each argument's value in a probe where only it is large, as the probes suggest."""
    if all(len(g) == 1 for g in groups):  # one probe per argument: read directly
        yield [value_in(k) for k in range(count)]
        return
    codes = [frozenset(k for k, g in enumerate(groups) if i in g) for i in range(count)]
    for i, code in enumerate(codes):
        if code == changed:
            yield [value_in(min(code)) if j == i else zero_value for j in range(count)]
    for a, b in itertools.combinations(range(count), 2):
        if codes[a] | codes[b] == changed:
            large = [zero_value] * count
            large[a] = value_in(min(codes[a] - codes[b]))
            large[b] = value_in(min(codes[b] - codes[a]))
            yield large


def _disagreement(open_choices: dict, count: int, rng: random.Random) -> list[float] | None:
    for choices in open_choices.values():
        point = formulas.distinguishing_point(choices, count, rng)
        if point is not None:
            return point
    return None
