"""Circle forms the point positions contradict: a circle named by the wrong centre, a tangent's far end put on it.

Two annotation slips, each decided by the drawing alone:

* ``PointLiesOnCircle(P, Circle(B, r))`` for several points while B is not a drawn circle centre,
  the points are far from equally distant from B, and they are equally distant from the one drawn
  centre O that no form names: the circle meant is the drawn one, ``Circle(O, r)``.
* ``Tangent(Line(A, B), Circle(D))`` while both A and B are said to lie on circle D: a line through
  two points of a circle is a chord, not a tangent. The end whose drawn distance from D is far from
  the radius the other points give is the outside end, and its ``PointLiesOnCircle`` is left out.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence

from recode_dsl.interop.geometry3k.pattern import (
    CIRCLE,
    Call,
    Item,
    Name,
    Node,
    calls,
    first,
    on_circle,
    point,
    rewrite,
    two,
)
from recode_dsl.interop.geometry3k.tolerance import OFF_CIRCLE, RADII_AGREE

Positions = Mapping[str, tuple[float, float]]
_UNEQUAL = 1 + OFF_CIRCLE  # a spread beyond this is no circle about that centre


def _on_circle(forms: Iterable[Item]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for form in forms:
        on = on_circle(c) if (c := first(form)) is not None else None
        if on:
            out.setdefault(on[1], []).append(on[0])
    return out


def _centre(c: Call) -> str | None:
    """The centre of ``Circle(O, ...)`` (or ``Cirle``)."""
    return point(c.args[0]) if c.name in CIRCLE and c.args else None


def _spread(centre: str, points: Sequence[str], pos: Positions) -> float | None:
    """Largest over smallest distance from the centre to the placed points (None when fewer than 3)."""
    if centre not in pos:
        return None
    ds = [math.dist(pos[centre], pos[p]) for p in points if p in pos]
    if len(ds) < 3 or min(ds) <= 0:
        return None
    return max(ds) / min(ds)


def recentre(diagram: Sequence[Item], text: Sequence[Item], pos: Positions,
             drawn_centres: Iterable[str]) -> dict[str, str]:
    """Named centre -> drawn centre, for circles whose points sit round the drawn centre instead.

    >>> from recode_dsl.interop.geometry3k.parse import read
    >>> pos = {"B": (0, 1), "O": (0, 0), "A": (5, 0), "C": (-5, 0), "D": (0, 5), "E": (0, -5)}
    >>> forms = [read(f"PointLiesOnCircle({p}, Circle(B, radius_1_0))") for p in "ACDE"]
    >>> recentre(forms, [], pos, ["O"])
    {'B': 'O'}
    """
    on = _on_circle(diagram)
    named = {centre for f in [*diagram, *text] for c in calls(f) if (centre := _centre(c)) is not None}
    spare = [c for c in dict.fromkeys(drawn_centres) if c not in named]
    out: dict[str, str] = {}
    for centre, points in on.items():
        if centre in drawn_centres or len(spare) != 1:
            continue
        here, there = _spread(centre, points, pos), _spread(spare[0], points, pos)
        if here is not None and there is not None and here > _UNEQUAL and there < RADII_AGREE:
            out[centre] = spare[0]
    return out


def apply_centres(forms: Sequence[Item], mapping: Mapping[str, str]) -> list[Item]:
    """Rename the centres of circles in the forms."""
    if not mapping:
        return list(forms)

    def moved(c: Call) -> Node | None:
        centre = _centre(c)
        if centre is None or centre not in mapping:
            return None
        return Call(c.name, (Name(mapping[centre]), *c.args[1:]))

    return [rewrite(f, moved) for f in forms]


def _tangent(form: Item) -> tuple[str, str, str] | None:
    """``Tangent(Line(A, B), Circle(D))``: A, B and the centre D."""
    c = first(form)
    if c is None or c.name != "Tangent" or len(c.args) < 2:
        return None
    line, circle = two(c.args[0], "Line"), c.args[1]
    centre = _centre(circle) if isinstance(circle, Call) else None
    return None if line is None or centre is None else (line[0], line[1], centre)


def outside_ends(forms: Sequence[Item], pos: Positions) -> set[tuple[str, str]]:
    """(point, centre) pairs of tangent ends said to be on the circle but drawn well outside it.

    >>> from recode_dsl.interop.geometry3k.parse import read
    >>> pos = {"D": (0, 0), "A": (0, 5), "C": (0, -5), "E": (5, 0), "B": (12, 0)}
    >>> forms = [read(f"PointLiesOnCircle({p}, Circle(D, radius_1_0))") for p in "ABCE"]
    >>> sorted(outside_ends(forms + [read("Tangent(Line(A, B), Circle(D))")], pos))
    [('B', 'D')]
    """
    on = _on_circle(forms)
    out: set[tuple[str, str]] = set()
    for form in forms:
        m = _tangent(form)
        if not m or m[2] not in pos or not {m[0], m[1]} <= set(on.get(m[2], ())):
            continue
        centre = m[2]
        for end in (m[0], m[1]):
            others = [math.dist(pos[centre], pos[p]) for p in on[centre] if p in pos and p != end]
            if end not in pos or len(others) < 2 or max(others) / max(min(others), 1e-9) > RADII_AGREE:
                continue
            radius = sum(others) / len(others)
            if math.dist(pos[centre], pos[end]) > _UNEQUAL * radius:
                out.add((end, centre))
    return out


def drop_outside(forms: Sequence[Item], among: Sequence[Item], pos: Positions) -> list[Item]:
    """The forms without ``PointLiesOnCircle`` of tangent ends (in ``among``) drawn well outside the circle."""
    bad = outside_ends(among, pos)
    if not bad:
        return list(forms)
    return [f for f in forms if not ((c := first(f)) and (on := on_circle(c)) and (on[0], on[1]) in bad)]
