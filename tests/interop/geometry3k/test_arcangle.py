"""Geometry3K importer: a three-letter arc with one end drawn off its circle is an angle."""

from __future__ import annotations

from recode_dsl.interop.geometry3k.offarc import end_off_arcs

POS = {"O": (0.0, 0.0), "Q": (10.0, 0.0), "S": (0.0, 10.0), "R": (10.0, 20.0), "T": (-10.0, 0.0)}
ON = ["PointLiesOnCircle(Q, Circle(O, r))", "PointLiesOnCircle(S, Circle(O, r))",
      "PointLiesOnCircle(T, Circle(O, r))"]


def test_an_end_off_the_circle_makes_the_angle_at_the_middle() -> None:
    assert end_off_arcs(["Find(MeasureOf(Arc(R, Q, S)))"], ON, POS, ["O"]) == ["Find(MeasureOf(Angle(R, Q, S)))"]
    assert end_off_arcs(["Find(MeasureOf(Arc(S, Q, R)))"], ON, POS, ["O"]) == ["Find(MeasureOf(Angle(S, Q, R)))"]


def test_arcs_on_the_circle_stay() -> None:
    form = ["Find(MeasureOf(Arc(T, Q, S)))"]
    assert end_off_arcs(form, ON, POS, ["O"]) == form


def test_an_end_drawn_on_the_circle_stays_an_arc() -> None:
    pos = {**POS, "R": (6.0, -8.0)}  # not said on the circle, but drawn on it
    form = ["Find(MeasureOf(Arc(R, Q, S)))"]
    assert end_off_arcs(form, ON, pos, ["O"]) == form


def test_an_undrawn_end_or_a_centre_in_the_middle_stays() -> None:
    form = ["Find(MeasureOf(Arc(X, Q, S)))"]
    assert end_off_arcs(form, ON, POS, ["O"]) == form
    form = ["Find(MeasureOf(Arc(R, O, S)))"]
    assert end_off_arcs(form, ON, POS, ["O"]) == form
