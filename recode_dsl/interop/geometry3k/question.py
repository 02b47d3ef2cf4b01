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

from recode_dsl.interop.geometry3k.pattern import Call, Item, Name, Node, args_of, as_form, head, names

_ASKED = re.compile(r"\b[Ff]ind\s+\\widehat\s*\{?\s*([A-Z])\s*([A-Z])\b")  # the question's words


def arc_length_asked(forms: Sequence[Item], question: str) -> list[Item]:
    r"""The forms with ``Find(MeasureOf(Arc(X, Y)))`` asking the length when the question says ``Find \widehat X Y``.

    >>> from recode_dsl.interop.geometry3k.parse import read, shown
    >>> [shown(f) for f in arc_length_asked([read("Find(MeasureOf(Arc(D,G)))")], r"Find \widehat D G if r = 6.")]
    ['Find(LengthOf(Arc(D, G)))']
    >>> [shown(f) for f in arc_length_asked([read("Find(MeasureOf(Arc(D,G)))")], r"Find m \widehat D G.")]
    ['Find(MeasureOf(Arc(D,G)))']
    """
    asked = {frozenset((m[1], m[2])) for m in _ASKED.finditer(question)}
    out = []
    for form in forms:
        arc = _asked_measure(form)
        ends = args_of(arc, "Arc", 2) if arc is not None else None
        out.append(as_form(Call("Find", (Call("LengthOf", (arc,)),))) if arc and ends and frozenset(ends) in asked
                   else form)
    return out


def _asked_measure(form: Item) -> Node | None:
    """X of ``Find(MeasureOf(X))``."""
    find = head(form, "Find")
    if find is None or len(find.args) != 1:
        return None
    measure = find.args[0]
    if isinstance(measure, Call) and measure.name == "MeasureOf" and len(measure.args) == 1:
        return measure.args[0]
    return None


def lone_radius(forms: Sequence[Item], others: Iterable[Item], centres: Iterable[str]) -> list[Item]:
    """The forms with ``Equals(r, k)`` made the radius of the one circle when nothing else uses ``r``.

    >>> from recode_dsl.interop.geometry3k.parse import read, shown
    >>> on = [read("PointLiesOnCircle(D, Circle(I, radius_2_0))")]
    >>> [shown(f) for f in lone_radius([read("Equals(r,6)"), read("Find(x)")], on, ["I"])]
    ['Equals(RadiusOf(Circle(I)), 6)', 'Find(x)']
    """
    circles = sorted(set(centres))
    lone = [f for f in forms if _lone_r(f) is not None]
    rest = [f for f in [*forms, *others] if f not in lone]
    if len(circles) != 1 or len(lone) != 1 or any("r" in names(f) for f in rest):
        return list(forms)
    radius = Call("RadiusOf", (Call("Circle", (Name(circles[0]),)),))
    return [as_form(Call("Equals", (radius, value))) if (value := _lone_r(f)) is not None else f for f in forms]


def _lone_r(form: Item) -> Node | None:
    """k of ``Equals(r, k)``."""
    eq = head(form, "Equals")
    return eq.args[1] if eq is not None and len(eq.args) == 2 and eq.args[0] == Name("r") else None
