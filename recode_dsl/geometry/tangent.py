"""Tangency of a line and a circle as a first-order residual when the touching point is known.

"The distance from the centre to the line equals the radius" is true of a tangent, but when a
point of the line is also said to lie on the circle that residual only grows with the square
of a small turn of the line about that point: the solver then sees the turn as free and every
answer that depends on it as undetermined. When exactly one point said to be on the line is
also on the circle, that point is where the line touches, and "the radius to it is
perpendicular to the line" says the same thing to first order.
"""

from __future__ import annotations

from collections.abc import Callable

from recode_dsl import scene as s
from recode_dsl.geometry.numeric import XY, Model, Num, Vec, circle_key, line_distance, unit_dot

Residual = Callable[[Vec], list[float]]


def touching_point(model: Model, key: str, a: str, b: str) -> str | None:
    """The one point of line ab (an end, or a point said to lie on it) said to be on circle ``key``."""
    found = {p for p in on_line_points(model.fig, a, b) if key in model.on_circle.get(p, set())}
    return found.pop() if len(found) == 1 else None


def touches(model: Model, circ: s.Circ, centre: Callable[[Vec], XY], rad: Num, a: str, b: str) -> Residual:
    """Zero when line ab touches the circle: at its known touching point when it has one."""
    pa, pb = model.point(a), model.point(b)
    t = touching_point(model, circle_key(circ), a, b)
    if t is None:
        return lambda x: [(abs(line_distance(centre(x), pa(x), pb(x))) - rad(x)) / model.scale]
    pt = model.point(t)
    return lambda x: [unit_dot(centre(x), pt(x), pa(x), pb(x))]


def on_line_points(fig: s.Figure, a: str, b: str) -> set[str]:
    """The ends of ab and the points said to lie on it (or on a line through both ends)."""
    line, out = {a, b}, {a, b}
    for r in fig.relations:
        p, g = (r.args + (None, None))[:2]
        if r.name == "on" and isinstance(p, s.Pt) and isinstance(g, (s.Seg, s.Ln, s.Ray)):
            group = {p.name, g.a, g.b}
            if line <= group:
                out |= group
    return out
