"""A Q# callable's declared parameters, to check `Op.with_args(...)` when it is called.

Without this, `RandomBit.with_args(3)` is accepted and fails only when the job
is submitted, with a compiler message about profiles. Reading the declaration
from the cell lets `with_args` fail at once with one line that shows the
signature, and turn numbers into the Python types qdk expects (an `int` or a
numpy scalar for a `Double`), so the compiled program and its cache key do not
depend on how the caller spelled a number.
"""

from __future__ import annotations

import functools
import numbers
import re
from dataclasses import dataclass
from typing import Any

from .source import _strip_comments


class BindError(TypeError):
    """`with_args` got arguments the callable's signature does not accept."""

    def _render_traceback_(self) -> list[str]:
        # IPython shows this instead of a stack: the message is the whole story.
        return [f"{type(self).__name__}: {self}"]


@dataclass(frozen=True)
class Parameter:
    name: str
    type: str

    def __str__(self) -> str:
        return f"{self.name} : {self.type}"


@dataclass(frozen=True)
class Signature:
    name: str
    parameters: tuple[Parameter, ...]
    returns: str

    def __str__(self) -> str:
        inner = ", ".join(str(parameter) for parameter in self.parameters)
        return f"{self.name}({inner}) : {self.returns}"

    def coerce(self, args: tuple) -> tuple:
        """`args` as qdk wants them for this signature; BindError if they don't fit."""
        if len(args) != len(self.parameters):
            expected = len(self.parameters)
            noun = "argument" if expected == 1 else "arguments"
            raise BindError(f"{self} takes {expected} {noun}, got {len(args)}")
        return tuple(
            _coerce(value, parameter.type, self, parameter.name)
            for value, parameter in zip(args, self.parameters, strict=True)
        )


@functools.lru_cache(maxsize=256)
def find(source: str, short_name: str) -> Signature | None:
    """The declaration of `short_name` in Q# `source`, or None if it isn't there.

    Cached: a variational loop asks for the same signature every iteration.
    """
    text = _strip_comments(source)
    pattern = re.compile(rf"\b(?:operation|function)\s+{re.escape(short_name)}\s*(?:<[^>]*>)?\s*\(")
    match = pattern.search(text)
    if match is None:
        return None
    close = _closing(text, match.end() - 1)
    if close is None:
        return None
    returns = re.match(r"\s*:\s*([^{]*?)\s*(?:\bis\b[^{]*)?\{", text[close + 1 :])
    parameters = []
    for part in _top_level_split(text[match.end() : close]):
        name, _, kind = part.partition(":")
        if not kind.strip():
            return None
        parameters.append(Parameter(name.strip(), " ".join(kind.split())))
    return Signature(short_name, tuple(parameters), returns.group(1).strip() if returns else "?")


def _closing(text: str, open_index: int) -> int | None:
    depth = 0
    for index in range(open_index, len(text)):
        if text[index] in "([":
            depth += 1
        elif text[index] in ")]":
            depth -= 1
            if depth == 0:
                return index
    return None


def _top_level_split(text: str) -> list[str]:
    parts, depth, start = [], 0, 0
    for index, char in enumerate(text):
        if char in "([<":
            depth += 1
        elif char in ")]>":
            depth -= 1
        elif char == "," and depth == 0:
            parts.append(text[start:index])
            start = index + 1
    parts.append(text[start:])
    return [part.strip() for part in parts if part.strip()]


def _coerce(value: Any, kind: str, signature: Signature, where: str) -> Any:
    kind = kind.strip()
    if kind == "Double":
        if isinstance(value, numbers.Real) and not isinstance(value, bool):
            return float(value)
    elif kind == "Int":
        if isinstance(value, numbers.Integral) and not isinstance(value, bool):
            return int(value)
    elif kind == "Bool":
        if isinstance(value, bool) or type(value).__name__ == "bool_":
            return bool(value)
    elif kind.endswith("[]"):
        if _is_sequence(value):
            item = kind[:-2]
            return [_coerce(v, item, signature, f"{where}[{i}]") for i, v in enumerate(value)]
    elif kind.startswith("(") and kind.endswith(")"):
        items = _top_level_split(kind[1:-1])
        if _is_sequence(value) and len(list(value)) == len(items):
            return tuple(
                _coerce(v, t, signature, f"{where}[{i}]")
                for i, (v, t) in enumerate(zip(value, items, strict=True))
            )
    else:
        return value  # Result, Pauli, String, structs, callables: qdk checks them.
    shown = repr(value)
    if len(shown) > 40:
        shown = shown[:37] + "..."
    raise BindError(f"{signature}: {where} must be {kind}, got {type(value).__name__} {shown}")


def _is_sequence(value: Any) -> bool:
    if isinstance(value, (str, bytes, dict)):
        return False
    try:
        iter(value)
    except TypeError:
        return False
    return True
