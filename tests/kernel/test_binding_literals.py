"""Doubles printed as qdk prints them in QIR: the precondition of binding byte for byte."""

from __future__ import annotations

import gc
import random
import re

import pytest
import qdk

from qsession_jupyter.binding import literals

VALUES = [
    0.0,
    -0.0,
    1.0,
    -3.0,
    0.1,
    1 / 3,
    -2 / 3,
    1e-7,
    1e-300,
    5e-324,
    1.5e-323,
    1e15,
    1e16,
    1e22,
    1e23,
    2.0**80,
    -(2.0**80),
    123456789012345678.0,
    1.7976931348623157e308,
    0.5617283500000001,
    6.283185307179586,
    4503599627370495.5,
    929264902123.40625,  # a tie: Rust prints .4063 (numpy and Python .4062)
    2.0**53 + 2.0,  # integers past 2**53: exact digits, not the shortest
    float("inf"),
    float("-inf"),
    float("nan"),
]


@pytest.fixture(scope="module")
def passthrough():
    context = qdk.Context(target_profile=qdk.TargetProfile.Base)
    context.eval("operation P(x : Double) : Result { use q = Qubit(); Rx(x, q); MResetZ(q) }")
    yield lambda x: re.findall(
        r"rx__body\(double ([^,]*),", str(context.compile(context.code.P, x))
    )[0]
    # qdk contexts sit in reference cycles: free them on this thread, not during a
    # later test's background thread (see QirCompiler.reset).
    context = None
    gc.collect()


def test_format_double_matches_qdk_on_edge_values(passthrough):
    for value in VALUES:
        assert literals.format_double(value) == passthrough(value), value


def test_format_double_matches_qdk_on_random_values(passthrough):
    rng = random.Random(7)
    for _ in range(400):
        value = rng.uniform(-1, 1) * 10 ** rng.randint(-30, 30)
        assert literals.format_double(value) == passthrough(value), value


def test_split_and_join_round_trip_and_find_every_literal(passthrough):
    context = qdk.Context(target_profile=qdk.TargetProfile.Base)
    context.eval(
        "operation Q(a : Double) : Result { use q = Qubit(); Rx(a, q); Ry(-0.25, q); MResetZ(q) }"
    )
    qir = str(context.compile(context.code.Q, 1.5))
    texts, found = literals.split(qir)
    assert found == ["1.5", "-0.25"]
    assert literals.join(texts, found) == qir
