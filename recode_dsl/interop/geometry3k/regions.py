"""Regions of a Geometry3K figure the annotation leaves as ``Shape($)``: shaded, or the figure.

A figure of one circle and one polygon, one drawn inside the other (a polygon inscribed in the
circle, or a circle inside the polygon), is shaded between the two: the shaded region is
the outer shape minus the inner one. Positions (floats) only decide which is inside; nothing
read off the picture is written as a fact. "The figure" may be a polygon with half circles on
its sides (a rectangle with a semicircle on one end).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence

from recode_dsl import astnodes as dsl
from recode_dsl.interop.geometry3k.text import Val, binop, call
from recode_dsl.interop.geometry3k.tolerance import ON_CIRCLE

Positions = Mapping[str, tuple[float, float]]


def between(pos: Positions, polygons: Sequence[Val], circles: Mapping[str, Sequence[str]],
            touching: bool = False) -> Val | None:
    """The region between the one circle and the one polygon, outer minus inner, or None.

    ``circles`` maps each centre to the points said to lie on it; ``touching``: those points are
    all said to lie on the polygon's sides (the radius then need not be drawn).

    >>> from recode_dsl.interop.geometry3k.text import make_polygon
    >>> pos = {"O": (0, 0), "A": (0, 2), "B": (1.73, -1), "C": (-1.73, -1)}
    >>> between(pos, [make_polygon("triangle", ("A", "B", "C"))], {"O": ["A"]}).text
    'circle(O) - triangle(A, B, C)'
    """
    shapes = {p.text: p for p in polygons if p.kind == "polygon" and len(p.points) >= 3}
    if len(shapes) != 1 or len(circles) != 1:
        return None
    poly = next(iter(shapes.values()))
    centre, on = next(iter(circles.items()))
    if centre not in pos or not all(v in pos for v in poly.points):
        return None
    gaps = [_distance_to_side(pos[centre], pos[a], pos[b]) for a, b in _sides(poly.points)]
    radius = _radius(pos, centre, on) or (sum(gaps) / len(gaps) if touching and on else None)
    if radius is None:
        return None
    corners = [math.dist(pos[v], pos[centre]) for v in poly.points]
    if all(d <= (1 + ON_CIRCLE) * radius for d in corners):  # the polygon inside the circle
        return _region(binop("-", call("circle", centre), poly.node), (centre, *poly.points))
    if all(g >= (1 - ON_CIRCLE) * radius for g in gaps) and _inside(pos[centre], [pos[v] for v in poly.points]):
        # the circle inside the polygon
        return _region(binop("-", poly.node, call("circle", centre)), (centre, *poly.points))
    return None


def _region(expr: dsl.Expr, points: tuple[str, ...]) -> Val:
    return Val("region", expr, points)


def outer(region: Val) -> dsl.Call:
    """The shape a region starts from: ``circle(O)`` of ``circle(O) - triangle(A, B, C)``."""
    e = region.node
    while isinstance(e, dsl.BinOp):
        e = e.left
    assert isinstance(e, dsl.Call), e
    return e


def _radius(pos: Positions, centre: str, on: Sequence[str]) -> float | None:
    known = [math.dist(pos[p], pos[centre]) for p in on if p in pos and p != centre]
    return sum(known) / len(known) if known and centre in pos else None


def _sides(v: Sequence[str]) -> list[tuple[str, str]]:
    return [(v[i], v[(i + 1) % len(v)]) for i in range(len(v))]


def _distance_to_side(p: tuple[float, float], a: tuple[float, float], b: tuple[float, float]) -> float:
    (px, py), (ax, ay), (bx, by) = p, a, b
    length = math.hypot(bx - ax, by - ay)
    return abs((bx - ax) * (ay - py) - (ax - px) * (by - ay)) / length if length else math.dist(p, a)


def _inside(p: tuple[float, float], ring: Sequence[tuple[float, float]]) -> bool:
    """Even-odd rule."""
    x, y = p
    inside = False
    for (x1, y1), (x2, y2) in zip(ring, [*ring[1:], ring[0]], strict=True):
        if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
            inside = not inside
    return inside



def cut_out(ring: Sequence[str], kind: str, piece: Sequence[str]) -> Val:
    """The figure's outline less a piece cut out of it."""
    whole = call("triangle" if len(ring) == 3 else "polygon", *ring)
    return _region(binop("-", whole, call(kind, *piece)), tuple(ring))


def composite(pos: Positions, segments: Sequence[tuple[str, str]], circles: Mapping[str, Sequence[str]],
              ring_of: Callable[[Sequence[tuple[str, str]], Positions], tuple[str, ...] | None]) -> Val | None:
    """"The figure" made of a polygon and half circles standing on its sides, or None.

    A circle whose centre is the midpoint of two of its points stands on that diameter; when the
    diameter lies along a side of the outline of the drawn segments (with the diameters), the half
    circle outside the polygon is added to the figure, unless it could not be in the picture (the
    cropped frame starts at 0): then it is the half inside, cut out.
    """
    halves = [(c, p, q) for c, on in circles.items() for i, p in enumerate(on) for q in on[i + 1:]
              if _midpoint(pos, c, p, q)]
    if not halves:
        return None
    radii = {frozenset((c, e)) for c, p, q in halves for e in (p, q)}  # the diameter stands for its halves
    ring = ring_of([*(s for s in segments if frozenset(s) not in radii), *((p, q) for _, p, q in halves)], pos)
    if ring is None:
        return None
    corners = [pos[v] for v in ring]
    expr: dsl.Expr = call("triangle" if len(ring) == 3 else "polygon", *ring)
    found = False
    for c, p, q in halves:
        if _along_a_side(pos[p], pos[q], corners):
            op, half = _half(pos, corners, c, p, q)
            expr = binop(op, expr, half)
            found = True
    return _region(expr, ring) if found else None


def _along_a_side(p: tuple[float, float], q: tuple[float, float], ring: Sequence[tuple[float, float]]) -> bool:
    for a, b in zip(ring, [*ring[1:], ring[0]], strict=True):
        tol = 0.02 * math.dist(a, b)
        if all(_distance_to_segment(x, a, b) <= tol for x in (p, q)):
            return True
    return False


def _distance_to_segment(p: tuple[float, float], a: tuple[float, float], b: tuple[float, float]) -> float:
    (px, py), (ax, ay), (bx, by) = p, a, b
    length2 = (bx - ax) ** 2 + (by - ay) ** 2
    t = max(0.0, min(1.0, ((px - ax) * (bx - ax) + (py - ay) * (by - ay)) / length2)) if length2 else 0.0
    return math.dist(p, (ax + t * (bx - ax), ay + t * (by - ay)))


def _midpoint(pos: Positions, c: str, p: str, q: str) -> bool:
    if not all(n in pos for n in (c, p, q)) or c in (p, q):
        return False
    (px, py), (qx, qy) = pos[p], pos[q]
    return math.dist(pos[c], ((px + qx) / 2, (py + qy) / 2)) <= 0.05 * math.dist(pos[p], pos[q])


def _half(pos: Positions, ring: Sequence[tuple[float, float]], c: str, p: str, q: str) -> tuple[str, dsl.Call]:
    """``+`` and ``sector(...)`` for the half outside the polygon, or ``-`` and ``sector(...)`` for the half inside
    when the outside one would leave the picture's frame.

    ``sector(c, p, q)`` sweeps counter-clockwise (y up) from p; the data's y points down.
    """
    sweep_p = _arc(pos, c, p)
    outer, inner = ((p, q), (q, p)) if not _inside(sweep_p[7], ring) else ((q, p), (p, q))
    arc = _arc(pos, c, outer[0])
    radius = math.dist(pos[c], pos[p])
    if min(min(x for x, _ in arc), min(y for _, y in arc)) >= -0.1 * radius:
        return "+", call("sector", c, outer[0], outer[1])
    return "-", call("sector", c, inner[0], inner[1])


def _arc(pos: Positions, c: str, p: str) -> list[tuple[float, float]]:
    """Points of the half circle about c sweeping counter-clockwise (y up) from p, in y down."""
    (cx, cy), (px, py) = pos[c], pos[p]
    radius, start = math.hypot(px - cx, cy - py), math.atan2(cy - py, px - cx)
    return [(cx + radius * math.cos(start + k * math.pi / 16), cy - radius * math.sin(start + k * math.pi / 16))
            for k in range(1, 16)]
