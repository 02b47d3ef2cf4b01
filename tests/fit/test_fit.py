"""Chart fitting against charts drawn by matplotlib from known data, with disturbed programs.

Each case draws a small chart with matplotlib (a renderer this project did not write), writes
the program a careless reader would: every value off by a few percent and the plot box off by
up to 2.5 px, then fits it to the image. Fitted values must come within 1% of the truth or
within 1 px of it, whichever is larger: matplotlib rounds bar ends, markers and the axes frame
to whole pixels, so a length between two of them is known to about a pixel. The plot box must
come within 1 px.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from fractions import Fraction
from typing import Any

import numpy as np
import pytest

from recode_dsl import pipeline
from recode_dsl import scene as s
from recode_dsl.fit.chart import fit_chart
from recode_dsl.fit.program import fit_source

mpl = pytest.importorskip("matplotlib")
mpl.use("Agg")
plt = pytest.importorskip("matplotlib.pyplot")

TOL = 0.01  # relative error of a fitted value
PX_TOL = 1.0  # or this many pixels
BOX_TOL = 1.2  # pixels: a shaded box with no visible frame is known to half a pixel (plotbox.HIDDEN_FRAME_PX)
NOISE = (1.08, 0.93, 1.05, 0.91, 1.1, 0.95, 1.07, 0.92)  # what the careless reader multiplies by
BOX_NOISE = (2.5, -2.0, -1.5, 2.2)
CATS = ("a", "b", "c", "d", "e")
BLUE, ORANGE, GREEN = "#1f77b4", "#ff7f0e", "#2ca02c"


def _draw(draw: Callable[[Any], None], size: tuple[float, float] = (4.8, 3.6), dpi: int = 100) -> dict[str, Any]:
    """Run ``draw(ax)`` on a fresh figure: the RGBA image and the axes box, ranges as matplotlib saw them."""
    fig, ax = plt.subplots(figsize=size, dpi=dpi)
    draw(ax)
    fig.canvas.draw()
    bb = ax.get_window_extent()
    h = fig.get_size_inches()[1] * dpi
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=dpi)
    plt.close(fig)
    from skimage.io import imread

    buf.seek(0)
    return {"img": np.asarray(imread(buf)), "box": (bb.x0, h - bb.y1, bb.x1, h - bb.y0),
            "xlim": ax.get_xlim(), "ylim": ax.get_ylim(), "canvas": (int(size[0] * dpi), int(size[1] * dpi))}


def _num(v: float) -> str:
    return f"{v:.6g}"


def _nums(vs: list[float], noisy: bool = True) -> str:
    return "[" + ", ".join(_num(v * (NOISE[i % len(NOISE)] if noisy else 1)) for i, v in enumerate(vs)) + "]"


def _program(kind: str, drawn: dict[str, Any], series: str, value_lim: tuple[float, float],
             other: str) -> str:
    box = [c + d for c, d in zip(drawn["box"], BOX_NOISE)]
    return "\n".join([
        f"chart {kind}  # read by eye",
        f"canvas({drawn['canvas'][0]}, {drawn['canvas'][1]})",
        "plot_box(" + ", ".join(_num(c) for c in box) + ")",
        series,
        f"value_axis({_num(value_lim[0])}, {_num(value_lim[1])})",
        other,
        "ask max(all())",
        "",
    ])


def _chart(source: str) -> s.Chart:
    result = pipeline.compile(source, solve=False)
    assert result.ok, result.diagnostics
    assert isinstance(result.scene, s.Chart)
    return result.scene


def _rel(got: tuple[s.Exact, ...], want: list[float], unit: float = 0.0) -> float:
    """The worst error as a multiple of the tolerance: 1% of the value, or PX_TOL pixels of ``unit`` each."""
    return TOL * max(abs(float(g) - w) / max(TOL * abs(w), PX_TOL * unit) for g, w in zip(got, want))


def _unit(drawn: dict[str, Any], lim: str, horizontal: bool = False) -> float:
    """Data units per pixel along an axis of the drawn chart."""
    x0, y0, x1, y1 = drawn["box"]
    lo, hi = drawn[lim]
    return float(abs(hi - lo) / ((x1 - x0) if horizontal else (y1 - y0)))


def _box_err(chart: s.Chart, drawn: dict[str, Any]) -> float:
    assert chart.plot_box is not None
    return float(max(abs(float(a) - b) for a, b in zip(chart.plot_box, drawn["box"])))


BAR = [42.0, 17.5, 63.25, 30.0, 51.0]


def test_bar_values_and_plot_box() -> None:
    drawn = _draw(lambda ax: ax.bar(range(5), BAR, 0.6, color=BLUE))
    cats = "categories(" + ", ".join(f'"{c}"' for c in CATS) + ")"
    src = _program("bar", drawn, f'{cats}\nseries("S", {_nums(BAR)}, color="{BLUE}")', drawn["ylim"],
                   f"category_axis({_num(drawn['xlim'][0])}, {_num(drawn['xlim'][1])})")
    chart = _chart(src)
    fit = fit_chart(chart, drawn["img"])
    assert fit.changed and fit.measured == fit.marks == 5
    assert _rel(fit.chart.series[0].values, BAR, _unit(drawn, "ylim")) < TOL
    assert _rel(chart.series[0].values, BAR) > 0.05  # the program really was off
    assert _box_err(fit.chart, drawn) <= BOX_TOL < _box_err(chart, drawn)
    assert fit.score_after >= fit.score_before
    assert all(type(v) is int or (type(v) is Fraction and v.denominator > 1) for v in fit.chart.series[0].values)


def test_hbar_and_stacked_bar_values() -> None:
    drawn = _draw(lambda ax: ax.barh(range(5), BAR, 0.6, color=ORANGE))
    cats = "categories(" + ", ".join(f'"{c}"' for c in CATS) + ")"
    src = _program("hbar", drawn, f'{cats}\nseries("S", {_nums(BAR)}, color="{ORANGE}")', drawn["xlim"],
                   f"category_axis({_num(drawn['ylim'][0])}, {_num(drawn['ylim'][1])})")
    fit = fit_chart(_chart(src), drawn["img"])
    assert _rel(fit.chart.series[0].values, BAR, _unit(drawn, "xlim", True)) < TOL
    top = [20.0, 35.5, 12.0, 28.0, 40.0]

    def stacked(ax: Any) -> None:
        ax.bar(range(5), BAR, 0.6, color=BLUE)
        ax.bar(range(5), top, 0.6, bottom=BAR, color=GREEN)

    drawn = _draw(stacked)
    series = f'series("A", {_nums(BAR)}, color="{BLUE}")\nseries("B", {_nums(top)}, color="{GREEN}")'
    src = _program("stacked_bar", drawn, f"{cats}\n{series}", drawn["ylim"],
                   f"category_axis({_num(drawn['xlim'][0])}, {_num(drawn['xlim'][1])})")
    fit = fit_chart(_chart(src), drawn["img"])
    assert _rel(fit.chart.series[0].values, BAR, _unit(drawn, "ylim")) < TOL
    assert _rel(fit.chart.series[1].values, top, 2 * _unit(drawn, "ylim")) < TOL  # both ends carry error


def test_line_vertices_with_and_without_markers() -> None:
    a, b = [12.0, 30.5, 22.0, 41.0, 35.0], [25.0, 18.0, 38.5, 20.0, 44.0]

    def lines(ax: Any) -> None:
        ax.plot(range(5), a, color=BLUE, marker="o")
        ax.plot(range(5), b, color=ORANGE)

    drawn = _draw(lines)
    cats = "categories(" + ", ".join(f'"{c}"' for c in CATS) + ")"
    series = f'series("A", {_nums(a)}, color="{BLUE}", marker="o")\nseries("B", {_nums(b)}, color="{ORANGE}")'
    src = _program("line", drawn, f"{cats}\n{series}", drawn["ylim"],
                   f"category_axis({_num(drawn['xlim'][0])}, {_num(drawn['xlim'][1])})")
    fit = fit_chart(_chart(src), drawn["img"])
    assert _rel(fit.chart.series[0].values, a, _unit(drawn, "ylim")) < TOL
    assert _rel(fit.chart.series[1].values, b, _unit(drawn, "ylim")) < TOL


def test_scatter_points() -> None:
    xs = [1.0, 2.5, 4.0, 5.5, 7.0, 8.5]
    ys = [20.0, 45.0, 30.0, 70.0, 55.0, 90.0]
    drawn = _draw(lambda ax: ax.scatter(xs, ys, color=BLUE))
    series = f'series("P", x={_nums(xs)}, y={_nums(ys)}, color="{BLUE}")'
    src = _program("scatter", drawn, series, drawn["ylim"], f"x_axis({_num(drawn['xlim'][0])}, "
                   f"{_num(drawn['xlim'][1])})")
    fit = fit_chart(_chart(src), drawn["img"])
    assert _rel(fit.chart.series[0].x, xs, _unit(drawn, "xlim", True)) < TOL
    assert _rel(fit.chart.series[0].y, ys, _unit(drawn, "ylim")) < TOL


@pytest.mark.parametrize("start", [0, 90])
def test_pie_shares(start: int) -> None:
    vals = [35.0, 20.0, 30.0, 15.0]
    colours = [BLUE, ORANGE, GREEN, "#d62728"]
    drawn = _draw(lambda ax: ax.pie(vals, colors=colours, startangle=start), size=(4.0, 4.0))
    cats = "categories(" + ", ".join(f'"{c}"' for c in CATS[:4]) + ")"
    cols = ", ".join(f'"{c}"' for c in colours)
    src = f'chart pie\ncanvas(400, 400)\n{cats}\nseries("share", {_nums(vals)}, colors=[{cols}])\n'
    fit = fit_chart(_chart(src), drawn["img"])
    got = [float(v) for v in fit.chart.series[0].values]
    shares = [g / sum(got) for g in got]
    assert max(abs(sh - v / sum(vals)) / (v / sum(vals)) for sh, v in zip(shares, vals)) < TOL
    assert fit.chart.start_angle is not None
    assert abs((float(fit.chart.start_angle) - start + 180) % 360 - 180) < 1.0


def test_image_of_something_else_leaves_values_and_says_so() -> None:
    drawn = _draw(lambda ax: ax.plot([0, 1, 2], [3, 1, 2], color="black"))
    cats = "categories(" + ", ".join(f'"{c}"' for c in CATS) + ")"
    src = _program("bar", drawn, f'{cats}\nseries("S", {_nums(BAR)}, color="{BLUE}")', drawn["ylim"],
                   "category_axis(-0.5, 4.5)")
    chart = _chart(src)
    fit = fit_chart(chart, drawn["img"])
    assert not fit.changed and fit.chart == chart
    assert [d.code for d in fit.diagnostics] == ["E070"]
    noise = np.random.default_rng(0).integers(0, 255, (120, 160, 3), dtype=np.uint8)
    assert not fit_chart(chart, noise).changed
    pie = _chart('chart pie\ncategories("a", "b")\nseries("s", [1, 2])\n')
    assert not fit_chart(pie, np.full((50, 50, 4), 255, np.uint8)).changed


def test_missing_geometry_is_reported() -> None:
    chart = _chart('chart bar\ncategories("a", "b")\nseries("S", [1, 2])\n')
    fit = fit_chart(chart, np.full((60, 80, 3), 255, np.uint8))
    assert fit.chart == chart and fit.diagnostics[0].code == "E073"


def test_program_text_keeps_comments_and_asks() -> None:
    drawn = _draw(lambda ax: ax.bar(range(5), BAR, 0.6, color=BLUE))
    cats = "categories(" + ", ".join(f'"{c}"' for c in CATS) + ")"
    src = _program("bar", drawn, f'{cats}\nseries("S", {_nums(BAR)}, color="{BLUE}")', drawn["ylim"],
                   f"category_axis({_num(drawn['xlim'][0])}, {_num(drawn['xlim'][1])})")
    text, fit = fit_source(src, drawn["img"])
    assert fit is not None and fit.changed
    assert "# read by eye" in text and "ask max(all())" in text
    again = _chart(text)
    assert [x.values for x in again.series] == [x.values for x in fit.chart.series]
    assert again.plot_box == fit.chart.plot_box
    assert fit_source("figure\npoint A = (0, 0)\n", drawn["img"]) == ("figure\npoint A = (0, 0)\n", None)


def test_model_loop_fits_chart_candidates_when_asked() -> None:
    from recode_dsl.agent.loop import evaluate

    drawn = _draw(lambda ax: ax.bar(range(5), BAR, 0.6, color=BLUE))
    cats = "categories(" + ", ".join(f'"{c}"' for c in CATS) + ")"
    src = _program("bar", drawn, f'{cats}\nseries("S", {_nums(BAR)}, color="{BLUE}")', drawn["ylim"],
                   f"category_axis({_num(drawn['xlim'][0])}, {_num(drawn['xlim'][1])})")
    assert evaluate(src, drawn["img"], 10.0).program == src
    fitted = evaluate(src, drawn["img"], 10.0, fit=True)
    assert fitted.program != src and fitted.result.ok
    assert isinstance(fitted.result.scene, s.Chart)
    assert _rel(fitted.result.scene.series[0].values, BAR, _unit(drawn, "ylim")) < TOL


@pytest.mark.parametrize("style", ["default", "ggplot", "bmh", "seaborn-v0_8-whitegrid"])
def test_grouped_bars_and_plot_box_in_matplotlib_styles(style: str) -> None:
    """Frames drawn as dark, light or no lines (a filled background), gridlines over or under bars."""
    b = [28.0, 44.0, 12.5, 36.0, 21.0]
    palette = ("#e24a33", "#348abd") if style == "ggplot" else (BLUE, ORANGE)

    def grouped(ax: Any) -> None:
        ax.bar([i - 0.2 for i in range(5)], BAR, 0.4, color=palette[0])
        ax.bar([i + 0.2 for i in range(5)], b, 0.4, color=palette[1])

    with plt.style.context(style):
        drawn = _draw(grouped)
    cats = "categories(" + ", ".join(f'"{c}"' for c in CATS) + ")"
    series = f'series("A", {_nums(BAR)}, color="{palette[0]}")\nseries("B", {_nums(b)}, color="{palette[1]}")'
    src = _program("grouped_bar", drawn, f"{cats}\n{series}", drawn["ylim"],
                   f"category_axis({_num(drawn['xlim'][0])}, {_num(drawn['xlim'][1])})")
    chart = _chart(src)
    fit = fit_chart(chart, drawn["img"])
    assert _box_err(fit.chart, drawn) <= BOX_TOL < _box_err(chart, drawn)
    assert _rel(fit.chart.series[0].values, BAR, _unit(drawn, "ylim")) < TOL
    assert _rel(fit.chart.series[1].values, b, _unit(drawn, "ylim")) < TOL


def test_program_without_plot_box_gets_the_one_in_the_image() -> None:
    drawn = _draw(lambda ax: ax.bar(range(5), BAR, 0.6, color=BLUE))
    cats = "categories(" + ", ".join(f'"{c}"' for c in CATS) + ")"
    src = _program("bar", drawn, f'{cats}\nseries("S", {_nums(BAR)}, color="{BLUE}")', drawn["ylim"],
                   f"category_axis({_num(drawn['xlim'][0])}, {_num(drawn['xlim'][1])})")
    src = "\n".join(line for line in src.splitlines() if not line.startswith("plot_box")) + "\n"
    text, fit = fit_source(src, drawn["img"])
    assert fit is not None and fit.changed
    assert _box_err(fit.chart, drawn) <= BOX_TOL
    assert _rel(fit.chart.series[0].values, BAR, _unit(drawn, "ylim")) < TOL
    assert _chart(text).plot_box == fit.chart.plot_box
    elsewhere = np.full_like(drawn["img"], 255)  # nothing where matplotlib puts the frame
    assert [d.code for d in fit_chart(_chart(src), elsewhere).diagnostics] == ["E073"]


def test_stacked_area_boundaries_up_to_the_plot_box_sides() -> None:
    a, b = [12.0, 30.5, 22.0, 41.0, 35.0], [25.0, 18.0, 38.5, 20.0, 44.0]

    def areas(ax: Any) -> None:
        ax.stackplot(range(5), a, b, colors=[BLUE, ORANGE])
        ax.set_xlim(0, 4)

    drawn = _draw(areas)
    cats = "categories(" + ", ".join(f'"{c}"' for c in CATS) + ")"
    series = f'series("A", {_nums(a)}, color="{BLUE}")\nseries("B", {_nums(b)}, color="{ORANGE}")'
    src = _program("area", drawn, f"{cats}\n{series}", drawn["ylim"], "category_axis(0, 4)")
    fit = fit_chart(_chart(src), drawn["img"])
    assert fit.measured == fit.marks == 10
    assert _rel(fit.chart.series[0].values, a, _unit(drawn, "ylim")) < TOL
    assert _rel(fit.chart.series[1].values, b, 2 * _unit(drawn, "ylim")) < TOL


def test_bars_with_a_colour_each() -> None:
    colours = [BLUE, ORANGE, GREEN, "#d62728", "#9467bd"]
    drawn = _draw(lambda ax: ax.bar(range(5), BAR, 0.6, color=colours))
    cats = "categories(" + ", ".join(f'"{c}"' for c in CATS) + ")"
    cols = ", ".join(f'"{c}"' for c in colours)
    src = _program("bar", drawn, f'{cats}\nseries("S", {_nums(BAR)}, colors=[{cols}])', drawn["ylim"],
                   f"category_axis({_num(drawn['xlim'][0])}, {_num(drawn['xlim'][1])})")
    fit = fit_chart(_chart(src), drawn["img"])
    assert fit.measured == fit.marks == 5
    assert _rel(fit.chart.series[0].values, BAR, _unit(drawn, "ylim")) < TOL
