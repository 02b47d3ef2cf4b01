"""Verify a chart program against its image: every value, category, series and kind.

    source + image ──1 check──▶ the chart (parse and check; no solving)
                   ──2 measure─▶ each mark of the program read in the image (fit.measure)
                   ──3 judge──▶ a located diagnostic for each disagreement:
                                E100 a value measures otherwise (more than the tolerance in pixels),
                                E101 a mark is not found, E102 a mark the program does not explain,
                                E103 another kind or series structure, E104 nothing to check

The verdict is ``verified`` when there is no diagnostic. The JSON carries each mark's residual
in pixels and in data units, for a model's repair loop. Colours are read from the image, so the
verdict is the same in every style.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from numpy.typing import NDArray

from recode_dsl import astnodes as a
from recode_dsl import check, messages, syntax
from recode_dsl import scene as s
from recode_dsl.errors import Diagnostic, RecodeError, Span, has_errors
from recode_dsl.fit.image import RGB, STROKE_BEYOND, Frame, cover, coverage, dist2, dominant, memo
from recode_dsl.fit.marks import others_mark
from recode_dsl.fit.measure import Measurement, Reading, measure
from recode_dsl.perception.plotbox import PlotBox, as_float
from recode_dsl.renderer.chart_data import BARS, STACKED

TOLERANCE_PX = 1.5  # a mark may sit this far from where the program puts it (rounding of two edges)
# A bar's end is one edge met by the plot's ground, read across several lines of pixels, on a base
# the plot's scale fixes: a renderer that snaps edges to whole pixels (Agg) puts it within half a
# pixel, and a scale the program states (its range on the box's sides and gridlines) adds about half a
# pixel more. A scale read from tick labels or guessed from the program's numbers is less sure; a
# stacked segment's end meets the next segment (a seam, or a stroke between them), an end on the
# box's side meets the frame's line, a line vertex or a point is a marker's centre: each the full
# tolerance. A stacked segment's length is two such ends (its own and its base's), so it keeps the
# full tolerance, but its top is one edge on the scale: the stack's top at that segment is judged
# at ONE_EDGE, as a bar's end is.
ONE_EDGE = 0.75  # of the tolerance
MIN_FOUND = 0.5  # below this share of the marks found, the image shows another chart
# A bar a few pixels long, at a category place the program leaves empty inside its category range,
# is a mark the program does not explain (a dropped category). Looked for this far past the base:
SHORT_BAR_PX = 8
SHORT_BAR_CORE = 0.3  # of half a category's width about its centre: inside any bar drawn there
SHORT_BAR_PX_SHOWN = 1.25  # px of a series' colour along the value axis that make a bar (a tick is ink)
SERIES_NEAR = 0.15  # RGB distance from the ground past which a pixel of a gap is marked
# A line's vertex not found in the image, where a series drawn after it (over it) runs through the
# place the program gives it, is hidden, not missing: its line on either side shows its own colour
# or that later series' up to this far along each of its segments,
HIDDEN_ALONG_PX = 12.0
HIDDEN_STEP_PX = 2.0  # looked at this often,
HIDDEN_NEAR_PX = 1  # each place within this many pixels (a stroke's half width)


@dataclass
class Verdict:
    """The outcome: ``verified`` when nothing disagrees; the diagnostics; the measurement."""

    verified: bool
    diagnostics: list[Diagnostic]
    measurement: Measurement | None = None
    tolerance_px: float = TOLERANCE_PX
    labels: dict[tuple[int, int, str], str] = field(default_factory=dict)

    @property
    def score(self) -> float:
        """In [0, 1], higher is better: 1 when verified; falls with each disagreement and with
        the residuals (a ranking of candidates that are all wrong)."""
        m = self.measurement
        if m is None or not m.readings:
            return 0.0
        judged = judge(m, self.tolerance_px)
        tols = [max(t, 1e-6) for _, t in judged]
        # a mark whose end is covered (a legend over it) and that the program says reaches further
        # is no error: its residual is what the cover hides
        res = [abs(px) for px, _ in judged if px is not None]
        shown = [abs(px) / t for r, (px, _), t in zip(m.readings, judged, tols) if px is not None
                 and not covered(r, px, t)]
        missing = sum(px is None for px, _ in judged) / len(m.readings)
        rms = (float(np.sqrt(np.mean(np.square(shown)))) if shown else 0.0) if res else 99.0
        # a value just past its tolerance counts little, one far off much; a mark the program
        # does not explain, or another structure, counts most
        penalty = sum(max(0.0, abs(px) / t - 1.0) for r, (px, _), t in zip(m.readings, judged, tols)
                      if px is not None and not covered(r, px, t))
        penalty += sum({"E101": 1.0, "E102": 2.0, "E103": 2.0, "E104": 2.0}.get(d.code, 0.0)
                       for d in self.diagnostics)
        return round((1.0 - missing) / (1.0 + penalty) / (1.0 + (rms / 2) ** 2), 6)

    def to_json(self) -> dict[str, Any]:
        m = self.measurement
        marks = []
        if m is not None:
            for r, (px, tol) in zip(m.readings, judge(m, self.tolerance_px)):
                # plain floats and bools: a reading's numbers are often numpy's, which json refuses
                marks.append({"series": _series_name(m.chart, r.series), "item": self.labels.get((r.series, r.index,
                                                                                                 r.field)),
                              "index": r.index, "field": r.field, "stated": _plain(r.stated),
                              "measured": _plain(r.measured), "residual": _plain(r.residual),
                              "residual_px": _plain(r.residual_px), "judged_px": _plain(px),
                              "tolerance_px": float(tol), "ok": bool(px is not None and abs(px) <= tol)})
        return {"verified": self.verified, "score": self.score, "tolerance_px": self.tolerance_px,
                "plot_box": [float(v) for v in m.box.box] if m is not None and m.box is not None else None,
                "marks": marks, "problems": [{"what": p.what, "message": p.message} for p in m.problems] if m else [],
                "diagnostics": [d.to_json() for d in self.diagnostics]}


def _plain(v: float | None) -> float | None:
    """``v`` as a Python float (None stays None).

    >>> type(_plain(np.float64(1.5))).__name__, _plain(None)
    ('float', None)
    """
    return None if v is None else float(v)


def reading_tolerance(m: Measurement, r: Reading, tolerance_px: float = TOLERANCE_PX) -> float:
    """How far in pixels reading ``r`` may sit from where the program puts it: ``tolerance_px``,
    or ONE_EDGE of it for the end of a bar that is not stacked, where it meets the plot's ground
    inside the box, on the range the program states (an edge alone on a known scale, read more
    surely than a marker's centre, an edge against another mark, or a scale read from labels).

    >>> from dataclasses import replace
    >>> from recode_dsl.fit.image import Frame, Scale
    >>> box = (0.0, 0.0, 100.0, 100.0)
    >>> fr = Frame(box, False, Scale(0.0, 10.0, 100.0, 0.0), Scale(-0.5, 0.5, 0.0, 100.0))
    >>> m = Measurement(s.Chart("bar", None, ("a",), (), ()), None, (), (), frame=fr)
    >>> reading_tolerance(m, Reading(0, 0, "values", 5.0, 5.0, 0.0))
    1.125
    >>> reading_tolerance(m, Reading(0, 0, "values", 9.95, 10.0, 0.5))  # at the box's top
    1.5
    >>> reading_tolerance(replace(m, axis_from="labels"), Reading(0, 0, "values", 5.0, 5.0, 0.0))
    1.5
    """
    if m.chart.kind in STACKED:
        return tolerance_px
    return _edge_tolerance(m, r.stated, tolerance_px)


def _edge_tolerance(m: Measurement, end: float, tolerance_px: float) -> float:
    """The tolerance of a bar's edge at value ``end``: ONE_EDGE of it on a range the program
    states, away from the box's sides."""
    fr = m.frame
    if m.chart.kind not in BARS or fr is None or m.axis_from != "program":
        return tolerance_px
    px = fr.value.to_px(end)
    sides = (fr.box[0], fr.box[2]) if fr.horizontal else (fr.box[1], fr.box[3])
    if min(abs(px - p) for p in sides) <= tolerance_px:
        return tolerance_px
    return tolerance_px * ONE_EDGE


def covered(r: Reading, px: float | None, tol: float) -> bool:
    """Whether a reading off by ``px`` (judged, measured minus stated) is explained by a cover
    over its mark's end: the end is covered, the program says the mark runs on past what shows,
    and no further than the cover reaches (``Reading.cover_px``, when known) and ``tol``.

    >>> covered(Reading(0, 0, "values", 80.0, 70.0, -16.0, True, 12.0), -16.0, 1.5)  # past the label
    False
    >>> covered(Reading(0, 0, "values", 80.0, 75.0, -8.0, True, 12.0), -8.0, 1.5)
    True
    """
    if not r.hidden or px is None or px > tol:
        return False
    return r.cover_px is None or -px <= r.cover_px + tol


def judge(m: Measurement, tolerance_px: float = TOLERANCE_PX) -> list[tuple[float | None, float]]:
    """Each reading's residual in pixels as judged, and its tolerance: its own residual and
    ``reading_tolerance``, except a stacked segment whose length is within its tolerance but
    whose top is off the program's stack top there by more than an edge's tolerance. Its top is
    one edge on the scale (the sum of the residuals of its stack up to it: each segment is read
    from the end of the one below), so that segment is judged by it; the segments above it, off
    by as much with their own lengths right, are judged by their lengths.

    >>> from recode_dsl.fit.image import Frame, Scale
    >>> fr = Frame((0.0, 0.0, 100.0, 100.0), False, Scale(0.0, 100.0, 100.0, 0.0), Scale(-0.5, 0.5, 0.0, 100.0))
    >>> m = Measurement(s.Chart("stacked_bar", None, ("a",), (), ()), None,
    ...                 (Reading(0, 0, "values", 30.0, 30.9, 0.9), Reading(1, 0, "values", 40.0, 40.5, 0.5)),
    ...                 (), frame=fr)
    >>> judge(m)  # the second segment's top is 1.4 px off: more than an edge allows
    [(0.9, 1.5), (1.4, 1.125)]
    """
    out = [(None if _outside(m, r) else r.residual_px, reading_tolerance(m, r, tolerance_px)) for r in m.readings]
    fr = m.frame
    if m.chart.kind not in STACKED or fr is None or fr.value.log:
        return out
    top: dict[int, tuple[float, float]] = {}  # category: (stated top, summed residual) so far
    done: set[int] = set()  # categories whose stack is off below, or read no further
    lo, hi = min(fr.value.lo, fr.value.hi), max(fr.value.lo, fr.value.hi)
    for k, r in enumerate(m.readings):
        if r.index in done:
            continue
        stated, summed = top.get(r.index, (0.0, 0.0))
        stated += r.stated
        own, tol = out[k]
        if own is None or r.hidden or r.stated < 0 or not lo <= stated <= hi:
            done.add(r.index)  # not read, covered, hanging down or clipped: the sum stops
            continue
        summed += own
        top[r.index] = (stated, summed)
        edge = _edge_tolerance(m, stated, tolerance_px)
        if abs(own) > tol:
            done.add(r.index)
        elif abs(summed) > edge:
            out[k] = (round(summed, 6), edge)
            done.add(r.index)
    return out


def _outside(m: Measurement, r: Reading) -> bool:
    """Whether the program puts the mark of ``r`` outside its plot box: its category beyond the
    category range (the renderer clips it away, so no pixel of the image can show its value)."""
    fr = m.frame
    if fr is None or m.chart.kind not in (*BARS, "line", "area"):
        return False
    return not min(fr.other.lo, fr.other.hi) <= r.index <= max(fr.other.lo, fr.other.hi)


def _series_name(chart: s.Chart, j: int) -> str:
    return chart.series[j].name if 0 <= j < len(chart.series) else ""


def compile_chart(source: str) -> tuple[a.Program | None, s.Scene | None, list[Diagnostic]]:
    """Parse and check (no solving): the program, its scene and the diagnostics."""
    try:
        program = syntax.parse(source)
    except RecodeError as err:
        return None, None, list(err.diagnostics)
    scene, diags = check.check(program)
    return program, scene, diags


def verify_source(source: str, image: NDArray[np.generic], tolerance_px: float = TOLERANCE_PX,
                  box: PlotBox | None = None) -> Verdict:
    """Verify a program's text against an image. A program with errors, or a figure, is not
    verified (its own diagnostics, or E104)."""
    program, scene, diags = compile_chart(source)
    if program is None or scene is None or has_errors(diags):
        return Verdict(False, diags, tolerance_px=tolerance_px)
    if not isinstance(scene, s.Chart):
        return Verdict(False, [Diagnostic("E104", messages.verify_not_a_chart(), program.header.span)],
                       tolerance_px=tolerance_px)
    return verify_chart(scene, image, tolerance_px, program, box)


def verify_chart(chart: s.Chart, image: NDArray[np.generic], tolerance_px: float = TOLERANCE_PX,
                 program: a.Program | None = None, box: PlotBox | None = None) -> Verdict:
    """Verify a checked chart against an image; ``program`` (its AST) locates the diagnostics."""
    spans = _Spans(program, chart)
    try:
        img = as_float(image)  # once, for the measurement and the short bars' look
        m = measure(chart, img, box)
    except RecodeError as err:
        return Verdict(False, list(err.diagnostics), tolerance_px=tolerance_px)
    except (ArithmeticError, ValueError, IndexError) as err:  # degenerate geometry in the image
        return Verdict(False, [Diagnostic("E104", messages.verify_unmeasurable(type(err).__name__), spans.header)],
                       tolerance_px=tolerance_px)
    labels = {(r.series, r.index, r.field): _label(chart, r) for r in m.readings}
    diags: list[Diagnostic] = []
    total = len(m.readings)
    if total and m.found < MIN_FOUND * total:
        diags.append(Diagnostic("E103", messages.verify_too_few_marks(m.found, total), spans.header))
    else:
        for r, (px, tol) in zip(m.readings, judge(m, tolerance_px)):
            where = spans.value(r)
            if r.measured is None and not _outside(m, r) and _hidden_vertex(m, img, r):
                continue  # under a line drawn later, where the program puts it: no pixel can show it
            if r.measured is None or px is None:
                hint = None if r.measured is None else "the program's category range leaves it outside the plot"
                diags.append(Diagnostic("E101", messages.verify_missing(labels[(r.series, r.index, r.field)]), where,
                                        hint))
            elif covered(r, px, tol):
                continue  # the end is covered: the bar shows at least this much, and the program says more
                # (no further than the cover reaches)
            elif px is not None and abs(px) > tol:
                diags.append(Diagnostic("E100", messages.verify_value(
                    labels[(r.series, r.index, r.field)], _num(r.measured), _num(r.stated), abs(px)), where))
    if not any(p.what == "unexplained" for p in m.problems):
        for i in _short_bars(m, img):
            diags.append(Diagnostic("E102", messages.verify_unexplained(
                f"a bar a few px long at category place {i + 1} that no category of the program explains"),
                spans.categories, "add the category or series it shows"))
    for p in m.problems:
        if p.what == "unexplained":
            diags.append(Diagnostic("E102", messages.verify_unexplained(p.message), spans.categories,
                                    "add the category or series it shows"))
        elif p.what in ("colour", "kind", "bend"):
            where = spans.categories if p.what == "bend" else spans.header
            diags.append(Diagnostic("E103", messages.verify_structure(p.message), where))
    return Verdict(not has_errors(diags), diags, m, tolerance_px, labels)


def _hidden_vertex(m: Measurement, img: NDArray[np.float64], r: Reading) -> bool:
    """Whether the vertex of line reading ``r``, not found in the image, is hidden under a series
    drawn after it: a renderer draws the series in order, each over the ones before, so where two
    lines run together the later one's pixels are all the image shows. The place the program gives
    the vertex must show a later series' colour, and every place along the program's segments on
    either side of it, up to HIDDEN_ALONG_PX (or halfway to the next vertex), the line's own colour
    or a later series'; a vertex moved off the later line shows neither there."""
    fr = m.frame
    if m.chart.kind != "line" or fr is None or not 0 <= r.series < len(m.colours):
        return False
    colour = m.colours[r.series]
    over = tuple(c for c in m.colours[r.series + 1:] if c is not None and colour is not None
                 and dist2(np.asarray(c, np.float64), colour) > SERIES_NEAR ** 2)
    if colour is None or not over:
        return False
    values = m.chart.series[r.series].values
    pts = [(fr.other.to_px(float(i)), fr.value.to_px(float(v))) for i, v in enumerate(values)]
    x, y = pts[r.index]
    x0, y0, x1, y1 = fr.box
    if not (x0 <= x <= x1 and y0 <= y <= y1):
        return False
    ground = memo(img, ("plot ground", fr.box), lambda: dominant(
        img[int(math.ceil(y0)) + 1:int(math.floor(y1)) - 1, int(math.ceil(x0)) + 1:int(math.floor(x1)) - 1]))
    h, w = img.shape[:2]
    hidden = others_mark(img, colour, over, ground, (0, h, 0, w))
    own = cover(img, colour, ground, STROKE_BEYOND) > 0.5

    def near(mask: NDArray[np.bool_], px: float, py: float) -> bool:
        c, q = int(math.floor(px)), int(math.floor(py))
        k = HIDDEN_NEAR_PX
        return bool(mask[max(0, q - k):q + k + 1, max(0, c - k):c + k + 1].any())

    if not near(hidden, x, y):
        return False
    for j in (r.index - 1, r.index + 1):
        if not 0 <= j < len(pts):
            continue
        dx, dy = pts[j][0] - x, pts[j][1] - y
        length = math.hypot(dx, dy)
        d = HIDDEN_STEP_PX
        while d <= min(HIDDEN_ALONG_PX, length / 2):
            px, py = x + dx * d / length, y + dy * d / length
            if not (near(hidden, px, py) or near(own, px, py)):
                return False
            d += HIDDEN_STEP_PX
    return True


def _short_bars(m: Measurement, img: NDArray[np.float64]) -> list[int]:
    """The category places, inside the program's category range but without a category of the
    program, where the image shows a bar: along at least SHORT_BAR_PX_SHOWN px within
    SHORT_BAR_PX of the base, the core of the place is a series' colour and the gaps half a
    category either side are not (a gridline or an axis line crosses the gaps too; a tick is one
    line thin). A bar of value 0 draws nothing, so it is no such bar.
    """
    fr = m.frame
    colours = [c for c in m.colours if c is not None]
    if fr is None or m.chart.kind not in BARS or fr.value.log or not colours:
        return []
    lo, hi = sorted((fr.other.lo, fr.other.hi))
    n = len(m.chart.categories)
    empty = [i for i in range(math.ceil(lo), math.floor(hi) + 1) if not 0 <= i < n]
    if not empty:
        return []
    x0, y0, x1, y1 = fr.box
    ground = memo(img, ("plot ground", fr.box), lambda: dominant(
        img[int(math.ceil(y0)) + 1:int(math.floor(y1)) - 1, int(math.ceil(x0)) + 1:int(math.floor(x1)) - 1]))
    return [i for i in empty if _bar_at(img, fr, i, colours, ground)]


def _bar_at(img: NDArray[np.float64], fr: Frame, i: int, colours: list[RGB], ground: RGB) -> bool:
    """Whether a bar of one of ``colours`` shows at category place ``i`` near the base."""
    x0, y0, x1, y1 = fr.box
    vlo, vhi = sorted((fr.value.lo, fr.value.hi))
    base = fr.value.to_px(min(max(0.0, vlo), vhi))
    c = fr.other.to_px(i)
    half = abs(fr.other.to_px(i + 0.5) - c)
    if half < 2:
        return False
    # (along the value axis, across it): columns and rows for an hbar, rows and columns for a bar
    v_lo, v_hi = (x0, x1) if fr.horizontal else (y0, y1)
    o_lo, o_hi = (y0, y1) if fr.horizontal else (x0, x1)
    plane = np.asarray(img if fr.horizontal else img.transpose(1, 0, 2))  # [across, along]
    along = [v for v in range(int(base) - SHORT_BAR_PX, int(base) + SHORT_BAR_PX + 1)
             if v_lo + 1 <= v < v_hi - 1]
    core = [o for o in range(int(math.ceil(c - SHORT_BAR_CORE * half)), int(math.floor(c + SHORT_BAR_CORE * half)) + 1)
            if o_lo + 1 <= o < o_hi - 1]
    gaps = [int(math.floor(g)) for g in (c - half, c + half) if o_lo + 1 <= g < o_hi - 1]
    if not along or len(core) < 2 or not gaps:
        return False
    strip = plane[np.ix_(core + gaps, along)]
    # how much of each line of the core a series' colour covers (an edge's line, partly), where
    # the gaps show the ground
    own = np.max([coverage(strip[:len(core)], col, ground) for col in colours], axis=0).min(axis=0)
    clear = ~(dist2(strip[len(core):], ground) > SERIES_NEAR ** 2).any(axis=0)
    return float(own[clear].sum()) >= SHORT_BAR_PX_SHOWN


def _num(v: float) -> str:
    return f"{v:.4g}" if abs(v) < 1e5 else f"{v:.6g}"


def _label(chart: s.Chart, r: Reading) -> str:
    many = len(chart.series) > 1
    name = f" of '{chart.series[r.series].name}'" if many else ""
    if chart.kind == "scatter":
        return f"point {r.index + 1}{name} ({r.field})"
    cat = chart.categories[r.index] if r.index < len(chart.categories) else str(r.index + 1)
    return f'"{cat}"{name}'


class _Spans:
    """Where each number of the program is written: list items of ``series(...)`` calls."""

    def __init__(self, program: a.Program | None, chart: s.Chart) -> None:
        self.header = program.header.span if program is not None else Span(1, 1, 1, 2)
        self.categories = self.header
        self.items: dict[tuple[int, str], tuple[Span, ...]] = {}
        self.series: list[Span] = [x.span for x in chart.series]
        if program is None:
            return
        k = 0
        for stmt in program.body:
            if not (isinstance(stmt, a.ExprStmt) and isinstance(stmt.expr, a.Call)):
                continue
            call = stmt.expr
            if call.func == "categories":
                self.categories = call.span
            elif call.func == "series":
                for key, expr in self._lists(call):
                    if isinstance(expr, a.ListExpr):
                        self.items[(k, key)] = tuple(item.span for item in expr.items)
                k += 1

    @staticmethod
    def _lists(call: a.Call) -> list[tuple[str, a.Expr]]:
        out: list[tuple[str, a.Expr]] = []
        lists = [arg for arg in call.args if isinstance(arg, a.ListExpr)]
        if len(lists) == 1:
            out.append(("values", lists[0]))
        elif len(lists) == 2:
            out += [("x", lists[0]), ("y", lists[1])]
        out += [(kw.name, kw.value) for kw in call.kwargs if kw.name in ("values", "x", "y")]
        return out

    def value(self, r: Reading) -> Span:
        items = self.items.get((r.series, r.field))
        if items and r.index < len(items):
            return items[r.index]
        if r.series < len(self.series):
            return self.series[r.series]
        return self.header
