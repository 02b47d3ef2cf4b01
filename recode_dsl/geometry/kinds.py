"""Polygon kinds as constraints: parallelogram, rectangle, rhombus, square, trapezoid, kite, regular.

Which sides of a trapezoid are parallel, and which sides of a kite are equal, follow the
drawing when the vertex order leaves a choice.
"""

from __future__ import annotations

from collections.abc import Callable

from recode_dsl import scene as s
from recode_dsl.errors import Span
from recode_dsl.geometry.numeric import Model, describe, dist, unit_cross
from recode_dsl.geometry.prims import equal_angles, equal_lengths, parallel, perpendicular, sides


def regular(model: Model, p: s.Poly, span: Span) -> None:
    label = f"regular {describe(p)}"
    equal_lengths(model, label, span, sides(p))
    vs, n = p.vertices, len(p.vertices)
    corners = [(vs[i - 1], vs[i], vs[(i + 1) % n]) for i in range(n)]
    for c in corners[1:]:
        equal_angles(model, label, span, corners[0], c)


KindHandler = Callable[[Model, s.Poly, Span], None]


def trapezoid_pair(model: Model, p: s.Poly) -> int:
    """0 when AB is parallel to DC (the registry's reading), 1 when BC is parallel to AD in the drawing."""
    a, b, c, d = p.vertices
    dr = model.drawn
    if not all(v in dr for v in p.vertices):
        return 0
    ab = abs(unit_cross(dr[a], dr[b], dr[d], dr[c]))
    bc = abs(unit_cross(dr[b], dr[c], dr[a], dr[d]))
    return 1 if bc < ab else 0


def _parallelogram(model: Model, p: s.Poly, span: Span) -> None:
    a, b, c, d = p.vertices
    label = describe(p)
    parallel(model, label, span, (a, b), (d, c))
    parallel(model, label, span, (a, d), (b, c))


def _kind(extra: str) -> KindHandler:
    def handler(model: Model, p: s.Poly, span: Span) -> None:
        _parallelogram(model, p, span)
        a, b, c, d = p.vertices
        if extra in ("square", "rhombus"):
            equal_lengths(model, describe(p), span, [(a, b), (a, d)])
        if extra in ("square", "rectangle"):
            perpendicular(model, describe(p), span, (a, b), (a, d))
    return handler


def _trapezoid(model: Model, p: s.Poly, span: Span) -> None:
    a, b, c, d = p.vertices
    if trapezoid_pair(model, p) == 0:
        parallel(model, describe(p), span, (a, b), (d, c))
    else:
        parallel(model, describe(p), span, (b, c), (a, d))


def _kite(model: Model, p: s.Poly, span: Span) -> None:
    a, b, c, d = p.vertices
    dr, first = model.drawn, [(a, b), (a, d)]
    options = [([(a, b), (a, d)], [(c, b), (c, d)]), ([(b, a), (b, c)], [(d, a), (d, c)])]
    if all(v in dr for v in p.vertices):
        def spread(o: tuple[list[tuple[str, str]], ...]) -> float:
            return sum(abs(dist(dr[x1], dr[y1]) - dist(dr[x2], dr[y2])) for (x1, y1), (x2, y2) in o)
        first = min(options, key=spread)[0]
        options = [o for o in options if o[0] == first]
    for pair in options[0]:
        equal_lengths(model, describe(p), span, pair)


KINDS: dict[str, KindHandler] = {
    "parallelogram": _parallelogram, "rectangle": _kind("rectangle"), "rhombus": _kind("rhombus"),
    "square": _kind("square"), "trapezoid": _trapezoid, "kite": _kite, "regular_polygon": regular,
}
