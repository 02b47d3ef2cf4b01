"""Measures print as a textbook figure prints them: implicit products, true minus, roots, degrees."""

from __future__ import annotations

import pytest
import sympy

from recode_dsl import pipeline
from recode_dsl import scene as s
from recode_dsl.renderer.geo_text import degrees_text, number_text, quantity_text


def rhs(expr: str) -> s.Quantity:
    result = pipeline.compile(f"figure\npoint A = (0, 0), B = (1, 0), C = (0, 1)\nangle(A, B, C) = {expr}\n",
                              solve=False)
    assert isinstance(result.scene, s.Figure), result.diagnostics
    return result.scene.equations[0].rhs


@pytest.mark.parametrize("expr, text, degrees", [
    ("2x + 10", "2x + 10", "(2x + 10)°"),
    ("5x - 12", "5x − 12", "(5x − 12)°"),
    ("3y", "3y", "3y°"),
    ("x", "x", "x°"),
    ("40", "40", "40°"),
    ("x^2", "x²", "x²°"),
    ("2(x + 1)", "2(x + 1)", "2(x + 1)°"),
    ("x / 2", "x/2", "x/2°"),
    ("-x + 3", "−x + 3", "(−x + 3)°"),
    ("x + -3", "x − 3", "(x − 3)°"),
    ("3 sqrt(2)", "3√2", "3√2°"),
    ("15.5", "15.5", "15.5°"),
])
def test_quantity_text(expr: str, text: str, degrees: str) -> None:
    q = rhs(expr)
    assert quantity_text(q) == text
    assert degrees_text(q) == degrees


@pytest.mark.parametrize("value, text", [
    (12, "12"), (-4, "−4"), (sympy.Rational(31, 2), "15.5"), (sympy.Rational(2, 3), "2/3"),
    (3 * sympy.sqrt(2), "3√2"), (56 * sympy.pi, "56π"), (sympy.sqrt(3) / 2, "√3/2"), (1 + sympy.sqrt(2), "1 + √2"),
])
def test_number_text(value: object, text: str) -> None:
    assert number_text(value)[0] == text
