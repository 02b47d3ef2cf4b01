"""Geometry3K importer: a question's polygon named through a point on a side means the drawn corner."""

from __future__ import annotations

from recode_dsl.interop.geometry3k.corner import drawn_corners

SEGS = [("A", "C"), ("C", "S"), ("S", "B"), ("B", "A"), ("C", "E")]
ON = ["PointLiesOnLine(E, Line(B, S))"]


def test_the_corner_replaces_the_point_on_its_side() -> None:
    out = drawn_corners(["Find(AreaOf(Parallelogram(A,C,S,E)))"], ON, SEGS, "ABCES")
    assert out == ["Find(AreaOf(Parallelogram(A, C, S, B)))"]


def test_a_drawn_polygon_stays() -> None:
    assert drawn_corners(["Parallelogram(A,C,S,B)"], ON, SEGS, "ABCES") == ["Parallelogram(A,C,S,B)"]


def test_no_change_unless_the_point_lies_on_a_side_at_that_corner() -> None:
    # E joined to nothing on a side at B: the polygon's name is no slip the drawing explains
    assert drawn_corners(["Parallelogram(A,C,S,E)"], [], SEGS, "ABCES") == ["Parallelogram(A,C,S,E)"]


def test_no_change_when_two_corners_would_do() -> None:
    segs = [*SEGS, ("S", "D"), ("D", "A")]
    on = [*ON, "PointLiesOnLine(E, Line(D, S))"]
    assert drawn_corners(["Parallelogram(A,C,S,E)"], on, segs, "ABCDES") == ["Parallelogram(A,C,S,E)"]
