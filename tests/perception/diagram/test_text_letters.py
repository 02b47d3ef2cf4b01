"""A point's letter misread as a digit (4 for A) read again, and specks that are no labels (issue 13).
The figure is drawn by our renderer, so every letter and position is known."""

from __future__ import annotations

import numpy as np
import pytest

import recode_dsl
from recode_dsl.perception import ocr
from recode_dsl.perception.diagram import image as im
from recode_dsl.perception.diagram import read_figure
from recode_dsl.perception.diagram.texts import Text, letters_read_as_digits, specks

SRC = "figure\npoint A = (0, 0), B = (6, 0), C = (1, 4)\ntriangle(A, B, C)\nlength(A, B) = 6\n"


def _figure() -> tuple[np.ndarray, list[Text], list[tuple[float, float]]]:
    result = recode_dsl.compile(SRC)
    assert result.ok and result.scene is not None, result.diagnostics
    arr = recode_dsl.render(result.scene, "array", width=400, height=300, margin=30)
    reading = read_figure(arr)
    rgb = (im.to_rgb(arr) * 255).astype(np.uint8)
    return rgb, reading.texts, [p.xy for p in reading.diagram.points]


@pytest.mark.skipif(not ocr.available(), reason="no OCR engine installed")
def test_a_digit_at_an_unlettered_point_is_its_letter_read_again() -> None:
    rgb, texts, points = _figure()
    a = next(t for t in texts if t.kind == "point" and t.value == "A")
    misread = [Text("4", a.box, "length", "4") if t is a else t for t in texts]
    fixed = letters_read_as_digits(misread, rgb, points)
    assert sorted(t.value for t in fixed if t.kind == "point") == ["A", "B", "C"]
    assert any(t.kind == "length" and t.value == "6" for t in fixed)  # the side's length stays a length
    # a letter that fills no run of the figure's letters (P, Q beside the A) is not taken
    other = [Text(t.text, t.box, "point", {"B": "P", "C": "Q"}[t.value]) if t.kind == "point" else t
             for t in misread]
    assert [t.value for t in letters_read_as_digits(other, rgb, points) if t.box == a.box] == ["4"]
    # a digit far from every point is a value, not read again
    far = [Text("4", (190, 140, 202, 156), "length", "4") if t is a else t for t in texts]
    assert [t.value for t in letters_read_as_digits(far, rgb, points) if t.box == (190, 140, 202, 156)] == ["4"]


def test_specks_are_no_labels() -> None:
    labels = [Text("A", (0, 0, 12, 17), "point", "A"), Text("9", (40, 0, 49, 16), "length", "9"),
              Text("32°", (80, 0, 108, 19), "angle", "32"), Text("4", (60, 60, 63, 66), "length", "4")]
    assert [t.value for t in specks(labels)] == ["A", "9", "32"]
    assert specks(labels[2:]) == labels[2:]  # too few labels to tell a speck


def test_a_tall_slim_letter_is_an_arrow_read_as_a_letter() -> None:
    # a dimension line's arrowheads read 't' (30 px tall, 7 wide) beside labels 19-20 px tall
    labels = [Text("L", (56, 31, 69, 51), "point", "L"), Text("t", (40, 59, 47, 89), "length", "t"),
              Text("10", (31, 91, 53, 110), "length", "10"), Text("K", (51, 151, 71, 171), "point", "K"),
              Text("x", (100, 82, 112, 95), "length", "x")]
    assert [t.value for t in specks(labels)] == ["L", "10", "K", "x"]
    # as tall but as wide as a letter (a variable 'd' set large): a label
    wide = Text("d", (40, 59, 62, 89), "length", "d")
    assert wide in specks([*labels[:1], wide, *labels[2:]])


def test_a_ring_ocr_could_not_read_is_the_degree_sign_of_the_value_beside_it() -> None:
    from recode_dsl.perception.diagram.texts import degree_signs, unread_ring

    ink = np.zeros((120, 200), dtype=bool)
    ink[54:59, 108:113] = True
    ink[55:58, 109:112] = False  # a ring 5 px wide, read 'A)' 0.04 sure
    texts = [Text("35°", (129, 29, 153, 46), "angle", "35"), Text("x", (98, 60, 108, 71), "length", "x")]
    ring = unread_ring(ink, (108, 54, 113, 59))
    assert [(t.kind, t.value) for t in degree_signs(texts + ring)] == [("angle", "35"), ("angle", "x")]
    ink[55:58, 109:112] = True  # a filled dot: no degree sign
    assert unread_ring(ink, (108, 54, 113, 59)) == []
