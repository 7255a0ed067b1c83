"""Issue 21: which variational ansätze bind without compiling, and what learning costs.

For each Q# ansatz (grouped as sums, scales, products, `Double[]` loops,
constants, and shapes that must compile every call) it calls `Op.with_args`
at random values through the kernel's compiler, as a loop does, and prints:
whether the calls after learning bound without compiling, how many compiles
learning cost (the compiles of the second call beyond its own), and that every
program equals a fresh qdk compile byte for byte. Then the same for the Qiskit
test circuits (conversions spent on probes, bindable or not).

    .venv/bin/python benchmarks/binding_coverage.py [--calls 12]
"""

from __future__ import annotations

import argparse
import gc
import random

#: (category, name, Q# source, argument maker); the categories the issue counts.
QSHARP = [
    ("sums", "Sum", "operation Sum(a : Double, b : Double) : Result {"
     " use q = Qubit(); Ry(a + b, q); Rz(a - 0.3 + b, q); MResetZ(q) }",
     lambda r: (r.uniform(-4, 4), r.uniform(-4, 4))),
    ("sums", "Mixed", "operation Mixed(theta : Double, phi : Double) : Result[] {"
     " use qs = Qubit[2]; Ry(theta / 2.0 + phi, qs[0]); Rx(theta / 3.0 - 0.1, qs[1]);"
     " Rx(2.0 * (theta - phi) + 0.25, qs[0]); Rz(-phi, qs[0]); CNOT(qs[0], qs[1]);"
     " MResetEachZ(qs) }",
     lambda r: (r.uniform(-4, 4), r.uniform(-4, 4))),
    ("scales", "Scale", "import Std.Math.PI; operation Scale(t : Double) : Result {"
     " use q = Qubit(); Ry(t / 2.0, q); Rx(2.0 * t, q); Rz(PI() * t, q); Ry(t / 7.0, q);"
     " MResetZ(q) }",
     lambda r: (r.uniform(-9, 9),)),
    ("scales", "OuterScale", "operation OuterScale(a : Double, b : Double) : Result {"
     " use q = Qubit(); Ry((a + b) / 3.0, q); Rz((a + 0.1) * 3.0, q); MResetZ(q) }",
     lambda r: (r.uniform(-9, 9), r.uniform(-9, 9))),
    ("products", "Product", "operation Product(a : Double, b : Double) : Result {"
     " use q = Qubit(); Rz(a * b, q); Ry(a * a, q); Rx(a * b + 1.0, q); MResetZ(q) }",
     lambda r: (r.uniform(-4, 4), r.uniform(-4, 4))),
    ("Double[] loops", "Layers4", "operation Layers4(t : Double[], g : Double) : Result[] {"
     " use qs = Qubit[3]; for i in 0..Length(t) - 1 { Ry(t[i] * 0.5 + g, qs[i % 3]);"
     " Rz(t[i] / 7.0, qs[(i + 1) % 3]); CNOT(qs[i % 3], qs[(i + 1) % 3]); } MResetEachZ(qs) }",
     lambda r: ([r.uniform(-3, 3) for _ in range(4)], r.uniform(-1, 1))),
    ("Double[] loops", "Hea16", "operation Hea16(t : Double[]) : Result[] {"
     " use qs = Qubit[4]; for i in 0..Length(t) - 1 { Ry(t[i], qs[i % 4]);"
     " if i % 4 == 3 { for k in 0..2 { CNOT(qs[k], qs[k + 1]); } } } MResetEachZ(qs) }",
     lambda r: ([r.uniform(-3, 3) for _ in range(16)],)),
    ("Double[] loops", "Vqe", "operation Vqe(x : Double[]) : Result[] {"
     " use (a, b) = (Qubit(), Qubit()); Ry(x[0], a); Ry(x[1], b); CNOT(a, b);"
     " Ry(x[0] + x[1] + x[2], a); Rz(x[2] * x[2], b); [MResetZ(a), MResetZ(b)] }",
     lambda r: ([r.uniform(-10, 10) for _ in range(3)],)),
    ("Double[] loops", "Qaoa", "import Std.Convert.IntAsDouble; operation Qaoa(g : Double[], b : Double[]) : Result[] {"
     " use qs = Qubit[4]; ApplyToEach(H, qs); for p in 0..Length(g) - 1 {"
     " for k in 0..3 { Rzz(2.0 * g[p] * (0.5 + IntAsDouble(k)), qs[k], qs[(k + 1) % 4]); }"
     " for q in qs { Rx(2.0 * b[p], q); } } MResetEachZ(qs) }",
     lambda r: ([r.uniform(-1, 1) for _ in range(4)], [r.uniform(-1, 1) for _ in range(4)])),
    ("constants", "Offsets", "operation Offsets(a : Double, b : Double) : Result {"
     " use q = Qubit(); Rx(a * 1e-9 + 3.0, q); Ry((a + 0.1) * 3.0, q);"
     " Rz(b / 3.0 + a / 7.0 - 2.5, q); Ry(0.125, q); MResetZ(q) }",
     lambda r: (r.uniform(-9, 9), r.uniform(-9, 9))),
    ("compiles by design", "Branchy", "operation Branchy(t : Double) : Result {"
     " use q = Qubit(); if t > 1.0 { X(q); } Ry(t, q); MResetZ(q) }",
     lambda r: (r.choice([r.uniform(-2, 0.9), r.uniform(1.1, 3)]),)),
    ("compiles by design", "Curved", "import Std.Math.*; operation Curved(a : Double) : Result {"
     " use q = Qubit(); Rx(ArcCos(a / 10.0), q); MResetZ(q) }",
     lambda r: (r.uniform(-9, 9),)),
]  # fmt: skip


def qsharp_rows(calls: int) -> list[tuple]:
    import qdk
    from qdk import qsharp

    from qsession_jupyter.kernel.qsharp.cells import run_cell
    from qsession_jupyter.kernel.qsharp.compiler import get_compiler, lookup

    rows = []
    for category, name, source, make_args in QSHARP:
        qsharp.init()
        op = run_cell(source).callables[name]
        reference = qdk.Context(target_profile=qdk.TargetProfile.Base)
        reference.eval(source)
        function = lookup(reference.code, name)
        rng = random.Random(5)
        counts = get_compiler().counts
        exact, learning = True, 0
        for call in range(calls):
            args = make_args(rng)
            before = dict(counts)
            qir = op.with_args(*args).qir(target="ionq.simulator")
            if call == 1:
                learning = counts["compiled"] - before["compiled"] - 1
            exact &= qir == str(reference.compile(function, *args))
            if call == 1:
                after_learning = dict(counts)
        bound = counts["bound"] - after_learning["bound"]
        rows.append((category, name, bound, calls - 2, max(learning, 0), exact))
        reference = function = None
        gc.collect()
    return rows


def qiskit_rows() -> list[tuple]:
    import math

    from qdk import TargetProfile
    from qdk.qiskit import QSharpBackend
    from qiskit import QuantumCircuit
    from qiskit.circuit import Parameter, ParameterVector

    from qsession_jupyter.qiskit.template import QirTemplate

    convert = QSharpBackend(
        qiskit_pass_options={"supports_barrier": False},
        target_profile=TargetProfile.Base,
        skip_transpilation=True,
    ).qir
    a, b = Parameter("a"), Parameter("b")
    rotations = QuantumCircuit(3)
    rotations.rx(a, 0)
    rotations.ry(2 * a + b, 1)
    rotations.rz(a * b, 2)
    rotations.rxx(b - 0.25, 0, 1)
    rotations.crz(b * 2.5, 2, 0)
    rotations.rz(0.7, 0)
    rotations.measure_all()
    thetas = ParameterVector("t", 16)
    hea = QuantumCircuit(4)
    for i, theta in enumerate(thetas):
        hea.ry(theta, i % 4)
    hea.measure_all()
    u = QuantumCircuit(1)
    u.u(a, a / 2, 0.3, 0)
    u.measure_all()
    rows = []
    for name, circuit in (("rotations", rotations), ("hea16", hea), ("u gate", u)):
        template = QirTemplate(circuit, convert)
        probes = template.conversions
        rng = random.Random(3)
        exact = True
        for _ in range(6):
            values = [rng.uniform(-2 * math.pi, 4 * math.pi) for _ in circuit.parameters]
            fresh = convert(
                circuit.assign_parameters(dict(zip(circuit.parameters, values, strict=True)))
            )
            exact &= template.bind(values) == fresh
        rows.append((name, template.bindable, probes, template.conversions - probes, exact))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=12)
    args = parser.parse_args()
    rows = qsharp_rows(args.calls)
    print(f"== Q#: {args.calls} calls each; calls 3.. after learning ==")
    print(f"  {'category':<20}{'ansatz':<12}{'bound':>8}{'learning compiles':>20}  equal to fresh")
    for category, name, bound, of, learning, exact in rows:
        print(f"  {category:<20}{name:<12}{bound:>4}/{of:<3}{learning:>20}  {exact}")
    binding = [r for r in rows if r[0] != "compiles by design"]
    print(
        f"  bind without compiling: {sum(r[2] == r[3] for r in binding)}/{len(binding)} ansätze;"
        f" learning compiles total {sum(r[4] for r in binding)}"
    )
    print("== Qiskit: probes and per-set conversions ==")
    for name, bindable, probes, extra, exact in qiskit_rows():
        print(
            f"  {name:<12} bindable {bindable!s:<6} probe conversions {probes}"
            f"  conversions for 6 sets {extra}  equal to fresh {exact}"
        )


if __name__ == "__main__":
    main()
