"""What measuring a chart costs (issue 11): a program that states its ranges never asks for the
renderer's round-number range (a second layout of the chart, about 1.4 ms a candidate)."""

from __future__ import annotations

import pytest

from recode_dsl import pipeline
from recode_dsl import scene as s
from recode_dsl.fit import measure as M

SRC = 'chart bar\ncategories("a", "b", "c")\nseries("S", [3, 7, 5])\nvalue_axis(0, 8)\n'


def test_a_stated_range_asks_no_nice_range(monkeypatch: pytest.MonkeyPatch) -> None:
    result = pipeline.compile(SRC, solve=False)
    assert result.scene is not None and isinstance(result.scene, s.Chart)
    img = pipeline.render(result.scene, "array")
    asked: list[s.Chart] = []
    monkeypatch.setattr(M, "_nice_range", lambda chart: asked.append(chart))
    got = M.measure(result.scene, img)
    assert got.found == 3 and got.worst_px() < 1.5
    assert asked == []
    # no range stated: the round-number range is one of the readings tried
    bare = pipeline.compile(SRC.replace("value_axis(0, 8)\n", ""), solve=False).scene
    assert isinstance(bare, s.Chart)
    M.measure(bare, pipeline.render(bare, "array"))
    assert asked
