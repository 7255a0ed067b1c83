"""Quantinuum: one shot by default, billed in HQCs, exclusive sessions, Adaptive QIR.

Pricing (Azure Quantum docs, "Pricing plans for Azure Quantum providers",
learn.microsoft.com/azure/quantum/pricing): HQC = 5 + C * (N1q + 10 * N2q +
5 * Nm) / 5000, Nm counting state preparation (one per qubit) and every
measurement and reset. Azure sells HQCs in subscriptions with no per-HQC list
price, so the unit price is 0 and the estimate shows the HQCs, exactly as the
real emulator's jobs did (dimension `ehqc`, amount 5.01, unit price 0.0, in
the recordings). Syntax checkers are free.

Default shots: 1. The real service ran one shot on quantinuum.sim.h2-1e for
OpenQASM and QIR jobs with no shots (recordings test_job_submit_quantinuum_h2_1e
and test_qsharp_qir_inline_quantinuum_h2: one result row each).

QIR profile: as the SDK's `Quantinuum` target class, Adaptive_RI on H2
machines and Adaptive_RIF on the others.

Device figures (H2-1, 56 qubits): 1q gate error 2.9(4)e-5, 2q gate error
1.28(8)e-3, SPAM error 1.5(1)e-3, from Quantinuum's published spec-sheet data
for H2-1 dated 2024-05-20 (https://github.com/CQCL/quantinuum-hardware-specifications,
notebooks/"Spec sheet parameters.csv"; explained at
https://docs.quantinuum.com/systems/user_guide/hardware_user_guide/performance_validation.html).
The 32-qubit H2 of Moses et al., PRX 13, 041052 (2023), arXiv:2305.03828,
measured 2.5(3)e-5, 1.83(5)e-3 and 1.6(1)e-3 (the same data set's 2023-03-10 row).
"""

from __future__ import annotations

from ..formats import OPENQASM2
from .base import Provider, TargetSpec, TimeModel
from .billing import HQC, estimate, event, number

_H2_NOISE = {"f1q": 1 - 2.9e-5, "f2q": 1 - 1.28e-3, "fspam": 1 - 1.5e-3}
#: H2 moves ions between gate zones: slower per shot than IonQ.
_TIME = TimeModel(per_job_seconds=0.3, per_shot_seconds=0.008)


class Quantinuum(Provider):
    id = "quantinuum"
    default_shots = 1
    native_input_format = OPENQASM2
    cirq_input_format = OPENQASM2
    exclusive_sessions = True
    currency = HQC

    def qir_profile(self, target_id: str) -> str:
        return "Adaptive_RI" if ".h2-" in target_id.lower() else "Adaptive_RIF"

    def cost_estimate(self, target: TargetSpec, usage: dict) -> dict:
        if target.kind == "syntax-checker":
            return estimate([])
        shots = number(usage, "shots")
        n1 = number(usage, "gates_1q")
        n2 = number(usage, "gates_2q") + number(usage, "gates_mq_as_2q")
        nm = number(usage, "qubits") + number(usage, "measurements")
        hqc = round(5 + shots * (n1 + 10 * n2 + 5 * nm) / 5000, 2)
        if ".sim." in target.id:
            return estimate([event("ehqc", "EHQC", "hqc", hqc, 0.0)])
        return estimate([event("hqc", "HQC", "hqc", hqc, 0.0)])

    def kind_of(self, target_id: str) -> str:
        """Syntax checkers end in `sc` (h2-1sc); emulators (h2-1e) bill HQCs like QPUs."""
        name = target_id.lower()
        return "syntax-checker" if ".sim." in name and name.endswith("sc") else "emulator"

    def is_free(self, target: TargetSpec) -> bool:
        """Only the syntax checker: the emulator bills emulator HQCs like the QPU."""
        return target.kind == "syntax-checker"


PROVIDER = Quantinuum()


def _h2(target_id: str, emulated_qubits: int) -> TargetSpec:
    return TargetSpec(
        target_id,
        PROVIDER,
        "emulator",
        OPENQASM2,
        max_qubits=emulated_qubits,
        device_qubits=56,
        capacity=1,
        time_model=_TIME,
        engine={"noise": _H2_NOISE},
    )


def targets(emulated_qubits: int) -> list[TargetSpec]:
    return [
        TargetSpec(
            "quantinuum.sim.h2-1sc",
            PROVIDER,
            "syntax-checker",
            OPENQASM2,
            max_qubits=56,
            device_qubits=56,
        ),
        _h2("quantinuum.sim.h2-1e", emulated_qubits),
        _h2("quantinuum.qpu.h2-1", emulated_qubits),
    ]
