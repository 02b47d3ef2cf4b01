"""A polygon corner the question names but the diagram calls otherwise.

The question's forms say ``Trapezoid(Q, R, S, T)`` while the diagram has no S: it labels that
corner C. When a polygon of the question has exactly one vertex the diagram does not know, and
exactly one drawn point closes the polygon there (joined by drawn segments to both neighbours,
and a real corner, not a point on a straight line), the question's name is the diagram's point.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence

from recode_dsl.interop.geometry3k.pattern import CIRCLE, Item, args_of, calls, named_points, point

Positions = Mapping[str, tuple[float, float]]
POLYGONS = ("Triangle", "Quadrilateral", "Parallelogram", "Rectangle", "Rhombus", "Square", "Trapezoid", "Kite",
            "Polygon", "Pentagon", "Hexagon")


def renames(text_forms: Sequence[Item], diagram_forms: Iterable[Item], pos: Positions,
            drawn: Iterable[tuple[str, str]], centres: Iterable[str] = ()) -> dict[str, str]:
    """Question point name -> diagram point name, for corners and circles the diagram names otherwise.

    >>> from recode_dsl.interop.geometry3k.parse import read
    >>> pos = {"Q": (0, 0), "R": (4, 0), "C": (3, 2), "T": (1, 2)}
    >>> renames([read("Trapezoid(Q,R,S,T)")], [], pos, [("Q", "R"), ("R", "C"), ("C", "T"), ("T", "Q")])
    {'S': 'C'}
    """
    in_diagram = named_points(diagram_forms)
    in_text = named_points(text_forms)
    lines = {frozenset(seg) for seg in drawn}
    out = _circle(text_forms, in_diagram | set(pos), in_text, set(centres))
    for form in text_forms:
        for polygon in (pts for c in calls(form) if (pts := args_of(c, POLYGONS)) is not None):
            verts = list(polygon)
            missing = [v for v in verts if v not in pos and v not in in_diagram]
            if not missing or len(missing) == len(verts) or any(v in out for v in missing):
                continue
            free = [c for c in pos if c not in verts and c not in in_text and c not in out.values()]
            fills = _fills(verts, set(missing), free, lines, pos)
            if len(fills) == 1:
                out.update(fills[0])
    return out


def _fills(verts: list[str], missing: set[str], free: list[str], lines: set[frozenset[str]],
           pos: Positions) -> list[dict[str, str]]:
    """Every way (up to two) to put drawn points at the missing corners so that the sides are drawn."""
    found: list[dict[str, str]] = []

    def place(k: int, chosen: dict[str, str]) -> None:
        if len(found) > 1:
            return
        if k == len(verts):
            ring = [chosen.get(v, v) for v in verts]
            if all(_corner(pos, ring[i - 1], ring[i], ring[(i + 1) % len(ring)])
                   for i, v in enumerate(verts) if v in missing):
                found.append(dict(chosen))
            return
        v = verts[k]
        options = [c for c in free if c not in chosen.values()] if v in missing else [v]
        before = chosen.get(verts[k - 1], verts[k - 1]) if k else None
        for c in options:
            if before is not None and frozenset((before, c)) not in lines:
                continue
            if k == len(verts) - 1 and frozenset((c, chosen.get(verts[0], verts[0]))) not in lines:
                continue
            place(k + 1, {**chosen, v: c} if v in missing else chosen)

    place(0, {})
    return found


def _circle(text_forms: Sequence[Item], known: set[str], in_text: set[str], centres: set[str]) -> dict[str, str]:
    """``Circle(R)`` in the question, the diagram's only circle about B, and no R in the diagram: R is B."""
    named = {p for f in text_forms for c in calls(f) if c.name in CIRCLE and c.args and (p := point(c.args[0]))} - known
    if len(named) != 1 or len(centres) != 1 or centres & in_text:
        return {}
    return {named.pop(): next(iter(centres))}


def _corner(pos: Positions, a: str, b: str, c: str) -> bool:
    if a not in pos or c not in pos:
        return False
    (ax, ay), (bx, by), (cx, cy) = pos[a], pos[b], pos[c]
    u, v = (ax - bx, ay - by), (cx - bx, cy - by)
    norm = math.hypot(*u) * math.hypot(*v)
    return norm > 0 and abs(u[0] * v[1] - u[1] * v[0]) / norm > math.sin(math.radians(10))
