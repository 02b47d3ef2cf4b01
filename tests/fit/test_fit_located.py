"""The fit's warnings (E070-E072) are located at the series whose values they keep, not at 0:0 (issue 15)."""

from __future__ import annotations

import recode_dsl
from recode_dsl.fit.chart import fit_chart

SRC = 'chart bar\ncategories("a", "b", "c")\n# values\nseries("S", [1, 2, 3])\nvalue_axis(0, 4)\n'


def test_a_fit_that_measures_nothing_is_located_at_the_series() -> None:
    blank = recode_dsl.compile(SRC.replace("[1, 2, 3]", "[0, 0, 0]").replace('("S"', '("S", color="white"'))
    image = recode_dsl.render(blank.scene, "array")  # type: ignore[arg-type]
    program = recode_dsl.compile(SRC).scene
    (d,) = fit_chart(program, image).diagnostics  # type: ignore[arg-type]
    assert (d.code, d.severity, d.span.line, d.span.col) == ("E070", "warning", 4, 1)
