"""Write a gate list as base-profile QIR text, so qdk's noisy simulators can run it.

IonQ and Quil jobs on emulated devices go this way: one engine (qdk with a
`NoiseConfig`) gives every format the same noise behaviour.
"""

from __future__ import annotations

import struct

from ..errors import invalid_input
from ..sim.circuit import QIR_GATES, Gate

_INTRINSIC = {"sdg": "s__adj", "tdg": "t__adj", "sxdg": "sx__adj"}


def emit_base_qir(num_qubits: int, gates: list[Gate], measured: list[int]) -> str:
    """QIR measuring `measured` (in order, into results 0..m-1) and recording them as one array."""
    body: list[str] = ["  call void @__quantum__rt__initialize(i8* null)"]
    used: dict[str, str] = {}
    for gate in gates:
        if gate.name not in QIR_GATES:
            raise invalid_input(
                f"The gate '{gate.name}' has no QIR equivalent, so it cannot run on a noisy "
                "emulator in the local workspace; use an ideal simulator target for it."
            )
        name = _INTRINSIC.get(gate.name, gate.name)
        suffix = "adj" if name.endswith("__adj") else "body"
        func = f"__quantum__qis__{name.removesuffix('__adj')}__{suffix}"
        args = [f"double {_double(gate.angle)}"] if gate.angle is not None else []
        args += [_qubit(q) for q in gate.qubits]
        params = (["double"] if gate.angle is not None else []) + ["%Qubit*"] * len(gate.qubits)
        used[func] = "(" + ", ".join(params) + ")"
        body.append(f"  call void @{func}({', '.join(args)})")
    for result, qubit in enumerate(measured):
        body.append(
            f"  call void @__quantum__qis__mresetz__body({_qubit(qubit)}, {_result(result)})"
        )
    labels = ["0_a"] + [f"{i + 1}_a{i}r" for i in range(len(measured))]
    globals_ = [
        f'@{i} = internal constant [{len(label) + 1} x i8] c"{label}\\00"'
        for i, label in enumerate(labels)
    ]
    body.append(
        f"  call void @__quantum__rt__array_record_output(i64 {len(measured)}, {_label(0, labels)})"
    )
    for result in range(len(measured)):
        body.append(
            f"  call void @__quantum__rt__result_record_output({_result(result)}, "
            f"{_label(result + 1, labels)})"
        )
    body.append("  ret i64 0")
    declares = [
        "declare void @__quantum__rt__initialize(i8*)",
        "declare void @__quantum__qis__mresetz__body(%Qubit*, %Result*) #1",
        "declare void @__quantum__rt__array_record_output(i64, i8*)",
        "declare void @__quantum__rt__result_record_output(%Result*, i8*)",
    ]
    for func, signature in used.items():
        declares.append(f"declare void @{func}{signature}")
    return "\n".join(
        [
            "%Result = type opaque",
            "%Qubit = type opaque",
            "",
            *globals_,
            "",
            "define i64 @ENTRYPOINT__main() #0 {",
            "block_0:",
            *body,
            "}",
            "",
            *declares,
            "",
            'attributes #0 = { "entry_point" "output_labeling_schema" '
            '"qir_profiles"="base_profile" '
            f'"required_num_qubits"="{num_qubits}" "required_num_results"="{len(measured)}" }}',
            'attributes #1 = { "irreversible" }',
            "",
            "!llvm.module.flags = !{!0, !1, !2, !3}",
            '!0 = !{i32 1, !"qir_major_version", i32 1}',
            '!1 = !{i32 7, !"qir_minor_version", i32 0}',
            '!2 = !{i32 1, !"dynamic_qubit_management", i1 false}',
            '!3 = !{i32 1, !"dynamic_result_management", i1 false}',
            "",
        ]
    )


def _qubit(index: int) -> str:
    return f"%Qubit* inttoptr (i64 {index} to %Qubit*)"


def _result(index: int) -> str:
    return f"%Result* inttoptr (i64 {index} to %Result*)"


def _label(index: int, labels: list[str]) -> str:
    size = len(labels[index]) + 1
    return f"i8* getelementptr inbounds ([{size} x i8], [{size} x i8]* @{index}, i64 0, i64 0)"


def _double(value: float) -> str:
    """LLVM's exact hexadecimal form, so no angle is rounded on the way."""
    return "0x" + struct.pack(">d", float(value)).hex().upper()
