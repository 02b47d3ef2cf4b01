"""A label holding a stacked fraction is read part by part (issue 13: '7' over a bar over '3',
then 'y + 8', read as one line 'ty 48'). Blobs built by hand; the reads faked by crop."""

from __future__ import annotations

from recode_dsl.perception.diagram import image as im
from recode_dsl.perception.diagram.stacked import find_fraction, read_fraction
from recode_dsl.perception.diagram.texts import classify


def _blob(x0: int, y0: int, x1: int, y1: int) -> im.Blob:
    return im.Blob(0, (y0, x0, y1, x1), (x1 - x0) * (y1 - y0) // 2)


# figure 518 of Geometry3K train: '7' (y 46-62) over a bar (y 66) over '3' (y 70-86), then 'y',
# '+', '8' on the line between them
SEVEN, BAR, THREE = _blob(241, 46, 251, 62), _blob(237, 66, 255, 67), _blob(241, 70, 251, 86)
REST = [_blob(256, 59, 268, 83), _blob(274, 63, 291, 78), _blob(299, 59, 310, 78)]
BOX = (237, 46, 310, 86)


def _reads(crop: tuple[int, int, int, int], digits: bool) -> str:
    if crop[2] <= 256:
        return "7" if crop[3] <= 66 else "3"
    return "y + 8"


def test_a_fraction_before_a_variable_is_read_apart_and_put_together() -> None:
    found = read_fraction(BOX, [SEVEN, BAR, THREE, *REST], _reads, lambda r: classify(r, False))
    assert found == ("7/3y + 8", "length", "\\frac{7}{3}y+8")


def test_an_equals_sign_or_a_minus_is_no_fraction_bar() -> None:
    # '=' : two flat strokes stacked, no digit above or below; 'x - 4': a flat stroke alone
    equals = [_blob(10, 20, 30, 22), _blob(10, 28, 30, 30), _blob(36, 10, 48, 40)]
    assert find_fraction((10, 10, 48, 40), equals) is None
    minus = [_blob(10, 15, 22, 35), _blob(28, 24, 40, 26), _blob(46, 12, 58, 35)]
    assert find_fraction((10, 12, 58, 35), minus) is None
    # a bar with no digit below it (a stroke over a label) is none either
    assert find_fraction(BOX, [SEVEN, BAR, *REST]) is None
