"""Geometry3K importer: a question's polygon named through a point on a side means the drawn corner."""

from __future__ import annotations

from recode_dsl.interop.geometry3k.corner import drawn_corners
from recode_dsl.interop.geometry3k.parse import Item, read


def trees(texts: list[str]) -> list[Item]:
    """The forms parsed, as the importer's repairs read them."""
    return [read(t) for t in texts]


SEGS = [("A", "C"), ("C", "S"), ("S", "B"), ("B", "A"), ("C", "E")]
ON = ["PointLiesOnLine(E, Line(B, S))"]


def test_the_corner_replaces_the_point_on_its_side() -> None:
    out = drawn_corners(trees(["Find(AreaOf(Parallelogram(A,C,S,E)))"]), trees(ON), SEGS, "ABCES")
    assert out == trees(["Find(AreaOf(Parallelogram(A, C, S, B)))"])


def test_a_drawn_polygon_stays() -> None:
    assert drawn_corners(trees(["Parallelogram(A,C,S,B)"]), trees(ON), SEGS,
                         "ABCES") == trees(["Parallelogram(A,C,S,B)"])


def test_no_change_unless_the_point_lies_on_a_side_at_that_corner() -> None:
    # E joined to nothing on a side at B: the polygon's name is no slip the drawing explains
    assert drawn_corners(trees(["Parallelogram(A,C,S,E)"]), trees([]), SEGS,
                         "ABCES") == trees(["Parallelogram(A,C,S,E)"])


def test_no_change_when_two_corners_would_do() -> None:
    segs = [*SEGS, ("S", "D"), ("D", "A")]
    on = [*ON, "PointLiesOnLine(E, Line(D, S))"]
    assert drawn_corners(trees(["Parallelogram(A,C,S,E)"]), trees(on), segs,
                         "ABCDES") == trees(["Parallelogram(A,C,S,E)"])
