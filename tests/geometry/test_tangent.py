"""A tangent with a known touching point is fixed to first order (radius perpendicular to the line)."""

from __future__ import annotations

from recode_dsl import compile  # noqa: A004
from recode_dsl import scene as s
from recode_dsl.geometry import solve as geo_solve
from recode_dsl.geometry import tangent as geo_tangent
from recode_dsl.geometry.numeric import circle_key

TANGENT = ("figure\npoint O, A, B\ncircle(O)\non(A, circle(O))\ntangent(segment(A, B), circle(O))\n"
           "length(O, A) = 3\nlength(O, B) = 5\n")


def test_tangent_at_an_end_fixes_the_tangent_length() -> None:
    r = compile(TANGENT + "ask length(A, B)")
    assert [a.exact for a in r.answers] == [4]
    assert not any(d.code == "E041" for d in r.diagnostics)


def test_tangent_angle_between_two_tangents() -> None:
    src = ("figure\npoint O, A, B, C\ncircle(O)\non(A, circle(O))\non(C, circle(O))\n"
           "tangent(segment(B, A), circle(O))\ntangent(segment(B, C), circle(O))\n"
           "angle(A, B, C) = 50\nask angle(A, O, C)")
    r = compile(src)
    assert [a.exact for a in r.answers] == [130]


def test_touching_point_inside_a_side() -> None:
    src = ("figure\npoint O, M, A, B\ncircle(O)\non(M, circle(O))\non(M, segment(A, B))\n"
           "tangent(segment(A, B), circle(O))\nlength(O, M) = 5\nlength(O, A) = 13\nask length(A, M)")
    r = compile(src)
    assert [a.exact for a in r.answers] == [12]


def test_a_chord_has_no_touching_point() -> None:
    src = ("figure\npoint O = (0, 0), A = (-3, -4), B = (3, -4), M = (0, -4)\ncircle(O)\non(A, circle(O))\n"
           "on(M, circle(O))\non(M, segment(A, B))\nask length(A, B)")
    fig = compile(src, solve=False).scene
    assert isinstance(fig, s.Figure)
    model, _ = geo_solve.make_model(fig)
    key = circle_key(s.Circ("O"))
    assert geo_tangent.touching_point(model, key, "A", "B") is None  # A and M: two points of the circle
    assert geo_tangent.touching_point(model, key, "M", "O") == "M"
