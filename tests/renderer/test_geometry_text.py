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


@pytest.mark.parametrize("value, inside, text", [
    (56 * sympy.pi, "sqrt", "√(56π)"),  # a root over all of 56π, not √56 times π
    (3 * sympy.sqrt(2), "divide", "x/(3√2)"),  # the whole product divides x
    (sympy.sqrt(5), "sqrt", "√√5"),
])
def test_a_number_of_several_factors_is_bracketed_where_it_would_read_otherwise(value: object, inside: str,
                                                                               text: str) -> None:
    q = s.Apply("sqrt", (s.Const(value),)) if inside == "sqrt" else s.Apply("/", (s.Var("x"), s.Const(value)))
    assert quantity_text(q) == text  # type: ignore[arg-type]


def test_labels_are_written_by_fmt_in_its_label_style() -> None:
    """The renderer's labels and the language's text come from one printer: for an expression the
    figure states, the label is fmt's LABEL text of that expression (no second precedence table)."""
    from recode_dsl.fmt import LABEL, format_expr
    from recode_dsl.syntax import parse

    for expr in ("2x + 10", "5x - 12", "(3a - 1) / 4", "x^2 - 2x", "2(x + 1) - y", "1/2 * x + 12", "x / (y + 1)"):
        stmt = parse(f"figure\nangle(A, B, C) = {expr}\n").body[0]
        assert stmt.rhs is not None  # type: ignore[union-attr]
        assert quantity_text(rhs(expr)) == format_expr(stmt.rhs, LABEL), expr  # type: ignore[union-attr]
