"""Measure a chart program's marks in an image: where the renderer puts each mark, and where it is.

The one place that knows where a bar, a line vertex, a point or a wedge goes is the renderer's
``chart_marks.marks(chart, frame)``. Measuring places the chart in the image and reads each of
those marks there:

    chart + image ──1 box───▶ the plot box found in the image (perception.plotbox), never the program's
                  ──2 place─▶ the renderer's frame and marks in that box (its axes, its bar widths)
                  ──3 read──▶ each mark's extent in the image: bar ends, line vertices, points, wedges
                  ──4 check─▶ what the program does not explain: bars no mark covers, series that
                              share a colour, a line that bends between the program's categories

Every reading carries the program's number, the measured one, and the residual in pixels and in
data units; ``fit`` builds numbers from them, ``verify`` judges them, the critic scores them.
Colours are read from the image (a style recolours every series), so the result does not
depend on the look of the chart. Pure numpy/scipy; nothing is executed.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from fractions import Fraction
from functools import cache, partial

import numpy as np
from numpy.typing import NDArray

from recode_dsl import scene as s
from recode_dsl.errors import RecodeError
from recode_dsl.fit.corners import corner_frame
from recode_dsl.fit.far_side import far_side
from recode_dsl.fit.image import (
    LINE_SNAP_PX,
    RGB,
    STROKE_BEYOND,
    Float,
    Frame,
    Scale,
    cover,
    coverage,
    dist2,
    dominant,
    kept,
    line_cover,
    median,
    memo,
    run_end,
)
from recode_dsl.fit.marks import (
    OCCLUDED_PX,
    POINT_BEYOND,
    measure_areas,
    measure_line,
    measure_pie,
    measure_pie_unordered,
    measure_points,
    others_mark,
    point_blobs,
)
from recode_dsl.fit.see_through import seen_through
from recode_dsl.perception.axes import Axis
from recode_dsl.perception.plotbox import PlotBox, as_float, dashes, find_plot_box, refine, tick_cols
from recode_dsl.perception.text import Text
from recode_dsl.quantity import plain
from recode_dsl.renderer import chart_layout, chart_marks
from recode_dsl.renderer.chart_data import BARS, HORIZONTAL, PIES, STACKED, extract

BASE_REACH = 0.15  # bars may reach this share of the box past a frameless base found by the lines
BASE_BACK_PX = 8  # or end this many pixels short of it (the box found out to tick marks under the base)
EDGE_LINE_PX = 3  # a bar's edge line is at most this wide
SEAM_BG = 0.3  # the background shows through a seam between two anti-aliased segments at most f(1 - f)
EDGE_RESIDUE = 0.1  # RGB distance from every mix of a bar's fill and what lies beyond: an edge line
EVEN_LINE = 0.8  # an edge line's pixel this near the most inked one's distance from the mixes is inked as fully
GROUP_GAP_PX = 3  # bars of one category's group touch, or nearly
CATEGORY_FIT_PX = 2.0  # bar groups lie this close to evenly spaced categories
TICK_SNAP_PX = 4.0  # a tick mark this close to where the labels put a category marks it
TICK_SNAP = 0.25  # (and within this share of the categories' spacing)
TICK_FIT_PX = 1.0  # the ticks so found lie this close to evenly spaced categories
FAINT = 0.02  # a faint gridline differs this much (in one of RGB) from the plot's ground
FAINT_ROWS = 0.6  # on this share of the box's rows at least
BASE_INSETS_PX = (2, 4, 6)  # bars' runs along the base are looked for this far inside it, nearest first
BASE_OFFSET_PX = 4  # bars are looked for this far past the base (clear of a frame or gridline there)
ALONG_SHARE = 0.9  # a run of colour along this much of the base line is a line, not bars
MAX_LINES = 9  # pixel lines read across a bar's middle
START_SEARCH_PX = 4  # a bar's colour must show within this many pixels of its base
GRID_GAP_PX = 3  # a gridline drawn over a bar interrupts its colour for up to this many pixels
SAME_SERIES = 0.12  # RGB distance under which two measured colours are one colour
MARK_COLOUR = 0.12  # a pixel this far from the plot's background belongs to a mark
UNEXPLAINED_PX = 3.0  # a bar in the image reaching this far past every mark of the program
MARKER_WINDOW_PX = 9  # a marker's centre is looked for this near its vertex
MARKER_AGREE_PX = 1.0  # and must lie this close to the line's own estimate (a marker merged with a
# thick line's strokes at a sharp vertex pulls its core off the vertex)
MARKER_CLEAR_PX = 7.0  # columns this close to a line's vertex may hold its marker
MARKER_SYMMETRY_PX = 0.3  # a marker core whose centroid is further from its box's middle is lopsided
MARKER_MIRROR = 0.85  # a core whose flip upside down covers less of it (and it of the flip) is a triangle's
MARKER_REACH_PX = 4  # a marker reaches this far past its core (the thinning took 2 px off it)
MARKER_CORE_PX = 12  # a marker's core (what is left when the line is thinned away) spans at most this
MARKER_CLEAN_AGREE_PX = 2.5  # a clean core (symmetric both ways, about as tall as wide, filling its box)
# may lie this far from the line's own estimate, which a steep segment's ends pull off the vertex
MARKER_CLEAN_FILL = 0.6  # a clean core fills this share of its bounding box at least
MARKER_CLEAN_MIN_PX = 3  # and spans this much both ways (a thick line's sharp vertex leaves a pixel or two)
AXIS_AGREE_PX = 1.5  # a mark this close to where an axis reading puts it agrees with that reading
CALIBRATE_FIT_PX = 1.0  # gridlines must lie this close to one straight map from their ticks
SIDE_TICK = 0.1  # the box's side lines count with them when on a tick to this share of the step
SIDE_FIT_PX = 0.5  # and all lie this close to one straight map
EDGE_FIT_PX = 0.25  # the bars' base steadies the gridlines' fit when it lies this close to their joint map
BEYOND_PX = 9.0  # a line's end marker reaches this far past its vertex (any marker, the program may omit it)
BEYOND_MIN_COLUMNS = 6  # a line past the program's ends shows on this many columns at least
BEYOND_START_PX = 25.0  # how far up or down the line may be found past the marker's reach
BEYOND_TRACK_PX = 8.0  # and then from one column to the next
BEYOND_MEET_PX = 3.0  # the line so traced, run on back to a measured vertex's column, meets it this close
BG_INSETS_PX = (3, 8)  # the rings inside the box's edges where its background is sampled
BG_RIVAL = 0.2  # a second colour on this share of the background's ring may be the background
BG_CHROMA_STEP = 0.1  # chromas (max - min of RGB) this close are alike
BG_CLEAR_PX = 3  # the plot's background is sampled this far from where the program puts a bar
BG_MIN_SAMPLES = 40  # unless fewer pixels than this are left there
PRESENT_PX = 12  # pixels (of a quarter sample) of a colour that make it a mark's
GRID_SAMPLES = 9  # columns across the box where gridlines are looked for
GRID_AGREE = 0.6  # a gridline's colour shows on this share of them in its row (marks hide some)
LINE_BEND_PX = 2.0  # RMS distance of a line's pixels from the program's polyline that shows a bend


@dataclass(frozen=True, slots=True)
class Reading:
    """One number of the program against the image: series ``series``, item ``index`` (a
    category, or a scatter point), ``field`` "values", "x" or "y". ``measured`` is None when
    the mark was not found. Residuals are measured minus stated."""

    series: int
    index: int
    field: str
    stated: float
    measured: float | None
    residual_px: float | None
    hidden: bool = False  # the mark's end is covered (by a legend): it reaches at least ``measured``
    # how far past the measured end (pixels) the cover's ink reaches: a covered end lies no
    # further; None when unknown (a cover of the ground's own colour, seen by its frame only)
    cover_px: float | None = None

    @property
    def residual(self) -> float | None:
        return None if self.measured is None else self.measured - self.stated


@dataclass(frozen=True, slots=True)
class Problem:
    """Something in the image the program does not explain, or explains otherwise.

    ``what``: "unexplained" (a mark no statement accounts for), "colour" (two series of the
    program are one colour in the image: a series or the kind is wrong), "bend" (a line bends
    between the program's categories: a category is missing or added), "kind" (the marks are of
    another kind), "box" (no plot box in the image). ``series``: the series concerned, or -1.
    """

    what: str
    message: str
    series: int = -1
    px: float = 0.0


@dataclass(frozen=True, slots=True)
class Measurement:
    """The chart placed in the image, its readings, and the problems found."""

    chart: s.Chart
    box: PlotBox | None
    readings: tuple[Reading, ...]
    problems: tuple[Problem, ...]
    start_angle: float | None = None  # pies: where the first wedge starts, as measured
    colours: tuple[RGB | None, ...] = ()  # per series: the colour its marks show in the image
    frame: Frame | None = None  # the axes as measured (value and category or x scales in pixels)
    radius: float = 0.0  # pies: the radius in pixels
    axis_from: str = "program"  # the value scale: "program" (its range; the box and gridlines),
    # "labels" (tick labels read in the image), "default" (the renderer's range for the program's data)

    @property
    def found(self) -> int:
        return sum(r.measured is not None for r in self.readings)

    def worst_px(self) -> float:
        return max((abs(r.residual_px) for r in self.readings if r.residual_px is not None), default=0.0)


def measure(chart: s.Chart, image: NDArray[np.generic], box: PlotBox | None = None) -> Measurement:
    """Read every mark of ``chart`` in ``image`` (HxW, HxWx3 or HxWx4). ``box``: a plot box
    already found in this image (else it is found here).

    Raises nothing on a chart that does not match: the readings come back unmeasured and the
    problems say why. A chart the renderer cannot lay out raises its RenderError.
    """
    img = as_float(image)
    if chart.kind in PIES:
        return _measure_pie(chart, img)
    ranged = chart.value_axis.lo is not None and chart.value_axis.hi is not None and (
        chart.kind != "scatter" or (chart.x_axis.lo is not None and chart.x_axis.hi is not None))
    if ranged or (chart.kind in ("line", "area") and chart.category_axis.lo is None):
        # the program states its ranges (no labels to read), or its categories are placed by
        # their labels (the texts are read anyway)
        return _measure(chart, img, box, True)
    # OCR is the dearest reading: first the image's gridlines alone; the tick labels are read
    # (and everything measured again with them, as ever) unless every mark agrees with them and
    # nothing in the image is left unexplained
    first = _measure(chart, img, box, False)
    if _disagreement(list(first.readings))[0] == 0 and not first.problems:
        return first
    return _measure(chart, img, box, True)


def _measure(chart: s.Chart, img: Float, box: PlotBox | None, ocr: bool) -> Measurement:
    """``measure`` of a chart that is not a pie; ``ocr``: the tick labels are read (else the
    axes are read from the gridlines and the program's numbers alone)."""
    found = box if box is not None else find_plot_box(img)  # (out to the lines past it; from gridlines alone)
    if found is None:
        h, w = img.shape[:2]
        b, how = refine(img, _stated_box(chart, w, h), 5)
        found = PlotBox(b, how, (0.0, 0.0, 0.0, 0.0))
        problems: list[Problem] = [Problem("box", "the image shows no plot box; the program's is used")]
    else:
        problems = []
    placed, frame, marks = place(chart, img.shape[1], img.shape[0], found.box)
    bg = _background(img, found.box, marks)
    dotted = dotted_lines(img, found, bg, chart.kind not in HORIZONTAL)
    if chart.kind in BARS:
        base = _bar_base(img, found, marks, bg, chart.kind in HORIZONTAL)
        if base is not None:
            found = base
            placed, frame, marks = place(chart, img.shape[1], img.shape[0], found.box)
    vf = _fit_frame(placed, frame)
    wider = far_side(found, vf.value, not vf.horizontal, img.shape[1] if vf.horizontal else 0.0)
    if wider is not None:  # gridlines past the far side: the box reaches past them
        found = wider
        placed, frame, marks = place(chart, img.shape[1], img.shape[0], found.box)
    # the bars' base on a shaded ground's border (no frame line drawn over it): a boundary Agg
    # snaps as it snaps the bars' ends (where the box was found only where marks stop, a bar's
    # own edge line in the ground's colour may lie between). Not where the box's sides beside the
    # base were found only where the gridlines stop short ("extent": nothing drawn there stops
    # them but a frame line of the ground's own colour,
    # fivethirtyeight's): that line covers the bars' base too, by the same width, and their
    # colour ends short of zero (1.2 px at 80 dpi: taken as zero it tilted the slope 0.5%)
    side = 0 if chart.kind in HORIZONTAL else 3
    beside = (1, 3) if chart.kind in HORIZONTAL else (0, 2)
    ground_frame = all(found.how[k] == "extent" for k in beside)
    base_edge = _bar_base_edge(img, found, marks, bg, chart.kind in HORIZONTAL) \
        if chart.kind in BARS and found.how[side] == "step" and not ground_frame else None
    edges = () if base_edge is None else (base_edge,)
    stated = chart.value_axis.lo is not None and chart.value_axis.hi is not None
    # no range stated: the tick labels say what the gridlines are (their spacing alone cannot
    # say it when the range is the renderer's guess from the program's own numbers)
    x_stated = chart.kind != "scatter" or (chart.x_axis.lo is not None and chart.x_axis.hi is not None)
    labels: Axis | None = None
    x_labels: Axis | None = None  # a scatter's x axis likewise
    # where the program's categories are placed by their labels (lines, areas) the texts are
    # read anyway
    read_now = ocr or (chart.kind in ("line", "area") and chart.category_axis.lo is None)

    def read_labels() -> None:
        nonlocal labels, x_labels
        horizontal = _fit_frame(placed, frame).horizontal
        labels = None if stated else _axis_from_labels(img, not horizontal)
        x_labels = None if x_stated else _axis_from_labels(img, horizontal)

    if read_now:
        read_labels()
    # (value range, x range) on round numbers with no margin, of the chart as first placed, worked
    # out once asked (dear: the renderer lays the chart out again; a stated range never asks)
    nice = cache(partial(_nice_range, placed))

    at_options: list[tuple[float, float]] = []  # a line's categories as the image places them

    def axes_of(pl: s.Chart, fm: chart_layout.Frame, read: tuple[str, str] = ("labels", "labels")) -> Frame:
        f0 = _fit_frame(pl, fm)
        ranges = nice() if "nice" in read and not (stated and x_stated) else None
        if read[0] == "extent" and not stated:
            got = _extent(pl)
            if got is not None:
                f0 = Frame(f0.box, f0.horizontal, replace(f0.value, lo=got[0], hi=got[1]), f0.other)
        if read[0] == "nice" and ranges is not None and not stated:
            f0 = Frame(f0.box, f0.horizontal, replace(f0.value, lo=ranges[0][0], hi=ranges[0][1]), f0.other)
        if read[1] == "nice" and ranges is not None and ranges[1] is not None and not x_stated:
            f0 = Frame(f0.box, f0.horizontal, f0.value, replace(f0.other, lo=ranges[1][0], hi=ranges[1][1]))
        f = calibrate(f0, found, dotted, pl.kind != "scatter", edges)
        v, o = f.value, f.other if not at_options else f0.other  # (the options say it to a fraction of a pixel)
        if labels is not None and read[0] == "labels":
            v = Scale(v.lo, v.hi, labels.pixel(v.lo), labels.pixel(v.hi), v.log)
        if x_labels is not None and read[1] == "labels":
            o = Scale(o.lo, o.hi, x_labels.pixel(o.lo), x_labels.pixel(o.hi), o.log)
        return Frame(f.box, f.horizontal, v, o)

    if chart.kind in BARS and chart.category_axis.lo is None:
        # the program leaves the category layout to the renderer: take the image's (another
        # renderer spaces and sizes its bars otherwise)
        v0 = _fit_frame(placed, frame).value  # the renderer's range for the program's numbers
        # bars on either side of 0, or every one below it (0 the range's top: the bars hang from
        # the box's far side, not stand on its near one)
        zero = axes_of(placed, frame).value.to_px(0.0) if min(v0.lo, v0.hi) < 0 <= max(v0.lo, v0.hi) else None
        cal = _bar_categories(img, found, marks, bg, chart.kind in HORIZONTAL, len(chart.categories),
                              chart.kind == "grouped_bar", zero)
        if cal is not None:
            width = plain(Fraction(int(round(cal[1] * 1000)), 1000))
            options = list(cal[0])
            if chart.kind in HORIZONTAL:  # first category at the bottom (matplotlib) or the top (Vega-Lite)
                options += [(p0 + step * (len(chart.categories) - 1), -step) for p0, step in cal[0]]
            best = None
            for option in options:
                laid = place(replace(chart, bar_width=width), img.shape[1], img.shape[0], found.box, option)
                got = _bars(img, axes_of(laid[0], laid[1]), laid[2], bg, len(chart.series))[0]
                res = [abs(r.residual_px) for r in got if r.residual_px is not None]
                score = (len(got) - len(res), median(res) if res else math.inf)
                if best is None or score < best[0]:
                    best = (score, laid)
            assert best is not None
            placed, frame, marks = best[1]
    if chart.kind in ("line", "area") and chart.category_axis.lo is None:
        # the program leaves the category layout to the renderer: its labels say where they are
        at = _categories_from_labels(img, chart.categories, chart.kind in HORIZONTAL)
        if at is not None:
            # the tick marks say it better; where a renderer draws a tick relative to its
            # category (on it, or half a pixel past it for a crisp line) the marks decide below
            at_options = _snap_to_ticks(img, found, at, len(chart.categories)) or [at]
            placed, frame, marks = place(chart, img.shape[1], img.shape[0], found.box, at_options[0])
        else:
            at_options = _unlabelled_categories(img, found, frame, chart.kind in HORIZONTAL, len(chart.categories))
            if at_options:
                placed, frame, marks = place(chart, img.shape[1], img.shape[0], found.box, at_options[0])

    def read_marks(fr: Frame) -> tuple[list[Reading], list[RGB | None], list[Problem]]:
        if chart.kind in BARS:
            return _bars(img, fr, marks, bg, len(chart.series))
        if chart.kind == "line":
            return _lines(img, fr, placed, marks, bg)
        if chart.kind == "area":
            return _areas(img, fr, placed, marks, bg)
        return _scatter(img, fr, placed, marks, bg)

    fr = axes_of(placed, frame)
    axis_from = "program" if stated else "labels" if labels is not None or x_labels is not None else "default"
    readings, colours, more = read_marks(fr)
    if len(at_options) > 1:
        kept = (placed, frame, marks)
        for option in at_options[1:]:
            placed, frame, marks = place(chart, img.shape[1], img.shape[0], found.box, option)
            fr2 = axes_of(placed, frame)
            got2 = read_marks(fr2)
            if _disagreement(got2[0]) < _disagreement(readings):
                fr, (readings, colours, more), kept = fr2, got2, (placed, frame, marks)
        placed, frame, marks = kept
    Got = tuple[Frame, tuple[list[Reading], list[RGB | None], list[Problem]], str]

    def best_read(got: Got) -> Got:
        fr, marks_read, axis_from = got
        if stated and x_stated:
            return got
        # an image that prints no range: its tick labels (OCR may misread them), the renderer's
        # own range for the program's numbers, or that range ending on round numbers (Vega-Lite's
        # nice scales, no margin): the reading under which fewer marks disagree stands
        fewest = _disagreement(marks_read[0])
        tried = {(fr.value, fr.other)}
        reads = [(vm, xm) for vm in ("labels", "default", "nice", "extent") for xm in ("labels", "default", "nice")]
        for read in reads:
            fr2 = axes_of(placed, frame, read)
            if (fr2.value, fr2.other) in tried:
                continue  # the same reading as one tried (without labels read: "default")
            tried.add((fr2.value, fr2.other))
            got2 = read_marks(fr2)
            if _disagreement(got2[0]) < fewest:
                fewest, fr, marks_read = _disagreement(got2[0]), fr2, got2
                axis_from = "labels" if "labels" in read and (labels or x_labels) else read[0]
        return fr, marks_read, axis_from

    fr, (readings, colours, more), axis_from = best_read((fr, (readings, colours, more), axis_from))
    if chart.kind == "line" and chart.category_axis.lo is None and not at_options and len(chart.categories) >= 2 \
            and _disagreement(readings)[0] > 0:
        # no label, tick or gridline places the categories, and marks disagree where the renderer
        # puts them: Vega-Lite's point scale (n equal slots across the box, a category in the
        # middle of each) stands where fewer marks disagree under it
        kept = (placed, frame, marks)
        at_options.append(_point_scale(found, len(chart.categories), False))  # (axes_of takes the options' axis)
        placed, frame, marks = place(chart, img.shape[1], img.shape[0], found.box, at_options[0])
        fr2 = axes_of(placed, frame)
        alt = best_read((fr2, read_marks(fr2), "program" if stated else "default"))
        if _disagreement(alt[1][0]) < _disagreement(readings):
            fr, (readings, colours, more), axis_from = alt
        else:
            placed, frame, marks = kept
    return Measurement(placed, found, tuple(readings), tuple(problems + more), None, tuple(colours), fr,
                       axis_from=axis_from)


_Ranges = tuple[tuple[float, float], tuple[float, float] | None]  # a value range, and a scatter's x range


def _nice_range(chart: s.Chart) -> _Ranges | None:
    """The value range (and a scatter's x range) the renderer gives the program's numbers when its
    scales take in zero and end on round numbers with no margin (Vega-Lite's); None for log axes."""
    if chart.value_axis.log:
        return None
    try:
        vega = replace(chart, look=replace(chart.look, theme="vega-lite"))
        fm = chart_layout.build(vega, extract(vega))
    except (RecodeError, ArithmeticError, ValueError):
        return None
    f = _fit_frame(vega, fm)
    other = (f.other.lo, f.other.hi) if chart.kind == "scatter" and not chart.x_axis.log else None
    return (f.value.lo, f.value.hi), other


def _extent(chart: s.Chart) -> tuple[float, float] | None:
    """The value range from zero to the program's furthest values, with no margin and no
    rounding (a Vega-Lite scale that is not made nice), stacks summed each way; None for a
    scatter, a log scale, or no values.

    >>> _extent(s.Chart("stacked_bar", None, ("a", "b"), (s.Series("p", (1, -2)), s.Series("q", (3, 1))), ()))
    (-2.0, 4.0)
    """
    if chart.kind not in (*BARS, "line", "area") or chart.value_axis.log or not chart.series:
        return None
    cols = list(zip(*(x.values for x in chart.series)))
    if chart.kind in STACKED:
        ends = [float(sum(v for v in c if v > 0)) for c in cols] + [float(sum(v for v in c if v < 0)) for c in cols]
    else:
        ends = [float(v) for c in cols for v in c]
    lo, hi = min([0.0, *ends]), max([0.0, *ends])
    return (lo, hi) if hi > lo else None


def _disagreement(readings: list[Reading]) -> tuple[int, float]:
    """Marks not found or more than the tolerance off, then the median residual (pixels)."""
    res = [abs(r.residual_px) for r in readings if r.residual_px is not None]
    off = sum(1 for r in readings if r.residual_px is None or abs(r.residual_px) > AXIS_AGREE_PX)
    return off, median(res) if res else math.inf


def _stated_box(chart: s.Chart, w: int, h: int) -> tuple[float, float, float, float]:
    if chart.plot_box is not None and chart.canvas is not None:
        sx, sy = w / float(chart.canvas[0]), h / float(chart.canvas[1])
        x0, y0, x1, y1 = (float(v) for v in chart.plot_box)
        return (x0 * sx, y0 * sy, x1 * sx, y1 * sy)
    left, top, right, bottom = chart_layout.SUBPLOT
    return (left * w / 1000, top * h / 1000, right * w / 1000, bottom * h / 1000)


def exact(v: float) -> s.Exact:
    """A float as an exact number with two decimals (a pixel position)."""
    return plain(Fraction(int(round(v * 100)), 100))


def place(chart: s.Chart, w: int, h: int, box: tuple[float, float, float, float],
          categories: tuple[float, float] | None = None
          ) -> tuple[s.Chart, chart_layout.Frame, tuple[chart_marks.Mark, ...]]:
    """The chart on a ``w`` x ``h`` canvas with its plot box at ``box``: the chart, the
    renderer's frame and its marks. ``categories``: (pixel of category 0, pixels per category)
    as measured, replacing the renderer's category axis."""
    x0, y0, x1, y1 = box
    placed = replace(chart, canvas=(w, h), plot_box=(exact(x0), exact(y0), exact(x1), exact(y1)))
    frame = chart_layout.build(placed, extract(placed))
    if categories is not None:
        p0, step = categories
        side = frame.y if chart.kind in HORIZONTAL else frame.x
        sc = replace(side.scale, p0=p0 + side.scale.lo * step, p1=p0 + side.scale.hi * step)
        if chart.kind in HORIZONTAL:
            frame = replace(frame, y=replace(frame.y, scale=sc))
        else:
            frame = replace(frame, x=replace(frame.x, scale=sc))
    return placed, frame, chart_marks.marks(placed, frame)


def _bar_categories(img: Float, found: PlotBox, marks: tuple[chart_marks.Mark, ...], bg: RGB, horizontal: bool,
                    k: int, grouped: bool = True, zero: float | None = None
                    ) -> tuple[list[tuple[float, float]], float] | None:
    """Where the image may put its categories: the options for (pixel of category 0, pixels per
    category), and the bar or group width in categories, from the bars (or groups of touching
    bars) along the base. The groups of the common width must lie evenly spaced; a category
    whose bars do not reach the base line (zero, or a short last bar of a group) shows no group
    or a narrower one, so when fewer than ``k`` full groups show, each way of placing the ``k``
    categories over them is an option. ``grouped``: a category shows several bars side by side
    (else bars a few pixels apart are two categories). ``zero``: where the value 0 lies inside the
    box (bars on either side of it), else the bars stand on the box's side. None when the bars
    do not say."""
    groups: list[list[float]] = []
    best: list[list[float]] = []
    more = False  # a line nearer the base shows more groups than the k categories
    for inset in BASE_INSETS_PX:  # past a line drawn along the base (an axis over the bars' feet)
        groups = []
        for a, b in _base_runs(img, found.box, bg, horizontal, inset, zero):
            if grouped and groups and a - groups[-1][1] <= GROUP_GAP_PX:
                groups[-1][1] = b
            else:
                groups.append([a, b])
        if grouped and len(groups) > k:
            groups = _broken_groups_joined(groups)
        more = more or (len(groups) > k and not best)
        if len(groups) <= k and len(groups) > len(best):
            best = groups
        if len(groups) == k:
            break
    groups = best
    if k < 2 or len(groups) < 2 or more:
        # more bars stand on the base than the program has categories (a short bar shows only
        # on the lines nearest it): the deeper line's fewer bars are no layout of the program's
        return None
    widths = np.array([b - a for a, b in groups])
    width = median(widths)
    full = np.array([(a + b) / 2 for a, b in groups if abs(b - a - width) <= CATEGORY_FIT_PX])
    if len(full) < 2:
        return None
    gaps = np.diff(full)
    step = median(gaps[gaps < 1.5 * gaps.min()])  # neighbours' spacing (a missing group doubles a gap)
    if step < 4:
        return None
    idx = np.round((full - full[0]) / step)
    if int(idx[-1]) > k - 1 or len(set(idx.tolist())) < len(idx):
        return None
    options = []
    for offset in range(k - int(idx[-1])):
        at = idx + offset
        if horizontal:
            at = (k - 1) - at  # category 0 at the bottom
        st, p0 = np.polyfit(at, full, 1)
        if np.abs(p0 + st * at - full).max() <= CATEGORY_FIT_PX:
            options.append((float(p0), float(st)))
    return (options, width / step) if options else None


def _broken_groups_joined(groups: list[list[float]]) -> list[list[float]]:
    """Groups with a bar missing between two that reach the base (a zero, or a bar too short to
    reach the line read) joined again: two neighbouring pieces, each narrower than the common
    group width, that together span it (within CATEGORY_FIT_PX).

    >>> _broken_groups_joined([[0, 30], [40, 70], [80, 90], [100, 110], [120, 150]])
    [[0, 30], [40, 70], [80, 110], [120, 150]]
    """
    width = median([b - a for a, b in groups])
    out: list[list[float]] = []
    for g in groups:
        if out and out[-1][1] - out[-1][0] < width - CATEGORY_FIT_PX and g[1] - g[0] < width - CATEGORY_FIT_PX \
                and abs(g[1] - out[-1][0] - width) <= CATEGORY_FIT_PX:
            out[-1] = [out[-1][0], g[1]]
        else:
            out.append(list(g))
    return out


def _base_runs(img: Float, box: tuple[float, float, float, float], bg: RGB, horizontal: bool,
               inset: int = 2, zero: float | None = None) -> list[tuple[int, int]]:
    """Runs of mark colour (3 px or more) along the line ``inset`` pixels inside the box's base
    side; ``zero``: the pixel of the value 0 inside the box (an axis with negative values), where
    the lines ``inset`` pixels either side of it are read (bars rise from it or hang below it);
    only those inside the box (with every value negative 0 is the box's far side, the bars hang
    from it: the line past it is no bar's)."""
    x0, y0, x1, y1 = box
    h, w = img.shape[:2]
    if horizontal:
        cols = [int(math.floor(x0)) + inset] if zero is None else \
            [int(math.floor(zero)) + inset, int(math.ceil(zero)) - 1 - inset]
        lo = int(math.ceil(y0)) + 1
        strips = [img[lo:int(math.floor(y1)) - 1, c] for c in cols if 0 <= c < w and x0 < c < x1 - 1]
    else:
        rows = [int(math.ceil(y1)) - 1 - inset] if zero is None else \
            [int(math.ceil(zero)) - 1 - inset, int(math.floor(zero)) + inset]
        lo = int(math.ceil(x0)) + 1
        strips = [img[r, lo:int(math.floor(x1)) - 1] for r in rows if 0 <= r < h and y0 < r < y1 - 1]
    if not strips:
        return []
    on = np.logical_or.reduce([np.linalg.norm(s - np.asarray(bg), axis=1) > MARK_COLOUR for s in strips])
    d = np.diff(np.concatenate([[0], on.astype(np.int8), [0]]))
    return [(lo + int(a), lo + int(b)) for a, b in zip(np.flatnonzero(d == 1), np.flatnonzero(d == -1)) if b - a >= 3]


def _axis_from_labels(img: Float, vertical: bool) -> Axis | None:
    """An axis read from its tick labels (OCR); None when they cannot be read."""
    from recode_dsl.perception import axes

    texts = _texts(img)
    if texts is None:
        return None
    try:
        return axes.find_axis(texts, img, vertical=vertical)
    except (ValueError, RuntimeError, ImportError, OSError):
        return None


def _categories_from_labels(img: Float, categories: tuple[str, ...], horizontal: bool
                            ) -> tuple[float, float] | None:
    """Where the image puts its categories, from their labels (a label is centred on its
    category): (pixel of category 0, pixels per category), when at least two labels are read as
    written, once each, evenly spaced; else None."""
    texts = _texts(img)
    if not texts or len(categories) < 2:
        return None

    def norm(t: str) -> str:
        return "".join(t.split()).casefold()

    hits = [[t for t in texts if norm(t.text) == norm(name)] for name in categories]
    # a name written more than once (a legend entry, a title naming a category) is the label on
    # the row (column) of the labels written once, within a label's height of it
    across = [h[0].centre[0] if horizontal else h[0].centre[1] for h in hits if len(h) == 1]
    row = median(across) if across else None
    idx, pos = [], []
    for i, hs in enumerate(hits):
        if len(hs) > 1 and row is not None:
            hs = [t for t in hs if abs((t.centre[0] if horizontal else t.centre[1]) - row) <= _text_size(t, horizontal)]
        if len(hs) == 1:
            idx.append(float(i))
            pos.append(hs[0].centre[1] if horizontal else hs[0].centre[0])
    if len(idx) < 2:
        return None
    step, p0 = np.polyfit(np.asarray(idx), np.asarray(pos), 1)
    if abs(step) < 4 or np.abs(p0 + step * np.asarray(idx) - np.asarray(pos)).max() > CATEGORY_FIT_PX:
        return None
    return float(p0), float(step)


def _text_size(t: Text, horizontal: bool) -> float:
    """A label's extent across the category axis's row of labels (its height under a
    horizontal axis, its width beside a vertical one)."""
    return float(t.width if horizontal else t.box[3] - t.box[1])


def _snap_to_ticks(img: Float, found: PlotBox, at: tuple[float, float], n: int) -> list[tuple[float, float]]:
    """The categories' places from labels (a label's box says its centre to a pixel or two)
    snapped to the tick marks under the plot, or vertical gridlines, near them: (pixel of category
    0, pixels per category), refitted on the ticks when at least two categories have one within
    TICK_SNAP of the labels' place and they lie on one line; three options: the category half a
    pixel before the tick's centre (a crisp line drawn half a pixel past it, as Agg and Vega
    draw), on it, and a pixel before it (Vega rounds a tick to a whole pixel, then draws it
    crisp: a category on a half pixel has its tick a pixel past it). Vertical gridlines (across
    the whole box) are tried first, then the marks under the box (where labels may stand too).
    Empty when neither says."""
    p0, step = at
    for ticks in (list(found.inner_cols()) + list(_faint_cols(img, found.box)), list(tick_cols(img, found.box))):
        pairs = []
        for i in range(n):
            x = p0 + i * step
            near = [c for c in ticks if abs(c - LINE_SNAP_PX - x) <= min(TICK_SNAP_PX, TICK_SNAP * abs(step))]
            if near:
                pairs.append((float(i), min(near, key=lambda c: abs(c - LINE_SNAP_PX - x)) - LINE_SNAP_PX))
        if len(pairs) < max(2, (n + 1) // 2):
            continue
        idx, pos = np.array([q[0] for q in pairs]), np.array([q[1] for q in pairs])
        st, q0 = np.polyfit(idx, pos, 1)
        if np.abs(q0 + st * idx - pos).max() > TICK_FIT_PX:
            continue
        q0, st = _rounded_fit(idx, pos, float(q0), float(st))
        options = [(q0, st), (q0 + LINE_SNAP_PX, st), (q0 - LINE_SNAP_PX, st)]
        if len(found.cols) >= 2 and n >= 2:
            # equal slots across the box between its outermost vertical lines, a category in the
            # middle of each (Vega-Lite's point scale): exact where the ticks, rounded, allow it
            lo, hi = min(found.cols) - LINE_SNAP_PX, max(found.cols) - LINE_SNAP_PX
            slot = (hi - lo) / n
            if slot > 0 and np.abs(lo + slot * (idx + 0.5) - pos).max() <= 0.5 + 1e-6:
                options.insert(0, (lo + slot / 2, slot))
        return options
    return []


def _unlabelled_categories(img: Float, found: PlotBox, frame: chart_layout.Frame, horizontal: bool,
                           n: int) -> list[tuple[float, float]]:
    """Where a line's categories stand when no label of theirs is read (a theme whose font the
    renderer lacks draws no text): at the tick marks under the plot (or vertical gridlines), a
    renderer draws one at each category. The ticks are looked for near the renderer's own places
    for the categories (matplotlib's, with its margins), then near Vega-Lite's point scale (n equal
    slots across the box, a category in the middle of each: half a step of padding at each end);
    the options of ``_snap_to_ticks`` for the first the ticks confirm, else none (the renderer's
    places stand, as before)."""
    if n < 2:
        return []
    side = frame.y if horizontal else frame.x
    sc = side.scale
    own = (float(sc(0.0)), float(sc(1.0) - sc(0.0)))
    for at in (own, _point_scale(found, n, horizontal)):
        options = _snap_to_ticks(img, found, at, n)
        if options:
            return options
    return []


def _point_scale(found: PlotBox, n: int, horizontal: bool) -> tuple[float, float]:
    """Vega-Lite's point scale for ``n`` categories across the box: (first place, step), n equal
    slots with a category in the middle of each (half a step of padding at each end)."""
    lo, hi = (found.box[1], found.box[3]) if horizontal else (found.box[0], found.box[2])
    slot = (hi - lo) / n
    return lo + slot / 2, slot


def _rounded_fit(idx: Float, pos: Float, q0: float, st: float) -> tuple[float, float]:
    """The evenly spaced places (first, step) whose every place rounds to its tick's pixel: the
    centre of all such (a tick drawn crisp stands on its place rounded to a whole pixel, so the
    places lie within half a pixel of it); the least-squares line when none does (ticks at
    fractional places)."""
    span = float(idx.max() - idx.min())
    if span < 1:
        return q0, st
    steps = st + np.linspace(-1.0, 1.0, 401) / span
    lo = (pos[None, :] - 0.5 - steps[:, None] * idx[None, :]).max(axis=1)
    hi = (pos[None, :] + 0.5 - steps[:, None] * idx[None, :]).min(axis=1)
    width = hi - lo
    ok = width > 0
    if not ok.any():
        return q0, st
    wt = width[ok]
    return float(((lo + hi)[ok] / 2 * wt).sum() / wt.sum()), float((steps[ok] * wt).sum() / wt.sum())


def _faint_cols(img: Float, box: tuple[float, float, float, float]) -> tuple[float, ...]:
    """Centres of vertical gridlines however faint: narrow columns (at most 2 px) unlike the box's
    ground colour on most of its rows (``memo``)."""
    x0, y0, x1, y1 = (int(round(v)) for v in box)

    def find() -> tuple[float, ...]:
        sub = img[max(0, y0 + 2):max(0, y1 - 1), max(0, x0 + 2):max(0, x1 - 1)]
        if sub.shape[0] < 10 or sub.shape[1] < 10:
            return ()
        ground = np.median(sub[::4, ::4].reshape(-1, 3), axis=0)
        on = (np.abs(sub - ground).max(axis=-1) > FAINT).mean(axis=0) > FAINT_ROWS
        d = np.diff(np.concatenate([[0], on.astype(np.int8), [0]]))
        return tuple(x0 + 2 + (a + b) / 2 for a, b in zip(np.flatnonzero(d == 1), np.flatnonzero(d == -1))
                     if b - a <= 2)

    return memo(img, ("faint cols", x0, y0, x1, y1), find)


def _texts(img: Float) -> list[Text] | None:
    """The image's texts, read by OCR once an image (``memo``); None when OCR fails."""
    from recode_dsl.perception import text

    def read() -> list[Text] | None:
        try:
            return text.find_texts(img)
        except (ValueError, RuntimeError, ImportError, OSError):
            return None

    return memo(img, "texts", read)


def _fit_frame(chart: s.Chart, frame: chart_layout.Frame) -> Frame:
    """The renderer's frame as the measurers' Frame (value axis, and category or x axis)."""
    horizontal = chart.kind in HORIZONTAL
    v, o = (frame.x.scale, frame.y.scale) if horizontal else (frame.y.scale, frame.x.scale)
    return Frame(frame.box, horizontal, Scale(v.lo, v.hi, v.p0, v.p1, v.log), Scale(o.lo, o.hi, o.p0, o.p1, o.log))


def _bar_base(img: Float, found: PlotBox, marks: tuple[chart_marks.Mark, ...], bg: RGB,
              horizontal: bool) -> PlotBox | None:
    """Where the bars start, when the box's side there was only found where lines stop (a
    frameless style, stacked bars whose lowest segments are short): bars rise from the box's
    edge (matplotlib clips them there), so the outer end of their colour in the middle of each
    bar is that edge. None when the side is a frame line or a border, or the bars do not say."""
    side = 0 if horizontal else 3
    if found.how[side] == "line":
        return None
    edge = _bar_base_edge(img, found, marks, bg, horizontal)
    if edge is None:
        return None
    reach = BASE_REACH * ((found.box[2] - found.box[0]) if horizontal else (found.box[3] - found.box[1]))
    if abs(edge - found.box[side]) < 0.5 or abs(edge - found.box[side]) > reach:
        return None
    box = list(found.box)
    box[side] = edge
    return replace(found, box=(box[0], box[1], box[2], box[3]))


def _bar_base_edge(img: Float, found: PlotBox, marks: tuple[chart_marks.Mark, ...], bg: RGB,
                   horizontal: bool) -> float | None:
    """The pixel boundary where the bars start: the outer end of their colour in the middle of
    each bar (their median), less a line along the side inked between the bars too; None when
    fewer than half the bars (or two) say it."""
    rects = [m for m in marks if isinstance(m, chart_marks.Rect)]
    # it reads the bars' middles and their breadth alone, not their lengths: a critic's or the
    # fit's candidates that put their categories alike share it (and _measure asks it again after
    # _bar_base); kept per image
    key = (tuple(found.box), tuple((r.y0, r.y1) if horizontal else (r.x0, r.x1) for r in rects), tuple(bg),
           horizontal)
    return kept(img, "bar base edges", key, lambda: _bar_base_edge_of(img, found, rects, bg, horizontal),
                BASE_EDGES_KEPT)


BASE_EDGES_KEPT = 64  # bar base edges kept an image (a fit measures many candidates in one image)


def _bar_base_edge_of(img: Float, found: PlotBox, rects: list[chart_marks.Rect], bg: RGB,
                      horizontal: bool) -> float | None:
    """``_bar_base_edge`` of the program's bars ``rects``."""
    x0, y0, x1, y1 = found.box
    h, w = img.shape[:2]
    # the figure's colour, once an image
    outside = memo(img, ("outside",), lambda: dominant(np.concatenate([img[0], img[-1], img[:, 0], img[:, -1]])))
    reach = BASE_REACH * ((x1 - x0) if horizontal else (y1 - y0))
    ends = []
    for r in rects:
        c = int((r.y0 + r.y1) / 2) if horizontal else int((r.x0 + r.x1) / 2)
        if horizontal:
            lo = max(0, int(x0 - reach))
            prof = img[c, lo:int(x1)][::-1] if 0 <= c < h else None
        else:
            hi = min(h, int(y1 + reach))
            prof = img[int(y0):hi, c] if 0 <= c < w else None
        if prof is None or len(prof) < 4:
            continue
        on = (np.linalg.norm(prof - np.asarray(bg), axis=1) > MARK_COLOUR) & \
            (np.linalg.norm(prof - np.asarray(outside), axis=1) > MARK_COLOUR)
        start = (int(x1) - int(x0)) if horizontal else int(y1 - y0)  # the current edge, in profile units
        start = min(max(start - 2, 0), len(on) - 1)
        if not on[start]:
            # a side found past the bars' base (where tick marks under a domain line stop): the
            # bars end a few pixels further in, where their colour (or the line) starts
            back = start
            while back > start - BASE_BACK_PX and back > 0 and not on[back]:
                back -= 1
            if not on[back]:
                continue
            start = back
        k = start
        while k + 1 < len(on) and on[k + 1]:
            k += 1
        ends.append((lo + len(prof) - 1 - k) if horizontal else (int(y0) + k + 1))
    if len(ends) < max(2, len(rects) // 2):
        return None
    edge = median(ends)
    # a line along the whole side over the bars' base (Vega-Lite's domain line, half a pixel
    # past zero; it runs on between the bars) is no part of them: the bars end where it starts
    return _inside_side_line(img, edge, rects, found.box, bg, outside, horizontal)


ROOM_BELOW_PX = 4.0  # the box reaches this far past zero's pixel towards lower values: bars may hang there
SIDE_LINE_SHARE = 0.9  # a line along the box's side inks this share of it between the bars


def _inside_side_line(img: Float, edge: float, rects: list[chart_marks.Rect], box: tuple[float, float, float, float],
                      bg: RGB, outside: RGB, horizontal: bool) -> float:
    """``edge`` (the bars' outer end at their base, a whole pixel) less the pixel line just
    inside it when that line is inked between the bars too (SIDE_LINE_SHARE of the box's
    breadth there) and, across the bars, is not their colour: an axis line drawn over the
    bases, not the bars' own last pixels (nor a line the bars are drawn over)."""
    k = int(round(edge))
    line = k if horizontal else k - 1
    h, w = img.shape[:2]
    lo, hi = (int(math.ceil(box[1])), int(math.floor(box[3]))) if horizontal else \
        (int(math.ceil(box[0])), int(math.floor(box[2])))
    if not (0 <= line < (w if horizontal else h)) or hi - lo < 10:
        return edge
    px = img[lo:hi, line] if horizontal else img[line, lo:hi]
    between = np.ones(hi - lo, bool)
    for r in rects:
        a, b = (r.y0, r.y1) if horizontal else (r.x0, r.x1)
        between[max(0, int(math.floor(a)) - 1 - lo):max(0, int(math.ceil(b)) + 1 - lo)] = False
    if between.sum() < 5:
        return edge
    inked = (np.linalg.norm(px - np.asarray(bg), axis=1) > MARK_COLOUR) & \
        (np.linalg.norm(px - np.asarray(outside), axis=1) > MARK_COLOUR)
    if float(inked[between].mean()) < SIDE_LINE_SHARE:
        return edge
    # and drawn over the bars: across them it is not their colour two pixels further in
    inner = line + 2 if horizontal else line - 2
    if not 0 <= inner < (w if horizontal else h):
        return edge
    fills = img[lo:hi, inner] if horizontal else img[inner, lo:hi]
    over = np.linalg.norm(px - fills, axis=1) > SAME_SERIES
    if float(over[~between].mean()) < SIDE_LINE_SHARE:
        return edge
    return edge + 1.0 if horizontal else edge - 1.0


PIE_GREY = 0.08  # a colour whose channels differ less than this is grey
NICE_STEPS = (1.0, 2.0, 2.5, 5.0)  # tick steps (times a power of ten) of matplotlib and Vega-Lite
DOTTED_REACH = 0.15  # dotted gridlines are looked for this share of the box's height past its top and bottom
DOTTED_INK = 0.06  # a pixel this far (in the mean of its channels) from what lies around is ink
DOTTED_MIN_SHARE = 0.03  # a dotted line inks at least this share of the box's width (its dashes: plotbox.dashes)
PIECES_MIN = 3  # a solid gridline that bars hide shows in this many pieces at least (2 px or longer)
PIECES_SPREAD = 0.5  # spread over this share of the box at least
PIECES_ONE_GREY = 0.1  # its pixels differ this little (mean of the channels)
PIECES_MAX_SHARE = 0.5  # each piece at most this share of the box
PIECES_HIDDEN = 0.9  # and marks cover this share of the line between the pieces
DOTTED_SAME_PX = 1.5  # a dotted line this close to a solid one is that line


def calibrate(fr: Frame, box: PlotBox, dotted: tuple[tuple[float, ...], tuple[float, ...]] = ((), ()),
              categories: bool = False, edges: tuple[float, ...] = ()) -> Frame:
    """The frame with its value axis and its other axis fitted to the gridlines the image
    shows: gridlines sit at ticks, round multiples of one step, so their pixel positions give the
    pixels-per-unit and offset more exactly than the box's edges (which a frameless style leaves
    to within a couple of pixels). Kept only when the gridlines agree with round ticks.
    ``dotted``: the dotted gridlines' rows and columns (``dotted_lines``; a dotted line is a
    gridline wherever it lies, at the box's edges too). ``categories``: the other axis holds
    categories, whose gridlines step by whole categories (``_line_fit``'s ``whole``).
    ``edges``: pixel boundaries along the value axis where filled marks start on a tick (the
    bars' base), which steady the gridlines' fit (``_step_anchored``)."""
    vertical_values = not fr.horizontal
    rows, cols = _merged(box.inner_rows(), dotted[0]), _merged(box.inner_cols(), dotted[1])
    # too few gridlines inside the box (bars hide some): the lines along its sides may be ticks too
    # (an axis line at zero); they count only if they fit the same round ticks
    if len(rows) < 3:
        rows = _merged(rows, tuple(r for r in box.rows if r not in rows))
    if len(cols) < 3:
        cols = _merged(cols, tuple(c for c in box.cols if c not in cols))
    # the lines along the box's sides too, where with the gridlines they lie on round ticks
    # closely (Vega-Lite's scales end on ticks): the fit then spans the whole box, not the few
    # gridlines the marks leave (a pixel's rounding at each of three close gridlines tilts it)
    every_row, every_col = _merged(box.rows, dotted[0]), _merged(box.cols, dotted[1])
    value = _calibrated_all(fr.value, every_row if vertical_values else every_col, SIDE_TICK, SIDE_FIT_PX) \
        if len(every_row if vertical_values else every_col) > len(rows if vertical_values else cols) else None
    if value is None:
        value = _calibrated(fr.value, rows if vertical_values else cols)
        value = _step_anchored(value, rows if vertical_values else cols, edges) or value
    # the other axis too: a scatter's x ticks, or the categories' (gridlines at whole categories)
    other = _calibrated(fr.other, cols if vertical_values else rows, categories)
    return Frame(fr.box, fr.horizontal, value, other)


def _step_anchored(sc: Scale, lines: tuple[float, ...], edges: tuple[float, ...]) -> Scale | None:
    """The value scale fitted to the gridlines ``lines`` and to the edges where filled marks
    start on a tick (a bar chart's base, at zero). Agg snaps a filled rectangle's edge to the
    pixel boundary nearest its place and a thin line to the pixel nearest it, its centre half a
    pixel further on: an edge is no line's centre and takes no half-pixel correction. An edge at
    the end of the range, far from the few gridlines the bars leave, steadies the slope they give
    (extrapolated, zero was up to half a pixel off). Kept only when every gridline lies within
    SIDE_FIT_PX of the joint fit and the edge within EDGE_FIT_PX; None when no edge is taken."""
    if sc.log or len(lines) < 2 or not edges:
        return None
    pxs = np.asarray(lines) - LINE_SNAP_PX
    vals = np.array([sc.to_value(p) for p in pxs])
    gaps = np.diff(np.sort(vals))
    if len(gaps) == 0 or not median(gaps) > 0:
        return None
    step = _tick_step(median(gaps), False)
    ticks = np.round(vals / step) * step
    keep = np.abs(vals - ticks) <= 0.25 * step
    ts, ps = list(ticks[keep]), list(pxs[keep])
    if len(set(ts)) < 2:
        return None
    edges_taken = []
    for e in edges:
        v = sc.to_value(e)
        t = round(v / step) * step
        if abs(v - t) <= SIDE_TICK * step and t not in ts:
            ts.append(t)
            ps.append(e)
            edges_taken.append(e)
    if not edges_taken:
        return None
    t_arr, p_arr = np.array(ts), np.array(ps)
    b, a = np.polyfit(t_arr, p_arr, 1)
    res = np.abs(a + b * t_arr - p_arr)
    # the edge, at the range's end, pulls the fit towards it: an edge a pixel off (a bar's own edge
    # line between its fill and the ground) shows less than that in its residual
    if float(res.max()) > SIDE_FIT_PX or float(res[len(res) - len(edges_taken):].max()) > EDGE_FIT_PX:
        return None
    return Scale(sc.lo, sc.hi, float(a + b * sc.lo), float(a + b * sc.hi), sc.log)


def _merged(solid: tuple[float, ...], dotted: tuple[float, ...]) -> tuple[float, ...]:
    """Solid and dotted gridlines, a dotted one dropped where a solid one lies."""
    return tuple(sorted(solid + tuple(d for d in dotted if all(abs(d - x) > DOTTED_SAME_PX for x in solid))))


def dotted_lines(img: Float, found: PlotBox, bg: RGB, value_rows: bool = True
                 ) -> tuple[tuple[float, ...], tuple[float, ...]]:
    """The dotted or dashed gridlines across the plot (the box finder sees solid lines only): the
    centres of rows (and columns) within DOTTED_REACH of the box whose thin ink (at most 3 px
    across) comes in short, evenly spaced dashes along the box. Looked for only where the box
    shows too few solid gridlines to calibrate on; worked out once an image. Along the value axis
    (rows when ``value_rows``) a solid gridline that bars hide but for pieces counts too."""
    box = found.box

    def find() -> tuple[tuple[float, ...], tuple[float, ...]]:
        rows = _dotted(img, box, bg, False, value_rows) if len(found.inner_rows()) < 3 else ()
        cols = _dotted(img, box, bg, True, not value_rows) if len(found.inner_cols()) < 3 else ()
        return rows, cols

    # the background as each candidate samples it differs in the last digits: one key for them all
    return memo(img, ("dotted", tuple(round(v) for v in box), tuple(round(v * 64) for v in bg), value_rows), find)


def _dotted(img: Float, box: tuple[float, float, float, float], bg: RGB, columns: bool,
            pieces: bool) -> tuple[float, ...]:
    x0, y0, x1, y1 = box
    if columns:
        img = np.swapaxes(img, 0, 1)
        x0, y0, x1, y1 = y0, x0, y1, x1
    h = img.shape[0]
    reach = DOTTED_REACH * (y1 - y0)
    r0, r1 = max(2, int(y0 - reach)), min(h - 2, int(math.ceil(y1 + 3)))
    c0, c1 = max(0, int(math.ceil(x0)) + 1), min(img.shape[1], int(math.floor(x1)) - 1)
    if r1 <= r0 or c1 - c0 < 20:
        return ()
    # the mean of the channels (gridlines are grey): ink unlike the background and unlike what
    # lies 2 px either side (the background, or a bar standing on the line)
    band = img[r0 - 2:r1 + 2, c0:c1] @ np.full(3, 1 / 3)
    mid = band[2:-2]
    thin = (np.abs(mid - sum(bg) / 3) > DOTTED_INK) & (np.abs(mid - band[:-4]) > DOTTED_INK) & \
        (np.abs(mid - band[4:]) > DOTTED_INK)
    found: list[tuple[int, int]] = []
    for k in np.flatnonzero(thin.sum(axis=1) >= DOTTED_MIN_SHARE * (c1 - c0)):
        d = np.diff(np.concatenate([[0], thin[k].astype(np.int8), [0]]))
        starts, ends = np.flatnonzero(d == 1), np.flatnonzero(d == -1)
        if dashes(starts, ends, c1 - c0) or (pieces and _pieces(starts, ends, mid[k], sum(bg) / 3, c1 - c0)):
            found.append((r0 + int(k), int(thin[k].sum())))
    out: list[float] = []
    j = 0
    while j < len(found):  # a dotted line over two rows (anti-aliased): their weighted centre
        if j + 1 < len(found) and found[j + 1][0] == found[j][0] + 1:
            (ra, na), (rb, nb) = found[j], found[j + 1]
            out.append((ra * na + rb * nb) / (na + nb) + 0.5)
            j += 2
        else:
            out.append(found[j][0] + 0.5)
            j += 1
    return tuple(out)


def _pieces(starts: NDArray[np.intp], ends: NDArray[np.intp], line: Float, bg: float, length: int) -> bool:
    """Whether runs of ink along a line are the pieces of one solid gridline that marks drawn over
    it leave showing (between bars): several short pieces of one grey, spread along the box, with
    marks (not the background) on the line between them."""
    keep = (ends - starts) >= 2
    starts, ends = starts[keep], ends[keep]
    if len(starts) < PIECES_MIN or ends[-1] - starts[0] < PIECES_SPREAD * length or \
            (ends - starts).max() > PIECES_MAX_SHARE * length:
        return False
    # a piece's end pixels are mixed with the mark's anti-aliased edge beside it: its grey is
    # its inner pixels'
    inner = [line[a + 1:b - 1] for a, b in zip(starts, ends) if b - a >= 3]
    ink = np.concatenate(inner) if inner else np.zeros(0)
    if len(ink) == 0 or float(np.ptp(ink)) > PIECES_ONE_GREY:
        return False
    between = np.concatenate([line[b:a] for b, a in zip(ends[:-1], starts[1:])])
    return bool(len(between) and np.mean(np.abs(between - bg) > DOTTED_INK) >= PIECES_HIDDEN)


def _calibrated(sc: Scale, lines: tuple[float, ...], whole: bool = False) -> Scale:
    """The scale fitted to gridlines on round ticks; when they do not all fit, or one is off the
    fit by more than Agg's rounding of a line to its pixel (half a pixel) where the others fit
    within it, the same without that one (a dotted text column or a mark's edge taken for a
    gridline; a gridline read a pixel or two off where a legend or a label crosses it), when
    three or more are left; else the scale as it is."""
    got = _line_fit(sc, lines, whole=whole)
    if sc.log or len(lines) < 4 or (got is not None and got[1] <= LINE_SNAP_PX):
        return got[0] if got is not None else sc
    fits = [f for k in range(len(lines)) if (f := _line_fit(sc, lines[:k] + lines[k + 1:], whole=whole)) is not None]
    tight = [f for f in fits if f[1] <= LINE_SNAP_PX]
    if got is not None:
        return min(tight, key=lambda f: f[1])[0] if tight else got[0]
    return fits[0][0] if fits else sc


def _calibrated_all(sc: Scale, lines: tuple[float, ...], near: float = 0.25, fit_px: float = CALIBRATE_FIT_PX
                    ) -> Scale | None:
    got = _line_fit(sc, lines, near, fit_px)
    return None if got is None else got[0]


def _line_fit(sc: Scale, lines: tuple[float, ...], near: float = 0.25, fit_px: float = CALIBRATE_FIT_PX,
              whole: bool = False) -> tuple[Scale, float] | None:
    """The scale the gridlines ``lines`` give on round ticks (each within ``near`` of a step of
    a tick, all within ``fit_px`` of one straight map), and how far the furthest lies from it.
    ``whole``: the axis holds categories, at whole numbers: its ticks step by a whole number of
    them, never 2.5 (the box's sides, half a category's margin past the first and last, passed
    for ticks 0 and 10 of a step of 2.5 with a line at category 2, and put every vertex 18 px off)."""
    if sc.log or len(lines) < 3:
        return None
    pxs = np.asarray(lines) - LINE_SNAP_PX  # Agg draws a line at p on the pixel round(p): centre + 0.5
    vals = np.array([sc.to_value(p) for p in pxs])
    gaps = np.diff(np.sort(vals))
    # the gridlines' spacing: their median gap, or the smallest (marks drawn over some gridlines hide them)
    for step_raw in dict.fromkeys((median(gaps), float(gaps.min()))):
        if not step_raw > 0:
            continue
        step = _tick_step(step_raw, whole)
        ticks = np.round(vals / step) * step
        if np.abs(vals - ticks).max() > near * step or len(set(ticks.tolist())) < 3:
            continue
        b, a = np.polyfit(ticks, pxs, 1)
        worst = float(np.abs(a + b * ticks - pxs).max())
        if worst > fit_px:
            continue
        return Scale(sc.lo, sc.hi, float(a + b * sc.lo), float(a + b * sc.hi), sc.log), worst
    return None


def _tick_step(raw: float, whole: bool) -> float:
    """The tick step nearest ``raw``: 1, 2, 2.5 or 5 times a power of ten, or a whole number (at
    least 1) when ``whole``.

    >>> _tick_step(2.4, False), _tick_step(2.4, True), _tick_step(0.3, True)
    (2.5, 2.0, 1.0)
    """
    if whole:
        return float(max(1, round(raw)))
    e = 10.0 ** math.floor(math.log10(raw))
    return min((k * e for k in (*NICE_STEPS, 10.0)), key=lambda s: abs(math.log(s / raw)))


def _background(img: Float, box: tuple[float, float, float, float], marks: tuple[chart_marks.Mark, ...]) -> RGB:
    """``_ring_background``; where the program puts no bar it depends on the image and the box
    alone: worked out once for all the candidates measured in the image (``memo``)."""
    if any(isinstance(r, chart_marks.Rect) for r in marks):
        return _ring_background(img, box, marks)
    return memo(img, ("background", *(int(round(v)) for v in box)), lambda: _ring_background(img, box, ()))


def _ring_background(img: Float, box: tuple[float, float, float, float], marks: tuple[chart_marks.Mark, ...]) -> RGB:
    """The plot's background: the commonest colour on two rings just inside the box's edges (bars
    may cover most of the box, but rarely more than one of its sides; two rings, so that the
    anti-aliased edge of a bar along one of them does not outnumber the background), away from
    where the program puts its bars."""
    h, w = img.shape[:2]
    bx0, by0, bx1, by1 = (int(round(v)) for v in box)
    xs_all, ys_all = [], []
    for inset in BG_INSETS_PX:
        x0, y0, x1, y1 = max(0, bx0 + inset), max(0, by0 + inset), min(w - 1, bx1 - inset - 1), \
            min(h - 1, by1 - inset - 1)
        if x1 <= x0 or y1 <= y0:
            continue
        xs_all += [np.arange(x0, x1), np.arange(x0, x1), np.full(y1 - y0, x0), np.full(y1 - y0, x1)]
        ys_all += [np.full(x1 - x0, y0), np.full(x1 - x0, y1), np.arange(y0, y1), np.arange(y0, y1)]
    if not xs_all:
        return (1.0, 1.0, 1.0)
    xs, ys = np.concatenate(xs_all), np.concatenate(ys_all)
    # not where the program puts a bar (bars that fill the box leave little else on the ring)
    free = np.ones(len(xs), bool)
    rects = np.array([(r.x0, r.x1, r.y0, r.y1) for r in marks if isinstance(r, chart_marks.Rect)],
                     np.float64).reshape(-1, 4)
    if len(rects):  # every bar's clearing at once (the same comparisons, one pass a side)
        near = (xs > (rects[:, 0:1] - BG_CLEAR_PX)) & (xs < (rects[:, 1:2] + BG_CLEAR_PX)) & \
            (ys > (rects[:, 2:3] - BG_CLEAR_PX)) & (ys < (rects[:, 3:4] + BG_CLEAR_PX))
        free &= ~near.any(axis=0)
    if free.sum() < BG_MIN_SAMPLES:
        free[:] = True
    # candidates whose bars leave the same pixels of the rings free share one answer
    return kept(img, "ring backgrounds", (bx0, by0, bx1, by1, np.packbits(free).tobytes()),
                lambda: _ring_colour(img[ys[free], xs[free]]))


def _ring_colour(px: Float) -> RGB:
    """The background among the rings' pixels ``px`` (``_ring_background``)."""
    first = dominant(px)
    rest = px[np.linalg.norm(px - np.asarray(first), axis=1) > MARK_COLOUR]
    if len(rest) < BG_RIVAL * len(px):
        return first
    # bars along most of the ring (they fill the box from side to side, one reaches its far
    # end): of the two commonest colours, the background is the plainer one (marks are coloured;
    # of two greys, the lighter: a grey bar on white, not a white bar on grey)
    second = dominant(rest)
    if int((_dist(px, second) <= MARK_COLOUR).sum()) < BG_RIVAL * len(px):
        return first

    def plain(c: RGB) -> tuple[float, float]:
        chroma = max(c) - min(c)
        return (round(chroma / BG_CHROMA_STEP), -sum(c))

    return min(first, second, key=plain)


def _dist(px: Float, colour: RGB) -> Float:
    """Each pixel's RGB distance from ``colour`` (np.linalg.norm along the last axis, less its
    overhead: called per bar and per line)."""
    return np.sqrt(dist2(px, colour))


def _far(a: RGB, b: RGB, tol: float = SAME_SERIES) -> bool:
    return math.dist(a, b) > tol  # (plain floats: called per pixel and per bar, numpy's overhead dominates)


# -- bars -------------------------------------------------------------------------------------


def _bars(img: Float, fr: Frame, marks: tuple[chart_marks.Mark, ...], bg: RGB,
          n_series: int) -> tuple[list[Reading], list[RGB | None], list[Problem]]:
    rects = [m for m in marks if isinstance(m, chart_marks.Rect)]
    stacked = len({(r.index, round((r.x0 + r.x1) / 2 if not r.horizontal else (r.y0 + r.y1) / 2, 3))
                   for r in rects}) < len(rects)
    got = _bars_read(img, fr, rects, bg, n_series, stacked, None)
    if stacked and got[3]:
        # a segment read in another series' colour (a zero segment shows the next one's at its
        # base): read again knowing each series' colour, so that it reads zero
        got = _bars_read(img, fr, rects, bg, n_series, stacked, got[1])
    return got[0], got[1], got[2]


def _bars_read(img: Float, fr: Frame, rects: list[chart_marks.Rect], bg: RGB, n_series: int, stacked: bool,
               known: list[RGB | None] | None
               ) -> tuple[list[Reading], list[RGB | None], list[Problem], bool]:
    """The bars' readings, the series' colours, the problems, and whether a stacked segment was
    read in a colour another series shows (``known``: the series' colours; such a segment is
    then zero, the next one starting at its base)."""
    readings: list[Reading] = []
    taken: list[tuple[int, RGB]] = []  # (series, colour read) of segments read in a recoloured style
    seen: dict[int, list[RGB]] = {}
    base_of: dict[int, float] = {}  # stacked: where the next segment of each category starts (value)
    stated_base: dict[int, float] = {}  # stacked: where the program starts it (value)
    own: dict[int, list[RGB]] = {}  # recoloured: the colour at the stated base of segments stated to show
    bare = 0
    under = not stacked and _room_below(fr)  # a bar may hang below zero
    for r in rects:
        lines = _middle_lines(r)
        base = base_of.get(r.index, 0.0) if stacked else 0.0
        base_px = fr.value.to_px(_clip(base, fr))
        colour: RGB | None = r.colour
        at = (r.x0, r.x1) if r.horizontal else (r.y0, r.y1)
        if not _in_bar(img, fr, lines, r.colour, at):
            colour = _colour_at_base(img, fr.horizontal, lines, base_px, bg)
            if stacked and colour is not None:
                taken.append((r.series, colour))
            if stacked and known is None and r.value > 0:
                shown = _colour_at_base(img, fr.horizontal, lines,
                                        fr.value.to_px(_clip(stated_base.get(r.index, 0.0), fr)), bg)
                if shown is not None:
                    own.setdefault(r.series, []).append(shown)
        if stacked:
            stated_base[r.index] = stated_base.get(r.index, 0.0) + r.value
        got = None
        down = False
        above: RGB | None = None
        if stacked and known is not None and colour is not None and colour != r.colour and \
                _others_colour(colour, r.series, known):
            # zero, or too thin to show its colour past its base: it ends where the next
            # series' colour starts
            thin_end = _thin_end(img, fr.horizontal, lines, base_px, known[r.series], colour)
            thin = max(0.0, fr.value.to_value(thin_end) - base) if fr.value.lo <= base <= fr.value.hi else 0.0
            thin_px = abs(fr.value.to_px(_clip(base + thin, fr)) - base_px) - \
                abs(fr.value.to_px(_clip(base + r.value, fr)) - base_px)
            readings.append(Reading(r.series, r.index, "values", r.value, thin, thin_px))
            base_of[r.index] = base + thin
            continue
        if colour is None and under:
            # nothing rises from the base: a bar may hang below it (a negative value)
            below = r.colour if _in_bar(img, fr, lines, r.colour) else \
                _colour_at_base(img, fr.horizontal, lines, base_px, bg, True)
            if below is not None:
                colour, down = below, True
        if colour is not None:
            seen.setdefault(r.series, []).append(colour)
            nxt = next((q for q in rects if stacked and q.index == r.index and q.series > r.series and q.value > 0),
                       None)
            above = nxt.colour if nxt else None
            if nxt is not None and colour != r.colour and not _in_bar(img, fr, lines, nxt.colour):
                # a style recoloured the segments: the next one's colour is the image's, read in
                # its middle (two greys of one stack are not a grey's cover of black)
                above = _colour_at(img, fr, lines, fr.value.to_px(_clip(base + r.value + nxt.value / 2, fr)))
            got = _bar_end(img, fr.horizontal, lines, base_px, colour, bg, stacked, above,
                           beyond=above if above is not None and colour != r.colour else None, down=down)
            if not down and under:
                # a bar lies on one side of zero: the side where its colour runs further (a
                # negative bar's edge pixel at zero, rounded past it, is no positive bar); a
                # colour read from the image is read below zero too (above it may be a line at zero)
                below = colour if colour == r.colour else \
                    _colour_at_base(img, fr.horizontal, lines, base_px, bg, True)
                got, down = _longer_side(img, fr.horizontal, lines, base_px, colour, bg, got, below)
                if down and below is not None and below != colour:
                    seen[r.series][-1] = colour = below
        if got is None and _bare(img, fr, lines, base_px, bg, under):
            got = (base_px, False)  # nothing rises from the base: zero is zero
            bare += 1
        stated_end = base + r.value if stacked else r.value
        end, hidden = got if got is not None else (None, False)
        cover: float | None = None
        if end is not None and hidden:
            cover = _cover_reach(img, fr.horizontal, lines, end, bg, down)
        elif end is not None and colour is not None:
            hidden = _crossed_end(img, fr, r, end, colour, bg, down)
            if hidden:
                # a gridline, under the bars or over them: thin, so a bar running on past it
                # would show beyond it (its end lies no further than the line's far side)
                cover = _line_across(img, fr, end, bg, down)
        if end is not None and hidden and colour is not None:
            # an opaque cover over the middle of the end: the bar's lines beside it show its end
            past = above if above is not None and colour != r.colour else None
            beside = _beside_cover(img, fr.horizontal, r, end, (base_px, colour, bg, stacked, above, past, down))
            if beside is not None:
                end, hidden, cover = beside, False, None
        if end is not None and colour is not None:
            # a translucent legend over the end: the bar shows through it to its true end
            through = _seen_through(img, fr.horizontal, lines, end, colour, above or bg, down)
            if through is not None:
                end, hidden, cover = through, False, None
        measured = None if end is None else fr.value.to_value(end) - (base if stacked else 0.0)
        res_px = None if end is None else end - fr.value.to_px(_clip(stated_end, fr))
        if fr.horizontal is False and res_px is not None:
            res_px = -res_px  # pixels grow downwards: a longer bar is a positive residual
        if stacked:
            base_of[r.index] = base + (measured if measured is not None else r.value)
        readings.append(Reading(r.series, r.index, "values", r.value, measured, res_px, hidden, cover))
    if rects and bare == len(rects):  # no bar at all: the image shows no bars, not bars of zero
        readings = [replace(x, measured=None, residual_px=None) for x in readings]
    colours = [_mean_colour(seen.get(j, [])) for j in range(n_series)]
    problems = _same_colours(colours)
    problems += _unexplained_bars(img, fr, rects, bg)
    # each series' commonest colour (its median is a mix when some of its segments were read in
    # the next series' colour), from the segments the program says show, read at the program's
    # bases (a zero segment shows the next series' colour at its base, and a misread one moves
    # every base above it), else from all its readings
    pool = {j: own.get(j) or seen.get(j, []) for j in range(n_series)}
    commonest = [_commonest(pool[j], [c for k, cs in pool.items() if k != j for c in cs]) for j in range(n_series)]
    astray = known is None and any(_others_colour(c, j, commonest) for j, c in taken)
    return readings, commonest if astray else colours, problems, astray


COVER_GAP_PX = 4  # a cover's ink (a label's glyphs) goes on past gaps of ground up to this long


def _cover_reach(img: Float, horizontal: bool, lines: list[int], end: float, bg: RGB, down: bool = False) -> float:
    """How far past a covered bar end (``end``, pixels along the value axis) what covers it
    reaches: along each of the bar's ``lines``, outward from the end, the far edge of the
    pixels that are not the background, across gaps of ground up to COVER_GAP_PX (between a
    label's glyphs); the furthest over the lines. A value label printed at a bar's end covers
    no more than its own width: a bar said to run on past it would show there."""
    size = img.shape[1] if horizontal else img.shape[0]
    inc = horizontal != down  # outward is towards higher pixel indices
    first = int(math.floor(end)) if inc else int(math.ceil(end)) - 1  # the first pixel past the end
    reach = 0.0
    for ln in lines:
        got = _profile(img, horizontal, ln, end, down) if 0 <= first < size else None
        if got is None:
            continue
        prof = got[0]  # from ``first`` outward
        ink = np.flatnonzero(_dist(prof, bg) > MARK_COLOUR)
        if not len(ink):
            continue
        gaps = np.flatnonzero(np.diff(ink) > COVER_GAP_PX + 1)
        last = int(ink[gaps[0]]) if len(gaps) else int(ink[-1])
        if int(ink[0]) > COVER_GAP_PX:
            continue  # ground first: nothing covers the end on this line
        far = first + last + 1 if inc else first - last
        reach = max(reach, abs(far - end))
    return reach


BESIDE_PX = 1.5  # lines beside a cover show the bar's end this much further than the covered middle
BESIDE_LINES = 2  # on this many neighbouring lines at least
BESIDE_AGREE_PX = 1.0  # all within this of each other


def _beside_cover(img: Float, horizontal: bool, r: chart_marks.Rect, end: float,
                  read: tuple[float, RGB, RGB, bool, RGB | None, RGB | None, bool]) -> float | None:
    """Where a bar whose end (``end``, read across its middle) is hidden by a cover ends beside
    that cover: a bar is one rectangle, its end the same across its breadth; a legend that hides
    the middle of it may leave a side showing. The lines across the whole bar, clear of its edge
    lines (EDGE_LINE_PX), each read alone as the middle was (``read``: ``_bar_end``'s base pixel,
    fill, background, stacked, above, beyond and down); the end of those that run
    BESIDE_PX or more past ``end`` to an uncovered end, when BESIDE_LINES or more neighbours
    say it alike. None otherwise (the cover spans the bar: its end stays hidden)."""
    base_px, fill, bg, stacked, above, beyond, down = read
    a, b = (r.y0, r.y1) if horizontal else (r.x0, r.x1)
    outward = 1.0 if horizontal != down else -1.0
    far: list[tuple[int, float]] = []
    for ln in range(int(math.ceil(a)) + EDGE_LINE_PX, int(math.floor(b)) - EDGE_LINE_PX):
        got = _bar_end(img, horizontal, [ln], base_px, fill, bg, stacked, above, beyond, down)
        if got is not None and not got[1] and (got[0] - end) * outward >= BESIDE_PX:
            far.append((ln, got[0]))
    runs: list[list[tuple[int, float]]] = []
    for ln, e in far:  # neighbouring lines, one run beside the cover
        if runs and runs[-1][-1][0] == ln - 1:
            runs[-1].append((ln, e))
        else:
            runs.append([(ln, e)])
    best = max(runs, key=len, default=[])
    ends = [e for _, e in best]
    if len(ends) < BESIDE_LINES or max(ends) - min(ends) > BESIDE_AGREE_PX:
        return None
    return median(ends)


CROSS_LINE_PX = 3  # a line drawn across a bar's end lies within this many pixels past it
CROSS_PAST_PX = 4  # and goes on at least this far past the bar's side (a bar's own edge line does not)
CROSS_SAME = 0.1  # RGB distance within which the line's pixels are one colour
CROSS_MAX_SHARE = 0.5  # a line longer than this share of the box is a gridline or the frame


def _crossed_end(img: Float, fr: Frame, r: chart_marks.Rect, end: float, fill: RGB, bg: RGB,
                 down: bool = False) -> bool:
    """``_crossed_end_read``, kept for the image's later candidates (it reads the image alone
    about a bar's end as read, which candidates that place the bar alike share)."""
    lo, hi = (r.y0, r.y1) if fr.horizontal else (r.x0, r.x1)
    key = (fr.horizontal, fr.box, lo, hi, float(end), tuple(float(v) for v in fill), tuple(float(v) for v in bg), down)
    return kept(img, "crossed ends", key, lambda: _crossed_end_read(img, fr, r, end, fill, bg, down), KEPT_READS)


def _crossed_end_read(img: Float, fr: Frame, r: chart_marks.Rect, end: float, fill: RGB, bg: RGB,
                      down: bool = False) -> bool:
    """Whether the bar's end as read is where a line drawn over it crosses it: the first
    pixels past the end that are neither the fill nor the background form a line, one colour
    across the bar's middle, that goes on CROSS_PAST_PX or more past a side of the bar, and is
    shorter than CROSS_MAX_SHARE of the box (a legend's frame over the bar, on a ground of the
    plot's own colour: the bar reaches at least this far). A gridline across the box, the frame,
    or the bar's own edge line (no longer than the bar is wide) is no such line."""
    img_t = np.swapaxes(img, 0, 1) if fr.horizontal else img  # rows run across the bar
    n_along, n_across = img_t.shape[:2]
    lo, hi = (r.y0, r.y1) if fr.horizontal else (r.x0, r.x1)
    inc = fr.horizontal != down  # outward is towards higher pixel indices
    a, b = int(math.ceil(lo + (hi - lo) / 4)), int(math.floor(hi - (hi - lo) / 4))
    if b <= a or a < 0 or b > n_across:
        return False
    box_lo, box_hi = (fr.box[1], fr.box[3]) if fr.horizontal else (fr.box[0], fr.box[2])
    limit = CROSS_MAX_SHARE * abs(box_hi - box_lo)
    first = int(math.floor(end)) - 1 if inc else int(math.ceil(end))  # from the pixel inside the end
    for k in range(CROSS_LINE_PX + 1):
        row = first + k if inc else first - k
        if not 0 <= row < n_along:
            return False
        mid = img_t[row, a:b, :3]
        other = np.flatnonzero(_dist(mid, fill) >= MARK_COLOUR)
        if 2 * len(other) <= b - a:
            continue  # still the bar (its anti-aliased edge; or the bar goes on beside what covers it)
        if bool((_dist(mid[other], bg) < MARK_COLOUR).any()):
            return False  # the background: nothing lies across the end
        m = np.median(mid[other], axis=0)
        ink = (float(m[0]), float(m[1]), float(m[2]))
        if bool((_dist(mid[other], ink) >= CROSS_SAME).any()):
            return False
        same = _dist(img_t[row, :, :3], ink) < CROSS_SAME
        left = a + int(other[0]) - 1
        while left >= 0 and same[left]:
            left -= 1
        right = a + int(other[-1]) + 1
        while right < n_across and same[right]:
            right += 1
        past = max(lo - (left + 1), right - hi)
        return past >= CROSS_PAST_PX and right - left - 1 < limit
    return False


def _line_across(img: Float, fr: Frame, end: float, bg: RGB, down: bool = False) -> float | None:
    """How far past a bar's end (pixels) a line that starts within CROSS_LINE_PX of it reaches,
    when the line runs across the whole box, the background nowhere along it (the bars cross it,
    or it crosses them): a gridline, not a legend's frame (the plot's ground shows beside a
    legend). None when no such line lies there."""
    img_t = np.swapaxes(img, 0, 1) if fr.horizontal else img  # rows run across the bars
    box_lo, box_hi = (fr.box[1], fr.box[3]) if fr.horizontal else (fr.box[0], fr.box[2])
    c0, c1 = max(0, int(math.ceil(box_lo)) + 2), min(img_t.shape[1], int(math.floor(box_hi)) - 2)
    inc = fr.horizontal != down
    first = int(math.floor(end)) if inc else int(math.ceil(end)) - 1  # the first pixel past the end
    if c1 - c0 < 10:
        return None

    def across(row: int) -> bool:
        return 0 <= row < img_t.shape[0] and not bool((_dist(img_t[row, c0:c1, :3], bg) < MARK_COLOUR).any())

    step = 1 if inc else -1
    k = next((k for k in range(CROSS_LINE_PX) if across(first + step * k)), None)
    if k is None:
        return None
    while k + 1 < 2 * CROSS_LINE_PX and across(first + step * (k + 1)):
        k += 1
    far = first + k + 1 if inc else first - k
    return abs(far - end)


def _seen_through(img: Float, horizontal: bool, lines: list[int], end: float, fill: RGB, beyond: RGB,
                  down: bool) -> float | None:
    """``seen_through``, kept per image: it reads the image alone at the bar's lines past the end
    as read, which candidates that place a bar alike share (a critic's candidates differing in
    values only, the fit's steps)."""
    key = (horizontal, tuple(lines), float(end), tuple(float(v) for v in fill), tuple(float(v) for v in beyond), down)
    return kept(img, "seen through", key, lambda: seen_through(img, horizontal, lines, end, fill, beyond, down),
                THROUGH_KEPT)


THROUGH_KEPT = 512  # bar ends under a cover kept an image (every bar of many candidates)


def _commonest(cs: list[RGB], elsewhere: list[RGB]) -> RGB | None:
    """The colour with the most others alike (within SAME_SERIES) among ``cs``, less those alike
    among ``elsewhere`` (the other series' colours); None when empty."""
    if not cs:
        return None
    return max(cs, key=lambda c: sum(1 for d in cs if not _far(c, d)) - sum(1 for d in elsewhere if not _far(c, d)))


def _thin_end(img: Float, horizontal: bool, lines: list[int], base_px: float, mine: RGB | None, nxt: RGB) -> float:
    """Where a stacked segment too thin to show its colour past its base ends (pixels along the
    value axis): its colour's cover (``mine``, against the next segment's ``nxt``) summed from
    the base up to the first pixel of the next segment's colour; the base when it has none."""
    if mine is None or not _far(mine, nxt):
        return base_px
    lengths = []
    for ln in lines:
        got = _profile(img, horizontal, ln, base_px)
        if got is None:
            continue
        prof = got[0][:START_SEARCH_PX + 2]
        at = np.flatnonzero(np.linalg.norm(prof - np.asarray(nxt), axis=1) < SAME_SERIES)
        if not len(at):
            continue
        lengths.append(float(coverage(prof[:int(at[0])], mine, nxt).sum()))
    if not lengths:
        return base_px
    first = int(math.floor(base_px)) if horizontal else int(math.ceil(base_px)) - 1
    length = median(lengths)
    return first + length if horizontal else first + 1 - length


def _others_colour(colour: RGB, series: int, colours: list[RGB | None]) -> bool:
    """Whether ``colour`` is another series' (and not this one's) among the series' colours."""
    mine = colours[series] if 0 <= series < len(colours) else None
    if mine is not None and not _far(colour, mine):
        return False
    return any(c is not None and j != series and not _far(colour, c) for j, c in enumerate(colours))


def _clip(v: float, fr: Frame) -> float:
    lo, hi = sorted((fr.value.lo, fr.value.hi))
    return min(max(v, lo), hi)


def _middle_lines(r: chart_marks.Rect) -> list[int]:
    """The pixel lines (columns, or rows for horizontal bars) across the middle half of a bar."""
    a, b = (r.y0, r.y1) if r.horizontal else (r.x0, r.x1)
    q = (b - a) / 4
    lines = list(range(int(math.ceil(a + q - 0.5)), int(math.floor(b - q - 0.5)) + 1))
    if len(lines) > MAX_LINES:  # a wide bar: a few lines across its middle say as much
        lines = [lines[round(k * (len(lines) - 1) / (MAX_LINES - 1))] for k in range(MAX_LINES)]
    return lines or [int(math.floor((a + b) / 2))]


def _profile(img: Float, horizontal: bool, line: int, base_px: float, down: bool = False
             ) -> tuple[Float, int] | None:
    """The pixels along one line from the bar's base outward (``down``: towards lower values, a
    negative bar), and the index of the first."""
    h, w = img.shape[:2]
    if not 0 <= line < (h if horizontal else w):
        return None
    strip = img[line] if horizontal else img[:, line]
    if horizontal != down:  # outward is towards higher pixel indices
        first = max(0, int(math.floor(base_px)))
        return strip[first:], first
    first = min(len(strip) - 1, int(math.ceil(base_px)) - 1)
    return strip[first::-1], first


def _bare(img: Float, fr: Frame, lines: list[int], base_px: float, bg: RGB, down: bool = False) -> bool:
    """Whether the plot's background shows right past a bar's base (a bar of zero), the axis
    showing zero (else a bar may be clipped away below the axis); ``down``: on the side of the
    negative values too."""
    lo, hi = sorted((fr.value.lo, fr.value.hi))
    if not lo <= 0.0 <= hi or fr.value.log:
        return False
    samples: list[Float] = []
    for line in lines:
        for side in (False, True) if down else (False,):
            got = _profile(img, fr.horizontal, line, base_px, side)
            if got is not None:
                samples.extend(got[0][2:START_SEARCH_PX + 2])
    if not samples:
        return False
    near = np.linalg.norm(np.asarray(samples) - np.asarray(bg), axis=1) < MARK_COLOUR
    return float(near.mean()) >= 0.8


def _in_bar(img: Float, fr: Frame, lines: list[int], colour: RGB,
            first: tuple[float, float] | None = None) -> bool:
    """``_in_bar_read``, kept for the image's later candidates, which ask it of the same bars:
    what the whole strip says (``first`` only settles it sooner, never otherwise)."""
    x0, y0, x1, y1 = (int(round(v)) for v in fr.box)
    key = (fr.horizontal, (max(0, x0), x1) if fr.horizontal else (max(0, y0), y1), tuple(lines),
           tuple(float(v) for v in colour))
    return kept(img, "in bar", key, lambda: _in_bar_read(img, fr, lines, colour, first), KEPT_READS)


def _in_bar_read(img: Float, fr: Frame, lines: list[int], colour: RGB,
                 first: tuple[float, float] | None = None) -> bool:
    """Whether the program's colour for a bar shows along its middle lines (then it is the bar's;
    a style that recolours the series leaves the colour to be read from the image): on two of
    their pixels a line, across the box. ``first``: where along the value axis (pixels) the
    program puts the bar; its pixels there are counted first, and enough of them settle it."""
    x0, y0, x1, y1 = (int(round(v)) for v in fr.box)
    h, w = img.shape[:2]
    ok = [ln for ln in lines if 0 <= ln < (h if fr.horizontal else w)]
    if not ok:
        return False
    lo, hi = (max(0, x0), x1) if fr.horizontal else (max(0, y0), y1)
    if first is not None:  # (a part of the strip: when it holds enough, so does the strip)
        a, b = max(lo, int(math.floor(min(first)))), min(hi, int(math.ceil(max(first))))
        if b > a:
            part = img[ok, a:b] if fr.horizontal else img[a:b, ok]
            if int((dist2(part, colour) < SAME_SERIES ** 2).sum()) >= 2 * len(ok):
                return True
    strip = img[ok, lo:hi] if fr.horizontal else img[lo:hi, ok]
    hits = int((dist2(strip, colour) < SAME_SERIES ** 2).sum())
    return hits >= 2 * len(ok)


KEPT_READS = 4096  # reads of one kind kept an image (every bar of many candidates)


def _colour_at_base(img: Float, horizontal: bool, lines: list[int], base_px: float, bg: RGB,
                    down: bool = False) -> RGB | None:
    """The colour a bar shows just past its base (None: the plot's background shows there)."""
    samples: list[Float] = []
    for line in lines:
        got = _profile(img, horizontal, line, base_px, down)
        if got is None:
            continue
        prof = got[0][1:START_SEARCH_PX + 2]
        samples.extend(prof[_dist(prof, bg) > MARK_COLOUR])
    if len(samples) < max(2, len(lines)):
        return None
    return dominant(np.asarray(samples))


def _colour_at(img: Float, fr: Frame, lines: list[int], at_px: float) -> RGB | None:
    """The commonest colour at ``at_px`` along the value axis across a bar's middle lines."""
    h, w = img.shape[:2]
    k = int(math.floor(at_px))
    if fr.horizontal:
        rows = [ln for ln in lines if 0 <= ln < h]
        px = img[rows, k] if rows and 0 <= k < w else None
    else:
        cols = [ln for ln in lines if 0 <= ln < w]
        px = img[k, cols] if cols and 0 <= k < h else None
    return None if px is None or len(px) == 0 else dominant(px)


def _room_below(fr: Frame) -> bool:
    """Whether the plot shows values below zero: its axis says so, or the box reaches more than
    ROOM_BELOW_PX past zero's pixel (a scale read from the image, the program's range starting at
    zero: a program that writes 0 for a bar the image draws below zero)."""
    lo, hi = sorted((fr.value.lo, fr.value.hi))
    if lo < 0:
        return True
    if fr.value.log or not lo <= 0.0 < hi:
        return False
    top, zero = fr.value.to_px(hi), fr.value.to_px(0.0)
    sides = (fr.box[0], fr.box[2]) if fr.horizontal else (fr.box[3], fr.box[1])
    low = max(sides, key=lambda p: abs(p - top))  # the box's side towards lower values
    return abs(low - top) - abs(zero - top) > ROOM_BELOW_PX


def _longer_side(img: Float, horizontal: bool, lines: list[int], base_px: float, fill: RGB, bg: RGB,
                 up: tuple[float, bool] | None, fill_below: RGB | None = None
                 ) -> tuple[tuple[float, bool] | None, bool]:
    """The end of a bar that is not stacked, read on the side of zero where it runs further:
    ``up`` (its end read towards higher values, in ``fill``) or its end read towards lower values
    (in ``fill_below``, else ``fill``); and whether it hangs below zero."""
    under = _bar_end(img, horizontal, lines, base_px, fill_below or fill, bg, down=True)
    if under is not None and (up is None or abs(under[0] - base_px) > abs(up[0] - base_px)):
        return under, True
    return up, False


def _bar_end(img: Float, horizontal: bool, lines: list[int], base_px: float, fill: RGB, bg: RGB,
             stacked: bool = False, above: RGB | None = None, beyond: RGB | None = None, down: bool = False
             ) -> tuple[float, bool] | None:
    """``_bar_end_read``, kept for the image's later candidates: most candidates of a chart ask
    the same bars' ends (``kept``: one table an image)."""
    key = (horizontal, tuple(lines), base_px, fill, bg, stacked, above, beyond, down)
    return kept(img, "bar ends", key,
                lambda: _bar_end_read(img, horizontal, lines, base_px, fill, bg, stacked, above, beyond, down))


def _bar_end_read(img: Float, horizontal: bool, lines: list[int], base_px: float, fill: RGB, bg: RGB,
                  stacked: bool = False, above: RGB | None = None, beyond: RGB | None = None,
                  down: bool = False) -> tuple[float, bool] | None:
    """Where the bar of colour ``fill`` ends, in pixels along the value axis (median over lines),
    and whether something other than the background covers its end (a legend drawn over it).
    ``beyond``: the colour that follows the bar's (the next segment of a stack), when known.
    ``down``: the bar runs from its base towards lower values (a negative bar)."""
    ends = []
    covered = 0
    h, w = img.shape[:2]
    ok = [ln for ln in lines if 0 <= ln < (h if horizontal else w)]
    if not ok:
        return None
    inc = horizontal != down  # outward is towards higher pixel indices
    size = w if horizontal else h
    first = max(0, int(math.floor(base_px))) if inc else min(size - 1, int(math.ceil(base_px)) - 1)
    # every line's profile from the base outward (as _profile reads them), their cover at once;
    # only the part of each line past the base is taken from the image
    if horizontal:
        profs = img[ok, first:] if inc else img[ok, first::-1]
    else:
        profs = np.swapaxes(img[first:, ok] if inc else img[first::-1, ok], 0, 1)
    alphas = coverage(profs, fill, beyond if beyond is not None and _far(beyond, fill) else bg)
    nxt = beyond if beyond is not None and _far(beyond, fill) else None
    heads = alphas[:, :START_SEARCH_PX] > 0.5  # the first cell over one half near the base, each line
    starts = np.where(heads.any(axis=1), heads.argmax(axis=1), -1).tolist()
    for prof, alpha, start in zip(profs, alphas, starts):
        if start < 0:
            continue
        if nxt is not None:
            # the next segment's own colour ends the run: what a gap bridges is a gridline drawn
            # over the bar, never a short segment above it (past which the image may mix colours)
            stop = np.flatnonzero(_dist(prof[start:], nxt) < SAME_SERIES)
            if len(stop):
                alpha = alpha.copy()
                alpha[start + int(stop[0]):] = 0.0
        e = _edge_centre(prof, run_end(alpha, start, GRID_GAP_PX), fill, above or bg, inc, bg)
        ends.append(first + e if inc else first + 1 - e)
        past = prof[int(e) + 1:int(e) + 4]
        if not stacked and len(past) and bool((_dist(past, bg) > MARK_COLOUR).all()):
            covered += 1
    if len(ends) * 2 <= len(lines):
        return None
    return median(ends), covered * 2 > len(ends)


def _edge_centre(prof: Float, e: float, fill: RGB, above: RGB, inc: bool, bg: RGB | None = None) -> float:
    """A bar drawn with an edge line (classic's black edges, a light edge between stacked
    segments) ends on the line's centre. When pixels that are no mix of the fill and what lies
    beyond it (``above``: the next segment's colour, or the background) follow the fill's end at
    ``e`` for at most EDGE_LINE_PX, the end moves to their middle, less Agg's half-pixel snap of
    a line; else ``e``. ``inc``: the profile runs towards higher pixel indices.

    Agg draws a line of odd width (rounded) centred on a pixel's centre: one pixel wholly inked,
    its neighbours partly and alike; whether a partly inked one passes for a mix depends on the
    colours (a black line's grey edge over white is no mix of red and white, its dark red edge
    over red is nearly one). Of two or more such pixels the most inked (the furthest from every
    mix) is the centre, or the boundary between two inked alike (a line of even width, not
    snapped by half a pixel)."""
    k = int(e)
    residues = _mix_residues(prof[k:k + EDGE_LINE_PX + 1], fill, above)
    m = next((i for i, r in enumerate(residues) if r <= EDGE_RESIDUE), len(residues))
    if m == 0 or m > EDGE_LINE_PX:
        return e
    if m == 1 and bg is not None and k < len(prof):
        seam = _seam(prof[k], fill, above, bg)
        if seam is not None:
            return k + seam
    if m == 1:
        centre = (e + k + m) / 2
    else:
        core = max(range(m), key=lambda i: residues[i])
        twin = next((i for i in (core - 1, core + 1) if 0 <= i < m and residues[i] >= EVEN_LINE * residues[core]), None)
        if twin is not None:  # a line of even width: its centre is a pixel boundary, where Agg put it
            return k + max(core, twin)
        centre = k + core + 0.5
    return centre + LINE_SNAP_PX if not inc else centre - LINE_SNAP_PX


def _mix_residues(pixels: Float, fill: RGB, above: RGB) -> list[float]:
    """Each pixel's RGB distance from the nearest mix of ``fill`` and ``above``."""
    d = (above[0] - fill[0], above[1] - fill[1], above[2] - fill[2])
    norm2 = d[0] * d[0] + d[1] * d[1] + d[2] * d[2]
    out = []
    # in plain floats: a few pixels, where numpy's overhead per call is most of the cost
    for px in pixels.tolist():
        rel = (px[0] - fill[0], px[1] - fill[1], px[2] - fill[2])
        tt = min(max((rel[0] * d[0] + rel[1] * d[1] + rel[2] * d[2]) / norm2, 0.0), 1.0) if norm2 > 1e-9 else 0.0
        out.append(math.dist(rel, (tt * d[0], tt * d[1], tt * d[2])))
    return out


def _seam(px: Float, fill: RGB, above: RGB, bg: RGB) -> float | None:
    """Where in a pixel one segment of a stack gives way to the next, when both are drawn
    anti-aliased one after the other (Vega-Lite): the fill covers a share f of the pixel, the
    next segment then 1 - f over it, and the background shows through the rest, f(1 - f)
    (conflation). The pixel as weights of the fill, the next segment and the background; f when
    it is such a mix (the background's weight at most SEAM_BG), else None (an edge line of
    another colour)."""
    if not (_far(above, bg) and _far(fill, bg)):
        return None
    basis = np.stack([np.subtract(fill, bg), np.subtract(above, bg)], axis=1)  # 3 x 2
    w, *_ = np.linalg.lstsq(basis, np.subtract(px, bg), rcond=None)
    if float(np.linalg.norm(basis @ w - np.subtract(px, bg))) > EDGE_RESIDUE:
        return None
    w_fill, w_above = float(w[0]), float(w[1])
    f = 1.0 - w_above
    if w_fill < -0.05 or w_above < -0.05 or not 0.0 <= f <= 1.0 or 1.0 - w_fill - w_above > SEAM_BG:
        return None
    return f


def _mean_colour(cs: list[RGB]) -> RGB | None:
    if not cs:
        return None
    m = np.median(np.asarray(cs), axis=0)
    return (float(m[0]), float(m[1]), float(m[2]))


def _same_colours(colours: list[RGB | None]) -> list[Problem]:
    out = []
    for j in range(len(colours)):
        for k in range(j):
            a, b = colours[j], colours[k]
            if a is not None and b is not None and not _far(a, b):
                out.append(Problem("colour", f"series {k + 1} and {j + 1} show one colour in the image", j))
    return out


def _unexplained_bars(img: Float, fr: Frame, rects: list[chart_marks.Rect], bg: RGB) -> list[Problem]:
    """Bars in the image that no mark covers: runs of mark colour along the value axis's base."""
    x0, y0, x1, y1 = fr.box
    base = fr.value.to_px(_clip(0.0, fr))
    h, w = img.shape[:2]
    if fr.horizontal:
        col = int(math.floor(base)) + BASE_OFFSET_PX
        if not 0 <= col < w:
            return []
        lo, hi = int(math.ceil(y0)) + 1, int(math.floor(y1)) - 1
        strip = img[lo:hi, col]
        spans = [(r.y0, r.y1) for r in rects]
    else:
        row = int(math.ceil(base)) - BASE_OFFSET_PX
        if not 0 <= row < h:
            return []
        lo, hi = int(math.ceil(x0)) + 1, int(math.floor(x1)) - 1
        strip = img[row, lo:hi]
        spans = [(r.x0, r.x1) for r in rects]
    on = np.linalg.norm(strip - np.asarray(bg), axis=1) > MARK_COLOUR
    out = []
    padded = np.concatenate([[False], on, [False]])
    d = np.diff(padded.astype(np.int8))
    for a, b in zip(np.flatnonzero(d == 1), np.flatnonzero(d == -1)):
        if b - a < 3 or b - a > ALONG_SHARE * len(on):
            continue  # a gridline or a tick across the base line, or a line along it (a gridline at zero)
        a_px, b_px = lo + a, lo + b
        inside = [(c0, c1) for c0, c1 in spans if c1 > a_px and c0 < b_px]
        if not inside:
            out.append(Problem("unexplained", f"a bar at {a_px}-{b_px} px that no category of the program explains",
                               px=float(b_px - a_px)))
            continue
        reach = max(min(c0 for c0, _ in inside) - a_px, b_px - max(c1 for _, c1 in inside))
        if reach > UNEXPLAINED_PX:
            out.append(Problem("unexplained", f"a bar reaches {reach:.0f} px past the program's bars at "
                                              f"{a_px}-{b_px} px", px=float(reach)))
    return out


# -- lines, areas, points ---------------------------------------------------------------------


def _observed_colour(img: Float, pts: list[tuple[float, float]], bg: RGB,
                     box: tuple[float, float, float, float] | None = None) -> RGB | None:
    """The commonest mark colour within 3 px of the given points (a line's vertices). With the
    plot ``box``, the gridlines' colours (what crosses the box from side to side on one row) are
    left out: a vertex near a gridline shows more of its flat colour than of an anti-aliased line."""
    h, w = img.shape[:2]
    grid = _grid_colours(img, box) if box is not None else np.zeros((0, 3))
    samples: list[Float] = []
    for x, y in pts:
        r, c = int(y), int(x)
        patch = img[max(0, r - 3):min(h, r + 4), max(0, c - 3):min(w, c + 4)].reshape(-1, 3)
        keep = np.linalg.norm(patch - np.asarray(bg), axis=1) >= 0.25
        if len(grid):
            keep &= np.linalg.norm(patch[:, None, :] - grid[None, :, :], axis=2).min(axis=1) >= SAME_SERIES
        samples.extend(patch[keep])
    if len(samples) < 3:
        return None
    return dominant(np.asarray(samples))


def _grid_colours(img: Float, box: tuple[float, float, float, float]) -> Float:
    """The colours that cross the plot box from side to side on one row (gridlines, a frame, an
    axis): the same colour, unlike the background, on most of GRID_SAMPLES columns across the
    box (``memo``)."""
    x0, y0, x1, y1 = (int(round(v)) for v in box)
    h, w = img.shape[:2]

    def find() -> Float:
        if x1 - x0 < 12 or y1 - y0 < 4:
            return np.zeros((0, 3))
        cols = np.linspace(max(0, x0 + 3), min(w - 1, x1 - 4), GRID_SAMPLES).astype(np.int64)
        band = img[max(0, y0):min(h, y1 + 1)][:, cols]  # rows x samples x RGB
        ground = np.median(band.reshape(-1, 3), axis=0)
        q = np.round(band * 64).astype(np.int64)
        keys = q[..., 0] * 65 * 65 + q[..., 1] * 65 + q[..., 2]
        found = set()
        for row, kk in zip(band, keys):  # a colour on most samples of a row (a mark may sit on a few)
            vals, counts = np.unique(kk, return_counts=True)
            top = int(np.argmax(counts))
            if counts[top] >= GRID_AGREE * len(kk):
                c = row[int(np.flatnonzero(kk == vals[top])[0])]
                if np.abs(c - ground).max() > MARK_COLOUR:
                    found.add(tuple(np.round(c * 64) / 64))
        return np.array(sorted(found), np.float64).reshape(-1, 3)

    return memo(img, ("grid colours", x0, y0, x1, y1), find)


def _grid_mask(img: Float, box: tuple[float, float, float, float]) -> NDArray[np.bool_] | None:
    """The pixels of the whole image that have a gridline's colour (``_grid_colours``, to 1/64
    in each of RGB), or None when the box shows no gridline (``memo``)."""
    grid = _grid_colours(img, box)
    if not len(grid):
        return None

    def find() -> NDArray[np.bool_]:
        def keys(a: Float) -> NDArray[np.int64]:
            q = np.round(a * 64).astype(np.int64)
            return np.asarray(q[..., 0] * 65 * 65 + q[..., 1] * 65 + q[..., 2], np.int64)

        return np.isin(keys(img), keys(grid))

    return memo(img, ("grid mask", *box), find)


def _lines(img: Float, fr: Frame, chart: s.Chart, marks: tuple[chart_marks.Mark, ...],
           bg: RGB) -> tuple[list[Reading], list[RGB | None], list[Problem]]:
    paths = [m for m in marks if isinstance(m, chart_marks.Path) and not m.fill]
    readings: list[Reading] = []
    colours: list[RGB | None] = []
    problems: list[Problem] = []
    for p in paths:
        values = [float(v) for v in chart.series[p.series].values]
        at_px = [(fr.other.to_px(float(i)), fr.value.to_px(v)) for i, v in enumerate(values)]  # on the measured axes
        colours.append(p.colour if _present(img, fr, p.colour) else _observed_colour(img, at_px, bg, fr.box))
    # the lines' own corners place the categories to a fraction of a pixel (their axis is snapped)
    fr = corner_frame(img, fr, [([float(v) for v in chart.series[p.series].values], c,
                                 tuple(o for o in colours if o is not None and _far(o, c)))
                                for p, c in zip(paths, colours) if c is not None], bg, MARKER_CLEAR_PX)
    for p, colour in zip(paths, colours):
        values = [float(v) for v in chart.series[p.series].values]
        if colour is None:
            readings.extend(Reading(p.series, i, "values", v, None, None) for i, v in enumerate(values))
            continue
        others = tuple(c for c in colours if c is not None and _far(c, colour))
        clear = MARKER_CLEAR_PX  # markers may sit on the vertices though the program names none
        got = measure_line(img, fr, values, colour, bg, clear, others)
        # markers (the program may not say so: a reader often leaves them out) give the vertices best
        got = [_marker_value(img, fr, i, g, colour, bg, others) if g is not None else None
               for i, g in enumerate(got)]
        for i, (v, m) in enumerate(zip(values, got)):
            res = None if m is None else fr.value.to_px(m) - fr.value.to_px(v)
            readings.append(Reading(p.series, i, "values", v, m, res))
        bend = _bend(img, fr, got, colour, bg, others)
        if bend is not None and bend > LINE_BEND_PX:
            problems.append(Problem("bend", f"the line of series {p.series + 1} bends between the program's "
                                            f"categories ({bend:.1f} px from a straight segment)", p.series, bend))
        at = [g if g is not None else v for g, v in zip(got, values)]
        ends = [(fr.other.to_px(0.0), fr.value.to_px(at[0])), (fr.other.to_px(len(at) - 1.0), fr.value.to_px(at[-1]))]
        beyond = _beyond_ends(img, fr, ends, colour, bg, BEYOND_PX, (got[0] is not None, got[-1] is not None))
        if beyond:
            problems.append(Problem("unexplained", f"the line of series {p.series + 1} goes on {beyond} px past the "
                                                   "program's first or last category", p.series, float(beyond)))
        thick = _thickness(img, fr, colour, bg)
        if thick > 0.2 * abs(fr.box[3] - fr.box[1]):
            problems.append(Problem("kind", f"series {p.series + 1} fills {thick:.0f} px across: bars or areas, "
                                            "not a line", p.series, thick))
    problems += _same_colours(colours)
    return readings, colours, problems


def _marker_value(img: Float, fr: Frame, i: int, near: float, colour: RGB, bg: RGB,
                  others: tuple[RGB, ...] = ()) -> float:
    """A line vertex's value from its marker: the colour's pixels around the vertex, thinned
    until the line (narrower than the marker) is gone; the centre of what is left. ``near``
    (the polyline's value) when no marker core shows there, or when another series' mark
    (``others``' colours) touches it: a marker partly hidden is not centred on its vertex."""
    from scipy import ndimage

    h, w = img.shape[:2]
    x, y = fr.other.to_px(float(i)), fr.value.to_px(near)
    r0, c0 = max(0, int(y) - MARKER_WINDOW_PX), max(0, int(x) - MARKER_WINDOW_PX)
    r1, c1 = min(h, int(y) + MARKER_WINDOW_PX + 1), min(w, int(x) + MARKER_WINDOW_PX + 1)
    if r1 - r0 < 5 or c1 - c0 < 5:
        return near
    # the window's marker cores depend on the image and window alone: worked out once for all the
    # candidates whose vertex falls in the same window (memo, a table a colour)
    windows: dict[tuple[int, int, int, int], tuple[NDArray[np.int32], list[tuple[tuple[float, ...], int, bool]]]] = \
        memo(img, ("marker cores", tuple(colour), tuple(bg)), dict)
    window = (r0, r1, c0, c1)
    if window not in windows:
        windows[window] = _marker_cores(cover(img, colour, bg, STROKE_BEYOND)[r0:r1, c0:c1] > 0.5)
    labels, cents = windows[window]
    if not cents:
        side = _side_marker(img, fr, x, y, colour, bg)
        return near if side is None else fr.value.to_value(side)
    best, k, clean = min(cents, key=lambda ck: math.hypot(ck[0][0] + r0 + 0.5 - y, ck[0][1] + c0 + 0.5 - x))
    if others:  # the marker's reach (its core grown back by the thinning) touches another series' mark
        reach = ndimage.binary_dilation(labels == k, iterations=MARKER_REACH_PX)
        if others_mark(img, colour, others, bg, (r0, r1, c0, c1))[reach].any():
            return near
    cy = best[0] + r0 + 0.5 - LINE_SNAP_PX  # Agg centres a marker on the pixel centre round(y) + 0.5
    if abs(cy - y) > (MARKER_CLEAN_AGREE_PX if clean else MARKER_AGREE_PX):
        return near
    return fr.value.to_value(cy)


SIDE_PX = 1.5  # a vertex this close to the box's side has its marker cut there (the plot clips it)
SIDE_COLUMNS = 3  # the columns just inside the side where the cut marker's height is read
SIDE_MIN_PX = 5  # a cut marker shows at least this tall there (a line of common slope, less)
SIDE_AGREE_PX = 0.6  # the run's middle in two or more of those columns agrees this well (a round or square
# marker; a triangle's middle moves from column to column)
SIDE_NARROWER_PX = 3  # and this much taller than any run of the colour past its reach (a steep line: alike)


def _side_marker(img: Float, fr: Frame, x: float, y: float, colour: RGB, bg: RGB) -> float | None:
    """The row of a vertex's marker that the plot's side cuts in half (a clipped plot: the vertex
    on the box's left or right side), a thinning leaving no core of it: the middle of its
    colour's run down the columns just inside the side, to a fraction of a pixel from the cover
    at its ends, alike in two columns or more (a round or square marker). Looked for twice the
    marker window up and down (a legend hiding the line's last segment leaves the line's
    estimate well off). None when the vertex is not on a side, or no such run shows, or the
    colour runs as tall just past its reach (a steep line, no marker)."""
    x0, _, x1, _ = fr.box
    if abs(x - x1) <= SIDE_PX:
        cols, step = [int(math.floor(x1)) - k for k in range(1, SIDE_COLUMNS + 1)], -1
    elif abs(x - x0) <= SIDE_PX:
        cols, step = [int(math.ceil(x0)) + k for k in range(SIDE_COLUMNS)], 1
    else:
        return None
    h, w = img.shape[:2]
    r0, r1 = max(0, int(y) - 2 * MARKER_WINDOW_PX), min(h, int(y) + 2 * MARKER_WINDOW_PX + 1)
    if r1 - r0 < 5 or not all(0 <= c < w for c in cols):
        return None

    alpha_all = cover(img, colour, bg, STROKE_BEYOND)  # the image's (memo), not a slice's: one entry

    def runs(col: int) -> list[tuple[int, int]]:  # (first, last + 1) rows of cover over one half
        if not 0 <= col < w:
            return []
        on = np.concatenate([[False], alpha_all[r0:r1, col] > 0.5, [False]])
        edges = np.flatnonzero(np.diff(on.astype(np.int8)))
        return [(int(a), int(b)) for a, b in zip(edges[::2], edges[1::2])]

    best: tuple[int, int, int] | None = None
    for col in cols:
        for a, b in runs(col):
            if b - a >= SIDE_MIN_PX and a > 0 and b < r1 - r0 and b - a <= MARKER_CORE_PX + 2 * MARKER_REACH_PX \
                    and (best is None or b - a > best[1] - best[0]):
                best = (a, b, col)
    if best is None:
        return None
    a, b, col = best
    # just past the half marker's reach (its run is as tall as it is wide), the colour must run
    # shorter (the line alone, anywhere in the window): a steep line runs as tall in every column
    inner = col + step * ((b - a) // 2 + 2)
    if any(d - c > (b - a) - SIDE_NARROWER_PX for c, d in runs(inner)):
        return None
    # the run's middle in each column, its ends to a fraction of a pixel (the cover of the pixels
    # just past them): a round or square marker's middle is the same in every column; a
    # triangle's, or a steep line's run joined to the marker, moves from one column to the next
    middles: list[float] = []
    for c in cols:
        alpha = alpha_all[r0:r1, c]
        for ra, rb in runs(c):
            if rb - ra >= SIDE_MIN_PX and min(b, rb) - max(a, ra) > 0 and ra > 0 and rb < r1 - r0:
                top = ra - float(alpha[ra - 1])
                bottom = rb + (float(alpha[rb]) if rb < len(alpha) else 0.0)
                middles.append((top + bottom) / 2)
    if len(middles) < 2 or max(middles) - min(middles) > SIDE_AGREE_PX:
        return None
    return r0 + median(middles) - LINE_SNAP_PX  # (Agg centres a marker on a pixel's centre, as above)


def _marker_cores(mask: NDArray[np.bool_]) -> tuple[NDArray[np.int32], list[tuple[tuple[float, ...], int, bool]]]:
    """The cores of the markers in a window's mask of a line's colour (what is left when the line,
    narrower than a marker, is thinned away): the labelled cores and, of each compact, whole and
    symmetric one, its centre (window rows and columns), label and whether it is clean
    (symmetric both ways, about as tall as wide, filling its box, 3 px or more: a marker alone,
    no stroke merged with it, no thick line's vertex). A spur the thinning leaves where a line
    meets the marker (a pixel or two wide) is no part of the core."""
    from scipy import ndimage

    core = ndimage.binary_erosion(mask, structure=_DISK)
    for _ in range(2):  # a spur's pixels: one neighbour across or down (a tip; twice, for two pixels)
        core &= ndimage.correlate(core.astype(np.int8), _CROSS, mode="constant") != 1
    labels, n = ndimage.label(core)
    cents: list[tuple[tuple[float, ...], int, bool]] = []
    if n == 0:
        return labels, cents
    for k, sl in enumerate(ndimage.find_objects(labels), start=1):
        if sl is None:
            continue
        tall, wide = sl[0].stop - sl[0].start, sl[1].stop - sl[1].start
        if max(tall, wide) <= MARKER_CORE_PX and sl[0].start > 0 and sl[1].start > 0 \
                and sl[0].stop < core.shape[0] and sl[1].stop < core.shape[1]:
            # compact and whole: a marker's core, not a thick line
            c = ndimage.center_of_mass(core, labels, k)
            mine = labels[sl] == k
            if abs(c[0] + 0.5 - (sl[0].start + sl[0].stop) / 2) <= MARKER_SYMMETRY_PX and \
                    (mine & mine[::-1]).sum() >= MARKER_MIRROR * (mine | mine[::-1]).sum():
                # a symmetric marker (circle, square): its centre is the vertex
                clean = (abs(c[1] + 0.5 - (sl[1].start + sl[1].stop) / 2) <= MARKER_SYMMETRY_PX
                         and abs(tall - wide) <= 1 and min(tall, wide) >= MARKER_CLEAN_MIN_PX
                         and float((labels[sl] == k).sum()) >= MARKER_CLEAN_FILL * tall * wide)
                cents.append((c, k, clean))
            # a triangle's centre of area lies off its anchor: the line's own estimate stands
    return labels, cents


_CROSS = np.array([[0, 1, 0], [1, 0, 1], [0, 1, 0]], np.int8)
_DISK = np.array([[abs(i) + abs(j) <= 3 and i * i + j * j <= 5 for j in range(-2, 3)] for i in range(-2, 3)])


def _beyond_ends(img: Float, fr: Frame, ends: list[tuple[float, float]], colour: RGB, bg: RGB,
                 clear: float, measured: tuple[bool, bool] = (False, False)) -> int:
    """How many columns past the line's first and last vertex (and a marker's reach) the line
    goes on inside the plot box, traced from the vertex column by column: a category the
    program lacks (a legend's swatch of the colour elsewhere is not connected to it).

    Past a ``measured`` vertex the line traced is the line's own only if it runs on through
    the vertex: a straight line through its samples meets the vertex's column within
    BEYOND_MEET_PX of it. A legend's handle of the colour, level across the first category
    12 px above its vertex, was traced 7 columns and the fit refused."""
    x0, y0, x1, y1 = (int(round(v)) for v in fr.box)
    h = img.shape[0]
    total = 0
    for (x, y), step, sure in zip(ends, (-1, 1), measured):
        col = int(math.floor(x + step * clear))
        y_prev, reach, path = y, BEYOND_START_PX, []
        while x0 + 3 <= col < x1 - 2:
            lo, hi = max(y0 + 2, int(y_prev - reach)), min(y1 - 1, h, int(y_prev + reach) + 1)
            if hi - lo < 1:
                break
            alpha = cover(img, colour, bg, STROKE_BEYOND)[lo:hi, col]
            if alpha.max() <= 0.5:
                break
            y_prev = float((alpha * (np.arange(lo, hi) + 0.5)).sum() / alpha.sum())
            path.append((col + 0.5, y_prev))
            reach, col = BEYOND_TRACK_PX, col + step
        if sure and len(path) >= 2:
            slope, at = np.polyfit([q[0] for q in path], [q[1] for q in path], 1)
            if abs(slope * x + at - y) > BEYOND_MEET_PX:
                path = []
        total += len(path)
    return total if total >= BEYOND_MIN_COLUMNS else 0


def _present(img: Float, fr: Frame, colour: RGB) -> bool:
    """Whether the plot shows ``colour`` (the program's) on enough pixels to be a mark's."""
    x0, y0, x1, y1 = (int(round(v)) for v in fr.box)

    def count() -> int:
        sub = img[max(0, y0):y1:2, max(0, x0):x1:2]
        return int((_dist(sub, colour) < SAME_SERIES).sum())

    return memo(img, ("present", x0, y0, x1, y1, colour), count) >= PRESENT_PX


def _bend(img: Float, fr: Frame, got: list[float | None], colour: RGB, bg: RGB,
          others: tuple[RGB, ...] = ()) -> float | None:
    """RMS distance in pixels of the line's colour centre in each column from the measured polyline.

    A column whose window holds a mark of one of the ``others`` colours (another series' line
    crossing or running beside it, up to OCCLUDED_PX past the window) is left out: drawn over the
    line it hides part of it, and its anti-aliased edges pass for a like colour (a teal line 8 px
    from a blue one pulled the blue's centre 2 px), so the centre there says nothing of a bend."""
    if any(g is None for g in got) or len(got) < 2:
        return None
    xs = [fr.other.to_px(float(i)) for i in range(len(got))]
    ys = [fr.value.to_px(float(g)) for g in got]  # type: ignore[arg-type]
    h, w = img.shape[:2]
    d = []
    for k in range(len(xs) - 1):
        xa, xb = xs[k], xs[k + 1]
        c0, c1 = max(0, int(math.ceil(xa + 8))), min(w, int(math.floor(xb - 8)))
        if c1 <= c0 or abs(ys[k + 1] - ys[k]) > 1.5 * (xb - xa):
            continue  # too short, or too steep for columns to say where the line is
        r0, r1 = max(0, int(min(ys[k], ys[k + 1]) - 12)), min(h, int(max(ys[k], ys[k + 1]) + 13))
        cov = line_cover(img, colour, bg)[r0:r1, c0:c1]
        yexp = ys[k] + (ys[k + 1] - ys[k]) * (np.arange(c0, c1) + 0.5 - xa) / (xb - xa)
        lo = np.maximum(r0, (yexp - 12).astype(np.int64))
        hi = np.minimum(r1, (yexp + 13).astype(np.int64))
        rows = np.arange(r0, r1)[:, None]
        inside = (rows >= lo[None, :]) & (rows < hi[None, :])
        alpha = np.where(inside, cov, 0.0)
        if others:  # (a mark just past the window reaches into it with its edges)
            o0, o1 = max(0, r0 - OCCLUDED_PX), min(h, r1 + OCCLUDED_PX)
            near = np.abs(np.arange(o0, o1)[:, None] + 0.5 - yexp[None, :]) <= 12 + OCCLUDED_PX
            alpha[:, (others_mark(img, colour, others, bg, (o0, o1, c0, c1)) & near).any(axis=0)] = 0.0
        mass = alpha.sum(axis=0)
        ok = mass >= 0.5
        centre = (alpha * (rows + 0.5)).sum(axis=0)[ok] / mass[ok]
        d.extend((centre - yexp[ok]).tolist())
    if len(d) < 4:
        return None
    return float(np.sqrt(np.mean(np.square(d))))


def _thickness(img: Float, fr: Frame, colour: RGB, bg: RGB) -> float:
    """The median extent of ``colour`` along the value axis, over the plot's columns."""
    x0, y0, x1, y1 = (int(round(v)) for v in fr.box)

    def extent() -> float:
        sub = img[y0 + 1:y1 - 1, x0 + 1:x1 - 1:3]
        on = _dist(sub, colour) < SAME_SERIES
        counts = on.sum(axis=0)
        counts = counts[counts > 0]
        return median(counts) if len(counts) else 0.0

    return memo(img, ("thickness", x0, y0, x1, y1, colour), extent)


def _areas(img: Float, fr: Frame, chart: s.Chart, marks: tuple[chart_marks.Mark, ...],
           bg: RGB) -> tuple[list[Reading], list[RGB | None], list[Problem]]:
    polys = [m for m in marks if isinstance(m, chart_marks.Path) and m.fill]
    values = [[float(v) for v in x.values] for x in chart.series]
    fills = [p.colour for p in polys]
    got = measure_areas(img, fr, values, fills, bg)
    readings = []
    for j, (vs, ms) in enumerate(zip(values, got)):
        for i, (v, m) in enumerate(zip(vs, ms)):
            res = None if m is None else (m - v) * fr.value.px_per_unit()
            readings.append(Reading(j, i, "values", v, m, res))
    return readings, list(fills), []


def _scatter(img: Float, fr: Frame, chart: s.Chart, marks: tuple[chart_marks.Mark, ...],
             bg: RGB) -> tuple[list[Reading], list[RGB | None], list[Problem]]:
    readings: list[Reading] = []
    colours: list[RGB | None] = []
    problems: list[Problem] = []
    reach = 0.2 * max(fr.box[2] - fr.box[0], fr.box[3] - fr.box[1])
    for j, x in enumerate(chart.series):
        dots = [m for m in marks if isinstance(m, chart_marks.Dot) and m.series == j]
        xs, ys = [float(v) for v in x.x], [float(v) for v in x.y]
        pts = [(fr.other.to_px(u), fr.value.to_px(v)) for u, v in zip(xs, ys)]  # on the measured axes
        colour = (dots[0].colour if dots and _present(img, fr, dots[0].colour)
                  else _observed_colour(img, pts, bg, fr.box))
        colours.append(colour)
        if colour is None:
            readings += [Reading(j, i, f, v, None, None) for i in range(len(xs)) for f, v in (("x", xs[i]),
                                                                                            ("y", ys[i]))]
            continue
        mx, my = measure_points(img, fr, xs, ys, colour, bg, reach, _grid_mask(img, fr.box))
        for i in range(len(xs)):
            rx = None if mx[i] is None else fr.other.to_px(mx[i]) - fr.other.to_px(xs[i])  # type: ignore[arg-type]
            ry = None if my[i] is None else fr.value.to_px(my[i]) - fr.value.to_px(ys[i])  # type: ignore[arg-type]
            readings.append(Reading(j, i, "x", xs[i], mx[i], rx))
            readings.append(Reading(j, i, "y", ys[i], my[i], ry))
        extra = _extra_points(img, fr, colour, bg, len(xs))
        if extra > 0:
            problems.append(Problem("unexplained", f"{extra} more point(s) of series {j + 1}'s colour than the "
                                                   "program has", j, float(extra)))
    problems += _same_colours(colours)
    return readings, colours, problems


def _extra_points(img: Float, fr: Frame, colour: RGB, bg: RGB, n: int) -> int:
    """How many more separate blobs of ``colour`` the plot shows than ``n`` points."""
    from scipy import ndimage

    x0, y0, x1, y1 = (int(round(v)) for v in fr.box)

    def blobs() -> int:  # how many blobs are not specks, once an image and box
        alpha = cover(img, colour, bg, POINT_BEYOND)[y0:y1, x0:x1]
        labels, k = point_blobs(alpha)
        if k == 0:
            return 0
        areas = ndimage.sum_labels(alpha, labels, np.arange(1, k + 1))
        return len(areas[areas >= 0.3 * median(areas)])

    return max(0, memo(img, ("point blobs", x0, y0, x1, y1, tuple(colour), tuple(bg)), blobs) - n)


# -- pies -------------------------------------------------------------------------------------


def _measure_pie(chart: s.Chart, img: Float) -> Measurement:
    x = chart.series[0]
    values = [float(v) for v in x.values]
    try:
        data = extract(chart)
    except RecodeError:
        data = ()
    fills = list(data[0].colours) if data else []
    hole = chart_marks.hole(chart)
    bg = memo(img, "pie ground", lambda: dominant(img[:: max(1, img.shape[0] // 100), :: max(1, img.shape[1] // 100)]))
    spans, start, centre, radius = measure_pie(img, fills, bg, hole)
    if (centre is None or all(a is None for a in spans)) and fills:
        # the style recoloured the wedges: read the colours the image shows, in order around the pie
        # (their order around the pie, and its direction, then say which is which)
        fills = _pie_colours(img, bg, len(values))
        stated = float(chart.start_angle) if chart.start_angle is not None else None
        spans, start, centre, radius = (measure_pie_unordered(img, fills, bg, hole, values, stated) if fills
                                        else (spans, start, None, 0.0))
    total = sum(values)
    readings = []
    for i, (v, a) in enumerate(zip(values, spans)):
        m = None if a is None else total * a / 360.0
        res = None if a is None else (a - 360.0 * v / total) * math.pi / 180.0 * radius
        readings.append(Reading(0, i, "values", v, m, res))
    problems = []
    if centre is None:
        problems.append(Problem("kind", "no pie of the program's colours in the image"))
    else:
        n_seen = len(_pie_colours(img, bg, 0))
        if n_seen > len(values):
            problems.append(Problem("unexplained", f"the pie shows {n_seen} wedge colours, the program has "
                                                   f"{len(values)}", px=float(n_seen - len(values))))
    return Measurement(chart, None, tuple(readings), tuple(problems), start, tuple(fills[:1]) if fills else (),
                       None, radius)


def _pie_colours(img: Float, bg: RGB, limit: int) -> list[RGB]:
    """The saturated colours covering the most pixels (the wedges), most first; ``limit`` 0: all
    that cover at least 0.3% of the image (worked out once an image, ``memo``)."""
    return memo(img, ("pie colours", tuple(float(v) for v in bg), limit), lambda: _pie_colours_of(img, bg, limit))


def _pie_colours_of(img: Float, bg: RGB, limit: int) -> list[RGB]:
    from scipy import ndimage

    grid = img[::2, ::2]
    q = np.round(grid * 32).astype(np.int64)
    keys_grid = q[..., 0] * 33 * 33 + q[..., 1] * 33 + q[..., 2]
    far = np.linalg.norm(grid - np.asarray(bg), axis=-1) > 0.2
    px, keys = grid[far], keys_grid[far]
    if len(px) == 0:
        return []
    vals, counts = np.unique(keys, return_counts=True)
    order = np.argsort(-counts)
    least = 0.003 * grid.shape[0] * grid.shape[1]
    out: list[RGB] = []
    for k in order:
        if counts[k] < least:
            break
        c = px[keys == vals[k]].mean(axis=0)
        col = (float(c[0]), float(c[1]), float(c[2]))
        if max(col) - min(col) <= PIE_GREY:
            # a grey is a wedge's (a greyscale palette, a grey wedge) only in one large piece:
            # text and edges are grey too, in many small ones
            labels, n = ndimage.label(keys_grid == vals[k])
            if n == 0 or np.bincount(labels.ravel())[1:].max() < least:
                continue
        if all(_far(col, o) for o in out):
            out.append(col)
        if limit and len(out) >= limit:
            break
    return out
