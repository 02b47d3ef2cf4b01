"""Tick marks found in the ink across a side, a label in a corner that is no right-angle square,
and value texts mended by rules of writing (issue 13). Figures are drawn here with PIL, so every
position is known; labels are built as texts (no OCR needed)."""

from __future__ import annotations

import math

import numpy as np
from PIL import Image, ImageDraw

from recode_dsl.perception.diagram import facts as fx
from recode_dsl.perception.diagram import image as im
from recode_dsl.perception.diagram.reader import read_geometry
from recode_dsl.perception.diagram.texts import Text, classify, fractions, radicals

Xy = tuple[float, float]


def _canvas(w: int = 400, h: int = 300) -> tuple[Image.Image, ImageDraw.ImageDraw]:
    img = Image.new("RGB", (w, h), "white")
    return img, ImageDraw.Draw(img)


def _mark(d: ImageDraw.ImageDraw, p: Xy, q: Xy, t: float, across: float, lean: float, sign: int) -> None:
    """A short stroke crossing pq at the share t of it: a tick (sign 1: through the side) or
    an open arrowhead's two arms (sign -1: both leaning back)."""
    L = math.dist(p, q)
    u = ((q[0] - p[0]) / L, (q[1] - p[1]) / L)
    n = (-u[1], u[0])
    c = (p[0] + t * L * u[0], p[1] + t * L * u[1])
    for side in (1, -1):
        far = (c[0] + side * across * n[0] + sign * side * lean * u[0] - (sign < 0) * lean * u[0],
               c[1] + side * across * n[1] + sign * side * lean * u[1] - (sign < 0) * lean * u[1])
        d.line([c, far], fill=(200, 0, 120), width=2)


def _kite(ticks: bool, heads: bool = False) -> np.ndarray:
    """A kite W X Y Z with slanted sides; one tick across WX and WZ, two across XY and ZY when
    ``ticks``; one arrowhead on WX and WZ instead when ``heads``."""
    img, d = _canvas(360, 240)
    w, x, y, z = (50, 120), (160, 40), (300, 120), (160, 200)
    for p, q in ((w, x), (x, y), (y, z), (z, w)):
        d.line([p, q], fill=(20, 80, 200), width=2)
    if ticks:
        for p, q in ((w, x), (w, z)):
            _mark(d, p, q, 0.5, 7, 2.5, 1)
        for p, q in ((x, y), (z, y)):
            _mark(d, p, q, 0.47, 7, 2.5, 1)
            _mark(d, p, q, 0.53, 7, 2.5, 1)
    if heads:
        for p, q in ((w, x), (w, z)):
            _mark(d, p, q, 0.5, 6, 6, -1)
    return np.asarray(img)


def _equal_pairs(arr: np.ndarray) -> tuple[list[Xy], set[frozenset[frozenset[int]]]]:
    page = im.page_of(arr)
    diagram = read_geometry(arr)
    xy = [p.xy for p in diagram.points]
    facts = fx.equal_ticks(diagram, page.ink)
    return xy, {frozenset((frozenset(f.points[:2]), frozenset(f.points[2:]))) for f in facts}


def _index(xy: list[Xy], at: Xy) -> int:
    k = min(range(len(xy)), key=lambda i: math.dist(xy[i], at))
    assert math.dist(xy[k], at) <= 5, (xy, at)
    return k


def test_ticks_across_slanted_sides_make_them_equal() -> None:
    xy, pairs = _equal_pairs(_kite(True))
    w, x, y, z = (_index(xy, p) for p in ((50, 120), (160, 40), (300, 120), (160, 200)))
    one = frozenset((frozenset((w, x)), frozenset((w, z))))
    two = frozenset((frozenset((x, y)), frozenset((z, y))))
    assert pairs == {one, two}


def test_no_ticks_or_arrowheads_state_no_equal_sides() -> None:
    assert _equal_pairs(_kite(False))[1] == set()
    # an open arrowhead's arms lean the same way: no tick
    assert _equal_pairs(_kite(False, heads=True))[1] == set()


def test_a_label_in_a_corner_is_no_right_angle_square() -> None:
    """An 'x' with a degree ring set in a corner of about 96 degrees: its strokes close no square."""
    img, d = _canvas(380, 240)
    a, b, c = (148, 16), (345, 116), (27, 213)
    for p, q in ((a, b), (b, c), (c, a)):
        d.line([p, q], fill="black", width=2)
    box = (138, 34, 162, 52)
    d.line([(140, 38), (152, 52)], fill="black", width=2)  # the x
    d.line([(152, 38), (140, 52)], fill="black", width=2)
    d.ellipse([155, 33, 161, 39], outline="black", width=1)  # its degree ring
    arr = np.asarray(img)
    page = im.page_of(arr)
    diagram = read_geometry(arr)
    label = Text("x°", box, "angle", "x")
    assert not [f for f in fx.right_angles(diagram, page.ink, [label]) if f.kind == "perpendicular"]


def test_values_mended_by_rules_of_writing() -> None:
    assert classify("xx+2", False) == ("length", "x+2")
    assert classify("4x--9", False) == ("length", "4x-9")
    assert classify("+12", False) == ("length", "12")
    assert classify("(5x421)", True) == ("angle", "5x+21")
    # two letters side by side are no value; one letter is a variable
    assert classify("eon", False)[0] == "other"
    assert classify("ry", False)[0] == "other"
    assert classify("y", False) == ("length", "y")
    # a degree ring read as a last digit: no figure's angle is 360 or more
    assert classify("519", True) == ("angle", "51")
    assert classify("284", True) == ("angle", "284")


def test_a_stacked_fraction_with_a_variable_beside_it() -> None:
    img, d = _canvas(120, 80)
    d.line([(40, 38), (62, 38)], fill="black", width=2)  # the bar
    ink = im.page_of(np.asarray(img)).ink
    top = Text("2", (45, 18, 55, 34), "length", "2")
    bottom = Text("3x", (45, 42, 70, 58), "length", "3x")
    out = fractions([top, bottom], ink)
    assert [t.value for t in out] == ["\\frac{2}{3}x"]
    # two variables stacked are no fraction
    assert len(fractions([Text("x", top.box, "length", "x"), Text("2y", bottom.box, "length", "2y")], ink)) == 2


def test_a_radical_read_as_a_letter_inside_one_label() -> None:
    """'6√3' read '6y3': the bar over the 3 makes it six root three; with no bar it stays."""
    img, d = _canvas(120, 60)
    d.line([(62, 17), (80, 17)], fill="black", width=2)  # the radical's bar
    d.line([(52, 32), (56, 40), (62, 17)], fill="black", width=2)  # its sign
    ink = im.page_of(np.asarray(img)).ink
    t = Text("6y3", (40, 20, 78, 40), "length", "6y3")
    assert [x.value for x in radicals([t], ink)] == ["6\\sqrt{3}"]
    blank = im.page_of(np.asarray(_canvas(120, 60)[0])).ink
    assert [x.value for x in radicals([t], blank)] == ["6y3"]


def test_a_curved_arrow_runs_on_across_the_circle_it_crosses() -> None:
    """A label's arrow curling from outside a circle across it toward the centre: its free
    strokes stay one piece across the circle, so its tip is where it ends inside."""
    img, d = _canvas(300, 300)
    d.ellipse([50, 50, 250, 250], outline="black", width=2)
    d.line([(150, 150), (250, 150)], fill="black", width=2)
    curl = []
    for k in range(41):  # a spiral: no circle, no straight stroke
        th = math.radians(60 + 150 * k / 40)
        r = 60 - 30 * k / 40
        curl.append((200 + r * math.cos(th), 190 + r * math.sin(th)))
    d.line(curl, fill="black", width=2)
    arr = np.asarray(img)
    page = im.page_of(arr)
    diagram = read_geometry(arr)
    x, y = curl[0]
    label = Text("x", (int(x) - 7, int(y) + 3, int(x) + 7, int(y) + 19), "angle", "x")
    tips = fx.arrow_tips([label], fx.free_strokes(page.ink, [label], diagram))
    assert 0 in tips, tips
    assert math.dist(tips[0], curl[-1]) <= 8, tips


def test_an_arrow_head_read_as_a_mark_stays_on_its_arrow() -> None:
    """A label's curved arrow whose head was grouped and read as a text of its own ('>', train
    1932: '70°' below a base, its arrow curling up into the angle above): the head is a mark,
    no text, and the arrow's tip is at the head's end, not where the head's box begins."""
    from recode_dsl.perception.diagram.reader import Diagram

    img, d = _canvas(200, 120)
    curl = [(40 + 110 * k / 40, 60 - 40 * math.sin(math.pi * k / 40) * 0.5) for k in range(41)]
    d.line(curl, fill="black", width=2)
    page = im.page_of(np.asarray(img))
    diagram = Diagram(200, 120, 2.0, [], [], [])
    label = Text("70°", (10, 52, 34, 68), "angle", "70")
    head = Text(">", (138, 50, 156, 68), "other", ">")
    tips = fx.arrow_tips([label], fx.free_strokes(page.ink, [label, head], diagram))
    assert 0 in tips and math.dist(tips[0], curl[-1]) <= fx.ARROW_GAP + 1, tips  # (strokes widened)
    # a text with a letter or a digit in its box is still no part of the arrow
    word = Text("x", (138, 50, 156, 68), "other", "x")
    tips = fx.arrow_tips([label], fx.free_strokes(page.ink, [label, word], diagram))
    assert 0 in tips and math.dist(tips[0], curl[-1]) > 10, tips
