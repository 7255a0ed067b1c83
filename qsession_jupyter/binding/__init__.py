"""Variational binding: QIR for new angles without running the compiler again.

One module per idea, shared by the Q# path (`kernel/qsharp`), the Qiskit path
(`qiskit/template.py`) and the local workers (`local/execution/qir/shapes.py`):

* `literals`: the `double` literals of qdk's QIR text, read and printed as qdk does;
* `template`: QIR with holes, and the one rule that decides when a hole may be trusted;
* `formulas`: the arithmetic a Q# literal may be (sums, scales, products) and how to find it;
* `learning`: the probes a Q# callable is compiled at to learn its template.

Plain Python: nothing here imports qdk, Qiskit or the rest of the package.
"""
