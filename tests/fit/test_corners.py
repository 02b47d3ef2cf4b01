"""A line chart's categories placed by its lines' corners (fit/corners.py): the axis read from
snapped gridlines and box edges is off by up to half a pixel, which a steep segment turns into
pixels of value at its vertex; where two straight segments cross is the vertex, whatever the axis."""

from __future__ import annotations

import io

import numpy as np
import pytest

from recode_dsl import pipeline
from recode_dsl import scene as s
from recode_dsl.fit import corners as C
from recode_dsl.fit import marks as K
from recode_dsl.fit.image import Frame, Scale, make_frame
from recode_dsl.fit.measure import measure

WHITE = (1.0, 1.0, 1.0)
BLUE = (0.122, 0.467, 0.706)
ZIGZAG = [2.0, 9.0, 3.0, 8.5, 1.5, 9.5, 4.0]


def _polyline(w: int, h: int, xs: list[float], ys: list[float], colour: tuple[float, float, float]) -> np.ndarray:
    """A line 2 px thick (measured down each column) through the vertices, anti-aliased by cover."""
    img = np.ones((h, w, 3))
    rows = np.arange(float(h))
    for c in range(int(xs[0]), int(np.ceil(xs[-1]))):
        x = c + 0.5
        k = min(int(np.searchsorted(xs, x)) - 1, len(xs) - 2)
        k = max(k, 0)
        y = ys[k] + (ys[k + 1] - ys[k]) * (x - xs[k]) / (xs[k + 1] - xs[k])
        a = np.clip(np.minimum(rows + 1, y + 1) - np.maximum(rows, y - 1), 0, 1)[:, None]
        img[:, c] = img[:, c] * (1 - a) + np.array(colour) * a
    return img


def _shifted(fr: Frame, d_lo: float, d_hi: float) -> Frame:
    o = fr.other
    return Frame(fr.box, fr.horizontal, fr.value, Scale(o.lo, o.hi, o.p_lo + d_lo, o.p_hi + d_hi, o.log))


def test_the_corners_place_categories_an_axis_half_a_pixel_off_misplaces() -> None:
    """Steep segments (7 px a column) drawn where the true axis puts them; the frame read from the
    image puts the categories 0.45 px left at the first and 0.35 px right at the last. Read at the
    frame's categories the vertices are 1-3 px off; at the corners' they are within 0.15 px."""
    true = make_frame((20.0, 20.0, 260.0, 380.0), False, (0.0, 10.0, False), (-0.4, 6.4, False))
    xs = [true.other.to_px(float(i)) for i in range(len(ZIGZAG))]
    ys = [true.value.to_px(v) for v in ZIGZAG]
    img = _polyline(280, 400, xs, ys, BLUE)
    read = _shifted(true, -0.45, 0.35)
    stated = [v * f for v, f in zip(ZIGZAG, (1.05, 0.95, 1.08, 0.93, 1.1, 0.96, 1.04))]

    def worst(fr: Frame) -> float:
        got = K.measure_line(img, fr, stated, BLUE, WHITE, 7.0)
        assert all(g is not None for g in got)
        return max(abs(true.value.to_px(g or 0.0) - y) for g, y in zip(got, ys))

    assert worst(read) > 1.0  # the frame as read: the steep segments carry its x error into y
    fixed = C.corner_frame(img, read, [(stated, BLUE, ())], WHITE, 7.0)
    assert max(abs(fixed.other.to_px(float(i)) - x) for i, x in enumerate(xs)) < 0.05
    assert worst(fixed) < 0.15


def test_corners_that_do_not_agree_leave_the_axis_as_it_is() -> None:
    """Too few sharp corners, or corners far from one straight map: no new scale."""
    assert C.corner_scale([(1, 40.0, 1.0), (2, 80.0, 1.0)]) is None  # two categories
    assert C.corner_scale([(1, 40.0, 1.0), (2, 83.0, 1.0), (3, 119.0, 1.0)]) is None  # 1.7 px off one map
    # a straight line has no corner to give
    assert C.line_corners([0.0, 40.0, 80.0], [(x + 0.5, 2.0 * x, 1.0) for x in range(80)], 7.0) == []
    # a corner further than the axis could be off from its category (another mark's) is no corner
    pts = [(x + 0.5, 2 * (x + 0.5), 1.0) for x in range(8, 32)] + \
        [(x + 0.5, 86 - (x + 0.5), 1.0) for x in range(48, 72)]
    assert [i for i, _, _ in C.line_corners([0.0, 40.0, 80.0], pts, 7.0)] == []  # they cross at x 28.7


mpl = pytest.importorskip("matplotlib")
mpl.use("Agg")
plt = pytest.importorskip("matplotlib.pyplot")


def test_a_true_matplotlib_line_chart_measures_within_half_a_pixel_at_its_steep_vertices() -> None:
    """Matplotlib draws a line's vertices unsnapped and its frame and gridlines snapped: on a 5 x 5
    inch chart at 100 dpi its 7 categories lie at 80.11, 138.83, ... 432.39 px, the gridlines and
    the box's sides on whole pixels. The true program's first vertex was measured 1.27 px off."""
    fig, ax = plt.subplots(figsize=(5, 5), dpi=100)
    ax.plot(range(len(ZIGZAG)), ZIGZAG, color="#1f77b4")
    ax.grid(True)
    fig.canvas.draw()
    bb = ax.get_window_extent()
    box = (bb.x0, 500 - bb.y1, bb.x1, 500 - bb.y0)
    (xlo, xhi), (ylo, yhi) = ax.get_xlim(), ax.get_ylim()
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=100)
    plt.close(fig)
    from skimage.io import imread

    buf.seek(0)
    img = np.asarray(imread(buf))
    cats = ", ".join(f'"{c}"' for c in "abcdefg")
    values = ", ".join(f"{v:g}" for v in ZIGZAG)
    src = "\n".join(["chart line", "canvas(500, 500)", "plot_box(" + ", ".join(f"{v:.6g}" for v in box) + ")",
                     f"categories({cats})", f'series("S", [{values}], color="#1f77b4")',
                     f"value_axis({ylo:.6g}, {yhi:.6g})", f"category_axis({xlo:.6g}, {xhi:.6g})", "ask max(all())", ""])
    chart = pipeline.compile(src, solve=False).scene
    assert isinstance(chart, s.Chart)
    m = measure(chart, img)
    res = [abs(r.residual_px) for r in m.readings if r.residual_px is not None]
    assert len(res) == len(ZIGZAG)
    assert max(res) < 0.5, res
