"""The names of the data formats jobs carry, as Azure Quantum spells them.

A job names its input format (`inputDataFormat`) and its output format
(`outputDataFormat`); the SDK, the local service's workers, the views that draw
histograms and the Qiskit primitives must agree on those strings, so each is
written once, here. Which input format produces which output, and under which
blob name, is the local service's format registry
(`local/execution/formats/__init__.py`); which target takes which input is the
target catalog's business.
"""

from __future__ import annotations

# -- inputs ------------------------------------------------------------------

#: QIR bitcode or text: what Q#, Qiskit and Cirq submissions send.
QIR = "qir.v1"
#: IonQ's JSON circuits (`{"qubits", "circuit": [...]}`).
IONQ_CIRCUIT = "ionq.circuit.v1"
#: OpenQASM 2 for Quantinuum (the name keeps Honeywell's, as Azure does).
OPENQASM2 = "honeywell.openqasm.v1"
#: Quil for Rigetti.
QUIL = "rigetti.quil.v1"

# -- outputs -----------------------------------------------------------------

#: Per-shot results of QIR jobs: what the SDK's `get_results_shots` reads.
MS_RESULTS_V2 = "microsoft.quantum-results.v2"
#: The older histogram-only form some jobs still carry.
MS_RESULTS_V1 = "microsoft.quantum-results.v1"
#: `{"histogram": {"<int>": probability}}`.
IONQ_RESULTS = "ionq.quantum-results.v1"
#: `{"<creg>": ["<bits>", ...]}`, one string per shot.
QUANTINUUM_RESULTS = "honeywell.quantum-results.v1"
#: `{"<region>": [[v, ...] per shot]}`.
QUIL_RESULTS = "rigetti.quil-results.v1"
#: Pasqal's pulser results (drawn when a workspace holds them; not run locally).
PASQAL_RESULTS = "pasqal.pulser-results.v1"
