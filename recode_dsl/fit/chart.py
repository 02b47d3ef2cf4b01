"""Fit a chart program to its image: measure the marks, give back the values the pixels show.

A model reading a chart writes a program whose numbers are close but imprecise. Fitting keeps
what the program states about the geometry (canvas, plot box, axis ranges, bar widths,
stacking order, colours) and measures the rest in the image:

    chart + image ──1 frame──▶ plot box from the frame lines near the stated one
                  ──2 marks──▶ bar ends, line vertices, points, wedge boundaries (pixels)
                  ──3 values─▶ pixels back to data units, rounded to what the pixels justify
                  ──4 check──▶ kept only if it matches the image at least as well as before

The check uses the critic on renderings when the renderer is available, else the overlap of
the marks' colour masks (``fit_score``). A chart that does not match the image at all comes
back unchanged with a diagnostic. Pure numpy/scipy/skimage; nothing is executed.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, replace

import numpy as np
import sympy
from numpy.typing import NDArray

from recode_dsl import messages
from recode_dsl import scene as s
from recode_dsl.errors import Diagnostic, RecodeError, Span
from recode_dsl.fit import score as fs
from recode_dsl.fit.image import (
    RGB,
    Box,
    Float,
    Frame,
    as_rgb,
    colour_of,
    dominant,
    make_frame,
    refine_box,
)
from recode_dsl.fit.marks import (
    Values,
    bar_layout,
    measure_areas,
    measure_bars,
    measure_line,
    measure_pie,
    measure_points,
)
from recode_dsl.perception.plotbox import find_plot_box

BAR_KINDS = ("bar", "hbar", "grouped_bar", "stacked_bar", "stacked_hbar")
HORIZONTAL = ("hbar", "stacked_hbar")
PIE_KINDS = ("pie", "donut")
MIN_MEASURED = 0.5  # below this share of marks measured, the image is taken not to show the chart
MARKER_CLEAR_PX = 7.0  # columns this close to a line vertex may hold its marker
# How precisely the pixels give a number: Agg rounds a bar end, a marker or a frame line to
# whole pixels (half a pixel each way); a wedge boundary on rings of radius 50 to 100 pixels
# is known to about half a degree. Numbers are rounded to the simplest within that.
EDGE_TOL_PX = 0.5
PIE_TOL_DEGREES = 0.5
CRITIC_SLACK = 0.005  # see _judge
DEFAULT_BOX = (0.125, 0.12, 0.9, 0.89)  # matplotlib's subplot box as fractions of the canvas


@dataclass(frozen=True, slots=True)
class FitResult:
    """The fitted chart, the match before and after (in [0, 1]), and what happened.

    ``judge`` says what the scores are: "critic" (of renderings, when the renderer works) or
    "marks" (overlap of the marks' colour masks); the fit is kept only if neither got worse.
    ``changed`` is False when the chart came back as it was.
    """

    chart: s.Chart
    score_before: float
    score_after: float
    diagnostics: tuple[Diagnostic, ...] = ()
    measured: int = 0
    marks: int = 0
    judge: str = "marks"
    changed: bool = False


@dataclass(frozen=True, slots=True)
class _Setup:
    img: Float
    scale: tuple[float, float]  # image pixels per canvas pixel, x and y
    before: Frame | None  # the frame the program states (None for pies)
    after: Frame | None  # the frame found in the image
    bg: RGB


@dataclass(frozen=True, slots=True)
class _Outcome:
    """Measured numbers per series (None: not measured), and the mark scores before and after."""

    values: list[Values]
    xs: list[Values]
    before: float
    after: float
    start_angle: float | None = None


def fit_chart(chart: s.Chart, target: NDArray[np.uint8]) -> FitResult:
    """Fit a chart's numbers and plot box to an image (HxWx3 or HxWx4 uint8).

    >>> img = np.full((40, 60, 3), 255, np.uint8)
    >>> ch = s.Chart("bar", None, ("a",), (s.Series("S", (1,)),), (), canvas=(60, 40))
    >>> fit_chart(ch, img).diagnostics[0].code
    'E073'
    """
    img = as_rgb(target)
    setup = _setup(chart, img)
    if isinstance(setup, Diagnostic):
        return FitResult(chart, 0.0, 0.0, (setup,))
    try:
        outcome = _MEASURE[_group(chart.kind)](chart, setup)
    except (ArithmeticError, ValueError, IndexError, np.linalg.LinAlgError) as err:  # degenerate geometry
        return FitResult(chart, 0.0, 0.0, (_warn("E070", messages.fit_failed(type(err).__name__), chart),))
    found = sum(v is not None for vs in outcome.values + outcome.xs for v in vs)
    total = sum(len(vs) for vs in outcome.values + outcome.xs)
    if total == 0 or found < MIN_MEASURED * total:
        diag = _warn("E070", messages.fit_no_match(found, total), chart)
        return FitResult(chart, outcome.before, outcome.before, (diag,), found, total)
    fitted = _build(chart, setup, outcome)
    diags = [_warn("E071", messages.fit_unmeasured(total - found, total), chart)] if found < total else []
    before, after, judge, better = _judge(chart, fitted, target, outcome)
    if not better:
        how = "the marks' colours" if judge == "marks" else "the critic or the marks' colours"
        diags.append(_warn("E072", messages.fit_not_better(before, after, how), chart))
        return FitResult(chart, before, before, tuple(diags), found, total, judge)
    return FitResult(fitted, before, after, tuple(diags), found, total, judge, True)


HEADER_SPAN = Span(1, 1, 1, 2)  # the chart's first line, when no series says where


def _warn(code: str, message: str, chart: s.Chart | None = None) -> Diagnostic:
    """A warning about the fit, located at the first series (the values it keeps or changes), else line 1."""
    span = chart.series[0].span if chart is not None and chart.series and chart.series[0].span.line else HEADER_SPAN
    return Diagnostic(code, message, span, severity="warning")


def _group(kind: str) -> str:
    return "bars" if kind in BAR_KINDS else "pie" if kind in PIE_KINDS else kind


# -- 1 frame --------------------------------------------------------------------------------


def _setup(chart: s.Chart, img: Float) -> _Setup | Diagnostic:
    h, w = img.shape[:2]
    if _group(chart.kind) not in _MEASURE or not chart.series:
        return _warn("E073", messages.fit_no_geometry(f"chart kind it can fit ({chart.kind})"))
    canvas = chart.canvas or (w, h)
    scale = (w / float(canvas[0]), h / float(canvas[1]))
    bg_all = dominant(img[:: max(1, h // 200), :: max(1, w // 200)])
    if chart.kind in PIE_KINDS:
        return _Setup(img, scale, None, None, bg_all)
    ranges = _ranges(chart)
    if isinstance(ranges, Diagnostic):
        return ranges
    x0, y0, x1, y1 = (float(v) for v in chart.plot_box or _default_box(canvas))
    box = (x0 * scale[0], y0 * scale[1], x1 * scale[0], y1 * scale[1])
    seen = find_plot_box(img)  # from the image alone; the program's box only when the image shows none
    found, edges = (seen.box, 4) if seen is not None else refine_box(img, box)
    if chart.plot_box is None and edges < 4:
        return _warn("E073", messages.fit_no_geometry("plot box, and the image shows none where matplotlib "
                                                      "puts it"))
    horizontal = chart.kind in HORIZONTAL
    before = make_frame(box, horizontal, *ranges)
    after = make_frame(found, horizontal, *ranges)
    return _Setup(img, scale, before, after, _plot_background(img, found, chart))


def _default_box(canvas: tuple[s.Exact, s.Exact]) -> tuple[float, float, float, float]:
    """Where matplotlib (and the renderer, by default) puts the plot box on a canvas."""
    w, h = float(canvas[0]), float(canvas[1])
    return (DEFAULT_BOX[0] * w, DEFAULT_BOX[1] * h, DEFAULT_BOX[2] * w, DEFAULT_BOX[3] * h)


def _ranges(chart: s.Chart) -> tuple[tuple[float, float, bool], tuple[float, float, bool]] | Diagnostic:
    va = chart.value_axis
    if va.lo is None or va.hi is None:
        return _warn("E073", messages.fit_no_geometry("value axis range (value_axis(lo, hi))"))
    value = (float(va.lo), float(va.hi), va.log)
    if chart.kind == "scatter":
        xa = chart.x_axis
        if xa.lo is None or xa.hi is None:
            return _warn("E073", messages.fit_no_geometry("x axis range (x_axis(lo, hi))"))
        return value, (float(xa.lo), float(xa.hi), xa.log)
    ca = chart.category_axis
    if ca.lo is not None and ca.hi is not None:
        return value, (float(ca.lo), float(ca.hi), False)
    return value, (*_default_categories(chart), False)


def _default_categories(chart: s.Chart) -> tuple[float, float]:
    """matplotlib's category range: the marks' extent with 5% margins on each side."""
    k = max(1, len(chart.categories))
    half = 0.0
    if chart.kind in BAR_KINDS:
        half = float(chart.bar_width) / 2 if chart.bar_width is not None else (0.4 if chart.kind == "grouped_bar"
                                                                               else 0.3)
    lo, hi = -half, k - 1 + half
    margin = 0.05 * ((hi - lo) or 1.0)
    return lo - margin, hi + margin


def _plot_background(img: Float, box: Box, chart: s.Chart) -> RGB:
    """The commonest colour inside the plot box that is not a series colour."""
    h, w = img.shape[:2]
    x0, y0, x1, y1 = (int(round(v)) for v in box)
    inner = img[max(0, y0 + 2):min(h, y1 - 1), max(0, x0 + 2):min(w, x1 - 1)].reshape(-1, 3)
    marks = [colour_of(c, j) for j, x in enumerate(chart.series) for c in (x.color, *x.colors)]
    for colour in marks:
        inner = inner[np.linalg.norm(inner - np.asarray(colour), axis=1) > 0.15]
    return dominant(inner) if len(inner) else (1.0, 1.0, 1.0)


# -- 2 marks --------------------------------------------------------------------------------


def _floats(vs: tuple[s.Exact, ...]) -> list[float]:
    return [float(v) for v in vs]


def _fills(chart: s.Chart) -> list[RGB]:
    return [colour_of(x.color, j) for j, x in enumerate(chart.series)]


def _region(frame: Frame, shape: tuple[int, ...]) -> tuple[slice, slice]:
    x0, y0, x1, y1 = frame.box
    return (slice(max(0, int(y0) - 1), min(shape[0], int(math.ceil(y1)) + 1)),
            slice(max(0, int(x0) - 1), min(shape[1], int(math.ceil(x1)) + 1)))


def _fit_bars(chart: s.Chart, st: _Setup) -> _Outcome:
    """Bars, grouped, stacked, vertical or horizontal: each bar's end along its middle lines."""
    assert st.before is not None and st.after is not None
    bw = float(chart.bar_width) if chart.bar_width is not None else None
    layout = bar_layout(chart.kind, len(chart.series), bw)
    proposed = [_floats(x.values) for x in chart.series]
    fills = [[colour_of(x.colors[i] if len(x.colors) == len(x.values) else x.color, j)
              for i in range(len(x.values))] for j, x in enumerate(chart.series)]
    got = measure_bars(st.img, st.after, layout, proposed, fills, st.bg)
    new = [[m if m is not None else p for m, p in zip(ms, ps)] for ms, ps in zip(got, proposed)]
    shape = st.img.shape[:2]

    def score(frame: Frame, values: list[list[float]]) -> float:
        return fs.overlap(st.img, fs.bar_masks(shape, frame, layout, values, fills), _region(frame, shape))

    return _Outcome(got, [], score(st.before, proposed), score(st.after, new))


def _fit_area(chart: s.Chart, st: _Setup) -> _Outcome:
    """Stacked areas: each boundary read in the column of its category, like a thin stacked bar."""
    assert st.before is not None and st.after is not None
    proposed = [_floats(x.values) for x in chart.series]
    fills = _fills(chart)
    got = measure_areas(st.img, st.after, proposed, fills, st.bg)
    new = [[m if m is not None else p for m, p in zip(ms, ps)] for ms, ps in zip(got, proposed)]
    shape = st.img.shape[:2]

    def score(frame: Frame, values: list[list[float]]) -> float:
        return fs.overlap(st.img, list(zip(fills, fs.area_masks(shape, frame, values))), _region(frame, shape))

    return _Outcome(got, [], score(st.before, proposed), score(st.after, new))


def _fit_line(chart: s.Chart, st: _Setup) -> _Outcome:
    assert st.before is not None and st.after is not None
    shape = st.img.shape[:2]
    fills = _fills(chart)
    proposed = [_floats(x.values) for x in chart.series]
    got: list[Values] = []
    for x, fill, values in zip(chart.series, fills, proposed):
        clear = MARKER_CLEAR_PX * st.scale[0] if (x.marker or "").strip() not in ("", "none") else 2.0
        got.append(measure_line(st.img, st.after, values, fill, st.bg, clear))
    new = [[m if m is not None else p for m, p in zip(ms, ps)] for ms, ps in zip(got, proposed)]

    def score(frame: Frame, values: list[list[float]]) -> float:
        masks = [fs.line_mask(shape, frame, v, 1.2 * st.scale[0]) for v in values]
        return fs.overlap(st.img, list(zip(fills, masks)), _region(frame, shape))

    return _Outcome(got, [], score(st.before, proposed), score(st.after, new))


def _fit_scatter(chart: s.Chart, st: _Setup) -> _Outcome:
    assert st.before is not None and st.after is not None
    shape = st.img.shape[:2]
    fills = _fills(chart)
    reach = 0.2 * max(st.after.box[2] - st.after.box[0], st.after.box[3] - st.after.box[1])
    got_x: list[Values] = []
    got_y: list[Values] = []
    for x, fill in zip(chart.series, fills):
        mx, my = measure_points(st.img, st.after, _floats(x.x), _floats(x.y), fill, st.bg, reach)
        got_x.append(mx)
        got_y.append(my)
    radius = 3.0 * st.scale[0]

    def score(frame: Frame, pts: list[tuple[list[float], list[float]]]) -> float:
        masks = [fs.point_mask(shape, frame, xs, ys, radius) for xs, ys in pts]
        return fs.overlap(st.img, list(zip(fills, masks)), _region(frame, shape))

    old = [(_floats(x.x), _floats(x.y)) for x in chart.series]
    new = [([m if m is not None else p for m, p in zip(mx, xs)], [m if m is not None else p for m, p in zip(my, ys)])
           for mx, my, (xs, ys) in zip(got_x, got_y, old)]
    return _Outcome(got_y, got_x, score(st.before, old), score(st.after, new))


def _fit_pie(chart: s.Chart, st: _Setup) -> _Outcome:
    x = chart.series[0]
    proposed = _floats(x.values)
    fills = [colour_of(c, 0) for c in x.colors] if x.colors else [colour_of(None, j) for j in range(len(proposed))]
    hole = float(chart.hole) if chart.hole is not None else (0.4 if chart.kind == "donut" else 0.0)
    spans, start, centre, radius = measure_pie(st.img, fills, st.bg, hole)
    total = sum(proposed)
    got: Values = [None if a is None else total * a / 360.0 for a in spans]
    if centre is None or start is None:
        return _Outcome([got], [], 0.0, 0.0)
    shape = st.img.shape[:2]
    region = (slice(0, shape[0]), slice(0, shape[1]))
    start0 = float(chart.start_angle) if chart.start_angle is not None else start
    new = [g if g is not None else p for g, p in zip(got, proposed)]
    before = fs.overlap(st.img, list(zip(fills, fs.wedge_masks(shape, centre, radius, proposed, start0))), region)
    after = fs.overlap(st.img, list(zip(fills, fs.wedge_masks(shape, centre, radius, new, start))), region)
    return _Outcome([got], [], before, after, start)


_MEASURE: dict[str, Callable[[s.Chart, _Setup], _Outcome]] = {
    "bars": _fit_bars, "line": _fit_line, "area": _fit_area, "scatter": _fit_scatter, "pie": _fit_pie,
}


# -- 3 values -------------------------------------------------------------------------------


def exact_round(v: float, exponent: int) -> s.Exact:
    """``v`` rounded to a multiple of 10**exponent, as an int or a Rational.

    >>> exact_round(12.3456, -2), exact_round(12345.6, 1)
    (247/20, 12350)
    """
    if exponent >= 0:
        return int(round(v / 10**exponent)) * 10**exponent
    r = sympy.Rational(int(round(v * 10**-exponent)), 10**-exponent)
    return int(r) if r.q == 1 else r


def simplest(v: float, tol: float) -> s.Exact:
    """The number with the fewest decimals within ``tol`` of ``v``: the pixels cannot tell
    the numbers in that interval apart, and charts mostly show round data.

    >>> simplest(7.057, 0.08), simplest(1.37, 0.03), simplest(1.37, 0.001), simplest(12345.6, 40.0)
    (7, 7/5, 137/100, 12350)
    """
    tol = max(tol, 1e-12)
    e = int(math.floor(math.log10(max(abs(v), tol))))
    finest = int(math.floor(math.log10(tol))) - 1
    while e > finest:
        c = exact_round(v, e)
        if abs(float(c) - v) <= tol:
            return c
        e -= 1
    return exact_round(v, finest)


def _build(chart: s.Chart, st: _Setup, out: _Outcome) -> s.Chart:
    if chart.kind in PIE_KINDS:
        # the proposal's total sets the scale, not the data's: round finely, not to round numbers
        total = sum(float(v) for v in chart.series[0].values)
        tol = total * PIE_TOL_DEGREES / 360.0
        series = (_with(chart.series[0], "values", out.values[0], tol, fine=True),)
        start = exact_round(out.start_angle, -1) if out.start_angle is not None else chart.start_angle
        return replace(chart, series=series, start_angle=start)
    assert st.after is not None
    tv = EDGE_TOL_PX / st.after.value.px_per_unit()
    to = EDGE_TOL_PX / st.after.other.px_per_unit()
    new = []
    for j, x in enumerate(chart.series):
        if chart.kind == "scatter":
            x = _with(_with(x, "y", out.values[j], tv), "x", out.xs[j], to)
        else:
            x = _with(x, "values", out.values[j], tv)
        new.append(x)
    sx, sy = st.scale
    b = st.after.box
    box = (exact_round(b[0] / sx, -1), exact_round(b[1] / sy, -1), exact_round(b[2] / sx, -1),
           exact_round(b[3] / sy, -1))
    return replace(chart, series=tuple(new), plot_box=box)


def _with(x: s.Series, key: str, got: Values, tol: float, fine: bool = False) -> s.Series:
    old: tuple[s.Exact, ...] = getattr(x, key)
    e = int(math.floor(math.log10(max(tol, 1e-12)))) - 1
    vals = tuple(o if g is None else exact_round(g, e) if fine else simplest(g, tol) for o, g in zip(old, got))
    if key == "x":
        return replace(x, x=vals)
    return replace(x, y=vals) if key == "y" else replace(x, values=vals)


# -- 4 check --------------------------------------------------------------------------------


def _judge(before: s.Chart, after: s.Chart, target: NDArray[np.uint8],
           out: _Outcome) -> tuple[float, float, str, bool]:
    """Scores before and after, which judged them, and whether the fit is no worse.

    The marks must overlap their colours at least as well as before; when the renderer works,
    the critic must also score the fitted chart's rendering no lower (within CRITIC_SLACK: a
    rendering of ours against another renderer's image moves by that much for nothing).
    """
    from recode_dsl.fit import critic
    from recode_dsl.renderer import render

    marks_ok = out.after >= out.before
    size = (int(target.shape[1]), int(target.shape[0]))
    tgt = target if target.ndim == 3 else np.stack([target] * 3, axis=-1)
    try:
        a = critic.score(tgt, render(before, "array", size=size)).score
        b = critic.score(tgt, render(after, "array", size=size)).score
    except (RecodeError, TypeError, ValueError):
        return out.before, out.after, "marks", marks_ok
    return a, b, "critic", marks_ok and b >= a - CRITIC_SLACK
