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
    def exclusive_sessions(self) -> bool:
        """Quantinuum gives a session the machine while its jobs come within the window."""
        return self.provider_id == "quantinuum"


def _catalog() -> dict[str, TargetSpec]:
    specs = [
        TargetSpec(
            "ionq.simulator",
            "ionq",
            "simulator",
            IONQ_CIRCUIT,
            max_qubits=25,
            device_qubits=29,
            status_page="https://status.ionq.co",
        ),
        TargetSpec(
            "ionq.qpu.aria-1",
            "ionq",
            "emulator",
            IONQ_CIRCUIT,
            max_qubits=20,
            device_qubits=25,
            capacity=1,
            time_model=TimeModel(0.5, 0.005),
            status_page="https://status.ionq.co",
        ),
        TargetSpec(
            "ionq.qpu.forte-1",
            "ionq",
            "emulator",
            IONQ_CIRCUIT,
            max_qubits=20,
            device_qubits=36,
            capacity=1,
            time_model=TimeModel(0.5, 0.005),
            status_page="https://status.ionq.co",
        ),
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
            max_qubits=20,
            device_qubits=56,
            capacity=1,
            time_model=TimeModel(0.5, 0.005),
        ),
        TargetSpec(
            "quantinuum.qpu.h2-1",
            "quantinuum",
            "emulator",
            OPENQASM2,
            max_qubits=20,
            device_qubits=56,
            capacity=1,
            time_model=TimeModel(0.5, 0.005),
        ),
        TargetSpec("rigetti.sim.qvm", "rigetti", "simulator", QUIL, max_qubits=25),
        TargetSpec(
            "rigetti.qpu.ankaa-3",
            "rigetti",
            "emulator",
            QUIL,
            max_qubits=20,
            device_qubits=84,
            capacity=1,
            time_model=TimeModel(0.5, 0.005),
        ),
    ]
    return {spec.id: spec for spec in specs}


TARGETS: dict[str, TargetSpec] = _catalog()


def find_target(target_id: str) -> TargetSpec | None:
    return TARGETS.get(target_id)
