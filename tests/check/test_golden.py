"""Golden fixtures of the check and scene stages (tests/fixtures/check|scene).

``scene/<name>.rdsl`` beside ``<name>.expected``: the scene JSON. ``check/<name>__invalid.rdsl``
starts with ``# expect: CODE LINE:COL`` lines: checking must report exactly those errors.
Regenerate expectations with RECODE_REGEN=1.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from recode_dsl import scene
from recode_dsl.check import check
from recode_dsl.syntax import parse

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
EXPECT = re.compile(r"^# expect: (E\d{3}) (\d+):(\d+)$", re.M)


def _files(stage: str, invalid: bool) -> list[Path]:
    return sorted(p for p in (FIXTURES / stage).glob("*.rdsl") if p.stem.endswith("__invalid") == invalid)


@pytest.mark.parametrize("path", _files("scene", False), ids=lambda p: p.stem)
def test_scene_golden(path: Path, golden: Callable[[Path, str], None]) -> None:
    sc, diags = check(parse(path.read_text(encoding="utf-8")))
    assert sc is not None, diags
    text = scene.to_json(sc)
    golden(path, text + "\n")
    assert scene.from_json(text) == sc


@pytest.mark.parametrize("path", _files("check", True), ids=lambda p: p.stem)
def test_check_invalid(path: Path) -> None:
    source = path.read_text(encoding="utf-8")
    want = sorted((c, int(line), int(col)) for c, line, col in EXPECT.findall(source))
    assert want, "an invalid fixture needs '# expect: CODE LINE:COL' lines"
    sc, diags = check(parse(source))
    errors = [d for d in diags if d.severity == "error"]
    assert sc is None
    assert sorted((d.code, d.span.line, d.span.col) for d in errors) == want
    for d in errors:
        assert d.message and (d.span.end_line, d.span.end_col) > (d.span.line, d.span.col)
