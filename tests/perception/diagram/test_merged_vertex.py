"""Strokes drawn into one vertex at narrow angles merge into one blot of ink before it; each is
read only up to where it parts from the others, and still ends at the vertex (figures drawn
here with PIL at twice their size and scaled down smoothly, as exported figures are)."""

from __future__ import annotations

import math

import numpy as np
from PIL import Image, ImageDraw

from recode_dsl.perception.diagram import read_figure

Xy = tuple[float, float]


def _draw(
    lines: list[tuple[Xy, Xy]], size: tuple[int, int], width: int, letter: list[tuple[Xy, Xy]] | None = None
) -> np.ndarray:
    big = Image.new("RGB", (2 * size[0], 2 * size[1]), "white")
    d = ImageDraw.Draw(big)
    for p, q in lines:
        d.line([(2 * p[0], 2 * p[1]), (2 * q[0], 2 * q[1])], fill=(20, 90, 150), width=2 * width)
    for p, q in letter or []:  # a letter's strokes, in black
        d.line([(2 * p[0], 2 * p[1]), (2 * q[0], 2 * q[1])], fill=(30, 30, 30), width=2 * width)
    return np.asarray(big.resize(size, Image.Resampling.LANCZOS))


def test_cevians_at_narrow_angles_end_at_the_apex() -> None:
    # a triangle with three cevians from its apex to the base, two of them a few degrees apart
    c = (140.0, 58.0)
    base = [(50.0, 205.0), (140.0, 205.0), (163.0, 205.0), (182.0, 205.0), (312.0, 205.0)]
    lines = [(base[0], base[-1])] + [(c, b) for b in base]
    reading = read_figure(_draw(lines, (360, 260), 2), ocr=False).diagram
    pts = [p.xy for p in reading.points]
    want = [c, *base]
    assert len(pts) == len(want), pts
    for xy in want:
        assert any(math.dist(p, xy) <= 5.0 for p in pts), (xy, pts)
    # every cevian is a line from the apex to its foot
    apex = min(range(len(pts)), key=lambda i: math.dist(pts[i], c))
    for b in base[1:-1]:
        foot = min(range(len(pts)), key=lambda i: math.dist(pts[i], b))
        assert any({apex, foot} <= set(ln.points) for ln in reading.lines), b


def test_a_stroke_ending_apart_from_a_vertex_keeps_its_end() -> None:
    # the same cevian drawn to stop short of the apex, with a gap before it: no ink runs on
    c = (140.0, 58.0)
    lines = [((50.0, 205.0), (312.0, 205.0)), (c, (50.0, 205.0)), (c, (312.0, 205.0)),
             ((143.2, 78.0), (163.0, 205.0))]
    reading = read_figure(_draw(lines, (360, 260), 2), ocr=False).diagram
    pts = [p.xy for p in reading.points]
    assert any(math.dist(p, (143.2, 78.0)) <= 5.0 for p in pts), pts


def _dashed(d: ImageDraw.ImageDraw, p: Xy, q: Xy, dash: float, gap: float, width: int) -> None:
    n = math.dist(p, q)
    u = ((q[0] - p[0]) / n, (q[1] - p[1]) / n)
    t = 0.0
    while t < n:
        e = min(n, t + dash)
        d.line([(2 * (p[0] + t * u[0]), 2 * (p[1] + t * u[1])), (2 * (p[0] + e * u[0]), 2 * (p[1] + e * u[1]))],
               fill=(20, 90, 150), width=2 * width)
        t = e + gap


def test_a_dashed_altitude_run_together_near_its_foot_is_one_line() -> None:
    # the altitude's dashes run together into a solid piece near the foot (as over a fill or
    # beside a right-angle mark), a dash's gap before it: one dashed line, apex to foot
    apex, foot = (200.0, 40.0), (200.0, 240.0)
    tri = [(60.0, 240.0), (340.0, 240.0), apex]
    big = Image.new("RGB", (800, 560), "white")
    d = ImageDraw.Draw(big)
    for k in range(3):
        p, q = tri[k], tri[(k + 1) % 3]
        d.line([(2 * p[0], 2 * p[1]), (2 * q[0], 2 * q[1])], fill=(20, 90, 150), width=6)
    _dashed(d, apex, (200.0, 168.0), 8.0, 5.0, 2)  # the last dash ends at 165
    d.line([(400, 2 * 174), (400, 2 * 240)], fill=(20, 90, 150), width=4)
    reading = read_figure(np.asarray(big.resize((400, 280), Image.Resampling.LANCZOS)), ocr=False).diagram
    pts = [p.xy for p in reading.points]
    want = [*tri, foot]
    assert len(pts) == len(want), pts
    for xy in want:
        assert any(math.dist(p, xy) <= 5.0 for p in pts), (xy, pts)
    top = min(range(len(pts)), key=lambda i: math.dist(pts[i], apex))
    bottom = min(range(len(pts)), key=lambda i: math.dist(pts[i], foot))
    assert any({top, bottom} <= set(ln.points) for ln in reading.lines)


def test_lines_bent_where_they_meet_end_there() -> None:
    # a triangle's three cevians through one inner point, each drawn in two pieces a few
    # degrees apart that meet there (an orthocentre drawn by hand): the pieces' ink runs
    # together past it, and each piece is read on along another; no point where a run ends
    a, b, c = (85.0, 62.0), (257.0, 432.0), (512.0, 178.0)
    h = (291.0, 238.0)
    feet = [(188.0, 286.0), (372.0, 318.0), (320.0, 126.0)]  # on AB, BC, CA
    lines = [(a, b), (b, c), (c, a), (c, h), (h, feet[0]), (a, h), (h, feet[1]), (feet[2], h), (h, b)]
    reading = read_figure(_draw(lines, (600, 512), 3), ocr=False).diagram
    pts = [p.xy for p in reading.points]
    want = [a, b, c, h, *feet]
    assert len(pts) == len(want), pts
    for xy in want:
        assert any(math.dist(p, xy) <= 6.0 for p in pts), (xy, pts)
    centre = min(range(len(pts)), key=lambda i: math.dist(pts[i], h))
    for xy in (a, b, c, *feet):
        k = min(range(len(pts)), key=lambda i: math.dist(pts[i], xy))
        assert any({centre, k} <= set(ln.points) for ln in reading.lines), xy


def test_a_piece_bent_a_few_degrees_off_the_stroke_run_past_it_is_no_leader() -> None:
    # the same cevians, the one from B drawn on 30 px past the inner point H towards its foot
    # F on CA (4.5 degrees apart): the piece from F is read only to where the inks part, its
    # end beside the letter H; it meets the other piece's end there, and is a side to F
    a, b, c = (85.0, 62.0), (257.0, 432.0), (512.0, 178.0)
    h = (291.0, 238.0)
    feet = [(188.0, 286.0), (372.0, 318.0), (320.0, 126.0)]
    n = math.dist(h, b)
    over = (h[0] + 30.0 * (h[0] - b[0]) / n, h[1] + 30.0 * (h[1] - b[1]) / n)
    lines = [(a, b), (b, c), (c, a), (c, h), (h, feet[0]), (a, h), (h, feet[1]), (feet[2], h), (over, b)]
    letter = [((318.0, 190.0), (318.0, 218.0)), ((334.0, 190.0), (334.0, 218.0)), ((318.0, 204.0), (334.0, 204.0))]
    reading = read_figure(_draw(lines, (600, 512), 3, letter), ocr=False).diagram
    pts = [p.xy for p in reading.points]
    want = [a, b, c, h, *feet]
    assert len(pts) == len(want), pts
    for xy in want:
        assert any(math.dist(p, xy) <= 6.0 for p in pts), (xy, pts)
    f = min(range(len(pts)), key=lambda i: math.dist(pts[i], feet[2]))
    centre = min(range(len(pts)), key=lambda i: math.dist(pts[i], h))
    assert any({f, centre} <= set(ln.points) for ln in reading.lines)
