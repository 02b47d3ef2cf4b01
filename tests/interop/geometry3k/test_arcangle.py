"""Geometry3K importer: a three-letter arc with one end drawn off its circle is an angle."""

from __future__ import annotations

from recode_dsl.interop.geometry3k.offarc import end_off_arcs
from recode_dsl.interop.geometry3k.parse import Item, read


def trees(texts: list[str]) -> list[Item]:
    """The forms parsed, as the importer's repairs read them."""
    return [read(t) for t in texts]


POS = {"O": (0.0, 0.0), "Q": (10.0, 0.0), "S": (0.0, 10.0), "R": (10.0, 20.0), "T": (-10.0, 0.0)}
ON = ["PointLiesOnCircle(Q, Circle(O, r))", "PointLiesOnCircle(S, Circle(O, r))",
      "PointLiesOnCircle(T, Circle(O, r))"]


def test_an_end_off_the_circle_makes_the_angle_at_the_middle() -> None:
    assert end_off_arcs(trees(["Find(MeasureOf(Arc(R, Q, S)))"]), trees(ON), POS,
                        ["O"]) == trees(["Find(MeasureOf(Angle(R, Q, S)))"])
    assert end_off_arcs(trees(["Find(MeasureOf(Arc(S, Q, R)))"]), trees(ON), POS,
                        ["O"]) == trees(["Find(MeasureOf(Angle(S, Q, R)))"])


def test_arcs_on_the_circle_stay() -> None:
    form = ["Find(MeasureOf(Arc(T, Q, S)))"]
    assert end_off_arcs(trees(form), trees(ON), POS, ["O"]) == trees(form)


def test_an_end_drawn_on_the_circle_stays_an_arc() -> None:
    pos = {**POS, "R": (6.0, -8.0)}  # not said on the circle, but drawn on it
    form = ["Find(MeasureOf(Arc(R, Q, S)))"]
    assert end_off_arcs(trees(form), trees(ON), pos, ["O"]) == trees(form)


def test_an_undrawn_end_or_a_centre_in_the_middle_stays() -> None:
    form = ["Find(MeasureOf(Arc(X, Q, S)))"]
    assert end_off_arcs(trees(form), trees(ON), POS, ["O"]) == trees(form)
    form = ["Find(MeasureOf(Arc(R, O, S)))"]
    assert end_off_arcs(trees(form), trees(ON), POS, ["O"]) == trees(form)
