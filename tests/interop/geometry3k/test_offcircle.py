"""Geometry3K importer: a point put on a circle but drawn well off it is left off the circle."""

from __future__ import annotations

from recode_dsl.interop.geometry3k.offcircle import drop_off_circle
from recode_dsl.interop.geometry3k.parse import Item, read


def trees(texts: list[str]) -> list[Item]:
    """The forms parsed, as the importer's repairs read them."""
    return [read(t) for t in texts]


POS = {"O": (0.0, 0.0), "A": (10.0, 0.0), "B": (0.0, 10.0), "C": (-10.0, 0.0), "V": (0.0, 5.0), "W": (0.0, -9.5)}


def _on(points: str) -> list[str]:
    return [f"PointLiesOnCircle({p}, Circle(O, radius_0_0))" for p in points]


def test_a_point_drawn_inside_is_dropped() -> None:
    assert drop_off_circle(trees([*_on("ABCV"), "Find(x)"]), POS) == trees([*_on("ABC"), "Find(x)"])


def test_a_point_drawn_near_the_circle_stays() -> None:
    assert drop_off_circle(trees(_on("ABCW")), POS) == trees(_on("ABCW"))


def test_without_two_agreeing_points_nothing_is_dropped() -> None:
    assert drop_off_circle(trees(_on("AV")), POS) == trees(_on("AV"))  # one other point: which is off?
    uneven = {**POS, "B": (0.0, 14.0)}
    assert drop_off_circle(trees(_on("ABCV")), uneven) == trees(_on("ABCV"))  # the others disagree on the radius
    assert drop_off_circle(trees(_on("ABCZ")), POS) == trees(_on("ABCZ"))  # an undrawn point


def test_a_point_of_a_concentric_circle_is_measured_against_its_own_circle() -> None:
    outer = ["PointLiesOnCircle(V, Circle(O, radius_0_1))"]  # V on a second circle about O, radius 5
    assert drop_off_circle(trees([*_on("ABC"), *outer]), POS) == trees([*_on("ABC"), *outer])
