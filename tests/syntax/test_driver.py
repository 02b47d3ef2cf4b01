"""The inlined LALR loop (grammar/driver.py) accepts exactly what Lark accepts and builds the
same AST: every example and fixture, the benchmark programs, and every program made by
deleting one token of a small one."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from lark.exceptions import UnexpectedInput

from recode_dsl import syntax
from recode_dsl.grammar import driver
from recode_dsl.grammar.lexer import tokens

ROOT = Path(__file__).resolve().parents[2]
PROGRAMS = sorted([*ROOT.glob("examples/*.rdsl"), *ROOT.glob("tests/fixtures/*/*.rdsl")])


def _lark(source: str) -> object:
    return syntax._parser().parse(source, start="start")


def _ours(source: str) -> object:
    return driver.parse(syntax._table(), tokens(source))


def _same(source: str) -> None:
    try:
        expected = _lark(source)
    except UnexpectedInput:
        with pytest.raises(driver.NoAction):
            _ours(source)
        return
    assert _ours(source) == expected


@pytest.mark.parametrize("path", PROGRAMS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_every_example_and_fixture_parses_as_with_lark(path: Path) -> None:
    source = path.read_text(encoding="utf-8")
    try:
        list(tokens(source))
    except Exception:  # noqa: BLE001 - a fixture the lexer refuses (bad characters, limits) is not for the parser
        pytest.skip("the lexer refuses this fixture")
    _same(source)


def test_the_benchmark_programs_parse_as_with_lark() -> None:
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        from compile_speed import chart_program, figure_program
    finally:
        sys.path.pop(0)
    for make in (figure_program, chart_program):
        source = make(200)
        assert isinstance(_ours(source), type(_lark(source)))
        _same(source)


SMALL = ('figure\npoint A = (0, 3), B = (0, 0), C\nlet t = triangle(A, B, C)\n'
         'angle(A, B, C) = 2x + 10°\nask length(A, C) ^ 2 / -3 sqrt(2)\n')


def test_deleting_any_one_token_gives_the_same_verdict_as_lark() -> None:
    toks = list(tokens(SMALL))
    assert len(toks) > 40
    rejected = 0
    for tok in toks:
        mutated = SMALL[:tok.start_pos] + SMALL[tok.end_pos:]
        try:
            _lark(mutated)
        except UnexpectedInput:
            rejected += 1
        _same(mutated)
    assert rejected > 10  # the mutations do exercise the error path


def test_a_syntax_error_still_reports_lark_s_located_diagnostic() -> None:
    with pytest.raises(syntax.ParseError) as err:
        syntax.parse("figure\ntriangle(A, B, C\nask ((\n")
    assert [d.span.line for d in err.value.diagnostics] == [2, 3]
