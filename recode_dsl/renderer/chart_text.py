"""Chart text: DejaVu Sans measured with Cairo and placed the way matplotlib aligns its labels.

A label is anchored by its layout box (advance width, from the descent of "p" to the top of "l")
rather than by its ink, so that "a" and "A" sit on one baseline. Rotated labels align their
rotated box, as matplotlib's default rotation mode does. Scaled fonts are immutable and cached
per size, so a chart pays the font set-up once per process, not once per label.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

import cairo

from recode_dsl.renderer.canvas import FONT, drawable

RGB = tuple[float, float, float]
BLACK: RGB = (0.0, 0.0, 0.0)


@dataclass(frozen=True, slots=True)
class Text:
    """A label ready to draw: baseline origin (x, y) in pixels, counter-clockwise angle in degrees."""

    text: str
    size: float
    x: float
    y: float
    angle: float = 0.0
    colour: RGB = BLACK
    bold: bool = False

    def bbox(self) -> tuple[float, float, float, float]:
        """The layout box after rotation: (x0, y0, x1, y1), y down."""
        a, d = line_metrics(self.size)
        w = advance(self.text, self.size, self.bold)
        return _rotated_bbox(self.x, self.y, w, a, d, self.angle)


@lru_cache(maxsize=64)
def scaled_font(size: float, bold: bool = False) -> cairo.ScaledFont:
    """An immutable Cairo scaled font, unhinted so that PNG, SVG and PDF share one layout."""
    weight = cairo.FONT_WEIGHT_BOLD if bold else cairo.FONT_WEIGHT_NORMAL
    face = cairo.ToyFontFace(FONT, cairo.FONT_SLANT_NORMAL, weight)
    options = cairo.FontOptions()
    options.set_hint_metrics(cairo.HINT_METRICS_OFF)
    options.set_hint_style(cairo.HINT_STYLE_NONE)
    return cairo.ScaledFont(face, cairo.Matrix(size, 0, 0, size), cairo.Matrix(), options)


@lru_cache(maxsize=64)
def line_metrics(size: float) -> tuple[float, float]:
    """(ascent, descent) of a line in pixels: the top of "l" and the bottom of "p"."""
    font = scaled_font(size)
    ell = font.text_extents("l")
    pee = font.text_extents("p")
    return -ell.y_bearing, pee.height + pee.y_bearing


@lru_cache(maxsize=4096)
def advance(text: str, size: float, bold: bool = False) -> float:
    """The advance width of ``text`` in pixels."""
    return float(scaled_font(size, bold).text_extents(text).x_advance)


def place(text: str, x: float, y: float, size: float, ha: str = "center", va: str = "center",
          angle: float = 0.0, colour: RGB = BLACK, bold: bool = False) -> Text:
    """A label whose (rotated) layout box is aligned at (x, y).

    ``ha`` is left, center or right; ``va`` is top, center, bottom, baseline or center_baseline.

    >>> t = place("10", 100, 50, 10, ha="right", va="top")
    >>> round(t.bbox()[2], 6), round(t.bbox()[1], 6)
    (100.0, 50.0)
    """
    text = drawable(text)  # Cairo refuses some characters, and its cached font stays broken after
    a, d = line_metrics(size)
    w = advance(text, size, bold)
    if angle == 0 and va in ("baseline", "center_baseline"):
        ox = x - {"left": 0.0, "center": w / 2, "right": w}[ha]
        return Text(text, size, ox, y + (a / 2 if va == "center_baseline" else 0.0), 0.0, colour, bold)
    x0, y0, x1, y1 = _rotated_bbox(0.0, 0.0, w, a, d, angle)
    tx = {"left": x0, "center": (x0 + x1) / 2, "right": x1}[ha]
    ty = {"top": y0, "center": (y0 + y1) / 2, "center_baseline": (y0 + y1) / 2, "bottom": y1,
          "baseline": 0.0}[va]
    return Text(text, size, x - tx, y - ty, angle, colour, bold)


def _rotated_bbox(x: float, y: float, w: float, a: float, d: float, angle: float) -> tuple[float, float, float, float]:
    if angle == 0:
        return x, y - a, x + w, y + d
    c, s = math.cos(math.radians(angle)), math.sin(math.radians(angle))
    xs, ys = [], []
    for px, py in ((0.0, -a), (w, -a), (w, d), (0.0, d)):
        xs.append(x + px * c + py * s)
        ys.append(y - px * s + py * c)
    return min(xs), min(ys), max(xs), max(ys)


def draw(ctx: cairo.Context, t: Text) -> None:  # type: ignore[type-arg]
    """Draw a placed label."""
    ctx.set_scaled_font(scaled_font(t.size, t.bold))
    ctx.set_source_rgb(*t.colour)
    if t.angle == 0:
        ctx.move_to(t.x, t.y)
        ctx.show_text(t.text)
        return
    ctx.save()
    ctx.translate(t.x, t.y)
    ctx.rotate(-math.radians(t.angle))
    ctx.move_to(0, 0)
    ctx.show_text(t.text)
    ctx.restore()
