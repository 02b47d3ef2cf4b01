"""The texts of a chart image: where they are, which way they run, what they say.

    image ──1 ink──▶ small components unlike the background and without colour (glyphs)
          ──2 lines─▶ glyphs joined across letter and word gaps into text lines
          ──3 angle─▶ the line's direction (0, 45 or 90 degrees) from its ink
          ──4 read──▶ OCR of the upright crop (``ocr.read_line``), a number when it is one

Large components (bars, frames, panels, gridlines) and coloured ones (marks, legend swatches)
are not text. Positions are image pixels, origin top-left, pixel (r, c) covering
[c, c+1] x [r, r+1]. Pure numpy/scipy; the OCR engine is imported on the first read.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field, replace

import numpy as np
from numpy.typing import NDArray
from scipy import ndimage
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components

from recode_dsl.perception import ocr

Float = NDArray[np.float64]
Box = tuple[int, int, int, int]

INK = 0.18  # RGB max-channel difference from the ground that counts as ink
INK_WEAK = 0.07  # ... and this much, in light text (no pixel beyond LIGHT_INK) joined to a pixel of INK
LIGHT_INK = 0.45
BARE_LINE = 0.05  # a line's pixel no darker than its median by this much is the line's alone
OVER_LINE = 2.0  # a line's pixel this many times as far from the ground as the line's median is ink over it
GREY = 0.16  # text is achromatic: channel spread of its strongest pixels below this
MAX_GLYPH = 0.09  # a glyph is at most this share of the image height (and 60 px) tall
LINE_PX = 41  # a straight run of ink this long is a line, not part of a letter
JOIN_X, JOIN_Y = 3, 1  # glyphs this close (pixels, each way) are one line of text
SOLID_MIN, SOLID_FILL = 6, 0.9  # a component at least this big each way, this full, is a block, not a glyph
SOLID_CORE = 0.35  # ... or a round one with this share left after a 3x3 erosion (a disc; letters' strokes are thin)
HOLLOW_SIDE, HOLLOW_INSIDE = 0.8, 0.15  # an outlined square: sides this full, inside this empty
MIN_DENSITY = 0.06  # a text line's ink covers at least this share of its box
MAX_MARKS = 20_000  # separate marks in an image beyond which it holds no readable text (a speckled page)
MIN_CONFIDENCE = 0.45  # below this an OCR read is treated as unreadable
CLIPPED_CONFIDENCE = 0.2  # a text cut by the image's edge reads no better than this
CLIPPED_MIN_PX, CLIPPED_SHARE = 4, 0.4  # ... when this much ink (px, and share of its glyphs' height) meets the edge
STACKED_LINE = 1.6  # texts sharing a side, each this many times wider than tall: lines (a legend's), no 90-degree word
GAP_FILL = 0.2  # texts parted at empty rows (``_line_gap``) each fill at least this share of their box
EDGE_PX = 2  # a label whose ink begins this near the image's left edge, in a column of labels cut there, is cut
WIDE_ROW_PX = 6  # a group across most of the image is a row of labels run together when this tall
WHOLE_CONFIDENCE = 0.4  # a wider span's read holding the surest read's letters is taken this sure
SLOT_PX = 2  # a label's middle may lie this far from its slot (anti-aliasing, the slot's own error)
COLUMN_SEED = 1.2  # groups join into a column when one of them is this many times taller than wide
TALL_FILL = 0.75  # a column of touching letters taller than a glyph fills at most this share of its box
SPACE = 0.3  # a gap this share of the glyphs' height or wider (and 3 px) parts two words (a space: 0.45 of a digit's)
MIN_PIECE = 0.6  # a label cut from a row run together is at least this share of the slots' spacing wide
SLANT_BAND = 6  # a word at 45 degrees is at least this wide across (px, in x + y): a drawn line is thinner
SLANT_ROW = 2.2  # a line's ink this many times taller than its glyphs is a row of slanted labels run together
DOT_SIZE = 0.3  # ... and a part at most this share of it each way is a dot
DOT_SHARE = 0.25  # a number's decimal point is ink this share of its digits' darkest (light grey text: a faint dot)
DOT_PX = 6  # a faint mark beside a glyph, beyond its rim, of at most this many pixels is part of it (a dot)
LETTER_GAP = 0.35  # a letter's neighbour lies at most this share of its height away (and 4 px): 14 pt 'Annual'
LETTER_SIZE = 0.55  # a connected part of a text this share of its largest part's size is a letter (not a dot)
FILL_PX = 200  # a region of one colour this large (pixels) is a filled mark, whose holes may hold text
MAX_FILLS = 24  # ... of at most this many colours (the commonest)
RETRY_BELOW = 0.85  # a square text read upright with less confidence is tried at 45 and 90 degrees
CURRENCY = "$\u20ac\u00a3\u00a5"
SUFFIXES = {"k": 1e3, "K": 1e3, "M": 1e6, "B": 1e9}
POINTLESS = re.compile(r"-?\d+([ ,]\d+)?%?")  # a number read without its decimal point ('669', '45%', '22 1%', '14,92')
NUMBER = re.compile(r"^[-+]?(\d{1,3}(,\d{3})+|\d+)?(\.\d+)?%?$")


@dataclass(frozen=True, slots=True)
class Text:
    """A line of text: what OCR read (``""`` when unreadable), its box, angle and ink centre.

    ``angle`` is the direction the text runs, degrees counter-clockwise (0, 45, 90 or -45);
    ``centre`` the (x, y) centre of the ink, with digits' baseline and cap height for numbers
    (so a comma or a minus sign does not move it); ``number`` the value when the text is one.
    """

    text: str
    confidence: float
    box: Box
    angle: int
    centre: tuple[float, float]
    number: float | None
    # the text's glyph pixels, a mask of the box's shape (None when not kept): a row of labels run
    # together is cut along it (``split_row``)
    ink: NDArray[np.bool_] | None = field(default=None, compare=False, repr=False)

    @property
    def readable(self) -> bool:
        return bool(self.text) and self.confidence >= MIN_CONFIDENCE

    @property
    def width(self) -> int:
        return self.box[2] - self.box[0]

    @property
    def height(self) -> int:
        return self.box[3] - self.box[1]


def parse_number(text: str) -> float | None:
    """The number a tick or value label shows, or None: '1,250', '-3.5', '40%', '$22,000', '25k'.

    >>> [parse_number(t) for t in ("1,250", "-3.5", "40%", "2019", "Q1", "", "1,25", "$22,000", "-$5", "2.5k")]
    [1250.0, -3.5, 40.0, 2019.0, None, None, None, 22000.0, -5.0, 2500.0]
    """
    t = ocr.clean(text).replace(" ", "").rstrip("-")  # a tick mark read as a trailing dash
    sign = ""
    if t[:1] in "-+":
        sign, t = t[:1], t[1:]
    t = t.lstrip(CURRENCY)
    scale = 1.0
    if t[-1:] in SUFFIXES and any(ch.isdigit() for ch in t[:-1]):
        scale, t = SUFFIXES[t[-1]], t[:-1]
    t = sign + t
    if not t or not NUMBER.match(t) or not any(ch.isdigit() for ch in t):
        return None
    try:
        return float(t.replace(",", "").rstrip("%")) * scale
    except ValueError:
        return None


def ground_colour(rgb: Float) -> Float:
    """The figure's background: the most common colour of the image border."""
    border = np.concatenate([rgb[0], rgb[-1], rgb[:, 0], rgb[:, -1]])
    q = np.round(border * 32).astype(np.int64)
    keys = (q[:, 0] * 33 + q[:, 1]) * 33 + q[:, 2]
    vals, counts = np.unique(keys, return_counts=True)
    best = border[keys == vals[np.argmax(counts)]]
    return np.asarray(best.mean(axis=0), np.float64)


def find_texts(rgb: Float, *, read: bool = True, where: Callable[[Box], bool] | None = None) -> list[Text]:
    """Every line of text in the image, read by OCR (unless ``read`` is False); with ``where``
    only the lines whose box (x0, y0, x1, y1) it accepts (the others are neither read nor kept).
    Text printed inside a filled mark (a wedge's percentage) is not among them: ``find_texts_on_fills``."""
    ground = ground_colour(rgb)
    return _find(rgb, np.abs(rgb - ground).max(axis=-1), ground, read=read, where=where)


def find_texts_on_fills(rgb: Float, *, read: bool = True) -> list[Text]:
    """The texts printed inside filled marks (a pie wedge's percentage, a bar's value inside it),
    read against the mark's own colour: ``find_texts`` measures ink against the figure's ground,
    where a saturated mark is ink itself and the text on it part of the mark. A mark is a region
    of one colour, at least FILL_PX pixels, that is ink against the ground; its text is what lies
    in its holes. Only readable texts are returned, and only those lying on one mark with no ink
    off the marks beside them, a letter gap out along the line: a text running over a mark's edge
    (a small wedge's '4.5%' spilling onto its neighbours) leaves only pieces in holes ('5'), which
    are not it."""
    ground = ground_colour(rgb)
    local, holes, marks = _fill_grounds(rgb, ground)
    if not holes.any():
        return []
    diff = np.where(holes, np.abs(rgb - local).max(axis=-1), 0.0)
    # ink off every mark: achromatic and unlike the figure's ground (not a blend of two marks' colours)
    stray = (marks == 0) & (np.abs(rgb - ground).max(axis=-1) > INK) & (rgb.max(axis=-1) - rgb.min(axis=-1) <= GREY)
    out = []
    for t in _find(rgb, diff, local, read=read, where=None):
        x0, y0, x1, y1 = t.box[0] + 2, t.box[1] + 2, t.box[2] - 2, t.box[3] - 2  # the ink's extent
        under = marks[y0:y1, x0:x1]
        if not (t.readable or not read) or under.size == 0 or under.flat[0] == 0 or not (under == under.flat[0]).all():
            continue
        if stray[y0:y1, max(0, x0 - JOIN_X - 1):x0].any() or stray[y0:y1, x1:x1 + JOIN_X + 1].any():
            continue
        out.append(t)
    return out


def _fill_grounds(rgb: Float, ground: Float) -> tuple[Float, NDArray[np.bool_], NDArray[np.int32]]:
    """The ground each pixel's text is drawn on, and where that is a filled mark's: the holes of
    every region of one colour (quantised to 1/32), at least FILL_PX pixels, unlike the ground by
    more than INK, up to MAX_FILLS colours (the commonest). The image (HxWx3) holds each mark's
    colour over the mark and its holes and ``ground`` elsewhere; the mask is the holes; the
    labels number the marks, holes included (0 elsewhere).

    >>> img = np.ones((30, 30, 3)); img[5:25, 5:25] = (0.1, 0.4, 0.7); img[12:16, 12:14] = 0.0
    >>> local, holes, marks = _fill_grounds(img, np.ones(3))
    >>> int(holes.sum()), local[13, 13].round(1).tolist(), local[0, 0].tolist(), int(marks[13, 13]), int(marks[0, 0])
    (8, [0.1, 0.4, 0.7], [1.0, 1.0, 1.0], 1, 0)
    """
    h, w = rgb.shape[:2]
    local = np.empty_like(rgb)
    local[...] = ground
    holes = np.zeros((h, w), bool)
    marks = np.zeros((h, w), np.int32)
    q = np.round(rgb * 32).astype(np.int64)
    keys = (q[..., 0] * 33 + q[..., 1]) * 33 + q[..., 2]
    vals, counts = np.unique(keys, return_counts=True)
    big = vals[counts >= FILL_PX]
    big = big[np.argsort(-counts[counts >= FILL_PX], kind="stable")][:MAX_FILLS]
    for v in big:
        mask = keys == v
        colour = rgb[mask].mean(axis=0)
        if float(np.abs(colour - ground).max()) <= INK:
            continue
        lab, n = ndimage.label(mask)
        sizes = np.bincount(lab.ravel(), minlength=n + 1)
        for k, sl in enumerate(ndimage.find_objects(lab), start=1):
            if sl is None or sizes[k] < FILL_PX:
                continue
            mine = lab[sl] == k
            inside = ndimage.binary_fill_holes(mine) & ~mine
            if inside.any():
                local[sl][inside | mine] = colour
                holes[sl] |= inside
                marks[sl][inside | mine] = int(marks.max()) + 1
    return local, holes, marks


def _off_grey(rgb: Float, ground: Float) -> Float:
    """How far each pixel is from a blend of its ground (``ground``, an image) and a grey, as a
    channel spread (0 for such a blend): black or white text on a coloured mark is such a blend
    along its anti-aliased rims, whose own channel spread is the mark's. Each pixel p on ground g
    is fitted p - g = b - a * g over the three channels (a, the grey's share, in [0, 1]) and the
    spread of what is left is returned.

    >>> g = np.array([[[1.0, 0.5, 0.05]] * 3])
    >>> p = np.array([[[0.6, 0.3, 0.03], [1.0, 0.75, 0.525], [0.1, 0.4, 0.9]]])  # black, white over it; blue
    >>> _off_grey(p, g).round(2).tolist()
    [[0.0, 0.0, 0.8]]
    """
    x, y = ground, rgb - ground
    xd = x - x.mean(axis=-1, keepdims=True)
    yd = y - y.mean(axis=-1, keepdims=True)
    var = (xd * xd).sum(axis=-1)
    slope = np.where(var > 1e-6, (xd * yd).sum(axis=-1) / np.maximum(var, 1e-6), 0.0)
    slope = np.clip(slope, -1.0, 0.0)
    rest = yd - slope[..., None] * xd
    out: Float = rest.max(axis=-1) - rest.min(axis=-1)
    return out


def _find(rgb: Float, diff: Float, ground: Float, *, read: bool,
          where: Callable[[Box], bool] | None) -> list[Text]:
    """The texts of ``find_texts``, ink being ``diff`` (each pixel's difference from the ground it
    is drawn on), ``ground`` that ground: one colour, or an image of the grounds."""
    h, w = rgb.shape[:2]
    # hysteresis: light strokes joined to a strong one are ink too (light grey tick labels on a
    # grey ground fall apart into specks at INK alone)
    weak = diff > INK_WEAK
    wl, nw = ndimage.label(weak, structure=np.ones((3, 3)))
    if nw > MAX_MARKS:
        return []  # more separate marks than any chart's text and marks: noise, not text
    peak = np.zeros(nw + 1)  # each weak component's strongest pixel (np.maximum.at: ndimage sorts)
    np.maximum.at(peak, wl[weak], diff[weak])
    light = (peak > INK) & (peak <= LIGHT_INK)
    light[0] = False
    ink = (diff > INK) | light[wl]
    # long straight lines (gridlines, frames, axis lines) are not letters, even where they touch one
    across = ndimage.binary_opening(ink, structure=np.ones((1, LINE_PX), bool))
    down = ndimage.binary_opening(ink, structure=np.ones((LINE_PX, 1), bool))
    lines = (across | down) & ~_over_lines(diff, [(across, (1, LINE_PX)), (down, (LINE_PX, 1))])
    ink &= ~lines
    # what the reads see: the lines' bare pixels (``_bare_line``) painted in the ground, so a line
    # beside or through a text is not read with it (a whitegrid legend's gridline along the small
    # letters' tops, kept in the crop as the glyphs' rims, joined 'Imports' into one bar-topped word
    # read 'ports'); a letter's pixels on the line stay
    bare = _bare_line(diff, lines, [(across, (1, LINE_PX)), (down, (LINE_PX, 1))])
    paper = rgb.copy()
    paper[bare] = ground if ground.ndim == 1 else ground[bare]
    labels, n = ndimage.label(ink, structure=np.ones((3, 3)))
    if n == 0 or n > MAX_MARKS:
        return []  # nothing, or more separate marks than any chart's text and marks: noise, not text
    objs = ndimage.find_objects(labels)
    max_h = min(60.0, MAX_GLYPH * h)
    spread = rgb.max(axis=-1) - rgb.min(axis=-1) if ground.ndim == 1 else _off_grey(rgb, ground)
    keep = np.zeros(n + 1, bool)
    specks: list[int] = []
    for i, sl in enumerate(objs, start=1):
        if sl is None:
            continue
        gh, gw = sl[0].stop - sl[0].start, sl[1].stop - sl[1].start
        if gw > max(60.0, 0.3 * w) or (gh <= 2 and gw >= 12) or (gw <= 2 and gh >= max_h):
            continue
        mine = labels[sl] == i
        # taller than a glyph: not text, unless a column of letters drawn at 90 degrees that touch
        # (as long as upright letters that touch may be wide), no wider than a glyph is tall and
        # no fuller than letters (a bar is full), or a word at 45 degrees whose letters touch
        if gh > max_h and not (gh <= max(60.0, 0.3 * h) and mine.mean() <= TALL_FILL and (
                3 <= gw <= max_h or gw <= max(60.0, 0.3 * h) and _slanted_word(mine))):
            continue
        if int(mine.sum()) <= 2:
            specks.append(i)  # the dots of a dotted gridline, or of an 'i' (put back below)
            continue
        if min(gh, gw) >= SOLID_MIN and max(gh, gw) <= 4 * min(gh, gw) and (mine.mean() >= SOLID_FILL or (
                max(gh, gw) <= 1.4 * min(gh, gw) and mine.mean() >= 0.6
                and ndimage.binary_erosion(mine, np.ones((3, 3), bool)).sum() >= SOLID_CORE * mine.sum())):
            continue  # a solid block or disc (a grey or black legend swatch, a marker): strokes are thin
        if _hollow_square(mine):
            continue  # an outlined square (a legend's swatch): no letter has four straight sides
        strong = diff[sl][mine]
        cut = np.quantile(strong, 0.7)
        if float(np.median(spread[sl][mine & (diff[sl] >= cut)])) > GREY:
            continue
        keep[i] = True
    _drop_ticks(labels, objs, keep)
    # a thin stroke much taller than the letters around is a line (a legend's frame), not an 'l';
    # thin in most of its rows (a tick mark may hang off a frame's side, joined to it)
    tall = [(i, sl) for i, sl in enumerate(objs, start=1) if sl is not None and keep[i]]
    if tall:
        med = float(np.median([sl[0].stop - sl[0].start for _, sl in tall]))
        for i, sl in tall:
            if sl[0].stop - sl[0].start > 2.5 * max(med, 6.0) and _thin(labels[sl] == i):
                keep[i] = False
    for i in specks:  # a speck next to a letter is part of it (the dot of an 'i')
        sl = objs[i - 1]
        if sl is None:
            continue
        near = labels[max(0, sl[0].start - 3):sl[0].stop + 3, max(0, sl[1].start - 2):sl[1].stop + 2]
        keep[i] = any(keep[j] for j in np.unique(near) if j and j != i)
    glyphs = keep[labels]
    # what the reads see: the glyphs and the faint pixels of their own marks up to 3 px out (an
    # 'i''s dot in 8-9 px text is a few light pixels beyond the rim; without it 'ri' reads 'n')
    seen = glyphs | _faint_parts(glyphs, wl, weak & (diff <= INK), diff > INK)
    joined = ndimage.binary_dilation(glyphs, structure=np.ones((2 * JOIN_Y + 1, 2 * JOIN_X + 1), bool))
    groups, m = ndimage.label(joined)
    groups = _stack_columns(groups, m, glyphs)
    pieces: list[tuple[int, int, int, int, NDArray[np.bool_], tuple[slice, slice]]] = []
    corner_cut: set[tuple[int, int, int, int]] = set()  # the slices of texts cut from another at a corner
    for j, gsl in enumerate(ndimage.find_objects(groups), start=1):
        if gsl is None:
            continue
        parts = _two_rows(glyphs[gsl] & (groups[gsl] == j), gsl)
        if len(parts) > 1:
            corner_cut |= {(p[0].start, p[0].stop, p[1].start, p[1].stop) for _, p in parts}
        pieces += _pieces(parts, w)
    out: list[Text] = []
    lines = _join_slanted(_words_to_lines(pieces))
    owner = _owners(lines, (h, w))
    for k, (x0, y0, x1, y1, mine, sl) in enumerate(lines, start=1):
        rows, cols = np.nonzero(mine)
        angle = _angle(rows, cols)
        box = (max(0, x0 - 2), max(0, y0 - 2), min(w, x1 + 2), min(h, y1 + 2))
        if where is not None and not where(box):
            continue
        text, conf = ("", 0.0)
        if read:
            own = _without_others(seen, owner, k, box)
            if (sl[0].start, sl[0].stop, sl[1].start, sl[1].stop) in corner_cut:  # not the other text's ink
                own = np.zeros_like(glyphs)
                own[sl] = mine
            crop = _clean_crop(paper, own, box, ground)
            text, conf = _read(crop, rotate=angle, glyphs=_letters(mine))
            if angle == 90 and _glyph_height(mine)[1] == 1:  # one tall glyph: a digit upright ('8') or a word
                t0, c0 = _read(crop, rotate=0)
                if c0 >= conf:
                    text, conf, angle = t0, c0, 0
            if angle == 0 and (conf < MIN_CONFIDENCE or conf < RETRY_BELOW and _taller_than_glyphs(mine)):
                # a short word at 45 degrees looks square: split into pieces only when they read
                # better than it does whole at 45 degrees too ('Q2' is not 'o' and '12')
                whole = max((_read(crop, rotate=a)[1] for a in (45, -45)), default=0.0) if 0.5 <= (
                    x1 - x0) / max(1, y1 - y0) <= 2.0 else 0.0
                split = _diagonal_labels(paper, glyphs, ground, mine, sl, max(conf, whole))
                if split:
                    out += split
                    continue
            if conf < RETRY_BELOW and 0.5 <= (x1 - x0) / max(1, y1 - y0) <= 2.0 and (
                    angle or parse_number(text) is None or _glyph_height(mine)[1] >= 2):
                # (one glyph read upright as a digit stays upright: '2', not 'N' at 90 degrees)
                # a short word drawn at an angle looks square: its direction is a guess
                # (a read with more characters than the ink shows letters apart is no better for
                # them: 'Q2' at 45 degrees, read upright 'rol')
                shown = min(_alnum(text), _letters(mine))
                # (digits read upright turned read as letters, no digit among them: their curves, '0.5'
                # read 'Os' at 45 degrees; such a read turns no number read upright)
                number_upright = angle == 0 and parse_number(text) is not None
                for alt in [a for a in (0, 45, 90) if a != angle and (a or angle == 45)]:
                    t2, c2 = _read(crop, rotate=alt)
                    if c2 > conf + 0.1 and _alnum(t2) >= max(2, shown) and not (
                            number_upright and not any(ch.isdigit() for ch in t2)):
                        text, conf, angle = t2, c2, alt
        if read and angle == 0 and any(ch.isdigit() for ch in text) and parse_number(text) is None:
            # a number with a digit read as a letter ('a7'): read it again as digits only; kept when
            # read as surely (a label of a letter and digits, 'Q4', reads '04' with digits alone)
            t3, c3 = _read(crop, rotate=0, digits=True)
            if parse_number(t3) is not None and len(t3) >= len(text.replace(" ", "")) - 1 and c3 >= conf:
                text, conf = t3, c3
        if read and angle == 0 and POINTLESS.fullmatch(text) and ("," not in text or parse_number(text) is None):
            sub, own_ink = diff[box[1]:box[3], box[0]:box[2]], _in_box(mine, sl, box)
            # a light text's dot is lighter still: marks of a quarter of its darkest ink count
            level = max(INK_WEAK, min(INK, DOT_SHARE * float(sub[own_ink].max() if own_ink.any() else 1.0)))
            text = _point_for_space(text, own_ink, sub > level)
        number = parse_number(text) if angle == 0 else None
        centre = _centre(mine, sl) if number is not None else ((x0 + x1) / 2.0, (y0 + y1) / 2.0)
        out.append(Text(text, conf, box, angle, centre, number, _in_box(mine, sl, box)))
    if read:
        out = _one_angle_a_row(_like_the_row(out, paper, seen, ground), paper, seen, ground)
        out = _like_the_list(out, paper, seen, ground)
        out = _case_of_the_list(out)
        out = _cut_like_the_column(_cut_like_the_row([_clipped(t, w, h) for t in out], h))
    return out


def _over_lines(diff: Float, runs: list[tuple[NDArray[np.bool_], tuple[int, int]]]) -> NDArray[np.bool_]:
    """The pixels of light lines (gridlines) where darker ink is drawn over them: each of ``runs``,
    the pixels of straight runs of ink along one direction (a (1, LINE_PX) or (LINE_PX, 1) window),
    whose difference from the ground is OVER_LINE times the mean of the run's pixels in the window
    about it, and beyond LIGHT_INK. A letter's stroke lying along a gridline ('E''s foot on a
    whitegrid chart's gridline through a legend, read 'Fxports') is the letter's, not the line's;
    a bar or a dark line is as dark all along.

    >>> diff = np.zeros((5, 60)); diff[2] = 0.2; diff[1:4, 10:13] = 0.8
    >>> lines = np.zeros((5, 60), bool); lines[2] = True
    >>> np.flatnonzero(_over_lines(diff, [(lines, (1, 41))])[2]).tolist()
    [10, 11, 12]
    >>> bool(_over_lines(diff * 0 + 0.9, [(lines, (1, 41))]).any())
    False
    """
    out = np.zeros(diff.shape, bool)
    for run, size in runs:
        if not run.any():
            continue
        total = ndimage.uniform_filter(np.where(run, diff, 0.0), size, mode="constant")
        count = ndimage.uniform_filter(run.astype(np.float64), size, mode="constant")
        level = total / np.maximum(count, 1e-9)
        out |= run & (diff > np.maximum(OVER_LINE * level, LIGHT_INK))
    return out


def _bare_line(diff: Float, lines: NDArray[np.bool_],
               runs: list[tuple[NDArray[np.bool_], tuple[int, int]]]) -> NDArray[np.bool_]:
    """The pixels of ``lines`` where nothing but the line is drawn: each of ``runs`` (as in
    ``_over_lines``) parted into its straight runs along its direction, the pixels within
    BARE_LINE of their run's median. A line is as dark all along; a letter's stroke or
    anti-aliased edge on a light gridline is darker than it, and a letter's stroke joined to the
    end of a bar's row (a bar label touching its bar) lighter than the bar: they stay.

    >>> diff = np.zeros((5, 60)); diff[2] = 0.2; diff[1:4, 10:13] = 0.8; diff[2, 13] = 0.4
    >>> run = np.zeros((5, 60), bool); run[2] = True
    >>> bare = _bare_line(diff, run, [(run, (1, 41))])
    >>> int(bare[2].sum()), bool(bare[2, 10:14].any())
    (56, False)
    >>> diff[2, :46] = 1.0; diff[2, 46:50] = 0.4; run[2, 50:] = False
    >>> np.flatnonzero(~_bare_line(diff, run, [(run, (1, 41))])[2, :50]).tolist()
    [46, 47, 48, 49]
    """
    out = np.zeros(diff.shape, bool)
    for run, size in runs:
        structure = np.zeros((3, 3), bool)
        structure[1, :] = size[1] > 1
        structure[:, 1] |= size[0] > 1
        parts, n = ndimage.label(run, structure=structure)
        if n == 0:
            continue
        level = np.zeros(n + 1)
        level[1:] = ndimage.median(diff, parts, np.arange(1, n + 1))
        out |= (parts > 0) & (np.abs(diff - level[parts]) <= BARE_LINE)
    return out & lines


def _thin(mine: NDArray[np.bool_]) -> bool:
    """Whether a mark is a stroke at most 3 px wide in most of its rows (a legend frame's side with
    a tick mark joined to it is, though 4 px wide in all).

    >>> side = np.zeros((30, 4), bool); side[:, 0] = True; side[20, 1:] = True
    >>> _thin(side), _thin(np.ones((30, 4), bool))
    (True, False)
    """
    return bool(np.median(np.count_nonzero(mine, axis=1)) <= 3)


def _slanted_word(mine: NDArray[np.bool_]) -> bool:
    """Whether one mark is a word at 45 degrees whose letters touch ('Mangoes' in 9 px text, taller
    than a glyph of a small image with its 'g'): its ink runs at 45 degrees (``_angle``) in a band
    across as wide as letters are tall (SLANT_BAND; a line drawn at 45 degrees is a stroke's width
    across), much narrower than the word is long.

    >>> word = np.zeros((30, 30), bool); line = word.copy()
    >>> for k in range(30): word[max(0, 22 - k):30 - k, k] = True; line[29 - k, k] = True
    >>> _slanted_word(word), _slanted_word(line), _slanted_word(np.ones((30, 30), bool))
    (True, False, False)
    """
    rows, cols = np.nonzero(mine)
    if rows.size < 8:
        return False
    angle = _angle(rows, cols)
    if angle not in (45, 135):
        return False
    sign = 1 if angle == 45 else -1  # along a line running up to the right x + y stays, x - y grows
    across = cols + sign * rows
    along = cols - sign * rows
    band = int(np.ptp(across))
    return bool(SLANT_BAND <= band <= 0.6 * int(np.ptp(along)))


def _owners(lines: list[Piece], shape: tuple[int, int]) -> NDArray[np.int32]:
    """Which text (1, 2, ... in ``lines``' order; 0 for none) each glyph pixel belongs to."""
    owner = np.zeros(shape, np.int32)
    for k, (_, _, _, _, mine, sl) in enumerate(lines, start=1):
        owner[sl][mine] = k
    return owner


def _without_others(seen: NDArray[np.bool_], owner: NDArray[np.int32], k: int, box: Box) -> NDArray[np.bool_]:
    """What text ``k``'s read sees in its box: ``seen`` without the glyphs of other texts. The
    boxes of labels at 45 degrees set close overlap, each holding its neighbours' ends, which
    were read with it ('Delta' read 'beta' between 'Revenue' and 'Lemons').

    >>> seen = np.ones((1, 4), bool); owner = np.array([[1, 1, 2, 0]], np.int32)
    >>> _without_others(seen, owner, 1, (0, 0, 4, 1)).tolist(), _without_others(seen, owner, 1, (0, 0, 2, 1)) is seen
    ([[True, True, False, True]], True)
    """
    x0, y0, x1, y1 = box
    region = owner[y0:y1, x0:x1]
    others = (region != 0) & (region != k)
    if not others.any():
        return seen
    own: NDArray[np.bool_] = seen.copy()
    own[y0:y1, x0:x1] &= ~others
    return own


def _faint_parts(glyphs: NDArray[np.bool_], wl: NDArray[np.int32], faint: NDArray[np.bool_],
                 strong: NDArray[np.bool_]) -> NDArray[np.bool_]:
    """The small faint marks joined to a glyph beyond its rim: pixels of ``faint`` (weak, none as
    dark as ink) in one weak component (``wl``) with a glyph and no other ink (``strong``: a bar's
    end beside a value label is not the label's), 2-3 px from it (the reads see 1 px
    of rim), in separate bits of at most DOT_PX pixels, 3 each way (an 'i''s dot in 8-9 px text;
    not a bar's edge or a gridline running past a label, which are long).

    >>> g = np.zeros((9, 9), bool); g[4:9, 4] = True
    >>> wl = np.zeros((9, 9), np.int32); wl[1:9, 4] = 1; wl[0, 0] = 2
    >>> _faint_parts(g, wl, (wl > 0) & ~g, g)[:4, 4].tolist(), bool(_faint_parts(g, wl, wl == 2, g)[0, 0])
    ([False, True, True, False], False)
    >>> bar = g.copy(); bar[8, 0] = True; wl[8, 0] = 1  # a bar's ink in the component: not the text's alone
    >>> bool(_faint_parts(g, wl, (wl > 0) & ~g, bar).any())
    False
    >>> wl[4:9, 1] = 1; bool(_faint_parts(g, wl, (wl > 0) & ~g, g)[:, 1].any())  # a long faint line: no dot
    False
    """
    ids = np.setdiff1d(np.unique(wl[glyphs]), np.unique(wl[strong & ~glyphs]))  # text's marks alone
    ids = ids[ids > 0]
    rim = ndimage.binary_dilation(glyphs, structure=np.ones((3, 3), bool))
    near = ndimage.binary_dilation(glyphs, structure=np.ones((7, 7), bool))
    cand: NDArray[np.bool_] = faint & ~rim & np.isin(wl, ids)
    lab, n = ndimage.label(cand, structure=np.ones((3, 3)))
    if n == 0:
        return cand
    sizes = np.bincount(lab.ravel(), minlength=n + 1)
    far = np.bincount(lab[cand & ~near], minlength=n + 1)  # pixels more than 3 px from the glyphs
    ok = np.zeros(n + 1, bool)
    for i, sl in enumerate(ndimage.find_objects(lab), start=1):
        ok[i] = (sl is not None and sizes[i] <= DOT_PX and far[i] == 0
                 and sl[0].stop - sl[0].start <= 3 and sl[1].stop - sl[1].start <= 3)
    out: NDArray[np.bool_] = ok[lab]
    return out


def _diagonal_labels(rgb: Float, glyphs: NDArray[np.bool_], ground: Float, mine: NDArray[np.bool_],
                     sl: tuple[slice, slice], conf: float) -> list[Text]:
    """A row of labels drawn at 45 degrees, close enough to be joined into one unreadable line,
    split into its labels: along a label running up to the right x + y stays nearly constant
    (x - y for one running down), so gaps in x + y separate neighbours. Kept when the labels
    read better than the whole."""
    h, w = rgb.shape[:2]
    rows, cols = np.nonzero(mine)
    if rows.size == 0 or rows.max() - rows.min() < 12:
        return []
    best: list[Text] = []
    for angle, sign in ((45, 1), (-45, -1)):
        u = cols + sign * rows
        counts = np.bincount(u - u.min())
        empty = counts == 0
        cuts = [k for k in range(1, len(counts)) if empty[k] and not empty[k - 1]]
        if len(cuts) < 1:
            continue
        bounds = [0, *cuts, len(counts)]
        found: list[Text] = []
        for a, b in zip(bounds, bounds[1:]):
            part = (u - u.min() >= a) & (u - u.min() < b)
            if part.sum() < 8:
                continue
            r, c = rows[part], cols[part]
            px0, py0 = sl[1].start + int(c.min()), sl[0].start + int(r.min())
            px1, py1 = sl[1].start + int(c.max()) + 1, sl[0].start + int(r.max()) + 1
            if py1 - py0 < 8:
                continue
            box = (max(0, px0 - 2), max(0, py0 - 2), min(w, px1 + 2), min(h, py1 + 2))
            only = np.zeros_like(glyphs)
            only[sl[0].start + r, sl[1].start + c] = True
            text, c2 = _read(_clean_crop(rgb, only, box, ground), rotate=angle)
            found.append(Text(text, c2, box, angle, ((px0 + px1) / 2.0, (py0 + py1) / 2.0), None,
                              only[box[1]:box[3], box[0]:box[2]]))
        if len(found) >= 2 and float(np.mean([t.confidence for t in found])) > max(conf, MIN_CONFIDENCE) and (
                not best or np.mean([t.confidence for t in found]) > np.mean([t.confidence for t in best])):
            best = found
    return best


def _like_the_row(texts: list[Text], rgb: Float, glyphs: NDArray[np.bool_], ground: Float) -> list[Text]:
    """A short label read upright (or at another angle) in a row of labels most of which are drawn
    at one angle (rotated category labels share their top edge) is read again at that angle: a
    short word at 90 degrees looks square. A text more than twice as wide as tall is not turned:
    at 45 degrees a word's box is about square, at 90 taller than wide (a legend's 'In store' level
    with the tops of a line chart's dashes read as text at 90 degrees was read 'a')."""
    out = list(texts)
    for i, t in enumerate(texts):
        if t.width > 2 * t.height:
            continue
        row = [o.angle for o in texts
               if o is not t and o.angle != 0 and o.readable and abs(o.box[1] - t.box[1]) <= 3]
        if len(row) < 2:
            continue
        angle, n = Counter(row).most_common(1)[0]
        if angle == t.angle or n < 2 or 2 * n <= len(row):
            continue
        text, conf = _read(_clean_crop(rgb, glyphs, t.box, ground), rotate=angle)
        # a short word turned upright can look like a digit ('Jul' read '3'): the row's angle wins
        # unless it reads clearly worse
        if conf >= MIN_CONFIDENCE and conf >= t.confidence - 0.1 and _alnum(text) >= 1:
            out[i] = Text(text, conf, t.box, angle, t.centre, None, t.ink)
    return out


ROW_LABELS = 3  # a row of this many short labels or more reads at one angle


def _one_angle_a_row(texts: list[Text], rgb: Float, glyphs: NDArray[np.bool_], ground: Float) -> list[Text]:
    """Short labels in a row (ROW_LABELS or more sharing their top edge, each about as wide as
    tall) read at different angles are read at one: the angle whose reads are surest summed over
    the row. A short word at 90 degrees looks square, and its own ink and reads may not tell its
    direction: Vega-Lite's grey 'Q2', 'Q3' at 90 degrees read upright '&' 0.85 and 0.82 beside
    'Q1' read at 90, where at 90 they read 'Q2' 0.92, 'Q3' 0.91. Labels of a row are drawn alike."""
    out = list(texts)
    seen: set[int] = set()
    for t in texts:
        if id(t) in seen or not _squarish(t):
            continue
        row = [o for o in texts if _squarish(o) and abs(o.box[1] - t.box[1]) <= 3]
        seen |= {id(o) for o in row}
        angles = sorted({o.angle for o in row})
        if len(row) < ROW_LABELS or len(angles) < 2:
            continue
        crops = [_clean_crop(rgb, glyphs, o.box, ground) for o in row]
        reads = {a: [(o.text, o.confidence) if o.angle == a else _read(c, rotate=a) for o, c in zip(row, crops)]
                 for a in angles}
        best = max(angles, key=lambda a: sum(c for _, c in reads[a]))
        for o, (text, conf) in zip(row, reads[best]):
            if o.angle != best:
                k = next(i for i, x in enumerate(texts) if x is o)
                out[k] = Text(text, conf, o.box, best, o.centre, parse_number(text) if best == 0 else None, o.ink)
    return out


def _squarish(t: Text) -> bool:
    """A short label whose direction its box does not tell: about as wide as tall."""
    return t.ink is not None and 0.5 <= t.width / max(1, t.box[3] - t.box[1]) <= 2.0


CODE = re.compile(r"([A-Z][a-z]?)(\d{1,3})")  # a label of a letter or two and digits ('Q1', 'H2', 'Wk12')


def _like_the_list(texts: list[Text], rgb: Float, glyphs: NDArray[np.bool_], ground: Float) -> list[Text]:
    """A label in a list of labels of one form, letters then digits ('Q1', 'Q2', 'Q3'), read
    otherwise with as many characters ('Qi', 'PS': small text) is read again with only the list's
    letters and the digits allowed, and taken when it then has that form. A list is the texts at
    one angle sharing a row (top edge, or middle for upright text) or a column (left edge: a legend).
    The form is the list's when two of its labels have it, or one and every other label of the list
    begins with its letter and is no longer ('Q1' 'Q3' 'Q4' read 'Qu' 'Q3' 'Q': a short list of
    small text); as many characters means as the read has, or as the ink shows letters apart, or
    the form's when the read is its letters alone (digits dropped: 'Q'). When no read has the
    form, a read of the list's letters then letters that look like digits ('Qi') is given those
    digits (``_with_digits``)."""
    out = list(texts)
    for i, t in enumerate(texts):
        if not t.text or CODE.fullmatch(t.text) or t.ink is None:
            continue
        forms = [m for o in texts if o.readable and _beside(o, t) and (m := CODE.fullmatch(o.text))]
        if len(forms) == 1:
            rest = [o.text for o in texts if _beside(o, t) and not CODE.fullmatch(o.text)] + [t.text]
            if not all(x[:1] == forms[0].group(1)[0] and len(x) <= len(forms[0].group(0)) for x in rest):
                continue
        elif len(forms) < 2:
            continue
        lengths = Counter(len(m.group(0)) for m in forms)
        prefixes = {m.group(1) for m in forms}
        first = t.text[:1]
        size = len(t.text) if len(t.text) in lengths else max(len(t.text), _letters(t.ink))
        if t.text in prefixes:  # the list's letters alone: its digits dropped (touching them, 'Q4' read 'Q')
            size = lengths.most_common(1)[0][0]
        if size not in lengths or not (first.isdigit() or any(first.upper() == p[0] for p in prefixes)):
            continue
        chars = "".join(sorted(set("".join(prefixes)))) + "0123456789"
        crop = _clean_crop(rgb, glyphs, t.box, ground)
        # the read at each size on its own: one of them may read the list's form ('Q1' 0.78 at 48 px
        # where 32 px reads 'Qi' 0.86); else a read with only the list's characters
        reads = [ocr.read_line(crop, rotate=t.angle, reads=(r,), raw_line=True)
                 for r in ocr.CHART_READS + ocr.FULL_READS]
        fits = [(x, c) for x, c in reads if CODE.fullmatch(x) and len(x) == size and x[0] == t.text[0]]
        text, conf = max(fits, key=lambda r: r[1]) if fits else _read(crop, rotate=t.angle, chars=chars)
        if CODE.fullmatch(text) and len(text) == size and conf >= MIN_CONFIDENCE:
            out[i] = replace(t, text=text, confidence=conf, number=None)
        elif (as_digits := _with_digits(t.text, prefixes)) is not None and len(as_digits) == size:
            out[i] = replace(t, text=as_digits, number=None)  # no read gives the form: its lookalikes do
    return out


DIGIT_LOOKALIKES = str.maketrans({"i": "1", "l": "1", "I": "1", "|": "1", "o": "0", "O": "0"})


def _with_digits(text: str, prefixes: set[str]) -> str | None:
    """A read of one of the list's letters followed by digits and letters that look like digits,
    with those letters read as the digits they look like ('Qi' -> 'Q1': small text at 90 degrees
    reads 'Qi' at every height, and a read with the list's characters only is unsure); None when
    the read is not of that form.

    >>> _with_digits("Qi", {"Q"}), _with_digits("Qo", {"Q"}), _with_digits("Qa", {"Q"}), _with_digits("Hi", {"Q"})
    ('Q1', 'Q0', None, None)
    """
    for p in sorted(prefixes, key=len, reverse=True):
        rest = text[len(p):].translate(DIGIT_LOOKALIKES)
        if text.startswith(p) and rest.isdigit() and CODE.fullmatch(p + rest):
            return p + rest
    return None


LOOKALIKE_CASE = "cjkopsuvwxz"  # letters whose capital is their small letter drawn larger ('j' and 'J' alike at 8 px)


def _case_of_the_list(texts: list[Text]) -> list[Text]:
    """A word read with a small first letter that looks like its capital ('jun', 'cherries') in a
    list whose other words, two or more, all begin with a capital is given the capital: small
    text loses the difference in height (and a 'J' its lack of a dot), the list keeps its case.

    >>> words = ["May", "jun", "jul", "Aug"]
    >>> row = [Text(w, 0.9, (10 * i, 0, 10 * i + 8, 9), 0, (10 * i + 4, 4.5), None) for i, w in enumerate(words)]
    >>> [t.text for t in _case_of_the_list(row)], [t.text for t in _case_of_the_list(row[1:])]
    (['May', 'Jun', 'Jul', 'Aug'], ['jun', 'jul', 'Aug'])
    """
    out = list(texts)
    for i, t in enumerate(texts):
        if not (t.text[:1] in LOOKALIKE_CASE and t.text[1:2].islower()):
            continue
        words = [o.text for o in texts if o.readable and _beside(o, t) and o.text[:1].isalpha()
                 and o.text[:1] not in LOOKALIKE_CASE]  # ('jun' beside 'jul': both the list's odd ones)
        if len(words) >= 2 and all(w[:1].isupper() for w in words):
            out[i] = replace(t, text=t.text[:1].upper() + t.text[1:])
    return out


def _beside(o: Text, t: Text) -> bool:
    """Whether ``o`` is another text of ``t``'s list: at its angle, in its row or its column."""
    same_row = abs(o.box[1] - t.box[1]) <= 3 if t.angle else abs(o.centre[1] - t.centre[1]) <= 3
    return o is not t and o.angle == t.angle and (same_row or abs(o.box[0] - t.box[0]) <= 3)


def _hollow_square(mine: NDArray[np.bool_]) -> bool:
    """Whether a mark is the outline of a square: about as wide as tall, each outermost row and
    column inked along most of its length (round letters, 'O' and '0', leave their corners
    empty; 'D' and 'C' leave a side open), and the inside empty.

    >>> sq = np.zeros((10, 10), bool); sq[0] = sq[-1] = sq[:, 0] = sq[:, -1] = True
    >>> _hollow_square(sq), _hollow_square(np.ones((10, 10), bool))
    (True, False)
    """
    gh, gw = mine.shape
    if min(gh, gw) < SOLID_MIN or max(gh, gw) > 1.4 * min(gh, gw):
        return False
    sides = (mine[0].mean(), mine[-1].mean(), mine[:, 0].mean(), mine[:, -1].mean())
    return min(sides) >= HOLLOW_SIDE and float(mine[2:-2, 2:-2].mean()) <= HOLLOW_INSIDE


def _glyph_height(mine: NDArray[np.bool_]) -> tuple[float, int]:
    """The median height of the glyphs (connected parts) of a text's ink, and their number."""
    parts = [sl for sl in ndimage.find_objects(ndimage.label(mine, structure=np.ones((3, 3)))[0]) if sl is not None]
    if not parts:
        return 0.0, 0
    return float(np.median([sl[0].stop - sl[0].start for sl in parts])), len(parts)


def _taller_than_glyphs(mine: NDArray[np.bool_]) -> bool:
    """Whether a line's ink is much taller than its glyphs: a row of slanted labels run together
    (an upright line is as tall as its tallest letters)."""
    tall, n = _glyph_height(mine)
    return n >= 4 and bool(mine.shape[0] > SLANT_ROW * max(tall, 4.0))


def _in_box(mine: NDArray[np.bool_], sl: tuple[slice, slice], box: Box) -> NDArray[np.bool_]:
    """``mine`` (a mask over the slice ``sl``) as a mask over ``box``."""
    out = np.zeros((box[3] - box[1], box[2] - box[0]), bool)
    rows, cols = np.nonzero(mine)
    r, c = rows + sl[0].start - box[1], cols + sl[1].start - box[0]
    ok = (r >= 0) & (r < out.shape[0]) & (c >= 0) & (c < out.shape[1])
    out[r[ok], c[ok]] = True
    return out


def _clipped(t: Text, w: int, h: int) -> Text:
    """A text whose ink runs into the image's edge is cut off there: what is read of it is not
    the label (a 'Germany' cut to 'iermany'), so it is unreadable and no number; unless it is read
    as a whole word (``_sure_word``).

    >>> ink = np.zeros((12, 30), bool); ink[2:10, 0:25] = True
    >>> at = lambda w, c: _clipped(Text(w, c, (0, 0, 30, 12), 0, (15.0, 6.0), None, ink), 100, 100).confidence
    >>> at("iermany", 0.96), at("Mangoes", 0.96), at("Serries", 0.66)
    (0.2, 0.96, 0.2)
    """
    if t.ink is None or not t.ink.any() or _sure_word(t):
        return t
    x0, y0, x1, y1 = t.box
    edge = max(int(t.ink[:, 0].sum()) if x0 == 0 else 0, int(t.ink[0].sum()) if y0 == 0 else 0,
               int(t.ink[:, -1].sum()) if x1 == w else 0, int(t.ink[-1].sum()) if y1 == h else 0)
    if edge == 0 or edge < max(CLIPPED_MIN_PX, CLIPPED_SHARE * _glyph_height(t.ink)[0]):
        return t  # not cut, or a stroke's end just touching the edge (the letter is whole enough)
    return replace(t, confidence=min(t.confidence, CLIPPED_CONFIDENCE), number=None)


def _cut_like_the_row(texts: list[Text], h: int) -> list[Text]:
    """A slanted label running into the image's bottom edge, where most of the labels at its angle
    that reach that edge (two in three or more) are cut, is cut too: its ink there is a stroke's
    cross-section, a few pixels at 45 degrees, too few to tell on its own ('nce' left of 'France'),
    and a row of labels lies alike. So is the upper piece of such a label fallen apart, running
    into a cut text (``_continued_by_cut``: '7' of '2017').

    >>> ink = np.zeros((20, 20), bool); ink[-1, 3:6] = True
    >>> row = [Text(w, c, (30 * i, 80, 30 * i + 20, 100), 45, (0.0, 0.0), None, ink)
    ...        for i, (w, c) in enumerate([("any", 0.2), ("nce", 0.96), ("taly", 0.2)])]
    >>> [t.confidence for t in _cut_like_the_row(row, 100)], _cut_like_the_row(row, 120) == row
    ([0.2, 0.2, 0.2], True)

    Such a label read beginning with neither a capital nor a digit is cut whatever its row: its
    first letter, at its lower end, is cut ('herries'; a column cut by the left edge likewise).

    >>> [t.confidence for t in _cut_like_the_row([replace(row[1], text="herries"), row[2]], 100)]
    [0.2, 0.2]
    """
    out = list(texts)
    for i, t in enumerate(texts):
        if t.angle == 0 or t.confidence <= CLIPPED_CONFIDENCE or t.ink is None or _sure_word(t):
            continue
        at_edge = t.box[3] == h and bool(t.ink[-1].any())
        if not at_edge and not _continued_by_cut(t, texts, h):
            continue
        if at_edge and t.angle in (45, 90) and not (t.text[:1].isupper() or t.text[:1].isdigit()):
            # its first letter, at its lower end, is cut: a label does not begin with a small letter
            # or a mark ('“herries' of 'Cherries'), as in a column cut by the left edge
            out[i] = replace(t, confidence=CLIPPED_CONFIDENCE, number=None)
            continue
        row = [o for o in texts if o is not t and o.angle == t.angle and o.box[3] == h]
        cut = [o for o in row if o.confidence <= CLIPPED_CONFIDENCE]
        if len(row) >= 2 and 3 * len(cut) >= 2 * len(row):
            out[i] = replace(t, confidence=CLIPPED_CONFIDENCE, number=None)
    return out


def _sure_word(t: Text) -> bool:
    """Whether a text is read as a capitalised word ('Mangoes', 'Nov') as sure as a word's read
    is final (``ocr.WORD_SURE``): so read, a label cut by the image's edge lost a sliver of its first
    letter, which the engine still reads ('M' with its left stem cut). A cut through letters reads
    less sure ('Serries' 0.66 for 'Cherries', 'Srapes' 0.91, 'Mand' 0.93) or not as such a word
    ('iermany', 'way', '4ug').

    >>> at = lambda w, c: _sure_word(Text(w, c, (0, 0, 30, 12), 0, (15.0, 6.0), None))
    >>> at("Mangoes", 0.96), at("Nov", 0.95), at("Srapes", 0.91), at("angoes", 0.96), at("2019", 0.97)
    (True, True, False, False, False)
    """
    return t.confidence >= ocr.WORD_SURE and WORD.fullmatch(t.text) is not None


def _continued_by_cut(t: Text, texts: list[Text], h: int) -> bool:
    """Whether a slanted text runs on, past its lower end, into another text cut by the image's
    bottom edge: a label cut there and fallen apart ('7' of '2017', the rest, '201' cut, read
    'ay' upright), whose upper piece reads whole. The other text starts below this one's top
    (the labels of a row share their tops) and reaches its lower end, on the side a text at its
    angle runs down to (the left at 45 degrees).

    >>> at = lambda x0, y0, x1, y1, c=0.2, a=45: Text("", c, (x0, y0, x1, y1), a, (0.0, 0.0), None)
    >>> piece, rest, neighbour = at(157, 375, 172, 391, 0.96), at(139, 384, 168, 400, a=0), at(106, 375, 141, 400)
    >>> _continued_by_cut(piece, [piece, rest, neighbour], 400), _continued_by_cut(piece, [piece, neighbour], 400)
    (True, False)
    """
    for o in texts:
        if o is t or o.box[3] != h or o.confidence > CLIPPED_CONFIDENCE or o.box[1] <= t.box[1] + 3:
            continue
        if o.box[1] > t.box[3] + 2:
            continue
        if t.angle == 45 and o.box[0] < t.box[0] <= o.box[2] + 2:
            return True
        if t.angle != 45 and o.box[0] - 2 <= t.box[2] < o.box[2]:
            return True
    return False


def _cut_like_the_column(texts: list[Text]) -> list[Text]:
    """Upright words aligned on their right ends (a horizontal bar chart's categories) whose ink
    begins at the image's left edge (within EDGE_PX), where one of them or more is cut there, are
    all cut, but for a capitalised word whose capital begins clear of the edge (``_whole_word``:
    'Apples') or is read sure with its capital drawn (``_sure_word``, ``_capital_first``: a sliver
    of the 'M' of 'Mangoes' cut): the edge may fall in a letter gap ('goes' of 'Mangoes', whole
    letters, no ink at the edge) or leave a stroke too short to tell ('n' of it, '1goes'), and a
    column of labels lies alike. A cut in a letter gap leaves a small letter first: such a word ('angoes', '-emons'
    read for 'Lemons') is cut in a column of two or more where none is cut through a stroke.

    >>> ink = np.zeros((14, 30), bool); ink[2:12, 1:28] = True
    >>> col = [Text(w, c, (0, 20 * i, 30, 20 * i + 14), 0, (15.0, 20.0 * i + 7), None, ink)
    ...        for i, (w, c) in enumerate([("goes", 0.96), ("mons", 0.2), ("emons", 0.9)])]
    >>> [t.confidence for t in _cut_like_the_column(col)], [t.confidence for t in _cut_like_the_column(col[::2])]
    ([0.2, 0.2, 0.2], [0.2, 0.2])
    >>> [t.confidence for t in _cut_like_the_column([replace(col[0], text="Pears"), replace(col[2], text="Lemons")])]
    [0.96, 0.9]
    """
    def at_edge(t: Text) -> bool:  # a word (tick labels are the axis's to check: a '1' begins further in)
        return (t.angle == 0 and t.ink is not None and any(ch.isalpha() for ch in t.text)
                and t.box[0] + _extent(t.ink.any(axis=0))[0] <= EDGE_PX)

    out = list(texts)
    for i, t in enumerate(texts):
        whole = _whole_word(t) or _sure_word(t) and _capital_first(t)
        if t.confidence <= CLIPPED_CONFIDENCE or not at_edge(t) or whole:
            continue
        column = [o for o in texts if at_edge(o) and abs(o.box[2] - t.box[2]) <= SLOT_PX]  # itself too
        cut = sum(o.confidence <= CLIPPED_CONFIDENCE for o in column)
        if len(column) >= 2 and (cut or not (t.text[:1].isupper() or t.text[:1].isdigit())):
            out[i] = replace(t, confidence=CLIPPED_CONFIDENCE, number=None)
    return out


WORD = re.compile(r"[A-Z][a-z]{2,}(?: \S+)*")  # a capitalised word first: 'Apples', 'Rest of world'; not 'goes', 'USA'


def _whole_word(t: Text) -> bool:
    """Whether an upright word at the image's left edge begins there whole: read as a capital and
    small letters ('Apples', readable), its ink clear of the edge's column, and its first letter
    as tall as the word while another letter is lower (a capital drawn, not an 'o' read 'O'). A cut
    in a letter gap leaves a small letter first ('goes' of 'Mangoes', 'herries' of 'Cherries'),
    so a column of cut labels does not make such a word cut.

    >>> ink = np.zeros((12, 30), bool); ink[1:11, 3:8] = True; ink[4:11, 10:14] = True; ink[4:11, 16:20] = True
    >>> at = lambda w, x0=0: Text(w, 0.96, (x0, 0, x0 + 30, 12), 0, (0.0, 0.0), None, ink)
    >>> _whole_word(at("Amo")), _whole_word(at("amo")), _whole_word(at("Amo", -3)), _whole_word(at("AMO"))
    (True, False, False, False)
    """
    if t.ink is None or not t.readable or not WORD.fullmatch(t.text) or t.box[0] + _extent(t.ink.any(axis=0))[0] < 1:
        return False
    return _capital_first(t)


def _capital_first(t: Text) -> bool:
    """Whether an upright text's first letter is drawn as a capital: as tall as the text while
    another letter is lower (not an 'o' read 'O')."""
    if t.ink is None or not t.ink.any():
        return False
    parts = [sl for sl in _parts(t.ink)[1] if sl is not None]
    top = min(sl[0].start for sl in parts)
    first = min(parts, key=lambda sl: sl[1].start)
    return first[0].start <= top + 1 and any(sl[0].start >= first[0].start + 2 for sl in parts)


def _read(image: Float, *, rotate: int = 0, digits: bool = False, glyphs: int = 0,
          chars: str = "") -> tuple[str, float]:
    """OCR of one line of chart text, with the reads measured for small chart text; ``glyphs`` the
    letters seen apart in it (``_letters``), which a read must not fall short of; ``chars`` the
    characters allowed (all by default)."""
    slanted = rotate % 90 != 0  # a word at 45 degrees: two reads must agree ('Fig' 0.96 at the first, then 'Figs')
    if chars:
        return ocr.read_line(image, rotate=rotate, reads=ocr.CHART_READS, glyphs=glyphs, chars=chars,
                             word_sure=ocr.WORD_SURE, agree=slanted, raw_line=True)
    return ocr.read_line(image, rotate=rotate, digits=digits, reads=ocr.CHART_READS, glyphs=glyphs,
                         word_sure=ocr.WORD_SURE, agree=slanted, raw_line=True)


def _with_point(text: str, mine: NDArray[np.bool_], dark: NDArray[np.bool_] | None = None) -> str:
    """A number read without its decimal point ('66.9' read '669'; the dot is a pixel or a few)
    given it back: when the ink shows one letter a digit and one dot between two of them, small and
    square, sitting on the digits' baseline (a comma reaches under it). ``mine`` is the text's
    glyphs, ``dark`` (same shape) all the ink of its box: a one-pixel dot is too small for a glyph.

    >>> ink = np.zeros((10, 24), bool); ink[1:9, 1:5] = ink[1:9, 7:11] = ink[1:9, 17:21] = True
    >>> dot = ink.copy(); dot[7:9, 13:15] = True
    >>> _with_point("669", ink, dot), _with_point("66.9", ink, dot), _with_point("Q69", ink, dot)
    ('66.9', '66.9', 'Q69')
    >>> comma = ink.copy(); comma[7:10, 13:15] = True
    >>> _with_point("669", ink, comma), _with_point("669", ink)
    ('669', '669')
    >>> tick = dot.copy(); tick[4, 23] = True  # a mark beside the number, not between its digits
    >>> _with_point("669", ink, tick)
    '66.9'
    """
    m = re.fullmatch(r"(-?)(\d+)(%?)", text)
    if m is None or len(m.group(2)) < 2:
        return text
    lab, _ = ndimage.label(mine, structure=np.ones((3, 3)))
    parts = [sl for sl in ndimage.find_objects(lab) if sl is not None]
    if not parts:
        return text
    big = max(sl[0].stop - sl[0].start for sl in parts)
    digits = sorted((sl for sl in parts if sl[0].stop - sl[0].start >= LETTER_SIZE * big), key=lambda sl: sl[1].start)
    if len(digits) != len(m.group(2)) + (1 if m.group(3) else 0):
        return text
    others = mine if dark is None else (dark & ~ndimage.binary_dilation(mine)) | mine
    olab, _ = ndimage.label(others, structure=np.ones((3, 3)))
    span = (digits[0][1].start, digits[-1][1].stop)  # marks beside the number (a tick mark's end) are not its
    small = [sl for sl in ndimage.find_objects(olab) if sl is not None
             and max(sl[0].stop - sl[0].start, sl[1].stop - sl[1].start) < LETTER_SIZE * big
             and span[0] < sl[1].start and sl[1].stop < span[1]]
    dot = small[0] if len(small) == 1 else None
    if dot is None or max(dot[0].stop - dot[0].start, dot[1].stop - dot[1].start) > DOT_SIZE * big:
        return text  # no dot, a comma's length, or more than one small mark
    base = float(np.median([sl[0].stop for sl in digits]))
    dh, dw = dot[0].stop - dot[0].start, dot[1].stop - dot[1].start
    if abs(dot[0].stop - base) > 1 or dh > 2 * dw or dw > 2 * dh:
        return text  # not on the baseline (a comma reaches under it), or not square
    left = sum(sl[1].stop <= dot[1].start for sl in digits)
    right = sum(sl[1].start >= dot[1].stop for sl in digits)
    if left == 0 or right == 0 or left + right != len(digits):
        return text
    num = m.group(2)
    return f"{m.group(1)}{num[:left]}.{num[left:]}{m.group(3)}"


def _point_for_space(text: str, mine: NDArray[np.bool_], dark: NDArray[np.bool_]) -> str:
    """``_with_point`` for a number read without its point ('669', '45%') or with a space or a
    comma for it ('22 1%'; '14,92', no thousands), the space or comma taken for the point only where
    the ink shows one (a dot on the baseline: a comma reaches under it).

    >>> ink = np.zeros((10, 24), bool); ink[1:9, 1:5] = ink[1:9, 7:11] = ink[1:9, 17:21] = True
    >>> dot = ink.copy(); dot[7:9, 13:15] = True
    >>> _point_for_space("66 9", ink, dot), _point_for_space("66 9", ink, ink), _point_for_space("669%", ink, dot)
    ('66.9', '66 9', '669%')
    >>> comma = ink.copy(); comma[7:10, 13:15] = True
    >>> _point_for_space("66,9", ink, dot), _point_for_space("66,9", ink, comma)
    ('66.9', '66,9')
    """
    pointed = _with_point(text.replace(" ", "").replace(",", ""), mine, dark)
    return pointed if "." in pointed or not (" " in text or "," in text) else text


def _letters(mine: NDArray[np.bool_]) -> int:
    """How many letters a text's ink shows apart: its connected parts at least LETTER_SIZE as large
    (each way's longer side) as the largest. Dots, commas, an 'i''s dot, a minus and a percent
    sign's rings are smaller; letters that touch count once, so a text has at least this many
    characters.

    >>> ink = np.zeros((10, 20), bool); ink[1:9, 1:4] = ink[1:9, 7:10] = ink[7:9, 13:15] = True
    >>> _letters(ink)
    2
    """
    parts = [sl for sl in ndimage.find_objects(ndimage.label(mine, structure=np.ones((3, 3)))[0]) if sl is not None]
    if not parts:
        return 0
    sizes = [max(sl[0].stop - sl[0].start, sl[1].stop - sl[1].start) for sl in parts]
    return sum(z >= LETTER_SIZE * max(sizes) for z in sizes)


def _alnum(text: str) -> int:
    return sum(ch.isalnum() for ch in text)


def _clean_crop(rgb: Float, glyphs: NDArray[np.bool_], box: Box, ground: Float) -> Float:
    """The box's pixels with everything but the glyphs (and their anti-aliased rims) painted in
    the ground colour (one colour, or an image of the grounds): swatches, tick marks and
    gridlines next to the text are not read."""
    x0, y0, x1, y1 = box
    near = ndimage.binary_dilation(glyphs[y0:y1, x0:x1], structure=np.ones((3, 3), bool))
    out = np.empty((y1 - y0, x1 - x0, 3), np.float64)
    out[...] = ground if ground.ndim == 1 else ground[y0:y1, x0:x1]
    out[near] = rgb[y0:y1, x0:x1][near]
    return out


def _drop_ticks(labels: NDArray[np.int32], objs: list[tuple[slice, slice] | None], keep: NDArray[np.bool_]) -> None:
    """Tick marks and the dashes of dashed gridlines are thin lines with no letter after them (a
    minus sign has its digits on the right, a letter 'l' its word beside it): they are not text."""
    h, w = labels.shape
    thin = np.zeros_like(keep)
    for i, sl in enumerate(objs, start=1):
        if sl is None or not keep[i]:
            continue
        gh, gw = sl[0].stop - sl[0].start, sl[1].stop - sl[1].start
        thin[i] = (gh <= 3 and gw >= max(3, 2 * gh)) or (gw <= 2 and gh >= 4)
    neighbours: dict[int, set[int]] = {}
    stacked: dict[int, set[int]] = {}  # a horizontal stroke's thin neighbours right above or under it
    for i, sl in enumerate(objs, start=1):
        if sl is None or not thin[i]:
            continue
        gh, gw = sl[0].stop - sl[0].start, sl[1].stop - sl[1].start
        if gh <= 3:  # horizontal: a minus needs a glyph right after it; an upright 'l' one under it
            under = labels[max(0, sl[0].start - 3):min(h, sl[0].stop + 3), sl[1].start:sl[1].stop]
            near = np.concatenate([
                labels[max(0, sl[0].start - 4):min(h, sl[0].stop + 4), sl[1].stop:min(w, sl[1].stop + 4)].ravel(),
                under.ravel()])
            stacked[i] = {int(j) for j in np.unique(under) if j and j != i and keep[j] and thin[j] and _overlaps(
                objs[j - 1], sl)}
        else:  # vertical: a letter needs a glyph beside it, a letter gap away (wider in larger text)
            gap = max(4, int(round(LETTER_GAP * gh)))
            near = labels[sl[0].start:sl[0].stop, max(0, sl[1].start - gap):min(w, sl[1].stop + gap)]
        neighbours[i] = {int(j) for j in np.unique(near) if j and j != i and keep[j]}
    tall = {i for i in neighbours if (sl := objs[i - 1]) is not None and sl[0].stop - sl[0].start > 3}
    # a thin stroke beside a letter is a letter; so is one beside such a stroke ('il' ending 'Brazil',
    # 'ill'): letters are reached through a chain of neighbours, tick marks stand alone. Strokes
    # chain when upright (l, i, |), or when horizontal and stacked over one another, mostly
    # overlapping: the legs of an 'm' or an 'E' in a label drawn at 90 degrees, whose light joins
    # fell below the ink threshold (the dashes of a gridline lie side by side, tick marks far apart)
    letter = {i for i, adj in neighbours.items() if any(not thin[j] for j in adj)}
    grown = True
    while grown:
        grown = False
        for i, adj in neighbours.items():
            if i not in letter and (i in tall and adj & letter or stacked.get(i, set()) & letter):
                letter.add(i)
                grown = True
    drop = [i for i in neighbours if i not in letter]
    keep[drop] = False


def _stack_columns(groups: NDArray[np.int32], m: int, glyphs: NDArray[np.bool_]) -> NDArray[np.int32]:
    """Groups of glyphs stacked in one column, a letter gap apart, joined: the letters of a label
    drawn at 90 degrees lie one over the next, and their gaps run along y, where the glyphs are
    joined only a pixel apart (upright words' letters are joined JOIN_X apart along x). Two groups
    join when their columns mostly overlap, they are about as wide (one font's height), at most
    2 * JOIN_X apart, one of them is a column already (COLUMN_SEED: letters at 90 degrees that
    touch or are a pixel apart) and what they make is a column (half again as tall as it is
    wide): lines of upright text stacked over one another, short words too, stay apart."""
    if m < 2:
        return groups
    ink = np.where(glyphs, groups, 0)
    objs = ndimage.find_objects(ink, max_label=m)
    ids = np.array([i + 1 for i, sl in enumerate(objs) if sl is not None], np.int64)
    if ids.size < 2:
        return groups
    boxes = np.array([(sl[1].start, sl[0].start, sl[1].stop, sl[0].stop) for sl in objs if sl is not None], np.int64)
    cluster = np.arange(ids.size)
    while True:  # join columns, then the columns grown, until none joins
        k = int(cluster.max()) + 1
        span = np.empty((k, 4), np.int64)
        span[:, :2] = np.iinfo(np.int64).max
        span[:, 2:] = np.iinfo(np.int64).min
        for c in (0, 1):
            np.minimum.at(span[:, c], cluster, boxes[:, c])
            np.maximum.at(span[:, c + 2], cluster, boxes[:, c + 2])
        above, below = _column_pairs(span)
        if above.size == 0:
            break
        graph = coo_matrix((np.ones(above.size, np.int8), (above, below)), shape=(k, k))
        n, comp = connected_components(graph, directed=False)
        if n == k:
            break
        cluster = comp[cluster]
    # each column named after its topmost group (the first by top edge, then number)
    first = np.lexsort((ids, boxes[:, 1]))
    names, at = np.unique(cluster[first], return_index=True)
    name = np.zeros(int(cluster.max()) + 1, np.int64)
    name[names] = ids[first[at]]
    lut = np.arange(m + 1, dtype=np.int32)
    lut[ids] = name[cluster]
    out: NDArray[np.int32] = lut[groups]
    return out


def _column_pairs(span: NDArray[np.int64]) -> tuple[NDArray[np.int64], NDArray[np.int64]]:
    """The pairs (p, q) of boxes (x0, y0, x1, y1) that ``_stack_columns`` joins: q starts under p,
    a letter gap down; their columns mostly overlap; about as wide; one a column already; the
    two a column together.

    >>> _column_pairs(np.array([(0, 0, 8, 20), (1, 23, 8, 35), (40, 0, 60, 8), (40, 10, 60, 18)]))
    (array([0]), array([1]))
    """
    order = np.argsort(span[:, 1], kind="stable")
    tops = span[order, 1]
    ps: list[NDArray[np.int64]] = []
    qs: list[NDArray[np.int64]] = []
    for p in range(span.shape[0]):
        px0, py0, px1, py1 = (int(v) for v in span[p])
        q = order[np.searchsorted(tops, py1, side="left"):np.searchsorted(tops, py1 + 2 * JOIN_X, side="right")]
        q = q[q != p]
        if q.size == 0:
            continue
        qx0, qy0, qx1, qy1 = span[q, 0], span[q, 1], span[q, 2], span[q, 3]
        wp, wq = px1 - px0, qx1 - qx0
        narrow, broad = np.minimum(wp, wq), np.maximum(wp, wq)
        shared = np.minimum(px1, qx1) - np.maximum(px0, qx0)
        tall = np.maximum(py1, qy1) - np.minimum(py0, qy0)
        across = np.maximum(px1, qx1) - np.minimum(px0, qx0)
        ok = ((shared >= 0.6 * narrow) & (broad <= 1.6 * narrow + 2) & (tall >= 1.5 * across)
              & (np.maximum(py1 - py0, qy1 - qy0) >= COLUMN_SEED * broad))
        ps.append(np.full(int(ok.sum()), p, np.int64))
        qs.append(q[ok])
    if not ps:
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    return np.concatenate(ps), np.concatenate(qs)


def _pieces(parts: list[tuple[NDArray[np.bool_], tuple[slice, slice]]], w: int) -> list[Piece]:
    """The parts of a group that can be text (not specks, not sparse dashes), as pieces."""
    out: list[Piece] = []
    for mine, sl in parts:
        rows, cols = np.nonzero(mine)
        if rows.size < 4 or rows.max() - rows.min() < 4:
            continue  # dashes of a gridline, specks
        y0, x0 = sl[0].start + int(rows.min()), sl[1].start + int(cols.min())
        y1, x1 = sl[0].start + int(rows.max()) + 1, sl[1].start + int(cols.max()) + 1
        if rows.size < MIN_DENSITY * (y1 - y0) * (x1 - x0) or (x1 - x0) > 0.7 * w and (y1 - y0) < WIDE_ROW_PX:
            continue  # sparse, or across the image and thin: dashed gridlines, not letters (a row of
            # category labels run together may be as wide)
        out.append((x0, y0, x1, y1, mine, sl))
    return out


def _two_rows(mine: NDArray[np.bool_], sl: tuple[slice, slice]) -> list[tuple[NDArray[np.bool_], tuple[slice, slice]]]:
    """A group of glyphs that is two texts touching at a corner (the y axis's lowest label over
    the x axis's first), cut between them: at the row with the least ink between a line of text
    above and one below, each wider than tall by half again, side by side more than over one
    another. Any other group is returned as it is (one line's halves span the same columns; a
    slanted label's halves are not that wide)."""
    hgt, wid = mine.shape
    if hgt < 12 or wid < 12:
        return [(mine, sl)]
    per_row = mine.sum(axis=1)
    gap = _line_gap(mine)
    if gap is not None:
        r0, r1 = gap
        upper = (slice(sl[0].start, sl[0].start + r0), sl[1])
        lower = (slice(sl[0].start + r1, sl[0].stop), sl[1])
        return [(mine[:r0], upper), (mine[r1:], lower)]
    best: tuple[int, int] | None = None
    for r in range(6, hgt - 5):
        (a0, a1), (b0, b1) = _extent(np.any(mine[:r], axis=0)), _extent(np.any(mine[r:], axis=0))
        ht, hb = _extent(np.any(mine[:r], axis=1)), _extent(np.any(mine[r:], axis=1))
        if min(ht[1] - ht[0], hb[1] - hb[0]) < 6 or a1 - a0 < 1.5 * (ht[1] - ht[0]) or b1 - b0 < 1.5 * (hb[1] - hb[0]):
            continue
        shared = min(a1, b1) - max(a0, b0)
        if shared > 0.35 * min(a1 - a0, b1 - b0):
            continue
        if best is None or per_row[r - 1] + per_row[r] < best[1]:
            best = (r, int(per_row[r - 1] + per_row[r]))
    if best is None:
        return [(mine, sl)]
    r = best[0]
    upper = (slice(sl[0].start, sl[0].start + r), sl[1])
    lower = (slice(sl[0].start + r, sl[0].stop), sl[1])
    return [(mine[:r], upper), (mine[r:], lower)]


def _line_gap(mine: NDArray[np.bool_]) -> tuple[int, int] | None:
    """The rows (first, last + 1) between two texts stacked a pixel or two apart or touching rows
    (a tick label over a category label at the plot's corner, '1' over 'Grapes', '0' over
    'Germany'), or None: rows no glyph (connected part) reaches across (empty rows, or none
    between one glyph's last row and another's first), with a glyph's height of ink (SOLID_MIN)
    on either side, one of which is a line of upright text (half again as wide as tall), the two
    about as tall (one font) and each as full as letters (GAP_FILL; dotted gridlines crossing
    are sparser). A word's letters share its x-height rows (an 'i''s dot is smaller than a
    glyph); the letters of a word at 90 degrees are apart in rows, but the parts of such a
    column are about as wide as each other and share a side, the baseline's or the letters'
    tops (one letter, '2' of '2016', may be wider than tall), or one is a column of letters much
    taller than the other (an axis title's 'ount' under its 'C' beside a tick label). Parts that
    share a side but are each STACKED_LINE times wider than tall are two lines of a legend
    ('Sep' over 'Feb', left-aligned), no column.

    >>> g = np.zeros((30, 50), bool); g[2:12, 13:19] = True; g[13:26, 3:48] = True
    >>> _line_gap(g), _line_gap(g[:, :20].T.copy())
    ((12, 13), None)
    >>> g[12, 13:19] = True  # touching rows, apart in columns (8-connected: no glyph across)
    >>> g[13, 12:20] = False; _line_gap(g)
    (13, 13)
    """
    filled: NDArray[np.bool_] = np.asarray(mine.any(axis=1))
    rows = np.flatnonzero(filled)
    if rows.size == 0:
        return None
    lab, _ = ndimage.label(mine, structure=np.ones((3, 3)))
    across = np.zeros(mine.shape[0] + 1, np.int64)  # glyphs reaching across the line above each row
    for sl in ndimage.find_objects(lab):
        if sl is not None:
            across[sl[0].start + 1:sl[0].stop] += 1
    free = (across[:mine.shape[0]] == 0) & (np.arange(mine.shape[0]) > rows[0]) & (np.arange(mine.shape[0]) <= rows[-1])
    for a, b in runs_of(free):
        b = max(a, min(b, a + int((~filled[a:b]).sum())))  # the empty rows of the run, if any, else none
        sizes = [(_extent(p.any(axis=1)), _extent(p.any(axis=0))) for p in (mine[:a], mine[b:])]
        tall = [r1 - r0 for (r0, r1), _ in sizes]
        wide = [c1 - c0 for _, (c0, c1) in sizes]
        fill = [float(p.sum()) / max(1, ht * wd) for p, ht, wd in zip((mine[:a], mine[b:]), tall, wide)]
        line = [wd >= 1.5 * ht for wd, ht in zip(wide, tall)]
        (_, (u0, u1)), (_, (l0, l1)) = sizes
        column = (abs(u0 - l0) <= 2 or abs(u1 - l1) <= 2) and max(wide) <= 1.35 * min(wide) and not all(
            wd >= STACKED_LINE * ht for wd, ht in zip(wide, tall))  # two lines of a legend, left-aligned
        if (min(tall) >= SOLID_MIN and max(tall) <= 1.5 * min(tall) and any(line) and not column
                and min(fill) >= GAP_FILL):
            return (a, b)
    return None


def _extent(mask: NDArray[np.bool_] | np.bool_) -> tuple[int, int]:
    """(first, last + 1) of the True entries of a 1-d mask, (0, 0) when none."""
    idx = np.flatnonzero(mask)
    return (int(idx[0]), int(idx[-1]) + 1) if idx.size else (0, 0)


def _overlaps(a: tuple[slice, slice] | None, b: tuple[slice, slice]) -> bool:
    """Whether two strokes' columns overlap by at least half the narrower one's."""
    if a is None:
        return False
    shared = min(a[1].stop, b[1].stop) - max(a[1].start, b[1].start)
    return bool(shared >= 0.5 * min(a[1].stop - a[1].start, b[1].stop - b[1].start))


Piece = tuple[int, int, int, int, NDArray[np.bool_], tuple[slice, slice]]


def _words_to_lines(pieces: list[Piece]) -> list[Piece]:
    """Upright words on one baseline, less than half their height apart, joined into one line.
    Words drawn at 45 degrees are not (``_slanted``): neighbouring labels of a slanted row share
    their tops and lie about as far apart ('Grapes' and 'Mangoes' read as one line, '& fs')."""
    pieces = sorted(pieces, key=lambda p: (p[0], p[1]))
    out: list[Piece] = []
    used = [False] * len(pieces)
    slanted = [_slanted(p) for p in pieces]
    for i, p in enumerate(pieces):
        if used[i]:
            continue
        cur = p
        for j in range(i + 1, len(pieces)):
            q = pieces[j]
            hgt = max(cur[3] - cur[1], q[3] - q[1])
            if used[j] or slanted[i] or slanted[j] or hgt > 2.2 * min(cur[2] - cur[0], q[2] - q[0]) + 40:
                continue
            overlap = min(cur[3], q[3]) - max(cur[1], q[1])
            same_line = overlap >= 0.7 * min(cur[3] - cur[1], q[3] - q[1]) and abs(cur[1] - q[1]) <= max(3, 0.35 * hgt)
            if same_line and 0 <= q[0] - cur[2] <= 0.6 * hgt and hgt >= 12:
                cur = _join(cur, q)
                used[j] = True
        out.append(cur)
    return out


def _slanted(p: Piece) -> bool:
    """Whether a piece's ink runs at 45 degrees either way (``_angle``)."""
    rows, cols = np.nonzero(p[4])
    return rows.size > 0 and _angle(rows, cols) in (45, 135)


def _join_slanted(pieces: list[Piece]) -> list[Piece]:
    """A label drawn at 45 degrees fallen apart at a letter gap (light grey text: the join of '201'
    and '7' is fainter than ink) joined again: a piece lying on the line another slanted text runs
    along (within its band across, the glyphs' height), a letter gap or less beyond its end.
    Labels of one row lie on parallel lines a slot's spacing apart and are not joined."""
    out = list(pieces)
    changed = True
    while changed:
        changed = False
        for i, p in enumerate(out):
            rows, cols = np.nonzero(p[4])
            if rows.size < 8:
                continue
            angle = _angle(rows, cols)
            if angle not in (45, 135):
                continue
            d = np.array([1.0, -1.0 if angle == 45 else 1.0]) / math.sqrt(2.0)  # along, in (x, y)
            n = np.array([-d[1], d[0]])  # across
            xy = np.stack([cols + p[5][1].start, rows + p[5][0].start], axis=1).astype(np.float64)
            pa, pn = xy @ d, xy @ n
            band = float(pn.max() - pn.min())
            for j, q in enumerate(out):
                if j == i:
                    continue
                qr, qc = np.nonzero(q[4])
                qxy = np.stack([qc + q[5][1].start, qr + q[5][0].start], axis=1).astype(np.float64)
                qa, qn = qxy @ d, qxy @ n
                if qn.min() < pn.min() - 2 or qn.max() > pn.max() + 2 or qn.max() - qn.min() < 0.5 * band:
                    continue  # off the line, or too thin across for a letter
                gap = max(float(qa.min() - pa.max()), float(pa.min() - qa.max()))
                if -1 <= gap <= 0.5 * band:
                    out[i] = _join(p, q)
                    del out[j]
                    changed = True
                    break
            if changed:
                break
    return out


def _join(a: Piece, b: Piece) -> Piece:
    r0, c0 = min(a[5][0].start, b[5][0].start), min(a[5][1].start, b[5][1].start)
    r1, c1 = max(a[5][0].stop, b[5][0].stop), max(a[5][1].stop, b[5][1].stop)
    mine = np.zeros((r1 - r0, c1 - c0), bool)
    for p in (a, b):
        ys, xs = p[5]
        mine[ys.start - r0:ys.stop - r0, xs.start - c0:xs.stop - c0] |= p[4]
    box = (min(a[0], b[0]), min(a[1], b[1]), max(a[2], b[2]), max(a[3], b[3]))
    return (*box, mine, (slice(r0, r1), slice(c0, c1)))


def _angle(rows: NDArray[np.intp], cols: NDArray[np.intp]) -> int:
    """The direction of a text line from its ink: 0, 45, 90 or -45 degrees counter-clockwise."""
    hgt, wid = rows.max() - rows.min() + 1, cols.max() - cols.min() + 1
    if wid >= 1.6 * hgt or max(hgt, wid) < 14:
        return 0  # a line of text, or one or two glyphs (upright)
    if hgt >= 1.5 * wid:
        return 90
    if min(hgt, wid) < 12:
        return 0
    cov = np.cov(np.stack([cols.astype(np.float64), -rows.astype(np.float64)]))
    evals, evecs = np.linalg.eigh(cov)
    if evals[1] < 2.5 * max(evals[0], 1e-9):
        return 0
    vx, vy = evecs[:, 1]
    deg = math.degrees(math.atan2(vy, vx)) % 180.0
    return min((0, 45, 90, 135, 180), key=lambda a: abs(a - deg)) % 180 if deg else 0


def _centre(mine: NDArray[np.bool_], sl: tuple[slice, slice]) -> tuple[float, float]:
    """The centre of a number's ink: columns' extent, and the median top and bottom of the ink
    columns (digits share the cap height and the baseline; commas and dots do not move it)."""
    cols = np.flatnonzero(mine.any(axis=0))
    tops = np.array([np.flatnonzero(mine[:, c])[0] for c in cols], np.float64)
    bots = np.array([np.flatnonzero(mine[:, c])[-1] + 1 for c in cols], np.float64)
    x = sl[1].start + (cols.min() + cols.max() + 1) / 2.0
    y = sl[0].start + (float(np.median(tops)) + float(np.median(bots))) / 2.0
    return (float(x), y)


def split_row(rgb: Float, texts: list[Text], slots: list[float]) -> list[Text]:
    """A row of upright category labels under the plot, one text a slot: a text whose ink spans
    two or more of the slots' x positions (labels drawn so close that they run together,
    'PolandSweden') is cut into one label a slot, each read again.

    A category label is centred on its slot, so a label starting at column L (its first ink)
    ends at 2x - L. Walking from the text's left end, each label's start is the first ink after
    the label before it (the first glyph whose middle lies beyond its end); walking from the
    right end likewise. Each walk's error grows along it (a slot a pixel off, a hook under the
    next label), so each label is taken from the walk that reads it with more confidence; each
    is also read a pixel narrower at both ends (a column of the neighbour's stroke where they
    touch). Texts spanning at most one slot, texts not upright or without ink, and texts whose
    outer labels would be much narrower than the slots' spacing (one label over finer slots)
    are returned as they are.
    """
    if len(slots) < 2:
        return list(texts)
    xs = sorted(float(s) for s in slots)
    ground = ground_colour(rgb)
    out: list[Text] = []
    cut: set[int] = set()  # the labels cut from a row by the walks
    for t in texts:
        inside = [x for x in xs if t.box[0] + 2 < x < t.box[2] - 2]
        if t.angle != 0 or t.ink is None or len(inside) < 2:
            out.append(t)
            continue
        parts = _parts(t.ink)
        glyphs = _glyph_spans(parts, t.box[0])
        words = _words_on_slots(glyphs, inside, _glyph_height(t.ink)[0])
        if words:  # labels apart, a space between each two: parted at the spaces, however the slots lie
            out += [q for q in (_piece(rgb, t, a, b, ground, parts) for a, b in words) if q is not None]
            continue
        first, last = min(g[0] for g in glyphs), max(g[1] for g in glyphs)
        forward: list[tuple[int, int]] = []
        left = first
        for x in inside:
            right = min(last, int(round(2 * x - left)))
            forward.append((left, right))
            # the next label starts at the first glyph whose middle lies beyond this label's end
            # (a tail reaching under it, a 'y', stays with its label); in letters that touch, at the end
            after = [g for g in glyphs if g[2] >= right - SLOT_PX or g[3] and g[0] < right < g[1]]
            left = min((right if g[3] and g[0] < right else g[0] for g in after), default=last)
        backward: list[tuple[int, int]] = []
        right = last
        for x in reversed(inside):
            left = max(first, int(round(2 * x - right)))
            backward.append((left, right))
            before = [g for g in glyphs if g[2] < left + SLOT_PX or g[3] and g[0] < left < g[1]]
            right = max((left if g[3] and g[1] > left else g[1] for g in before), default=first)
        backward.reverse()
        # labels run together because each is about as wide as the slots' spacing or wider: when
        # the outer labels, the two cut from the text's own ends, are much narrower than that, the
        # text is one label over finer slots (a word over the bars of its group: 'Spain' cut into
        # 'S', 'pai', 'n'), kept whole
        spacing = float(np.median(np.diff(inside)))
        if min(forward[0][1] - forward[0][0], backward[-1][1] - backward[-1][0]) < MIN_PIECE * spacing:
            out.append(t)
            continue
        # each label as read in the walk that reads it better: a walk is exact at the end it
        # starts from, and its error grows along it
        for x, (f0, f1), (b0, b1) in zip(inside, forward, backward):
            spans = {(f0, f1), (f0 + 1, f1 - 1), (b0, b1), (b0 + 1, b1 - 1)}
            # labels drawn over each other: one walk runs into the next label, the other stops short
            # of its own end; the label, centred on its slot, is as wide as their mean
            half = ((f1 - f0) + (b1 - b0)) / 4.0
            if abs((f1 - f0) - (b1 - b0)) > 4:
                spans.add((int(round(x - half)), int(round(x + half))))
            read = [q for q in (_piece(rgb, t, a, b, ground, parts) for a, b in sorted(spans) if b - a >= 3)
                    if q is not None]
            if read:
                best = _most_whole(read)
                cut.add(len(out))
                out.append(replace(best, text=_without_neighbours(best.text)))
    # a label cut from a row run together that reads beginning with a small letter or a mark, in a
    # row whose labels begin with a capital or a digit, lost its first letters to its neighbour
    # drawn over them ('rma' of 'Germany' under 'France''s F, 'wedel' of 'Sweden'): its letters are
    # not in the image apart, and what is read of it is no label
    capitals = sum(_capitalised(q) for q in out)
    for k in cut:
        if out[k].readable and not _capitalised(out[k]) and capitals >= 2:
            out[k] = replace(out[k], confidence=min(out[k].confidence, CLIPPED_CONFIDENCE))
    return out


def _capitalised(t: Text) -> bool:
    """Whether a text is read beginning with a capital, or a digit not run into small letters
    ('2019', 'Q1', 'Norway'; not '4semons', 'orwa').

    >>> [_capitalised(Text(w, 0.9, (0, 0, 9, 9), 0, (0.0, 0.0), None)) for w in ("Norway", "2019", "4semons", "orwa")]
    [True, True, False, False]
    """
    return t.readable and re.match(r"[A-Z]|\d(?![a-z])", t.text) is not None


def _words_on_slots(glyphs: list[tuple[int, int, float, bool]], slots: list[float],
                    height: float) -> list[tuple[int, int]] | None:
    """The (start, end) columns of a row's labels when a space parts them: the glyphs joined across
    gaps narrower than SPACE of their height, when that gives one word a slot, each holding its
    slot near its middle (a slot a few pixels off, a bar group's middle, still lies in its word; a
    walk from it would take in the next label's first digit: '2008 2'). None otherwise (labels
    that touch; two words over two bars of a group, off their middles).

    >>> g = [(0, 5, 2.5, False), (6, 11, 8.5, False), (16, 21, 18.5, False), (22, 27, 24.5, False)]
    >>> _words_on_slots(g, [8.0, 22.0], 8.0), _words_on_slots(g, [3.0, 8.0], 8.0)
    ([(0, 11), (16, 27)], None)
    >>> _words_on_slots(g[:2], [2.0, 9.0], 8.0) is None
    True
    """
    words: list[tuple[int, int]] = []
    for a, b, _, _ in sorted(glyphs):
        if words and a - words[-1][1] < max(3.0, SPACE * height):
            words[-1] = (words[-1][0], max(words[-1][1], b))
        else:
            words.append((a, b))
    if len(words) != len(slots) or not all(abs(x - (a + b) / 2) <= (b - a) / 4 + SLOT_PX
                                           for (a, b), x in zip(words, sorted(slots))):
        return None
    return words


def _without_neighbours(text: str) -> str:
    """A label cut from a row run together, without the letters its neighbours left at its ends: a
    word does not begin with a small letter before a capital (the left neighbour's last letter,
    'yGreece'), nor end with a capital after a small letter or alone after a space (the right
    neighbour's first, 'AprM', 'Greece J'). Words of two letters or fewer are left as they are.

    >>> [_without_neighbours(t) for t in ("yGreece", "rAprM", "dSwedenN", "Greece J", "In store", "Q1", "McAdam")]
    ['Greece', 'Apr', 'Sweden', 'Greece', 'In store', 'Q1', 'McAdam']
    """
    out = text
    if re.match(r"[a-z][A-Z][a-z]", out):
        out = out[1:]
    if re.search(r"[a-z][A-Z]$", out) or re.search(r"[a-z] [A-Z]$", out):
        out = out[:-1].rstrip()
    return out if _alnum(out) >= 2 else text


def _most_whole(reads: list[Text]) -> Text:
    """The best of a label's reads from spans of different widths: the surest, unless a wider
    span reads the same letters and more ('Norway' over 'orwa': the narrower span, centred on the
    slot, cut both ends off), at least WHOLE_CONFIDENCE sure (its letters are the sure read's,
    corroborated); the surest of those. More letters at both ends, or a capital before a word read
    without its first letter ('orway' -> 'Norway'); not a letter at the end only, nor before a
    capital that begins the word, nor a capital after it: those are the neighbours' ('dSwedenN')."""
    best = max(reads, key=lambda q: q.confidence)
    while best.confidence >= MIN_CONFIDENCE and not best.text[:1].isupper() and _alnum(best.text) >= 2:
        core = best.text.casefold()
        wider = []
        for q in reads:
            t = q.text.casefold()
            at = t.find(core)
            if q.confidence < WHOLE_CONFIDENCE or at <= 0 or q.text[-1:].isupper() or t.count(" ") != core.count(" "):
                continue
            if _alnum(q.text) - _alnum(best.text) > 3:
                continue
            if at < len(t) - len(core) or (at == 1 and q.text[0].isupper()):
                wider.append(q)
        if not wider:
            break
        q = max(wider, key=lambda r: r.confidence)
        best = replace(q, confidence=max(q.confidence, MIN_CONFIDENCE))
    return best


def _piece(rgb: Float, t: Text, c0: int, c1: int, ground: Float,
           parts: tuple[NDArray[np.int32], list[tuple[slice, slice] | None]] | None = None) -> Text | None:
    """The label of text ``t`` between image columns c0 and c1, read again, or None without ink.

    A glyph reaching across c0 or c1 goes with the side holding its middle (a 'y' tail under the
    next label, a 'J' hook under the one before), unless it is wider than a letter: letters of two
    labels that touch, cut at the column."""
    assert t.ink is not None
    h, w = rgb.shape[:2]
    labels, objs = parts if parts is not None else _parts(t.ink)
    widths = [sl[1].stop - sl[1].start for sl in objs if sl is not None]
    wide = 1.6 * float(np.median(widths)) if widths else 0.0
    a, b = c0 - t.box[0], c1 - t.box[0]
    keep = np.zeros(t.ink.shape, bool)
    for k, sl in enumerate(objs, start=1):
        if sl is None or sl[1].stop <= a or sl[1].start >= b:
            continue
        mine = labels[sl] == k
        if a <= sl[1].start and sl[1].stop <= b:
            keep[sl] |= mine
        elif sl[1].stop - sl[1].start > wide:
            cols = np.arange(sl[1].start, sl[1].stop)
            keep[sl] |= mine & ((cols >= a) & (cols < b))[None, :]
        else:
            cx = float(np.nonzero(mine)[1].mean()) + sl[1].start
            if a <= cx < b:
                keep[sl] |= mine
    rows, cols = np.nonzero(keep)
    if rows.size < 4:
        return None
    x0, x1 = t.box[0] + int(cols.min()), t.box[0] + int(cols.max()) + 1
    y0, y1 = t.box[1] + int(rows.min()), t.box[1] + int(rows.max()) + 1
    box = (max(0, x0 - 2), max(0, y0 - 2), min(w, x1 + 2), min(h, y1 + 2))
    mask = np.zeros(rgb.shape[:2], bool)
    mask[t.box[1] + rows, t.box[0] + cols] = True
    text, conf = _read(_clean_crop(rgb, mask, box, ground), rotate=0)
    return Text(text, conf, box, 0, ((x0 + x1) / 2.0, (y0 + y1) / 2.0), None, mask[box[1]:box[3], box[0]:box[2]])


def _glyph_spans(parts: tuple[NDArray[np.int32], list[tuple[slice, slice] | None]],
                 x0: int) -> list[tuple[int, int, float, bool]]:
    """Each glyph's image columns (start, end), middle and whether it is wider than a letter (two
    letters that touch)."""
    labels, objs = parts
    widths = [sl[1].stop - sl[1].start for sl in objs if sl is not None]
    wide = 1.6 * float(np.median(widths)) if widths else 0.0
    out = []
    for k, sl in enumerate(objs, start=1):
        if sl is None:
            continue
        cx = float(np.nonzero(labels[sl] == k)[1].mean()) + sl[1].start + x0
        out.append((x0 + sl[1].start, x0 + sl[1].stop, cx, sl[1].stop - sl[1].start > wide))
    return out


def _parts(ink: NDArray[np.bool_]) -> tuple[NDArray[np.int32], list[tuple[slice, slice] | None]]:
    """The connected parts of a text's ink (8-connected), labelled, and their slices."""
    labels, _ = ndimage.label(ink, structure=np.ones((3, 3)))
    return labels, list(ndimage.find_objects(labels))


def runs_of(mask: NDArray[np.bool_]) -> list[tuple[int, int]]:
    """(start, end) of each run of True in ``mask``.

    >>> runs_of(np.array([0, 1, 1, 0, 1], bool))
    [(1, 3), (4, 5)]
    """
    edges = np.flatnonzero(np.diff(np.concatenate([[0], mask.astype(np.int8), [0]])))
    return [(int(a), int(b)) for a, b in zip(edges[::2], edges[1::2])]
