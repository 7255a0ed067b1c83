"""Compiled QIR with holes where the arguments' values go, and the rule that makes a hole.

Both binders (Q# callables, Qiskit circuits) learn the same way: compile the
program at a few sample points, then trust a hole only where it is proven.

The rule, the one way to decide between binding and compiling:

* the samples' QIR must be identical outside the `double` literals (else the
  program's shape depends on the values: a branch, a loop bound);
* each literal is the same text at every sample (kept as text), or a hole whose
  `Hole.render` gives the sample's literal exactly at every sample;
* a literal that changes and fits no hole means the template is refused, and
  every call compiles afresh.

A hole reads the binder's own input vector: the flat Double arguments for Q#,
each parameterized gate's angle for Qiskit.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol

from . import literals as qir_literals

#: Why a template is refused when the samples differ outside their literals.
SHAPE_CHANGED = "the program's shape depends on the values"


class Hole(Protocol):
    """A literal as a function of the input vector."""

    def render(self, values: Sequence[float]) -> str: ...


@dataclass(frozen=True)
class Sample:
    """One compile: the inputs it was made at, its text between literals, its literals."""

    values: Sequence[float]
    texts: list[str]
    literals: list[str]


def sample(values: Sequence[float], qir: str) -> Sample:
    texts, found = qir_literals.split(qir)
    return Sample(values, texts, found)


@dataclass
class Template:
    """QIR text with a hole (or the fixed text) for each literal."""

    texts: list[str]
    literals: list[str | Hole]

    def bind(self, values: Sequence[float]) -> str:
        return qir_literals.join(
            self.texts,
            [lit if isinstance(lit, str) else lit.render(values) for lit in self.literals],
        )

    @property
    def holes(self) -> int:
        return sum(not isinstance(literal, str) for literal in self.literals)


#: The literal positions whose holes are still open: index -> holes that fit every sample.
Open = dict[int, list[Hole]]


def same_shape(samples: Sequence[Sample]) -> bool:
    """Do the samples agree outside their literals?"""
    return all(s.texts == samples[0].texts for s in samples[1:])


def fits(hole: Hole, samples: Iterable[Sample], index: int) -> bool:
    """Does `hole` print literal `index` exactly as compiled at every sample?"""
    try:
        return all(hole.render(s.values) == s.literals[index] for s in samples)
    except (OverflowError, ZeroDivisionError, ValueError):
        return False


def fit(
    samples: Sequence[Sample], candidates: Callable[[int], Iterable[Hole]]
) -> tuple[Template | None, Open, str]:
    """The template the samples prove, by the rule above: (template, open choices, why not).

    `candidates(index)` proposes holes for the changing literal `index`, best
    first; the template takes the first that fits, and `open` lists every
    literal where more than one fits (a learner may compile where they
    disagree and call `narrow`). On refusal the template is None.
    """
    if not same_shape(samples):
        return None, {}, SHAPE_CHANGED
    first = samples[0]
    holes: list[str | Hole] = []
    open_choices: Open = {}
    for index, literal in enumerate(first.literals):
        if all(s.literals[index] == literal for s in samples):
            holes.append(literal)
            continue
        fitting = [hole for hole in candidates(index) if fits(hole, samples, index)]
        if not fitting:
            return None, {}, f"literal {index} is no formula we know"
        holes.append(fitting[0])
        if len(fitting) > 1:
            open_choices[index] = fitting
    return Template(first.texts, holes), open_choices, ""


def narrow(template: Template, open_choices: Open, extra: Sample) -> str:
    """Keep the open holes that also fit `extra`; the reason to refuse, or ''.

    Every other literal is checked at `extra` too: a compile is never wasted as evidence.
    """
    if extra.texts != template.texts:
        return SHAPE_CHANGED
    for index, literal in enumerate(template.literals):
        if index in open_choices:
            continue
        if not (
            literal == extra.literals[index]
            if isinstance(literal, str)
            else fits(literal, [extra], index)
        ):
            return f"literal {index} changed where its formula did not"
    for index in list(open_choices):
        kept = [hole for hole in open_choices[index] if fits(hole, [extra], index)]
        if not kept:
            return f"literal {index} is no formula we know"
        template.literals[index] = kept[0]
        if len(kept) > 1:
            open_choices[index] = kept
        else:
            del open_choices[index]
    return ""
