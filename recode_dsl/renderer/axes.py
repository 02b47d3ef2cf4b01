"""Chart axes: data-to-pixel scales, automatic ranges, tick positions and tick labels.

The defaults follow matplotlib's, so that a chart drawn without layout looks like the one a reader
expects: ranges are the data limits plus 5% margins that never cross a "sticky" edge (the base of
a bar), ticks come from matplotlib's ``MaxNLocator`` steps (1, 2, 2.5, 5, 10) and labels share one
number of decimals, as ``ScalarFormatter`` prints them.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

MARGIN = 0.05
STEPS = (1.0, 2.0, 2.5, 5.0, 10.0)
MINUS = "\u2212"  # matplotlib prints a true minus sign
SUPERSCRIPT = str.maketrans("0123456789-", "\u2070\u00b9\u00b2\u00b3\u2074\u2075\u2076\u2077\u2078\u2079\u207b")


@dataclass(frozen=True, slots=True)
class Scale:
    """Maps data on [lo, hi] to pixels on [p0, p1]; a y scale has p1 < p0 (pixels grow downwards).

    >>> Scale(0, 10, 100, 200)(2.5)
    125.0
    >>> Scale(1, 100, 0, 200, log=True)(10)
    100.0
    """

    lo: float
    hi: float
    p0: float
    p1: float
    log: bool = False

    def __call__(self, v: float) -> float:
        if self.log:
            if v <= 0:  # a bar base on a log axis: far beyond the low end, clipped by the plot box
                return self.p0 - 10 * (self.p1 - self.p0)
            t = (math.log10(v) - math.log10(self.lo)) / (math.log10(self.hi) - math.log10(self.lo))
        else:
            t = (v - self.lo) / (self.hi - self.lo)
        return self.p0 + t * (self.p1 - self.p0)

    def inverse(self, p: float) -> float:
        """The data value at pixel ``p``."""
        t = (p - self.p0) / (self.p1 - self.p0)
        if self.log:
            return float(10 ** (math.log10(self.lo) + t * (math.log10(self.hi) - math.log10(self.lo))))
        return self.lo + t * (self.hi - self.lo)

    def contains(self, v: float, slack: float = 1e-9) -> bool:
        a, b = min(self.lo, self.hi), max(self.lo, self.hi)
        span = (b - a) * slack
        return a - span <= v <= b + span


@dataclass(frozen=True, slots=True)
class Ticks:
    """Tick positions in data units with their labels; ``minor`` unlabelled; ``offset`` like "1e6"."""

    values: tuple[float, ...]
    labels: tuple[str, ...]
    minor: tuple[float, ...] = ()
    offset: str = ""


def nonsingular(lo: float, hi: float, expander: float = 0.05) -> tuple[float, float]:
    """Widen an empty range as matplotlib does.

    >>> nonsingular(3, 3)
    (2.85, 3.15)
    """
    if hi - lo <= max(abs(lo), abs(hi)) * 1e-15:
        if lo == 0 and hi == 0:
            return -expander, expander
        return lo - expander * abs(lo), hi + expander * abs(hi)
    return lo, hi


def auto_range(dmin: float, dmax: float, sticky: Sequence[float] = (), log: bool = False,
               margin: float = MARGIN) -> tuple[float, float]:
    """The view range of data in [dmin, dmax]: 5% margins that stop at the nearest sticky edges.

    >>> auto_range(0, 21.25, sticky=(0,))
    (0.0, 22.3125)
    >>> auto_range(-0.3, 3.3)
    (-0.48, 3.48)
    """
    if log:
        lo, hi = math.log10(dmin), math.log10(dmax)
        lo, hi = nonsingular(lo, hi) if hi > lo else (lo - 1, hi + 1)
        d = (hi - lo) * margin
        return float(10 ** (lo - d)), float(10 ** (hi + d))
    lo, hi = nonsingular(float(dmin), float(dmax))
    tol = 1e-5 * abs(hi - lo)
    below = [s for s in sticky if s < lo + tol]
    above = [s for s in sticky if s > hi - tol]
    d = (hi - lo) * margin
    lo, hi = lo - d, hi + d
    if below:
        lo = max(lo, max(below))
    if above:
        hi = min(hi, min(above))
    return _clean(lo), _clean(hi)


def _clean(v: float) -> float:
    """Drop float noise such as 3.4800000000000004."""
    return float(f"{v:.12g}")


def tick_space(length_px: float, font_px: float, vertical: bool) -> int:
    """How many tick intervals fit: matplotlib allows 3 font sizes per x label, 2 per y label, at most 9."""
    size = font_px * (2 if vertical else 3)
    return max(1, min(9, int(length_px // size))) if size > 0 else 9


def nice_ticks(lo: float, hi: float, nbins: int) -> tuple[float, ...]:
    """Evenly spaced round ticks inside [lo, hi], at most ``nbins`` + 1 (matplotlib's ``MaxNLocator``).

    >>> nice_ticks(0, 22.3125, 9)
    (0.0, 2.5, 5.0, 7.5, 10.0, 12.5, 15.0, 17.5, 20.0)
    """
    a, b = min(lo, hi), max(lo, hi)
    a, b = nonsingular(a, b, 1e-13)
    dv = b - a
    mean = (a + b) / 2
    offset = 0.0 if abs(mean) / dv < 100 else math.copysign(10 ** (math.log10(abs(mean)) // 1), mean)
    scale = 10 ** (math.log10(dv / nbins) // 1)
    steps = [s * scale for s in (0.1, 0.2, 0.25, 0.5) + STEPS + (20.0,)]
    va, vb = a - offset, b - offset
    raw = (vb - va) / nbins
    istep = next((i for i, s in enumerate(steps) if s >= raw), len(steps) - 1)
    ticks: list[float] = []
    for step in reversed(steps[:istep + 1]):
        base = (va // step) * step
        low = _edge_le((va - base) / step)
        high = _edge_ge((vb - base) / step)
        ticks = [n * step + base for n in range(int(low), int(high) + 1)]
        if sum(1 for t in ticks if va <= t <= vb) >= 2:
            break
    tol = (b - a) * 1e-10
    return tuple(_round_tick(t + offset, scale) for t in ticks if a - tol <= t + offset <= b + tol)


def _edge_le(x: float) -> float:
    d, m = divmod(x, 1.0)
    return d + 1 if abs(m - 1) < 1e-10 else d


def _edge_ge(x: float) -> float:
    d, m = divmod(x, 1.0)
    return d if abs(m) < 1e-10 else d + 1


def _round_tick(t: float, scale: float) -> float:
    digits = max(0, 12 - int(math.floor(math.log10(scale))))
    v = round(t, min(digits, 15))
    return 0.0 if v == 0 else v


def log_ticks(lo: float, hi: float, nbins: int = 9) -> Ticks:
    """Decades inside [lo, hi] labelled 10ⁿ, with unlabelled minor ticks at 2..9 times a decade.

    >>> log_ticks(0.7, 700).labels
    ('10⁰', '10¹', '10²')
    """
    first, last = math.ceil(math.log10(lo) - 1e-9), math.floor(math.log10(hi) + 1e-9)
    stride = max(1, math.ceil((last - first + 1) / (nbins + 1)))
    decades = [k for k in range(first, last + 1) if (k - first) % stride == 0]
    minor = tuple(m * 10.0 ** k for k in range(first - 1, last + 1) for m in range(2, 10)
                  if lo <= m * 10.0 ** k <= hi) if stride == 1 else ()
    if len(decades) >= 2:
        return Ticks(tuple(10.0 ** k for k in decades), tuple(_power(k) for k in decades), minor)
    values = tuple(sorted({*(10.0 ** k for k in decades), *minor}))  # less than two decades: label them all
    return Ticks(values, format_ticks(values, log=True).labels)


def _power(k: int) -> str:
    return "10" + str(k).translate(SUPERSCRIPT)


def format_ticks(values: Sequence[float], log: bool = False) -> Ticks:
    """Labels with one shared number of decimals (matplotlib's ``ScalarFormatter``), and "1eN" for big numbers.

    >>> format_ticks([0, 2.5, 5]).labels
    ('0.0', '2.5', '5.0')
    >>> format_ticks([0, 2e6, 4e6]).labels, format_ticks([0, 2e6, 4e6]).offset
    (('0', '2', '4'), '1e6')
    """
    vals = list(values)
    if not vals:
        return Ticks((), ())
    biggest = max(abs(v) for v in vals)
    oom = 0
    if biggest > 0 and not log:
        k = math.floor(math.log10(biggest))
        oom = k if (k >= 6 or k <= -5) else 0
    scaled = [v / 10 ** oom for v in vals]
    decimals = 0 if log and all(abs(v - round(v)) < 1e-9 for v in scaled) else _decimals(scaled)
    labels = tuple(_fmt(v, decimals) for v in scaled)
    return Ticks(tuple(vals), labels, (), f"1e{oom}" if oom else "")


def _decimals(locs: Sequence[float]) -> int:
    spread = max(locs) - min(locs)
    if spread == 0:
        spread = max(abs(v) for v in locs) or 1.0
    oom = math.floor(math.log10(spread))
    sigfigs = max(0, 3 - oom)
    thresh = 1e-3 * 10 ** oom
    while sigfigs >= 0 and max(abs(v - round(v, sigfigs)) for v in locs) < thresh:
        sigfigs -= 1
    return sigfigs + 1


def _fmt(v: float, decimals: int) -> str:
    text = f"{v:.{decimals}f}"
    if float(text) == 0:
        text = text.lstrip("-")
    return text.replace("-", MINUS)


def format_value(v: float, decimals: int | None = None) -> str:
    """A value label: ``decimals`` places when given, else the shortest exact-looking form.

    >>> format_value(15.5), format_value(12.0), format_value(-3, 1), format_value(1/3)
    ('15.5', '12', '−3.0', '0.333333')
    """
    if decimals is not None:
        return _fmt(v, decimals)
    text = f"{v:.6f}".rstrip("0").rstrip(".")
    if text in ("-0", ""):
        text = "0"
    return text.replace("-", MINUS)
