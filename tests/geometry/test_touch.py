"""Drawn tangents as evidence: touching points inside a side, undrawn centres, angle arms."""

from __future__ import annotations

import pytest

from recode_dsl import compile  # noqa: A004
from recode_dsl.geometry.touch import fit_centre

# A square drawn around a circle; the sides touch it at points inside the sides.
SQUARE = ("figure\npoint O = (5, 5), A = (0, 0), B = (10, 0), C = (10, 10), D = (0, 10)\n"
          "point K = (5, 0), L = (10, 5), M = (5, 10), N = (0, 5)\n"
          "polygon(A, B, C, D)\ncircle(O)\n"
          "on(K, segment(A, B))\non(L, segment(B, C))\non(M, segment(C, D))\non(N, segment(D, A))\n"
          "on(K, circle(O))\non(L, circle(O))\non(M, circle(O))\non(N, circle(O))\n")


def test_sides_through_points_of_the_circle_are_drawn_tangents() -> None:
    r = compile(SQUARE + "length(A, K) = 3\nlength(A, B) = 8\nask length(B, L)")
    assert [a.exact for a in r.answers] == [5]
    assert any(d.code == "E041" and "tangent" in d.message for d in r.diagnostics)


def test_undrawn_centre_is_found_from_three_drawn_points() -> None:
    src = ("figure\npoint O, P = (0, 5), Q = (5, 0), R = (-5, 0), T = (10, 5)\ncircle(O)\n"
           "on(P, circle(O))\non(Q, circle(O))\non(R, circle(O))\nsegment(P, T)\nsegment(P, Q)\n"
           "angle(T, P, Q) = 40\nask measure(arc(P, Q))")
    r = compile(src)
    assert [a.exact for a in r.answers] == [80]
    assert any("tangent(segment(P, T)" in d.message for d in r.diagnostics)


def test_an_angle_arm_counts_as_a_drawn_line() -> None:
    src = ("figure\npoint O = (0, 0), P = (0, 5), Q = (5, 0), T = (10, 5)\ncircle(O)\n"
           "on(P, circle(O))\non(Q, circle(O))\nangle(T, P, Q) = 40\nask measure(arc(P, Q))")
    r = compile(src)
    assert [a.exact for a in r.answers] == [80]


def test_a_line_drawn_off_the_right_angle_is_no_tangent() -> None:
    src = ("figure\npoint O = (0, 0), P = (0, 5), Q = (5, 0), T = (10, 8)\ncircle(O)\n"
           "on(P, circle(O))\non(Q, circle(O))\nsegment(P, T)\nangle(T, P, Q) = 40\nask measure(arc(P, Q))")
    r = compile(src)
    assert not any("tangent" in d.message for d in r.diagnostics)


def test_fit_centre_of_points_in_line_is_none() -> None:
    assert fit_centre([(0.0, 0.0), (1.0, 1.0), (2.0, 2.0)]) is None
    c = fit_centre([(3.0, 7.0), (-1.0, 3.0), (3.0, -1.0), (7.0, 3.0)])
    assert c is not None and c == pytest.approx((3.0, 3.0))
