"""The input formats the local workspace runs, one handler module each.

Every format declares here, in one row, what the service needs to know before
any worker runs it: the output format its jobs produce and the blob that
output is written to (`rawOutputData` for a provider's native results,
`outputData` for `microsoft.quantum-results.v2`, as the real service names
them, contract §2.3). The service reads these rows without importing the
handlers, which pull in numpy, qdk and quil; a worker imports a format's
handler on first use. A handler module has `run(program, params, target) ->
(output JSON, usage)` and `count(program, params, target) -> usage` (the
same usage without running, for the cost estimate).

Adding a format: a handler module here and a row below; `tests/execution`
checks every row's module has both functions.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from types import ModuleType

from ....formats import (
    IONQ_CIRCUIT,
    IONQ_RESULTS,
    MS_RESULTS_V2,
    OPENQASM2,
    QIR,
    QUANTINUUM_RESULTS,
    QUIL,
    QUIL_RESULTS,
)

#: The blob a provider's native results are written to.
RAW_OUTPUT_BLOB = "rawOutputData"
#: The blob `microsoft.quantum-results.v2` results are written to.
OUTPUT_BLOB = "outputData"


@dataclass(frozen=True)
class Format:
    #: The job's `inputDataFormat`.
    input: str
    #: The `outputDataFormat` its jobs produce.
    output: str
    #: The blob of the job's container its output goes to.
    output_blob: str
    #: The handler module in this package.
    module: str

    def handler(self) -> ModuleType:
        """The module that runs and counts jobs of this format (imported on first use)."""
        return importlib.import_module(f"{__name__}.{self.module}")


FORMATS: dict[str, Format] = {
    f.input: f
    for f in (
        Format(QIR, MS_RESULTS_V2, OUTPUT_BLOB, "qir"),
        Format(IONQ_CIRCUIT, IONQ_RESULTS, RAW_OUTPUT_BLOB, "ionq"),
        Format(OPENQASM2, QUANTINUUM_RESULTS, RAW_OUTPUT_BLOB, "openqasm"),
        Format(QUIL, QUIL_RESULTS, RAW_OUTPUT_BLOB, "quil"),
    )
}


def find_format(input_format: str) -> Format | None:
    return FORMATS.get(input_format)
