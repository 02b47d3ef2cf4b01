"""Chart styling of issue 15: themes, style(...), legend frame and outside positions, category order,
pie direction, radius and labels, tick formats. Measured on the plan (pixels) and the rendered array."""

from __future__ import annotations

import math

import numpy as np
import pytest

import recode_dsl
from recode_dsl import colours, registry
from recode_dsl import scene as s
from recode_dsl.renderer.chart import plan, render_chart
from recode_dsl.renderer.chart_layout import PT, tick_text
from recode_dsl.renderer.chart_marks import Dot, Rect, Wedge
from recode_dsl.renderer.chart_theme import THEMES

DATA = {
    "bar": 'categories("a", "b", "c")\nseries("S", [3, 5, 2])',
    "hbar": 'categories("a", "b", "c")\nseries("S", [3, 5, 2])',
    "grouped_bar": 'categories("a", "b", "c")\nseries("S", [3, 5, 2])\nseries("T", [1, 4, 6])',
    "stacked_bar": 'categories("a", "b", "c")\nseries("S", [3, 5, 2])\nseries("T", [1, 4, 6])',
    "stacked_hbar": 'categories("a", "b", "c")\nseries("S", [3, 5, 2])\nseries("T", [1, 4, 6])',
    "line": 'categories("a", "b", "c")\nseries("S", [3, 5, 2], marker="o")\nseries("T", [1, 4, 6])',
    "area": 'categories("a", "b", "c")\nseries("S", [3, 5, 2])\nseries("T", [1, 4, 6])',
    "scatter": 'series("S", x=[1, 2, 3], y=[3, 5, 2])\nseries("T", x=[1.5, 2.5], y=[4, 1])',
    "pie": 'categories("a", "b", "c")\nseries("S", [3, 5, 2])',
    "donut": 'categories("a", "b", "c")\nseries("S", [3, 5, 2])',
}


def chart(src: str) -> s.Chart:
    result = recode_dsl.compile(src)
    assert result.ok, result.diagnostics
    assert not result.diagnostics, result.diagnostics
    assert isinstance(result.scene, s.Chart)
    return result.scene


def rgb255(hex_colour: str) -> np.ndarray:
    return np.array([round(255 * c) for c in colours.rgb(hex_colour)])


def test_every_theme_is_a_registry_choice_and_back() -> None:
    assert set(THEMES) == set(registry.THEMES)


@pytest.mark.parametrize("theme", registry.THEMES)
@pytest.mark.parametrize("kind", sorted(DATA))
def test_every_kind_renders_in_every_theme_with_its_backgrounds(kind: str, theme: str) -> None:
    c = chart(f'chart {kind} "T"\n{DATA[kind]}\ntheme("{theme}")\n')
    img = render_chart(c, "array")
    th = THEMES[theme]
    assert (img[1, 1, :3] == rgb255(th.background)).all()  # the canvas corner
    p = plan(c)
    if kind in ("pie", "donut", "area"):  # no plot box, or one the areas fill
        return
    x0, y0, x1, y1 = p.frame.box
    # a pixel inside the plot box off every mark, gridline and legend shows the plot background
    taken = [(m.x0, m.y0, m.x1, m.y1) for m in p.marks if isinstance(m, Rect)]
    if p.legend is not None:
        taken.append(p.legend.box)
    grid_x = [p.frame.x.scale(v) for v in p.frame.x.ticks.values] if p.frame.x.grid else []
    grid_y = [p.frame.y.scale(v) for v in p.frame.y.ticks.values] if p.frame.y.grid else []
    free = [(x, y) for x in np.arange(x0 + 4, x1 - 4, 3.0) for y in np.arange(y0 + 4, y1 - 4, 3.0)
            if not any(b[0] - 3 <= x <= b[2] + 3 and b[1] - 3 <= y <= b[3] + 3 for b in taken)
            and all(abs(x - g) > 3 for g in grid_x) and all(abs(y - g) > 3 for g in grid_y)]
    assert free
    hits = [(img[int(y), int(x), :3] == rgb255(th.plot_background)).all() for x, y in free]
    assert np.mean(hits) > 0.8  # lines and points cross some of them


def test_theme_colours_follow_its_cycle_and_series_colours_win() -> None:
    c = chart('chart grouped_bar\ncategories("a")\nseries("S", [1])\nseries("T", [2], color="#123456")\n'
              'theme("ggplot")\n')
    rects = [m for m in plan(c).marks if isinstance(m, Rect)]
    assert rects[0].colour == colours.rgb(THEMES["ggplot"].cycle[0])
    assert rects[1].colour == colours.rgb("#123456")


def test_style_over_the_theme() -> None:
    src = (f'chart bar "Title"\n{DATA["bar"]}\ntheme("seaborn")\n'
           'style(background="#102030", title_size=20, axis_size=7, title_bold=true, text_color="#ff0000")\n')
    p = plan(chart(src))
    title = next(t for t in p.axis_texts if t.text == "Title")
    assert title.bold and math.isclose(title.size, 20 * PT)
    ticks = [t for t in p.axis_texts if t.text in ("a", "b", "c")]
    assert len(ticks) == 3 and all(math.isclose(t.size, 7 * PT) for t in ticks)
    assert all(t.colour == (1.0, 0.0, 0.0) for t in ticks)
    img = render_chart(chart(src), "array")
    assert (img[1, 1, :3] == rgb255("#102030")).all()
    th = THEMES["seaborn"]
    assert th.plot_background != "#102030"


@pytest.mark.parametrize(("spines", "left", "top"), [("box", True, True), ("left_bottom", True, False),
                                                     ("bottom", False, False), ("none", False, False)])
def test_spines_drawn_where_asked(spines: str, left: bool, top: bool) -> None:
    c = chart(f'chart line\ncategories("a", "b")\nseries("S", [1, 2])\nstyle(spines="{spines}")\n')
    p = plan(c)
    img = render_chart(c, "array")
    x0, y0, x1, y1 = (math.floor(v) for v in p.frame.box)
    mid_y, mid_x = (y0 + y1) // 2, (x0 + x1) // 2
    assert (img[mid_y, x0, :3] < 100).all() == left
    assert (img[y0, mid_x, :3] < 100).all() == top


def test_ticks_in_bring_the_tick_labels_closer() -> None:
    def gap(direction: str) -> float:
        p = plan(chart(f'chart bar\n{DATA["bar"]}\nstyle(ticks="{direction}")\n'))
        label = next(t for t in p.axis_texts if t.text == "a")
        return label.bbox()[1] - p.frame.box[3]

    assert gap("in") < gap("out") and math.isclose(gap("in"), gap("none"))
    assert math.isclose(gap("out") - gap("in"), 3.5 * PT)


def test_grid_colour_and_theme_gridlines() -> None:
    c = chart(f'chart bar\n{DATA["bar"]}\nvalue_axis(0, 6, ticks=[0, 2, 4, 6], grid=true)\n'
              'style(grid_color="#00ff00")\n')
    p = plan(c)
    img = render_chart(c, "array")
    y = math.floor(p.frame.y.scale(4))
    x = math.floor(p.frame.box[0]) + 3  # left of the first bar
    assert img[y, x, 1] > 150 and img[y, x, 0] < 100
    # ggplot draws gridlines on both axes unless the program says otherwise
    g = plan(chart(f'chart bar\n{DATA["bar"]}\ntheme("ggplot")\n'))
    assert g.frame.x.grid and g.frame.y.grid
    v = plan(chart(f'chart bar\n{DATA["bar"]}\ntheme("vega-lite")\n'))
    assert v.frame.y.grid and not v.frame.x.grid
    off = plan(chart(f'chart bar\n{DATA["bar"]}\ntheme("ggplot")\nvalue_axis(grid=false)\n'))
    assert not off.frame.y.grid


@pytest.mark.parametrize("kind", ["hbar", "stacked_hbar", "bar"])
def test_reverse_puts_the_first_category_at_the_top_or_right(kind: str) -> None:
    def first_last(rev: str) -> tuple[Rect, Rect]:
        rects = [m for m in plan(chart(f'chart {kind}\n{DATA[kind]}\n{rev}')).marks if isinstance(m, Rect)]
        return min(rects, key=lambda r: r.index), max(rects, key=lambda r: r.index)

    first, last = first_last("")
    rfirst, rlast = first_last("category_axis(reverse=true)\n")
    if kind == "bar":
        assert first.x0 < last.x0 and rfirst.x0 > rlast.x0
    else:
        assert first.y0 > last.y0 and rfirst.y0 < rlast.y0  # pixels grow downwards


def test_pie_direction_radius_and_labels() -> None:
    base = f'chart pie\n{DATA["pie"]}\nstart_angle(90)\n'
    ccw = [m for m in plan(chart(base)).marks if isinstance(m, Wedge)]
    p = plan(chart(base + "pie(radius=100, clockwise=true, labels=false)\n"))
    cw = [m for m in p.marks if isinstance(m, Wedge)]
    assert math.isclose(ccw[0].a0, 90) and ccw[0].a1 > 90
    assert math.isclose(cw[0].a1, 90) and cw[0].a0 < 90  # the first wedge runs clockwise from 12 o'clock
    assert [round(w.a1 - w.a0, 9) for w in cw] == [round(w.a1 - w.a0, 9) for w in ccw]
    assert all(math.isclose(w.r, 100) for w in cw)
    assert p.labels == () and plan(chart(base)).labels != ()


def test_a_pie_that_fills_its_box_height() -> None:
    c = chart(f'chart pie\n{DATA["pie"]}\ncanvas(400, 300)\nplot_box(50, 0, 350, 300)\npie(radius=150)\n')
    w = next(m for m in plan(c).marks if isinstance(m, Wedge))
    assert (w.cx, w.cy, w.r) == (200, 150, 150)
    img = render_chart(c, "array")
    assert (img[2, 200, :3] != 255).any() and (img[297, 200, :3] != 255).any()


def test_vega_lite_pies_run_clockwise_from_twelve() -> None:
    w = [m for m in plan(chart(f'chart pie\n{DATA["pie"]}\ntheme("vega-lite")\n')).marks if isinstance(m, Wedge)]
    assert math.isclose(w[0].a1, 90) and w[0].a0 < 90


@pytest.mark.parametrize("kind", ["line", "grouped_bar", "pie", "scatter"])
def test_legend_outside_right_sits_beside_the_plot_on_the_canvas(kind: str) -> None:
    p = plan(chart(f'chart {kind}\n{DATA[kind]}\nlegend(true, "outside right")\n'))
    assert p.legend is not None
    x0, y0, x1, y1 = p.legend.box
    if kind != "pie":
        assert x0 >= p.frame.box[2]
    assert x1 <= p.frame.width and y0 >= 0 and y1 <= p.frame.height


def test_legend_outside_upper_and_lower() -> None:
    up = plan(chart(f'chart line\n{DATA["line"]}\nlegend(true, "outside top")\n'))
    low = plan(chart(f'chart line\n{DATA["line"]}\nlegend(true, "outside lower")\n'))
    assert up.legend is not None and low.legend is not None
    assert up.legend.box[3] <= up.frame.box[1]
    assert low.legend.box[1] > low.frame.box[3] and low.legend.box[3] <= low.frame.height


def test_vega_lite_puts_the_legend_outside_without_a_frame() -> None:
    p = plan(chart(f'chart line\n{DATA["line"]}\ntheme("vega-lite")\n'))
    assert p.legend is not None and p.legend.box[0] >= p.frame.box[2]


def test_frameless_legend_draws_no_box() -> None:
    def edge_pixels(frame: str) -> int:
        c = chart(f'chart line\n{DATA["line"]}\nlegend(true, "upper left"{frame})\n')
        p = plan(c)
        assert p.legend is not None
        img = render_chart(c, "array")
        x0, y0, x1, _ = (math.floor(v) for v in p.legend.box)
        return int((img[y0, x0 + 6:x1 - 6, :3] < 250).any(axis=1).sum())

    assert edge_pixels("") > 20 and edge_pixels(", frame=false") == 0


def test_marker_size_in_points() -> None:
    c = chart(f'chart scatter\n{DATA["scatter"]}\nstyle(marker_size=12)\n')
    dots = [m for m in plan(c).marks if isinstance(m, Dot)]
    assert dots and all(math.isclose(d.size, 12 * PT) for d in dots)


@pytest.mark.parametrize(("value", "axis", "text"), [
    (12500.0, s.Axis(format="thousands"), "12,500"),
    (1234567.5, s.Axis(format="thousands", decimals=1), "1,234,567.5"),
    (-2500.0, s.Axis(format="thousands", prefix="$"), "-$2,500"),
    (0.125, s.Axis(format="percent", decimals=1), "12.5%"),
    (40.0, s.Axis(suffix="%"), "40%"),
    (3.0, s.Axis(format="plain", decimals=2), "3.00"),
])
def test_tick_text(value: float, axis: s.Axis, text: str) -> None:
    assert tick_text(value, axis) == text


def test_tick_format_on_automatic_and_stated_ticks() -> None:
    auto = plan(chart('chart bar\ncategories("a", "b")\nseries("S", [12000, 48000])\n'
                      'value_axis(format="thousands")\n'))
    labels = [t.text for t in auto.axis_texts if any(ch.isdigit() for ch in t.text)]
    assert "10,000" in labels and "40,000" in labels
    stated = plan(chart('chart bar\ncategories("a", "b")\nseries("S", [0.2, 0.5])\n'
                        'value_axis(0, 0.6, ticks=[0, 0.25, 0.5], format="percent")\n'))
    assert {"0%", "25%", "50%"} <= {t.text for t in stated.axis_texts}


def test_vega_lite_scales_are_nice_from_zero_with_bands() -> None:
    src = 'chart bar\ncategories("a", "b", "c", "d")\nseries("S", [23, 41, 17, 35])\ntheme("vega-lite")\n'
    p = plan(chart(src))
    assert (p.frame.y.scale.lo, p.frame.y.scale.hi) == (0.0, 45.0)  # d3's nice(): ten steps of 5
    assert (p.frame.x.scale.lo, p.frame.x.scale.hi) == (-0.5, 3.5)  # one band per category
    band = abs(p.frame.x.scale(1) - p.frame.x.scale(0))
    rects = [m for m in p.marks if isinstance(m, Rect)]
    assert all(math.isclose((r.x1 - r.x0) / band, 0.9) for r in rects)
    # a line chart's value axis includes zero; stated ends stay as written
    line = plan(chart('chart line\ncategories("a", "b")\nseries("S", [52, 61])\ntheme("vega-lite")\n'))
    assert (line.frame.y.scale.lo, line.frame.y.scale.hi) == (0.0, 65.0)
    fixed = plan(chart('chart line\ncategories("a", "b")\nseries("S", [52, 61])\ntheme("vega-lite")\n'
                       'value_axis(40, 70)\n'))
    assert (fixed.frame.y.scale.lo, fixed.frame.y.scale.hi) == (40.0, 70.0)
    # matplotlib's margins are unchanged without the theme
    mpl = plan(chart(src.replace('theme("vega-lite")\n', "")))
    assert mpl.frame.y.scale.lo == 0.0 and math.isclose(mpl.frame.y.scale.hi, 41 * 1.05)
