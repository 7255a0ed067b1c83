"""The local workspace's target catalog.

Each entry mirrors a target users know from Azure Quantum, so that code written
for IonQ, Quantinuum or Rigetti runs unchanged. The scheduler reads capacity and
the execution-time model from here; the workers read the engine settings (noise,
qubit limit); the REST layer reads ids, formats and availability.
"""

from __future__ import annotations

from dataclasses import dataclass, field

QIR = "qir.v1"
MS_RESULTS_V2 = "microsoft.quantum-results.v2"
IONQ_CIRCUIT = "ionq.circuit.v1"
IONQ_RESULTS = "ionq.quantum-results.v1"
OPENQASM2 = "honeywell.openqasm.v1"
QUANTINUUM_RESULTS = "honeywell.quantum-results.v1"
QUIL = "rigetti.quil.v1"
QUIL_RESULTS = "rigetti.quil-results.v1"

#: The output format each input format produces.
OUTPUT_FORMAT_FOR_INPUT: dict[str, str] = {
    QIR: MS_RESULTS_V2,
    IONQ_CIRCUIT: IONQ_RESULTS,
    OPENQASM2: QUANTINUUM_RESULTS,
    QUIL: QUIL_RESULTS,
}


#: Shots a job runs when its `inputParams` name none (the SDK then sends `{}` or
#: leaves `shots` out, as plain `Target.submit(program)` and Q# submissions do).
#: * Quantinuum: 1. The real service ran one shot on quantinuum.sim.h2-1e for
#:   OpenQASM and QIR jobs with no shots (recordings test_job_submit_quantinuum_h2_1e
#:   and test_qsharp_qir_inline_quantinuum_h2: one result row each).
#: * Rigetti: 1. rigetti.sim.qvm ran one shot for QIR with no shots (recording
#:   test_qsharp_qir_file_rigetti: one Shots entry).
#: * IonQ: 100, IonQ's documented default ("shots ... default: 100", IonQ API v0.3,
#:   Create a Job). No recording shows a count: ionq.simulator returns exact
#:   probabilities, whatever the shots, for ionq.circuit.v1 jobs.
DEFAULT_SHOTS_BY_PROVIDER: dict[str, int] = {"ionq": 100, "quantinuum": 1, "rigetti": 1}


@dataclass(frozen=True)
class TimeModel:
    """How long an emulated device takes for a job, before `--time-scale`."""

    per_job_seconds: float
    per_shot_seconds: float

    def seconds(self, shots: int, time_scale: float) -> float:
        return (self.per_job_seconds + self.per_shot_seconds * max(shots, 0)) * time_scale


@dataclass(frozen=True)
class TargetSpec:
    id: str
    provider_id: str
    #: "simulator" (ideal, as fast as possible), "emulator" (an emulated QPU or
    #: noisy emulator, on the time model) or "syntax-checker".
    kind: str
    native_input_format: str
    max_qubits: int
    #: Qubits of the real device, when it is larger than what we simulate here.
    device_qubits: int | None = None
    #: Concurrent executions; None means the service's worker count.
    capacity: int | None = None
    time_model: TimeModel | None = None
    target_profile: str = "Adaptive_RI"
    status_page: str = ""
    #: Engine settings the workers read (noise parameters and the like).
    engine: dict = field(default_factory=dict)

    @property
    def input_formats(self) -> frozenset[str]:
        return frozenset({QIR, self.native_input_format})

    @property
    def default_shots(self) -> int:
        return DEFAULT_SHOTS_BY_PROVIDER[self.provider_id]

    @property
    def exact_probabilities(self) -> bool:
        """IonQ's ideal simulator computes the distribution instead of sampling it."""
        return self.provider_id == "ionq" and self.kind == "simulator"

    @property
    def exclusive_sessions(self) -> bool:
        """Quantinuum gives a session the machine while its jobs come within the window."""
        return self.provider_id == "quantinuum"


# Published figures behind the emulated devices (average fidelities; fspam = state
# preparation and measurement). `execution/noise.py` turns them into gate noise
# and readout error.
#
# * IonQ Aria: 1q 99.95% (SPAM corrected), 2q 99.6%, SPAM 99.61%; 1q gate 135 us,
#   2q gate 600 us. Azure Quantum docs, "IonQ provider", System fidelity / timing
#   (https://learn.microsoft.com/azure/quantum/provider-ionq; confirmed 2026-11).
# * IonQ Forte: the Azure page gives no fidelity table for Forte, so we reuse
#   Aria's figures. (IonQ characterises Forte by direct randomized benchmarking
#   of all 435 qubit pairs in arXiv:2308.05071.)
# * Quantinuum H2-1 (56 qubits): 1q gate error 2.9(4)e-5, 2q gate error
#   1.28(8)e-3, SPAM error 1.5(1)e-3, from Quantinuum's published spec-sheet data
#   for H2-1 dated 2024-05-20 (https://github.com/CQCL/quantinuum-hardware-specifications,
#   notebooks/"Spec sheet parameters.csv"; explained at
#   https://docs.quantinuum.com/systems/user_guide/hardware_user_guide/performance_validation.html).
#   The 32-qubit H2 of Moses et al., PRX 13, 041052 (2023), arXiv:2305.03828,
#   measured 2.5(3)e-5, 1.83(5)e-3 and 1.6(1)e-3 (the same data set's 2023-03-10 row).
# * Rigetti (Ankaa-3, Cepheus-1-108Q): 2q 99.0% is Ankaa-3's median iSWAP fidelity
#   as Rigetti announced on 2024-12-23 ("Rigetti Computing Launches 84-Qubit
#   Ankaa-3 System; Achieves 99.5% Median Two-Qubit Gate Fidelity Milestone",
#   https://investors.rigetti.com/news-releases/news-release-details/rigetti-computing-launches-84-qubit-ankaatm-3-system-achieves);
#   the 99.5% headline is the fSim gate, a narrower gate family, so we keep the
#   general-purpose iSWAP figure. The 1q 99.9% and readout 97% are our
#   assumptions of typical medians (Rigetti publishes them per qubit in QCS; we
#   found no published system-wide figure to cite).
_IONQ_ARIA_NOISE = {"f1q": 0.9995, "f2q": 0.996, "fspam": 0.9961}
_QUANTINUUM_H2_NOISE = {"f1q": 1 - 2.9e-5, "f2q": 1 - 1.28e-3, "fspam": 1 - 1.5e-3}
_RIGETTI_NOISE = {"f1q": 0.999, "f2q": 0.990, "fspam": 0.97}

# Execution-time models (before `--time-scale`; at scale 1 a 100-shot job takes
# about a second). Their ratios follow the devices: trapped ions spend
# milliseconds per shot (Aria: 600 us per two-qubit gate, plus cooling and
# readout), and Quantinuum's H2 moves ions between gate zones, slower still per
# shot. Rigetti's chips run a shot in microseconds, but Azure jobs there are
# dominated by compilation and per-job set-up; we keep 5 ms per shot so that a
# large Rigetti job stays visibly long in queue tests and demos.
_IONQ_TIME = TimeModel(per_job_seconds=0.4, per_shot_seconds=0.006)
_QUANTINUUM_TIME = TimeModel(per_job_seconds=0.3, per_shot_seconds=0.008)
_RIGETTI_TIME = TimeModel(per_job_seconds=0.5, per_shot_seconds=0.005)

#: Emulated devices stop at 20 qubits here: a 20-qubit state is 16 MB and a noisy
#: 1000-shot job takes seconds; every extra qubit doubles both.
_EMULATED_QUBITS = 20


def _ionq_qpu(target_id: str, device_qubits: int) -> TargetSpec:
    """An emulated IonQ QPU: noisy, one job at a time, on IonQ's time model."""
    return TargetSpec(
        target_id,
        "ionq",
        "emulator",
        IONQ_CIRCUIT,
        max_qubits=_EMULATED_QUBITS,
        device_qubits=device_qubits,
        capacity=1,
        time_model=_IONQ_TIME,
        target_profile="Base",
        status_page="https://status.ionq.co",
        engine={"noise": _IONQ_ARIA_NOISE},
    )


def _catalog() -> dict[str, TargetSpec]:
    specs = [
        TargetSpec(
            "ionq.simulator",
            "ionq",
            "simulator",
            IONQ_CIRCUIT,
            max_qubits=25,
            device_qubits=29,
            target_profile="Base",
            status_page="https://status.ionq.co",
        ),
        _ionq_qpu("ionq.qpu.aria-1", device_qubits=25),
        _ionq_qpu("ionq.qpu.forte-1", device_qubits=36),
        TargetSpec(
            "quantinuum.sim.h2-1sc",
            "quantinuum",
            "syntax-checker",
            OPENQASM2,
            max_qubits=56,
            device_qubits=56,
        ),
        TargetSpec(
            "quantinuum.sim.h2-1e",
            "quantinuum",
            "emulator",
            OPENQASM2,
            max_qubits=_EMULATED_QUBITS,
            device_qubits=56,
            capacity=1,
            time_model=_QUANTINUUM_TIME,
            engine={"noise": _QUANTINUUM_H2_NOISE},
        ),
        TargetSpec(
            "quantinuum.qpu.h2-1",
            "quantinuum",
            "emulator",
            OPENQASM2,
            max_qubits=_EMULATED_QUBITS,
            device_qubits=56,
            capacity=1,
            time_model=_QUANTINUUM_TIME,
            engine={"noise": _QUANTINUUM_H2_NOISE},
        ),
        TargetSpec(
            "rigetti.sim.qvm", "rigetti", "simulator", QUIL, max_qubits=25, target_profile="Base"
        ),
        TargetSpec(
            "rigetti.qpu.ankaa-3",
            "rigetti",
            "emulator",
            QUIL,
            max_qubits=_EMULATED_QUBITS,
            device_qubits=84,
            capacity=1,
            time_model=_RIGETTI_TIME,
            target_profile="Base",
            engine={"noise": _RIGETTI_NOISE},
        ),
        # The QPU name SDK 3.13's Rigetti target and Qiskit backend know.
        TargetSpec(
            "rigetti.qpu.cepheus-1-108q",
            "rigetti",
            "emulator",
            QUIL,
            max_qubits=_EMULATED_QUBITS,
            device_qubits=108,
            capacity=1,
            time_model=_RIGETTI_TIME,
            target_profile="Base",
            engine={"noise": _RIGETTI_NOISE},
        ),
    ]
    return {spec.id: spec for spec in specs}


TARGETS: dict[str, TargetSpec] = _catalog()


def find_target(target_id: str) -> TargetSpec | None:
    return TARGETS.get(target_id)
