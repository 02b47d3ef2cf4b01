r"""An arc's "measure" asked in a question tagged as a length goal, to be rounded, is the arc's length.

``In \odot P, R T = 11, find m \widehat Q R S. Round to the nearest hundredth.`` The degree
measure of an arc fixed by the figure's angles needs no rounding; what the rounding and the
given length point to is the arc's length, and the record's own goal tag (``problem_type_goal``
``["Length"]``) says so. Rounding and lengths alone are not enough: a degree measure found from
a chord and a radius needs rounding too. So when the goal is tagged Length (and not Angle), the
question says to round, and its own forms state a length (a segment, radius or diameter equal to
a number) and no angle or arc measure, ``Find(MeasureOf(Arc(...)))`` becomes
``Find(LengthOf(Arc(...)))``. A question that also gives a measure (``m \widehat M N = 98``)
keeps asking the measure.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from recode_dsl.interop.geometry3k.pattern import Call, Item, Node, Num, Op, as_form, calls, head, is_find

_ROUND = re.compile(r"\bround(?:ed)?\b[^.]*\bnearest\b", re.IGNORECASE)  # the question's words
_LENGTHS = {"LengthOf": "Line", "RadiusOf": "Circle", "DiameterOf": "Circle"}


def rounded_arc_length(forms: Sequence[Item], question: str, goal: Sequence[str]) -> list[Item]:
    r"""The question's forms, asking an arc's length where its rounding and lengths say so.

    >>> from recode_dsl.interop.geometry3k.parse import read, shown
    >>> shown(rounded_arc_length([read("Equals(LengthOf(Line(R,T)),11)"), read("Find(MeasureOf(Arc(Q,R,S)))")],
    ...                          "In \\odot P, R T = 11, find m \\widehat Q R S. Round to the nearest tenth.",
    ...                          ["Length"])[1])
    'Find(LengthOf(Arc(Q, R, S)))'
    """
    given = [f for f in forms if not is_find(f)]
    if "Length" not in goal or "Angle" in goal:
        return list(forms)
    if not _ROUND.search(question) or any(c.name == "MeasureOf" for f in given for c in calls(f)):
        return list(forms)
    if not any(_length_given(f) for f in given):
        return list(forms)
    return [as_form(Call("Find", (Call("LengthOf", (arc,)),))) if (arc := _asked_arc(f)) is not None else f
            for f in forms]


def _asked_arc(form: Item) -> Node | None:
    """The arc of ``Find(MeasureOf(Arc(...)))``."""
    find = head(form, "Find")
    if find is None or len(find.args) != 1:
        return None
    measure = find.args[0]
    if isinstance(measure, Call) and measure.name == "MeasureOf" and len(measure.args) == 1:
        arc = measure.args[0]
        return arc if isinstance(arc, Call) and arc.name == "Arc" else None
    return None


def _length_given(form: Item) -> bool:
    """``Equals(LengthOf(Line(R, T)), 11)`` (or a radius or diameter): a length equal to a number."""
    eq = head(form, "Equals")
    if eq is None or len(eq.args) != 2:
        return False
    length, value = eq.args
    if not (isinstance(length, Call) and length.name in _LENGTHS and len(length.args) == 1):
        return False
    shape = length.args[0]
    if not (isinstance(shape, Call) and shape.name == _LENGTHS[length.name]) \
            or any(isinstance(a, (Call, Op)) for a in shape.args):
        return False
    return not isinstance(value, Call) and _has_number(value) and not any(True for _ in calls(value))


def _has_number(node: Node) -> bool:
    if isinstance(node, Num):
        return True
    return isinstance(node, Op) and any(_has_number(a) for a in node.args)
