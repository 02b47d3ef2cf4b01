"""An angle of the diagram named at the wrong vertex: ``Angle(C, E, D)`` where only D has both sides drawn.

The diagram annotation sometimes lists a three-point angle's points out of order. When neither
side of the named vertex is drawn, while exactly one of the two other points has both its sides
drawn, that point is the vertex meant: ``Angle(C, E, D)`` becomes ``Angle(C, D, E)``. A side is
drawn when its two points lie on one drawn segment (``line_instances``, extended by the points
said to lie on it) or a diagram form names the segment. An angle at a circle's centre is left
alone: its sides are radii, seldom drawn; so is an angle with a point the diagram does not place.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from recode_dsl.interop.geometry3k.text import ON_LINE

_ANGLE = re.compile(r"(?<![A-Za-z])Angle\(\s*([A-Z]'*)\s*,\s*([A-Z]'*)\s*,\s*([A-Z]'*)\s*\)")
_LINE = re.compile(r"(?<![A-Za-z])Line\(\s*([A-Z]'*)\s*,\s*([A-Z]'*)\s*\)")
_INSTANCE = re.compile(r"([A-Z]'*)([A-Z]'*)")


def _lines(forms: Sequence[str], instances: Iterable[str]) -> list[set[str]]:
    lines = [{m[1], m[2]} for li in instances if (m := _INSTANCE.fullmatch(li.strip()))]
    lines += [{m[1], m[2]} for f in forms for m in _LINE.finditer(f)]
    for f in forms:
        for m in ON_LINE.finditer(f):
            for line in lines:
                if {m[2], m[3]} <= line:
                    line.add(m[1])
    return lines


def revertex(forms: Sequence[str], instances: Iterable[str], centres: Iterable[str],
             placed: Iterable[str]) -> list[str]:
    """The forms with each angle named at an undrawn vertex moved to the one point where both sides are drawn.

    >>> revertex(["Equals(MeasureOf(Angle(C, E, D)), 60)"], ["CD", "DE"], [], "CDE")
    ['Equals(MeasureOf(Angle(C, D, E)), 60)']
    """
    lines = _lines(forms, instances)
    centre, known = set(centres), set(placed)

    def joined(a: str, b: str) -> bool:
        return any(a in line and b in line for line in lines)

    def fix(m: re.Match[str]) -> str:
        x, v, y = m[1], m[2], m[3]
        if v in centre or not {x, v, y} <= known or (joined(v, x) and joined(v, y)):
            return m[0]
        at = [(w, a, b) for w, a, b in ((x, v, y), (y, x, v)) if joined(w, a) and joined(w, b)]
        return f"Angle({at[0][1]}, {at[0][0]}, {at[0][2]})" if len(at) == 1 else m[0]

    return [_ANGLE.sub(fix, f) for f in forms]
