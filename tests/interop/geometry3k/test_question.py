"""Geometry3K importer: question forms the question's words make precise (an arc asked without m, a lone r)."""

from __future__ import annotations

from recode_dsl.interop.geometry3k import import_problem
from recode_dsl.interop.geometry3k.parse import Item, read
from recode_dsl.interop.geometry3k.question import arc_length_asked, lone_radius


def trees(texts: list[str]) -> list[Item]:
    """The forms parsed, as the importer's repairs read them."""
    return [read(t) for t in texts]


ASK = "Find(MeasureOf(Arc(D,G)))"
ON = ["PointLiesOnCircle(D, Circle(I, radius_2_0))", "PointLiesOnCircle(G, Circle(I, radius_2_0))"]


def test_an_arc_found_without_m_asks_its_length() -> None:
    assert arc_length_asked(trees([ASK]), r"Find \widehat G D if r = 6.") == trees(["Find(LengthOf(Arc(D,G)))"])
    assert arc_length_asked(trees([ASK]), r"Find m \widehat D G.") == trees([ASK])
    assert arc_length_asked(trees([ASK]), r"Find \widehat D E.") == trees([ASK])


def test_a_lone_r_is_the_radius_of_the_one_circle() -> None:
    assert lone_radius(trees(["Equals(r,6)"]), trees(ON), ["I"]) == trees(["Equals(RadiusOf(Circle(I)),6)"])
    assert lone_radius(trees(["Equals(r,6)"]), trees(ON), ["I", "J"]) == trees(["Equals(r,6)"])  # which circle?
    used = ["Equals(r,6)", "Equals(LengthOf(Line(D, G)), 2r)"]
    assert lone_radius(trees(used), trees(ON), ["I"]) == trees(used)  # r is a variable of the problem


def test_import_asks_the_arc_length_with_the_radius() -> None:
    imp = import_problem({"id": 1, "problem_text": r"Find \widehat D G if r = 6.", "circle_instances": ["I"],
                          "point_positions": {"D": [0.0, 50.0], "G": [100.0, 50.0], "I": [50.0, 50.0]},
                          "diagram_logic_forms": ON, "text_logic_forms_dissolved": ["Equals(r,6)", ASK]})
    assert "radius(circle(I)) = 6" in imp.source
    assert "ask length(arc(D, G))" in imp.source


def test_a_three_letter_arc_through_an_unplaced_point_is_the_major_arc() -> None:
    pts = {"G": [0.0, 50.0], "H": [50.0, 0.0], "K": [50.0, 50.0], "L": [-1, -1]}
    on = [f"PointLiesOnCircle({p}, Circle(K, radius_0_0))" for p in "GHL"]
    imp = import_problem({"id": 1, "problem_text": r"Find m \widehat G L H.", "circle_instances": ["K"],
                          "point_positions": pts, "diagram_logic_forms": on,
                          "text_logic_forms_dissolved": ["Find(MeasureOf(Arc(G,L,H)))"]})
    assert "ask measure(major_arc(G, H))" in imp.source
    placed = import_problem({"id": 1, "problem_text": r"Find m \widehat G L H.", "circle_instances": ["K"],
                             "point_positions": {**pts, "L": [50.0, 100.0]}, "diagram_logic_forms": on,
                             "text_logic_forms_dissolved": ["Find(MeasureOf(Arc(G,L,H)))"]})
    assert "ask measure(arc(G, L, H))" in placed.source
