"""A drawn fact: a point that ends no drawn segment but is drawn on a drawn line lies on it.

Diagram points that name only an arm of an angle (``angle(A, N, Q)`` with A written beside the
line N-J) are drawn on a line without any form saying so. When such a point is drawn within
``NEAR_TOL`` of a drawn segment's line (relative to that segment's length) and beside the
segment (not far past its ends), ``on(A, line(G, J))`` is a candidate for strategies.evidence, tried
only when the stated facts leave a question free.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from recode_dsl import scene as s
from recode_dsl.geometry.numeric import XY, Model, line_distance

NEAR_TOL = 0.02  # distance from the line, relative to the drawn segment's length
BESIDE = 0.1  # how far past a segment's ends (as a share of its length) a point may be


def near_lines(model: Model, x: list[float], segs: Sequence[tuple[str, ...]]) -> list[tuple[float, s.Relation]]:
    """(closeness, ``on(P, line(A, B))``) for each loose drawn point drawn on a drawn segment's line."""
    d, out = model.drawn, []
    for p in sorted(_loose(model.fig, segs)):
        if p not in d:
            continue
        for a, b in segs:
            if p in (a, b) or a not in d or b not in d:
                continue
            span = math.dist(d[a], d[b])
            dev = abs(line_distance(d[p], d[a], d[b])) / max(span, 1e-9)
            now = abs(line_distance(model.at(x, p), model.at(x, a), model.at(x, b)))
            if dev < NEAR_TOL and _beside(d[p], d[a], d[b]) and now > 1e-6 * model.scale:
                out.append((dev, s.Relation("on", (s.Pt(p), s.Ln(a, b)))))
    return out


def _loose(fig: s.Figure, segs: Sequence[tuple[str, ...]]) -> set[str]:
    """Points that end no drawn segment, are no polygon's or circle's point and that no
    ``on`` statement places."""
    tied = {p for seg in segs for p in seg}
    for sh in fig.shapes:
        if isinstance(sh.value, s.Circ) and sh.value.center is not None:
            tied.add(sh.value.center)
    for r in fig.relations:
        if r.name in ("on", "midpoint", "intersect") or any(isinstance(g, (s.Circ, s.Arc)) for g in r.args):
            tied.update(g.name for g in r.args if isinstance(g, s.Pt))
    return {p.name for p in fig.points} - tied


def _beside(p: XY, a: XY, b: XY) -> bool:
    ux, uy = b[0] - a[0], b[1] - a[1]
    t = ((p[0] - a[0]) * ux + (p[1] - a[1]) * uy) / max(ux * ux + uy * uy, 1e-12)
    return -BESIDE <= t <= 1 + BESIDE
