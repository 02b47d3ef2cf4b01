"""Geometry3K importer: an angle named at a vertex whose sides are not drawn moves to the point where they are."""

from __future__ import annotations

from recode_dsl.interop.geometry3k import import_problem
from recode_dsl.interop.geometry3k.parse import Item, read
from recode_dsl.interop.geometry3k.vertex import revertex


def trees(texts: list[str]) -> list[Item]:
    """The forms parsed, as the importer's repairs read them."""
    return [read(t) for t in texts]


HEXAGON = ["AB", "BC", "CD", "DE", "EF", "FA"]


def test_the_angle_moves_to_the_one_vertex_with_both_sides_drawn() -> None:
    form = "Equals(MeasureOf(Angle(C, E, D)), x-3)"
    assert revertex(trees([form]), HEXAGON, [], "ABCDEF") == trees(["Equals(MeasureOf(Angle(C, D, E)), x-3)"])


def test_an_angle_drawn_where_it_is_named_or_nowhere_stays() -> None:
    drawn = "Equals(MeasureOf(Angle(B, C, D)), 50)"
    nowhere = "Equals(MeasureOf(Angle(A, C, E)), 50)"
    assert revertex(trees([drawn, nowhere]), HEXAGON, [], "ABCDEF") == trees([drawn, nowhere])


def test_a_side_named_by_a_form_or_through_a_point_on_it_counts_as_drawn() -> None:
    form = "Equals(MeasureOf(Angle(C, E, D)), 30)"
    assert revertex(trees([form, "Perpendicular(Line(E, C), Line(E, D))"]), HEXAGON, [], "ABCDEF")[0] == read(form)
    on = "PointLiesOnLine(E, Line(C, G))"
    assert revertex(trees([form, on]), [*HEXAGON, "CG"], [], "ABCDEFG")[0] == read(form)


def test_centres_and_unplaced_points_are_left_alone() -> None:
    form = "Equals(MeasureOf(Angle(C, E, D)), 60)"
    assert revertex(trees([form]), HEXAGON, ["E"], "ABCDEF") == trees([form])
    assert revertex(trees([form]), HEXAGON, [], "ABCDF") == trees([form])


def test_import_asks_about_the_moved_angle() -> None:
    pts = {"C": [0.0, 0.0], "D": [100.0, 0.0], "E": [100.0, 100.0]}
    imp = import_problem({"id": 1, "problem_text": "Find x.", "point_positions": pts, "line_instances": ["CD", "DE"],
                          "diagram_logic_forms": ["Equals(MeasureOf(Angle(C, E, D)), x)"],
                          "text_logic_forms_dissolved": ["Find(x)"]})
    assert "angle(C, D, E) = x" in imp.source
