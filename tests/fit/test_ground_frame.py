"""A frame line in the plot's ground colour (matplotlib's fivethirtyeight style): it covers the
bars' base as it covers the gridlines' ends at the box's sides, so the bars' colour ends short of
zero and that end is no boundary at zero to fit the value scale to."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
from skimage.io import imread

from recode_dsl import pipeline
from recode_dsl import scene as s
from recode_dsl.fit.measure import measure
from recode_dsl.interop.chart_spec import load_spec, spec_to_program

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "fit" / "mpl_fivethirtyeight_bar_ground_frame"


def test_the_bars_base_under_a_frame_of_the_grounds_colour_does_not_pull_zero_in() -> None:
    truth = json.loads(FIXTURE.with_suffix(".json").read_text())
    chart = pipeline.compile(spec_to_program(load_spec(FIXTURE.with_suffix(".json").read_text())), solve=False).scene
    assert isinstance(chart, s.Chart)
    m = measure(chart, np.asarray(imread(FIXTURE.with_suffix(".png"))))
    assert m.frame is not None and m.box is not None
    # the gridlines stop short of the box's sides at nothing drawn: the box was found there only
    assert m.box.how[0] == m.box.how[2] == "extent"
    lo, hi = truth["value_range"]
    _, y0, _, y1 = truth["plot_box_px"]
    zero = m.frame.value.to_px(0.0)
    slope = (m.frame.value.p_hi - m.frame.value.p_lo) / (m.frame.value.hi - m.frame.value.lo)
    # before: the bars' colour end (1.2 px short of zero under the frame) fitted as zero: 0.92 px
    # in, the slope 0.52% short; now the gridlines alone: 0.62 px, 0.36%
    assert abs(zero - y1) < 0.75, (zero, y1)
    assert abs(slope / ((y0 - y1) / (hi - lo)) - 1) < 0.0045
