"""The chart renderer: a ``scene.Chart`` to PNG, SVG, PDF bytes or an HxWx4 uint8 array.

    Chart ──1 data──▶ floats, colours ──2 layout──▶ frame (box, scales, ticks)
          ──3 marks──▶ bars, lines, wedges ──4 labels, legend──▶ plan ──5 paint──▶ canvas.draw

Steps 1-4 are pure and make a ``Plan`` (every position in pixels, nothing drawn); step 5 paints
it with Cairo. Bad input raises ``RenderError`` with located diagnostics before anything is drawn.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

import cairo

from recode_dsl import messages
from recode_dsl import scene as s
from recode_dsl.renderer import canvas, chart_layout, chart_legend, chart_marks, chart_paint, chart_theme
from recode_dsl.renderer import chart_text as tx
from recode_dsl.renderer.chart_data import BARS, PIES, extract, fail, grouped
from recode_dsl.renderer.chart_layout import Frame
from recode_dsl.renderer.chart_legend import Legend
from recode_dsl.renderer.chart_marks import Mark

if TYPE_CHECKING:
    import numpy as np

OPTIONS = ("size",)


@dataclass(frozen=True, slots=True)
class Plan:
    """A chart laid out in pixels: what ``paint`` draws, and what tests measure."""

    frame: Frame
    marks: tuple[Mark, ...]
    labels: tuple[tx.Text, ...]  # value labels and pie labels, drawn over the marks
    axis_texts: tuple[tx.Text, ...]  # tick labels, axis titles, offsets and the title
    legend: Legend | None


def plan(chart: s.Chart, size: tuple[int, int] | None = None) -> Plan:
    """Lay out ``chart`` on its canvas (``size`` when the program gives none).

    >>> from recode_dsl.scene import Chart, Series
    >>> p = plan(Chart("bar", None, ("a", "b"), (Series("s", (1, 2)),), ()))
    >>> p.frame.width, p.frame.height, p.frame.box
    (640, 480, (80.0, 57.6, 576.0, 427.2))
    """
    chart = _themed(chart)
    series = extract(chart)
    p = _plan(chart, chart_layout.build(chart, series, size))
    reserve = _pie_legend_room(chart, p)
    if reserve is None:
        reserve = _outside_legend_room(p)
    return p if reserve is None else _plan(chart, chart_layout.build(chart, series, size, reserve))


def _outside_legend_room(p: Plan) -> float | None:
    """How much to narrow a default plot box so that a legend right of it fits on the canvas."""
    lg, box = p.legend, p.frame.box
    if lg is None or p.frame.given_box or lg.box[0] < box[2]:
        return None  # no legend, a stated box, or a legend inside the plot
    need = lg.box[2] - lg.box[0] + chart_legend.AXES_PAD * lg.size + 4
    short = need - (p.frame.width - box[2])
    return short if short > 0 else None


def _themed(chart: s.Chart) -> s.Chart:
    """The chart with its theme's bar width when it states none (Vega-Lite's bars fill 0.9 of a band).

    The width is drawn, never answered: a float is enough here."""
    th = chart_theme.THEMES.get(chart.look.theme)
    if th is None or th.bar_width is None or chart.bar_width is not None or chart.kind not in BARS:
        return chart
    if grouped(chart.kind, len(chart.series)):
        return chart
    return replace(chart, bar_width=th.bar_width)  # type: ignore[arg-type]


def _pie_legend_room(chart: s.Chart, p: Plan) -> float | None:
    """How much to narrow a default pie's plot box so that a "best" legend fits beside the pie, if needed."""
    lg, box = p.legend, p.frame.box
    if (chart.kind not in PIES or lg is None or p.frame.given_box or lg.box[0] >= box[2]
            or chart_legend.position(chart.legend_position) != "best"):
        return None
    overhang = max([box[2], *(t.bbox()[2] for t in p.labels)]) - box[2]  # labels sticking out on the right
    target = p.frame.width - 4 - (lg.box[2] - lg.box[0] + overhang + chart_legend.AXES_PAD * lg.size)
    x0, y0, x1, y1 = chart_layout.plot_box(chart, p.frame.width, p.frame.height)
    # the square pie is centred in the plot box: narrow the box until the square ends at ``target``
    new_x1 = x0 + 2 * (target - x0) - (y1 - y0) if target - x0 >= y1 - y0 else target
    return x1 - new_x1


def _plan(chart: s.Chart, frame: Frame) -> Plan:
    drawn = chart_marks.marks(chart, frame)
    show = chart.kind in PIES and frame.style.theme.pie_labels
    labels: list[tx.Text] = chart_marks.pie_labels(frame, drawn) if show else []
    if chart.value_labels:
        labels += declutter(chart_marks.value_labels(chart, frame, drawn), labels)
    texts: list[tx.Text] = []
    if chart.kind not in PIES:
        ticks = chart_layout.tick_labels(frame)
        texts = ticks + chart_layout.axis_texts(frame, ticks)
    title = chart_layout.title_text(frame)
    if title is not None:
        texts.append(title)
    return Plan(frame, drawn, tuple(labels), tuple(texts), chart_legend.legend(chart, frame, drawn, tuple(labels)))


def declutter(candidates: list[tx.Text], kept: list[tx.Text]) -> list[tx.Text]:
    """The candidates, in order, that overlap neither ``kept`` nor an earlier survivor (values too close to read)."""
    boxes = [t.bbox() for t in kept]
    out: list[tx.Text] = []
    for t in candidates:
        b = t.bbox()
        if not any(b[0] < o[2] and o[0] < b[2] and b[1] < o[3] and o[1] < b[3] for o in boxes):
            out.append(t)
            boxes.append(b)
    return out


def paint(ctx: chart_paint.Ctx, p: Plan) -> None:
    """Draw a plan: gridlines, marks, axes, labels, legend."""
    pie = p.frame.kind in PIES
    chart_paint.backgrounds(ctx, p.frame, plot=not pie)
    if not pie:
        chart_paint.grid(ctx, p.frame)
    chart_paint.marks(ctx, p.frame, p.marks, clip=not pie)
    if not pie:
        chart_paint.axes(ctx, p.frame)
    chart_paint.texts(ctx, list(p.axis_texts))
    chart_paint.texts(ctx, list(p.labels))
    if p.legend is not None:
        chart_paint.legend(ctx, p.legend, p.frame.style)


def render_chart(chart: s.Chart, fmt: str = "png", **options: Any) -> Any:
    """Draw ``chart`` as png, svg or pdf bytes, or an HxWx4 uint8 RGBA array for ``fmt="array"``.

    Options: ``size=(width, height)``, the canvas when the program states none.

    >>> from recode_dsl.scene import Chart, Series
    >>> render_chart(Chart("line", None, ("a", "b"), (Series("s", (1, 2)),), ()), "array").shape
    (480, 640, 4)
    """
    if fmt not in canvas.FORMATS:
        raise fail("E064", messages.unknown_format(str(fmt), ", ".join(canvas.FORMATS)))
    for name in options:
        if name not in OPTIONS:
            raise fail("E064", messages.unknown_render_option(name, ", ".join(OPTIONS)))
    p = plan(chart, _size(options.get("size")))
    if fmt == "array" and sys.byteorder == "little":
        return _array(p)
    return canvas.draw(p.frame.width, p.frame.height, fmt, lambda ctx: paint(ctx, p))


def _array(p: Plan) -> np.ndarray:
    """The RGBA array straight from Cairo's memory, with no channel shuffle.

    Cairo keeps pixels as BGRA bytes on little-endian machines; painting the plan with red and blue
    swapped leaves them in RGBA order. Compositing treats channels alike, so the result is exactly
    the array ``canvas.draw`` returns, in half the time.
    """
    import numpy as np  # only an array needs it: PNG, SVG and PDF start without numpy

    w, h = p.frame.width, p.frame.height
    stride = cairo.ImageSurface.format_stride_for_width(cairo.FORMAT_ARGB32, w)
    # Cairo draws into numpy's memory, already white (a memset, far cheaper than painting the
    # background and copying the pixels out afterwards)
    pixels = np.full((h, stride // 4, 4), 255, dtype=np.uint8)
    surface = cairo.ImageSurface.create_for_data(pixels.data, cairo.FORMAT_ARGB32, w, h, stride)
    paint(cairo.Context(surface), swap_red_blue(p))
    surface.finish()
    return pixels if stride == 4 * w else np.ascontiguousarray(pixels[:, :w])


def swap_red_blue(p: Plan) -> Plan:
    """The plan with every colour's red and blue exchanged (greys, black and white are unchanged)."""
    def rb(c: tx.RGB) -> tx.RGB:
        return (c[2], c[1], c[0])

    marks = tuple(replace(m, colour=rb(m.colour)) for m in p.marks)
    labels = tuple(replace(t, colour=rb(t.colour)) for t in p.labels)
    texts = tuple(replace(t, colour=rb(t.colour)) for t in p.axis_texts)
    lg = p.legend
    if lg is not None:
        lg = replace(lg, entries=tuple(replace(e, colour=rb(e.colour)) for e in lg.entries),
                     texts=tuple(replace(t, colour=rb(t.colour)) for t in lg.texts))
    style = replace(p.frame.style, theme=chart_theme.swap_red_blue(p.frame.style.theme))
    return replace(p, frame=replace(p.frame, style=style), marks=marks, labels=labels, axis_texts=texts, legend=lg)


def _size(size: object) -> tuple[int, int] | None:
    if size is None:
        return None
    if (not isinstance(size, tuple | list) or len(size) != 2
            or not all(isinstance(v, int) and not isinstance(v, bool) for v in size)):
        raise fail("E064", messages.cannot_draw("the chart", f"size must be (width, height) in pixels, not {size!r}"))
    return int(size[0]), int(size[1])
