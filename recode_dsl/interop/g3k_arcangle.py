"""A three-letter arc with an end off its circle is the angle at its middle point.

``MeasureOf(Arc(R, Q, S))`` names an arc from R through Q to S, so all three points lie on one
circle. When Q and S lie on a circle but R is said to lie on no circle and is drawn well off
this one, there is no such arc: the question means the angle R-Q-S ("m \\widehat R Q S" for
the angle a tangent and a chord make at Q), and the form becomes ``MeasureOf(Angle(R, Q, S))``.
(An arc through a point off its circle in the middle is g3k_offarc's case.)
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping, Sequence

_ARC3 = re.compile(r"(?<![A-Za-z])Arc\(\s*([A-Z]'*)\s*,\s*([A-Z]'*)\s*,\s*([A-Z]'*)\s*\)")
_ON_CIRCLE = re.compile(r"PointLiesOnCircle\(\s*([A-Z]'*)\s*,\s*Cir(?:c)?le\(\s*([A-Z]'*)")
_OFF = 0.15  # drawn this far (relative to the radius) from the circle, a point is off it

Positions = Mapping[str, tuple[float, float]]


def end_off_arcs(forms: Sequence[str], context: Iterable[str], positions: Positions,
                 centres: Iterable[str]) -> list[str]:
    """The forms with each arc whose one end is drawn off its circle read as the angle at its middle.

    >>> pos = {"O": (0.0, 0.0), "Q": (1.0, 0.0), "S": (0.0, 1.0), "R": (1.0, 2.0)}
    >>> on = ["PointLiesOnCircle(Q, Circle(O, r))", "PointLiesOnCircle(S, Circle(O, r))"]
    >>> end_off_arcs(["Find(MeasureOf(Arc(R, Q, S)))"], on, pos, ["O"])
    ['Find(MeasureOf(Angle(R, Q, S)))']
    """
    on: dict[str, set[str]] = {}
    for form in context:
        for m in _ON_CIRCLE.finditer(form):
            on.setdefault(m[1], set()).add(m[2])
    centre_set = set(centres)

    def fix(m: re.Match[str]) -> str:
        a, via, b = m[1], m[2], m[3]
        if via in centre_set or (a in on) == (b in on):
            return m[0]
        end, other = (a, b) if b in on else (b, a)
        common = on.get(via, set()) & on[other]
        if end in centre_set or not common or not all(_off(positions, c, other, via, end) for c in common):
            return m[0]
        return f"Angle({a}, {via}, {b})"

    return [_ARC3.sub(fix, form) for form in forms]


def _off(positions: Positions, centre: str, p: str, q: str, end: str) -> bool:
    """Whether ``end`` is drawn well off the circle about ``centre`` through ``p`` and ``q``."""
    if not {centre, p, q, end} <= set(positions):
        return False
    c = positions[centre]
    r = (math.dist(c, positions[p]) + math.dist(c, positions[q])) / 2
    return r > 0 and abs(math.dist(c, positions[end]) - r) > _OFF * r
