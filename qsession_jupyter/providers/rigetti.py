"""Rigetti: one shot by default, billed per 10 ms of QPU execution time.

Pricing (Azure Quantum docs, "Pricing plans for Azure Quantum providers",
learn.microsoft.com/azure/quantum/pricing): USD 0.013 per 10-millisecond
increment of QPU execution time; QVM is free. The execution time is estimated
at 1 ms per shot, a typical repetition rate of superconducting QPUs with
active reset (an assumption of ours: Rigetti publishes no per-shot time).

Default shots: 1. rigetti.sim.qvm ran one shot for QIR with no shots
(recording test_qsharp_qir_file_rigetti: one Shots entry).

Device figures (Ankaa-3, Cepheus-1-108Q): 2q 99.0% is Ankaa-3's median iSWAP
fidelity as Rigetti announced on 2024-12-23 ("Rigetti Computing Launches
84-Qubit Ankaa-3 System; Achieves 99.5% Median Two-Qubit Gate Fidelity
Milestone", https://investors.rigetti.com/news-releases/news-release-details/rigetti-computing-launches-84-qubit-ankaatm-3-system-achieves);
the 99.5% headline is the fSim gate, a narrower gate family, so we keep the
general-purpose iSWAP figure. The 1q 99.9% and readout 97% are our
assumptions of typical medians (Rigetti publishes them per qubit in QCS; we
found no published system-wide figure to cite).
"""

from __future__ import annotations

import math

from ..formats import QUIL
from .base import Provider, TargetSpec, TimeModel
from .billing import estimate, event, number

_PER_10MS = 0.013
_SECONDS_PER_SHOT = 0.001
_NOISE = {"f1q": 0.999, "f2q": 0.990, "fspam": 0.97}
#: Rigetti's chips run a shot in microseconds, but Azure jobs there are
#: dominated by compilation and per-job set-up; 5 ms per shot keeps a large
#: Rigetti job visibly long in queue tests and demos.
_TIME = TimeModel(per_job_seconds=0.5, per_shot_seconds=0.005)


class Rigetti(Provider):
    id = "rigetti"
    default_shots = 1
    native_input_format = QUIL

    def cost_estimate(self, target: TargetSpec, usage: dict) -> dict:
        if self.is_free(target):
            return estimate([event("qpu_time_10ms", "QPU Execution Time", "10ms", 0, 0.0)])
        seconds = number(usage, "shots") * _SECONDS_PER_SHOT
        increments = max(1, math.ceil(seconds / 0.010))
        return estimate(
            [event("qpu_time_10ms", "QPU Execution Time", "10ms", increments, _PER_10MS)]
        )


PROVIDER = Rigetti()


def _qpu(target_id: str, device_qubits: int, emulated_qubits: int) -> TargetSpec:
    return TargetSpec(
        target_id,
        PROVIDER,
        "emulator",
        QUIL,
        max_qubits=emulated_qubits,
        device_qubits=device_qubits,
        capacity=1,
        time_model=_TIME,
        engine={"noise": _NOISE},
    )


def targets(emulated_qubits: int) -> list[TargetSpec]:
    return [
        TargetSpec("rigetti.sim.qvm", PROVIDER, "simulator", QUIL, max_qubits=25),
        _qpu("rigetti.qpu.ankaa-3", 84, emulated_qubits),
        # The QPU name SDK 3.13's Rigetti target and Qiskit backend know.
        _qpu("rigetti.qpu.cepheus-1-108q", 108, emulated_qubits),
    ]
