"""Axes read from tick labels: which numbers label an axis, and the pixel-to-value map.

The numeric labels of a value axis line up (right edges for a vertical axis, centres on one
row for a horizontal one) and their values are a linear (or log10) function of their
positions. Positions come from the tick marks or gridlines next to each label when there are
some (to a fraction of a pixel), else from the label's ink centre. Misread labels are
dropped as outliers of the fit.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, replace

import numpy as np
from numpy.typing import NDArray

from recode_dsl.perception.text import Text

Float = NDArray[np.float64]

ALIGN_PX = 3.0  # labels of one axis share their right edge (vertical) or their row (horizontal)
FIT_PX = 1.5  # a label further than this from the fitted line is misread
SNAP_PX = 2.5  # a tick mark or gridline this close to a label's centre is its tick
TICK_PX = 10  # tick marks lie within this many pixels of their labels
STRIP_PX = 30  # the band from the labels into the plot where tick marks and gridlines are looked for
# Renderers draw a thin line at x on the pixel centre round(x) + 0.5 (to keep it crisp) and
# fill areas to the pixel boundary round(x): a tick's centre is half a pixel past its value.
LINE_SNAP_PX = 0.5


@dataclass(frozen=True, slots=True)
class Axis:
    """A value axis: ``value = a + b * pixel`` (of log10(value) when ``log``).

    ``vertical`` for a y axis (pixels are rows); ``ticks`` the (pixel, value) pairs it was
    fitted to; ``labels`` the texts used; ``residual`` the worst fit error in pixels.
    """

    vertical: bool
    a: float
    b: float
    log: bool
    ticks: tuple[tuple[float, float], ...]
    labels: tuple[Text, ...]
    residual: float

    def value(self, pixel: float) -> float:
        v = self.a + self.b * pixel
        return 10.0 ** v if self.log else v

    def pixel(self, value: float) -> float:
        v = math.log10(value) if self.log else value
        return (v - self.a) / self.b

    @property
    def step(self) -> float:
        """The tick step in data units (linear axes), or the ratio (log)."""
        vals = sorted(v for _, v in self.ticks)
        diffs = [b - a for a, b in zip(vals, vals[1:]) if b > a]
        return min(diffs) if diffs else 1.0

    @property
    def per_pixel(self) -> float:
        return abs(self.b)


INSIDE_PX = 5  # labels this far inside the plot box on every side are in the plot, not on an axis


def find_axis(texts: list[Text], rgb: Float, vertical: bool,
              plot_box: tuple[float, float, float, float] | None = None) -> Axis | None:
    """The best-fitting numeric axis among the labels (None when fewer than two agree). With
    ``plot_box``, labels lying inside it (a legend that lists years, values printed on bars)
    are not on an axis: tick labels lie outside the plot. A label the image's side cuts counts
    only when read with confidence ('20' read in what is left of 15000 is not 20)."""
    texts = [_power_of_ten(t, rgb) for t in texts]
    w = rgb.shape[1]
    nums = [t for t in texts if t.number is not None and t.angle == 0
            and (plot_box is None or not _inside(t, plot_box)) and not _cut(t, w)]
    best: Axis | None = None
    for group in _aligned_groups(nums, vertical):
        axis = _fit(group, rgb, vertical)
        if axis is not None and (best is None or len(axis.ticks) > len(best.ticks)):
            best = axis
    if vertical:
        # labels the image's left side cuts (a figure too narrow for its value axis's labels)
        used = {id(t) for t in nums}
        cut = [t for t in texts if t.box[0] <= 0 and t.angle == 0 and SUFFIX.fullmatch(t.text.replace(" ", ""))
               and id(t) not in used and (plot_box is None or not _inside(t, plot_box))]
        for group in _aligned_groups(nums + cut, vertical) if cut else []:
            mended = _mended(group, rgb)
            axis = _fit(mended, rgb, vertical) if mended is not None else None
            if axis is not None and (best is None or len(axis.ticks) > len(best.ticks)):
                best = axis
    return best


SUFFIX = re.compile(r"[\d,.]*\d")  # what the image's left side leaves of a number: its last digits
NICE = (1.0, 2.0, 2.5, 5.0)  # tick steps are these times a power of ten
EVEN_PX = 1.5  # evenly spaced ticks lie this close to their places


def _mended(group: list[Text], rgb: Float) -> list[Text] | None:
    """A value axis's labels with those the image's left side cuts mended from the axis's
    arithmetic, or None when it does not give one answer.

    Ticks are evenly spaced and their values step by one of 1, 2, 2.5 or 5 times a power of ten,
    so each label is the first whole one's value plus its number of ticks from it times the step.
    A cut label shows the last digits of its value (it has more than it shows, else it would not
    reach the side). The step is the one under which every cut label ends as shown and the whole
    labels read as read; with no such step, or more than one (labels all showing '000' fit 1000,
    2000, 5000, ...), no cut label is used. With no such step, the widest whole labels, flush right,
    may reach the side too ('750' under '1750', whose '1' the side cut): the one step under which
    every label at the side ends as shown, some whole, is taken."""
    whole = [t for t in group if t.box[0] > 0 and t.number is not None]
    cut = [t for t in group if t not in whole]
    if not whole or len(cut) < 2:
        return None
    pos = _snap(group, rgb, True)
    at = {id(t): p for t, p in zip(group, pos)}
    ordered = sorted(pos)
    spacing = float(np.median(np.diff(ordered)))
    if spacing <= 4 or any(abs(b - a - spacing) > EVEN_PX for a, b in zip(ordered, ordered[1:])):
        return None
    ref = whole[0]
    ref_value = float(ref.number or 0.0)
    steps = {id(t): round((at[id(ref)] - at[id(t)]) / spacing) for t in group}  # ticks up from ref
    commas = any("," in t.text for t in group)
    decimals = max((len(t.text.split(".")[1]) for t in group if "." in t.text), default=0)
    answers: list[dict[int, tuple[str, float]]] = []
    whole_at_side: list[dict[int, tuple[str, float]]] = []  # ... where a label at the side is whole
    for k in range(-2, 10):
        for nice in NICE:
            d = nice * 10.0 ** k
            values = {id(t): ref_value + steps[id(t)] * d for t in group}
            if any(t.number is None or abs(values[id(t)] - t.number) > 1e-9 * max(1.0, d) for t in whole):
                continue
            fixed: dict[int, tuple[str, float]] = {}
            for t in cut:
                shown = _as_label(values[id(t)], decimals, commas)
                seen = t.text.replace(" ", "")
                if shown is None or not shown.endswith(seen):
                    break
                fixed[id(t)] = (shown, values[id(t)])
            else:
                seen_whole = any(fixed[id(t)][0] == t.text.replace(" ", "") for t in cut)
                (whole_at_side if seen_whole else answers).append(fixed)
    if not answers:  # no step cuts every label at the side: the widest whole ones reach it
        answers = whole_at_side
    if len(answers) != 1:
        return None
    return [replace(t, text=answers[0][id(t)][0], number=answers[0][id(t)][1]) if id(t) in answers[0] else t
            for t in group]


def _as_label(v: float, decimals: int, commas: bool) -> str | None:
    """How a tick value is printed with ``decimals`` places (None when it needs more)."""
    if abs(v * 10 ** decimals - round(v * 10 ** decimals)) > 1e-6:
        return None
    return f"{v:,.{decimals}f}" if commas else f"{v:.{decimals}f}"


POWER = re.compile(r"^10\S?$")  # '10' and its exponent, read by OCR as another sign or not at all
SUPER_TOP = 0.6  # an exponent's ink ends above this share of the label's height (from its top)


def _power_of_ten(t: Text, rgb: Float) -> Text:
    """A label drawn as a power of ten (10 and a raised exponent: a log axis's ticks) as that
    number, its exponent read on its own (OCR reads '10²' as '10', '10?' or '10°'); the label as
    it was when it shows no raised part right of the '10' or the exponent cannot be read."""
    if t.angle != 0 or t.ink is None or not POWER.match(t.text.replace(" ", "")):
        return t
    ink = t.ink
    rows = np.flatnonzero(ink.any(axis=1))
    if len(rows) < 5:
        return t
    top, bottom = int(rows[0]), int(rows[-1])
    mid = top + SUPER_TOP * (bottom - top + 1)
    low = np.array([int(np.flatnonzero(ink[:, c]).max()) if ink[:, c].any() else -1 for c in range(ink.shape[1])])
    raised = (low >= 0) & (low < mid)
    cols = np.flatnonzero(low >= 0)
    if not len(cols) or not raised[cols[-1]]:
        return t  # the label's last glyph reaches the baseline: no exponent
    end = int(cols[-1])
    start = end
    while start - 1 >= 0 and (raised[start - 1] or low[start - 1] < 0):
        start -= 1
    while low[start] < 0:
        start += 1
    if (low[:start] >= 0).sum() < 4:
        return t  # nothing left of it: not a '10' with an exponent
    from recode_dsl.perception import ocr

    x0, y0 = t.box[0], t.box[1]
    h, w = rgb.shape[:2]
    box = (max(0, x0 + start - 2), max(0, y0 + top - 2), min(w, x0 + end + 3), min(h, y0 + int(mid) + 2))
    try:
        read, conf = ocr.read_line(rgb, box=box, digits=True, raw_line=True)
    except ocr.OcrUnavailable:
        return t
    read = read.replace(" ", "")
    if not re.fullmatch(r"-?\d{1,2}", read) or conf < 0.5:
        return t
    k = int(read)
    return replace(t, text=f"10^{k}", number=10.0 ** k)


CUT_CONFIDENCE = 0.9  # a label touching the image's left or right side is read this surely, or not used


def _cut(t: Text, width: int) -> bool:
    """Whether a label touches the image's left or right side and was read with less than
    CUT_CONFIDENCE: its glyphs are cut, its leading or last digits may be lost."""
    return (t.box[0] <= 0 or t.box[2] >= width) and t.confidence < CUT_CONFIDENCE


def _inside(t: Text, box: tuple[float, float, float, float]) -> bool:
    x0, y0, x1, y1 = box
    return (t.box[0] >= x0 + INSIDE_PX and t.box[2] <= x1 - INSIDE_PX and t.box[1] >= y0 + INSIDE_PX
            and t.box[3] <= y1 - INSIDE_PX)


def _aligned_groups(nums: list[Text], vertical: bool) -> list[list[Text]]:
    key = (lambda t: float(t.box[2])) if vertical else (lambda t: t.centre[1])
    groups: list[list[Text]] = []
    for t in sorted(nums, key=key):
        if groups and abs(key(groups[-1][-1]) - key(t)) <= ALIGN_PX:
            groups[-1].append(t)
        else:
            groups.append([t])
    out = []
    for g in groups:
        pos = sorted(t.centre[1] if vertical else t.centre[0] for t in g)
        if len(g) >= 2 and all(b - a > 4 for a, b in zip(pos, pos[1:])):
            out.append(g)
    return out


LOG_MIN = 3  # a log axis agrees with three labels at least (two give a line in either scale)


def _fit(group: list[Text], rgb: Float, vertical: bool) -> Axis | None:
    """The line through most labels (every pair of labels proposes one; a misread label, even
    one read as a huge number, cannot pull it), refitted to the labels it passes within FIT_PX."""
    snapped = _snap(group, rgb, vertical)
    pts = [(p, t.number, t) for p, t in zip(snapped, group) if t.number is not None]
    best: Axis | None = None
    for log in (False, True):
        use = [(p, (math.log10(v) if log else v), t) for p, v, t in pts if not log or v > 0]
        if len(use) < 2:
            continue
        x = np.array([u[0] for u in use], np.float64)
        y = np.array([u[1] for u in use], np.float64)
        found: tuple[int, float, NDArray[np.bool_]] | None = None
        for i in range(len(use)):
            for j in range(i + 1, len(use)):
                if abs(x[j] - x[i]) < 1e-6 or y[j] == y[i]:
                    continue
                b = (y[j] - y[i]) / (x[j] - x[i])
                if (b >= 0) if vertical else (b <= 0):
                    continue  # values grow upwards and to the right
                a = y[i] - b * x[i]
                res = np.abs((y - a) / b - x)
                inl = res <= FIT_PX
                key = (int(inl.sum()), -float(res[inl].sum()))
                if found is None or key > (found[0], found[1]):
                    found = (key[0], key[1], inl)
        if found is None:
            continue
        inl = found[2]
        n = int(inl.sum())
        if n < 2 or (n == 2 and len(pts) > 3) or (log and n < LOG_MIN):
            continue  # two of many labels agreeing is chance; two fit a line in either scale
        inl = inl.copy()
        while True:  # refit; the worst label beyond FIT_PX of the refitted line goes
            b, a = np.polyfit(x[inl], y[inl], 1)
            res = np.abs((y - a) / b - x) if b else np.full(len(x), np.inf)
            worst = int(np.argmax(np.where(inl, res, -1.0)))
            if res[worst] <= FIT_PX or inl.sum() <= 2:
                break
            inl[worst] = False
        res = res[inl]
        if ((b >= 0) if vertical else (b <= 0)) or float(res.max()) > FIT_PX:
            continue
        kept = [u for u, k in zip(use, inl) if k]
        axis = Axis(vertical, float(a), float(b), log,
                    tuple((u[0], 10.0 ** u[1] if log else u[1]) for u in kept),
                    tuple(u[2] for u in kept), float(res.max()))
        if best is None or len(axis.ticks) > len(best.ticks) or (
                len(axis.ticks) == len(best.ticks) and axis.residual < best.residual):
            best = axis
    return best


def _profile(strip: Float) -> Float:
    """Across a strip (positions x depth x RGB): how much each position differs from the ground
    of its depth (each depth against its own median, so a frame or a panel's edge does not count)."""
    ground = np.median(strip, axis=0)
    prof = np.abs(strip - ground[None]).max(axis=-1).mean(axis=1)
    out: Float = prof - np.median(prof)
    return out


def _peak(prof: Float, c: float) -> float | None:
    """The sub-pixel centre of a thin line (a peak low on both sides, not a mark's edge, which is
    a step) within SNAP_PX of ``c``, or None."""
    lo, hi = int(max(0, math.floor(c - SNAP_PX))), int(min(len(prof), math.ceil(c + SNAP_PX) + 1))
    seg = prof[lo:hi]
    if seg.size == 0 or seg.max() < 0.04:
        return None
    k = int(np.argmax(seg))
    a, b = max(0, k - 1), min(len(seg), k + 2)
    wts = np.clip(seg[a:b], 0, None)
    pos = lo + a + np.arange(b - a) + 0.5
    left = seg[k - 3] if k >= 3 else (prof[lo + k - 3] if lo + k - 3 >= 0 else 0.0)
    right = seg[k + 3] if k + 3 < len(seg) else (prof[lo + k + 3] if lo + k + 3 < len(prof) else 0.0)
    if wts.sum() <= 0 or max(left, right) > 0.5 * seg[k]:
        return None
    return float((wts * pos).sum() / wts.sum()) - LINE_SNAP_PX


def _snap(group: list[Text], rgb: Float, vertical: bool) -> list[float]:
    """Each label's tick position: the tick mark next to it (a short line between the label and
    the plot), else a gridline in the plot nearest its centre, else (the first and last labels
    of an x axis, drawn flush with their ticks so as not to overflow the axis) one at its outer
    edge, else the centre."""
    h, w = rgb.shape[:2]
    if vertical:
        x0 = max(t.box[2] for t in group) + 1
        strip = rgb[:, x0:min(w, x0 + STRIP_PX)]
    else:
        y0 = min(t.box[1] for t in group) - 1
        strip = rgb[max(0, y0 - STRIP_PX):max(0, y0)][::-1].transpose(1, 0, 2)
    if strip.size == 0:
        return [t.centre[1] if vertical else t.centre[0] for t in group]
    # depth 0 is next to the labels: tick marks first, then the frame, then gridlines
    near = _profile(strip[:, :TICK_PX]) if strip.shape[1] >= 3 else None
    whole = _profile(strip)
    out = []
    ends: tuple[Text, ...] = () if vertical else (
        min(group, key=lambda t: t.box[0]), max(group, key=lambda t: t.box[2]))
    for t in group:
        c = t.centre[1] if vertical else t.centre[0]
        p = _peak(near, c) if near is not None else None
        if p is None:
            p = _peak(whole, c)
        if p is None and any(t is e for e in ends):  # an end label flush with its tick (Vega-Lite's labelFlush)
            edge = float(t.box[0] if t is ends[0] else t.box[2])
            p = _peak(near, edge) if near is not None else None
            p = _peak(whole, edge) if p is None else p
        out.append(c if p is None else p)
    return out
