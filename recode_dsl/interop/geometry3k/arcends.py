r"""An "arc" whose two ends lie on no common circle is a segment: its measure is a length.

An arc is a piece of a circle, so both its ends lie on that circle. ``m \widehat A X`` where X
is a circle's centre, or a point the diagram draws well inside or outside every circle, names
no arc at all: the question means the segment A X (the notation slipped from overline to
widehat). ``MeasureOf(Arc(A, X))`` then becomes ``LengthOf(Line(A, X))``; otherwise the solver
would have to put X on the circle, which contradicts the figure.

A point is on a circle when a ``PointLiesOnCircle`` form says so, or when it is drawn at the
circle's radius (the radius read from the points the forms put on it). The rewrite is made only
when every circle's radius is known that way and no circle has both ends on it. Circles are told
apart by centre and radius id (``Circle(O, radius_0_0)`` and ``Circle(O, radius_0_1)`` are two
concentric circles), so each has its own radius.

An arc named through the centre of its circle, ``Arc(A, O, B)``, is named by its central angle
A O B: it is the arc A B that angle cuts off (no arc of a circle passes through its centre), so
it becomes ``Arc(A, B)``.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from statistics import median

from recode_dsl.interop.geometry3k.pattern import Call, Item, Name, Node, args_of, rewrite
from recode_dsl.interop.geometry3k.text import Circle, points_on_circles
from recode_dsl.interop.geometry3k.tolerance import ON_CIRCLE

Positions = Mapping[str, tuple[float, float]]


def arcs_as_segments(forms: Sequence[Item], diagram: Iterable[Item], positions: Positions,
                     centres: Iterable[str]) -> list[Item]:
    """The forms with each two-point arc whose ends share no circle measured as a segment.

    >>> from recode_dsl.interop.geometry3k.parse import read, shown
    >>> on = [read("PointLiesOnCircle(A, Circle(O, r))"), read("PointLiesOnCircle(B, Circle(O, r))")]
    >>> pos = {"O": (0.0, 0.0), "A": (10.0, 0.0), "B": (0.0, 10.0), "X": (5.0, 5.0)}
    >>> [shown(f) for f in arcs_as_segments([read("Find(MeasureOf(Arc(A, X)))")], on, pos, ["O"])]
    ['Find(LengthOf(Line(A, X)))']
    >>> [shown(f) for f in arcs_as_segments([read("Find(MeasureOf(Arc(A, B)))")], on, pos, ["O"])]
    ['Find(MeasureOf(Arc(A, B)))']
    """
    stated = points_on_circles(diagram)
    cs = set(centres)
    radii = {c: _radius(c, stated, positions) for c in sorted({c for _, c in stated if c[0] in cs})}
    if not radii or any(r is None for r in radii.values()) or not cs <= {c for c, _ in radii}:
        return list(forms)

    def segment(measure: Call) -> Node | None:
        ends = args_of(measure.args[0], "Arc", 2) if measure.name == "MeasureOf" and len(measure.args) == 1 else None
        if ends is None:
            return None
        p, q = ends
        if any(_on(p, c, r, stated, positions) and _on(q, c, r, stated, positions) for c, r in radii.items()):
            return None
        return Call("LengthOf", (Call("Line", (Name(p), Name(q))),))

    return [rewrite(f, segment) for f in forms]


def centre_arcs(forms: Sequence[Item], centres: Iterable[str]) -> list[Item]:
    """The forms with each arc named through a circle's centre named by its ends.

    >>> from recode_dsl.interop.geometry3k.parse import read, shown
    >>> forms = [read("Equals(MeasureOf(Arc(A, O, B)), 105)"), read("Find(MeasureOf(Arc(A, C, B)))")]
    >>> [shown(f) for f in centre_arcs(forms, ["O"])]
    ['Equals(MeasureOf(Arc(A, B)), 105)', 'Find(MeasureOf(Arc(A, C, B)))']
    """
    cs = set(centres)

    def ends(c: Call) -> Node | None:
        pts = args_of(c, "Arc", 3)
        return Call("Arc", (Name(pts[0]), Name(pts[2]))) if pts and pts[1] in cs and pts[0] != pts[2] else None

    return [rewrite(f, ends) for f in forms]


def _radius(circle: Circle, stated: list[tuple[str, Circle]], positions: Positions) -> float | None:
    """The drawn radius of a circle: the median distance of the points said to be on it."""
    if circle[0] not in positions:
        return None
    cx, cy = positions[circle[0]]
    ds = [math.hypot(positions[p][0] - cx, positions[p][1] - cy) for p, c in stated if c == circle and p in positions]
    return median(ds) if ds and median(ds) > 0 else None


def _on(p: str, circle: Circle, r: float | None, stated: list[tuple[str, Circle]], positions: Positions) -> bool:
    """Whether p may lie on the circle: said to, or not drawn off it (an undrawn point may)."""
    if p == circle[0]:
        return False
    if (p, circle) in stated or p not in positions or r is None:
        return True
    cx, cy = positions[circle[0]]
    return abs(math.hypot(positions[p][0] - cx, positions[p][1] - cy) - r) <= ON_CIRCLE * r


__all__ = ["arcs_as_segments", "centre_arcs"]
