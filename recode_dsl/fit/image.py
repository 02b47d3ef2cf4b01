"""Pixel measurements for chart fitting: colours, mark coverage, the frame and the plot box.

Everything here reads a target image (float RGB in [0, 1], HxWx3, composited on white) and
returns floats in image pixels, where pixel (row r, column c) covers [c, c+1] x [r, r+1].
``Frame`` maps data values to pixels with the conventions of the chart benchmark (and of
matplotlib): the plot box in pixels, origin top-left; value axis up (or right for horizontal
bars); category i at i on the category axis.
"""

from __future__ import annotations

import math
from collections import OrderedDict
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar, cast

import numpy as np
from numpy.typing import NDArray

from recode_dsl import colours

Float = NDArray[np.float64]
RGB = tuple[float, float, float]
T = TypeVar("T")
Box = tuple[float, float, float, float]

# Agg (matplotlib) snaps a thin line or a marker at x to the pixel centre round(x) + 0.5
LINE_SNAP_PX = 0.5
# a thin mark's pixel further than this along its colour's direction from the background is
# another, darker mark's (a line or point is never drawn over itself darker)
STROKE_BEYOND = 1.25


def colour_of(hex_colour: str | None, index: int) -> RGB:
    """A series colour, or the default cycle's colour for series ``index`` (as the renderer does)."""
    text = colours.normalise(hex_colour) if hex_colour else None
    cycle = colours.DEFAULT_CYCLE
    return colours.rgb(text or cycle[index % len(cycle)])


def dominant(pixels: Float) -> RGB:
    """The most frequent colour (quantised to 1/64) among Nx3 pixels, refined by a local mean."""
    flat = pixels.reshape(-1, 3)
    if flat.size == 0:
        return (1.0, 1.0, 1.0)
    q = np.round(flat * 64).astype(np.int64)
    keys = q[:, 0] * 65 * 65 + q[:, 1] * 65 + q[:, 2]
    vals, counts = np.unique(keys, return_counts=True)
    mode = vals[np.argmax(counts)]
    alike = flat[keys == mode]
    if (alike == alike[0]).all():  # one colour: itself, not a mean off by the sum's rounding (which
        # would differ with the pixels' count: a ground sampled in another ring would seem another)
        return (float(alike[0, 0]), float(alike[0, 1]), float(alike[0, 2]))
    mean = alike.mean(axis=0)
    return (float(mean[0]), float(mean[1]), float(mean[2]))


def coverage(pixels: Float, fg: RGB, bg: RGB, beyond: float = math.inf) -> Float:
    """How much of each pixel is ``fg`` over ``bg`` (0..1); pixels of a third colour count 0, and
    so do pixels further from ``bg`` along the same direction than ``beyond`` times ``fg`` (a
    darker line of the same hue, or black under grey: no mix of ``fg`` and ``bg`` gives them).

    >>> coverage(np.array([[1.0, 0, 0], [0.5, 0.5, 0.5], [0, 0, 1]]), (1, 0, 0), (0, 0, 1)).round(2).tolist()
    [1.0, 0.0, 0.0]

    Black is all of a grey line over white, unless a pixel may go only so far past the grey:

    >>> grey, white = (0.5, 0.5, 0.5), (1.0, 1.0, 1.0)
    >>> coverage(np.array([[0.0, 0, 0], [0.5, 0.5, 0.5], [0.75, 0.75, 0.75]]), grey, white, 1.25).tolist()
    [0.0, 1.0, 0.5]
    """
    d0, d1, d2 = (float(fg[k]) - float(bg[k]) for k in range(3))
    norm2 = d0 * d0 + d1 * d1 + d2 * d2
    if norm2 < 1e-6:
        return np.zeros(pixels.shape[:-1])
    # channel by channel, in place: a few passes over HxW planes (a matmul or einsum over the
    # HxWx3 pixels costs several times more; this runs over whole images, once a colour)
    shape = pixels.shape[:-1]
    px = np.asarray(pixels, np.float64).reshape(-1, 3) if pixels.ndim == 1 else np.asarray(pixels, np.float64)
    r, g, b = px[..., 0] - float(bg[0]), px[..., 1] - float(bg[1]), px[..., 2] - float(bg[2])
    t = r * (d0 / norm2)  # how far along the bg-fg line
    t += g * (d1 / norm2)
    t += b * (d2 / norm2)
    # the distance from the fg-bg line, squared: what of rel is not along d (Pythagoras)
    r *= r
    g *= g
    b *= b
    r += g
    r += b
    r -= t * t * norm2
    off = r > max(0.06, 0.2 * math.sqrt(norm2)) ** 2
    if beyond != math.inf:
        off |= t > beyond
    np.clip(t, 0.0, 1.0, out=t)
    t[off] = 0.0
    return t.reshape(shape)


def dist2(pixels: Float, colour: RGB) -> Float:
    """Each pixel's squared RGB distance from ``colour``, channel by channel (an einsum or a norm
    over the HxWx3 pixels costs more).

    >>> dist2(np.array([[0.0, 0, 0], [1.0, 1, 1]]), (1.0, 1.0, 1.0)).tolist()
    [3.0, 0.0]
    """
    px = np.asarray(pixels, np.float64)
    r, g, b = px[..., 0] - float(colour[0]), px[..., 1] - float(colour[1]), px[..., 2] - float(colour[2])
    # squared and summed in place: the same floats, three arrays fewer (it runs per bar and line)
    r *= r
    g *= g
    r += g
    b *= b
    r += b
    return np.asarray(r, np.float64)


def median(values: Sequence[float] | NDArray[Any]) -> float:
    """``float(np.median(values))`` of a few numbers (the same float: the middle one, or the two
    middle ones' sum halved), without numpy's general median, whose overhead is most of its cost
    on the few ends, widths or gaps read per bar and line of every candidate. NaN among them: NaN.

    >>> [median(v) == float(np.median(v)) for v in ([3.0, 1.5, 2.0], [4, 1, 3, 2], np.array([0.1, 0.7]))]
    [True, True, True]
    """
    s = sorted(float(v) for v in (values.ravel() if isinstance(values, np.ndarray) else values))
    n = len(s)
    if n == 0 or any(v != v for v in s):
        return math.nan
    m = n // 2
    return s[m] if n % 2 else (s[m - 1] + s[m]) / 2


_MEMO: OrderedDict[tuple[int, Hashable], tuple[Float, Any]] = OrderedDict()
MEMO_SIZE = 48  # results kept (a critic measures several candidates in one image)


def memo(img: Float, key: Hashable, make: Callable[[], T]) -> T:
    """``make()``, kept for the next caller that asks ``key`` of the same image (the same array
    object, not modified in between): what depends on the image alone is worked out once for
    all the candidates measured in it."""
    k = (id(img), key)
    got = _MEMO.get(k)
    if got is not None and got[0] is img:
        _MEMO.move_to_end(k)
        return cast(T, got[1])
    out = make()
    _MEMO[k] = (img, out)  # the image is held, so its id is not reused while it is here
    while len(_MEMO) > MEMO_SIZE:
        _MEMO.popitem(last=False)
    return out


def kept(img: Float, table: str, key: Hashable, make: Callable[[], T], cap: int | None = None) -> T:
    """``make()``, kept under ``key`` in the image's table ``table`` (one ``memo`` entry a table, not
    one a key: many keys would push the image's covers out of the memo), for later candidates that
    ask the same of the same image; the table is emptied once it holds ``cap`` keys.

    >>> img, calls = np.zeros((2, 2, 3)), []
    >>> [kept(img, "doc", k, lambda: calls.append(k) or k * 2) for k in (1, 1, 2)], calls
    ([2, 2, 4], [1, 2])
    """
    values: dict[Hashable, T] = memo(img, (table,), dict)
    if cap is not None and len(values) >= cap:
        values.clear()
    if key not in values:
        values[key] = make()
    return values[key]


def cover(img: Float, fg: RGB, bg: RGB, beyond: float = math.inf) -> Float:
    """``coverage`` of the whole image, worked out once an image and colours (``memo``); slice
    it like the image."""
    key = ("cover", tuple(float(v) for v in fg), tuple(float(v) for v in bg), beyond)
    return memo(img, key, lambda: coverage(img, fg, bg, beyond))


INK: RGB = (0.0, 0.0, 0.0)  # text, legend frames and ticks: black, anti-aliased over the ground
MIX_ROUNDING = 0.06  # RGB distance from a mix of two colours that 8-bit rounding alone gives


def _inky(px: Float, fg: RGB, bg: RGB) -> NDArray[np.bool_]:
    """Which of the Nx3 pixels are more than MIX_ROUNDING off the mixes of ``fg`` and ``bg``,
    and nearer the mixes of INK and ``bg`` (both distances from a line of mixes, compared squared,
    channel by channel: over the whole cover of a colour, Nx3 matmuls and sums cost several times
    more; tests/fit/test_image_fast.py checks it against the plain computation).
    Where the two lines of mixes are one (a grey colour on a neutral ground) no pixel is nearer.

    >>> _inky(np.array([[0.5, 0.75, 0.5], [0.44, 0.44, 0.44]]), (0, 0.5, 0), (1, 1, 1)).tolist()
    [False, True]
    """
    r, g, b = px[:, 0] - float(bg[0]), px[:, 1] - float(bg[1]), px[:, 2] - float(bg[2])
    rel2 = r * r
    rel2 += g * g
    rel2 += b * b

    def off2(colour: RGB) -> Float:  # the squared distance from the mixes of colour and bg
        d0, d1, d2 = (float(colour[k]) - float(bg[k]) for k in range(3))
        norm2 = d0 * d0 + d1 * d1 + d2 * d2
        if norm2 < 1e-12:
            return rel2
        t = r * (d0 / norm2)
        t += g * (d1 / norm2)
        t += b * (d2 / norm2)
        t *= t
        t *= -norm2
        t += rel2
        return t

    own = off2(fg)
    # (a grey over white or grey ground: the two lines of mixes are one, and the pixel is kept)
    return np.asarray((own > MIX_ROUNDING * MIX_ROUNDING) & (off2(INK) < own - 1e-9), np.bool_)


def line_cover(img: Float, fg: RGB, bg: RGB) -> Float:
    """``cover`` of a thin line of ``fg`` (STROKE_BEYOND), without the pixels that are a mix of
    the ground and black ink rather than of the ground and ``fg``: the grey anti-aliased edges of
    text and frames (a legend's label over a dark green line's path) pass ``coverage``'s
    tolerance for a dark colour, but are nearer the ink's mixes than the colour's. A pixel within
    8-bit rounding of the colour's mixes is kept, so a grey line keeps all of its own.

    >>> img, green, grey, white = np.array([[[0.5, 0.75, 0.5], [0.44, 0.44, 0.44]]]), (0, 0.5, 0), (0.3,) * 3, (1,) * 3
    >>> cover(img, green, white, STROKE_BEYOND).round(2).tolist(), line_cover(img, green, white).round(2).tolist()
    ([[0.5, 0.62]], [[0.5, 0.0]])
    >>> line_cover(img, grey, white).round(2).tolist() == cover(img, grey, white, STROKE_BEYOND).round(2).tolist()
    True
    """
    def make() -> Float:
        cov = cover(img, fg, bg, STROKE_BEYOND)
        on = cov > 0
        if not on.any():
            return cov
        out: Float = np.array(cov, np.float64)
        out[on] = np.where(_inky(np.asarray(img, np.float64)[on], fg, bg), 0.0, cov[on])
        return out

    key = ("line cover", tuple(float(v) for v in fg), tuple(float(v) for v in bg))
    return memo(img, key, make)


def run_end(alpha: Float, start: int = 0, gap: int = 0) -> float:
    """Where a mark that covers ``alpha[start]`` ends, in profile units (index i covers [i, i+1]).

    The run of cells above one half from ``start`` (bridging up to ``gap`` cells of something
    drawn over the mark, such as a gridline), plus the partial cover at its end.

    >>> run_end(np.array([1, 1, 1, 0.3, 0])), run_end(np.array([1, 0, 1, 0.5, 0]), gap=1)
    (3.3, 3.5)
    """
    n = len(alpha)
    if start >= n or alpha[start] <= 0.5:
        return float(start) + (float(alpha[start]) if start < n else 0.0)
    above = np.asarray(alpha[start:]) > 0.5
    k = 0  # the run's last cell so far, from start: walked gap by gap (a bar's profile runs on
    # past its end to the image's side, and is read per line of every bar)
    while True:
        rest = above[k:]
        f = int(rest.argmin())  # the first cell not above one half
        if rest[f]:
            k = len(above) - 1
            break
        f += k
        bridge = above[f:f + gap + 1]
        j = int(bridge.argmax()) if gap else 0
        if not gap or not bridge[j]:
            k = f - 1
            break
        k = f + j
    k += start
    after = float(alpha[k + 1]) if k + 1 < n else 0.0
    return round(k + float(alpha[k]) + after, 6)


# -- the frame ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Scale:
    """A linear (or log10) map from data values to pixel positions along one axis."""

    lo: float
    hi: float
    p_lo: float  # pixel of ``lo``
    p_hi: float  # pixel of ``hi``
    log: bool = False

    def _t(self, v: float) -> float:
        return v if not self.log else math.log10(max(v, 1e-300))

    def to_px(self, v: float) -> float:
        a, b = self._t(self.lo), self._t(self.hi)
        return self.p_lo + (self._t(v) - a) / (b - a) * (self.p_hi - self.p_lo)

    def to_value(self, p: float) -> float:
        a, b = self._t(self.lo), self._t(self.hi)
        t = a + (p - self.p_lo) / (self.p_hi - self.p_lo) * (b - a)
        return 10**t if self.log else t

    def px_per_unit(self) -> float:
        """Pixels per data unit near the low end (for rounding to what the pixels justify)."""
        return abs(self.to_px(self.lo + (self.hi - self.lo) * 1e-3) - self.p_lo) / ((self.hi - self.lo) * 1e-3)


@dataclass(frozen=True, slots=True)
class Frame:
    """The plot box in image pixels with the value and category (or x) scales on it."""

    box: Box
    horizontal: bool  # values run along x (horizontal bars)
    value: Scale
    other: Scale  # category axis, or x for scatter


def make_frame(box: Box, horizontal: bool, vrange: tuple[float, float, bool],
               orange: tuple[float, float, bool]) -> Frame:
    """A frame from a box and (lo, hi, log) ranges: values up (or right), categories/x right (or up)."""
    x0, y0, x1, y1 = box
    if horizontal:
        value = Scale(vrange[0], vrange[1], x0, x1, vrange[2])
        other = Scale(orange[0], orange[1], y1, y0, orange[2])
    else:
        value = Scale(vrange[0], vrange[1], y1, y0, vrange[2])
        other = Scale(orange[0], orange[1], x0, x1, orange[2])
    return Frame(box, horizontal, value, other)
