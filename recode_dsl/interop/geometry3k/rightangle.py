r"""A right-angle mark read off between two halves of one straight line: the other line is perpendicular.

``Perpendicular(Line(Q, E), Line(P, E))`` with E on the line Q P says two halves of one line meet
at a right angle, which no figure can do. The mark sits at E between the line and the other line
drawn through E: ``Perpendicular(Line(E, N), Line(Q, P))``. The rewrite is made only when exactly
one other line is drawn through E (its segments read from the drawn segments, the points on one
line from the ``PointLiesOnLine`` forms); otherwise the form is kept as it is.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from recode_dsl.interop.geometry3k.pattern import Call, Item, Name, args_of, as_form, calls, head, on_line


def straight_right_angles(forms: Sequence[Item], segments: Iterable[str]) -> list[Item]:
    """The forms with each right angle between two halves of a line moved to the other line there.

    >>> from recode_dsl.interop.geometry3k.parse import read, shown
    >>> on = [read("PointLiesOnLine(E, Line(Q, P))")]
    >>> shown(straight_right_angles([read("Perpendicular(Line(Q, E), Line(P, E))"), *on], ["QE", "EP", "NE"])[0])
    'Perpendicular(Line(E, N), Line(P, Q))'
    """
    triples = [frozenset(m) for f in forms for c in calls(f) if (m := on_line(c)) is not None]
    drawn = [(s[0], s[1:]) if len(s) == 2 else ("", "") for s in segments]
    return [_moved(f, triples, drawn) for f in forms]


def _moved(form: Item, triples: list[frozenset[str]], drawn: list[tuple[str, str]]) -> Item:
    perp = head(form, "Perpendicular")
    lines = [args_of(a, "Line", 2) for a in perp.args] if perp is not None and len(perp.args) == 2 else []
    if len(lines) != 2 or lines[0] is None or lines[1] is None:
        return form
    (a, b), (c, d) = lines[0], lines[1]
    common = {a, b} & {c, d}
    ends = {a, b} ^ {c, d}
    if len(common) != 1 or len(ends) != 2 or frozenset({*common, *ends}) not in triples:
        return form
    x = common.pop()
    line = _line_of(frozenset({x, *ends}), triples)
    others = sorted({q if p == x else p for p, q in drawn if x in (p, q) and {p, q} - line})
    through = {_line_of(frozenset({x, y}), triples) for y in others}
    if len(through) != 1:
        return form
    p, q = sorted(ends)
    return as_form(Call("Perpendicular", (Call("Line", (Name(x), Name(others[0]))), Call("Line", (Name(p), Name(q))))))


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
