""""The figure" of a Geometry3K problem: the outline of its drawn segments, as named points.

``Find(AreaOf(Shape($)))`` asks for the area of the figure without naming it. When the drawn
segments bound exactly one region, and each corner of that region is a named point, the figure is
that polygon. Positions (floats) are used only to find the outline, never written as facts.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping

from shapely.geometry import LineString, Polygon
from shapely.ops import polygonize, unary_union

Positions = Mapping[str, tuple[float, float]]


def outline(segments: Iterable[tuple[str, str]], pos: Positions) -> tuple[str, ...] | None:
    """The corners of the region the segments bound, in order, or None if that is not one polygon.

    >>> square = {"A": (0, 0), "B": (4, 0), "C": (4, 4), "D": (0, 4), "E": (2, 0)}
    >>> outline([("A", "E"), ("E", "B"), ("B", "C"), ("C", "D"), ("D", "A")], square)
    ('A', 'D', 'C', 'B')
    """
    lines = [LineString([pos[a], pos[b]]) for a, b in segments if a in pos and b in pos and pos[a] != pos[b]]
    if len(lines) < 3:
        return None
    faces = list(polygonize(unary_union(lines)))
    if not faces:
        return None
    region = unary_union(faces)
    if not isinstance(region, Polygon) or region.interiors:
        return None
    return _corners(list(region.exterior.coords)[:-1], pos)


def _corners(coords: list[tuple[float, float]], pos: Positions) -> tuple[str, ...] | None:
    size = max(max(abs(x), abs(y)) for x, y in coords) or 1.0
    names: list[str] = []
    for i, (x, y) in enumerate(coords):
        if _straight(coords[i - 1], (x, y), coords[(i + 1) % len(coords)]):
            continue
        name = min(pos, key=lambda n: math.dist(pos[n], (x, y)))
        if math.dist(pos[name], (x, y)) > 0.02 * size:
            return None  # a corner where no named point is
        names.append(name)
    return tuple(names) if len(names) >= 3 and len(set(names)) == len(names) else None


def _straight(a: tuple[float, float], b: tuple[float, float], c: tuple[float, float]) -> bool:
    cross = (b[0] - a[0]) * (c[1] - b[1]) - (b[1] - a[1]) * (c[0] - b[0])
    return abs(cross) <= 2e-2 * math.dist(a, b) * math.dist(b, c)  # a point drawn on a side, to the pixel
