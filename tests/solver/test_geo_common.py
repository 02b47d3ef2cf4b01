"""ask common(...): one answer when every quantity is fixed and all agree, else E043 saying why."""

from __future__ import annotations

from recode_dsl import compile, messages  # noqa: A004

RIGHT = """figure
point A = (0, 0), B = (4, 0), C = (0, 3)
triangle(A, B, C)
right_angle(angle(B, A, C))
length(A, B) = 4
"""


def _errors(source: str) -> list[str]:
    return [d.message for d in compile(source).diagnostics if d.severity == "error"]


def test_quantities_that_agree_give_their_value() -> None:
    r = compile(RIGHT + "length(A, C) = 4\nask common(length(A, B), length(A, C), 4)\nask length(B, C)\n")
    assert [(a.query, a.text) for a in r.answers] == [("common(length(A, B), length(A, C), 4)", "4"),
                                                      ("length(B, C)", "4*sqrt(2)")]


def test_quantities_that_differ_give_no_answer() -> None:
    source = RIGHT + "length(A, C) = 3\nask common(length(A, B), length(B, C))\n"
    assert compile(source).answers == []
    text = "common(length(A, B), length(B, C))"
    assert _errors(source) == [messages.not_solvable(text, messages.common_values_differ(
        ["length(A, B) = 4", "length(B, C) = 5"]))]


def test_a_quantity_the_constraints_leave_free_gives_no_answer() -> None:
    source = RIGHT.replace("A = (0, 0), B = (4, 0), C = (0, 3)", "A, B, C") + "ask common(length(A, B), length(A, C))\n"
    assert compile(source).answers == []
    assert messages.not_solvable("common(length(A, B), length(A, C))", messages.common_part_unsure()) in _errors(source)


def test_one_quantity_named_twice_is_asked_once() -> None:
    r = compile(RIGHT + "length(A, C) = 3\nask common(length(B, C), length(B, C))\nask length(B, C)\n")
    assert [a.text for a in r.answers] == ["5", "5"]


def test_common_inside_an_expression_is_reported_and_the_rest_answered() -> None:
    source = RIGHT + "length(A, C) = 3\nask 2 * common(length(A, B), length(A, B))\nask length(B, C)\n"
    r = compile(source)
    assert [a.text for a in r.answers] == ["5"]
    assert _errors(source) == [messages.not_solvable("2 * common(length(A, B), length(A, B))",
                                                     messages.common_not_whole())]


def test_a_constant_common_of_different_numbers_is_a_checker_error() -> None:
    codes = [d.code for d in compile(RIGHT + "ask common(3, 4)\n").diagnostics if d.severity == "error"]
    assert codes == ["E019"]


def test_the_scene_keeps_each_part_of_a_common_question_as_fmt_prints_it() -> None:
    from recode_dsl.check import check_source

    asked = "ask common(length(B, A), (length(A, C)), 2 * length(B, C))\nask length(A, B)\n"
    _, scene, diags = check_source(RIGHT + asked)
    assert scene is not None, diags
    queries = scene.queries  # type: ignore[union-attr]
    assert queries[0].parts == ("length(B, A)", "length(A, C)", "2 * length(B, C)")
    assert queries[1].parts == ()
