"""Label arrows and dimension lines drawn thinner than the figure (figures drawn here with PIL,
so every position is known): their small heads are found against their own width, also where
the tip runs into a stroke, and they make no points of the figure."""

from __future__ import annotations

import math

import numpy as np
from PIL import Image, ImageDraw

from recode_dsl.perception.diagram import read_figure
from recode_dsl.perception.diagram.arrows import head_at
from recode_dsl.perception.diagram.strokes import Segment

Xy = tuple[float, float]


def _points(img: Image.Image) -> list[Xy]:
    return [p.xy for p in read_figure(np.asarray(img), ocr=False).diagram.points]


class _Page:
    """A page drawn at twice its size and scaled down smoothly, as a scanned or exported
    figure's thin strokes are: a 1 px line is anti-aliased, not a staircase of pixels."""

    def __init__(self, w: int, h: int) -> None:
        self.big = Image.new("RGB", (2 * w, 2 * h), "white")
        self.draw = _Scaled(ImageDraw.Draw(self.big))

    def image(self) -> Image.Image:
        w, h = self.big.size
        return self.big.resize((w // 2, h // 2), Image.Resampling.LANCZOS)


class _Scaled:
    def __init__(self, d: ImageDraw.ImageDraw) -> None:
        self.d = d

    def line(self, xy: list[Xy], fill: object, width: int) -> None:
        self.d.line([(2 * x, 2 * y) for x, y in xy], fill=fill, width=2 * width)  # type: ignore[arg-type]

    def polygon(self, xy: list[Xy], fill: object) -> None:
        self.d.polygon([(2 * x, 2 * y) for x, y in xy], fill=fill)  # type: ignore[arg-type]

    def rectangle(self, box: list[float], fill: object) -> None:
        self.d.rectangle([2 * v for v in box], fill=fill)  # type: ignore[arg-type]


def _head(d: _Scaled, tip: Xy, tail: Xy, length: float, half: float) -> None:
    """A filled arrowhead at ``tip`` pointing away from ``tail``."""
    ux, uy = tip[0] - tail[0], tip[1] - tail[1]
    n = math.hypot(ux, uy)
    ux, uy = ux / n, uy / n
    bx, by = tip[0] - length * ux, tip[1] - length * uy
    d.polygon([tip, (bx - half * uy, by + half * ux), (bx + half * uy, by - half * ux)], fill="black")


def _arrow(d: _Scaled, tail: Xy, tip: Xy, length: float = 9.0, half: float = 4.0) -> None:
    d.line([tail, tip], fill="black", width=1)
    _head(d, tip, tail, length, half)


def _text(d: _Scaled, x: float, y: float) -> None:
    """Two glyph-sized blocks: a label's characters."""
    d.rectangle([x, y - 9, x + 7, y + 9], fill="black")
    d.rectangle([x + 11, y - 9, x + 18, y + 9], fill="black")


def _triangle(d: _Scaled, tri: list[Xy], width: int = 4) -> None:
    for k in range(3):
        d.line([tri[k], tri[(k + 1) % 3]], fill=(30, 110, 190), width=width)


def _matches(pts: list[Xy], want: list[Xy], tol: float = 5.0) -> bool:
    return len(pts) == len(want) and all(any(math.dist(p, w) <= tol for p in pts) for w in want)


def test_a_thin_label_arrow_with_a_small_head_across_a_side_makes_no_points() -> None:
    # a 1 px arrow whose head is 8 px long (shorter than a head on the figure's strokes may
    # be) crosses a side from its value, outside the triangle, to a point inside it
    page = _Page(420, 320)
    d = page.draw
    tri = [(60.0, 260.0), (360.0, 260.0), (140.0, 50.0)]
    _triangle(d, tri)
    _arrow(d, (330.0, 120.0), (230.0, 170.0))
    _text(d, 336.0, 116.0)
    pts = _points(page.image())
    assert _matches(pts, tri), pts


def test_a_thin_arrow_whose_tip_runs_into_a_side_is_found() -> None:
    # the arrow's stroke is read on across the side it points at: its head lies a side's
    # width back from the stroke's end
    page = _Page(300, 200)
    d = page.draw
    d.line([(40, 60), (260, 140)], fill="black", width=4)  # the side, crossing the arrow's end
    tip = (150.0, 97.0)
    tail = (150.0, 180.0)
    d.line([tail, (150.0, 110.0)], fill="black", width=1)
    _head(d, (150.0, 106.0), tail, 10.0, 4.5)
    seg = Segment((150.0, 97.0), tail)
    ink = np.asarray(page.image().convert("L")) < 128
    assert head_at(ink, seg, 0, 1.0) == 0.0
    assert head_at(ink, seg, 0, 1.0, min_px=6.0, lead=18.0) > 0.0
    assert tip[1] < 106.0


def test_a_thin_dimension_line_cut_by_its_value_and_its_extension_lines_make_no_points() -> None:
    # |<--- 15 --->| drawn thin beside a slanted side, heads on its outer ends touching two thin
    # extension lines that leave the side's ends square to it
    page = _Page(560, 360)
    d = page.draw
    a, c, b = (150.0, 70.0), (90.0, 290.0), (400.0, 290.0)
    _triangle(d, [a, c, b])
    u = ((a[0] - c[0]) / math.dist(a, c), (a[1] - c[1]) / math.dist(a, c))
    out = (u[1] * -1.0, u[0])  # square to the side, away from the triangle
    if out[0] > 0:
        out = (-out[0], -out[1])
    off = 45.0
    ea = (a[0] + (off + 20) * out[0], a[1] + (off + 20) * out[1])
    ec = (c[0] + (off + 20) * out[0], c[1] + (off + 20) * out[1])
    d.line([(a[0] + 4 * out[0], a[1] + 4 * out[1]), ea], fill="black", width=1)
    d.line([(c[0] + 4 * out[0], c[1] + 4 * out[1]), ec], fill="black", width=1)
    ta = (a[0] + off * out[0], a[1] + off * out[1])
    tc = (c[0] + off * out[0], c[1] + off * out[1])
    mid = ((ta[0] + tc[0]) / 2, (ta[1] + tc[1]) / 2)
    gap = 30.0
    for tip in (ta, tc):
        s = (tip[0] - mid[0], tip[1] - mid[1])
        n = math.hypot(*s)
        start = (mid[0] + gap * s[0] / n, mid[1] + gap * s[1] / n)
        d.line([start, tip], fill="black", width=1)
        _head(d, tip, start, 10.0, 5.0)
    _text(d, mid[0] - 9, mid[1])
    pts = _points(page.image())
    assert _matches(pts, [a, c, b], 6.0), pts


def test_a_thin_label_arrow_with_an_askew_head_across_a_side_makes_no_points() -> None:
    # the head drawn askew to its stroke: one barb reaches farther back than the other
    page = _Page(420, 320)
    d = page.draw
    tri = [(60.0, 260.0), (360.0, 260.0), (140.0, 50.0)]
    _triangle(d, tri)
    tail, tip = (330.0, 120.0), (230.0, 170.0)
    d.line([tail, tip], fill="black", width=1)
    u = ((tip[0] - tail[0]) / math.dist(tip, tail), (tip[1] - tail[1]) / math.dist(tip, tail))
    n = (-u[1], u[0])
    b1 = (tip[0] - 8.0 * u[0] + 4.5 * n[0], tip[1] - 8.0 * u[1] + 4.5 * n[1])
    b2 = (tip[0] - 11.0 * u[0] - 5.0 * n[0], tip[1] - 11.0 * u[1] - 5.0 * n[1])
    d.polygon([tip, b1, (tip[0] - 6.0 * u[0], tip[1] - 6.0 * u[1]), b2], fill="black")
    _text(d, 336.0, 116.0)
    pts = _points(page.image())
    assert _matches(pts, tri), pts


def _curved_arrow(d: _Scaled, tip: Xy, tail: Xy, bend: float) -> Xy:
    """A thin label arrow whose last part runs straight from ``tail`` to ``tip`` (a head there)
    and whose first part curves away from that line: a quarter turn of radius ``bend`` back
    from ``tail``. Returns where the curve starts (beside its text)."""
    u = ((tip[0] - tail[0]) / math.dist(tip, tail), (tip[1] - tail[1]) / math.dist(tip, tail))
    n = (-u[1], u[0])
    centre = (tail[0] + bend * n[0], tail[1] + bend * n[1])
    arc = []
    for k in range(13):
        t = math.radians(90.0 * k / 12)
        # from tail, turning about the centre away from the straight part
        arc.append((centre[0] - bend * (math.cos(t) * n[0] + math.sin(t) * u[0]),
                    centre[1] - bend * (math.cos(t) * n[1] + math.sin(t) * u[1])))
    d.line(arc[::-1] + [tail], fill="black", width=1)
    d.line([tail, tip], fill="black", width=1)
    _head(d, tip, tail, 9.0, 4.0)
    return arc[-1]


def _set_apart_thin(img: Image.Image, segments: list[Segment]) -> set[int]:
    from recode_dsl.perception.diagram import arrows, reader
    from recode_dsl.perception.diagram import image as im

    page = im.page_of(np.asarray(img))
    limit = reader.text_size(page)
    small = [b for b in im.blobs(page.ink)[1] if im.is_small(b, limit)]
    heads = arrows.heads(page.ink, segments, page.stroke)
    return reader._thin_arrows(page, segments, heads, [], small, limit)


def test_the_straight_tip_of_a_curved_label_arrow_is_no_stroke_of_the_figure() -> None:
    # a thin arrow curving from its text, far off, to a side of the figure: only its last
    # stretch (about 43 px) is straight, and its free end there lies beside no text
    page = _Page(420, 320)
    d = page.draw
    tri = [(60.0, 260.0), (360.0, 260.0), (140.0, 50.0)]
    _triangle(d, tri)
    tip, tail = (250.0, 155.0), (284.0, 128.0)  # tip on the side from (360, 260) to (140, 50)
    start = _curved_arrow(d, tip, tail, 40.0)
    _text(d, start[0] + 6.0, start[1] - 14.0)
    sides = [Segment(tri[k], tri[(k + 1) % 3]) for k in range(3)]
    assert _set_apart_thin(page.image(), [*sides, Segment(tail, tip)]) == {3}


def test_a_thin_stroke_joining_two_sides_stays_in_the_figure() -> None:
    # as short and thin, but both its ends on the figure: a chord of it, no label arrow
    page = _Page(420, 320)
    d = page.draw
    tri = [(60.0, 260.0), (360.0, 260.0), (140.0, 50.0)]
    _triangle(d, tri)
    a, b = (140.0 - 80.0 * 50 / 210, 100.0), (140.0 + 220.0 * 50 / 210, 100.0)  # 71 px
    d.line([a, b], fill="black", width=1)
    sides = [Segment(tri[k], tri[(k + 1) % 3]) for k in range(3)]
    assert _set_apart_thin(page.image(), [*sides, Segment(a, b)]) == set()


def test_a_label_arrow_as_wide_as_the_figure_pointing_at_a_side_makes_no_points() -> None:
    # Geometry3K train 1513: the figure drawn 1 px wide, and so is the arrow from its value,
    # outside, across one side to a point on another: its head's tip stops on that side, its
    # tail is free beside the text
    page = _Page(420, 320)
    d = page.draw
    tri = [(60.0, 260.0), (360.0, 260.0), (140.0, 50.0)]
    _triangle(d, tri, width=1)
    _arrow(d, (40.0, 120.0), (150.0, 257.0), length=10.0, half=4.0)
    _text(d, 18.0, 108.0)
    pts = _points(page.image())
    assert _matches(pts, tri), pts


def test_a_ray_as_wide_as_the_figure_with_its_head_in_the_open_stays() -> None:
    # a side drawn on past its vertex as a ray: its head ends it in the open, its tail is at
    # the figure's vertex, and a text beside the head does not make it a label's arrow
    page = _Page(420, 320)
    d = page.draw
    tri = [(60.0, 260.0), (300.0, 260.0), (140.0, 80.0)]
    _triangle(d, tri, width=1)
    _arrow(d, (300.0, 260.0), (390.0, 260.0), length=10.0, half=4.0)
    _text(d, 380.0, 285.0)
    pts = _points(page.image())
    assert _matches(pts, [*tri, (390.0, 260.0)], 6.0) or _matches(pts, [*tri, (380.0, 260.0)], 6.0), pts
