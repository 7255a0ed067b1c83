"""Splitting Q# cells and reading qdk's diagnostics (no interpreter needed)."""

from __future__ import annotations

from qsession_jupyter.kernel.qsharp import source
from qsession_jupyter.kernel.qsharp.diagnostics import QSharpCellError, parse
from qsession_jupyter.providers.profiles import profile_name_for_target

CELL = """open Microsoft.Quantum.Intrinsic;

/// Doc comment with a brace {
@EntryPoint()
operation GenerateRandomBit() : Result {
    use q0 = Qubit();
    let text = "}{ not code";
    H(q0);
    return M(q0);
}
namespace Tools { operation Helper() : Unit {} }
if true { Message("a"); } else { Message("b"); }
GenerateRandomBit() // run it
"""


def test_split_finds_declarations_statements_and_the_trailing_expression():
    segments = source.split(CELL)
    heads = [s.head for s in segments]
    assert heads == ["open", "operation", "namespace", "if", "GenerateRandomBit"]
    assert [s.is_declaration for s in segments] == [True, True, True, False, False]
    assert segments[1].callable_names == ["GenerateRandomBit"]
    assert segments[2].callable_names == ["Tools.Helper"]
    assert segments[1].line == 2  # starts at the doc comment, line numbers stay the cell's
    assert not segments[-1].terminated


def test_entry_expression_is_the_last_unterminated_segment():
    rest, expression = source.entry_expression(CELL)
    assert expression == "GenerateRandomBit()"
    assert rest.rstrip().endswith('Message("b"); }')
    rest, expression = source.entry_expression("operation A() : Unit {} A()")
    assert (rest.strip(), expression) == ("operation A() : Unit {}", "A()")
    assert source.entry_expression("operation A() : Unit {}")[1] is None
    assert source.entry_expression("A();")[1] is None


def test_declarations_only_keeps_line_and_column_positions():
    kept = source.declarations_only(CELL)
    assert kept.count("\n") == CELL.count("\n")
    assert "Message" not in kept and "GenerateRandomBit()" not in kept.splitlines()[-1]
    assert kept.splitlines()[4] == CELL.splitlines()[4]


def test_diagnostics_give_line_column_and_message():
    text = (
        "Qdk.Qsc.Parse.Rule\n\n  x syntax error\n  `-> expected expression, found `;`\n"
        "   ,-[line_2:1:34]\n 1 | operation Bad() : Unit { let x = ; }\n"
        "   :                                  ^\n   `----\n"
    )
    (diagnostic,) = parse(text)
    assert (diagnostic.line, diagnostic.column) == (1, 34)
    assert diagnostic.message == "syntax error: expected expression, found `;`"
    rendered = QSharpCellError(text)._render_traceback_()
    assert (
        rendered[0] == "Q# error at line 1, column 34: syntax error: expected expression, found `;`"
    )
    assert any("[cell:1:34]" in line for line in rendered)
    assert not any("line_2" in line for line in rendered)


def test_profiles_follow_the_sdk_target_defaults():
    assert profile_name_for_target("rigetti.sim.qvm") == "Base"
    assert profile_name_for_target("ionq.qpu.aria-1") == "Base"
    assert profile_name_for_target("quantinuum.sim.h2-1e") == "Adaptive_RI"
    assert profile_name_for_target("quantinuum.qpu.h1-1") == "Adaptive_RIF"
    assert profile_name_for_target(None) == "Base"


def test_profile_table_matches_the_sdk_target_classes():
    from azure.quantum.target import IonQ, Quantinuum
    from azure.quantum.target.rigetti import Rigetti

    for cls, name in [
        (IonQ, "ionq.simulator"),
        (Rigetti, "rigetti.sim.qvm"),
        (Quantinuum, "quantinuum.sim.h2-1e"),
        (Quantinuum, "quantinuum.qpu.h1-1"),
    ]:
        sdk_profile = str(cls(workspace=None, name=name).target_profile)
        assert profile_name_for_target(name) == sdk_profile
