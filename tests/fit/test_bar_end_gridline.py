"""A bar's end on a gridline (issue 11): the line is no cover that hides how far the bar runs on.

A bar ending on a gridline drawn under the bars (ggplot's white lines on grey) was read as covered
(``measure._crossed_end``: a line across its end that goes on past its side, shorter than half the
box between the neighbouring bars) with no bound on how far: any longer stated value was accepted,
and an hbar candidate with one value 2-5% off scored exactly as the true program (the critic's tie).
"""

from __future__ import annotations

import numpy as np

from recode_dsl.fit import measure as M
from recode_dsl.fit.image import make_frame


def test_a_gridline_at_a_bars_end_covers_it_only_as_far_as_the_line_reaches() -> None:
    # an hbar chart's grey ground with a white gridline at column 120 under the bars: one bar ends
    # on it, another runs across it; between the bars the line shows all down the box
    ground, red = (0.9, 0.9, 0.9), (0.89, 0.29, 0.2)
    img = np.ones((100, 200, 3)) * np.asarray(ground)
    img[10:90, 120] = 1.0
    img[20:30, 10:120] = red  # ends on the line
    img[50:60, 10:180] = red  # crosses it
    fr = make_frame((10.0, 10.0, 190.0, 90.0), True, (0.0, 18.0, False), (-0.5, 1.5, False))
    reach = M._line_across(img, fr, 120.0, ground)
    assert reach is not None and reach <= 2.0
    # a legend's frame line there, with the ground beside the legend: no gridline, no bound
    img[10:90, 120] = ground
    img[5:40, 120] = 0.2
    assert M._line_across(img, fr, 120.0, ground) is None
