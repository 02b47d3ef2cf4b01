"""Geometry3K importer: an arc's measure asked rounded, with a length goal and only lengths given, is its length."""

from __future__ import annotations

from recode_dsl.interop.geometry3k import import_problem
from recode_dsl.interop.geometry3k.parse import Item, read
from recode_dsl.interop.geometry3k.roundarc import rounded_arc_length


def trees(texts: list[str]) -> list[Item]:
    """The forms parsed, as the importer's repairs read them."""
    return [read(t) for t in texts]


ASK = "Find(MeasureOf(Arc(A,B,C)))"
ARC_LENGTH = "Find(LengthOf(Arc(A,B,C)))"
LENGTH = ["Length"]
ROUNDED = r"In \odot O, O A = 4, find m \widehat A B C. Round to the nearest hundredth."


def test_a_rounded_arc_in_a_question_giving_a_length_asks_the_length() -> None:
    assert rounded_arc_length(trees(["Equals(LengthOf(Line(O,A)),4)", ASK]), ROUNDED, LENGTH)[1] == read(ARC_LENGTH)
    assert rounded_arc_length(trees(["Equals(RadiusOf(Circle(O)),4)", ASK]), ROUNDED, LENGTH)[1] == read(ARC_LENGTH)


def test_no_rounding_a_given_measure_or_no_given_length_keeps_the_measure() -> None:
    length = "Equals(LengthOf(Line(O,A)),4)"
    unrounded = r"In \odot O, O A = 4, find m \widehat A B C."
    assert rounded_arc_length(trees([length, ASK]), unrounded, LENGTH)[1] == read(ASK)
    measure = "Equals(MeasureOf(Arc(A,B)),98)"
    assert rounded_arc_length(trees([length, measure, ASK]), ROUNDED, LENGTH)[2] == read(ASK)
    assert rounded_arc_length(trees([ASK]), ROUNDED, LENGTH) == trees([ASK])
    same = "Equals(LengthOf(Line(O,A)),LengthOf(Line(O,B)))"  # a congruence gives no length
    assert rounded_arc_length(trees([same, ASK]), ROUNDED, LENGTH)[1] == read(ASK)


def test_a_goal_not_tagged_length_keeps_the_measure() -> None:
    # a chord of 6 in a circle of radius 5: the measure, 73.7 degrees, needs rounding too
    chord = r"In \odot O, the radius is 5 and Q S = 6. Find m \widehat Q S. Round to the nearest tenth."
    forms = ["Equals(RadiusOf(Circle(O)),5)", "Equals(LengthOf(Line(Q,S)),6)", "Find(MeasureOf(Arc(Q,S)))"]
    assert rounded_arc_length(trees(forms), chord, ["Angle"]) == trees(forms)
    assert rounded_arc_length(trees(forms), chord, []) == trees(forms)
    assert rounded_arc_length(trees(forms), chord, ["Length", "Angle"]) == trees(forms)
    assert rounded_arc_length(trees(forms), chord, LENGTH)[2] == read("Find(LengthOf(Arc(Q,S)))")


def test_import_asks_the_arc_length() -> None:
    pts = {"O": [0.0, 0.0], "A": [4.0, 0.0], "B": [0.0, -4.0], "C": [-4.0, 0.0]}
    on = [f"PointLiesOnCircle({p}, Circle(O, radius_0_0))" for p in "ABC"]
    imp = import_problem({"id": 1, "problem_text": ROUNDED, "problem_type_goal": LENGTH,
                          "point_positions": pts, "circle_instances": ["O"],
                          "line_instances": ["OA"], "diagram_logic_forms": on,
                          "text_logic_forms_dissolved": ["Equals(LengthOf(Line(O,A)),4)", ASK]})
    assert "ask length(arc(A, B, C))" in imp.source
