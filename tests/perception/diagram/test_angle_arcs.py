"""Equal-angle arcs (issue 13): one, two or three concentric arcs at a vertex mark an angle;
angles with the same number are equal. Figures are drawn here with PIL, so every position is
known (no OCR needed)."""

from __future__ import annotations

import math

import numpy as np
from PIL import Image, ImageDraw

import recode_dsl
from recode_dsl.perception.diagram import arcs, read_figure
from recode_dsl.perception.diagram import image as im
from recode_dsl.perception.diagram.forms import forms_of

Xy = tuple[float, float]


def _arcs(d: ImageDraw.ImageDraw, v: Xy, p: Xy, q: Xy, radii: list[float], colour: str = "black") -> None:
    """Arcs centred at v across the angle pvq (the smaller one)."""
    a = math.degrees(math.atan2(p[1] - v[1], p[0] - v[0]))
    b = math.degrees(math.atan2(q[1] - v[1], q[0] - v[0]))
    if (b - a) % 360 > 180:
        a, b = b, a
    for r in radii:
        d.arc([v[0] - r, v[1] - r, v[0] + r, v[1] + r], a, b, fill=colour, width=2)


def _figure(marks: dict[str, list[float]], colour: str = "black") -> np.ndarray:
    """A triangle ABC with a cevian AD to BC, arcs at the angles named in ``marks`` (``"B"``: at
    B; ``"A1"``/``"A2"``: at A, between AB and AD / AD and AC; ``"C"``: at C)."""
    img = Image.new("RGB", (420, 320), "white")
    d = ImageDraw.Draw(img)
    A, B, C, D = (200.0, 40.0), (50.0, 280.0), (370.0, 280.0), (230.0, 280.0)
    for p, q in ((A, B), (B, C), (C, A), (A, D)):
        d.line([p, q], fill="black", width=2)
    where = {"B": (B, A, C), "C": (C, A, B), "A1": (A, B, D), "A2": (A, D, C)}
    for key, radii in marks.items():
        v, p, q = where[key]
        _arcs(d, v, p, q, radii, colour)
    return np.asarray(img)


def _equal_pairs(image: np.ndarray) -> set[frozenset[Xy]]:
    """The vertices of the angle pairs stated equal (rounded to 10 px)."""
    reading = read_figure(image, ocr=False)
    xy = [p.xy for p in reading.diagram.points]
    out = set()
    for f in reading.facts:
        if f.kind == "equal_angle":
            v, w = xy[f.points[1]], xy[f.points[4]]
            out.add(frozenset({(round(v[0], -1), round(v[1], -1)), (round(w[0], -1), round(w[1], -1))}))
    return out


def test_single_arcs_at_two_angles_state_them_equal() -> None:
    pairs = _equal_pairs(_figure({"B": [22], "C": [22]}))
    assert pairs == {frozenset({(50.0, 280.0), (370.0, 280.0)})}


def test_double_arcs_pair_with_double_arcs_not_with_single_ones() -> None:
    image = _figure({"B": [20, 25], "C": [20, 25], "A1": [30]}, colour="magenta")
    reading = read_figure(image, ocr=False)
    page = im.page_of(image)
    counts = sorted(m.count for m in arcs.marked_angles(reading.diagram, page.ink, reading.texts))
    assert counts == [1, 2, 2]
    assert _equal_pairs(image) == {frozenset({(50.0, 280.0), (370.0, 280.0)})}


def test_the_two_halves_of_a_bisected_angle() -> None:
    reading = read_figure(_figure({"A1": [30], "A2": [34]}), ocr=False)
    eq = [f for f in reading.facts if f.kind == "equal_angle"]
    assert len(eq) == 1
    xy = [p.xy for p in reading.diagram.points]
    assert math.dist(xy[eq[0].points[1]], (200, 40)) < 4 and math.dist(xy[eq[0].points[4]], (200, 40)) < 4
    # the two angles share the cevian's ray and differ in their other rays
    assert {eq[0].points[0], eq[0].points[2]} != {eq[0].points[3], eq[0].points[5]}


def test_no_arcs_no_equal_angles_and_a_lone_arc_states_nothing() -> None:
    assert _equal_pairs(_figure({})) == set()
    assert _equal_pairs(_figure({"B": [22]})) == set()


def test_equal_angles_reach_the_program_and_the_forms() -> None:
    reading = read_figure(_figure({"B": [22], "C": [22]}), ocr=False)
    text = reading.program_text()
    line = next(ln for ln in text.splitlines() if ln.startswith("angle(") and "= angle(" in ln)
    assert line.count("angle(") == 2
    forms = forms_of(reading, reading.names())
    assert sum(f.startswith("Equals(MeasureOf(Angle(") and "MeasureOf(Angle(" in f[20:] for f in forms) == 1
    # the program compiles with the equality stated
    result = recode_dsl.compile(text)
    assert not [d for d in result.diagnostics if d.severity == "error"], result.diagnostics


def test_a_circle_centred_at_the_vertex_is_no_arc() -> None:
    img = Image.new("RGB", (300, 300), "white")
    d = ImageDraw.Draw(img)
    o, P, Q = (150.0, 150.0), (270.0, 150.0), (150.0, 30.0)
    d.line([o, P], fill="black", width=2)
    d.line([o, Q], fill="black", width=2)
    d.ellipse([30, 30, 270, 270], outline="black", width=2)
    reading = read_figure(np.asarray(img), ocr=False)
    page = im.page_of(np.asarray(img))
    assert arcs.marked_angles(reading.diagram, page.ink, reading.texts) == []
