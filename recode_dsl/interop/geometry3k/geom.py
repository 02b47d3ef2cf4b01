"""Choices the Geometry3K importer reads off the diagram's point positions.

Some logic forms leave a detail to the picture: which side of a trapezoid is a leg, which
vertex of an isosceles triangle is the apex, which side of a right triangle is the
hypotenuse. These helpers decide from the annotated positions (floats, used only to choose,
never written as facts); with a position missing they keep the order as written.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence

from recode_dsl.geometry.numeric import angle_at

Positions = Mapping[str, tuple[float, float]]


def _dist(p: Positions, a: str, b: str) -> float:
    (x1, y1), (x2, y2) = p[a], p[b]
    return math.hypot(x2 - x1, y2 - y1)


def _known(p: Positions, names: Sequence[str]) -> bool:
    return all(n in p for n in names)


def rotate(vertices: Sequence[str], k: int) -> tuple[str, ...]:
    """``vertices`` starting at index ``k``.

    >>> rotate(("A", "B", "C", "D"), 1)
    ('B', 'C', 'D', 'A')
    """
    return tuple(vertices[k:]) + tuple(vertices[:k])


def angle(p: Positions, a: str, v: str, b: str) -> float:
    """The drawn angle a-v-b in degrees, 0 to 180 (0 when an arm has no length).

    >>> angle({"A": (1.0, 0.0), "V": (0.0, 0.0), "B": (0.0, 2.0)}, "A", "V", "B")
    90.0
    """
    return math.degrees(angle_at(p[a], p[v], p[b]))


def direction(v: tuple[float, float], p: tuple[float, float]) -> float:
    """The direction of p seen from v in degrees, counter-clockwise from +x, 0 to 360.

    >>> direction((1.0, 1.0), (1.0, 0.0))
    270.0
    """
    return math.degrees(math.atan2(p[1] - v[1], p[0] - v[0])) % 360


def line_turn(p: Positions, s: tuple[str, str], t: tuple[str, str]) -> float:
    """The drawn angle between the lines through segments s and t in degrees, 0 to 90.

    >>> line_turn({"A": (0.0, 0.0), "B": (1.0, 0.0), "C": (0.0, 1.0), "D": (-1.0, 2.0)}, ("A", "B"), ("C", "D"))
    45.0
    """
    (ax, ay), (bx, by), (cx, cy), (dx, dy) = p[s[0]], p[s[1]], p[t[0]], p[t[1]]
    turn = math.degrees(angle_at((bx - ax, by - ay), (0.0, 0.0), (dx - cx, dy - cy)))
    return min(turn, 180.0 - turn)


def _unparallel(p: Positions, a: str, b: str, c: str, d: str) -> float:
    """|sin| of the angle between AB and DC (0 when parallel)."""
    (ax, ay), (bx, by), (cx, cy), (dx, dy) = p[a], p[b], p[c], p[d]
    ux, uy, vx, vy = bx - ax, by - ay, cx - dx, cy - dy
    norm = math.hypot(ux, uy) * math.hypot(vx, vy)
    return abs(ux * vy - uy * vx) / norm if norm else 1.0


def trapezoid_turn(p: Positions, v: Sequence[str]) -> int:
    """0 or 1: the rotation that makes sides 1 and 3 the parallel pair (AB parallel to DC)."""
    if len(v) != 4 or not _known(p, v):
        return 0
    return 0 if _unparallel(p, v[0], v[1], v[2], v[3]) <= _unparallel(p, v[1], v[2], v[3], v[0]) else 1


def kite_turn(p: Positions, v: Sequence[str]) -> int:
    """The rotation that makes AB = AD and CB = CD as nearly as the picture shows."""
    if len(v) != 4 or not _known(p, v):
        return 0

    def misfit(k: int) -> float:
        a, b, c, d = rotate(v, k)
        return abs(_dist(p, a, b) - _dist(p, a, d)) + abs(_dist(p, c, b) - _dist(p, c, d))

    return min(range(2), key=misfit)


def apex_turn(p: Positions, v: Sequence[str]) -> int:
    """The rotation that puts first the triangle vertex whose two sides are most nearly equal."""
    if len(v) != 3 or not _known(p, v):
        return 0

    def misfit(k: int) -> float:
        a, b, c = rotate(v, k)
        return abs(_dist(p, a, b) - _dist(p, a, c))

    return min(range(3), key=misfit)


def sides(v: Sequence[str]) -> list[tuple[str, str]]:
    """The sides of a polygon in order."""
    return [(v[i], v[(i + 1) % len(v)]) for i in range(len(v))]


def side_nearest(p: Positions, v: Sequence[str], target: str, skip_parallel: bool = False) -> tuple[str, str] | None:
    """The side whose midpoint is nearest ``target``; with ``skip_parallel``, only the legs of a trapezoid."""
    candidates = sides(v)
    if skip_parallel and len(v) == 4:
        k = trapezoid_turn(p, v)
        candidates = [candidates[(k + 1) % 4], candidates[(k + 3) % 4]]
    if not _known(p, [*v, target]):
        return None

    def gap(s: tuple[str, str]) -> float:
        (x1, y1), (x2, y2), (tx, ty) = p[s[0]], p[s[1]], p[target]
        return math.hypot((x1 + x2) / 2 - tx, (y1 + y2) / 2 - ty)

    return min(candidates, key=gap)


def longest_side(p: Positions, v: Sequence[str]) -> tuple[str, str] | None:
    """The longest side (a right triangle's hypotenuse), or None without positions."""
    if not _known(p, v):
        return None
    return max(sides(v), key=lambda s: _dist(p, *s))


def minor_order(p: Positions, center: str, a: str, b: str) -> tuple[str, str]:
    """(a, b) or (b, a): the order in which counter-clockwise (y up) from the first sweeps the minor sector.

    Positions are y-down, as in the data, so counter-clockwise on the page is clockwise here.
    """
    if not _known(p, (center, a, b)):
        return a, b
    (cx, cy), (ax, ay), (bx, by) = p[center], p[a], p[b]
    start = math.atan2(-(ay - cy), ax - cx)
    end = math.atan2(-(by - cy), bx - cx)
    sweep = (end - start) % (2 * math.pi)
    return (a, b) if sweep <= math.pi else (b, a)


def simple_order(p: Positions, v: Sequence[str]) -> tuple[str, ...]:
    """The vertices in an order that does not cross itself, starting at the first and, when it can,
    going on to the second; unchanged when the order as written is already simple.

    >>> box = {"A": (0, 0), "B": (4, 0), "C": (0, 3), "D": (4, 3)}  # written as A, B, C, D: crossed
    >>> simple_order(box, ("A", "B", "C", "D"))
    ('A', 'B', 'D', 'C')
    """
    from shapely.geometry import Polygon

    if len(v) < 4 or not _known(p, v) or Polygon([p[n] for n in v]).is_valid:
        return tuple(v)
    cx = sum(p[n][0] for n in v) / len(v)
    cy = sum(p[n][1] for n in v) / len(v)
    ring = sorted(v, key=lambda n: math.atan2(p[n][1] - cy, p[n][0] - cx))
    ring = list(rotate(ring, ring.index(v[0])))
    if ring[1] != v[1]:
        ring = [ring[0], *reversed(ring[1:])]
    return tuple(ring) if Polygon([p[n] for n in ring]).is_valid else tuple(v)


def equidistant(p: Positions, pts: Sequence[str]) -> str | None:
    """The one of three points as far (within 10%) from each of the other two: a sector's centre.

    >>> equidistant({"B": (101, 93), "C": (18, 117), "E": (19, 67)}, ("B", "E", "C"))
    'B'
    """
    if len(pts) != 3 or not _known(p, pts):
        return None
    fits = []
    for k, c in enumerate(pts):
        d1, d2 = _dist(p, c, pts[(k + 1) % 3]), _dist(p, c, pts[(k + 2) % 3])
        if min(d1, d2) > 0 and abs(d1 - d2) <= 0.1 * max(d1, d2):
            fits.append(c)
    return fits[0] if len(fits) == 1 else None


def merge_lines(groups: Iterable[set[str]]) -> list[set[str]]:
    """Point sets said to be in line, merged where two share two points (they are one line).

    >>> merge_lines([{"A", "B"}, {"C", "D"}, {"B", "A", "C"}]) == [{"C", "D"}, {"A", "B", "C"}]
    True
    """
    merged: list[set[str]] = []
    for group in groups:
        line = set(group)
        for m in [m for m in merged if len(m & line) >= 2]:
            merged.remove(m)
            line |= m
        merged.append(line)
    return merged
