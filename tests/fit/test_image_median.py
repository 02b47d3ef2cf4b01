"""fit.image.median: np.median's float, without its overhead (issue 11, the critic's CPU)."""

from __future__ import annotations

import math

import numpy as np

from recode_dsl.fit.image import median


def test_median_is_numpys_median() -> None:
    rng = np.random.default_rng(7)
    for n in range(1, 30):
        for scale in (1e-3, 1.0, 1e6):
            v = rng.normal(size=n) * scale
            assert median(v) == float(np.median(v)) and median(v.tolist()) == float(np.median(v))
        whole = rng.integers(-50, 50, n)
        assert median(whole) == float(np.median(whole))
    assert median(np.array([[3.0, 1.0], [2.0, 5.0]])) == float(np.median(np.array([[3.0, 1.0], [2.0, 5.0]])))


def test_median_of_nothing_or_nan_is_nan() -> None:
    assert math.isnan(median([])) and math.isnan(median([1.0, math.nan, 2.0]))
