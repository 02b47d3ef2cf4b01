"""Charts left without layout look like matplotlib's: same plot box, ranges, ticks and marks.

Each test draws the same data with matplotlib's default style and with the renderer, then
compares what matplotlib reports (limits, ticks) and where the marks are in both images.
"""

from __future__ import annotations

import io

import numpy as np
import pytest

import recode_dsl
from recode_dsl import colours
from recode_dsl import scene as s
from recode_dsl.renderer.axes import auto_range, nice_ticks
from recode_dsl.renderer.chart import plan, render_chart

mpl = pytest.importorskip("matplotlib")
mpl.use("Agg")
plt = pytest.importorskip("matplotlib.pyplot")
PIL = pytest.importorskip("PIL.Image")

BLUE = colours.rgb(colours.DEFAULT_CYCLE[0])


def chart(src: str) -> s.Chart:
    result = recode_dsl.compile(src)
    assert result.ok, result.diagnostics
    assert isinstance(result.scene, s.Chart)
    return result.scene


def mask(img: np.ndarray, rgb: tuple[float, float, float]) -> np.ndarray:
    return np.abs(img[..., :3].astype(float) - np.array(rgb) * 255).max(axis=-1) < 40


def iou(a: np.ndarray, b: np.ndarray) -> float:
    return float((a & b).sum() / (a | b).sum())


def draw_mpl(draw: object) -> tuple[np.ndarray, object, object]:
    plt.style.use("default")
    fig, ax = plt.subplots()
    draw(ax)  # type: ignore[operator]
    buf = io.BytesIO()
    fig.savefig(buf, format="png")
    plt.close(fig)
    return np.asarray(PIL.open(io.BytesIO(buf.getvalue())).convert("RGBA")), ax.get_xlim(), ax.get_ylim()


VALUES = [12, 15.5, 9, 21.25, 3]
CATS = ["a", "b", "c", "d", "e"]
SRC_CATS = ", ".join(f'"{c}"' for c in CATS)


def test_default_box_is_matplotlibs() -> None:
    p = plan(chart(f"chart bar\ncategories({SRC_CATS})\nseries(\"s\", {VALUES})\n"))
    assert p.frame.box == pytest.approx((80, 57.6, 576, 427.2))


@pytest.mark.parametrize("kind", ["bar", "hbar"])
def test_bars_overlay_matplotlib(kind: str) -> None:
    x = np.arange(len(VALUES))
    theirs, xlim, ylim = draw_mpl(lambda ax: (ax.bar if kind == "bar" else ax.barh)(x, VALUES, 0.6))
    sc = chart(f"chart {kind}\ncategories({SRC_CATS})\nseries(\"s\", {VALUES})\n")
    fr = plan(sc).frame
    value, cat = (fr.y, fr.x) if kind == "bar" else (fr.x, fr.y)
    their_value, their_cat = (ylim, xlim) if kind == "bar" else (xlim, ylim)
    assert (value.scale.lo, value.scale.hi) == pytest.approx(their_value)
    assert (cat.scale.lo, cat.scale.hi) == pytest.approx(their_cat)
    ours = render_chart(sc, "array")
    assert iou(mask(theirs, BLUE), mask(ours, BLUE)) > 0.97


def test_line_overlays_matplotlib() -> None:
    theirs, xlim, ylim = draw_mpl(lambda ax: ax.plot(range(len(VALUES)), VALUES))
    sc = chart(f"chart line\ncategories({SRC_CATS})\nseries(\"s\", {VALUES})\n")
    fr = plan(sc).frame
    assert (fr.y.scale.lo, fr.y.scale.hi) == pytest.approx(ylim)
    assert (fr.x.scale.lo, fr.x.scale.hi) == pytest.approx(xlim)
    ours = render_chart(sc, "array")
    a, b = mask(theirs, BLUE), mask(ours, BLUE)
    cols = [c for c in range(100, 560, 7) if a[:, c].any() and b[:, c].any()]
    rows = np.arange(a.shape[0])
    diffs = [abs(rows[a[:, c]].mean() - rows[b[:, c]].mean()) for c in cols]
    assert len(cols) > 50 and float(np.median(diffs)) < 1.0


def test_scatter_overlays_matplotlib() -> None:
    xs, ys = [1, 4.5, 7, 9.25, 2], [3, 1, 8.5, 6, 7]
    theirs, xlim, ylim = draw_mpl(lambda ax: ax.scatter(xs, ys))
    sc = chart(f"chart scatter\nseries(\"p\", x={xs}, y={ys})\n")
    fr = plan(sc).frame
    assert (fr.x.scale.lo, fr.x.scale.hi) == pytest.approx(xlim)
    assert (fr.y.scale.lo, fr.y.scale.hi) == pytest.approx(ylim)
    assert iou(mask(theirs, BLUE), mask(render_chart(sc, "array"), BLUE)) > 0.8  # 10 px dots: edges weigh a lot


def test_pie_overlays_matplotlib() -> None:
    theirs, _, _ = draw_mpl(lambda ax: ax.pie(VALUES, labels=CATS, startangle=90))
    sc = chart(f"chart pie\ncategories({SRC_CATS})\nseries(\"s\", {VALUES})\nstart_angle(90)\n")
    ours = render_chart(sc, "array")
    for c in colours.DEFAULT_CYCLE[:5]:
        assert iou(mask(theirs, colours.rgb(c)), mask(ours, colours.rgb(c))) > 0.95


@pytest.mark.parametrize("lo, hi", [(0, 22.3125), (8.3875, 21.8625), (-3.5, 1234.0), (0.5, 0.53), (0, 26250)])
def test_ticks_are_matplotlibs(lo: float, hi: float) -> None:
    from matplotlib.ticker import MaxNLocator

    theirs = [t for t in MaxNLocator(nbins=9, steps=[1, 2, 2.5, 5, 10]).tick_values(lo, hi) if lo <= t <= hi]
    assert nice_ticks(lo, hi, 9) == pytest.approx(theirs)


def test_margins_stop_at_sticky_edges() -> None:
    assert auto_range(0, 10, sticky=(0,)) == (0.0, 10.5)
    assert auto_range(-10, 0, sticky=(0,)) == (-10.5, 0.0)
    assert auto_range(2, 10) == (1.6, 10.4)
