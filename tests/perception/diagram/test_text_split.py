"""Two labels set close on one line and grouped as one box are cut apart at the widest gap
between their characters (issue 13: '30°' and '11' either side of a line read '309 11')."""

from __future__ import annotations

import pytest

from recode_dsl.perception.diagram import image as im
from recode_dsl.perception.diagram.texts import _split_at_gap


def _blob(c0: int, c1: int, r0: int = 10, r1: int = 40) -> im.Blob:
    return im.Blob(0, (r0, c0, r1, c1), (r1 - r0) * (c1 - c0) // 2)


def test_two_labels_apart_by_half_a_character_are_cut_between_them() -> None:
    # '3' '0' '°' then, 17 px on, '1' '1' set a little higher
    chars = [_blob(0, 16), _blob(20, 37), _blob(41, 52, 10, 22), _blob(69, 79, 0, 30), _blob(89, 99, 0, 30)]
    assert _split_at_gap((0, 0, 99, 40), chars) == ((0, 10, 52, 40), (69, 0, 99, 30))


def test_one_label_spaced_out_is_not_cut() -> None:
    # '(', 'x', '+', '2', '0', ')': gaps of 6-9 px between characters 23 px tall
    chars = [_blob(0, 6, 10, 33), _blob(9, 21, 15, 33), _blob(27, 43, 17, 31), _blob(52, 63, 10, 33),
             _blob(64, 75, 10, 33), _blob(77, 83, 10, 33)]
    assert _split_at_gap((0, 10, 83, 33), chars) is None


def test_a_degree_sign_between_a_number_and_a_letter_joins_the_nearer_number() -> None:
    from recode_dsl.perception.diagram.texts import group

    # '4' '3' 30 px tall, their degree ring 4 px right at their top, and a point's 'Q' 16 px on,
    # set higher: the ring touches both lines; it is the number's ('43°', then 'Q')
    four, three = _blob(262, 280, 161, 191), _blob(283, 299, 161, 192)
    ring = _blob(303, 316, 156, 168)
    q = _blob(332, 363, 121, 158)
    assert sorted(group([q, ring, four, three], 2.0)) == [(262, 156, 316, 192), (332, 121, 363, 158)]


def test_a_label_is_read_again_from_its_own_glyphs_with_other_ink_blanked() -> None:
    import numpy as np

    from recode_dsl.perception.diagram.texts import _OwnInk

    # a glyph at x 12-20, y 10-30 (the label's box), and an arrow's end running into the crop's
    # margin from the lower left (figure 958 of Geometry3K train: a '5' read 'fs)' at 0.01)
    ink = np.zeros((50, 50), dtype=bool)
    ink[10:30, 12:20] = True
    for k in range(10):
        ink[42 - k, 1 + k] = True  # ends at (10, 33), in the crop's margin
    image = np.where(ink, 0, 255).astype(np.uint8)
    crop = _OwnInk(ink).crop(image, (12, 10, 20, 30), (9, 8, 23, 34))
    assert crop is not None
    assert (crop[2:22, 3:11] == 0).all()  # the glyph kept
    assert (image[32:34, 9:11] == 0).any() and (crop[24:, :2] == 255).all()  # the arrow's end blanked
    # no other ink in the crop: nothing to read again
    assert _OwnInk(ink).crop(image, (12, 10, 20, 30), (11, 9, 21, 31)) is None


def test_two_angle_values_read_as_one_line_are_two_labels() -> None:
    from recode_dsl.perception.diagram.texts import _two_degree_values

    # '(x + 27)°' then, 12 px on, 'y°' (train 852 read them '(x + 27)° y°'): the cut falls at the
    # gap before 'y', not at the wider spaces around the '+' inside the first value
    chars = [_blob(0, 6), _blob(9, 20, 20, 40), _blob(32, 42, 18, 34), _blob(58, 68), _blob(70, 80),
             _blob(82, 88), _blob(91, 98, 10, 17), _blob(110, 121, 20, 45), _blob(124, 131, 10, 17)]
    parts = _two_degree_values("(x + 27)° y°", (0, 10, 131, 45), chars)
    assert parts == [("(x + 27)°", (0, 10, 98, 45)), ("y°", (110, 10, 131, 45))]


def test_one_angle_value_with_an_inner_space_stays_one_label() -> None:
    from recode_dsl.perception.diagram.texts import _two_degree_values

    chars = [_blob(0, 6), _blob(9, 20, 20, 40), _blob(34, 46, 18, 34), _blob(58, 68), _blob(70, 80),
             _blob(82, 88), _blob(91, 98, 10, 17)]
    assert _two_degree_values("(x + 27)°", (0, 10, 98, 40), chars) is None
    # a word after the degree sign is no second value
    assert _two_degree_values("27° ft°", (0, 10, 98, 40), chars) is None


def test_a_degree_ring_read_as_a_digit_after_a_variable_and_a_dash_after_the_sign() -> None:
    from recode_dsl.perception.diagram.texts import classify

    # train 1342: '3x°' read '3x7' with its ring found at the top right; 1872: '66°-' (a leader's end)
    assert classify("3x7", True) == ("angle", "3x")
    assert classify("66°-", True) == ("angle", "66")
    assert classify("3x7", False) == ("length", "3x7")  # no ring: left as read


def test_a_value_read_between_its_sides_two_letters_is_three_labels() -> None:
    from recode_dsl.perception.diagram.texts import classify, glued_letter

    # train 792: 'U', '4in.' and 'T' set close on one line, read 'U 4in. T'
    parts = glued_letter("U 4in. T", (100, 50, 190, 70), False)
    assert [p for p, _b in parts] == ["U", "4in.", "T"]
    assert [classify(p, False) for p, _b in parts] == [("point", "U"), ("length", "4"), ("point", "T")]
    assert parts[0][1][2] <= parts[1][1][0] and parts[1][1][2] <= parts[2][1][0]
    # a letter with a prime after a value is a point's name, though W is also a variable's letter
    # (train 252: '4' and "W'" read '4 W’'); without the prime it is left as read ('12 X')
    assert [classify(p, False) for p, _b in glued_letter("4 W’", (0, 0, 40, 12), False)] == [
        ("length", "4"), ("point", "W'")]
    assert [p for p, _b in glued_letter("4 W", (0, 0, 40, 12), False)] == ["4 W"]


def test_a_cm_read_with_an_e_is_the_unit() -> None:
    from recode_dsl.perception.diagram.texts import classify

    assert classify("5cem", False) == ("length", "5")  # train 1882 and 208
    assert classify("5 cem", False) == ("length", "5")


def test_own_ink_takes_the_readers_labels_and_labels_the_page_only_when_needed(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import numpy as np
    from scipy import ndimage

    from recode_dsl.perception.diagram import image as im
    from recode_dsl.perception.diagram.texts import _OwnInk

    ink = np.zeros((50, 50), dtype=bool)
    ink[10:30, 12:20] = True
    for k in range(10):
        ink[42 - k, 1 + k] = True
    image = np.where(ink, 0, 255).astype(np.uint8)
    alone = _OwnInk(ink).crop(image, (12, 10, 20, 30), (9, 8, 23, 34))
    labels, _blobs = im.blobs(ink)
    calls: list[int] = []
    real = ndimage.label

    def counted(*a: object, **k: object) -> object:
        calls.append(1)
        return real(*a, **k)  # type: ignore[arg-type]

    monkeypatch.setattr(ndimage, "label", counted)
    given = _OwnInk(ink, labels).crop(image, (12, 10, 20, 30), (9, 8, 23, 34))
    assert alone is not None and given is not None and (given == alone).all()
    assert calls == []  # the reader's labels were used
    _OwnInk(ink)  # never asked for a crop: the page is not labelled
    assert calls == []
