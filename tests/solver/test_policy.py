"""Facts, sketches and policies: what a figure's answer may owe to its drawing.

``point A = (x, y)`` is a fact, held exactly; ``point A ~ (x, y)`` is a sketch, evidence only.
Under "strict" an answer the statements and facts leave free is an error; under "drawing"
(the default) it is read from the drawing, with a warning.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from recode_dsl import compile  # noqa: A004
from recode_dsl import scene as s
from recode_dsl.cli import main
from recode_dsl.fmt import format_program
from recode_dsl.solver import DEFAULT_POLICY, POLICY_NAMES
from recode_dsl.solver.strategies import POLICIES
from recode_dsl.syntax import parse

# The foot of the altitude from the right angle: 12/5 when A, B, C are where the program says.
ALTITUDE = ("figure\npoint A {op} (0, 3), B {op} (0, 0), C {op} (4, 0), D\ntriangle(A, B, C)\n"
            "on(D, segment(A, C))\nperpendicular(segment(B, D), segment(A, C))\nask length(B, D)\n")


def codes(r: object, severity: str) -> list[str]:
    return [d.code for d in r.diagnostics if d.severity == severity]  # type: ignore[attr-defined]


@pytest.mark.parametrize("policy", POLICY_NAMES)
def test_facts_fix_the_answer_exactly_under_every_policy(policy: str) -> None:
    r = compile(ALTITUDE.format(op="="), policy=policy)
    assert [a.text for a in r.answers] == ["12/5"]
    assert r.diagnostics == []


def test_a_sketch_answers_only_from_the_drawing_with_a_warning() -> None:
    r = compile(ALTITUDE.format(op="~"))
    assert [round(a.value, 6) for a in r.answers] == [2.4]
    assert codes(r, "warning") == ["E041"] and "measured from the drawing" in r.diagnostics[0].message
    assert r.answers[0].text != "12/5"  # no exact value claimed for a measurement


def test_a_sketch_under_the_strict_policy_is_no_answer() -> None:
    r = compile(ALTITUDE.format(op="~"), policy="strict")
    assert r.answers == [] and codes(r, "error") == ["E041"] and not r.ok


def test_facts_that_contradict_the_statements_answer_nothing_when_strict() -> None:
    src = ("figure\npoint A = (0, 0), B = (4, 0), C = (0, 3)\ntriangle(A, B, C)\nlength(A, B) = 5\n"
           "ask length(B, C)\n")
    strict = compile(src, policy="strict")
    assert strict.answers == [] and "E042" in codes(strict, "error")
    drawn = compile(src)  # the drawing policy reads the coordinates as a drawing, scaled to the 5
    assert [round(a.value, 6) for a in drawn.answers] == [6.25]


def test_leaving_a_statement_out_is_a_lenient_recovery_only() -> None:
    """Three given angles of a triangle that add to 190: the lenient policy answers without the
    worst-fitting one and says so; the drawing (default) and strict policies report the
    contradiction and answer nothing."""
    src = ("figure\npoint A ~ (0, 0), B ~ (10, 0), C ~ (4, 6)\ntriangle(A, B, C)\nangle(C, A, B) = 60\n"
           "angle(A, B, C) = 50\nangle(B, C, A) = 80\nask angle(A, B, C)\n")
    lenient = compile(src, policy="lenient")
    warnings = [d.message for d in lenient.diagnostics if d.severity == "warning"]
    assert len(lenient.answers) == 1 and any("leaving out" in m for m in warnings)
    drawn = compile(src)
    assert drawn.answers == [] and "E042" in codes(drawn, "error")
    strict = compile(src, policy="strict")
    assert strict.answers == [] and "E042" in codes(strict, "error")
    assert not any(d.severity == "warning" for d in strict.diagnostics)


def test_every_policy_name_has_its_strategies_and_the_default_is_drawing() -> None:
    assert set(POLICIES) == set(POLICY_NAMES) and DEFAULT_POLICY == "drawing"
    assert POLICIES["strict"] == () and len(POLICIES["drawing"]) >= 5
    assert len({st.name for st in POLICIES["drawing"]}) == len(POLICIES["drawing"])


def test_an_unknown_policy_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown policy"):
        compile(ALTITUDE.format(op="="), policy="loose")


def test_the_scene_says_which_coordinates_are_sketches() -> None:
    r = compile("figure\npoint A = (0, 3), B ~ (1, 2), C\nsegment(A, B)\n", solve=False)
    assert isinstance(r.scene, s.Figure)
    assert [(p.name, p.sketch) for p in r.scene.points] == [("A", False), ("B", True), ("C", False)]


def test_the_formatter_keeps_a_sketch_a_sketch() -> None:
    assert format_program(parse("figure\npoint A~(0,3), B=(1,2)\n")) == "figure\npoint A ~ (0, 3), B = (1, 2)\n"


def test_a_sketch_needs_a_position() -> None:
    r = compile("figure\npoint A ~\n")
    assert not r.ok and r.diagnostics[0].span.line == 2


def test_the_compile_command_takes_a_policy(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    prog = tmp_path / "alt.rdsl"
    prog.write_text(ALTITUDE.format(op="~"), encoding="utf-8")
    assert main(["compile", str(prog)]) == 0
    assert "length(B, D) = 2.4" in capsys.readouterr().out
    assert main(["compile", str(prog), "--policy", "strict"]) == 1
    assert "error[E041]" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exit_:
        main(["compile", str(prog), "--policy", "loose"])
    assert exit_.value.code == 2


def test_a_contradiction_answers_nothing_by_default() -> None:
    """Issue 10: statements that cannot all hold give the diagnostic, never a compromise value,
    even when the figure is drawn; only the opt-in "lenient" policy answers one."""
    src = ("figure\npoint A = (0, 0), B = (10, 0), C = (3, 5)\ntriangle(A, B, C)\nangle(B, A, C) = 50\n"
           "angle(A, B, C) = 60\nlength(A, B) = 10\nlength(B, C) = 3\nlength(C, A) = 20\nask angle(A, C, B)\n")
    r = compile(src)
    assert r.answers == [] and "E042" in codes(r, "error")
    assert compile(src, policy="lenient").answers
