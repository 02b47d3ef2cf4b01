"""A point the diagram's forms put on a circle but the drawing shows well off it: the form is a slip.

``PointLiesOnCircle(V, Circle(T))`` where the other points on that circle are drawn at one
radius (within 10% of each other) and V is drawn more than 25% nearer or farther than that
radius: the annotator put the wrong point on the circle (typically a neighbour on the same line).
Keeping it contradicts the figure's lengths, so the form is left out; the drawing still places V.
At least two other drawn points must agree on the radius, else nothing is dropped. Circles are
told apart by centre and radius (``Circle(T, radius_0_0)`` and ``Circle(T, radius_0_1)`` are two
concentric circles), so a point of the outer one is not measured against the inner one.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

from recode_dsl.interop.geometry3k.pattern import Item, first, on_circle
from recode_dsl.interop.geometry3k.tolerance import OFF_CIRCLE, RADII_AGREE

Positions = Mapping[str, tuple[float, float]]


def drop_off_circle(forms: Sequence[Item], pos: Positions) -> list[Item]:
    """The forms without ``PointLiesOnCircle`` of points drawn well off the circle.

    >>> from recode_dsl.interop.geometry3k.parse import read
    >>> pos = {"O": (0.0, 0.0), "A": (10.0, 0.0), "B": (0.0, 10.0), "C": (-10.0, 0.0), "V": (0.0, 5.0)}
    >>> forms = [read(f"PointLiesOnCircle({p}, Circle(O, radius_0_0))") for p in "ABCV"]
    >>> drop_off_circle(forms, pos) == forms[:3]
    True
    """
    said = [(f, on_circle(c) if (c := first(f)) is not None else None) for f in forms]
    on: dict[tuple[str, str], list[str]] = {}  # (centre, radius id): two circles about one centre differ
    for _, m in said:
        if m is not None:
            on.setdefault((m[1], m[2]), []).append(m[0])
    off = {(p, c) for c, pts in on.items() for p in pts if _off(p, c[0], pts, pos)}
    return [f for f, m in said if not (m and (m[0], (m[1], m[2])) in off)]


def _off(p: str, centre: str, pts: list[str], pos: Positions) -> bool:
    if p not in pos or centre not in pos:
        return False
    others = [math.dist(pos[centre], pos[q]) for q in dict.fromkeys(pts) if q != p and q in pos]
    if len(others) < 2 or min(others) <= 0 or max(others) / min(others) > RADII_AGREE:
        return False
    radius = sum(others) / len(others)
    return abs(math.dist(pos[centre], pos[p]) - radius) > OFF_CIRCLE * radius


__all__ = ["drop_off_circle"]
