"""Constructs of issue 15 that textbook problems use: regular polygons with an unknown number of
sides, interior and exterior angles, a polygon's centre and apothem, equal(...) as the figure's tick
marks, and unlabeled(...). Expected values come from the formulas, computed here."""

from __future__ import annotations

import math
from fractions import Fraction

import pytest
import sympy

from recode_dsl import compile as compile_program
from recode_dsl import scene as s


def answers(src: str) -> list[object]:
    r = compile_program(src)
    assert r.ok and [d for d in r.diagnostics if d.severity == "error"] == [], r.diagnostics
    assert not r.diagnostics, r.diagnostics
    return [a.exact for a in r.answers]


@pytest.mark.parametrize("n", [3, 5, 8, 9, 12, 20])
def test_the_number_of_sides_from_an_interior_or_exterior_angle(n: int) -> None:
    interior = Fraction((n - 2) * 180, n)
    lit = str(interior.numerator) if interior.denominator == 1 else f"{interior.numerator}/{interior.denominator}"
    got = answers(f"figure\ninterior_angle(n) = {lit}\nask n\nask exterior_angle(n)\nask angle_sum(n)\n")
    assert got[0] == n
    assert sympy.Rational(got[1]) == sympy.Rational(360, n)  # type: ignore[arg-type]
    assert got[2] == (n - 2) * 180
    ext = Fraction(360, n)
    lit = str(ext.numerator) if ext.denominator == 1 else f"{ext.numerator}/{ext.denominator}"
    assert answers(f"figure\nexterior_angle(k) = {lit}\nask k\n") == [n]


def _regular(n: int, r: float = 1.0) -> tuple[str, str]:
    names = [chr(ord("A") + i) for i in range(n)]
    pts = ", ".join(f"{p} = ({r * math.cos(2 * math.pi * i / n):.4f}, {r * math.sin(2 * math.pi * i / n):.4f})"
                    for i, p in enumerate(names))
    return f"point {pts}, P", ", ".join(names)


@pytest.mark.parametrize("n", [4, 5, 6, 8])
def test_interior_angle_centre_and_apothem_of_a_regular_polygon(n: int) -> None:
    pts, vs = _regular(n)
    src = (f"figure\n{pts}\nregular_polygon({vs})\ncenter(P, regular_polygon({vs}))\n"
           f"side(regular_polygon({vs})) = 10\nask interior_angle(regular_polygon({vs}))\n"
           f"ask apothem(regular_polygon({vs}))\nask length(P, A)\n")
    interior, apothem, radius = answers(src)
    assert sympy.Rational(interior) == sympy.Rational(180 * (n - 2), n)  # type: ignore[arg-type]
    assert float(apothem) == pytest.approx(10 / (2 * math.tan(math.pi / n)), rel=1e-9)  # type: ignore[arg-type]
    assert float(radius) == pytest.approx(10 / (2 * math.sin(math.pi / n)), rel=1e-9)  # type: ignore[arg-type]


def test_the_centre_of_a_parallelogram_is_where_its_diagonals_cross() -> None:
    src = ("figure\npoint A = (0, 0), B = (6, 0), C = (8, 3), D = (2, 3), O\nparallelogram(A, B, C, D)\n"
           "center(O, parallelogram(A, B, C, D))\nlength(A, B) = 6\nlength(A, D) = sqrt(13)\n"
           "length(A, C) = sqrt(73)\nask length(A, O)\nask length(B, O)\n")
    ao, bo = answers(src)
    assert sympy.simplify(ao - sympy.sqrt(73) / 2) == 0  # type: ignore[operator]  # half of AC
    assert sympy.Rational(bo) == sympy.Rational(5, 2)  # type: ignore[arg-type]  # half of BD = |(6, 0) - (2, 3)|


def test_equal_states_equal_lengths_and_equal_arcs() -> None:
    src = ("figure\npoint A = (0, 0), B = (4, 0), C = (4, 3), D = (0, 3)\nquadrilateral(A, B, C, D)\n"
           "equal(segment(A, B), segment(C, D))\nequal(segment(B, C), segment(D, A))\n"
           "length(A, B) = 7\nlength(B, C) = 2\nright_angle(angle(D, A, B))\n"
           "ask perimeter(quadrilateral(A, B, C, D))\n")
    assert answers(src) == [18]
    r = compile_program(src, solve=False)
    assert isinstance(r.scene, s.Figure)
    eqs = [e for e in r.scene.equations if isinstance(e.rhs, s.Measure)]
    assert [(e.lhs.fn, e.unit, e.span.line) for e in eqs] == [("length", "length", 4), ("length", "length", 5)]  # type: ignore[union-attr]


def test_equal_arcs_have_equal_measures() -> None:
    src = ("figure\npoint O = (0, 0), A = (5, 0), B = (3, 4), C = (-3, 4), D = (-5, 0)\ncircle(O, 5)\n"
           "on(A, circle(O))\non(B, circle(O))\non(C, circle(O))\non(D, circle(O))\n"
           "diameter(segment(A, D), circle(O))\nequal(arc(A, B), arc(B, C), arc(C, D))\nask measure(arc(A, B))\n")
    assert answers(src) == [60]


def test_equal_of_a_segment_and_an_arc_is_refused() -> None:
    r = compile_program("figure\npoint O, A, B\ncircle(O)\nequal(segment(A, B), arc(A, B))\n", solve=False)
    (d,) = r.diagnostics
    assert (d.code, d.span.line) == ("E014", 4)


def test_unlabeled_reaches_the_scene_and_changes_no_answer() -> None:
    base = ("figure\npoint A = (0, 0), B = (4, 0), C = (0, 3), M\ntriangle(A, B, C)\nmidpoint(M, segment(B, C))\n"
            "right_angle(angle(B, A, C))\nlength(A, B) = 4\nlength(A, C) = 3\nask length(A, M)\n")
    plain = answers(base)
    hidden = base + "unlabeled(M, segment(A, B), angle(B, A, C))\n"
    assert answers(hidden) == plain == [sympy.Rational(5, 2)]
    r = compile_program(hidden, solve=False)
    assert isinstance(r.scene, s.Figure)
    assert r.scene.unlabeled == (s.Pt("M"), s.Seg("A", "B"), s.Ang("A", "B", "C"))
    assert not any(rel.name == "unlabeled" for rel in r.scene.relations)
