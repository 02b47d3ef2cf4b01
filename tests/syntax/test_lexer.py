"""The fast lexer agrees with Lark's own contextual lexer: same AST or both fail, on every
example and fixture and on mutated examples."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lark import Lark, Token, UnexpectedInput
from lark.lark import PostLex

from recode_dsl.grammar import grammar_text
from recode_dsl.grammar.lexer import LexLimit, tokens
from recode_dsl.syntax import _parser, _ToAst

ROOT = Path(__file__).resolve().parents[2]
SOURCES = sorted([*ROOT.glob("examples/*.rdsl"), *ROOT.glob("tests/fixtures/*/*.rdsl")])


class _Brackets(PostLex):
    """The reference: drop newlines inside brackets after Lark's contextual lexer."""

    always_accept = ("_NL",)

    def process(self, stream: Iterator[Token]) -> Iterator[Token]:
        depth = 0
        for tok in stream:
            depth += tok.type in ("LPAR", "LSQB")
            depth = max(0, depth - (tok.type in ("RPAR", "RSQB")))
            if tok.type != "_NL" or not depth:
                yield tok


REFERENCE = Lark(grammar_text(), parser="lalr", lexer="contextual", start=["start", "single"], postlex=_Brackets(),
                 maybe_placeholders=True, transformer=_ToAst())


def _outcome(parser: Lark, source: str, start: str) -> object:
    try:
        return parser.parse(source, start=start)
    except UnexpectedInput as err:
        return ("error", err.line, err.column)
    except LexLimit as err:  # only the fast lexer enforces the limits (brackets, digits)
        return ("limit", err.what)


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_same_result_as_the_contextual_lexer(path: Path) -> None:
    source = path.read_text(encoding="utf-8")
    ours = _outcome(_parser(), source, "start")
    if isinstance(ours, tuple) and ours[0] == "limit":  # a fixture of a limit: it says which diagnostic
        assert {"nesting": "E006", "chain": "E006", "digits": "E020"}[str(ours[1])] in source.splitlines()[0]
        return
    assert ours == _outcome(REFERENCE, source, "start")


@settings(max_examples=80, deadline=None)
@given(st.sampled_from([p.read_text(encoding="utf-8") for p in SOURCES]), st.data())
def test_same_result_on_mutations(source: str, data: st.DataObject) -> None:
    i = data.draw(st.integers(0, len(source)))
    j = data.draw(st.integers(i, min(len(source), i + 12)))
    insert = data.draw(st.sampled_from(["", " ", "\n", "(", ")", "[", ",", "=", "deg", "°", "ask ", "#", '"', "2"]))
    mutated = source[:i] + insert + source[j:]
    for start in ("start", "single"):
        ours, ref = _outcome(_parser(), mutated, start), _outcome(REFERENCE, mutated, start)
        if isinstance(ours, tuple) and ours[0] == "limit":
            continue  # a limit only the fast lexer enforces (brackets, operators in a row, digits)
        if isinstance(ref, tuple) or isinstance(ours, tuple):
            assert isinstance(ours, tuple) == isinstance(ref, tuple) or _keyword_difference(mutated), mutated
        else:
            assert ours == ref


def _keyword_difference(source: str) -> bool:
    """Known differences: a keyword word where the grammar cannot accept it is a name to Lark; and
    where only a header may come, Lark's contextual lexer splits a header word off a longer name
    ('chartbar' reads as 'chart bar'), which the fast lexer keeps as one name."""
    toks = list(tokens(source))
    first = next((t for t in toks if t.type != "_NL"), None)
    header_prefix = first is not None and first.type == "NAME" and first.value.startswith(("figure", "chart"))
    return header_prefix or any(t.value in ("figure", "chart", "point", "let", "ask", "deg", "°") for t in toks)


def test_positions_and_keywords() -> None:
    toks = list(tokens('figure "T"\npoint A = (1,\n  2)  # c\nask 30 deg + deg\n'))
    assert [(t.type, t.line, t.column) for t in toks[:3]] == [("FIGURE", 1, 1), ("STRING", 1, 8), ("_NL", 1, 11)]
    assert [t.type for t in toks if t.line == 4] == ["ASK", "NUMBER", "DEG", "ADD_OP", "NAME", "_NL"]
    assert "_NL" not in [t.type for t in toks if t.line == 2]  # inside brackets
