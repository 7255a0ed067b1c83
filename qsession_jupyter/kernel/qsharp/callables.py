"""Q# callables as Python objects that run locally *and* submit to targets.

`Target.submit` treats any object with `_name` and `_repr_qir_(target=...)`
as a QIR program (`azure.quantum.target.target.QirRepresentable`) and builds
the entry point name from `_name`. qdk always names the QIR entry point
`ENTRYPOINT__main`, so our objects answer `_name = "main"` and keep the Q#
name in `__name__`.

The objects also carry qdk's own markers (`__global_callable`,
`_qdk_context`), so `qsharp.run(GenerateRandomBit, 100)` and passing one
callable to another keep working exactly as with qdk's magic.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ...providers.profiles import profile_name, profile_name_for_target
from .compiler import get_compiler
from .diagnostics import as_cell_error

#: qdk names every entry point `ENTRYPOINT__main`; the SDK derives it from `_name`.
ENTRY_POINT_NAME = "main"


class QirProgram:
    """A QIR-representable program: a callable with its arguments, or an expression."""

    _name = ENTRY_POINT_NAME

    def __init__(
        self,
        label: str,
        *,
        callable_name: str | None = None,
        args: tuple = (),
        expression: str | None = None,
        runner: Any = None,
        profile: str | None = None,
    ) -> None:
        self.label = label
        self._callable_name = callable_name
        self._args = args
        self._expression = expression
        self._runner = runner
        #: Forces a profile instead of deriving it from the target name.
        self.profile = profile

    def _repr_qir_(self, target: str | None = None, **kwargs: Any) -> bytes:
        """The SDK's hook: QIR bitcode-or-text bytes for `target`."""
        return self.qir(target=target, profile=kwargs.get("target_profile")).encode("utf-8")

    def qir(self, target: Any = None, profile: Any = None) -> str:
        """QIR text for a target (name or Target) or an explicit profile."""
        chosen = _choose_profile(target, profile or self.profile)
        compiler = get_compiler()
        if self._expression is not None:
            return compiler.compile_expression(self._expression, chosen)
        assert self._callable_name is not None
        return compiler.compile_callable(self._callable_name, self._args, chosen)

    def __call__(self) -> Any:
        """Run the program once on the local qdk simulator."""
        from qdk import qsharp

        try:
            if self._runner is None:
                return qsharp.eval(self._expression or "")
            return self._runner(*self._args)
        except qsharp.QSharpError as error:
            raise as_cell_error(error) from None

    def __repr__(self) -> str:
        return f"<Q# program {self.label}>"


class QSharpCallable:
    """A Q# callable bound into the notebook by `%%qsharp`."""

    _name = ENTRY_POINT_NAME

    def __init__(self, function: Any, qualified_name: str, generation: int | None = None):
        self._function = function
        self._qsharp_qualified_name = qualified_name
        self._generation = generation
        self.__name__ = qualified_name.rsplit(".", 1)[-1]
        self.__qualname__ = qualified_name
        self.__doc__ = getattr(function, "__doc__", None)
        # qdk recognises its callables by these attributes (see qdk._context).
        setattr(self, "__global_callable", getattr(function, "__global_callable", None))
        self._qdk_context = getattr(function, "_qdk_context", None)

    @property
    def qualified_name(self) -> str:
        return self._qsharp_qualified_name

    def __call__(self, *args: Any) -> Any:
        """Run on the local qdk simulator, as qdk's own callables do."""
        from qdk.qsharp import QSharpError

        try:
            return self._function(*args)
        except QSharpError as error:
            raise as_cell_error(error) from None

    def with_args(self, *args: Any) -> QirProgram:
        """A submittable program that calls this callable with `args` (the VQE case).

        Arguments are checked against the Q# signature now (a `BindError` names
        it), not when the job is submitted.
        """
        values = tuple(_materialise(arg) for arg in args)
        signature = get_compiler().signature(self._qsharp_qualified_name)
        if signature is not None:
            values = signature.coerce(values)
        shown = ", ".join(repr(value) for value in values)
        return QirProgram(
            f"{self.__name__}({shown})",
            callable_name=self._qsharp_qualified_name,
            args=values,
            runner=self._function,
        )

    def _repr_qir_(self, target: str | None = None, **kwargs: Any) -> bytes:
        return self.qir(target=target, profile=kwargs.get("target_profile")).encode("utf-8")

    def qir(self, target: Any = None, profile: Any = None) -> str:
        """QIR text for a target (name or Target) or an explicit profile, without arguments."""
        chosen = _choose_profile(target, profile)
        return get_compiler().compile_callable(self._qsharp_qualified_name, (), chosen)

    def __repr__(self) -> str:
        return f"<Q# callable {self._qsharp_qualified_name}>"


def _choose_profile(target: Any, profile: Any) -> str:
    if profile is not None:
        return profile_name(profile)
    if target is not None and not isinstance(target, str):
        explicit = getattr(target, "target_profile", None)
        if explicit:
            return profile_name(explicit)
        target = getattr(target, "name", None)
    return profile_name_for_target(target)


def _materialise(value: Any) -> Any:
    """Generators can be read once; keep their items for compile and cache key."""
    if isinstance(value, Iterator):
        return [_materialise(item) for item in value]
    return value
