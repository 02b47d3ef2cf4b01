"""Rules of reading a chart, each on charts drawn here for it (matplotlib, random data per seed).

- a bar's value is read at its far end: a spine drawn over its base does not move it;
- the values a chart shares a precision in snap to it; values that do not, do not;
- an axis is the line through most tick labels: a misread label does not pull it;
- greyscale palettes: black, dark grey and grey bars are three series, named by the legend;
- light grey tick labels on a grey ground are read;
- a chart with no text at all is still read (kind, bars), in percent of its plot box, with a warning;
- lines with no text nor frame, over gridlines alone, are a line chart; black strokes are not;
- noise is no chart (random colours, speckle, an empty page), refused before the text finder;
- a plot box's side is its frame line even where bars drawn to the frame hide every gridline;
- a line with a few rim specks in its colour is a line; thick steep lines are lines, not areas;
- a bar with a corner hidden is its rectangle; a legend inside a frame is read (its frame is no swatch);
- a frameless box reaches its value axis's ticks; upright bars with no value axis are read in
  percent even over a row of years (a value axis's labels cut off by the image's side);
- faint vertical gridlines, or with none the lines' corners, split labels run together; labels
  reaching past a panel's sides do not grow the box past it (its shade is no mark).
- a mark's pixels beside the plot box's sides are the mark's; a frame line in its colour is not;
- a steep line's end vertex is read at its drawn end, not at a slot a pixel off.
- classic's black marker edges and legend frame (short strokes spread across) are no line series;
  its inward ticks, not its frame's two sides, are a line chart's categories.
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable
from contextlib import AbstractContextManager
from decimal import Decimal
from typing import Any

import numpy as np
import pytest
from numpy.typing import NDArray

from recode_dsl.derender import common_step, derender_image, snap
from recode_dsl.perception import axes as ax
from recode_dsl.perception import ocr
from recode_dsl.perception.chart import (
    FLAT_RUN_PX,
    NotAChart,
    _gappy,
    _line_ends,
    _noise,
    _slivers_dropped,
    _vertex,
    _vertex_slots,
    as_rgb,
    read_chart,
)
from recode_dsl.perception.text import Text, ground_colour
from tests.perception.conftest import figure_pixels as _draw
from tests.perception.conftest import pyplot as _pyplot

needs_ocr = pytest.mark.skipif(not ocr.available(), reason="the OCR engine (tesserocr + tesseract-ocr-eng) is missing")


def _bars(style: str, values: list[list[int]], cats: list[str], names: list[str] | None = None,
          colours: list[str] | None = None, top: float | None = None,
          rc: dict[str, str] | None = None, legend: str = "best") -> NDArray[np.uint8]:
    plt = _pyplot()

    with plt.style.context(style), plt.rc_context(rc or {}):  # type: ignore[arg-type]
        fig, axes = plt.subplots(figsize=(6.4, 4.8), dpi=100)
        x = np.arange(len(cats))
        n = len(values)
        width = 0.8 / n
        for i, vals in enumerate(values):
            axes.bar(x - 0.4 + width * (i + 0.5), vals, width, label=names[i] if names else None,
                     color=colours[i] if colours else None)
        axes.set_xticks(x, cats)
        if top is not None:
            axes.set_ylim(0, top)
        if names:
            axes.legend(loc=legend)  # type: ignore[call-overload]
        return _draw(fig)


@needs_ocr
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_a_spine_over_the_bars_base_does_not_move_their_values(seed: int) -> None:
    rng = random.Random(seed)
    vals = [rng.randint(3, 50) for _ in range(5)]
    img = _bars("fivethirtyeight", [vals], ["Mon", "Tue", "Wed", "Thu", "Fri"])
    got = derender_image(img, verify=False)
    assert got.kind == "bar" and got.table is not None
    read = got.table["series"][0]["values"]
    assert max(abs(r - v) / v for r, v in zip(read, vals)) <= 0.01, (read, vals)


@pytest.mark.parametrize("seed", range(5))
def test_values_that_share_a_precision_snap_to_it(seed: int) -> None:
    rng = np.random.default_rng(seed)
    per_px = float(rng.choice([0.05, 0.1, 0.2]))  # 1 unit is 5 to 20 pixels
    true = rng.integers(1, 60, size=8).astype(float)
    measured = true + rng.uniform(-0.5, 0.5, size=8) * per_px  # half a pixel off at most
    step = common_step(list(measured), per_px)
    assert step == Decimal(1)
    assert [snap(v, step) for v in measured] == [Decimal(int(v)) for v in true]


@pytest.mark.parametrize("seed", range(5))
def test_values_that_share_no_precision_are_not_snapped(seed: int) -> None:
    rng = np.random.default_rng(seed)
    measured = list(rng.uniform(1, 60, size=8))  # any decimals
    assert common_step(measured, 0.1) is None  # 1 unit = 10 px: no grid of 1 (or 10) fits them all
    assert common_step([measured[0]], 0.001) is None  # one value on a fine grid proves nothing


def _label(value: float | None, text: str, y: float) -> Text:
    return Text(text, 0.95, (10, int(y) - 6, 30, int(y) + 6), 0, (20.0, y), value)


def test_a_misread_label_does_not_pull_the_axis() -> None:
    rgb = np.ones((400, 300, 3))
    labels = [_label(v, str(v), 350 - 30 * k) for k, v in enumerate([0.0, 20.0, 40.0, 60.0])]
    labels.append(_label(8.0e23, "80001000012000", 230.0))  # labels run together, read as one number
    axis = ax.find_axis(labels, rgb, vertical=True)
    assert axis is not None and not axis.log
    assert len(axis.ticks) == 4
    assert axis.value(350.0) == pytest.approx(0.0, abs=1e-6)
    assert axis.value(260.0) == pytest.approx(60.0, abs=1e-6)


@needs_ocr
def test_greyscale_bars_are_three_series_named_by_the_legend() -> None:
    img = _bars("default", [[21, 7, 66], [74, 53, 5], [75, 77, 85]], ["Tue", "Wed", "Thu"],
                names=["Men", "Women", "Children"], colours=["#000000", "#7f7f7f", "#1a1a1a"], top=140)
    # (the legend stays clear of the bars: marks under a legend are another matter)
    facts = read_chart(img)
    assert facts.kind == "grouped_bar"
    assert [s.name for s in facts.series] == ["Men", "Women", "Children"]
    assert facts.categories == ["Tue", "Wed", "Thu"]


@needs_ocr
def test_light_grey_tick_labels_are_read() -> None:
    img = _bars("default", [[12, 35, 27, 41]], ["A1", "B2", "C3", "D4"],
                rc={"axes.facecolor": "#f0f0f0", "figure.facecolor": "#f0f0f0", "xtick.color": "#c4c4c4",
                    "ytick.color": "#c4c4c4", "xtick.labelcolor": "#b0b0b0", "ytick.labelcolor": "#b0b0b0",
                    "axes.edgecolor": "#f0f0f0"})
    facts = read_chart(img)
    assert facts.value_axis is not None and len(facts.value_axis.ticks) >= 4
    assert facts.categories == ["A1", "B2", "C3", "D4"]


def test_a_chart_with_no_text_is_read_in_percent_with_a_warning() -> None:
    plt = _pyplot()

    fig, axes = plt.subplots(figsize=(6.4, 4.8), dpi=100)
    axes.bar([0, 1, 2, 3], [40, 10, 30, 20], 0.6)
    axes.set_ylim(0, 50)
    axes.set_xticks([])
    axes.set_yticks([])
    got = derender_image(_draw(fig), verify=False)
    assert got.error is None and got.kind == "bar"
    assert any("percent of the plot box" in w for w in got.warnings)
    assert got.table is not None
    read = got.table["series"][0]["values"]
    assert read == pytest.approx([80, 20, 60, 40], abs=1.0)  # 40 of 50 is 80% of the box


@needs_ocr
@pytest.mark.parametrize("seed", [4, 5])
def test_stacked_bars_with_black_edges_are_a_stack(seed: int) -> None:
    plt = _pyplot()

    rng = random.Random(seed)
    low = [rng.randint(20, 90) * 10 for _ in range(5)]
    high = [rng.randint(20, 90) * 10 for _ in range(5)]
    with plt.style.context("classic"):
        fig, axes = plt.subplots(figsize=(6.4, 4.8), dpi=100)
        axes.bar(range(5), low, 0.6, label="Costs")
        axes.bar(range(5), high, 0.6, bottom=low, label="Imports")
        axes.set_xticks(range(5), ["Q1", "Q2", "Q3", "Q4", "Q5"])
        axes.set_ylim(0, 2500)
        axes.legend(loc="upper left", fontsize=8)
        img = _draw(fig)
    facts = read_chart(img)
    assert facts.kind == "stacked_bar"
    got = {s.name: s.values for s in facts.series}
    assert set(got) == {"Costs", "Imports"}
    assert facts.value_axis is not None
    px = facts.value_axis.per_pixel
    # within 1.5 px (the boundary under a black edge line is still read up to a pixel low: a
    # segment under one is not yet within 1%)
    for name, want in (("Costs", low), ("Imports", high)):
        assert all(abs(float(g or 0) - w) <= 1.5 * px for g, w in zip(got[name], want)), (name, got[name], want)


def _textless_lines(seed: int, colours: list[str], n: int) -> tuple[NDArray[np.uint8], list[list[int]]]:
    """Lines over dotted horizontal gridlines alone: no frame, no ticks, no text (as Vega-Lite's
    themes whose font is missing draw them)."""
    plt = _pyplot()

    rng = random.Random(seed)
    values = [[rng.randint(5, 95) for _ in range(n)] for _ in colours]
    fig, axes = plt.subplots(figsize=(6.4, 4.0), dpi=100)
    for vals, colour in zip(values, colours):
        axes.plot(range(n), vals, color=colour, linewidth=2.5)
    axes.set_xlim(-0.5, n - 0.5)
    axes.set_ylim(0, 100)
    axes.set_yticks([0, 25, 50, 75, 100])
    axes.set_xticks([])
    axes.grid(axis="y", linestyle=":", color="#bbbbbb")
    axes.tick_params(length=0, labelleft=False)
    for spine in axes.spines.values():
        spine.set_visible(False)
    return _draw(fig), values


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_a_line_chart_with_no_text_nor_frame_is_a_line_chart(seed: int) -> None:
    # the plot box from the gridlines alone; the categories are the fewest evenly spaced
    # corners that reproduce the lines
    n = 4 + seed
    img, values = _textless_lines(seed, ["#1f77b4", "#d62728"], n)
    facts = read_chart(img)
    assert facts.kind == "line"
    assert len(facts.categories) == n
    assert any("percent of the plot box" in w for w in facts.warnings)
    read = sorted(facts.series, key=lambda s: s.colour[0])  # blue, then red
    for got, want in zip(read, values):
        assert [float(v or 0) for v in got.values] == pytest.approx(want, abs=2.0)


def _is_noise(img: NDArray[np.generic]) -> bool:
    rgb = as_rgb(img)
    return _noise(rgb, ground_colour(rgb), min(FLAT_RUN_PX, min(rgb.shape[:2]) // 10))


@pytest.mark.parametrize("seed", [1, 2])
def test_noise_is_no_chart(seed: int) -> None:
    rng = np.random.default_rng(seed)
    colours = (rng.random((200, 300, 3)) * 255).astype(np.uint8)
    speckle = np.full((500, 700, 3), 255, np.uint8)
    speckle[rng.random((500, 700)) < 0.1 + 0.05 * seed] = rng.integers(0, 200, 3, dtype=np.uint8)
    blank = np.full((300, 400, 3), 240, np.uint8)
    for img in (colours, speckle, blank):
        assert _is_noise(img)
        with pytest.raises(NotAChart, match="not a chart"):
            read_chart(img)


def test_charts_with_no_flat_run_are_not_noise() -> None:
    # steep lines over dotted gridlines draw no flat run of one colour: few colours, and most of
    # the ink in strokes, not specks, keep them a chart; charts of every kind have a flat run
    for seed in (1, 2, 3):
        img, _ = _textless_lines(seed, ["#1f77b4", "#d62728"], 4 + seed)
        assert not _is_noise(img)
    # a few points over dotted gridlines both ways: most of the ink is the gridlines' dots, yet
    # they cover about 1% of the page (speckle covers 10% and more)
    plt = _pyplot()

    rng = np.random.default_rng(5)
    fig, axes = plt.subplots(figsize=(5.8, 3.3), dpi=100)
    axes.scatter(rng.uniform(0, 10, 8), rng.uniform(0, 10, 8), s=30, color="#5ba3cf")
    axes.grid(True, linestyle=(0, (1, 3)), color="#bbbbbb")
    axes.tick_params(length=0, labelleft=False, labelbottom=False)
    for spine in axes.spines.values():
        spine.set_visible(False)
    assert not _is_noise(_draw(fig))
    from pathlib import Path

    from PIL import Image

    fixtures = sorted((Path(__file__).parents[1] / "fixtures" / "perception").glob("*.png"))
    assert len(fixtures) >= 10
    for path in fixtures:
        with Image.open(path) as im:
            assert not _is_noise(np.asarray(im.convert("RGB"))), path.name


def test_black_strokes_over_even_lines_are_no_chart() -> None:
    # a line drawing (a figure) is not taken for a chart without axes: marks read in percent
    # must be coloured
    img, _ = _textless_lines(4, ["black"], 5)
    with pytest.raises(NotAChart):
        read_chart(img)


@needs_ocr
@pytest.mark.parametrize("seed", [7, 8])
def test_steep_line_vertices_are_read_where_the_segments_meet(seed: int) -> None:
    # zig-zags of 0..50 over 9 categories: each segment climbs several pixels a column, so a slot
    # half a pixel off (label centres, snapped ticks) would move a vertex by pixels
    plt = _pyplot()

    rng = random.Random(seed)
    vals = [rng.choice([rng.randint(2, 12), rng.randint(38, 48)]) for _ in range(9)]
    fig, axes = plt.subplots(figsize=(4.4, 4.0), dpi=100)
    axes.plot(range(9), vals, marker="o", color="#1f77b4")
    axes.set_xticks(range(9), [str(2010 + i) for i in range(9)])
    axes.set_ylim(0, 50)
    facts = read_chart(_draw(fig))
    assert facts.kind == "line" and facts.value_axis is not None
    px = facts.value_axis.per_pixel
    got = [float(v or 0) for v in facts.series[0].values]
    assert len(got) == len(vals)
    assert all(abs(g - w) <= 0.6 * px for g, w in zip(got, vals)), (got, vals, px)


def test_a_line_running_a_spacing_past_its_outermost_label_has_a_category_there() -> None:
    m = np.zeros((40, 300), bool)
    m[20, 48:253] = True  # a line from x = 48 to 252
    slots, names = _line_ends([100.0, 150.0, 200.0], ["b", "c", "d"], [m])
    assert slots == [50.0, 100.0, 150.0, 200.0, 250.0]
    assert names == [None, "b", "c", "d", None]
    m[:] = False
    m[20, 98:203] = True  # from the first label to the last: nothing added
    assert _line_ends([100.0, 150.0, 200.0], ["b", "c", "d"], [m]) == ([100.0, 150.0, 200.0], ["b", "c", "d"])


@needs_ocr
@pytest.mark.parametrize("seed", [1, 2])
def test_inward_ticks_of_a_frame_with_no_margin_are_the_line_charts_categories(seed: int) -> None:
    # classic: tick marks drawn inward at the bottom and top, no gridlines, the lines' ends on the
    # frame's sides; the frame's two sides are no gridlines, and a line hiding an inward tick at
    # one side leaves it at the other: one category a tick, each value at its tick
    cats = ["Apples", "Pears", "Plums", "Cherries", "Grapes", "Mangoes", "Lemons", "Figs"]
    rng = random.Random(seed)
    values = [[float(rng.randint(2, 10)) for _ in cats] for _ in range(2)]
    img = _line_chart(cats, values, ["Costs", "Online"], lambda plt: plt.style.context("classic"),
                      inches=5.0, legend_size=8, marker="o")
    facts = read_chart(img)
    assert facts.kind == "line" and len(facts.categories) == len(cats)
    px = facts.value_axis.per_pixel if facts.value_axis is not None else 1.0
    for want in values:
        got = min(facts.series, key=lambda s: sum(abs(float(g or 0) - w) for g, w in zip(s.values, want)))
        # a value under the legend or on the frame's top may be missed; the rest are at their ticks
        assert sum(abs(float(g or 0) - w) <= 2.5 * px for g, w in zip(got.values, want)) >= 6


@needs_ocr
def test_grouped_bars_with_black_edges_are_one_group_a_category() -> None:
    # classic: each bar's black edge line leaves 3 px between the bars of a group (not their colour)
    cats = ["Spain", "Poland", "Sweden", "Norway", "Greece", "Japan"]
    rng = random.Random(65)
    values = [[rng.randint(5, 45) for _ in cats] for _ in range(3)]
    img = _bars("classic", values, cats, names=["Exports", "Online", "Women"], top=60)
    facts = read_chart(img)
    assert facts.kind == "grouped_bar"
    assert facts.categories == cats
    assert len(facts.series) == 3 and all(len(s.values) == len(cats) for s in facts.series)


@needs_ocr
@pytest.mark.parametrize("seed", [1, 2])
def test_series_no_legend_names_are_in_their_order_across_each_group(seed: int) -> None:
    # no legend: the series are in the order a plot draws them across a group, left to right,
    # not by their ink (the first series here is the smaller, so it has less of it)
    rng = random.Random(seed)
    cats = ["2012", "2013", "2014", "2015"]
    small = [rng.randint(5, 15) for _ in cats]
    big = [rng.randint(30, 45) for _ in cats]
    facts = read_chart(_bars("default", [small, big], cats, top=50))
    assert facts.kind == "grouped_bar" and len(facts.series) == 2
    assert [s.name for s in facts.series] == [None, None]
    for got, want in zip(facts.series, (small, big)):
        assert all(v is not None and abs(v - w) <= 0.02 * w for v, w in zip(got.values, want)), (got.values, want)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_a_frame_line_beyond_bars_is_the_box_side(seed: int) -> None:
    # horizontal bars drawn up to a light frame hide the 20 vertical gridlines there: the gridlines'
    # ends vote for a top at the gap under the first bar, but the frame's top line, to which the
    # side lines run, is the box's top
    plt = _pyplot()

    from recode_dsl.perception.plotbox import find_plot_box

    rng = np.random.default_rng(seed)
    fig, axes = plt.subplots(figsize=(5.2, 5.0), dpi=100)
    vals = rng.uniform(10, 19, 4)
    vals[2] = 0
    axes.barh(range(4), vals, height=0.9, color="#4c78a8", zorder=2)
    axes.set_ylim(-0.45, 3.45)
    axes.set_xlim(0, 20)
    axes.set_xticks(range(21))
    axes.grid(axis="x", color="#dddddd", zorder=0)
    for spine in axes.spines.values():
        spine.set_color("#bbbbbb")
    fig.canvas.draw()
    frame = axes.get_window_extent()
    height = fig.canvas.get_width_height()[1]
    img = _draw(fig)
    found = find_plot_box(img)
    assert found is not None
    x0, y0, x1, y1 = found.box
    assert abs(y0 - (height - frame.y1)) <= 1.0 and abs(y1 - (height - frame.y0)) <= 1.0
    assert abs(x0 - frame.x0) <= 1.0 and abs(x1 - frame.x1) <= 1.0


def test_a_line_with_a_few_rim_specks_in_its_colour_is_a_line_not_specks() -> None:
    # neighbours' anti-aliased rims take a line's colour in a few lone pixels: the line is still
    # one long piece holding nearly all its pixels; a rim of lone pixels alone is specks
    from scipy import ndimage

    from recode_dsl.perception.chart import _specks

    m = np.zeros((100, 300), bool)
    rows = (50 + 30 * np.sin(np.arange(300) / 40.0)).astype(int)
    m[rows, np.arange(300)] = True
    m[rows + 1, np.arange(300)] = True
    specks = np.zeros_like(m)
    specks[2:100:20, 10:290:60] = True  # 25 lone pixels: more pieces than the line, a few of its pixels
    specks &= ~ndimage.binary_dilation(m, iterations=2)
    assert 10 <= specks.sum() <= 25
    assert not _specks(m | specks)
    assert _specks(specks)
    assert _specks(specks | np.roll(specks, 60, axis=1) | np.roll(m & (np.arange(300) % 9 == 0), 1, axis=0))


def _lines(style: str, values: list[list[int]], names: list[str], width: float) -> NDArray[np.uint8]:
    plt = _pyplot()

    with plt.style.context(style):
        fig, axes = plt.subplots(figsize=(4.0, 4.0), dpi=100)
        for vals, name in zip(values, names):
            axes.plot(range(len(vals)), vals, marker="o", linewidth=width, label=name)
        axes.set_xticks(range(len(values[0])), [f"Q{i + 1}" for i in range(len(values[0]))])
        axes.legend(loc="upper left", fontsize=7)
        return _draw(fig)


@needs_ocr
@pytest.mark.parametrize("seed", [1, 2])
def test_thick_steep_lines_over_the_ground_are_lines_not_areas(seed: int) -> None:
    # fivethirtyeight's 4 px lines climbing steeply have one tall run a column, like an area;
    # an area rests on the base or on the area below, a line has the plot's ground under it
    rng = random.Random(seed)
    values = [[rng.choice([rng.randint(10, 18), rng.randint(40, 50)]) for _ in range(6)] for _ in range(3)]
    img = _lines("fivethirtyeight", values, ["North", "South", "East"], 4.0)
    facts = read_chart(img)
    assert facts.kind == "line"
    assert len(facts.series) == 3 and all(len(s.values) == 6 for s in facts.series)


def test_a_bar_with_a_corner_hidden_is_its_full_rectangle() -> None:
    from recode_dsl.perception.chart import _filled_boxes

    m = np.zeros((200, 120), bool)
    m[20:190, 40:80] = True  # a bar, rows 20..189
    m[20:24, 50:80] = False  # its top right corner under a legend's box: 4 rows partly hidden
    assert _filled_boxes(m) == [(40, 24, 80, 190)]
    area = np.zeros((200, 300), bool)  # a slanted top is no bar with a corner hidden
    for c in range(20, 280):
        area[100 - c // 4:190, c] = True
    assert _filled_boxes(area) == []


def test_a_frameless_box_reaches_its_value_axis_ticks() -> None:
    # a side found where gridlines stop (bars hide the lower ones) leaves the axis's 0 outside:
    # a tick label names a value inside the plot, so the side moves out to it; a frame line stays
    from recode_dsl.perception.plotbox import PlotBox, to_ticks

    rows = [446.75 - 84 * k for k in range(5)]
    box = (53.0, 60.0, 606.0, 331.5)
    found = PlotBox(box, ("extent", "extent", "extent", "step"), (0.0,) * 4)
    assert to_ticks(found, rows, []).box == (53.0, 60.0, 606.0, 446.75)
    assert to_ticks(PlotBox(box, ("line",) * 4, (0.0,) * 4), rows, []).box == box
    assert to_ticks(found, rows[:1], []).box == box  # one tick says nothing


@needs_ocr
def test_a_framed_legend_over_a_bar_names_the_groups() -> None:
    # classic: the legend's black frame joins its top and side in the window left of a name;
    # the frame is not the swatch, and the bar whose corner the legend hides is still a bar
    img = _bars("classic", [[574, 652, 572, 833, 872], [524, 861, 206, 222, 903]],
                ["Apples", "Pears", "Plums", "Cherries", "Grapes"], names=["North", "Online"], top=1000,
                legend="upper right", rc={"legend.fontsize": "8"})
    facts = read_chart(img)
    assert facts.kind == "grouped_bar"
    assert len(facts.series) == 2 and facts.series[0].name == "North" and facts.series[1].name  # the legend's
    assert facts.series[1].values[-1] == pytest.approx(903, rel=0.03)


def test_labels_cut_by_the_image_side_count_only_when_read_surely() -> None:
    # '500' ... '900' left of a plot whose figure cuts its tick labels (1500 ... 1900) at the
    # image's side, read unsurely, are no numbers to fit (they would make a wrong axis); labels
    # touching the side but read surely ('25000' whole) are
    rgb = np.ones((400, 300, 3))
    true = [1500, 1600, 1700, 1800, 1900]
    cut = [Text(str(v)[1:], 0.5, (0, 344 - 40 * k, 30, 356 - 40 * k), 0, (15.0, 350.0 - 40 * k), float(str(v)[1:]))
           for k, v in enumerate(true)]
    assert ax.find_axis(cut, rgb, vertical=True) is None
    whole = [Text(str(v), 0.96, t.box, 0, t.centre, float(v)) for t, v in zip(cut, true)]
    axis = ax.find_axis(whole, rgb, vertical=True)
    assert axis is not None and axis.value(350.0) == pytest.approx(1500.0, abs=1e-6)


@needs_ocr
def test_upright_bars_over_a_row_of_years_without_a_value_axis_are_read_in_percent() -> None:
    # the figure cuts the value axis's labels; the years under the bars are numbers in a row, but
    # bars standing up are measured on a vertical axis: none is read, so the values are in percent
    plt = _pyplot()

    values = [6898, 14452, 16952, 1308, 7899, 21091, 13057]
    years = [str(y) for y in range(2012, 2019)]
    with plt.style.context("fivethirtyeight"):
        fig, axes = plt.subplots(figsize=(4, 4), dpi=100)
        axes.bar(range(7), values, 0.6)
        axes.set_xticks(range(7), years)
        fig.subplots_adjust(left=0.06)
        img = _draw(fig)
    facts = read_chart(img)
    assert facts.kind == "bar" and facts.categories == years
    assert any("percent of the plot box" in w for w in facts.warnings)
    read = [float(v or 0) for v in facts.series[0].values]
    ratios = [r / v for r, v in zip(read, values) if v > 5000]
    assert max(ratios) / min(ratios) < 1.03  # the bars' heights, to a common scale


def _line_chart(cats: list[str], values: list[list[float]], names: list[str],
                context: Callable[[Any], AbstractContextManager[object]], inches: float = 4.0, dpi: int = 100,
                legend_size: int = 7, **plot: Any) -> NDArray[np.uint8]:
    """A square matplotlib line chart (``inches`` at ``dpi``: 400x400 px by default) of ``values``
    at the ``cats`` with a legend, drawn inside ``context(pyplot)`` (a style or rc settings)."""
    plt = _pyplot()
    with context(plt):
        fig, axes = plt.subplots(figsize=(inches, inches), dpi=dpi)
        for vals, name in zip(values, names):
            axes.plot(range(len(cats)), vals, label=name, **plot)
        axes.set_xticks(range(len(cats)), cats)
        axes.legend(fontsize=legend_size)
        return _draw(fig)


@needs_ocr
def test_faint_vertical_gridlines_are_the_line_charts_categories() -> None:
    # seaborn darkgrid: white gridlines on a light panel, no tick marks; labels run together
    # ('Sweden Norway Greece') are split at the gridlines, one label a category
    cats = ["Italy", "Spain", "Poland", "Sweden", "Norway", "Greece", "Japan"]
    rng = random.Random(77)
    values = [[round(rng.uniform(2, 45), 2) for _ in cats] for _ in range(3)]
    img = _line_chart(cats, values, ["2020", "In store", "Costs"], lambda plt: plt.style.context(
        "seaborn-v0_8-darkgrid"), marker="o")
    facts = read_chart(img)
    assert facts.kind == "line"
    assert len(facts.categories) == len(cats) and all(len(s.values) == len(cats) for s in facts.series)
    assert sum(c == w for c, w in zip(facts.categories, cats)) >= 4  # (reading each part is the OCR's)
    px = facts.value_axis.per_pixel if facts.value_axis is not None else 1.0
    got = sorted(facts.series, key=lambda s: abs(float(s.values[0] or 0) - values[0][0]))[0]
    assert sum(abs(float(g or 0) - w) <= 2.5 * px for g, w in zip(got.values, values[0])) >= 6  # at the slots


@needs_ocr
def test_labels_run_together_under_lines_with_no_ticks_are_split_at_the_corners() -> None:
    # no tick marks nor gridlines: the row of labels drawn into each other is cut at the lines'
    # corners (the fewest evenly spaced slots that reproduce the lines), one label a corner
    cats = ["Italy", "Spain", "Poland", "Sweden", "Norway", "Greece", "Japan"]
    rng = random.Random(3)
    values = [[round(rng.uniform(2, 45), 1) for _ in cats] for _ in range(2)]
    img = _line_chart(cats, values, ["North", "South"], lambda plt: plt.rc_context(
        {"xtick.major.size": 0, "axes.grid": False, "xtick.labelsize": 13}))
    facts = read_chart(img)
    assert facts.kind == "line" and len(facts.categories) == len(cats)
    assert facts.categories[0] == "Italy"
    # a piece read with its first letters lost to the neighbour drawn over them ('olar&' of
    # Poland, 'wed&' of Sweden) is a placeholder, not an invented name
    assert all(c is None or c[0].isupper() for c in facts.categories), facts.categories


@needs_ocr
@pytest.mark.parametrize("seed", [0, 1])
def test_labels_reaching_past_a_panels_sides_leave_the_panel_shade_no_mark(seed: int) -> None:
    # ggplot: a grey panel, and the row of years run together reaches a pixel or two past its
    # sides; the box the marks are read in is not grown past the panel, whose shade was taken
    # for a bar (seed 0's lines: the whole chart read as one stacked bar)
    cats = [str(y) for y in range(2008, 2018)]
    rng = random.Random(seed)
    values = [[28.0, 20.0, 20.0, 28.0, 38.0, 20.0, 18.0, 12.0, 26.0, 44.0],
              [42.0, 17.0, 27.0, 11.0, 26.0, 25.0, 23.0, 27.0, 24.0, 33.0]] if seed == 0 else [
        [float(rng.randint(10, 45)) for _ in cats] for _ in range(2)]
    img = _line_chart(cats, values, ["Revenue", "Imports"], lambda plt: plt.style.context("ggplot"),
                      inches=5.0, dpi=80, legend_size=8, marker="^")
    facts = read_chart(img)
    assert facts.plot_box is not None and facts.label_box is not None
    assert facts.plot_box[0] <= facts.label_box[0] and facts.label_box[2] <= facts.plot_box[2]
    assert facts.kind == "line" and len(facts.categories) == len(cats)
    assert sorted(s.name or "" for s in facts.series) == ["Imports", "Revenue"]


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_a_marks_pixels_beside_the_frame_are_still_the_marks(seed: int) -> None:
    # points drawn over the plot box's sides (Vega-Lite does not clip marks) and a frame in the
    # points' own colour: each point's pixels beside the frame are kept (its centre is where it
    # was drawn, not pushed inwards by the band left out for frame lines), the frame's are not
    from recode_dsl.perception.chart import FRAME_INSET, Legend, _colour_masks

    rng = np.random.default_rng(seed)
    h, w = 160, 200
    img = np.ones((h, w, 3))
    blue = (0.12, 0.47, 0.71)
    x0, y0, x1, y1 = 20, 20, 180, 140
    yy, xx = np.mgrid[0:h, 0:w]
    centres = [(int(rng.integers(40, 160)), y0 + 1), (int(rng.integers(40, 160)), y1 - 2),
               (x0 + 1, int(rng.integers(40, 120))), (x1 - 2, int(rng.integers(40, 120)))]
    r = int(rng.integers(3, 5))
    for cx, cy in centres:
        img[(xx - cx) ** 2 + (yy - cy) ** 2 <= r * r] = blue
    img[y0, x0:x1] = blue  # the frame's top and left sides in the points' colour
    img[y0:y1, x0] = blue
    m = _colour_masks(img, [blue], (x0, y0, x1, y1), Legend(()))[0]
    assert not m[y0, x0 + 5:x1 - 5].any() and not m[y0 + 5:y1 - 5, x0].any()  # the frame is not a mark
    for cx, cy in centres:
        near = np.zeros_like(m)
        near[cy - r - 1:cy + r + 2, cx - r - 1:cx + r + 2] = True
        ys, xs = np.nonzero(m & near)
        assert ys.size, (cx, cy)
        inside_y = (max(y0 + 1, cy - r), min(y1 - 1, cy + r))  # the point's rows within the region, less the frame
        inside_x = (max(x0 + 1, cx - r), min(x1 - 1, cx + r))
        assert (ys.min(), ys.max()) == inside_y and (xs.min(), xs.max()) == inside_x, (cx, cy, FRAME_INSET)


@pytest.mark.parametrize(("cap", "slot_off"), [("round", 0.8), ("projecting", -0.8), ("round", -0.9),
                                               ("projecting", 0.7)])
def test_a_steep_lines_end_vertex_is_read_at_its_drawn_end(cap: str, slot_off: float) -> None:
    # a line's first vertex with a steep segment after it: a slot (a label's centre) under a
    # pixel off the vertex would read the row by the slope (3.4 rows a column) off; the drawn end
    # (a round or projecting end, centred on the vertex) gives the row
    plt = _pyplot()

    from recode_dsl.perception.chart import Legend, _colour_masks, _end_vertex

    w, h = 200, 160
    fig = plt.figure(figsize=(w / 100, h / 100), dpi=100)
    axes = fig.add_axes((0.0, 0.0, 1.0, 1.0))
    axes.set_axis_off()
    axes.set_xlim(0, w)
    axes.set_ylim(h, 0)  # data units are pixels, rows down
    vx, vy = 40.3, 120.6
    axes.plot([vx, vx + 30.0, vx + 60.0], [vy, vy - 102.0, vy - 60.0], color="#1f77b4", lw=2.0,
              solid_capstyle=cap, snap=False)
    img = as_rgb(_draw(fig))
    m = _colour_masks(img, [(0.12, 0.467, 0.706)], (0, 0, w, h), Legend(()), (1.0, 1.0, 1.0))[0]
    got = _end_vertex(m, vx + slot_off, 30.0, True, (0, 0, w, h))
    assert got is not None and abs(got - vy) <= 0.5, (got, vy)


@pytest.mark.parametrize("cover", [0.0, 0.3, 0.7])
def test_a_bar_end_under_a_printed_label_is_read_against_the_ground(cover: float) -> None:
    # a value printed 2 px past a bar's end: the anti-aliased end covers one pixel, so the
    # ground is the second pixel past the last full one, not the label's ink further out; with
    # an edge line in the ground's stead (two pixels of white round a bar on grey) the third
    from recode_dsl.perception.chart import _edge

    bar, ground, ink = np.array([0.0, 0.56, 0.84]), np.array([0.94] * 3), np.array([0.1] * 3)
    line = np.tile(ground, (20, 1))
    line[12:] = bar  # full bar pixels from row 12 down (the bar rises to row 11 + 1 - cover)
    line[11] = cover * bar + (1 - cover) * ground
    line[8:10] = ink  # the label's lowest strokes, two rows above the partial pixel
    assert abs(_edge(line[:, None], (0.0, 0.56, 0.84), line, 12, -1, (0.94,) * 3) - (12 - cover)) <= 0.02
    edged = np.tile(ground, (20, 1))
    edged[12:] = bar
    edged[11] = cover * bar + (1 - cover) * np.ones(3)  # the white edge line over the end
    edged[10] = (0.5 + 0.5 * cover) * np.ones(3) + (0.5 - 0.5 * cover) * ground
    assert _edge(edged[:, None], (0.0, 0.56, 0.84), edged, 12, -1, (0.94,) * 3) == \
        _edge(edged[:, None], (0.0, 0.56, 0.84), edged, 12, -1)  # the third pixel, as with no ground


def test_rectangles_apart_from_the_bars_base_are_no_bars() -> None:
    # three legend swatches (their names unread) beside a group of bars: they stand on no
    # baseline nor on another bar, so they are no bars (counted, they made a grouped chart
    # read as stacked); a stack's segments, each on the one before, are bars
    from recode_dsl.perception.chart import _on_base

    bars = [(100 + 20 * i, 80 + 30 * i, 118 + 20 * i, 400, i % 3) for i in range(6)]
    swatches = [(90, 60 + 17 * k, 112, 68 + 17 * k, k) for k in range(3)]
    assert _on_base(bars + swatches, True) == set(range(6))
    stack = [(300, 300, 330, 400, 0), (300, 250, 330, 298, 1), (300, 180, 330, 249, 2)]
    assert _on_base(bars + stack + swatches, True) == set(range(9))
    on_thin = [(400, 300, 430, 400, 0), (400, 200, 430, 296, 2)]  # a thin segment of 4 px between
    assert _on_base(bars + on_thin, True) == set(range(7)) - {7}
    assert _on_base(bars + on_thin, True, 6.0) == set(range(8))
    thin_first = [(400, 294, 430, 395, 1), (400, 200, 430, 292, 2)]  # its lowest segment (5 px) unseen
    assert _on_base(bars + thin_first, True) == set(range(6))
    assert _on_base(bars + thin_first, True, 6.0) == set(range(8))
    sideways = [(50, 100 + 20 * i, 50 + 40 * i + 20, 118 + 20 * i, i % 2) for i in range(4)]  # hbars
    assert _on_base(sideways + [(300, 20, 322, 28, 0)], False) == set(range(4))


def test_a_swatch_joined_to_a_faded_bar_behind_the_legend_is_the_swatch() -> None:
    # a legend's translucent box over a bar: the bar shows faded (80% white) behind the swatches
    # and touches them; the swatch is the part at full colour, whole in the window left of its name
    from recode_dsl.perception.chart import _legend

    rgb = np.ones((200, 300, 3))
    rgb[20:120, 128:150] = (1.0, 0.9, 0.81)  # an orange bar faded by the legend's box
    names = []
    for k, colour in enumerate([(0.12, 0.47, 0.71), (1.0, 0.5, 0.05)]):
        y = 40 + 20 * k
        rgb[y:y + 8, 120:142] = colour  # the swatch, over the faded bar's left side
        names.append(Text(["Costs", "Exports"][k], 0.96, (148, y - 3, 190, y + 11), 0, (169.0, y + 4.0), None))
    legend = _legend(rgb, np.ones(3), names, (0, 0, 300, 200))
    assert [e[0] for e in legend.entries] == ["Costs", "Exports"]
    assert [e[2] for e in legend.entries] == [(120, 40, 142, 48), (120, 60, 142, 68)]


def test_a_swatch_touching_a_bar_of_another_colour_is_parted_from_it() -> None:
    # a frameless legend over a bar: the last swatch's bottom rows touch the top of an orange bar
    # at full colour, joined in one part running out of the window; the swatch is the whole part
    # of its own colour, and names its series
    from recode_dsl.perception.chart import _legend

    ground = (0.92, 0.92, 0.95)
    rgb = np.ones((200, 300, 3)) * np.asarray(ground)
    rgb[47:200, 126:160] = (1.0, 0.5, 0.05)  # an orange bar whose top is level with the last swatch
    names = []
    for k, colour in enumerate([(0.12, 0.47, 0.71), (1.0, 0.5, 0.05), (0.17, 0.63, 0.17)]):
        y = 20 + 13 * k
        rgb[y:y + 7, 120:138] = colour
        names.append(Text(["Revenue", "In store", "Exports"][k], 0.96, (144, y - 3, 185, y + 9), 0,
                          (164.5, y + 3.0), None))
    legend = _legend(rgb, np.asarray(ground), names, (0, 0, 300, 200))
    assert [e[0] for e in legend.entries] == ["Revenue", "In store", "Exports"]
    assert legend.entries[2][2] == (120, 46, 138, 53)
    assert max(abs(a - b) for a, b in zip(legend.entries[2][1], (0.17, 0.63, 0.17))) < 0.02


@needs_ocr
def test_a_legend_box_over_a_bar_leaves_a_grouped_chart_grouped() -> None:
    # the legend's box (translucent white) over the last group's tallest bar: names drawn over
    # the faded bar are read in part at best, but the swatches, standing on no baseline, are no
    # bars: the chart is grouped, not stacked
    img = _bars("default", [[54, 234, 123, 128, 64, 162], [102, 147, 143, 229, 196, 229],
                            [219, 34, 158, 77, 93, 134]],
                ["Pears", "Plums", "Cherries", "Grapes", "Mangoes", "Lemons"],
                names=["Costs", "Exports", "Imports"], legend="upper right")
    facts = read_chart(img)
    assert facts.kind == "grouped_bar" and len(facts.series) == 3


@needs_ocr
@pytest.mark.parametrize(("shares", "fmt"), [([45, 25, 20, 10], "%1.0f%%"), ([38.2, 27.5, 21.1, 13.2], "%1.1f%%")])
def test_a_pies_printed_percentages_are_its_values(shares: list[float], fmt: str) -> None:
    # the wedges' angles give each share to a fraction of a percent (44.95 for 45): the
    # percentages printed inside the wedges state them
    plt = _pyplot()
    fig, axes = plt.subplots(figsize=(4.0, 3.0), dpi=100)
    axes.pie(shares, labels=["Rent", "Food", "Travel", "Other"], autopct=fmt, startangle=90)
    got = derender_image(_draw(fig), verify=False)
    assert got.kind == "pie" and got.table is not None
    assert [float(v) for v in got.table["series"][0]["values"]] == shares


@needs_ocr
def test_a_bar_under_a_legends_box_is_read_to_its_faded_end() -> None:
    # the legend's translucent box over the first group's tall bar: the bar's colour stops at the
    # box, and runs on under it faded towards the box's face, the swatches drawn over it
    vals = [[221, 120, 150, 90], [95, 200, 60, 170], [140, 80, 210, 120]]  # 221 ends between two swatches
    img = _bars("default", vals, ["Mon", "Tue", "Wed", "Thu"], names=["Rent", "Food", "Fuel"],
                legend="upper left", top=240)
    facts = read_chart(img)
    assert facts.kind == "grouped_bar" and len(facts.series) == 3
    first = facts.series[0].values[0]
    assert first is not None and abs(first - 221) <= 0.01 * 221, facts.series[0].values


@pytest.mark.parametrize("seed", [1, 2])
def test_points_too_small_for_rectangles_with_no_text_are_a_scatter(seed: int) -> None:
    # a textless theme's scatter (no tick labels, no frame): dots of 5 px are no bars and no
    # line: many small round blobs of one size are points
    rng = np.random.default_rng(seed)
    img = np.ones((360, 380, 3))
    for r in range(50, 351, 30):
        img[r, 48:348] = 0.86  # light gridlines
    img[350, 48:348] = 0.2  # the x axis line, ticks under it
    for c in range(48, 349, 30):
        img[351:356, c] = 0.2
    yy, xx = np.mgrid[0:360, 0:380]
    for _ in range(20):
        cx, cy = rng.uniform(60, 336), rng.uniform(60, 340)
        img[(xx - cx) ** 2 + (yy - cy) ** 2 <= 6.5] = (0.51, 0.63, 0.76)
    facts = read_chart((img * 255).astype(np.uint8))
    assert facts.kind == "scatter"
    assert any("percent of the plot box" in w for w in facts.warnings)


@needs_ocr
@pytest.mark.parametrize("seed", [3, 4])
def test_rotated_labels_cut_by_the_image_edge_leave_the_categories_at_their_ticks(seed: int) -> None:
    # fivethirtyeight: 45-degree labels with no room under the plot, so the image's bottom edge
    # cuts each (a longer word more): what is left of a label is not centred on its category,
    # the gridline (one a label) is
    plt = _pyplot()
    cats = ["Italy", "Spain", "Poland", "Sweden", "Norway", "Greece", "Japan"]
    rng = random.Random(seed)
    vals = [round(rng.uniform(60, 990), 1) for _ in cats]
    with plt.style.context("fivethirtyeight"):
        fig, axes = plt.subplots(figsize=(6.4, 4.0), dpi=100)
        axes.plot(range(len(cats)), vals, marker="o")
        axes.set_xticks(range(len(cats)), cats, rotation=45)
        axes.set_ylim(0, 1050)
        img = _draw(fig)
    facts = read_chart(img)
    assert facts.kind == "line" and facts.value_axis is not None
    px = facts.value_axis.per_pixel
    got = [float(v or 0) for v in facts.series[0].values]
    assert len(got) == len(vals)
    assert all(abs(g - w) <= 1.0 * px for g, w in zip(got, vals)), (got, vals, px)


def _cut_axis_bars(vals: list[float], top: float, step: int) -> NDArray[np.uint8]:
    """fivethirtyeight bars in a 400x400 px figure too narrow for its value axis's labels: the
    image's left side cuts all but the '0' (a 5 x 5 in figure at 80 dpi, as make_charts.py draws)."""
    plt = _pyplot()
    with plt.style.context("fivethirtyeight"):
        fig, axes = plt.subplots(figsize=(5.0, 5.0), dpi=80)
        axes.bar(range(len(vals)), vals, 0.6)
        axes.set_xticks(range(len(vals)), [str(12 + i) for i in range(len(vals))])
        axes.set_yticks(range(0, int(top), step))
        axes.set_ylim(0, top)
        axes.set_title("Share by group")
        return _draw(fig)


@needs_ocr
def test_value_labels_cut_by_the_image_side_are_mended_from_the_axis_arithmetic() -> None:
    # ticks 0, 2500, ..., 20000 show '0', '500', '000', '500', ...: only a step of 2500 ends every
    # label as shown (500 would print 500 whole, uncut; 5000 would end 5000 in '000')
    vals = [6898.0, 14452.0, 16952.0, 1308.0, 7899.0, 21091.0, 13057.0]
    facts = read_chart(_cut_axis_bars(vals, 22145.55, 2500))
    assert facts.value_axis is not None and not facts.warnings
    assert sorted(v for _, v in facts.value_axis.ticks)[-1] == 20000.0
    px = facts.value_axis.per_pixel  # about 68 a pixel
    got = [float(v or 0) for v in facts.series[0].values]
    assert all(abs(g - w) <= px for g, w in zip(got, vals)), (got, vals, px)


@needs_ocr
def test_value_labels_cut_alike_under_many_steps_are_not_used() -> None:
    # ticks 0, 5000, ..., 25000 all show '000': steps of 1000, 2000, 5000, 10000 fit alike, so no
    # value is invented: the bars are read in percent of the box, with a warning
    vals = [2283.0, 9470.0, 16297.0, 1495.0, 7841.0, 20270.0, 22925.0]
    facts = read_chart(_cut_axis_bars(vals, 25601.1, 5000))
    assert any("percent" in w for w in facts.warnings)
    got = [float(v or 0) for v in facts.series[0].values]
    assert all(abs(g - 100 * w / 25601.1) <= 1.0 for g, w in zip(got, vals)), got


@needs_ocr
@pytest.mark.parametrize("seed", [1, 2])
def test_bar_groups_with_fewer_labels_than_groups_are_the_categories(seed: int) -> None:
    # 45-degree labels that the image's bottom edge cuts: one is not found at all, so the labels
    # cannot place the groups; the evenly spaced groups are the categories, every bar in its own
    cats = ["Germany", "France", "Italy", "Spain", "Poland", "Sweden", "Norway", "Greece", "Japan"]
    _assert_slanted_groups_read(cats, seed, (5.0, 5.0), legend=True)


def _assert_slanted_groups_read(cats: list[str], seed: int, size: tuple[float, float], legend: bool) -> None:
    """Three series of fivethirtyeight grouped bars under ``cats`` at 45 degrees (random values of
    ``seed``) are read as grouped bars, one category a group, every value within 1.5 px."""
    plt = _pyplot()
    rng = random.Random(seed)
    vals = [[float(rng.randint(50, 990)) for _ in cats] for _ in range(3)]
    with plt.style.context("fivethirtyeight"):
        fig, axes = plt.subplots(figsize=size, dpi=100)
        x = np.arange(len(cats))
        for i, v in enumerate(vals):
            axes.bar(x - 0.4 + 0.8 / 3 * (i + 0.5), v, 0.8 / 3, label=["Men", "Exports", "In store"][i])
        axes.set_xticks(x, cats, rotation=45)
        axes.set_ylim(0, 1008)
        if legend:
            axes.legend(fontsize=8)
        img = _draw(fig)
    facts = read_chart(img)
    assert facts.kind == "grouped_bar" and facts.value_axis is not None
    assert len(facts.categories) == len(cats)
    px = facts.value_axis.per_pixel
    for want in vals:
        got = min(facts.series, key=lambda s: abs(float(s.values[0] or 0) - want[0]))
        assert all(abs(float(g or 0) - w) <= 1.5 * px for g, w in zip(got.values, want)), (got.values, want)


@needs_ocr
@pytest.mark.parametrize("seed", [1, 2])
def test_labels_cut_by_the_images_edge_do_not_place_the_categories(seed: int) -> None:
    # six long names at 45 degrees, each cut by the image's bottom edge: only their ends show,
    # about a group to the right of their bars; the groups place the categories, not the cut ink
    cats = ["Netherlands", "Switzerland", "Luxembourg", "Argentina", "Australia", "Portugal"]
    _assert_slanted_groups_read(cats, seed, (5.0, 4.0), legend=False)


@needs_ocr
def test_a_line_running_along_the_frame_is_read_on_the_frame() -> None:
    # classic: no margins, so the lowest values lie on the bottom frame line, which is drawn over
    # the line: the green line's first segment (1 to 1) is hidden from end to end
    values = [[8.0, 9.0, 3.0, 7.0], [1.0, 1.0, 5.0, 4.0], [4.0, 9.0, 9.0, 1.0]]
    img = _line_chart(["Grapes", "Mangoes", "Lemons", "Figs"], values, ["Online", "Exports", "In store"],
                      lambda plt: plt.style.context("classic"), marker="^")
    facts = read_chart(img)
    assert facts.kind == "line" and facts.value_axis is not None
    px = facts.value_axis.per_pixel
    green = min(facts.series, key=lambda s: abs(s.colour[0] - 0.0) + abs(s.colour[1] - 0.5) + abs(s.colour[2]))
    assert all(abs(float(g or 0) - w) <= 1.5 * px for g, w in zip(green.values, values[1])), green.values


def test_a_vertex_seen_only_at_its_slot_is_its_longest_run_not_specks_beside_it() -> None:
    # no segment to fit on either side (a line's end under a legend): the vertex is the marker's
    # run of rows at the slot; pixels of its colour further up and down the column (the legend's
    # anti-aliased text, another line's rim) do not pull it
    m = np.zeros((300, 200), bool)
    m[117:125, 96:105] = True  # the marker, rows 117..124: centre 121
    m[42, 100] = m[92, 99] = m[255, 101] = m[270:273, 100] = True
    assert _vertex(m, 100.0, 44.0) == 121.0


def _edged_bars(values: list[list[float]], edge: str) -> NDArray[np.uint8]:
    """classic bars (stacked when two series), with black edge lines or none; one axis for both."""
    plt = _pyplot()
    with plt.style.context("classic"):
        fig, axes = plt.subplots(figsize=(6.4, 4.8), dpi=100)
        base = [0.0] * len(values[0])
        for vals, colour in zip(values, ("#0000ff", "#ff0000")):
            axes.bar(range(len(vals)), vals, 0.6, bottom=base, color=colour, edgecolor=edge, linewidth=1.0)
            base = [b + v for b, v in zip(base, vals)]
        axes.set_xticks(range(len(values[0])), [f"C{i}" for i in range(len(values[0]))])
        axes.set_ylim(0, 130)
        return _draw(fig)


@needs_ocr
@pytest.mark.parametrize("n_series", [1, 2])
def test_a_bars_edge_line_is_read_half_a_pixel_before_its_snapped_centre(n_series: int) -> None:
    # Agg snaps a bar's fill to the pixel boundary round(y) and its edge line to the pixel centre
    # round(y) + 0.5: read half a pixel before the line's centre, a bar drawn with a black edge
    # line (classic) reads as the same bar drawn without one (it read half a pixel short)
    rng = random.Random(5)
    values = [[round(rng.uniform(5, 60), 2) for _ in range(8)] for _ in range(n_series)]
    read = [read_chart(_edged_bars(values, edge)) for edge in ("black", "none")]
    assert all(f.value_axis is not None and len(f.series) == n_series for f in read)
    px = read[1].value_axis.per_pixel  # type: ignore[union-attr]
    for s_edged, s_plain in zip(*(sorted(f.series, key=lambda s: -s.colour[2]) for f in read)):
        assert all(abs(float(a or 0) - float(b or 0)) <= 0.15 * px for a, b in zip(s_edged.values, s_plain.values)), (
            s_edged.values, s_plain.values, px)


def _line_masks(values: list[list[float]], xs: list[float], rows: tuple[float, float]) -> list[NDArray[np.bool_]]:
    """Lines with triangle markers drawn at columns ``xs``, value 0 at row rows[0] and 1 at rows[1]
    (an axes filling a 480 x 480 figure in pixel coordinates): a mask a line, by its colour."""
    plt = _pyplot()
    fig = plt.figure(figsize=(4.8, 4.8), dpi=100)
    axes = fig.add_axes((0, 0, 1, 1))
    axes.set_axis_off()
    axes.set_xlim(0, 480)
    axes.set_ylim(480, 0)
    colours = ("#1f77b4", "#ff7f0e")
    for vals, colour in zip(values, colours):
        axes.plot(xs, [rows[0] + v * (rows[1] - rows[0]) for v in vals], "-^", color=colour, linewidth=1.5)
    rgb = _draw(fig).astype(np.float64) / 255.0
    return [np.abs(rgb - np.array([int(c[i:i + 2], 16) / 255.0 for i in (1, 3, 5)])).max(axis=-1) < 0.25
            for c in colours]


def test_slots_fitted_to_the_lines_turns_weigh_a_slight_turn_little() -> None:
    # two nearly parallel segments (slopes 1.76 and 1.92 rows a column) meet 1.8 px before their
    # vertex: counted like a sharp turn, that meeting moved every fitted slot half a pixel, and the
    # first vertex of a steep segment (5.9 rows a column) 2.9 px; weighed by its turn, the slots lie
    # within a fifth of a pixel of the vertices and every vertex is read within a pixel
    values = [[0.629, 0.45, 0.245, 0.321, 0.908, 0.761, 0.821, 0.582, 0.808, 0.402],
              [0.045, 0.636, 0.885, 0.8, 0.955, 0.093, 0.839, 0.694, 0.29, 0.65]]
    xs = [80.11 + 39.14 * k for k in range(10)]
    masks = _line_masks(values, xs, (445.0, 60.0))
    ticks = [math.floor(x) + 0.5 for x in xs]  # tick marks are snapped to pixel centres
    slots = _vertex_slots(masks, ticks, 39.0)
    assert max(abs(s - x) for s, x in zip(slots, xs)) < 0.2, slots
    for m, vals in zip(masks, values):
        read = [_vertex(m, s, 39.0) for s in slots]
        assert all(r is not None and abs(r - (445.0 - 385.0 * v)) < 1.0 for r, v in zip(read, vals)), read


@pytest.mark.parametrize("marker", ["o", "s", ""])
def test_classic_marker_edges_and_legend_frame_are_no_line_series(marker: str) -> None:
    # classic draws every marker with a black edge and the legend in a black frame: short black
    # strokes spread across the plot, read before as a fourth, unnamed line series
    values = [[33.0, 36.0, 13.0, 24.0], [16.0, 16.0, 29.0, 35.0], [37.0, 28.0, 47.0, 30.0]]
    img = _line_chart(["Q1", "Q2", "Q3", "Q4"], values, ["Revenue", "In store", "Online"],
                      lambda plt: plt.style.context("classic"), marker=marker)
    facts = read_chart(img)
    assert facts.kind == "line"
    assert len(facts.series) == 3, [(s.name, s.colour) for s in facts.series]
    assert all(max(s.colour) - min(s.colour) > 0.4 for s in facts.series)  # blue, green, red: no black


def test_a_dashed_line_is_not_gappy_short_strokes_spread_across_are() -> None:
    m = np.zeros((40, 300), bool)
    for x in range(10, 290, 9):  # dashes 6 px on, 3 px off
        m[20, x:x + 6] = True
    assert not _gappy(m)
    m[:] = False
    for x in range(10, 290, 40):  # a marker's edge every 40 px
        m[15:25, x:x + 9] = True
    assert _gappy(m)


@needs_ocr
def test_a_legends_one_pixel_line_handle_is_a_swatch() -> None:
    # classic: thin lines, so each legend handle is a line a pixel tall; the green's anti-aliased
    # rim is too pale to count as coloured (blue's and red's are not), yet it names its series
    cats = ["Q1", "Q2", "Q3", "Q4"]
    values = [[5.0, 7.0, 6.0, 8.0], [2.0, 3.0, 2.5, 4.0], [9.0, 8.0, 9.5, 7.0]]
    names = ["Men", "Exports", "Online"]
    facts = read_chart(_line_chart(cats, values, names, lambda plt: plt.style.context("classic")))
    assert facts.kind == "line"
    assert sorted(s.name or "" for s in facts.series) == sorted(names), [(s.name, s.colour) for s in facts.series]


def test_a_thick_gridlines_pieces_between_bars_are_no_bars() -> None:
    # fivethirtyeight's gridlines are 3 px thick: cut by the bars into short strokes, they outnumber
    # the bars, and the strokes set on a bar's top (a vertical gridline at a group's middle) were
    # read as a third, stacked series
    bars = [(396, 83, 449, 444, 0), (130, 127, 183, 444, 0), (210, 76, 263, 444, 1), (77, 245, 130, 444, 1)]
    grid = [(129, 65, 132, 126, 2), (395, 65, 398, 82, 2), (263, 140, 395, 143, 2), (53, 140, 129, 143, 2),
            (184, 140, 209, 143, 2), (53, 216, 129, 219, 2), (184, 216, 209, 219, 2), (53, 293, 76, 296, 2),
            (184, 293, 209, 296, 2), (53, 369, 76, 372, 2), (184, 369, 209, 372, 2)]
    assert _slivers_dropped(bars + grid) == bars
    thin = (77, 240, 130, 243, 0)  # a thin segment on a stack has its bar's breadth: kept
    assert _slivers_dropped([*bars, thin]) == [*bars, thin]


@needs_ocr
def test_fivethirtyeights_gridlines_leave_grouped_bars_grouped() -> None:
    rng = random.Random(2)
    vals = [[rng.randint(300, 1000) for _ in range(4)] for _ in range(2)]
    facts = read_chart(_bars("fivethirtyeight", vals, ["Germany", "France", "Italy", "Spain"], ["2019", "Exports"]))
    assert facts.kind == "grouped_bar" and len(facts.series) == 2, (facts.kind, [s.colour for s in facts.series])
    for s, want in zip(facts.series, vals):
        assert all(abs(float(g or 0) - w) <= 0.01 * w for g, w in zip(s.values, want)), (s.values, want)


@needs_ocr
@pytest.mark.parametrize("seed", [0, 2])
def test_a_greyish_line_over_a_dotted_grid_is_a_series(seed: int) -> None:
    # bmh: dotted grey gridlines; the purple line's blends with the ground take in their dots
    # (thousands of specks), but its own pixels are one long piece: a series, not a rim
    rng = random.Random(seed)
    vals = [[float(round(rng.uniform(4000, 22000))) for _ in range(4)] for _ in range(3)]
    facts = read_chart(_line_chart(["Q1", "Q2", "Q3", "Q4"], vals, ["2020", "2019", "Online"],
                                   lambda plt: plt.style.context("bmh"), marker="o"))
    assert facts.kind == "line" and len(facts.series) == 3, [s.colour for s in facts.series]
    px = facts.value_axis.per_pixel if facts.value_axis is not None else 1.0
    purple = min(facts.series, key=lambda s: abs(s.colour[0] - 0.48) + abs(s.colour[2] - 0.65))
    assert all(abs(float(g or 0) - w) <= 1.5 * px for g, w in zip(purple.values, vals[2])), (purple.values, vals[2])


def test_a_wedge_between_black_and_dark_grey_is_a_wedge() -> None:
    # Vega-Lite's ggplot2 theme: black, grey and dark grey wedges. The anti-aliased samples where
    # the grey wedge meets the black one are as dark as the dark grey wedge: a sample or two of a
    # colour touching the grey's run is no lighter part of that colour's wedge (a wedge seen
    # through a legend's frame runs on far beside its own colour)
    plt = _pyplot()
    fig, axes = plt.subplots(figsize=(4.4, 2.5), dpi=100)
    axes.pie([40, 20, 40], colors=["#000000", "#808080", "#1a1a1a"], startangle=90, counterclock=False,
             wedgeprops={"width": 0.66, "linewidth": 0})
    axes.legend(["West", "North", "Central"], loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False)
    facts = read_chart(_draw(fig))
    assert facts.kind == "donut" and len(facts.series[0].values) == 3, (facts.categories, facts.series)
    assert [round(float(v or 0)) for v in facts.series[0].values] == [40, 20, 40]
