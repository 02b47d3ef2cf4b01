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
import re
from collections.abc import Iterable, Mapping, Sequence

from recode_dsl.geometry.numeric import circumcentre
from recode_dsl.interop.geometry3k.geom import merge_lines
from recode_dsl.interop.geometry3k.text import ON_LINE
from recode_dsl.interop.geometry3k.tolerance import CENTRE_NEAR

Positions = Mapping[str, tuple[float, float]]
_CENTRE = re.compile(r"^\s*Is(Incenter|Centroid|Circumcenter|Orthocenter)Of\(\s*Point\(\s*([A-Z]'*)\s*\)\s*,"
                     r"\s*(?:Triangle|Angle)\(\s*([A-Z]'*)\s*,\s*([A-Z]'*)\s*,\s*([A-Z]'*)\s*\)\s*\)\s*$")
_NAME = re.compile(r"(?<![A-Za-z_0-9'])[A-Z]'*(?![A-Za-z_0-9'(])")


def drawn_centres(text: Sequence[str], diagram: Iterable[str], pos: Positions) -> dict[str, str]:
    """Question point -> drawn point, for centres the diagram draws under another name.

    >>> pos = {"A": (0, 0), "B": (6, 0), "C": (0, 6), "G": (2, 2), "D": (3, 0)}
    >>> drawn_centres(["IsCentroidOf(Point(P),Triangle(A,B,C))"], [], pos)
    {'P': 'G'}
    """
    in_text = {n for f in text for n in _NAME.findall(f)}
    in_diagram = {n for f in diagram for n in _NAME.findall(f)}
    out: dict[str, str] = {}
    for form in text:
        m = _CENTRE.match(form)
        if not m or m[2] in pos or m[2] in in_diagram or not all(v in pos for v in m.group(3, 4, 5)):
            continue
        a, b, c = (pos[v] for v in m.group(3, 4, 5))
        centre = _centre(m[1], a, b, c)
        if centre is None:
            continue
        size = math.dist(a, b) + math.dist(b, c) + math.dist(c, a)
        near = [p for p in pos if p not in m.group(3, 4, 5) and p not in out.values()
                and math.dist(pos[p], centre) < CENTRE_NEAR * size]
        if len(near) == 1 and near[0] not in in_text:
            out[m[2]] = near[0]
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


_ANGLE = re.compile(r"Angle\(\s*([A-Z]'*)\s*,\s*([A-Z]'*)\s*,\s*([A-Z]'*)\s*\)")
_ON_LINE = re.compile(rf"{ON_LINE.pattern}\s*\)\s*$")  # the whole form


def drawn_vertices(text: Sequence[str], diagram: Sequence[str], pos: Positions) -> dict[str, str]:
    """Question point -> drawn point, for the vertex of a question's angle that the diagram
    does not have: the one point where a drawn line through one arm's point meets a drawn line
    through the other's.

    >>> diagram = ["PointLiesOnLine(E, Line(R, B))", "PointLiesOnLine(E, Line(A, D))"]
    >>> pos = {p: (0.0, 0.0) for p in "REBAD"}
    >>> drawn_vertices(["Find(MeasureOf(Angle(R,S,A)))"], diagram, pos)
    {'S': 'E'}
    """
    in_diagram = {n for f in diagram for n in _NAME.findall(f)}
    lines = _lines(diagram)
    out: dict[str, str] = {}
    for form in text:
        for a, v, b in _ANGLE.findall(form):
            if v in pos or v in in_diagram or a not in pos or b not in pos or v in out:
                continue
            meet = {p for la in lines if a in la for lb in lines if b in lb and la != lb for p in la & lb} - {a, b}
            if len(meet) == 1:
                out[v] = meet.pop()
    return out


def _lines(diagram: Sequence[str]) -> list[frozenset[str]]:
    """Points in line, from the diagram's PointLiesOnLine forms (groups sharing two points merged)."""
    return [frozenset(g) for g in merge_lines(set(m.groups()) for m in filter(None, map(_ON_LINE.match, diagram)))]


_PAIR = re.compile(r"Line\(\s*([A-Z]'*)\s*,\s*([A-Z]'*)\s*\)")


def drawn_ends(text: Sequence[str], diagram: Sequence[str], segments: Iterable[tuple[str, str]],
               pos: Positions) -> dict[str, str]:
    """Question point -> drawn point, for a point the question joins to drawn points (a side
    ``Line(R, S)``, an arm of ``Angle(R, Q, S)``) that the diagram does not have: the one drawn
    point the question does not name that is on a drawn line with each of them (and not in
    line with an angle's other arm).

    >>> diagram = ["PointLiesOnLine(A, Line(T, R))", "PointLiesOnLine(Q, Line(R, P))"]
    >>> pos = {p: (0.0, 0.0) for p in "RQPTAU"}
    >>> drawn_ends(["Equals(LengthOf(Line(R,Q)),Line(R,S))", "Equals(MeasureOf(Angle(R,Q,S)),75)"],
    ...            diagram, [("A", "Q"), ("U", "Q")], pos)
    {'S': 'A'}
    """
    in_text = {n for f in text for n in _NAME.findall(f)}
    in_diagram = {n for f in diagram for n in _NAME.findall(f)}
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


def _joins(text: Sequence[str], name: str, pos: Positions) -> tuple[set[str], list[tuple[str, str]]]:
    """The drawn points the question joins ``name`` to, and its angles' (vertex, other arm)."""
    needs: set[str] = set()
    arms: list[tuple[str, str]] = []
    for form in text:
        for a, b in _PAIR.findall(form):
            if name in (a, b) and (b if a == name else a) in pos:
                needs.add(b if a == name else a)
        for a, v, b in _ANGLE.findall(form):
            other = b if a == name else a if b == name else None
            if other is not None and v in pos and other in pos:
                needs.add(v)
                arms.append((v, other))
    return needs, arms
