"""Each private touch point of qdk and azure-quantum, used for real.

A failure here after upgrading qdk or azure-quantum names the function in
`qsession_jupyter.compat` that needs mending; nothing else should break first.
"""

from __future__ import annotations

import pytest

from qsession_jupyter import compat


def test_notebook_interpret_returns_the_value_and_streams_output():
    from qdk import qsharp

    qsharp.init()
    shown = []
    value = compat.notebook_interpret('Message("hello"); 1 + 2', shown.append)
    assert value == 3
    assert [str(item) for item in shown] == ["hello"]


def test_notebook_interpret_defines_callables_in_qdk_code():
    from qdk import code, qsharp

    qsharp.init()
    compat.notebook_interpret("function Twice(x : Int) : Int { 2 * x }", print)
    assert code.Twice(21) == 42


def test_notebook_context_changes_when_qdk_is_reinitialised():
    from qdk import qsharp

    qsharp.init()
    compat.notebook_interpret("1", print)
    first = compat.notebook_context()
    assert first is not None
    assert compat.notebook_context() is first
    qsharp.init()
    assert compat.notebook_context() is not first


def test_register_qdk_qsharp_magic_gives_qdk_its_cell_magic():
    from IPython.core.interactiveshell import InteractiveShell

    shell = InteractiveShell.instance(colors="nocolor")
    shell.magics_manager.magics["cell"].pop("qsharp", None)
    with shell.builtin_trap:
        compat.register_qdk_qsharp_magic()
    magic = shell.magics_manager.magics["cell"].get("qsharp")
    assert magic is not None
    assert magic.__module__.startswith("qdk")


def _refuse(*_args):
    raise OSError("no files here")


def test_compile_openqasm_without_files_gives_qir():
    from qdk import TargetProfile
    from qdk.openqasm import OutputSemantics

    qir = compat.compile_openqasm_without_files(
        'OPENQASM 2.0; include "qelib1.inc"; qreg q[2]; creg c[2]; h q[0]; cx q[0], q[1]; '
        "measure q -> c;",
        _refuse,
        name="main",
        target_profile=TargetProfile.Adaptive_RI,
        output_semantics=OutputSemantics.OpenQasm,
        search_path=".",
    )
    assert "ENTRYPOINT__main" in qir
    assert "__quantum__qis__cx__body" in qir


def test_compile_openqasm_without_files_never_reads_an_include():
    from qdk import TargetProfile
    from qdk.openqasm import OutputSemantics

    with pytest.raises(Exception, match="no files here|not found|include"):
        compat.compile_openqasm_without_files(
            'OPENQASM 3.0; include "secrets.inc"; qubit q;',
            _refuse,
            name="main",
            target_profile=TargetProfile.Adaptive_RI,
            output_semantics=OutputSemantics.OpenQasm,
            search_path=".",
        )


def test_workspace_endpoint_keywords_point_the_sdk_at_the_service(local_service):
    from azure.core.credentials import AzureKeyCredential
    from azure.quantum import Workspace

    from qsession_jupyter.connection import (
        LOCAL_LOCATION,
        LOCAL_NAME,
        LOCAL_RESOURCE_GROUP,
        LOCAL_SUBSCRIPTION,
    )

    workspace = Workspace(
        subscription_id=LOCAL_SUBSCRIPTION,
        resource_group=LOCAL_RESOURCE_GROUP,
        name=LOCAL_NAME,
        location=LOCAL_LOCATION,
        credential=AzureKeyCredential(local_service.api_key),
        **compat.workspace_endpoint_keywords(local_service.endpoint),
    )
    names = {target.name for target in workspace.get_targets()}
    assert "ionq.simulator" in names


def test_plugin_sdk_job_finds_the_sdk_job_of_a_qiskit_job(workspace):
    from azure.quantum.job import Job
    from azure.quantum.qiskit import AzureQuantumProvider
    from qiskit import QuantumCircuit

    circuit = QuantumCircuit(1, 1)
    circuit.h(0)
    circuit.measure(0, 0)
    backend = AzureQuantumProvider(workspace=workspace).get_backend("ionq.simulator")
    job = backend.run(circuit, shots=10)
    inner = compat.plugin_sdk_job(job)
    assert isinstance(inner, Job)
    assert inner.id == job.id()
    assert compat.plugin_sdk_job(inner) is None


def test_target_availability_is_public(workspace):
    target = workspace.get_targets("ionq.simulator")
    assert str(getattr(target.current_availability, "value", target.current_availability))
