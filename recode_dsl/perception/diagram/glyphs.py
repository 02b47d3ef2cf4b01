"""A digit OCR read as a letter at a value's start ('by -8' for 6y-8, 'oy + 16' for 5y+16), told from the ink.

Rule of writing: no value starts with two letters side by side (figures write one-letter
variables, and products with their number first), so a 'b' or an 'o' read before a variable is
a digit. Its glyph decides which: a 6 closes a loop (a hole in its ink), a 5 does not. An 's'
read there is a 5 or a 3: a 5's stem stands on its upper left, a 3 is open there (its upper
bowl's left side is bare).
And no angle of a figure is 360 degrees or more, so a degree label read '409°' whose first glyph
is as narrow as a 1 is 109°.
"""

from __future__ import annotations

import re

import numpy as np
import numpy.typing as npt

Box = tuple[int, int, int, int]  # x0, y0, x1, y1 (image pixels, y down, ends exclusive)

# A glyph this share of the label's height or taller is a character; a loop whose hole covers
# this share of its glyph's box is closed (a 6), not a gap left by anti-aliasing.
GLYPH = 0.6
HOLE = 0.05
_LETTER_FIRST = re.compile(r"^(\s*)([bo])(?=\s?[xyz](?![A-Za-z]))")
_S_FIRST = re.compile(r"^(\s*)([sS])(?=\s?[a-np-z](?![A-Za-z]))")
# Rows this far down a glyph (shares of its height) cross a 5's stem at its left edge; on one of
# them at least a 3's ink starts past OPEN_LEFT of its width (0.59-0.87 in the DejaVu and
# Liberation faces, upright or italic, bold or not; a 5's 0.0-0.25).
UPPER_ROWS = (0.28, 0.42)
OPEN_LEFT = 0.4
# A glyph narrower than this share of its height is a 1 (a 4 or a 0 is about 0.55-0.6 wide).
ONE_WIDE = 0.45
_FOUR_HUNDRED = re.compile(r"^(\s*)4(?=[0-9]{2}(?![0-9]))")


def digit_for_letter(raw: str, box: Box, ink: npt.NDArray[np.bool_]) -> str:
    """The label's text with a leading 'b' or 'o' before a variable read as the digit its
    glyph is: a 6 when it closes a loop ('b' only: an 'o' with a hole may be a 0, 6, 8 or 9),
    a 5 when it does not; other texts as they are."""
    m = _LETTER_FIRST.match(raw)
    if m is None:
        return _three_for_s(raw, box, ink)
    hole = _first_glyph_hole(box, ink)
    if hole is None:
        return raw
    if not hole:
        digit = "5"
    elif m[2] == "b":
        digit = "6"
    else:
        return raw
    return raw[: m.start(2)] + digit + raw[m.end(2) :]


def _three_for_s(raw: str, box: Box, ink: npt.NDArray[np.bool_]) -> str:
    """A leading 's' read before a variable whose glyph is open on its upper left is a 3 ('sy- 1'
    for 3y-1; texts.classify reads the others, before an operator, as a 5, whose stem stands
    there)."""
    m = _S_FIRST.match(raw)
    if m is None:
        return raw
    first = _first_glyph(box, ink)
    if first is None:
        return raw
    labels, i, sl = first
    piece = labels[sl] == i
    h, w = piece.shape
    rows = range(int(UPPER_ROWS[0] * h), int(UPPER_ROWS[1] * h) + 1)
    starts = [int(np.argmax(piece[r])) / w if piece[r].any() else 1.0 for r in rows]
    if not starts or max(starts) < OPEN_LEFT:
        return raw
    return raw[: m.start(2)] + "3" + raw[m.end(2) :]


def one_read_as_four(raw: str, box: Box, ink: npt.NDArray[np.bool_]) -> str:
    """A degree label read as three digits from a 4 ('409°', '410°') whose first glyph is as
    narrow as a 1 starts with a 1: no angle of a figure is 360 degrees or more, and a side's
    stroke ending by a 1's flag reads as a 4's arm. Other texts as they are."""
    m = _FOUR_HUNDRED.match(raw)
    if m is None:
        return raw
    first = _first_glyph(box, ink)
    if first is None:
        return raw
    _labels, _i, sl = first
    if sl[1].stop - sl[1].start >= ONE_WIDE * (sl[0].stop - sl[0].start):
        return raw
    return raw[: m.end(1)] + "1" + raw[m.end(1) + 1 :]


def _first_glyph(
    box: Box, ink: npt.NDArray[np.bool_]
) -> tuple[npt.NDArray[np.int32], int, tuple[slice, slice]] | None:
    """The label's ink in pieces, and the number and slices of its first (leftmost) piece that is
    character-high; None when the label holds no such piece."""
    from scipy import ndimage

    pieces = label_pieces(ink, box, 8)
    if pieces is None:
        return None
    labels, h = pieces
    tall = [(sl[1].start, i, sl) for i, sl in enumerate(ndimage.find_objects(labels), start=1)
            if sl is not None and sl[0].stop - sl[0].start >= GLYPH * h]
    if not tall:
        return None
    _x, i, sl = min(tall, key=lambda g: g[0])
    return labels, i, sl


def _first_glyph_hole(box: Box, ink: npt.NDArray[np.bool_]) -> bool | None:
    """Whether the label's first (leftmost) character-high glyph encloses a hole; None when the
    label holds no such glyph."""
    from scipy import ndimage

    first = _first_glyph(box, ink)
    if first is None:
        return None
    labels, i, sl = first
    piece = labels[sl] == i
    hole = int(ndimage.binary_fill_holes(piece).sum() - piece.sum())
    return bool(hole >= HOLE * piece.size)


def label_pieces(ink: npt.NDArray[np.bool_], box: Box, min_h: int) -> tuple[npt.NDArray[np.int32], int] | None:
    """The ink of a label's ``box`` in 8-connected pieces (numbered from 1) and the box's height
    in the image; None when the box is under ``min_h`` pixels tall (too small to tell glyphs).

    >>> ink = np.zeros((10, 10), bool); ink[2:8, 1:3] = ink[6:8, 5:7] = True
    >>> labels, h = label_pieces(ink, (0, 0, 10, 10), 8); int(labels.max()), h
    (2, 10)
    >>> label_pieces(ink, (0, 0, 10, 7), 8) is None
    True
    """
    from scipy import ndimage

    x0, y0, x1, y1 = box
    sub = ink[max(0, y0) : max(0, y1), max(0, x0) : max(0, x1)]
    if sub.shape[0] < min_h:
        return None
    labels, _n = ndimage.label(sub, structure=np.ones((3, 3), dtype=bool))
    return np.asarray(labels, np.int32), int(sub.shape[0])
