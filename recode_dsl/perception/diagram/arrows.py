"""Arrowheads at the ends of straight strokes.

Rule of drawing: an arrowhead is ink that widens on both sides of a stroke as it goes back
from the stroke's end (a filled triangle, or two barbs), to a few stroke widths either side,
and stops there. A line that ends in one goes on (a ray or a line, not a point), a stroke with
one at each end is a dimension line, and a filled arrowhead is no drawn dot.
"""

from __future__ import annotations

import math

import numpy as np
import numpy.typing as npt

from recode_dsl.perception.diagram.strokes import Segment

Xy = tuple[float, float]

# The arrowhead is looked for this many stroke widths (and at least ARROW_MIN pixels, or
# ARROW_SHARE of the image's longer side) back from the end; its half-width is at least
# HALF_MIN stroke widths and at most HALF_MAX.
ARROW_LEN = 12.0
ARROW_MIN = 14.0
ARROW_SHARE = 0.04
HALF_MIN = 1.6
HALF_MAX = 7.0
# A head is at least this many stroke widths (and HEAD_MIN_PX pixels) long: a shorter widening
# at a stroke's end is a drawn dot or a junction's blot.
HEAD_MIN = 4.5
HEAD_MIN_PX = 8.0
# The head of a label arrow drawn thinner than the figure: at least this many pixels long.
THIN_HEAD_PX = 6.0
# A filled head's ink is joined to its stroke: across a gap of more than this many pixels, ink
# is another stroke's or a text's (see head_at's ``joined``).
JOIN_GAP = 1


def _side_extent(
    ink: npt.NDArray[np.bool_], p: Xy, n: Xy, reach: int, h: int, w: int, joined: bool = False
) -> tuple[int, int, bool]:
    """How far ink reaches across the stroke on each side of p (pixels along n), and whether
    ink reaches the window's edge (another stroke passing through, not an arrowhead).

    ``joined``: only ink joined to the stroke counts (a gap of more than JOIN_GAP pixels
    ends it): a stroke or a text drawn beside the head, across a gap, is not the head."""
    ext = [0, 0]
    edge = False
    for side, sgn in enumerate((1.0, -1.0)):
        for o in range(1, reach + 1):
            x = int(round(p[0] + sgn * o * n[0]))
            y = int(round(p[1] + sgn * o * n[1]))
            if 0 <= x < w and 0 <= y < h and ink[y, x]:
                ext[side] = o
                if o == reach:
                    edge = True
            elif joined and o - ext[side] > JOIN_GAP:
                break
    return ext[0], ext[1], edge


def head_at(
    ink: npt.NDArray[np.bool_], seg: Segment, end: int, stroke: float,
    min_px: float = HEAD_MIN_PX, lead: float = 0.0, joined: bool = False,
) -> float:
    """The length of the arrowhead at end 0 (``seg.a``) or 1 (``seg.b``) of a segment, or 0.0
    when that end has none.

    ``min_px``: the shortest head taken (pixels). ``lead``: when the end lies on another
    stroke, the head is looked for from where the ink first narrows to the bare stroke, up to
    this many pixels back (a thin label arrow's tip stops just short of the side it points at,
    and its stroke was read on across that side). ``joined``: the head's width is measured
    over the ink joined to the stroke only (a filled head beside another stroke or a text:
    see _side_extent)."""
    h, w = ink.shape
    tip = seg.a if end == 0 else seg.b
    d = seg.direction()
    back = (d[0], d[1]) if end == 0 else (-d[0], -d[1])
    n = (-back[1], back[0])
    longest = int(max(ARROW_MIN, ARROW_LEN * stroke, ARROW_SHARE * max(h, w)))
    if seg.length < 2.0 * longest:
        # a short stroke (the half of a dimension line cut by its value) is searched over
        # its half nearer the end
        longest = int(seg.length / 2.0)
        if longest < ARROW_MIN:
            return 0.0
    half_min = max(3.0, HALF_MIN * stroke)
    narrow = max(1.0, 0.8 * stroke)
    reach = int(math.ceil(max(HALF_MAX * stroke + 4, 0.4 * longest)))
    widths: list[int] = []
    start = 0
    if lead > 0:
        left, right, edge = _side_extent(ink, tip, n, reach, h, w, joined)
        if edge or max(left, right) > 2.5 * min(left, right) + 2:
            # the end lies on a stroke the arrow's own stroke was read across: the head
            # begins past it, where the ink first narrows to the bare stroke (or nothing)
            for t in range(1, int(lead) + 1):
                p = (tip[0] + t * back[0], tip[1] + t * back[1])
                left, right, edge = _side_extent(ink, p, n, reach, h, w, joined)
                if not edge and max(left, right) <= narrow:
                    start = t
                    break
    for t in range(start, start + longest + 4):
        p = (tip[0] + t * back[0], tip[1] + t * back[1])
        left, right, edge = _side_extent(ink, p, n, reach, h, w, joined)
        bar = joined and not any(widths) and min(left, right) >= half_min
        if (edge or bar) and t - start <= 2 * stroke + 3:
            # the stroke the tip touches (a dimension line's; a short end bar reaches across
            # the head's width only joined)
            widths.append(0)
            continue
        if edge:
            break
        if max(left, right) > 2.5 * min(left, right) + 2:
            if any(v >= half_min for v in widths):
                # a head drawn askew to its stroke (or the stroke read a degree off): one barb
                # reaches past the other at the head's back, where the head ends
                widths.append(min(left, right))
            break  # ink on one side only: a letter or a stroke beside, not a head
        # joined, the ink is the head's own: its half-width is half its whole width across (the
        # stroke's line as read may lie a pixel off the head's middle)
        widths.append((left + right + 1) // 2 if joined else min(left, right))
    # the head: widening from a narrow tip to its base, then the bare stroke again
    for base in range(3, len(widths) - 2):
        if widths[base] < half_min:
            continue
        if widths[base + 1] > narrow and widths[base + 2] > narrow:
            continue
        wide = [v for v in widths[: base + 1] if v >= half_min]
        if len(wide) < 2 or min(widths[:2]) >= half_min:
            return 0.0
        # not narrower past the tip than near it: the head grows
        half = widths[: base + 1]
        if sum(half[len(half) // 2 :]) < sum(half[: len(half) // 2]):
            return 0.0
        if base < max(HEAD_MIN * stroke, min_px):
            return 0.0
        return float(base)
    return 0.0


def thin_head(ink: npt.NDArray[np.bool_], seg: Segment, end: int, width: float, lead: float) -> float:
    """The head at one end of a stroke drawn thinner than the figure (``width``: its own
    width): from THIN_HEAD_PX long, looked for at the end as read and, when that end lies on
    another stroke, past it (``lead``, see head_at); failing both, over the ink joined to the
    stroke, also past the stroke its end lies on (a dimension half's small head touching its
    extension line, the stroke read a pixel off the head's middle: one barb seems bare)."""
    return max(
        head_at(ink, seg, end, width, min_px=THIN_HEAD_PX),
        head_at(ink, seg, end, width, min_px=THIN_HEAD_PX, lead=lead),
    ) or max(
        head_at(ink, seg, end, width, min_px=THIN_HEAD_PX, joined=True),
        head_at(ink, seg, end, width, min_px=THIN_HEAD_PX, lead=lead, joined=True),
    )


def heads(
    ink: npt.NDArray[np.bool_], segments: list[Segment], stroke: float
) -> dict[tuple[int, int], float]:
    """(segment index, end) -> arrowhead length, for every end of a segment that has one."""
    out: dict[tuple[int, int], float] = {}
    for k, s in enumerate(segments):
        for end in (0, 1):
            # another stroke or a text within a head's width of the stroke hides the head from
            # the plain measure: then the ink joined to the stroke is measured
            size = head_at(ink, s, end, stroke) or head_at(ink, s, end, stroke, joined=True)
            if size > 0:
                out[(k, end)] = size
    return out


def on_bar(ink: npt.NDArray[np.bool_], seg: Segment, end: int, stroke: float) -> bool:
    """The tip at end 0 or 1 of a segment stops on a bar: ink joined to the tip reaches across
    the stroke on both sides, farther than a head's half-width, within a stroke or two of the
    tip (the end bar or extension line a dimension line's head points at)."""
    h, w = ink.shape
    tip = seg.a if end == 0 else seg.b
    d = seg.direction()
    back = (d[0], d[1]) if end == 0 else (-d[0], -d[1])
    n = (-back[1], back[0])
    far = int(math.ceil(2.0 * max(3.0, HALF_MIN * stroke)))
    reach = int(math.ceil(max(1.0, stroke))) + 2
    for t in range(-reach, reach + 1):
        p = (tip[0] + t * back[0], tip[1] + t * back[1])
        left, right, _ = _side_extent(ink, p, n, far + 1, h, w, joined=True)
        if min(left, right) >= far:
            return True
    return False
