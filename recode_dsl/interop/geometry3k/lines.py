"""Line forms the annotation leaves without points or writes against its own figure, made usable.

Four repairs of the forms, each a rule of how the problems are written:

- ``Parallel(Line(a), Line(b))``: a line named by a letter has no points. Lines said to be
  parallel are drawn parallel: when the drawn lines (the longest drawn segments) hold exactly
  as many parallel pairs (within 2 degrees, no common point, not in line) as the forms name,
  those pairs are the ones meant.
- Lines ``l, m, n`` that are perpendicular bisectors of a triangle's sides and meet at ``T``:
  T is the circumcentre, as far from each vertex (a median's meeting point is the centroid, an
  altitude's the orthocentre).
- ``IsMedianOf(Line(T, A), Triangle(U, V, W))`` where neither end of the segment is a vertex of
  that triangle but one end is a vertex of exactly one other triangle the forms name (the
  similar one): the segment belongs to that triangle.
- ``Perpendicular(Line(A, B), Line(C, D))`` between lines with no common point that are drawn
  parallel (within 2 degrees): a right angle cannot look like that; the mark is a parallel one.

Positions are only used to choose; nothing measured off the picture is written as a number.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping, Sequence

from recode_dsl.interop.geometry3k.geom import line_turn
from recode_dsl.interop.geometry3k.tolerance import ON_SEGMENT, SAME_DIRECTION_DEG, SEGMENT_END

Positions = Mapping[str, tuple[float, float]]
Seg = tuple[str, str]

_LETTER_PARALLEL = re.compile(r"^\s*Parallel\(\s*Line\(\s*([a-z]\w*)\s*\)\s*,\s*Line\(\s*([a-z]\w*)\s*\)\s*\)\s*$")
_OF_TRIANGLE = re.compile(r"^\s*Is(PerpendicularBisector|Median|Altitude)Of\(\s*Line\(\s*([a-z]\w*)\s*\)\s*,"
                          r"\s*(Triangle\(\s*[A-Z]'*\s*,\s*[A-Z]'*\s*,\s*[A-Z]'*\s*\))\s*\)\s*$")
_MEET = re.compile(r"^\s*IntersectAt\(((?:\s*Line\(\s*[a-z]\w*\s*\)\s*,)+)\s*Point\(\s*([A-Z]'*)\s*\)\s*\)\s*$")
_LETTER = re.compile(r"Line\(\s*([a-z]\w*)\s*\)")
_SEGMENT_OF = re.compile(r"^(\s*Is(?:Median|Altitude)Of\(\s*Line\(\s*([A-Z]'*)\s*,\s*([A-Z]'*)\s*\)\s*,\s*)"
                         r"Triangle\(\s*([A-Z]'*)\s*,\s*([A-Z]'*)\s*,\s*([A-Z]'*)\s*\)(\s*\)\s*)$")
_TRIANGLE = re.compile(r"Triangle\(\s*([A-Z]'*)\s*,\s*([A-Z]'*)\s*,\s*([A-Z]'*)\s*\)")
_PERPENDICULAR = re.compile(r"^\s*Perpendicular\(\s*Line\(\s*([A-Z]'*)\s*,\s*([A-Z]'*)\s*\)\s*,"
                            r"\s*Line\(\s*([A-Z]'*)\s*,\s*([A-Z]'*)\s*\)\s*\)\s*$")
_MEETING_POINT = {"Median": "IsCentroidOf", "Altitude": "IsOrthocenterOf"}


def repair(text: Sequence[str], diagram: Sequence[str], segments: Iterable[Seg],
           pos: Positions) -> tuple[list[str], list[str]]:
    """The question's and the diagram's forms with the four repairs of this module made.

    >>> pos = {"A": (0, 0), "B": (9, 0), "C": (0, 5), "D": (9, 5), "E": (2, -3), "F": (7, 8)}
    >>> repair(["Parallel(Line(a),Line(b))"], [], [("A", "B"), ("C", "D"), ("E", "F")], pos)[0]
    ['Parallel(Line(A, B), Line(C, D))']
    """
    segs = list(segments)
    text = meeting_lines(wrong_triangle(labelled_parallels(text, segs, pos), [*text, *diagram]))
    return text, drawn_parallel(diagram, pos)


def labelled_parallels(forms: Sequence[str], segments: Iterable[Seg], pos: Positions) -> list[str]:
    """The forms with each ``Parallel(Line(a), Line(b))`` made a pair of drawn lines, when the
    drawn lines hold exactly as many parallel pairs as the forms name (else left as they are).

    >>> pos = {"A": (0, 0), "B": (9, 0), "C": (0, 5), "D": (9, 5), "E": (2, -3), "F": (7, 8)}
    >>> labelled_parallels(["Parallel(Line(m),Line(n))", "Find(x)"], [("A", "B"), ("C", "D"), ("E", "F")], pos)
    ['Parallel(Line(A, B), Line(C, D))', 'Find(x)']
    """
    wanted = [i for i, f in enumerate(forms) if _LETTER_PARALLEL.match(f)]
    if not wanted:
        return list(forms)
    pairs = _parallel_pairs(segments, pos)
    if len(pairs) != len(wanted):
        return list(forms)
    out = list(forms)
    for i, (s, t) in zip(wanted, pairs):
        out[i] = f"Parallel(Line({s[0]}, {s[1]}), Line({t[0]}, {t[1]}))"
    return out


def meeting_lines(forms: Sequence[str]) -> list[str]:
    """Letter-named perpendicular bisectors (medians, altitudes) of one triangle meeting at a
    point: that point is the circumcentre (centroid, orthocentre).

    >>> meeting_lines(["IsPerpendicularBisectorOf(Line(l),Triangle(P,Q,R))",
    ...                "IsPerpendicularBisectorOf(Line(m),Triangle(P,Q,R))",
    ...                "IntersectAt(Line(l),Line(m),Point(T))"])
    ['Equals(LengthOf(Line(T, P)), LengthOf(Line(T, Q)))', 'Equals(LengthOf(Line(T, Q)), LengthOf(Line(T, R)))']
    """
    kinds = {m[2]: (m[1], m[3].replace(" ", "")) for m in map(_OF_TRIANGLE.match, forms) if m}
    out: list[str] = []
    used: set[str] = set()
    for form in forms:
        meet = _MEET.match(form)
        names = _LETTER.findall(meet[1]) if meet else []
        found = {kinds[n] for n in names if n in kinds}
        if not meet or len(names) < 2 or len(found) != 1 or any(n not in kinds for n in names):
            out.append(form)
            continue
        kind, tri = found.pop()
        used.update(names)
        out += _meeting_point(kind, tri, meet[2])
    return [f for f in out if not ((m := _OF_TRIANGLE.match(f)) and m[2] in used)]


def _meeting_point(kind: str, triangle: str, point: str) -> list[str]:
    if kind in _MEETING_POINT:
        return [f"{_MEETING_POINT[kind]}(Point({point}),{triangle})"]
    m = _TRIANGLE.match(triangle)
    assert m is not None
    a, b, c = m.groups()
    return [f"Equals(LengthOf(Line({point}, {a})), LengthOf(Line({point}, {b})))",
            f"Equals(LengthOf(Line({point}, {b})), LengthOf(Line({point}, {c})))"]


def wrong_triangle(forms: Sequence[str], every: Sequence[str]) -> list[str]:
    """The forms with a median or altitude that has no end at a vertex of its triangle given to
    the one other triangle of the problem with a vertex at one of its ends.

    >>> wrong_triangle(["IsMedianOf(Line(T,A),Triangle(U,V,W))"], ["Similar(Triangle(R,S,T),Triangle(U,V,W))"])
    ['IsMedianOf(Line(T,A),Triangle(R, S, T))']
    """
    triangles = {m.groups() for f in every for m in _TRIANGLE.finditer(f)}
    out = []
    for form in forms:
        m = _SEGMENT_OF.match(form)
        if m and not {m[2], m[3]} & {m[4], m[5], m[6]}:
            other = [t for t in triangles if len({m[2], m[3]} & set(t)) == 1]
            if len(other) == 1:
                form = f"{m[1]}Triangle({', '.join(other[0])}){m[7]}"
        out.append(form)
    return out


def drawn_parallel(forms: Sequence[str], pos: Positions) -> list[str]:
    """The forms with a ``Perpendicular`` of two lines drawn parallel (no common point) made ``Parallel``.

    >>> drawn_parallel(["Perpendicular(Line(A, B), Line(C, D))"], {"A": (0, 0), "B": (1, 5), "C": (4, 0), "D": (5, 5)})
    ['Parallel(Line(A, B), Line(C, D))']
    """
    out = []
    for form in forms:
        m = _PERPENDICULAR.match(form)
        if m and len(set(m.groups())) == 4 and all(p in pos for p in m.groups()):
            s, t = (m[1], m[2]), (m[3], m[4])
            if pos[s[0]] != pos[s[1]] and pos[t[0]] != pos[t[1]] and line_turn(pos, s, t) < SAME_DIRECTION_DEG \
                    and not _collinear(pos, s, t):
                form = f"Parallel(Line({m[1]}, {m[2]}), Line({m[3]}, {m[4]}))"
        out.append(form)
    return out


def _parallel_pairs(segments: Iterable[Seg], pos: Positions) -> list[tuple[Seg, Seg]]:
    """Pairs of drawn lines (segments that are no part of a longer drawn one) drawn parallel."""
    segs = [(a, b) for a, b in segments if a in pos and b in pos and pos[a] != pos[b]]
    lines = list(dict.fromkeys(s for s in segs if not any(_contains(pos, o, s) for o in segs)))
    return [(s, t) for i, s in enumerate(lines) for t in lines[i + 1:]
            if not set(s) & set(t) and line_turn(pos, s, t) < SAME_DIRECTION_DEG and not _collinear(pos, s, t)]


def _gap(pos: Positions, s: Seg, p: str) -> tuple[float, float]:
    """(where p projects along s, 0 to 1 between its ends; p's distance from s's line)."""
    (ax, ay), (bx, by), (px, py) = pos[s[0]], pos[s[1]], pos[p]
    length = math.dist(pos[s[0]], pos[s[1]])
    t = ((px - ax) * (bx - ax) + (py - ay) * (by - ay)) / length ** 2
    return t, abs((bx - ax) * (ay - py) - (ax - px) * (by - ay)) / length


def _contains(pos: Positions, outer: Seg, s: Seg) -> bool:
    """``s`` is a piece of the longer drawn segment ``outer``."""
    if set(s) == set(outer):
        return False
    length = math.dist(pos[outer[0]], pos[outer[1]])
    for p in s:
        if p not in outer:
            t, gap = _gap(pos, outer, p)
            if not (-SEGMENT_END < t < 1 + SEGMENT_END and gap < ON_SEGMENT * length):
                return False
    return True


def _collinear(pos: Positions, s: Seg, t: Seg) -> bool:
    return _gap(pos, s, t[0])[1] < ON_SEGMENT * math.dist(pos[s[0]], pos[s[1]])
