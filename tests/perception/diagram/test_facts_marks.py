"""Facts from marks and label placement (issue 13): a right-angle square crossed by a line from
its corner, degree signs drawn as small rings, fraction bars, values set beside tick marks.
Figures are drawn here with PIL, so every position is known; the labels are built as texts
(no OCR needed)."""

from __future__ import annotations

import math

import numpy as np
from PIL import Image, ImageDraw

import recode_dsl
from recode_dsl.fmt import format_expr
from recode_dsl.perception.diagram import facts as fx
from recode_dsl.perception.diagram import image as im
from recode_dsl.perception.diagram import read_figure
from recode_dsl.perception.diagram.program import parse_value
from recode_dsl.perception.diagram.reader import Diagram, read_geometry
from recode_dsl.perception.diagram.texts import Text, degree_signs, fractions, is_ring, radicals


def _canvas(w: int = 400, h: int = 300) -> tuple[Image.Image, ImageDraw.ImageDraw]:
    img = Image.new("RGB", (w, h), "white")
    return img, ImageDraw.Draw(img)


def _triangle(*corners: tuple[int, int]) -> Diagram:
    """The reading of a triangle drawn in 2 px black strokes between ``corners`` (no labels)."""
    img, d = _canvas()
    v, a, b = corners
    for p, q in ((v, a), (v, b), (a, b)):
        d.line([p, q], fill="black", width=2)
    return read_geometry(np.asarray(img))


def _right_triangle_with_altitude(square_at_top: bool) -> np.ndarray:
    """A right triangle with its right angle at A (300, 40), the altitude from A to the
    hypotenuse and a square mark at its foot; a square at A too when ``square_at_top``."""
    img, d = _canvas()
    a, b, c = (300, 40), (40, 40), (300, 270)
    for p, q in ((a, b), (a, c), (b, c)):
        d.line([p, q], fill="black", width=2)
    # foot of the altitude from A on BC
    bx, by = c[0] - b[0], c[1] - b[1]
    t = ((a[0] - b[0]) * bx + (a[1] - b[1]) * by) / (bx * bx + by * by)
    foot = (b[0] + t * bx, b[1] + t * by)
    d.line([a, foot], fill="black", width=2)
    if square_at_top:
        d.line([(300, 58), (282, 58)], fill="black", width=2)
        d.line([(282, 58), (282, 40)], fill="black", width=2)
    # the square at the foot: along the hypotenuse toward C, then toward A
    L = math.hypot(bx, by)
    u = (bx / L, by / L)
    v = ((a[0] - foot[0]) / math.dist(a, foot), (a[1] - foot[1]) / math.dist(a, foot))
    p1 = (foot[0] + 16 * u[0], foot[1] + 16 * u[1])
    p2 = (p1[0] + 16 * v[0], p1[1] + 16 * v[1])
    p3 = (foot[0] + 16 * v[0], foot[1] + 16 * v[1])
    d.line([p1, p2], fill="black", width=2)
    d.line([p2, p3], fill="black", width=2)
    return np.asarray(img)


def _perpendicular_at(reading_facts: list[fx.Fact], xy: list[tuple[float, float]], at: tuple[float, float]) -> bool:
    return any(
        f.kind == "perpendicular" and math.dist(xy[f.points[0]], at) <= 5.0 for f in reading_facts
    )


def test_a_square_crossed_by_a_line_from_its_corner_is_a_right_angle() -> None:
    reading = read_figure(_right_triangle_with_altitude(True), ocr=False)
    xy = [p.xy for p in reading.diagram.points]
    assert _perpendicular_at(reading.facts, xy, (300, 40)), reading.facts
    # without the square, the corner crossed by the altitude states nothing
    bare = read_figure(_right_triangle_with_altitude(False), ocr=False)
    xy0 = [p.xy for p in bare.diagram.points]
    assert not _perpendicular_at(bare.facts, xy0, (300, 40)), bare.facts


def test_a_small_ring_is_a_degree_sign_whatever_ocr_read() -> None:
    img, d = _canvas(60, 40)
    d.ellipse([20, 5, 28, 13], outline="black", width=2)  # a ring
    d.ellipse([35, 5, 43, 13], fill="black")  # a filled dot: no ring
    d.line([(5, 30), (15, 30)], fill="black", width=2)  # a dash: no ring
    page = im.page_of(np.asarray(img))
    assert is_ring(page.ink, (19, 4, 30, 15))
    assert not is_ring(page.ink, (34, 4, 45, 15))
    assert not is_ring(page.ink, (4, 28, 17, 33))
    x = Text("x", (100, 110, 112, 124), "length", "x")
    ring = Text(".", (114, 104, 122, 112), "other", ".")
    far = Text("y", (200, 110, 212, 124), "length", "y")
    out = degree_signs([x, ring, far], {ring.box})
    assert [(t.kind, t.value) for t in out] == [("angle", "x"), ("length", "y")]
    # read as '.' but not a ring: nothing changes
    assert [(t.kind, t.value) for t in degree_signs([x, ring, far])] == [
        ("length", "x"), ("other", "."), ("length", "y")
    ]


def test_stacked_numbers_are_a_fraction_only_with_a_bar() -> None:
    img, d = _canvas(80, 80)
    d.line([(20, 38), (40, 38)], fill="black", width=2)
    page = im.page_of(np.asarray(img))
    top = Text("3", (24, 20, 35, 35), "length", "3")
    bottom = Text("5", (24, 41, 35, 56), "length", "5")
    assert [t.value for t in fractions([top, bottom], page.ink)] == ["3/5"]
    blank = im.page_of(np.asarray(_canvas(80, 80)[0]))
    assert sorted(t.value for t in fractions([top, bottom], blank.ink)) == ["3", "5"]
    # a line of the figure passing between two numbers (angles numbered on either side) is no bar
    img2, d2 = _canvas(80, 80)
    d2.line([(0, 38), (79, 38)], fill="black", width=2)
    lined = im.page_of(np.asarray(img2))
    assert sorted(t.value for t in fractions([top, bottom], lined.ink)) == ["3", "5"]


def test_a_value_beside_tick_marks_measures_the_ticked_side() -> None:
    # a horizontal line and a slanted one crossing at (210, 150); the value sits just above the
    # horizontal line, by the crossing, right beside a tick across the slanted line's upper piece
    img, d = _canvas()
    d.line([(40, 150), (360, 150)], fill="black", width=2)
    d.line([(150, 280), (270, 20)], fill="black", width=2)
    n = (0.908, 0.419)  # unit normal of the slanted line
    d.line([(221 - 15 * n[0], 126 - 15 * n[1]), (221 + 15 * n[0], 126 + 15 * n[1])], fill="black", width=2)
    diagram = read_geometry(np.asarray(img))
    label = Text("x", (175, 116, 205, 136), "length", "x")
    lengths = [f for f in fx.bind_values(diagram, [label]) if f.kind == "length"]
    assert len(lengths) == 1
    ends = sorted(diagram.points[i].xy for i in lengths[0].points)
    assert math.dist(ends[0], (210, 150)) <= 5 and math.dist(ends[1], (270, 20)) <= 5, ends
    # with no tick, the same label measures the horizontal piece it sits on
    img2, d2 = _canvas()
    d2.line([(40, 150), (360, 150)], fill="black", width=2)
    d2.line([(150, 280), (270, 20)], fill="black", width=2)
    diagram2 = read_geometry(np.asarray(img2))
    lengths2 = [f for f in fx.bind_values(diagram2, [label]) if f.kind == "length"]
    ends2 = sorted(diagram2.points[i].xy for i in lengths2[0].points)
    assert all(abs(p[1] - 150) <= 3 for p in ends2), ends2


def _trapezoid(heads: tuple[int, int]) -> np.ndarray:
    """A trapezoid with its top (100..300 at y 80) and bottom (40..360 at y 240) parallel,
    ``heads`` filled arrowheads on the middle of each."""
    img, d = _canvas()
    for p, q in (((100, 80), (300, 80)), ((40, 240), (360, 240)), ((100, 80), (40, 240)), ((300, 80), (360, 240))):
        d.line([p, q], fill="black", width=2)
    for y, n in ((80, heads[0]), (240, heads[1])):
        for k in range(n):
            x = 195 + 14 * k
            d.polygon([(x + 12, y), (x, y - 6), (x, y + 6)], fill="black")
    return np.asarray(img)


def test_arrowheads_on_two_sides_make_them_parallel() -> None:
    arr = _trapezoid((1, 1))
    reading = read_figure(arr, ocr=False)
    xy = [p.xy for p in reading.diagram.points]
    par = [f for f in reading.facts if f.kind == "parallel"]
    assert len(par) == 1, reading.facts
    ys = sorted({round((xy[par[0].points[0]][1] + xy[par[0].points[1]][1]) / 2),
                 round((xy[par[0].points[2]][1] + xy[par[0].points[3]][1]) / 2)})
    assert abs(ys[0] - 80) <= 3 and abs(ys[1] - 240) <= 3, ys
    # no heads, or one head against two: nothing is parallel
    assert not [f for f in read_figure(_trapezoid((0, 0)), ocr=False).facts if f.kind == "parallel"]
    assert not [f for f in read_figure(_trapezoid((1, 2)), ocr=False).facts if f.kind == "parallel"]


def _radical(d: ImageDraw.ImageDraw, x0: int, y0: int, x1: int, y1: int) -> None:
    """A radical sign over the box (x0, y0, x1, y1): its check stroke left of it, the bar above."""
    h = y1 - y0
    d.line([(x0 - 12, y0 + h // 2), (x0 - 8, y1), (x0 - 3, y0 - 4), (x1 + 3, y0 - 4)], fill="black", width=2)


def test_a_number_under_a_radical_sign_is_its_square_root() -> None:
    img, d = _canvas(200, 80)
    _radical(d, 60, 30, 72, 50)
    page = im.page_of(np.asarray(img))
    coef = Text("9", (30, 30, 42, 50), "length", "9")
    root = Text("2", (60, 30, 72, 50), "length", "2")
    got = radicals([coef, root], page.ink)
    assert [t.value for t in got] == ["9\\sqrt{2}"]
    assert format_expr(parse_value(got[0].value)) == "9 sqrt(2)"  # type: ignore[arg-type]
    # the same numbers under a side of the figure that runs on past them: no radical
    img2, d2 = _canvas(200, 80)
    d2.line([(20, 26), (190, 26)], fill="black", width=2)
    d2.line([(48, 30), (52, 50)], fill="black", width=2)
    page2 = im.page_of(np.asarray(img2))
    assert sorted(t.value for t in radicals([coef, root], page2.ink)) == ["2", "9"]
    # a corner of the figure right above and left of a number (a numbered angle): its lines
    # run on out of the label's neighbourhood, no radical sign
    img3, d3 = _canvas(200, 80)
    d3.line([(76, 26), (45, 26), (5, 79)], fill="black", width=2)
    page3 = im.page_of(np.asarray(img3))
    assert [t.value for t in radicals([root], page3.ink)] == ["2"]
    program = "figure\npoint A ~ (0, 0), B ~ (9, 9)\nsegment(A, B)\nlength(A, B) = 9 sqrt(2)\nask length(A, B)\n"
    result = recode_dsl.compile(program)
    value = result.answers[0].value if result.ok else None
    assert value is not None and abs(value - 9 * math.sqrt(2)) < 1e-9, result.diagnostics


def test_a_variable_in_a_corner_beside_no_side_measures_the_angle() -> None:
    v, a, b = (60, 240), (360, 240), (200, 30)
    diagram = _triangle(v, a, b)
    corner = Text("x", (72, 221, 84, 235), "length", "x")  # inside the angle at v, by the vertex
    side = Text("y", (200, 246, 212, 262), "length", "y")  # under the middle of va
    facts = fx.bind_values(diagram, [corner, side])
    xy = [p.xy for p in diagram.points]
    angles = [f for f in facts if f.kind == "angle"]
    assert len(angles) == 1 and angles[0].value == "x"
    assert math.dist(xy[angles[0].points[1]], v) <= 4
    lengths = [f for f in facts if f.kind == "length"]
    assert [f.value for f in lengths] == ["y"]
    assert all(abs(xy[i][1] - 240) <= 3 for i in lengths[0].points)


def test_a_lone_number_by_a_corner_measures_the_short_side_beside_it() -> None:
    # a right triangle with a short leg va (50 px): its length "8" is printed beside the leg,
    # nearer the corner v than the leg's middle; one number alone numbers no angle
    v, a, b = (60, 240), (60, 190), (360, 240)
    diagram = _triangle(v, a, b)
    eight = Text("8", (40, 222, 52, 238), "length", "8")
    facts = fx.bind_values(diagram, [eight])
    xy = [p.xy for p in diagram.points]
    assert [f.kind for f in facts] == ["length"], facts
    ends = sorted(xy[i] for i in facts[0].points)
    assert all(abs(p[0] - 60) <= 3 for p in ends) and abs(ends[0][1] - ends[1][1]) >= 45, ends
    # a run of numbers 1, 2, 3 in the corners numbers the angles
    run = [Text(str(k), box, "length", str(k)) for k, box in
           ((1, (72, 222, 82, 236)), (2, (62, 196, 72, 210)), (3, (290, 232, 298, 239)))]
    assert sorted(f.value or "" for f in fx.bind_values(diagram, run) if f.kind == "angle_label") == ["1", "2", "3"]


def test_a_label_arrow_is_followed_across_the_side_it_crosses() -> None:
    # the free strokes of an arrow from a label at the right to a point at the left, broken where
    # it crosses a side (the side's band was taken out): its tip is the far end, past the gap
    free = np.zeros((120, 300), dtype=bool)
    free[60, 40:120] = True  # past the side
    free[60, 127:200] = True  # from the label to the side
    label = Text("3x-11", (205, 45, 290, 75), "angle", "3x-11")
    tips = fx.arrow_tips([label], free)
    assert 0 in tips and tips[0][0] <= 45, tips
    # a gap wider than a side's band ends the arrow there
    free[60, 100:127] = False
    near = fx.arrow_tips([label], free)
    assert 0 in near and near[0][0] >= 120, near
