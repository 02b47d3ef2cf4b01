"""Read a figure image into points, lines and circles (image pixels, y down).

Steps: ink mask; small blobs (letters, numbers, ticks) set apart; circles on the skeleton of
the rest, then straight segments on what the circles leave; circles re-checked without the
segments' pixels (an angle mark or a corner can look like a small circle); points where strokes
meet; lines as the chains of points along each straight stroke (collinear pieces joined).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from recode_dsl.perception.diagram import arrows as ar
from recode_dsl.perception.diagram import image as im
from recode_dsl.perception.diagram import points as pt
from recode_dsl.perception.diagram import strokes as st

# A blob no larger than this share of the image's longer side (and at least TEXT_MIN pixels)
# is a character or a mark, not part of the drawing.
TEXT_SHARE = 0.08
TEXT_MIN = 30.0
# A larger blob, up to LETTER_MAX times that size, is still a letter when it is compact (its
# shorter side at least LETTER_ASPECT of its longer), inks at least LETTER_FILL of its box
# (a straight stroke, a dimension line or a dashed right-angle mark inks less).
LETTER_MAX = 1.3
LETTER_ASPECT = 0.5
LETTER_FILL = 0.2
# Straight strokes shorter than this share of the longer side (and MARK_MIN pixels) are marks.
MARK_SHARE = 0.06
MARK_MIN = 22.0
# Ticks are shorter than TICK_MAX, leaders shorter than LEADER_MAX times the shortest side.
TICK_MAX = 2.5
LEADER_MAX = 3.0
# Two straight pieces whose directions differ by less than this (degrees) and that share a
# point are one line.
SAME_LINE_DEG = 3.0
# A circle inked round less than this share of its circumference is an arc: it is kept only
# when its centre is drawn.
WHOLE_CIRCLE = 0.9
# A stroke ending at a ring at this many degrees or more to its tangent crosses it.
CROSS_RING = 25.0
# An inked run of an arc this many degrees long or more bows off a straight line.
ARC_RUN = 40.0
# A label's arrow is drawn at most this share of the figure strokes' width.
THIN_ARROW = 0.6
# A right-angle mark's side is at most this share of the image's longer side.
SQUARE_SHARE = 0.12
# A dash of a dashed line is at most DASH_MAX stroke widths long; a dashed line has at least
# DASH_COUNT dashes.
DASH_MAX = 12.0
DASH_COUNT = 3
DASH_LONG = 1.8
# A dashed line may miss up to DASH_HOLE dashes in a row (where it crosses a stroke).
DASH_HOLE = 3
# A small blob this many times longer than wide is one straight stroke (see _blob_strokes).
BLOB_STROKE = 3.0
# An arrowhead at least BIG_HEAD pixels long names the line's end at its back (HEAD_BACK pixels
# short of the head's length).
BIG_HEAD = 28.0
HEAD_BACK = 3.0


@dataclass(slots=True)
class Line:
    """A straight stroke and the points on it, in order along it."""

    points: list[int]
    dashed: bool = False


@dataclass(slots=True)
class Ring:
    """A circle (or an arc of one) and the points drawn on it."""

    centre: int
    radius: float
    points: list[int]
    arcs: tuple[tuple[float, float], ...] | None = None


@dataclass(slots=True)
class Diagram:
    """What was read from a figure: positions in image pixels, y down."""

    width: int
    height: int
    stroke: float
    points: list[pt.Point]
    lines: list[Line]
    circles: list[Ring]
    segments: list[st.Segment] = field(default_factory=list)
    marks: list[st.Segment] = field(default_factory=list)  # short strokes: ticks, squares
    leaders: list[st.Segment] = field(default_factory=list)  # from a text to what it labels
    blobs: list[im.Blob] = field(default_factory=list)  # the small blobs: texts and marks
    labels: npt.NDArray[np.int32] | None = None
    squares: list[st.Segment] = field(default_factory=list)  # sides of right-angle marks
    # dimension lines: the tips of their two heads
    dimensions: list[tuple[tuple[float, float], tuple[float, float]]] = field(default_factory=list)


def min_length(page: im.Page) -> float:
    """The shortest straight stroke taken for a side or a line, not a tick, a square or a chord
    of an angle arc (pixels)."""
    return max(MARK_MIN, MARK_SHARE * max(page.width, page.height))


def text_size(page: im.Page) -> float:
    """The largest blob size (pixels) still taken for a character or a mark."""
    return max(TEXT_MIN, TEXT_SHARE * max(page.width, page.height))


def _large_letter(b: im.Blob, limit: float) -> bool:
    """A blob somewhat larger than the text size that is a letter all the same (a capital W or
    M set large beside a small figure): compact and well inked. (No circle is this small: the
    cap stays under the smallest circle's diameter, strokes.MIN_RADIUS and MIN_RADIUS_SHARE.)"""
    h, w = b.height, b.width
    return (
        max(h, w) <= LETTER_MAX * limit
        and min(h, w) >= LETTER_ASPECT * max(h, w)
        and b.area >= LETTER_FILL * h * w
    )


def read_geometry(image: npt.NDArray[np.generic]) -> Diagram:
    """Points, lines and circles of a figure image (HxW, HxWx3 or HxWx4 array)."""
    page = im.page_of(image)
    labels, all_blobs = im.blobs(page.ink)
    limit = text_size(page)
    small = [b for b in all_blobs if im.is_small(b, limit) or _large_letter(b, limit)]
    mask = page.ink.copy()
    for b in small:
        r0, c0, r1, c1 = b.box
        mask[r0:r1, c0:c1][labels[r0:r1, c0:c1] == b.label] = False
    pts = st.skeleton_points(mask)
    circles = st.find_circles(pts, mask, page.stroke)
    dot_all = pt.dots(page.ink, page.stroke)
    circles = [c for c in circles if c.cover >= WHOLE_CIRCLE or _centre_drawn(c, mask, dot_all, page.stroke)]
    rest = st.remove_near_circles(pts, circles, page.stroke)
    segments = st.find_segments(rest, mask, page.stroke)
    kept = _recheck_circles(pts, circles, segments, page.stroke)
    if len(kept) != len(circles):
        circles = kept
        rest = st.remove_near_circles(pts, circles, page.stroke)
        segments = st.find_segments(rest, mask, page.stroke)
    # dashed lines whose dashes are each a blob of their own (set apart with the texts above)
    dashed, dash_blobs = _dashed_lines(labels, small, page.stroke, min_length(page))
    if dashed:
        reach = max(st.MAX_GAP, 2.0 * DASH_MAX * page.stroke)
        segments = segments + [
            _dash_reach(s, segments, circles, reach, [t for t in dashed if t is not s]) for s in dashed
        ]
        small = [b for b in small if b.label not in dash_blobs]
    segments = [_to_circles(s, circles, page.stroke) for s in segments]
    segments, squares = _square_sides(segments, page.stroke, max(page.width, page.height))
    segments = _split_at_heads(page.ink, segments, page.stroke)
    shortest = min_length(page)
    marks = [s for s in segments if s.length < shortest]
    segments = [s for s in segments if s.length >= shortest]
    drawn = segments
    segments, ticks, leaders = _set_apart(segments, circles, small, shortest, limit, page.stroke)
    marks += ticks
    # strokes that meet nothing (set apart from the figure): a dimension line's halves beside
    # the figure, each touching only its end bar or nothing, are looked for among them below
    apart = [s for s in drawn if not any(s is t for t in segments + ticks + leaders)]
    circles = [_with_arcs(pts, c, page.stroke) for c in circles]
    circles = [c for c in circles if not _angle_mark(c, segments, page.stroke)]
    heads = ar.heads(page.ink, segments, page.stroke)
    # a stroke with a head at both ends that nothing crosses is a dimension line, not part of
    # the figure (a line drawn with two heads is crossed by the figure); so is each half of one
    # cut by its value: a head at one end, the other end free beside a text
    # so is one whose two heads point at end bars, though figure strokes cross it
    both = {
        k for k, _ in heads
        if (k, 0) in heads and (k, 1) in heads and (
            not _crossed(segments[k], segments, circles, page.stroke)
            or all(ar.on_bar(page.ink, segments[k], e, page.stroke) for e in (0, 1))
        )
    }
    halves = {
        k for k, e in heads
        if (k, 1 - e) not in heads
        and _free_by_text(segments, k, 1 - e, circles, small, limit, page.stroke)
        and not _crossed(segments[k], segments, circles, page.stroke)
    }
    # the halves of a dimension line drawn without heads, between two end bars
    bars = _bar_ends(segments, page.stroke)
    bar_halves = {
        k for k, e in bars
        if (k, 1 - e) not in bars and not ({(k, 0), (k, 1)} & heads.keys())
        and _free_by_text(segments, k, 1 - e, circles, small, limit, page.stroke)
        and not _crossed(segments[k], segments, circles, page.stroke)
    }
    paired: set[int] = set()
    head_spans = _paired_halves(segments, halves, heads, paired)
    # a half with a head and a half ending on a bar (its head not found) are one line too
    barred: set[int] = set()
    bar_spans = _paired_halves(segments, bar_halves | (halves - paired), {**bars, **heads}, barred)
    dims = both | halves | barred
    # a half with a head left unpaired (now a mark): its other half may have been set apart
    lone: list[st.Segment] = []
    dimensions: list[tuple[tuple[float, float], tuple[float, float]]] = []
    if dims and len(dims) < len(segments):
        dimensions = [(segments[k].a, segments[k].b) for k in sorted(both)]
        dimensions += head_spans + bar_spans
        marks += [segments[k] for k in sorted(dims)]
        lone = [segments[k] for k in sorted(halves - paired - barred)]
        # extension lines are judged against whole dimension lines (a barred one's halves are
        # each shorter than its bars may be)
        whole = [st.Segment(a, b) for a, b in bar_spans]
        n = len(segments)
        dims |= _extension_lines(segments + whole, dims | set(range(n, n + len(whole))), page.stroke)
        dims = {k for k in dims if k < n}
        keep = [k for k in range(len(segments)) if k not in dims]
        heads = {(keep.index(k), e): v for (k, e), v in heads.items() if k not in dims}
        segments = [segments[k] for k in keep]
    arrows_out = _thin_arrows(page, segments, heads, circles, small, limit)
    if arrows_out:
        leaders += [segments[k] for k in sorted(arrows_out)]
        keep = [k for k in range(len(segments)) if k not in arrows_out]
        heads = {(keep.index(k), e): v for (k, e), v in heads.items() if k not in arrows_out}
        segments = [segments[k] for k in keep]
    # a dimension half short enough to be set apart with the texts is looked for there too
    loose = _blob_strokes(labels, small, page.stroke)
    segments, heads, cut, halves_read = _leader_dimensions(
        page.ink, segments, leaders + loose + apart + lone, heads, page.stroke
    )
    if cut:
        dimensions += cut
        marks += [h for h in halves_read if not any(h is m for m in marks)]
        leaders = [s for s in leaders if not any(s is h for h in halves_read)]
    if dimensions:
        segments, trimmed = _trim_extensions(segments, dimensions, circles, page.stroke)
        heads = {ke: v for ke, v in heads.items() if ke not in trimmed}
    tips = {(segments[k].a if e == 0 else segments[k].b): v for (k, e), v in heads.items()}
    # a filled head of a dimension line is no dot
    dot_xy = [
        xy for xy in dot_all
        if not any(_on_span(a, b, xy, 2.0 * page.stroke + 2.0) for a, b in dimensions)
    ]
    dot_xy = [xy for xy in dot_xy if not _head_dot(page.ink, xy, segments, page.stroke)]
    segments = _join_dashed(segments, page.stroke)
    segments = _run_on(segments, circles, page.ink, page.stroke)
    segments = _join_bent(segments, circles, dot_xy, page.stroke)
    points = pt.find_points(segments, circles, dot_xy, page.stroke, tips)
    _arrow_bases(points, segments, heads, page.stroke)
    lines = _lines(segments, points, page.stroke)
    rings = _rings(circles, points, page.stroke)
    return Diagram(
        width=page.width,
        height=page.height,
        stroke=page.stroke,
        points=points,
        lines=lines,
        circles=rings,
        segments=segments,
        marks=marks,
        leaders=leaders,
        blobs=small,
        labels=labels,
        squares=squares,
        dimensions=dimensions,
    )


def _dashed_lines(
    labels: npt.NDArray[np.int32], small: list[im.Blob], stroke: float, shortest: float
) -> tuple[list[st.Segment], set[int]]:
    """Dashed lines drawn as separate dashes, and the blobs (labels) that are their dashes.

    Rule of drawing: a dash is a short straight piece of a stroke's width (at least DASH_LONG
    times as long as wide, no longer than DASH_MAX strokes); a dashed line is at least
    DASH_COUNT dashes of about one length in a row along their own direction, each gap shorter
    than twice a dash (a fraction bar and a minus sign in one label are no such row: the rest
    of the label is no dash; digits and letters are not thin)."""
    dashes: list[tuple[im.Blob, npt.NDArray[np.float64], npt.NDArray[np.float64], float]] = []
    for b in small:
        r0, c0, r1, c1 = b.box
        if math.hypot(r1 - r0, c1 - c0) > DASH_MAX * stroke + 4.0:
            continue
        ys, xs = np.nonzero(labels[r0:r1, c0:c1] == b.label)
        if len(xs) < 4:
            continue
        xy = np.stack([xs + c0 + 0.5, ys + r0 + 0.5], axis=1).astype(np.float64)
        mid = xy.mean(axis=0)
        _, _, vt = np.linalg.svd(xy - mid, full_matrices=False)
        along, across = (xy - mid) @ vt[0], (xy - mid) @ vt[1]
        length = float(along.max() - along.min()) + 1.0
        # its width on average (a smoothed dash's corner pixel sticks out across it)
        width = min(float(across.max() - across.min()) + 1.0, len(xs) / length)
        if length < max(4.0, 2.0 * stroke) or width > stroke + 2.0 or length < DASH_LONG * width:
            continue
        dashes.append((b, mid, vt[0], length))
    if len(dashes) < DASH_COUNT:
        return [], set()
    pairs: list[tuple[int, int]] = []
    near = math.cos(math.radians(8.0))
    for i, (_, m0, d0, l0) in enumerate(dashes):
        for j in range(i + 1, len(dashes)):
            _, m1, d1, l1 = dashes[j]
            if abs(float(d0 @ d1)) < near or max(l0, l1) > 1.7 * min(l0, l1):
                continue
            step = m1 - m0
            dist = float(np.hypot(*step))
            gap = dist - (l0 + l1) / 2.0
            if gap < 1.0 or gap > (2.0 + 2.0 * DASH_HOLE) * max(l0, l1) or abs(float(step @ d0)) < near * dist:
                continue
            # no dash between them: only neighbours join
            pairs.append((i, j))
    # rows of two or more dashes with equal gaps
    rows: list[tuple[list[int], npt.NDArray[np.float64], npt.NDArray[np.float64], float, float]] = []
    for members in _groups(len(dashes), pairs):
        if len(members) < 2:
            continue
        row = _dash_row(dashes, members, stroke)
        if row is not None:
            rows.append((members, *row))
    # rows along one line with a hole of a few dashes between them (two dashed lines crossing
    # run their dashes there together) are one dashed line
    joined = True
    while joined:
        joined = False
        for i in range(len(rows)):
            for j in range(i + 1, len(rows)):
                mi, ci, di, loi, hii = rows[i]
                mj, cj, dj, loj, hij = rows[j]
                if abs(float(di @ dj)) < math.cos(math.radians(4.0)):
                    continue
                nrm = np.array([-di[1], di[0]])
                mids = np.array([dashes[k][1] for k in mj])
                if float(np.max(np.abs((mids - ci) @ nrm))) > stroke + 1.5:
                    continue
                tj = (mids - ci) @ di
                dash = float(np.median([dashes[k][3] for k in mi + mj]))
                hole = max(float(tj.min()) - hii, loi - float(tj.max()))
                if hole > 4.0 * dash:
                    continue
                row = _dash_row(dashes, mi + mj, stroke)
                if row is None:
                    continue
                rows[i] = (mi + mj, *row)
                del rows[j]
                joined = True
                break
            if joined:
                break
    segs: list[st.Segment] = []
    used: set[int] = set()
    for members, centre, d, lo, hi in rows:
        if len(members) < DASH_COUNT or hi - lo < shortest:
            continue
        p0, p1 = centre + lo * d, centre + hi * d
        segs.append(st.Segment((float(p0[0]), float(p0[1])), (float(p1[0]), float(p1[1])), dashed=True))
        used.update(dashes[k][0].label for k in members)
    return segs, used


def _dash_row(
    dashes: list[tuple[im.Blob, npt.NDArray[np.float64], npt.NDArray[np.float64], float]],
    members: list[int], stroke: float,
) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.float64], float, float] | None:
    """The line through a row of dashes (centre, direction, first and last position along it),
    or None when they do not lie on one line or keep no rhythm."""
    mids = np.array([dashes[k][1] for k in members])
    centre = mids.mean(axis=0)
    _, _, vt = np.linalg.svd(mids - centre, full_matrices=False)
    d = vt[0]
    if float(np.max(np.abs((mids - centre) @ vt[1]))) > stroke + 1.5:
        return None
    t = (mids - centre) @ d
    order = np.argsort(t)
    half = np.array([dashes[members[k]][3] / 2.0 for k in order])
    ts = t[order]
    gaps = np.diff(ts) - (half[1:] + half[:-1])
    if gaps.size:
        # a dashed line keeps its rhythm: every gap is the shortest one, or that with a few
        # dashes missing (run into a crossing or a stroke), dash and gap each time
        short = float(gaps.min())
        period = 2.0 * float(np.median(half)) + short
        k = np.round((gaps - short) / period)
        if np.any(k > DASH_HOLE) or np.any(np.abs(gaps - short - k * period) > 0.25 * period + 2.0):
            return None
    return centre, d, float(ts[0] - half[0]), float(ts[-1] + half[-1])


def _dash_reach(
    s: st.Segment, segments: list[st.Segment], circles: list[st.Circle], reach: float,
    dashed: list[st.Segment] | None = None,
) -> st.Segment:
    """A dashed line runs on to the stroke it ends at: its last dash may touch that stroke (and
    so was no blob of its own), or a gap may come before it. Each end moves out along the line
    to the nearest crossing with another stroke or a circle within ``reach`` pixels; also with
    another dashed line (``dashed``) falling as short of it (where two dashed lines meet, their
    last dashes run together into a corner, no dash of either)."""
    d = s.direction()
    ends = [s.a, s.b]
    for e, sign in ((0, -1.0), (1, 1.0)):
        u0 = 0.0 if e == 0 else s.length
        best: float | None = None
        hits: list[tuple[float, float]] = []
        for t in segments:
            x = pt.crossing(s, t)
            if x is not None and pt.within(t, x, 2.0):
                hits.append(x)
        for t in dashed or []:
            x = pt.crossing(s, t)
            if x is not None and pt.within(t, x, reach):
                hits.append(x)
        for c in circles:
            hits += pt.circle_hits(s, c)
        for x in hits:
            u = (x[0] - s.a[0]) * d[0] + (x[1] - s.a[1]) * d[1]
            out = (u - u0) * sign
            if 0.0 < out <= reach and (best is None or out < best):
                best = out
        if best is not None:
            u = u0 + sign * best
            ends[e] = (s.a[0] + u * d[0], s.a[1] + u * d[1])
    return st.Segment(ends[0], ends[1], s.dashed)


def _arrow_bases(
    points: list[pt.Point], segments: list[st.Segment], heads: dict[tuple[int, int], float],
    stroke: float,
) -> None:
    """A line's end at a large arrowhead is named at the head's back, where the line's own
    stroke ends (the head marks the line going on); at a small head, at its tip. Rule of
    reading, as Geometry3K's annotators name them (train, every 7th figure: heads of BIG_HEAD
    px or more at their back 19 times in 25, smaller ones at their tip 68 times in 76). Moves
    such "arrow" points in place."""
    slack = pt.reach(stroke)
    for (k, e), size in heads.items():
        if size < BIG_HEAD:
            continue
        s = segments[k]
        tip = s.a if e == 0 else s.b
        d = s.direction()
        back = d if e == 0 else (-d[0], -d[1])
        for p in points:
            if "arrow" in p.kinds and p.kinds <= {"arrow", "end"} and math.dist(p.xy, tip) <= slack:
                u = max(0.0, size - HEAD_BACK)
                p.xy = (tip[0] + u * back[0], tip[1] + u * back[1])
                break


def _join_dashed(segments: list[st.Segment], stroke: float) -> list[st.Segment]:
    """A dashed line read in two pieces along one line, a dash's gap between them (dashes over
    a fill or beside a mark run together into a solid-looking piece), is one dashed line: the
    two pieces' facing ends lie at most two reaches apart and no other stroke meets there. A
    piece lying within a dashed line, or one holding a dashed piece, is that line."""
    slack = pt.reach(stroke)
    on = max(2.0, stroke)
    near = math.cos(math.radians(SAME_LINE_DEG))
    out = list(segments)
    joined = True
    while joined:
        joined = False
        for i, s in enumerate(out):
            for j, t in enumerate(out):
                if j == i or not (s.dashed or t.dashed):
                    continue
                ds, dt = s.direction(), t.direction()
                if abs(ds[0] * dt[0] + ds[1] * dt[1]) < near:
                    continue
                # the shorter piece lies on the longer one's line (a short piece's own line
                # may be read a degree or two off)
                long_, short_ = (s, t) if s.length >= t.length else (t, s)
                if pt.line_distance(long_, short_.a) > on or pt.line_distance(long_, short_.b) > on:
                    continue
                if pt.within(s, t.a, 0.0) and pt.within(s, t.b, 0.0):
                    # a piece lying along the dashed line (where a mark's side runs over it)
                    del out[j]
                    joined = True
                    break
                if j < i:
                    continue
                # facing ends: the closest pair of ends, one of each
                fs, ft = min(((a, b) for a in (s.a, s.b) for b in (t.a, t.b)), key=lambda ab: math.dist(*ab))
                gap = math.dist(fs, ft)
                if gap > 2.0 * slack or pt.within(s, ft, -1.0) or pt.within(t, fs, -1.0):
                    continue
                others = [u for k, u in enumerate(out) if k not in (i, j)]
                if any(_meets_end(u, e, slack) for u in others for e in (fs, ft)):
                    continue
                far_s = s.b if fs == s.a else s.a
                far_t = t.b if ft == t.a else t.a
                out[i] = st.Segment(far_s, far_t, dashed=True)
                del out[j]
                joined = True
                break
            if joined:
                break
    return out


def _join_bent(
    segments: list[st.Segment], circles: list[st.Circle], dots: list[tuple[float, float]], stroke: float
) -> list[st.Segment]:
    """Two pieces end to end, a few degrees apart (under points.MIN_CROSS_DEG: too close to
    place a crossing), with nothing else there (no other stroke, circle, centre or dot), are
    one stroke drawn with a slight bend or read broken: their meeting is no point. Rule of
    drawing: a figure's points are where strokes meet, cross or end; a stroke's ends touching
    end to end at one place is neither."""
    out = list(segments)
    pair = _bent_pair(out, circles, dots, stroke)
    while pair is not None:
        i, j, s = pair
        out[i] = s
        del out[j]
        pair = _bent_pair(out, circles, dots, stroke)
    return out


def _bent_pair(
    segments: list[st.Segment], circles: list[st.Circle], dots: list[tuple[float, float]], stroke: float
) -> tuple[int, int, st.Segment] | None:
    """The first two pieces _join_bent joins (their indices) and the stroke they make."""
    slack = pt.reach(stroke)
    near = math.cos(math.radians(pt.MIN_CROSS_DEG))
    for i, s in enumerate(segments):
        for j in range(i + 1, len(segments)):
            t = segments[j]
            ds, dt = s.direction(), t.direction()
            if s.dashed != t.dashed or abs(ds[0] * dt[0] + ds[1] * dt[1]) < near:
                continue
            fs, ft = min(((a, b) for a in (s.a, s.b) for b in (t.a, t.b)), key=lambda ab: math.dist(*ab))
            if math.dist(fs, ft) > slack / 2 or pt.within(s, ft, -slack / 2) or pt.within(t, fs, -slack / 2):
                continue
            mid = ((fs[0] + ft[0]) / 2, (fs[1] + ft[1]) / 2)
            if any(_meets_end(u, mid, slack) for k, u in enumerate(segments) if k not in (i, j)):
                continue
            if any(math.dist(mid, d) <= slack for d in dots) or any(
                min(abs(math.dist(mid, c.centre) - c.radius), math.dist(mid, c.centre)) <= slack for c in circles
            ):
                continue
            return i, j, st.Segment(s.b if fs == s.a else s.a, t.b if ft == t.a else t.a, s.dashed)
    return None


def _meets_end(u: st.Segment, e: tuple[float, float], slack: float) -> bool:
    """Stroke u passes through or ends at point e (within a reach)."""
    return pt.line_distance(u, e) <= slack and pt.within(u, e, slack)


def _run_on(
    segments: list[st.Segment], circles: list[st.Circle], ink: npt.NDArray[np.bool_], stroke: float
) -> list[st.Segment]:
    """A stroke read as ending short of where other strokes meet, its ink running on unbroken
    along its line to that meeting, ends there. Rule of drawing: strokes drawn into one
    vertex at narrow angles merge into one blot of ink before it, and the straight pieces
    are read only up to where they part (farther back than a reach when several meet).
    A dashed stroke's dashes run on instead, its gaps no longer than a dashed line's (its last
    dash can merge with a right-angle mark drawn over it into a blob set apart with the
    texts). Meetings: where two other strokes cross (on both, within a reach) or another's
    end. An end meeting only strokes whose ink runs together with its own for more than a
    reach (a few degrees apart: two lines drawn through one point with a bend there, the
    junction's blot read on along either) is no meeting: it runs on to the crossing beyond."""
    slack = pt.reach(stroke)
    far = 6.0 * slack
    on = max(2.0, stroke)
    meets: list[tuple[float, float]] = []
    by: list[tuple[st.Segment, ...]] = []  # the strokes of each meeting
    for i, t in enumerate(segments):
        meets += [t.a, t.b]
        by += [(t,), (t,)]
        for t2 in segments[i + 1 :]:
            x = pt.crossing(t, t2)
            if x is not None and pt.within(t, x, slack) and pt.within(t2, x, slack):
                meets.append(x)
                by.append((t, t2))
    h, w = ink.shape
    out = list(segments)
    for k, s in enumerate(segments):
        d = s.direction()
        n = (-d[1], d[0])
        gap = st.MAX_GAP if s.dashed else 0.0
        own = {s.a, s.b}
        ends = [s.a, s.b]
        for e in (0, 1):
            end = ends[e]
            sign = -1.0 if e == 0 else 1.0
            # an end that already meets another stroke (not one merged with it) or a circle stays
            if any(
                math.dist(end, q) <= slack and not _merged_with(s, ts, stroke, slack)
                for q, ts in zip(meets, by) if q not in own
            ):
                continue
            if any(abs(math.dist(end, c.centre) - c.radius) <= slack for c in circles):
                continue
            best: tuple[float, tuple[float, float]] | None = None
            for q in meets:
                if q in own or pt.line_distance(s, q) > on:
                    continue
                u = ((q[0] - end[0]) * d[0] + (q[1] - end[1]) * d[1]) * sign
                if slack < u <= far and (best is None or u < best[0]) and _inked(ink, end, q, n, h, w, gap):
                    best = (u, q)
            if best is not None:
                ends[e] = (end[0] + sign * best[0] * d[0], end[1] + sign * best[0] * d[1])
        if ends != [s.a, s.b]:
            out[k] = st.Segment(ends[0], ends[1], s.dashed)
    return out


def _merged_with(s: st.Segment, others: tuple[st.Segment, ...], stroke: float, slack: float) -> bool:
    """Every one of the other strokes runs together with s for more than a reach."""
    return all(t is not s and pt.merged_ink(s, t, stroke, slack) > slack for t in others)


def _inked(
    ink: npt.NDArray[np.bool_], p: tuple[float, float], q: tuple[float, float],
    n: tuple[float, float], h: int, w: int, gap: float = 0.0,
) -> bool:
    """Ink runs unbroken from p to q (within a pixel across the way at every step); with
    ``gap``, as a dashed line's does: no break longer than ``gap`` pixels, and inked over
    at least half the way."""
    steps = int(math.ceil(math.dist(p, q)))
    run = inked = 0
    for i in range(steps + 1):
        f = i / max(steps, 1)
        x, y = p[0] + f * (q[0] - p[0]), p[1] + f * (q[1] - p[1])
        if any(
            0 <= (xx := int(round(x + o * n[0]))) < w and 0 <= (yy := int(round(y + o * n[1]))) < h and ink[yy, xx]
            for o in (-1.0, 0.0, 1.0)
        ):
            run = 0
            inked += 1
            continue
        run += 1
        if run > gap:
            return False
    return 2 * inked >= steps + 1


def _meets_at(s: st.Segment, t: st.Segment, slack: float) -> tuple[float, float] | None:
    """Where along s (0..1) the line of t crosses it, when the crossing lies on both."""
    x = pt.crossing(s, t)
    if x is None or not pt.within(s, x, slack) or not pt.within(t, x, slack):
        return None
    u = (x[0] - s.a[0]) * s.direction()[0] + (x[1] - s.a[1]) * s.direction()[1]
    return u / (s.length or 1.0), (x[0] - t.a[0]) * t.direction()[0] + (
        x[1] - t.a[1]
    ) * t.direction()[1]


def _end_touches_circle(s: st.Segment, circles: list[st.Circle], slack: float) -> list[bool]:
    out = []
    for end in (s.a, s.b):
        out.append(
            any(abs(math.dist(end, c.centre) - c.radius) <= slack for c in circles)
            or any(math.dist(end, c.centre) <= slack for c in circles)
        )
    return out


def _set_apart(
    segments: list[st.Segment],
    circles: list[st.Circle],
    texts: list[im.Blob],
    shortest: float,
    text_limit: float,
    stroke: float,
) -> tuple[list[st.Segment], list[st.Segment], list[st.Segment]]:
    """Split the straight strokes into the figure's, tick marks and label leaders.

    Rules of drawing: a tick is a short stroke that a longer one crosses near its middle; a
    leader is a short stroke from a text to the figure, with one end free; a stroke that meets
    nothing at all (a dimension line beside the figure) is not part of the figure. An end where
    another stroke's end lies, the two a few degrees apart (one line drawn with a bend, read in
    two pieces), is not free.
    """
    slack = pt.reach(stroke)
    ticks: list[st.Segment] = []
    keep: list[st.Segment] = []
    for s in segments:
        is_tick = False
        if s.length < TICK_MAX * shortest:
            for t in segments:
                if t is s or t.length <= s.length:
                    continue
                hit = _meets_at(s, t, slack)
                if hit is None:
                    continue
                u, v = hit
                if 0.2 <= u <= 0.8 and slack < v < t.length - slack:
                    is_tick = True
                    break
        (ticks if is_tick else keep).append(s)
    segments = keep
    leaders: list[st.Segment] = []
    keep = []
    for s in segments:
        ends_met = [False, False]
        crossed = False
        for t in segments:
            if t is s:
                continue
            # strokes meeting at a narrow angle run together short of their meeting point
            far = slack + pt.merged_ink(s, t, stroke, slack)
            hit = _meets_at(s, t, far)
            if hit is None:
                # two pieces of one line bent a few degrees where they meet: no crossing to
                # place, but an end of each where their inks run together
                for e, end in enumerate((s.a, s.b)):
                    if far > 2.0 * slack and min(math.dist(end, t.a), math.dist(end, t.b)) <= slack:
                        ends_met[e] = crossed = True
                continue
            crossed = True
            u = hit[0]
            if u * s.length <= far:
                ends_met[0] = True
            if (1 - u) * s.length <= far:
                ends_met[1] = True
        on_circle = _end_touches_circle(s, circles, slack)
        ends_met = [a or b for a, b in zip(ends_met, on_circle)]
        crossed = crossed or any(on_circle) or any(
            pt.circle_hits(s, c) and any(pt.within(s, x, 0) for x in pt.circle_hits(s, c))
            for c in circles
        )
        if not crossed and len(segments) > 1:
            continue  # meets nothing: a dimension line or a stray stroke
        if s.length < LEADER_MAX * shortest and ends_met.count(True) == 1:
            free = s.a if not ends_met[0] else s.b
            if any(_blob_distance(b, free) <= text_limit * 0.5 for b in texts):
                leaders.append(s)
                continue
        keep.append(s)
    return keep, ticks, leaders


def _split_at_heads(
    ink: npt.NDArray[np.bool_], segments: list[st.Segment], stroke: float
) -> list[st.Segment]:
    """Split a stroke where two arrowheads on it point at each other across another stroke.

    Rule of drawing: two dimension lines that share an extension line end on it from either
    side, tip to tip; read straight through, their halves run together into one stroke with
    the heads in its middle. Each piece then carries its head at the shared end (and is set
    apart as a dimension line's half like any other)."""
    slack = pt.reach(stroke)
    least = max(ar.ARROW_MIN, ar.HEAD_MIN * stroke)
    out: list[st.Segment] = []
    for s in segments:
        pieces = [s]
        for t in segments:
            if t is s:
                continue
            x = pt.crossing(s, t)
            if x is None or not pt.within(t, x, slack):
                continue
            u = pt.distance_along(s, x)
            if u < 2.0 * least or u > s.length - 2.0 * least:
                continue
            one, two = st.Segment(s.a, x), st.Segment(x, s.b)
            if ar.head_at(ink, one, 1, stroke, joined=True) and ar.head_at(ink, two, 0, stroke, joined=True):
                pieces = [one, two]
                break
        out += pieces
    return out


def _square_sides(
    segments: list[st.Segment], stroke: float, size: int
) -> tuple[list[st.Segment], list[st.Segment]]:
    """Set apart the sides of right-angle marks drawn large enough to pass for strokes.

    Rule of drawing: a right-angle mark closes a small square in the corner where two longer
    lines meet square: each of its sides runs from one line, parallel to the other, about as
    long as its distance from that other line.
    """
    slack = pt.reach(stroke)
    longest = SQUARE_SHARE * size
    out: set[int] = set()

    def square(a: st.Segment, b: st.Segment) -> bool:
        return abs(a.direction()[0] * b.direction()[0] + a.direction()[1] * b.direction()[1]) < 0.17

    for i, s in enumerate(segments):
        if s.length > longest:
            continue
        for ln in segments:
            if ln is s or ln.length < 2.0 * s.length or not square(ln, s):
                continue
            for e, f in ((s.a, s.b), (s.b, s.a)):
                if pt.line_distance(ln, e) > 2.0 * stroke + 1.5 or not pt.within(ln, e, 0.0):
                    continue
                for m in segments:
                    if m is s or m is ln or m.length < 2.0 * s.length or not square(m, ln):
                        continue
                    v = pt.crossing(ln, m)
                    if v is None or not pt.within(ln, v, slack) or not pt.within(m, v, slack):
                        continue
                    k = math.dist(e, v)
                    if not (2 * stroke < k <= longest and 0.5 * k <= s.length <= 2.0 * k):
                        continue
                    if pt.within(m, f, slack) and pt.line_distance(m, f) <= 1.5 * k:
                        out.add(i)
    keep = [s for k, s in enumerate(segments) if k not in out]
    return keep, [segments[k] for k in sorted(out)]


def _free_by_text(
    segments: list[st.Segment],
    k: int,
    end: int,
    circles: list[st.Circle],
    texts: list[im.Blob],
    text_limit: float,
    stroke: float,
) -> bool:
    """End ``end`` of segment k meets no other stroke and lies beside a text."""
    s = segments[k]
    p = s.a if end == 0 else s.b
    if not _free_end(segments, k, end, circles, stroke):
        return False
    return any(_blob_distance(b, p) <= 0.5 * text_limit for b in texts)


def _free_end(segments: list[st.Segment], k: int, end: int, circles: list[st.Circle], stroke: float) -> bool:
    """End ``end`` of segment k meets no other stroke and no circle (within a reach)."""
    s = segments[k]
    slack = pt.reach(stroke)
    for t in segments:
        if t is s:
            continue
        hit = _meets_at(s, t, slack)
        if hit is not None and abs(hit[0] * s.length - (0.0 if end == 0 else s.length)) <= slack:
            return False
    return not _end_touches_circle(s, circles, slack)[end]


def _centre_drawn(
    c: st.Circle, mask: npt.NDArray[np.bool_], dots: list[tuple[float, float]], stroke: float
) -> bool:
    """An arc's centre is drawn: a stroke of the figure passes there or a dot marks it. Rule of
    drawing: a figure's arc (a sector's, a semicircle's) is centred on a point of the figure;
    round strokes centred on nothing are brackets of a label or a curved label arrow."""
    near = max(4.0, 2.0 * stroke)
    if any(math.dist(xy, c.centre) <= near for xy in dots):
        return True
    h, w = mask.shape
    r = int(math.ceil(max(3.0, 1.5 * stroke)))
    x, y = int(round(c.centre[0])), int(round(c.centre[1]))
    win = mask[max(0, y - r) : min(h, y + r + 1), max(0, x - r) : min(w, x + r + 1)]
    return bool(win.any())


def _thin_arrows(
    page: im.Page,
    segments: list[st.Segment],
    heads: dict[tuple[int, int], float],
    circles: list[st.Circle],
    texts: list[im.Blob],
    text_limit: float,
) -> set[int]:
    """Label arrows that cross the figure: a stroke with a head at one end, its other end free
    beside a text, drawn clearly thinner than the figure's strokes (a ray of the figure is
    drawn as wide as the figure). Also the straight tip of a curved label arrow: a short thin
    stroke (under LEADER_MAX shortest sides) with one end free, the other on the figure, head
    found or not (its text lies where the curve ends, beyond the straight piece's reach)."""
    if len(segments) < 3:
        return set()
    from scipy import ndimage

    dist = ndimage.distance_transform_edt(page.ink)
    widths = [_width(dist, s) for s in segments]
    ref = float(np.median(widths))
    shortest = min_length(page)
    out: set[int] = set()
    for k, s in enumerate(segments):
        if widths[k] > THIN_ARROW * ref or ref - widths[k] < 1.0:
            if _points_in(segments, k, heads, circles, texts, text_limit, page.stroke):
                out.add(k)
            continue
        # its head is measured against its own width
        ends = [
            e for e in (0, 1)
            if (k, e) in heads
            or ar.thin_head(page.ink, s, e, max(1.0, widths[k]), 4.0 * page.stroke + 6.0) > 0
        ]
        if len(ends) == 1 and _free_by_text(segments, k, 1 - ends[0], circles, texts, text_limit, page.stroke):
            out.add(k)
        elif s.length < LEADER_MAX * shortest and not _crossed(s, segments, circles, page.stroke) and sum(
            _free_end(segments, k, e, circles, page.stroke) for e in (0, 1)
        ) == 1:
            out.add(k)
    return out


def _points_in(
    segments: list[st.Segment],
    k: int,
    heads: dict[tuple[int, int], float],
    circles: list[st.Circle],
    texts: list[im.Blob],
    text_limit: float,
    stroke: float,
) -> bool:
    """A label arrow drawn as wide as the figure: one head, its tip stopping on another
    stroke or a circle, its tail free beside a text. Rule of drawing: a ray's head ends it in
    the open, past its last point; a label's arrow points into the figure from its text."""
    ends = [e for e in (0, 1) if (k, e) in heads]
    if len(ends) != 1:
        return False
    e = ends[0]
    if _free_end(segments, k, e, circles, stroke):
        return False
    return _free_by_text(segments, k, 1 - e, circles, texts, text_limit, stroke)


def _width(dist: npt.NDArray[np.float64], s: st.Segment) -> float:
    """A straight stroke's width (pixels): twice the median depth of its ink along its middle
    part (the deepest pixel across the stroke at each step), less one."""
    d = s.direction()
    n = (-d[1], d[0])
    h, w = dist.shape
    depths = []
    for t in np.arange(0.2 * s.length, 0.8 * s.length, 1.0):
        best = 0.0
        for o in (-2.0, -1.0, 0.0, 1.0, 2.0):
            x = int(round(s.a[0] + t * d[0] + o * n[0]))
            y = int(round(s.a[1] + t * d[1] + o * n[1]))
            if 0 <= x < w and 0 <= y < h:
                best = max(best, float(dist[y, x]))
        if best > 0:
            depths.append(best)
    return 2.0 * float(np.median(depths)) - 1.0 if depths else 0.0


def _on_span(a: tuple[float, float], b: tuple[float, float], p: tuple[float, float], tol: float) -> bool:
    """p lies on the stroke from a to b, within tol across it."""
    seg = st.Segment(a, b)
    return pt.within(seg, p, tol) and pt.line_distance(seg, p) <= tol


def _bar_ends(segments: list[st.Segment], stroke: float) -> dict[tuple[int, int], float]:
    """(segment, end) -> 1.0 for each end that stops on a shorter stroke square to it, away
    from that stroke's ends (the end bar of a dimension line drawn without heads)."""
    slack = pt.reach(stroke)
    out: dict[tuple[int, int], float] = {}
    for k, s in enumerate(segments):
        for m in segments:
            if m is s or m.length >= s.length:
                continue
            if abs(s.direction()[0] * m.direction()[0] + s.direction()[1] * m.direction()[1]) > 0.17:
                continue
            for e, p in enumerate((s.a, s.b)):
                u = (p[0] - m.a[0]) * m.direction()[0] + (p[1] - m.a[1]) * m.direction()[1]
                if pt.line_distance(m, p) <= slack / 2 and slack < u < m.length - slack:
                    out[(k, e)] = 1.0
    return out


def _paired_halves(
    segments: list[st.Segment],
    halves: set[int],
    heads: dict[tuple[int, int], float],
    taken: set[int] | None = None,
) -> list[tuple[tuple[float, float], tuple[float, float]]]:
    """The two halves of one dimension line (collinear, heads outward) as its two tips (their
    indices are added to ``taken``)."""
    out = []
    used: set[int] = set() if taken is None else taken
    for i in sorted(halves):
        for j in sorted(halves):
            if j <= i or i in used or j in used:
                continue
            s, t = segments[i], segments[j]
            cross = abs(s.direction()[0] * t.direction()[1] - s.direction()[1] * t.direction()[0])
            if cross > 0.05 or pt.line_distance(s, t.a) > 4.0 or pt.line_distance(s, t.b) > 4.0:
                continue
            tip_s = s.a if (i, 0) in heads else s.b
            tip_t = t.a if (j, 0) in heads else t.b
            inner_s = s.b if (i, 0) in heads else s.a
            inner_t = t.b if (j, 0) in heads else t.a
            if math.dist(inner_s, inner_t) < math.dist(tip_s, tip_t):
                out.append((tip_s, tip_t))
                used.update((i, j))
    return out


def _leader_dimensions(
    ink: npt.NDArray[np.bool_],
    segments: list[st.Segment],
    leaders: list[st.Segment],
    heads: dict[tuple[int, int], float],
    stroke: float,
) -> tuple[
    list[st.Segment],
    dict[tuple[int, int], float],
    list[tuple[tuple[float, float], tuple[float, float]]],
    list[st.Segment],
]:
    """Dimension lines cut by their value whose halves were taken for leaders (each runs from
    the text to the figure, or to an extension line): two collinear leaders with a head at
    their outer ends; or a leader and a stroke of the figure (its inner end read on a circle
    or a stroke crossing there), collinear, each with one head, outward, stopping on a bar.
    Their extension lines (and such a half) leave the figure's strokes. Returns the strokes and
    their heads without the extension lines, the dimension lines found (tip to tip) and their
    halves."""
    lheads = ar.heads(ink, leaders, stroke)
    if leaders:
        # a leader drawn no wider than the figure carries a head to its own width
        from scipy import ndimage

        dist = ndimage.distance_transform_edt(ink)
        for k, s in enumerate(leaders):
            own = max(1.0, _width(dist, s))
            if own > stroke or any((k, e) in lheads for e in (0, 1)):
                continue
            for e in (0, 1):
                size = ar.thin_head(ink, s, e, own, 4.0 * stroke + 6.0)
                if size > 0:
                    lheads[(k, e)] = size
    halves = {k for k, e in lheads if (k, 1 - e) not in lheads}
    taken: set[int] = set()
    pairs = _paired_halves(leaders, halves, lheads, taken)
    # a leader half whose other half was kept in the figure (its inner end read on a circle
    # or a stroke the dimension line crosses there): both heads stop on bars
    n, m = len(segments), len(leaders)
    barred = [
        k for k in sorted(halves - taken)
        if all(ar.on_bar(ink, leaders[k], e, stroke) for (i, e) in lheads if i == k)
    ]
    figure_halves = [
        j for j, s in enumerate(segments)
        if sum((j, e) in heads for e in (0, 1)) == 1
        and all(ar.on_bar(ink, s, e, stroke) for e in (0, 1) if (j, e) in heads)
    ]
    gone: set[int] = set()
    both = leaders + segments
    both_heads = {**lheads, **{(m + j, e): v for (j, e), v in heads.items()}}
    for k in barred:
        for j in figure_halves:
            if j not in gone and (found := _paired_halves(both, {k, m + j}, both_heads)):
                pairs += found
                gone.add(j)
                break
    if not pairs:
        return segments, heads, [], []
    spans = [st.Segment(a, b) for a, b in pairs]
    ext = _extension_lines(segments + spans, set(range(n, n + len(spans))) | gone, stroke) | gone
    keep = [k for k in range(n) if k not in ext]
    heads = {(keep.index(k), e): v for (k, e), v in heads.items() if k not in ext}
    used = [
        leaders[k] for k in sorted(halves)
        if any(math.dist(leaders[k].a, t) < 1e-6 or math.dist(leaders[k].b, t) < 1e-6 for p in pairs for t in p)
    ] + [segments[k] for k in sorted(gone)]
    return [segments[k] for k in keep], heads, pairs, used


def _blob_strokes(labels: npt.NDArray[np.int32], small: list[im.Blob], stroke: float) -> list[st.Segment]:
    """The small blobs drawn as one straight stroke (long and narrow: BLOB_STROKE times longer
    than wide, across at most a head's width, and long enough to carry a head), as segments
    along them from end to end: a dimension line's half short enough to be set apart with the
    texts, its head and all."""
    out = []
    for b in small:
        long, short = max(b.height, b.width), min(b.height, b.width)
        if long < max(BLOB_STROKE * short, 2.0 * ar.ARROW_MIN) or short > 2.0 * ar.HALF_MAX * max(1.0, stroke):
            continue
        r0, c0, r1, c1 = b.box
        ys, xs = np.nonzero(labels[r0:r1, c0:c1] == b.label)
        seg = st.fit_segment(np.column_stack([xs + c0, ys + r0]).astype(np.float64))
        if seg is not None:
            out.append(seg)
    return out


def _extension_lines(segments: list[st.Segment], dims: set[int], stroke: float) -> set[int]:
    """The extension lines of dimension lines: a stroke square to a dimension line, which one of
    its heads touches, and that no other stroke crosses; one longer than half the dimension
    line (a figure's side may be touched so) also runs on past the tip to an end that meets
    nothing."""
    slack = pt.reach(stroke)
    out: set[int] = set()
    for k, s in enumerate(segments):
        if k in dims:
            continue
        others = [t for i, t in enumerate(segments) if i not in dims and i != k]
        for j in dims:
            dim = segments[j]
            dot = s.direction()[0] * dim.direction()[0] + s.direction()[1] * dim.direction()[1]
            if abs(dot) > 0.17:
                continue
            tips = [
                tip for tip in (dim.a, dim.b)
                if pt.line_distance(s, tip) <= slack and pt.within(s, tip, slack)
            ]
            if not tips or _crossed(s, others + [s], [], stroke):
                continue
            if s.length > 0.5 * dim.length and not any(_runs_on_free(s, tip, others, slack) for tip in tips):
                continue
            out.add(k)
    return out


def _trim_extensions(
    segments: list[st.Segment],
    dimensions: list[tuple[tuple[float, float], tuple[float, float]]],
    circles: list[st.Circle],
    stroke: float,
) -> tuple[list[st.Segment], set[tuple[int, int]]]:
    """A figure's side drawn on past its last point as an extension line (a dimension line's
    tip touches it out there, or lies on its line a little past its end, and its end meets
    nothing) ends at that last point. Returns the strokes and the (stroke, end) pairs cut
    back."""
    slack = pt.reach(stroke)
    out = list(segments)
    cut: set[tuple[int, int]] = set()
    for k, s in enumerate(segments):
        d = s.direction()
        meets = []
        for t in segments:
            if t is s:
                continue
            x = pt.crossing(s, t)
            if x is not None and pt.within(s, x, slack) and pt.within(t, x, slack):
                meets.append((x[0] - s.a[0]) * d[0] + (x[1] - s.a[1]) * d[1])
        for c in circles:
            for x in pt.circle_hits(s, c):
                if pt.within(s, x, slack):
                    meets.append((x[0] - s.a[0]) * d[0] + (x[1] - s.a[1]) * d[1])
        if not meets:
            continue
        lo, hi = max(0.0, min(meets)), min(s.length, max(meets))
        a, b = s.a, s.b
        for tip0, tip1 in dimensions:
            dim = st.Segment(tip0, tip1)
            if abs(d[0] * dim.direction()[0] + d[1] * dim.direction()[1]) > 0.17:
                continue
            for tip in (tip0, tip1):
                if pt.line_distance(s, tip) > slack:
                    continue
                u = (tip[0] - s.a[0]) * d[0] + (tip[1] - s.a[1]) * d[1]
                # the tip lies on s's line past its last meeting, past s's end by at most a
                # reach and as far again as s runs on (s was read along an extension line
                # leaving it at a narrow angle, and only so far)
                over = s.length - hi
                if hi + slack < u <= s.length + slack + over and over > 2 * slack:
                    b = (s.a[0] + hi * d[0], s.a[1] + hi * d[1])
                    cut.add((k, 1))
                elif -slack - lo <= u < lo - slack and lo > 2 * slack:
                    a = (s.a[0] + lo * d[0], s.a[1] + lo * d[1])
                    cut.add((k, 0))
        out[k] = st.Segment(a, b, s.dashed)
    return out, cut


def _runs_on_free(s: st.Segment, tip: tuple[float, float], others: list[st.Segment], slack: float) -> bool:
    """Stroke s runs on past ``tip`` (by more than a reach) to an end that no other stroke meets."""
    end = min((s.a, s.b), key=lambda e: math.dist(e, tip))
    if math.dist(end, tip) <= slack or math.dist(end, tip) > 0.5 * s.length:
        return False
    return not any(
        pt.line_distance(t, end) <= slack and pt.within(t, end, slack) for t in others
    )


def _crossed(
    s: st.Segment, segments: list[st.Segment], circles: list[st.Circle], stroke: float
) -> bool:
    """Another stroke meets s away from its ends (one ending short of s by the ink where the
    two run together, as find_points allows, meets it too)."""
    slack = pt.reach(stroke)
    for t in segments:
        if t is s:
            continue
        hit = _meets_at(s, t, slack)
        x = pt.crossing(s, t) if hit is None else None
        if x is not None and pt.within(t, x, slack + pt.merged_ink(s, t, stroke, slack)):
            hit = (pt.distance_along(s, x) / (s.length or 1.0), 0.0)
        if hit is not None and slack < hit[0] * s.length < s.length - slack:
            return True
    for c in circles:
        for x in pt.circle_hits(s, c):
            u = pt.line_distance(st.Segment(s.a, (s.a[0] - s.direction()[1], s.a[1] + s.direction()[0])), x)
            if slack < u < s.length - slack:
                return True
    return False


def _blob_distance(b: im.Blob, p: tuple[float, float]) -> float:
    r0, c0, r1, c1 = b.box
    dx = max(c0 - p[0], 0.0, p[0] - c1)
    dy = max(r0 - p[1], 0.0, p[1] - r1)
    return math.hypot(dx, dy)


def _recheck_circles(
    pts: st.Points, circles: list[st.Circle], segments: list[st.Segment], stroke: float
) -> list[st.Circle]:
    """Circles still inked enough once the straight strokes' pixels are left out."""
    if not circles:
        return circles
    keep = np.ones(len(pts), dtype=bool)
    tol = max(2.0, stroke)
    for s in segments:
        d = s.direction()
        rel = pts - np.array(s.a)
        u = rel @ np.array(d)
        off = np.abs(rel[:, 0] * d[1] - rel[:, 1] * d[0])
        keep &= ~((off <= tol) & (u >= -tol) & (u <= s.length + tol))
    rest = pts[keep]
    out: list[st.Circle] = []
    # the most inked first; a candidate must be inked off the circles already kept (a small
    # circle hugging a big one borrows its ink)
    for c in sorted(circles, key=lambda c: -c.cover * c.radius):
        own = st.remove_near_circles(rest, out, stroke) if out else rest
        # the strokes were read without the candidate's ink: one that runs into its ring across
        # it (not along it, as a tangent does) was cut there, and its ink runs on through
        cut = _crossing_on(own, c, segments, stroke)
        if cut is not None:
            own = own[~cut]
        again = st.refine_circle(own, c.centre, c.radius, stroke)
        if again is not None and not _straight_arcs(pts, c, stroke):
            out.append(c)
    return out


def _crossing_on(
    pts: st.Points, c: st.Circle, segments: list[st.Segment], stroke: float
) -> npt.NDArray[np.bool_] | None:
    """The skeleton points on the continuations of strokes that end at the ring of ``c`` and
    cross it at CROSS_RING degrees or more: the points within a stroke of the stroke's line,
    from its end on through the ring's band (None when no stroke ends so)."""
    tol = max(2.0, stroke)
    band = max(3.0, 1.5 * stroke)  # the band about a circle taken away (remove_near_circles)
    hit = np.zeros(len(pts), dtype=bool)
    for s in segments:
        d = s.direction()
        for e, end in enumerate((s.a, s.b)):
            gap = math.dist(end, c.centre) - c.radius
            if not -band - tol <= gap <= band + tol:
                continue
            # the angle between the stroke and the ring's tangent where it ends
            rx, ry = end[0] - c.centre[0], end[1] - c.centre[1]
            rn = math.hypot(rx, ry) or 1.0
            if abs(d[0] * rx + d[1] * ry) / rn < math.sin(math.radians(CROSS_RING)):
                continue
            out = (-d[0], -d[1]) if e == 0 else d
            rel = pts - np.array(end)
            u = rel @ np.array(out)
            off = np.abs(rel[:, 0] * d[1] - rel[:, 1] * d[0])
            far = 2.0 * (band + tol) / max(abs(d[0] * rx + d[1] * ry) / rn, 0.2)
            hit |= (off <= tol) & (u >= 0.0) & (u <= far)
    return hit if hit.any() else None


def _straight_arcs(pts: st.Points, c: st.Circle, stroke: float) -> bool:
    """An arc whose ink is straight pieces: two strokes meeting at a corner pass for an arc of a
    small circle through it. Rule of drawing: an arc bows; each half of each inked run (of
    ARC_RUN degrees or more) lies off its chord's line by about the sagitta of its angle, and
    here lies along one line. True when most of the inked arc is such runs."""
    if c.cover >= WHOLE_CIRCLE:
        return False
    tol = max(2.5, stroke)
    rel = pts - np.array(c.centre)
    near = np.abs(np.hypot(rel[:, 0], rel[:, 1]) - c.radius) <= tol
    ring = pts[near]
    ang = np.arctan2(rel[near, 1], rel[near, 0])
    flat = max(1.5, 0.5 * stroke)
    straight = total = 0.0
    for a0, a1 in st.circle_arc_span(pts, c, stroke):
        span = a1 - a0
        if span < math.radians(ARC_RUN):
            continue
        total += span
        pos = np.mod(ang - a0, 2.0 * math.pi)
        halves = [ring[(pos >= lo) & (pos <= hi)] for lo, hi in ((0.0, span / 2), (span / 2, span))]
        # the sagitta of a half's angle, against how far its points lie off one line
        bow = c.radius * (1.0 - math.cos(span / 4.0))
        if bow < 3.0 * flat or any(len(h) < 5 for h in halves):
            continue
        if all(_off_line(h) <= flat for h in halves):
            straight += span
    return total > 0 and straight >= 0.5 * total


def _off_line(p: st.Points) -> float:
    """How far points lie off their best line (pixels; the 90th percentile)."""
    mid = p.mean(axis=0)
    _, _, vt = np.linalg.svd(p - mid, full_matrices=False)
    return float(np.percentile(np.abs((p - mid) @ vt[1]), 90))


def _head_dot(
    ink: npt.NDArray[np.bool_], xy: tuple[float, float], segments: list[st.Segment], stroke: float
) -> bool:
    """A small filled arrowhead taken for a dot: it sits at a segment's end, and past its middle
    the ink runs on along the segment to a tip, twice as far as the ink reaches across (a
    triangle's corner lies twice its inner radius from its middle; a dot is as wide as long)."""
    slack = pt.reach(stroke)
    h, w = ink.shape
    for s in segments:
        if pt.line_distance(s, xy) > max(2.0, stroke):
            continue
        for e, end in enumerate((s.a, s.b)):
            if math.dist(end, xy) > 3.0 * slack:
                continue
            d = s.direction()
            out = (-d[0], -d[1]) if e == 0 else d
            n = (-d[1], d[0])

            def reach(direction: tuple[float, float]) -> int:
                k = 0
                while k < 6 * slack:
                    x = int(round(xy[0] + (k + 1) * direction[0]))
                    y = int(round(xy[1] + (k + 1) * direction[1]))
                    if not (0 <= x < w and 0 <= y < h and ink[y, x]):
                        break
                    k += 1
                return k

            across = min(reach(n), reach((-n[0], -n[1])))
            if across >= 1 and reach(out) >= 2.0 * across + 1.5:
                return True
    return False


def _to_circles(s: st.Segment, circles: list[st.Circle], stroke: float) -> st.Segment:
    """A segment whose end was cut back where it runs into a circle (the circle's ink is taken
    away before straight strokes are looked for: a tangent loses a long stretch either side of
    where it touches) reaches the circle again: the end moves out to where its line meets it."""
    tol = max(3.0, 1.5 * stroke)  # the band about a circle taken away (remove_near_circles)
    slack = pt.reach(stroke)
    ends = [s.a, s.b]
    for e in (0, 1):
        end = ends[e]
        out = (-s.direction()[0], -s.direction()[1]) if e == 0 else s.direction()
        best: tuple[float, float] | None = None
        for c in circles:
            if abs(math.dist(end, c.centre) - c.radius) > tol + stroke:
                continue
            for x in pt.circle_hits(s, c):
                u = (x[0] - end[0]) * out[0] + (x[1] - end[1]) * out[1]
                if 0.0 < u <= slack + math.sqrt(2.0 * c.radius * tol) and (best is None or u < math.dist(end, best)):
                    best = x
        if best is not None:
            ends[e] = best
    if ends == [s.a, s.b]:
        return s
    return st.Segment(ends[0], ends[1], s.dashed)


def _angle_mark(c: st.Circle, segments: list[st.Segment], stroke: float) -> bool:
    """An arc drawn inside an angle as its mark: its ends lie on two strokes that meet about as
    far from either end, it bulges away from where they meet, and both strokes run on past the
    arc by more than that (a sector's radii end on its arc; a semicircle's ends lie on one
    stroke)."""
    if c.arcs is None:
        return False
    slack = pt.reach(stroke)
    a0, a1 = max(c.arcs, key=lambda r: r[1] - r[0])
    e0 = (c.centre[0] + c.radius * math.cos(a0), c.centre[1] + c.radius * math.sin(a0))
    e1 = (c.centre[0] + c.radius * math.cos(a1), c.centre[1] + c.radius * math.sin(a1))

    def on(s: st.Segment, e: tuple[float, float]) -> bool:
        return pt.line_distance(s, e) <= slack and pt.within(s, e, 0.0)

    for s in segments:
        if not on(s, e0):
            continue
        for t in segments:
            if t is s or not on(t, e1):
                continue
            v = pt.crossing(s, t)
            reach = slack + pt.merged_ink(s, t, stroke, slack)
            if v is None or not pt.within(s, v, reach) or not pt.within(t, v, reach):
                continue
            r0, r1 = math.dist(v, e0), math.dist(v, e1)
            if abs(r0 - r1) > 0.25 * max(r0, r1):
                continue
            # it bulges away from the corner (an arc between two tangents bulges towards it)
            mid = (c.centre[0] + c.radius * math.cos((a0 + a1) / 2), c.centre[1] + c.radius * math.sin((a0 + a1) / 2))
            if math.dist(v, mid) <= math.dist(v, ((e0[0] + e1[0]) / 2, (e0[1] + e1[1]) / 2)):
                continue
            far_s = max(math.dist(v, s.a), math.dist(v, s.b))
            far_t = max(math.dist(v, t.a), math.dist(v, t.b))
            if far_s > 1.5 * r0 + slack and far_t > 1.5 * r1 + slack:
                return True
    return False


def _with_arcs(pts: st.Points, c: st.Circle, stroke: float) -> st.Circle:
    if c.cover >= 0.95:
        return c
    return st.Circle(c.centre, c.radius, c.cover, tuple(st.circle_arc_span(pts, c, stroke)))


def _lines(segments: list[st.Segment], points: list[pt.Point], stroke: float) -> list[Line]:
    """Each segment as the ordered chain of points on it; collinear chains sharing a point join."""
    near = max(3.0, 1.5 * stroke)
    slack = pt.reach(stroke)
    chains: list[tuple[st.Segment, list[int]]] = []
    for s in segments:
        on = [
            i
            for i, p in enumerate(points)
            if pt.line_distance(s, p.xy) <= near
            and pt.within(s, p.xy, slack if p.kinds <= {"end", "arrow"} else 2.2 * slack)
        ]
        if len(on) >= 2:
            chains.append((s, on))
    # union collinear chains that share a point
    joined: list[tuple[int, int]] = []
    for i in range(len(chains)):
        for j in range(i + 1, len(chains)):
            si, sj = chains[i][0], chains[j][0]
            di, dj = si.direction(), sj.direction()
            cos = abs(di[0] * dj[0] + di[1] * dj[1])
            if cos < math.cos(math.radians(SAME_LINE_DEG)):
                continue
            if set(chains[i][1]) & set(chains[j][1]):
                joined.append((i, j))
    out: list[Line] = []
    for members in _groups(len(chains), joined):
        ids = sorted({k for m in members for k in chains[m][1]})
        s0 = max((chains[m][0] for m in members), key=lambda s: s.length)
        d = s0.direction()
        ids.sort(key=lambda k: points[k].xy[0] * d[0] + points[k].xy[1] * d[1])
        dashed = all(chains[m][0].dashed for m in members)
        if not any(set(ids) <= set(o.points) for o in out):
            out.append(Line(ids, dashed))
    return out


def _rings(circles: list[st.Circle], points: list[pt.Point], stroke: float) -> list[Ring]:
    tol = max(4.0, 2.0 * stroke)
    out: list[Ring] = []
    for c in circles:
        centre = min(range(len(points)), key=lambda k: math.dist(points[k].xy, c.centre))
        on = [
            i
            for i, p in enumerate(points)
            if abs(math.dist(p.xy, c.centre) - c.radius) <= tol
        ]
        out.append(Ring(centre, c.radius, on, c.arcs))
    return out


def _groups(n: int, joined: list[tuple[int, int]]) -> list[list[int]]:
    """The indices 0..n-1 grouped by the pairs ``joined`` (and so on through shared members):
    each group ascending, the groups in the order of their first members.

    >>> _groups(5, [(0, 3), (3, 4)])
    [[0, 3, 4], [1], [2]]
    """
    from scipy.cluster.hierarchy import DisjointSet

    sets = DisjointSet(range(n))
    for i, j in joined:
        sets.merge(i, j)
    groups: dict[int, list[int]] = {}
    for i in range(n):
        groups.setdefault(sets[i], []).append(i)
    return list(groups.values())
