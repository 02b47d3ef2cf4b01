"""What measuring a chart costs (issue 11): a program that states its ranges never asks for the
renderer's round-number range (a second layout of the chart, about 1.4 ms a candidate)."""

from __future__ import annotations

import numpy as np
import pytest

from recode_dsl import pipeline
from recode_dsl import scene as s
from recode_dsl.fit import measure as M
from recode_dsl.fit.see_through import seen_through
from recode_dsl.perception.plotbox import as_float

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


def test_candidates_leaving_the_same_ring_free_share_one_background(monkeypatch: pytest.MonkeyPatch) -> None:
    """The plot's background is the commonest colour on rings inside the box, away from the
    bars: candidates whose bars differ only in height (a critic's) leave the same pixels of the
    rings free and ask for the colour once (it cost a few ms a candidate)."""
    chart = pipeline.compile(SRC, solve=False).scene
    assert isinstance(chart, s.Chart)
    img = as_float(pipeline.render(chart, "array"))
    box = (40.0, 30.0, 600.0, 420.0)
    made: list[int] = []
    colour = M._ring_colour

    def counted(px: np.ndarray) -> tuple[float, float, float]:
        made.append(len(px))
        return colour(px)

    monkeypatch.setattr(M, "_ring_colour", counted)
    got = [M._background(img, box, M.place(c, img.shape[1], img.shape[0], box)[2]) for c in
           (chart, pipeline.compile(SRC.replace("[3, 7, 5]", "[3, 6, 5]"), solve=False).scene)
           if isinstance(c, s.Chart)]
    assert len(got) == 2 and got[0] == got[1] and len(made) == 1
    # bars that reach another part of the ring leave other pixels free: worked out again
    tall = pipeline.compile(SRC.replace("[3, 7, 5]", "[3, 8, 5]"), solve=False).scene
    assert isinstance(tall, s.Chart)
    M._background(img, box, M.place(tall, img.shape[1], img.shape[0], box)[2])
    assert len(made) == 2


def test_a_bar_seen_through_a_cover_is_read_once_an_image(monkeypatch: pytest.MonkeyPatch) -> None:
    # seen_through's own example: a bar of 0.2 on 0.9 ends at pixel 6 under a legend of alpha 0.8
    col = np.array([0.2, 0.2, 0.5, 0.76, 0.76, 0.76, 0.9, 0.9, 0.9, 0.5, 0.9, 0.9])
    img = np.repeat(col[:, None, None], 3, axis=2).repeat(4, axis=1)[::-1].copy()
    calls: list[float] = []

    def counted(*args: object) -> float | None:
        calls.append(1.0)
        return seen_through(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(M, "seen_through", counted)
    fill, ground = (0.2, 0.2, 0.2), (0.9, 0.9, 0.9)
    assert M._seen_through(img, False, [1, 2], 10.0, fill, ground, False) == 6.0
    assert M._seen_through(img, False, [1, 2], 10.0, fill, ground, False) == 6.0
    assert len(calls) == 1  # the second candidate placing the bar alike: kept
    M._seen_through(img, False, [1, 2], 9.0, fill, ground, False)  # another end as read
    M._seen_through(img, False, [1], 10.0, fill, ground, False)  # another bar's lines
    M._seen_through(img.copy(), False, [1, 2], 10.0, fill, ground, False)  # another image
    assert len(calls) == 4
