"""Parts of the geometry solver: exact recognition, untangling, collinear points, layout diagnostics."""

from __future__ import annotations

import math

import pytest
import sympy

from recode_dsl import compile  # noqa: A004
from recode_dsl.geometry.layout import layout
from recode_dsl.solver.geo_exact import recognise


@pytest.mark.parametrize("expr", [sympy.Rational(12, 5), 5 * sympy.sqrt(13), 25 * sympy.pi - 24,
                                  6 * sympy.sqrt(3), sympy.Rational(49, 4) * sympy.pi, -3 + 2 * sympy.sqrt(2)])
def test_recognise_simple_forms(expr: sympy.Expr) -> None:
    assert sympy.simplify(recognise(float(expr)) - expr) == 0


@pytest.mark.parametrize("value", [36.86989764584402, 0.1234567, math.e * 7])
def test_recognise_rejects_transcendental_values(value: float) -> None:
    assert recognise(value) is None


def test_many_points_on_one_line_solve_like_few() -> None:
    src = ("figure\npoint A = (0, 0), B = (1, 0), C = (2, 0), D = (3, 0), E = (1, 2)\n"
           "on(B, segment(A, D))\non(C, segment(A, D))\non(C, segment(B, D))\non(B, segment(A, C))\n"
           "length(A, B) = 1\nlength(B, C) = 1\nlength(C, D) = 1\nperpendicular(segment(E, B), segment(A, D))\n"
           "length(E, B) = 2\nask length(E, D)")
    r = compile(src)
    assert r.ok and r.answers[0].exact == 2 * sympy.sqrt(2)


def test_layout_reports_unmeetable_constraints_at_their_lines() -> None:
    fig = compile("figure\npoint A, B, C\ntriangle(A, B, C)\nlength(A, B) = 1\nlength(B, C) = 1\n"
                  "length(A, C) = 5", solve=False).scene
    pos, diags = layout(fig)  # type: ignore[arg-type]
    assert set(pos) == {"A", "B", "C"}
    (bad,) = [d for d in diags if d.code == "E042"]
    assert {bad.span.line, *(sp.line for sp in bad.related)} == {4, 5, 6}


def test_layout_of_a_circle_figure_puts_points_on_it() -> None:
    fig = compile(open("examples/circle_chord.rdsl").read(), solve=False).scene
    pos, diags = layout(fig)  # type: ignore[arg-type]
    assert not diags
    for p in ("A", "B", "C"):
        assert math.dist(pos[p], pos["O"]) == pytest.approx(5)


def test_layout_answers_in_the_units_of_the_given_coordinates() -> None:
    fig = compile("figure\npoint A = (0, 0), B = (400, 0), C\nright_angle(angle(A, B, C))\n"
                  "length(A, B) = 4\nlength(B, C) = 3", solve=False).scene
    pos, diags = layout(fig)  # type: ignore[arg-type]
    assert not diags
    assert pos["B"] == pytest.approx((400, 0), abs=1e-6) and pos["C"] == pytest.approx((400, 300), abs=1e-6)


@pytest.mark.parametrize("src", [
    "point A = (0, 0), B = (4, 0), C\ntriangle(A, B, C)\nright_angle(angle(A, C, B))\nlength(A, C) = 3\n"
    "length(A, B) = 4",
    "point A = (1, 1), B = (4, 0), C\ntriangle(A, B, C)\nright_angle(angle(A, B, C))",
    "point A, B = (4, 0), C = (0, 0)\ntriangle(A, B, C)\nright_angle(angle(A, C, B))\nlength(A, C) = 30",
])
def test_layout_keeps_every_given_point_that_the_constraints_allow(src: str) -> None:
    fig = compile("figure\n" + src, solve=False).scene
    pos, diags = layout(fig)  # type: ignore[arg-type]
    assert diags == []
    for p in fig.points:  # type: ignore[union-attr]
        if p.x is not None and p.y is not None:
            assert pos[p.name] == (float(p.x), float(p.y))
    assert math.dist(pos["A"], pos["C"]) > 0.1 and math.dist(pos["B"], pos["C"]) > 0.1


@pytest.mark.parametrize(("src", "want"), [
    ("point A = (0, 0), B = (3, 0.02), C = (7, 0)\nsegment(A, B)\nsegment(B, C)\nlength(A, B) = 3\n"
     "length(B, C) = 4\nask length(A, C)", 7),
    ("point O = (0, 0), A = (5, 0), B = (0, 5), C = (-3, -4.02), D = (-6, -8)\ncircle(O)\non(A, circle(O))\n"
     "on(B, circle(O))\nsegment(O, D)\non(C, segment(O, D))\nlength(O, A) = 5\nask length(O, C)", 5),
])
def test_points_drawn_on_a_line_or_a_circle_are_assumed_there(src: str, want: int) -> None:
    r = compile("figure\n" + src)
    assert r.answers[0].exact == want
    assert any(d.code == "E041" and d.severity == "warning" for d in r.diagnostics)


def test_a_contradiction_leaves_out_the_statement_the_drawing_disagrees_with() -> None:
    r = compile("figure\npoint A = (0, 0), B = (4, 0), C = (0.05, 3)\nsegment(A, B)\nsegment(A, C)\n"
                "segment(B, C)\nlength(A, B) = 4\nlength(A, C) = 3\nlength(A, B) = 5\nask length(B, C)",
                policy="lenient")
    assert r.answers[0].exact == 5
    left_out = [d for d in r.diagnostics if d.code == "E042" and d.severity == "warning"]
    assert [d.related[0].line for d in left_out] == [8]
    assert any(d.code == "E041" and "perpendicular" in d.message for d in r.diagnostics)


def test_a_perpendicular_drawn_near_a_line_is_assumed_to_end_on_it() -> None:
    r = compile("figure\npoint A = (65, -131), W = (1, -153), X = (66, -1), Y = (302, -154)\nsegment(W, X)\n"
                "segment(W, Y)\nsegment(Y, X)\nsegment(X, A)\nperpendicular(segment(X, A), segment(W, Y))\n"
                "length(A, X) = 16\narea(triangle(W, X, Y)) = 248\nask length(W, Y)")
    assert r.answers[0].exact == 31
    assert any(d.code == "E041" and "on(A, line(W, Y))" in d.message for d in r.diagnostics)


def test_two_drawn_sides_of_one_length_are_assumed_equal() -> None:
    r = compile("figure\npoint A = (0, 0), B = (6, 0), C = (3.02, 4)\ntriangle(A, B, C)\nlength(A, B) = 6\n"
                "length(A, C) = 5\nask length(B, C)")
    assert r.answers[0].exact == 5
    assert any(d.code == "E041" and "isosceles" in d.message for d in r.diagnostics)
