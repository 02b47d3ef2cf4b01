"""fit.image's fast paths read what the plain computations read (issue 11, critic CPU)."""

from __future__ import annotations

import numpy as np

from recode_dsl.fit.image import INK, MIX_ROUNDING, STROKE_BEYOND, cover, line_cover, off_mix


def _plain_line_cover(img: np.ndarray, fg: tuple[float, float, float], bg: tuple[float, float, float]) -> np.ndarray:
    cov = np.array(cover(img, fg, bg, STROKE_BEYOND))
    own, ink = off_mix(img, fg, bg), off_mix(img, INK, bg)
    cov[(cov > 0) & (own > MIX_ROUNDING) & (ink < own)] = 0.0
    return cov


def test_line_cover_leaves_out_what_off_mix_says_is_ink() -> None:
    rng = np.random.default_rng(11)
    img = rng.uniform(0, 1, (40, 50, 3))
    img[::3] = 1.0  # some ground
    img[5:9, :, :] = np.linspace(0, 1, 50)[:, None]  # greys: the edges of black text
    for fg, bg in (((0.0, 0.5, 0.0), (1.0, 1.0, 1.0)), ((0.12, 0.47, 0.71), (0.92, 0.92, 0.92)),
                   ((1.0, 0.5, 0.05), (0.9, 0.9, 0.85))):
        got = line_cover(img, fg, bg)
        assert np.array_equal(got, _plain_line_cover(img, fg, bg))
        assert (got[5:9] == 0).any() and (got > 0).any()  # it does leave pixels out, and keeps some


def test_a_grey_line_on_a_neutral_ground_keeps_its_cover() -> None:
    # the mixes of grey and white are those of black and white: no pixel is nearer the ink's
    img = np.random.default_rng(12).uniform(0, 1, (30, 30, 3))
    grey, white = (0.2, 0.2, 0.2), (1.0, 1.0, 1.0)
    assert np.array_equal(line_cover(img, grey, white), cover(img, grey, white, STROKE_BEYOND))
