"""Shaded regions as Shapely geometry: shapes combined with union and difference, then filled.

``region(geo, space, fig)`` builds the world-unit geometry of a region value (polygon, circle,
sector, arc segment, ``RegionOp``, ``Shaded``); ``shaded(fig, space)`` is the union of every
``shade(...)``; ``fill(ctx, geom, frame)`` paints it with holes (even-odd rule).
"""

from __future__ import annotations

import math

import cairo
import numpy as np
import shapely
from shapely.geometry import Polygon
from shapely.geometry.base import BaseGeometry

from recode_dsl import scene as s
from recode_dsl.renderer.geo_space import Frame, Space

CIRCLE_STEPS = 256  # a circle as a 256-gon: area within 0.01% of pi r^2
_EMPTY = Polygon()


def shaded(fig: s.Figure, space: Space) -> BaseGeometry:
    """The union of every region the figure shades."""
    parts = [region(rel.args[0], space, fig, depth=1) for rel in fig.relations if rel.name == "shade" and rel.args]
    parts = [p for p in parts if not p.is_empty]
    return shapely.union_all(parts) if parts else _EMPTY


def region(geo: object, space: Space, fig: s.Figure, depth: int = 0) -> BaseGeometry:
    """The area a region value covers, in world units; empty for things with no area."""
    if isinstance(geo, s.Poly):
        return _polygon([space.pos[v] for v in geo.vertices])
    if isinstance(geo, s.Circ):
        c = space.circle(geo)
        return _polygon(_arc_points(c[0], c[1], c[2], 0.0, 2 * math.pi)) if c else _EMPTY
    if isinstance(geo, s.Sector):
        return _sector(geo, space)
    if isinstance(geo, s.RegionOp):
        left, right = region(geo.left, space, fig, depth + 1), region(geo.right, space, fig, depth + 1)
        return left.union(right) if geo.op == "union" else left.difference(right)
    if isinstance(geo, s.Shaded) and depth == 0:
        return shaded(fig, space)
    return _EMPTY


def _polygon(points: list[tuple[float, float]]) -> BaseGeometry:
    if len(points) < 3:
        return _EMPTY
    poly = Polygon(points)
    return poly if poly.is_valid else shapely.make_valid(poly)


def _sector(sec: s.Sector, space: Space) -> BaseGeometry:
    """Counter-clockwise from a to b about the centre, with the radius of ``a``."""
    cx, cy = space.pos[sec.center]
    ax, ay = space.pos[sec.a]
    bx, by = space.pos[sec.b]
    r = math.hypot(ax - cx, ay - cy)
    t0 = math.atan2(ay - cy, ax - cx)
    sweep = (math.atan2(by - cy, bx - cx) - t0) % (2 * math.pi)
    if r <= 0 or sweep <= 0:
        return _EMPTY
    return _polygon([(cx, cy)] + _arc_points(cx, cy, r, t0, sweep))


def _arc_points(cx: float, cy: float, r: float, t0: float, sweep: float) -> list[tuple[float, float]]:
    n = max(8, int(CIRCLE_STEPS * sweep / (2 * math.pi)))
    full = sweep >= 2 * math.pi - 1e-12
    t = t0 + sweep * np.arange(n if full else n + 1) / n
    return list(zip((cx + r * np.cos(t)).tolist(), (cy + r * np.sin(t)).tolist()))


def fill(ctx: cairo.Context, geom: BaseGeometry, frame: Frame,  # type: ignore[type-arg]
         colour: tuple[float, float, float]) -> None:
    """Fill a (multi)polygon in pixel space, holes left open."""
    polys = [g for g in getattr(geom, "geoms", [geom]) if isinstance(g, Polygon) and not g.is_empty]
    if not polys:
        return
    ctx.save()
    ctx.set_fill_rule(cairo.FILL_RULE_EVEN_ODD)
    for poly in polys:
        for ring in (poly.exterior, *poly.interiors):
            xy = np.asarray(ring.coords)
            px = frame.ox + xy[:, 0] * frame.scale
            py = frame.oy - xy[:, 1] * frame.scale
            ctx.move_to(float(px[0]), float(py[0]))
            for x, y in zip(px[1:].tolist(), py[1:].tolist()):
                ctx.line_to(x, y)
            ctx.close_path()
    ctx.set_source_rgb(*colour)
    ctx.fill()
    ctx.restore()
