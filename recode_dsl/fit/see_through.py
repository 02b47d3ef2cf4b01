"""A bar's end under a translucent cover: where the bar runs on beneath a legend drawn with alpha.

    bar end as read ──▶ past the cover's border, a run of one tint ──▶ the tint gives way to the
                        (the cover's face over the bar)                 cover's face over what lies
                                                                        past the bar ──▶ the true end

matplotlib draws a legend's face at alpha 0.8 (legend.framealpha) over the plot: a pixel under
it is ``a * face + (1 - a) * under``. Where the legend covers a bar's end the bar goes on showing
through as one tint until it ends; past it the face lies over the ground (or the next segment).
The two tints differ by ``(1 - a) * (fill - ground)``: a step along the line from the fill to the
ground, which nothing else past a bar's end makes (a gridline is one pixel, a label's glyphs
are dark, the ground is the ground), and whose place, with its mixed pixel where the end is not
snapped, is the bar's end. An opaque legend shows nothing through: no end is given.
"""

from __future__ import annotations

import math

import numpy as np
from numpy.typing import NDArray

Float = NDArray[np.float64]
RGB = tuple[float, float, float]

BORDER_PX = 3  # the cover's border line, where it crosses the bar's end, is this many pixels at most
RUN_SAME = 0.02  # RGB distance within which two pixels are one tint (a run of the cover's face)
STEP_OFF = 0.04  # the step between the two tints lies this close (RGB) to the fill-to-ground line
STEP_SHARE = (0.05, 0.95)  # and is this share of the fill-to-ground difference (1 - the cover's alpha)
MIN_TINT = 0.1  # the tint over the bar lies this far (RGB) from the fill
MIN_FACE_STEP = 0.05  # and this far from what lies past the bar (the face's step over a fill near the
# ground's colour is (1 - alpha) of their difference: 0.09 for a lilac on ggplot's grey)
GLYPH_PX = 12  # the cover's text and handles interrupt the tint for this many pixels at most
HIDDEN_PX = 3  # a run of other pixels longer than this between the tint and the face over the ground
# is something drawn on the face (a handle, a glyph) hiding the end: it lies somewhere under it
AGREE_PX = 0.5  # a line whose end is hidden agrees with the others' end when it lies this close to its run


def seen_through(img: Float, horizontal: bool, lines: list[int], end: float, fill: RGB, beyond: RGB,
                 down: bool = False) -> float | None:
    """Where the bar of colour ``fill`` ends under a translucent cover past its end as read
    (``end``, a pixel boundary along the value axis), the median over the bar's ``lines``
    (columns, or rows for a horizontal bar) where the tint ends in the face over the ground (or
    through one mixed pixel, or an edge line); None unless such lines, and those where something
    drawn on the face (a handle, a glyph) hides where it ends within that thing's run, make more
    than half the lines. ``beyond``: what lies past the bar (the ground, or the next segment's
    colour). ``down``: the bar runs towards lower values.

    A bar of fill 0.2 on a ground of 0.9 ends at pixel 6; a legend (face 0.9, alpha 0.8) covers
    pixels 2 to 9, its border on pixel 2:

    >>> col = np.array([0.2, 0.2, 0.5, 0.76, 0.76, 0.76, 0.9, 0.9, 0.9, 0.5, 0.9, 0.9])
    >>> img = np.repeat(col[:, None, None], 3, axis=2).repeat(4, axis=1)
    >>> seen_through(img[::-1], False, [1, 2], 10.0, (0.2, 0.2, 0.2), (0.9, 0.9, 0.9))
    6.0
    """
    h, w = img.shape[:2]
    size = w if horizontal else h
    inc = horizontal != down  # outward is towards higher pixel indices
    first = int(math.floor(end)) if inc else int(math.ceil(end)) - 1  # the first pixel past the end
    if not 0 <= first < size:
        return None
    u = np.asarray(fill, float) - np.asarray(beyond, float)
    if float(u @ u) < MIN_TINT**2:
        return None
    ends: list[float] = []
    hidden: list[tuple[float, float]] = []  # (nearest, furthest) pixel boundary the end may lie at
    for ln in lines:
        if not 0 <= ln < (h if horizontal else w):
            continue
        strip = img[ln, :, :3] if horizontal else img[:, ln, :3]
        prof = np.asarray(strip[first:] if inc else strip[first::-1], float)
        got = _tint_end(prof, u, fill)
        if got is None:
            continue
        lo, hi = (first + got[0], first + got[1]) if inc else (first + 1 - got[1], first + 1 - got[0])
        if got[0] == got[1]:
            ends.append(lo)
        else:
            hidden.append((lo, hi))
    if not ends:
        return None
    end = float(np.median(ends))
    agree = len(ends) + sum(lo - AGREE_PX <= end <= hi + AGREE_PX for lo, hi in hidden)
    if 2 * agree <= len(lines):
        return None
    return end


def _tint_end(prof: Float, u: Float, fill: RGB) -> tuple[float, float] | None:
    """Along ``prof`` (outward from a bar's end): the border's few pixels, a run of one tint
    (the face over the bar), then a run of a tint one step ``u`` (fill minus what lies past the
    bar) times 1 - alpha away; where the first run ends, in pixels from the profile's start
    (with the share of the mixed pixel between them), twice. When more than HIDDEN_PX other
    pixels lie between the two runs (a handle or a glyph drawn on the face across the end), the
    end lies somewhere among them: where the tint is last seen and where the face starts."""
    n = len(prof)
    # which pixels are one tint with the next, for the whole profile at once (not pixel by pixel)
    steady = (_dist(prof[:-1], prof[1:]) < RUN_SAME).tolist()
    k = next((i for i in range(min(BORDER_PX + 1, n - 1)) if steady[i]), None)
    if k is None:
        return None
    tint = prof[k]
    past = np.asarray(fill) - u  # what lies past the bar
    if float(np.linalg.norm(tint - np.asarray(fill))) < MIN_TINT or float(np.linalg.norm(tint - past)) < MIN_FACE_STEP:
        return None  # the bar's own colour, or the ground: nothing covers the bar here
    of_tint = (_dist(prof, tint) < RUN_SAME).tolist()
    last = k + 1
    for j in range(k + 2, n - 1):
        if of_tint[j]:
            last = j
            continue
        if j - last > GLYPH_PX:
            return None
        if not steady[j]:
            continue  # a glyph of the cover's text, or the mixed pixel at the end
        if not _one_step(tint - prof[j], u):
            # something drawn on the face in a colour of its own (a handle's patch, a glyph's
            # stem): the tint must come back within GLYPH_PX, or there is no end here
            continue
        mixed = prof[last + 1:j]
        if len(mixed) > HIDDEN_PX:
            return float(last + 1), float(j)
        d = tint - prof[j]
        share = float(np.clip((mixed[0] - prof[j]) @ d / float(d @ d), 0.0, 1.0)) if len(mixed) == 1 else 0.0
        return last + 1 + share, last + 1 + share
    return None


def _dist(a: Float, b: Float) -> Float:
    """The RGB distance of each of the N x 3 pixels ``a`` from ``b`` (N x 3, or one colour), as
    ``np.linalg.norm`` of their difference gives it (the same floats), channel by channel.

    >>> a = np.random.default_rng(3).random((50, 3))
    >>> bool((_dist(a[:-1], a[1:]) == [np.linalg.norm(p - q) for p, q in zip(a[:-1], a[1:])]).all())
    True
    """
    d = np.asarray(a, np.float64) - b
    r, g, bl = d[..., 0], d[..., 1], d[..., 2]
    out = r * r
    out += g * g
    out += bl * bl
    return np.asarray(np.sqrt(out), np.float64)


def _one_step(d: Float, u: Float) -> bool:
    """Whether ``d`` is a share within STEP_SHARE of ``u`` (to STEP_OFF)."""
    t = float(d @ u) / float(u @ u)
    return STEP_SHARE[0] <= t <= STEP_SHARE[1] and float(np.linalg.norm(d - t * u)) <= STEP_OFF
