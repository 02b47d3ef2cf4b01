r"""A label holding a stacked fraction, read part by part ('7' over a bar over '3', then 'y + 8').

OCR reads one line of text; a fraction stacked on a bar is no line, and the label comes back as
noise ('ty 48', 'by+5x', '') or nothing. The label's glyphs show where the fraction is: a flat
bar with a glyph right above it and one right below it. The text before it (a value and an
operator), the numerator, the denominator and the text after the bar (a variable first) are read
apart and put together as a value: ``\frac{7}{3}y+8``, ``6y+\frac{1}{2}x``; a fraction alone
is ``7/3``.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from recode_dsl.perception.diagram import image as im

Box = tuple[int, int, int, int]  # x0, y0, x1, y1 (image pixels, y down, ends exclusive)

# A fraction bar is at most this share of the label's height tall (and at least 3 px allowed),
# and at least BAR_WIDE times as wide as it is tall; the digits above and below it are at least
# DIGIT of the label's height tall (the strokes of an '=' are not).
BAR_FLAT = 0.15
BAR_WIDE = 4.0
DIGIT = 0.3
PAD = 2
_DIGITS = re.compile(r"^[0-9]+$")


def _fit(part: list[im.Blob]) -> Box:
    return (min(b.box[1] for b in part), min(b.box[0] for b in part),
            max(b.box[3] for b in part), max(b.box[2] for b in part))


def _over(b: im.Blob, bar: im.Blob) -> bool:
    """The blob's middle lies over the bar's span (above or below it)."""
    mid = (b.box[1] + b.box[3]) / 2
    return bar.box[1] - 1 <= mid <= bar.box[3] + 1


Parts = tuple[Box | None, Box, Box, Box, Box | None]


def find_fraction(box: Box, chars: list[im.Blob]) -> Parts | None:
    """Where a stacked fraction lies in the label ``box`` (``chars``: the page's small blobs): the
    box of the glyphs before it, the numerator's, the denominator's and the bar's boxes, and the
    box of the glyphs after them (None where there are none); None when it holds no fraction."""
    x0, y0, x1, y1 = box
    inside = [b for b in chars if b.box[1] >= x0 and b.box[3] <= x1 and b.box[0] >= y0 and b.box[2] <= y1]
    h = y1 - y0
    for bar in inside:
        if bar.height > max(3, BAR_FLAT * h) or bar.width < BAR_WIDE * bar.height:
            continue
        tall = [b for b in inside if b is not bar and b.height >= DIGIT * h]
        above = [b for b in tall if b.box[2] <= bar.box[0] + 1 and _over(b, bar)]
        below = [b for b in tall if b.box[0] >= bar.box[2] - 1 and _over(b, bar)]
        if not above or not below:
            continue
        stacked = {id(b) for b in above + below} | {id(bar)}
        left = [b for b in inside if id(b) not in stacked and b.box[3] <= bar.box[1] + 1]
        rest = [b for b in inside if id(b) not in stacked and b.box[1] >= bar.box[3] - 1]
        if len(left) + len(rest) + len(stacked) < len(inside):
            continue  # a glyph over the bar's ends: no fraction of its own
        return (_fit(left) if left else None, _fit(above), _fit(below), _fit([bar]),
                _fit(rest) if rest else None)
    return None


def fraction_value(
    numerator: str, denominator: str, before: tuple[str, str] | None, after: tuple[str, str] | None
) -> str | None:
    r"""The value of a label read as a stacked fraction's parts (``before``, ``after``: the kind
    and value the texts before and after the fraction classify as): a fraction of digits, times
    the variable (or the expression starting with one) after it, after a value and an operator
    before it; None otherwise.

    >>> fraction_value("7", "3", None, ("length", "y+8")), fraction_value("1", "2", None, None)
    ('\\frac{7}{3}y+8', '1/2')
    >>> fraction_value("1", "2", ("length", "6y+"), ("point", "X"))
    '6y+\\frac{1}{2}x'
    >>> fraction_value("3", "5", ("length", "3+"), None), fraction_value("1", "4", None, ("angle", "x"))
    ('3+\\frac{3}{5}', '\\frac{1}{4}x')
    >>> fraction_value("7", "3", None, ("length", "8")), fraction_value("7", "", None, None)
    (None, None)
    >>> fraction_value("7", "3", None, ("other", "yt")), fraction_value("1", "2", ("length", "6y"), None)
    (None, None)
    """
    if not (_DIGITS.match(numerator) and _DIGITS.match(denominator)):
        return None
    if before is None and after is None:
        return f"{numerator}/{denominator}"
    head = tail = ""
    if before is not None:
        if before[0] == "other" or not re.search(r"[0-9a-z)] ?[+\-]$", before[1]):
            return None
        head = before[1].replace(" ", "")
    if after is not None and after[0] == "point" and after[1] in ("X", "Y", "Z"):
        after = ("length", after[1].lower())  # an italic variable read as a capital
    if after is not None:
        if after[0] not in ("length", "angle") or not re.match(r"^[a-z](?![a-z])", after[1]):
            return None
        tail = after[1]
    return head + "\\frac{" + numerator + "}{" + denominator + "}" + tail


def read_fraction(
    box: Box, chars: list[im.Blob], read: Callable[[Box, bool], str],
    classify: Callable[[str], tuple[str, str]],
) -> tuple[str, str, str] | None:
    """The label read part by part when it holds a stacked fraction: (text, kind, value), kind
    'length' or 'angle' (as the text after it says); None when it holds none or its parts make
    no value. ``read(crop, digits)`` reads a crop; ``classify(raw)`` gives a text's kind and
    value. Each part is read with a margin of PAD pixels that stops short of the bar."""
    found = find_fraction(box, chars)
    if found is None:
        return None
    left_box, top, bottom, bar, rest_box = found
    numerator = read((top[0] - PAD, top[1] - PAD, top[2] + PAD, min(top[3] + PAD, bar[1])), True).strip()
    denominator = read((bottom[0] - PAD, max(bottom[1] - PAD, bar[3]), bottom[2] + PAD, bottom[3] + PAD),
                       True).strip()
    raw_before = raw_after = ""
    before = after = None
    if left_box is not None:
        x0, y0, x1, y1 = left_box
        raw_before = read((x0 - PAD, y0 - PAD, min(x1 + PAD, bar[0]), y1 + PAD), False)
        before = _value_before(raw_before)
    if rest_box is not None:
        x0, y0, x1, y1 = rest_box
        raw_after = read((max(x0 - PAD, bar[2]), y0 - PAD, x1 + PAD, y1 + PAD), False)
        after = classify(raw_after)
    value = fraction_value(numerator, denominator, before, after)
    if value is None:
        return None
    kinds = [p[0] for p in (before, after) if p is not None]
    kind = "angle" if "angle" in kinds else "length"
    return f"{raw_before}{numerator}/{denominator}{raw_after}", kind, value


def _value_before(raw: str) -> tuple[str, str]:
    """The text before a fraction: a value and the operator after it ('6y +' -> '6y+'), or
    'other'."""
    m = re.fullmatch(r"\s*([0-9]*[a-z]?|[0-9]+\.[0-9]+)\s*([+\-])\s*", raw)
    if m is None or not m.group(1):
        return "other", raw
    return "length", m.group(1) + m.group(2)
