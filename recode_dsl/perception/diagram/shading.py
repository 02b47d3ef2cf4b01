"""Shaded sectors: which part of a circle cut by its radii is filled or hatched (issue 13).

Rules of reading:
- a circle's radii are the read lines through its centre and a point on it (as far from the
  centre as the radius); two or more of them cut the disc into sectors, one between each two
  radii next to each other;
- a sector is shaded when the page inside it is not blank: grey or coloured fill, or the ink of
  hatching, sampled over its inside away from the radii, the ring and the texts, in its inner
  and its outer half alike (a segment filled between a chord and the arc is no shaded sector);
- the circle states a shaded sector only when one sector is shaded and every other one is blank
  (a disc filled all over, or two shaded sectors, state nothing).

The fact's points (a, centre, b) run counter-clockwise on the page (y up) from a to b over the
shaded sector, so a sweep over half a turn is the major sector (``major_sector``).
"""

from __future__ import annotations

import math

import numpy as np

from recode_dsl.perception.diagram import image as im
from recode_dsl.perception.diagram.facts import Fact
from recode_dsl.perception.diagram.reader import Diagram
from recode_dsl.perception.diagram.texts import Text

# A pixel is blank page when its grey is this light or lighter (fills are darker: pale yellow
# about 0.88, pale blue 0.8; hatching is ink).
BLANK_GREY = 0.95
# A sector is shaded when this share of its samples is not blank (hatching of 1 px lines 8 px
# apart covers an eighth), blank when at most BLANK_SHARE is (a stray mark inside it; an
# angle's arc lies nearer the centre than the samples).
SHADED_SHARE = 0.1
BLANK_SHARE = 0.03
# A shaded sector's inner half is shaded at least this share as much as its outer half.
EVEN_SHARE = 0.5
# Samples: rings from this share of the radius out to RIM_SHARE of it, kept this many strokes
# (and 2 pixels) away from the radii and the texts.
CORE_SHARE = 0.25
RIM_SHARE = 0.88
CLEAR_STROKES = 2.0
# A circle smaller than this radius (pixels) is no sector's.
MIN_RADIUS = 15.0
# A radius's end lies within this share of the radius from the ring.
RADIUS_SLACK = 0.12


def _up_angle(c: tuple[float, float], p: tuple[float, float]) -> float:
    """The direction from c to p counter-clockwise from east on the page (y up), in 0..2 pi."""
    return math.atan2(-(p[1] - c[1]), p[0] - c[0]) % (2 * math.pi)


def radii(diagram: Diagram, ring_index: int) -> list[int]:
    """The points at the far ends of a circle's drawn radii, counter-clockwise (y up) from east."""
    ring = diagram.circles[ring_index]
    c = diagram.points[ring.centre].xy
    ends: dict[int, float] = {}
    for line in diagram.lines:
        if ring.centre not in line.points:
            continue
        for k in line.points:
            if k == ring.centre:
                continue
            r = math.dist(c, diagram.points[k].xy)
            if abs(r - ring.radius) <= RADIUS_SLACK * ring.radius:
                ends[k] = _up_angle(c, diagram.points[k].xy)
    return sorted(ends, key=lambda k: ends[k])


def _share(gray: np.ndarray, diagram: Diagram, centre: tuple[float, float], radius: float,
           start: float, sweep: float, texts: list[Text],
           band: tuple[float, float] = (CORE_SHARE, RIM_SHARE)) -> float | None:
    """The share of samples inside the sector (from ``start``, counter-clockwise y up, over
    ``sweep``; between ``band`` shares of the radius from the centre) that are not blank; None
    when too few samples fall clear of strokes and texts."""
    h, w = gray.shape
    clear = CLEAR_STROKES * diagram.stroke + 2.0
    n_ang = max(8, int(sweep * radius / 6.0))
    lo, hi = band
    n_rad = max(4, int((hi - lo) * radius / 6.0))
    hits = total = 0
    for i in range(n_ang):
        th = start + sweep * (i + 0.5) / n_ang
        for j in range(n_rad):
            r = radius * (lo + (hi - lo) * (j + 0.5) / n_rad)
            # away from the two radii (across them) and the ring
            off = min(r * math.sin(min(th - start, math.pi / 2)), r * math.sin(min(start + sweep - th, math.pi / 2)))
            if off < clear or radius - r < clear:
                continue
            x = centre[0] + r * math.cos(th)
            y = centre[1] - r * math.sin(th)
            xi, yi = int(round(x)), int(round(y))
            if not (0 <= xi < w and 0 <= yi < h):
                continue
            if any(t.box[0] - clear <= x <= t.box[2] + clear and t.box[1] - clear <= y <= t.box[3] + clear
                   for t in texts):
                continue
            total += 1
            hits += int(gray[yi, xi] < BLANK_GREY)
    return hits / total if total >= 8 else None


def _even(gray: np.ndarray, diagram: Diagram, centre: tuple[float, float], radius: float,
          start: float, sweep: float, texts: list[Text]) -> bool:
    """The sector's inner half is about as shaded as its outer half (no blank core under a chord)."""
    mid = (CORE_SHARE + RIM_SHARE) / 2
    inner = _share(gray, diagram, centre, radius, start, sweep, texts, (CORE_SHARE, mid))
    outer = _share(gray, diagram, centre, radius, start, sweep, texts, (mid, RIM_SHARE))
    return inner is None or outer is None or inner >= EVEN_SHARE * outer


def shaded_sectors(diagram: Diagram, page: im.Page, texts: list[Text]) -> list[Fact]:
    """``shaded_sector`` facts (a, centre, b): the one shaded sector of each circle that has one."""
    out: list[Fact] = []
    for n, ring in enumerate(diagram.circles):
        if ring.radius < MIN_RADIUS:
            continue
        ends = radii(diagram, n)
        if len(ends) < 2:
            continue
        c = diagram.points[ring.centre].xy
        angles = [_up_angle(c, diagram.points[k].xy) for k in ends]
        shaded: list[tuple[int, int]] = []
        blank = True
        for i, a in enumerate(ends):
            b = ends[(i + 1) % len(ends)]
            sweep = (angles[(i + 1) % len(ends)] - angles[i]) % (2 * math.pi)
            if sweep == 0.0:
                continue
            share = _share(page.gray, diagram, c, ring.radius, angles[i], sweep, texts)
            if share is None:
                blank = False  # a sector too thin to tell
                break
            if share >= SHADED_SHARE:
                if not _even(page.gray, diagram, c, ring.radius, angles[i], sweep, texts):
                    blank = False
                    break
                shaded.append((a, b))
            elif share > BLANK_SHARE:
                blank = False
                break
        if blank and len(shaded) == 1 and len(ends) >= 2:
            a, b = shaded[0]
            out.append(Fact("shaded_sector", (a, ring.centre, b)))
    return out


def major_sector(diagram: Diagram, fact: Fact) -> bool:
    """The shaded sector sweeps over half a turn."""
    a, c, b = (diagram.points[k].xy for k in fact.points)
    return (_up_angle(c, b) - _up_angle(c, a)) % (2 * math.pi) > math.pi
