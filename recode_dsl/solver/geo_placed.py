"""Exact measures of shapes placed by facts: computed from the coordinates, not recognised.

When every point a measure names is given exact coordinates (``point C = (0, 0.001)``), its
length, angle, or a polygon's area or perimeter follows from those coordinates in exact
arithmetic: ``length(A, C)`` is 1/1000 and ``length(B, C)`` is sqrt(1000001)/1000, where the
recogniser of floats (geo_exact, small denominators) would give up and the answer would print
the float. The exact value is kept only when it agrees with the solver's float (the solution
may have moved a point, under a policy that reads coordinates as a drawing).
"""

from __future__ import annotations

import sympy

from recode_dsl import scene as s
from recode_dsl.quantity import exact_expr

AGREE = 1e-9  # relative difference between the exact value and the solver's float

Coords = dict[str, tuple[sympy.Expr, sympy.Expr]]


def exact_measure(m: s.Measure, fig: s.Figure, value: float) -> sympy.Expr | None:
    """The exact value of ``m`` from the figure's stated coordinates when every point it names
    is placed by a fact and the value agrees with ``value``; else None.

    >>> from recode_dsl import compile
    >>> fig = compile("figure\\npoint A = (0, 0), C = (0, 0.001)\\nsegment(A, C)", solve=False).scene
    >>> exact_measure(s.Measure("length", (s.Pt("A"), s.Pt("C"))), fig, 0.001)
    1/1000
    >>> exact_measure(s.Measure("length", (s.Pt("A"), s.Pt("C"))), fig, 0.002) is None
    True
    """
    coords: Coords = {p.name: (exact_expr(p.x), exact_expr(p.y)) for p in fig.points
                      if p.x is not None and p.y is not None and not p.sketch}
    try:
        found = _MEASURES[m.fn](m.args, coords) if m.fn in _MEASURES else []
    except (KeyError, TypeError, ValueError, ArithmeticError):
        return None
    for ex in found:
        try:
            close = abs(float(ex) - value) <= AGREE * max(1.0, abs(value))
        except (TypeError, ValueError, ArithmeticError):
            continue
        if close:
            return ex
    return None


def _dist(a: str, b: str, c: Coords) -> sympy.Expr:
    (xa, ya), (xb, yb) = c[a], c[b]
    return sympy.sqrt((xb - xa) ** 2 + (yb - ya) ** 2)


def _length(args: tuple[s.Geo, ...], c: Coords) -> list[sympy.Expr]:
    g = args[0]
    if isinstance(g, s.Pt) and len(args) == 2 and isinstance(args[1], s.Pt):
        return [_dist(g.name, args[1].name, c)]
    if isinstance(g, (s.Seg, s.Ln, s.Ray)):
        return [_dist(g.a, g.b, c)]
    return []


def _degrees(args: tuple[s.Geo, ...], c: Coords) -> list[sympy.Expr]:
    """The angle a-vertex-b between 0 and 180 degrees, and its reflex and negated forms (the
    solver measures a drawn angle on the side the drawing shows)."""
    g = args[0]
    if not isinstance(g, s.Ang) or g.vertex is None or g.a is None or g.b is None:
        return []
    (xv, yv), (xa, ya), (xb, yb) = c[g.vertex], c[g.a], c[g.b]
    ux, uy, vx, vy = xa - xv, ya - yv, xb - xv, yb - yv
    if (ux == 0 and uy == 0) or (vx == 0 and vy == 0):
        return []
    dot, cross = ux * vx + uy * vy, sympy.Abs(ux * vy - uy * vx)
    if dot == 0:
        turn = sympy.pi / 2
    elif dot > 0:
        turn = sympy.atan(cross / dot)
    else:
        turn = sympy.pi - sympy.atan(cross / -dot)
    deg = turn * 180 / sympy.pi
    return [deg, 360 - deg, -deg]


def _polygon(args: tuple[s.Geo, ...]) -> tuple[str, ...] | None:
    g = args[0]
    return g.vertices if isinstance(g, s.Poly) and len(g.vertices) >= 3 else None


def _area(args: tuple[s.Geo, ...], c: Coords) -> list[sympy.Expr]:
    vs = _polygon(args)
    if vs is None:
        return []
    pts = [c[v] for v in vs]
    n = len(pts)
    twice = sum(pts[i][0] * pts[(i + 1) % n][1] - pts[(i + 1) % n][0] * pts[i][1] for i in range(n))
    return [sympy.Abs(twice) / 2]


def _perimeter(args: tuple[s.Geo, ...], c: Coords) -> list[sympy.Expr]:
    vs = _polygon(args)
    if vs is None:
        return []
    return [sympy.Add(*(_dist(vs[i], vs[(i + 1) % len(vs)], c) for i in range(len(vs))))]


_MEASURES = {"length": _length, "measure": _degrees, "area": _area, "perimeter": _perimeter}
