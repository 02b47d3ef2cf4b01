"""Geometry3K importer: an arc's measure asked rounded, with a length goal and only lengths given, is its length."""

from __future__ import annotations

from recode_dsl.interop.geometry3k import import_problem
from recode_dsl.interop.geometry3k.roundarc import rounded_arc_length

ASK = "Find(MeasureOf(Arc(A,B,C)))"
ARC_LENGTH = "Find(LengthOf(Arc(A,B,C)))"
LENGTH = ["Length"]
ROUNDED = r"In \odot O, O A = 4, find m \widehat A B C. Round to the nearest hundredth."


def test_a_rounded_arc_in_a_question_giving_a_length_asks_the_length() -> None:
    assert rounded_arc_length(["Equals(LengthOf(Line(O,A)),4)", ASK], ROUNDED, LENGTH)[1] == ARC_LENGTH
    assert rounded_arc_length(["Equals(RadiusOf(Circle(O)),4)", ASK], ROUNDED, LENGTH)[1] == ARC_LENGTH


def test_no_rounding_a_given_measure_or_no_given_length_keeps_the_measure() -> None:
    length = "Equals(LengthOf(Line(O,A)),4)"
    assert rounded_arc_length([length, ASK], r"In \odot O, O A = 4, find m \widehat A B C.", LENGTH)[1] == ASK
    measure = "Equals(MeasureOf(Arc(A,B)),98)"
    assert rounded_arc_length([length, measure, ASK], ROUNDED, LENGTH)[2] == ASK
    assert rounded_arc_length([ASK], ROUNDED, LENGTH) == [ASK]
    same = "Equals(LengthOf(Line(O,A)),LengthOf(Line(O,B)))"  # a congruence gives no length
    assert rounded_arc_length([same, ASK], ROUNDED, LENGTH)[1] == ASK


def test_a_goal_not_tagged_length_keeps_the_measure() -> None:
    # a chord of 6 in a circle of radius 5: the measure, 73.7 degrees, needs rounding too
    chord = r"In \odot O, the radius is 5 and Q S = 6. Find m \widehat Q S. Round to the nearest tenth."
    forms = ["Equals(RadiusOf(Circle(O)),5)", "Equals(LengthOf(Line(Q,S)),6)", "Find(MeasureOf(Arc(Q,S)))"]
    assert rounded_arc_length(forms, chord, ["Angle"]) == forms
    assert rounded_arc_length(forms, chord, []) == forms
    assert rounded_arc_length(forms, chord, ["Length", "Angle"]) == forms
    assert rounded_arc_length(forms, chord, LENGTH)[2] == "Find(LengthOf(Arc(Q,S)))"


def test_import_asks_the_arc_length() -> None:
    pts = {"O": [0.0, 0.0], "A": [4.0, 0.0], "B": [0.0, -4.0], "C": [-4.0, 0.0]}
    on = [f"PointLiesOnCircle({p}, Circle(O, radius_0_0))" for p in "ABC"]
    imp = import_problem({"id": 1, "problem_text": ROUNDED, "problem_type_goal": LENGTH,
                          "point_positions": pts, "circle_instances": ["O"],
                          "line_instances": ["OA"], "diagram_logic_forms": on,
                          "text_logic_forms_dissolved": ["Equals(LengthOf(Line(O,A)),4)", ASK]})
    assert "ask length(arc(A, B, C))" in imp.source
