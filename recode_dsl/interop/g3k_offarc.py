"""A three-letter arc named through a point off its circle is the angle at that point.

``MeasureOf(Arc(E, D, B))`` names an arc from E through D to B. When E and B lie on a circle
but D is drawn well off it (and is not its centre), no arc of that circle passes through D: the
measure meant is the angle E-D-B, as in "m \\widehat E D B" for the angle two secants make at a
point outside the circle. The form becomes ``MeasureOf(Angle(E, D, B))``.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping, Sequence

_ARC3 = re.compile(r"(?<![A-Za-z])Arc\(\s*([A-Z]'*)\s*,\s*([A-Z]'*)\s*,\s*([A-Z]'*)\s*\)")
_ON_CIRCLE = re.compile(r"PointLiesOnCircle\(\s*([A-Z]'*)\s*,\s*Cir(?:c)?le\(\s*([A-Z]'*)")
_OFF = 0.15  # drawn this far (relative to the radius) from the circle, a point is off it


def off_circle_arcs(forms: Sequence[str], context: Iterable[str], positions: Mapping[str, tuple[float, float]],
                    centres: Iterable[str]) -> list[str]:
    """The forms with each arc through a point off its circle read as the angle at that point.

    >>> pos = {"O": (0.0, 0.0), "E": (1.0, 0.0), "B": (0.0, 1.0), "D": (3.0, 3.0)}
    >>> on = ["PointLiesOnCircle(E, Circle(O, r))", "PointLiesOnCircle(B, Circle(O, r))"]
    >>> off_circle_arcs(["Find(MeasureOf(Arc(E, D, B)))"], on, pos, ["O"])
    ['Find(MeasureOf(Angle(E, D, B)))']
    """
    on: dict[str, set[str]] = {}
    for form in context:
        for m in _ON_CIRCLE.finditer(form):
            on.setdefault(m[1], set()).add(m[2])
    centre_set = set(centres)

    def fix(m: re.Match[str]) -> str:
        a, via, b = m[1], m[2], m[3]
        if via in centre_set or via in on or via not in positions:
            return m[0]
        common = on.get(a, set()) & on.get(b, set())
        if common and all(_off(positions, c, a, b, via) for c in common):
            return f"Angle({a}, {via}, {b})"
        return m[0]

    return [_ARC3.sub(fix, form) for form in forms]


def _off(positions: Mapping[str, tuple[float, float]], centre: str, a: str, b: str, via: str) -> bool:
    """Whether ``via`` is drawn well off the circle about ``centre`` through ``a`` and ``b``."""
    if not {centre, a, b} <= set(positions):
        return False
    c = positions[centre]
    r = (math.dist(c, positions[a]) + math.dist(c, positions[b])) / 2
    return r > 0 and abs(math.dist(c, positions[via]) - r) > _OFF * r
