"""Drawn tangents: a line through one point of a circle, drawn at a right angle to the radius there.

Evidence for the solver's drawing strategies (used only when the stated facts leave a question free). The lines
looked at are the drawn segments and the arms of the angles the program names (an angle's
arms are drawn even when the diagram lists no segment for them); the touching point may be an
end of the line or a point said to lie on it. The centre is the drawn centre, or, for a
circle whose centre has no drawn position, the centre of the circle through its drawn points.
"""

from __future__ import annotations

import math
from collections.abc import Iterator

from recode_dsl import scene as s
from recode_dsl.geometry.numeric import XY, Model, angle_at, unit_dot
from recode_dsl.geometry.tangent import on_line_points

TANGENT_TOL = math.radians(3.0)
FIT_TOL = 0.02  # the drawn points' largest distance from the fitted circle, relative to its radius


def tangents(model: Model, x: list[float], segs: list[tuple[str, ...]]) -> list[tuple[float, s.Relation]]:
    """(deviation in radians, tangent relation) for each drawn tangent the solution lacks."""
    d, out = model.drawn, []
    lines = sorted(set(segs) | set(_arms(model.fig, d)))
    for key, c in sorted(model.circles.items()):
        centre = drawn_centre(model, key, c)
        if centre is None:
            continue
        on = {p for p, keys in model.on_circle.items() if key in keys}
        now_centre = model.at(x, c.center if c.center is not None else f"@{key}")
        for a, b in lines:
            touching = on_line_points(model.fig, a, b) & on
            if len(touching) != 1:
                continue
            p = touching.pop()
            if p not in d:
                continue
            q = max((a, b), key=lambda n: math.dist(d[n], d[p]))
            dev = abs(angle_at(centre, d[p], d[q]) - math.pi / 2)
            now = abs(unit_dot(now_centre, model.at(x, p), model.at(x, a), model.at(x, b)))
            if dev < TANGENT_TOL and now > 1e-6:
                out.append((dev, s.Relation("tangent", (s.Seg(a, b), c))))
    return out


def drawn_centre(model: Model, key: str, c: s.Circ) -> XY | None:
    """The drawn centre, else the centre of the circle through three or more drawn points of it."""
    d = model.drawn
    if c.center is not None and c.center in d:
        return d[c.center]
    pts = sorted(d[p] for p, keys in model.on_circle.items() if key in keys and p in d)
    if len(pts) < 3:
        return None
    centre = fit_centre(pts)
    if centre is None:
        return None
    radii = [math.dist(centre, p) for p in pts]
    r = sum(radii) / len(radii)
    return centre if max(abs(t - r) for t in radii) <= FIT_TOL * r else None


def centre_seed(model: Model, n: str, known: dict[str, XY]) -> XY | None:
    """A start for an undrawn circle centre: the centre through three or more known points of
    its circle, else the middle of two."""
    keys = [k for k, c in model.circles.items() if (c.center if c.center is not None else f"@{k}") == n]
    for key in keys:
        pts = sorted(known[p] for p, on in model.on_circle.items() if key in on and p in known)
        centre = fit_centre(pts) if len(pts) >= 3 else None
        if centre is not None:
            return centre
        if len(pts) >= 2 and n.startswith("@"):
            return (sum(p[0] for p in pts) / len(pts), sum(p[1] for p in pts) / len(pts))
    return None


def fit_centre(pts: list[XY]) -> XY | None:
    """Least-squares centre of a circle through points (None when they are nearly in line).

    >>> fit_centre([(1.0, 0.0), (0.0, 1.0), (-1.0, 0.0)])
    (0.0, 0.0)
    """
    # |p - c|^2 = r^2 is linear in (cx, cy, r^2 - |c|^2): 2 px cx + 2 py cy + k = px^2 + py^2
    sxx = sxy = syy = sx = sy = sxz = syz = sz = 0.0
    n = float(len(pts))
    for px, py in pts:
        z = px * px + py * py
        sxx, sxy, syy = sxx + px * px, sxy + px * py, syy + py * py
        sx, sy, sz = sx + px, sy + py, sz + z
        sxz, syz = sxz + px * z, syz + py * z
    m = [[2 * sxx, 2 * sxy, sx], [2 * sxy, 2 * syy, sy], [2 * sx, 2 * sy, n]]
    rhs = [sxz, syz, sz]
    det = _det(m)
    scale = max(abs(v) for row in m for v in row)
    if abs(det) <= 1e-9 * scale ** 3:
        return None
    cx = _det([[rhs[i] if j == 0 else m[i][j] for j in range(3)] for i in range(3)]) / det
    cy = _det([[rhs[i] if j == 1 else m[i][j] for j in range(3)] for i in range(3)]) / det
    return cx + 0.0, cy + 0.0


def _det(m: list[list[float]]) -> float:
    return (m[0][0] * (m[1][1] * m[2][2] - m[1][2] * m[2][1]) - m[0][1] * (m[1][0] * m[2][2] - m[1][2] * m[2][0])
            + m[0][2] * (m[1][0] * m[2][1] - m[1][1] * m[2][0]))


def _arms(fig: s.Figure, d: dict[str, XY]) -> Iterator[tuple[str, str]]:
    """The arms of the angles the program names by three drawn points, as sorted pairs."""
    for ang in _angles(fig):
        if ang.vertex is not None and ang.a is not None and ang.b is not None:
            for end in (ang.a, ang.b):
                if end != ang.vertex and end in d and ang.vertex in d:
                    yield min(end, ang.vertex), max(end, ang.vertex)


def _angles(fig: s.Figure) -> Iterator[s.Ang]:
    stack: list[object] = [sh.value for sh in fig.shapes]
    stack += [q.expr for q in fig.queries]
    stack += [e.lhs for e in fig.equations] + [e.rhs for e in fig.equations]
    stack += [a for r in fig.relations for a in r.args]
    while stack:
        g = stack.pop()
        if isinstance(g, s.Ang):
            yield g
        elif isinstance(g, (s.Measure, s.Apply)):
            stack.extend(g.args)
