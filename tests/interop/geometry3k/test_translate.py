"""Translating one parsed logic form: the statements (AST nodes, printed by fmt) and their sections,
or Unsupported with its code; regions of the figure as expressions."""

from __future__ import annotations

import pytest

from recode_dsl import astnodes as a
from recode_dsl.interop.geometry3k import regions
from recode_dsl.interop.geometry3k.parse import parse_form
from recode_dsl.interop.geometry3k.text import ASK, EQUATION, RELATION, SHAPE, Unsupported, make_polygon
from recode_dsl.interop.geometry3k.translate import Translator

POS = {"A": (0.0, 0.0), "B": (4.0, 0.0), "C": (0.0, 3.0), "D": (2.0, 0.0), "O": (1.0, 1.0)}


def translate(form: str, t: Translator | None = None) -> list[tuple[int, str]]:
    t = t or Translator(POS, {"O"})
    return [(st.section, st.text) for st in t.form(parse_form(form))]


@pytest.mark.parametrize(("form", "out"), [
    ("Equals(LengthOf(Line(B, A)), 4.50)", [(EQUATION, "length(B, A) = 4.5")]),
    ("Equals(MeasureOf(Angle(A, C, B)), 2x+10)", [(EQUATION, "angle(A, C, B) = 2x + 10")]),
    (r"Equals(LengthOf(Line(A, C)), \frac{5a+1}{4})", [(EQUATION, "length(A, C) = (5a + 1) / 4")]),
    (r"Equals(AreaOf(Circle(O)), 56\pi)", [(EQUATION, "area(circle(O)) = 56 pi")]),
    ("Equals(LengthOf(Line(A, B)), 66-(-y))", [(EQUATION, "length(A, B) = 66 - (-y)")]),
    ("PointLiesOnLine(D, Line(A, B))", [(RELATION, "on(D, segment(A, B))")]),
    ("PointLiesOnCircle(A, Circle(O, radius_0_0))", [(RELATION, "on(A, circle(O))")]),
    ("Perpendicular(Line(C, A), Line(A, B))", [(RELATION, "perpendicular(segment(C, A), segment(A, B))")]),
    ("Find(PerimeterOf(Triangle(A, B, C)))", [(ASK, "ask perimeter(triangle(A, B, C))")]),
    ("Equals(MeasureOf(Angle(A, C, B)), MeasureOf(angle 1))", [(SHAPE, "angle(A, C, B, label=1)")]),
    ("Find(HalfOf(LengthOf(Line(A, B))))", [(ASK, "ask length(A, B) / 2")]),
    ("Find(Add(LengthOf(Line(A, B)), Add(LengthOf(Line(B, C)), 2)))",
     [(ASK, "ask length(A, B) + length(B, C) + 2")]),
])
def test_a_form_becomes_statements_that_fmt_prints(form: str, out: list[tuple[int, str]]) -> None:
    assert translate(form) == out


def test_a_label_given_twice_is_an_equation_between_the_angles() -> None:
    t = Translator(POS, {"O"})
    translate("Equals(MeasureOf(Angle(A, C, B)), MeasureOf(angle 1))", t)
    assert translate("Equals(MeasureOf(Angle(B, A, C)), MeasureOf(angle 1))", t) == [
        (EQUATION, "angle(B, A, C) = angle(1)")]


def test_statements_are_nodes_not_text() -> None:
    st = Translator(POS, {"O"}).form(parse_form("Equals(LengthOf(Line(A, B)), 2x)"))[0]
    assert isinstance(st.node, a.ExprStmt) and isinstance(st.node.rhs, a.BinOp) and st.node.rhs.implicit


@pytest.mark.parametrize(("form", "code"), [
    ("Equals(LengthOf(Line(A, B)), Shape($))", "E082"),
    ("Foo(A, B)", "E081"),
    ("Find(LengthOf(Triangle(A, B)))", "E083"),
])
def test_what_has_no_translation_says_why(form: str, code: str) -> None:
    with pytest.raises(Unsupported) as err:
        translate(form)
    assert err.value.code == code


def test_regions_are_expressions_outer_first() -> None:
    pos = {"O": (0.0, 0.0), "A": (0.0, 2.0), "B": (1.73, -1.0), "C": (-1.73, -1.0)}
    inside = regions.between(pos, [make_polygon("triangle", ("A", "B", "C"))], {"O": ["A"]})
    assert inside is not None and inside.text == "circle(O) - triangle(A, B, C)"
    assert regions.outer(inside).func == "circle"
    cut = regions.cut_out(("A", "B", "C", "D"), "triangle", ("A", "B", "D"))
    assert cut.text == "polygon(A, B, C, D) - triangle(A, B, D)" and regions.outer(cut).func == "polygon"
