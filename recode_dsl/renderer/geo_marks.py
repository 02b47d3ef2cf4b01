"""Textbook marks: angle arcs with their measures, right-angle squares, equal-length ticks,
parallel arrows and arc measures, read from the figure's shapes, relations and equations.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from recode_dsl import scene as s
from recode_dsl.renderer.geo_draw import Pen, arc_geometry
from recode_dsl.renderer.geo_labels import Candidate, directions_at, place
from recode_dsl.renderer.geo_space import XY
from recode_dsl.renderer.geo_text import degrees_text, quantity_text

LINES = (s.Seg, s.Ln, s.Ray)
RIGHT_TEXT = "90\u00b0"


@dataclass(frozen=True, slots=True)
class Corner:
    """An angle in pixels: vertex and the unit directions of its two arms (interior between them)."""

    vertex: XY
    u1: XY
    u2: XY
    reach: float  # the shorter arm in pixels, to keep marks inside the angle


# -- angles ------------------------------------------------------------------------------------


def angle_marks(pen: Pen) -> None:
    """Arcs (one, two, three for groups of equal angles), squares for right angles, and measures."""
    texts, groups, right = _angle_facts(pen.fig)
    right += _right_triangles(pen) + [a for a in _rectangle_corners(pen.fig) if not _split_corner(pen, a)]
    hidden = {_angle_key(g) for g in pen.fig.unlabeled if isinstance(g, s.Ang)}
    done: list[tuple[XY, XY, XY]] = []
    order = list(dict.fromkeys([k for k in texts] + [k for k in groups] + right + _drawn_angles(pen.fig)))
    for ang in order:
        corner = resolve_angle(pen, ang)
        if corner is None or any(_same_corner(corner, d) for d in done):
            continue
        done.append((corner.vertex, corner.u1, corner.u2))
        text = texts.get(ang)
        is_right = ang in right or text == RIGHT_TEXT
        # An angle known only by the number printed in it shows that number and no arc, as textbooks do.
        numbered = text is None and ang.label is not None and ang not in groups and not is_right
        radius = NUMBER_RADIUS * pen.style.mark
        if is_right:
            right_square(pen, corner)
            radius = pen.style.mark * 0.6 * 1.42
        elif not numbered:
            radius = _arcs(pen, corner, groups.get(ang, 1), spread=ang not in groups)
        # an angle named by its number shows that number, as the image does, whatever else is said of it
        label = str(ang.label) if ang.label is not None and not is_right else text
        if label == RIGHT_TEXT or _angle_key(ang) in hidden or _label_hidden(pen.fig, ang, hidden):
            label = None
        if label:
            _angle_label(pen, corner, label, radius)


def _angle_facts(fig: s.Figure) -> tuple[dict[s.Ang, str], dict[s.Ang, int], list[s.Ang]]:
    """Measures printed per angle, arc counts of equal-angle groups, and right angles."""
    texts: dict[s.Ang, str] = {}
    pairs: list[tuple[s.Ang, s.Ang]] = []
    right: list[s.Ang] = []
    for eq in fig.equations:
        left, other = _angle_of(eq.lhs), _angle_of(eq.rhs)
        if left is not None and other is not None:
            pairs.append((left, other))
        elif left is not None or other is not None:
            ang = left if left is not None else other
            value = eq.rhs if left is not None else eq.lhs
            assert ang is not None
            texts[ang] = degrees_text(value)  # type: ignore[arg-type]
    for rel in fig.relations:
        if rel.name == "right_angle" and isinstance(rel.args[0], s.Ang):
            right.append(rel.args[0])
        elif rel.name == "bisects" and isinstance(rel.args[0], LINES) and isinstance(rel.args[1], s.Ang):
            pairs += _bisected(rel.args[0], rel.args[1])
    return texts, _groups(pairs), right


NUMBER_RADIUS = 0.3  # a number with no arc sits this many mark radii from its vertex


def _angle_key(ang: s.Ang) -> tuple[object, ...]:
    """An angle's identity whatever the order of its arms: (vertex, {a, b}) or its printed number."""
    if ang.vertex is None:
        return ("label", ang.label)
    return (ang.vertex, frozenset((ang.a, ang.b)))


def _label_hidden(fig: s.Figure, ang: s.Ang, hidden: set[tuple[object, ...]]) -> bool:
    """Hidden by its number when the program hides the angle by its points, or the reverse."""
    if not hidden:
        return False
    for sh in fig.shapes:
        g = sh.value
        if isinstance(g, s.Ang) and g.label is not None and (g.label == ang.label or _angle_key(g) == _angle_key(ang)):
            if _angle_key(g) in hidden or ("label", g.label) in hidden:
                return True
    return False


def _rectangle_corners(fig: s.Figure) -> list[s.Ang]:
    """The four right angles of every drawn rectangle and square."""
    out: list[s.Ang] = []
    for sh in fig.shapes:
        g = sh.value
        if isinstance(g, s.Poly) and g.kind in ("rectangle", "square") and len(g.vertices) == 4:
            v = g.vertices
            out += [s.Ang(v[i], v[i - 1], v[(i + 1) % 4]) for i in range(4)]
    return out


def _split_corner(pen: Pen, ang: s.Ang) -> bool:
    """True when a stroke leaves the corner's vertex between its arms (a diagonal splits the corner)."""
    c = resolve_angle(pen, ang)
    if c is None:
        return False
    t1, sweep = _sweep(c)
    return any(0.02 < (d - t1) % (2 * math.pi) < sweep - 0.02 for d in directions_at(c.vertex, pen.ink))


def _angle_of(q: object) -> s.Ang | None:
    if isinstance(q, s.Measure) and q.fn == "measure" and q.args and isinstance(q.args[0], s.Ang):
        return q.args[0]
    return None


def _bisected(line: s.Seg | s.Ln | s.Ray, ang: s.Ang) -> list[tuple[s.Ang, s.Ang]]:
    if ang.vertex is None or ang.a is None or ang.b is None or ang.vertex not in (line.a, line.b):
        return []
    d = line.b if line.a == ang.vertex else line.a
    return [(s.Ang(ang.vertex, ang.a, d), s.Ang(ang.vertex, d, ang.b))]


def _right_triangles(pen: Pen) -> list[s.Ang]:
    """For ``right(triangle)``: its angle closest to 90 degrees as drawn."""
    out: list[s.Ang] = []
    for rel in pen.fig.relations:
        t = rel.args[0] if rel.name == "right" and rel.args else None
        if not isinstance(t, s.Poly) or len(t.vertices) != 3:
            continue
        v = t.vertices
        angles = [s.Ang(v[i], v[i - 1], v[(i + 1) % 3]) for i in range(3)]
        corners = [(_cosine(pen, a), a) for a in angles]
        out.append(min(corners, key=lambda c: c[0])[1])
    return out


def _cosine(pen: Pen, ang: s.Ang) -> float:
    c = _corner(pen.px(ang.vertex or ""), pen.px(ang.a or ""), pen.px(ang.b or ""))
    return abs(c.u1[0] * c.u2[0] + c.u1[1] * c.u2[1]) if c is not None else math.inf


def _groups(pairs: list[tuple[s.Ang, s.Ang]]) -> dict[s.Ang, int]:
    """Connected groups of equal angles, numbered 1, 2, 3 ... in order of appearance."""
    group: dict[s.Ang, int] = {}
    for a, b in pairs:
        ga, gb = group.get(a), group.get(b)
        if ga is None and gb is None:
            group[a] = group[b] = max(group.values(), default=0) + 1
        elif ga is None:
            group[a] = gb  # type: ignore[assignment]
        elif gb is None:
            group[b] = ga
        elif ga != gb:
            group = {k: (ga if v == gb else v) for k, v in group.items()}
    renumber = {g: i + 1 for i, g in enumerate(dict.fromkeys(group.values()))}
    return {k: min(4, renumber[v]) for k, v in group.items()}


def _drawn_angles(fig: s.Figure) -> list[s.Ang]:
    return [sh.value for sh in fig.shapes if isinstance(sh.value, s.Ang)]


def _same_corner(c: Corner, d: tuple[XY, XY, XY]) -> bool:
    if math.hypot(c.vertex[0] - d[0][0], c.vertex[1] - d[0][1]) > 1.0:
        return False
    arms = {(round(u[0], 2), round(u[1], 2)) for u in (c.u1, c.u2)}
    return arms == {(round(u[0], 2), round(u[1], 2)) for u in (d[1], d[2])}


def resolve_angle(pen: Pen, ang: s.Ang) -> Corner | None:
    """Pixel vertex and arms of an angle: by three points, by its vertex alone, or by its label."""
    if ang.vertex is None:
        return _by_label(pen, ang.label)
    v = pen.px(ang.vertex)
    if ang.a is not None and ang.b is not None:
        return _corner(v, pen.px(ang.a), pen.px(ang.b))
    return _by_vertex(pen, v)


def _corner(v: XY, a: XY, b: XY) -> Corner | None:
    la, lb = math.hypot(a[0] - v[0], a[1] - v[1]), math.hypot(b[0] - v[0], b[1] - v[1])
    if la < 1e-6 or lb < 1e-6:
        return None
    return Corner(v, ((a[0] - v[0]) / la, (a[1] - v[1]) / la), ((b[0] - v[0]) / lb, (b[1] - v[1]) / lb), min(la, lb))


def _by_label(pen: Pen, label: int | None) -> Corner | None:
    for sh in pen.fig.shapes:
        if isinstance(sh.value, s.Ang) and sh.value.label == label and sh.value.vertex is not None:
            return resolve_angle(pen, sh.value)
    return None


def _by_vertex(pen: Pen, v: XY) -> Corner | None:
    """The angle between two adjacent strokes at the vertex: the one opening toward the figure."""
    dirs = sorted({round(d % (2 * math.pi), 4) for d in directions_at(v, pen.ink)})
    if len(dirs) < 2:
        return None
    pairs = [(dirs[i], dirs[(i + 1) % len(dirs)]) for i in range(len(dirs))]
    inner = [(a, b) for a, b in pairs if 1e-3 < (b - a) % (2 * math.pi) < math.pi - 1e-3]
    a, b = min(inner or pairs, key=lambda p: (p[1] - p[0]) % (2 * math.pi))
    reach = pen.style.mark * 3
    return Corner(v, (math.cos(a), math.sin(a)), (math.cos(b), math.sin(b)), reach)


def _sweep(c: Corner) -> tuple[float, float]:
    """Start angle and sweep (at most pi) of the corner's interior, in pixel angles."""
    t1, t2 = math.atan2(c.u1[1], c.u1[0]), math.atan2(c.u2[1], c.u2[0])
    sweep = (t2 - t1) % (2 * math.pi)
    return (t2, 2 * math.pi - sweep) if sweep > math.pi else (t1, sweep)


def _arcs(pen: Pen, c: Corner, count: int, spread: bool) -> float:
    """Draw ``count`` arcs; with ``spread``, a vertex's later angles get wider arcs so neighbours stay apart
    (equal angles keep equal arcs)."""
    t1, sweep = _sweep(c)
    before = sum(1 for x, y, _ in pen.ink.circles if math.hypot(x - c.vertex[0], y - c.vertex[1]) < 1.0)
    r = _mark_radius(pen, c, sweep)
    if before and spread:
        r = min(r * (1 + 0.35 * before), 0.6 * c.reach)
    pen.ctx.set_line_width(pen.style.line * 0.8)
    for k in range(count):
        pen.ctx.new_sub_path()
        pen.ctx.arc(c.vertex[0], c.vertex[1], r + k * pen.style.line * 2.2, t1, t1 + sweep)
        pen.ctx.stroke()
    pen.ink.circles.append((c.vertex[0], c.vertex[1], r))
    pen.ctx.set_line_width(pen.style.line)
    return r + (count - 1) * pen.style.line * 2.2


def _mark_radius(pen: Pen, c: Corner, sweep: float) -> float:
    grow = 1.0 + max(0.0, (math.radians(40) - sweep) / math.radians(40)) * 0.6
    return min(pen.style.mark * grow, 0.45 * c.reach)


def right_square(pen: Pen, c: Corner) -> None:
    size = min(pen.style.mark * 0.6, 0.4 * c.reach)
    v, u1, u2 = c.vertex, c.u1, c.u2
    pen.ctx.set_line_width(pen.style.line * 0.8)
    pen.ctx.move_to(v[0] + size * u1[0], v[1] + size * u1[1])
    pen.ctx.line_to(v[0] + size * (u1[0] + u2[0]), v[1] + size * (u1[1] + u2[1]))
    pen.ctx.line_to(v[0] + size * u2[0], v[1] + size * u2[1])
    pen.ctx.stroke()
    pen.ctx.set_line_width(pen.style.line)


def _angle_label(pen: Pen, c: Corner, text: str, r: float) -> None:
    """The measure inside the angle just past its arc: on the bisector if free, else beside or farther."""
    t1, sweep = _sweep(c)
    cands: list[Candidate] = []
    for k, dist in enumerate((r, 1.5 * r, 2.2 * r, 3.2 * r)):
        for f, cost in ((0.5, 0.0), (0.3, 0.3), (0.7, 0.3)):  # along the bisector first, then either side
            u = (math.cos(t1 + f * sweep), math.sin(t1 + f * sweep))
            cands.append(((c.vertex[0] + u[0] * dist, c.vertex[1] + u[1] * dist), u, 0.5 * k + cost))
    cands.sort(key=lambda cand: cand[2])
    # the measure belongs to its vertex: it may come closer to the vertex's dot than other labels do
    place(pen, text, cands, pen.style.font * 0.15, pen.style.font * 0.85, keep_out=0.25 * pen.style.font)


# -- right angles from perpendicular lines ---------------------------------------------------------


def perpendicular_marks(pen: Pen) -> None:
    """A square where two perpendicular lines meet, on the sides where both are drawn."""
    for rel in pen.fig.relations:
        if rel.name != "perpendicular" or not all(isinstance(a, LINES) for a in rel.args[:2]):
            continue
        l1, l2 = rel.args[0], rel.args[1]
        assert isinstance(l1, LINES) and isinstance(l2, LINES)
        p = _meet(pen, l1, l2)
        if p is None:
            continue
        a, b = _far_end(pen, l1, p), _far_end(pen, l2, p)
        corner = _corner(p, a, b)
        if corner is not None:
            right_square(pen, corner)


def _meet(pen: Pen, l1: s.Seg | s.Ln | s.Ray, l2: s.Seg | s.Ln | s.Ray) -> XY | None:
    a, b, c, d = pen.px(l1.a), pen.px(l1.b), pen.px(l2.a), pen.px(l2.b)
    r, q = (b[0] - a[0], b[1] - a[1]), (d[0] - c[0], d[1] - c[1])
    den = r[0] * q[1] - r[1] * q[0]
    if abs(den) < 1e-9:
        return None
    t = ((c[0] - a[0]) * q[1] - (c[1] - a[1]) * q[0]) / den
    u = ((c[0] - a[0]) * r[1] - (c[1] - a[1]) * r[0]) / den
    if not (_within(l1, t) and _within(l2, u)):
        return None
    return (a[0] + t * r[0], a[1] + t * r[1])


def _within(line: s.Seg | s.Ln | s.Ray, t: float) -> bool:
    eps = 0.02
    if isinstance(line, s.Seg):
        return -eps <= t <= 1 + eps
    return t >= -eps if isinstance(line, s.Ray) else True


def _far_end(pen: Pen, line: s.Seg | s.Ln | s.Ray, p: XY) -> XY:
    a, b = pen.px(line.a), pen.px(line.b)
    return a if math.hypot(a[0] - p[0], a[1] - p[1]) > math.hypot(b[0] - p[0], b[1] - p[1]) else b


# -- ticks and arrows ---------------------------------------------------------------------------


def tick_marks(pen: Pen) -> None:
    """1, 2 or 3 ticks across the middle of each segment of a group of equal segments, and of each
    arc of a group of equal arcs."""
    marked = equal_segments(pen.fig)
    for (a, b), count in marked.items():
        if a not in pen.space.pos or b not in pen.space.pos or _split(pen, (a, b), marked):
            continue
        if not _drawn(pen, pen.px(a), pen.px(b)):
            continue  # ticks on a segment that is not drawn would float in the air
        _across(pen, pen.px(a), pen.px(b), count, _tick)
    for arc, count in equal_arcs(pen.fig).items():
        found = arc_geometry(arc, pen.space)
        if found is None:
            continue
        cx, cy, r, t0, sweep = found
        mid = t0 + sweep / 2
        centre, rp = pen.frame.px((cx, cy)), r * pen.frame.scale
        m = (centre[0] + rp * math.cos(mid), centre[1] - rp * math.sin(mid))  # y-up angle, y-down pixels
        along = (-math.sin(mid), -math.cos(mid))  # the arc's tangent at its middle, in pixels
        _across(pen, (m[0] - along[0], m[1] - along[1]), (m[0] + along[0], m[1] + along[1]), count, _tick)


def _drawn(pen: Pen, a: XY, b: XY, near: float = 1.5) -> bool:
    """True when a drawn stroke covers the segment from a to b (a side, a segment, or part of a longer one)."""
    for sx, sy, ex, ey in pen.ink.segments:
        length = math.hypot(ex - sx, ey - sy)
        if length < 1e-9:
            continue
        if all(abs((ex - sx) * (p[1] - sy) - (ey - sy) * (p[0] - sx)) / length < near
               and math.hypot(p[0] - sx, p[1] - sy) + math.hypot(p[0] - ex, p[1] - ey) < length + near
               for p in (a, b)):
            return True
    return False


def equal_arcs(fig: s.Figure) -> dict[s.Arc, int]:
    """Arcs the program says are equal (measure(arc) = measure(arc)), each with its group's tick count."""
    group: dict[s.Arc, int] = {}
    for eq in fig.equations:
        pair = [q.args[0] for q in (eq.lhs, eq.rhs) if isinstance(q, s.Measure) and q.fn in ("measure", "length")
                and len(q.args) == 1 and isinstance(q.args[0], s.Arc)]
        if len(pair) != 2:
            continue
        a, b = pair
        ga, gb = group.get(a), group.get(b)
        g = ga or gb or min(3, max(group.values(), default=0) + 1)
        if ga is not None and gb is not None and ga != gb:
            group = {k: (ga if v == gb else v) for k, v in group.items()}
        group[a] = group[b] = g
    return group


def _split(pen: Pen, seg: tuple[str, str], marked: dict[tuple[str, str], int]) -> bool:
    """True when a marked piece of ``seg`` ends inside it: its ticks would sit on the piece's."""
    a, b = pen.px(seg[0]), pen.px(seg[1])
    length = math.hypot(b[0] - a[0], b[1] - a[1])
    for other in marked:
        shared = set(other) & set(seg)
        inner = set(other) - set(seg)
        if len(shared) != 1 or len(inner) != 1 or length < 1e-9:
            continue
        p = pen.px(inner.pop())
        da, db = math.hypot(p[0] - a[0], p[1] - a[1]), math.hypot(p[0] - b[0], p[1] - b[1])
        if da + db < length + 0.5 and min(da, db) > 1.0:
            return True
    return False


def parallel_marks(pen: Pen) -> None:
    """1, 2 or 3 arrowheads at the middle of each line of a group of parallel lines, all one way."""
    ref: dict[int, XY] = {}
    for (a, b), count in _parallel_groups(pen.fig).items():
        pa, pb = pen.px(a), pen.px(b)
        d = (pb[0] - pa[0], pb[1] - pa[1])
        if count in ref and d[0] * ref[count][0] + d[1] * ref[count][1] < 0:
            pa, pb = pb, pa
        ref.setdefault(count, (pb[0] - pa[0], pb[1] - pa[1]))
        _across(pen, pa, pb, count, _chevron)


def _across(pen: Pen, a: XY, b: XY, count: int, mark: object) -> None:
    length = math.hypot(b[0] - a[0], b[1] - a[1])
    if length < 1e-6:
        return
    u = ((b[0] - a[0]) / length, (b[1] - a[1]) / length)
    step = pen.style.font * 0.3
    pen.ctx.set_line_width(pen.style.line * 0.9)
    for k in range(count):
        off = (k - (count - 1) / 2) * step
        m = ((a[0] + b[0]) / 2 + u[0] * off, (a[1] + b[1]) / 2 + u[1] * off)
        mark(pen, m, u)  # type: ignore[operator]
    pen.ctx.set_line_width(pen.style.line)


def _tick(pen: Pen, m: XY, u: XY) -> None:
    h = pen.style.font * 0.35
    a, b = (m[0] - u[1] * h, m[1] + u[0] * h), (m[0] + u[1] * h, m[1] - u[0] * h)
    pen.ctx.move_to(*a)
    pen.ctx.line_to(*b)
    pen.ctx.stroke()
    pen.ink.segments.append((a[0], a[1], b[0], b[1]))


def _chevron(pen: Pen, m: XY, u: XY) -> None:
    h, w = pen.style.font * 0.36, pen.style.font * 0.24
    pen.ctx.move_to(m[0] - u[0] * h - u[1] * w, m[1] - u[1] * h + u[0] * w)
    pen.ctx.line_to(m[0], m[1])
    pen.ctx.line_to(m[0] - u[0] * h + u[1] * w, m[1] - u[1] * h - u[0] * w)
    pen.ctx.stroke()
    pen.ink.segments.append((m[0] - u[1] * w, m[1] + u[0] * w, m[0] + u[1] * w, m[1] - u[0] * w))


def equal_segments(fig: s.Figure) -> dict[tuple[str, str], int]:
    """Segments that the program says are equal, each with its group's tick count (1-3)."""
    pairs: list[tuple[tuple[str, str], tuple[str, str]]] = []
    for rel in fig.relations:
        pairs += _equal_pairs(rel)
    for eq in fig.equations:
        if _seg_of(eq.lhs) and _seg_of(eq.rhs):
            pairs.append((_seg_of(eq.lhs), _seg_of(eq.rhs)))  # type: ignore[arg-type]
    return _union(pairs)


def _seg_of(q: object) -> tuple[str, str] | None:
    if isinstance(q, s.Measure) and q.fn == "length" and len(q.args) == 1 and isinstance(q.args[0], s.Seg):
        return (q.args[0].a, q.args[0].b)
    return None


def _equal_pairs(rel: s.Relation) -> list[tuple[tuple[str, str], tuple[str, str]]]:
    args = rel.args
    if rel.name == "congruent" and len(args) == 2:
        return _corresponding_sides(args[0], args[1])
    if rel.name == "midpoint" and isinstance(args[0], s.Pt) and isinstance(args[1], s.Seg):
        m = args[0].name
        return [((args[1].a, m), (m, args[1].b))]
    if not args or not isinstance(args[0], s.Poly):
        return []
    v = args[0].vertices
    sides = [(v[i], v[(i + 1) % len(v)]) for i in range(len(v))]
    if rel.name in ("equilateral", "regular"):
        return [(sides[0], side) for side in sides[1:]]
    if rel.name == "isosceles" and len(v) == 3:
        return [((v[0], v[1]), (v[0], v[2]))]
    if rel.name == "isosceles" and len(v) == 4:
        return [(sides[1], sides[3])]
    return []


def _union(pairs: list[tuple[tuple[str, str], tuple[str, str]]]) -> dict[tuple[str, str], int]:
    """Group unordered segment pairs; number groups 1, 2, 3 (capped) in order of appearance."""
    group: dict[frozenset[str], int] = {}
    first: dict[frozenset[str], tuple[str, str]] = {}
    for p, q in pairs:
        kp, kq = frozenset(p), frozenset(q)
        first.setdefault(kp, p)
        first.setdefault(kq, q)
        gp, gq = group.get(kp), group.get(kq)
        new = gp or gq or max(group.values(), default=0) + 1
        group = {k: (new if v in (gp, gq) and v is not None else v) for k, v in group.items()}
        group[kp] = group[kq] = new
    renumber = {g: i + 1 for i, g in enumerate(dict.fromkeys(group.values()))}
    return {first[k]: min(4, renumber[g]) for k, g in group.items() if len(k) == 2}


def _corresponding_sides(p: object, q: object) -> list[tuple[tuple[str, str], tuple[str, str]]]:
    """Congruent segments, or the sides of congruent polygons in vertex order."""
    if isinstance(p, s.Seg) and isinstance(q, s.Seg):
        return [((p.a, p.b), (q.a, q.b))]
    if isinstance(p, s.Poly) and isinstance(q, s.Poly) and len(p.vertices) == len(q.vertices):
        u, v, n = p.vertices, q.vertices, len(p.vertices)
        return [((u[i], u[(i + 1) % n]), (v[i], v[(i + 1) % n])) for i in range(n)]
    return []


def _parallel_groups(fig: s.Figure) -> dict[tuple[str, str], int]:
    pairs: list[tuple[tuple[str, str], tuple[str, str]]] = []
    for r in fig.relations:
        l1, l2 = (r.args + (None, None))[:2]
        if r.name == "parallel" and isinstance(l1, LINES) and isinstance(l2, LINES):
            pairs.append(((l1.a, l1.b), (l2.a, l2.b)))
    return _union(pairs)


# -- arcs ----------------------------------------------------------------------------------------


def arc_labels(pen: Pen) -> None:
    """Print ``measure(arc(A, B)) = q`` (in degrees) or ``length(arc(A, B)) = q`` outside the arc's middle."""
    hidden = [g for g in pen.fig.unlabeled if isinstance(g, s.Arc)]
    for eq in pen.fig.equations:
        for lhs, rhs in ((eq.lhs, eq.rhs), (eq.rhs, eq.lhs)):
            if isinstance(lhs, s.Measure) and lhs.fn in ("measure", "length") and lhs.args \
                    and isinstance(lhs.args[0], s.Arc) and not isinstance(rhs, s.Measure) \
                    and not any(_same_arc(lhs.args[0], h) for h in hidden):
                text = degrees_text(rhs) if lhs.fn == "measure" else quantity_text(rhs)
                _arc_label(pen, lhs.args[0], text)
                break


def _same_arc(p: s.Arc, q: s.Arc) -> bool:
    return p == q or (p.via == q.via and p.major == q.major and {p.a, p.b} == {q.a, q.b})


def _arc_label(pen: Pen, arc: s.Arc, text: str) -> None:
    found = arc_geometry(arc, pen.space)
    if found is None:
        return
    cx, cy, r, t0, sweep = found
    centre = pen.frame.px((cx, cy))
    cands: list[Candidate] = []
    for f, cost in ((0.5, 0.0), (0.35, 0.5), (0.65, 0.5)):
        t = t0 + f * sweep
        u = (math.cos(t), -math.sin(t))  # y-up angle to a y-down pixel direction
        rp = r * pen.frame.scale
        cands.append(((centre[0] + u[0] * rp, centre[1] + u[1] * rp), u, cost))
    place(pen, text, cands, pen.style.font * 0.3, pen.style.font * 0.85)
