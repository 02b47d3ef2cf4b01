"""Facts the drawing shows but the program does not say: right angles, parallels, tangents,
points on lines and on circles.

When a query is not fixed by the constraints of a drawn figure, the solver may try one of
these in turn (closest to exact first) and keep the first that fixes every query; the answer
then carries a warning naming the assumption.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from itertools import combinations

from recode_dsl import scene as s
from recode_dsl.geometry import touch as geo_touch
from recode_dsl.geometry.numeric import Model, angle_at, line_distance, unit_cross, unit_dot
from recode_dsl.solver.strategies.nearline import near_lines

RIGHT_TOL = math.radians(2.0)
STRAIGHT_TOL = math.radians(2.0)
FOOT_TOL = 0.15  # distance of a perpendicular's end from the other line, relative to that line's drawn length
ROUND_TOL = 0.02  # relative difference of a drawn point's distance from a centre and the radius
EQUAL_TOL = 0.02  # relative difference of two drawn lengths (tick marks the program lacks)
PARALLEL_TOL = math.radians(1.5)
MAX_TRIES = 6
MAX_BUNDLE = 12


def candidates(model: Model, x: list[float], limit: int = MAX_TRIES) -> list[s.Relation]:
    """Perpendiculars and parallels of drawn segments that the current solution lacks."""
    d = model.drawn
    segs = sorted({tuple(sorted(p)) for p in _segments(model.fig) if p[0] in d and p[1] in d and p[0] != p[1]})
    found: list[tuple[float, s.Relation]] = []
    for (a, b), (c, e) in combinations(segs, 2):
        shared = {a, b} & {c, e}
        if len(shared) == 1:
            v = shared.pop()
            p, q = (b if a == v else a), (e if c == v else c)
            dev = abs(angle_at(d[p], d[v], d[q]) - math.pi / 2)
            if dev < RIGHT_TOL and abs(unit_dot(model.at(x, v), model.at(x, p), model.at(x, v),
                                                model.at(x, q))) > 1e-6:
                found.append((dev, s.Relation("perpendicular", (s.Seg(v, p), s.Seg(v, q)))))
        elif not shared and _touch(model.fig, (a, b), (c, e)):
            dev = abs(math.acos(max(-1.0, min(1.0, abs(unit_dot(d[a], d[b], d[c], d[e]))))) - math.pi / 2)
            if dev < RIGHT_TOL and abs(unit_dot(model.at(x, a), model.at(x, b), model.at(x, c),
                                                model.at(x, e))) > 1e-6:
                found.append((dev, s.Relation("perpendicular", (s.Seg(a, b), s.Seg(c, e)))))
        elif not shared:
            dev = abs(math.asin(max(-1.0, min(1.0, unit_cross(d[a], d[b], d[c], d[e])))))
            if dev < PARALLEL_TOL and not _collinear(d, a, b, c) and abs(
                    unit_cross(model.at(x, a), model.at(x, b), model.at(x, c), model.at(x, e))) > 1e-6:
                found.append((dev, s.Relation("parallel", (s.Seg(a, b), s.Seg(c, e)))))
    found += geo_touch.tangents(model, x, segs)
    found += _straight(model, x, segs)
    found += _round(model, x)
    found += _feet(model, x)
    found += _equal(model, x, segs)
    found += near_lines(model, x, segs)
    found.sort(key=lambda t: t[0])
    return [r for _, r in found[:limit]]


def _joined(segs: list[tuple[str, ...]]) -> Iterator[tuple[str, str, str]]:
    """Pairs of segments with exactly one end in common, as (far end, common end, far end)."""
    for (a, b), (c, e) in combinations(segs, 2):
        shared = {a, b} & {c, e}
        if len(shared) == 1:
            v = shared.pop()
            yield (b if a == v else a), v, (e if c == v else c)


def _straight(model: Model, x: list[float], segs: list[tuple[str, ...]]) -> list[tuple[float, s.Relation]]:
    """Two drawn segments meeting at a point in a straight line: the point lies on the longer one."""
    d, out = model.drawn, []
    for p, v, q in _joined(segs):
        dev = math.pi - angle_at(d[p], d[v], d[q])
        now = math.pi - angle_at(model.at(x, p), model.at(x, v), model.at(x, q))
        if dev < STRAIGHT_TOL and now > 1e-6:
            out.append((dev, s.Relation("on", (s.Pt(v), s.Seg(p, q)))))
    return out


def _feet(model: Model, x: list[float]) -> list[tuple[float, s.Relation]]:
    """A segment said to be perpendicular to a line, with no end on it, ends on it (its foot)."""
    d, out = model.drawn, []
    for r in model.fig.relations:
        if r.name != "perpendicular" or not all(isinstance(g, (s.Seg, s.Ln)) for g in r.args):
            continue
        g, h = r.args
        assert isinstance(g, (s.Seg, s.Ln)) and isinstance(h, (s.Seg, s.Ln))
        for u, v in ((g, h), (h, g)):
            if {u.a, u.b} & {v.a, v.b} or not all(n in d for n in (u.a, u.b, v.a, v.b)):
                continue
            span = math.dist(d[v.a], d[v.b])
            for q in (u.a, u.b):
                dev = abs(line_distance(d[q], d[v.a], d[v.b])) / max(span, 1e-9)
                now = abs(line_distance(model.at(x, q), model.at(x, v.a), model.at(x, v.b)))
                if dev < FOOT_TOL and now > 1e-6 * model.scale:
                    out.append((dev, s.Relation("on", (s.Pt(q), s.Ln(v.a, v.b)))))
    return out


def _equal(model: Model, x: list[float], segs: list[tuple[str, ...]]) -> list[tuple[float, s.Relation]]:
    """Two drawn segments from one point, of one drawn length: a midpoint when they are in
    line, else an isosceles triangle."""
    d, out = model.drawn, []
    for p, v, q in _joined(segs):
        la, lb = math.dist(d[v], d[p]), math.dist(d[v], d[q])
        dev = abs(la - lb) / max(la, lb, 1e-9)
        now_a = math.dist(model.at(x, v), model.at(x, p))
        now_b = math.dist(model.at(x, v), model.at(x, q))
        if dev >= EQUAL_TOL or abs(now_a - now_b) <= 1e-6 * max(now_a, now_b, 1e-9):
            continue
        if math.pi - angle_at(d[p], d[v], d[q]) < STRAIGHT_TOL:
            out.append((dev, s.Relation("midpoint", (s.Pt(v), s.Seg(p, q)))))
        else:
            out.append((dev, s.Relation("isosceles", (s.Poly("triangle", (v, p, q)),))))
    return out


def _round(model: Model, x: list[float]) -> list[tuple[float, s.Relation]]:
    """A drawn point as far from a circle's centre as the circle's drawn points lies on it."""
    d, out = model.drawn, []
    for key, c in sorted(model.circles.items()):
        if c.center is None or c.center not in d:
            continue
        on = [p for p, keys in model.on_circle.items() if key in keys and p in d]
        if not on:
            continue
        r = sum(math.dist(d[c.center], d[p]) for p in on) / len(on)
        ri = model.slots[f"r:{key}"]
        for p in sorted(d):
            if p in on or p == c.center or r < 1e-9:
                continue
            dev = abs(math.dist(d[c.center], d[p]) - r) / r
            now = abs(math.dist(model.at(x, c.center), model.at(x, p)) - x[ri]) / max(abs(x[ri]), 1e-9)
            if dev < ROUND_TOL and now > 1e-6:
                out.append((dev, s.Relation("on", (s.Pt(p), c))))
    return out


def _segments(fig: s.Figure) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    for sh in fig.shapes:
        g = sh.value
        if isinstance(g, s.Seg):
            out.append((g.a, g.b))
        elif isinstance(g, s.Poly):
            vs = g.vertices
            out += [(vs[i], vs[(i + 1) % len(vs)]) for i in range(len(vs))]
    return out


def _touch(fig: s.Figure, s1: tuple[str, str], s2: tuple[str, str]) -> bool:
    """Whether an end of one segment is said to lie on the other."""
    for r in fig.relations:
        if r.name == "on" and isinstance(r.args[0], s.Pt) and isinstance(r.args[1], (s.Seg, s.Ln)):
            p, line = r.args[0].name, {r.args[1].a, r.args[1].b}
            if (p in s1 and line == set(s2)) or (p in s2 and line == set(s1)):
                return True
    return False


def _collinear(d: dict[str, tuple[float, float]], a: str, b: str, c: str) -> bool:
    return abs(unit_cross(d[a], d[b], d[a], d[c])) < 0.05
