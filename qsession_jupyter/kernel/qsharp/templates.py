"""Compile once, bind many: a Q# callable's arguments as a shape plus Double values.

A variational loop calls the same callable with new angles every iteration,
and qdk's compile of each call costs tens of milliseconds. For one callable,
argument shape (everything but the Double values: Ints, Bools, array lengths)
and profile, the compiler learns a template instead (`binding.learning`) and
binds each later call's Doubles into it. This module says what a shape is and
what the compiler knows about one.

Ints are part of the shape, so a qubit count or loop length taken from an Int
always compiles afresh; a shape whose learning was refused (a branch on a
Double, a literal no formula explains) compiles every call.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from ...binding.template import Template


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
class Family:
    """Everything known about one (callable, shape, profile)."""

    template: Template | None = None
    #: Learning was tried and refused: always compile.
    compile_always: bool = False
    #: (values, QIR) of calls compiled before learning; the first call compiles as ever.
    seen: list[tuple[list[float], str]] = field(default_factory=list)
    reason: str = ""
