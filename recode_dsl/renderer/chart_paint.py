"""Chart painting: Cairo calls for the axes, the marks, the markers and the legend of a laid-out chart.

Nothing here decides a position: everything comes from the frame, the marks and the legend.
Axis lines, ticks and gridlines are snapped to pixel centres as matplotlib's Agg backend does,
so they stay crisp; marks are drawn exactly where they are, antialiased.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import cairo

from recode_dsl import colours
from recode_dsl.renderer import chart_text as tx
from recode_dsl.renderer.axes import Scale
from recode_dsl.renderer.chart_layout import PT, Frame, Style
from recode_dsl.renderer.chart_legend import Legend
from recode_dsl.renderer.chart_marks import MARKER_EDGE, SCATTER_EDGE, Dot, Mark, Path, Rect, Wedge
from recode_dsl.renderer.chart_text import RGB

if TYPE_CHECKING:
    Ctx = cairo.Context[Any]
else:
    Ctx = cairo.Context
GRID: RGB = (0xB0 / 255, 0xB0 / 255, 0xB0 / 255)
LEGEND_EDGE: RGB = (0.8, 0.8, 0.8)


def snap(v: float) -> float:
    """The nearest pixel centre."""
    return math.floor(v) + 0.5


def backgrounds(ctx: Ctx, frame: Frame, plot: bool) -> None:
    """The canvas colour (when not white: the surface starts white) and the plot box's."""
    th = frame.style.theme
    if th.background != "#ffffff":
        ctx.set_source_rgb(*colours.rgb(th.background))
        ctx.paint()
    if plot and th.plot_background != th.background:
        x0, y0, x1, y1 = frame.box
        ctx.set_source_rgb(*colours.rgb(th.plot_background))
        ctx.rectangle(x0, y0, x1 - x0, y1 - y0)
        ctx.fill()


def grid(ctx: Ctx, frame: Frame) -> None:
    x0, y0, x1, y1 = frame.box
    th = frame.style.theme
    ctx.set_source_rgb(*colours.rgb(th.grid_colour))
    ctx.set_line_width(th.grid_width * PT)
    ctx.set_dash([d * PT for d in th.grid_dash])
    if frame.x.grid:
        for v in frame.x.ticks.values:
            px = snap(frame.x.scale(v))
            ctx.move_to(px, y0)
            ctx.line_to(px, y1)
    if frame.y.grid:
        for v in frame.y.ticks.values:
            py = snap(frame.y.scale(v))
            ctx.move_to(x0, py)
            ctx.line_to(x1, py)
    ctx.stroke()
    ctx.set_dash([])


def axes(ctx: Ctx, frame: Frame) -> None:
    """Spines around the plot box (the theme's sides) and ticks pointing out of it (or in)."""
    st, th = frame.style, frame.style.theme
    x0, y0, x1, y1 = (snap(v) for v in frame.box)
    if th.spines != "none":
        ctx.set_source_rgb(*colours.rgb(th.spine_colour))
        ctx.set_line_width(st.spine)
        ctx.set_line_join(cairo.LINE_JOIN_MITER)
        if th.spines == "box":
            ctx.rectangle(x0, y0, x1 - x0, y1 - y0)
        if th.spines in ("left_bottom", "left"):
            ctx.move_to(x0, y0)
            ctx.line_to(x0, y1)
        if th.spines in ("left_bottom", "bottom"):
            ctx.move_to(x0, y1)
            ctx.line_to(x1, y1)
        ctx.stroke()
    if th.ticks == "none" or st.tick <= 0:
        return
    sign = 1.0 if th.ticks == "out" else -1.0
    ctx.set_source_rgb(*colours.rgb(th.tick_colour))
    ctx.set_line_width(st.spine if st.spine > 0 else 0.8 * PT)
    _ticks(ctx, frame.x.scale, frame.x.ticks.values, y1, sign * st.tick, horizontal=True)
    _ticks(ctx, frame.y.scale, frame.y.ticks.values, x0, sign * st.tick, horizontal=False)
    ctx.stroke()
    if frame.x.ticks.minor or frame.y.ticks.minor:
        ctx.set_line_width(0.6 * PT)
        _ticks(ctx, frame.x.scale, frame.x.ticks.minor, y1, sign * st.minor, horizontal=True)
        _ticks(ctx, frame.y.scale, frame.y.ticks.minor, x0, sign * st.minor, horizontal=False)
        ctx.stroke()


def _ticks(ctx: Ctx, scale: Scale, values: tuple[float, ...], edge: float, length: float, horizontal: bool) -> None:
    for v in values:
        p = snap(scale(v))
        if horizontal:
            ctx.move_to(p, edge)
            ctx.line_to(p, edge + length)
        else:
            ctx.move_to(edge, p)
            ctx.line_to(edge - length, p)


def marks(ctx: Ctx, frame: Frame, drawn: tuple[Mark, ...], clip: bool) -> None:
    ctx.save()
    if clip:
        x0, y0, x1, y1 = frame.box
        ctx.rectangle(x0, y0, x1 - x0, y1 - y0)
        ctx.clip()
    for m in drawn:
        PAINTERS[type(m)](ctx, m)
    ctx.restore()


def _rect(ctx: Ctx, m: Mark) -> None:
    assert isinstance(m, Rect)
    ctx.set_source_rgb(*m.colour)
    ctx.rectangle(m.x0, m.y0, m.x1 - m.x0, m.y1 - m.y0)
    ctx.fill()


def _path(ctx: Ctx, m: Mark) -> None:
    assert isinstance(m, Path)
    ctx.set_source_rgb(*m.colour)
    if m.fill or m.width > 0:
        ctx.move_to(*m.points[0])
        for p in m.points[1:]:
            ctx.line_to(*p)
        if m.fill:
            ctx.close_path()
            ctx.fill()
        else:
            ctx.set_line_width(m.width)
            ctx.set_line_join(cairo.LINE_JOIN_ROUND)
            ctx.set_line_cap(cairo.LINE_CAP_SQUARE)  # matplotlib's "projecting" cap
            ctx.stroke()
    if m.marker:
        for x, y in m.points:
            marker(ctx, m.marker, x, y, m.marker_size, MARKER_EDGE)


def _dot(ctx: Ctx, m: Mark) -> None:
    assert isinstance(m, Dot)
    ctx.set_source_rgb(*m.colour)
    marker(ctx, m.marker, m.x, m.y, m.size, SCATTER_EDGE)


def _wedge(ctx: Ctx, m: Mark) -> None:
    assert isinstance(m, Wedge)
    if m.a1 <= m.a0:
        return
    a0, a1 = -math.radians(m.a0), -math.radians(m.a1)
    ctx.set_source_rgb(*m.colour)
    if m.inner > 0:
        ctx.new_sub_path()
        ctx.arc_negative(m.cx, m.cy, m.r, a0, a1)
        ctx.arc(m.cx, m.cy, m.inner, a1, a0)
    else:
        ctx.move_to(m.cx, m.cy)
        ctx.arc_negative(m.cx, m.cy, m.r, a0, a1)
    ctx.close_path()
    ctx.fill()


PAINTERS: dict[type, Callable[[Ctx, Mark], None]] = {Rect: _rect, Path: _path, Dot: _dot, Wedge: _wedge}

_POLYGONS: dict[str, tuple[tuple[float, float], ...]] = {  # unit shapes, y up, scaled by the marker size
    "s": ((-0.5, -0.5), (0.5, -0.5), (0.5, 0.5), (-0.5, 0.5)),
    "^": ((0.0, 0.5), (-0.5, -0.5), (0.5, -0.5)),
    "v": ((0.0, -0.5), (-0.5, 0.5), (0.5, 0.5)),
    "<": ((-0.5, 0.0), (0.5, -0.5), (0.5, 0.5)),
    ">": ((0.5, 0.0), (-0.5, -0.5), (-0.5, 0.5)),
    "D": ((0.0, 0.5 * math.sqrt(2)), (0.5 * math.sqrt(2), 0.0), (0.0, -0.5 * math.sqrt(2)), (-0.5 * math.sqrt(2), 0.0)),
    "d": ((0.0, 0.5 * math.sqrt(2)), (0.3 * math.sqrt(2), 0.0), (0.0, -0.5 * math.sqrt(2)), (-0.3 * math.sqrt(2), 0.0)),
    "p": tuple((0.5 * math.cos(math.radians(90 + 72 * i)), 0.5 * math.sin(math.radians(90 + 72 * i)))
               for i in range(5)),
    "h": tuple((0.5 * math.cos(math.radians(90 + 60 * i)), 0.5 * math.sin(math.radians(90 + 60 * i)))
               for i in range(6)),
    "*": tuple(((0.5 if i % 2 == 0 else 0.19) * math.cos(math.radians(90 + 36 * i)),
                (0.5 if i % 2 == 0 else 0.19) * math.sin(math.radians(90 + 36 * i))) for i in range(10)),
}


def marker(ctx: Ctx, kind: str, x: float, y: float, size: float, edge: float) -> None:
    """A filled marker of diameter ``size`` with an edge stroke in the current colour."""
    ctx.set_line_width(edge)
    if kind in ("x", "+"):
        r = size / 2
        d = ((r, r, -r, -r), (r, -r, -r, r)) if kind == "x" else ((r, 0, -r, 0), (0, r, 0, -r))
        for ax, ay, bx, by in d:
            ctx.move_to(x + ax, y + ay)
            ctx.line_to(x + bx, y + by)
        ctx.set_line_width(max(edge, 1.5 * PT))
        ctx.stroke()
        return
    if kind in ("o", "."):
        ctx.new_sub_path()
        ctx.arc(x, y, size / (2 if kind == "o" else 4), 0, 2 * math.pi)
    else:
        pts = _POLYGONS[kind]
        ctx.move_to(x + pts[0][0] * size, y - pts[0][1] * size)
        for px, py in pts[1:]:
            ctx.line_to(x + px * size, y - py * size)
        ctx.close_path()
    ctx.fill_preserve()
    ctx.stroke()


def texts(ctx: Ctx, items: list[tx.Text]) -> None:
    for t in items:
        tx.draw(ctx, t)


def legend(ctx: Ctx, lg: Legend, style: Style) -> None:
    line_width, marker_size, th = style.line, style.marker, style.theme
    if th.legend_frame:
        x0, y0, x1, y1 = lg.box
        r = 0.2 * lg.size
        ctx.new_sub_path()
        ctx.arc(x0 + r, y0 + r, r, math.pi, 1.5 * math.pi)
        ctx.arc(x1 - r, y0 + r, r, 1.5 * math.pi, 2 * math.pi)
        ctx.arc(x1 - r, y1 - r, r, 0, 0.5 * math.pi)
        ctx.arc(x0 + r, y1 - r, r, 0.5 * math.pi, math.pi)
        ctx.close_path()
        ctx.set_source_rgba(*colours.rgb(th.plot_background), 0.8)
        ctx.fill_preserve()
        ctx.set_source_rgba(*colours.rgb(th.legend_edge), 0.8)
        ctx.set_line_width(1.0 * PT)
        ctx.stroke()
    for e, (hx0, hy0, hx1, hy1), t in zip(lg.entries, lg.handles, lg.texts):
        ctx.set_source_rgb(*e.colour)
        if e.line or e.marker:
            mid = (hy0 + hy1) / 2
            if e.line:
                ctx.set_line_width(line_width)
                ctx.move_to(hx0, mid)
                ctx.line_to(hx1, mid)
                ctx.stroke()
            if e.marker:
                marker(ctx, e.marker, (hx0 + hx1) / 2, mid, marker_size, MARKER_EDGE)
        else:
            ctx.rectangle(hx0, hy0, hx1 - hx0, hy1 - hy0)
            ctx.fill()
        tx.draw(ctx, t)
