"""Bind each text to what it labels, and read the marks, into facts about the figure.

Rules of reading:
- a point letter names the nearest point, one letter a point (the nearest pairs first);
- a value with a degree sign measures the angle at the nearest vertex between the two rays
  around the label (the vertex whose two rays the label's box lies nearest); one that a leader
  points to measures the angle at the leader's end; one set far from the vertex of the angle it
  lies in, with a curved arrow whose tip is much nearer another vertex, measures the angle at
  the tip;
- a value with a degree sign set just outside a circle, beside an arc, measures the arc between
  the two points of the circle it lies between (not an angle's label kept on its vertex's side
  of the circle, nor one whose arrow points into the circle);
- one value an angle: a label set outside a corner's one angle gives way to one inside it;
- another value is the length of the nearest piece of a line between two consecutive points,
  when the label sits beside that piece (its foot between the piece's ends);
- a single capital letter that no point is near but that sits beside a piece is a variable
  drawn in italics (x, y, z);
- a variable or an expression with no degree sign, beside no piece but inside an angle near its
  vertex, measures the angle;
- a right-angle square at the meeting of two lines states they are perpendicular;
- pieces crossed by the same number of ticks are equal;
- parallel pieces carry the same number (one or more) of arrowheads on their middles.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

import numpy as np
from scipy.optimize import linear_sum_assignment

from recode_dsl.perception.diagram import points as pt
from recode_dsl.perception.diagram.reader import Diagram
from recode_dsl.perception.diagram.strokes import Segment
from recode_dsl.perception.diagram.texts import Text, classify

Xy = tuple[float, float]

# A letter names a point no farther than this many text heights from it.
LETTER_REACH = 2.6
# A value labels a piece or an angle no farther than this many text heights from it.
VALUE_REACH = 3.5
# (A lone small whole number nearer a vertex than its side's middle is no angle's number: on
# train it was a short side's length far more often; numbers are angles' by angle_numbers.)
# A label beside a whole side (across a point on it) is taken for it only when no single
# piece is nearer by this many text heights.
WHOLE_SIDE_PENALTY = 0.5
# (A label set at a whole side's middle is not exempt: tried in 59b328f, it won on the train
# figures it was made on and lost on others, 2 of the 11 it changed, and 4 val problems.)
# A number of a run 1, 2, ..., n numbers the angle (holding it best) of a vertex no farther than
# this many text heights.
NUMBERED_REACH = 9.0
# A run of angle numbers 1, 2, ..., n this long or longer is taken with one number missing, or
# with one in RUN_MISSING of the numbers read missing.
RUN_WITH_GAP = 4
RUN_MISSING = 3
# A label's gap to a piece decides which piece it labels; this share of its centre's distance
# breaks ties.
BOX_TIE = 0.3
# A label's curved arrow points at the angle it measures when the arrow's tip is nearer that
# angle's vertex than this share of the label's distance to the vertex of the angle it lies in.
TIP_NEARER = 0.5
# (only for a label this many text heights or more from that vertex: one nearer is set in its
# angle, and a mark beside it, such as a right-angle square, is no arrow of its own)
TIP_AWAY = 3.0
# A value whose box comes this many text heights near a tick mark measures the ticked piece.
TICK_REACH = 1.0
# Two lines meeting within this many degrees of square may carry a right-angle mark.
# An arrowhead set on a line (a parallel mark) widens its ink by at least this many strokes
# over a run this many strokes long (at least PARALLEL_RUN_PX pixels), within PARALLEL_REACH
# strokes of the line; two pieces whose directions differ by at most PARALLEL_DEG degrees and
# carry the same number of heads are parallel.
PARALLEL_WIDEN = 1.5
PARALLEL_RUN = 2.0
PARALLEL_RUN_PX = 5
PARALLEL_REACH = 4.0
PARALLEL_DEG = 6.0
SQUARE_DEG = 8.0
# A tick mark found in the ink across a piece: the piece's own stroke is the band TICK_CORE
# strokes (and a pixel) either side of its line; a tick reaches out at least TICK_MIN strokes
# (and a pixel) and ends within TICK_BAND strokes (and 7 pixels) of it.
TICK_CORE = 0.8
TICK_MIN = 1.5
TICK_BAND = 6.5


@dataclass(frozen=True, slots=True)
class Fact:
    """``length`` (points a, b), ``angle`` (a, vertex, b), ``angle_label`` (a, vertex, b: the
    number printed in the angle), ``perpendicular`` and ``parallel`` (a, b, c, d: line ab and
    line cd), ``equal`` (lengths ab and cd), ``equal_angle`` (a, v, b, c, w, d: angles avb and
    cwd; ``arcs.equal_angles``), ``arc`` and ``major_arc`` (a, b: the measure of the minor or
    major arc between points a and b of a circle), ``shaded_sector`` (a, centre, b: the sector
    from a counter-clockwise, y up, to b is filled or hatched; ``shading.shaded_sectors``)."""

    kind: str
    points: tuple[int, ...]
    value: str | None = None


def name_points(diagram: Diagram, texts: list[Text]) -> list[Text]:
    """Give points their letters; returns the texts that are values (letters left over that sit
    beside a piece become variables)."""
    letters = [t for t in texts if t.kind == "point"]
    values = [t for t in texts if t.kind in ("angle", "length")]
    if letters and diagram.points:
        cost = np.array(
            [[math.dist(t.centre, p.xy) / max(t.height, 8) for p in diagram.points] for t in letters]
        )
        big = np.where(cost <= LETTER_REACH, cost, 1e6)
        rows, cols = linear_sum_assignment(big)
        taken = set()
        for r, c in zip(rows, cols):
            if big[r, c] < 1e6 and diagram.points[c].name is None:
                diagram.points[c].name = letters[r].value
                taken.add(r)
        for r, t in enumerate(letters):
            if r not in taken and len(t.value) == 1:
                values.append(Text(t.text, t.box, "length", t.value.lower()))
    return values


_STATED = re.compile(r"^([A-Z])\s*([A-Z])\s*=\s*(\S.*)$")


def stated_lengths(diagram: Diagram, texts: list[Text]) -> list[Fact]:
    """Lengths a figure states in words beside it: ``FH = 37 in`` or ``BD=x-1`` (two named points
    and a length's value, a number or an expression, maybe with a unit) is the length of FH,
    wherever it is printed.

    >>> d = Diagram(20, 20, 2.0, [pt.Point((0, 0), name="F"), pt.Point((9, 0), name="H")], [], [])
    >>> stated_lengths(d, [Text("FH = 37 in", (0, 0, 1, 1), "other", "FH = 37 in")])
    [Fact(kind='length', points=(0, 1), value='37')]
    >>> [f.value for f in stated_lengths(d, [Text(s, (0, 0, 1, 1), "other", s) for s in ("HF=x-1", "FH = two")])]
    ['x-1']
    """
    index = {p.name: i for i, p in enumerate(diagram.points) if p.name}
    out: list[Fact] = []
    for t in texts:
        m = _STATED.match(t.text.strip()) if t.kind == "other" else None
        if m and m[1] in index and m[2] in index and m[1] != m[2]:
            kind, value = classify(m[3], False)
            if kind == "length":
                out.append(Fact("length", (index[m[1]], index[m[2]]), value))
    return out


def rays(diagram: Diagram, v: int) -> list[tuple[float, int]]:
    """The rays leaving point v along drawn lines: (direction in radians, next point)."""
    out: list[tuple[float, int]] = []
    vx, vy = diagram.points[v].xy
    for line in diagram.lines:
        if v not in line.points:
            continue
        k = line.points.index(v)
        for nb in (k - 1, k + 1):
            if 0 <= nb < len(line.points):
                q = line.points[nb]
                qx, qy = diagram.points[q].xy
                out.append((math.atan2(qy - vy, qx - vx), q))
    return out


def angle_at(
    diagram: Diagram, v: int, toward: Xy, strict: bool = False
) -> tuple[int, int] | None:
    """The two rays at v between which the direction toward ``toward`` lies (not reflex);
    unless ``strict``, the one angle of a corner with two rays wherever ``toward`` is."""
    rs = sorted(rays(diagram, v))
    if len(rs) < 2:
        return None
    vx, vy = diagram.points[v].xy
    th = math.atan2(toward[1] - vy, toward[0] - vx)
    for i in range(len(rs)):
        a0, p0 = rs[i]
        a1, p1 = rs[(i + 1) % len(rs)]
        span = (a1 - a0) % (2 * math.pi)
        rel = (th - a0) % (2 * math.pi)
        if 0 < rel < span and span < math.pi - 0.02:
            return p0, p1
    if len(rs) == 2 and not strict:
        # a corner with one angle: a label set outside it (with a curved arrow) still names it;
        # two rays along one line make no corner
        span = abs((rs[1][0] - rs[0][0] + math.pi) % (2 * math.pi) - math.pi)
        if span < math.pi - 0.1:
            return rs[0][1], rs[1][1]
    return None


def pieces(diagram: Diagram) -> list[tuple[int, int]]:
    """Consecutive points along each line."""
    out = []
    for line in diagram.lines:
        for a, b in zip(line.points, line.points[1:]):
            out.append((a, b))
    return out


def _piece_distance(
    diagram: Diagram, piece: tuple[int, int], p: Xy, box: tuple[int, int, int, int] | None = None
) -> float:
    """How far a label at p (its box ``box``) sits from a piece: the gap between the box and the
    piece's line (a label is set just beside its piece; its centre's distance breaks ties), or
    infinity when the label's foot is not on the middle of the piece."""
    a, b = diagram.points[piece[0]].xy, diagram.points[piece[1]].xy
    seg = Segment(a, b)
    L = seg.length
    if L < 1:
        return math.inf
    d = seg.direction()
    u = (p[0] - a[0]) * d[0] + (p[1] - a[1]) * d[1]
    if u < 0.1 * L or u > 0.9 * L:
        return math.inf
    centre = pt.line_distance(seg, p)
    if box is None:
        return centre
    x0, y0, x1, y1 = box
    signed = [(x - a[0]) * d[1] - (y - a[1]) * d[0] for x, y in ((x0, y0), (x1, y0), (x0, y1), (x1, y1))]
    gap = 0.0 if min(signed) < 0 < max(signed) else min(abs(v) for v in signed)
    return gap + BOX_TIE * centre


def bind_values(
    diagram: Diagram, values: list[Text], tips: dict[int, Xy] | None = None
) -> list[Fact]:
    """Facts stated by the value labels (``tips``: where a curved arrow from text k points)."""
    facts: list[Fact] = []
    outside: list[Fact] = []  # angles of labels set outside every angle (the corner's one angle)
    lengths: list[tuple[float, tuple[int, int], str]] = []
    spare: dict[int, tuple[float, tuple[int, int]]] = {}  # a label's nearest span on another line
    joints = [i for i in range(len(diagram.points)) if len(rays(diagram, i)) >= 2]
    numbered = angle_numbers(values)
    ticks = ticked(diagram)
    held_by: dict[int, tuple[int, float]] = {}  # an angle fact's label and its distance to the vertex
    for k, t in enumerate(values):
        reach = VALUE_REACH * max(t.height, 10)
        leader = _leader_end(diagram, t)
        tip = (tips or {}).get(k)
        if t.kind == "angle":
            loose = False
            if leader is not None:
                ab = angle_at(diagram, leader, _leader_far(diagram, t))
                found = None if ab is None else (leader, ab)
            else:
                found = _angle_near(diagram, joints, t.centre, reach * 1.6, strict=True, box=t.box)
                if found is not None and tip is not None:
                    # a curved arrow drawn from a label set far from the angle it lies in
                    # points at the angle it measures, near the arrow's tip
                    away = math.dist(diagram.points[found[0]].xy, t.centre)
                    at_tip = _angle_near(diagram, joints, tip, reach, strict=True)
                    if at_tip is not None and away > TIP_AWAY * max(t.height, 10) and math.dist(
                        diagram.points[at_tip[0]].xy, tip
                    ) < TIP_NEARER * away:
                        found = at_tip
                if found is None and tip is not None:
                    found = _angle_near(diagram, joints, tip, reach)
                if found is None:
                    found = _angle_near(diagram, joints, t.centre, reach * 1.6, box=t.box)
                    loose = found is not None
            # a label with an arrow or a leader measures what it points at: no arc beside it
            arc = () if leader is not None else arc_labelled(diagram, t, found, tip)
            if arc:
                facts.extend(arc)
            elif found is not None:
                v, (p0, p1) = found
                facts.append(Fact("angle", (p0, v, p1), t.value))
                held_by[id(facts[-1])] = (k, math.dist(diagram.points[v].xy, t.centre))
                if loose:
                    outside.append(facts[-1])
            continue
        dim = _dimension_piece(diagram, t)
        if dim is not None:
            lengths.append((0.0, dim, t.value))
            continue
        marked = None if t.value in numbered else _ticked_piece(diagram, t, ticks)
        if marked is not None:
            lengths.append((0.0, marked, t.value))
            continue
        best_p = _nearest_span(diagram, t, reach, others=[u for u in values if u is not t])
        if t.value in numbered:
            near = _angle_near(diagram, joints, t.centre, NUMBERED_REACH * max(t.height, 10), strict=True)
            if near is not None:
                v, (p0, p1) = near
                facts.append(Fact("angle_label", (p0, v, p1), t.value))
                continue
        if best_p is None and tip is not None:
            # a label set away from every piece, with an arrow drawn to one
            pointed = _piece_at(diagram, tip)
            if pointed is not None:
                best_p = (reach, pointed)
        if best_p is None and not t.value.replace(".", "").isdigit():
            # a variable or an expression beside no piece but inside an angle near its vertex
            # measures the angle (its degree sign left out or not read)
            inside = _angle_near(diagram, joints, t.centre, reach, strict=True)
            if inside is not None:
                v, (p0, p1) = inside
                facts.append(Fact("angle", (p0, v, p1), t.value))
                continue
        if best_p is not None and _across(diagram, t, best_p[1]):
            continue
        if best_p is not None:
            lengths.append((best_p[0], best_p[1], t.value))
            other = _nearest_span(diagram, t, reach, _line_of(diagram, *best_p[1]))
            if other is not None and best_p[0] < reach:  # beside its piece, no arrow to it
                spare[len(lengths) - 1] = other
    facts = _second_value_by_arc(diagram, values, facts, held_by, tips or {})
    # one value an angle: a label set outside the angle gives way to one set inside it (a side
    # between them was not read: the outside label measures an angle the reading lacks)
    held = {_angle_key(f) for f in facts if f.kind == "angle" and not any(f is o for o in outside)}
    facts = [f for f in facts if not (any(f is o for o in outside) and _angle_key(f) in held)]
    return facts + _one_value_a_piece(lengths, spare)


def _second_value_by_arc(
    diagram: Diagram, values: list[Text], facts: list[Fact], held_by: dict[int, tuple[int, float]],
    tips: dict[int, Xy],
) -> list[Fact]:
    """One value an angle: of two degree labels read for one angle, the one farther from the
    vertex, set just outside a circle beside an arc, measures that arc (arc_labelled with no
    angle found): tangents from B with '35°' near B and 'x°' by the circle between the tangent
    points (train 1580)."""
    out: list[Fact] = []
    for f in facts:
        own = held_by.get(id(f)) if f.kind == "angle" else None
        rivals = [] if own is None else [
            held_by[id(g)][1] for g in facts
            if g is not f and g.kind == "angle" and id(g) in held_by and _angle_key(g) == _angle_key(f)
            and g.value != f.value
        ]
        if own is None or not rivals or own[1] <= min(rivals):
            out.append(f)
            continue
        arc = arc_labelled(diagram, values[own[0]], None, tips.get(own[0]))
        out.extend(arc if arc else (f,))
    return out


def _across(diagram: Diagram, t: Text, piece: tuple[int, int]) -> bool:
    """A one-letter value centred on its piece's line (within a stroke width): a tick mark drawn
    across the line and read as a letter ('x'), no label (a label is set beside its piece)."""
    if len(t.value) != 1 or not t.value.isalpha():
        return False
    return _piece_distance(diagram, piece, t.centre) <= max(ACROSS_PX, diagram.stroke)


# A one-letter value whose centre lies this many pixels (or a stroke width) from its line is a mark.
ACROSS_PX = 2.0


def _one_value_a_piece(
    lengths: list[tuple[float, tuple[int, int], str]], spare: dict[int, tuple[float, tuple[int, int]]]
) -> list[Fact]:
    """One value a piece: the nearest label wins. A label that loses its piece to a nearer one
    measures the nearest span of another line within its reach (``spare``), when no label took
    that: two values set by a corner, each beside its own side (train 1085: '5√2' between the
    sides BA and BE, 'x' beside BE, nearer)."""
    taken: set[frozenset[int]] = set()
    out: list[Fact] = []
    lost: list[tuple[float, tuple[int, int], str]] = []
    for k in sorted(range(len(lengths)), key=lambda k: lengths[k][0]):
        _d, piece, value = lengths[k]
        if frozenset(piece) not in taken:
            taken.add(frozenset(piece))
            out.append(Fact("length", piece, value))
        elif k in spare:
            lost.append((*spare[k], value))
    for _d, piece, value in sorted(lost, key=lambda x: x[0]):
        if frozenset(piece) not in taken:
            taken.add(frozenset(piece))
            out.append(Fact("length", piece, value))
    return out


def _nearest_span(
    diagram: Diagram, t: Text, reach: float, skip: int | None = None, others: list[Text] | None = None
) -> tuple[float, tuple[int, int]] | None:
    """The span of a line a length label sits beside (its distance and its two points), within
    ``reach``: the nearest, a whole side (across points on it) only when no single piece is
    nearer by WHOLE_SIDE_PENALTY heights. Spans of one line as near as the nearest (within
    SPAN_TIE strokes: their chords differ by the points' scatter) are told apart by where the
    label's foot falls: a value is set at its span's middle (a '9' by the chord UT of a secant
    UTR, whose middle point B is a circle's centre, measures UT, not UR). ``skip``: a line
    left out; ``others``: the other labels (a whole side centred on, _centred_whole)."""
    found: list[tuple[float, int, tuple[int, int]]] = []
    for k, piece, whole in spans(diagram):
        if k == skip:
            continue
        d = _piece_distance(diagram, piece, t.centre, t.box)
        if whole:
            d += WHOLE_SIDE_PENALTY * max(t.height, 10)
        if d <= reach:
            found.append((d, k, piece))
    if not found:
        return None
    d0, k0, piece0 = min(found, key=lambda x: x[0])
    tie = SPAN_TIE * max(diagram.stroke, 1.0)
    near = [(d, piece) for d, k, piece in found if k == k0 and d <= d0 + tie]
    best = min(near, key=lambda x: (_off_middle(diagram, x[1], t.centre), x[0]))
    if others is None:
        return best
    return _centred_whole(diagram, t, found, k0, best, tie, others) or best


def _centred_whole(
    diagram: Diagram, t: Text, found: list[tuple[float, int, tuple[int, int]]], k0: int,
    best: tuple[float, tuple[int, int]], tie: float, others: list[Text],
) -> tuple[float, tuple[int, int]] | None:
    """A whole side of the nearest line, as near as the piece found but for the whole side's
    penalty, whose middle the label's foot falls on (within WHOLE_CENTRED of its length) while
    the piece's middle lies over twice as far: a length label is set at the middle of what it
    measures, and a base split by an altitude's foot keeps its value (a '12' under the middle
    of AB, with the foot F at 0.4 of the way, measures AB, not FB). Not when another label
    is set beside another piece of that side: one label a piece, each measures its piece
    (train 975: 'z' and '10' under the two pieces of a base)."""
    pen = WHOLE_SIDE_PENALTY * max(t.height, 10)
    off_best = _off_middle(diagram, best[1], t.centre) * _span_length(diagram, best[1])
    out: tuple[float, tuple[int, int]] | None = None
    for d, k, piece in found:
        if k != k0 or d - pen > best[0] + tie or piece == best[1] or not _is_whole(diagram, k, piece):
            continue
        share = _off_middle(diagram, piece, t.centre)
        if share > WHOLE_CENTRED or 2 * share * _span_length(diagram, piece) >= off_best:
            continue
        if _other_piece_labelled(diagram, k, piece, best[1], others):
            continue
        if out is None or d - pen < out[0]:
            out = (d - pen, piece)
    return out


def _other_piece_labelled(
    diagram: Diagram, k: int, whole: tuple[int, int], piece: tuple[int, int], others: list[Text]
) -> bool:
    """Another length label is set beside a piece of the whole span other than ``piece``."""
    pts = diagram.lines[k].points
    i, j = sorted((pts.index(whole[0]), pts.index(whole[1])))
    for u in others:
        if u.kind == "angle":
            continue
        near = _nearest_span(diagram, u, VALUE_REACH * max(u.height, 10))
        if near is None or _line_of(diagram, *near[1]) != k or frozenset(near[1]) == frozenset(piece):
            continue
        a, b = sorted((pts.index(near[1][0]), pts.index(near[1][1])))
        if i <= a and b <= j and b == a + 1:
            return True
    return False


def _is_whole(diagram: Diagram, k: int, piece: tuple[int, int]) -> bool:
    """Whether the span runs across a point of its line (more than one piece)."""
    pts = diagram.lines[k].points
    return abs(pts.index(piece[1]) - pts.index(piece[0])) > 1


def _span_length(diagram: Diagram, piece: tuple[int, int]) -> float:
    return math.dist(diagram.points[piece[0]].xy, diagram.points[piece[1]].xy)


# A label's foot within this share of a whole side's length from its middle is centred on it.
WHOLE_CENTRED = 0.12


# Spans of one line whose distances to a label differ by at most this many strokes are as near.
SPAN_TIE = 1.0


def _off_middle(diagram: Diagram, piece: tuple[int, int], p: Xy) -> float:
    """How far the foot of p lies from the piece's middle, as a share of its length."""
    a, b = diagram.points[piece[0]].xy, diagram.points[piece[1]].xy
    L = math.dist(a, b) or 1.0
    u = ((p[0] - a[0]) * (b[0] - a[0]) + (p[1] - a[1]) * (b[1] - a[1])) / (L * L)
    return abs(u - 0.5)


def _angle_key(f: Fact) -> tuple[int, frozenset[int]]:
    return f.points[1], frozenset((f.points[0], f.points[2]))


def arc_labelled(
    diagram: Diagram, t: Text, found: tuple[int, tuple[int, int]] | None, tip: Xy | None = None
) -> tuple[Fact, ...]:
    """The arc a degree label measures, when it is set just outside a circle beside the arc
    (a rule of drawing: an arc's measure is printed outside its middle, an angle's inside the
    angle near its vertex): the arc between the two points on the circle the label lies between
    (``arc``, or ``major_arc`` over half the circle). Not where the angle found for the label
    keeps the label on the vertex's side of the circle (the straight way from the vertex to the
    label does not cross the circle: an angle at a point outside, or a tangent's angle at its
    point), nor where an arrow from the label points into the circle (``tip``). Where the
    radii to both ends are drawn, the central angle is stated (the same measure). A label set
    just inside the ring, far from the centre, in no angle or behind the ring from the vertex
    of the angle found (_behind_ring), measures the arc beside it too (_inside_by_arc). A minor
    arc's measure is also its central angle's (a rule of geometry), stated with it: the angle
    at the centre between the arc's ends, drawn or not (not for a number of 180 or more, no
    angle's measure)."""
    h = max(t.height, 10)
    for ring in diagram.circles:
        c = diagram.points[ring.centre].xy
        on = [k for k in ring.points if k != ring.centre]
        if len(on) < 2 or ring.radius < 2 * h:
            continue
        outside = _box_distance(t.box, c) - ring.radius
        if math.dist(t.centre, c) <= ring.radius:
            if (found is not None and not _behind_ring(diagram, found[0], t, c, ring.radius)) or (
                tip is not None or not _inside_by_arc(t, c, ring.radius)
            ):
                continue
        elif not -ARC_INSIDE * h <= outside <= ARC_REACH * h:
            continue
        if tip is not None and math.dist(tip, c) <= ring.radius + 2 * diagram.stroke + 2:
            return ()
        th = math.atan2(t.centre[1] - c[1], t.centre[0] - c[0])
        around = sorted(on, key=lambda k: _turn(diagram.points[k].xy, c, th))
        a, b = around[-1], around[0]  # the points either side of the label's direction
        central = Fact("angle", (a, ring.centre, b), t.value)
        if {a, b} <= {q for _d, q in rays(diagram, ring.centre)}:
            return (central,)  # the central angle, drawn
        if found is not None and not _crosses(diagram.points[found[0]].xy, t.centre, c, ring.radius):
            return ()
        pa, pb = diagram.points[a].xy, diagram.points[b].xy
        span = (math.atan2(pb[1] - c[1], pb[0] - c[0]) - math.atan2(pa[1] - c[1], pa[0] - c[0])) % (2 * math.pi)
        if span > math.pi:
            return (Fact("major_arc", (a, b), t.value),)
        if _reflex(t.value):
            return (Fact("arc", (a, b), t.value),)  # read as the minor arc, a measure past 180
        return (Fact("arc", (a, b), t.value), central)
    return ()


def _behind_ring(diagram: Diagram, v: int, t: Text, c: Xy, r: float) -> bool:
    """The vertex v lies outside the circle and the straight way from it to the label, inside
    the circle, crosses the ring: the label is set behind the circle, in no angle of v's (an
    angle's measure is printed in the angle near its vertex; an 'x°' inside a circle by the arc
    between two tangents' points measures that arc, not the tangents' angle outside)."""
    p = diagram.points[v].xy
    return math.dist(p, c) > r + diagram.stroke + 2 and _crosses(p, t.centre, c, r)


def _reflex(value: str | None) -> bool:
    """A plain number of 180 or more: no angle's measure."""
    try:
        return value is not None and float(value) >= 180
    except ValueError:
        return False


def _inside_by_arc(t: Text, c: Xy, r: float) -> bool:
    """A label inside a circle lies by the ring (its far corner within ARC_BY text heights of it)
    and away from the centre (its middle past ARC_OFF_CENTRE of the radius): an arc's measure
    printed inside the arc (a label in no angle; a central angle's label sits by the centre)."""
    x0, y0, x1, y1 = t.box
    far = max(math.dist((x, y), c) for x in (x0, x1) for y in (y0, y1))
    return far >= r - ARC_BY * max(t.height, 10) and math.dist(t.centre, c) >= ARC_OFF_CENTRE * r


# A degree label measures an arc when its box comes no farther than ARC_REACH text heights
# outside the circle, and reaches no more than ARC_INSIDE heights inside it.
ARC_REACH = 1.2
ARC_INSIDE = 0.3
# A label inside a circle, in no angle, measures the arc beside it when its far corner comes
# within ARC_BY text heights of the ring and its middle lies past ARC_OFF_CENTRE of the radius.
ARC_BY = 1.0
ARC_OFF_CENTRE = 0.5


def _turn(p: Xy, c: Xy, th: float) -> float:
    """How far round from direction th (radians, image frame) point p lies about c."""
    return (math.atan2(p[1] - c[1], p[0] - c[0]) - th) % (2 * math.pi)


def _crosses(v: Xy, p: Xy, c: Xy, r: float) -> bool:
    """The segment from v to p meets the circle (c, r) away from v (past its first 5%)."""
    dx, dy = p[0] - v[0], p[1] - v[1]
    fx_, fy = v[0] - c[0], v[1] - c[1]
    qa = dx * dx + dy * dy
    qb = 2 * (fx_ * dx + fy * dy)
    qc = fx_ * fx_ + fy * fy - r * r
    disc = qb * qb - 4 * qa * qc
    if qa == 0 or disc < 0:
        return False
    roots = ((-qb - math.sqrt(disc)) / (2 * qa), (-qb + math.sqrt(disc)) / (2 * qa))
    return any(0.05 < u < 1.0 for u in roots)


def _ticked_piece(
    diagram: Diagram, t: Text, ticks: dict[tuple[int, int], list[Xy]]
) -> tuple[int, int] | None:
    """The piece whose tick marks the label sits right beside (a value is set by the ticks of
    the piece it measures): the nearest tick within a text height of the label's box."""
    reach = TICK_REACH * max(t.height, 10)
    best = None
    for piece, mids in ticks.items():
        for m in mids:
            d = _box_distance(t.box, m)
            if d <= reach and (best is None or d < best[0]):
                best = (d, piece)
    return None if best is None else best[1]


def _piece_at(diagram: Diagram, p: Xy) -> tuple[int, int] | None:
    """The piece an arrow's tip at p touches (within a few strokes of it, between its ends)."""
    tol = max(4.0, 2.5 * diagram.stroke)
    best = None
    for piece in pieces(diagram):
        a, b = diagram.points[piece[0]].xy, diagram.points[piece[1]].xy
        seg = Segment(a, b)
        if seg.length < 1:
            continue
        d = seg.direction()
        u = (p[0] - a[0]) * d[0] + (p[1] - a[1]) * d[1]
        if not 0.15 * seg.length <= u <= 0.85 * seg.length:
            continue
        off = pt.line_distance(seg, p)
        if off <= tol and (best is None or off < best[0]):
            best = (off, piece)
    return None if best is None else best[1]


def _dimension_piece(diagram: Diagram, t: Text) -> tuple[int, int] | None:
    """The side a dimension line measures, when the label sits on one: the two points on one
    drawn line parallel to it whose feet are its two tips."""
    for a, b in diagram.dimensions:
        dim = Segment(a, b)
        if dim.length < 1:
            continue
        d = dim.direction()
        u = (t.centre[0] - a[0]) * d[0] + (t.centre[1] - a[1]) * d[1]
        if not 0.1 * dim.length <= u <= 0.9 * dim.length:
            continue
        if pt.line_distance(dim, t.centre) > max(t.height, 10):
            continue
        tol = max(8.0, 0.04 * dim.length)
        best = None
        for _line, (i, j), _whole in spans(diagram):
            p, q = diagram.points[i].xy, diagram.points[j].xy
            seg = Segment(p, q)
            if seg.length < 1 or abs(seg.direction()[0] * d[1] - seg.direction()[1] * d[0]) > 0.08:
                continue
            ui = (p[0] - a[0]) * d[0] + (p[1] - a[1]) * d[1]
            uj = (q[0] - a[0]) * d[0] + (q[1] - a[1]) * d[1]
            lo, hi = min(ui, uj), max(ui, uj)
            if abs(lo) <= tol and abs(hi - dim.length) <= tol:
                off = pt.line_distance(dim, p)
                if best is None or off < best[0]:
                    best = (off, (i, j))
        if best is not None:
            return best[1]
    return None


def angle_numbers(values: list[Text]) -> set[str]:
    """The plain whole numbers 1, 2, ..., n (n at least 2, each printed once) among the labels:
    a figure numbers its angles so; lengths are seldom a run from 1 (one number of a run of
    RUN_WITH_GAP or more from 1 may be missing: OCR did not read it). Also the small whole
    numbers (one digit, each printed once) of a figure whose other values (two or more) are all
    angle measures: a number without a degree sign among them numbers an angle, no length.

    >>> from recode_dsl.perception.diagram.texts import Text, classify
    >>> def t(v, kind="length"): return Text(v, (0, 0, 1, 1), kind, v)
    >>> sorted(angle_numbers([t("2"), t("1"), t("3"), t("12")]))
    ['1', '2', '3']
    >>> sorted(angle_numbers([t("3"), t("22", "angle"), t("43", "angle")]))
    ['3']
    >>> sorted(angle_numbers([t("3"), t("22", "angle"), t("x")]))
    []
    >>> sorted(angle_numbers([t("1"), t("3"), t("4"), t("5"), t("12")]))
    ['1', '3', '4', '5']
    >>> sorted(angle_numbers([t("1"), t("3"), t("4"), t("12")]))
    []
    >>> sorted(angle_numbers([t(v) for v in ("7", "6", "4", "8", "5", "1")]))
    ['1', '4', '5', '6', '7', '8']
    >>> sorted(angle_numbers([t(v) for v in ("7", "6", "4", "8", "1")]))
    []
    """
    small = [t.value for t in values if t.kind == "length" and t.value.isdigit() and len(t.value) <= 2]
    others = [t for t in values if t.value not in small]
    if (
        small and len(others) >= 2 and all(t.kind == "angle" for t in others)
        and all(len(v) == 1 for v in small) and len(small) == len(set(small))
    ):
        return set(small)
    nums = {int(v) for v in small}
    if len(small) != len(set(small)):
        return set()
    n = 0
    while n + 1 in nums:
        n += 1
    # a longer run with one number OCR missed (1, 3, 4, 5: the 2 unread) numbers angles too
    m = n + 1
    while m + 1 in nums:
        m += 1
    if n >= 1 and m - 1 >= RUN_WITH_GAP:
        return {str(k) for k in range(1, m + 1) if k in nums}
    # a long run with a few numbers OCR missed (1, 4, 5, 6, 7, 8 of eight numbered angles: the
    # 2 and the 3 unread), one in RUN_MISSING at most
    if n >= 1 and len(nums) >= RUN_WITH_GAP and max(nums) - len(nums) <= len(nums) // RUN_MISSING:
        return {str(k) for k in nums}
    if n < 2:
        return set()
    return {str(k) for k in range(1, n + 1)}


def spans(diagram: Diagram) -> list[tuple[int, tuple[int, int], bool]]:
    """Every pair of points along a line: the line's index, the pair, and whether it spans more
    than one piece."""
    out = []
    for k, line in enumerate(diagram.lines):
        for i, a in enumerate(line.points):
            for j in range(i + 1, len(line.points)):
                out.append((k, (a, line.points[j]), j > i + 1))
    return out


def _angle_near(
    diagram: Diagram, joints: list[int], at: Xy, reach: float, strict: bool = False,
    box: tuple[int, int, int, int] | None = None,
) -> tuple[int, tuple[int, int]] | None:
    """The vertex within ``reach`` of ``at`` whose angle (not reflex) holds ``at`` best: a
    label sits close to both rays of its angle, so the farther ray's distance is the score
    (a narrow angle's label sits far from the vertex but still near both rays). With the label's
    ``box``, the distance is the box's first (a wide label's centre lies far from the rays of
    the corner its end sits in: '(3y + 1)°' set along a side with its start at the vertex)."""
    best = None
    for v in joints:
        d = math.dist(diagram.points[v].xy, at)
        if d > reach:
            continue
        ab = angle_at(diagram, v, at, strict)
        if ab is None:
            continue
        off = 0.0 if box is None else max(_box_ray_distance(diagram, v, q, box) for q in ab)
        score = (off, max(_ray_distance(diagram, v, q, at) for q in ab))
        if best is None or score < best[0]:
            best = (score, v, ab)
    return None if best is None else (best[1], best[2])


def _box_ray_distance(diagram: Diagram, v: int, q: int, box: tuple[int, int, int, int]) -> float:
    """How far a label's box lies from the ray from point v through point q: 0 when the ray
    crosses the box.

    >>> d = Diagram(10, 10, 2.0, [pt.Point((0.0, 0.0)), pt.Point((10.0, 0.0))], [], [])
    >>> _box_ray_distance(d, 0, 1, (4, 3, 6, 5)), _box_ray_distance(d, 0, 1, (4, -1, 6, 5))
    (3.0, 0.0)
    >>> _box_ray_distance(d, 0, 1, (-6, -2, -3, 2)), _box_ray_distance(d, 1, 0, (-6, -2, -3, 2))
    (3.0, 0.0)
    """
    a, b = diagram.points[v].xy, diagram.points[q].xy
    lo, hi = 0.0, math.inf
    for p, step, m0, m1 in ((a[0], b[0] - a[0], box[0], box[2]), (a[1], b[1] - a[1], box[1], box[3])):
        if abs(step) < 1e-9:
            if not m0 <= p <= m1:
                lo = math.inf
        else:
            t0, t1 = sorted(((m0 - p) / step, (m1 - p) / step))
            lo, hi = max(lo, t0), min(hi, t1)
    if lo <= hi:
        return 0.0
    corners = ((box[0], box[1]), (box[2], box[1]), (box[0], box[3]), (box[2], box[3]))
    return min(min(_ray_distance(diagram, v, q, (float(x), float(y))) for x, y in corners),
               _box_distance(box, a))


def _ray_distance(diagram: Diagram, v: int, q: int, p: Xy) -> float:
    a, b = diagram.points[v].xy, diagram.points[q].xy
    seg = Segment(a, b)
    d = seg.direction()
    u = (p[0] - a[0]) * d[0] + (p[1] - a[1]) * d[1]
    return pt.line_distance(seg, p) if u > 0 else math.dist(a, p)


def free_strokes(ink: np.ndarray, texts: list[Text], diagram: Diagram) -> np.ndarray:
    """Skeleton pixels of the ink that belong to no text, segment or circle: curved arrows,
    angle arcs and other marks (each running on across the strokes it crosses). A 'text' read
    as marks alone, no letter or digit ('>', '\\'), is a mark: an arrow's head read as a
    character stays on its arrow."""
    from skimage.morphology import skeletonize

    skel: np.ndarray = skeletonize(ink).astype(bool)  # type: ignore[no-untyped-call]
    for t in texts:
        if t.kind == "other" and not any(c.isalnum() for c in t.text):
            continue
        x0, y0, x1, y1 = t.box
        skel[max(0, y0 - 1) : y1 + 1, max(0, x0 - 1) : x1 + 1] = False
    ys, xs = np.nonzero(skel)
    if len(xs) == 0:
        return skel
    pts = np.stack([xs, ys], axis=1).astype(np.float64)
    keep = np.ones(len(pts), dtype=bool)
    tol = max(2.5, 1.5 * diagram.stroke)
    for sg in diagram.segments:
        d = sg.direction()
        rel = pts - np.array(sg.a)
        u = rel @ np.array(d)
        off = np.abs(rel[:, 0] * d[1] - rel[:, 1] * d[0])
        keep &= ~((off <= tol) & (u >= -tol) & (u <= sg.length + tol))
    for ring in diagram.circles:
        c = diagram.points[ring.centre].xy
        keep &= np.abs(np.hypot(pts[:, 0] - c[0], pts[:, 1] - c[1]) - ring.radius) > tol
    out = np.zeros_like(skel)
    out[ys[keep], xs[keep]] = True
    # where a mark crosses a line or a circle (a curved arrow drawn across the circle to an
    # inscribed angle) its pixels on the stroke were left out: put back the skeleton pixels
    # within the band's width of the mark's own, so it runs on across
    from scipy import ndimage

    near = ndimage.binary_dilation(out, structure=np.ones((3, 3), dtype=bool), iterations=int(math.ceil(tol)) + 1)
    bridged: np.ndarray = out | (skel & near)
    return bridged


# An arrow is followed across a gap up to twice this wide (pixels): where it crosses a side, the
# side's band was taken out of the free strokes.
ARROW_GAP = 4
STEPS = [(dy, dx) for dy in (-1, 0, 1) for dx in (-1, 0, 1) if (dy, dx) != (0, 0)]


def arrow_tips(values: list[Text], free: np.ndarray) -> dict[int, Xy]:
    """Where a curved arrow drawn from a value label points: follow the free strokes that start
    beside the label to their end farthest from it (where the arrow meets the figure)."""
    from collections import deque

    from scipy import ndimage

    h, w = free.shape
    disk = np.hypot(*np.mgrid[-ARROW_GAP:ARROW_GAP + 1, -ARROW_GAP:ARROW_GAP + 1]) <= ARROW_GAP
    free = ndimage.binary_dilation(free, structure=disk) if free.any() else free
    out: dict[int, Xy] = {}
    for k, t in enumerate(values):
        x0, y0, x1, y1 = t.box
        th = max(t.height, 8)
        pad = int(0.8 * th)
        seeds = [
            (int(y), int(x))
            for y, x in zip(*np.nonzero(free[max(0, y0 - pad) : y1 + pad, max(0, x0 - pad) : x1 + pad]))
        ]
        seeds = [(y + max(0, y0 - pad), x + max(0, x0 - pad)) for y, x in seeds]
        if not seeds:
            continue
        seen = set(seeds)
        queue = deque(seeds)
        best: tuple[float, Xy] | None = None
        limit = 12 * th
        while queue and len(seen) < 4000:
            y, x = queue.popleft()
            far = math.hypot(max(x0 - x, 0, x - x1), max(y0 - y, 0, y - y1))
            if far > limit:
                continue
            if best is None or far > best[0]:
                best = (far, (float(x), float(y)))
            for dy, dx in STEPS:
                ny, nx = y + dy, x + dx
                if 0 <= ny < h and 0 <= nx < w and free[ny, nx] and (ny, nx) not in seen:
                    seen.add((ny, nx))
                    queue.append((ny, nx))
        if best is not None and best[0] >= 1.2 * th:
            out[k] = best[1]
    return out


def _leader_end(diagram: Diagram, t: Text) -> int | None:
    """The point a leader from this text ends at, if any."""
    for s in diagram.leaders:
        for near_end, far_end in ((s.a, s.b), (s.b, s.a)):
            if _box_distance(t.box, near_end) <= max(t.height, 10) * 0.8:
                best = min(
                    range(len(diagram.points)),
                    key=lambda k: math.dist(diagram.points[k].xy, far_end),
                    default=None,
                )
                if best is not None and math.dist(diagram.points[best].xy, far_end) <= pt.reach(
                    diagram.stroke
                ) * 2:
                    return best
    return None


def _leader_far(diagram: Diagram, t: Text) -> Xy:
    for s in diagram.leaders:
        for near_end, far_end in ((s.a, s.b), (s.b, s.a)):
            if _box_distance(t.box, near_end) <= max(t.height, 10) * 0.8:
                # the angle is the one the leader's last stretch points into
                return (2 * far_end[0] - near_end[0] * 1.0, 2 * far_end[1] - near_end[1] * 1.0)
    return t.centre


def _box_distance(box: tuple[int, int, int, int], p: Xy) -> float:
    x0, y0, x1, y1 = box
    return math.hypot(max(x0 - p[0], 0.0, p[0] - x1), max(y0 - p[1], 0.0, p[1] - y1))


def right_angles(diagram: Diagram, ink: np.ndarray, texts: list[Text] | None = None) -> list[Fact]:
    """Right-angle squares: two short strokes closing a small square in the corner of two lines
    (a label's characters set in the corner, such as an angle's 'x°', are no square's sides)."""
    out: list[Fact] = []
    if texts:
        ink = ink.copy()
        for t in texts:
            if not is_label(t):
                continue  # a mark OCR tried to read ('|', '\\', '+L'): maybe the square's side
            x0, y0, x1, y1 = t.box
            ink[max(0, y0) : max(0, y1), max(0, x0) : max(0, x1)] = False
    seen: set[frozenset[int]] = set()
    h, w = ink.shape
    for v in range(len(diagram.points)):
        rs = rays(diagram, v)
        vx, vy = diagram.points[v].xy
        for i in range(len(rs)):
            for j in range(i + 1, len(rs)):
                (a0, p0), (a1, p1) = rs[i], rs[j]
                between = abs((a1 - a0 + math.pi) % (2 * math.pi) - math.pi)
                if abs(math.degrees(between) - 90) > SQUARE_DEG:
                    continue
                u = (math.cos(a0), math.sin(a0))
                q = (math.cos(a1), math.sin(a1))
                others = [(math.cos(a), math.sin(a)) for k, (a, _p) in enumerate(rs) if k not in (i, j)]
                if _square_at(ink, (vx, vy), u, q, diagram.stroke, h, w, _largest_square(diagram), others):
                    # one fact a pair of lines (rays along one line are the same line)
                    key = frozenset((_line_of(diagram, v, p0), _line_of(diagram, v, p1)))
                    if key not in seen:
                        seen.add(key)
                        out.append(Fact("perpendicular", (v, p0, v, p1)))
    return out


def is_label(t: Text) -> bool:
    """A text that is a label: a letter or a value, or an unread text with two letters or digits
    (what OCR makes of a single stroke, '|', '\\', '+L', is no label: a tick or a mark's side)."""
    return t.kind != "other" or sum(c.isalnum() for c in t.text) >= 2


def _line_of(diagram: Diagram, a: int, b: int) -> int:
    """The index of the drawn line through points a and b (-1 - b when none)."""
    for k, line in enumerate(diagram.lines):
        if a in line.points and b in line.points:
            return k
    return -1 - b


def _largest_square(diagram: Diagram) -> int:
    """The largest right-angle mark looked for (pixels): the longest side set apart as one, or
    34 pixels."""
    return int(max([34.0] + [s.length + 4.0 for s in diagram.squares]))


def _square_at(
    ink: np.ndarray, v: Xy, u: Xy, q: Xy, stroke: float, h: int, w: int, largest: int = 34,
    others: list[Xy] | None = None,
) -> bool:
    """Ink along both far sides of a square of some size in the corner (u, q) at v, and none
    inside it off the other rays ``others`` from v (a line may cross the square: a diagonal
    or an altitude from the corner)."""
    # the square's far sides lie at least a stroke and a half off the lines (else the lines'
    # own ink near the vertex passes for them)
    first = int(max(8.0, 4.0 * stroke))
    for size in range(first, max(first + 2, largest), 2):
        ok = True
        for k in range(2):
            a = (v[0] + size * (u if k == 0 else q)[0], v[1] + size * (u if k == 0 else q)[1])
            d = q if k == 0 else u
            hits = 0
            n = 0
            for t in np.linspace(0.4, 0.85, 6):
                x = a[0] + t * size * d[0]
                y = a[1] + t * size * d[1]
                n += 1
                if _inked(ink, x, y, max(1.0, stroke * 0.6), h, w):
                    hits += 1
            if hits < n - 1:
                ok = False
                break
        if ok:
            inside = []
            for su, sq in ((0.5, 0.5), (0.6, 0.3), (0.3, 0.6)) if others else ((0.5, 0.5),):
                x = (v[0] + size * (su * u[0] + sq * q[0]), v[1] + size * (su * u[1] + sq * q[1]))
                rel = (x[0] - v[0], x[1] - v[1])
                if not any(
                    abs(rel[0] * o[1] - rel[1] * o[0]) <= 1.5 * stroke + 1.5 and rel[0] * o[0] + rel[1] * o[1] > 0
                    for o in others or []
                ):
                    inside.append(x)
            if inside and not any(_inked(ink, x[0], x[1], 0.0, h, w) for x in inside):
                return True
    return False


def _inked(ink: np.ndarray, x: float, y: float, r: float, h: int, w: int) -> bool:
    ri = int(math.ceil(r))
    for dy in range(-ri, ri + 1):
        for dx in range(-ri, ri + 1):
            xi, yi = int(round(x + dx)), int(round(y + dy))
            if 0 <= xi < w and 0 <= yi < h and ink[yi, xi]:
                return True
    return False


def ticked(diagram: Diagram) -> dict[tuple[int, int], list[Xy]]:
    """The pieces crossed by tick marks, with the middles of their ticks."""
    out: dict[tuple[int, int], list[Xy]] = {}
    slack = pt.reach(diagram.stroke)
    for piece in pieces(diagram):
        a, b = diagram.points[piece[0]].xy, diagram.points[piece[1]].xy
        seg = Segment(a, b)
        for tick in diagram.marks:
            x = pt.crossing(seg, tick)
            if x is None:
                continue
            mid = ((tick.a[0] + tick.b[0]) / 2, (tick.a[1] + tick.b[1]) / 2)
            if pt.within(seg, x, -slack) and pt.within(tick, x, 0.0) and pt.line_distance(
                seg, mid
            ) <= tick.length * 0.35 + 1:
                out.setdefault(piece, []).append(mid)
    return out


def equal_ticks(diagram: Diagram, ink: np.ndarray | None = None) -> list[Fact]:
    """Pieces crossed by the same number (one or more) of tick marks have equal lengths (with
    ``ink``, a piece whose ticks the reader did not set apart as strokes is searched for ticks
    in the ink across it: ``ink_ticks``)."""
    counts = {piece: len(mids) for piece, mids in ticked(diagram).items()}
    if ink is not None:
        for piece in pieces(diagram):
            if piece not in counts:
                n = len(ink_ticks(diagram, ink, piece))
                if n:
                    counts[piece] = n
    out = []
    groups: dict[int, list[tuple[int, int]]] = {}
    for piece, n in counts.items():
        groups.setdefault(n, []).append(piece)
    for group in groups.values():
        for a, b in zip(group, group[1:]):
            out.append(Fact("equal", (*a, *b)))
    return out


def ink_ticks(diagram: Diagram, ink: np.ndarray, piece: tuple[int, int]) -> list[float]:
    """Where tick marks cross the middle of a piece (distances from its first point): the ink
    in a band along the piece, its own stroke left out, falls into pieces on either side; a tick
    is a straight stroke through the line, so it leaves two such pieces, one each side, that
    meet the line at one place and reach out about as far in opposite directions along it (point
    symmetric). An arrowhead's two arms or halves lean the same way (mirror symmetric), another
    line crossing runs out of the band, a label sits on one side only."""
    from scipy import ndimage

    a, b = diagram.points[piece[0]].xy, diagram.points[piece[1]].xy
    seg = Segment(a, b)
    L = seg.length
    stroke = max(diagram.stroke, 1.0)
    core = TICK_CORE * stroke + 1.0
    reach = TICK_BAND * stroke + 7.0
    shortest = max(3.5, TICK_MIN * stroke + 1.0)
    lo, hi = max(0.12 * L, reach), min(0.88 * L, L - reach)
    if hi - lo < 2 * shortest:
        return []
    d = seg.direction()
    n = (-d[1], d[0])
    h, w = ink.shape
    us = np.arange(lo, hi, 0.5)
    offs = np.arange(-math.ceil(reach) - 2, math.ceil(reach) + 2.5, 0.5)
    xs = a[0] + us[:, None] * d[0] + offs[None, :] * n[0]
    ys = a[1] + us[:, None] * d[1] + offs[None, :] * n[1]
    xi = np.round(xs).astype(int)
    yi = np.round(ys).astype(int)
    inside = (xi >= 0) & (xi < w) & (yi >= 0) & (yi < h)
    grid = np.zeros(xi.shape, dtype=bool)
    grid[inside] = ink[yi[inside], xi[inside]]
    grid[:, np.abs(offs) <= core] = False
    labels, count = ndimage.label(grid, structure=np.ones((3, 3), dtype=bool))
    halves: list[tuple[int, float, float, float]] = []  # side, u where it meets the line, lean, reach
    for k, sl in enumerate(ndimage.find_objects(labels), start=1):
        if sl is None:
            continue
        rows, cols = np.nonzero(labels[sl] == k)
        u = us[rows + sl[0].start]
        o = offs[cols + sl[1].start]
        far = float(np.abs(o).max())
        near = float(np.abs(o).min())
        if far > reach or far < shortest or near > core + 1.0 or (o > 0).any() and (o < 0).any():
            continue
        if rows.min() + sl[0].start == 0 or rows.max() + sl[0].start == len(us) - 1:
            continue
        at = float(u[np.abs(o) <= near + 1.0].mean())
        tip = float(u[np.abs(o) >= far - 1.0].mean())
        halves.append((1 if o[0] > 0 else -1, at, tip - at, far))
    found: list[float] = []
    used: set[int] = set()
    for i, (side, at, lean, far) in enumerate(halves):
        if side < 0 or i in used:
            continue
        best = None
        for j, (side2, at2, lean2, far2) in enumerate(halves):
            if side2 > 0 or j in used:
                continue
            if abs(at - at2) > 1.5 * stroke + 1.5 or max(far, far2) > 1.7 * min(far, far2):
                continue
            # point symmetric: the two halves lean opposite ways by about as much
            if abs(lean + lean2) > max(1.5 * stroke, 0.3 * (far + far2) / 2) + 0.5:
                continue
            if best is None or abs(at - at2) < best[0]:
                best = (abs(at - at2), j)
        if best is not None:
            used.update((i, best[1]))
            found.append((at + halves[best[1]][1]) / 2)
    return sorted(found)


def _heads_on(diagram: Diagram, ink: np.ndarray, piece: tuple[int, int]) -> int:
    """How many arrowheads sit on the middle of a piece: runs along it where its ink widens
    (a filled head, or the arms of an open one) well past the stroke, but not so far that it
    is another line crossing or a label."""
    a, b = diagram.points[piece[0]].xy, diagram.points[piece[1]].xy
    seg = Segment(a, b)
    L = seg.length
    stroke = max(diagram.stroke, 1.0)
    reach = PARALLEL_REACH * stroke + 3.0
    if L < 6 * reach:
        return 0
    d = seg.direction()
    n = (-d[1], d[0])
    h, w = ink.shape
    offs = np.arange(-math.ceil(reach) - 3, math.ceil(reach) + 4, 1.0)
    # an arrowhead at the end of a line (a ray drawn to its tip) is no parallel mark
    lo = 0.15 * L + (3.0 * reach if "arrow" in diagram.points[piece[0]].kinds else 0.0)
    hi = 0.85 * L - (3.0 * reach if "arrow" in diagram.points[piece[1]].kinds else 0.0)
    us = np.arange(lo, hi, 1.0)
    if len(us) < 2:
        return 0
    xs = a[0] + us[:, None] * d[0] + offs[None, :] * n[0]
    ys = a[1] + us[:, None] * d[1] + offs[None, :] * n[1]
    xi = np.clip(np.round(xs).astype(int), 0, w - 1)
    yi = np.clip(np.round(ys).astype(int), 0, h - 1)
    prof = ink[yi, xi]
    inner = np.abs(offs) <= reach
    outer = ~inner
    width = prof[:, inner].sum(axis=1)
    clear = ~prof[:, outer].any(axis=1)  # the widening ends inside the reach
    base = float(np.median(width))
    wide = (width >= base + PARALLEL_WIDEN * stroke) & clear
    runs = 0
    k = 0
    need = max(PARALLEL_RUN_PX, int(PARALLEL_RUN * stroke))
    while k < len(wide):
        if wide[k]:
            j = k
            while j < len(wide) and wide[j]:
                j += 1
            if j - k >= need:
                runs += 1
            k = j
        else:
            k += 1
    return runs


def parallel_marks(diagram: Diagram, ink: np.ndarray) -> list[Fact]:
    """Pieces carrying the same number of arrowheads on their middles, in about the same
    direction, are parallel (one fact a pair of lines)."""
    marked: list[tuple[int, tuple[int, int], float]] = []
    for piece in pieces(diagram):
        n = _heads_on(diagram, ink, piece)
        if n:
            a, b = diagram.points[piece[0]].xy, diagram.points[piece[1]].xy
            marked.append((n, piece, math.degrees(math.atan2(b[1] - a[1], b[0] - a[0])) % 180.0))
    out: list[Fact] = []
    seen: set[frozenset[int]] = set()
    for i, (n, p, th) in enumerate(marked):
        for m, q, ph in marked[i + 1 :]:
            diff = abs((th - ph + 90.0) % 180.0 - 90.0)
            if m != n or diff > PARALLEL_DEG:
                continue
            key = frozenset((_line_of(diagram, *p), _line_of(diagram, *q)))
            if len(key) < 2 or key in seen:
                continue
            seen.add(key)
            out.append(Fact("parallel", (*p, *q)))
    return out
