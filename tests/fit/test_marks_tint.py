"""Two series of one palette (issue 11): the anti-aliased rim of a dark line is a mix of its own
colour and the ground, not a mark of a paler series nearly a tint of it."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from skimage.io import imread

from recode_dsl.fit import marks as K
from recode_dsl.fit.image import RGB
from recode_dsl.fit.verify import verify_source

DARK: RGB = (62 / 255, 92 / 255, 105 / 255)  # Vega-Lite's vox theme: two blues of one ramp
PALE: RGB = (103 / 255, 147 / 255, 166 / 255)
WHITE: RGB = (1.0, 1.0, 1.0)
EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "images" / "vega_line_plan.png"


def _mix(colour: RGB, share: float) -> np.ndarray:
    return share * np.asarray(colour) + (1 - share) * np.asarray(WHITE)


def test_a_dark_lines_rim_is_no_mark_of_a_paler_series() -> None:
    img = np.ones((20, 30, 3))
    img[4, :10], img[5:7, :10], img[7, :10] = _mix(DARK, 0.5), DARK, _mix(DARK, 0.6)  # a dark line, its rims
    img[12:15, 20:28] = PALE  # and a pale mark
    marked = K.others_mark(img, DARK, (PALE,), WHITE, (0, 20, 0, 30))
    assert not marked[:10, :10].any()
    assert marked[12:15, 20:28].all()


def test_a_line_chart_of_two_blues_of_one_ramp_verifies() -> None:
    source = ('chart line\ncategories("Jan", "Feb", "Mar", "Apr")\nseries("Plan", [30, 45, 25, 40])\n'
              'series("Actual", [28, 50, 20, 44])\n')
    verdict = verify_source(source, imread(EXAMPLE))
    assert verdict.verified, [d.message for d in verdict.diagnostics]
    wrong = verify_source(source.replace("45, 25", "45, 28"), imread(EXAMPLE))  # "Mar" of 'Plan' 12% off
    assert [d.code for d in wrong.diagnostics] == ["E100"]
