""""The figure" of a Geometry3K problem: the outline of its drawn segments, as named points.

``Find(AreaOf(Shape($)))`` asks for the area of the figure without naming it. When the drawn
segments bound exactly one region, and each corner of that region is a named point, the figure is
that polygon. Positions (floats) are used only to find the outline, never written as facts.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping

from shapely.geometry import LineString, Point, Polygon
from shapely.ops import linemerge, polygonize, unary_union

from recode_dsl.interop.geometry3k.tolerance import ON_SEGMENT

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


def notch(segments: Iterable[tuple[str, str]], pos: Positions) -> tuple[str, ...] | None:
    """The corners of a piece cut out of the figure, or None.

    The drawn segments bound exactly two faces, and one of them meets the outline along a single
    straight piece of one side, its other corners inside: a notch (a rectangle with a triangle or
    a small rectangle cut into one side), not part of the figure.

    >>> box = {"A": (0, 0), "B": (4, 0), "C": (4, 4), "D": (0, 4), "E": (1, 0), "F": (3, 0), "G": (2, 1)}
    >>> notch([("A", "B"), ("B", "C"), ("C", "D"), ("D", "A"), ("E", "G"), ("G", "F")], box)
    ('F', 'E', 'G')
    """
    lines = [LineString([pos[a], pos[b]]) for a, b in _pieces(segments, pos)]
    faces = list(polygonize(unary_union(lines))) if len(lines) >= 3 else []
    region = unary_union(faces) if len(faces) == 2 else None
    if not isinstance(region, Polygon) or region.interiors:
        return None
    size = max(max(abs(x), abs(y)) for x, y in region.exterior.coords) or 1.0
    for face in faces:
        contact = face.exterior.intersection(region.exterior)
        parts = [g for g in getattr(contact, "geoms", [contact]) if isinstance(g, LineString) and g.length > 0]
        merged = linemerge(parts) if parts else None
        pieces = list(getattr(merged, "geoms", [merged])) if merged is not None else []
        if len(pieces) == 1 and _one_straight_piece(pieces[0]) and face.area < region.area / 2:
            corners = _corners(list(face.exterior.coords)[:-1], pos)
            if corners is not None and all(face.exterior.distance(Point(pos[c])) < 0.02 * size for c in corners):
                return corners
    return None


def _one_straight_piece(line: LineString) -> bool:
    coords = list(line.coords)
    return all(_straight(coords[i - 1], coords[i], coords[i + 1]) for i in range(1, len(coords) - 1))


def _pieces(segments: Iterable[tuple[str, str]], pos: Positions) -> list[tuple[str, str]]:
    """The segments cut at the points drawn on them (to the pixel), so that pieces of one line meet
    exactly instead of leaving slivers between them."""
    out: set[tuple[str, str]] = set()
    for a, b in segments:
        if a not in pos or b not in pos or pos[a] == pos[b]:
            continue
        (ax, ay), (bx, by) = pos[a], pos[b]
        length = math.dist(pos[a], pos[b])
        on = [(0.0, a), (1.0, b)]
        for p, (px, py) in pos.items():
            t = ((px - ax) * (bx - ax) + (py - ay) * (by - ay)) / length ** 2
            gap = abs((bx - ax) * (ay - py) - (ax - px) * (by - ay)) / length
            if p not in (a, b) and 0 < t < 1 and gap <= ON_SEGMENT * length:
                on.append((t, p))
        ends = [p for _, p in sorted(on)]
        out.update((min(u, v), max(u, v)) for u, v in zip(ends, ends[1:], strict=False))
    return sorted(out)
