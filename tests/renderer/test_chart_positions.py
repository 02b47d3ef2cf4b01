"""Chart marks land where the numbers say, measured from the rendered array to within half a pixel."""

from __future__ import annotations

import math

import numpy as np
import pytest

import recode_dsl
from recode_dsl import colours
from recode_dsl import scene as s
from recode_dsl.renderer.chart import plan, render_chart

HALF = 0.5
BLUE, ORANGE, GREEN = (colours.rgb(c) for c in colours.DEFAULT_CYCLE[:3])


def chart(src: str) -> s.Chart:
    result = recode_dsl.compile(src)
    assert result.ok, result.diagnostics
    assert isinstance(result.scene, s.Chart)
    return result.scene


WHITE = (1.0, 1.0, 1.0)


def coverage(img: np.ndarray, rgb: tuple[float, float, float]) -> np.ndarray:
    """How much of each pixel a colour covers over the white background (0..1); 0 for other colours."""
    return np.nan_to_num(weights(img, [rgb])[..., 0])


def weights(img: np.ndarray, cols: list[tuple[float, float, float]]) -> np.ndarray:
    """Unmix each pixel into ``cols`` over white: HxWxk weights, NaN where a pixel is another colour.

    Where two marks meet, antialiasing blends both with the white behind them; the weight of the
    mark drawn last is exactly its coverage of the pixel.
    """
    p = img[..., :3].astype(float) / 255 - 1.0
    basis = np.array(cols, dtype=float).T - 1.0  # 3 x k
    w = p @ np.linalg.pinv(basis).T
    resid = np.abs(p - w @ basis.T).max(axis=-1)
    return np.where((resid < 0.02)[..., None], np.clip(w, 0, 1), np.nan)


def rising(profile: np.ndarray, expected: float, reach: int = 4) -> float:
    """The subpixel position where ``profile`` goes from 0 to 1, searched within ``reach`` px of ``expected``."""
    lo, hi = int(expected) - reach, int(expected) + reach + 1
    window = profile[lo:hi]
    assert not np.isnan(window).any(), "another colour inside the window"
    return hi - float(window.sum())


def falling(profile: np.ndarray, expected: float, reach: int = 4) -> float:
    """The subpixel position where ``profile`` goes from 1 to 0 near ``expected``."""
    lo, hi = int(expected) - reach, int(expected) + reach + 1
    window = profile[lo:hi]
    assert not np.isnan(window).any(), "another colour inside the window"
    return lo + float(window.sum())


def centroid(cov: np.ndarray) -> tuple[float, float]:
    ys, xs = np.indices(cov.shape)
    total = cov.sum()
    return float((xs * cov).sum() / total) + 0.5, float((ys * cov).sum() / total) + 0.5


BAR = """chart bar
categories("a", "b", "c", "d")
series("s", [12, 15.5, 9, 21.25])
"""


def test_bar_tops_and_sides_land_on_the_axis_mapping() -> None:
    sc = chart(BAR)
    fr = plan(sc).frame
    cov = coverage(render_chart(sc, "array"), BLUE)
    for i, v in enumerate((12, 15.5, 9, 21.25)):
        col = int(fr.x.scale(i))
        assert abs(rising(cov[:, col], fr.y.scale(v)) - fr.y.scale(v)) < HALF
        row = int(fr.y.scale(v / 2))
        assert abs(rising(cov[row], fr.x.scale(i - 0.3)) - fr.x.scale(i - 0.3)) < HALF
        assert abs(falling(cov[row], fr.x.scale(i + 0.3)) - fr.x.scale(i + 0.3)) < HALF


def test_stated_layout_is_used_exactly() -> None:
    """canvas, plot box, ranges and bar width give pixel positions computed by hand from the numbers."""
    sc = chart(BAR + "canvas(500, 400)\nplot_box(61.5, 40.25, 470, 350.75)\nvalue_axis(0, 30)\n"
                     "category_axis(-0.5, 3.5)\nbar_width(0.5)\n")
    img = render_chart(sc, "array")
    assert img.shape == (400, 500, 4)
    cov = coverage(img, BLUE)

    def px(i: float) -> float:
        return 61.5 + (i + 0.5) / 4 * (470 - 61.5)

    def py(v: float) -> float:
        return 350.75 - v / 30 * (350.75 - 40.25)

    for i, v in enumerate((12, 15.5, 9, 21.25)):
        assert abs(rising(cov[:, int(px(i))], py(v)) - py(v)) < HALF
        row = int(py(v / 2))
        assert abs(rising(cov[row], px(i - 0.25)) - px(i - 0.25)) < HALF
        assert abs(falling(cov[row], px(i + 0.25)) - px(i + 0.25)) < HALF


def test_negative_bars_hang_from_zero() -> None:
    sc = chart('chart bar\ncategories("a", "b")\nseries("s", [-4, 6])\nvalue_axis(-10, 10)\n')
    fr = plan(sc).frame
    cov = coverage(render_chart(sc, "array"), BLUE)
    col = int(fr.x.scale(0))
    assert abs(rising(cov[:, col], fr.y.scale(0)) - fr.y.scale(0)) < HALF
    assert abs(falling(cov[:, col], fr.y.scale(-4)) - fr.y.scale(-4)) < HALF


def test_hbar_ends_and_category_centres() -> None:
    sc = chart('chart hbar\ncategories("a", "b", "c")\nseries("s", [3, 7.5, 5])\n')
    fr = plan(sc).frame
    cov = coverage(render_chart(sc, "array"), BLUE)
    for i, v in enumerate((3, 7.5, 5)):
        row = int(fr.y.scale(i))
        assert abs(falling(cov[row], fr.x.scale(v)) - fr.x.scale(v)) < HALF
        col = int(fr.x.scale(v / 2))
        top, bottom = fr.y.scale(i + 0.3), fr.y.scale(i - 0.3)  # category i + 0.3 is higher up
        assert abs(rising(cov[:, col], top) - top) < HALF
        assert abs(falling(cov[:, col], bottom) - bottom) < HALF
    assert fr.y.scale(0) > fr.y.scale(2)  # category 0 at the bottom, as matplotlib's barh


def test_grouped_bars_share_point_eight_per_category() -> None:
    sc = chart('chart grouped_bar\ncategories("a", "b")\nseries("x", [4, 6])\nseries("y", [5, 3])\n'
               'legend(false)\n')
    fr = plan(sc).frame
    img = render_chart(sc, "array")
    for i, (a, b) in enumerate(((4, 5), (6, 3))):
        row = int(fr.y.scale(min(a, b) / 2))
        left, mid, right = fr.x.scale(i - 0.4), fr.x.scale(i), fr.x.scale(i + 0.4)
        assert abs(rising(coverage(img, BLUE)[row], left) - left) < HALF
        assert abs(rising(weights(img, [BLUE, ORANGE])[row, :, 1], mid) - mid) < HALF  # orange starts at i
        assert abs(falling(coverage(img, ORANGE)[row], right) - right) < HALF
        for rgb, v, centre in ((BLUE, a, i - 0.2), (ORANGE, b, i + 0.2)):
            top = fr.y.scale(v)
            assert abs(rising(coverage(img, rgb)[:, int(fr.x.scale(centre))], top) - top) < HALF


def test_stacked_bars_stack_in_series_order() -> None:
    sc = chart('chart stacked_bar\ncategories("a", "b")\nseries("x", [4, 6])\nseries("y", [5, 3])\n'
               'series("z", [1, 2])\nlegend(false)\n')
    fr = plan(sc).frame
    img = render_chart(sc, "array")
    for i, (a, b, c) in enumerate(((4, 5, 1), (6, 3, 2))):
        col = int(fr.x.scale(i))
        for lower, upper, level in ((BLUE, ORANGE, a), (ORANGE, GREEN, a + b)):
            y = fr.y.scale(level)  # the upper segment is drawn later: its weight is its coverage
            assert abs(falling(weights(img, [lower, upper])[:, col, 1], y) - y) < HALF
        top = fr.y.scale(a + b + c)
        assert abs(rising(coverage(img, GREEN)[:, col], top) - top) < HALF


def test_stacked_hbar_segments() -> None:
    sc = chart('chart stacked_hbar\ncategories("a", "b")\nseries("x", [4, 6])\nseries("y", [5, 3])\n'
               'legend(false)\n')
    fr = plan(sc).frame
    img = render_chart(sc, "array")
    row = int(fr.y.scale(1))
    assert abs(rising(weights(img, [BLUE, ORANGE])[row, :, 1], fr.x.scale(6)) - fr.x.scale(6)) < HALF
    assert abs(falling(coverage(img, ORANGE)[row], fr.x.scale(9)) - fr.x.scale(9)) < HALF


def test_line_passes_through_its_vertices() -> None:
    sc = chart('chart line\ncategories("a", "b", "c", "d")\nseries("s", [2, 8, 5, 5])\n')
    fr = plan(sc).frame
    cov = coverage(render_chart(sc, "array"), BLUE)
    values = (2, 8, 5, 5)
    for i in range(3):  # a straight stroke's column centroid is its centre line
        xm = (fr.x.scale(i) + fr.x.scale(i + 1)) / 2
        ym = (fr.y.scale(values[i]) + fr.y.scale(values[i + 1])) / 2
        col = int(xm)
        x_centre = col + 0.5
        t = (x_centre - fr.x.scale(i)) / (fr.x.scale(i + 1) - fr.x.scale(i))
        expected = fr.y.scale(values[i]) + t * (fr.y.scale(values[i + 1]) - fr.y.scale(values[i]))
        rows = np.arange(cov.shape[0]) + 0.5
        y_centroid = float((rows * cov[:, col]).sum() / cov[:, col].sum())
        assert abs(y_centroid - expected) < HALF, (i, ym)


def test_line_markers_sit_on_the_points() -> None:
    sc = chart('chart line\ncategories("a", "b", "c")\nseries("s", [2, 8, 5], marker="s")\nline_width(0.01)\n')
    fr = plan(sc).frame
    cov = coverage(render_chart(sc, "array"), BLUE)
    for i, v in enumerate((2, 8, 5)):
        x, y = fr.x.scale(i), fr.y.scale(v)
        r0, c0 = int(y) - 8, int(x) - 8
        cx, cy = centroid(cov[r0:r0 + 17, c0:c0 + 17])
        assert abs(c0 + cx - x) < HALF and abs(r0 + cy - y) < HALF


def test_scatter_points_are_centred_on_their_coordinates() -> None:
    xs, ys = (1, 4.5, 7, 9.25), (3, 1, 8.5, 6)
    sc = chart(f'chart scatter\nseries("p", x={list(xs)}, y={list(ys)})\n')
    fr = plan(sc).frame
    cov = coverage(render_chart(sc, "array"), BLUE)
    for x, y in zip(xs, ys):
        px, py = fr.x.scale(x), fr.y.scale(y)
        r0, c0 = int(py) - 10, int(px) - 10
        cx, cy = centroid(cov[r0:r0 + 21, c0:c0 + 21])
        assert abs(c0 + cx - px) < HALF and abs(r0 + cy - py) < HALF


def test_area_top_follows_the_stacked_values() -> None:
    sc = chart('chart area\ncategories("a", "b", "c")\nseries("x", [2, 2, 3])\nseries("y", [1, 1, 1])\n'
               'legend(false)\n')
    fr = plan(sc).frame
    img = render_chart(sc, "array")
    col = int((fr.x.scale(0) + fr.x.scale(1)) / 2)  # a flat stretch: the edges are horizontal there
    top, mid = fr.y.scale(3), fr.y.scale(2)
    assert abs(rising(coverage(img, ORANGE)[:, col], top) - top) < HALF
    assert abs(falling(weights(img, [BLUE, ORANGE])[:, col, 1], mid) - mid) < HALF


def _angles_of_boundaries(img: np.ndarray, cx: float, cy: float, radius: float,
                          wedge_colours: list[tuple[float, float, float]]) -> list[float]:
    """Walk a circle of ``radius`` counter-clockwise and return the angles where the colour changes."""
    steps = 7200
    labels = []
    for k in range(steps):
        a = 2 * math.pi * k / steps
        x, y = cx + radius * math.cos(a), cy - radius * math.sin(a)
        pix = img[int(y), int(x), :3].astype(float)
        dists = [np.abs(pix - np.array(c) * 255).sum() for c in wedge_colours]
        labels.append(int(np.argmin(dists)))
    return [360 * k / steps for k in range(steps) if labels[k] != labels[k - 1]]


@pytest.mark.parametrize("start", [0, 90, 30])
def test_pie_wedges_start_at_the_angle_and_run_counter_clockwise(start: int) -> None:
    values = (1, 2, 3)
    sc = chart(f'chart pie\ncategories("a", "b", "c")\nseries("s", {list(values)})\nstart_angle({start})\n')
    p = plan(sc)
    cx, cy = p.frame.x.scale(0), p.frame.y.scale(0)
    r = p.frame.x.scale(1) - cx
    img = render_chart(sc, "array")
    found = _angles_of_boundaries(img, cx, cy, 0.6 * r, [BLUE, ORANGE, GREEN])
    expected = sorted((start + 360 * c / 6) % 360 for c in (0, 1, 3))
    tol = math.degrees(1.0 / (0.6 * r)) + 0.05  # a pixel of arc
    assert len(found) == 3
    for f, e in zip(sorted(found), expected):
        assert min(abs(f - e), 360 - abs(f - e)) < tol
    # the first wedge (blue) starts at ``start`` and runs counter-clockwise to start + 60
    mid = math.radians(start + 30)
    pix = img[int(cy - 0.6 * r * math.sin(mid)), int(cx + 0.6 * r * math.cos(mid)), :3]
    assert np.abs(pix.astype(float) - np.array(BLUE) * 255).max() < 3


def test_pie_radius_and_donut_hole() -> None:
    sc = chart('chart donut\ncategories("a", "b")\nseries("s", [1, 1])\nhole(0.4)\n')
    fr = plan(sc).frame
    cx, cy = fr.x.scale(0), fr.y.scale(0)
    r = fr.x.scale(1) - cx
    cov = coverage(render_chart(sc, "array"), BLUE)  # the first wedge covers the upper half
    col = int(cx)
    assert abs(rising(cov[:, col], cy - r) - (cy - r)) < HALF
    assert abs(falling(cov[:, col], cy - 0.4 * r) - (cy - 0.4 * r)) < HALF


def test_log_axis_maps_decades_evenly() -> None:
    sc = chart('chart bar\ncategories("a", "b", "c")\nseries("s", [1, 10, 100])\nvalue_axis(0.1, 1000, log=true)\n')
    fr = plan(sc).frame
    cov = coverage(render_chart(sc, "array"), BLUE)
    y0, y1 = fr.box[1], fr.box[3]
    for i, v in enumerate((1, 10, 100)):
        expected = y1 - (math.log10(v) + 1) / 4 * (y1 - y0)
        assert abs(rising(cov[:, int(fr.x.scale(i))], expected) - expected) < HALF
