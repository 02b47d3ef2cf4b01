"""What a problem's text leaves to the figure: the shapes it names without their points.

The text reader (``textforms``) writes ``Sector($)``, ``Parallelogram($)``, "the altitude drawn
to the hypotenuse" or "the hypotenuse of the right triangle" when the text does not name the
points; here they are found in the record's diagram (positions, drawn segments, the points the
diagram forms put on lines and circles). Each is named only when the figure holds exactly one
such thing; otherwise the form is left as it was (or dropped, for a question it cannot ask).
Positions (floats) only choose among the named points: they are never written as facts.
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from recode_dsl.interop.geometry3k import pattern as pt
from recode_dsl.interop.geometry3k.geom import merge_lines
from recode_dsl.interop.geometry3k.parse import Call, Form, Node, Num, read, unparse
from recode_dsl.interop.geometry3k.tolerance import ON_SEGMENT

XY = tuple[float, float]
PARALLEL_DEG = 2.5  # sides drawn parallel to within this
SQUARE_DEG = 4.0  # corners drawn square to within this
EQUAL_SIDES = 0.08  # sides drawn equal to within this share
CORNER_DEG = 8.0  # a corner turns at least this much (less: a point drawn on a side)


@dataclass
class Figure:
    """A record's diagram: named positions, drawn segments, lines (points in line), circles."""

    xy: dict[str, XY]
    segments: list[tuple[str, str]]
    lines: list[set[str]] = field(default_factory=list)
    on_circle: dict[str, set[str]] = field(default_factory=dict)
    centres: list[str] = field(default_factory=list)

    def joined(self, a: str, b: str) -> bool:
        """a and b lie on one drawn line."""
        return any(a in ln and b in ln for ln in self.lines)

    def drawn(self, a: str, b: str) -> bool:
        """The segment ab is drawn (as a segment, or as a piece of a drawn line)."""
        return (a, b) in self.segments or (b, a) in self.segments or self.joined(a, b)


def figure_of(record: Mapping[str, object]) -> Figure:
    """The diagram of a record (points at (-1, -1) have no position)."""
    pos = record.get("point_positions")
    xy: dict[str, XY] = {}
    if isinstance(pos, dict):
        for k, v in pos.items():
            if isinstance(v, (list, tuple)) and len(v) == 2 and list(v) != [-1, -1]:
                try:
                    xy[str(k)] = (float(v[0]), float(v[1]))
                except (TypeError, ValueError):
                    continue
    raw = record.get("line_instances")
    segments = []
    for s in raw if isinstance(raw, list) else []:
        ends = split_names(str(s).strip())
        if ends is not None and len(ends) == 2 and ends[0] != ends[1]:
            segments.append((ends[0], ends[1]))
    groups: list[set[str]] = [set(s) for s in segments]
    on_circle: dict[str, set[str]] = {}
    for form in diagram_forms(record):
        call = pt.head(form)
        if call is None:
            continue
        if (on := pt.on_line(call)) is not None and len(call.args) == 2:
            groups.append(set(on))
        elif (round_ := pt.on_circle(call)) is not None and len(call.args) == 2:
            on_circle.setdefault(round_[1], set()).add(round_[0])
    for a, b in segments:  # a point drawn on a segment, to the pixel
        if a in xy and b in xy:
            for p, q in xy.items():
                if p not in (a, b) and _between(q, xy[a], xy[b]):
                    groups.append({a, b, p})
    centres = record.get("circle_instances")
    return Figure(xy, segments, merge_lines(groups), on_circle,
                  [str(c) for c in centres] if isinstance(centres, list) else [])


def split_names(text: str) -> tuple[str, ...] | None:
    """A drawn segment's point names: letters with primes (``"A'B"``) or, for points a figure
    read from pixels leaves unnamed, with numbers (``"P1P12"``); None for anything else.

    >>> split_names("A'B"), split_names("P1P12"), split_names("Ab")
    (("A'", 'B'), ('P1', 'P12'), None)
    """
    if not re.fullmatch(r"(?:[A-Z]'*\d*)+", text):
        return None
    return tuple(re.findall(r"[A-Z]'*\d*", text))


def _between(p: XY, a: XY, b: XY) -> bool:
    n = math.dist(a, b)
    if n == 0:
        return False
    t = ((p[0] - a[0]) * (b[0] - a[0]) + (p[1] - a[1]) * (b[1] - a[1])) / n ** 2
    gap = abs((b[0] - a[0]) * (a[1] - p[1]) - (a[0] - p[0]) * (b[1] - a[1])) / n
    return 0 < t < 1 and gap <= ON_SEGMENT * n


def _angle(a: XY, v: XY, b: XY) -> float:
    """The angle avb in degrees."""
    u = (a[0] - v[0], a[1] - v[1])
    w = (b[0] - v[0], b[1] - v[1])
    nu, nw = math.hypot(*u), math.hypot(*w)
    if nu == 0 or nw == 0:
        return 0.0
    c = max(-1.0, min(1.0, (u[0] * w[0] + u[1] * w[1]) / (nu * nw)))
    return math.degrees(math.acos(c))


def _turn(a: XY, b: XY, c: XY, d: XY) -> float:
    """The angle between lines ab and cd, 0..90 degrees."""
    t = abs(math.degrees(math.atan2(b[1] - a[1], b[0] - a[0]) - math.atan2(d[1] - c[1], d[0] - c[0]))) % 180
    return min(t, 180 - t)


def polygons(fig: Figure, n: int, missing: int = 0) -> list[tuple[str, ...]]:
    """The n-gons drawn in the figure: corners joined in turn by drawn lines, each a real corner,
    the sides not crossing; each once (as a set of corners). With ``missing``, up to that many
    sides may be undrawn (a side the reading lost).

    >>> fig = figure_of({"point_positions": {"A": [0, 0], "B": [4, 0], "C": [4, 3], "D": [2, 0]},
    ...                  "line_instances": ["AB", "BC", "CA", "CD"]})
    >>> sorted(sorted(p) for p in polygons(fig, 3))
    [['A', 'B', 'C'], ['A', 'C', 'D'], ['B', 'C', 'D']]
    """
    names = sorted(fig.xy)
    if len(names) > 14:
        return []
    seen: set[frozenset[str]] = set()
    out: list[tuple[str, ...]] = []
    for first in names:
        for rest in itertools.permutations([p for p in names if p > first], n - 1):
            ring = (first, *rest)
            if frozenset(ring) in seen:
                continue
            if sum(not fig.drawn(ring[i], ring[(i + 1) % n]) for i in range(n)) > missing:
                continue
            if not all(CORNER_DEG <= _angle(fig.xy[ring[i - 1]], fig.xy[ring[i]], fig.xy[ring[(i + 1) % n]])
                       <= 180 - CORNER_DEG for i in range(n)):
                continue
            if n > 3 and not _simple([fig.xy[p] for p in ring]):
                continue
            seen.add(frozenset(ring))
            out.append(ring)
    return out


def _simple(ring: list[XY]) -> bool:
    from shapely.geometry import Polygon

    return bool(Polygon(ring).is_valid)


def fits(kind: str, xy: list[XY]) -> bool:
    """The corners are drawn as a ``kind`` (Triangle, Parallelogram, Rectangle, ...) to the eye.

    >>> fits("Parallelogram", [(0, 0), (4, 0), (5, 3), (1, 3)]), fits("Rectangle", [(0, 0), (4, 0), (5, 3), (1, 3)])
    (True, False)
    """
    n = len(xy)
    if kind == "Triangle":
        return n == 3
    if n != 4:
        return False
    side = [math.dist(xy[i], xy[(i + 1) % 4]) for i in range(4)]
    par = [_turn(xy[i], xy[i + 1], xy[(i + 3) % 4], xy[(i + 2) % 4]) <= PARALLEL_DEG for i in (0, 1)]
    square = all(abs(_angle(xy[i - 1], xy[i], xy[(i + 1) % 4]) - 90) <= SQUARE_DEG for i in range(4))
    equal = max(side) <= (1 + EQUAL_SIDES) * min(side)
    kite = any(abs(side[i] - side[i + 1]) <= EQUAL_SIDES * side[i] and
               abs(side[i + 2] - side[(i + 3) % 4]) <= EQUAL_SIDES * side[i + 2] for i in (0, 1))
    return {"Quadrilateral": True, "Parallelogram": all(par), "Rectangle": all(par) and square,
            "Rhombus": all(par) and equal, "Square": all(par) and square and equal,
            "Trapezoid": par[0] != par[1], "Kite": kite and not all(par)}.get(kind, False)


def the_polygon(fig: Figure, kind: str) -> tuple[str, ...] | None:
    """The one polygon of the figure drawn as a ``kind``, or None (none, or more than one)."""
    n = 3 if kind == "Triangle" else 4
    found = [p for p in polygons(fig, n) if fits(kind, [fig.xy[c] for c in p])]
    if not found and n == 4 and len(fig.xy) <= 8:
        # one side undrawn (lost by the reading): the four corners still make the kind the text names
        found = [p for p in polygons(fig, n, missing=1) if fits(kind, [fig.xy[c] for c in p])]
    return found[0] if len(found) == 1 else None


def the_sector(fig: Figure) -> tuple[str, str, str] | None:
    """(end, centre, end) of the one sector drawn: two radii of a drawn circle to points on it
    (or, with no circle drawn, two drawn segments of equal length from one point); None otherwise.

    >>> fig = figure_of({"point_positions": {"O": [0, 0], "A": [5, 0], "B": [0, 5]}, "line_instances": ["OA", "OB"],
    ...                  "circle_instances": ["O"], "diagram_logic_forms": ["PointLiesOnCircle(A, Circle(O, r))",
    ...                                                                     "PointLiesOnCircle(B, Circle(O, r))"]})
    >>> the_sector(fig)
    ('A', 'O', 'B')
    """
    found: list[tuple[str, str, str]] = []
    if fig.centres:
        for c in fig.centres:
            on = fig.on_circle.get(c, set())
            radii = [math.dist(fig.xy[c], fig.xy[p]) for p in on if c in fig.xy and p in fig.xy]
            ends = sorted(p for p in fig.xy if p != c and fig.drawn(c, p) and (p in on or any(
                abs(math.dist(fig.xy[c], fig.xy[p]) - r) <= 0.05 * r for r in radii)))
            if len(ends) == 2:
                found.append((ends[0], c, ends[1]))
            elif len(ends) > 2:
                return None
    else:
        for c in sorted(fig.xy):
            ends = sorted(p for p in fig.xy if p != c and fig.drawn(c, p))
            for a, b in itertools.combinations(ends, 2):
                ra, rb = math.dist(fig.xy[c], fig.xy[a]), math.dist(fig.xy[c], fig.xy[b])
                if min(ra, rb) > 0 and abs(ra - rb) <= 0.05 * max(ra, rb) \
                        and not any({a, b, c} <= ln for ln in fig.lines):
                    found.append((a, c, b))
    return found[0] if len(found) == 1 else None


def shaded_sector(record: Mapping[str, object]) -> str | None:
    """The one sector the diagram forms state shaded, as a form (``Sector(A,O,B)``, or
    ``Major(Sector(A,O,B))`` for the sector over the major arc), or None (none, or more than one).

    >>> shaded_sector({"diagram_logic_forms": ["Shaded(Major(Sector(J, K, L)))"]})
    'Major(Sector(J,K,L))'
    >>> shaded_sector({"diagram_logic_forms": ["Shaded(Sector(J, K, L))", "Shaded(Sector(A, K, B))"]}) is None
    True
    """
    found: list[str] = []
    for f in diagram_forms(record):
        if len(f.terms) != 1:
            continue
        term = f.terms[0]
        if not isinstance(term, Call) or term.name != "Shaded" or len(term.args) != 1:
            continue
        inner = term.args[0]
        major = isinstance(inner, Call) and inner.name == "Major" and len(inner.args) == 1
        pts = pt.args_of(inner.args[0] if major and isinstance(inner, Call) else inner, "Sector", 3)
        if pts is not None:
            sector = f"Sector({','.join(pts)})"
            found.append(f"Major({sector})" if major else sector)
    return found[0] if len(found) == 1 else None


def altitude_to_hypotenuse(fig: Figure) -> tuple[str, str, str, str] | None:
    """(vertex, foot, end, end) of the one altitude drawn from a right angle to the hypotenuse
    (between the hypotenuse's ends), or None.

    >>> fig = figure_of({"point_positions": {"A": [0, 0], "B": [0, 4], "C": [3, 0], "D": [1.92, 1.44]},
    ...                  "line_instances": ["AB", "AC", "BC", "AD"],
    ...                  "diagram_logic_forms": ["PointLiesOnLine(D, Line(B, C))"]})
    >>> altitude_to_hypotenuse(fig)
    ('A', 'D', 'B', 'C')
    """
    found: set[tuple[str, str, str, str]] = set()
    for tri in polygons(fig, 3):
        for k in range(3):
            v, a, b = tri[k], tri[(k + 1) % 3], tri[(k + 2) % 3]
            if abs(_angle(fig.xy[a], fig.xy[v], fig.xy[b]) - 90) > SQUARE_DEG:
                continue
            for d in fig.xy:
                if d in tri or not any({a, b, d} <= ln for ln in fig.lines) or not fig.drawn(v, d):
                    continue
                if _between(fig.xy[d], fig.xy[a], fig.xy[b]) or _on(fig, d, a, b):
                    if abs(_turn(fig.xy[v], fig.xy[d], fig.xy[a], fig.xy[b]) - 90) <= SQUARE_DEG:
                        found.add((v, d, min(a, b), max(a, b)))
    return next(iter(found)) if len(found) == 1 else None


def _on(fig: Figure, d: str, a: str, b: str) -> bool:
    """d lies between a and b on their line (to the line's tolerance)."""
    pa, pb, pd = fig.xy[a], fig.xy[b], fig.xy[d]
    n = math.dist(pa, pb)
    t = ((pd[0] - pa[0]) * (pb[0] - pa[0]) + (pd[1] - pa[1]) * (pb[1] - pa[1])) / n ** 2 if n else -1
    return 0 < t < 1


def hypotenuse(fig: Figure) -> tuple[str, str] | None:
    """The hypotenuse of the one right triangle drawn, or None.

    >>> hypotenuse(figure_of({"point_positions": {"A": [0, 0], "B": [0, 4], "C": [3, 0]},
    ...                       "line_instances": ["AB", "AC", "BC"]}))
    ('B', 'C')
    """
    found: set[tuple[str, str]] = set()
    for tri in polygons(fig, 3):
        for k in range(3):
            v, a, b = tri[k], tri[(k + 1) % 3], tri[(k + 2) % 3]
            if abs(_angle(fig.xy[a], fig.xy[v], fig.xy[b]) - 90) <= SQUARE_DEG:
                found.add((min(a, b), max(a, b)))
    return next(iter(found)) if len(found) == 1 else None


_NAMES_BY_SIZE = {3: "Triangle", 4: "Quadrilateral", 5: "Pentagon", 6: "Hexagon"}


def _cycles(record: Mapping[str, object]) -> list[tuple[str, ...]]:
    """The drawn segments' connected pieces that are one closed ring each (every point on two
    segments), as rings of point names; positions are not needed."""
    raw = record.get("line_instances")
    nbrs: dict[str, set[str]] = {}
    for s in raw if isinstance(raw, list) else []:
        ends = split_names(str(s).strip())
        if ends is not None and len(ends) == 2 and ends[0] != ends[1]:
            nbrs.setdefault(ends[0], set()).add(ends[1])
            nbrs.setdefault(ends[1], set()).add(ends[0])
    out: list[tuple[str, ...]] = []
    seen: set[str] = set()
    for start in sorted(nbrs):
        if start in seen:
            continue
        piece, todo = {start}, [start]
        while todo:
            for q in nbrs[todo.pop()] - piece:
                piece.add(q)
                todo.append(q)
        seen |= piece
        if not all(len(nbrs[p]) == 2 for p in piece):
            continue
        ring = [start, min(nbrs[start])]
        while len(ring) < len(piece):
            ring.append(next(iter(nbrs[ring[-1]] - {ring[-2]})))
        if ring[0] in nbrs[ring[-1]]:
            out.append(tuple(ring))
    return out


_SHAPES = frozenset(("Triangle", "Quadrilateral", "Pentagon", "Hexagon", "Parallelogram", "Rectangle", "Rhombus",
                     "Square", "Trapezoid", "Kite", "Polygon"))


def diagram_forms(record: Mapping[str, object]) -> list[Form]:
    """The record's diagram forms, each parsed once (one that does not parse is left out)."""
    raw = record.get("diagram_logic_forms")
    return [f for f in (read(str(x)) for x in raw) if isinstance(f, Form)] if isinstance(raw, list) else []


def _named_shapes(forms: list[Form]) -> dict[frozenset[str], tuple[str, tuple[str, ...]]]:
    """Shapes the diagram forms name by their corners (``AreaOf(Trapezoid(B, N, A, L))``): kind and ring."""
    out: dict[frozenset[str], tuple[str, tuple[str, ...]]] = {}
    for f in forms:
        for call in pt.calls(f):
            ring = pt.args_of(call, _SHAPES)
            if ring is not None:
                out.setdefault(frozenset(ring), (call.name, ring))
    return out


def similar_pair(record: Mapping[str, object]) -> tuple[str, str] | None:
    """The two figures of "the pair of similar figures", their corners in corresponding order, as
    forms (``Quadrilateral(A,B,C,D)``, ``Quadrilateral(F,E,H,G)``); None when the diagram does not
    show one pair or does not tell which corner matches which.

    The figures: the diagram's two closed rings of segments with as many corners (or the two shapes
    its forms name). The correspondence: the one of the 2n ways to lay one ring on the other that
    the diagram's measures support best and alone: angles it marks equal at matching corners, equal
    angle values at matching corners, side values in one ratio; failing those, the one side each
    figure gives a value to (areas given: the scale is all that is asked).

    >>> rec = {"line_instances": ["AB", "BC", "CA", "DE", "EF", "FD"],
    ...        "diagram_logic_forms": ["Equals(MeasureOf(Angle(B, A, C)), MeasureOf(Angle(E, F, D)))",
    ...                                "Equals(MeasureOf(Angle(A, B, C)), MeasureOf(Angle(F, D, E)))"]}
    >>> similar_pair(rec)
    ('Triangle(A,B,C)', 'Triangle(F,D,E)')
    """
    forms = diagram_forms(record)
    named = _named_shapes(forms)
    found = {frozenset(r): r for r in _cycles(record)}
    for key, (_, ring) in named.items():
        found.setdefault(key, ring)
    pos = record.get("point_positions")
    unplaced = sorted(str(k) for k, v in pos.items() if isinstance(v, (list, tuple)) and list(v) == [-1, -1]) \
        if isinstance(pos, dict) else []
    if len(unplaced) >= 3 and not any(set(unplaced) & key for key in found):
        found[frozenset(unplaced)] = tuple(unplaced)  # a figure drawn apart, its points named in order
    rings = [r for r in found.values() if 3 <= len(r) <= 6]
    if len(rings) != 2 or len(rings[0]) != len(rings[1]) or set(rings[0]) & set(rings[1]):
        return None
    a, b = sorted(rings)
    n = len(a)
    best: list[tuple[float, tuple[str, ...]]] = []
    for k in range(n):
        for d in (1, -1):
            cand = tuple(b[(k + d * i) % n] for i in range(n))
            best.append((_support(a, cand, forms), cand))
    best.sort(key=lambda t: -t[0])
    # a tie is left open, but for the one side each figure gives (areas given: only the scale is asked)
    if best[0][0] <= 0 or best[0][0] == best[1][0] and best[0][0] != 0.5:
        return None
    kinds = [named.get(frozenset(r), (_NAMES_BY_SIZE.get(n, "Polygon"), r))[0] for r in (a, b)]
    kind = kinds[0] if kinds[0] == kinds[1] else _NAMES_BY_SIZE.get(n, "Polygon")
    return f"{kind}({','.join(a)})", f"{kind}({','.join(best[0][1])})"


def _measured(node: Node) -> tuple[str, ...] | None:
    """``LengthOf(Line(P, Q))``: (P, Q); ``MeasureOf(Angle(P, V, R))``: (V,); else None."""
    if not isinstance(node, Call) or len(node.args) != 1:
        return None
    if node.name == "LengthOf":
        return pt.two(node.args[0], "Line")
    if node.name == "MeasureOf":
        corner = pt.args_of(node.args[0], "Angle", 3)
        return None if corner is None else (corner[1],)
    return None


def _support(a: tuple[str, ...], b: tuple[str, ...], forms: list[Form]) -> float:
    """How well the diagram's measures fit corner a[i] matching b[i]."""
    match = dict(zip(a, b))
    score = 0.0
    values: dict[tuple[str, ...], Node] = {}
    for f in forms:
        call = pt.head(f, "Equals")
        if call is None or len(call.args) != 2:
            continue
        left, right = _measured(call.args[0]), _measured(call.args[1])
        if left is not None and right is not None:
            if len(left) == len(right) == 1 and (match.get(left[0]) == right[0] or match.get(right[0]) == left[0]):
                score += 2  # angles marked equal at matching corners
        elif left is not None:
            values[left] = call.args[1]
    sides = {frozenset(k): v for k, v in values.items() if len(k) == 2}
    corners = {k[0]: v for k, v in values.items() if len(k) == 1}
    ratios: list[float] = []
    one: list[tuple[frozenset[str], frozenset[str]]] = []
    for i in range(len(a)):
        sa, sb = frozenset((a[i], a[(i + 1) % len(a)])), frozenset((b[i], b[(i + 1) % len(b)]))
        if sa in sides and sb in sides:
            one.append((sa, sb))
            x, y = _number(sides[sa]), _number(sides[sb])
            if x and y:
                ratios.append(x / y)
        ca, cb = corners.get(a[i]), corners.get(b[i])
        if ca is not None and cb is not None and _number(ca) and _number(cb):
            score += 1 if unparse(ca) == unparse(cb) else -1
    if len(ratios) >= 2:
        score += sum(1 if abs(r / ratios[0] - 1) <= 0.02 else -1 for r in ratios[1:])
    given_a = [s for s in sides if s <= set(a)]
    given_b = [s for s in sides if s <= set(b)]
    if len(given_a) == 1 and len(given_b) == 1 and one == [(given_a[0], given_b[0])]:
        score += 0.5
    return score


def _number(node: Node) -> float | None:
    """A plain decimal value, or None (an expression)."""
    return float(node.text) if isinstance(node, Num) and node.text.replace(".", "", 1).isdigit() else None


def area_unknown(record: Mapping[str, object], pair: tuple[str, str]) -> str | None:
    """Of two shapes (forms), the one whose area the diagram does not give, when it gives the other's.

    >>> area_unknown({"diagram_logic_forms": ["Equals(AreaOf(Triangle(D, E, F)), 13.5)"]},
    ...              ("Triangle(A,B,T)", "Triangle(D,E,F)"))
    'Triangle(A,B,T)'
    """
    given: set[frozenset[str]] = set()
    for f in diagram_forms(record):
        call = pt.head(f, "Equals")
        if call is not None and len(call.args) == 2 and not isinstance(call.args[1], Call) \
                and isinstance(area := call.args[0], Call) and area.name == "AreaOf" and len(area.args) == 1 \
                and isinstance(shape := area.args[0], Call):
            given.add(pt.names(Form((shape,))))
    keys = [pt.names(read(shape)) for shape in pair]
    known = [k in given for k in keys]
    return pair[known.index(False)] if known.count(True) == 1 else None


def tangents(record: Mapping[str, object]) -> list[str]:
    """The drawn lines that look tangent to a drawn circle: a line meets the circle in exactly one
    of its points (an end or a point on it), the rest lie outside the circle, and it runs across
    the radius there (at least 60 degrees to it). A chord or a secant meets the circle twice.

    >>> rec = {"point_positions": {"O": [0, 0], "A": [0, 10], "B": [20, 10], "C": [-10, 0]},
    ...        "line_instances": ["AB", "OC"], "circle_instances": ["O"],
    ...        "diagram_logic_forms": ["PointLiesOnCircle(A, Circle(O, r))", "PointLiesOnCircle(C, Circle(O, r))"]}
    >>> tangents(rec)
    ['Tangent(Line(A,B),Circle(O))']
    """
    fig = figure_of(record)
    out: list[str] = []
    for c in fig.centres:
        on = {p for p in fig.on_circle.get(c, set()) if p in fig.xy}
        if c not in fig.xy or not on:
            continue
        r = sum(math.dist(fig.xy[c], fig.xy[p]) for p in on) / len(on)
        for ln in fig.lines:
            pts = [p for p in ln if p in fig.xy]
            touch = [p for p in pts if p in on]
            if c in ln or len(touch) != 1 or len(pts) < 2:
                continue
            p = touch[0]
            rest = [q for q in pts if q != p]
            if not all(math.dist(fig.xy[q], fig.xy[c]) > 1.1 * r for q in rest):
                continue
            far = max(rest, key=lambda q: math.dist(fig.xy[q], fig.xy[p]))
            if abs(_angle(fig.xy[c], fig.xy[p], fig.xy[far]) - 90) > 30:
                continue
            ends = _ends(fig, pts)
            form = f"Tangent(Line({ends[0]},{ends[1]}),Circle({c}))"
            if form not in out:
                out.append(form)
    return out


def _ends(fig: Figure, pts: list[str]) -> tuple[str, str]:
    """The two points of a line farthest apart, in the order a drawn segment names them."""
    a, b = max(itertools.combinations(sorted(pts), 2), key=lambda ab: math.dist(fig.xy[ab[0]], fig.xy[ab[1]]))
    return (b, a) if (b, a) in fig.segments else (a, b)


def has_cycle(fig: Figure) -> bool:
    """The drawn segments close some region (their graph has a cycle; points on a segment split it).

    >>> open_, closed = figure_of({"line_instances": ["AB", "BC"]}), figure_of({"line_instances": ["AB", "BC", "CA"]})
    >>> has_cycle(open_), has_cycle(closed)
    (False, True)
    """
    edges: set[tuple[str, str]] = set()
    for ln in fig.lines:
        pts = sorted(ln, key=lambda p: fig.xy.get(p, (0.0, 0.0)))
        if len(pts) > 2 and all(p in fig.xy for p in pts):
            edges.update((min(a, b), max(a, b)) for a, b in zip(pts, pts[1:]))
        elif len(pts) == 2:
            edges.add((min(pts), max(pts)))
    parent: dict[str, str] = {}

    def root(p: str) -> str:
        while parent.setdefault(p, p) != p:
            p = parent[p]
        return p

    for a, b in edges:
        ra, rb = root(a), root(b)
        if ra == rb:
            return True
        parent[ra] = rb
    return False
