"""Decimal points OCR dropped: a number read without its point ('45' for 4.5) gets it back from the ink.

Rule of writing: a small round dot on a number's baseline, between two of its digits, is its
decimal point (a figure prints no other mark there). OCR often drops it from a short crop; the
label's ink still holds it, so the point goes back between the digits it stands between.
"""

from __future__ import annotations

import re

import numpy as np
import numpy.typing as npt

from recode_dsl.perception.diagram.glyphs import label_pieces
from recode_dsl.perception.diagram.texts import Text

# A glyph this share of the label's height or taller is a character (a digit); a dot is at most
# DOT_SIZE of it each way, about as wide as tall, and its foot within DOT_FOOT of the digits'.
GLYPH = 0.6
DOT_SIZE = 0.3
DOT_FOOT = 0.15


def decimal_points(texts: list[Text], ink: npt.NDArray[np.bool_]) -> list[Text]:
    """Numbers read without a point whose ink holds a dot on the baseline between two digits
    get it back there (lengths and angles alike)."""
    out = []
    for t in texts:
        at = _point_after(t, ink) if t.kind in ("length", "angle") and re.fullmatch(r"[0-9]{2,}", t.value) else None
        if at is not None:
            t = Text(t.text, t.box, t.kind, t.value[:at] + "." + t.value[at:])
        out.append(t)
    return out


def _point_after(t: Text, ink: npt.NDArray[np.bool_]) -> int | None:
    """How many of the number's digits stand left of a dot on their baseline, when one dot
    stands between two digits and the label's text starts with those digits; else None."""
    from scipy import ndimage

    if "." in t.text or not t.text.strip().startswith(t.value[:1]):
        return None
    pieces = label_pieces(ink, t.box, 8)
    if pieces is None:
        return None
    labels, h = pieces
    glyphs: list[tuple[int, int, int]] = []  # x0, x1, foot of each character
    dots: list[tuple[int, int, int]] = []
    for sl in ndimage.find_objects(labels):
        if sl is None:
            continue
        bh, bw = sl[0].stop - sl[0].start, sl[1].stop - sl[1].start
        if bh >= GLYPH * h:
            glyphs.append((sl[1].start, sl[1].stop, sl[0].stop))
        elif bh <= DOT_SIZE * h and bw <= DOT_SIZE * h and abs(bh - bw) <= max(1, 0.5 * max(bh, bw)):
            dots.append((sl[1].start, sl[1].stop, sl[0].stop))
    glyphs.sort()
    found = [_digits_left(glyphs, d, h) for d in dots]
    at = [k for k in found if k is not None]
    if len(at) != 1 or not 1 <= at[0] < len(t.value) or len(glyphs) < len(t.value):
        return None
    return at[0]


def _digits_left(glyphs: list[tuple[int, int, int]], dot: tuple[int, int, int], h: int) -> int | None:
    """The number of glyphs left of the dot when it sits on their baseline between two of them."""
    left = [g for g in glyphs if g[1] <= dot[0] + 1]
    right = [g for g in glyphs if g[0] >= dot[1] - 1]
    if not left or not right or len(left) + len(right) != len(glyphs):
        return None
    foot = max(left[-1][2], right[0][2])
    if abs(dot[2] - foot) > DOT_FOOT * h + 1:
        return None
    return len(left)
