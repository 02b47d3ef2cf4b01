"""Patterns over parsed logic forms: matching calls and rebuilding forms without reading text."""

from __future__ import annotations

from recode_dsl.interop.geometry3k.parse import Call, Form, Name, Node, Unread, parse_form, read, shown
from recode_dsl.interop.geometry3k.pattern import (
    args_of,
    calls,
    circle_of,
    first,
    head,
    is_find,
    named_points,
    on_circle,
    on_line,
    point,
    rename,
    rewrite,
    split_points,
    word,
)


def term(text: str) -> Node:
    return parse_form(text).terms[0]


def test_point_names_are_capitals_with_primes_only() -> None:
    assert [point(Name(n)) for n in ("A", "B'", "AB", "x", "radius_1_0")] == ["A", "B'", None, None, None]


def test_calls_come_in_the_order_they_are_written() -> None:
    names = [c.name for c in calls(read("Equals(SumOf(LengthOf(Line(A, B)), 2x+Line(C, D)), 9)"))]
    assert names == ["Equals", "SumOf", "LengthOf", "Line", "Line"]
    assert list(calls(read("Line(A,"))) == []


def test_args_of_needs_the_name_and_points_only() -> None:
    line = term("Line(A, B)")
    assert args_of(line, "Line", 2) == ("A", "B") and args_of(line, ("Arc", "Line")) == ("A", "B")
    assert args_of(line, "Line", 3) is None and args_of(line, "Arc") is None
    assert args_of(term("Line(A, 2)"), "Line") is None


def test_circles_with_and_without_a_radius_id_and_misspelt() -> None:
    assert circle_of(term("Circle(O, radius_0_1)")) == ("O", "radius_0_1")
    assert circle_of(term("Cirle(O)")) == ("O", "")
    assert circle_of(term("Circle(o)")) is None


def test_head_is_a_lone_call_and_first_the_first_of_two_joined() -> None:
    joined = read("Tangent(Line(P,Q),Circle(R)) and Circle(S)")
    tangent = first(joined)
    assert head(joined) is None and tangent is not None and tangent.name == "Tangent"
    assert head(read("Find(x)"), "Find") is not None and head(read("Find(x)"), "Equals") is None


def test_rewrite_replaces_outermost_calls_and_keeps_an_unchanged_form() -> None:
    form = read("Equals(MeasureOf(Arc(A, O, B)), MeasureOf(Arc(C, D)))")

    def two_ends(c: Call) -> Call | None:
        pts = args_of(c, "Arc", 3)
        return Call("Arc", (Name(pts[0]), Name(pts[2]))) if pts else None

    new = rewrite(form, two_ends)
    assert isinstance(new, Form) and not new.written  # built by the rewrite: printed from its tree
    assert new == read("Equals(MeasureOf(Arc(A, B)), MeasureOf(Arc(C, D)))")
    assert rewrite(form, lambda c: None) is form
    bad = read("Arc(A,")
    assert isinstance(bad, Unread) and rewrite(bad, two_ends) is bad


def test_rename_touches_point_names_only() -> None:
    form = read("Equals(LengthOf(Line(S, T)), S+x)")
    assert shown(rename(form, {"S": "C", "x": "y"})) == "Equals(LengthOf(Line(C, T)), C+x)"
    assert named_points([form, read("Circle(O, radius_0_0)")]) == {"S", "T", "O"}


def test_points_on_circles_and_lines_are_read_from_their_calls() -> None:
    assert on_circle(term("PointLiesOnCircle(A, Circle(O, radius_0_0))")) == ("A", "O", "radius_0_0")
    assert on_circle(term("PointLiesOnCircle(A, Cirle(O))")) == ("A", "O", "")
    assert on_circle(term("PointLiesOnCircle(a, Circle(O))")) is None  # a variable is no point
    assert on_line(term("PointLiesOnLine(E, Line(Q, P))")) == ("E", "Q", "P")
    assert on_line(term("PointLiesOnLine(E, Line(Q))")) is None


def test_drawn_segments_split_into_point_names() -> None:
    assert split_points("AB") == ("A", "B") and split_points("A'B''") == ("A'", "B''")
    assert split_points("'AB") is None and split_points("A B") is None and split_points("") is None


def test_a_question_form_is_known_by_its_find_even_when_it_does_not_parse() -> None:
    assert is_find(read("Find(x)")) and is_find(read("  Find(LengthOf(Line(A,")) and not is_find(read("Line(A, B)"))
    assert [word(c.args[0]) for c in map(term, ("Angle(6)", "Angle(x)", "Angle(1.5)")) if isinstance(c, Call)] \
        == ["6", "x", None]
