"""Draw a geometry figure with Cairo: shading, shapes, marks, points and labels, fitted to the canvas.

    Figure ──1 resolve──▶ Space (float positions, circles) ──2 fit──▶ Frame (world -> pixels)
           ──3 paint──▶ shaded regions, strokes, marks, points, labels ──▶ PNG | SVG | PDF | array

Coordinates are y-up; exact numbers become floats in step 1 and nowhere earlier.

>>> from recode_dsl import scene as s
>>> fig = s.Figure(None, (s.Point("A", 0, 0), s.Point("B", 4, 3)), (s.Shape(s.Seg("A", "B")),), (), (), ())
>>> render_figure(fig, "array", width=200, height=150).shape
(150, 200, 4)
"""

from __future__ import annotations

import numbers
from typing import Any

from recode_dsl import messages
from recode_dsl import scene as s
from recode_dsl.errors import Diagnostic, RenderError
from recode_dsl.limits import MAX_CANVAS_PX, MIN_CANVAS_PX
from recode_dsl.renderer import canvas, geo_labels, geo_marks, geo_shading
from recode_dsl.renderer.geo_draw import Ctx, Ink, Pen, Style, draw_shapes
from recode_dsl.renderer.geo_space import Frame, Space, aspect_size, bounds, fit, resolve

LONG_SIDE = 480  # default canvas: the long side in pixels, the other following the figure's shape
OPTIONS = ("width", "height", "size", "margin", "dots", "layout_timeout")


def render_figure(figure: s.Figure, fmt: str, **options: Any) -> Any:
    """Draw ``figure``: bytes for png, svg and pdf, an HxWx4 uint8 RGBA array for "array".

    Options: ``width``/``height`` or ``size=(w, h)`` in pixels (default: the figure's canvas, else
    480 px on the long side following the figure's aspect); ``margin`` in pixels; ``dots`` (dots on
    points that are not the end of a stroke, default True); ``layout_timeout`` in seconds for
    figures without coordinates.
    """
    _check_options(fmt, options)
    space = resolve(figure, float(options.get("layout_timeout", 2.0)))
    box = bounds(space)
    width, height = _size(figure, box, options)
    style = Style.for_canvas(width, height)
    margin = float(options.get("margin", min(1.8 * style.font, 0.2 * min(width, height))))
    frame = fit(box, width, height, margin)
    return canvas.draw(width, height, fmt, lambda ctx: paint(ctx, figure, space, frame, style,
                                                            bool(options.get("dots", True))))


def figure_frame(figure: s.Figure, width: int, height: int, margin: float) -> Frame:
    """The world-to-pixel map ``render_figure`` uses for this figure and canvas."""
    return fit(bounds(resolve(figure)), width, height, margin)


def paint(ctx: Ctx, fig: s.Figure, space: Space, frame: Frame, style: Style, dots: bool = True) -> None:
    """Everything, bottom to top: shading, strokes, marks, point dots, then labels around them."""
    pen = Pen(ctx, fig, space, frame, style, Ink())
    region = geo_shading.shaded(fig, space)
    if not region.is_empty:
        geo_shading.fill(ctx, region, frame, style.shade)
    draw_shapes(pen)
    ctx.set_source_rgb(*style.ink)
    geo_marks.perpendicular_marks(pen)
    geo_marks.tick_marks(pen)
    geo_marks.parallel_marks(pen)
    _dots(pen, dots)
    centre = _centre(pen)
    geo_marks.angle_marks(pen)
    geo_marks.arc_labels(pen)
    geo_labels.length_labels(pen, centre)
    geo_labels.point_labels(pen, centre)


def _dots(pen: Pen, draw: bool) -> None:
    """A dot on each point that is not the corner or end of a stroke: centres, points on lines and circles."""
    r = pen.style.dot
    for p in pen.fig.points:
        x, y = pen.px(p.name)
        pen.ink.points.append((x, y))
        if draw and not _at_an_end(pen, x, y):
            pen.ctx.new_sub_path()
            pen.ctx.arc(x, y, r, 0, 6.283185307179586)
            pen.ink.boxes.append((x - r, y - r, x + r, y + r))
    pen.ctx.fill()


def _at_an_end(pen: Pen, x: float, y: float) -> bool:
    """True when a stroke ends at (x, y) and none passes through it."""
    ends = inside = 0
    for ax, ay, bx, by in pen.ink.segments:
        da, db = abs(ax - x) + abs(ay - y), abs(bx - x) + abs(by - y)
        if min(da, db) < 1.0:
            ends += 1
        elif geo_labels.passes_through((ax, ay, bx, by), (x, y)):
            inside += 1
    return ends > 0 and inside == 0


def _centre(pen: Pen) -> tuple[float, float]:
    pts = [pen.px(p.name) for p in pen.fig.points]
    if not pts:
        return (pen.frame.width / 2, pen.frame.height / 2)
    xs, ys = [p[0] for p in pts], [p[1] for p in pts]
    return ((min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2)


def _check_options(fmt: str, options: dict[str, Any]) -> None:
    if fmt not in canvas.FORMATS:
        raise RenderError([Diagnostic("E065", messages.geo_unknown_format(fmt, ", ".join(canvas.FORMATS)))])
    unknown = [k for k in options if k not in OPTIONS]
    if unknown:
        raise RenderError([Diagnostic("E065", messages.geo_unknown_option(unknown[0], ", ".join(OPTIONS)))])


def _size(fig: s.Figure, box: tuple[float, float, float, float], options: dict[str, Any]) -> tuple[int, int]:
    """The canvas in pixels: options, else the figure's canvas, else the figure's aspect."""
    size = options.get("size")
    width, height = (size if isinstance(size, (tuple, list)) and len(size) == 2 else (None, None))
    width, height = options.get("width", width), options.get("height", height)
    if width is None and height is None and fig.canvas is not None:
        width, height = fig.canvas
    if width is None or height is None:
        w0, h0 = aspect_size(box, LONG_SIDE, 1.8 * Style.for_canvas(LONG_SIDE, LONG_SIDE).font)
        if width is not None:
            height = max(MIN_CANVAS_PX, round(_pixels(width, "width") * h0 / w0))
        elif height is not None:
            width = max(MIN_CANVAS_PX, round(_pixels(height, "height") * w0 / h0))
        else:
            width, height = w0, h0
    return _pixels(width, "width"), _pixels(height, "height")


def _pixels(v: object, what: str) -> int:
    """A canvas side: a whole number (numpy integers too, as image shapes give) within the limits."""
    if isinstance(v, bool) or not isinstance(v, numbers.Integral) or not MIN_CANVAS_PX <= int(v) <= MAX_CANVAS_PX:
        raise RenderError([Diagnostic("E065", messages.geo_bad_size(what, MIN_CANVAS_PX, MAX_CANVAS_PX))])
    return int(v)
