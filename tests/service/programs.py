"""Programs the service tests submit: real Q# compiled by qdk, and deliberately bad input."""

from __future__ import annotations

from functools import lru_cache

from qdk import qsharp


@lru_cache(maxsize=None)
def bell_qir() -> str:
    qsharp.init(target_profile=qsharp.TargetProfile.Base)
    qsharp.eval(
        "operation Bell() : Result[] { use q = Qubit[2]; H(q[0]); CNOT(q[0], q[1]); MResetEachZ(q) }"
    )
    return str(qsharp.compile("Bell()"))


class QirText:
    """Sends QIR text as-is, the way the SDK sends any QirRepresentable."""

    _name = "main"

    def __init__(self, text: str) -> None:
        self.text = text

    def _repr_qir_(self, **_kwargs) -> bytes:
        return self.text.encode()


def submit_bell(target, name: str, shots: int = 20):
    return target.submit(QirText(bell_qir()), name=name, shots=shots)


def submit_broken(target, name: str):
    """A job the service accepts and then fails, as Azure does with a bad program."""
    return target.submit(QirText("this is not QIR"), name=name, shots=10)
