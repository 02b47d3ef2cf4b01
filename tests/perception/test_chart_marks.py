"""Rules of reading marks, each on an image drawn here for it:

- a pie wedge whose colour is a lighter shade of another wedge's (Vega-Lite's paired palettes) is a
  wedge of its own; separator lines drawn between wedges are not wedges;
- a bar joined to the anti-aliased rim of a darker neighbour (a line one pixel wide in the bar's
  colour) is still a bar;
- a plot box found reaching into a row of rotated labels (gridlines that run on as tick marks into
  them) ends above the labels, at the axis line;
- square markers on a line (a stroke of their colour runs on from them) are not bars: a classic-style
  line chart of three categories, whose end markers lie on the frame, is a line chart; the stroke's
  width is measured across it, so small markers on a steep thin line are markers too.
"""

from __future__ import annotations

import io

import numpy as np
import pytest
from numpy.typing import NDArray

from recode_dsl.perception import chart as ch
from recode_dsl.perception import ocr, plotbox
from recode_dsl.perception.text import Text
from tests.perception.conftest import figure_pixels as _png

needs_ocr = pytest.mark.skipif(not ocr.available(), reason="the OCR engine (tesserocr + tesseract-ocr-eng) is missing")


def _pie(values: list[float], colours: list[str], **wedgeprops: object) -> NDArray[np.uint8]:
    mpl = pytest.importorskip("matplotlib")
    mpl.use("Agg")
    import matplotlib.pyplot as plt

    fig, axes = plt.subplots(figsize=(4.8, 4.0), dpi=100)
    axes.pie(values, colors=colours, startangle=90, counterclock=False, wedgeprops=wedgeprops or None)
    return _png(fig)


# pairs of a colour and a lighter shade of it (a blend with white), never side by side
PAIRED = ["#ab5787", "#51b2e5", "#703c5c", "#168dd9", "#d190b6", "#00609f"]


# ... and side by side (Vega-Lite's vox): a shade beside its own colour, across a radial boundary
BESIDE = ["#3e5c69", "#6793a6", "#182429", "#0570b0", "#3690c0", "#74a9cf"]


@pytest.mark.parametrize(("values", "colours"), [([30.6, 8.2, 18.3, 20.9, 11.6, 10.4], PAIRED),
                                                 ([12.0, 25.0, 9.0, 21.0, 17.0, 16.0], PAIRED),
                                                 ([49.2, 23.9, 13.3, 16.0, 15.0, 40.4], BESIDE),
                                                 ([20.0, 30.0, 10.0, 15.0, 25.0, 12.0], BESIDE)])
def test_a_lighter_shade_of_another_wedge_is_a_wedge_of_its_own(values: list[float], colours: list[str]) -> None:
    facts = ch.read_chart(_pie(values, colours))
    assert facts.kind == "pie"
    got = [float(v or 0.0) for v in facts.series[0].values]
    want = [100 * v / sum(values) for v in values]
    assert len(got) == len(want)
    # the wedges are listed from the one nearest 12 o'clock, clockwise or not: compare as sets
    assert sorted(got) == pytest.approx(sorted(want), abs=0.6)


@pytest.mark.parametrize("width", [1.0, 2.0])
def test_separator_lines_between_wedges_are_not_wedges(width: float) -> None:
    values = [17.0, 30.0, 43.0, 35.0]
    img = _pie(values, ["#0000ff", "#008000", "#ff0000", "#00bfbf"], edgecolor="black", linewidth=width)
    facts = ch.read_chart(img)
    got = [float(v or 0.0) for v in facts.series[0].values]
    assert len(got) == 4
    assert sorted(got) == pytest.approx(sorted(100 * v / sum(values) for v in values), abs=0.8)


def test_a_bar_joined_to_a_darker_bars_rim_is_a_bar() -> None:
    m = np.zeros((120, 90), bool)
    m[20:110, 40:63] = True  # the grey bar
    m[70, 17:40] = True  # the rim of the black bar beside it: along its top ...
    m[70:110, 16] = True  # ... and its far side, one pixel wide
    boxes = ch._filled_boxes(m)
    assert (40, 20, 63, 110) in boxes
    assert all(b[2] - b[0] >= 3 and b[3] - b[1] >= 3 for b in boxes)


def test_a_bar_filling_its_box_is_found_as_it_is() -> None:
    m = np.zeros((60, 60), bool)
    m[10:50, 5:20] = True
    m[30:50, 25:40] = True
    assert sorted(ch._filled_boxes(m)) == [(5, 10, 20, 50), (25, 30, 40, 50)]


def _text(s: str, box: tuple[int, int, int, int], number: float | None = None, angle: int = 0) -> Text:
    return Text(s, 0.95, box, angle, ((box[0] + box[2]) / 2.0, (box[1] + box[3]) / 2.0), number)


def test_a_box_reaching_into_rotated_labels_ends_at_the_axis_line_above_them() -> None:
    ticks = [_text(str(v), (30, int(y) - 6, 48, int(y) + 6), float(v)) for v, y in ((0, 294), (50, 174), (100, 54))]
    from recode_dsl.perception.axes import Axis

    yaxis = Axis(True, 294 * 100 / 240, -100 / 240, False, ((294.0, 0.0), (174.0, 50.0), (54.0, 100.0)),
                 tuple(ticks), 0.0)
    labels = [_text(s, (x, 306, x + 12, 336), angle=90) for s, x in (("South", 99), ("East", 189), ("West", 279))]
    found = plotbox.PlotBox((50.0, 54.0, 420.0, 333.0), ("extent", "line", "line", "extent"), (1, 1, 1, 1),
                            rows=(54.5, 174.5, 294.5))
    assert ch._above_labels(found, [*ticks, *labels], yaxis) == (50.0, 54.0, 420.0, 294.5)
    # labels below the box are left alone, and so is a single text reaching into it (a note)
    below = plotbox.PlotBox((50.0, 54.0, 420.0, 300.0), found.how, found.votes, rows=found.rows)
    assert ch._above_labels(below, [*ticks, *labels], yaxis) == below.box
    assert ch._above_labels(found, [*ticks, labels[0]], yaxis) == found.box


@needs_ocr
def test_vega_lite_rotated_labels_under_grid_ticks_are_the_categories() -> None:
    vlc = pytest.importorskip("vl_convert")
    spec = {
        "width": 360, "height": 240,
        "data": {"values": [{"c": c, "v": v} for c, v in (("South", 21), ("East", 28), ("West", 48), ("North", 96))]},
        "mark": {"type": "line", "point": True},
        "encoding": {"x": {"field": "c", "type": "nominal", "sort": None,
                           "axis": {"labelAngle": -90, "grid": True, "tickSize": 10, "domain": False}},
                     "y": {"field": "v", "type": "quantitative"}},
        "config": {"axis": {"gridColor": "#cbcbcb", "tickColor": "#cbcbcb", "labelColor": "#999999"},
                   "background": "#f0f0f0"},
    }
    from PIL import Image

    with Image.open(io.BytesIO(vlc.vegalite_to_png(spec, scale=1))) as im:
        img = np.asarray(im.convert("RGBA"), np.uint8)
    rgb = img[..., :3].astype(np.float64) * (img[..., 3:] / 255.0) + 255.0 * (1 - img[..., 3:] / 255.0)
    facts = ch.read_chart(rgb.round().astype(np.uint8))
    assert facts.kind == "line"
    assert facts.categories == ["South", "East", "West", "North"]
    assert list(facts.series[0].values) == pytest.approx([21, 28, 48, 96], abs=0.6)


@pytest.mark.parametrize("seed", range(5))
def test_a_value_read_a_pixel_or_two_off_does_not_keep_the_others_from_their_step(seed: int) -> None:
    from decimal import Decimal

    from recode_dsl.derender import common_step, snap

    rng = np.random.default_rng(seed)
    per_px = float(rng.choice([0.05, 0.1]))  # 1 unit is 10 or 20 pixels
    true = rng.integers(1, 60, size=10).astype(float)
    measured = true + rng.uniform(-0.4, 0.4, size=10) * per_px
    measured[3] = true[3] + 1.6 * per_px  # one segment read 1.6 px off (an edge line over its end)
    step = common_step(list(measured), per_px)
    assert step == Decimal(1)
    assert [snap(v, step) for v in measured] == [Decimal(int(v)) for v in true]
    measured[3] = true[3] + 0.45  # 4.5 to 9 px off a multiple: not a step of 1 at all
    assert common_step(list(measured), per_px) != Decimal(1)


def test_numbers_inside_the_plot_are_not_an_axis() -> None:
    from recode_dsl.perception import axes as ax

    rgb = np.ones((400, 500, 3))
    ticks = [_text(str(v), (20, int(y) - 6, 40, int(y) + 6), float(v)) for v, y in ((0, 350), (50, 200), (100, 50))]
    years = [_text(str(v), (420, y - 6, 450, y + 6), float(v)) for v, y in ((2020, 80), (2019, 96))]
    box = (50.0, 40.0, 480.0, 360.0)
    axis = ax.find_axis(years, rgb, vertical=True)
    assert axis is not None and len(axis.ticks) == 2  # without the plot box, the legend's years are an axis
    assert ax.find_axis(years, rgb, vertical=True, plot_box=box) is None
    got = ax.find_axis([*ticks, *years], rgb, vertical=True, plot_box=box)
    assert got is not None and sorted(v for _, v in got.ticks) == [0.0, 50.0, 100.0]


@pytest.mark.parametrize(("style", "top"), [("default", False), ("bmh", False), ("default", True)])
def test_a_stack_segment_under_three_pixels_is_read(style: str, top: bool) -> None:
    mpl = pytest.importorskip("matplotlib")
    mpl.use("Agg")
    import matplotlib.pyplot as plt

    stacks = [[30.0, 0.6, 40.0], [22.0, 18.0, 25.0], [41.0, 12.0, 9.0]]  # 0.6 is about 2 px tall
    if top:  # the thin segment on top of its stack
        stacks[0] = [30.0, 40.0, 0.6]
    with plt.style.context(style):
        fig, axes = plt.subplots(figsize=(6.4, 4.8), dpi=100)
        bottom = np.zeros(3)
        for j, name in enumerate(["Low", "Mid", "High"]):
            vals = np.array([s[j] for s in stacks])
            axes.bar([0, 1, 2], vals, 0.6, bottom=bottom, label=name)
            bottom += vals
        axes.set_xticks([0, 1, 2], ["Ann", "Bob", "Cy"])
        axes.set_ylim(0, 100)
        axes.legend(loc="upper right")
    facts = ch.read_chart(_png(fig))
    assert facts.kind == "stacked_bar"
    per_px = facts.value_axis.per_pixel if facts.value_axis is not None else 1.0
    for j, sf in enumerate(facts.series):
        assert [float(v or 0.0) for v in sf.values] == pytest.approx([s[j] for s in stacks], abs=1.3 * per_px)


def test_stack_boundaries_snap_to_the_charts_precision_and_values_are_their_rises() -> None:
    from decimal import Decimal
    from types import SimpleNamespace as NS

    from recode_dsl.derender import _stacked_values

    rng = np.random.default_rng(7)
    true = rng.integers(1, 30, size=(3, 6)).astype(float)  # series x categories, whole numbers
    per_px = 0.4
    # each boundary is measured to half a pixel: a segment (the rise between two) is up to a pixel off
    bounds = np.cumsum(true, axis=0) + rng.uniform(-0.45, 0.45, size=true.shape) * per_px
    measured = np.diff(np.vstack([np.zeros(6), bounds]), axis=0)
    facts = NS(series=[NS(values=tuple(row), printed=()) for row in measured])
    got = _stacked_values(facts, per_px)
    assert got == [[Decimal(int(v)) for v in row] for row in true]


def _vega(spec: dict[str, object], theme: str | None = None) -> NDArray[np.uint8]:
    vlc = pytest.importorskip("vl_convert")
    from PIL import Image

    with Image.open(io.BytesIO(vlc.vegalite_to_png(spec, scale=1, theme=theme))) as im:
        img = np.asarray(im.convert("RGBA"), np.float64)
    rgb = img[..., :3] * (img[..., 3:] / 255.0) + 255.0 * (1 - img[..., 3:] / 255.0)  # on white
    out: NDArray[np.uint8] = rgb.round().astype(np.uint8)
    return out


@needs_ocr
@pytest.mark.parametrize("swap", [False, True])
def test_hollow_legend_swatches_name_lines_of_one_hue(swap: bool) -> None:
    # two lines of one hue, dark and light; the legend draws each as a hollow square (its outline
    # blends the colour with the ground, so the dark one's swatch is nearer the light line's colour)
    data = {"Online": [8875, 7314, 15326, 9298], "Retail": [8891, 1003, 7566, 21799]}
    rows = [{"q": q, "s": s, "v": v[k]} for s, v in data.items() for k, q in enumerate(["Q1", "Q2", "Q3", "Q4"])]
    colours = ["#3e5c69", "#6793a6"] if not swap else ["#6793a6", "#3e5c69"]
    spec = {"width": 420, "height": 300, "data": {"values": rows}, "mark": "line",
            "encoding": {"x": {"field": "q", "type": "nominal"}, "y": {"field": "v", "type": "quantitative"},
                         "color": {"field": "s", "type": "nominal", "scale": {"range": colours},
                                   "legend": {"symbolType": "square", "symbolFillColor": "transparent"}}}}
    facts = ch.read_chart(_vega(spec))
    assert facts.kind == "line"
    got = {sf.name: [float(v or 0.0) for v in sf.values] for sf in facts.series}
    assert set(got) == {"Online", "Retail"}
    per_px = facts.value_axis.per_pixel if facts.value_axis is not None else 1.0
    for name, want in data.items():
        assert got[name] == pytest.approx(want, abs=3 * per_px)


@pytest.mark.parametrize("seed", [1, 2, 4])
def test_stacked_areas_are_read_at_their_vertices(seed: int) -> None:
    mpl = pytest.importorskip("matplotlib")
    mpl.use("Agg")
    import matplotlib.pyplot as plt

    rng = np.random.default_rng(seed)
    low, high = rng.integers(10, 45, size=6), rng.integers(5, 40, size=6)
    fig, axes = plt.subplots(figsize=(6.4, 4.8), dpi=100)
    axes.stackplot(range(6), low, high, labels=["Base", "Extra"], colors=["#9467bd", "#2ca02c"])
    axes.set_xticks(range(6), ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat"])
    axes.set_xlim(-0.3, 5.3)
    axes.set_ylim(0, 100)
    axes.legend(loc="upper left")
    facts = ch.read_chart(_png(fig))
    assert facts.kind == "area"
    assert facts.categories == ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
    got = {sf.name: [float(v or 0.0) for v in sf.values] for sf in facts.series}
    per_px = facts.value_axis.per_pixel if facts.value_axis is not None else 1.0
    # each vertex to a pixel and a half (the two ends are read from one side only)
    assert got["Base"] == pytest.approx(list(low), abs=1.5 * per_px)
    assert got["Extra"] == pytest.approx(list(high), abs=1.5 * per_px)


@pytest.mark.parametrize("horizontal", [False, True])
def test_a_bar_under_three_pixels_long_is_measured_not_zero(horizontal: bool) -> None:
    mpl = pytest.importorskip("matplotlib")
    mpl.use("Agg")
    import matplotlib.pyplot as plt

    vals = [45.8, 0.4, 18.7, 1.5, 30.0]  # 0.4 and 1.5 are about 1.5 and 5 px on a 0..50 axis
    with plt.style.context("default"):
        fig, axes = plt.subplots(figsize=(6.4, 4.8), dpi=100)
        if horizontal:
            axes.barh(range(5), vals, 0.6)
            axes.set_yticks(range(5), ["Jan", "Feb", "Mar", "Apr", "May"])
            axes.set_xlim(0, 50)
        else:
            axes.bar(range(5), vals, 0.6)
            axes.set_xticks(range(5), ["Jan", "Feb", "Mar", "Apr", "May"])
            axes.set_ylim(0, 50)
    facts = ch.read_chart(_png(fig))
    assert facts.kind == ("hbar" if horizontal else "bar")
    got = [float(v or 0.0) for v in facts.series[0].values]
    if horizontal:
        got = got[::-1]  # read from the top down; matplotlib draws the first category at the bottom
    per_px = facts.value_axis.per_pixel if facts.value_axis is not None else 1.0
    assert got == pytest.approx(vals, abs=0.6 * per_px)


def test_values_printed_inside_stack_segments_are_used() -> None:
    from recode_dsl.perception.axes import Axis

    axis = Axis(True, 100.0 * 420 / 370, -100.0 / 370, False, (), (), 0.0)  # 0 at row 420, 100 at row 50
    rects = [(100, 272, 140, 420, 0), (100, 160, 140, 271, 1)]  # a stack: 40, then 30 on it
    ext = [(271.6, 420.0), (160.2, 271.6)]
    values: list[list[float | None]] = [[40.2], [29.8]]
    inside = [_text("30", (110, 208, 130, 222), 30.0), _text("43", (110, 340, 130, 354), 43.0)]
    printed = ch._printed_values(inside, rects, ext, axis, True, values, [0, 1], [120.0], [120.0, 120.0], set(),
                                 inside=True)
    assert printed == [(False,), (True,)]  # 43 is too far from 40.2 (10 px, 7%); 30 agrees with 29.8
    assert values == [[40.2], [30.0]]
    # a number beside the stack, or printed on bars (not inside), is not a segment's
    values = [[40.2], [29.8]]
    beside = [_text("30", (150, 208, 170, 222), 30.0)]
    assert ch._printed_values(beside, rects, ext, axis, True, values, [0, 1], [120.0], [120.0, 120.0], set(),
                              inside=True) == [(False,), (False,)]


@needs_ocr
@pytest.mark.parametrize("seed", [1, 2])
def test_a_stack_under_a_translucent_legend_is_read_through_it(seed: int) -> None:
    mpl = pytest.importorskip("matplotlib")
    mpl.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.patches import Rectangle

    rng = np.random.default_rng(seed)
    low = [float(v) for v in rng.integers(15, 35, size=4)]
    high = [float(v) for v in rng.integers(10, 30, size=4)]
    fig, axes = plt.subplots(figsize=(6.4, 4.8), dpi=100)
    axes.set_ylim(0, 100)
    axes.set_xlim(-0.5, 3.5)
    leg_handles = [Rectangle((0, 0), 1, 1, color=c) for c in ("#7f7f7f", "#2ca02c")]
    leg = axes.legend(leg_handles, ["Coal", "Renewables"], loc="upper right", framealpha=0.8, borderpad=2.5)
    fig.canvas.draw()
    # the last stack ends under the legend's face, below its names (the face fades it, nothing hides it)
    face = leg.get_window_extent()
    names = min(t.get_window_extent().y0 for t in leg.get_texts())
    top = axes.transData.inverted().transform((0, (face.y0 + names) / 2))[1]
    high[3] = round(top) - low[3]
    axes.bar(range(4), low, 0.6, color="#7f7f7f")
    axes.bar(range(4), high, 0.6, bottom=low, color="#2ca02c")
    axes.set_xticks(range(4), ["2018", "2019", "2020", "2021"])
    facts = ch.read_chart(_png(fig))
    assert facts.kind == "stacked_bar"
    got = {sf.name: [float(v or 0.0) for v in sf.values] for sf in facts.series}
    per_px = facts.value_axis.per_pixel if facts.value_axis is not None else 1.0
    assert got["Coal"] == pytest.approx(low, abs=1.5 * per_px)
    assert got["Renewables"] == pytest.approx(high, abs=1.5 * per_px)


def test_a_square_a_thin_stroke_runs_on_from_is_a_marker_not_a_bar() -> None:
    m = np.zeros((200, 300), bool)
    for x in range(20, 280):  # a line rising across the plot, two pixels thick
        y = int(150 - 0.4 * (x - 20))
        m[y:y + 2, x] = True
    m[93:102, 146:155] = True  # a square marker on it
    m[120:190, 40:60] = True  # a bar of the same colour, alone
    bar = np.zeros_like(m)
    bar[50:190, 200:220] = True  # a bar of another colour that a gridline of its colour crosses
    bar[60, 10:290] = True
    rects: list[ch.Rect] = [(146, 93, 155, 102, 0), (40, 120, 60, 190, 0), (200, 50, 220, 190, 1)]
    kept = ch._markers_dropped(rects, [m, bar], (0, 0, 300, 200))
    assert kept == rects[1:]


def test_a_small_marker_on_a_steep_thin_line_is_a_marker_not_a_bar() -> None:
    m = np.zeros((260, 300), bool)
    for x in range(20, 260):  # a line falling, then rising, 2 px a column, two pixels thick across
        y = 10 + 2 * (x - 20) if x < 140 else 248 - 2 * (x - 140)
        m[y:y + 4, x] = True  # (a column of it holds 4 pixels: the slope, not the stroke)
    m[247:252, 138:143] = True  # a round marker, 5 px, at the vertex
    rects: list[ch.Rect] = [(138, 247, 143, 252, 0)]
    assert ch._markers_dropped(rects, [m], (0, 0, 300, 260)) == []


@needs_ocr
def test_a_classic_line_chart_with_square_markers_on_the_frame_is_a_line() -> None:
    mpl = pytest.importorskip("matplotlib")
    mpl.use("Agg")
    import matplotlib.pyplot as plt

    with plt.style.context("classic"):  # no x margin: the first and last markers lie on the frame
        fig, axes = plt.subplots(figsize=(6.4, 4.8), dpi=100)
        axes.plot(["Alpha", "Beta", "Gamma"], [12, 18, 15], marker="s", label="North")
        axes.plot(["Alpha", "Beta", "Gamma"], [8, 11, 20], marker="s", label="South")
        axes.legend(loc="upper right")
        facts = ch.read_chart(_png(fig))
    assert facts.kind == "line"
    got = {sf.name: [float(v or 0.0) for v in sf.values] for sf in facts.series}
    assert got["North"] == pytest.approx([12, 18, 15], abs=0.1)
    assert got["South"] == pytest.approx([8, 11, 20], abs=0.1)
