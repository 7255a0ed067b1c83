"""Compile once, bind many: the QIR bound into a template equals a fresh compile, byte for byte.

Each test defines an ansatz with `run_cell` (the path `%%qsharp` takes), asks
for its QIR through `Op.with_args(...)`, the Python API a variational loop
uses, and compares it with what a brand-new qdk `Context` compiles for the
same call.
"""

from __future__ import annotations

import gc
import random

import pytest
import qdk

from qsession_jupyter.kernel.qsharp.cells import run_cell
from qsession_jupyter.kernel.qsharp.compiler import get_compiler, lookup
from qsession_jupyter.kernel.qsharp.signature import BindError

CALLS = 40


@pytest.fixture(autouse=True)
def fresh_interpreter():
    from qdk import qsharp

    qsharp.init()
    yield
    # The reference contexts below sit in reference cycles; free them on this thread
    # (see QirCompiler.reset), not during a later test's background thread.
    gc.collect()


def fresh_compile(source: str, name: str, args: tuple) -> str:
    context = qdk.Context(target_profile=qdk.TargetProfile.Base)
    context.eval(source)
    return str(context.compile(getattr(context.code, name), *args))


class Reference:
    """One fresh qdk context per source, as a user's new kernel would compile."""

    def __init__(self, source: str, name: str):
        self.context = qdk.Context(target_profile=qdk.TargetProfile.Base)
        self.context.eval(source)
        self.function = lookup(self.context.code, name)

    def qir(self, *args) -> str:
        return str(self.context.compile(self.function, *args))


def assert_bound_equals_compiled(source: str, name: str, make_args, calls: int = CALLS):
    op = run_cell(source).callables[name.rsplit(".", 1)[-1]]
    reference = Reference(source, name)
    compiler = get_compiler()
    rng = random.Random(1234)
    for _ in range(calls):
        args = make_args(rng)
        assert op.with_args(*args).qir(target="ionq.simulator") == reference.qir(*args), args
    return compiler.counts


SUMS_AND_PRODUCTS = """
operation Ansatz(theta : Double, phi : Double) : Result[] {
    use qs = Qubit[2];
    Ry(theta / 2.0 + phi, qs[0]);
    Rz(theta * phi, qs[1]);
    Rx(theta / 3.0 - 0.1, qs[1]);
    Rx(2.0 * (theta - phi) + 0.25, qs[0]);
    Ry((theta + phi) / 3.0, qs[1]);
    Rz(-phi, qs[0]);
    CNOT(qs[0], qs[1]);
    MResetEachZ(qs)
}
"""


def test_rotations_of_sums_and_products_bind_exactly():
    counts_before = dict(get_compiler().counts)
    counts = assert_bound_equals_compiled(
        SUMS_AND_PRODUCTS,
        "Ansatz",
        lambda rng: (rng.uniform(-4, 4), rng.uniform(-4, 4)),
    )
    # Learning costs a handful of compiles once; the other calls are bound.
    assert counts["bound"] - counts_before["bound"] >= CALLS - 2


DOUBLE_ARRAY = """
import Std.Math.PI;
operation Layers(thetas : Double[], gamma : Double) : Result[] {
    use qs = Qubit[3];
    for i in 0..Length(thetas) - 1 {
        Ry(thetas[i] * 0.5 + gamma, qs[i % 3]);
        Rz(thetas[i] / 7.0, qs[(i + 1) % 3]);
        CNOT(qs[i % 3], qs[(i + 1) % 3]);
    }
    Rx(PI() * gamma, qs[2]);
    MResetEachZ(qs)
}
"""


def test_loops_over_a_double_array_bind_exactly():
    before = get_compiler().counts["bound"]
    assert_bound_equals_compiled(
        DOUBLE_ARRAY,
        "Layers",
        lambda rng: ([rng.uniform(-3, 3) for _ in range(5)], rng.uniform(-1, 1)),
    )
    assert get_compiler().counts["bound"] - before >= CALLS - 2


VQE_STYLE = """
namespace Vqe {
    operation Energy(angles : Double[]) : Result[] {
        use (a, b) = (Qubit(), Qubit());
        Ry(angles[0], a);
        Ry(angles[1], b);
        CNOT(a, b);
        Ry(angles[0] + angles[1] + angles[2], a);
        Rz(angles[2] * angles[2], b);
        [MResetZ(a), MResetZ(b)]
    }
}
"""


def test_a_namespaced_callable_with_squares_binds_exactly():
    before = get_compiler().counts["bound"]
    assert_bound_equals_compiled(
        VQE_STYLE,
        "Vqe.Energy",
        lambda rng: ([rng.uniform(-10, 10) for _ in range(3)],),
    )
    assert get_compiler().counts["bound"] - before >= CALLS - 2


HARDWARE_EFFICIENT = """
operation Hea(thetas : Double[]) : Result[] {
    use qs = Qubit[4];
    for i in 0..Length(thetas) - 1 {
        Ry(thetas[i], qs[i % 4]);
        if i % 4 == 3 {
            for k in 0..2 { CNOT(qs[k], qs[k + 1]); }
        }
    }
    MResetEachZ(qs)
}
"""


def test_sixteen_angles_are_learned_from_fewer_compiles_than_angles():
    compiler = get_compiler()
    calls = 12
    compiled = []

    def make_args(rng):
        compiled.append(compiler.counts["compiled"])
        return ([rng.uniform(-3, 3) for _ in range(16)],)

    assert_bound_equals_compiled(HARDWARE_EFFICIENT, "Hea", make_args, calls)
    # Calls 1 and 2 compile (the second also learns); every later call binds.
    learning = compiled[2] - compiled[1] - 1
    assert learning < 16
    assert compiler.counts["compiled"] == compiled[2]


CONSTANTS_THAT_MATTER = """
operation Offsets(a : Double, b : Double) : Result {
    use q = Qubit();
    Rx(a * 1e-9 + 3.0, q);
    Ry((a + 0.1) * 3.0, q);
    Rz(b / 3.0 + a / 7.0 - 2.5, q);
    MResetZ(q)
}
"""


def test_large_constants_and_constants_inside_a_scale_bind_exactly():
    before = get_compiler().counts["bound"]
    assert_bound_equals_compiled(
        CONSTANTS_THAT_MATTER, "Offsets", lambda rng: (rng.uniform(-9, 9), rng.uniform(-9, 9))
    )
    assert get_compiler().counts["bound"] - before >= CALLS - 2


NOT_A_FORMULA = """
import Std.Math.*;
operation Curved(a : Double, b : Double) : Result {
    use q = Qubit();
    Rx(ArcCos(a / 10.0), q);
    Ry(a * b + 1.0, q);
    MResetZ(q)
}
"""


def test_a_literal_no_formula_explains_falls_back_to_compiling_correctly():
    before = get_compiler().counts["bound"]
    assert_bound_equals_compiled(
        NOT_A_FORMULA, "Curved", lambda rng: (rng.uniform(-9, 9), rng.uniform(-9, 9)), 12
    )
    assert get_compiler().counts["bound"] == before


BRANCH = """
operation Branchy(theta : Double) : Result {
    use q = Qubit();
    if theta > 1.0 {
        X(q);
    }
    Ry(theta, q);
    MResetZ(q)
}
"""


def test_a_branch_on_a_double_falls_back_to_compiling_each_call():
    before = get_compiler().counts["compiled"]
    assert_bound_equals_compiled(
        BRANCH,
        "Branchy",
        lambda rng: (rng.choice([rng.uniform(-2, 0.9), rng.uniform(1.1, 3)]),),
        12,
    )
    # Once learning saw the shape change, each new angle is a real compile.
    assert get_compiler().counts["compiled"] - before >= 12


LOOP_ON_DOUBLE = """
import Std.Math.*;
operation Repeated(theta : Double) : Result {
    use q = Qubit();
    for _ in 1..Truncate(AbsD(theta)) {
        Rx(theta, q);
    }
    MResetZ(q)
}
"""


def test_a_loop_bound_on_a_double_falls_back_correctly():
    assert_bound_equals_compiled(LOOP_ON_DOUBLE, "Repeated", lambda rng: (rng.uniform(-4, 4),), 12)


QUBIT_COUNT = """
operation Ring(n : Int, theta : Double) : Result[] {
    use qs = Qubit[n];
    for q in qs {
        Ry(theta, q);
    }
    MResetEachZ(qs)
}
"""


def test_an_int_that_sets_the_qubit_count_gets_its_own_template():
    assert_bound_equals_compiled(
        QUBIT_COUNT, "Ring", lambda rng: (rng.choice([1, 2, 4]), rng.uniform(-3, 3)), 24
    )


def test_ints_for_a_double_parameter_are_accepted_as_doubles():
    op = run_cell(SUMS_AND_PRODUCTS).callables["Ansatz"]
    assert op.with_args(1, 2).qir(target="ionq.simulator") == fresh_compile(
        SUMS_AND_PRODUCTS, "Ansatz", (1.0, 2.0)
    )


RANDOM_BIT = "operation RandomBit() : Result { use q = Qubit(); H(q); MResetZ(q) }"


def test_wrong_argument_count_fails_at_bind_time_naming_the_signature():
    op = run_cell(RANDOM_BIT).callables["RandomBit"]
    with pytest.raises(BindError) as caught:
        op.with_args(3)
    message = str(caught.value)
    assert "\n" not in message
    assert "RandomBit() : Result takes 0 arguments, got 1" in message


def test_wrong_argument_type_fails_at_bind_time_naming_the_parameter():
    op = run_cell(SUMS_AND_PRODUCTS).callables["Ansatz"]
    with pytest.raises(
        BindError, match=r"Ansatz\(theta : Double, phi : Double\).*phi must be Double, got str"
    ):
        op.with_args(0.5, "wide")
    layers = run_cell(DOUBLE_ARRAY).callables["Layers"]
    with pytest.raises(BindError, match=r"thetas\[1\] must be Double"):
        layers.with_args([0.1, "x"], 0.2)
    with pytest.raises(BindError, match="takes 2 arguments, got 1"):
        layers.with_args([0.1, 0.2])


def test_a_bind_error_in_a_notebook_cell_shows_one_line_not_a_traceback(run, shell):
    assert run("%%qsharp\n" + RANDOM_BIT).error is None
    cell = run("RandomBit.with_args(3)")
    assert isinstance(cell.error, BindError)
    lines = [line for line in cell.out.splitlines() if line.strip()]
    assert lines == ["BindError: RandomBit() : Result takes 0 arguments, got 1"]


def test_bound_programs_run_on_the_local_workspace_through_the_sdk(run, shell):
    """The loop of the issue: submit `Op.with_args(theta)` into a session, read results."""
    assert run("%%qsharp\n" + QUBIT_COUNT).error is None
    assert run("%session open -t ionq.simulator").error is None
    cell = run(
        "import math\n"
        "outcomes = []\n"
        "for theta in (0.0, math.pi, 0.0, math.pi):\n"
        "    job = target.submit(Ring.with_args(2, theta), shots=20)\n"
        "    outcomes.append(job.get_results())\n"
    )
    assert cell.error is None, cell.out
    outcomes = shell.user_ns["outcomes"]
    # Ry(0) leaves |00>, Ry(pi) flips both qubits: the bound angles reached the simulator.
    assert [_only_outcome(o) for o in outcomes] == ["00", "11", "00", "11"]
    assert get_compiler().counts["bound"] >= 1


def _only_outcome(histogram: dict) -> str:
    (key,) = [k for k, v in histogram.items() if v]
    return "".join(ch for ch in str(key) if ch in "01")


def test_reinitialising_qdk_frees_our_compiled_contexts_on_the_kernels_thread(monkeypatch):
    """After `qsharp.init()` our compiler starts over; the qdk contexts it drops must not
    wait for a cycle collection on another thread (a panel's poller), where qdk refuses
    to free them and prints '… is unsendable, but is being dropped on another thread'."""
    import sys
    import threading

    from qdk import qsharp

    complaints: list[str] = []
    monkeypatch.setattr(sys, "unraisablehook", lambda u: complaints.append(str(u.exc_value)))
    op = run_cell(SUMS_AND_PRODUCTS).callables["Ansatz"]
    for theta in (0.1, 0.2, 0.3):
        op.with_args(theta, 0.5).qir(target="ionq.simulator")

    qsharp.init()  # the user re-initialises qdk; the next cell makes our compiler start over
    run_cell("operation Next() : Result { use q = Qubit(); MResetZ(q) }")
    poller = threading.Thread(target=gc.collect)
    poller.start()
    poller.join()

    assert complaints == []
