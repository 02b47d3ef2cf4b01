"""Stated coordinates are facts when the constraints hold at them; a rough drawing is not."""

from __future__ import annotations

import sympy

import recode_dsl


def _solve(src: str) -> recode_dsl.CompileResult:
    return recode_dsl.compile(src)


def test_coordinates_alone_give_exact_answers_without_warnings() -> None:
    r = _solve("figure\npoint A = (0, 0), B = (3, 4), C = (3, 0)\ntriangle(A, B, C)\n"
               "ask length(A, B)\nask area(triangle(A, B, C))\nask perimeter(triangle(A, B, C))\n")
    assert r.diagnostics == []
    assert [a.exact for a in r.answers] == [5, 6, 12]
    assert all(isinstance(a.exact, sympy.Integer) for a in r.answers)


def test_variables_are_solved_with_the_points_held() -> None:
    r = _solve("figure\npoint A = (0, 2), B = (0, 0), C = (2, 0)\ntriangle(A, B, C)\n"
               "angle(A, B, C) = 2x + 10\nlength(A, C) = y\nask x\nask y\n")
    assert r.diagnostics == []
    assert [a.exact for a in r.answers] == [40, 2 * sympy.sqrt(2)]


def test_a_rough_drawing_defers_to_the_stated_lengths() -> None:
    r = _solve("figure\npoint A = (0, 0), B = (3.1, 0), C = (0, 4.2)\ntriangle(A, B, C)\n"
               "right_angle(angle(B, A, C))\nlength(A, B) = 3\nlength(A, C) = 4\nask length(B, C)\n")
    assert [a.exact for a in r.answers] == [5]


def test_coordinates_that_break_a_constraint_are_not_pinned() -> None:
    # the stated right angle does not hold at these coordinates: the solver moves the points
    r = _solve("figure\npoint A = (0, 0), B = (4, 0), C = (1, 3)\ntriangle(A, B, C)\n"
               "right_angle(angle(B, A, C))\nlength(A, B) = 4\nlength(A, C) = 3\nask length(B, C)\n")
    assert [a.exact for a in r.answers] == [5]


def test_the_square_root_of_a_negative_question_is_not_answered() -> None:
    r = _solve("figure\npoint A = (0, 0), B = (3, 0)\nsegment(A, B)\nlength(A, B) = 3\n"
               "ask sqrt(0 - length(A, B))\nask sqrt(length(A, B) - 3)\n")
    assert [a.exact for a in r.answers] == [0]
    assert [(d.code, d.span.line) for d in r.diagnostics] == [("E043", 5)]


def test_a_collapsed_shape_has_no_size() -> None:
    # 2 + 3 = 5: the sides force the triangle flat, and an area of zero answers nothing
    r = _solve("figure\npoint A, B, C\ntriangle(A, B, C)\nlength(A, B) = 2\nlength(B, C) = 3\n"
               "length(A, C) = 5\nask area(triangle(A, B, C))\nask length(A, C)\n")
    assert [a.exact for a in r.answers] == [5]
    assert [(d.code, d.span.line) for d in r.diagnostics] == [("E043", 7)]
