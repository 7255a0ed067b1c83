"""Learning a template from compiles, with a stand-in compiler that folds arithmetic as qdk does.

The stand-in evaluates each rotation's expression with Python floats in the
order written and prints it with `format_double`, so these tests check the
learner's logic (which probes, which formulas, when to refuse) in
milliseconds. `tests/kernel/test_binding.py` holds the same against qdk itself.
"""

from __future__ import annotations

import itertools
import random
from collections.abc import Callable, Sequence

from qsession_jupyter.binding.learning import learn, probe_groups
from qsession_jupyter.binding.literals import format_double
from qsession_jupyter.binding.template import Sample, Template, narrow

Expression = Callable[[Sequence[float]], float]


def program(*expressions: Expression, branch: Callable[[Sequence[float]], bool] | None = None):
    """A compiler for a straight-line program with one rotation per expression."""
    compiles: list[list[float]] = []

    def compile_at(values: list[float]) -> str:
        compiles.append(list(values))
        lines = ["define void @ENTRYPOINT__main() #0 {"]
        if branch is not None and branch(values):
            lines.append("  call void @__quantum__qis__x__body(%Qubit* null)")
        for k, expression in enumerate(expressions):
            angle = format_double(expression(values))
            lines.append(f"  call void @__quantum__qis__ry__body(double {angle}, %Qubit* {k})")
        lines.append("  ret void\n}")
        return "\n".join(lines)

    compile_at.compiles = compiles  # type: ignore[attr-defined]
    return compile_at


def assert_binds_exactly(compile_at, count: int, points: int = 60):
    known = [([0.1 * (i + 1) for i in range(count)], None), ([-0.3] * count, None)]
    known = [(values, compile_at(values)) for values, _ in known]
    learned = learn(compile_at, count, known=known, seed=3)
    assert learned.template is not None, learned.reason
    rng = random.Random(11)
    for _ in range(points):
        values = [rng.uniform(-10, 10) for _ in range(count)]
        assert learned.template.bind(values) == compile_at(values), values
    return learned


def test_probe_codes_tell_every_argument_apart():
    for count in range(1, 41):
        groups = probe_groups(count)
        codes = [frozenset(k for k, g in enumerate(groups) if i in g) for i in range(count)]
        assert all(codes), f"{count}: every argument is large in some probe"
        assert len(set(codes)) == count
        assert not any(a < b for a, b in itertools.permutations(codes, 2)), count
        assert len(groups) <= count
    assert len(probe_groups(16)) == 6


def test_sixteen_angles_are_learned_from_fewer_compiles_than_angles():
    count = 16
    compile_at = program(*(lambda x, i=i: x[i] for i in range(count)))
    learned = assert_binds_exactly(compile_at, count)
    # zero, two random checks, one all-negative check, six coefficient probes
    assert learned.compiles == 1 + 2 + 1 + len(probe_groups(count)) == 10


def test_a_shared_angle_added_to_each_layer_is_read_from_the_probes():
    count = 8  # seven layer angles and one shared offset, as in thetas[i] * 0.5 + gamma
    compile_at = program(*(lambda x, i=i: x[i] * 0.5 + x[7] for i in range(7)))
    learned = assert_binds_exactly(compile_at, count)
    assert learned.compiles < count + 4


def test_a_sum_of_three_angles_falls_back_to_one_probe_per_angle_and_still_binds():
    count = 8
    expressions = [lambda x, i=i: x[i] for i in range(count)]
    expressions.append(lambda x: x[0] + x[3] + x[6])
    learned = assert_binds_exactly(program(*expressions), count)
    assert learned.compiles >= 1 + 2 + 1 + len(probe_groups(count)) + count


def test_squares_and_products_bind():
    compile_at = program(lambda x: x[0] * x[0], lambda x: x[0] * x[1] + 1.0, lambda x: x[2] / 3.0)
    assert_binds_exactly(compile_at, 3)


def test_a_branch_on_an_angle_refuses_the_template():
    compile_at = program(lambda x: x[0], branch=lambda x: x[0] > 1.0)
    learned = learn(compile_at, 1, known=[([0.5], compile_at([0.5])), ([2.0], compile_at([2.0]))])
    assert learned.template is None
    assert "shape" in learned.reason


def test_a_literal_no_formula_explains_refuses_the_template():
    import math

    learned = learn(program(lambda x: math.cos(x[0] / 10)), 1)
    assert learned.template is None
    assert "no formula" in learned.reason


def test_a_check_compile_refuses_a_template_whose_fixed_literal_moved():
    template = Template(["a double ", ", b double ", ""], ["0.5", "1.0"])
    extra = Sample([2.0], ["a double ", ", b double ", ""], ["0.5", "2.0"])
    assert "literal 1" in narrow(template, {}, extra)
    assert narrow(template, {}, Sample([3.0], extra.texts, ["0.5", "1.0"])) == ""
