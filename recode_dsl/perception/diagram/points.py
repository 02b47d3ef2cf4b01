"""Points of a figure: where strokes meet, cross or end, circle centres, and drawn dots.

A point is where two segments meet or cross (their lines' intersection, when it lies on both
segments or within a stroke's reach of their ends), a segment's free end (snapped onto a circle
it ends on), where a segment crosses a circle, a circle's centre, or a filled dot.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
from scipy import ndimage

from recode_dsl.perception.diagram.strokes import Circle, Segment

Xy = tuple[float, float]

# Two lines closer than this angle (degrees) are taken as parallel: their crossing is too
# ill-defined to place a point.
MIN_CROSS_DEG = 6.0
# A line passing this many pixels (or this share of the radius) outside a circle touches it.
TANGENT_PX = 2.0
TANGENT_SHARE = 0.015
# A drawn dot fills its box as a disc does (pi/4 = 0.785); an arrowhead fills about half.
DOT_FILL = 0.68


@dataclass(slots=True)
class Point:
    """A read point (image pixels, y down) and why it is there."""

    xy: Xy
    kinds: set[str] = field(default_factory=set)  # "end", "arrow", "cross", "centre", "dot", "circle"
    name: str | None = None


def reach(stroke: float) -> float:
    """How far past a segment's drawn end a meeting still counts (pixels)."""
    return max(7.0, 3.0 * stroke)


def _param(seg: Segment, p: Xy) -> float:
    d = seg.direction()
    return (p[0] - seg.a[0]) * d[0] + (p[1] - seg.a[1]) * d[1]


def distance_along(seg: Segment, p: Xy) -> float:
    """How far along the segment from ``seg.a`` p's foot lies (pixels; negative before it)."""
    return _param(seg, p)


def line_distance(seg: Segment, p: Xy) -> float:
    """Distance from p to the segment's infinite line."""
    d = seg.direction()
    return abs((p[0] - seg.a[0]) * d[1] - (p[1] - seg.a[1]) * d[0])


def crossing(s: Segment, t: Segment) -> Xy | None:
    """Intersection of the two segments' lines, or None when nearly parallel."""
    d1, d2 = s.direction(), t.direction()
    den = d1[0] * d2[1] - d1[1] * d2[0]
    if abs(den) < math.sin(math.radians(MIN_CROSS_DEG)):
        return None
    dx, dy = t.a[0] - s.a[0], t.a[1] - s.a[1]
    u = (dx * d2[1] - dy * d2[0]) / den
    return (s.a[0] + u * d1[0], s.a[1] + u * d1[1])


def merged_ink(s: Segment, t: Segment, stroke: float, slack: float) -> float:
    """How far back from where two strokes meet their ink runs together (pixels, at most
    2 ``slack``): a stroke's width over the tangent of half the angle between them. Strokes
    meeting at a narrow angle are read as ending short of their meeting point by about this."""
    d1, d2 = s.direction(), t.direction()
    cos = min(1.0, abs(d1[0] * d2[0] + d1[1] * d2[1]))
    half = math.acos(cos) / 2.0
    if half <= 0.0:
        return 2.0 * slack
    return min(2.0 * slack, stroke / math.tan(half))


def within(seg: Segment, p: Xy, slack: float) -> bool:
    """p lies along the segment, up to ``slack`` past either end."""
    u = _param(seg, p)
    return -slack <= u <= seg.length + slack


def circle_hits(seg: Segment, c: Circle) -> list[Xy]:
    """Where the segment's line meets the circle."""
    d = seg.direction()
    fx, fy = seg.a[0] - c.centre[0], seg.a[1] - c.centre[1]
    b = fx * d[0] + fy * d[1]
    cc = fx * fx + fy * fy - c.radius * c.radius
    disc = b * b - cc
    # a tangent drawn a hair off the circle, outside or inside (a pixel or two, however large
    # the circle), touches it at one point: the foot of the perpendicular from the centre
    off = math.sqrt(max(0.0, c.radius * c.radius - disc)) - c.radius
    if abs(off) <= max(TANGENT_PX, TANGENT_SHARE * c.radius):
        return [(seg.a[0] - b * d[0], seg.a[1] - b * d[1])]
    if disc < 0:
        return []
    r = math.sqrt(disc)
    return [(seg.a[0] + u * d[0], seg.a[1] + u * d[1]) for u in (-b - r, -b + r)]


def dots(ink: np.ndarray, stroke: float) -> list[Xy]:
    """Centres of filled round dots: ink that survives an opening wider than a stroke and is
    round (an arrowhead is a triangle, a junction of strokes is not filled round)."""
    from skimage.morphology import disk, opening

    rad = int(math.ceil(stroke * 0.9 + 1.0))
    opened = opening(ink, disk(rad))  # type: ignore[no-untyped-call]
    labels, n = ndimage.label(opened)
    out: list[Xy] = []
    for i, sl in enumerate(ndimage.find_objects(labels), start=1):
        if sl is None:
            continue
        hgt, wid = sl[0].stop - sl[0].start, sl[1].stop - sl[1].start
        area = int((labels[sl] == i).sum())
        if max(hgt, wid) > 8 * stroke + 8 or min(hgt, wid) < max(5.0, 2.2 * stroke):
            continue
        if area < DOT_FILL * hgt * wid or max(hgt, wid) > 1.3 * min(hgt, wid):
            continue
        cy, cx = ndimage.center_of_mass(labels[sl] == i)
        out.append((sl[1].start + float(cx), sl[0].start + float(cy)))
    return out


def find_points(
    segments: list[Segment],
    circles: list[Circle],
    dot_xy: list[Xy],
    stroke: float,
    tips: dict[Xy, float] | None = None,
) -> list[Point]:
    """Every point of the figure, near duplicates merged (``tips``: the segment ends that carry
    an arrowhead, with its length: a filled head is no dot, and the tip is an "arrow" point)."""
    slack = reach(stroke)
    tips = tips or {}
    dot_xy = [
        xy for xy in dot_xy if not any(math.dist(xy, tip) <= size + slack for tip, size in tips.items())
    ]
    cands: list[tuple[Xy, str]] = []
    blots: list[Xy] = []
    meets: list[tuple[Xy, str]] = []  # where each pair's lines cross, before snapping
    for s, t, x, far, own in _crossings(segments, stroke, slack):
        cands.append((x, "cross"))
        meets.append((own, "cross"))
        # the ink where two strokes run together before they meet is no drawn dot
        blots += [
            xy for xy in dot_xy
            if slack / 2 < math.dist(xy, x) <= far
            and line_distance(s, xy) <= stroke + 2.0 and line_distance(t, xy) <= stroke + 2.0
        ]
    dot_xy = [xy for xy in dot_xy if xy not in blots]
    for c in circles:
        cands.append((c.centre, "centre"))
        for s in segments:
            for x in circle_hits(s, c):
                if within(s, x, slack) and _on_drawn_arc(c, x):
                    cands.append((x, "circle"))
    for xy in dot_xy:
        cands.append((xy, "dot"))
    for s in segments:
        for end in (s.a, s.b):
            if any(math.dist(end, p) <= slack for p, _ in cands + meets):
                continue
            # a stroke's end that stops a little short of where it meets the others (the ink
            # of strokes meeting at a narrow angle merges) is that meeting point
            if any(
                math.dist(end, p) <= 2.2 * slack and line_distance(s, p) <= slack / 2
                for p, kind in cands + meets
                if kind != "end"
            ):
                continue
            if _run_into(s, end, segments, [p for p, kind in cands if kind == "cross"], stroke, slack):
                continue
            cands.append((end, "arrow" if end in tips else "end"))
    return _merge(cands, slack)


def _run_into(s: Segment, end: Xy, segments: list[Segment], meets: list[Xy], stroke: float, slack: float) -> bool:
    """The end of s lies along another stroke whose ink runs together with its own for more
    than a reach, past a point where the two meet. Rule of drawing: two lines drawn through one
    point with a bend there merge into one blot beyond it, and either is read on along the
    other: the end of that run is no point (their meeting is). The inks of two strokes touch
    while their middles lie within a stroke's width (and a pixel of smoothing)."""
    on = max(2.0, stroke)
    for t in segments:
        if t is s or merged_ink(s, t, stroke, slack) <= slack:
            continue
        if line_distance(t, end) > stroke + 1.0 or not within(t, end, -slack):
            continue
        if any(
            math.dist(x, end) > slack and line_distance(s, x) <= on and line_distance(t, x) <= on
            and within(s, x, 0.0) and within(t, x, slack)
            for x in meets
        ):
            return True
    return False


def _crossings(
    segments: list[Segment], stroke: float, slack: float
) -> list[tuple[Segment, Segment, Xy, float, Xy]]:
    """Where pairs of segments meet or cross, with how far past their ends it may lie (and
    where their own lines cross).

    Rule of geometry: lines drawn through one point cross there pairwise, but the crossing of
    two at a narrow angle is ill-defined by a stroke's width; when a crossing at a wider angle
    lies on both of them (within a stroke) near their own crossing, that is where they meet."""
    found: list[tuple[float, Segment, Segment, Xy, float]] = []
    for i, s in enumerate(segments):
        for t in segments[i + 1 :]:
            x = crossing(s, t)
            if x is None:
                continue
            far = slack + merged_ink(s, t, stroke, slack)
            if within(s, x, far) and within(t, x, far):
                d1, d2 = s.direction(), t.direction()
                found.append((abs(d1[0] * d2[1] - d1[1] * d2[0]), s, t, x, far))
    found.sort(key=lambda f: -f[0])
    on = max(2.0, stroke)
    out: list[tuple[Segment, Segment, Xy, float, Xy]] = []
    for _sine, s, t, x, far in found:
        same = next(
            (q for _, _, q, _, _ in out
             if math.dist(q, x) <= 3.0 * slack and line_distance(s, q) <= on and line_distance(t, q) <= on
             and within(s, q, far) and within(t, q, far)),
            None,
        )
        out.append((s, t, x if same is None else same, far, x))
    return out


def _on_drawn_arc(c: Circle, p: Xy) -> bool:
    if c.arcs is None:
        return True
    ang = math.atan2(p[1] - c.centre[1], p[0] - c.centre[0])
    pad = 0.12
    for a0, a1 in c.arcs:
        a = ang
        while a < a0 - pad:
            a += 2 * math.pi
        if a <= a1 + pad:
            return True
    return False


def _merge(cands: list[tuple[Xy, str]], radius: float) -> list[Point]:
    """Cluster candidates closer than ``radius``; a centre, crossing or dot outranks an end."""
    rank = {"dot": 0, "centre": 1, "cross": 2, "circle": 3, "end": 4, "arrow": 4}
    order = sorted(range(len(cands)), key=lambda k: rank[cands[k][1]])
    points: list[Point] = []
    members: list[list[Xy]] = []
    for k in order:
        xy, kind = cands[k]
        best = None
        for j, p in enumerate(points):
            if math.dist(p.xy, xy) <= radius and (best is None or math.dist(p.xy, xy) < best[1]):
                best = (j, math.dist(p.xy, xy))
        if best is None:
            points.append(Point(xy, {kind}))
            members.append([xy])
            continue
        j = best[0]
        p = points[j]
        top = min(rank[k2] for k2 in p.kinds)
        p.kinds.add(kind)
        if rank[kind] == top:
            members[j].append(xy)
            p.xy = (
                float(np.mean([m[0] for m in members[j]])),
                float(np.mean([m[1] for m in members[j]])),
            )
    return points
