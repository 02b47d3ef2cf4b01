"""Two labels set close on one line and grouped as one box are cut apart at the widest gap
between their characters (issue 13: '30°' and '11' either side of a line read '309 11')."""

from __future__ import annotations

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
