"""Polygons whose vertex order crosses itself in the drawing, read in the drawing's order.

A square or parallelogram listed as E, F, B, D when the drawing shows E, F, D, B cannot hold as
written (a crossed parallelogram is flat); the drawing says which polygon is meant. Vertex
order inside ``similar`` and ``congruent`` is a correspondence and is left alone.
"""

from __future__ import annotations

import math
from dataclasses import replace
from typing import Any, TypeVar

from recode_dsl import scene as s

XY = tuple[float, float]
T = TypeVar("T")
_KEEP_ORDER = ("similar", "congruent")


def untangle(fig: s.Figure) -> s.Figure:
    """The figure with every self-crossing drawn polygon put in its drawn order.

    >>> fig = s.Figure(None, tuple(s.Point(n, x, y) for n, x, y in
    ...     (("E", 0, 1), ("F", 1, 1), ("B", 0, 0), ("D", 1, 0))), (), (), (), (s.Query(
    ...     s.Measure("area", (s.Poly("parallelogram", ("E", "F", "B", "D")),)), "area"),))
    >>> untangle(fig).queries[0].expr.args[0].vertices
    ('E', 'F', 'D', 'B')
    """
    drawn = {p.name: (float(p.x), float(p.y)) for p in fig.points if p.x is not None and p.y is not None}
    if len(drawn) < 4:
        return fig
    relations = tuple(r if r.name in _KEEP_ORDER else replace(r, args=_fix(r.args, drawn)) for r in fig.relations)
    return replace(fig, shapes=tuple(replace(sh, value=_fix(sh.value, drawn)) for sh in fig.shapes),
                   relations=relations,
                   equations=tuple(replace(e, lhs=_fix(e.lhs, drawn), rhs=_fix(e.rhs, drawn)) for e in fig.equations),
                   queries=tuple(replace(q, expr=_fix(q.expr, drawn)) for q in fig.queries))


def _fix(node: Any, drawn: dict[str, XY]) -> Any:
    if isinstance(node, tuple):
        return tuple(_fix(n, drawn) for n in node)
    if isinstance(node, s.Poly):
        return _simple(node, drawn)
    if isinstance(node, s.RegionOp):
        return replace(node, left=_fix(node.left, drawn), right=_fix(node.right, drawn))
    if isinstance(node, (s.Measure, s.Apply)):
        return replace(node, args=_fix(node.args, drawn))
    return node


def _simple(p: s.Poly, drawn: dict[str, XY]) -> s.Poly:
    vs = p.vertices
    if len(vs) < 4 or len(set(vs)) != len(vs) or not all(v in drawn for v in vs):
        return p
    pts = [drawn[v] for v in vs]
    if not _crosses(pts):
        return p
    cx, cy = sum(x for x, _ in pts) / len(pts), sum(y for _, y in pts) / len(pts)
    ring = sorted(vs, key=lambda v: math.atan2(drawn[v][1] - cy, drawn[v][0] - cx))
    k = ring.index(vs[0])
    ring = ring[k:] + ring[:k]
    if ring[-1] == vs[1]:
        ring = [ring[0], *reversed(ring[1:])]
    return s.Poly(p.kind, tuple(ring))


def _crosses(pts: list[XY]) -> bool:
    n = len(pts)
    edges = [(pts[i], pts[(i + 1) % n]) for i in range(n)]
    for i in range(n):
        for j in range(i + 2, n):
            if i == 0 and j == n - 1:
                continue
            if _proper(*edges[i], *edges[j]):
                return True
    return False


def _proper(a: XY, b: XY, c: XY, d: XY) -> bool:
    def orient(p: XY, q: XY, r: XY) -> float:
        return (q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0])
    return orient(a, b, c) * orient(a, b, d) < 0 and orient(c, d, a) * orient(c, d, b) < 0
