r"""A three-letter arc with a point drawn off its circle names no arc: it is an angle.

``MeasureOf(Arc(E, D, B))`` names an arc from E through D to B, so all three points lie on one
circle. When the drawing puts one of them well off the circle the other two lie on, there is no
such arc, and the question means an angle:

- the middle point D off the circle (and not its centre): the angle E-D-B, as in
  "m \widehat E D B" for the angle two secants make at a point outside the circle
  (``off_circle_arcs``);
- an end R said to lie on no circle and drawn off the circle of Q and S: the angle R-Q-S at the
  middle point, as in "m \widehat R Q S" for the angle a tangent and a chord make at Q
  (``end_off_arcs``).

Either way the form becomes ``MeasureOf(Angle(...))`` with the same three points. Circles are
told apart by centre and radius id (``Circle(O, radius_0_0)`` and ``Circle(O, radius_0_1)`` are two
concentric circles): points of two different circles share no circle.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping, Sequence

from recode_dsl.interop.geometry3k.pattern import Call, Item, Name, Node, args_of, rewrite
from recode_dsl.interop.geometry3k.text import Circle, points_on_circles
from recode_dsl.interop.geometry3k.tolerance import OFF_CIRCLE

Positions = Mapping[str, tuple[float, float]]
OnCircles = dict[str, set[Circle]]  # point -> the circles it is said to lie on


def off_circle_arcs(forms: Sequence[Item], context: Iterable[Item], positions: Positions,
                    centres: Iterable[str]) -> list[Item]:
    """The forms with each arc through a point off its circle read as the angle at that point.

    >>> from recode_dsl.interop.geometry3k.parse import read, shown
    >>> pos = {"O": (0.0, 0.0), "E": (1.0, 0.0), "B": (0.0, 1.0), "D": (3.0, 3.0)}
    >>> on = [read("PointLiesOnCircle(E, Circle(O, r))"), read("PointLiesOnCircle(B, Circle(O, r))")]
    >>> [shown(f) for f in off_circle_arcs([read("Find(MeasureOf(Arc(E, D, B)))")], on, pos, ["O"])]
    ['Find(MeasureOf(Angle(E, D, B)))']
    """
    def middle_off(a: str, via: str, b: str, on: OnCircles, centre_set: set[str]) -> bool:
        if via in centre_set or via in on or via not in positions:
            return False
        common = on.get(a, set()) & on.get(b, set())
        return bool(common) and all(_off(positions, c, a, b, via) for c in common)

    return _arcs_as_angles(forms, context, centres, middle_off)


def end_off_arcs(forms: Sequence[Item], context: Iterable[Item], positions: Positions,
                 centres: Iterable[str]) -> list[Item]:
    """The forms with each arc whose one end is drawn off its circle read as the angle at its middle.

    >>> from recode_dsl.interop.geometry3k.parse import read, shown
    >>> pos = {"O": (0.0, 0.0), "Q": (1.0, 0.0), "S": (0.0, 1.0), "R": (1.0, 2.0)}
    >>> on = [read("PointLiesOnCircle(Q, Circle(O, r))"), read("PointLiesOnCircle(S, Circle(O, r))")]
    >>> [shown(f) for f in end_off_arcs([read("Find(MeasureOf(Arc(R, Q, S)))")], on, pos, ["O"])]
    ['Find(MeasureOf(Angle(R, Q, S)))']
    """
    def end_off(a: str, via: str, b: str, on: OnCircles, centre_set: set[str]) -> bool:
        if via in centre_set or (a in on) == (b in on):
            return False
        end, other = (a, b) if b in on else (b, a)
        common = on.get(via, set()) & on[other]
        return end not in centre_set and bool(common) and all(_off(positions, c, other, via, end) for c in common)

    return _arcs_as_angles(forms, context, centres, end_off)


def _arcs_as_angles(forms: Sequence[Item], context: Iterable[Item], centres: Iterable[str],
                    is_angle: Callable[[str, str, str, OnCircles, set[str]], bool]) -> list[Item]:
    """The forms with each three-letter arc that ``is_angle`` (given the points' circles and the
    centres) says is no arc written as the angle at its middle point."""
    on = _circles_of(context)
    centre_set = set(centres)

    def fix(c: Call) -> Node | None:
        pts = args_of(c, "Arc", 3)
        if pts is None or not is_angle(pts[0], pts[1], pts[2], on, centre_set):
            return None
        return Call("Angle", tuple(Name(p) for p in pts))

    return [rewrite(form, fix) for form in forms]


def _circles_of(forms: Iterable[Item]) -> OnCircles:
    """Point -> the circles (centre, radius id) the forms put it on."""
    on: OnCircles = {}
    for p, circle in points_on_circles(forms):
        on.setdefault(p, set()).add(circle)
    return on


def _off(positions: Positions, circle: Circle, p: str, q: str, point: str) -> bool:
    """Whether ``point`` is drawn well off the circle (about its centre) through ``p`` and ``q``."""
    centre = circle[0]
    if not {centre, p, q, point} <= set(positions):
        return False
    c = positions[centre]
    r = (math.dist(c, positions[p]) + math.dist(c, positions[q])) / 2
    return r > 0 and abs(math.dist(c, positions[point]) - r) > OFF_CIRCLE * r


__all__ = ["end_off_arcs", "off_circle_arcs"]
