"""Geometry3K importer: a question whose Find form cannot be imported is asked from its words
when they read just "Find v." or "Find m \\angle v." about a labelled variable."""

from __future__ import annotations

from recode_dsl.interop.geometry3k import import_problem
from recode_dsl.interop.geometry3k.findtext import asked_in_text
from recode_dsl.interop.geometry3k.text import ASK, EQUATION, Stmt
from recode_dsl.syntax import parse


def _st(section: int, text: str) -> Stmt:
    """A statement of the given section, written as recode-dsl text (parsed: the importer builds nodes)."""
    return Stmt(section, parse("figure\n" + text).body[0])


LABELLED = [_st(EQUATION, "angle(A, V, B) = v")]


def test_the_variable_the_question_names_is_asked() -> None:
    assert asked_in_text("Find m \\angle v.", LABELLED)[-1].text == "ask v"
    assert asked_in_text("Find v", LABELLED)[-1].text == "ask v"


def test_other_questions_unknown_variables_and_programs_with_an_ask_are_left_alone() -> None:
    assert asked_in_text("Find m \\angle v if AB = 3.", LABELLED) == LABELLED
    assert asked_in_text("Find m \\angle w.", LABELLED) == LABELLED
    asking = [*LABELLED, _st(ASK, "ask length(A, B)")]
    assert asked_in_text("Find v.", asking) == asking


def test_import_asks_the_variable_when_the_find_form_is_misread() -> None:
    pts = {"A": [0.0, 100.0], "B": [200.0, 100.0], "V": [100.0, 0.0]}
    record = {"id": 1, "problem_text": "Find m \\angle v.", "point_positions": pts,
              "line_instances": ["AB", "AV", "BV"], "text_logic_forms_dissolved": ["Find(LengthOf(Line(m)))"],
              "diagram_logic_forms": ["Equals(MeasureOf(Angle(A, V, B)), v)"]}
    assert import_problem(record).source.rstrip().endswith("ask v")
    record["text_logic_forms_dissolved"] = []  # no Find at all: nothing is read from the words
    assert "ask v" not in import_problem(record).source
