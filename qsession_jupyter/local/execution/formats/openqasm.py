"""`honeywell.openqasm.v1` (OpenQASM 2) -> `honeywell.quantum-results.v1`.

The program is compiled to QIR by qdk's own OpenQASM compiler (which also gives
the error messages, with line and column) and then runs exactly like a QIR job.
The output is `{"<creg>": ["<bits>", ...]}`: one string per shot, written with
the highest bit first (c[n-1] ... c[0]), as Quantinuum returns it (pytket's
result converter reads the strings that way) and as Qiskit prints registers.

Two adaptations to qdk 1.x, both visible in the code below:
* qdk refuses to output a classical bit nothing was measured into ("Result
  literals cannot be included in output recording"), while Qiskit circuits
  often leave bits unmeasured. We measure a fresh, untouched qubit into each
  such bit, which reads 0 as the real device would.
* qdk reads a register as an integer with c[0] as the *most* significant bit,
  the reverse of OpenQASM's rule. `if (c == n)` is rewritten with n's bits
  reversed when (and only when) a probe finds the installed qdk does that.
"""

from __future__ import annotations

import functools
import re

from ....providers.base import TargetSpec
from ..errors import invalid_input
from ..limits import check_qubits
from ..noise import noise_for
from ..params import shots_from
from ..qir import engine
from ..qir.program import parse_program
from .common import seed_from
from .qir import usage as qir_usage

_COMMENT = re.compile(r"//[^\n]*|/\*.*?\*/", re.S)
_CREG = re.compile(r"\bcreg\s+([A-Za-z_]\w*)\s*\[\s*(\d+)\s*\]\s*;")
_QREG = re.compile(r"\bqreg\s+([A-Za-z_]\w*)\s*\[\s*(\d+)\s*\]\s*;")
_MEASURE = re.compile(r"\bmeasure\s+[^;]*?->\s*([A-Za-z_]\w*)\s*(?:\[\s*(\d+)\s*\])?\s*;")
_IF = re.compile(r"\bif\s*\(\s*([A-Za-z_]\w*)\s*==\s*(\d+)\s*\)")
_PAD = "qsessionpad"


def run(data: bytes, params: dict, target: TargetSpec) -> tuple[dict, dict]:
    qir, program, cregs, shots = _read(data, params, target)
    if target.kind == "syntax-checker":
        entry = engine.zeros(program, shots)
    else:
        entry, _engine = engine.simulate(
            program, qir.encode(), shots, noise_for(target), seed_from(params)
        )
    return _registers(entry["Shots"], cregs), qir_usage(program, shots)


def count(data: bytes, params: dict, target: TargetSpec) -> dict:
    """The usage `run` reports, without simulating (the program is still compiled)."""
    _qir, program, _cregs, shots = _read(data, params, target)
    return qir_usage(program, shots)


def _read(data: bytes, params: dict, target: TargetSpec):
    """(QIR text, parsed program, classical registers, shots) of a checked program."""
    try:
        source = data.decode("utf-8")
    except UnicodeDecodeError:
        raise invalid_input("The OpenQASM program is not UTF-8 text.") from None
    if not source.strip():
        raise invalid_input("The OpenQASM program is empty.")
    code = _COMMENT.sub("", source)
    cregs = _declared(_CREG, code)
    # Sizes are checked before compiling: `qreg q[1000000000]` would otherwise make
    # the compiler (and the padding of unmeasured bits) take gigabytes first.
    check_qubits(sum(size for _name, size in _declared(_QREG, code)), target)
    check_classical_bits(sum(size for _name, size in cregs))
    prepared, pads = _prepare(source, code, cregs)
    qir = _compile(prepared)
    program = parse_program(qir.encode())
    check_qubits(program.num_qubits - pads, target)
    return qir, program, cregs, shots_from(params, target)


#: Classical bits a program may declare: far more than any device measures in a shot
#: (each unmeasured one also costs a padding qubit, see `_prepare`).
MAX_CLASSICAL_BITS = 1024


def _declared(pattern: re.Pattern, code: str) -> list[tuple[str, int]]:
    """(name, size) of each register; sizes too long to be real read as 10**18."""
    return [
        (name, int(size) if len(size) <= 18 else 10**18) for name, size in pattern.findall(code)
    ]


def check_classical_bits(total: int) -> None:
    if total > MAX_CLASSICAL_BITS:
        raise invalid_input(
            f"The program declares {total} classical bits; the local workspace records at "
            f"most {MAX_CLASSICAL_BITS} per shot."
        )


def _prepare(source: str, code: str, cregs: list[tuple[str, int]]) -> tuple[str, int]:
    """Pad unmeasured bits and fix `if` comparisons for qdk (see the module docstring)."""
    sizes = dict(cregs)
    measured: set[tuple[str, int]] = set()
    for name, index in _MEASURE.findall(code):
        if index:
            measured.add((name, int(index)))
        else:
            measured.update((name, i) for i in range(sizes.get(name, 0)))
    missing = [(name, i) for name, size in cregs for i in range(size) if (name, i) not in measured]
    if _IF.search(code) and _qdk_reverses_registers():

        def reverse(match: re.Match) -> str:
            name, value = match.group(1), int(match.group(2))
            width = sizes.get(name)
            if width is None or value >= 2**width:
                return match.group(0)
            flipped = int(format(value, f"0{width}b")[::-1], 2)
            return f"if({name}=={flipped})"

        source = _IF.sub(reverse, source)
    if not missing:
        return source, 0
    lines = [source.rstrip(), f"qreg {_PAD}[{len(missing)}];"]
    lines += [f"measure {_PAD}[{k}] -> {name}[{i}];" for k, (name, i) in enumerate(missing)]
    return "\n".join(lines) + "\n", len(missing)


@functools.lru_cache(maxsize=64)
def _compile(source: str) -> str:
    from qdk import TargetProfile
    from qdk.openqasm import OutputSemantics

    from ....compat import compile_openqasm_without_files

    try:
        return compile_openqasm_without_files(
            source,
            _no_files,
            name="main",
            target_profile=TargetProfile.Adaptive_RI,
            output_semantics=OutputSemantics.OpenQasm,
            search_path=".",
        )
    except Exception as exc:  # qdk raises QasmError / QSharpError with a located report
        report = str(exc).strip().replace(_PAD, "(padding)")
        if len(report) > 2000:
            report = report[:2000] + " ..."
        raise invalid_input(f"The OpenQASM program does not compile:\n{report}") from None


def _no_files(*_args: object) -> object:
    """Jobs may not include files from the machine running the service."""
    raise OSError("include files are not available in the local workspace (only qelib1.inc)")


def _registers(shots: list, cregs: list[tuple[str, int]]) -> dict:
    """v2 shots (one list per register, or a tuple of them) -> per-register bitstrings."""
    names = [name for name, size in cregs if size > 0]
    output: dict[str, list[str]] = {name: [] for name in names}
    for shot in shots:
        if isinstance(shot, dict):
            registers = [shot[f"Item{i + 1}"] for i in range(len(shot))]
        else:
            registers = [shot]
        for name, bits in zip(names, registers, strict=False):
            values = bits if isinstance(bits, list) else [bits]
            output[name].append("".join(str(b) for b in reversed(values)))
    return output


@functools.lru_cache(maxsize=1)
def _qdk_reverses_registers() -> bool:
    """Does the installed qdk read c[0] as the most significant bit of `c`?"""
    from qdk.simulation import run_qir

    probe = (
        'OPENQASM 2.0;\ninclude "qelib1.inc";\nqreg q[2];\ncreg c[2];\n'
        "x q[0];\nmeasure q[0] -> c[0];\nif(c==1) x q[1];\nmeasure q[1] -> c[1];\n"
    )
    [shot] = run_qir(_compile(probe), shots=1, type="cpu")
    return str(shot[1]) != "One"
