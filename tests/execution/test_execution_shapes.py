"""A worker reads a loop's program once per shape: new angles give what a fresh read gives."""

from __future__ import annotations

import math
import random
import re

import pytest
from execution_helpers import make_request, output_of, qsharp_qir

from qsession_jupyter.local.execution.errors import JobError
from qsession_jupyter.local.execution.qir import program as qir_program
from qsession_jupyter.local.execution.qir.shapes import ProgramShapes, shape_of
from qsession_jupyter.local.execution.runner import execute

ANSATZ_QS = """
operation Ansatz(theta : Double) : Result[] {
    use qs = Qubit[2];
    Ry(theta, qs[0]);
    CNOT(qs[0], qs[1]);
    MResetEachZ(qs)
}
"""
LAYERS_QS = """
operation Layers(t : Double[]) : Result[] {
    use qs = Qubit[3];
    for i in 0..2 { Rx(t[i], qs[i]); }
    Rzz(t[0] * t[1], qs[0], qs[1]);
    Rxx(t[1], qs[1], qs[2]);
    Ryy(t[2] / 2.0, qs[0], qs[2]);
    Rz(-t[0], qs[1]);
    MResetEachZ(qs)
}
"""
ROTATION_LITERAL = re.compile(r"(__body\(double )(-?\d+\.\d+)(?=,)")


@pytest.fixture
def shapes(monkeypatch) -> dict[str, int]:
    """A fresh cache, and how often the program text was really parsed."""
    monkeypatch.setattr(qir_program, "_SHAPES", ProgramShapes())
    calls = {"parsed": 0}
    parse = qir_program._parse

    def counted(data: bytes):
        calls["parsed"] += 1
        return parse(data)

    monkeypatch.setattr(qir_program, "_parse", counted)
    return calls


@pytest.fixture(scope="module")
def compiled() -> dict[str, str]:
    return {
        "ansatz": qsharp_qir(ANSATZ_QS, "Ansatz(0.3)"),
        "layers": qsharp_qir(LAYERS_QS, "Layers([0.4, -1.25, 2.5])"),
        "layers-other": qsharp_qir(LAYERS_QS, "Layers([1.5, 0.75, -0.125])"),
    }


def with_angles(qir: str, angles: list[str]) -> str:
    found = iter(angles)
    return ROTATION_LITERAL.sub(lambda m: m.group(1) + next(found), qir)


def random_literals(rng: random.Random, count: int) -> list[str]:
    """Angles as qdk prints them and as other LLVM writers do (exponents, padding)."""
    forms = [
        lambda v: repr(v) if "e" not in repr(v) else f"{v:.17f}",
        lambda v: f"{v:.6e}",
        lambda v: f"{v:.20f}",
    ]
    values = [rng.choice([rng.uniform(-7, 7), rng.uniform(-1e-3, 1e-3), 1e5 * rng.random()])]
    values += [rng.uniform(-7, 7) for _ in range(count - 1)]
    return [rng.choice(forms)(v) for v in values]


def test_new_angles_give_exactly_what_a_fresh_read_gives(shapes, compiled):
    rng = random.Random(7)
    programs = 0
    for qir in compiled.values():
        count = len(ROTATION_LITERAL.findall(qir))
        assert count >= 1
        for _ in range(40):
            text = with_angles(qir, random_literals(rng, count)).encode()
            assert qir_program.parse_program(text) == qir_program._parse(text)
            programs += 1
    # One real read per shape (the two Layers programs share one), one per comparison.
    assert shapes["parsed"] == 2 + programs


def test_qdk_compiles_of_new_angles_read_as_fresh(shapes, compiled):
    first = qir_program.parse_program(compiled["layers"].encode())
    second = qir_program.parse_program(compiled["layers-other"].encode())
    assert shapes["parsed"] == 1
    assert second == qir_program._parse(compiled["layers-other"].encode())
    assert [g.angle for g in first.gates if g.angle is not None] != [
        g.angle for g in second.gates if g.angle is not None
    ]


def test_the_shape_keeps_everything_but_rotation_angles(compiled):
    qir = compiled["ansatz"]
    renamed = qir.replace("ENTRYPOINT__main", "ENTRYPOINT__other")
    assert shape_of(qir.encode()).key != shape_of(renamed.encode()).key
    assert shape_of(qir.encode()).key == shape_of(with_angles(qir, ["1.5"]).encode()).key
    # Two function bodies: which literal feeds which gate is not certain, so no shape.
    for helper in (
        "\ndefine void @helper() {\n  ret void\n}\n",
        "\ndefine\tvoid @h() {\n  ret void\n}\n",
    ):
        assert shape_of((qir + helper).encode()) is None


def test_an_overflowing_angle_is_left_to_llvm(shapes, compiled):
    qir = compiled["ansatz"]
    qir_program.parse_program(qir.encode())
    overflow = with_angles(qir, ["1.0e999"]).encode()
    assert qir_program.parse_program(overflow) == qir_program._parse(overflow)
    assert shapes["parsed"] == 3  # the first program, then the overflow twice: never cached


def test_a_wrong_entry_point_is_named_with_or_without_a_read(shapes, compiled):
    qir = compiled["ansatz"].encode()
    messages = []
    for _ in range(2):
        with pytest.raises(JobError) as error:
            qir_program.parse_program(qir, "ENTRYPOINT__Other")
        messages.append(error.value.message)
    assert shapes["parsed"] == 1
    assert messages[0] == messages[1]
    assert "'ENTRYPOINT__Other'" in messages[0] and "'ENTRYPOINT__main'" in messages[0]


def test_a_branching_program_is_read_every_time(shapes):
    qir = qsharp_qir(
        """
        operation Branch(theta : Double) : Result {
            use q = Qubit();
            Ry(theta, q);
            if M(q) == One { Rx(theta, q); }
            MResetZ(q)
        }
        """,
        "Branch(0.7)",
        profile="Adaptive_RI",
    )
    for angle in ("0.7", "0.9"):
        program = qir_program.parse_program(with_angles(qir, [angle, angle]).encode())
        assert not program.straight_line
    assert shapes["parsed"] == 2


def test_a_worker_loop_returns_the_exact_counts_of_each_angle(pool, compiled, monkeypatch):
    """Through real workers, as a session's loop runs: each result is that angle's own."""
    for angle in ("0.3", "1.1", "2.2", "0.3", "3.0"):
        qir = with_angles(compiled["ansatz"], [angle])
        request = make_request("ionq.simulator", "qir.v1", qir, {"shots": 100})
        monkeypatch.setattr(qir_program, "_SHAPES", ProgramShapes())  # the reference reads afresh
        expected = output_of(execute(request))["Results"][0]["Histogram"]
        assert output_of(pool.run(request))["Results"][0]["Histogram"] == expected
        counts = {entry["Display"]: entry["Count"] for entry in expected}
        assert abs(counts.get("[0, 0]", 0) - 100 * math.cos(float(angle) / 2) ** 2) <= 1
