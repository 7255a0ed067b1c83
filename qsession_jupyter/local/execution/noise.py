"""Noise for emulated devices, from the fidelities each provider publishes.

`TargetSpec.engine["noise"]` holds the published average fidelities (see the
citations in each provider module, `providers/`): `f1q` and `f2q` for one- and two-qubit gates, `fspam`
for state preparation and measurement. They become:

* a depolarizing channel after every gate, run by qdk's simulators
  (`NoiseConfig`). For a Pauli channel of total error probability p on d
  dimensions the average gate fidelity is 1 - p*d/(d+1), so p = (1-F)*(d+1)/d:
  1.5*(1-F) for one qubit, 1.25*(1-F) for two;
* a readout error: each measured bit flips with probability 1 - fspam, applied
  to the recorded results (qdk's measurement noise table covers `mresetz` only,
  while Q# and Qiskit programs measure with `m`).
"""

from __future__ import annotations

from dataclasses import dataclass

from ...providers.base import TargetSpec

_ONE_QUBIT = ("x", "y", "z", "h", "s", "s_adj", "t", "t_adj", "sx", "sx_adj", "rx", "ry", "rz")
_TWO_QUBIT = ("cx", "cy", "cz", "rxx", "ryy", "rzz", "swap")


@dataclass(frozen=True)
class Noise:
    p1: float
    p2: float
    readout: float

    def qdk_config(self):
        from qdk.simulation import NoiseConfig

        config = NoiseConfig()
        for name in _ONE_QUBIT:
            getattr(config, name).set_depolarizing(self.p1)
        for name in _TWO_QUBIT:
            getattr(config, name).set_depolarizing(self.p2)
        return config


def noise_for(target: TargetSpec) -> Noise | None:
    """The target's noise, or None for an ideal (or syntax-checking) target."""
    figures = target.engine.get("noise") if target.engine else None
    if not figures:
        return None
    return Noise(
        p1=min(1.0, 1.5 * (1.0 - figures["f1q"])),
        p2=min(1.0, 1.25 * (1.0 - figures["f2q"])),
        readout=max(0.0, 1.0 - figures.get("fspam", 1.0)),
    )


def flip_bits(bits, probability: float, rng):
    """Readout error on a (shots, m) 0/1 array: each bit flips independently."""
    if probability <= 0 or bits.size == 0:
        return bits
    flips = rng.random(bits.shape) < probability
    return bits ^ flips.astype(bits.dtype)


def flip_results(value: object, probability: float, rng) -> object:
    """Readout error on one qdk shot structure; only measurement results flip."""
    if isinstance(value, list):
        return [flip_results(v, probability, rng) for v in value]
    if isinstance(value, tuple):
        return tuple(flip_results(v, probability, rng) for v in value)
    text = str(value)
    if text in ("Zero", "One") and not isinstance(value, (bool, int, float, str)):
        bit = 1 if text == "One" else 0
        return bit ^ 1 if rng.random() < probability else bit
    return value
