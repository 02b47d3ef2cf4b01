"""Property tests: any text, and any mutation of an example, gives a result or located
diagnostics; nothing but ``RecodeError`` escapes, and ``compile`` never raises at all."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from recode_dsl import astnodes
from recode_dsl import compile as compile_program
from recode_dsl.errors import NO_SPAN, RecodeError
from recode_dsl.fmt import format_expr, format_program
from recode_dsl.syntax import _parser, parse

EXAMPLES = [p.read_text(encoding="utf-8") for p in sorted((Path(__file__).resolve().parents[1] / "examples")
                                                          .glob("*.rdsl"))]
ALPHABET = st.sampled_from(list('figurechartbxyABCO0123456789.,()[]=+-*/^<>"# \n°\'_') + ["\t", "é", "\\"])
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _assert_located(source: str) -> None:
    """compile() returns diagnostics with spans inside the text; parse raises only RecodeError."""
    result = compile_program(source, "h.rdsl", solve=False)
    lines = source.splitlines() or [""]
    for d in result.diagnostics:
        assert d.code.startswith("E") and d.message
        assert 1 <= d.span.line <= len(lines) + 1, (d, source)
        assert d.span.col >= 1
    try:
        program = parse(source)
    except RecodeError as err:
        assert err.diagnostics and all(d.span.line >= 1 for d in err.diagnostics)
        return
    text = format_program(program)
    assert format_program(parse(text)) == text


def _tokens(source: str) -> list[str]:
    return [str(t) for t in _parser().lex(source, dont_ignore=True)]


@SETTINGS
@given(st.text(alphabet=ALPHABET, max_size=80))
def test_arbitrary_text(text: str) -> None:
    _assert_located(text)


@SETTINGS
@given(st.text(max_size=40))
def test_arbitrary_unicode_after_a_header(text: str) -> None:
    _assert_located("figure\n" + text)
    _assert_located("chart bar\n" + text)


@SETTINGS
@given(st.sampled_from(EXAMPLES), st.data())
def test_character_mutations(source: str, data: st.DataObject) -> None:
    i = data.draw(st.integers(0, len(source) - 1))
    op = data.draw(st.sampled_from(["delete", "insert", "replace"]))
    ch = data.draw(ALPHABET)
    mutated = {"delete": source[:i] + source[i + 1:], "insert": source[:i] + ch + source[i:],
               "replace": source[:i] + ch + source[i + 1:]}[op]
    _assert_located(mutated)


@SETTINGS
@given(st.sampled_from(EXAMPLES), st.data())
def test_token_mutations(source: str, data: st.DataObject) -> None:
    toks = _tokens(source)
    i = data.draw(st.integers(0, len(toks) - 1))
    j = data.draw(st.integers(0, len(toks) - 1))
    op = data.draw(st.sampled_from(["drop", "swap", "duplicate"]))
    if op == "drop":
        toks = toks[:i] + toks[i + 1:]
    elif op == "swap":
        toks[i], toks[j] = toks[j], toks[i]
    else:
        toks = toks[:i] + [toks[j]] + toks[i:]
    _assert_located(" ".join(toks).replace(" \n", "\n"))



_BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
# the noncharacters a program may not hold (E001): U+FDD0-U+FDEF and the last two of every plane
_NONCHARACTERS = "".join(map(chr, range(0xFDD0, 0xFDF0))) + "".join(
    chr((p << 16) | 0xFFFE) + chr((p << 16) | 0xFFFF) for p in range(17))


@SETTINGS
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters=_BIDI + _NONCHARACTERS)
               | st.just("\n"), max_size=30))
@example('a\\nb "q" \\')
def test_string_literals_round_trip_through_fmt(text: str) -> None:
    literal = format_expr(astnodes.Str(text, NO_SPAN))
    stmt = parse(f"chart bar\ntitle({literal})\n").body[0]
    assert isinstance(stmt, astnodes.ExprStmt) and isinstance(stmt.expr, astnodes.Call)
    assert stmt.expr.args[0] == astnodes.Str(text, stmt.expr.args[0].span)
