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
import re
from collections.abc import Iterable, Mapping, Sequence

from recode_dsl.interop.geometry3k.text import ON_CIRCLE
from recode_dsl.interop.geometry3k.tolerance import OFF_CIRCLE, RADII_AGREE

Positions = Mapping[str, tuple[float, float]]
_CENTRE = re.compile(r"(?<![A-Za-z])(Cir(?:c)?le\(\s*)([A-Z]'*)(?=\s*[,)])")
_TANGENT = re.compile(r"^\s*Tangent\(\s*Line\(\s*([A-Z]'*)\s*,\s*([A-Z]'*)\s*\)\s*,\s*Cir(?:c)?le\(\s*([A-Z]'*)\s*[,)]")
_UNEQUAL = 1 + OFF_CIRCLE  # a spread beyond this is no circle about that centre


def _on_circle(forms: Iterable[str]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for form in forms:
        m = ON_CIRCLE.match(form)
        if m:
            out.setdefault(m[2], []).append(m[1])
    return out


def _spread(centre: str, points: Sequence[str], pos: Positions) -> float | None:
    """Largest over smallest distance from the centre to the placed points (None when fewer than 3)."""
    if centre not in pos:
        return None
    ds = [math.dist(pos[centre], pos[p]) for p in points if p in pos]
    if len(ds) < 3 or min(ds) <= 0:
        return None
    return max(ds) / min(ds)


def recentre(diagram: Sequence[str], text: Sequence[str], pos: Positions,
             drawn_centres: Iterable[str]) -> dict[str, str]:
    """Named centre -> drawn centre, for circles whose points sit round the drawn centre instead.

    >>> pos = {"B": (0, 1), "O": (0, 0), "A": (5, 0), "C": (-5, 0), "D": (0, 5), "E": (0, -5)}
    >>> forms = [f"PointLiesOnCircle({p}, Circle(B, radius_1_0))" for p in "ACDE"]
    >>> recentre(forms, [], pos, ["O"])
    {'B': 'O'}
    """
    on = _on_circle(diagram)
    named = {m[2] for f in [*diagram, *text] for m in _CENTRE.finditer(f)}
    spare = [c for c in dict.fromkeys(drawn_centres) if c not in named]
    out: dict[str, str] = {}
    for centre, points in on.items():
        if centre in drawn_centres or len(spare) != 1:
            continue
        here, there = _spread(centre, points, pos), _spread(spare[0], points, pos)
        if here is not None and there is not None and here > _UNEQUAL and there < RADII_AGREE:
            out[centre] = spare[0]
    return out


def apply_centres(forms: Sequence[str], mapping: Mapping[str, str]) -> list[str]:
    """Rename the centres of circles in the forms."""
    if not mapping:
        return list(forms)
    return [_CENTRE.sub(lambda m: m[1] + mapping.get(m[2], m[2]), f) for f in forms]


def outside_ends(forms: Sequence[str], pos: Positions) -> set[tuple[str, str]]:
    """(point, centre) pairs of tangent ends said to be on the circle but drawn well outside it.

    >>> pos = {"D": (0, 0), "A": (0, 5), "C": (0, -5), "E": (5, 0), "B": (12, 0)}
    >>> forms = [f"PointLiesOnCircle({p}, Circle(D, radius_1_0))" for p in "ABCE"]
    >>> sorted(outside_ends(forms + ["Tangent(Line(A, B), Circle(D))"], pos))
    [('B', 'D')]
    """
    on = _on_circle(forms)
    out: set[tuple[str, str]] = set()
    for form in forms:
        m = _TANGENT.match(form)
        if not m or m[3] not in pos or not {m[1], m[2]} <= set(on.get(m[3], ())):
            continue
        for end in (m[1], m[2]):
            others = [math.dist(pos[m[3]], pos[p]) for p in on[m[3]] if p in pos and p != end]
            if end not in pos or len(others) < 2 or max(others) / max(min(others), 1e-9) > RADII_AGREE:
                continue
            radius = sum(others) / len(others)
            if math.dist(pos[m[3]], pos[end]) > _UNEQUAL * radius:
                out.add((end, m[3]))
    return out


def drop_outside(forms: Sequence[str], among: Sequence[str], pos: Positions) -> list[str]:
    """The forms without ``PointLiesOnCircle`` of tangent ends (in ``among``) drawn well outside the circle."""
    bad = outside_ends(among, pos)
    if not bad:
        return list(forms)
    return [f for f in forms if not ((m := ON_CIRCLE.match(f)) and (m[1], m[2]) in bad)]
