"""Convert a parameterized Qiskit circuit to QIR once, then bind each parameter set as text.

The Azure SDK's QIR backends convert every circuit with qdk's `QSharpBackend`
(Qiskit → OpenQASM 3 → Q# → QIR), which takes 0.1–0.4 s even for two qubits,
and qdk folds every angle into a literal. A parameter sweep or a variational
loop would pay that for each parameter set. Here the circuit is converted at
random probe values; every literal that is an angle of one of the circuit's
parameterized gates becomes a hole, and binding writes the new literals.

A literal is exactly what qdk writes for that gate: OpenQASM's `angle` type
rounds the value to a 53-bit fraction of 2π, and Rust prints the double in its
shortest round-trip form without an exponent; controlled rotations become a
pair of Rz with plus and minus half the angle. A literal becomes a hole only if
that formula reproduces it at three probes (inside [0, 2π), below and above it);
when some literal fits no formula (a gate qdk decomposes into other derived
angles, an upstream change), every parameter set is converted afresh. Tests
compare bound and fresh QIR byte for byte over many random values.
"""

from __future__ import annotations

import math
import random
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ..binding.literals import format_double
from ..binding.template import Template, fit, sample
from ..lru import LRU

#: OpenQASM angles in qdk: an unsigned fraction of 2π with this many bits.
_ANGLE_BITS = 53


def qdk_angle(value: float) -> float:
    """The double qdk's QIR carries for a gate angle of `value` (its OpenQASM `angle` round trip)."""
    tau = 2.0 * math.pi
    value = math.fmod(value, tau)
    if value < 0.0:
        value += tau
    step = tau / float(1 << _ANGLE_BITS)
    scaled = value / step
    whole = math.trunc(scaled)
    if scaled - whole >= 0.5:  # round half away from zero (scaled is never negative)
        whole += 1
    return float(whole) * step


#: Probe ranges for the parameters: inside [0, 2π), below it and above it, so a hole is
#: checked on both sides of the angle wrap.
_PROBE_SPANS = ((0.3, 2.9), (-9.0, -0.3), (6.6, 12.0))
#: How qdk's literals derive from a gate's angle: itself, or (controlled rotations,
#: decomposed into a pair of Rz) its half with either sign. Halving and negating are exact.
_FACTORS = (1.0, -1.0, 0.5, -0.5)


@dataclass(frozen=True)
class _Hole:
    """A literal that is `factor` times the qdk angle of the circuit's `slot`-th parameterized argument."""

    slot: int
    factor: float

    def render(self, angles: Sequence[float]) -> str:
        return format_double(self.factor * angles[self.slot])


class QirTemplate:
    """QIR text with holes where the circuit's parameterized angles go."""

    def __init__(self, circuit: Any, convert: Any) -> None:
        self.circuit = circuit
        self._convert = convert
        self.parameters = list(circuit.parameters)
        #: (instruction index, argument index) of every argument that holds a parameter.
        self._slots = [
            (i, k)
            for i, instruction in enumerate(circuit.data)
            for k, argument in enumerate(instruction.operation.params)
            if getattr(argument, "parameters", None)
        ]
        self._template: Template | None = None
        self._constant: str | None = None
        self.conversions = 0
        if not self.parameters:
            self._constant = self._fresh([])
            return
        self._template = self._build([self._probe(*span) for span in _PROBE_SPANS])

    @property
    def bindable(self) -> bool:
        """False when every parameter set needs its own conversion."""
        return self._template is not None or self._constant is not None

    def bind(self, values: Sequence[float]) -> str:
        """The QIR for one parameter set, in `circuit.parameters` order."""
        if len(values) != len(self.parameters):
            raise ValueError(
                f"The circuit has {len(self.parameters)} parameters, got {len(values)} values."
            )
        if self._constant is not None:
            return self._constant
        if self._template is None:
            return self._fresh(values)
        return self._template.bind(self._angles(values))

    # -- internals ---------------------------------------------------------------------

    def _probe(self, low: float, high: float) -> list[float]:
        return [random.uniform(low, high) for _ in self.parameters]

    def _fresh(self, values: Sequence[float]) -> str:
        self.conversions += 1
        return self._convert(self._assigned(values))

    def _assigned(self, values: Sequence[float]) -> Any:
        if not self.parameters:
            return self.circuit
        return self.circuit.assign_parameters(
            dict(zip(self.parameters, values, strict=True)), inplace=False
        )

    def _angles(self, values: Sequence[float]) -> list[float]:
        """Each slot's qdk angle for `values`, evaluated by Qiskit's own binding."""
        bound = self._assigned(values)
        return [qdk_angle(float(bound.data[i].operation.params[k])) for i, k in self._slots]

    def _build(self, probes: Sequence[Sequence[float]]) -> Template | None:
        """The template the conversions at `probes` prove, or None (`binding.template.fit`).

        Candidates are tried plain angle first, so `rz(t/2)` binds to t/2 itself
        rather than to half of t, which agree only while t stays inside [0, 2π).
        """
        samples = [sample(self._angles(values), self._fresh(values)) for values in probes]
        candidates = [
            _Hole(slot, factor) for factor in _FACTORS for slot in range(len(self._slots))
        ]
        template, _, _ = fit(samples, lambda _index: candidates)
        return template if template is not None and template.holes else None


class TemplateCache:
    """Templates per circuit object and converter, so a loop that reuses its ansatz converts it once.

    Keyed by the circuit's identity plus a cheap fingerprint (instruction count,
    widths, parameter names), so a circuit changed in place is converted again.
    """

    def __init__(self, size: int = 64) -> None:
        #: key -> (the circuit itself, its template): an id is only unique while its object lives.
        self._entries: LRU[tuple, tuple[Any, QirTemplate]] = LRU(size)

    def get(
        self, circuit: Any, converter_key: Any, convert: Any, prepare: Any = None
    ) -> QirTemplate:
        """The template of `prepare(circuit)` (or `circuit`), built on first use."""
        key = (id(circuit), converter_key, _fingerprint(circuit))
        found = self._entries.get(key)
        if found is not None and found[0] is circuit:
            return found[1]
        template = QirTemplate(prepare(circuit) if prepare else circuit, convert)
        self._entries.put(key, (circuit, template))
        return template


def _fingerprint(circuit: Any) -> tuple:
    return (
        len(circuit.data),
        circuit.num_qubits,
        circuit.num_clbits,
        tuple(p.name for p in circuit.parameters),
    )
