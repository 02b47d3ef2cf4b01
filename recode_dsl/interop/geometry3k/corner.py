"""A question's polygon named through a point on a side instead of the corner at its end.

``Find(AreaOf(Parallelogram(A, C, S, E)))`` where E is the foot of a height on side S B: the
sides A C, C S and S E are drawn, but E A is not, and the corner the drawing closes the polygon
with is B (A B and S B are drawn, and E lies on S B). The question means the drawn polygon:
``Parallelogram(A, C, S, B)``. The polygon changes only when exactly one vertex and one drawn
point make every side drawn that way, and the replaced vertex lies on a side at that point.
A side is drawn when its ends are a drawn segment or lie together on a line the forms name.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from recode_dsl.interop.geometry3k.pattern import Call, Item, Name, Node, args_of, calls, on_line, rewrite

POLYGONS = ("Parallelogram", "Rectangle", "Square", "Rhombus", "Trapezoid", "Kite", "Quadrilateral", "Polygon",
            "Triangle", "Pentagon", "Hexagon")


def drawn_corners(text: Sequence[Item], diagram: Iterable[Item], segments: Iterable[tuple[str, str]],
                  placed: Iterable[str]) -> list[Item]:
    """The text forms with each polygon named through a point on a side named by the drawn corner.

    >>> from recode_dsl.interop.geometry3k.parse import read, shown
    >>> segs = [("A", "C"), ("C", "S"), ("S", "B"), ("B", "A"), ("C", "E")]
    >>> [shown(f) for f in drawn_corners([read("Find(AreaOf(Parallelogram(A,C,S,E)))")],
    ...                                  [read("PointLiesOnLine(E, Line(B, S))")], segs, "ABCES")]
    ['Find(AreaOf(Parallelogram(A, C, S, B)))']
    """
    lines = [frozenset(m) for f in diagram for c in calls(f) if (m := on_line(c)) is not None]
    drawn = {frozenset(s) for s in segments}
    points = sorted(set(placed))

    def side(a: str, b: str) -> bool:
        return frozenset((a, b)) in drawn or any(a in ln and b in ln for ln in lines)

    def fix(c: Call) -> Node | None:
        named = args_of(c, POLYGONS)
        if named is None:
            return None
        verts = list(named)
        if len(set(verts)) != len(verts) or _closed(verts, side):
            return None
        fixes = [(i, p) for i in range(len(verts)) for p in points if p not in verts
                 and _closed([*verts[:i], p, *verts[i + 1:]], side)]
        if len(fixes) != 1:
            return None
        i, p = fixes[0]
        n = len(verts)
        if not any(verts[i] in ln and p in ln and verts[j] in ln for ln in lines for j in ((i - 1) % n, (i + 1) % n)):
            return None
        return Call(c.name, tuple(Name(v) for v in [*verts[:i], p, *verts[i + 1:]]))

    return [rewrite(f, fix) for f in text]
def _closed(verts: list[str], side: Callable[[str, str], bool]) -> bool:
    return all(side(verts[i], verts[(i + 1) % len(verts)]) for i in range(len(verts)))


__all__ = ["drawn_corners"]
