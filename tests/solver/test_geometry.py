"""Geometry answers on hand-built figures: exact values, diagnostics, time limit, determinism."""

from __future__ import annotations

import math

import pytest
import sympy

from recode_dsl import compile, messages  # noqa: A004
from recode_dsl.geometry.layout import layout
from recode_dsl.solver.geometry import solve_figure


def answers(src: str, timeout: float = 10.0) -> dict[str, tuple[object, float | None]]:
    r = compile(src, timeout=timeout)
    assert r.ok, r.diagnostics
    return {a.query: (a.exact, a.value) for a in r.answers}


EXACT = [
    ("pythagoras", "point A, B, C\ntriangle(A, B, C)\nright_angle(angle(A, C, B))\nlength(A, C) = 10\n"
     "length(B, C) = 15\nask length(A, B)", "length(A, B)", 5 * sympy.sqrt(13)),
    ("altitude", "point A = (0, 3), B = (0, 0), C = (4, 0), D\nright_angle(angle(A, B, C))\non(D, segment(A, C))\n"
     "perpendicular(segment(B, D), segment(A, C))\nlength(A, B) = 3\nlength(B, C) = 4\nask length(B, D)",
     "length(B, D)", sympy.Rational(12, 5)),
    ("inscribed angle", "point O = (0, 0), A = (-3, -4), B = (3, -4), C = (0, 5)\nlet w = circle(O)\non(A, w)\n"
     "on(B, w)\non(C, w)\nmeasure(arc(A, B)) = 80\nask angle(A, C, B)", "angle(A, C, B)", 40),
    ("similar", "point A, B, C, D, E, F\nsimilar(triangle(A, B, C), triangle(D, E, F))\nlength(A, B) = 3\n"
     "length(D, E) = 6\nlength(B, C) = 4\nask length(E, F)", "length(E, F)", 8),
    ("chords", "point O = (0, 0), A = (-5, 1), B = (5, 1), C = (-2, 4.6), D = (3, -4), E = (1, 1)\n"
     "let w = circle(O)\non(A, w)\non(B, w)\non(C, w)\non(D, w)\nintersect(segment(A, B), segment(C, D), E)\n"
     "length(A, E) = 6\nlength(E, B) = 4\nlength(C, E) = 3\nask length(E, D)", "length(E, D)", 8),
    ("tangent", "point O = (0, 0), A = (0, 3), P = (4, 3)\nlet w = circle(O)\non(A, w)\n"
     "tangent(line(P, A), w)\nlength(O, A) = 3\nlength(O, P) = 5\nask length(P, A)", "length(P, A)", 4),
    ("rectangle area", "point A, B, C, D\nrectangle(A, B, C, D)\nlength(A, B) = 3\nlength(B, C) = 4\n"
     "ask area(rectangle(A, B, C, D))", "area(rectangle(A, B, C, D))", 12),
    ("hexagon area", "point A, B, C, D, E, F\nregular_polygon(A, B, C, D, E, F)\nlength(A, B) = 2\n"
     "ask area(regular_polygon(A, B, C, D, E, F))", "area(regular_polygon(A, B, C, D, E, F))", 6 * sympy.sqrt(3)),
    ("shaded", "point O = (0, 0), A = (2, 0), B = (0, 2), C = (-2, 0), D = (0, -2)\nlet w = circle(O, 2)\n"
     "inscribed(square(A, B, C, D), w)\nshade(w - square(A, B, C, D))\nask area(shaded())", "area(shaded())",
     4 * sympy.pi - 8),
    ("variables", "point A = (0, 0), B = (4, 0), C = (2, 3)\ntriangle(A, B, C)\nangle(C, A, B) = 2x + 10\n"
     "angle(A, B, C) = 3x - 5\nangle(B, C, A) = x + 15\nask x", "x", sympy.Rational(80, 3)),
]


@pytest.mark.parametrize("name,src,query,expected", EXACT, ids=[e[0] for e in EXACT])
def test_exact_answers(name: str, src: str, query: str, expected: sympy.Expr) -> None:
    got = answers("figure\n" + src)[query]
    assert sympy.simplify(sympy.sympify(got[0]) - expected) == 0
    assert got[1] == pytest.approx(float(expected), rel=1e-9)


def test_answer_text_and_unit() -> None:
    r = compile("figure\npoint A, B, C\ntriangle(A, B, C)\nright_angle(angle(A, C, B))\nlength(A, C) = 10\n"
                "length(B, C) = 15\nask length(A, B)\nask angle(A, B, C)")
    by = {a.query: a for a in r.answers}
    assert by["length(A, B)"].text == "5*sqrt(13)" and by["length(A, B)"].unit == "length"
    assert by["angle(A, B, C)"].unit == "degrees"
    assert by["angle(A, B, C)"].value == pytest.approx(math.degrees(math.atan(10 / 15)), rel=1e-9)


def test_underdetermined_names_the_query() -> None:
    r = compile("figure\npoint A, B, C\ntriangle(A, B, C)\nlength(A, B) = 5\nask length(B, C)")
    diags = [d for d in r.diagnostics if d.code == "E041"]
    assert len(diags) == 1 and diags[0].severity == "error"
    assert diags[0].message == messages.underdetermined("length(B, C)")
    assert diags[0].span.line == 5 and not r.answers
    assert diags[0].hint is not None and "length(segment(A, B)) = 5" in diags[0].hint


def test_underdetermined_drawn_figure_reads_the_drawing() -> None:
    # B is drawn at 5.2 but said to be 5 away: the coordinates are a drawing, read to the text's scale
    # (no two sides drawn nearly equal and no right angle, so nothing is assumed)
    r = compile("figure\npoint A = (0, 0), B = (5.2, 0), C = (1.5, 3)\ntriangle(A, B, C)\nlength(A, B) = 5\n"
                "ask length(B, C)")
    assert [d.severity for d in r.diagnostics if d.code == "E041"] == ["warning"]
    assert r.answers[0].value == pytest.approx(math.dist((5.2, 0), (1.5, 3)) * 5 / 5.2, rel=1e-6)


def test_inconsistent_is_located_at_the_constraints() -> None:
    r = compile("figure\npoint A, B, C\ntriangle(A, B, C)\nlength(A, B) = 3\nlength(B, C) = 4\n"
                "length(A, C) = 10\nask angle(A, B, C)")
    bad = [d for d in r.diagnostics if d.code == "E042" and d.severity == "error"]
    (one,) = bad  # one diagnostic names every constraint in conflict (issue 15), not one per constraint
    assert one.span.line == 4 and [sp.line for sp in one.related] == [5, 6]
    assert all(f"length(segment({p})) = {v}" in one.message for p, v in (("A, B", 3), ("B, C", 4), ("A, C", 10)))


def test_timeout_gives_a_diagnostic_per_query() -> None:
    fig = compile("figure\npoint A, B, C\ntriangle(A, B, C)\nlength(A, B) = 3\nlength(B, C) = 4\n"
                  "right_angle(angle(A, B, C))\nask length(A, C)\nask area(triangle(A, B, C))", solve=False).scene
    got, diags = solve_figure(fig, timeout=0.0)  # type: ignore[arg-type]
    assert not got
    assert [d.code for d in diags] == ["E040", "E040"]
    assert diags[0].message == messages.query_timeout(0.0)


def test_deterministic() -> None:
    src = open("examples/circle_chord.rdsl").read()
    first, second = compile(src), compile(src)
    assert [(a.text, a.value) for a in first.answers] == [(a.text, a.value) for a in second.answers]


def test_unknown_angle_label_is_a_located_diagnostic() -> None:
    r = compile("figure\npoint A, B, C\ntriangle(A, B, C)\nask angle(7)")
    assert any(d.code == "E043" and d.span.line == 4 for d in r.diagnostics)


def test_layout_places_free_points_to_meet_constraints() -> None:
    fig = compile("figure\npoint A, B, C\ntriangle(A, B, C)\nlength(A, B) = 5\nlength(B, C) = 3\n"
                  "angle(A, B, C) = 60", solve=False).scene
    pos, diags = layout(fig)  # type: ignore[arg-type]
    assert diags == []
    a, b, c = pos["A"], pos["B"], pos["C"]
    assert math.dist(a, b) == pytest.approx(5) and math.dist(b, c) == pytest.approx(3)
    assert math.dist(a, c) == pytest.approx(math.sqrt(19))


def test_layout_keeps_given_positions_that_fit() -> None:
    fig = compile("figure\npoint A = (0, 0), B = (4, 0), C = (4, 3)\ntriangle(A, B, C)\n"
                  "right_angle(angle(A, B, C))", solve=False).scene
    pos, _ = layout(fig)  # type: ignore[arg-type]
    assert pos["C"] == pytest.approx((4, 3), abs=1e-6)


def test_drawn_right_angle_is_assumed_with_a_warning() -> None:
    r = compile("figure\npoint A = (286, -2), B = (1, -136), C = (352, -138), D = (283, -138)\n"
                "segment(A, B)\nsegment(A, C)\nsegment(A, D)\nsegment(B, C)\non(D, segment(B, C))\n"
                "length(A, B) = 8\nlength(C, A) = 6\nlength(B, C) = 10\nask length(C, D)")
    assert r.answers[0].exact == sympy.Rational(18, 5)
    warn = [d for d in r.diagnostics if d.code == "E041"]
    assert warn and warn[0].severity == "warning" and "perpendicular" in warn[0].message


def test_crossed_vertex_order_follows_the_drawing() -> None:
    got = answers("figure\npoint E = (0, 3), F = (5, 3), B = (0, 0), D = (5, 0)\n"
                  "perpendicular(segment(E, B), segment(B, D))\nlength(B, D) = 5\nlength(E, B) = 3\n"
                  "ask area(parallelogram(E, F, B, D))")
    assert got["area(parallelogram(E, F, B, D))"][0] == 15


def test_reflex_angle_as_drawn() -> None:
    got = answers("figure\npoint X = (0, 0), A = (0, 5), B = (-4, -3), C = (5, 0)\nlet w = circle(X)\n"
                  "on(A, w)\non(B, w)\non(C, w)\nangle(C, X, A) = 3x\nangle(A, X, B) = 7x + 10\n"
                  "angle(B, X, C) = 90\nask x\nask angle(A, X, B)")
    assert got["x"][0] == 26 and got["angle(A, X, B)"][0] == 192


def test_arc_given_over_180_is_the_major_arc() -> None:
    got = answers("figure\npoint O = (0, 0), A = (5, 0), B = (0, 5), C = (-3, -4)\nlet w = circle(O, 5)\n"
                  "on(A, w)\non(B, w)\non(C, w)\nmeasure(arc(A, B)) = 250\nask angle(A, C, B)")
    assert got["angle(A, C, B)"][0] == 55


def test_contradiction_answered_without_one_statement() -> None:
    r = compile("figure\npoint A = (0, 0), B = (4, 0), C = (4, 3)\ntriangle(A, B, C)\n"
                "right_angle(angle(A, B, C))\nlength(A, B) = 4\nlength(B, C) = 3\nlength(A, C) = 6\n"
                "ask angle(B, A, C)", policy="lenient")
    assert any(d.code == "E042" and d.severity == "error" for d in r.diagnostics)
    left_out = [d for d in r.diagnostics if d.code == "E042" and d.severity == "warning"]
    assert left_out and r.answers


@pytest.mark.parametrize("src,code", [
    ("point A, B, C\nx = 0\nask 1 / x", "E043"),
    ("point A, B\nask area(shaded())", "E043"),
    ("point A, B\nask measure(arc(A, B))", "E043"),
    ("point O, A\nlet w = circle(O)\non(A, w)\nask area(w)", "E041"),
])
def test_bad_questions_get_located_diagnostics(src: str, code: str) -> None:
    r = compile("figure\n" + src)
    assert not r.answers
    assert [d.span.line for d in r.diagnostics if d.code == code] == [len(src.splitlines()) + 1]


def test_contradiction_left_out_statement_is_the_one_most_answers_agree_without() -> None:
    # AB = 5 is the faulty statement: leaving out the midpoint or AB = 5 both give x = 4, while
    # leaving out AM or MB (each fits worse in the compromise) gives a different x each
    r = compile("figure\npoint A, B, M\nmidpoint(M, segment(A, B))\nlength(A, M) = x + 1\n"
                "length(M, B) = 2x - 3\nlength(A, B) = 5\nlength(A, M) = length(M, B)\nask x", policy="lenient")
    assert [a.exact for a in r.answers] == [4]
    left_out = [d for d in r.diagnostics if d.code == "E042" and d.severity == "warning"]
    assert left_out
