"""Geometry3K importer: an arc's measure asked rounded, in a question giving only lengths, is its length."""

from __future__ import annotations

from recode_dsl.interop.g3k_roundarc import rounded_arc_length
from recode_dsl.interop.geometry3k import import_problem

ASK = "Find(MeasureOf(Arc(A,B,C)))"
ROUNDED = r"In \odot O, O A = 4, find m \widehat A B C. Round to the nearest hundredth."


def test_a_rounded_arc_in_a_question_giving_a_length_asks_the_length() -> None:
    assert rounded_arc_length(["Equals(LengthOf(Line(O,A)),4)", ASK], ROUNDED)[1] == "Find(LengthOf(Arc(A,B,C)))"
    assert rounded_arc_length(["Equals(RadiusOf(Circle(O)),4)", ASK], ROUNDED)[1] == "Find(LengthOf(Arc(A,B,C)))"


def test_no_rounding_a_given_measure_or_no_given_length_keeps_the_measure() -> None:
    length = "Equals(LengthOf(Line(O,A)),4)"
    assert rounded_arc_length([length, ASK], r"In \odot O, O A = 4, find m \widehat A B C.")[1] == ASK
    measure = "Equals(MeasureOf(Arc(A,B)),98)"
    assert rounded_arc_length([length, measure, ASK], ROUNDED)[2] == ASK
    assert rounded_arc_length([ASK], ROUNDED) == [ASK]
    same = "Equals(LengthOf(Line(O,A)),LengthOf(Line(O,B)))"  # a congruence gives no length
    assert rounded_arc_length([same, ASK], ROUNDED)[1] == ASK


def test_import_asks_the_arc_length() -> None:
    pts = {"O": [0.0, 0.0], "A": [4.0, 0.0], "B": [0.0, -4.0], "C": [-4.0, 0.0]}
    on = [f"PointLiesOnCircle({p}, Circle(O, radius_0_0))" for p in "ABC"]
    imp = import_problem({"id": 1, "problem_text": ROUNDED, "point_positions": pts, "circle_instances": ["O"],
                          "line_instances": ["OA"], "diagram_logic_forms": on,
                          "text_logic_forms_dissolved": ["Equals(LengthOf(Line(O,A)),4)", ASK]})
    assert "ask length(arc(A, B, C))" in imp.source
