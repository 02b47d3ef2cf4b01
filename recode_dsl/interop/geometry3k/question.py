r"""Question forms the question's words make precise: an arc asked without ``m``, a lone ``r``.

``Find \widehat D G`` without the ``m``: in the problems' notation ``m \widehat D G`` is the arc's
measure in degrees and ``\widehat D G`` alone the arc itself; asked to find the arc, the answer
is its length. When the question says ``Find \widehat X Y`` and the question's form asks
``MeasureOf(Arc(X, Y))``, the form asks ``LengthOf(Arc(X, Y))`` instead.

``Equals(r, 6)`` in a figure with one circle, where no other form uses ``r``: r is that circle's
radius (``Equals(RadiusOf(Circle(O)), 6)``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

_ASKED = re.compile(r"\b[Ff]ind\s+\\widehat\s*\{?\s*([A-Z])\s*([A-Z])\b")
_MEASURE = re.compile(r"^(\s*Find\(\s*)MeasureOf(\(\s*Arc\(\s*([A-Z]'*)\s*,\s*([A-Z]'*)\s*\)\s*\)\s*\)\s*)$")


def arc_length_asked(forms: Sequence[str], question: str) -> list[str]:
    r"""The forms with ``Find(MeasureOf(Arc(X, Y)))`` asking the length when the question says ``Find \widehat X Y``.

    >>> arc_length_asked(["Find(MeasureOf(Arc(D,G)))"], r"Find \widehat D G if r = 6.")
    ['Find(LengthOf(Arc(D,G)))']
    >>> arc_length_asked(["Find(MeasureOf(Arc(D,G)))"], r"Find m \widehat D G.")
    ['Find(MeasureOf(Arc(D,G)))']
    """
    asked = {frozenset((m[1], m[2])) for m in _ASKED.finditer(question)}
    out = []
    for form in forms:
        m = _MEASURE.match(form)
        out.append(f"{m[1]}LengthOf{m[2]}" if m and frozenset((m[3], m[4])) in asked else form)
    return out


_LONE_R = re.compile(r"^\s*Equals\(\s*r\s*,(.*)\)\s*$")
_R = re.compile(r"(?<![A-Za-z_])r(?![A-Za-z_0-9])")


def lone_radius(forms: Sequence[str], others: Iterable[str], centres: Iterable[str]) -> list[str]:
    """The forms with ``Equals(r, k)`` made the radius of the one circle when nothing else uses ``r``.

    >>> lone_radius(["Equals(r,6)", "Find(x)"], ["PointLiesOnCircle(D, Circle(I, radius_2_0))"], ["I"])
    ['Equals(RadiusOf(Circle(I)),6)', 'Find(x)']
    """
    circles = sorted(set(centres))
    lone = [f for f in forms if _LONE_R.match(f)]
    rest = [f for f in [*forms, *others] if f not in lone]
    if len(circles) != 1 or len(lone) != 1 or any(_R.search(f) for f in rest):
        return list(forms)
    return [f"Equals(RadiusOf(Circle({circles[0]})),{m[1]})" if (m := _LONE_R.match(f)) else f for f in forms]
