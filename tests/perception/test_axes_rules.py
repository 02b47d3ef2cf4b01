"""Rules of ``perception.axes.find_axis``: which labels make an axis, in which scale."""

from __future__ import annotations

import numpy as np
import pytest

from recode_dsl.perception import axes as ax
from recode_dsl.perception.text import Text


def _under(value: float, text: str, x0: int, x1: int, y: float = 350.0) -> Text:
    return Text(text, 0.95, (x0, int(y) - 6, x1, int(y) + 6), 0, ((x0 + x1) / 2, y), value)


def _axis_image() -> np.ndarray:
    rgb = np.ones((400, 360, 3))
    rgb[40:341, 39] = 0.6  # the value axis's line, on to the first tick
    for x in (39, 99, 159, 219, 279, 339):
        rgb[340:345, x] = 0.6  # tick marks under the plot
    return rgb


def test_an_end_label_flush_with_its_tick_is_read_at_the_tick() -> None:
    """'0' drawn from its tick on (Vega-Lite's labelFlush: the first label does not overflow
    the axis) lies off the line of '400' and '800': its tick is at its left edge."""
    rgb = _axis_image()
    labels = [_under(0.0, "0", 38, 48), _under(400.0, "400", 148, 171), _under(800.0, "800", 268, 291)]
    axis = ax.find_axis(labels, rgb, vertical=False)
    assert axis is not None and not axis.log and len(axis.ticks) == 3
    assert axis.value(39.0) == pytest.approx(0.0, abs=1.0)
    assert axis.value(339.0) == pytest.approx(1000.0, abs=1.0)


def test_two_labels_do_not_make_a_log_axis() -> None:
    """Two labels fit a line in either scale and say nothing of a log one."""
    labels = [_under(0.0, "0", 33, 53), _under(400.0, "400", 148, 171), _under(800.0, "800", 268, 291)]
    axis = ax.find_axis(labels, np.ones((400, 360, 3)), vertical=False)
    assert axis is not None and not axis.log
