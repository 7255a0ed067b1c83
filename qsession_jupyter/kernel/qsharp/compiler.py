"""QIR for hardware profiles, next to qdk's unrestricted notebook interpreter.

qdk's interpreter has one target profile, fixed when it is created, and the
notebook's interpreter is Unrestricted (so cells can simulate anything). QIR
for a Base or Adaptive target therefore comes from a second qdk `Context` per
profile, fed with the declarations of every `%%qsharp` cell in order. A
declaration that a profile rejects (say, branching on a measurement under
Base) is remembered with its diagnostics and reported only when someone asks
to compile that callable for that profile; the rest of the cell stays usable.

Compiled QIR is cached per callable definition, arguments and profile: a VQE
loop that resubmits the same angles never compiles twice. New Double arguments
of a shape seen before are bound into a learned template (`templates`, `binding`) instead
of compiled: the first call compiles as always, the second learns.
"""

from __future__ import annotations

import gc
import threading
from dataclasses import dataclass, field
from typing import Any

from ...binding import learning
from ...lru import LRU
from ...providers.profiles import to_target_profile
from . import signature as qsignature
from . import source as qsource
from . import templates
from .diagnostics import QSharpCellError

_CACHE_SIZE = 512
_FAMILIES_SIZE = 256


@dataclass
class _ProfileContext:
    context: Any
    #: How many recorded cells have been replayed into `context`.
    replayed: int = 0
    #: Callable name -> diagnostics of the declaration this profile rejected.
    rejected: dict[str, str] = field(default_factory=dict)


class QirCompiler:
    """Compiles recorded Q# callables and expressions to QIR for a profile."""

    def __init__(self) -> None:
        self._cells: list[str] = []
        self._contexts: dict[str, _ProfileContext] = {}
        self._cache: LRU[tuple, str] = LRU(_CACHE_SIZE)
        self._families: LRU[tuple, templates.Family] = LRU(_FAMILIES_SIZE)
        #: How many programs qdk compiled, and how many we bound into a template.
        self.counts = {"compiled": 0, "bound": 0}
        #: False compiles every new argument (benchmarks compare against it).
        self.binding = True
        self._lock = threading.RLock()
        self._owner: Any = None
        #: Qualified callable name -> index of the cell that last defined it.
        self.generations: dict[str, int] = {}

    # -- recording ------------------------------------------------------------

    def record_cell(self, cell: str) -> int:
        """Remember a cell's declarations; returns its generation number."""
        with self._lock:
            self._check_owner()
            replayable = qsource.declarations_only(cell)
            self._cells.append(replayable)
            generation = len(self._cells)
            for segment in qsource.split(replayable):
                for name in segment.callable_names:
                    self.generations[name] = generation
            return generation

    def reset(self) -> None:
        with self._lock:
            dropped = bool(self._contexts)
            self._cells.clear()
            self._contexts.clear()
            self._cache.clear()
            self._families.clear()
            self.generations.clear()
        if dropped:
            # A qdk Context lives in a reference cycle (its callables point back at it),
            # so only the cycle collector frees it, on whichever thread runs it next: a
            # panel's poller, say. qdk's interpreter must be freed on the thread that
            # made it, or it leaks and "… is unsendable, but is being dropped on another
            # thread" lands in the notebook. The kernel's thread made it: collect here.
            gc.collect()

    def _check_owner(self) -> None:
        """Start over when the user re-initialised qdk (`qsharp.init(...)`)."""
        from ...compat import notebook_context

        current = notebook_context()
        if current is not self._owner:
            self.reset()
            self._owner = current

    # -- compiling ------------------------------------------------------------

    def signature(self, name: str) -> qsignature.Signature | None:
        """The declared parameters of callable `name`, from the cell that last defined it."""
        with self._lock:
            generation = self.generations.get(name)
            if generation is None:
                return None
            return qsignature.find(self._cells[generation - 1], name.rsplit(".", 1)[-1])

    def compile_callable(self, name: str, args: tuple, profile: str) -> str:
        """QIR text for `name(*args)` under `profile`, bound into a template when one is known."""
        with self._lock:
            shape, values = templates.split_parameters(args)
            if not values or not self.binding:
                return self._compile_call(name, args, profile)
            key = ("family", name, self.generations.get(name), _args_key(shape), profile.lower())
            family = self._families.get(key)
            if family is None:
                family = self._families.put(key, templates.Family())
            if family.template is not None:
                self.counts["bound"] += 1
                return family.template.bind(values)
            qir = self._compile_call(name, args, profile)
            if family.compile_always or any(seen == values for seen, _ in family.seen):
                return qir
            family.seen.append((values, qir))
            if len(family.seen) >= 2:
                learned = learning.learn(
                    lambda sample: self._compile_call(
                        name, templates.fill(shape, sample), profile, remember=False
                    ),
                    len(values),
                    known=family.seen,
                )
                family.template, family.reason = learned.template, learned.reason
                family.compile_always = family.template is None
                family.seen.clear()
            return qir

    def _compile_call(self, name: str, args: tuple, profile: str, remember: bool = True) -> str:
        """QIR text for `name(*args)` under `profile`, from the cache or qdk's compiler."""
        with self._lock:
            key = ("callable", name, self.generations.get(name), _args_key(args), profile.lower())
            cached = self._cache.get(key)
            if cached is not None:
                return cached
            state = self._synced(profile)
            if name in state.rejected:
                raise QSharpCellError(
                    state.rejected[name],
                    heading=f"{name} can't be compiled for the {profile} profile:",
                )
            function = lookup(state.context.code, name)
            if function is None:
                raise QSharpCellError(
                    "",
                    heading=f"{name} is not a callable defined in a %%qsharp cell of this "
                    "kernel; define it with %%qsharp before submitting it.",
                )
            lowered = tuple(_translate_arg(arg, state.context) for arg in args)
            qir = self._compile(state, function, lowered, name, profile)
            if remember:
                self._remember(key, qir)
            return qir

    def compile_expression(self, expression: str, profile: str) -> str:
        """QIR text for an entry expression such as `RandomBits(4)`."""
        with self._lock:
            key = ("expression", expression, len(self._cells), profile.lower())
            cached = self._cache.get(key)
            if cached is not None:
                return cached
            state = self._synced(profile)
            qir = self._compile(state, expression, (), expression, profile)
            self._remember(key, qir)
            return qir

    def _compile(self, state: _ProfileContext, entry: Any, args: tuple, label: str, profile: str):
        from qdk.qsharp import QSharpError

        self.counts["compiled"] += 1
        try:
            return str(state.context.compile(entry, *args))
        except QSharpError as error:
            raise QSharpCellError(
                str(error), heading=f"{label} can't be compiled for the {profile} profile:"
            ) from None
        except TypeError as error:
            raise QSharpCellError(
                str(error), heading=f"Wrong arguments for {label}: {error}"
            ) from None

    def _remember(self, key: tuple, qir: str) -> None:
        self._cache.put(key, qir)

    def _synced(self, profile: str) -> _ProfileContext:
        self._check_owner()
        state = self._contexts.get(profile.lower())
        if state is None:
            import qdk

            state = _ProfileContext(qdk.Context(target_profile=to_target_profile(profile)))
            self._contexts[profile.lower()] = state
        while state.replayed < len(self._cells):
            _replay(state, self._cells[state.replayed])
            state.replayed += 1
        return state


def _replay(state: _ProfileContext, cell: str) -> None:
    """Evaluate a cell's declarations; on failure, one declaration at a time."""
    from qdk.qsharp import QSharpError

    if not cell.strip():
        return
    try:
        state.context.eval(cell)
        return
    except QSharpError:
        pass
    for segment in qsource.split(cell):
        try:
            state.context.eval(segment.padded())
        except QSharpError as error:
            for name in segment.callable_names:
                state.rejected[name] = str(error)
        else:
            for name in segment.callable_names:
                state.rejected.pop(name, None)


def lookup(module: Any, qualified_name: str) -> Any:
    current = module
    for part in qualified_name.split("."):
        current = getattr(current, part, None)
        if current is None:
            return None
    return current


def _translate_arg(arg: Any, context: Any) -> Any:
    """Our callable objects stand for their twin in the profile's context."""
    name = getattr(arg, "_qsharp_qualified_name", None)
    if name is not None:
        twin = lookup(context.code, name)
        if twin is not None:
            return twin
    return arg


def _args_key(args: tuple) -> tuple:
    return tuple(_value_key(arg) for arg in args)


def _value_key(value: Any) -> Any:
    name = getattr(value, "_qsharp_qualified_name", None)
    if name is not None:
        return ("callable", name)
    if isinstance(value, (list, tuple)):
        return (type(value).__name__, tuple(_value_key(item) for item in value))
    if isinstance(value, dict):
        return ("dict", tuple(sorted((k, _value_key(v)) for k, v in value.items())))
    try:
        iterator = iter(value)
    except TypeError:
        return (type(value).__name__, repr(value))
    if isinstance(value, str):
        return ("str", value)
    return ("iterable", tuple(_value_key(item) for item in iterator))


_compiler: QirCompiler | None = None


def get_compiler() -> QirCompiler:
    """The process-wide compiler (qdk's notebook interpreter is process-wide too)."""
    global _compiler
    if _compiler is None:
        _compiler = QirCompiler()
    return _compiler
