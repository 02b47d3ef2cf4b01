"""Figure drawing of issue 15, measured on the rendered array: numbered angle labels near their vertex
and kept when the angle also carries an equality, long labels kept on the canvas, right-angle marks
of rectangles, unlabeled points and lengths, and equal(...) drawing the ticks it states."""

from __future__ import annotations

import math

import numpy as np
import pytest

import recode_dsl
from recode_dsl import scene as s
from recode_dsl.renderer.geometry import render_figure

SIZE = {"width": 480, "height": 480}


def figure(src: str) -> s.Figure:
    r = recode_dsl.compile(src, solve=False)
    assert r.ok, r.diagnostics
    assert isinstance(r.scene, s.Figure)
    return r.scene


def draw(src: str) -> np.ndarray:
    return render_figure(figure(src), "array", **SIZE)[..., :3].astype(int)  # type: ignore[no-any-return]


def changed(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """(row, col) of the pixels that differ."""
    return np.argwhere(np.abs(a - b).sum(axis=2) > 60)


def pixel_of(src: str, name: str) -> tuple[float, float]:
    """Where the renderer puts a point, in pixels (the same frame as render_figure's)."""
    from recode_dsl.renderer.geo_draw import Style
    from recode_dsl.renderer.geometry import figure_frame

    fig = figure(src)
    w, h = SIZE["width"], SIZE["height"]
    frame = figure_frame(fig, w, h, min(1.8 * Style.for_canvas(w, h).font, 0.2 * min(w, h)))
    p = fig.point(name)
    return frame.px((float(p.x), float(p.y)))  # type: ignore[arg-type]


SPLIT = """figure
point A = (0, 0), B = (6, 0), C = (6, 6), D = (0, 6)
quadrilateral(A, B, C, D)
segment(A, C)
angle(A, C, B, label={x})
angle(D, C, A, label={y})
{extra}
"""


@pytest.mark.parametrize("extra", ["", "angle({x}) = angle({y})"])
def test_numbered_angle_labels_are_drawn_even_with_an_equality(extra: str) -> None:
    # the numbers' glyphs differ between labels 4/5 and 7/8: if a number vanished, nothing would change there
    fours = draw(SPLIT.format(x=4, y=5, extra=extra.format(x=4, y=5)))
    sevens = draw(SPLIT.format(x=7, y=8, extra=extra.format(x=7, y=8)))
    diff = changed(fours, sevens)
    assert len(diff) > 30
    # both numbers sit close to C (top right), each inside its own half of the corner
    c = np.array(pixel_of(SPLIT.format(x=4, y=5, extra=""), "C"))
    dist = np.hypot(diff[:, 1] - c[0], diff[:, 0] - c[1])
    assert dist.max() < 55
    side = (diff[:, 1] - c[0]) + (diff[:, 0] - c[1])  # 0 on the diagonal CA (down-left in pixels)
    assert (side > 0).any() and (side < 0).any()  # one number toward B, one toward D


def test_a_numbered_angle_without_arc_sits_near_its_vertex() -> None:
    src = "figure\npoint A = (0, 0), B = (8, 0), C = (0, 6)\ntriangle(A, B, C)\nangle(C, A, B, label={n})\n"
    diff = changed(draw(src.format(n=1)), draw(src.format(n=7)))
    a = np.array(pixel_of(src.format(n=1), "A"))
    centre = diff.mean(axis=0)[::-1]
    assert 0 < math.hypot(*(centre - a)) < 30  # 42 px before (20 px text at this size)


def test_a_long_angle_label_stays_on_the_canvas() -> None:
    src = ("figure\npoint A = (0, 0), B = (10, 0), C = (10, 0.6)\ntriangle(A, B, C)\n"
           "angle(A, B, C) = (n - 2) * 180 / n\nangle(B, C, A) = {v}\nask n\n")
    long_ = draw(src.format(v="(3 n + 1234567) / (7 n - 89)"))
    short = draw(src.format(v="12"))
    diff = changed(long_, short)
    assert len(diff) > 50
    h, w = long_.shape[:2]
    assert diff[:, 1].min() > 0 and diff[:, 1].max() < w - 1 and diff[:, 0].min() > 0 and diff[:, 0].max() < h - 1


RECT = "figure\npoint A = (0, 0), B = (8, 0), C = (8, 5), D = (0, 5)\n{kind}(A, B, C, D)\n{extra}"


def test_a_rectangle_draws_its_right_angles() -> None:
    plain = draw(RECT.format(kind="quadrilateral", extra=""))
    rect = draw(RECT.format(kind="rectangle", extra=""))
    diff = changed(rect, plain)
    corners = [np.array(pixel_of(RECT.format(kind="rectangle", extra=""), p)) for p in "ABCD"]
    for c in corners:  # a square mark inside every corner, and nothing else drawn
        near = np.hypot(diff[:, 1] - c[0], diff[:, 0] - c[1]) < 30
        assert near.sum() > 10
    assert all(min(np.hypot(x - c[0], y - c[1]) for c in corners) < 30 for y, x in diff)


def test_a_corner_split_by_a_diagonal_has_no_right_angle_mark() -> None:
    plain = draw(RECT.format(kind="quadrilateral", extra="segment(A, C)\n"))
    rect = draw(RECT.format(kind="rectangle", extra="segment(A, C)\n"))
    diff = changed(rect, plain)
    for p, marked in zip("ABCD", (False, True, False, True)):
        c = np.array(pixel_of(RECT.format(kind="rectangle", extra=""), p))
        assert (np.hypot(diff[:, 1] - c[0], diff[:, 0] - c[1]) < 30).any() == marked, p


def test_unlabeled_points_and_lengths_draw_no_label() -> None:
    base = "figure\npoint A = (0, 0), B = (8, 0), C = (0, 6), M = (4, 0)\ntriangle(A, B, C)\non(M, segment(A, B))\n"
    named = draw(base)
    hidden = draw(base + "unlabeled(M)\n")
    diff = changed(named, hidden)
    m = np.array(pixel_of(base, "M"))
    assert len(diff) > 20 and np.hypot(diff[:, 1] - m[0], diff[:, 0] - m[1]).max() < 30  # only M's name
    # a length stated only in the question: still a fact, not printed
    with_length = base + "length(B, C) = 10\n"
    assert len(changed(draw(with_length), named)) > 20
    assert len(changed(draw(with_length + "unlabeled(segment(C, B))\n"), named)) == 0


def test_unlabeled_angle_measure() -> None:
    base = "figure\npoint A = (0, 0), B = (8, 0), C = (0, 6)\ntriangle(A, B, C)\n"
    plain = draw(base + "angle(A, B, C) = x\n")
    hidden = draw(base + "angle(A, B, C) = x\nunlabeled(angle(C, B, A))\n")
    arc_only = changed(plain, hidden)
    assert len(arc_only) > 10  # the "x" is gone (its arc stays)
    assert len(changed(hidden, draw(base + "angle(A, B, C) = x\nunlabeled(angle(C, B, A))\n"))) == 0


def test_equal_draws_the_ticks_of_the_equalities_it_states() -> None:
    base = "figure\npoint A = (0, 0), B = (4, 0), C = (8, 0), D = (4, 5)\nsegment(A, C)\nsegment(B, D)\n"
    stated = draw(base + "equal(segment(A, B), segment(B, C))\n")
    written = draw(base + "length(A, B) = length(B, C)\n")
    assert len(changed(stated, written)) == 0 and len(changed(stated, draw(base))) > 10


def test_equal_arcs_are_ticked_at_their_middles() -> None:
    base = ("figure\npoint O = (0, 0), A = (5, 0), B = (0, 5), C = (-5, 0), D = (0, -5)\ncircle(O, 5)\n"
            "on(A, circle(O))\non(B, circle(O))\non(C, circle(O))\non(D, circle(O))\n")
    diff = changed(draw(base + "equal(arc(A, B), arc(C, D))\n"), draw(base))
    o = np.array(pixel_of(base, "O"))
    r = abs(pixel_of(base, "A")[0] - o[0])
    for angle in (45, 225):  # the middles of the two arcs, y-up degrees
        mid = o + r * np.array([math.cos(math.radians(angle)), -math.sin(math.radians(angle))])
        assert (np.hypot(diff[:, 1] - mid[0], diff[:, 0] - mid[1]) < 12).sum() > 3, angle
    assert all(min(np.hypot(x - o[0] - r * math.cos(math.radians(t)), y - o[1] + r * math.sin(math.radians(t)))
                   for t in (45, 225)) < 15 for y, x in diff)


def test_ticks_go_only_on_drawn_segments() -> None:
    base = "figure\npoint A = (0, 0), B = (8, 0), C = (8, 6), D = (0, 6)\nsegment(A, B)\n"
    diff = changed(draw(base + "equal(segment(A, B), segment(C, D))\n"), draw(base))
    a, b = np.array(pixel_of(base, "A")), np.array(pixel_of(base, "B"))
    mid = (a + b) / 2
    assert len(diff) > 5 and np.hypot(diff[:, 1] - mid[0], diff[:, 0] - mid[1]).max() < 20  # none floats at CD


def test_lengths_with_units_are_printed_as_written() -> None:
    base = "figure\npoint A = (0, 0), B = (8, 0), C = (8, 1.5)\ntriangle(A, B, C)\nlength(A, B) = {ab}\n"
    # the label of BC is drawn as written, "18 in", although the figure answers in feet
    with_unit = draw(base.format(ab="8 ft") + "length(B, C) = 18 in\n")
    spelled = draw(base.format(ab="8 ft") + "length(B, C) = 1.5 ft\n")
    diff = changed(with_unit, spelled)
    b, c = np.array(pixel_of(base.format(ab="8 ft"), "B")), np.array(pixel_of(base.format(ab="8 ft"), "C"))
    mid = (b + c) / 2
    assert len(diff) > 20 and np.hypot(diff[:, 1] - mid[0], diff[:, 0] - mid[1]).max() < 80  # only that label
    from recode_dsl.renderer.geo_labels import length_text

    fig = figure(base.format(ab="8 ft") + "length(B, C) = 18 in\n")
    eqs = {e.span.line: e.rhs for e in fig.equations}
    assert (length_text(fig, eqs[4]), length_text(fig, eqs[5])) == ("8 ft", "18 in")  # type: ignore[arg-type]
