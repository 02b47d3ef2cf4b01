"""Golden fixtures of the syntax and fmt stages (tests/fixtures/syntax|fmt).

``<name>.rdsl`` beside ``<name>.expected``: the AST with spans stripped (syntax), or the
formatted text (fmt). ``<name>__invalid.rdsl`` starts with ``# expect: CODE LINE:COL`` lines:
parsing must fail with exactly those diagnostics. Regenerate expectations with RECODE_REGEN=1.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from recode_dsl import astnodes
from recode_dsl.errors import ParseError
from recode_dsl.fmt import format_program
from recode_dsl.syntax import parse

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
EXPECT = re.compile(r"^# expect: (E\d{3}) (\d+):(\d+)$", re.M)


def _valid(stage: str) -> list[Path]:
    return sorted(p for p in (FIXTURES / stage).glob("*.rdsl") if not p.stem.endswith("__invalid"))


def _invalid(stage: str) -> list[Path]:
    return sorted((FIXTURES / stage).glob("*__invalid.rdsl"))


def expected_diagnostics(source: str) -> list[tuple[str, int, int]]:
    found = [(code, int(line), int(col)) for code, line, col in EXPECT.findall(source)]
    assert found, "an invalid fixture needs '# expect: CODE LINE:COL' lines"
    return sorted(found)


def ast_dump(source: str) -> str:
    """The header, then one statement a line, spans stripped."""
    program = parse(source)
    nodes = [program.header, *program.body]
    return "".join(json.dumps(astnodes.strip_spans(n), default=str) + "\n" for n in nodes)


@pytest.mark.parametrize("path", _valid("syntax"), ids=lambda p: p.stem)
def test_syntax_golden(path: Path, golden: Callable[[Path, str], None]) -> None:
    golden(path, ast_dump(path.read_text(encoding="utf-8")))


@pytest.mark.parametrize("path", _valid("fmt"), ids=lambda p: p.stem)
def test_fmt_golden(path: Path, golden: Callable[[Path, str], None]) -> None:
    source = path.read_text(encoding="utf-8")
    text = format_program(parse(source))
    golden(path, text)
    assert format_program(parse(text)) == text, "fmt is not idempotent"
    assert astnodes.strip_spans(parse(text)) == astnodes.strip_spans(parse(source))


@pytest.mark.parametrize("path", _invalid("syntax"), ids=lambda p: p.stem)
def test_syntax_invalid(path: Path) -> None:
    source = path.read_text(encoding="utf-8")
    with pytest.raises(ParseError) as info:
        parse(source)
    got = sorted((d.code, d.span.line, d.span.col) for d in info.value.diagnostics)
    assert got == expected_diagnostics(source)
    assert all(d.message and d.span.end_col > d.span.col for d in info.value.diagnostics)
