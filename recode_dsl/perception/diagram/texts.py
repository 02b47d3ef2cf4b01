"""The texts of a figure: characters grouped into labels, read by OCR, and sorted by kind.

Rules of reading: a label is a run of character blobs side by side on one line; a single
capital letter (maybe with a prime or a digit) names a point; a number, a variable or an
expression is a value: an angle's measure when it carries a degree sign (a small ring at the
top right), else a length; a unit word after a number (``units``, ``cm``, ``in.``) is dropped.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from recode_dsl.perception import ocr
from recode_dsl.perception.diagram import image as im
from recode_dsl.perception.diagram.glyphs import digit_for_letter, label_pieces, one_read_as_four
from recode_dsl.perception.diagram.stacked import read_fraction

Box = tuple[int, int, int, int]  # x0, y0, x1, y1 (image pixels, y down, ends exclusive)

# A letter less tall than this share of the capitals and digits is lower case.
LOWER_CASE = 0.8
# A letter at least this share of the capitals' height is a capital.
CAPITAL = 0.9
# Letters whose lower case has the shape of their capital (OCR cannot tell them apart) and that
# figures use as variables.
SAME_SHAPE = ("V", "W", "X", "Z")
UNITS = ("units", "unit", "mm", "cm", "m", "km", "in", "in.", "ft", "ft.", "yd", "yd.", "mi")
_POINT = re.compile(r"^[A-Z](?:'{1,2}|[0-9])?$")
_NUMBER = re.compile(r"^[0-9]+(?:\.[0-9]+)?$")
_GLUED_UNIT = re.compile(r"^([0-9]+(?:\.[0-9]+)?) ?(?:units?|mm|cm|km|in|ft|yd|mi|m)\.?$")
# a unit word of two or more letters glued to a variable or an expression ('bcm', '2x+1in')
_GLUED_WORD_UNIT = re.compile(r"^(.*[0-9a-z)]) ?(?:units?|mm|cm|km|in|ft|yd|mi)\.?$")
_EXPR = re.compile(r"^[0-9a-z.+\-*/() ]+$")
_COEF = re.compile(r"^([0-9]+)([a-z])$")
_READ_ROOT = re.compile(r"^([0-9]*)[vyV√]([0-9]+)$")
_WORD = re.compile(r"[A-Za-z]{2,}")


@dataclass(frozen=True, slots=True)
class Text:
    """A label read from the figure."""

    text: str  # as read, cleaned
    box: Box
    kind: str  # "point", "angle" (a measure in degrees), "length", "other"
    value: str  # the point name, or the value's expression text (no degree sign, no unit)

    @property
    def centre(self) -> tuple[float, float]:
        return ((self.box[0] + self.box[2]) / 2.0, (self.box[1] + self.box[3]) / 2.0)

    @property
    def height(self) -> int:
        return self.box[3] - self.box[1]


def _joined_gap(a: list[int], b: list[int]) -> tuple[int, bool] | None:
    """The gap between two boxes that join as one label's characters, and whether one is small
    (a degree sign or a prime: less than 0.6 of the other's height); None when they do not join."""
    h = max(min(a[3] - a[1], b[3] - b[1]), 6)
    gap = max(a[0] - b[2], b[0] - a[2])
    overlap = min(a[3], b[3]) - max(a[1], b[1])
    small_one = min(a[3] - a[1], b[3] - b[1]) < 0.6 * max(a[3] - a[1], b[3] - b[1])
    # a degree sign or a prime sits high: it only needs to touch the line's top
    need = 0.0 if small_one else 0.4 * h
    if gap <= 0.55 * max(a[3] - a[1], b[3] - b[1]) and overlap > need:
        return gap, small_one
    return None


def _nearest_partner(boxes: list[list[int]], i: int, j: int) -> tuple[int, int]:
    """The smaller of boxes i and j, and the box it joins: of all the taller boxes it joins, the
    one at the narrowest gap (a degree sign between a number and a point's letter is the
    number's: '43°' beside 'Q')."""
    small = i if boxes[i][3] - boxes[i][1] < boxes[j][3] - boxes[j][1] else j
    best = (max(boxes[i][0] - boxes[j][2], boxes[j][0] - boxes[i][2]), i + j - small)
    for k, other in enumerate(boxes):
        if k == small or other[3] - other[1] <= boxes[small][3] - boxes[small][1]:
            continue
        joined = _joined_gap(boxes[small], other)
        if joined is not None and joined[1] and joined[0] < best[0]:
            best = (joined[0], k)
    return small, best[1]


def group(blobs: list[im.Blob], stroke: float) -> list[Box]:
    """Character blobs joined into label boxes: side by side and overlapping vertically; a small
    mark between two labels joins the nearer one."""
    chars = [b for b in blobs if b.area >= 4 and max(b.height, b.width) >= 4]
    boxes: list[list[int]] = [[b.box[1], b.box[0], b.box[3], b.box[2]] for b in chars]
    changed = True
    while changed:
        changed = False
        for i in range(len(boxes)):
            for j in range(i + 1, len(boxes)):
                joined = _joined_gap(boxes[i], boxes[j])
                if joined is None:
                    continue
                keep, drop = sorted(_nearest_partner(boxes, i, j)) if joined[1] else (i, j)
                a, b = boxes[keep], boxes[drop]
                boxes[keep] = [min(a[0], b[0]), min(a[1], b[1]), max(a[2], b[2]), max(a[3], b[3])]
                del boxes[drop]
                changed = True
                break
            if changed:
                break
    return _decimal_points(boxes, [b for b in blobs if b.area >= 2 and max(b.height, b.width) < 4])


def _decimal_points(boxes: list[list[int]], dots: list[im.Blob]) -> list[Box]:
    """Two labels side by side on one line with a dot between them at their foot are one number
    ('11.1': the point is too small to be a character, so its gap splits the number)."""
    changed = True
    while changed and dots:
        changed = False
        for i, a in enumerate(boxes):
            for j, b in enumerate(boxes):
                if i == j or b[0] < a[2]:
                    continue
                h = max(a[3] - a[1], b[3] - b[1])
                overlap = min(a[3], b[3]) - max(a[1], b[1])
                if b[0] - a[2] > 0.9 * h or overlap < 0.6 * min(a[3] - a[1], b[3] - b[1]):
                    continue
                if abs((a[3] - a[1]) - (b[3] - b[1])) > 0.2 * h:
                    continue  # digits of one number are as tall
                foot = max(a[3], b[3])
                if any(
                    a[2] - 1 <= d.box[1] and d.box[3] <= b[0] + 1
                    and foot - 0.35 * h <= d.box[0] and d.box[2] <= foot + 2
                    for d in dots
                ):
                    boxes[i] = [a[0], min(a[1], b[1]), b[2], max(a[3], b[3])]
                    del boxes[j]
                    changed = True
                    break
            if changed:
                break
    return [(b[0], b[1], b[2], b[3]) for b in boxes]


def has_degree(gray: npt.NDArray[np.float64], box: Box, ink: npt.NDArray[np.bool_]) -> bool:
    """A small ring at the top right of the label: a degree sign."""
    x0, y0, x1, y1 = box
    h = y1 - y0
    if h < 6:
        return False
    from scipy import ndimage

    sub = ink[y0:y1, x0:x1]
    labels, n = ndimage.label(sub, structure=np.ones((3, 3), dtype=bool))
    for i, sl in enumerate(ndimage.find_objects(labels), start=1):
        if sl is None:
            continue
        bh, bw = sl[0].stop - sl[0].start, sl[1].stop - sl[1].start
        if sl[0].stop > 0.6 * h or bh > 0.5 * h or bh < 3 or bw < 3:
            continue
        if sl[1].start < 0.5 * (x1 - x0) or abs(bh - bw) > 0.4 * max(bh, bw):
            continue
        piece = labels[sl] == i
        filled = ndimage.binary_fill_holes(piece)
        if filled.sum() > piece.sum() + 1:  # a ring has a hole
            return True
    return False


def ring_read_as_digit(ink: npt.NDArray[np.bool_], box: Box, value: str) -> bool:
    """The degree ring at the label's top right was read as its last digit ('33°' read '332'):
    the label's ink holds one character fewer as tall as a digit than the digits read, and the
    ring (a small closed loop) lies right of them all."""
    from scipy import ndimage

    pieces = label_pieces(ink, box, 6)
    if pieces is None:
        return False
    labels, h = pieces
    tall_right = -1
    rings: list[int] = []
    tall = 0
    for i, sl in enumerate(ndimage.find_objects(labels), start=1):
        if sl is None:
            continue
        bh, bw = sl[0].stop - sl[0].start, sl[1].stop - sl[1].start
        if bh >= 0.6 * h:
            tall += 1
            tall_right = max(tall_right, sl[1].stop)
        elif sl[0].stop <= 0.6 * h and bh >= 3 and bw >= 3:
            piece = labels[sl] == i
            if ndimage.binary_fill_holes(piece).sum() > piece.sum():
                rings.append(sl[1].start)
    return tall == len(value) - 1 and any(r >= tall_right for r in rings)


def classify(raw: str, degree: bool) -> tuple[str, str]:
    """The kind and value of a label's text (see the module's rules).

    >>> classify("2Xx+1", False), classify("5in", False), classify("12 cm", False)
    (('length', '2x+1'), ('length', '5'), ('length', '12'))
    >>> classify("X+1", False), classify("‘15cm", False)
    (('length', 'x+1'), ('length', '15'))
    >>> classify("bcm", False), classify("-b+5cm", False), classify("3x - 1", False)
    (('length', 'b'), ('length', 'b+5'), ('length', '3x-1'))
    >>> classify("W.", False), classify("Cc", False), classify("Xx", False), classify("B'", False)
    (('point', 'W'), ('point', 'C'), ('length', 'x'), ('point', "B'"))
    >>> classify("N(x + 5)°", True), classify("(2x - 25)°”", True), classify("2yt3", False)
    (('angle', 'x+5'), ('angle', '2x-25'), ('length', '2y+3'))
    >>> classify("'A", False), classify("‘P.", False), classify("-~K", False)
    (('point', 'A'), ('point', 'P'), ('point', 'K'))
    >>> classify("38%)", False), classify("(4x + 15)°>", True), classify("\\\\10m", False)
    (('angle', '38'), ('angle', '4x+15'), ('length', '10'))
    >>> classify("“16mm", False), classify("7.5!", False), classify("(3y + 36);", True)
    (('length', '16'), ('length', '7.5'), ('angle', '3y+36'))
    >>> classify("7.3 in-", False), classify("16 ft}", False), classify("x ft", False)
    (('length', '7.3'), ('length', '16'), ('length', 'x'))
    >>> classify("- (2x + 65)°", True), classify("(15x- 8y)®", False)
    (('angle', '2x+65'), ('angle', '15x-8y'))
    >>> classify("2x+/7", False), classify("(4 -|5x)°", True), classify("(9x+20)-", True)
    (('length', '2x+7'), ('angle', '4-5x'), ('angle', '9x+20'))
    >>> classify("47?", True), classify("By - 36", False), classify("10m¢@", False)
    (('angle', '47'), ('length', '8y-36'), ('length', '10'))
    >>> classify("(Sy +5)°", True), classify("17 + Sy", False), classify("sy+4", False)
    (('angle', '5y+5'), ('length', '17+5y'), ('length', '5y+4'))
    >>> classify("a-/", False), classify("(6y - 2)7", False), classify("(x+2)", False)
    (('length', 'a-7'), ('angle', '6y-2'), ('length', 'x+2'))
    >>> classify("7 20°", True), classify("6.86 5", False), classify("12 cm", False)
    (('angle', '20'), ('length', '6.86'), ('length', '12'))
    >>> classify("(5x4 21)°", True), classify("5x + 4", False)
    (('angle', '5x+21'), ('length', '5x+4'))
    >>> classify("Ay", False), classify("Aft", False), classify("Ax + 2", False), classify("A", False)
    (('length', '4y'), ('length', '4'), ('length', '4x+2'), ('point', 'A'))
    >>> classify("3x7", True), classify("3x7", False), classify("66°-", True)
    (('angle', '3x'), ('length', '3x7'), ('angle', '66'))
    >>> classify("5cem", False), classify("4in.", False), classify("W'", False)
    (('length', '5'), ('length', '4'), ('point', "W'"))
    """
    # nothing goes on past a degree sign: a dash after it is a line's or an arrow's end ('66°-')
    text = re.sub(r"(?<=[°º])[\s\-~_]+$", "", raw).replace("°", "").replace("º", "").strip()
    # stray marks read at a label's ends: quotes, a line's or an arrow's end ('‘D', '\\10m',
    # '(4x + 15)°>', '7.5!', '(3y + 36);')
    text = re.sub(r"^[‘’'`“”\"\\|/~]+", "", text)
    text = re.sub(r"[;:!?>”“\"|\\,@¢©]+$", "", text).strip()
    # a stroke read as a slash or a bar right after an operator ('2x+/7', '(4 -|5x)'): no value
    # divides nothing; an operator read after a closed bracket ('(9x+20)-'): no value ends so
    text = re.sub(r"(?<=[+\-]) ?[|/](?=\s*[0-9a-z(])", "", text)
    text = re.sub(r"(?<=\))\s*[-+~_]+$", "", text)
    # a capital B before a variable in an expression is an 8 ('By - 36': no value starts with
    # two letters side by side, and products put their number first)
    if re.search(r"[+\-]", text):
        text = re.sub(r"(?<![A-Za-z])B(?=[a-z](?![a-z]))", "8", text)
        # and so is an S (or s) a 5 ('(Sy +5)', '17 + Sy', 'sy+4')
        text = re.sub(r"(?<![A-Za-z])[Ss](?=[a-np-z](?![a-z]))", "5", text)
        # a 7 read as a slash after an operator at the end ('a-/': no value ends so)
        text = re.sub(r"(?<=[+\-])\s*/$", "7", text)
    # a capital A glued before a variable or a unit word is a 4 ('Ay', 'Aft', 'Ax + 2': no value
    # starts with two letters side by side, and a point's letter stands alone)
    text = re.sub(r"^A(?=(?:[a-z]|ft|in|cm|mm|yd)\.?(?![A-Za-z])(?!\s+[A-Z]))", "4", text)
    # a degree ring read as a 7 or a 9 after a bracketed expression ('(6y - 2)7': products put
    # their number first)
    closed = re.fullmatch(r"(\([^()]*[a-z][^()]*\))\s*[79]", text)
    if closed:
        text, degree = closed.group(1), True
    # and so is a 7 or a 9 right after a variable where a ring was found ('3x7': no value writes
    # a digit after a variable)
    after_variable = re.fullmatch(r"([0-9]*[a-z])[79]", text)
    if degree and after_variable:
        text = after_variable.group(1)
    # marks read after a unit word: an arrow's or a line's end ('7.3 in-', '16 ft}')
    text = re.sub(r"(?<=[0-9a-z)] )(units?|mm|cm|km|in|ft|yd|mi|m)\.?[^\w.]+$", r"\1", text)
    # a percent sign after a value is its degree sign misread ('38%)', '(5x - 19)%'), and so is
    # a registered sign ('(15x- 8y)®')
    if re.fullmatch(r"[0-9a-z.+\-() ]+[%®]\)?", text):
        text = text.replace("%", "").replace("®", "")
        degree = True
    # a capital glued before an opening parenthesis is a stroke end read as a letter ('N(x + 5)')
    text = re.sub(r"^[A-Z](?=\()", "", text)
    # a letter between a variable and a digit stands for a plus OCR misread ('2yt3': no product
    # is written with a digit after a variable)
    text = re.sub(r"(?<=[0-9][a-z])[t+](?=[0-9])", "+", text)
    # and so does a 4 with a space after it ('(5x4 21)': a product puts its number first)
    text = re.sub(r"(?<=[0-9][a-z])4 (?=[0-9])", "+ ", text)
    text = text.replace("—", "-").replace("–", "-").replace("−", "-").replace("×", "*")
    # a radical sign read as a capital V between digits ('5V26'; radicals() checks its bar)
    text = re.sub(r"^([0-9]*)V([0-9]+)$", r"\1v\2", text)
    text = re.sub(r"\s+", " ", text)
    # a point letter with a stray stop or comma after it ('W.', 'Z,'), or an italic capital read
    # twice ('Cc', 'WwW'; not X: an italic x is read 'Xx')
    letter = text.rstrip(".,").lstrip("-~")
    if re.fullmatch(r"[A-Z]", letter) or (
        2 <= len(letter) <= 3 and len(set(letter.upper())) == 1 and letter[0].isupper()
        and letter[0] != "X" and letter.isalpha()
    ):
        return "point", letter[0]
    if _POINT.match(text):
        return "point", text
    # an italic x comes back doubled ('Xx', 'xX') or with a stroke ('Ix', 'IX')
    text = re.sub(r"Xx|xX|Ix|xI|IX|XI", "x", text)
    text = text.strip("‘’'`\"")
    # in an expression, letters are variables: lower case
    if re.search(r"[0-9+\-]", text) and re.fullmatch(r"[0-9A-Za-z.+\-*/() ]+", text):
        text = re.sub(r"[XYZ]", lambda m: m.group(0).lower(), text)
    words = text.split(" ")
    if len(words) > 1 and words[-1].lower() in UNITS:
        text = " ".join(words[:-1])
    # a 'cm' whose c's tail was read as an 'e' ('5cem': no value is a word)
    text = re.sub(r"(?<=[0-9])( ?)cem(?=\.?$)", r"\1cm", text)
    glued = _GLUED_UNIT.match(text) or _GLUED_WORD_UNIT.match(text)
    if glued:
        text = glued.group(1)
    t = text.strip(" .,")
    # no length or angle is negative: a leading dash or tilde is an arrow's tail read as text
    if len(t) > 1 and t[0] in "-~" and (t[1].isalnum() or t[1] in "( "):
        t = t[1:].lstrip()
    t = _repair(t)
    # a lone digit set apart from a number by a space ('7 20°', '6.86 5') is a stroke's end read
    # as a digit (an arrow's curl or head): no figure prints a space inside a number, and two
    # labels read as one were parted at their gap before (read_texts)
    apart = re.fullmatch(r"([0-9]) ([0-9]+\.?[0-9]+)|([0-9]+\.?[0-9]+) ([0-9])", t)
    if apart:
        t = apart.group(2) or apart.group(3)
    if not t or _WORD.search(t.replace("\\sqrt", "")):
        # two letters side by side are no value (figures write one-letter variables and
        # products with a digit first): specks or strokes read as letters ('eon', 'ry')
        return "other", raw
    if degree and _NUMBER.match(t) and float(t) >= 360 and t[-1] in "09" and len(t) >= 3:
        # no angle of a figure is 360 degrees or more: its degree ring was read as a digit
        t = t[:-1]
    if degree and (_NUMBER.match(t) or _EXPR.match(t)):
        return "angle", _tidy(t)
    if _NUMBER.match(t) or (_EXPR.match(t) and any(c.isdigit() or c.isalpha() for c in t)):
        return "length", _tidy(t)
    return "other", raw


def _repair(t: str) -> str:
    """OCR slips in a value, mended by rules of writing: an italic variable read twice ('xx+2');
    a doubled minus ('4x--9'); a leading plus, no value's sign ('+12'); a plus read as '4'
    between a variable and a number ('5x421': no product is written with its number after a
    variable); a one read 'i' beside digits ('1i'); a unit 'm' after a variable or a bracket
    ('xm', '(y+2)m').

    >>> [_repair(v) for v in ("xx+2", "4x--9", "+12", "5x421", "1i", "xm", "(y+2)m", "2x+1")]
    ['x+2', '4x-9', '12', '5x+21', '11', 'x', '(y+2)', '2x+1']
    """
    t = re.sub(r"([a-z])\1(?![a-z])", r"\1", t)
    t = re.sub(r"([+\-])\1+", r"\1", t)
    t = t.lstrip("+")
    t = re.sub(r"(?<=[0-9][a-z])4(?=[0-9])", "+", t)
    if re.fullmatch(r"[0-9]*i[0-9]*", t) and len(t) > 1:
        t = t.replace("i", "1")
    m = re.fullmatch(r"(\(.*\)|[0-9]*[a-z]) ?m", t)
    if m and m.group(1) != "":
        t = m.group(1)
    return t


def _tidy(t: str) -> str:
    """The value without spaces, its outer parentheses, or a parenthesis OCR lost the mate of.

    >>> _tidy("(5x - 12)"), _tidy("5x - 12)"), _tidy("(3y + 1")
    ('5x-12', '5x-12', '3y+1')
    """
    t = t.strip()
    if t.endswith(")") and t.count(")") > t.count("("):
        t = t[:-1]
    if t.startswith("(") and t.count("(") > t.count(")"):
        t = t[1:]
    if t.startswith("(") and t.endswith(")") and t.count("(") == 1:
        t = t[1:-1]
    return t.replace(" ", "")


def lower_case_letters(texts: list[Text]) -> list[Text]:
    """Single capitals drawn smaller than the figure's capitals and digits are lower-case
    variables in italics (x, y, z): OCR returns them as capitals; an X read as a variable but
    drawn as tall as the capitals is a point's letter."""
    tall = sorted(t.height for t in texts if (t.kind == "point") or any(c.isdigit() for c in t.value))
    if len(tall) < 2:
        return texts
    ref = tall[len(tall) // 2]
    out = []
    for t in texts:
        if t.kind == "point" and t.value in SAME_SHAPE and t.height < LOWER_CASE * ref:
            out.append(Text(t.text, t.box, "length", t.value.lower()))
        elif t.kind == "length" and t.value == "x" and re.fullmatch(r"[Xx]{2}", t.text.strip()) and (
            t.height >= CAPITAL * ref
        ):
            # an X read twice ('Xx', 'xX') as tall as the capitals is the point X, not the
            # italic variable (a letter no point is near turns back into a variable)
            out.append(Text(t.text, t.box, "point", "X"))
        else:
            out.append(t)
    return out


def read_texts(image: npt.NDArray[np.generic], page: im.Page, blobs: list[im.Blob],
               labels: npt.NDArray[np.int32] | None = None) -> list[Text]:
    """Every label of the figure, read; empty when no OCR engine is installed (``labels``: the
    page's ink labelled 8-connected, as ``image.blobs`` gives it, when the caller has it)."""
    if not ocr.available():
        return []
    rgb = im.to_rgb(image)
    arr = (rgb * 255).astype(np.uint8)
    out: list[Text] = []

    own = _OwnInk(page.ink, labels)

    def read(box: Box) -> tuple[str, float]:
        x0, y0, x1, y1 = box
        pad = 2
        crop_box = (max(0, x0 - pad), max(0, y0 - pad), min(page.width, x1 + pad), min(page.height, y1 + pad))
        raw, conf = ocr.read_line(arr, box=crop_box)
        if conf >= OWN_INK_SURE and classify(raw, "°" in raw)[0] != "other":
            return raw, conf
        crop = own.crop(arr, box, crop_box)
        if crop is None:
            return raw, conf
        raw2, conf2 = ocr.read_line(crop)
        kind, value = classify(raw2, "°" in raw2)
        # (no value writes a digit right after a variable: 'c9' is a stroke's end and a 9)
        if conf2 >= OWN_INK_READ and conf2 > conf and kind != "other" and not re.search(r"[a-z][0-9]", value):
            return raw2, conf2
        return raw, conf

    def read_crop(crop: Box, digits: bool) -> str:
        x0, y0, x1, y1 = crop
        return ocr.read_line(arr, box=(max(0, x0), max(0, y0), min(page.width, x1), min(page.height, y1)),
                             digits=digits)[0]

    marks = [b for b in blobs if b.area >= 2]  # characters and decimal points
    for box in group(blobs, page.stroke):
        x0, y0, x1, y1 = box
        if x1 - x0 < 3 or y1 - y0 < 5:
            continue
        try:
            stacked = read_fraction(box, marks, read_crop, _classify_in(page, box))
            if stacked is not None:
                out.append(Text(stacked[0], box, stacked[1], stacked[2]))
                continue
            raw, conf = read(box)
            read_as = [(raw, conf, box)]
            degrees = _two_degree_values(raw, box, marks)
            if degrees is not None:
                read_as = [(part, conf, part_box) for part, part_box in degrees]
            halves = _split_at_gap(box, marks) if degrees is None and maybe_two_values(raw) else None
            if halves is not None:
                # two labels set close on one line ('30°' and '11' either side of a line, '67°'
                # and an angle's number '8' read '6728'): read apart, each a value, they are two
                parts = [(*read(h), h) for h in halves]
                if all(r and c >= 0.2 and re.search(r"[0-9]", r) and not re.search(r"^\s*[-+]|[-+]\s*$", r)
                       and classify(r, "°" in r)[0] != "other" for r, c, _h in parts):
                    read_as = parts
            if degrees is None and len(read_as) == 1:
                tail = _past_operator(raw, box, marks, read_crop)
                if tail is not None:
                    read_as = [(raw.rstrip() + tail, conf, box)]
        except ocr.OcrUnavailable:
            return []
        for raw, conf, box in read_as:
            if not raw or conf < 0.2:
                out += unread_ring(page.ink, box)
                continue
            out += _texts_of(raw, box, page)
    rings = {t.box for t in out if is_ring(page.ink, t.box)}
    out = bars_read_as_letters(out)
    out = slashed_roots(lower_case_letters(degree_signs(out, rings)), page.ink)
    return units_apart(open_ends(radicals(fractions(out, page.ink), page.ink)))


# A label read less sure than this, or read as no value and no letter, is read again from its
# own glyphs alone (_OwnInk), and that read taken when surer, at least OWN_INK_READ sure, and a
# value or a letter (the re-reads of strokes' ends alone come back 0.4-0.56 sure: '4', '3-').
OWN_INK_SURE = 0.5
OWN_INK_READ = 0.6


class _OwnInk:
    """A label's crop with the ink of other strokes blanked: pieces of ink that reach outside the
    label's box (a curved arrow's end, a side passing its corner) are no glyphs of it, and OCR
    reads them as characters ('fs)' for a 5 beside an arrow's end)."""

    def __init__(self, ink: npt.NDArray[np.bool_], labels: npt.NDArray[np.int32] | None = None) -> None:
        # the page's ink labelled 8-connected: the reader's, or labelled here when first needed
        # (most labels are read sure at once and never re-read)
        self.ink = ink
        self._labels = labels if labels is not None and labels.shape == ink.shape else None
        self._objects: list[tuple[slice, slice] | None] | None = None

    def _labelled(self) -> tuple[npt.NDArray[np.int32], list[tuple[slice, slice] | None]]:
        from scipy import ndimage

        if self._labels is None:
            self._labels = ndimage.label(self.ink, structure=np.ones((3, 3), dtype=bool))[0]
        if self._objects is None:
            self._objects = ndimage.find_objects(self._labels)
        return self._labels, self._objects

    def crop(self, image: npt.NDArray[np.uint8], box: Box, crop_box: Box) -> npt.NDArray[np.uint8] | None:
        """The crop ``crop_box`` of ``image`` with other ink than the label's (in ``box``) made
        white, a pixel around it too; None when the crop holds no other ink."""
        from scipy import ndimage

        x0, y0, x1, y1 = crop_box
        lab = self._labelled()[0][y0:y1, x0:x1]
        foreign = [int(i) for i in np.unique(lab) if i and not self._inside(int(i), box)]
        if not foreign:
            return None
        other = np.isin(lab, foreign)
        mine = (lab > 0) & ~other
        blank = ndimage.binary_dilation(other, structure=np.ones((3, 3), dtype=bool)) & ~mine
        out: npt.NDArray[np.uint8] = image[y0:y1, x0:x1].copy()
        out[blank] = 255
        return out

    def _inside(self, i: int, box: Box) -> bool:
        sl = self._labelled()[1][i - 1]
        return sl is not None and sl[0].start >= box[1] and sl[0].stop <= box[3] and (
            sl[1].start >= box[0] and sl[1].stop <= box[2])


def _classify_in(page: im.Page, box: Box) -> Callable[[str], tuple[str, str]]:
    """``classify`` for a part of the label ``box`` (a degree sign read, or drawn at its top right)."""
    return lambda raw: classify(raw, "°" in raw or has_degree(page.gray, box, page.ink))


def maybe_two_values(raw: str) -> bool:
    """A line read that may be two labels' values run together: a number, a space and another
    value, or three digits or more (an angle's number glued to a measure, '6728').

    >>> [maybe_two_values(r) for r in ("309 11", "6728", "(x + 20)", "12 cm", "120°", "x+2")]
    [True, True, False, False, True, False]
    """
    return bool(re.search(r"[0-9]\S*\s+\S*[0-9(]", raw) or re.fullmatch(r"[0-9]{3,}°?", raw.strip()))


# Two labels grouped as one are read apart where their characters leave a gap this many
# character heights wide (the space in '(x + 5)' is about a quarter).
SPLIT_GAP = 0.4


def _split_at_gap(box: Box, chars: list[im.Blob]) -> tuple[Box, Box] | None:
    """The label box cut at the widest gap between its characters' columns, when that gap is
    SPLIT_GAP of the tallest character's height or wider: the two halves, each fitted to its
    characters (``chars``: the blobs, decimal points included)."""
    cols = _columns(box, chars)
    if cols is None or not cols[1]:
        return None
    inside, gaps = cols
    best = max(gaps, key=lambda g: (g[0], -g[1]))  # the first of the widest
    if best[0] < SPLIT_GAP * max(b.height for b in inside):
        return None
    return _fit(inside[: best[1]]), _fit(inside[best[1] :])


def _columns(box: Box, chars: list[im.Blob]) -> tuple[list[im.Blob], list[tuple[int, int, float]]] | None:
    """The characters inside the label box, left to right, and the gaps between their columns
    (width, the index of the character after it, the gap's middle x); None for fewer than two."""
    x0, y0, x1, y1 = box
    inside = sorted((b for b in chars if b.box[1] >= x0 and b.box[3] <= x1 and b.box[0] >= y0 and b.box[2] <= y1),
                    key=lambda b: b.box[1])
    if len(inside) < 2:
        return None
    gaps: list[tuple[int, int, float]] = []
    reach = inside[0].box[3]
    for k in range(1, len(inside)):
        gap = inside[k].box[1] - reach
        if gap > 0:
            gaps.append((gap, k, (reach + inside[k].box[1]) / 2))
        reach = max(reach, inside[k].box[3])
    return inside, gaps


def _fit(part: list[im.Blob]) -> Box:
    """The box of some characters."""
    return (min(b.box[1] for b in part), min(b.box[0] for b in part),
            max(b.box[3] for b in part), max(b.box[2] for b in part))


def _past_operator(raw: str, box: Box, chars: list[im.Blob], read_crop: Callable[[Box, bool], str]) -> str | None:
    """The digits OCR left out after a value's closing operator ('y+' read from 'y + 11': slim 1s
    dropped): no value ends with an operator, so the label's characters past as many as the
    value read are read again alone, as digits; None when the value does not end so, no
    character is left, or they read as no number.

    >>> chars = [im.Blob(0, (0, 0, 20, 10), 90), im.Blob(0, (8, 14, 16, 22), 20),
    ...          im.Blob(0, (0, 26, 20, 30), 60), im.Blob(0, (0, 34, 20, 38), 60)]
    >>> _past_operator("y+", (0, 0, 38, 20), chars, lambda b, d: "11")
    '11'
    >>> _past_operator("y+11", (0, 0, 38, 20), chars, lambda b, d: "11") is None
    True
    """
    kind, value = classify(raw, "°" in raw)
    if kind not in ("length", "angle") or not value.endswith(("+", "-")):
        return None
    cols = _columns(box, chars)
    if cols is None or len(cols[0]) <= len(value):
        return None
    rest = _fit(cols[0][len(value) :])
    digits = read_crop((rest[0] - 2, rest[1] - 2, rest[2] + 2, rest[3] + 2), True).strip()
    return digits if re.fullmatch(r"[0-9]+", digits) else None


_TWO_DEGREES = re.compile(r"^\s*(\S.*?°)\s+(\S[^°]*°)\s*$")
# Two angles' values read as one line are cut at the widest gap between characters within this
# share of the label's width of where the read's characters put the cut.
DEGREE_CUT_REACH = 0.2


def _two_degree_values(raw: str, box: Box, chars: list[im.Blob]) -> list[tuple[str, Box]] | None:
    """Two angles' values set close on one line and read as one, each ending with its degree sign
    ('(x + 27)° y°', '(x + 20)° (x + 5)°': a degree sign ends a value, and no value goes on past
    it after a space): the two reads, each with its part of the box, cut at the widest gap
    between the characters near where the read's characters put the cut; None otherwise.

    >>> chars = [im.Blob(0, (0, 0, 20, 10), 90), im.Blob(0, (0, 12, 6, 17), 20),
    ...          im.Blob(0, (0, 30, 20, 40), 90), im.Blob(0, (0, 42, 6, 47), 20)]
    >>> _two_degree_values("7° 8°", (0, 0, 47, 20), chars)
    [('7°', (0, 0, 17, 20)), ('8°', (30, 0, 47, 20))]
    >>> _two_degree_values("(x + 5)°", (0, 0, 47, 20), chars) is None
    True
    """
    m = _TWO_DEGREES.match(raw)
    if m is None or any(classify(part, True)[0] != "angle" for part in m.groups()):
        return None
    cols = _columns(box, chars)
    if cols is None:
        return None
    n1, n2 = (len(part.replace(" ", "")) for part in m.groups())
    x0, x1 = box[0], box[2]
    at = x0 + (x1 - x0) * n1 / (n1 + n2)
    near = [(gap, k) for gap, k, x in cols[1] if abs(x - at) <= DEGREE_CUT_REACH * (x1 - x0)]
    if not near:
        return None
    k = max(near, key=lambda g: (g[0], -g[1]))[1]
    left, right = _fit(cols[0][:k]), _fit(cols[0][k:])
    return [(m[1], (left[0], box[1], left[2], box[3])), (m[2], (right[0], box[1], right[2], box[3]))]


def _texts_of(raw: str, box: Box, page: im.Page) -> list[Text]:
    """The texts of one label read as ``raw`` (a value and a point letter read together are two)."""
    out: list[Text] = []
    raw = digit_for_letter(raw, box, page.ink)
    degree = "°" in raw or has_degree(page.gray, box, page.ink)
    if degree:
        raw = one_read_as_four(raw, box, page.ink)
    for part, part_box in glued_letter(raw, box, degree):
        kind, value = classify(part, degree)
        if kind == "angle" and "°" not in part and value.isdigit() and len(value) >= 2 and (
            ring_read_as_digit(page.ink, part_box, value)
        ):
            value = value[:-1]
        out.append(Text(part, part_box, kind, value))
    return out


_VALUE_THEN_LETTER = re.compile(r"^(.*[0-9a-z)°.])\s+([A-Z]['’]?)[.,]?$")
# a value between the letters of its side's two ends ('U 4in. T')
_LETTER_VALUE_LETTER = re.compile(r"^([A-Z])[.,]?\s+(\S.*?)\s+([A-Z]['’]?)[.,]?$")
# (and a plain number glued between two capitals, 'S5Q': a number set small between the two
# points' letters at the ends of the piece it measures; no value holds a capital)
_LETTER_NUMBER_LETTER = re.compile(r"^([A-Z])[.,]?([0-9]+(?:\.[0-9]+)?)([A-Z]['’]?)[.,]?$")
_LETTER_THEN_VALUE = re.compile(r"^([A-Z])[.,]?\s+([0-9(].*)$")
# a point's letter glued to the number before it ('12G', '5y-7Q'): not a letter that is also a
# variable (V to Z) or a bar or a mark read as one (I, L), nor one with a digit's shape (B, O, S)
_NUMBER_THEN_LETTER = re.compile(r"^(.*[0-9])([ACDEFGHJKMNPQRTU])[.,]?$")


def glued_letter(raw: str, box: Box, degree: bool) -> list[tuple[str, Box]]:
    """A value and a point's letter set close enough to be read as one label ('(2a-5)° D',
    'K 4.2cm'): the two, each with its share of the box (the letter's about a text height
    wide at its end); else the label as it is. Not the letters whose lower case has their
    capital's shape (an italic variable read apart: '4 X').

    >>> glued_letter("(2a-5)° D", (55, 281, 193, 310), True)
    [('(2a-5)°', (55, 281, 156, 310)), ('D', (164, 281, 193, 310))]
    >>> glued_letter("12 X", (0, 0, 40, 10), False)
    [('12 X', (0, 0, 40, 10))]
    >>> glued_letter("12G", (0, 0, 40, 12), False)
    [('12', (0, 0, 25, 12)), ('G', (28, 0, 40, 12))]
    >>> glued_letter("12S", (0, 0, 40, 12), False)
    [('12S', (0, 0, 40, 12))]
    >>> glued_letter("U 4in. T", (0, 0, 80, 20), False)
    [('U', (0, 0, 20, 20)), ('4in.', (26, 0, 54, 20)), ('T', (60, 0, 80, 20))]
    >>> glued_letter("4 W’", (0, 0, 40, 12), False)
    [('4', (0, 0, 25, 12)), ("W'", (28, 0, 40, 12))]
    >>> glued_letter("S5Q", (118, 216, 185, 237), False)
    [('S', (118, 216, 139, 237)), ('5', (145, 216, 158, 237)), ('Q', (164, 216, 185, 237))]
    """
    text = raw.strip()
    x0, y0, x1, y1 = box
    h = y1 - y0
    m = _LETTER_VALUE_LETTER.match(text) or _LETTER_NUMBER_LETTER.match(text)
    if m and classify(m[2], degree)[0] in ("angle", "length") and x1 - x0 > 3 * h:
        # a letter at each end: points' names, not variables (no value is read on both sides)
        a, b = x0 + h, x1 - h
        return [(m[1], (x0, y0, a, y1)), (m[2], (a + int(0.3 * h), y0, b - int(0.3 * h), y1)),
                (m[3].replace("’", "'"), (b, y0, x1, y1))]
    m = _VALUE_THEN_LETTER.match(text) or _NUMBER_THEN_LETTER.match(text)
    if m and m[2] not in SAME_SHAPE and classify(m[1], degree)[0] in ("angle", "length"):
        cut = max(x0 + 1, x1 - h)
        return [(m[1], (x0, y0, max(x0 + 1, cut - int(0.3 * h)), y1)), (m[2].replace("’", "'"), (cut, y0, x1, y1))]
    m = _LETTER_THEN_VALUE.match(text)
    if m and m[1] not in SAME_SHAPE and classify(m[2], degree)[0] in ("angle", "length"):
        cut = min(x1 - 1, x0 + h)
        return [(m[1], (x0, y0, cut, y1)), (m[2], (min(x1 - 1, cut + int(0.3 * h)), y0, x1, y1))]
    return [(raw, box)]


# An expression that ends with an operator is continued by the value this many of its heights
# (or nearer) to its right on its line.
OPEN_END_GAP = 1.5


def open_ends(texts: list[Text]) -> list[Text]:
    """An expression read ending with an operator ('2y+') and the value just right of it on the
    same line ('5'), read apart where the gap after the operator is wide, are one value.

    >>> a, b = Text("2y+", (182, 27, 227, 50), "length", "2y+"), Text("5", (241, 27, 250, 45), "length", "5")
    >>> [(t.value, t.box) for t in open_ends([a, b])]
    [('2y+5', (182, 27, 250, 50))]
    """
    used: set[int] = set()
    out: list[Text] = []
    for a in texts:
        if id(a) in used or a.kind not in ("angle", "length") or not a.value.endswith(("+", "-")):
            continue
        best = None
        for b in texts:
            if b is a or id(b) in used or b.kind not in ("angle", "length") or not b.value[:1].isalnum():
                continue
            gap = b.box[0] - a.box[2]
            overlap = min(a.box[3], b.box[3]) - max(a.box[1], b.box[1])
            if -2 <= gap <= OPEN_END_GAP * a.height and overlap >= 0.5 * min(a.height, b.height) and (
                best is None or gap < best[0]
            ):
                best = (gap, b)
        if best is None:
            continue
        b = best[1]
        box = (a.box[0], min(a.box[1], b.box[1]), b.box[2], max(a.box[3], b.box[3]))
        kind = "angle" if "angle" in (a.kind, b.kind) else "length"
        out.append(Text(a.text + " " + b.text, box, kind, a.value + b.value))
        used.update((id(a), id(b)))
    return [t for t in texts if id(t) not in used] + out


# A unit word read apart from its value ('1.1' and 'm' of '1.1 m') is the value's when the gap
# between them is at most this many text heights.
UNIT_GAP = 1.0


def units_apart(texts: list[Text]) -> list[Text]:
    """A unit word in lower case ('m', 'cm', 'ft', 'units') read as a label of its own, set right
    after a value on the value's line, is that value's unit: no label (a lone 'm' was read as a
    variable and took the side from its own value). The value's box takes the unit's in: the
    label is set, as a whole, beside what it measures ('11' and 'units' read apart left of a
    side: the whole label ends by the side, the number alone far from it).

    >>> v, u = Text("1.1", (16, 72, 44, 93), "length", "1.1"), Text("m", (57, 77, 75, 93), "length", "m")
    >>> [(t.text, t.value, t.box) for t in units_apart([v, u])]
    [('1.1 m', '1.1', (16, 72, 75, 93))]
    >>> [t.text for t in units_apart([v, Text("m", (57, 120, 75, 136), "length", "m")])]
    ['1.1', 'm']
    """
    def value_before(u: Text) -> int | None:
        mid = (u.box[1] + u.box[3]) / 2
        near = [
            (u.box[0] - v.box[2], k) for k, v in enumerate(texts)
            if v.kind == "length" and v is not u and v.box[1] <= mid <= v.box[3]
            and -2 <= u.box[0] - v.box[2] <= UNIT_GAP * max(v.height, u.height)
        ]
        return min(near)[1] if near else None

    out = list(texts)
    drop: set[int] = set()
    for j, u in enumerate(texts):
        if u.text.strip().rstrip(".") not in UNITS:
            continue
        k = value_before(u)
        if k is None:
            continue
        drop.add(j)
        v = out[k]
        box = (v.box[0], min(v.box[1], u.box[1]), max(v.box[2], u.box[2]), max(v.box[3], u.box[3]))
        out[k] = Text(v.text + " " + u.text.strip(), box, v.kind, v.value)
    return [t for j, t in enumerate(out) if j not in drop]


def slashed_roots(texts: list[Text], ink: npt.NDArray[np.bool_]) -> list[Text]:
    """A radical sign read as a slash ('4/26', '5/2'): the digits after it carry the sign's bar
    (a fraction's digits have no bar over them)."""
    out = []
    for t in texts:
        m = re.fullmatch(r"([0-9]*)/([0-9]+)", t.value) if t.kind == "length" else None
        if m is not None:
            x0, y0, x1, y1 = t.box
            start = x0 + int((x1 - x0) * (len(m.group(1)) + 1) / len(t.value)) + 1
            if _bar_over(ink, (start, y0, x1, y1)):
                t = Text(t.text, t.box, "length", m.group(1) + "\\sqrt{" + m.group(2) + "}")
        out.append(t)
    return out


def bars_read_as_letters(texts: list[Text]) -> list[Text]:
    """A point's letter is printed once: an 'I' read twice or more is a bar each time (tick
    marks, a right-angle square's sides), no label.

    >>> def t(v): return Text(v, (0, 0, 1, 1), "point", v)
    >>> [x.kind for x in bars_read_as_letters([t("I"), t("I"), t("A")])]
    ['other', 'other', 'point']
    >>> [x.kind for x in bars_read_as_letters([t("I"), t("A")])]
    ['point', 'point']
    """
    bars = [t for t in texts if t.kind == "point" and t.value == "I"]
    if len(bars) < 2:
        return texts
    return [Text(t.text, t.box, "other", t.text) if t.kind == "point" and t.value == "I" else t for t in texts]


def unread_ring(ink: npt.NDArray[np.bool_], box: Box) -> list[Text]:
    """A label OCR could not read (nothing, or under 0.2 sure) whose ink is one small ring is a
    degree sign still (train 1580: the ring of 'x°' read 'A)', 0.04 sure, and the 'x' measured a
    length): a '°' text that degree_signs gives to the value it stands by; else nothing.

    >>> ink = np.zeros((20, 20), bool); ink[5:10, 5:10] = True; ink[6:9, 6:9] = False
    >>> [(t.text, t.box) for t in unread_ring(ink, (5, 5, 10, 10))]
    [('°', (5, 5, 10, 10))]
    >>> ink[6:9, 6:9] = True
    >>> unread_ring(ink, (5, 5, 10, 10))
    []
    """
    return [Text("°", box, "other", "°")] if is_ring(ink, box) else []


def is_ring(ink: npt.NDArray[np.bool_], box: Box) -> bool:
    """The label's ink is one small closed loop about as wide as tall: a degree sign, whatever
    OCR made of it ('.', '2', '9', 'o')."""
    from scipy import ndimage

    x0, y0, x1, y1 = box
    sub = ink[y0:y1, x0:x1]
    h, w = sub.shape
    if h < 3 or w < 3 or abs(h - w) > 0.45 * max(h, w):
        return False
    labels, n = ndimage.label(sub, structure=np.ones((3, 3), dtype=bool))
    if n != 1:
        return False
    filled = ndimage.binary_fill_holes(sub)
    hole = int(filled.sum() - sub.sum())
    return hole >= 1 and hole >= 0.08 * h * w


def degree_signs(texts: list[Text], ring_boxes: set[Box] | frozenset[Box] = frozenset()) -> list[Text]:
    """A lone small ring (read as '°', 'o', 'O' or '0', or drawn as a closed loop: its box in
    ``ring_boxes``) just right of a value's top is that value's degree sign: the value is an
    angle measure."""
    if len(texts) < 2:
        return texts
    heights = sorted(t.height for t in texts)
    typical = heights[len(heights) // 2]
    rings = [
        t for t in texts
        if (t.text.strip() in ("°", "o", "O", "0", "º", "°°") or t.box in ring_boxes)
        and t.height < 0.75 * typical
    ]
    drop: set[int] = set()
    out = list(texts)
    for ring in rings:
        best = None
        for k, t in enumerate(out):
            if t is ring or t.kind not in ("length", "point") or id(t) in drop:
                continue
            gap = ring.box[0] - t.box[2]
            high = ring.box[3] <= t.box[1] + 0.7 * t.height and ring.box[1] >= t.box[1] - 1.0 * t.height
            if -2 <= gap <= 0.8 * t.height and high and (best is None or gap < best[0]):
                best = (gap, k)
        if best is not None:
            t = out[best[1]]
            kind, value = classify(t.text + "°", True)
            if kind == "point" and len(t.value) == 1:
                kind, value = "angle", t.value.lower()
            out[best[1]] = Text(t.text + "°", (t.box[0], min(t.box[1], ring.box[1]), ring.box[2], t.box[3]),
                                kind, value)
            drop.add(id(ring))
    return [t for t in out if id(t) not in drop]


def fractions(texts: list[Text], ink: npt.NDArray[np.bool_] | None = None) -> list[Text]:
    """A number set right above another with a fraction bar between them is their quotient
    (two numbers stacked with no bar, such as numbered angles, stay apart; without ``ink`` the
    bar is not looked for)."""
    nums = [t for t in texts if t.kind == "length" and (_NUMBER.match(t.value) or _COEF.match(t.value))]
    used: set[int] = set()
    out: list[Text] = []
    for top in nums:
        if id(top) in used:
            continue
        for bottom in nums:
            if bottom is top or id(bottom) in used:
                continue
            overlap = min(top.box[2], bottom.box[2]) - max(top.box[0], bottom.box[0])
            narrow = min(top.box[2] - top.box[0], bottom.box[2] - bottom.box[0])
            gap = bottom.box[1] - top.box[3]
            if overlap >= 0.5 * narrow and -2 <= gap <= 0.9 * min(top.height, bottom.height) and (
                ink is None or _has_bar(ink, top.box, bottom.box)
            ):
                box = (min(top.box[0], bottom.box[0]), top.box[1], max(top.box[2], bottom.box[2]),
                       bottom.box[3])
                value = _quotient(top.value, bottom.value)
                if value is None:
                    continue
                out.append(Text(f"{top.text}/{bottom.text}", box, "length", value))
                used.update((id(top), id(bottom)))
                break
    return [t for t in texts if id(t) not in used] + out


def _quotient(top: str, bottom: str) -> str | None:
    r"""A stacked fraction's value: two numbers, or a fraction of numbers times the variable
    written beside it (OCR puts the variable on the line of the number it sits nearer:
    ``2`` over ``3x`` or ``2x`` over ``3`` is two thirds of x); None for two variables.

    >>> _quotient("1", "2"), _quotient("2", "3x"), _quotient("2x", "3"), _quotient("x", "2y")
    ('1/2', '\\frac{2}{3}x', '\\frac{2}{3}x', None)
    """
    if _NUMBER.match(top) and _NUMBER.match(bottom):
        return f"{top}/{bottom}"
    m, n = _COEF.match(top), _COEF.match(bottom)
    if m and _NUMBER.match(bottom):
        return "\\frac{" + m.group(1) + "}{" + bottom + "}" + m.group(2)
    if n and _NUMBER.match(top):
        return "\\frac{" + top + "}{" + n.group(1) + "}" + n.group(2)
    return None


def _has_bar(ink: npt.NDArray[np.bool_], top: Box, bottom: Box) -> bool:
    """A flat mark of its own (no part of a digit) between the two numbers' middles, about as
    wide as the narrower one: the fraction bar."""
    from scipy import ndimage

    margin = max(6, min(top[2] - top[0], bottom[2] - bottom[0]))
    x0, x1 = min(top[0], bottom[0]) - margin, max(top[2], bottom[2]) + margin
    y0, y1 = top[1], bottom[3]
    sub = ink[max(0, y0) : max(0, y1), max(0, x0) : max(0, x1)]
    if sub.size == 0:
        return False
    labels, _n = ndimage.label(sub, structure=np.ones((3, 3), dtype=bool))
    narrow = min(top[2] - top[0], bottom[2] - bottom[0])
    flat = max(3.0, 0.25 * min(top[3] - top[1], bottom[3] - bottom[1]))
    top_mid = (top[1] + top[3]) / 2 - max(0, y0)
    bottom_mid = (bottom[1] + bottom[3]) / 2 - max(0, y0)
    for sl in ndimage.find_objects(labels):
        if sl is None:
            continue
        h, w = sl[0].stop - sl[0].start, sl[1].stop - sl[1].start
        mid = (sl[0].start + sl[0].stop) / 2
        # a bar ends beside the numbers; a figure's line passing between them runs on
        ends = sl[1].start > 0 and sl[1].stop < sub.shape[1]
        if h <= flat and w >= 0.7 * narrow and top_mid < mid < bottom_mid and ends:
            return True
    return False


def _under_bar(ink: npt.NDArray[np.bool_], box: Box) -> bool:
    """A bar drawn right above the label's first characters, ending just past them: a
    radical's vinculum (a side of the figure above a label runs on)."""
    x0, y0, x1, y1 = box
    h = y1 - y0
    top = max(0, y0 - int(0.45 * h) - 1)
    xe = min(x1, x0 + max(3, int(0.6 * h)))
    rows = ink[top : max(0, y0), x0:xe]
    if rows.size == 0:
        return False
    for k in np.nonzero(rows.mean(axis=1) >= 0.8)[0]:
        row = ink[top + int(k)]
        x = x0
        while x < row.shape[0] and row[x]:
            x += 1
        if x <= x1 + 0.8 * h and _own_mark(ink, (x0, top + int(k)), box):
            return True
    return False


# An upright stroke left of a label rising this many label heights above the band a radical's
# bar lies in crosses the bar: a dimension line's end bar.
END_BAR_RISE = 0.4


def _end_bar(ink: npt.NDArray[np.bool_], box: Box) -> bool:
    """The stroke left of a label under a bar runs on up past the bar: the bar is a dimension
    line and the stroke its end bar, no radical (a radical's sign rises to its bar's left end
    and stops there). '7 ft' under a dimension line between end bars was read as the root of 7.

    >>> ink = np.zeros((60, 60), dtype=bool)
    >>> ink[10:50, 8:10] = True    # the end bar, crossing
    >>> ink[24:26, 8:50] = True    # the dimension line
    >>> _end_bar(ink, (20, 30, 40, 50))
    True
    >>> ink[10:24, 8:10] = False   # the sign stops at the bar
    >>> _end_bar(ink, (20, 30, 40, 50))
    False
    """
    x0, y0, x1, y1 = box
    h = y1 - y0
    top = max(0, y0 - int(0.45 * h) - 1)
    rows = ink[max(0, top - max(2, int(END_BAR_RISE * h))) : top, max(0, x0 - int(1.2 * h)) : x0]
    return bool(rows.size) and bool((rows.mean(axis=0) >= 0.6).any())


def _bar_over(ink: npt.NDArray[np.bool_], box: Box) -> bool:
    """A bar over the digits in ``box`` (a radical's vinculum, at the box's top or just above
    it) that ends just past them: a side of the figure above a label runs on."""
    x0, y0, x1, y1 = box
    h = y1 - y0
    if x1 - x0 < 2:
        return False
    for y in range(max(0, y0 - int(0.45 * h) - 1), min(ink.shape[0], y0 + max(2, int(0.2 * h)) + 1)):
        row = ink[y]
        if row[x0:x1].mean() < 0.8:
            continue
        x = x1
        while x < row.shape[0] and row[x]:
            x += 1
        if x <= x1 + 0.8 * h:
            return True
    return False


def _own_mark(ink: npt.NDArray[np.bool_], at: tuple[int, int], box: Box) -> bool:
    """The ink at ``at`` is a mark of its own beside the label (a radical sign), not part of
    the figure's lines: its connected piece ends inside a window a little larger than it."""
    from scipy import ndimage

    x0, y0, x1, y1 = box
    h = y1 - y0
    wx0, wy0 = max(0, x0 - 2 * h), max(0, y0 - h)
    wx1, wy1 = min(ink.shape[1], x1 + 2 * h), min(ink.shape[0], y1 + h)
    win = ink[wy0:wy1, wx0:wx1]
    labels, _n = ndimage.label(win, structure=np.ones((3, 3), dtype=bool))
    lab = labels[at[1] - wy0, at[0] - wx0]
    if lab == 0:
        return False
    rows, cols = np.nonzero(labels == lab)
    return bool(
        rows.min() > 0 and cols.min() > 0 and rows.max() < win.shape[0] - 1 and cols.max() < win.shape[1] - 1
    )


def radicals(texts: list[Text], ink: npt.NDArray[np.bool_]) -> list[Text]:
    """A number under a radical sign (a bar right above it and the sign's stroke just left of
    it) is its square root; a number just left of the sign multiplies it ('9√2': OCR reads the
    two numbers and drops the sign). Written as Geometry3K writes it: ``9\\sqrt{2}``."""
    nums = [t for t in texts if t.kind == "length" and _NUMBER.match(t.value)]
    used: set[int] = set()
    out: list[Text] = []
    for b in nums:
        h = b.height
        x0, y0, x1, y1 = b.box
        if id(b) in used or not _under_bar(ink, b.box):
            continue
        sign = ink[y0 : y1, max(0, x0 - int(1.2 * h)) : x0]
        if sign.sum() < 0.5 * h or _end_bar(ink, b.box):
            continue
        coef = None
        for a in nums:
            if a is b or id(a) in used:
                continue
            overlap = min(a.box[3], y1) - max(a.box[1], y0)
            gap = x0 - a.box[2]
            if overlap >= 0.6 * min(a.height, h) and 0 <= gap <= 1.6 * h:
                coef = a
                break
        root = "\\sqrt{" + b.value + "}"
        if coef is None:
            out.append(Text(b.text, b.box, "length", root))
            used.add(id(b))
        else:
            box = (coef.box[0], min(coef.box[1], y0), x1, max(coef.box[3], y1))
            out.append(Text(coef.text + "√" + b.text, box, "length", coef.value + root))
            used.update((id(b), id(coef)))
    for t in texts:
        # the sign read as a letter inside one label ('6y3', '5v2'): a bar over the digits after it
        m = _READ_ROOT.match(t.value) if t.kind == "length" else None
        if m is None or id(t) in used:
            continue
        x0, y0, x1, y1 = t.box
        start = x0 + int((x1 - x0) * (len(m.group(1)) + 1) / len(t.value)) + 1
        if _bar_over(ink, (start, y0, x1, y1)):
            out.append(Text(t.text, t.box, "length", m.group(1) + "\\sqrt{" + m.group(2) + "}"))
            used.add(id(t))
    return [t for t in texts if id(t) not in used] + out


# A digit this many of its heights (or nearer) from a point no letter names may be that point's
# letter misread (4 for A, 8 for B, 5 for S).
DIGIT_LETTER_REACH = 2.0
_CAPITALS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def letters_read_as_digits(texts: list[Text], image: npt.NDArray[np.uint8],
                           points: list[tuple[float, float]]) -> list[Text]:
    """A single digit set at a point that no letter names, in a figure whose points have letters,
    read again with only capital letters allowed: taken as the point's letter when that letter is
    not used and fills the figure's run of letters (A beside B and C; C among A, B and D).
    Figures letter their points in alphabet runs; lengths sit beside sides, not at their ends."""
    letters = {t.value for t in texts if t.kind == "point" and len(t.value) == 1}
    if len(letters) < 2 or not points:
        return texts
    codes = sorted(ord(c) for c in letters)
    run = {chr(c) for c in range(codes[0] - 1, codes[-1] + 2)} - letters
    named = [t.centre for t in texts if t.kind == "point"]
    out: list[Text] = []
    for t in texts:
        new = t
        if t.kind == "length" and len(t.value) == 1 and t.value.isdigit():
            h = max(t.height, 8)
            near = min(points, key=lambda p: (p[0] - t.centre[0]) ** 2 + (p[1] - t.centre[1]) ** 2)
            reach = DIGIT_LETTER_REACH * h
            if _dist(near, t.centre) <= reach and all(_dist(near, c) > reach for c in named):
                x0, y0, x1, y1 = t.box
                crop = (max(0, x0 - 2), max(0, y0 - 2), min(image.shape[1], x1 + 2), min(image.shape[0], y1 + 2))
                try:
                    raw, conf = ocr.read_line(image, box=crop, chars=_CAPITALS)
                except ocr.OcrUnavailable:
                    return texts
                raw = raw.strip()
                if len(raw) == 1 and raw in run and conf >= 0.5:
                    new = Text(raw, t.box, "point", raw)
                    letters.add(raw)
                    run.discard(raw)
        out.append(new)
    return out


def _dist(p: tuple[float, float], q: tuple[float, float]) -> float:
    return float(((p[0] - q[0]) ** 2 + (p[1] - q[1]) ** 2) ** 0.5)


# A value less tall than this share of the figure's labels (the median) is a speck OCR read.
SPECK = 0.45
# A one-letter value this many times as tall as the figure's labels (the median) and narrower
# than SLIM of its own height is an arrow's head and shaft read as a letter ('t'): a letter is
# set in the labels' type (an italic variable's box is 0.6-1.0 of a label's height, 0.6-1.2 as
# wide as tall on train).
TALL = 1.3
SLIM = 0.35


def specks(texts: list[Text]) -> list[Text]:
    """The texts without values far smaller than the figure's other labels (a dot or the end of
    a mark read as '4' beside labels three times its height), nor one-letter values far taller
    and slim (a dimension line's arrowhead and shaft read as 't' beside labels two thirds its
    height).

    >>> def t(v, h): return Text(v, (0, 0, 8, h), "length", v)
    >>> [x.value for x in specks([t("9", 17), t("6", 16), t("4", 6), t("12", 18)])]
    ['9', '6', '12']
    """
    heights = sorted(t.height for t in texts if t.kind != "other")
    if len(heights) < 3:
        return texts
    ref = heights[len(heights) // 2]
    return [t for t in texts if not (t.kind in ("length", "angle") and (
        t.height < SPECK * ref or _arrow_read_as_letter(t, ref)))]


def _arrow_read_as_letter(t: Text, ref: int) -> bool:
    """A one-letter value far taller than the labels (``ref``) and slim: an arrow, no letter."""
    return len(t.value) == 1 and t.value.isalpha() and t.height >= TALL * ref and (
        t.box[2] - t.box[0] < SLIM * t.height
    )
