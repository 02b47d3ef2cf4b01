"""Geometry3K importer: an "arc" whose ends share no circle is measured as a segment."""

from __future__ import annotations

from recode_dsl import compile  # noqa: A004
from recode_dsl.interop.geometry3k import import_problem
from recode_dsl.interop.geometry3k.arcends import arcs_as_segments, centre_arcs
from recode_dsl.interop.geometry3k.parse import Item, read


def trees(texts: list[str]) -> list[Item]:
    """The forms parsed, as the importer's repairs read them."""
    return [read(t) for t in texts]


ON = ["PointLiesOnCircle(A, Circle(O, radius_0_0))", "PointLiesOnCircle(B, Circle(O, radius_0_0))"]
POS = {"O": (0.0, 0.0), "A": (10.0, 0.0), "B": (0.0, 10.0), "M": (5.0, 5.0), "C": (-10.0, 0.5)}


def test_an_arc_to_a_point_inside_the_circle_is_a_segment() -> None:
    assert arcs_as_segments(trees(["Find(MeasureOf(Arc(A, M)))"]), trees(ON), POS,
                            ["O"]) == trees(["Find(LengthOf(Line(A, M)))"])


def test_an_arc_to_the_centre_is_a_segment() -> None:
    assert arcs_as_segments(trees(["Find(MeasureOf(Arc(O,A)))"]), trees(ON), POS,
                            ["O"]) == trees(["Find(LengthOf(Line(O, A)))"])


def test_an_arc_between_points_on_the_circle_stays() -> None:
    assert arcs_as_segments(trees(["Find(MeasureOf(Arc(A, B)))"]), trees(ON), POS,
                            ["O"]) == trees(["Find(MeasureOf(Arc(A, B)))"])
    # C is drawn on the circle though no form says so
    assert arcs_as_segments(trees(["Find(MeasureOf(Arc(A, C)))"]), trees(ON), POS,
                            ["O"]) == trees(["Find(MeasureOf(Arc(A, C)))"])
    # an undrawn end may lie on the circle
    assert arcs_as_segments(trees(["Find(MeasureOf(Arc(A, Z)))"]), trees(ON), POS,
                            ["O"]) == trees(["Find(MeasureOf(Arc(A, Z)))"])


def test_without_a_known_radius_nothing_changes() -> None:
    assert arcs_as_segments(trees(["Find(MeasureOf(Arc(A, M)))"]), trees([]), POS,
                            ["O"]) == trees(["Find(MeasureOf(Arc(A, M)))"])
    assert arcs_as_segments(trees(["Find(MeasureOf(Arc(A, M)))"]), trees(ON), POS,
                            []) == trees(["Find(MeasureOf(Arc(A, M)))"])


def test_import_asks_the_segment_and_solves_it() -> None:
    pos = {"O": [0.0, 0.0], "A": [-50.0, 86.6], "B": [50.0, 86.6], "X": [0.0, 86.6]}
    imp = import_problem({"id": 1, "problem_text": r"Find m \widehat A X.", "circle_instances": ["O"],
                          "point_positions": pos,
                          "diagram_logic_forms": [*ON, "PointLiesOnLine(X, Line(A, B))",
                                                  "Perpendicular(Line(O, X), Line(A, B))"],
                          "text_logic_forms_dissolved": ["Equals(RadiusOf(Circle(O)),10)",
                                                         "Equals(LengthOf(Line(A,B)),10)",
                                                         "Find(MeasureOf(Arc(A,X)))"]})
    assert "ask length(A, X)" in imp.source
    assert "on(X, circle(O))" not in imp.source


def test_an_arc_named_through_the_centre_is_named_by_its_ends() -> None:
    forms = ["Equals(MeasureOf(Arc(A, O, B)), 105)", "Equals(LengthOf(Arc(A,O,B)), 3)", "Find(MeasureOf(Arc(A, C, B)))"]
    assert centre_arcs(trees(forms), ["O"]) == trees(["Equals(MeasureOf(Arc(A, B)), 105)",
                                                      "Equals(LengthOf(Arc(A, B)), 3)",
                                         "Find(MeasureOf(Arc(A, C, B)))"])
    assert centre_arcs(trees(["Find(MeasureOf(Arc(A, O, A)))"]), ["O"]) == trees(["Find(MeasureOf(Arc(A, O, A)))"])


def test_import_solves_equal_chords_named_through_the_centre() -> None:
    pos = {"O": [0.0, 0.0], "A": [-10.0, 0.0], "B": [0.0, -10.0], "D": [10.0, 0.0], "E": [0.0, 10.0]}
    on = [f"PointLiesOnCircle({p}, Circle(O, radius_0_0))" for p in "ABDE"]
    imp = import_problem({"id": 1, "problem_text": "Find x.", "circle_instances": ["O"], "point_positions": pos,
                          "diagram_logic_forms": [*on, "Equals(LengthOf(Line(A, B)), 7)",
                                                  "Equals(LengthOf(Line(E, D)), 7)",
                                                  "Equals(MeasureOf(Arc(A,O,B)), 105)",
                                                  "Equals(MeasureOf(Arc(E,O,D)), 5x)"],
                          "text_logic_forms_dissolved": ["Find(x)"]})
    assert "measure(arc(A, B)) = 105" in imp.source
    assert [round(a.value or 0.0, 6) for a in compile(imp.source).answers] == [21.0]


def test_each_of_two_concentric_circles_has_its_own_radius() -> None:
    inner = ["PointLiesOnCircle(A, Circle(O, radius_0_0))", "PointLiesOnCircle(B, Circle(O, radius_0_0))"]
    outer = [f"PointLiesOnCircle({p}, Circle(O, radius_0_1))" for p in "CDE"]
    pos = {"O": (0.0, 0.0), "A": (5.0, 0.0), "B": (0.0, 5.0), "Y": (0.0, -5.0),
           "C": (20.0, 0.0), "D": (0.0, 20.0), "E": (-20.0, 0.0)}
    # Y is drawn on the inner circle: measured against the median of all five points (20) it was off
    assert arcs_as_segments(trees(["Find(MeasureOf(Arc(A, Y)))"]), trees(inner + outer), pos,
                            ["O"]) == trees(["Find(MeasureOf(Arc(A, Y)))"])
    # A and C lie on different circles: no arc joins them
    assert arcs_as_segments(trees(["Find(MeasureOf(Arc(A, C)))"]), trees(inner + outer), pos,
                            ["O"]) == trees(["Find(LengthOf(Line(A, C)))"])


def test_a_point_on_a_misspelt_circle_is_on_it() -> None:
    # "Cirle" is a misspelling the forms carry; A is said to be on the circle though drawn 15% outside
    on = ["PointLiesOnCircle(A, Cirle(O, radius_0_0))", "PointLiesOnCircle(B, Circle(O, radius_0_0))"]
    pos = {**POS, "A": (11.5, 0.0)}
    assert arcs_as_segments(trees(["Find(MeasureOf(Arc(A, B)))"]), trees(on), pos,
                            ["O"]) == trees(["Find(MeasureOf(Arc(A, B)))"])
