"""What a critic's later candidates share (issue 11): reads of the image alone about the bars a
candidate places as an earlier one did are kept, and give what reading them again gives."""

from __future__ import annotations

from typing import Any

import pytest

from recode_dsl import pipeline
from recode_dsl import scene as s
from recode_dsl.fit import measure as M
from recode_dsl.perception.plotbox import as_float

SRC = 'chart bar\ncategories("a", "b", "c")\nseries("S", [3, 7, 5])\nvalue_axis(0, 8)\n'


def _chart(src: str) -> s.Chart:
    chart = pipeline.compile(src, solve=False).scene
    assert isinstance(chart, s.Chart)
    return chart


def test_a_later_candidate_reads_the_bars_colour_and_crossed_ends_from_the_kept_reads(
        monkeypatch: pytest.MonkeyPatch) -> None:
    true = _chart(SRC)
    img = as_float(pipeline.render(true, "array"))
    calls: dict[str, int] = {}
    def counting(name: str) -> Any:
        read = getattr(M, name)

        def counted(*a: Any, **k: Any) -> Any:
            calls[name] = calls.get(name, 0) + 1
            return read(*a, **k)
        return counted
    for name in ("_in_bar_read", "_crossed_end_read"):
        monkeypatch.setattr(M, name, counting(name))
    first = M.measure(true, img)
    assert calls.get("_in_bar_read", 0) >= 3 and calls.get("_crossed_end_read", 0) >= 3
    before = dict(calls)
    off = M.measure(_chart(SRC.replace("[3, 7, 5]", "[3, 7.2, 5]")), img)  # the same bars, one value off
    assert calls == before  # nothing read again
    fresh = M.measure(_chart(SRC.replace("[3, 7, 5]", "[3, 7.2, 5]")), as_float(pipeline.render(true, "array")))
    assert repr(off) == repr(fresh) and repr(first) != repr(off)  # what reading afresh gives
