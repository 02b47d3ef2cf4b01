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

_ROUND = re.compile(r"\bround(?:ed)?\b[^.]*\bnearest\b", re.IGNORECASE)
_ASK = re.compile(r"^(\s*Find\(\s*)MeasureOf(\(\s*Arc\(.*\)\s*\)\s*\)\s*)$")
_LENGTH = re.compile(r"^\s*Equals\(\s*(?:LengthOf\(\s*Line|RadiusOf\(\s*Circle|DiameterOf\(\s*Circle)\([^()]*\)\s*\)"
                     r"\s*,\s*[^()]*\d[^()]*\)\s*$")


def rounded_arc_length(forms: Sequence[str], question: str, goal: Sequence[str]) -> list[str]:
    r"""The question's forms, asking an arc's length where its rounding and lengths say so.

    >>> rounded_arc_length(["Equals(LengthOf(Line(R,T)),11)", "Find(MeasureOf(Arc(Q,R,S)))"],
    ...                    "In \\odot P, R T = 11, find m \\widehat Q R S. Round to the nearest tenth.", ["Length"])[1]
    'Find(LengthOf(Arc(Q,R,S)))'
    """
    given = [f for f in forms if not f.lstrip().startswith("Find")]
    if "Length" not in goal or "Angle" in goal:
        return list(forms)
    if not _ROUND.search(question) or any("MeasureOf" in f for f in given):
        return list(forms)
    if not any(_LENGTH.match(f) for f in given):
        return list(forms)
    return [f"{m[1]}LengthOf{m[2]}" if (m := _ASK.match(f)) else f for f in forms]
