"""Where a point with no drawn position lies, when it only names an arm of an angle.

A diagram names an angle at a vertex V by a point on each arm; when one arm's point has no
position (``angle(F, H, G, label=1)`` with G undrawn), the arm is one of the drawn lines
through V. The candidates are the drawn rays from V other than the known arm and its
extension; a ray that would make the angle another labelled angle at V is left out (labelled
angles at a vertex are different angles). Each candidate renames the point to a drawn point
on that ray.
"""

from __future__ import annotations

import math
from dataclasses import fields, is_dataclass, replace
from typing import Any

from recode_dsl import scene as s

_GEO = (s.Pt, s.Seg, s.Ln, s.Ray, s.Circ, s.Arc, s.Ang, s.Poly, s.Sector)
_SAME_RAY = math.radians(2.0)


def placements(figure: s.Figure) -> list[s.Figure]:
    """Figures with one undrawn angle-arm point moved onto each candidate drawn ray (may be empty)."""
    drawn = {p.name: (float(p.x), float(p.y)) for p in figure.points if p.x is not None and p.y is not None}
    undrawn = [p.name for p in figure.points if p.x is None or p.y is None]
    lines = _lines(figure)
    angles = [sh.value for sh in figure.shapes if isinstance(sh.value, s.Ang)]
    for name in undrawn:
        uses = _uses(figure, name)
        arms = [a for a in _all_angles(figure) if name in (a.a, a.b)]
        if not arms or uses != len(arms):
            continue  # named elsewhere too, or not in a drawn angle
        ang = arms[0]
        v, other = ang.vertex, (ang.b if ang.a == name else ang.a)
        if v not in drawn or other not in drawn or any((a.vertex, {a.a, a.b} - {name}) != (v, {other}) for a in arms):
            continue
        rays = _rays(v, drawn, lines)
        known = _direction(drawn[v], drawn[other])
        taken = [{_direction(drawn[v], drawn[a.a]), _direction(drawn[v], drawn[a.b])} for a in angles
                 if a.vertex == v and a.label is not None and a.a in drawn and a.b in drawn]
        found = []
        for d, x in rays:
            if _same(d, known) or _same(d, known + math.pi):
                continue
            if any(any(_same(t, known) for t in pair) and any(_same(t, d) for t in pair) for pair in taken):
                continue
            found.append(_renamed(figure, name, x))
        return found
    return []


def _uses(figure: s.Figure, name: str) -> int:
    """How many geometry values mention the point (counting each angle once)."""
    count = 0
    for sh in figure.shapes:
        count += _mentions(sh.value, name)
    for r in figure.relations:
        count += sum(_mentions(a, name) for a in r.args)
    for e in figure.equations:
        count += _mentions(e.lhs, name) + _mentions(e.rhs, name)
    for q in figure.queries:
        count += _mentions(q.expr, name)
    return count


def _all_angles(figure: s.Figure) -> list[s.Ang]:
    """Every angle the figure names: drawn, in a statement, in an equation or in a question."""
    found: list[s.Ang] = []
    for v in (*[sh.value for sh in figure.shapes], *[a for r in figure.relations for a in r.args],
              *[side for e in figure.equations for side in (e.lhs, e.rhs)], *[q.expr for q in figure.queries]):
        _collect_angles(v, found)
    return found


def _collect_angles(v: Any, found: list[s.Ang]) -> None:
    if isinstance(v, s.Ang):
        found.append(v)
    elif is_dataclass(v) and not isinstance(v, type):
        for f in fields(v):
            _collect_angles(getattr(v, f.name), found)
    elif isinstance(v, tuple):
        for u in v:
            _collect_angles(u, found)


def _mentions(v: Any, name: str) -> int:
    if isinstance(v, s.Ang):
        return int(name in (v.vertex, v.a, v.b))
    if isinstance(v, _GEO):
        return int(any(getattr(v, f.name) == name or (isinstance(getattr(v, f.name), tuple)
                                                         and name in getattr(v, f.name)) for f in fields(v)))
    if is_dataclass(v) and not isinstance(v, type):
        return sum(_mentions(getattr(v, f.name), name) for f in fields(v))
    if isinstance(v, tuple):
        return sum(_mentions(u, name) for u in v)
    return 0


def _lines(figure: s.Figure) -> list[set[str]]:
    """Drawn lines as point sets: each drawn segment with the points stated on it."""
    out: dict[tuple[str, str], set[str]] = {}
    for sh in figure.shapes:
        if isinstance(sh.value, s.Seg):
            out.setdefault((sh.value.a, sh.value.b), {sh.value.a, sh.value.b})
    for r in figure.relations:
        if r.name == "on" and len(r.args) == 2 and isinstance(r.args[0], s.Pt) and isinstance(r.args[1], s.Seg):
            seg = r.args[1]
            out.setdefault((seg.a, seg.b), {seg.a, seg.b}).add(r.args[0].name)
    return list(out.values())


def _rays(v: str, drawn: dict[str, tuple[float, float]], lines: list[set[str]]) -> list[tuple[float, str]]:
    """One drawn point per direction from v along the lines through v, nearest first."""
    pts = sorted({p for ln in lines if v in ln for p in ln if p != v and p in drawn},
                 key=lambda p: (math.dist(drawn[v], drawn[p]), p))
    rays: list[tuple[float, str]] = []
    for p in pts:
        if math.dist(drawn[v], drawn[p]) < 1e-9:
            continue
        d = _direction(drawn[v], drawn[p])
        if not any(_same(d, e) for e, _ in rays):
            rays.append((d, p))
    return rays


def _direction(a: tuple[float, float], b: tuple[float, float]) -> float:
    return math.atan2(b[1] - a[1], b[0] - a[0])


def _same(d: float, e: float) -> bool:
    diff = (d - e) % (2 * math.pi)
    return min(diff, 2 * math.pi - diff) < _SAME_RAY


def _renamed(figure: s.Figure, old: str, new: str) -> s.Figure:
    return replace(figure, points=tuple(p for p in figure.points if p.name != old),
                   shapes=tuple(replace(sh, value=_rename(sh.value, old, new)) for sh in figure.shapes),
                   relations=tuple(replace(r, args=_rename(r.args, old, new)) for r in figure.relations),
                   equations=tuple(replace(e, lhs=_rename(e.lhs, old, new), rhs=_rename(e.rhs, old, new))
                                   for e in figure.equations),
                   queries=tuple(replace(q, expr=_rename(q.expr, old, new)) for q in figure.queries))


def _rename(v: Any, old: str, new: str) -> Any:
    """The value with point ``old`` called ``new`` inside geometry values only."""
    if isinstance(v, tuple):
        return tuple(_rename(u, old, new) for u in v)
    if isinstance(v, _GEO):
        changes = {f.name: _swap(getattr(v, f.name), old, new) for f in fields(v)}
        return replace(v, **changes)
    if is_dataclass(v) and not isinstance(v, type):
        return replace(v, **{f.name: _rename(getattr(v, f.name), old, new) for f in fields(v)})
    return v


def _swap(v: Any, old: str, new: str) -> Any:
    if v == old:
        return new
    if isinstance(v, tuple):
        return tuple(new if u == old else u for u in v)
    return v
