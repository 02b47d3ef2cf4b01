"""An angle of the diagram named at the wrong vertex: ``Angle(C, E, D)`` where only D has both sides drawn.

The diagram annotation sometimes lists a three-point angle's points out of order. When neither
side of the named vertex is drawn, while exactly one of the two other points has both its sides
drawn, that point is the vertex meant: ``Angle(C, E, D)`` becomes ``Angle(C, D, E)``. A side is
drawn when its two points lie on one drawn segment (``line_instances``, extended by the points
said to lie on it) or a diagram form names the segment. An angle at a circle's centre is left
alone: its sides are radii, seldom drawn; so is an angle with a point the diagram does not place.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from recode_dsl.interop.geometry3k.pattern import Call, Item, Name, Node, args_of, calls, on_line, rewrite, split_points


def _lines(forms: Sequence[Item], instances: Iterable[str]) -> list[set[str]]:
    lines = [set(pts) for li in instances if (pts := split_points(li.strip())) is not None and len(pts) == 2]
    lines += [set(pts) for f in forms for c in calls(f) if (pts := args_of(c, "Line", 2)) is not None]
    for f in forms:
        for c in calls(f):
            on = on_line(c)
            if on is None:
                continue
            for line in lines:
                if {on[1], on[2]} <= line:
                    line.add(on[0])
    return lines


def revertex(forms: Sequence[Item], instances: Iterable[str], centres: Iterable[str],
             placed: Iterable[str]) -> list[Item]:
    """The forms with each angle named at an undrawn vertex moved to the one point where both sides are drawn.

    >>> from recode_dsl.interop.geometry3k.parse import read, shown
    >>> shown(revertex([read("Equals(MeasureOf(Angle(C, E, D)), 60)")], ["CD", "DE"], [], "CDE")[0])
    'Equals(MeasureOf(Angle(C, D, E)), 60)'
    """
    lines = _lines(forms, instances)
    centre, known = set(centres), set(placed)

    def joined(a: str, b: str) -> bool:
        return any(a in line and b in line for line in lines)

    def fix(c: Call) -> Node | None:
        pts = args_of(c, "Angle", 3)
        if pts is None:
            return None
        x, v, y = pts
        if v in centre or not {x, v, y} <= known or (joined(v, x) and joined(v, y)):
            return None
        at = [(w, a, b) for w, a, b in ((x, v, y), (y, x, v)) if joined(w, a) and joined(w, b)]
        return Call("Angle", (Name(at[0][1]), Name(at[0][0]), Name(at[0][2]))) if len(at) == 1 else None

    return [rewrite(f, fix) for f in forms]
