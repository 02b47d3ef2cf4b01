r"""A right-angle mark read off between two halves of one straight line: the other line is perpendicular.

``Perpendicular(Line(Q, E), Line(P, E))`` with E on the line Q P says two halves of one line meet
at a right angle, which no figure can do. The mark sits at E between the line and the other line
drawn through E: ``Perpendicular(Line(E, N), Line(Q, P))``. The rewrite is made only when exactly
one other line is drawn through E (its segments read from the drawn segments, the points on one
line from the ``PointLiesOnLine`` forms); otherwise the form is kept as it is.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from recode_dsl.interop.geometry3k.text import ON_LINE

_PERP = re.compile(r"^(\s*)Perpendicular\(\s*Line\(\s*([A-Z]'*)\s*,\s*([A-Z]'*)\s*\)\s*,"
                   r"\s*Line\(\s*([A-Z]'*)\s*,\s*([A-Z]'*)\s*\)\s*\)(\s*)$")


def straight_right_angles(forms: Sequence[str], segments: Iterable[str]) -> list[str]:
    """The forms with each right angle between two halves of a line moved to the other line there.

    >>> on = ["PointLiesOnLine(E, Line(Q, P))"]
    >>> straight_right_angles(["Perpendicular(Line(Q, E), Line(P, E))", *on], ["QE", "EP", "NE"])[0]
    'Perpendicular(Line(E, N), Line(P, Q))'
    """
    triples = [frozenset(m.groups()) for f in forms for m in ON_LINE.finditer(f)]
    drawn = [(s[0], s[1:]) if len(s) == 2 else ("", "") for s in segments]
    return [_moved(f, triples, drawn) for f in forms]


def _moved(form: str, triples: list[frozenset[str]], drawn: list[tuple[str, str]]) -> str:
    m = _PERP.match(form)
    if m is None:
        return form
    a, b, c, d = m[2], m[3], m[4], m[5]
    common = {a, b} & {c, d}
    ends = {a, b} ^ {c, d}
    if len(common) != 1 or len(ends) != 2 or frozenset({*common, *ends}) not in triples:
        return form
    x = common.pop()
    line = _line_of(frozenset({x, *ends}), triples)
    others = sorted({q if p == x else p for p, q in drawn if x in (p, q) and {p, q} - line})
    lines = {_line_of(frozenset({x, y}), triples) for y in others}
    if len(lines) != 1:
        return form
    p, q = sorted(ends)
    return f"{m[1]}Perpendicular(Line({x}, {others[0]}), Line({p}, {q})){m[6]}"


def _line_of(points: frozenset[str], triples: list[frozenset[str]]) -> frozenset[str]:
    """Every point on the line through the given points (two of them on it fix it)."""
    line = set(points)
    grown = True
    while grown:
        grown = False
        for t in triples:
            if len(t & line) >= 2 and not t <= line:
                line |= t
                grown = True
    return frozenset(line)


__all__ = ["straight_right_angles"]
