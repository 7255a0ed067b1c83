"""Compile once, bind many: QIR for new Double arguments without running the compiler.

A variational loop calls the same callable with new angles every iteration,
and qdk's compile of each call costs tens of milliseconds. For one callable,
argument shape (everything but the Double values: Ints, Bools, array lengths)
and profile, we learn a template instead: compile at a few chosen arguments,
check that the QIR differs only in `double` literals, and for each literal find
the arithmetic that reproduces every sample exactly (`formulas`). Binding then
evaluates those formulas and prints the literals as qdk does.

Learning is refused, and every call of that shape compiles, when the program's
shape depends on a Double (a branch or a loop bound: the samples' QIR differs
outside the literals), when a sample fails to compile, or when a literal fits
no candidate. Ints are part of the shape, so a qubit count or loop length taken
from an Int always compiles afresh.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from . import formulas, qir_doubles

#: Random arguments every template is checked on, beyond the constant-reading
#: samples and the user's own calls.
_CHECK_SAMPLES = 2
#: Compiles allowed to settle literals that two formulas both explain.
_MAX_DISAMBIGUATIONS = 8


class _Parameter:
    """Stands for one Double argument in a shape."""

    def __repr__(self) -> str:
        return "Double"


PARAMETER = _Parameter()


def split_parameters(args: tuple) -> tuple[Any, list[float]]:
    """(shape with every float replaced by PARAMETER, the floats in order)."""
    values: list[float] = []

    def walk(value: Any) -> Any:
        if isinstance(value, float):
            values.append(float(value))
            return PARAMETER
        if type(value) in (list, tuple):
            return type(value)(walk(item) for item in value)
        return value

    return walk(args), values


def fill(shape: Any, values: Sequence[float]) -> Any:
    """The arguments of `shape` with its parameters set to `values`."""
    remaining = iter(values)

    def walk(value: Any) -> Any:
        if value is PARAMETER:
            return next(remaining)
        if type(value) in (list, tuple):
            return type(value)(walk(item) for item in value)
        return value

    return walk(shape)


@dataclass
class Template:
    """Compiled QIR with a formula in place of each argument-dependent literal."""

    texts: list[str]
    #: Per literal: its fixed text, or the formula that computes it.
    literals: list[str | formulas.Formula]

    def bind(self, values: Sequence[float]) -> str:
        printed = [
            literal if isinstance(literal, str) else literal.render(values)
            for literal in self.literals
        ]
        return qir_doubles.join(self.texts, printed)


@dataclass
class _Sample:
    values: list[float]
    texts: list[str]
    literals: list[str]


@dataclass
class Family:
    """Everything known about one (callable, shape, profile)."""

    template: Template | None = None
    #: Learning was tried and refused: always compile.
    compile_always: bool = False
    #: (values, QIR) of calls compiled before learning; the first call compiles as ever.
    seen: list[tuple[list[float], str]] = field(default_factory=list)
    reason: str = ""


def learn(
    compile_at: Callable[[list[float]], str],
    count: int,
    known: Sequence[tuple[list[float], str]] = (),
    seed: int | None = None,
) -> tuple[Template | None, str]:
    """A template for `compile_at`, or (None, why not).

    `compile_at(values)` returns the QIR for the parameters `values`; `known`
    are samples already compiled (the user's own calls), reused as checks.
    """
    rng = random.Random(seed)
    shape_changed = "the program's shape depends on a Double argument"
    try:
        zero = _sample(compile_at, [0.0] * count)
        samples = [zero, *(_Sample(list(v), *qir_doubles.split(q)) for v, q in known)]
        for _ in range(_CHECK_SAMPLES):
            samples.append(_sample(compile_at, formulas.random_point(count, rng)))
        # Ordinary values first: a loop bound taken from a Double shows here,
        # before a 2**80 sample could unroll it without end.
        if any(sample.texts != zero.texts for sample in samples):
            return None, shape_changed
        large = [
            _sample(compile_at, [formulas.LARGE if j == i else 0.0 for j in range(count)])
            for i in range(count)
        ]
        samples += [*large, _sample(compile_at, [-formulas.LARGE] * count)]
    except Exception as error:  # a value the program rejects: its shape depends on it
        return None, f"a sample did not compile ({type(error).__name__})"
    if any(sample.texts != zero.texts for sample in samples):
        return None, shape_changed

    literals: list[str | formulas.Formula] = []
    open_choices: dict[int, list[formulas.Formula]] = {}
    for index in range(len(zero.literals)):
        texts = {sample.literals[index] for sample in samples}
        if len(texts) == 1:
            literals.append(zero.literals[index])
            continue
        choices = _fitting(index, zero, large, samples)
        if not choices:
            return None, f"literal {index} is no formula we know"
        literals.append(choices[0])
        if len(choices) > 1:
            open_choices[index] = choices

    for _ in range(_MAX_DISAMBIGUATIONS):
        point = _next_disagreement(open_choices, count, rng)
        if point is None:
            break
        try:
            sample = _sample(compile_at, point)
        except Exception as error:
            return None, f"a sample did not compile ({type(error).__name__})"
        if sample.texts != zero.texts:
            return None, shape_changed
        for index in list(open_choices):
            kept = [
                f
                for f in open_choices[index]
                if formulas.consistent(f, [(point, sample.literals[index])])
            ]
            if not kept:
                return None, f"literal {index} is no formula we know"
            literals[index] = kept[0]
            if len(kept) > 1:
                open_choices[index] = kept
            else:
                del open_choices[index]
    else:
        if open_choices:
            return None, "two formulas kept explaining a literal"
    return Template(zero.texts, literals), ""


def _sample(compile_at: Callable[[list[float]], str], values: list[float]) -> _Sample:
    texts, literals = qir_doubles.split(compile_at(values))
    return _Sample(values, texts, literals)


def _fitting(
    index: int, zero: _Sample, large: list[_Sample], samples: list[_Sample]
) -> list[formulas.Formula]:
    observed = [(sample.values, sample.literals[index]) for sample in samples]
    zero_value = qir_doubles.parse_double(zero.literals[index])
    large_values = [qir_doubles.parse_double(sample.literals[index]) for sample in large]
    return [
        formula
        for formula in formulas.candidates(zero_value, large_values)
        if formulas.consistent(formula, observed)
    ]


def _next_disagreement(
    open_choices: dict[int, list[formulas.Formula]], count: int, rng: random.Random
) -> list[float] | None:
    for choices in open_choices.values():
        point = formulas.distinguishing_point(choices, count, rng)
        if point is not None:
            return point
    # Candidates that agree on every random point are the same function for our purposes.
    open_choices.clear()
    return None
