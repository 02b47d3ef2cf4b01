"""The fitted numbers' rounding (issue 11): the numbers of one chart share their precision, and a
line's vertices are read finer than a bar's snapped ends."""

from __future__ import annotations

import math

from recode_dsl import pipeline
from recode_dsl import scene as s
from recode_dsl.fit.chart import _build, shared_step
from recode_dsl.fit.image import make_frame
from recode_dsl.fit.measure import Measurement, Reading
from recode_dsl.perception.plotbox import PlotBox

BOX = (40.0, 20.0, 360.0, 276.0)  # 256 px tall: 12.8 px a unit on value_axis(0, 20)


def _chart(kind: str, values: list[float]) -> s.Chart:
    src = f'chart {kind}\ncanvas(400, 300)\ncategories({", ".join(f"{chr(97 + i)!r}" for i in range(len(values)))})\n' \
          f'series("S", {values})\nvalue_axis(0, 20)\n'
    scene = pipeline.compile(src.replace("'", '"'), solve=False).scene
    assert isinstance(scene, s.Chart)
    return scene


def _fitted(kind: str, measured: list[float], log: bool = False) -> list[float]:
    chart = _chart(kind, [round(v) + 0.5 for v in measured])
    frame = make_frame(BOX, False, (1.0, 1000.0, True) if log else (0.0, 20.0, False),
                       (-0.5, len(measured) - 0.5, False))
    readings = tuple(Reading(0, i, "values", float(chart.series[0].values[i]), v, 0.0) for i, v in enumerate(measured))
    m = Measurement(chart, PlotBox(BOX, ("line",) * 4, (0.0,) * 4), readings, (), frame=frame)
    return [float(v) for v in _build(chart, m, 400, 300).series[0].values]


def test_values_of_a_chart_of_whole_numbers_are_read_whole_past_half_a_pixel() -> None:
    # stacked ends carry both boundaries' snaps: 9.06 is 0.77 px past 9 at 12.8 px a unit; most
    # of the chart's values lie on whole numbers, 12.8 px apart
    assert _fitted("bar", [9.06, 3.02, 4.0, 5.0, 7.01, 1.95]) == [9, 3, 4, 5, 7, 2]


def test_values_finer_than_the_pixels_keep_their_reading() -> None:
    # no power of ten 2 px apart or more holds them: each is rounded within half a pixel (a
    # snapped bar end's reach; a quarter pixel, tried in 9e9f3ed, read round data less often)
    got = _fitted("bar", [9.27, 3.41, 4.63, 5.38, 7.71, 1.55])
    assert got == [9.3, 3.4, 4.6, 5.4, 7.7, 1.55]


def test_a_line_vertex_is_rounded_within_a_fifth_of_a_pixel() -> None:
    # a bar's end snaps to whole pixels; a line's vertex does not: 7.88 read at 7.882 is not
    # written 7.9 (0.23 px off) on a line
    assert _fitted("bar", [7.882, 3.41, 4.63])[0] == 7.9
    assert _fitted("line", [7.882, 3.41, 4.63])[0] == 7.88


def test_whole_numbers_under_3_px_apart_are_shared_when_nearly_all_lie_on_them() -> None:
    # 2.6 px a unit: every value within half a pixel of a whole number is the data's precision
    # (before: no step under 3 px, each value rounded alone); half of them lie so by chance
    assert shared_step([9.02, 3.0, 4.05, 5.0, 7.01, 2.0], 2.6) == 0
    assert shared_step([9.3, 3.1, 4.05, 5.4, 7.0, 2.2], 2.6) is None


def test_no_shared_step_is_read_on_a_log_axis() -> None:
    # a power of ten's multiples are not evenly spaced there: the pixels near zero say nothing of 9
    got = _fitted("bar", [9.06, 3.02, 4.0, 5.0, 7.01, 1.95], log=True)
    assert got[1] == 3.02 and got[0] != 9


def test_odd_readings_give_no_shared_step() -> None:
    assert shared_step([1.0, 2.0, math.nan, 3.0], 12.8) is None
    assert shared_step([1.0, 2.0, 3.0], math.inf) is None
    assert shared_step([1e305, 2e305, 3e305], 1e-300) is None
    assert shared_step([0.0, 0.0, 0.0], 12.8) is None
