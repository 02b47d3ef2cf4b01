"""Parse errors in plain words: every labelled snippet of ``parse_errors.EXAMPLES`` gives its
label, written as the first statement and after a valid one; spans point at the problem."""

from __future__ import annotations

import pytest

from recode_dsl import limits, messages
from recode_dsl.errors import ParseError
from recode_dsl.parse_errors import EXAMPLES
from recode_dsl.syntax import parse

CASES = [(label, snippet) for label, snippets in EXAMPLES.items() for snippet in snippets]


def _errors(source: str) -> list[tuple[str, str, int, int]]:
    with pytest.raises(ParseError) as info:
        parse(source)
    return [(d.code, d.message, d.span.line, d.span.col) for d in info.value.diagnostics]


@pytest.mark.parametrize("prefix", ["", "point Z\n"], ids=["first", "after-valid"])
@pytest.mark.parametrize(("label", "snippet"), CASES, ids=[s for _, s in CASES])
def test_labelled_snippet(label: str, snippet: str, prefix: str) -> None:
    header_snippet = snippet.startswith("chart")
    source = snippet if header_snippet else "figure\n" + prefix + snippet
    if header_snippet and prefix:
        pytest.skip("a header is only ever a first line")
    line = source.count("\n") + 1
    errors = _errors(source)
    assert [(code, msg, ln) for code, msg, ln, _ in errors] == [("E002", label, line)]


def test_missing_closer_points_after_the_last_token_not_at_the_next_line() -> None:
    assert _errors("figure\ntriangle(A, B, C\nask x\n") == [("E002", "missing ')' to close the call", 2, 17)]


def test_every_broken_statement_is_reported() -> None:
    errors = _errors("figure\nlet w circle(O, 2)\npoint A B\nask 3 4\n")
    assert [ln for *_, ln, _ in errors] == [2, 3, 4]


def test_unexpected_character_and_quotes_hint() -> None:
    with pytest.raises(ParseError) as info:
        parse("chart bar\nseries('S', [1])\n")
    (d,) = info.value.diagnostics
    assert (d.code, d.message, d.span.line, d.span.col) == ("E001", messages.unexpected_char("'"), 2, 8)
    assert d.hint and "double quotes" in d.hint


def test_missing_header() -> None:
    assert _errors("point A\n") == [("E003", messages.missing_header(), 1, 1)]


def test_program_size_limits() -> None:
    big = "figure\n" + "#" * limits.MAX_PROGRAM_BYTES
    assert _errors(big)[0][:2] == ("E005", messages.program_too_large(len(big), limits.MAX_PROGRAM_BYTES))
    many = "figure\n" + "\n" * limits.MAX_LINES
    assert _errors(many)[0][:2] == ("E005", messages.too_many_lines(limits.MAX_LINES + 2, limits.MAX_LINES))


def test_nesting_limit() -> None:
    depth = limits.MAX_NESTING + 2
    errors = _errors("figure\nask " + "(" * depth + "1" + ")" * depth + "\n")
    assert errors[0][:3] == ("E006", messages.nesting_too_deep(limits.MAX_NESTING), 2)
    parse("figure\nask " + "(" * 10 + "1" + ")" * 10 + "\n")  # moderate nesting is fine
