"""Geometry3K importer: circle forms the drawing contradicts (wrong centre, a tangent's far end on the circle)."""

from __future__ import annotations

from recode_dsl.interop.geometry3k import import_problem
from recode_dsl.interop.geometry3k.circles import apply_centres, drop_outside, outside_ends, recentre
from recode_dsl.interop.geometry3k.parse import Item, read


def trees(texts: list[str]) -> list[Item]:
    """The forms parsed, as the importer's repairs read them."""
    return [read(t) for t in texts]


ROUND = {"B": (1.0, 1.0), "O": (0.0, 0.0), "A": (50.0, 0.0), "C": (-50.0, 0.0), "D": (0.0, 50.0), "E": (0.0, -50.0)}
ON_B = [f"PointLiesOnCircle({p}, Circle(B, radius_1_0))" for p in "ACDE"]


def test_points_round_the_drawn_centre_move_the_circle_there() -> None:
    pos = {**ROUND, "B": (30.0, 10.0)}
    assert recentre(trees(ON_B), trees([]), pos, ["O"]) == {"B": "O"}
    assert apply_centres(trees(["Tangent(Line(A, F), Circle(B))", *ON_B[:1]]), {"B": "O"}) == trees([
        "Tangent(Line(A, F), Circle(O))", "PointLiesOnCircle(A, Circle(O, radius_1_0))"])


def test_a_centre_the_points_are_round_stays() -> None:
    pos = {**ROUND, "B": (1.0, 1.0)}
    assert recentre(trees(ON_B), trees([]), pos, ["O"]) == {}  # equally far from B too
    assert recentre(trees(ON_B), trees([]), {**pos, "B": (30.0, 10.0)}, ["B", "O"]) == {}  # B is drawn
    assert recentre(trees(ON_B), trees([]), {**pos, "B": (30.0, 10.0)}, ["O", "P"]) == {}  # which drawn centre?


def test_import_uses_the_drawn_circle() -> None:
    points = {k: [x, -y] for k, (x, y) in {**ROUND, "B": (30.0, 10.0)}.items()}
    imp = import_problem({"id": 1, "problem_text": "Find x.", "point_positions": points, "circle_instances": ["O"],
                          "diagram_logic_forms": [*ON_B, "Equals(LengthOf(Line(O, A)), x)"],
                          "text_logic_forms_dissolved": ["Find(x)"]})
    assert "on(A, circle(O))" in imp.source
    assert "circle(B)" not in imp.source


def test_the_outside_end_of_a_tangent_is_not_on_the_circle() -> None:
    pos = {"D": (0.0, 0.0), "A": (0.0, 50.0), "C": (0.0, -50.0), "B": (120.0, 0.0)}
    on = [f"PointLiesOnCircle({p}, Circle(D, radius_1_0))" for p in "ABC"]
    tangents = ["Tangent(Line(A, B), Circle(D))", "Tangent(Line(C, B), Circle(D))"]
    assert outside_ends(trees(on + tangents), pos) == {("B", "D")}
    assert drop_outside(trees(on), trees(on + tangents), pos) == trees([on[0], on[2]])
    assert outside_ends(trees(on), pos) == set()  # no tangent: nothing is dropped
    assert outside_ends(trees(on + tangents), {**pos, "B": (50.0, 0.0)}) == set()  # drawn on the circle
