"""Chart marks in pixels: bars, lines, areas, points and wedges, one builder per chart kind.

The conventions are matplotlib's (and the chart benchmark's): category i sits at data x = i
(y = i for horizontal bars, bottom to top); a bar is 0.6 units wide; grouped bars share 0.8 units
per category, series side by side in order; stacked bars and areas stack in series order; a pie
starts at ``start_angle`` degrees (default 0, three o'clock) and runs counter-clockwise with
radius 1 in axes running from -1.25 to 1.25.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

from recode_dsl import scene as s
from recode_dsl.renderer import chart_text as tx
from recode_dsl.renderer.axes import format_value
from recode_dsl.renderer.chart_data import HEADER, HORIZONTAL, grouped, to_float
from recode_dsl.renderer.chart_layout import PT, Frame, stack
from recode_dsl.renderer.chart_text import RGB

DONUT_HOLE = 0.5
LABEL_DISTANCE = 1.1  # pie labels, in radii (matplotlib's labeldistance)
PCT_DISTANCE = 0.6  # pie percentages (matplotlib's pctdistance)
LABEL_GAP = 3.0  # pixels between a mark and its value label
SCATTER_EDGE = 1.5 * PT  # matplotlib strokes scatter points with lines.linewidth
MARKER_EDGE = 1.0 * PT  # and line markers with lines.markeredgewidth


@dataclass(frozen=True, slots=True)
class Rect:
    """A bar (or a stacked bar segment) in pixels, x0 < x1 and y0 < y1."""

    series: int
    index: int
    x0: float
    y0: float
    x1: float
    y1: float
    colour: RGB
    value: float
    horizontal: bool


@dataclass(frozen=True, slots=True)
class Path:
    """A polyline with optional markers, or a filled polygon (an area)."""

    series: int
    points: tuple[tuple[float, float], ...]
    colour: RGB
    width: float
    marker: str = ""
    marker_size: float = 0.0
    fill: bool = False


@dataclass(frozen=True, slots=True)
class Dot:
    """A scatter point; ``size`` is the marker diameter in pixels before its edge stroke."""

    series: int
    index: int
    x: float
    y: float
    colour: RGB
    size: float
    marker: str = "o"


@dataclass(frozen=True, slots=True)
class Wedge:
    """A pie wedge: centre and radii in pixels, angles in degrees counter-clockwise from three o'clock."""

    index: int
    cx: float
    cy: float
    r: float
    inner: float
    a0: float
    a1: float
    colour: RGB
    value: float


Mark = Rect | Path | Dot | Wedge


def marks(chart: s.Chart, frame: Frame) -> tuple[Mark, ...]:
    """Every mark of the chart, in drawing order."""
    return BUILDERS[chart.kind](chart, frame)


def bar_width(chart: s.Chart, grouped: bool) -> float:
    if chart.bar_width is not None:
        return to_float(chart.bar_width, "bar_width", HEADER)
    return 0.8 if grouped else 0.6


def _rect(frame: Frame, series: int, index: int, centre: float, width: float, base: float, top: float,
          horizontal: bool) -> Rect:
    cat, val = (frame.y.scale, frame.x.scale) if horizontal else (frame.x.scale, frame.y.scale)
    c0, c1 = sorted((cat(centre - width / 2), cat(centre + width / 2)))
    v0, v1 = sorted((val(base), val(top)))
    colour = frame.series[series].colours[index]
    if horizontal:
        return Rect(series, index, v0, c0, v1, c1, colour, top - base, True)
    return Rect(series, index, c0, v0, c1, v1, colour, top - base, False)


def _bars(chart: s.Chart, frame: Frame) -> tuple[Mark, ...]:
    horizontal = chart.kind in HORIZONTAL
    n = len(frame.series)
    if n == 1 or grouped(chart.kind, n):
        total = bar_width(chart, grouped(chart.kind, n))
        each = total / n
        return tuple(_rect(frame, j, i, i - total / 2 + each * (j + 0.5), each, 0.0, v, horizontal)
                     for j, x in enumerate(frame.series) for i, v in enumerate(x.values))
    return _stacked(chart, frame)


def _stacked(chart: s.Chart, frame: Frame) -> tuple[Mark, ...]:
    horizontal = chart.kind in HORIZONTAL
    width = bar_width(chart, False)
    bottoms, tops = stack(frame.series)
    return tuple(_rect(frame, j, i, i, width, bottoms[j][i], tops[j][i], horizontal)
                 for j in range(len(frame.series)) for i in range(len(frame.series[j].values)))


def _lines(chart: s.Chart, frame: Frame) -> tuple[Mark, ...]:
    fx, fy = frame.x.scale, frame.y.scale
    return tuple(Path(j, tuple((fx(i), fy(v)) for i, v in enumerate(x.values)), x.colour, frame.style.line,
                      x.marker, frame.style.marker)
                 for j, x in enumerate(frame.series))


def _areas(chart: s.Chart, frame: Frame) -> tuple[Mark, ...]:
    fx, fy = frame.x.scale, frame.y.scale
    bottoms, tops = stack(frame.series)
    out: list[Mark] = []
    for j, x in enumerate(frame.series):
        upper = [(fx(i), fy(v)) for i, v in enumerate(tops[j])]
        lower = [(fx(i), fy(v)) for i, v in enumerate(bottoms[j])]
        out.append(Path(j, tuple(upper + lower[::-1]), x.colour, 0.0, fill=True))
    for j, x in enumerate(frame.series):
        if x.marker:
            out.append(Path(j, tuple((fx(i), fy(v)) for i, v in enumerate(tops[j])), x.colour, 0.0, x.marker,
                            frame.style.marker))
    return tuple(out)


def _scatter(chart: s.Chart, frame: Frame) -> tuple[Mark, ...]:
    fx, fy = frame.x.scale, frame.y.scale
    return tuple(Dot(j, i, fx(px), fy(py), x.colours[i], frame.style.marker, x.marker or "o")
                 for j, x in enumerate(frame.series) for i, (px, py) in enumerate(zip(x.x, x.values)))


def _pie(chart: s.Chart, frame: Frame) -> tuple[Mark, ...]:
    x = frame.series[0]
    cx, cy = frame.x.scale(0.0), frame.y.scale(0.0)
    r = frame.x.scale(1.0) - cx
    inner = r * hole(chart)
    theme = frame.style.theme
    start = to_float(chart.start_angle, "start_angle", HEADER) if chart.start_angle is not None else theme.start_angle
    turn = -1.0 if theme.clockwise else 1.0  # Vega-Lite's wedges run clockwise
    total = sum(x.values)
    out: list[Mark] = []
    acc = 0.0
    for i, v in enumerate(x.values):
        a0 = start + turn * 360.0 * acc / total
        acc += v
        a1 = start + turn * 360.0 * acc / total
        out.append(Wedge(i, cx, cy, r, inner, min(a0, a1), max(a0, a1), x.colours[i], v))
    return tuple(out)


def hole(chart: s.Chart) -> float:
    if chart.kind != "donut":
        return 0.0
    return to_float(chart.hole, "hole", HEADER) if chart.hole is not None else DONUT_HOLE


BUILDERS: dict[str, Callable[[s.Chart, Frame], tuple[Mark, ...]]] = {
    "bar": _bars, "hbar": _bars, "grouped_bar": _bars, "stacked_bar": _bars, "stacked_hbar": _bars,
    "line": _lines, "area": _areas, "scatter": _scatter, "pie": _pie, "donut": _pie,
}


# -- labels on marks -------------------------------------------------------------------------


def pie_labels(frame: Frame, wedges: tuple[Mark, ...]) -> list[tx.Text]:
    """Category names outside the wedges, left- or right-aligned by side (matplotlib's pie labels)."""
    out: list[tx.Text] = []
    for w in wedges:
        if not isinstance(w, Wedge):
            continue
        mid = math.radians((w.a0 + w.a1) / 2)
        x, y = w.cx + LABEL_DISTANCE * w.r * math.cos(mid), w.cy - LABEL_DISTANCE * w.r * math.sin(mid)
        out.append(tx.place(frame.categories[w.index], x, y, frame.style.font, "left" if x > w.cx else "right",
                            "center"))
    return out


def value_labels(chart: s.Chart, frame: Frame, drawn: tuple[Mark, ...]) -> list[tx.Text]:
    """The values printed on or beside the marks (percentages on a pie)."""
    dec = chart.value_decimals
    size = frame.style.font
    out: list[tx.Text] = []
    stacked = chart.kind in ("stacked_bar", "stacked_hbar")
    total = sum(m.value for m in drawn if isinstance(m, Wedge))
    for m in drawn:
        if isinstance(m, Rect):
            out.append(_rect_label(m, format_value(m.value, dec), size, stacked))
        elif isinstance(m, Wedge):
            out.append(_wedge_label(m, 100 * m.value / total, dec, size))
        elif isinstance(m, Dot):
            v = frame.series[m.series].values[m.index]
            out.append(tx.place(format_value(v, dec), m.x, m.y - m.size / 2 - LABEL_GAP, size, "center", "bottom"))
        elif m.fill or chart.kind == "line":  # an area's polygon starts with its tops, left to right
            values = frame.series[m.series].values
            lift = (m.marker_size / 2 if m.marker else m.width) + LABEL_GAP
            out.extend(tx.place(format_value(v, dec), px, py - lift, size, "center", "bottom")
                       for v, (px, py) in zip(values, m.points))
    return out


def _rect_label(m: Rect, text: str, size: float, inside: bool) -> tx.Text:
    if inside:
        return tx.place(text, (m.x0 + m.x1) / 2, (m.y0 + m.y1) / 2, size, "center", "center", colour=contrast(m.colour))
    if m.horizontal:
        if m.value >= 0:
            return tx.place(text, m.x1 + LABEL_GAP, (m.y0 + m.y1) / 2, size, "left", "center_baseline")
        return tx.place(text, m.x0 - LABEL_GAP, (m.y0 + m.y1) / 2, size, "right", "center_baseline")
    if m.value >= 0:
        return tx.place(text, (m.x0 + m.x1) / 2, m.y0 - LABEL_GAP, size, "center", "bottom")
    return tx.place(text, (m.x0 + m.x1) / 2, m.y1 + LABEL_GAP, size, "center", "top")


def _wedge_label(w: Wedge, percent: float, decimals: int | None, size: float) -> tx.Text:
    mid = math.radians((w.a0 + w.a1) / 2)
    dist = PCT_DISTANCE * w.r if w.inner == 0 else (w.r + w.inner) / 2
    x, y = w.cx + dist * math.cos(mid), w.cy - dist * math.sin(mid)
    text = f"{percent:.{1 if decimals is None else decimals}f}%"
    return tx.place(text, x, y, size, "center", "center", colour=contrast(w.colour) if w.inner else tx.BLACK)


def contrast(rgb: RGB) -> RGB:
    """Black or white, whichever reads better on ``rgb``."""
    lum = 0.2126 * rgb[0] + 0.7152 * rgb[1] + 0.0722 * rgb[2]
    return tx.BLACK if lum > 0.5 else (1.0, 1.0, 1.0)
