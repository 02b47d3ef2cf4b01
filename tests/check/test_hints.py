"""Names: did-you-mean hints come from the names in scope; messages come from messages.py."""

from __future__ import annotations

import pytest

from recode_dsl import compile as compile_program
from recode_dsl import messages


@pytest.mark.parametrize(("source", "code", "message", "hint"), [
    ("figure\npoint Apex, B\nsegment(Apx, B)\n", "E010", messages.undefined_name("point", "Apx"),
     "did you mean 'Apex'?"),
    ("figure\npoint A, B, C\ntirangle(A, B, C)\n", "E012", messages.unknown_function("tirangle", "function"),
     "did you mean 'triangle'?"),
    ('chart bar\ncategories("a")\nseries("Revenue", [1])\nask max("Revenu")\n', "E010",
     messages.undefined_name("series or category", "Revenu"), "did you mean 'Revenue'?"),
    ("figure\npoint A, B\nsegment(A, B, colr=\"red\")\n", "E015", messages.unknown_kwarg("colr", "segment"), None),
    ('chart bra\ncategories("a")\nseries("S", [1])\n', "E023", messages.unknown_chart_kind("bra"),
     "did you mean 'bar'?"),
    ('chart bar\ncategories("a")\nseries("S", [1], color="reddish")\n', "E019", messages.unknown_colour("reddish"),
     "did you mean 'red'?"),
])
def test_hint(source: str, code: str, message: str, hint: str | None) -> None:
    (d,) = compile_program(source, solve=False).diagnostics
    assert (d.code, d.message) == (code, message)
    if hint is not None:
        assert d.hint == hint


def test_errors_are_collected_not_stopped_at_the_first() -> None:
    src = "figure\npoint A, B, C\nsegment(A, Q)\ntriangle(A, B)\ncircle(A, -1)\nangle(A, B, C) = length(A, B)\n"
    codes = sorted(d.code for d in compile_program(src, solve=False).diagnostics)
    assert codes == ["E010", "E013", "E016", "E019"]
