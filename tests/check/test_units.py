"""Length units as diagrams print them (issue 15): `12 ft` is a length, never 12 times a free variable
`ft`; other units convert exactly to the first one written; a unit that cannot convert is refused."""

from __future__ import annotations

from fractions import Fraction

import pytest
import sympy

from recode_dsl import compile as compile_program
from recode_dsl import registry

RIGHT = """figure
point A = (0, 3), B = (0, 0), C = (4, 0)
triangle(A, B, C)
right_angle(angle(A, B, C))
length(A, B) = {ab}
length(B, C) = {bc}
ask length(A, C)
ask area(triangle(A, B, C))
"""


def answers(src: str) -> list[Fraction]:
    r = compile_program(src)
    assert r.ok and r.diagnostics == [], r.diagnostics
    out = []
    for a in r.answers:
        v = sympy.nsimplify(a.exact) if not isinstance(a.exact, int) else a.exact
        out.append(Fraction(str(v)))
    return out


def test_a_length_in_feet_is_a_length_not_a_variable() -> None:
    r = compile_program(RIGHT.format(ab="9 ft", bc="12 ft"))
    assert r.ok and r.diagnostics == []  # no "measured from the drawing" warning: the lengths fix it
    assert r.scene is not None and "ft" not in r.scene.variables  # type: ignore[union-attr]
    assert answers(RIGHT.format(ab="9 ft", bc="12 ft")) == [15, 54]


@pytest.mark.parametrize(("ab", "bc", "hyp", "area"), [
    ("2 ft", "18 in", Fraction(5, 2), Fraction(3, 2)),  # 1 ft = 12 in; answers in feet, the first unit
    ("18 in", "2 ft", 30, 216),  # answers in inches, the first unit
    ("3 m", "400 cm", 5, 6),
    ("30 mm", "4 cm", 50, 600),
    ("1 yd", "4 ft", Fraction(5, 3), Fraction(2, 3)),  # 1 yd = 3 ft
    ("0.6 km", "800 m", 1, Fraction(6, 25)),
    ("1 mi", "0 ft", None, None),
])
def test_units_convert_exactly_to_the_first_one_written(ab: str, bc: str, hyp: Fraction | None,
                                                        area: Fraction | None) -> None:
    if hyp is None:
        r = compile_program(RIGHT.format(ab=ab, bc=bc))
        assert not r.ok and r.diagnostics[0].code == "E019"  # a zero length is still out of range
        return
    assert answers(RIGHT.format(ab=ab, bc=bc)) == [hyp, area]


def test_inches_and_centimetres() -> None:
    # 1 in = 2.54 cm exactly
    src = RIGHT.format(ab="1 in", bc="2.54 cm").replace("ask length(A, C)\n", "")
    assert answers(src) == [Fraction(1, 2)]  # square inches


def test_long_unit_names_and_plurals() -> None:
    assert answers(RIGHT.format(ab="3 feet", bc="4 foot")) == [5, 6]
    assert answers(RIGHT.format(ab="3 meters", bc="4 metres")) == [5, 6]
    assert answers(RIGHT.format(ab="6 inches", bc="8 inch")) == [10, 24]


def test_an_area_in_square_units() -> None:
    src = """figure
point A = (0, 0), B = (5, 0), C = (5, 5), D = (0, 5)
square(A, B, C, D)
area(square(A, B, C, D)) = 1 ft^2
ask length(A, B)
ask perimeter(square(A, B, C, D))
"""
    assert answers(src) == [1, 4]
    # in inches the same square is 144 square inches
    assert answers(src.replace("1 ft^2", "144 in^2")) == [12, 48]


def test_units_written_in_units_do_not_mix_with_feet() -> None:
    src = RIGHT.format(ab="3 units", bc="4 ft")
    r = compile_program(src)
    assert not r.ok
    (d,) = r.diagnostics
    assert (d.code, d.span.line, d.span.col) == ("E016", 6, 16)
    assert "units" in d.message and "ft" in d.message


def test_abstract_units_alone_are_lengths() -> None:
    assert answers(RIGHT.format(ab="3 units", bc="4 units")) == [5, 6]


def test_a_unit_on_an_angle_is_refused_where_it_is_written() -> None:
    r = compile_program("figure\npoint A, B, C\ntriangle(A, B, C)\nangle(A, B, C) = 30 ft\n")
    (d,) = r.diagnostics
    assert (d.code, d.span.line) == ("E016", 4)


def test_a_square_unit_on_a_length_is_refused_with_a_hint() -> None:
    r = compile_program("figure\npoint A, B\nsegment(A, B)\nlength(A, B) = 4 cm^2\n")
    (d,) = r.diagnostics
    assert d.code == "E016" and d.hint is not None and "length" in d.hint


def test_a_unit_word_used_as_a_variable_elsewhere_stays_a_variable() -> None:
    # Geometry3K names a length m; programs that did so keep their meaning
    src = "figure\npoint A, D\nsegment(A, D)\nlength(A, D) = m + 5\nlength(A, D) = 2m\nask m\n"
    assert answers(src) == [5]


def test_every_unit_word_is_a_length() -> None:
    for word in registry.LENGTH_UNITS:
        r = compile_program(f"figure\npoint A, B\nsegment(A, B)\nlength(A, B) = 2 {word}\n", solve=False)
        assert r.ok and r.diagnostics == [], word
        assert r.scene is not None and r.scene.variables == (), word  # type: ignore[union-attr]


def test_degrees_written_as_a_word_are_degrees() -> None:
    src = ("figure\npoint A, B, C\ntriangle(A, B, C)\nangle(A, B, C) = 30 degrees\nangle(B, C, A) = 70 degree\n"
           "ask angle(C, A, B)\n")
    assert answers(src) == [80]
    r = compile_program(src, solve=False)
    assert r.scene is not None and r.scene.variables == ()  # type: ignore[union-attr]
    (d,) = compile_program("figure\npoint A, B\nsegment(A, B)\nlength(A, B) = 30 degrees\n", solve=False).diagnostics
    assert d.code == "E016"


def test_answers_are_printed_in_the_figure_unit() -> None:
    r = compile_program(RIGHT.format(ab="2 ft", bc="18 in"))
    assert [a.text for a in r.answers] == ["5/2 ft", "3/2 ft^2"]
    plain = compile_program(RIGHT.format(ab="3", bc="4"))
    assert [a.text for a in plain.answers] == ["5", "6"]
