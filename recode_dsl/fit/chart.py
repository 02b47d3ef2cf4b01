"""Fit a chart program to its image: the values the pixels show, kept only if they verify better.

A model reading a chart writes a program whose numbers are close but imprecise. Fitting is the
renderer run backwards: it keeps what the program states about the data's structure (kind,
categories, series, colours) and measures the rest in the image:

    chart + image ──1 measure─▶ plot box and axes from the image (never the program's), every
                                mark read where the renderer's marks(chart, frame) put it (fit.measure)
                  ──2 refuse──▶ a structure the image contradicts (series that share a colour,
                                bars or a line the program does not explain, another kind):
                                unchanged, with E075
                  ──3 values──▶ pixels back to data units, rounded to what the pixels justify
                                (zero is zero)
                  ──4 judge───▶ a program the image verifies is left as it is; else the fit is
                                kept only if it verifies, or disagrees with the image in fewer
                                places (fit.verify); else unchanged, with E072

Pure numpy/scipy/skimage; nothing is executed.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from fractions import Fraction

import numpy as np
from numpy.typing import NDArray

from recode_dsl import messages
from recode_dsl import scene as s
from recode_dsl.errors import Diagnostic, RecodeError, Span
from recode_dsl.fit.measure import Measurement, measure
from recode_dsl.fit.verify import Verdict, verify_chart

BAR_KINDS = ("bar", "hbar", "grouped_bar", "stacked_bar", "stacked_hbar")
PIE_KINDS = ("pie", "donut")
KINDS = (*BAR_KINDS, "line", "area", "scatter", *PIE_KINDS)
MIN_MEASURED = 0.5  # below this share of marks measured, the image is taken not to show the chart
# How precisely the pixels give a number: Agg rounds a bar end, a marker or a gridline to whole
# pixels (half a pixel each way); a wedge boundary on rings of radius 50 to 100 pixels is known
# to about half a degree. Numbers are rounded to the simplest within that.
EDGE_TOL_PX = 0.5
LINE_TOL_PX = 0.2  # a line's vertex is drawn where it falls (Agg snaps no sloped path): read finer
PIE_TOL_DEGREES = 0.5
# The numbers of one chart share their precision: when half or more of its values lie within
# STEP_NEAR_PX of a power of ten's multiples STEP_MIN_PX or more apart (a third of a chart's values
# would by chance), the others are read to it too, up to a quarter of the step (at most
# STEP_SNAP_PX) away: a stacked segment carries both its ends' snaps (up to a pixel), more than
# half a pixel allows.
STEP_MIN_PX = 3.0
STEP_NEAR_PX = 0.5
STEP_SHARE = 0.5
STEP_SNAP_PX = 1.5
STEP_MIN_VALUES = 3
STEP_FINE_PX = 2.0  # multiples closer than STEP_MIN_PX, down to this, hold half the values by chance (at 2 px):
STEP_FINE_SHARE = 0.8  # they must hold this share of them (whole numbers 2.9 px apart)
STRUCTURE = ("colour", "kind", "bend", "unexplained")  # problems that contradict the program's structure


@dataclass(frozen=True, slots=True)
class FitResult:
    """The fitted chart, the verdict scores before and after (in [0, 1]), and what happened.

    ``judge`` says what the scores are: "verify" (fit.verify's structural score). ``changed``
    is False when the chart came back as it was.
    """

    chart: s.Chart
    score_before: float
    score_after: float
    diagnostics: tuple[Diagnostic, ...] = ()
    measured: int = 0
    marks: int = 0
    judge: str = "verify"
    changed: bool = False
    refused: bool = False  # the image contradicts the program's structure


def fit_chart(chart: s.Chart, target: NDArray[np.uint8]) -> FitResult:
    """Fit a chart's numbers and plot box to an image (HxW, HxWx3 or HxWx4 uint8).

    >>> img = np.full((40, 60, 3), 255, np.uint8)
    >>> ch = s.Chart("bar", None, ("a",), (s.Series("S", (1,)),), (), canvas=(60, 40))
    >>> fit_chart(ch, img).diagnostics[0].code
    'E073'
    """
    missing = _lacks(chart)
    if missing is not None:
        return FitResult(chart, 0.0, 0.0, (_warn("E073", messages.fit_no_geometry(missing), chart),))
    try:
        m = measure(chart, target)
    except RecodeError as err:
        return FitResult(chart, 0.0, 0.0, tuple(err.diagnostics))
    except (ArithmeticError, ValueError, IndexError, np.linalg.LinAlgError) as err:  # degenerate geometry
        return FitResult(chart, 0.0, 0.0, (_warn("E070", messages.fit_failed(type(err).__name__), chart),))
    total, found = len(m.readings), m.found
    if chart.kind not in PIE_KINDS and chart.plot_box is None and any(p.what == "box" for p in m.problems):
        return FitResult(chart, 0.0, 0.0, (_warn("E073", messages.fit_no_geometry(
            "plot box, and the image shows none"), chart),), found, total)
    if m.axis_from == "default":  # no range stated and no tick labels read: numbers would be the guess's
        why = "value axis range (value_axis(lo, hi)), and the image's tick labels cannot be read"
        return FitResult(chart, 0.0, 0.0, (_warn("E073", messages.fit_no_geometry(why), chart),), found, total)
    if total == 0 or found < MIN_MEASURED * total:
        return FitResult(chart, 0.0, 0.0, (_warn("E070", messages.fit_no_match(found, total), chart),), found, total)
    contradictions = [p for p in m.problems if p.what in STRUCTURE]
    if contradictions:
        diag = Diagnostic("E075", messages.fit_refused(contradictions[0].message), _span(chart))
        return FitResult(chart, 0.0, 0.0, (diag,), found, total, refused=True)
    fitted = _build(chart, m, target.shape[1], target.shape[0])
    diags = [_warn("E071", messages.fit_unmeasured(total - found, total), chart)] if found < total else []
    before = verify_chart(chart, target, box=m.box)
    after = verify_chart(fitted, target, box=m.box)
    if fitted == chart or before.verified:
        # a program the image verifies is left as it is: its numbers agree with the pixels, and
        # the fit's would only trade them for others the pixels cannot tell apart
        return FitResult(chart, before.score, before.score, tuple(diags), found, total)
    if not _better(after, before):
        diags.append(_warn("E072", messages.fit_not_better(before.score, after.score, "the verifier's score"), chart))
        return FitResult(chart, before.score, before.score, tuple(diags), found, total)
    return FitResult(fitted, before.score, after.score, tuple(diags), found, total, changed=True)


HEADER_SPAN = Span(1, 1, 1, 2)  # the chart's first line, when no series says where


def _span(chart: s.Chart | None) -> Span:
    """Where the fit's diagnostics point: the first series (the values kept or changed), else line 1."""
    return chart.series[0].span if chart is not None and chart.series and chart.series[0].span.line else HEADER_SPAN


def _better(after: Verdict, before: Verdict) -> bool:
    """Verified now, or fewer disagreements (E100/E101) than before."""
    if after.verified:
        return True
    def count(v: Verdict) -> int:
        return sum(d.severity == "error" for d in v.diagnostics)
    return count(after) < count(before)


def _warn(code: str, message: str, chart: s.Chart | None = None) -> Diagnostic:
    return Diagnostic(code, message, _span(chart), severity="warning")


def _lacks(chart: s.Chart) -> str | None:
    """What the program lacks that fitting needs, or None."""
    if chart.kind not in KINDS or not chart.series:
        return f"chart kind it can fit ({chart.kind})"
    if chart.kind in PIE_KINDS:
        return None
    if chart.kind == "scatter" and (chart.x_axis.lo is None or chart.x_axis.hi is None):
        return "x axis range (x_axis(lo, hi))"
    return None


# -- values -----------------------------------------------------------------------------------


def exact_round(v: float, exponent: int) -> s.Exact:
    """``v`` rounded to a multiple of 10**exponent, as an int or a Fraction.

    >>> exact_round(12.3456, -2), exact_round(12345.6, 1)
    (Fraction(247, 20), 12350)
    """
    if exponent >= 0:
        return int(round(v / 10**exponent)) * 10**exponent
    r = Fraction(int(round(v * 10**-exponent)), 10**-exponent)
    return r.numerator if r.denominator == 1 else r


def simplest(v: float, tol: float) -> s.Exact:
    """The number with the fewest decimals within ``tol`` of ``v``: the pixels cannot tell
    the numbers in that interval apart, and charts mostly show round data. Zero is zero.

    >>> simplest(7.057, 0.08), simplest(1.37, 0.03), simplest(1.37, 0.001), simplest(12345.6, 40.0)
    (7, Fraction(7, 5), Fraction(137, 100), 12350)
    >>> simplest(0.02, 0.05), simplest(-0.4, 0.5)
    (0, 0)
    """
    tol = max(tol, 1e-12)
    if abs(v) <= tol:
        return 0
    e = int(math.floor(math.log10(max(abs(v), tol)))) + 1
    finest = int(math.floor(math.log10(tol))) - 1
    while e > finest:
        c = exact_round(v, e)
        if abs(float(c) - v) <= tol:
            return c
        e -= 1
    return exact_round(v, finest)


def _build(chart: s.Chart, m: Measurement, w: int, h: int) -> s.Chart:
    """The chart with the measured numbers (and, for axes charts, the plot box as measured)."""
    got: dict[tuple[int, str], list[float | None]] = {}
    for r in m.readings:
        got.setdefault((r.series, r.field), []).append(r.measured)
    if chart.kind in PIE_KINDS:
        total = sum(float(v) for v in chart.series[0].values)
        tol = total * PIE_TOL_DEGREES / 360.0
        e = int(math.floor(math.log10(max(tol, 1e-12)))) - 1
        # the proposal's total sets the scale, not the data's: round finely, not to round numbers
        vals = tuple(o if g is None else exact_round(g, e) for o, g in zip(chart.series[0].values,
                                                                           got.get((0, "values"), [])))
        start = exact_round(m.start_angle, -1) if m.start_angle is not None else chart.start_angle
        return replace(chart, series=(replace(chart.series[0], values=vals),), start_angle=start)
    fr = m.frame
    assert fr is not None
    pv, po = fr.value.px_per_unit(), fr.other.px_per_unit()
    tv = (LINE_TOL_PX if chart.kind == "line" else EDGE_TOL_PX) / pv
    to = EDGE_TOL_PX / po
    fields = ("y", "x") if chart.kind == "scatter" else ("values",)
    steps = {f: None if (fr.other if f == "x" else fr.value).log else  # a power of ten's steps are not even there
             shared_step([g for j in range(len(chart.series)) for g in got.get((j, f), []) if g is not None],
                         po if f == "x" else pv) for f in fields}
    new = []
    for j, x in enumerate(chart.series):
        if chart.kind == "scatter":
            x = replace(x, y=_values(x.y, got.get((j, "y"), []), tv, steps["y"], pv),
                        x=_values(x.x, got.get((j, "x"), []), to, steps["x"], po))
        else:
            x = replace(x, values=_values(x.values, got.get((j, "values"), []), tv, steps["values"], pv))
        new.append(x)
    return replace(chart, series=tuple(new), plot_box=_box(chart, m, w, h))


def shared_step(got: list[float], px_per_unit: float) -> int | None:
    """The exponent of the coarsest power of ten whose multiples, STEP_MIN_PX or more apart in
    the image, hold STEP_SHARE of the chart's values ``got`` at least (each within STEP_NEAR_PX),
    or STEP_FINE_PX or more apart hold STEP_FINE_SHARE of them: the data's precision when it is
    coarser than the pixels; else None.

    >>> shared_step([9.06, 3.02, 4.0, 5.0, 7.01, 1.95], 12.8), shared_step([9.06, 3.31, 5.52], 12.8)
    (0, None)
    """
    if len(got) < STEP_MIN_VALUES or not 0 < px_per_unit < math.inf or not all(map(math.isfinite, got)):
        return None
    top = max(abs(g) for g in got)
    if not 0 < top < 1e300:
        return None
    e = int(math.floor(math.log10(top))) + 1
    while 10.0**e * px_per_unit >= STEP_FINE_PX:
        step = 10.0**e
        near = sum(abs(g - round(g / step) * step) * px_per_unit <= STEP_NEAR_PX for g in got)
        share = STEP_SHARE if step * px_per_unit >= STEP_MIN_PX else STEP_FINE_SHARE
        if near >= share * len(got) and any(round(g / step) for g in got):
            return e
        e -= 1
    return None


def _values(old: tuple[s.Exact, ...], got: list[float | None], tol: float, step: int | None = None,
            px_per_unit: float = 1.0) -> tuple[s.Exact, ...]:
    """The measured values rounded: to the chart's shared step (``shared_step``) when within
    reach of it, else to the simplest number within ``tol``; unmeasured ones as they were."""
    if len(got) != len(old):
        return old
    reach = 0.0 if step is None else min(10.0**step * px_per_unit / 4, STEP_SNAP_PX) / px_per_unit
    out: list[s.Exact] = []
    for o, g in zip(old, got):
        if g is None:
            out.append(o)
        elif step is not None and abs(g - float(exact_round(g, step))) <= reach:
            out.append(exact_round(g, step))
        else:
            out.append(simplest(g, tol))
    return tuple(out)


def _box(chart: s.Chart, m: Measurement, w: int, h: int) -> tuple[s.Exact, s.Exact, s.Exact, s.Exact]:
    """The plot box the measured axes imply (the value scale's ends where gridlines fixed it), in
    the program's canvas pixels, to a tenth of a pixel."""
    fr, found = m.frame, m.box
    assert fr is not None and found is not None
    x0, y0, x1, y1 = found.box
    if fr.horizontal:
        x0, x1 = fr.value.p_lo, fr.value.p_hi
    else:
        y1, y0 = fr.value.p_lo, fr.value.p_hi
        if chart.kind == "scatter":
            x0, x1 = fr.other.p_lo, fr.other.p_hi
    cw, ch = chart.canvas if chart.canvas is not None else (w, h)
    sx, sy = float(cw) / w, float(ch) / h
    return (exact_round(x0 * sx, -1), exact_round(y0 * sy, -1), exact_round(x1 * sx, -1), exact_round(y1 * sy, -1))
