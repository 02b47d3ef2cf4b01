"""A line's samples (issue 11): what does not depend on a program's values is worked out once an
image and colour, and a critic's candidates get the very samples they would get alone."""

from __future__ import annotations

import numpy as np
import pytest

from recode_dsl.fit import marks as K
from recode_dsl.fit.image import RGB

RED: RGB = (0.8, 0.1, 0.1)
WHITE: RGB = (1.0, 1.0, 1.0)


def _line_image(points: list[tuple[float, float]], size: int = 120, ss: int = 4) -> np.ndarray:
    """A 2-px polyline of RED through ``points`` on white, anti-aliased (ss x ss samples)."""
    yy, xx = np.mgrid[0:size * ss, 0:size * ss]
    x, y = (xx + 0.5) / ss, (yy + 0.5) / ss
    near = np.full(x.shape, np.inf)
    for (xa, ya), (xb, yb) in zip(points, points[1:]):
        t = np.clip(((x - xa) * (xb - xa) + (y - ya) * (yb - ya)) / ((xb - xa) ** 2 + (yb - ya) ** 2), 0, 1)
        near = np.minimum(near, np.hypot(x - xa - t * (xb - xa), y - ya - t * (yb - ya)))
    on = (near <= 1.0).reshape(size, ss, size, ss).mean(axis=(1, 3))[..., None]
    return np.asarray(on * np.asarray(RED) + (1 - on) * np.asarray(WHITE), np.float64)


def test_a_steep_segment_reads_the_rows_of_its_window_alone() -> None:
    pts = [(10.0, 100.0), (40.0, 20.0), (90.0, 60.0)]  # the first segment steep, the second not
    img = _line_image(pts + [(120.0, 45.0)])  # and on, across the steep segment's rows past its window
    xs, ys = [p[0] for p in pts], [p[1] for p in pts]
    got = K.segment_samples(img, xs, ys, RED, WHITE, 4.0, 20.0)
    steep = [q for q in got if q[0] < 40.0 - 4.0]
    assert len(steep) > 40
    on_line = [10.0 + (q[1] - 100.0) * 30.0 / -80.0 for q in steep]
    assert max(abs(q[0] - x) for q, x in zip(steep, on_line)) < 0.1
    assert all(q[0] < 90.0 - 4.0 for q in got)  # nothing read past the last vertex


def test_candidates_sharing_a_segment_share_its_samples(monkeypatch: pytest.MonkeyPatch) -> None:
    pts = [(10.0, 100.0), (40.0, 20.0), (90.0, 60.0)]
    img = _line_image(pts)
    xs, ys = [p[0] for p in pts], [p[1] for p in pts]
    alone = K.segment_samples(img.copy(), xs, ys, RED, WHITE, 4.0, 20.0)
    calls: list[tuple[float, float]] = []
    real = K._segment_samples

    def counted(*args: object, **kw: object) -> list[tuple[float, float, float]]:
        calls.append(args[1])  # type: ignore[arg-type]
        return real(*args, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(K, "_segment_samples", counted)
    assert K.segment_samples(img, xs, ys, RED, WHITE, 4.0, 20.0) == alone
    moved = K.segment_samples(img, xs, [100.0, 20.0, 62.0], RED, WHITE, 4.0, 20.0)
    assert calls == [(10.0, 100.0), (40.0, 20.0), (40.0, 20.0)]  # the first segment read once
    assert moved[:len(alone) // 2] == alone[:len(alone) // 2]
