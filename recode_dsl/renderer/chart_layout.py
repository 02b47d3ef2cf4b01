"""Chart layout: the canvas, the plot box, both axes (scale, ticks, labels) and the style sizes.

What the program states is used exactly: the canvas, the plot box in pixels (origin top-left),
the axis ranges, ticks and labels. What it leaves out follows matplotlib's defaults at 100 dpi:
a 640x480 canvas, the plot box at figure fractions (0.125, 0.12)-(0.9, 0.89), ranges with 5%
margins, ``MaxNLocator`` ticks. A default plot box then shrinks if a label would fall off the
canvas, and category labels that would overlap are turned 45 degrees.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from itertools import accumulate

from recode_dsl import colours, messages
from recode_dsl import scene as s
from recode_dsl.errors import Span
from recode_dsl.renderer import chart_text as tx
from recode_dsl.renderer import chart_theme
from recode_dsl.renderer.axes import Scale, Ticks, auto_range, format_ticks, log_ticks, nice_ticks, tick_space
from recode_dsl.renderer.chart_data import (
    BARS,
    HEADER,
    HORIZONTAL,
    PIES,
    STACKED,
    SeriesData,
    check_log,
    fail,
    grouped,
    to_float,
)
from recode_dsl.renderer.chart_text import RGB
from recode_dsl.renderer.chart_theme import MATPLOTLIB, Theme

PT = 100 / 72  # pixels per point at matplotlib's default 100 dpi
DEFAULT_CANVAS = (640, 480)
SUBPLOT = (125, 120, 900, 890)  # per mille: matplotlib's figure.subplot left, 1 - top, right, 1 - bottom
MIN_CANVAS, MAX_CANVAS = 16, 8192
MIN_BOX = 8.0  # a plot box narrower than this in pixels cannot show a chart
PIE_LIMIT = 1.25  # matplotlib's pie axes run from -1.25 to 1.25 radii

Box = tuple[float, float, float, float]


@dataclass(frozen=True, slots=True)
class Style:
    """Sizes in pixels."""

    font: float
    title: float
    line: float
    spine: float = 0.8 * PT
    tick: float = 3.5 * PT
    pad: float = 3.5 * PT
    minor: float = 2.0 * PT
    title_pad: float = 6.0 * PT
    label_pad: float = 4.0 * PT
    marker: float = 6.0 * PT
    theme: Theme = MATPLOTLIB  # colours, spines, tick direction, grid and legend look (chart_theme)
    legend_font: float = 10 * PT

    @property
    def tick_out(self) -> float:
        """How far ticks reach out of the plot box (0 when they point in or are not drawn)."""
        return self.tick if self.theme.ticks == "out" else 0.0

    @property
    def text(self) -> RGB:
        return colours.rgb(self.theme.text_colour)


@dataclass(frozen=True, slots=True)
class Side:
    """One axis of the frame: its scale, ticks, gridlines, label rotation and title."""

    scale: Scale
    ticks: Ticks
    grid: bool = False
    rotation: float = 0.0
    title: str | None = None
    category: bool = False
    align: str = "center"  # how x tick labels sit under their tick: "right" for labels turned to fit


@dataclass(frozen=True, slots=True)
class Frame:
    """Everything about a chart's geometry except its marks."""

    kind: str
    width: int
    height: int
    box: Box
    x: Side
    y: Side
    style: Style
    series: tuple[SeriesData, ...]
    categories: tuple[str, ...]
    given_box: bool
    title: str | None = None


def style_for(chart: s.Chart) -> Style:
    th = chart_theme.look(chart)
    return Style(font=th.font * PT, title=th.title_size * PT, line=th.line_width * PT, spine=th.spine_width * PT,
                 tick=th.tick_length * PT, marker=th.marker_size * PT, theme=th, legend_font=th.legend_size * PT)


def canvas_size(chart: s.Chart, size: tuple[int, int] | None) -> tuple[int, int]:
    """The program's canvas, else the ``size`` the caller asked for, else 640x480."""
    w, h = chart.canvas or size or DEFAULT_CANVAS
    wf, hf = to_float(w, "the canvas", HEADER), to_float(h, "the canvas", HEADER)
    if not (MIN_CANVAS <= wf <= MAX_CANVAS and MIN_CANVAS <= hf <= MAX_CANVAS) or wf != int(wf) or hf != int(hf):
        raise fail("E061", messages.canvas_too_small(wf, hf, f"each side must be a whole number of pixels from "
                                                              f"{MIN_CANVAS} to {MAX_CANVAS}"))
    return int(wf), int(hf)


def plot_box(chart: s.Chart, w: int, h: int) -> Box:
    if chart.plot_box is None:
        left, top, right, bottom = chart_theme.THEMES.get(chart.look.theme, chart_theme.MATPLOTLIB).subplot or SUBPLOT
        box: Box = (left * w / 1000, top * h / 1000, right * w / 1000, bottom * h / 1000)
    else:
        x0, y0, x1, y1 = (to_float(v, "the plot box", HEADER) for v in chart.plot_box)
        box = (x0, y0, x1, y1)
        if not (0 <= x0 < x1 <= w and 0 <= y0 < y1 <= h):
            raise fail("E061", messages.plot_box_outside(f"({x0:g}, {y0:g}, {x1:g}, {y1:g})", w, h))
    if box[2] - box[0] < MIN_BOX or box[3] - box[1] < MIN_BOX:
        raise fail("E061", messages.canvas_too_small(w, h, f"the plot box must be at least {MIN_BOX:g} pixels a side"))
    return box


def build(chart: s.Chart, series: tuple[SeriesData, ...], size: tuple[int, int] | None = None,
          reserve_right: float = 0.0) -> Frame:
    """The frame of ``chart``: canvas, plot box and axes, fitted to the canvas when the box is not given.

    ``reserve_right`` keeps that many pixels free right of a default box (room for a legend).
    """
    w, h = canvas_size(chart, size)
    style = style_for(chart)
    box = plot_box(chart, w, h)
    given = chart.plot_box is not None
    if chart.kind in PIES:
        if not given and box[2] - reserve_right - box[0] >= MIN_BOX:
            box = (box[0], box[1], box[2] - reserve_right, box[3])
        return _pie_frame(chart, series, w, h, box, style, given)
    if not given and reserve_right > 0 and box[2] - reserve_right - box[0] >= MIN_BOX:
        box = (box[0], box[1], box[2] - reserve_right, box[3])  # room for a legend outside the plot
    frame = _frame(chart, series, w, h, box, style, given)
    if given:
        return frame
    for _ in range(3):
        fitted = _fit(frame)
        if fitted == frame:
            break
        frame = fitted
    return frame


def _pie_frame(chart: s.Chart, series: tuple[SeriesData, ...], w: int, h: int, box: Box, style: Style,
               given: bool) -> Frame:
    """A pie keeps a square box centred in the plot box (matplotlib's equal aspect)."""
    side = min(box[2] - box[0], box[3] - box[1])
    if chart.look.pie_radius is not None:  # a radius in pixels: the pie's square is 2.5 radii a side
        side = 2 * PIE_LIMIT * to_float(chart.look.pie_radius, "the pie radius", HEADER)
    cx, cy = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
    sq = (cx - side / 2, cy - side / 2, cx + side / 2, cy + side / 2)
    none = Ticks((), ())
    x = Side(Scale(-PIE_LIMIT, PIE_LIMIT, sq[0], sq[2]), none)
    y = Side(Scale(-PIE_LIMIT, PIE_LIMIT, sq[3], sq[1]), none)
    return Frame(chart.kind, w, h, sq, x, y, style, series, chart.categories, given, chart.title)


def _frame(chart: s.Chart, series: tuple[SeriesData, ...], w: int, h: int, box: Box, style: Style,
           given: bool) -> Frame:
    horizontal = chart.kind in HORIZONTAL
    x0, y0, x1, y1 = box
    if chart.kind == "scatter":
        xs = _side(chart, series, chart.x_axis, "x", (x0, x1), style, vertical=False)
        ys = _side(chart, series, chart.value_axis, "value", (y1, y0), style, vertical=True)
    elif horizontal:
        xs = _side(chart, series, chart.value_axis, "value", (x0, x1), style, vertical=False)
        ys = _side(chart, series, chart.category_axis, "category", (y1, y0), style, vertical=True)
    else:
        xs = _side(chart, series, chart.category_axis, "category", (x0, x1), style, vertical=False)
        ys = _side(chart, series, chart.value_axis, "value", (y1, y0), style, vertical=True)
    return Frame(chart.kind, w, h, box, xs, ys, style, series, chart.categories, given, chart.title)


def _side(chart: s.Chart, series: tuple[SeriesData, ...], axis: s.Axis, role: str, pixels: tuple[float, float],
          style: Style, vertical: bool) -> Side:
    name = {"x": "x axis", "value": "value axis", "category": "category axis"}[role]
    rotation = to_float(axis.rotation, name, HEADER) if axis.rotation else 0.0
    grid = style.theme.grid == "both" or (style.theme.grid == "value" and role != "category")
    grid = grid if axis.grid is None else bool(axis.grid)
    th = style.theme
    if role == "category":
        if th.band_axis:  # Vega-Lite's band scale: category i fills [i - 0.5, i + 0.5], no margins
            lo, hi = _range(axis, name, (-0.5, len(chart.categories) - 0.5), (), False, margin=0.0)
        else:
            lo, hi = _range(axis, name, _category_extent(chart, len(series)), (), False)
        scale = Scale(lo, hi, *(pixels[::-1] if axis.reverse else pixels))
        return Side(scale, _category_ticks(chart, axis, scale), grid, rotation, axis.title, True)
    data, sticky = _value_extent(chart.kind, series) if role == "value" else (_all(s_.x for s_ in series), ())
    if axis.log:
        check_log(name, _all(x.x if role == "x" else x.values for x in series), _log_span(series, role))
        data = tuple(v for v in data if v > 0)  # a bar's base at zero is clipped, as matplotlib does
    nice = th.nice and not axis.log
    if nice and th.zero:
        data = data + (0.0,)  # Vega-Lite's quantitative scales include zero
    lo, hi = _range(axis, name, (min(data), max(data)), sticky, axis.log, margin=0.0 if nice else None)
    nbins = tick_space(abs(pixels[1] - pixels[0]), style.font, vertical)
    if nice:  # and end on round numbers (d3's scale.nice() of about ten steps)
        lo, hi = _nice(lo if axis.lo is None else None, hi if axis.hi is None else None, lo, hi, 10)
    scale = Scale(lo, hi, *pixels, log=axis.log)
    return Side(scale, _value_ticks(axis, name, scale, nbins), grid, rotation, axis.title)


def _log_span(series: tuple[SeriesData, ...], role: str) -> Span:
    for x in series:
        if any(v <= 0 for v in (x.x if role == "x" else x.values)):
            return x.span
    return series[0].span


def _all(groups: object) -> tuple[float, ...]:
    return tuple(v for g in groups for v in g)  # type: ignore[attr-defined]


def _category_extent(chart: s.Chart, n_series: int) -> tuple[float, float]:
    k = len(chart.categories)
    if chart.kind in BARS:
        default = 0.8 if grouped(chart.kind, n_series) else 0.6
        width = to_float(chart.bar_width, "bar_width", HEADER) if chart.bar_width is not None else default
        return -width / 2, k - 1 + width / 2
    return 0.0, float(k - 1)


def _value_extent(kind: str, series: tuple[SeriesData, ...]) -> tuple[tuple[float, ...], tuple[float, ...]]:
    """The values a value axis must show, and the sticky edges margins may not cross."""
    if kind in STACKED:
        bottoms, tops = stack(series)
        flat_b = _all(bottoms)
        return flat_b + _all(tops), ((0.0,) if kind == "area" else flat_b)
    values = _all(x.values for x in series)
    if kind in BARS:
        return values + (0.0,), (0.0,)
    return values, ()


def stack(series: tuple[SeriesData, ...]) -> tuple[tuple[tuple[float, ...], ...], tuple[tuple[float, ...], ...]]:
    """Bottoms and tops of stacked series, in series order: each starts where the previous ended."""
    k = len(series[0].values)
    tops = [tuple(t) for t in accumulate((x.values for x in series), lambda a, b: tuple(p + q for p, q in zip(a, b)))]
    bottoms = [(0.0,) * k, *tops[:-1]]
    return tuple(bottoms), tuple(tops)


def _nice(free_lo: float | None, free_hi: float | None, lo: float, hi: float, count: int) -> tuple[float, float]:
    """The range widened to round numbers at the ends the program leaves free, as d3's
    ``scale.nice(count)`` does (Vega-Lite's scales).

    >>> _nice(0.0, 61.0, 0.0, 61.0, 10), _nice(0.0, 41.0, 0.0, 41.0, 10)
    ((0.0, 65.0), (0.0, 45.0))
    """
    prev = 0.0
    for _ in range(10):
        raw = (hi - lo) / count
        if raw <= 0 or not math.isfinite(raw):
            break
        power = 10.0 ** math.floor(math.log10(raw))
        error = raw / power
        step = power * (10 if error >= math.sqrt(50) else 5 if error >= math.sqrt(10) else 2 if error >= math.sqrt(2)
                        else 1)
        if step == prev:
            break
        prev = step
        lo = math.floor(lo / step + 1e-9) * step if free_lo is not None else lo
        hi = math.ceil(hi / step - 1e-9) * step if free_hi is not None else hi
    return lo, hi


def _range(axis: s.Axis, name: str, extent: tuple[float, float], sticky: tuple[float, ...],
           log: bool, margin: float | None = None) -> tuple[float, float]:
    if margin is None:
        lo_auto, hi_auto = auto_range(extent[0], extent[1], sticky, log)
    else:
        lo_auto, hi_auto = auto_range(extent[0], extent[1], sticky, log, margin=margin)
    lo = to_float(axis.lo, name, HEADER) if axis.lo is not None else lo_auto
    hi = to_float(axis.hi, name, HEADER) if axis.hi is not None else hi_auto
    if log and lo <= 0:
        raise fail("E062", messages.log_not_positive(name, f"its lower end {lo:g}"))
    if not lo < hi:
        raise fail("E063", messages.cannot_draw(f"the {name}", f"its range {lo:g} to {hi:g} is empty"),
                   hint="give lo < hi, or leave the range out")
    return lo, hi


def _category_ticks(chart: s.Chart, axis: s.Axis, scale: Scale) -> Ticks:
    cats = chart.categories
    labels = axis.labels if axis.labels is not None else cats
    if len(labels) != len(cats):
        raise fail("E063", messages.cannot_draw("the category axis", f"{len(labels)} labels for {len(cats)} "
                                                                      "categories"))
    keep = [i for i in range(len(cats)) if scale.contains(i)]
    return Ticks(tuple(float(i) for i in keep), tuple(labels[i] for i in keep))


def _value_ticks(axis: s.Axis, name: str, scale: Scale, nbins: int) -> Ticks:
    if axis.ticks is not None:
        values = [to_float(v, name, HEADER) for v in axis.ticks]
        if axis.labels is not None and len(axis.labels) != len(values):
            raise fail("E063", messages.cannot_draw(f"the {name}", f"{len(axis.labels)} labels for "
                                                                   f"{len(values)} ticks"))
        custom = axis.format != "auto" or axis.decimals is not None or axis.prefix or axis.suffix
        labels = (tuple(axis.labels) if axis.labels is not None else
                  tuple(tick_text(v, axis) for v in values) if custom else format_ticks(values, axis.log).labels)
        pairs = [(v, t) for v, t in zip(values, labels) if scale.contains(v)]
        return Ticks(tuple(v for v, _ in pairs), tuple(t for _, t in pairs))
    if axis.labels is not None:
        raise fail("E063", messages.cannot_draw(f"the {name}", "labels need ticks=[...] of the same length"))
    if axis.log:
        return log_ticks(scale.lo, scale.hi, nbins)
    ticks = nice_ticks(scale.lo, scale.hi, nbins)
    if axis.format != "auto" or axis.decimals is not None or axis.prefix or axis.suffix:
        return Ticks(tuple(ticks), tuple(tick_text(v, axis) for v in ticks))
    return format_ticks(ticks)


def tick_text(v: float, axis: s.Axis) -> str:
    """One tick label in the axis's format: thousands separators, a percent of 1, fixed decimals,
    a prefix and a suffix.

    >>> tick_text(12500.0, s.Axis(format="thousands", prefix="$"))
    '$12,500'
    >>> tick_text(0.25, s.Axis(format="percent")), tick_text(2.5, s.Axis(decimals=2, suffix=" kg"))
    ('25%', '2.50 kg')
    """
    pct = axis.format == "percent"
    x = 100 * v if pct else v
    if axis.decimals is not None:
        dec = axis.decimals
    else:  # the fewest decimals that show the value (up to 6)
        dec = next((d for d in range(7) if abs(round(x, d) - x) < 1e-9 * max(1.0, abs(x))), 6)
    body = f"{x:,.{dec}f}" if axis.format == "thousands" else f"{x:.{dec}f}"
    if body.startswith("-") and float(body.replace(",", "")) == 0:
        body = body[1:]
    sign, body = ("-", body[1:]) if body.startswith("-") else ("", body)
    return f"{sign}{axis.prefix}{body}{'%' if pct else ''}{axis.suffix}"


# -- labels around the plot box, and fitting a default box to them ---------------------------


def tick_labels(frame: Frame) -> list[tx.Text]:
    """The tick labels of both axes, placed outside the plot box."""
    st, (x0, _, _, y1) = frame.style, frame.box
    out: list[tx.Text] = []
    gap = st.tick_out + st.pad
    for v, label in zip(frame.x.ticks.values, frame.x.ticks.labels):
        out.append(tx.place(label, frame.x.scale(v), y1 + gap, st.font, frame.x.align, "top", frame.x.rotation,
                            st.text))
    for v, label in zip(frame.y.ticks.values, frame.y.ticks.labels):
        va = "center_baseline" if frame.y.rotation == 0 else "center"
        out.append(tx.place(label, x0 - gap, frame.y.scale(v), st.font, "right", va, frame.y.rotation, st.text))
    return out


def axis_texts(frame: Frame, ticks: list[tx.Text]) -> list[tx.Text]:
    """Axis titles and offset texts ("1e6"), outside the tick labels."""
    st, (x0, y0, x1, y1) = frame.style, frame.box
    out: list[tx.Text] = []
    below = max((t.bbox()[3] for t in ticks if t.bbox()[1] >= y1), default=y1 + st.tick_out)
    left = min((t.bbox()[0] for t in ticks if t.bbox()[2] <= x0), default=x0 - st.tick_out)
    bold = st.theme.axis_title_bold
    if frame.x.title:
        out.append(tx.place(frame.x.title, (x0 + x1) / 2, below + st.label_pad, st.font, "center", "top",
                            colour=st.text, bold=bold))
    if frame.y.title:
        out.append(tx.place(frame.y.title, left - st.label_pad, (y0 + y1) / 2, st.font, "right", "center", 90,
                            st.text, bold))
    if frame.y.ticks.offset:
        out.append(tx.place(frame.y.ticks.offset, x0, y0 - st.pad, st.font, "left", "bottom", colour=st.text))
    if frame.x.ticks.offset:
        out.append(tx.place(frame.x.ticks.offset, x1, below + st.pad, st.font, "right", "top", colour=st.text))
    return out


def title_text(frame: Frame) -> tx.Text | None:
    """The title centred over the plot box, its baseline 6 points above it (kept on the canvas)."""
    if not frame.title:
        return None
    x0, y0, x1, _ = frame.box
    st = frame.style
    a, _ = tx.line_metrics(st.title)
    y = max(y0 - st.title_pad, a + 1)
    return tx.place(frame.title, (x0 + x1) / 2, y, st.title, "center", "baseline",
                    colour=colours.rgb(st.theme.title_colour), bold=st.theme.title_bold)


def _fit(frame: Frame) -> Frame:
    """Turn (and thin out) crowded category labels, then move box edges so that every label is on the canvas."""
    frame = _uncrowd(frame)
    ticks = tick_labels(frame)
    texts = ticks + axis_texts(frame, ticks)
    boxes = [t.bbox() for t in texts]
    margin = 2.0
    x0, y0, x1, y1 = frame.box
    x0 += max(0.0, margin - min((b[0] for b in boxes), default=margin))
    x1 -= max(0.0, max((b[2] for b in boxes), default=0.0) - (frame.width - margin))
    y1 -= max(0.0, max((b[3] for b in boxes), default=0.0) - (frame.height - margin))
    if frame.title:
        a, _ = tx.line_metrics(frame.style.title)
        y0 = max(y0, a + margin + frame.style.title_pad)
    box = (x0, y0, x1, y1)
    if box == frame.box:
        return frame
    if x1 - x0 < MIN_BOX or y1 - y0 < MIN_BOX:
        raise fail("E061", messages.canvas_too_small(frame.width, frame.height, "its labels leave no room to plot"),
                   hint="make the canvas larger or the font smaller")
    return _rescale(frame, box)


def _uncrowd(frame: Frame) -> Frame:
    """Category labels that would overlap are turned 45 degrees; if still too close, only every k-th is kept."""
    if not frame.x.category or frame.x.rotation != 0 or len(frame.x.ticks.values) < 2:
        return frame
    if not _overlap([t for t in tick_labels(frame) if t.bbox()[1] > frame.box[3]]):
        return frame
    a, d = tx.line_metrics(frame.style.font)
    spacing = abs(frame.x.scale(1) - frame.x.scale(0))
    k = max(1, math.ceil((a + d) * math.sqrt(2) * 1.2 / spacing))
    ticks = Ticks(frame.x.ticks.values[::k], frame.x.ticks.labels[::k])
    return replace(frame, x=replace(frame.x, rotation=45.0, ticks=ticks, align="right"))


def _rescale(frame: Frame, box: Box) -> Frame:
    x0, y0, x1, y1 = box
    xs = replace(frame.x.scale, p0=x0, p1=x1)
    ys = replace(frame.y.scale, p0=y1, p1=y0)
    return replace(frame, box=box, x=replace(frame.x, scale=xs), y=replace(frame.y, scale=ys))


def _overlap(labels: list[tx.Text]) -> bool:
    boxes = sorted(t.bbox() for t in labels)
    return any(a[2] + 2 > b[0] for a, b in zip(boxes, boxes[1:]))
