"""Areas of shapes and regions: exact formulas where they exist, Shapely for the rest.

A region difference or union is computed with Shapely; when one part contains the other, or
they do not overlap, the area is taken from the exact formulas of the parts instead
(Shapely's circles are polygons), so the cross-check also sharpens the value.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

import shapely
from shapely.geometry import Point, Polygon
from shapely.geometry.base import BaseGeometry

from recode_dsl import scene as s
from recode_dsl.geometry.numeric import XY, Model, Num, Unsupported, Vec, describe, shoelace

ARC_STEPS = 256
_REL = 2e-3  # relative overlap below which two parts count as disjoint / contained


@dataclass(frozen=True)
class Parts:
    """How to get the numbers of basic shapes from the model."""

    circle: Callable[[s.Circ], tuple[Callable[[Vec], XY], Num]]
    vertices: Callable[[s.Poly], Callable[[Vec], list[XY]]]
    sector: Callable[[s.Sector], tuple[Callable[[Vec], XY], Num, Num, Num]]


Shape = Callable[[Vec], BaseGeometry]


def area(model: Model, g: s.Geo, parts: Parts) -> Num:
    """The area of a polygon, circle, sector, region or the shaded part, as a function."""
    exact, shape = _build(model, g, parts)

    def value(x: Vec) -> float:
        got = exact(x)
        return got if got is not None else float(shape(x).area)
    return value


Exact = Callable[[Vec], "float | None"]


def _build(model: Model, g: s.Geo, parts: Parts) -> tuple[Exact, Shape]:
    if isinstance(g, s.Poly):
        vs = parts.vertices(g)
        return (lambda x: shoelace(vs(x))), (lambda x: _polygon(vs(x)))
    if isinstance(g, s.Circ):
        c, r = parts.circle(g)
        return (lambda x: math.pi * r(x) ** 2), (lambda x: Point(c(x)).buffer(abs(r(x)), quad_segs=ARC_STEPS // 4))
    if isinstance(g, s.Sector):
        return _sector(parts.sector(g))
    if isinstance(g, s.RegionOp):
        return _op(g.op, _build(model, g.left, parts), _build(model, g.right, parts))
    if isinstance(g, s.Shaded):
        regions = [r.args[0] for r in model.fig.relations if r.name == "shade"]
        if not regions:
            raise Unsupported("nothing is shaded")
        built = [_build(model, r, parts) for r in regions]  # type: ignore[arg-type]
        acc = built[0]
        for nxt in built[1:]:
            acc = _op("union", acc, nxt)
        return acc
    raise Unsupported(f"{describe(g)} has no area")


def _polygon(pts: list[XY]) -> BaseGeometry:
    poly = Polygon(pts)
    return poly if poly.is_valid else shapely.make_valid(poly)


def _sector(fns: tuple[Callable[[Vec], XY], Num, Num, Num]) -> tuple[Exact, Shape]:
    c, r, start, sweep = fns

    def shape(x: Vec) -> BaseGeometry:
        cx, cy = c(x)
        rr, t0, dt = r(x), start(x), sweep(x)
        n = max(8, int(ARC_STEPS * dt / (2 * math.pi)))
        arc = [(cx + rr * math.cos(t0 + dt * i / n), cy + rr * math.sin(t0 + dt * i / n)) for i in range(n + 1)]
        return _polygon([(cx, cy), *arc])
    return (lambda x: r(x) ** 2 * sweep(x) / 2), shape


def _op(op: str, left: tuple[Exact, Shape], right: tuple[Exact, Shape]) -> tuple[Exact, Shape]:
    (le, ls), (re_, rs) = left, right

    def shape(x: Vec) -> BaseGeometry:
        a, b = ls(x), rs(x)
        return a.difference(b) if op == "difference" else a.union(b)

    def exact(x: Vec) -> float | None:
        a_exact, b_exact = le(x), re_(x)
        if a_exact is None or b_exact is None:
            return None
        a, b = ls(x), rs(x)
        overlap = a.intersection(b).area
        small = min(a.area, b.area) or 1.0
        if overlap < _REL * small:
            return a_exact if op == "difference" else a_exact + b_exact
        if abs(overlap - b.area) < _REL * small:  # b inside a
            return a_exact - b_exact if op == "difference" else a_exact
        if abs(overlap - a.area) < _REL * small and op == "union":  # a inside b
            return b_exact
        if abs(overlap - a.area) < _REL * small:
            return 0.0
        return None
    return exact, shape
