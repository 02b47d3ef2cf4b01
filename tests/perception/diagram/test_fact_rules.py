"""Rules of reading facts added in session 5 (issue 13): a right-angle square's side that OCR
tried to read ('|') is still the square's; an 'I' read more than once is a bar, no letter; a run
of angle numbers with one number unread. Figures drawn with PIL; labels built as texts."""

from __future__ import annotations

import numpy as np
from PIL import Image, ImageDraw

from recode_dsl.perception.diagram import facts as fx
from recode_dsl.perception.diagram import image as im
from recode_dsl.perception.diagram.reader import read_geometry
from recode_dsl.perception.diagram.texts import Text, bars_read_as_letters


def _right_corner() -> np.ndarray:
    """Two lines meeting square at (100, 200), a 16 px square mark in the corner."""
    img = Image.new("RGB", (320, 260), "white")
    d = ImageDraw.Draw(img)
    d.line([(100, 200), (300, 200)], fill="black", width=2)
    d.line([(100, 200), (100, 20)], fill="black", width=2)
    d.line([(116, 200), (116, 184)], fill="black", width=2)
    d.line([(116, 184), (100, 184)], fill="black", width=2)
    return np.asarray(img)


def test_a_square_side_read_as_a_bar_is_still_the_square() -> None:
    image = _right_corner()
    diagram = read_geometry(image)
    ink = im.page_of(image).ink
    bar = Text("|", (114, 183, 119, 199), "other", "|")
    assert [f.kind for f in fx.right_angles(diagram, ink, [bar])] == ["perpendicular"]
    # a label that is read (a value, a letter) set in the corner is no square
    label = Text("12", (103, 183, 119, 199), "length", "12")
    assert fx.right_angles(diagram, ink, [label]) == []


def test_is_label() -> None:
    def t(text: str, kind: str = "other") -> Text:
        return Text(text, (0, 0, 1, 1), kind, text)

    assert not fx.is_label(t("|")) and not fx.is_label(t("+L")) and not fx.is_label(t("\\"))
    assert fx.is_label(t("16 ft}")) and fx.is_label(t("A", "point")) and fx.is_label(t("x", "length"))


def test_an_i_read_twice_is_a_bar_but_once_a_letter() -> None:
    def t(v: str) -> Text:
        return Text(v, (0, 0, 1, 1), "point", v)

    assert [x.kind for x in bars_read_as_letters([t("I"), t("B"), t("I")])] == ["other", "point", "other"]
    assert [x.kind for x in bars_read_as_letters([t("I"), t("B")])] == ["point", "point"]


def test_angle_numbers_with_one_unread() -> None:
    def t(v: str) -> Text:
        return Text(v, (0, 0, 1, 1), "length", v)

    # 1, 3, 4, 5, 6, 7: the 2 unread
    assert fx.angle_numbers([t(v) for v in "134567"]) == set("134567")
    # too short a run with a gap, or no 1: lengths
    assert fx.angle_numbers([t(v) for v in "134"]) == set()
    assert fx.angle_numbers([t(v) for v in "2345"]) == set()
    # a number printed twice: no numbering
    assert fx.angle_numbers([t(v) for v in "1345" + "5"]) == set()


def test_equal_angles_count_as_stated_facts() -> None:
    from recode_dsl.perception.diagram import score as sc

    ann = {"A": (0.0, 0.0), "B": (100.0, 0.0), "C": (50.0, 80.0)}
    read = [(1.0, 1.0), (101.0, 0.0), (50.0, 81.0)]
    match = sc.match_points(read, ann)
    form = ["Equals(MeasureOf(Angle(C, A, B)), MeasureOf(Angle(A, B, C)))"]
    fact = ("equal_angle", (2, 0, 1, 0, 1, 2), None)
    assert sc.facts_stated(form, ann, read, [fact], match) == (1, 1)
    # the two angles the other way round: the same fact
    swapped = ("equal_angle", (0, 1, 2, 2, 0, 1), None)
    assert sc.facts_stated(form, ann, read, [swapped], match) == (1, 1)
    # another pair of angles: not stated
    wrong = ("equal_angle", (2, 0, 1, 1, 2, 0), None)
    assert sc.facts_stated(form, ann, read, [wrong], match) == (0, 1)


def test_a_degree_ring_read_as_a_last_digit() -> None:
    from recode_dsl.perception.diagram.texts import ring_read_as_digit

    img = Image.new("RGB", (60, 30), "white")
    d = ImageDraw.Draw(img)
    d.rectangle([5, 6, 13, 24], outline="black", width=2)  # two tall characters
    d.rectangle([17, 6, 25, 24], outline="black", width=2)
    d.ellipse([29, 4, 35, 10], outline="black", width=1)  # the ring, top right
    ink = im.page_of(np.asarray(img)).ink
    box = (3, 3, 38, 26)
    assert ring_read_as_digit(ink, box, "332")  # '33°' read with the ring as a '2'
    assert not ring_read_as_digit(ink, box, "33")  # read right
    # a ring left of the characters is no degree sign after them
    img2 = Image.new("RGB", (60, 30), "white")
    d2 = ImageDraw.Draw(img2)
    d2.ellipse([4, 4, 10, 10], outline="black", width=1)
    d2.rectangle([14, 6, 22, 24], outline="black", width=2)
    d2.rectangle([26, 6, 34, 24], outline="black", width=2)
    assert not ring_read_as_digit(im.page_of(np.asarray(img2)).ink, box, "332")


def test_unnamed_points_get_free_letters_in_geometry3k_records() -> None:
    from recode_dsl.perception.diagram import Reading
    from recode_dsl.perception.diagram.forms import record_of
    from recode_dsl.perception.diagram.program import assign_names

    image = _right_corner()
    diagram = read_geometry(image)
    assert len(diagram.points) == 3
    diagram.points[0].name = "B"
    # programs: P1, P2, ...; records: capital letters neither read nor in the text forms
    assert assign_names(diagram) == ["B", "P1", "P2"]
    assert assign_names(diagram, {"A", "C"}, letters=True) == ["B", "D", "E"]
    rec = {"id": 0, "text_logic_forms": ["Find(LengthOf(Line(A, C)))"], "point_positions": {}}
    new = record_of(rec, Reading(diagram, [], []))
    assert sorted(new["point_positions"]) == ["B", "D", "E"]
    assert new["text_logic_forms"] == rec["text_logic_forms"]


def test_a_radical_read_as_a_slash_or_a_capital_v() -> None:
    from recode_dsl.perception.diagram.texts import classify, slashed_roots

    assert classify("5V26", False) == ("length", "5v26")  # radicals() then checks the sign's bar
    img = Image.new("RGB", (60, 40), "white")
    d = ImageDraw.Draw(img)
    d.line([(24, 9), (40, 9)], fill="black", width=1)  # the radical's bar over the '26'
    ink = im.page_of(np.asarray(img)).ink
    root = Text("4/26", (10, 10, 40, 30), "length", "4/26")
    assert slashed_roots([root], ink)[0].value == "4\\sqrt{26}"
    bare = im.page_of(np.asarray(Image.new("RGB", (60, 40), "white"))).ink
    assert slashed_roots([root], bare)[0].value == "4/26"  # no bar: as read


def test_a_decimal_point_joins_the_digits_either_side() -> None:
    from recode_dsl.perception.diagram.texts import group

    def blob(label: int, r0: int, c0: int, r1: int, c1: int, area: int) -> im.Blob:
        return im.Blob(label, (r0, c0, r1, c1), area)

    # '11' and '1' 14 px tall, 9 px apart, a 3x3 point between them at their foot
    one_one = blob(1, 10, 10, 24, 22, 40)
    one = blob(2, 10, 31, 24, 35, 30)
    point = blob(3, 21, 25, 24, 28, 8)
    assert group([one_one, one, point], 2.0) == [(10, 10, 35, 24)]
    # no point: two labels; a point off their foot (a speck above): two labels
    assert len(group([one_one, one], 2.0)) == 2
    assert len(group([one_one, one, blob(3, 11, 25, 14, 28, 8)], 2.0)) == 2
