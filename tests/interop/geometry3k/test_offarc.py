"""Geometry3K importer: a three-letter arc through a point off its circle is the angle at that point."""

from __future__ import annotations

from recode_dsl.interop.geometry3k import import_problem
from recode_dsl.interop.geometry3k.offarc import end_off_arcs, off_circle_arcs
from recode_dsl.interop.geometry3k.parse import Item, read


def trees(texts: list[str]) -> list[Item]:
    """The forms parsed, as the importer's repairs read them."""
    return [read(t) for t in texts]


POS = {"O": (0.0, 0.0), "E": (10.0, 0.0), "B": (0.0, 10.0), "M": (7.07, 7.07), "D": (30.0, 30.0)}
ON = ["PointLiesOnCircle(E, Circle(O, r))", "PointLiesOnCircle(B, Circle(O, r))"]


def test_an_arc_through_a_point_outside_the_circle_is_the_angle_there() -> None:
    assert off_circle_arcs(trees(["Find(MeasureOf(Arc(E, D, B)))"]), trees(ON), POS,
                           ["O"]) == trees(["Find(MeasureOf(Angle(E, D, B)))"])


def test_arcs_through_points_on_the_circle_or_its_centre_stay() -> None:
    on_m = [*ON, "PointLiesOnCircle(M, Circle(O, r))"]
    forms = ["Find(MeasureOf(Arc(E, M, B)))", "Equals(MeasureOf(Arc(E, O, B)), 90)"]
    assert off_circle_arcs(trees(forms), trees(on_m), POS, ["O"]) == trees(forms)
    # drawn on the circle though no form says so: still an arc
    assert off_circle_arcs(trees(forms[:1]), trees(ON), POS, ["O"]) == trees(forms[:1])


def test_unplaced_points_and_ends_on_no_common_circle_stay() -> None:
    form = "Find(MeasureOf(Arc(E, D, B)))"
    assert off_circle_arcs(trees([form]), trees(ON), {k: v for k, v in POS.items() if k != "D"}, ["O"]) == trees([form])
    assert off_circle_arcs(trees([form]), trees(ON[:1]), POS, ["O"]) == trees([form])


def test_import_asks_the_angle_two_secants_make_outside() -> None:
    pts = {k: [v[0], -v[1]] for k, v in POS.items()}
    imp = import_problem({"id": 1, "problem_text": "Find m \\widehat E D B.", "point_positions": pts,
                          "line_instances": ["DE", "DB"], "circle_instances": ["O"], "diagram_logic_forms": ON,
                          "text_logic_forms_dissolved": ["Find(MeasureOf(Arc(E, D, B)))"]})
    assert "ask angle(E, D, B)" in imp.source


def test_ends_on_two_concentric_circles_share_no_circle() -> None:
    # E on the circle about O of radius 5, B on the one of radius 20: their mean radius (12.5) says
    # nothing about D, drawn at distance 20 (on the outer circle), so the arc is left as written
    pos = {"O": (0.0, 0.0), "E": (5.0, 0.0), "B": (0.0, 20.0), "D": (16.0, 12.0), "R": (40.0, 0.0)}
    on = ["PointLiesOnCircle(E, Circle(O, radius_0_0))", "PointLiesOnCircle(B, Circle(O, radius_0_1))"]
    forms = ["Find(MeasureOf(Arc(E, D, B)))", "Find(MeasureOf(Arc(R, E, B)))"]
    assert off_circle_arcs(trees(forms[:1]), trees(on), pos, ["O"]) == trees(forms[:1])
    assert end_off_arcs(trees(forms[1:]), trees(on), pos, ["O"]) == trees(forms[1:])
    # the same points on one circle named with and without its radius id: the rule applies
    one = ["PointLiesOnCircle(E, Circle(O, radius_0_0))", "PointLiesOnCircle(B, Cirle(O))"]
    near = {**pos, "B": (0.0, 5.0)}
    assert off_circle_arcs(trees(forms[:1]), trees(one), near, ["O"]) == trees(["Find(MeasureOf(Angle(E, D, B)))"])
