"""Regions of a Geometry3K figure the annotation leaves as ``Shape($)``: shaded, or the figure.

A figure of one circle and one polygon, one drawn inside the other (a polygon inscribed in the
circle, or a circle inscribed in the polygon), is shaded between the two: the shaded region is
the outer shape minus the inner one. Positions (floats) only decide which is inside; nothing
read off the picture is written as a fact. "The figure" may be a polygon with half circles on
its sides (a rectangle with a semicircle on one end).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence

from recode_dsl.interop.g3k_text import Val

Positions = Mapping[str, tuple[float, float]]
TOLERANCE = 0.12  # of the radius: how far off the circle a drawn point may sit and still be on it


def between(pos: Positions, polygons: Sequence[Val], circles: Mapping[str, Sequence[str]]) -> Val | None:
    """The region between the one circle and the one polygon, outer minus inner, or None.

    ``circles`` maps each centre to the points said to lie on it.

    >>> from recode_dsl.interop.g3k_text import make_polygon
    >>> pos = {"O": (0, 0), "A": (0, 2), "B": (1.73, -1), "C": (-1.73, -1)}
    >>> between(pos, [make_polygon("triangle", ("A", "B", "C"))], {"O": ["A"]}).text
    'circle(O) - triangle(A, B, C)'
    """
    shapes = {p.text: p for p in polygons if p.kind == "polygon" and len(p.points) >= 3}
    if len(shapes) != 1 or len(circles) != 1:
        return None
    poly = next(iter(shapes.values()))
    centre, on = next(iter(circles.items()))
    radius = _radius(pos, centre, on)
    if radius is None or not all(v in pos for v in poly.points):
        return None
    corners = [math.dist(pos[v], pos[centre]) for v in poly.points]
    if all(abs(d - radius) <= TOLERANCE * radius for d in corners):
        return _region(f"circle({centre}) - {poly.text}", (centre, *poly.points))
    gaps = [_distance_to_side(pos[centre], pos[a], pos[b]) for a, b in _sides(poly.points)]
    if all(abs(g - radius) <= TOLERANCE * radius for g in gaps) and _inside(pos[centre], [pos[v] for v in poly.points]):
        return _region(f"{poly.text} - circle({centre})", (centre, *poly.points))
    return None


def _region(text: str, points: tuple[str, ...]) -> Val:
    return Val("region", text, points)


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



def composite(pos: Positions, segments: Sequence[tuple[str, str]], circles: Mapping[str, Sequence[str]],
              ring_of: Callable[[Sequence[tuple[str, str]], Positions], tuple[str, ...] | None]) -> Val | None:
    """"The figure" made of a polygon and half circles standing on its sides, or None.

    A circle whose centre is the midpoint of two of its points stands on that diameter; when the
    diameter is a side of the outline of the drawn segments (with the diameters), the half circle
    outside the polygon belongs to the figure.
    """
    halves = [(c, p, q) for c, on in circles.items() for i, p in enumerate(on) for q in on[i + 1:]
              if _midpoint(pos, c, p, q)]
    if not halves:
        return None
    radii = {frozenset((c, e)) for c, p, q in halves for e in (p, q)}  # the diameter stands for its halves
    ring = ring_of([*(s for s in segments if frozenset(s) not in radii), *((p, q) for _, p, q in halves)], pos)
    if ring is None:
        return None
    sides = {frozenset((ring[i - 1], ring[i])) for i in range(len(ring))}
    kind = "triangle" if len(ring) == 3 else "polygon"
    parts = [f"{kind}({', '.join(ring)})"]
    parts += [_outer_half(pos, ring, c, p, q) for c, p, q in halves if frozenset((p, q)) in sides]
    return _region(" + ".join(parts), ring) if len(parts) > 1 else None


def _midpoint(pos: Positions, c: str, p: str, q: str) -> bool:
    if not all(n in pos for n in (c, p, q)) or c in (p, q):
        return False
    (px, py), (qx, qy) = pos[p], pos[q]
    return math.dist(pos[c], ((px + qx) / 2, (py + qy) / 2)) <= 0.05 * math.dist(pos[p], pos[q])


def _outer_half(pos: Positions, ring: Sequence[str], c: str, p: str, q: str) -> str:
    """``sector(c, p, q)`` sweeps counter-clockwise (y up) from p; the data's y points down."""
    (cx, cy), (px, py) = pos[c], pos[p]
    ux, uy = px - cx, -(py - cy)  # y up
    probe = (cx - uy * 0.5, cy - ux * 0.5)  # a quarter turn counter-clockwise (y up), back in y down
    inside = _inside(probe, [pos[v] for v in ring])
    a, b = (q, p) if inside else (p, q)
    return f"sector({c}, {a}, {b})"
