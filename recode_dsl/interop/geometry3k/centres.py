"""Points the question names that the diagram draws under another name: centres, vertices, ends.

``IsIncenterOf(Point(J), Triangle(A, B, C))`` (or ``Angle(A, B, C)``, the annotators' way of
naming the triangle's incentre) where the diagram has no J: when exactly one drawn point lies
at that centre of the drawn triangle (within ``CENTRE_NEAR`` of the triangle's perimeter), the
question's J is that point. The same for the centroid, the circumcentre and the orthocentre.
The vertex of an angle the question asks (``Angle(R, S, U)``) that the diagram does not have,
with both arm points drawn: when a drawn line through R and another through U meet at just one
point, S is that point.

A point S the question joins to drawn points (``Line(R, S)``, the arm Q-S of ``Angle(R, Q, S)``)
and the diagram does not have: when exactly one drawn point the question does not name is on a
drawn line with each of them (and not in line with the angle's other arm), S is that point.
Positions only choose the name; nothing measured is written.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator, Mapping, Sequence

from recode_dsl.geometry.numeric import circumcentre
from recode_dsl.interop.geometry3k.geom import merge_lines
from recode_dsl.interop.geometry3k.pattern import Item, args_of, calls, head, named_points, on_line
from recode_dsl.interop.geometry3k.tolerance import CENTRE_NEAR

Positions = Mapping[str, tuple[float, float]]
_CENTRES = {f"Is{kind}Of": kind for kind in ("Incenter", "Centroid", "Circumcenter", "Orthocenter")}


def _centre_of(form: Item) -> tuple[str, str, tuple[str, ...]] | None:
    """``IsCentroidOf(Point(P), Triangle(A, B, C))`` (or ``Angle(A, B, C)``): the kind, P and A, B, C."""
    c = head(form)
    if c is None or c.name not in _CENTRES or len(c.args) != 2:
        return None
    p, tri = args_of(c.args[0], "Point", 1), args_of(c.args[1], ("Triangle", "Angle"), 3)
    return None if p is None or tri is None else (_CENTRES[c.name], p[0], tri)


def drawn_centres(text: Sequence[Item], diagram: Iterable[Item], pos: Positions) -> dict[str, str]:
    """Question point -> drawn point, for centres the diagram draws under another name.

    >>> from recode_dsl.interop.geometry3k.parse import read
    >>> pos = {"A": (0, 0), "B": (6, 0), "C": (0, 6), "G": (2, 2), "D": (3, 0)}
    >>> drawn_centres([read("IsCentroidOf(Point(P),Triangle(A,B,C))")], [], pos)
    {'P': 'G'}
    """
    in_text = named_points(text)
    in_diagram = named_points(diagram)
    out: dict[str, str] = {}
    for form in text:
        m = _centre_of(form)
        if not m:
            continue
        kind, name, tri = m
        if name in pos or name in in_diagram or not all(v in pos for v in tri):
            continue
        a, b, c = (pos[v] for v in tri)
        centre = _centre(kind, a, b, c)
        if centre is None:
            continue
        size = math.dist(a, b) + math.dist(b, c) + math.dist(c, a)
        near = [p for p in pos if p not in tri and p not in out.values()
                and math.dist(pos[p], centre) < CENTRE_NEAR * size]
        if len(near) == 1 and near[0] not in in_text:
            out[name] = near[0]
    return out


def _centre(kind: str, a: tuple[float, float], b: tuple[float, float],
            c: tuple[float, float]) -> tuple[float, float] | None:
    la, lb, lc = math.dist(b, c), math.dist(c, a), math.dist(a, b)
    if kind == "Centroid":
        return ((a[0] + b[0] + c[0]) / 3, (a[1] + b[1] + c[1]) / 3)
    if kind == "Incenter":
        s = la + lb + lc
        return ((la * a[0] + lb * b[0] + lc * c[0]) / s, (la * a[1] + lb * b[1] + lc * c[1]) / s) if s else None
    if (o := circumcentre(a, b, c)) is None:
        return None
    if kind == "Circumcenter":
        return o
    ox, oy = o
    return (a[0] + b[0] + c[0] - 2 * ox, a[1] + b[1] + c[1] - 2 * oy)  # orthocentre: H = A + B + C - 2 O


def _angles(form: Item) -> Iterator[tuple[str, ...]]:
    """The points of each ``Angle(A, B, C)`` in the form."""
    return (pts for c in calls(form) if (pts := args_of(c, "Angle", 3)) is not None)


def drawn_vertices(text: Sequence[Item], diagram: Sequence[Item], pos: Positions) -> dict[str, str]:
    """Question point -> drawn point, for the vertex of a question's angle that the diagram
    does not have: the one point where a drawn line through one arm's point meets a drawn line
    through the other's.

    >>> from recode_dsl.interop.geometry3k.parse import read
    >>> diagram = [read("PointLiesOnLine(E, Line(R, B))"), read("PointLiesOnLine(E, Line(A, D))")]
    >>> pos = {p: (0.0, 0.0) for p in "REBAD"}
    >>> drawn_vertices([read("Find(MeasureOf(Angle(R,S,A)))")], diagram, pos)
    {'S': 'E'}
    """
    in_diagram = named_points(diagram)
    lines = _lines(diagram)
    out: dict[str, str] = {}
    for form in text:
        for a, v, b in _angles(form):
            if v in pos or v in in_diagram or a not in pos or b not in pos or v in out:
                continue
            meet = {p for la in lines if a in la for lb in lines if b in lb and la != lb for p in la & lb} - {a, b}
            if len(meet) == 1:
                out[v] = meet.pop()
    return out


def _lines(diagram: Sequence[Item]) -> list[frozenset[str]]:
    """Points in line, from the diagram's PointLiesOnLine forms (groups sharing two points merged)."""
    said = [on for f in diagram if (c := head(f, "PointLiesOnLine")) is not None and len(c.args) == 2
            and (on := on_line(c)) is not None]
    return [frozenset(g) for g in merge_lines(set(on) for on in said)]


def drawn_ends(text: Sequence[Item], diagram: Sequence[Item], segments: Iterable[tuple[str, str]],
               pos: Positions) -> dict[str, str]:
    """Question point -> drawn point, for a point the question joins to drawn points (a side
    ``Line(R, S)``, an arm of ``Angle(R, Q, S)``) that the diagram does not have: the one drawn
    point the question does not name that is on a drawn line with each of them (and not in
    line with an angle's other arm).

    >>> from recode_dsl.interop.geometry3k.parse import read
    >>> diagram = [read("PointLiesOnLine(A, Line(T, R))"), read("PointLiesOnLine(Q, Line(R, P))")]
    >>> pos = {p: (0.0, 0.0) for p in "RQPTAU"}
    >>> drawn_ends([read("Equals(LengthOf(Line(R,Q)),Line(R,S))"), read("Equals(MeasureOf(Angle(R,Q,S)),75)")],
    ...            diagram, [("A", "Q"), ("U", "Q")], pos)
    {'S': 'A'}
    """
    in_text = named_points(text)
    in_diagram = named_points(diagram)
    lines = [*_lines(diagram), *(frozenset(s) for s in segments)]
    out: dict[str, str] = {}
    for name in sorted(in_text - set(pos) - in_diagram):
        needs, arms = _joins(text, name, pos)
        if not needs:
            continue
        found = [x for x in pos if x not in in_text and x not in out.values()
                 and all(any({x, y} <= ln for ln in lines) for y in needs)
                 and not any({x, v, o} <= ln for v, o in arms for ln in lines)]
        if len(found) == 1:
            out[name] = found[0]
    return out


def _joins(text: Sequence[Item], name: str, pos: Positions) -> tuple[set[str], list[tuple[str, str]]]:
    """The drawn points the question joins ``name`` to, and its angles' (vertex, other arm)."""
    needs: set[str] = set()
    arms: list[tuple[str, str]] = []
    for form in text:
        for a, b in (pts for c in calls(form) if (pts := args_of(c, "Line", 2)) is not None):
            if name in (a, b) and (b if a == name else a) in pos:
                needs.add(b if a == name else a)
        for a, v, b in _angles(form):
            other = b if a == name else a if b == name else None
            if other is not None and v in pos and other in pos:
                needs.add(v)
                arms.append((v, other))
    return needs, arms
