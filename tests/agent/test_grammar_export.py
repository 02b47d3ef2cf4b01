"""The exported grammars (GBNF, EBNF) accept every example and reject broken programs, read back
by an independent reference matcher (``bnf_matcher``)."""

from __future__ import annotations

from pathlib import Path

import pytest

from recode_dsl import pipeline
from recode_dsl.cli import main
from recode_dsl.grammar.export import ebnf, gbnf, regex
from tests.agent.bnf_matcher import Matcher

EXAMPLES = sorted((Path(__file__).parents[2] / "examples").glob("*.rdsl"))
EXTRA = [  # what the examples may not show: multi-line calls, comments in brackets, degrees, CRLF
    'chart bar\r\ncategories("a",\r\n  "b")  # two\r\nseries("S", [1,\n 2])\n',
    "figure\npoint A = (0, 0), B\nangle(A, B, A) = 30 deg\nask 2x^2 + -3\nlet k = (1, 2)\n",
    '# leading comment\n\nchart pie "t"\ncategories("a", # inside\n "b")\nseries("S", [1, 2])',
]
BROKEN = [
    'chart bar\nseries("S", [1, 2)\n',  # unbalanced bracket
    "hello world\n",  # no header
    'chart bar\ncategories("a"\n',  # unclosed call
    "chart bar\nseries(1,)\n",  # trailing comma
    'chart bar\nseries("S", "unterminated)\n',  # unterminated string
    "figure\npoint A = \n",  # missing value
    "figure\nask 3 $ 4\n",  # unknown character
]


@pytest.fixture(scope="module", params=["gbnf", "ebnf"])
def matcher(request: pytest.FixtureRequest) -> Matcher:
    text = gbnf() if request.param == "gbnf" else ebnf()
    return Matcher(text, request.param)


def test_there_are_examples() -> None:
    assert len(EXAMPLES) >= 20


def test_every_example_is_accepted(matcher: Matcher) -> None:
    rejected = [p.name for p in EXAMPLES if not matcher.matches(p.read_text(encoding="utf-8"))]
    assert rejected == []


@pytest.mark.parametrize("program", EXTRA)
def test_programs_the_parser_takes_are_accepted(matcher: Matcher, program: str) -> None:
    from recode_dsl import syntax

    syntax.parse(program)  # the real parser takes it
    assert matcher.matches(program)


@pytest.mark.parametrize("program", BROKEN)
def test_programs_that_do_not_parse_are_rejected(matcher: Matcher, program: str) -> None:
    assert any(d.code in {"E001", "E002", "E003"} for d in pipeline.compile(program).diagnostics)
    assert not matcher.matches(program)


def test_gbnf_has_no_left_recursion_and_defines_every_rule() -> None:
    m = Matcher(gbnf(), "gbnf")  # raises on an undefined rule
    for name, alts in m.rules.items():
        assert all(not alt or alt[0] != ("nt", name) for alt in alts), f"{name} is left-recursive"


def test_regex_translation_matches_what_python_matches() -> None:
    import re

    from recode_dsl.grammar.export import _Gbnf, load

    for pattern, samples in [(r"\d+(\.\d+)?|\.\d+", ["12", "1.5", ".5", "1.", "a"]),
                             (r"[A-Za-z_][A-Za-z0-9_']*", ["x", "A'", "_1", "1a", ""]),
                             (r'"(?:[^"\\\n]|\\.)*"', ['"a"', r'"a\"b"', '"a', '""'])]:
        writer = _Gbnf(load())
        m = Matcher(f"root ::= {writer.char_expr(regex(pattern))}\n", "gbnf")
        for s in samples:
            assert m.matches(s) == bool(re.fullmatch(pattern, s)), (pattern, s)


@pytest.mark.parametrize("form, marker", [("gbnf", "root ::= ws start"), ("ebnf", "root ::= WS start"),
                                          ("lark", "start: _NL* header")])
def test_reference_prints_the_grammar(capsys: pytest.CaptureFixture[str], form: str, marker: str) -> None:
    assert main(["reference", "--grammar", form]) == 0
    assert marker in capsys.readouterr().out
