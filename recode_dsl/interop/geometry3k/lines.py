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
from collections.abc import Iterable, Mapping, Sequence

from recode_dsl.interop.geometry3k.geom import line_turn
from recode_dsl.interop.geometry3k.pattern import Call, Item, Name, Node, args_of, as_form, calls, head
from recode_dsl.interop.geometry3k.pattern import two as two_points
from recode_dsl.interop.geometry3k.tolerance import ON_SEGMENT, SAME_DIRECTION_DEG, SEGMENT_END

Positions = Mapping[str, tuple[float, float]]
Seg = tuple[str, str]

_OF_TRIANGLE = {f"Is{kind}Of": kind for kind in ("PerpendicularBisector", "Median", "Altitude")}
_MEETING_POINT = {"Median": "IsCentroidOf", "Altitude": "IsOrthocenterOf"}


def repair(text: Sequence[Item], diagram: Sequence[Item], segments: Iterable[Seg],
           pos: Positions) -> tuple[list[Item], list[Item]]:
    """The question's and the diagram's forms with the four repairs of this module made.

    >>> from recode_dsl.interop.geometry3k.parse import read, shown
    >>> pos = {"A": (0, 0), "B": (9, 0), "C": (0, 5), "D": (9, 5), "E": (2, -3), "F": (7, 8)}
    >>> [shown(f) for f in repair([read("Parallel(Line(a),Line(b))")], [], [("A", "B"), ("C", "D"), ("E", "F")],
    ...                           pos)[0]]
    ['Parallel(Line(A, B), Line(C, D))']
    """
    segs = list(segments)
    text = meeting_lines(wrong_triangle(labelled_parallels(text, segs, pos), [*text, *diagram]))
    return text, drawn_parallel(diagram, pos)


def _letter(node: Node) -> str | None:
    """The name of a line named by a letter: ``Line(m)``."""
    if isinstance(node, Call) and node.name == "Line" and len(node.args) == 1 and isinstance(node.args[0], Name):
        ident = node.args[0].id
        return ident if ident[:1].isascii() and ident[:1].islower() and ident.isidentifier() else None
    return None


def _line(a: str, b: str) -> Call:
    return Call("Line", (Name(a), Name(b)))


def _two_lines(form: Item, name: str) -> tuple[Node, Node] | None:
    """The two arguments of ``name(X, Y)`` when that is the whole form."""
    c = head(form, name)
    return (c.args[0], c.args[1]) if c is not None and len(c.args) == 2 else None


def labelled_parallels(forms: Sequence[Item], segments: Iterable[Seg], pos: Positions) -> list[Item]:
    """The forms with each ``Parallel(Line(a), Line(b))`` made a pair of drawn lines, when the
    drawn lines hold exactly as many parallel pairs as the forms name (else left as they are).

    >>> from recode_dsl.interop.geometry3k.parse import read, shown
    >>> pos = {"A": (0, 0), "B": (9, 0), "C": (0, 5), "D": (9, 5), "E": (2, -3), "F": (7, 8)}
    >>> [shown(f) for f in labelled_parallels([read("Parallel(Line(m),Line(n))"), read("Find(x)")],
    ...                                       [("A", "B"), ("C", "D"), ("E", "F")], pos)]
    ['Parallel(Line(A, B), Line(C, D))', 'Find(x)']
    """
    wanted = [i for i, f in enumerate(forms) if (two := _two_lines(f, "Parallel")) is not None
              and _letter(two[0]) is not None and _letter(two[1]) is not None]
    if not wanted:
        return list(forms)
    pairs = _parallel_pairs(segments, pos)
    if len(pairs) != len(wanted):
        return list(forms)
    out = list(forms)
    for i, (s, t) in zip(wanted, pairs):
        out[i] = as_form(Call("Parallel", (_line(*s), _line(*t))))
    return out


def _of_triangle(form: Item) -> tuple[str, str, tuple[str, ...]] | None:
    """``IsMedianOf(Line(m), Triangle(P, Q, R))`` (a perpendicular bisector, an altitude): m, the kind, P Q R."""
    c = head(form)
    if c is None or c.name not in _OF_TRIANGLE or len(c.args) != 2:
        return None
    letter, tri = _letter(c.args[0]), args_of(c.args[1], "Triangle", 3)
    return None if letter is None or tri is None else (letter, _OF_TRIANGLE[c.name], tri)


def _meet(form: Item) -> tuple[list[str], str] | None:
    """``IntersectAt(Line(l), Line(m), Point(T))``: the letters (all the lines but the last argument) and T."""
    c = head(form, "IntersectAt")
    if c is None or len(c.args) < 2:
        return None
    at = args_of(c.args[-1], "Point", 1)
    letters = [_letter(a) for a in c.args[:-1]]
    if at is None or None in letters:
        return None
    return [x for x in letters if x is not None], at[0]


def meeting_lines(forms: Sequence[Item]) -> list[Item]:
    """Letter-named perpendicular bisectors (medians, altitudes) of one triangle meeting at a
    point: that point is the circumcentre (centroid, orthocentre).

    >>> from recode_dsl.interop.geometry3k.parse import read, shown
    >>> [shown(f) for f in meeting_lines([read("IsPerpendicularBisectorOf(Line(l),Triangle(P,Q,R))"),
    ...                                   read("IsPerpendicularBisectorOf(Line(m),Triangle(P,Q,R))"),
    ...                                   read("IntersectAt(Line(l),Line(m),Point(T))")])]
    ['Equals(LengthOf(Line(T, P)), LengthOf(Line(T, Q)))', 'Equals(LengthOf(Line(T, Q)), LengthOf(Line(T, R)))']
    """
    kinds = {m[0]: (m[1], m[2]) for m in map(_of_triangle, forms) if m}
    out: list[Item] = []
    used: set[str] = set()
    for form in forms:
        meet = _meet(form)
        names = meet[0] if meet else []
        found = {kinds[n] for n in names if n in kinds}
        if not meet or len(names) < 2 or len(found) != 1 or any(n not in kinds for n in names):
            out.append(form)
            continue
        kind, tri = found.pop()
        used.update(names)
        out += _meeting_point(kind, tri, meet[1])
    return [f for f in out if not ((m := _of_triangle(f)) and m[0] in used)]


def _meeting_point(kind: str, triangle: tuple[str, ...], point: str) -> list[Item]:
    if kind in _MEETING_POINT:
        return [as_form(Call(_MEETING_POINT[kind], (Call("Point", (Name(point),)),
                                                    Call("Triangle", tuple(Name(v) for v in triangle)))))]
    a, b, c = triangle
    return [as_form(Call("Equals", (Call("LengthOf", (_line(point, x),)), Call("LengthOf", (_line(point, y),)))))
            for x, y in ((a, b), (b, c))]


def wrong_triangle(forms: Sequence[Item], every: Sequence[Item]) -> list[Item]:
    """The forms with a median or altitude that has no end at a vertex of its triangle given to
    the one other triangle of the problem with a vertex at one of its ends.

    >>> from recode_dsl.interop.geometry3k.parse import read, shown
    >>> [shown(f) for f in wrong_triangle([read("IsMedianOf(Line(T,A),Triangle(U,V,W))")],
    ...                                   [read("Similar(Triangle(R,S,T),Triangle(U,V,W))")])]
    ['IsMedianOf(Line(T, A), Triangle(R, S, T))']
    """
    triangles = {t for f in every for c in calls(f) if (t := args_of(c, "Triangle", 3)) is not None}
    out = []
    for form in forms:
        c = head(form)
        if c is not None and c.name in ("IsMedianOf", "IsAltitudeOf") and len(c.args) == 2:
            seg, tri = args_of(c.args[0], "Line", 2), args_of(c.args[1], "Triangle", 3)
            if seg is not None and tri is not None and not set(seg) & set(tri):
                other = [t for t in triangles if len(set(seg) & set(t)) == 1]
                if len(other) == 1:
                    form = as_form(Call(c.name, (c.args[0], Call("Triangle", tuple(Name(v) for v in other[0])))))
        out.append(form)
    return out


def drawn_parallel(forms: Sequence[Item], pos: Positions) -> list[Item]:
    """The forms with a ``Perpendicular`` of two lines drawn parallel (no common point) made ``Parallel``.

    >>> from recode_dsl.interop.geometry3k.parse import read, shown
    >>> [shown(f) for f in drawn_parallel([read("Perpendicular(Line(A, B), Line(C, D))")],
    ...                                   {"A": (0, 0), "B": (1, 5), "C": (4, 0), "D": (5, 5)})]
    ['Parallel(Line(A, B), Line(C, D))']
    """
    out = []
    for form in forms:
        two = _two_lines(form, "Perpendicular")
        s, t = (two_points(two[0], "Line"), two_points(two[1], "Line")) if two is not None else (None, None)
        if s is not None and t is not None and len({*s, *t}) == 4 and all(p in pos for p in (*s, *t)):
            if pos[s[0]] != pos[s[1]] and pos[t[0]] != pos[t[1]] and line_turn(pos, s, t) < SAME_DIRECTION_DEG \
                    and not _collinear(pos, s, t):
                form = as_form(Call("Parallel", (_line(*s), _line(*t))))
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
