"""Q# programs and session helpers for the panel tests (a module: conftest is not importable)."""

from __future__ import annotations

from functools import cache

from service_support import wait_for  # noqa: F401 - re-exported for the widget tests

BELL = "operation Bell() : Result[] { use q = Qubit[2]; H(q[0]); CNOT(q[0], q[1]); MResetEachZ(q) }"
ONES = "operation Ones() : Result[] { use q = Qubit[3]; X(q[0]); X(q[2]); MResetEachZ(q) }"


@cache
def qir(source: str, entry: str):
    """QIR compiled by qdk exactly as a notebook user's `qsharp.compile` does."""
    from qdk import qsharp

    qsharp.init(target_profile=qsharp.TargetProfile.Base)
    qsharp.eval(source)
    return qsharp.compile(entry)


def bell():
    return qir(BELL, "Bell()")


def ones():
    return qir(ONES, "Ones()")
