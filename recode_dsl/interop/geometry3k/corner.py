"""A question's polygon named through a point on a side instead of the corner at its end.

``Find(AreaOf(Parallelogram(A, C, S, E)))`` where E is the foot of a height on side S B: the
sides A C, C S and S E are drawn, but E A is not, and the corner the drawing closes the polygon
with is B (A B and S B are drawn, and E lies on S B). The question means the drawn polygon:
``Parallelogram(A, C, S, B)``. The polygon changes only when exactly one vertex and one drawn
point make every side drawn that way, and the replaced vertex lies on a side at that point.
A side is drawn when its ends are a drawn segment or lie together on a line the forms name.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence

from recode_dsl.interop.geometry3k.text import ON_LINE

_POLYGON = re.compile(r"\b(Parallelogram|Rectangle|Square|Rhombus|Trapezoid|Kite|Quadrilateral|Polygon|Triangle|"
                      r"Pentagon|Hexagon)\(([A-Z]'*(?:\s*,\s*[A-Z]'*)+)\)")


def drawn_corners(text: Sequence[str], diagram: Iterable[str], segments: Iterable[tuple[str, str]],
                  placed: Iterable[str]) -> list[str]:
    """The text forms with each polygon named through a point on a side named by the drawn corner.

    >>> segs = [("A", "C"), ("C", "S"), ("S", "B"), ("B", "A"), ("C", "E")]
    >>> drawn_corners(["Find(AreaOf(Parallelogram(A,C,S,E)))"], ["PointLiesOnLine(E, Line(B, S))"],
    ...               segs, "ABCES")
    ['Find(AreaOf(Parallelogram(A, C, S, B)))']
    """
    lines = [frozenset(m.groups()) for f in diagram for m in ON_LINE.finditer(f)]
    drawn = {frozenset(s) for s in segments}
    points = sorted(set(placed))

    def side(a: str, b: str) -> bool:
        return frozenset((a, b)) in drawn or any(a in ln and b in ln for ln in lines)

    def rewrite(m: re.Match[str]) -> str:
        verts = [v.strip() for v in m[2].split(",")]
        if len(set(verts)) != len(verts) or _closed(verts, side):
            return m[0]
        fixes = [(i, p) for i in range(len(verts)) for p in points if p not in verts
                 and _closed([*verts[:i], p, *verts[i + 1:]], side)]
        if len(fixes) != 1:
            return m[0]
        i, p = fixes[0]
        n = len(verts)
        if not any(verts[i] in ln and p in ln and verts[j] in ln for ln in lines for j in ((i - 1) % n, (i + 1) % n)):
            return m[0]
        return f"{m[1]}({', '.join([*verts[:i], p, *verts[i + 1:]])})"

    return [_POLYGON.sub(rewrite, f) for f in text]


def _closed(verts: list[str], side: Callable[[str, str], bool]) -> bool:
    return all(side(verts[i], verts[(i + 1) % len(verts)]) for i in range(len(verts)))


__all__ = ["drawn_corners"]
