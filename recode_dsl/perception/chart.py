"""Read a chart image into measured facts: kind, title, axes, categories, series and values.

    image ──1 texts──▶ text lines read by OCR (``text.py``)
          ──2 box────▶ the plot box (``plotbox.py``), the value axes from the tick labels (``axes.py``)
          ──3 colours▶ the marks' colours in the plot; legend entries (a swatch and a name)
          ──4 marks──▶ bars (sub-pixel ends), line vertices, points, pie and donut wedges
          ──5 kind───▶ bar, hbar, grouped_bar, stacked_bar, line, scatter, pie, donut
          ──6 values─▶ data units through the axis map; values printed on the chart win

Every fact is measured in the image; nothing is assumed about the renderer's layout except
that categories sit at their labels. Texts that cannot be read are None, never guessed.
Positions are image pixels, origin top-left, pixel (r, c) covering [c, c+1] x [r, r+1].
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

import numpy as np
from numpy.typing import NDArray
from scipy import ndimage

from recode_dsl.perception import axes as ax
from recode_dsl.perception import plotbox
from recode_dsl.perception import text as tx

Float = NDArray[np.float64]
RGB = tuple[float, float, float]
Box = tuple[float, float, float, float]

KINDS = ("bar", "hbar", "grouped_bar", "stacked_bar", "line", "area", "scatter", "pie", "donut")
MARK_DIFF = 0.14  # a mark differs from the plot's ground by at least this (RGB max channel)
SAME_COLOUR = 0.12  # pixels this close to a mark colour are that mark
RIM_CORE = 0.04  # ... and pixels this close are its core (a pixel next to another mark's core is its rim)
MIN_COLOUR_SHARE = 0.0002  # a mark colour covers at least this share of the plot
FRAME_INSET = 3  # mark colours are counted this far inside the plot box (frame lines, inner ticks)
RECT_FILL = 0.85  # a bar fills at least this share of its bounding box
LINE_OVER = 0.2  # a pixel this far from every blend of a mark and its ground is a line over it
LINE_SNAP_PX = plotbox.LINE_SNAP_PX  # Agg draws a thin line at x on the pixel centre round(x) + 0.5
GROUP_GAP_PX = 2.5  # bars of one category's group touch (or nearly)
EDGE_GAP_PX = 3.5  # stacked segments touch, or nearly: edge lines drawn between them
THIN_UNDER_PX = 6.0  # a segment this near the one before it lies on it (a thin segment between them shows
# no rectangle of its own); a legend's swatch floats further off the bars
SWATCH_MAX = 30  # a legend swatch is at most this big (pixels, each way)
# ... and a pixel tall only when it is a line handle at least this share of its label's height long (a handle is
# two ems, a label with a descender about 1.4): a thin line's anti-aliased rim of a dark colour (classic's green)
# is too pale to count as coloured
LINE_SWATCH = 0.8
SWATCH_COLOUR_TOL = 0.1  # a swatch's pixels are this near its colour (RGB max channel) when parted from a mark
LEGEND_PAD = 8  # a legend's frame lies this far around its swatches and names
SEAM_PX = 3.0  # a pie colour whose runs along a ring are all shorter than this (pixels) is a separator line
PIE_FILL = 0.4  # a pie's (or donut's, hole and all) ink covers at least this share of its disc; an outline far less
FLAT_RUN_PX = 24  # a chart draws a flat stroke or area at least this long (an axis, a gridline, a bar, a wedge)
FLAT_STEP = 6 / 255  # neighbours of one flat stroke differ by at most this (each channel)
NOISE_COLOURS = 0.5  # a chart's 32 commonest colours (16 levels a channel) cover far more of it than this
NOISE_SPECKS = 0.6  # ... and specks (marks under NOISE_SPECK_PX pixels) hold far less of its ink than this
NOISE_SPECK_PX = 12
NOISE_SPECK_AREA = 0.04  # ... and cover this share of the page (a dotted gridline's dots: about 1%)


# With no tick label to read (a theme whose font the renderer lacks draws none) the marks are
# measured in percent of the plot box: 0 at its bottom (left), 100 at its top (right)
PERCENT_OF_BOX = "percent of the plot box"
NO_VALUE_AXIS = f"no value axis could be read: values are in {PERCENT_OF_BOX}, not in the chart's units"


@dataclass(frozen=True, slots=True)
class SeriesFacts:
    """One series as measured: its name (None when no legend names it), colour and values."""

    name: str | None
    colour: RGB
    values: tuple[float | None, ...] = ()
    x: tuple[float, ...] = ()
    y: tuple[float, ...] = ()
    printed: tuple[bool, ...] = ()  # values read from a label printed on the chart


@dataclass
class ChartFacts:
    """What the image shows. ``categories`` are None where a label could not be read."""

    kind: str
    width: int
    height: int
    plot_box: Box | None = None
    title: str = ""
    categories: list[str | None] = field(default_factory=list)
    series: list[SeriesFacts] = field(default_factory=list)
    value_axis: ax.Axis | None = None
    x_axis: ax.Axis | None = None
    start_angle: float | None = None
    hole: float | None = None
    pie_colours: list[RGB] = field(default_factory=list)
    label_box: Box | None = None  # the plot box grown to span its category labels
    bar_width: float | None = None  # a bar's (a group's) width in categories (the slots' spacing)
    value_unit: str = ""  # what the values measure when not the chart's own units (PERCENT_OF_BOX)
    warnings: list[str] = field(default_factory=list)
    texts: list[tx.Text] = field(default_factory=list)


class NotAChart(ValueError):
    """The image shows no chart the reader knows."""


def as_rgb(image: NDArray[np.generic]) -> Float:
    return plotbox.as_float(image)


def read_chart(image: NDArray[np.generic]) -> ChartFacts:
    """The facts of a chart image (HxW, HxWx3 or HxWx4; uint8 or floats in [0, 1])."""
    rgb = as_rgb(image)
    h, w = rgb.shape[:2]
    if _noise(rgb, tx.ground_colour(rgb), min(FLAT_RUN_PX, max(3, min(h, w) // 10))):
        raise NotAChart("no straight line nor flat area of one colour, and specks, random colours "
                        "or nothing drawn: not a chart")
    texts = tx.find_texts(rgb)
    found = plotbox.find_plot_box(rgb)
    inside = found.box if found is not None else None
    yaxis = ax.find_axis(texts, rgb, vertical=True, plot_box=inside)
    xaxis = ax.find_axis(texts, rgb, vertical=False, plot_box=inside)
    if found is not None:  # a frameless side reaches the ticks read around the box
        found = plotbox.to_ticks(found, [p for p, _ in yaxis.ticks] if yaxis is not None else [],
                                 [p for p, _ in xaxis.ticks] if xaxis is not None else [])
    box = _above_labels(found, texts, yaxis) if found is not None else None
    facts = ChartFacts(kind="bar", width=w, height=h, plot_box=box, texts=texts)
    ground = tx.ground_colour(rgb)
    relative = False
    if yaxis is None and xaxis is None:
        try:
            _read_pie(rgb, ground, texts, facts)
            return facts
        except NotAChart:
            if box is None:
                box = plotbox.gridline_box(rgb)  # no frame, no vertical line: gridlines alone
            if box is None:
                raise
        # no tick label can be read (a theme whose font is missing draws none): the marks are
        # still read, in percent of the plot box, and a warning says the values are not the chart's
        facts = ChartFacts(kind="bar", width=w, height=h, plot_box=box, texts=texts)
        yaxis, xaxis = _relative_axes(box)
        relative = True
        facts.value_unit = PERCENT_OF_BOX
        facts.warnings.append(NO_VALUE_AXIS)
    if box is None:  # no plot box: a pie whose legend lists numbers (years) looks like an axis
        try:
            _read_pie(rgb, ground, texts, facts)
            return facts
        except NotAChart:
            facts = ChartFacts(kind="bar", width=w, height=h, plot_box=None, texts=texts)
    if box is None:
        box = _box_from_axes(yaxis, xaxis, w, h)
        facts.plot_box = None
    axis_texts = {id(t) for a in (yaxis, xaxis) if a is not None for t in a.labels}
    facts.label_box = _with_labels(box, [t for t in texts if id(t) not in axis_texts], w, h)
    region = _region(facts.label_box, w, h)
    legend = _legend(rgb, ground, texts, region)
    colours, panel = _mark_colours(rgb, ground, texts, region, legend)
    if not colours:
        raise NotAChart("no marks found in the plot")
    facts.title = _title(texts, box)
    lines = _is_line(rgb, colours, region, legend, panel)
    rects = _rects(rgb, colours, region, legend)
    if lines:  # squares a line of their colour runs on from are its markers, not bars
        rects = _markers_dropped(rects, _colour_masks(rgb, colours, region, legend, panel), region)
    rects = _slivers_dropped(rects)
    if lines and all(max(r[2] - r[0], r[3] - r[1]) <= MARKER_MAX_PX for r in rects):
        rects = []  # a line's solid blobs (where it turns sharply, where lines cross), no bigger than a marker
    rect_area = sum((r[2] - r[0]) * (r[3] - r[1]) for r in rects)
    solid = _solid_area(rgb, colours, region, legend)
    bars = rects and solid > 0 and rect_area >= 0.6 * solid and not _points_like(rects) and _share_a_base(rects)
    readable_bars = bars and len(rects) >= 2 and not (lines and len(rects) < 3)
    if relative and not readable_bars and not _chromatic(colours, panel):
        raise NotAChart("no value axis, and no bars nor coloured marks to read without one")
    if bars and not relative and (yaxis is None if _upright(rects) else xaxis is None):
        # bars standing up with no value axis beside them (its labels cut off by the image's
        # side): a row of numbers under them names the categories; the values are in percent
        ry, rx = _relative_axes(box)
        yaxis, xaxis = (ry, xaxis) if _upright(rects) else (yaxis, rx)
        relative = True
        facts.value_unit = PERCENT_OF_BOX
        facts.warnings.append(NO_VALUE_AXIS)
    if bars and relative and yaxis is not None and xaxis is not None:
        # measured in percent of the box, a bar's value runs from the line the bars stand on and hang
        # from (0), not from the box's side: bars either side of it are positive and negative
        up = _upright(rects)
        base = _two_sided_base(rects, up)
        if base is not None:
            turned = yaxis if up else xaxis
            turned = replace(turned, a=-turned.b * base)
            yaxis, xaxis = (turned, xaxis) if up else (yaxis, turned)
    areas = [] if bars or yaxis is None or yaxis.log or relative else _areas(rgb, colours, region, legend, panel,
                                                                             box[3])
    if bars and not (lines and len(rects) < 3):
        _read_bars(rgb, panel, rects, colours, legend, texts, box, yaxis, xaxis, facts)
    elif areas and yaxis is not None:
        _read_areas(rgb, panel, colours, areas, legend, texts, box, yaxis, facts)
    elif xaxis is not None and yaxis is not None and not lines and (
            not relative or _points_like(rects) or _dots(rgb, colours, region, legend)):
        _read_scatter(rgb, colours, region, legend, xaxis, yaxis, facts)
    elif yaxis is not None:
        _read_lines(rgb, colours, region, legend, texts, box, yaxis, facts, panel,
                    found.inner_cols() if found is not None else ())
    else:
        raise NotAChart("marks that are neither bars, lines nor points")
    return facts


# -- the plot region, colours, legend -------------------------------------------------------


def _noise(rgb: Float, ground: Float, length: int) -> bool:
    """Whether the image is noise or empty, not a chart, by cheap tests before the text finder
    (whose cost grows with the marks: 0.6 s CPU on a 600x400 speckle). Every chart draws a flat
    run of one colour off the ground, ``length`` pixels along a row or column (an axis or gridline,
    a bar's side, a wedge, a panel's shade: 50 px and more at 640x480); noise does not (speckle's
    dots, random colours: under 10). An image with no such run (a chart of steep lines over dotted
    gridlines has none) is noise when no 32 colours (16 levels a channel) cover half of it (a
    chart is a few flat colours and their anti-aliased blends), when most of its ink lies in
    specks and they cover a share of the page (a chart's ink is strokes, letters and areas; the
    dots of dotted gridlines, even where they are most of it, cover about 1%), or when it has no
    ink. The specks are counted in a central window of at most 512x512 px."""
    q = [np.round(rgb[..., i] * 255.0).astype(np.int16) for i in range(3)]
    g = np.round(np.asarray(ground, np.float64) * 255.0).astype(np.int16)
    step = round(FLAT_STEP * 255)
    off = (np.abs(q[0] - g[0]) > 2 * step) | (np.abs(q[1] - g[1]) > 2 * step) | (np.abs(q[2] - g[2]) > 2 * step)
    for axis in (1, 0):
        same = off[:, 1:] & off[:, :-1] if axis == 1 else off[1:] & off[:-1]
        for c in q:
            d = np.diff(c, axis=axis)
            same &= (d <= step) & (d >= -step)
        if _run_of(same, length - 1, axis):
            return False
    keys = ((q[0] >> 4) * 16 + (q[1] >> 4)) * 16 + (q[2] >> 4)
    counts = np.sort(np.bincount(keys.ravel(), minlength=4096))
    if counts[-32:].sum() < NOISE_COLOURS * keys.size:
        return True
    h, w = off.shape
    r0, c0 = max(0, h // 2 - 256), max(0, w // 2 - 256)
    labels, n = ndimage.label(off[r0:r0 + 512, c0:c0 + 512], structure=np.ones((3, 3)))
    if n == 0:
        return True
    sizes = np.bincount(labels.ravel())[1:]
    specks = int(sizes[sizes < NOISE_SPECK_PX].sum())
    return bool(specks > NOISE_SPECKS * sizes.sum() and specks > NOISE_SPECK_AREA * labels.size)


def _run_of(mask: NDArray[np.bool_], m: int, axis: int) -> bool:
    """Whether ``mask`` holds ``m`` Trues in a row along ``axis`` (windows doubled: log2(m) ANDs)."""
    if m > mask.shape[axis]:
        return False
    if m <= 0:
        return True

    def cut(a: NDArray[np.bool_], lo: int | None, hi: int | None) -> NDArray[np.bool_]:
        return a[:, lo:hi] if axis == 1 else a[lo:hi]

    run, k = mask, 1  # run[i]: the k cells from i all True
    while 2 * k <= m and run.any():
        run, k = cut(run, None, -k) & cut(run, k, None), 2 * k
    if k < m:
        run = cut(run, None, -(m - k)) & cut(run, m - k, None)
    return bool(run.any())


def _relative_axes(box: Box) -> tuple[ax.Axis, ax.Axis]:
    """Axes that measure the plot box in percent (0 at its bottom and left, 100 at its top and right)."""
    x0, y0, x1, y1 = box
    by = -100.0 / max(1e-9, y1 - y0)
    bx = 100.0 / max(1e-9, x1 - x0)
    return (ax.Axis(True, -by * y1, by, False, (), (), 0.0), ax.Axis(False, -bx * x0, bx, False, (), (), 0.0))


def _above_labels(found: plotbox.PlotBox, texts: list[tx.Text], yaxis: ax.Axis | None) -> Box:
    """The plot box, its bottom raised above a row of labels it reaches into: a box's bottom found
    where vertical gridlines run on as tick marks into rotated category labels holds their tops.
    Labels lie outside the plot, so the bottom is the lowest line across the box above them (the
    axis line), else just above their tops. Only labels below the value axis's lowest tick count."""
    x0, y0, x1, y1 = found.box
    low = max((p for p, _ in yaxis.ticks), default=y0) if yaxis is not None else y0
    axis_ids = {id(t) for t in yaxis.labels} if yaxis is not None else set()
    inside = [t for t in texts if id(t) not in axis_ids and low + 2 < t.box[1] < y1 - 2 and t.box[3] > y1
              and x0 - 2 <= t.centre[0] <= x1 + 2]
    if len(inside) < 2:
        return found.box
    top = min(t.box[1] for t in inside)
    row = [t for t in inside if t.box[1] <= top + 8]
    if len(row) < 2:
        return found.box
    lines = [r for r in found.rows if low - 2 <= r <= top]
    return (x0, y0, x1, float(max(lines)) if lines else float(top) - 2.0)


def _box_from_axes(yaxis: ax.Axis | None, xaxis: ax.Axis | None, w: int, h: int) -> Box:
    x0 = max(t.box[2] for t in yaxis.labels) + 4.0 if yaxis else 0.05 * w
    y1 = min(t.box[1] for t in xaxis.labels) - 4.0 if xaxis else 0.9 * h
    return (x0, 0.05 * h, 0.97 * w, y1)


LABEL_MARGIN_PX = 6.0  # the box grows this far past the labels it must hold; a label centred this far in is held


def _with_labels(box: Box, texts: list[tx.Text], w: int, h: int) -> Box:
    """The box grown to span the rows of the labels left of it and the columns of the labels
    under it (a plot box found too small must still hold every category's marks). A category's
    mark is centred on its label, so a label centred well within the box is held already: its
    ends may reach past the box (a long name at a line's end, names run together into one text),
    and the box grown past a panel's sides would take the panel's shade for a mark. A label
    centred on a side or near it still counts (a marker on the side reaches past it)."""
    x0, y0, x1, y1 = box
    m = LABEL_MARGIN_PX
    left = [t for t in texts if t.box[2] <= x0 + 2 and t.angle == 0 and t.box[1] > 0.04 * h
            and not y0 + m <= t.centre[1] <= y1 - m]
    under = [t for t in texts if t.box[1] >= y1 - 2 and t.box[3] < h - 2 and not x0 + m <= t.centre[0] <= x1 - m]
    if left:
        y0 = min(y0, min(t.box[1] for t in left) - m)
        y1 = max(y1, max(t.box[3] for t in left) + m)
    if under:
        x0 = min(x0, max(0.0, min(t.box[0] for t in under) - m))
        x1 = max(x1, min(float(w), max(t.box[2] for t in under) + m))
    return (x0, max(0.0, y0), x1, min(float(h), y1))


def _region(box: Box, w: int, h: int) -> tuple[int, int, int, int]:
    x0, y0, x1, y1 = box
    return (max(0, int(math.floor(x0))), max(0, int(math.floor(y0))),
            min(w, int(math.ceil(x1))), min(h, int(math.ceil(y1))))


def _inset(region: tuple[int, int, int, int]) -> tuple[int, int, int, int]:
    x0, y0, x1, y1 = region
    return (x0 + FRAME_INSET, y0 + FRAME_INSET, max(x0 + FRAME_INSET + 1, x1 - FRAME_INSET),
            max(y0 + FRAME_INSET + 1, y1 - FRAME_INSET))


def _dist(pixels: Float, colour: Float | RGB) -> Float:
    return np.asarray(np.abs(pixels - np.asarray(colour, np.float64)).max(axis=-1), np.float64)


def _text_mask(shape: tuple[int, int], texts: list[tx.Text]) -> NDArray[np.bool_]:
    m = np.zeros(shape, bool)
    for t in texts:
        x0, y0, x1, y1 = t.box
        m[y0:y1, x0:x1] = True
    return m


@dataclass(frozen=True, slots=True)
class Legend:
    entries: tuple[tuple[str | None, RGB, tuple[int, int, int, int]], ...]  # name, colour, swatch box

    @property
    def boxes(self) -> list[tuple[int, int, int, int]]:
        return [e[2] for e in self.entries]


def _legend(rgb: Float, ground: Float, texts: list[tx.Text], region: tuple[int, int, int, int]) -> Legend:
    """Legend entries: a small coloured swatch (patch, line or marker) just left of a text."""
    h, w = rgb.shape[:2]
    chroma = rgb.max(axis=-1) - rgb.min(axis=-1)
    entries: list[tuple[str | None, RGB, tuple[int, int, int, int]]] = []
    for t in texts:
        if t.angle != 0:
            continue
        th = t.box[3] - t.box[1]
        cy = (t.box[1] + t.box[3]) // 2
        x_end = t.box[0]
        x_start = max(0, x_end - max(36, 3 * th))
        y0, y1 = max(0, cy - th // 2 - 3), min(h, cy + th // 2 + 4)
        patch = rgb[y0:y1, x_start:x_end]
        if patch.size == 0:
            continue
        diff = _dist(patch, ground) > MARK_DIFF
        coloured = diff & ((chroma[y0:y1, x_start:x_end] > 0.12) | (_dist(patch, ground) > 0.5))
        if coloured.sum() < 6:  # no coloured swatch: a grey one (a solid patch)
            coloured = ndimage.binary_opening(diff, structure=np.ones((3, 3), bool))
        if coloured.sum() < 6:
            continue
        lab, sizes, objs = _whole_parts(coloured)
        if not sizes.any():
            # a legend's box drawn over a mark shows it faded towards the box's ground, joined to
            # the swatch drawn at full colour on it: the swatch is the pixels at least half as far
            # from the ground as the farthest
            far_ = _dist(patch, ground)
            strong = coloured & (far_ >= 0.5 * float(far_[coloured].max()))
            if strong.sum() < 6:
                continue
            coloured = strong
            lab, sizes, objs = _whole_parts(coloured)
        if not sizes.any():
            # a swatch drawn touching a mark of another colour (a bar under a frameless legend)
            # joins it: the swatch is a whole part of one colour
            coloured = _one_colour_part(patch, coloured)
            lab, sizes, objs = _whole_parts(coloured)
            if not sizes.any():
                continue
        k = int(np.argmax(sizes)) + 1
        sl = objs[k - 1]
        if sl is None:
            continue
        sh, sw = sl[0].stop - sl[0].start, sl[1].stop - sl[1].start
        gap = x_end - (x_start + sl[1].stop)
        if sh > SWATCH_MAX or sw > 2 * SWATCH_MAX or gap > max(14, 1.6 * th) or sh < 2 and sw < LINE_SWATCH * th:
            continue
        sbox_ = (x_start + sl[1].start, y0 + sl[0].start, x_start + sl[1].stop, y0 + sl[0].stop)
        if any(o is not t and o.box[0] < sbox_[2] and sbox_[0] < o.box[2] and o.box[1] < sbox_[3]
               and sbox_[1] < o.box[3] for o in texts):
            continue  # another text (the label before this one), not a swatch
        sy = y0 + (sl[0].start + sl[0].stop) / 2.0
        if abs(sy - (t.box[1] + t.box[3]) / 2.0) > max(4.0, 0.4 * th):
            continue
        pix = patch[sl][lab[sl] == k]
        far = pix[_dist(pix, ground) >= np.quantile(_dist(pix, ground), 0.5)]
        colour = tuple(float(c) for c in np.median(far, axis=0))
        sbox = (x_start + sl[1].start, y0 + sl[0].start, x_start + sl[1].stop, y0 + sl[0].stop)
        name = t.text if t.readable else None
        entries.append((name, (colour[0], colour[1], colour[2]), sbox))
    # entries of one legend share their swatch's left edge (a column) or their row
    if len(entries) >= 2:
        lefts = np.array([e[2][0] for e in entries])
        common = [e for e in entries if np.sum(np.abs(lefts - e[2][0]) <= 3) >= 2]
        rows = [e for e in entries if sum(abs(f[2][1] - e[2][1]) <= 3 for f in entries) >= 2]
        entries = common if len(common) >= len(rows) else rows
        entries = _one_legend(entries, vertical=len(common) >= len(rows))
    else:
        entries = []
    return Legend(tuple(entries))


def _whole_parts(mask: NDArray[np.bool_]) -> tuple[NDArray[np.int32], Float, list[tuple[slice, slice] | None]]:
    """The connected parts of a window's mask: labels, sizes (0 for a part the window cuts at its
    top, bottom or left: part of something bigger, a wedge, a bar, a legend's frame) and slices."""
    lab, n = ndimage.label(mask)
    sizes = np.asarray(ndimage.sum(mask, lab, range(1, n + 1)), np.float64)
    ph = mask.shape[0]
    objs = ndimage.find_objects(lab)
    for j, o in enumerate(objs):
        if o is None or o[0].start == 0 or o[0].stop == ph or o[1].start == 0:
            sizes[j] = 0
    return lab, sizes, list(objs)


def _one_colour_part(patch: Float, coloured: NDArray[np.bool_]) -> NDArray[np.bool_]:
    """The pixels of COLOURED of the one colour (of its most used few) whose biggest whole part
    is biggest: a swatch parted from a touching mark of another colour. None left if none is whole."""
    quant = np.round(patch[coloured] * 16).astype(np.int64)
    keys, counts = np.unique(quant[:, 0] * 289 + quant[:, 1] * 17 + quant[:, 2], return_counts=True)
    best = np.zeros_like(coloured)
    best_size = 0.0
    for key in keys[np.argsort(-counts)][:4]:
        if counts[keys == key][0] < 6:
            break
        colour = np.array([key // 289, key // 17 % 17, key % 17], np.float64) / 16
        part = coloured & (_dist(patch, colour) < SWATCH_COLOUR_TOL)
        sizes = _whole_parts(part)[1]
        if sizes.size and float(sizes.max()) > best_size:
            best, best_size = part, float(sizes.max())
    return best


def _one_legend(entries: list[tuple[str | None, RGB, tuple[int, int, int, int]]],
                vertical: bool) -> list[tuple[str | None, RGB, tuple[int, int, int, int]]]:
    """The entries of one legend: swatches of one size, evenly spaced (a wedge's label beside
    another wedge is not an entry)."""
    axis = 1 if vertical else 0
    entries = sorted(entries, key=lambda e: e[2][axis])
    if len(entries) < 3:
        return entries
    sw = np.array([e[2][2] - e[2][0] for e in entries], np.float64)
    sh = np.array([e[2][3] - e[2][1] for e in entries], np.float64)
    entries = [e for e, a, b in zip(entries, sw, sh) if abs(a - np.median(sw)) <= 3 and abs(b - np.median(sh)) <= 3]
    if len(entries) < 3:
        return entries
    gaps = np.diff([e[2][axis] for e in entries])
    step = float(np.median(gaps))
    run: list[tuple[str | None, RGB, tuple[int, int, int, int]]] = [entries[0]]
    best = run
    for e, g in zip(entries[1:], gaps):
        run = [*run, e] if g <= 1.6 * step + 2 else [e]
        if len(run) > len(best):
            best = run
    return best


def _legend_box(legend: Legend, texts: list[tx.Text]) -> Box | None:
    """The box a legend's frame lies round: its swatches and the names right of them, padded."""
    if not legend.entries:
        return None
    boxes = [(float(e[2][0]), float(e[2][1]), float(e[2][2]), float(e[2][3])) for e in legend.entries]
    for _, y0, x1, y1 in list(boxes):
        for t in texts:
            tx0, ty0, tx1, ty1 = t.box
            if (t.angle == 0 and x1 <= tx0 <= x1 + max(14, 2 * (ty1 - ty0))
                    and abs((ty0 + ty1) - (y0 + y1)) / 2 <= ty1 - ty0):
                boxes.append((float(tx0), float(ty0), float(tx1), float(ty1)))
    return (min(b[0] for b in boxes) - LEGEND_PAD, min(b[1] for b in boxes) - LEGEND_PAD,
            max(b[2] for b in boxes) + LEGEND_PAD, max(b[3] for b in boxes) + LEGEND_PAD)


def _in_legend(legend: Legend, shape: tuple[int, int]) -> NDArray[np.bool_]:
    m = np.zeros(shape, bool)
    for x0, y0, x1, y1 in legend.boxes:
        m[max(0, y0 - 2):y1 + 2, max(0, x0 - 2):x1 + 2] = True
    return m


def _mark_colours(rgb: Float, ground: Float, texts: list[tx.Text], region: tuple[int, int, int, int],
                  legend: Legend) -> tuple[list[RGB], RGB]:
    """The colours of the marks in the plot region (most used first), and the plot's ground."""
    x0, y0, x1, y1 = _inset(region)
    sub = rgb[y0:y1, x0:x1]
    # the plot's ground: the commonest colour of a ring just inside the box (bars may cover
    # most of the plot, but they touch at most one or two of its sides)
    votes: dict[int, int] = {}
    for strip in (sub[:4], sub[-4:], sub[:, :4], sub[:, -4:]):
        q = np.round(strip.reshape(-1, 3) * 24).astype(np.int64)
        keys = (q[:, 0] * 25 + q[:, 1]) * 25 + q[:, 2]
        vals, counts = np.unique(keys, return_counts=True)
        top = int(vals[np.argmax(counts)])
        votes[top] = votes.get(top, 0) + 1
    gq = np.round(ground * 24).astype(np.int64)
    gkey = int((gq[0] * 25 + gq[1]) * 25 + gq[2])
    # the figure's own ground wins if any side shows it (bars may cover three sides)
    panel_key = gkey if gkey in votes else max(votes, key=lambda k: votes[k])
    ring = sub.reshape(-1, 3)
    q = np.round(ring * 24).astype(np.int64)
    keys = (q[:, 0] * 25 + q[:, 1]) * 25 + q[:, 2]
    panel = ring[keys == panel_key].mean(axis=0)
    skip = (_text_mask(rgb.shape[:2], texts) | _in_legend(legend, rgb.shape[:2]))[y0:y1, x0:x1]
    cand = (_dist(sub, panel) > MARK_DIFF) & (_dist(sub, ground) > MARK_DIFF) & ~skip
    # lines of gridlines and frames are thin: marks survive an opening, or have colour
    chroma = sub.max(axis=-1) - sub.min(axis=-1)
    solid = ndimage.binary_opening(cand, structure=np.ones((3, 3), bool))
    keep = solid | (cand & (chroma > 0.15))
    pix = sub[keep]
    if pix.shape[0] == 0:
        return [], (float(panel[0]), float(panel[1]), float(panel[2]))
    qq = np.round(pix * 24).astype(np.int64)
    kk = (qq[:, 0] * 25 + qq[:, 1]) * 25 + qq[:, 2]
    v2, c2 = np.unique(kk, return_counts=True)
    order = np.argsort(-c2)
    colours: list[RGB] = []
    need = max(12, int(MIN_COLOUR_SHARE * sub.shape[0] * sub.shape[1]))

    def solid_colour(c: Float | RGB) -> bool:
        """Most of the colour's pixels lie in solid areas (a rim is one or two pixels wide)."""
        m = cand & (_dist(sub, c) < 0.04)
        core = int(ndimage.binary_opening(m, structure=np.ones((3, 3), bool)).sum())
        return core >= need and core >= 0.5 * int(m.sum())

    for i in order:
        if c2[i] < need:
            break
        c = pix[kk == v2[i]].mean(axis=0)
        if any(float(np.abs(c - np.asarray(o)).max()) < 0.1 for o in colours):
            continue
        if _blend(c, [*colours, (float(panel[0]), float(panel[1]), float(panel[2]))]) and not solid_colour(c):
            continue  # the anti-aliased rim between two colours (a grey bar between black and white is not)
        colours.append((float(c[0]), float(c[1]), float(c[2])))
        if len(colours) >= 12:
            break
    # the anti-aliased rim of thin marks (lines, small markers) can outnumber their core: a
    # colour between another mark colour and the plot's ground is such a rim
    ground_rgb = (float(panel[0]), float(panel[1]), float(panel[2]))
    colours = [c for c in colours if not any(_blend(np.asarray(c), [o, ground_rgb]) for o in colours if o != c)
               or (solid_colour(c) and all(_blend(np.asarray(c), [o, ground_rgb], mid=True)
                                           for o in colours if o != c and _blend(np.asarray(c), [o, ground_rgb])))]
    legend_cols = [np.asarray(e[1]) for e in legend.entries]
    # a thin swatch (a line's, a hollow square's) shows its mark's colour blended with the ground:
    # swatches matched to mark colours that way, closest pairs first, are those marks'
    blended = _legend_match(colours, list(range(len(colours))), [e[1] for e in legend.entries], ground_rgb, 0.06)
    for li, col in enumerate(legend_cols):  # a legend colour whose marks are few still counts
        near = any(float(np.abs(col - np.asarray(o)).max()) < 0.1 for o in colours) or (
            li in blended and float(np.abs(col - np.asarray(colours[blended[li]])).max()) < 0.3)
        # a legend colour nearest to a mark colour that no other entry is nearer to is that mark's
        for o in colours:
            d = float(np.abs(col - np.asarray(o)).max())
            if d < 0.2 and _blend(col, [o, ground_rgb]) and all(
                    float(np.abs(other - np.asarray(o)).max()) > d for other in legend_cols if other is not col):
                near = True
        shown = int((cand & (_dist(sub, col) < 0.05)).sum()) >= need  # the legend's colour drawn in the plot
        if not near and (not any(_blend(np.asarray(col), [o, ground_rgb]) for o in colours) or solid_colour(col)
                         or shown):
            colours.append((float(col[0]), float(col[1]), float(col[2])))
    return colours, (float(panel[0]), float(panel[1]), float(panel[2]))


CHROMA = 0.15  # a mark colour whose channels spread this much is a colour, not a grey
LIGHT_RIM = 0.5  # a grey whose every channel is this light at least is no stroke of a drawing


def _chromatic(colours: list[RGB], ground: RGB) -> bool:
    """The marks are coloured, not grey or black: a line drawing's strokes are no chart's series,
    so marks with no axis to read them by are taken for a chart only when coloured. A light grey,
    or one between a coloured mark and the ground, is a coloured mark's anti-aliased rim."""
    coloured = [c for c in colours if max(c) - min(c) >= CHROMA]
    return bool(coloured) and all(c in coloured or min(c) >= LIGHT_RIM or _blend(np.asarray(c), [*coloured, ground])
                                  for c in colours)


def _blend(c: Float, colours: list[RGB], mid: bool = False) -> bool:
    """Whether ``c`` lies between two of ``colours`` (an edge pixel, not a mark's own colour);
    with ``mid``, only well between them (a quarter of the way or more from each)."""
    for i, a in enumerate(colours):
        for b in colours[i + 1:]:
            fa, fb = np.asarray(a), np.asarray(b)
            d = fb - fa
            n2 = float(d @ d)
            if n2 < 1e-4:
                continue
            t = float((c - fa) @ d) / n2
            lo, hi = (0.25, 0.75) if mid else (0.1, 0.9)
            if lo < t < hi and float(np.abs(c - (fa + t * d)).max()) < 0.06:
                return True
    return False


def _colour_masks(rgb: Float, colours: list[RGB], region: tuple[int, int, int, int],
                  legend: Legend, ground: RGB | None = None) -> list[NDArray[np.bool_]]:
    """Each colour's pixels in the region; with ``ground``, also the pixels mostly that colour
    over the ground (the anti-aliased body of a thin line). Pixels within FRAME_INSET of the
    region's sides (frame lines, inner ticks) count only where they continue the colour's pixels
    further in (a line's vertex at the top of the value range, its end beside the frame) and do
    not lie on a row or column of that colour along the side (a frame line in the mark's colour)."""
    rx0, ry0, rx1, ry1 = region
    x0, y0, x1, y1 = _inset(region)
    out = []
    leg = _in_legend(legend, rgb.shape[:2])
    sub = rgb[ry0:ry1, rx0:rx1]
    # a pixel is the mark colour it is nearest to (two dark greys may be closer than SAME_COLOUR)
    dists = np.stack([_dist(sub, c) for c in colours], axis=-1) if colours else np.zeros((*sub.shape[:2], 0))
    nearest = dists.argmin(axis=-1) if colours else np.zeros(sub.shape[:2], np.intp)
    core = np.zeros(sub.shape[:2], bool)  # the inset: the region less its FRAME_INSET band
    core[y0 - ry0:y1 - ry0, x0 - rx0:x1 - rx0] = True
    for ci, c in enumerate(colours):
        m = np.zeros(rgb.shape[:2], bool)
        inside = (dists[..., ci] < SAME_COLOUR) & (nearest == ci)
        if ground is not None:
            f, b = np.asarray(c), np.asarray(ground)
            d = f - b
            n2 = float(d @ d)
            if n2 > 1e-3:
                t = ((sub - b) @ d) / n2
                resid = np.abs(sub - (b + t[..., None] * d)).max(axis=-1)
                inside |= (t >= 0.35) & (resid < 0.1) & ((nearest == ci) | (dists.min(axis=-1) >= SAME_COLOUR))
        if len(colours) > 1:
            # the anti-aliased rim of another mark (a grey between a black line and the white
            # ground) is not this colour's: pixels next to another colour's core are left out
            others = np.delete(dists, ci, axis=-1).min(axis=-1) < RIM_CORE
            inside &= ~ndimage.binary_dilation(others, structure=np.ones((3, 3), bool)) | (
                dists[..., ci] < RIM_CORE)
        m[ry0:ry1, rx0:rx1] = _beside_the_frame(inside, core)
        out.append(m & ~leg)
    return out


def _beside_the_frame(inside: NDArray[np.bool_], core: NDArray[np.bool_]) -> NDArray[np.bool_]:
    """A colour's pixels in the inset ``core``, and those of the band around it that continue
    them (reached from them within the band) off the band's lines: a row or column of the band
    inked over half the region's width or height (a frame line, an axis) is not the mark's."""
    kept = inside & core
    band = inside & ~core
    if not band.any() or not kept.any():
        return kept
    h, w = inside.shape
    band[band.sum(axis=1) > 0.5 * w, :] = False
    band[:, band.sum(axis=0) > 0.5 * h] = False
    if not band.any():
        return kept
    grown = ndimage.binary_dilation(kept, structure=np.ones((3, 3), bool), iterations=FRAME_INSET + 1,
                                    mask=kept | band)
    return np.asarray(grown, bool)


def _title(texts: list[tx.Text], box: Box) -> str:
    above = [t for t in texts if t.box[3] <= box[1] + 1 and t.angle == 0 and t.readable and t.number is None]
    if not above:
        return ""
    big = max(t.height for t in above)
    best = [t for t in above if t.height >= big - 2]
    best.sort(key=lambda t: (t.box[1], t.box[0]))
    return " ".join(t.text for t in best if abs(t.box[1] - best[0].box[1]) <= 4)


# -- bars -------------------------------------------------------------------------------------

Rect = tuple[int, int, int, int, int]  # x0, y0, x1, y1 (whole pixels, end exclusive), colour index


def _rects(rgb: Float, colours: list[RGB], region: tuple[int, int, int, int], legend: Legend) -> list[Rect]:
    out: list[Rect] = []
    for ci, m in enumerate(_colour_masks(rgb, colours, region, legend)):
        # gridlines drawn over a bar cut it: bridge cuts of up to 3 pixels
        m = ndimage.binary_closing(m, structure=np.ones((3, 1), bool)) | m
        m = ndimage.binary_closing(m, structure=np.ones((1, 3), bool)) | m
        out += [(*r, ci) for r in _filled_boxes(m)]
    return out


def _filled_boxes(m: NDArray[np.bool_], opened: bool = False) -> list[tuple[int, int, int, int]]:
    """Boxes (x0, y0, x1, y1) of the parts of ``m`` that fill them like bars. A part that does not
    is opened (3x3) and tried again: the anti-aliased rim of a darker bar beside it, a line one
    pixel wide in the bar's colour, joins it to the bar without being part of it."""
    out = []
    lab, n = ndimage.label(m)
    for k, sl in enumerate(ndimage.find_objects(lab), start=1):
        if sl is None:
            continue
        hh, ww = sl[0].stop - sl[0].start, sl[1].stop - sl[1].start
        part = lab[sl] == k
        area = int(part.sum())
        if min(hh, ww) < 3 or area < 20:
            continue
        if area >= RECT_FILL * hh * ww and _sides_filled(part):
            out.append((sl[1].start, sl[0].start, sl[1].stop, sl[0].stop))
        elif (body := _notched(part)) is not None:  # a corner hidden (a legend drawn over the bar's end)
            a, b, c, d = body
            out.append((sl[1].start + a, sl[0].start + b, sl[1].start + c, sl[0].start + d))
        elif not opened:
            inner = ndimage.binary_opening(part, structure=np.ones((3, 3), bool))
            out += [(sl[1].start + a, sl[0].start + b, sl[1].start + c, sl[0].start + d)
                    for a, b, c, d in _filled_boxes(inner, opened=True)]
    return out


SIDE_FILL = 0.5  # a bar's four sides are straight: each edge row and column of its box is this much filled
NOTCH_PX = 5  # a bar with a corner hidden: at most this many rows (or columns) at one end are partly filled


def _notched(part: NDArray[np.bool_]) -> tuple[int, int, int, int] | None:
    """The full rectangle of a piece that is one but for a few partial rows (or columns) at one
    end: a bar whose end another drawing (a legend box) hides in part; None when it is not."""
    hh, ww = part.shape
    for axis, n, across in ((1, hh, ww), (0, ww, hh)):
        full = part.sum(axis=axis) >= RECT_FILL * across
        rows = np.flatnonzero(full)
        if not rows.size:
            continue
        lo, hi = int(rows[0]), int(rows[-1]) + 1
        if (lo > NOTCH_PX or n - hi > NOTCH_PX or lo == n - hi or not full[lo:hi].all()
                or (hi - lo) < 3 * NOTCH_PX):
            continue
        body = part[lo:hi] if axis == 1 else part[:, lo:hi]
        if float(body.sum()) >= RECT_FILL * body.size and _sides_filled(body):
            return (0, lo, ww, hi) if axis == 1 else (lo, 0, hi, hh)
    return None


def _sides_filled(part: NDArray[np.bool_]) -> bool:
    """Whether a piece fills the edges of its box like a rectangle (an area's slanted top does not).
    The rows and columns next to the edges are taken: an edge pixel may be a neighbour's rim."""
    i = 1 if min(part.shape) >= 5 else 0
    return bool(min(part[i].mean(), part[-1 - i].mean(), part[:, i].mean(), part[:, -1 - i].mean()) >= SIDE_FILL)


STROKE_PX = 4  # a gridline drawn thick (fivethirtyeight's) is at most this many pixels across


def _slivers_dropped(rects: list[Rect]) -> list[Rect]:
    """Bars of a chart share their thickness: rectangles much thinner than the typical bar are
    edge artefacts (a lighter rim, a seam), not bars. The typical thickness is the one most of
    the rectangles' area shares (by count, the pieces of a thick gridline, cut by the bars into
    many short strokes, outnumber the bars), and a stroke at most STROKE_PX thick along the bars
    whose breadth is not a bar's is a piece of a gridline (a thin segment of a stack has its bar's
    breadth)."""
    if len(rects) < 3:
        return rects
    w = np.array([r[2] - r[0] for r in rects], np.float64)
    h = np.array([r[3] - r[1] for r in rects], np.float64)
    area = w * h

    def typical_of(d: Float) -> tuple[float, float]:
        """The area-weighted median of ``d`` and the share of the area within 2 px of it."""
        order = np.argsort(d)
        cum = np.cumsum(area[order])
        med = float(d[order][int(np.searchsorted(cum, 0.5 * cum[-1]))])
        return med, float(area[np.abs(d - med) <= 2].sum() / cum[-1])

    (tw, same_w), (th, same_h) = typical_of(w), typical_of(h)
    (thick, typical), along = ((w, tw), h) if same_w >= same_h else ((h, th), w)
    if typical < 8:
        return rects
    return [r for r, t, a in zip(rects, thick, along)
            if t >= 0.5 * typical and not (a <= STROKE_PX and abs(t - typical) > 2)]


def _share_a_base(rects: list[Rect]) -> bool:
    """Bars rise from one baseline: many rectangles have an edge on one row (or column).
    Markers (squares on a line) do not."""
    if len(rects) < 2:
        return True
    best = max(len(_on_base(rects, True)), len(_on_base(rects, False)))
    return best >= max(2, 0.6 * len(rects))


def _on_base(rects: list[Rect], vertical: bool, gap: float = EDGE_GAP_PX) -> set[int]:
    """The rectangles on the commonest baseline (rows when ``vertical``, else columns): those with
    an edge on it (bars either side of zero), and the segments stacked on those, each within
    ``gap`` of the one before it. A ``gap`` wider than an edge line (a thin segment may show no
    rectangle of its own) holds at the baseline too: a stack's lowest segment may be that thin."""
    lo, hi = (1, 3) if vertical else (0, 2)
    a, b = (0, 2) if vertical else (1, 3)  # the across-edges
    at_base = gap if gap > EDGE_GAP_PX else 1.5
    best: set[int] = set()
    edges = np.array([r[lo] for r in rects] + [r[hi] for r in rects], np.float64)
    for e in edges:
        on = {i for i, r in enumerate(rects) if min(abs(r[lo] - e), abs(r[hi] - e)) <= at_base}
        # and the segments stacked on those
        grew = True
        while grew:
            grew = False
            for i, r in enumerate(rects):
                if i in on:
                    continue
                for j in list(on):
                    q = rects[j]
                    touch = abs(r[lo] - q[hi]) <= gap or abs(r[hi] - q[lo]) <= gap
                    if touch and min(r[b], q[b]) - max(r[a], q[a]) > 0.5 * min(r[b] - r[a], q[b] - q[a]):
                        on.add(i)
                        grew = True
                        break
        if len(on) > len(best):
            best = on
    return best


def _two_sided_base(rects: list[Rect], vertical: bool) -> float | None:
    """The line bars stand on and hang from (a row when ``vertical``, else a column): the edge on
    which most bars end, some on its one side and some on its other (positive and negative bars;
    none of them one above the other, as a stack's segments are). None when all lie on one side.

    >>> _two_sided_base([(10, 40, 20, 80, 0), (30, 80, 40, 95, 0), (50, 20, 60, 80, 0)], True)
    80.0
    >>> _two_sided_base([(10, 40, 20, 80, 0), (50, 20, 60, 80, 0)], True) is None
    True
    """
    lo, hi = (1, 3) if vertical else (0, 2)
    a, b = (0, 2) if vertical else (1, 3)
    best: tuple[int, float] | None = None
    for e in sorted({float(r[lo]) for r in rects} | {float(r[hi]) for r in rects}):
        ending = [r for r in rects if abs(r[hi] - e) <= 1.5]  # above (left of) the line
        starting = [r for r in rects if abs(r[lo] - e) <= 1.5]  # below (right of) it
        if not ending or not starting or len(ending) + len(starting) < max(2, 0.6 * len(rects)):
            continue
        if any(min(p[b], q[b]) > max(p[a], q[a]) for p in ending for q in starting):
            continue  # one on the other across the line: a stack's segments
        n = len(ending) + len(starting)
        if best is None or n > best[0]:
            best = (n, float(np.median([r[hi] for r in ending] + [r[lo] for r in starting])))
    return None if best is None else best[1]


DOT_MAX_PX = 150  # a point marker covers at most this many pixels
DOT_SHARE = 0.8  # and this share of the marks' blobs at least are such points, alike in size
DOT_MIN_PX = 6  # smaller blobs are anti-aliased specks
DOT_CLUMP = 4  # points clumped together cover at most this many markers' pixels


def _dots(rgb: Float, colours: list[RGB], region: tuple[int, int, int, int], legend: Legend) -> bool:
    """Whether the marks are points too small to be rectangles: three or more blobs of the marks'
    colours, most of them small, about as tall as wide, and of one size (a line is one long blob,
    an area a big one)."""
    masks = _colour_masks(rgb, colours, region, legend)
    sizes: list[float] = []
    square = 0
    for m in masks:
        lab, n = ndimage.label(m)
        if n == 0:
            continue
        for sl, size in zip(ndimage.find_objects(lab), ndimage.sum(m, lab, range(1, n + 1))):
            if sl is None or size < DOT_MIN_PX:
                continue  # anti-aliased specks of a blend colour
            sizes.append(float(size))
            hh, ww = sl[0].stop - sl[0].start, sl[1].stop - sl[1].start
            square += int(size <= DOT_MAX_PX and 0.5 <= hh / max(1, ww) <= 2.0)
    if len(sizes) < 3 or max(sizes) > DOT_CLUMP * DOT_MAX_PX:
        return False  # a line's or an area's blob, not points clumped together
    med = float(np.median(sizes))
    alike = sum(0.5 * med <= v <= 1.6 * med for v in sizes)  # (two or three points clumped are not)
    return square >= DOT_SHARE * len(sizes) and alike >= DOT_SHARE * len(sizes)


def _points_like(rects: list[Rect]) -> bool:
    """Many small marks of one size are markers, not bars."""
    if len(rects) < 4:
        return False
    w = np.array([r[2] - r[0] for r in rects], np.float64)
    h = np.array([r[3] - r[1] for r in rects], np.float64)
    same = np.mean(np.abs(w - np.median(w)) <= 1.5) >= 0.7 and np.mean(np.abs(h - np.median(h)) <= 1.5) >= 0.7
    return bool(same and np.median(w) <= 20 and np.median(h) <= 20)


def _solid_area(rgb: Float, colours: list[RGB], region: tuple[int, int, int, int], legend: Legend) -> float:
    total = 0.0
    for m in _colour_masks(rgb, colours, region, legend):
        total += float(ndimage.binary_opening(m, structure=np.ones((3, 3), bool)).sum())
    return total


def _edge(rgb: Float, inside: RGB, line: Float, start: int, step: int, ground: RGB | None = None,
          outline: Sequence[Float] = ()) -> float:
    """Sub-pixel position of a mark's end along ``line`` (pixels of one row or column).

    ``start`` is the last pixel fully inside; ``step`` +1 or -1 walks out. The coverage of
    the mark colour over the outside colour, summed, is how far past ``start`` the mark goes.
    The outside colour is the third pixel past ``start``, or the second where that is nearer the
    plot's ``ground`` (a label printed just past the bar's end; an anti-aliased end covers one
    pixel, an edge line round the bar two). A line over the end in the colour of the bar's
    ``outline`` (the pixels just past its sides) is its edge line, which Agg snaps to the pixel centre
    round(x) + 0.5: the end is half a pixel before that centre.
    """
    n = len(line)
    for _ in range(FRAME_INSET + 3):  # the mark may go on past where its mask was cut (the inset)
        k = start + step
        if 0 <= k < n and float(np.abs(line[k] - np.asarray(inside)).max()) < SAME_COLOUR:
            start = k
        else:
            break
    outside = line[min(max(start + step * 3, 0), n - 1)]
    if ground is not None:
        second = line[min(max(start + step * 2, 0), n - 1)]
        g = np.asarray(ground, np.float64)
        if float(np.abs(second - g).max()) < float(np.abs(outside - g).max()):
            outside = second
    f, b = np.asarray(inside), np.asarray(outside)
    d = f - b
    norm2 = float(d @ d)
    pos = float(start + (1 if step > 0 else 0))
    if norm2 < 1e-4:
        return pos
    cover = 0.0
    for i in range(1, 3):
        k = start + step * i
        if not 0 <= k < n:
            break
        t = float((line[k] - b) @ d) / norm2
        off = float(np.abs(line[k] - (b + min(1.0, max(0.0, t)) * d)).max())
        if off > LINE_OVER:
            # neither the mark nor the ground: a line (frame, axis, gridline) drawn over the
            # mark's end, centred on it
            centre = pos + step * (cover + 0.5)
            if any(float(np.abs(line[k] - o).max()) < SAME_COLOUR for o in outline):
                return centre - LINE_SNAP_PX  # the bar's own edge line, snapped
            return centre
        cover += min(1.0, max(0.0, t))
    return pos + step * cover


def _middle_half(lo: int, hi: int) -> tuple[int, int]:
    """The middle half of the pixels ``lo``..``hi`` (end exclusive), one pixel at least."""
    return lo + (hi - lo) // 4, max(lo + (hi - lo) // 4 + 1, hi - (hi - lo) // 4)


def _past_sides(rgb: Float, lo: int, hi: int, along: tuple[int, int], vertical: bool) -> list[Float]:
    """The mean colours of the two columns (``vertical``; rows else) just past each side of a mark
    across ``lo``..``hi``, over the middle half of its extent ``along``: its edge line's colour, if
    it has one (the outline ``_edge`` and ``_snapped`` look for)."""
    m0, m1 = _middle_half(*along)
    n = rgb.shape[1] if vertical else rgb.shape[0]
    return [(rgb[m0:m1, c] if vertical else rgb[c, m0:m1]).mean(axis=0)
            for c in (lo - 2, lo - 1, hi, hi + 1) if 0 <= c < n]


def _bar_extent(rgb: Float, r: Rect, colour: RGB, vertical: bool, ground: RGB | None = None) -> tuple[float, float]:
    """The bar's sub-pixel (low, high) edges along the value direction (rows or columns)."""
    x0, y0, x1, y1, _ = r
    if vertical:
        a, b = _middle_half(x0, x1)
        prof = rgb[:, a:b].mean(axis=1)
        sides = _past_sides(rgb, x0, x1, (y0, y1), True)
        return (_edge(rgb, colour, prof, y0, -1, ground, sides),
                _edge(rgb, colour, prof, y1 - 1, +1, ground, sides))
    a, b = _middle_half(y0, y1)
    prof = rgb[a:b, :].mean(axis=0)
    sides = _past_sides(rgb, y0, y1, (x0, x1), False)
    return (_edge(rgb, colour, prof, x0, -1, ground, sides),
            _edge(rgb, colour, prof, x1 - 1, +1, ground, sides))


LEGEND_EDGE_PX = 4  # a bar's end this near a legend's box runs on under it
FADED_SAME = 0.05  # pixels of a faded bar under a legend differ this little


def _under_legend(rgb: Float, r: Rect, ext: tuple[float, float], vertical: bool, cover: Box,
                  texts: list[tx.Text], zero: float | None, r_colour: RGB,
                  swatches: Sequence[tuple[int, int, int, int]] = ()) -> tuple[float, float]:
    """The bar's extent, its far end followed under a legend's translucent box when the bar's
    colour stops at the box's edge: the bar shows there faded towards the box's face (a blend of
    its colour and the face, alike all along; the legend's swatches drawn over it are passed),
    up to where the face shows; the end at the share of the faded colour in the pixel there.
    Unchanged unless that run ends inside the box."""
    x0, y0, x1, y1, _ = r
    lo, hi = ext
    img = rgb if vertical else rgb.transpose(1, 0, 2)
    a0, a1 = (x0, x1) if vertical else (y0, y1)  # the bar's across extent
    c_lo, c_hi = (cover[0], cover[2]) if vertical else (cover[1], cover[3])
    l_lo, l_hi = (cover[1], cover[3]) if vertical else (cover[0], cover[2])
    if min(a1, c_hi) - max(a0, c_lo) < 0.5 * (a1 - a0):
        return ext
    # the far end: away from zero (upwards for a bar standing on the bottom)
    up = (zero is None or abs(lo - zero) > abs(hi - zero)) if vertical else not (
        zero is None or abs(hi - zero) > abs(lo - zero))
    far = lo if up else hi
    edge = l_hi if up else l_lo  # the box's side the bar comes in through
    if abs(far - edge) > LEGEND_EDGE_PX:
        return ext
    step = -1 if up else 1
    # the columns across the bar's middle half that no text crosses
    cols = [c for c in range(a0 + (a1 - a0) // 4, max(a0 + (a1 - a0) // 4 + 1, a1 - (a1 - a0) // 4))
            if not any((t.box[0] <= c < t.box[2] and t.box[1] < l_hi and t.box[3] > l_lo) if vertical else
                       (t.box[1] <= c < t.box[3] and t.box[0] < l_hi and t.box[2] > l_lo) for t in texts)]
    if not cols:
        return ext
    prof = img[:, cols].mean(axis=1)
    n = prof.shape[0]
    over = np.zeros(n, bool)  # along the bar, the swatches drawn over it
    for sx0, sy0, sx1, sy1 in swatches:
        s_a, along = ((sx0, sx1), (sy0, sy1)) if vertical else ((sy0, sy1), (sx0, sx1))
        if s_a[0] < cols[-1] + 1 and s_a[1] > cols[0]:
            over[max(0, along[0] - 1):min(n, along[1] + 1)] = True
    k = int(round(far)) + step * 3  # past the box's frame line
    if not (0 <= k < n and 0 <= k + step * 2 < n):
        return ext
    faded = prof[k]
    if float(np.abs(prof[k + step] - faded).max()) > FADED_SAME:
        return ext
    # the box's face, most of its pixels; the bar seen through it is a blend of the bar's colour
    # and the face (an opaque box shows the face alone: the bar's end is hidden, not read)
    bx0, by0, bx1, by1 = (max(0, int(v)) for v in cover)
    face = np.median(rgb[by0:by1, bx0:bx1].reshape(-1, 3), axis=0)
    colour = np.asarray(r_colour, np.float64)
    t0 = _share(faded, colour, face)
    if float(np.abs(faded - face).max()) < 2 * FADED_SAME or not _is_blend(faded, colour, face) or \
            not 0.05 <= t0 <= 0.95:
        return ext
    j = k
    stop = int(l_lo) if up else int(math.ceil(l_hi))
    while 0 <= j + step < n and (j + step > stop if up else j + step < stop) and (
            over[j + step] or float(np.abs(prof[j + step] - faded).max()) <= FADED_SAME):
        j += step
    while over[j] and j != k:  # the run ends on the faded bar, not on a swatch
        j -= step
    nxt = j + step
    if not 0 <= nxt < n or (nxt <= stop + 1 if up else nxt >= stop - 1):
        return ext  # runs to the box's far side: not a bar ending under it
    after = prof[nxt + step] if 0 <= nxt + step < n else prof[nxt]
    t = _share(prof[nxt], faded, after) if _is_blend(prof[nxt], faded, after) else 0.0
    end = (nxt + 1 - t) if up else (nxt + t)
    return (end, hi) if up else (lo, end)


def _category_labels(texts: list[tx.Text], box: Box, vertical: bool, value_labels: set[int],
                     label_box: Box | None = None, axis: ax.Axis | None = None) -> list[tx.Text]:
    """The category labels: the first row of texts below the plot (or column left of it). A
    horizontal chart's labels are not on its value axis's row (a tick label the axis's fit left
    out, such as '-2,000' left of the zero line, is none)."""
    grown = label_box or box
    if not vertical and axis is not None and not axis.vertical and axis.labels:
        axis_row = float(np.median([t.centre[1] for t in axis.labels]))
        value_labels = value_labels | {id(t) for t in texts if t.box[1] - 2 <= axis_row <= t.box[3] + 2}
    if vertical:
        cand = [t for t in texts if t.box[1] >= box[3] - 2 and grown[0] - 20 <= t.centre[0] <= grown[2] + 20
                and id(t) not in value_labels]
        if not cand:
            return []
        top = min(t.box[1] for t in cand)
        row = [t for t in cand if t.box[1] <= top + 8]
        return sorted(row, key=lambda t: t.centre[0])
    cand = [t for t in texts if t.box[2] <= box[0] + 2 and grown[1] - 10 <= t.centre[1] <= grown[3] + 10
            and t.angle == 0 and id(t) not in value_labels]
    if not cand:
        return []
    right = max(t.box[2] for t in cand)
    col = [t for t in cand if t.box[2] >= right - 8]
    return sorted(col, key=lambda t: t.centre[1])


def _upright(rects: list[Rect]) -> bool:
    """Whether bars stand up: their widths agree more than their heights."""
    widths = np.array([r[2] - r[0] for r in rects], np.float64)
    heights = np.array([r[3] - r[1] for r in rects], np.float64)
    return float(np.std(widths) / max(np.mean(widths), 1e-9)) <= float(np.std(heights) / max(np.mean(heights), 1e-9))


def _read_bars(rgb: Float, panel: RGB, rects: list[Rect], colours: list[RGB], legend: Legend,
               texts: list[tx.Text], box: Box, yaxis: ax.Axis | None, xaxis: ax.Axis | None,
               facts: ChartFacts) -> None:
    vertical = _upright(rects) if (yaxis is not None and xaxis is not None) else yaxis is not None
    axis = yaxis if vertical else xaxis
    if axis is None:
        raise NotAChart("bars without a value axis")
    # bars rise from the baseline and a stack's segments from the one before: a rectangle apart
    # from them all (a legend's swatch whose name was not read, a bar's end seen past a legend's
    # box) is no bar; a segment may lie on a thin one too thin for a rectangle of its own
    based = _on_base(rects, vertical, THIN_UNDER_PX)
    if 2 <= len(based) < len(rects):
        rects = [r for i, r in enumerate(rects) if i in based]
    # the bars' across-positions and sub-pixel extents
    used = sorted({r[4] for r in rects})
    across = [((r[0] + r[2]) / 2.0 if vertical else (r[1] + r[3]) / 2.0) for r in rects]
    ext = [_bar_extent(rgb, r, colours[r[4]], vertical, panel) for r in rects]
    cover = _legend_box(legend, texts)
    if cover is not None:  # a bar's end under a translucent legend: followed there, faded
        zero_at = axis.pixel(0.0) if not axis.log else None
        ext = [_under_legend(rgb, r, e, vertical, cover, texts, zero_at, colours[r[4]], legend.boxes)
               for r, e in zip(rects, ext)]
    axis_labels = {id(t) for t in axis.labels}
    cats = _category_labels(texts, box, vertical, axis_labels, facts.label_box, axis)
    # slots: one per category, from the labels when they line up with the bars
    order = np.argsort(across)
    # bars of a group touch, or are apart by an edge line and its anti-aliasing between two
    # series' colours (classic's black edges: 3 px); one series' bars are never one group
    clusters: list[list[int]] = []
    for i in order:
        r = rects[i]
        lo, hi = (r[0], r[2]) if vertical else (r[1], r[3])
        if clusters:
            last = rects[clusters[-1][-1]]
            llo, lhi = (last[0], last[2]) if vertical else (last[1], last[3])
            gap = EDGE_GAP_PX if last[4] != r[4] else GROUP_GAP_PX
            if lo <= lhi + gap and lo >= llo - 2:
                clusters[-1].append(int(i))
                continue
        clusters.append([int(i)])
    centres = [float(np.mean([across[i] for i in c])) for c in clusters]
    if len(centres) >= 2:  # a group's width over the spacing of the groups
        spacing = float(np.median(np.diff(sorted(centres))))
        spans = [max(rects[i][2] if vertical else rects[i][3] for i in c)
                 - min(rects[i][0] if vertical else rects[i][1] for i in c) for c in clusters]
        if spacing > 0 and 0.05 <= float(np.median(spans)) / spacing <= 1.0:
            facts.bar_width = float(np.median(spans)) / spacing
    if vertical and cats:  # labels run together ('PolandSweden'): one a bar group
        cats = tx.split_row(rgb, cats, centres)
    grid = _even_groups(centres) if len(cats) < len(clusters) else None
    names: list[str | None]
    if grid is not None and len(cats) >= 1:
        # fewer labels than groups (a label cut by the image's edge, or not read): the groups are
        # the categories, each named by the label centred on it, if any
        slots = grid
        step = float(np.median(np.diff(grid)))
        names = []
        for x in grid:
            on = [t for t in cats if abs((t.centre[0] if vertical else t.centre[1]) - x) <= LABEL_ON_TICK * step]
            names.append(on[0].text if len(on) == 1 and on[0].readable else None)
    elif len(cats) == len(clusters) >= 2 and any(_cut_by_edge(t, rgb.shape[:2]) for t in cats):
        # a label cut by the image's edge: its ink's centre is not the label's, so the groups
        # place the categories, the labels in order naming them
        slots = _even_groups(centres) or centres
        names = [t.text if t.readable else None for t in cats]
    elif len(cats) >= 2 and abs(len(cats) - len(clusters)) <= max(1, len(cats) // 3):
        slots = [t.centre[0] if vertical else t.centre[1] for t in cats]
        names = [t.text if t.readable else None for t in cats]
    else:
        slots = centres
        names = [None] * len(slots)
        if cats:
            facts.warnings.append(f"{len(cats)} category labels for {len(clusters)} bar groups")
    stacked = any(len({rects[i][4] for i in c}) < len(c) or _overlap_across(rects, c, vertical) for c in clusters)
    legend_cols = [e[1] for e in legend.entries]
    place: dict[int, float] = {}  # a series' offset in its groups (drawn in order across a group)
    if vertical and not stacked:
        for ci in used:
            offs = [across[i] - centres[k] for k, c in enumerate(clusters) for i in c if rects[i][4] == ci]
            place[ci] = float(np.mean(offs)) if offs else 0.0
    series_idx = _series_order(colours, used, legend_cols, panel, place)
    if stacked:  # the stack's order, from the base out (legends list it either way)
        def from_base(ci: int) -> float:
            mids = [((e[0] + e[1]) / 2.0) for r, e in zip(rects, ext) if r[4] == ci]
            return -float(np.mean(mids)) if vertical else float(np.mean(mids))

        series_idx = sorted(series_idx, key=from_base)
    n_s = len(series_idx)
    kind = ("bar" if vertical else "hbar") if n_s == 1 else ("stacked_bar" if stacked else "grouped_bar")
    if not vertical and n_s > 1:
        kind = "stacked_hbar" if stacked else "grouped_bar"
    zero = axis.pixel(0.0) if not axis.log else None
    values: list[list[float | None]] = [[None] * len(slots) for _ in range(n_s)]
    if kind.startswith("stacked") and zero is not None:
        # a stack is read at its segments' far ends, from the base out: each segment's value is
        # the rise from the end before it (edge lines drawn between segments cost nothing)
        stacks: dict[tuple[int, bool], list[tuple[float, float, int]]] = {}
        for i, r in enumerate(rects):
            if r[4] not in series_idx:
                continue
            k = int(np.argmin([abs(across[i] - p) for p in slots]))
            lo, hi = ext[i]
            far, near = (lo, hi) if abs(lo - zero) > abs(hi - zero) else (hi, lo)
            stacks.setdefault((k, far < zero), []).append((far, near, i))
        for (k, _), segs in stacks.items():
            before = 0.0
            segs = sorted(segs, key=lambda fi: abs(fi[0] - zero))
            seen = [series_idx.index(rects[i][4]) for _, _, i in segs]
            faded: list[bool] = []
            read = _stack_profile(rgb, [rects[i] for _, _, i in segs], vertical, zero,
                                  [colours[c] for c in series_idx], panel, faded, texts, legend.boxes,
                                  _legend_box(legend, texts))
            # the profile agrees with the rectangles: their segments in their order, the last one
            # ending where its rectangle does (a thin segment beyond it may follow)
            if read is not None and _in_order(seen, [s for s, _ in read]) and (faded or abs(
                    [f for s, f in read if s == seen[-1]][-1] - segs[-1][0]) <= 1.5):
                for s_i, far in read:  # the profile sees every segment, a thin one too
                    at = axis.value(far)
                    prev = values[s_i][k]
                    values[s_i][k] = (at - before) if prev is None else prev + (at - before)
                    before = at
                continue
            for j, (far, _near, i) in enumerate(segs):
                s_i = series_idx.index(rects[i][4])
                nxt = segs[j + 1][1] if j + 1 < len(segs) else None
                if nxt is not None and abs(nxt - far) <= EDGE_GAP_PX:
                    far = (far + nxt) / 2.0  # an edge line between two segments: the boundary is its middle
                at = axis.value(far)
                prev = values[s_i][k]
                values[s_i][k] = (at - before) if prev is None else prev + (at - before)
                before = at
    for i, r in enumerate(rects):
        if r[4] not in series_idx:
            continue
        s_i = series_idx.index(r[4])
        k = int(np.argmin([abs(across[i] - p) for p in slots]))
        lo, hi = ext[i]
        if kind.startswith("stacked"):
            if zero is not None:
                continue  # read above
            v = abs(axis.value(lo) - axis.value(hi))
            prev = values[s_i][k]
            values[s_i][k] = v if prev is None else prev + v
            continue
        if zero is None:
            far = lo if vertical else hi
            v = axis.value(far)
        else:
            # a bar's value is at its far end: its base is often hidden under a spine or a frame
            # (drawn over it, in the ground's colour too), so it is not measured
            far = lo if abs(lo - zero) > abs(hi - zero) else hi
            v = axis.value(far)
        values[s_i][k] = v
    if zero is not None and not kind.startswith("stacked"):
        _short_bars(rgb, panel, rects, colours, series_idx, slots, across, zero, axis, vertical, values)
    printed = _printed_values(texts, rects, ext, axis, vertical, values, series_idx, slots, across, axis_labels,
                              inside=kind.startswith("stacked"))
    names_series = _series_names(series_idx, colours, legend, panel)
    facts.kind = kind
    facts.value_axis = axis
    facts.categories = names
    facts.series = [SeriesFacts(names_series[j], colours[series_idx[j]],
                                tuple(0.0 if v is None else v for v in values[j]), printed=printed[j])
                    for j in range(n_s)]


def _cut_by_edge(t: tx.Text, shape: tuple[int, int]) -> bool:
    """Whether a text's ink runs to the image's edge (the label goes on past it).

    >>> ink = np.zeros((4, 6), bool); ink[1:, 2:4] = True
    >>> t = tx.Text("ab", 0.9, (10, 16, 16, 20), 0, (13.0, 18.0), None, ink)
    >>> _cut_by_edge(t, (20, 40)), _cut_by_edge(t, (21, 40))
    (True, False)
    """
    x0, y0, x1, y1 = t.box
    h, w = shape
    if t.ink is None or not t.ink.any():
        return x0 <= 0 or y0 <= 0 or x1 >= w or y1 >= h
    ink = t.ink
    return bool((y1 >= h and ink[-1].any()) or (y0 <= 0 and ink[0].any())
                or (x1 >= w and ink[:, -1].any()) or (x0 <= 0 and ink[:, 0].any()))


EVEN_GROUPS = 0.15  # groups lie this share of their spacing from an even grid at most (a bar missing at a
# group's side moves its centre by half a bar)


def _even_groups(centres: list[float]) -> list[float] | None:
    """The bar groups' places on an even grid (one group a category, none missing between two),
    fitted to their centres; None when there are fewer than three or they are not so spaced."""
    if len(centres) < 3:
        return None
    c = np.sort(np.asarray(centres, np.float64))
    step = float(np.median(np.diff(c)))
    if step <= 0:
        return None
    k = np.round((c - c[0]) / step)
    if len(set(k.tolist())) != len(k) or int(k[-1]) != len(k) - 1:
        return None  # a gap in the grid (a category with no bar) or two groups on one place
    b, a = np.polyfit(k, c, 1)
    fitted = a + b * k
    if float(np.abs(fitted - c).max()) > EVEN_GROUPS * b:
        return None
    return [float(x) for x in fitted]


def _short_bars(rgb: Float, panel: RGB, rects: list[Rect], colours: list[RGB], series_idx: list[int],
                slots: list[float], across: list[float], zero: float, axis: ax.Axis, vertical: bool,
                values: list[list[float | None]]) -> None:
    """Bars too short for a rectangle (under 3 px) where a category has none: the series' colour
    measured along the bar's middle from the axis's zero out, as the share of it each pixel shows
    over the ground (a bar a pixel long is a pixel of its colour, or two half blended)."""
    thick = [((r[2] - r[0]) if vertical else (r[3] - r[1])) for r in rects]
    if not thick:
        return
    t = float(np.median(thick))
    g = np.asarray(panel, np.float64)
    h, w = rgb.shape[:2]
    for s_i, ci in enumerate(series_idx):
        offs = [across[i] - slots[int(np.argmin([abs(across[i] - p) for p in slots]))]
                for i, r in enumerate(rects) if r[4] == ci]
        off = float(np.median(offs)) if offs else 0.0
        col = np.asarray(colours[ci], np.float64)
        for k, slot in enumerate(slots):
            if values[s_i][k] is not None:
                continue
            c = slot + off
            a, b = int(round(c - t / 4)), int(round(c + t / 4)) + 1
            z = int(math.floor(zero))
            lo_, hi_ = max(0, z - 8), min(h if vertical else w, z + 9)
            if b - a < 1 or hi_ <= lo_:
                continue
            prof = rgb[lo_:hi_, max(0, a):b].mean(axis=1) if vertical else rgb[max(0, a):b, lo_:hi_].mean(axis=0)
            blend = [_is_blend(q, col, g, 0.03) for q in prof]
            share = [_share(q, col, g) if bl else 0.0 for q, bl in zip(prof, blend)]
            ends = []
            for step in (-1, 1):  # towards smaller pixels (up, left), then larger
                j = z - lo_
                start = zero
                spine = 0
                while 0 <= j < len(prof) and spine < 3 and not blend[j]:  # a spine over the base
                    start = float(lo_ + j + (1 if step > 0 else 0))
                    j += step
                    spine += 1
                if spine == 0 and 0 <= j < len(prof) and share[j] <= 0.02:
                    j += step  # the base on a pixel's edge next to zero's pixel
                total = 0.0
                while 0 <= j < len(prof) and blend[j] and share[j] > 0.02:
                    total += share[j]
                    j += step
                ends.append((total, start + step * total))
            (t_lo, f_lo), (t_hi, f_hi) = ends
            if max(t_lo, t_hi) < 0.3:
                continue  # nothing there: the value is unknown, not zero
            values[s_i][k] = axis.value(f_lo if t_lo >= t_hi else f_hi)


def _in_order(sub: list[int], seq: list[int]) -> bool:
    """Whether ``sub`` is ``seq`` with some items left out (every one of ``sub`` in ``seq``, in order)."""
    it = iter(seq)
    return all(any(x == y for y in it) for x in sub)


def _stack_profile(rgb: Float, segs: list[Rect], vertical: bool, zero: float, series: list[RGB],
                   ground: RGB, faded: list[bool] | None = None,
                   texts: list[tx.Text] = (),  # type: ignore[assignment]
                   avoid: Sequence[tuple[int, int, int, int]] = (),
                   cover: Box | None = None) -> list[tuple[int, float]] | None:
    """A stack read along its middle from the base out: (series, far boundary in pixels) of each
    segment in turn, thin ones (under the 3 px a bar's rectangle needs) included. Each pixel along
    the stack is the series colour it is nearest to, or other (an edge line, a seam, text); a
    boundary lies within the blended pixel between two colours at the share it shows of each, or
    in the middle of the other pixels (an edge line) between two runs; the stack ends where the
    ground begins. None when the profile shows no segment. The stack may run on past its
    rectangles under a translucent legend (``_overlaid``): ``faded`` then gets True; when the
    legend's box ``cover`` lies across the stack's way, to the legend's far side."""
    lo = max(r[0] if vertical else r[1] for r in segs)
    hi = min(r[2] if vertical else r[3] for r in segs)
    if hi - lo < 2:
        return None
    a, b = _middle_half(lo, hi)
    if vertical:  # rows grow downwards: a positive stack rises (step -1)
        step = -1 if min(r[1] for r in segs) < zero else 1
        reach = max(abs((r[1] if step < 0 else r[3]) - zero) for r in segs)
    else:
        step = 1 if max(r[2] for r in segs) > zero else -1
        reach = max(abs((r[2] if step > 0 else r[0]) - zero) for r in segs)
    start = int(math.ceil(zero - 1e-6)) - 1 if step < 0 else int(math.floor(zero + 1e-6))
    n_along = rgb.shape[0] if vertical else rgb.shape[1]
    if cover is not None:  # a legend over the stack past its rectangles: followed to the legend's far side
        cx0, cy0, cx1, cy1 = cover
        c_lo, c_hi = (cx0, cx1) if vertical else (cy0, cy1)
        l_lo, l_hi = (cy0, cy1) if vertical else (cx0, cx1)
        if min(c_hi, b) > max(c_lo, a):  # (the stack still ends at the first stretch of ground)
            reach = max(reach, ((zero - l_lo) if step < 0 else (l_hi - zero)) + 2 * EDGE_GAP_PX - OVERLAY_REACH_PX)
    idx = [start + step * j for j in range(int(reach) + OVERLAY_REACH_PX) if 0 <= start + step * j < n_along]
    if not idx:
        return None
    # the lines along the stack's middle half that the fewest texts and legend swatches cross (a
    # legend drawn over the stack's end, a value printed in a segment)
    run_lo, run_hi = min(idx), max(idx) + 1
    crossed = [sum(c + 1 >= (x0 if vertical else y0) and c - 1 < (x1 if vertical else y1)
                   and min(run_hi, y1 if vertical else x1) > max(run_lo, y0 if vertical else x0)
                   for x0, y0, x1, y1 in [t.box for t in texts] + list(avoid)) for c in range(a, b)]
    lines = [c for c, n in zip(range(a, b), crossed) if n == min(crossed)]
    prof = rgb[:, lines].mean(axis=1) if vertical else rgb[lines, :].mean(axis=0)
    px = prof[idx]
    # the signed distance from the base out to each pixel's near side
    near = np.array([step * ((i if step > 0 else i + 1) - zero) for i in idx])
    cols = np.asarray(series, np.float64)
    g = np.asarray(ground, np.float64)
    d = np.abs(px[:, None, :] - cols[None]).max(axis=-1)
    lab = np.where(d.min(axis=1) < SAME_COLOUR, d.argmin(axis=1), -1)
    for t in texts:  # text over the stack (a value printed in a segment, a legend's names) is no segment
        x0, y0, x1, y1 = t.box
        if (min(x1, lines[-1] + 1) - max(x0, lines[0]) if vertical else min(y1, lines[-1] + 1) - max(y0, lines[0])) > 0:
            t_lo, t_hi = (y0, y1) if vertical else (x0, x1)
            lab[[j for j, i in enumerate(idx) if t_lo <= i < t_hi]] = -1
    is_ground = np.abs(px - g).max(axis=-1) < SAME_COLOUR
    if cover is not None:  # under a legend a series faded close to the ground is still the series
        l_lo, l_hi = (cover[1], cover[3]) if vertical else (cover[0], cover[2])
        under = np.array([l_lo <= i < l_hi for i in idx])
        is_ground &= ~under | (np.abs(px - g).max(axis=-1) < COVER_GROUND)
    if _overlaid(px, lab, is_ground, cols, g) and faded is not None:
        faded.append(True)
    runs: list[list[int]] = []  # [label, first, last] along idx
    for j, c in enumerate(lab):
        if runs and runs[-1][0] == c:
            runs[-1][2] = j
        else:
            runs.append([int(c), j, j])
    end_at = len(lab)  # the stack ends at the first stretch of ground longer than an edge gap
    first = int(np.argmax(lab >= 0)) if (lab >= 0).any() else len(lab)
    j = first
    while j < len(lab):
        if is_ground[j]:
            e = j
            while e < len(lab) and is_ground[e]:
                e += 1
            if e - j > EDGE_GAP_PX:
                end_at = j
                break
            j = e
        else:
            j += 1
    for q, r in enumerate(runs):  # a pixel of a third colour between runs of one series (a legend's
        # frame line over the stack) near another series' colour is no segment of it
        if r[0] < 0 or r[1] != r[2] or float(np.abs(px[r[1]] - cols[r[0]]).max()) <= RIM_CORE:
            continue
        p_, n_ = q - 1, q + 1
        while p_ >= 0 and runs[p_][0] < 0 and runs[p_][2] - runs[p_][1] < EDGE_GAP_PX:
            p_ -= 1
        while n_ < len(runs) and runs[n_][0] < 0 and runs[n_][2] - runs[n_][1] < EDGE_GAP_PX:
            n_ += 1
        if (0 <= p_ and n_ < len(runs) and runs[p_][0] == runs[n_][0] != r[0]
                and runs[n_][1] - runs[p_][2] - 1 <= EDGE_GAP_PX):
            r[0] = -1
    for q in range(1, len(runs)):  # one pixel that blends the run before it with the ground or the
        # next run (an anti-aliased end or boundary) is no segment, though near another series' colour
        r, before_r = runs[q], runs[q - 1]
        if r[0] < 0 or r[1] != r[2] or before_r[0] < 0 or float(np.abs(px[r[1]] - cols[r[0]]).max()) <= RIM_CORE:
            continue
        k = r[2] + 1
        if k < len(px) and is_ground[k] and _is_blend(px[r[1]], cols[before_r[0]], g):
            r[0] = -1
        elif q + 1 < len(runs) and runs[q + 1][0] >= 0 and _is_blend(px[r[1]], cols[before_r[0]],
                                                                     cols[runs[q + 1][0]]):
            r[0] = -1
    merged: list[list[int]] = []
    for r in (r for r in runs if r[1] < end_at):  # a series' run split by text or a seam is one run
        if r[0] < 0 and merged and merged[-1][0] < 0:
            merged[-1][2] = r[2]
        elif r[0] >= 0 and len(merged) >= 2 and merged[-1][0] < 0 and merged[-2][0] == r[0]:
            merged.pop()
            merged[-1][2] = r[2]
        elif r[0] >= 0 and merged and merged[-1][0] == r[0]:
            merged[-1][2] = r[2]
        else:
            merged.append(list(r))
    segs_read = [r for r in merged if r[0] >= 0]
    # the pixels just past the stack's sides, along its middle: its edge line's colour, if it has one
    s0 = segs[0]
    sides = _past_sides(rgb, lo, hi, (s0[1], s0[3]) if vertical else (s0[0], s0[2]), vertical)
    out: list[tuple[int, float]] = []
    for pos, r in enumerate(segs_read):
        last = r[2]
        if pos + 1 < len(segs_read):
            nxt = segs_read[pos + 1]
            ca, cb = _end_colour(px, r[1], last, cols[r[0]]), _end_colour(px, nxt[2], nxt[1], cols[nxt[0]])
            if nxt[1] - last - 1 == 1 and _is_blend(px[last + 1], ca, cb):
                # one blended pixel: the boundary at this colour's share of it
                bound = float(near[last + 1]) + _share(px[last + 1], ca, cb)
            elif nxt[1] == last + 1:  # no pixel between: the pixels' edge
                bound = float(near[last]) + 1.0
            else:  # an edge line between the two: its centre
                bound = _line_centre(px, near, last, nxt[1], ca, cb) - step * _snapped(px, last, nxt[1], ca, cb, sides)
        else:
            k = last + 1
            e = k
            while e < len(px) and not is_ground[e]:
                e += 1
            ca = _end_colour(px, r[1], last, cols[r[0]])
            if e == k:
                bound = float(near[last]) + 1.0
            elif e == k + 1 and _is_blend(px[k], ca, g):  # one blended pixel over the ground
                bound = float(near[k]) + _share(px[k], ca, g)
            else:  # an edge line round the stack's end: its centre
                bound = _line_centre(px, near, last, e, ca, g) - step * _snapped(px, last, e, ca, g, sides)
        out.append((int(r[0]), zero + step * bound))
    return out or None


def _end_colour(px: Float, first: int, last: int, colour: Float) -> Float:
    """The colour a run of a series shows at its end ``last`` (towards ``first``): the series' own,
    or, where the run is faded under a translucent legend, the faded colour of its last pixels."""
    lo, hi = (max(first, last - 2), last + 1) if last >= first else (last, min(first, last + 2) + 1)
    end = np.asarray(np.median(px[lo:hi], axis=0), np.float64)
    return end if float(np.abs(end - colour).max()) > RIM_CORE else colour


def _line_centre(px: Float, near: Float, before: int, after: int, a: Float, b: Float) -> float:
    """The centre (distance from the base) of a line of a third colour drawn between the pixels
    ``before`` (colour ``a``) and ``after`` (colour ``b``): each pixel from one to the other
    weighs by how much of the line it shows (what it does not show of its side's colour)."""
    gap = px[before + 1:after]
    far_a = np.abs(gap - a).max(axis=-1)
    far_b = np.abs(gap - b).max(axis=-1)
    e = gap[int(np.argmax(np.minimum(far_a, far_b)))]  # the line's own colour: the pixel least like either side
    k_e = before + 1 + int(np.argmax(np.minimum(far_a, far_b)))
    num = den = 0.0
    for j in range(max(0, before), min(len(px), after + 1)):
        side = a if j < k_e else b
        w = 1.0 if j == k_e else 1.0 - _share(px[j], side, e)
        num += w * (float(near[j]) + 0.5)
        den += w
    return num / den if den > 0 else (float(near[before]) + 1.0 + float(near[after])) / 2.0


def _snapped(px: Float, before: int, after: int, a: Float, b: Float, outline: Sequence[Float]) -> float:
    """LINE_SNAP_PX when the line between pixels ``before`` and ``after`` is the marks' own edge
    line (its colour, the pixel least like either side, is the ``outline``'s, the colour past the
    stack's sides), which Agg snaps to the pixel centre round(x) + 0.5 in image coordinates: the
    boundary lies that much before its centre. Else 0."""
    gap = px[before + 1:after]
    if not len(gap) or not outline:
        return 0.0
    e = gap[int(np.argmax(np.minimum(np.abs(gap - a).max(axis=-1), np.abs(gap - b).max(axis=-1))))]
    return LINE_SNAP_PX if any(float(np.abs(e - o).max()) < SAME_COLOUR for o in outline) else 0.0


def _is_blend(pixel: Float, a: Float, b: Float, tol: float = 0.06) -> bool:
    """Whether a pixel lies on the way between colours ``a`` and ``b`` (an anti-aliased edge),
    not off it (a line of a third colour)."""
    t = _share(pixel, a, b)
    return float(np.abs(pixel - (b + t * (a - b))).max()) < tol


OVERLAY_REACH_PX = 60  # a stack is followed this far past its rectangles (a legend may hide its end)
COVER_GROUND = 0.02  # under a legend's box only pixels this close to the ground are ground
OVERLAY_PX = 3  # this many like pixels, a series colour faded towards the ground: that series under a legend


def _overlaid(px: Float, lab: NDArray[np.intp], is_ground: NDArray[np.bool_], cols: Float, g: Float) -> bool:
    """Label in place the runs of pixels that show a series' colour faded towards the ground by
    one share all along (a translucent legend drawn over the stack) as that series; a lone blended
    pixel (an anti-aliased end) is left alone. Whether there was such a run."""
    found = False
    j = 0
    n = len(lab)
    while j < n:
        if lab[j] >= 0 or is_ground[j]:
            j += 1
            continue
        e = j + 1
        while e < n and lab[e] < 0 and not is_ground[e] and float(np.abs(px[e] - px[j]).max()) < 0.03:
            e += 1
        if e - j >= OVERLAY_PX:
            mid = px[(j + e) // 2]
            for c in range(len(cols)):
                if _is_blend(mid, cols[c], g, 0.03) and 0.08 < _share(mid, cols[c], g) < 0.92:
                    lab[j:e] = c
                    found = True
                    break
        j = e
    return found


def _share(pixel: Float, a: Float, b: Float) -> float:
    """How much of ``a`` a pixel blended of ``a`` and ``b`` shows (0..1)."""
    dv = a - b
    n2 = float(dv @ dv)
    if n2 < 1e-6:
        return 0.5
    return float(min(1.0, max(0.0, float((pixel - b) @ dv) / n2)))


def _overlap_across(rects: list[Rect], cluster: list[int], vertical: bool) -> bool:
    """Two bars of a group at the same across-position, one above the other: a stack."""
    for a in cluster:
        for b in cluster:
            if a < b:
                ra, rb = rects[a], rects[b]
                la, ha = (ra[0], ra[2]) if vertical else (ra[1], ra[3])
                lb, hb = (rb[0], rb[2]) if vertical else (rb[1], rb[3])
                if min(ha, hb) - max(la, lb) > 0.6 * min(ha - la, hb - lb):
                    return True
    return False


def _swatch_dist(swatch: RGB, mark: RGB, ground: RGB | None) -> float:
    """How far a legend swatch's colour is from a mark's: the plain distance, or, for a swatch
    drawn thin (a line's, a hollow square's) whose pixels blend the mark's colour with the ground,
    how far it lies off the way from the mark's colour to the ground's."""
    sw, mk = np.asarray(swatch, np.float64), np.asarray(mark, np.float64)
    plain = float(np.abs(sw - mk).max())
    if ground is None:
        return plain
    g = np.asarray(ground, np.float64)
    t = _share(sw, g, mk)  # the ground's share of the swatch
    if 0.0 < t < 0.9:
        return min(plain, float(np.abs(sw - (mk + t * (g - mk))).max()))
    return plain


def _legend_match(colours: list[RGB], used: list[int], legend_cols: list[RGB], ground: RGB | None,
                  limit: float = 0.25) -> dict[int, int]:
    """Legend entry -> mark colour index: the closest pairs first (a swatch names one series)."""
    pairs = sorted((_swatch_dist(lc, colours[i], ground), li, i) for li, lc in enumerate(legend_cols) for i in used)
    out: dict[int, int] = {}
    for d, li, i in pairs:
        if d < limit and li not in out and i not in out.values():
            out[li] = i
    return out


def _series_order(colours: list[RGB], used: list[int], legend_cols: list[RGB], ground: RGB | None = None,
                  place: dict[int, float] | None = None) -> list[int]:
    """Colour indices of the series: in legend order when there is a legend; the series it does
    not name after those, in their ``place`` (across a group of bars, where a plot draws its
    series in order) when given, else by use.

    >>> _series_order([(0, 0, 1), (0, 0.5, 0)], [0, 1], [], place={0: 5.0, 1: -5.0})
    [1, 0]
    """
    match = _legend_match(colours, used, legend_cols, ground) if legend_cols else {}
    out = [match[li] for li in range(len(legend_cols)) if li in match]
    rest = [i for i in used if i not in out]  # marks the legend does not name come last
    if place:
        rest.sort(key=lambda i: place.get(i, 0.0))
    return out + rest


def _series_names(series_idx: list[int], colours: list[RGB], legend: Legend,
                  ground: RGB | None = None) -> list[str | None]:
    match = _legend_match(colours, series_idx, [e[1] for e in legend.entries], ground)
    by_colour = {i: legend.entries[li][0] for li, i in match.items()}
    return [by_colour.get(i) for i in series_idx]


def _printed_values(texts: list[tx.Text], rects: list[Rect], ext: list[tuple[float, float]], axis: ax.Axis,
                    vertical: bool, values: list[list[float | None]], series_idx: list[int], slots: list[float],
                    across: list[float], axis_labels: set[int], inside: bool = False) -> list[tuple[bool, ...]]:
    """Values printed at the bars' ends (``inside``: within a stack's segments) replace the
    measured ones they agree with."""
    printed = [[False] * len(slots) for _ in values]
    nums = [t for t in texts if t.number is not None and id(t) not in axis_labels and t.angle == 0]
    for i, r in enumerate(rects):
        if r[4] not in series_idx:
            continue
        s_i = series_idx.index(r[4])
        k = int(np.argmin([abs(across[i] - p) for p in slots]))
        v = values[s_i][k]
        if v is None:
            continue
        for t in nums:
            cx, cy = t.centre
            lo, hi = ext[i]
            if inside:
                near = (r[0] <= cx <= r[2] and lo + 1 <= cy <= hi - 1) if vertical else (
                    r[1] <= cy <= r[3] and lo + 1 <= cx <= hi - 1)
            elif vertical:
                near = r[0] - 2 <= cx <= r[2] + 2 and (-2 <= lo - t.box[3] <= 12 or -2 <= t.box[1] - hi <= 12)
            else:
                near = r[1] - 2 <= cy <= r[3] + 2 and (-2 <= t.box[0] - hi <= 12 or -2 <= lo - t.box[2] <= 12)
            assert t.number is not None
            if near and abs(t.number - v) <= max(3.0 * axis.per_pixel, 0.03 * abs(v)):
                values[s_i][k] = t.number
                printed[s_i][k] = True
                break
    return [tuple(p) for p in printed]


# -- lines and points ---------------------------------------------------------------------------


def _straight(m: NDArray[np.bool_], region: tuple[int, int, int, int]) -> bool:
    """Whether most of a colour's pixels lie on rows or columns crossing the plot: gridlines."""
    width, height = region[2] - region[0], region[3] - region[1]
    total = float(m.sum())
    on_rows = float(m[m.sum(axis=1) > 0.5 * width].sum())
    on_cols = float(m[:, m.sum(axis=0) > 0.5 * height].sum())
    return total > 0 and on_rows + on_cols > 0.5 * total


def _is_line(rgb: Float, colours: list[RGB], region: tuple[int, int, int, int], legend: Legend,
             panel: RGB | None = None) -> bool:
    width = region[2] - region[0]
    for m in _colour_masks(rgb, colours, region, legend, panel):
        if _straight(m, region):
            continue
        # a thin anti-aliased line's core breaks where it is steep: a pixel's reach joins it
        lab, n = ndimage.label(ndimage.binary_dilation(m), structure=np.ones((3, 3)))
        for k, sl in enumerate(ndimage.find_objects(lab), start=1):
            if sl is None or sl[1].stop - sl[1].start <= 0.3 * width:
                continue
            piece = lab[sl] == k
            if float(piece.sum()) < 0.5 * piece.size:
                return True  # long and not solid (a bar is): a line, with or without markers
    return False


MARKER_MAX_PX = 20  # a line's marker is at most this big (pixels, each way)
LINE_ACROSS = 0.3  # a line series spans more than this share of the plot's width
LINE_COLUMNS = 0.4  # ... and is drawn in this share of the columns across its span at least


def _markers_dropped(rects: list[Rect], masks: list[NDArray[np.bool_]],
                     region: tuple[int, int, int, int]) -> list[Rect]:
    """The rectangles that are not a line's markers. A marker is a small square (at most
    MARKER_MAX_PX each way, no more than twice as tall as wide) from which a thin stroke of its
    colour runs on, across much more of the plot than the square itself: the line's segments,
    thinner than half the square. A bar is a rectangle of its own: its colour stops at its sides
    (a gridline of its colour crossing it is straight across the plot and left out)."""
    width = region[2] - region[0]
    pieces = []
    for m in masks:
        m = _off_straight(m, region)  # gridlines and frame lines of the colour left out
        lab, _ = ndimage.label(ndimage.binary_dilation(m), structure=np.ones((3, 3)))
        pieces.append((m, lab, ndimage.find_objects(lab)))
    out = []
    for r in rects:
        x0, y0, x1, y1, ci = r
        w, h = x1 - x0, y1 - y0
        m, lab, objs = pieces[ci]
        inside = lab[y0:y1, x0:x1]
        ks = inside[inside > 0]
        if max(w, h) > MARKER_MAX_PX or not 0.5 <= h / max(1, w) <= 2.0 or not ks.size:
            out.append(r)
            continue
        k = int(np.bincount(ks).argmax())
        sl = objs[k - 1]
        if sl is None or sl[1].stop - sl[1].start < max(3 * w, 0.3 * width):
            out.append(r)
            continue
        piece = (lab[sl] == k) & m[sl]
        widths = _stroke_widths(piece)
        off = np.ones(widths.size, bool)  # the piece's columns off the square (and its rim)
        off[max(0, x0 - 2 - sl[1].start):max(0, x1 + 2 - sl[1].start)] = False
        stroke = widths[off & (widths > 0)]
        if not stroke.size or float(np.median(stroke)) >= 0.5 * h:
            out.append(r)  # what runs on is as thick as the square: bars side by side
    return out


def _stroke_widths(piece: NDArray[np.bool_]) -> Float:
    """A stroke's width at each column (0 where the column is empty): the column's pixels times
    the cosine of the stroke's slope there, from the change of the columns' centres. A steep
    segment crosses a column over many rows though it is thin (a line falling 2 px a column, 2 px
    wide, covers 4 or 5 rows of each column it crosses).

    >>> m = np.zeros((24, 10), bool)
    >>> for x in range(10): m[2 * x:2 * x + 4, x] = True
    >>> [round(float(v), 1) for v in _stroke_widths(m)]
    [1.8, 1.8, 1.8, 1.8, 1.8, 1.8, 1.8, 1.8, 1.8, 1.8]
    """
    cols: Float = piece.sum(axis=0).astype(np.float64)
    on = cols > 0
    if on.sum() < 2:
        return cols
    rows = np.arange(piece.shape[0], dtype=np.float64)[:, None]
    centre = (piece * rows).sum(axis=0)[on] / cols[on]
    slope = np.gradient(centre, np.flatnonzero(on).astype(np.float64))
    widths: Float = cols.copy()
    widths[on] = cols[on] / np.sqrt(1.0 + slope * slope)
    return widths


def _across(m: NDArray[np.bool_], width: int) -> bool:
    """Whether a mask reaches across more than LINE_ACROSS of the plot's width."""
    cols = np.flatnonzero(m.any(axis=0))
    return bool(cols.size) and float(np.ptp(cols)) > LINE_ACROSS * width


def _off_straight(m: NDArray[np.bool_], region: tuple[int, int, int, int]) -> NDArray[np.bool_]:
    """A mask less its rows and columns that cross half the plot: gridlines and frame lines."""
    m = m.copy()
    m[m.sum(axis=1) > 0.5 * (region[2] - region[0])] = False
    m[:, m.sum(axis=0) > 0.5 * (region[3] - region[1])] = False
    return m


def _gappy(m: NDArray[np.bool_]) -> bool:
    """Whether a mask leaves most columns across its span empty. A line is drawn without a break
    from its first category to its last (a dashed one in more than half its columns); the black
    of classic matplotlib's marker edges, a legend's frame and names and the ticks are short
    strokes spread across the plot."""
    cols = np.flatnonzero(m.any(axis=0))
    return not cols.size or cols.size < LINE_COLUMNS * (np.ptp(cols) + 1)


def _read_lines(rgb: Float, colours: list[RGB], region: tuple[int, int, int, int], legend: Legend,
                texts: list[tx.Text], box: Box, yaxis: ax.Axis, facts: ChartFacts, panel: RGB | None = None,
                gridcols: Sequence[float] = ()) -> None:
    cats = _category_labels(texts, box, True, {id(t) for t in yaxis.labels}, facts.label_box)
    masks = _colour_masks(rgb, colours, region, legend, panel)
    own: list[NDArray[np.bool_]] | None = None  # the colours' own pixels, no blend with the ground (when asked)
    width = region[2] - region[0]
    series: list[int] = []
    for i, m in enumerate(masks):
        if not _across(m, width):
            continue
        if _straight(m, region):
            continue  # straight across the plot: gridlines, not a series
        if _specks(m):
            # a line's anti-aliased rim in a colour of its own, not a series; a greyish line's
            # blends with the ground take in the dots of a dotted gridline (bmh's), thousands of
            # specks, but its own pixels are one long piece
            own = own if own is not None else _colour_masks(rgb, colours, region, legend)
            if _specks(own[i]):
                continue
        if _gappy(_off_straight(m, region)):
            continue  # markers' edges, a legend's frame and text, ticks: strokes a few columns wide each
        series.append(i)
    if not series:
        raise NotAChart("no lines found")
    series = _series_order(colours, series, [e[1] for e in legend.entries], panel)
    line_cols = np.flatnonzero(masks[series[0]].any(axis=0))
    ticks = _x_ticks(rgb, box, float(line_cols.min()), float(line_cols.max())) if line_cols.size else []
    if len(ticks) < 2 and line_cols.size:  # faint vertical gridlines (white on a light panel) at the categories
        ticks = _even([c for c in gridcols if line_cols.min() - 4 <= c <= line_cols.max() + 4])
    if len(ticks) <= 2 and line_cols.size and (not cats or _run_together(cats)):
        # labels run together and no ticks under the plot: the inward ticks are the categories
        # (labels read apart place their categories better than ticks on whole pixels); the
        # lines together span them, as one line's end may be hidden under the legend
        all_cols = np.flatnonzero(np.any([masks[i].any(axis=0) for i in series], axis=0))
        inward = _inward_ticks(rgb, box, float(all_cols.min()), float(all_cols.max()))
        ticks = inward if len(inward) > len(ticks) else ticks
    if len(ticks) >= 2 and cats:  # labels run together: one a tick
        cats = tx.split_row(rgb, cats, ticks)
    elif cats and _run_together(cats):  # no ticks nor gridlines: the lines' corners are the slots
        corners = _even_vertices([masks[i] for i in series])
        if len(corners) >= 2 and all(
                min(abs(t.centre[0] - x) for x in corners) <= 0.25 * (corners[1] - corners[0])
                for t in cats if sum(t.box[0] + 2 < x < t.box[2] - 2 for x in corners) <= 1):
            cats = tx.split_row(rgb, cats, corners)
    if len(ticks) > max(2, len(cats)):
        # more tick marks than labels read (labels run together or cut off): the ticks are the
        # categories, each named by the label centred on it, if any
        step = float(np.median(np.diff(ticks)))
        slots = list(ticks)
        names: list[str | None] = []
        for x in ticks:
            near = [t for t in cats if abs(t.centre[0] - x) <= 0.3 * step and t.readable]
            names.append(near[0].text if len(near) == 1 else None)
    elif len(cats) >= 2 and _one_a_tick(cats, ticks):
        # a label a tick: the ticks (or gridlines) are drawn at the categories; a label's centre
        # may not be (a rotated label cut by the image's edge shows only its upper part)
        slots = list(ticks)
        names = [t.text if t.readable else None for t in cats]
    elif len(cats) >= 2:
        slots = [t.centre[0] for t in cats]
        names = [t.text if t.readable else None for t in cats]
        slots, names = _line_ends(slots, names, [masks[i] for i in series])
    else:
        cols = np.flatnonzero(masks[series[0]].any(axis=0))
        slots = _x_ticks(rgb, box, float(cols.min()), float(cols.max()))
        if len(slots) < 2:
            slots = _even_vertices([masks[i] for i in series])
            facts.warnings.append(f"no category labels nor ticks under the line chart: {len(slots)} categories "
                                  "taken from the lines' corners")
        names = [None] * len(slots)
    spacing = float(np.median(np.diff(slots))) if len(slots) > 1 else 30.0
    given = slots
    slots = _vertex_slots([masks[i] for i in series], slots, spacing)
    turned = slots is not given  # the slots were fitted to the lines' turns
    out: list[SeriesFacts] = []
    for i in series:
        rows: list[float | None] = []
        for k, x in enumerate(slots):
            y = None
            if not turned and len(slots) > 1 and k in (0, len(slots) - 1):
                # end slots fitted to the lines' turns are where the vertices lie; else the drawn ends
                others = [masks[j] for j in series if j != i]
                y = _end_vertex(masks[i], x, spacing, k == 0, region, others)
            if y is None:
                y = _vertex(masks[i], x, spacing)
            rows.append(y)
        rows = _along_the_frame(masks[i], slots, rows, box)
        vals = [None if y is None else yaxis.value(y) for y in rows]
        out.append(SeriesFacts(None, colours[i], tuple(0.0 if v is None else v for v in vals)))
    names_series = _series_names(series, colours, legend, panel)
    facts.kind = "line"
    facts.value_axis = yaxis
    facts.categories = names
    facts.series = [SeriesFacts(names_series[j], s.colour, s.values) for j, s in enumerate(out)]


ON_FRAME_PX = 1.5  # a vertex this close to the plot box's top or bottom lies on the frame line


def _along_the_frame(mask: NDArray[np.bool_], slots: Sequence[float], rows: list[float | None],
                     box: Box) -> list[float | None]:
    """A line's rows at its slots, with a vertex not seen at all (None) set on the plot box's top
    or bottom edge where the line runs there under the frame: its neighbour's vertex lies on that
    edge and no pixel of the line shows between the two slots (an axis's range ending at the
    data, as classic's no-margin scales do, puts the extreme values on the frame line, which is
    drawn over the line)."""
    out = list(rows)
    for k, y in enumerate(rows):
        if y is not None:
            continue
        for nb in (k - 1, k + 1):
            at = rows[nb] if 0 <= nb < len(rows) else None
            if at is None:
                continue
            edge = min((box[1], box[3]), key=lambda e: abs(e - at))
            a, b = sorted((slots[k], slots[nb]))
            between = mask[:, int(math.ceil(a)) + 2:max(int(math.ceil(a)) + 2, int(math.floor(b)) - 2)]
            if abs(at - edge) <= ON_FRAME_PX and not between.any():
                out[k] = at
                break
    return out


AREA_SPAN = 0.6  # an area spans at least this share of the plot's width
AREA_THICK_PX = 8  # and is this thick on average (a line is a few pixels)


AREA_ON_GROUND = 0.5  # an area rests on the base or the area below: at most this share of its columns has
# the ground under it


def _areas(rgb: Float, colours: list[RGB], region: tuple[int, int, int, int], legend: Legend,
           panel: RGB | None = None, base: float | None = None) -> list[int]:
    """The colours filled as areas (stacked from the base): one solid piece across most of the
    plot, thick, no rectangle, one run down each of its columns, resting on the base or on the
    area below (a thick line drawn steeply has one tall run a column too, but the plot's ground
    under it). Empty when there are none."""
    width = region[2] - region[0]
    out = []
    for ci, m in enumerate(_colour_masks(rgb, colours, region, legend)):
        lab, n = ndimage.label(m)
        if n == 0:
            continue
        sizes = ndimage.sum(m, lab, range(1, n + 1))
        k = int(np.argmax(sizes)) + 1
        piece = lab == k
        cols = np.flatnonzero(piece.any(axis=0))
        if cols.size == 0 or np.ptp(cols) < AREA_SPAN * width:
            continue
        sl = ndimage.find_objects(lab)[k - 1]
        assert sl is not None
        sub = piece[sl]
        if float(sub.sum()) >= RECT_FILL * sub.size and _sides_filled(sub):
            continue  # a rectangle: a bar
        if float(sub.sum()) / max(1, sub.shape[1]) < AREA_THICK_PX:
            continue  # a line
        solid = float(ndimage.binary_opening(sub, structure=np.ones((3, 3), bool)).sum())
        runs = (np.diff(sub.astype(np.int8), axis=0) == 1).sum(axis=0) + sub[0]
        if solid < 0.8 * float(sub.sum()) or float(np.mean(runs[sub.any(axis=0)] == 1)) < 0.9:
            continue
        if panel is not None and base is not None and _on_ground(rgb, piece, panel, base) > AREA_ON_GROUND:
            continue  # a thick line over the plot's ground
        out.append(ci)
    return out


def _on_ground(rgb: Float, piece: NDArray[np.bool_], ground: RGB, base: float) -> float:
    """The share of the piece's columns that end above the plot's base row with the ground colour
    4 and 5 rows under their lowest pixel (past a steep stroke's anti-aliased rim)."""
    cols = np.flatnonzero(piece.any(axis=0))
    if not cols.size:
        return 0.0
    h = piece.shape[0]
    bottom = h - 1 - np.argmax(piece[::-1, cols], axis=0)
    g = np.asarray(ground, np.float64)
    under = [_dist(rgb[np.minimum(bottom + d, rgb.shape[0] - 1), cols], g) < SAME_COLOUR for d in (4, 5)]
    ok = (bottom < base - 3) & under[0] & under[1]
    return float(np.mean(ok))


def _read_areas(rgb: Float, panel: RGB, colours: list[RGB], areas: list[int], legend: Legend,
                texts: list[tx.Text], box: Box, yaxis: ax.Axis, facts: ChartFacts) -> None:
    """Stacked areas, read at each category like a stack (``_stack_profile``) in a narrow band of
    columns at the category's position (moved inwards at the area's ends)."""
    cats = _category_labels(texts, box, True, {id(t) for t in yaxis.labels}, facts.label_box)
    masks = _colour_masks(rgb, colours, _region(box, rgb.shape[1], rgb.shape[0]), legend)
    filled = np.zeros(rgb.shape[:2], bool)
    for ci in areas:
        filled |= masks[ci]
    cols = np.flatnonzero(filled.any(axis=0))
    if cols.size == 0:
        raise NotAChart("no areas")
    lo, hi = int(cols.min()), int(cols.max()) + 1
    ticks = _x_ticks(rgb, box, float(lo), float(hi))
    if len(cats) >= 2:
        slots = [t.centre[0] for t in cats]
        names: list[str | None] = [t.text if t.readable else None for t in cats]
    elif len(ticks) >= 2:
        slots, names = list(ticks), [None] * len(ticks)
    else:
        raise NotAChart("areas with no categories")
    if len(ticks) == len(slots) and all(abs(a - b) <= 3 for a, b in zip(ticks, slots)):
        slots = list(ticks)  # each label's tick mark: its category's position to a fraction of a pixel
    zero = yaxis.pixel(0.0)
    series = [colours[ci] for ci in areas]
    values: list[list[float]] = [[0.0] * len(slots) for _ in areas]
    order: list[int] = []
    top = int(math.floor(box[1]))
    def band(c: int) -> tuple[float, list[tuple[int, float]] | None]:  # 3 columns from c
        return c + 1.5, _stack_profile(rgb, [(c, top, c + 3, int(math.ceil(zero)), 0)], True, zero, series, panel)

    for k, x in enumerate(slots):
        # a vertex is a kink: each side's boundaries, read 3 and 7 px away, carried on to x (the
        # average of both sides; one side at the area's ends)
        sides = []
        reach = 11 if len(slots) < 2 or float(np.min(np.abs(np.diff(slots)))) >= 28 else 7
        for sgn in (-1, 1):
            c_a, c_b = int(round(x)) + sgn * 3 - 1, int(round(x)) + sgn * reach - 1
            if not (lo + 1 <= min(c_a, c_b) and max(c_a, c_b) + 3 <= hi):
                continue
            (m_a, r_a), (m_b, r_b) = band(c_a), band(c_b)
            if r_a and r_b and [q[0] for q in r_a] == [q[0] for q in r_b]:
                sides.append([(q[0], q[1] + (q[1] - w[1]) * (x - m_a) / (m_a - m_b)) for q, w in zip(r_a, r_b)])
        if sides and all([q[0] for q in side] == [q[0] for q in sides[0]] for side in sides):
            read: list[tuple[int, float]] | None = [
                (q[0], float(np.mean([side[j][1] for side in sides]))) for j, q in enumerate(sides[0])]
        else:
            read = band(min(max(int(round(x)) - 1, lo + 1), hi - 4))[1]
        before = 0.0
        for s_i, far in read or []:
            at = yaxis.value(far)
            values[s_i][k] += at - before
            before = at
            if s_i not in order:
                order.append(s_i)
    order += [i for i in range(len(areas)) if i not in order]
    idx = [areas[i] for i in order]
    names_series = _series_names(idx, colours, legend, panel)
    facts.kind = "area"
    facts.value_axis = yaxis
    facts.categories = names
    facts.series = [SeriesFacts(names_series[j], colours[areas[i]], tuple(values[i])) for j, i in enumerate(order)]


def _x_ticks(rgb: Float, box: Box, lo: float, hi: float) -> list[float]:
    """Category positions from the tick marks under the plot, or its vertical gridlines: columns
    with a short line just below the box, or a line down the whole box, evenly spaced, from the
    first to the last column of the line (lo, hi)."""
    x0, y0, x1, y1 = (int(round(v)) for v in box)
    h, w = rgb.shape[:2]
    for band in (rgb[min(h - 1, y1 + 1):min(h, y1 + 6), x0:x1], rgb[y0 + 2:max(y0 + 3, y1 - 2), x0:x1]):
        runs = [r for r in _tick_runs(band, x0) if lo - 4 <= r <= hi + 4]
        if len(runs) >= 2 and float(np.ptp(np.diff(runs))) <= 2.0:
            return runs
    return []


def _inward_ticks(rgb: Float, box: Box, lo: float, hi: float) -> list[float]:
    """Category positions from tick marks drawn inward at the plot's bottom and top (classic
    matplotlib: no gridlines, the frame's two sides are no categories): short lines just inside
    the box's bottom or top. A line crossing an inward tick hides it, so the ticks are those at
    either side (the two sides' ticks stand at the same columns), on one lattice (a marker's edge
    beside a tick is no tick), from the first to the last column of the lines (lo, hi) less a
    marker's radius: a line's end at the frame's side lies under its marker, cut by the frame."""
    x0, y0, x1, y1 = (int(round(v)) for v in box)
    bottom = _tick_runs(rgb[max(0, y1 - 6):max(1, y1 - 1), x0:x1], x0)
    top = _tick_runs(rgb[y0 + 1:y0 + 6, x0:x1], x0)
    cols = _lattice(sorted(bottom + top))
    reach = max(4.0, 0.3 * (cols[1] - cols[0])) if cols else 4.0
    return [c for c in cols if lo - reach <= c <= hi + reach]


def _lattice(cols: list[float]) -> list[float]:
    """The evenly spaced columns most of ``cols`` lie on (within 1.5 px), from the first to the last
    that does, with those the columns miss filled in (a tick hidden at both sides by lines crossing
    there; a marker's edge beside a tick is no tick). At least 4 columns, and more than half the
    lattice, must be seen; of lattices seen as well, the coarsest. Else no columns.

    >>> _lattice([10.0, 20.0, 31.0, 40.0, 60.0])
    [10.0, 20.0, 30.0, 40.0, 50.0, 60.0]
    """
    best: tuple[int, int, list[float]] = (0, 0, [])
    if len(cols) > LATTICE_MAX:
        return []  # a textured band, not ticks (and the search grows as the cube of the columns)
    for i, a in enumerate(cols):
        for b in cols[i + 1:]:
            for k in range(1, int((b - a) // LATTICE_STEP) + 1):
                step = (b - a) / k
                at = [(c - a) / step for c in cols]
                seen = len({round(t) for t in at if abs(t - round(t)) * step <= 1.5 and -0.5 <= t <= k + 0.5})
                if seen >= 4 and 2 * seen > k + 1 and (seen, -k) > best[:2]:
                    best = (seen, -k, [a + step * j for j in range(k + 1)])
    return best[2]


LATTICE_STEP = 8.0  # inward ticks stand at least this many pixels apart
LATTICE_MAX = 40  # more columns than this at a box's bottom and top are no ticks


def _tick_runs(band: Float, x0: int) -> list[float]:
    """The centres of the columns (3 px wide at most) that a line crosses the band down, off its ground."""
    if band.size == 0:
        return []
    ground = np.median(band.reshape(-1, 3), axis=0)
    line = (np.abs(band - ground).max(axis=-1) > 0.1).mean(axis=0) > 0.6
    runs: list[float] = []
    start = None
    for c, on in enumerate(list(line) + [False]):
        if on and start is None:
            start = c
        elif not on and start is not None:
            if c - start <= 3:
                runs.append(x0 + (start + c) / 2.0)
            start = None
    return runs


LABEL_ON_TICK = 0.3  # a category label's centre lies within this share of the spacing from its tick


def _one_a_tick(cats: list[tx.Text], ticks: Sequence[float]) -> bool:
    """Whether the category labels (in order along the axis) and the ticks pair off, each label
    centred within LABEL_ON_TICK of the spacing from its own tick."""
    if len(ticks) < 2 or len(ticks) != len(cats):
        return False
    step = float(np.median(np.diff(ticks)))
    return all(abs(t.centre[0] - x) <= LABEL_ON_TICK * step for t, x in zip(cats, sorted(ticks)))


def _run_together(cats: list[tx.Text]) -> bool:
    """Whether a row of labels holds one much wider than the others (labels drawn into each
    other), or is one or two labels only."""
    widths = sorted(float(t.box[2] - t.box[0]) for t in cats)
    return len(cats) <= 2 or widths[-1] > 1.8 * widths[len(widths) // 2]


def _even(cols: list[float]) -> list[float]:
    """The columns when there are two or more, evenly spaced (within 2 px); else none."""
    return cols if len(cols) >= 2 and float(np.ptp(np.diff(cols))) <= 2.0 else []


def _line_ends(slots: list[float], names: list[str | None],
               masks: list[NDArray[np.bool_]]) -> tuple[list[float], list[str | None]]:
    """Evenly spaced categories, extended to the lines' ends: a line runs from the first
    category to the last, so one that goes on a whole spacing past the outermost label read has
    a category there whose label was not read (two labels drawn into each other at the plot's
    corner)."""
    gaps = np.diff(slots)
    if len(gaps) < 2 or float(np.ptp(gaps)) > 0.1 * float(np.median(gaps)):
        return slots, names
    step = float(np.median(gaps))
    cols = np.flatnonzero(np.logical_or.reduce([m.any(axis=0) for m in masks]))
    if not cols.size:
        return slots, names
    slots, names = list(slots), list(names)
    while float(cols.min()) <= slots[0] - 0.75 * step:
        slots.insert(0, slots[0] - step)
        names.insert(0, None)
    while float(cols.max()) + 1 >= slots[-1] + 0.75 * step:
        slots.append(slots[-1] + step)
        names.append(None)
    return slots, names


SPECK_PX = 4  # a line or dash piece has at least this many pixels; a rim of blends falls apart in specks


SPECK_SHARE = 0.9  # ... unless pieces of SPECK_PX pixels or more hold this share of its pixels


def _specks(m: NDArray[np.bool_]) -> bool:
    """The mask is scattered pixels: its pieces (8-connected) hold fewer than SPECK_PX pixels
    each, by the median, and together most of its pixels (a line whose colour its neighbours'
    anti-aliased rims also take in a few places is one long piece and a few specks)."""
    lab, n = ndimage.label(m, structure=np.ones((3, 3)))
    if n == 0:
        return True
    sizes = np.bincount(lab.ravel())[1:]
    return float(np.median(sizes)) < SPECK_PX and float(sizes[sizes >= SPECK_PX].sum()) < SPECK_SHARE * sizes.sum()


VERTEX_FIT_PX = 1.5  # a line through its vertices at the slots lies this close to the drawn one
MAX_VERTICES = 30


def _even_vertices(masks: list[NDArray[np.bool_]]) -> list[float]:
    """Category positions of line charts with neither labels nor ticks: the fewest evenly spaced
    slots, from the lines' first vertex to their last, whose vertices joined by straight segments
    reproduce every line (its centre where one run crosses a column) within VERTEX_FIT_PX. The
    first and last vertices lie inside the lines' outermost columns by half the stroke's width, or
    by a marker's radius: each is tried."""
    lines = []
    for m in masks:
        cols = np.flatnonzero(m.any(axis=0))
        pts = _centreline(m, int(cols.min()), int(cols.max()) + 1)
        if len(pts) < 4:
            continue
        runs = [float(np.count_nonzero(m[:, c])) for c in cols]
        lines.append((m, cols, np.array([p[0] for p in pts]), np.array([p[1] for p in pts]), runs))
    if not lines:
        return []
    first = max(float(c.min()) for _, c, _, _, _ in lines)
    last = min(float(c.max()) + 1.0 for _, c, _, _, _ in lines)
    runs_all = [r for *_, runs in lines for r in runs]
    insets = sorted({round(float(np.percentile(runs_all, q)) / 2.0, 1) for q in (10, 50, 90)})
    for n in range(2, MAX_VERTICES + 1):
        for inset in insets:
            lo, hi = first + inset, last - inset
            if hi - lo < 4:
                continue
            slots = np.linspace(lo, hi, n)
            if _fits(lines, slots, inset):
                return [float(x) for x in slots]
    return [float(x) for x in np.linspace(first, last, MAX_VERTICES)]


def _fits(lines: list[tuple[NDArray[np.bool_], NDArray[np.intp], Float, Float, list[float]]], slots: Float,
          inset: float) -> bool:
    spacing = float(slots[1] - slots[0])
    lo, hi = float(slots[0]), float(slots[-1])
    for m, _, px, py, runs in lines:
        ys = [_vertex(m, float(x), spacing) for x in slots]
        if any(y is None for y in ys):
            return False
        inner = (px >= lo + inset + 2) & (px <= hi - inset - 2)
        if inner.any():
            fit = np.interp(px[inner], slots, np.array(ys, np.float64))
            width = float(np.percentile(runs, 10))
            if float(np.percentile(np.abs(fit - py[inner]), 95)) > VERTEX_FIT_PX + 0.5 * width:
                return False
    return True


def _centreline(mask: NDArray[np.bool_], c0: int, c1: int) -> list[tuple[float, float]]:
    pts = []
    for c in range(max(0, c0), min(mask.shape[1], c1)):
        rows = np.flatnonzero(mask[:, c])
        if rows.size and rows[-1] - rows[0] + 1 == rows.size:  # one run: no crossing here
            pts.append((c + 0.5, (rows[0] + rows[-1] + 1) / 2.0))
    return pts


VERTEX_SHIFT = 0.1  # the segments' meeting point is taken within this share of the spacing from the slot
TURN = 0.15  # ... when their slopes (rows a column) differ by this much at least
SURE_TURN = 1.0  # slopes this different place their meeting to a tenth of a pixel or so


def _meeting(fits: list[tuple[float, float]], x: float, spacing: float) -> tuple[float, float] | None:
    """Where two segments (row = a + b * column) meet, when they turn there (a peak or a valley,
    or a change of slope) within VERTEX_SHIFT of the spacing from the slot ``x``."""
    if len(fits) != 2:
        return None
    (a1, b1), (a2, b2) = fits
    if abs(b1 - b2) < TURN:
        return None
    cx = (a2 - a1) / (b1 - b2)
    return (cx, a1 + b1 * cx) if abs(cx - x) <= VERTEX_SHIFT * spacing else None


def _segment_fits(mask: NDArray[np.bool_], x: float, spacing: float) -> list[tuple[float, float]]:
    margin = 6 if spacing > 24 else 3
    reach = max(margin + 3, int(0.45 * spacing))
    fits = []
    for c0, c1 in ((int(x) - reach, int(x) - margin), (int(x) + margin + 1, int(x) + reach + 1)):
        pts = _centreline(mask, c0, c1)
        if len(pts) >= 3:
            b, a = np.polyfit(np.array([p[0] for p in pts]), np.array([p[1] for p in pts]), 1)
            fits.append((float(a), float(b)))
    return fits


def _vertex_slots(masks: list[NDArray[np.bool_]], slots: list[float], spacing: float) -> list[float]:
    """The slots where the lines' vertices lie (label centres and tick marks are drawn to whole or
    half pixels, and a steep segment's row moves by its slope for each pixel the slot is off): the
    points where segments turn, near evenly spaced slots, fitted by a line over the slots' order
    (an offset and a spacing), which then gives every slot, the ends' too. The slots as they are
    unless three turns or more over three slots or more agree on it. A meeting's column is as
    uncertain as the segments' rows divided by how much their slopes differ: a turn of less than
    SURE_TURN (rows a column) weighs that much less in the fit (two nearly parallel segments
    meeting 1.8 px before their vertex moved every slot half a pixel)."""
    ks: list[float] = []
    cxs: list[float] = []
    weights: list[float] = []
    for m in masks:
        for k, x in enumerate(slots):
            fits = _segment_fits(m, x, spacing)
            meet = _meeting(fits, x, spacing)
            if meet is not None:
                ks.append(float(k))
                cxs.append(meet[0])
                weights.append(min(1.0, abs(fits[0][1] - fits[1][1]) / SURE_TURN))
    gaps = np.diff(slots)
    if len(set(ks)) < 3 or float(np.ptp(gaps)) > 0.1 * spacing:
        return slots
    b, a = np.polyfit(np.array(ks), np.array(cxs), 1, w=np.array(weights))  # w: 1 / the uncertainty
    fitted = [float(a + b * k) for k in range(len(slots))]
    if max(abs(f - x) for f, x in zip(fitted, slots)) > 1.5:
        return slots
    return fitted


END_WINDOW_PX = 6  # a line's end is read from its pixels this far in from its outermost one
END_SHIFT_PX = 2.0  # and its vertex lies this close to the slot's column


def _end_vertex(mask: NDArray[np.bool_], x: float, spacing: float, first: bool,
                region: tuple[int, int, int, int], others: Sequence[NDArray[np.bool_]] = ()) -> float | None:
    """The row of a line's end vertex, from the drawn end rather than the slot: a round or
    projecting end, or a marker, is centred on the vertex, so the vertex lies inside the end's
    outermost reach along the line by half the end's breadth across it. Read along the segment,
    this does not move with the slot's column (a label's centre or a tick half a pixel off moves a
    steep segment's row at the slot by its slope). None (the slot is used) where the line is cut
    by the plot box's side or hidden by another series' line or marker there (the end seen is not
    its end), has no single segment there, or its end lies further than END_SHIFT_PX from the slot
    (labels and ticks are drawn that close to the vertices)."""
    fits = _segment_fits(mask, x, spacing)
    if len(fits) != 1:
        return None
    a, b = fits[0]
    c0, c1 = int(max(0, x - 0.4 * spacing)), int(min(mask.shape[1], x + 0.4 * spacing + 1))
    ys, xs = np.nonzero(mask[:, c0:c1])
    if xs.size < 4:
        return None
    px, py = xs + c0 + 0.5, ys + 0.5
    norm = math.hypot(1.0, b)
    ux, uy = (-1.0 if first else 1.0) / norm, (-b if first else b) / norm  # outwards along the line
    p0x, p0y = x, a + b * x
    along = (px - p0x) * ux + (py - p0y) * uy
    across = (px - p0x) * (-uy) + (py - p0y) * ux
    near = np.abs(across) <= max(6.0, 0.2 * spacing)
    if not near.any():
        return None
    along, across, pxn = along[near], across[near], px[near]
    reach = float(along.max())
    outer = float(pxn[int(np.argmax(along))])
    if outer - 0.5 <= region[0] + FRAME_INSET + 1 or outer + 0.5 >= region[2] - FRAME_INSET - 1:
        return None  # cut by the box's side (a line drawn past the axis's limits)
    end = along >= reach - END_WINDOW_PX
    ex, ey = (pxn[end] - 0.5).astype(np.intp), (py[near][end] - 0.5).astype(np.intp)
    for o in others:
        cover = ndimage.binary_dilation(o, structure=np.ones((3, 3), bool), iterations=2)
        if cover[ey, ex].any():
            return None
    half = 0.5 * (float(across[end].max() - across[end].min()) + 1.0)
    t = reach + 0.5 - half
    vx, vy = p0x + t * ux, p0y + t * uy
    if abs(vx - x) > END_SHIFT_PX:
        return None
    return float(vy)


def _vertex(mask: NDArray[np.bool_], x: float, spacing: float) -> float | None:
    """The line's row at column ``x``: where the segments on either side meet. Where they turn by
    little, their meeting is as unsure as their rows divided by the turn, and the segments' rows at
    the slot count too, by the inverse of the uncertainties (a turn of SURE_TURN counts both alike)."""
    fits = _segment_fits(mask, x, spacing)
    meet = _meeting(fits, x, spacing)
    if meet is not None:
        # where the two segments meet: a steep segment's row at the slot moves by its slope for
        # every pixel the slot (a label's centre, a snapped tick) is off
        turn2 = (fits[0][1] - fits[1][1]) ** 2
        w = turn2 / (turn2 + SURE_TURN ** 2)
        return w * meet[1] + (1.0 - w) * float(np.mean([a + b * x for a, b in fits]))
    if fits:
        return float(np.mean([a + b * x for a, b in fits]))
    rows = np.flatnonzero(mask[:, max(0, int(x) - 2):int(x) + 3].any(axis=1))
    if not rows.size:
        return None
    # the longest run of rows: the vertex (specks of the line's colour elsewhere in the column, a
    # legend's text or another line's rim, are not)
    runs = np.split(rows, np.flatnonzero(np.diff(rows) > 1) + 1)
    run = max(runs, key=len)
    return float(run.mean() + 0.5)


def _read_scatter(rgb: Float, colours: list[RGB], region: tuple[int, int, int, int], legend: Legend,
                  xaxis: ax.Axis, yaxis: ax.Axis, facts: ChartFacts) -> None:
    masks = _colour_masks(rgb, colours, region, legend)
    m = masks[0]
    # hollow markers: fill their holes so a ring counts once
    m = ndimage.binary_fill_holes(ndimage.binary_closing(m, structure=np.ones((2, 2), bool)))
    lab, n = ndimage.label(m, structure=np.ones((3, 3)))
    if n == 0:
        raise NotAChart("no points found")
    objs = ndimage.find_objects(lab)
    areas = np.array(ndimage.sum(m, lab, range(1, n + 1)), np.float64)
    typical = float(np.median(areas[areas >= 4])) if (areas >= 4).any() else 1.0
    xs: list[float] = []
    ys: list[float] = []
    for k, sl in enumerate(objs, start=1):
        if sl is None or areas[k - 1] < 0.3 * typical:
            continue
        cy, cx = (sl[0].start + sl[0].stop) / 2.0, (sl[1].start + sl[1].stop) / 2.0
        xs.append(xaxis.value(cx))
        ys.append(yaxis.value(cy))
    facts.kind = "scatter"
    facts.value_axis = yaxis
    facts.x_axis = xaxis
    facts.series = [SeriesFacts("points", colours[0], x=tuple(xs), y=tuple(ys))]


# -- pies ---------------------------------------------------------------------------------------


def _read_pie(rgb: Float, ground: Float, texts: list[tx.Text], facts: ChartFacts) -> None:
    h, w = rgb.shape[:2]
    legend = _legend(rgb, ground, texts, (0, 0, w, h))
    fg = _dist(rgb, ground) > MARK_DIFF
    fg &= ~_text_mask((h, w), texts)
    covered = np.zeros((h, w), bool)
    if legend.entries:  # a legend drawn over the pie is not part of it
        x0 = min(e[2][0] for e in legend.entries) - LEGEND_PAD
        y0 = min(e[2][1] for e in legend.entries) - LEGEND_PAD
        y1 = max(e[2][3] for e in legend.entries) + LEGEND_PAD
        entry_texts = [t for t in texts if t.angle == 0 and y0 <= t.centre[1] <= y1 and t.box[0] >= x0]
        x1 = max([t.box[2] for t in entry_texts] + [e[2][2] for e in legend.entries]) + LEGEND_PAD
        covered[max(0, y0):y1, max(0, x0):x1] = True
        fg &= ~covered
    fg = ndimage.binary_opening(fg, structure=np.ones((3, 3), bool))
    lab, n = ndimage.label(fg)
    if n == 0:
        raise NotAChart("no marks: the image is blank, or holds only specks")
    sizes = np.array(ndimage.sum(fg, lab, range(1, n + 1)))
    k = int(np.argmax(sizes)) + 1
    sl = ndimage.find_objects(lab)[k - 1]
    assert sl is not None
    blob = ndimage.binary_fill_holes(lab == k)
    cy, cx = (sl[0].start + sl[0].stop) / 2.0, (sl[1].start + sl[1].stop) / 2.0
    radius = ((sl[0].stop - sl[0].start) + (sl[1].stop - sl[1].start)) / 4.0
    bh, bw = sl[0].stop - sl[0].start, sl[1].stop - sl[1].start
    disc = math.pi * radius * radius
    if radius < 15 or not 0.8 <= bh / bw <= 1.25 or abs(float(blob.sum()) - disc) > 0.15 * disc:
        raise NotAChart("no value axis and no pie")
    if float((lab == k).sum()) < PIE_FILL * float(blob.sum()):
        raise NotAChart("a circle drawn in outline, not a filled pie")  # a geometry figure's circle
    centre_fg = bool(fg[int(cy), int(cx)])
    hole = None
    if not centre_fg:
        r_in = 0.0
        for r in np.arange(1.0, radius, 1.0):
            if fg[int(cy + 0.0), int(cx + r)] and fg[int(cy), int(cx - r)]:
                r_in = float(r)
                break
        hole = r_in / radius if r_in else None
    inner = 0.0 if hole is None else hole
    radii = [radius * (inner + (1 - inner) * f) for f in (0.8, 0.9, 0.35)]
    n_s = 1440
    ang = np.arange(n_s) * 360.0 / n_s
    rings = []
    for r_s in radii:
        px = np.clip(np.round(cx + r_s * np.cos(np.radians(ang)) - 0.5).astype(int), 0, w - 1)
        py = np.clip(np.round(cy - r_s * np.sin(np.radians(ang)) - 0.5).astype(int), 0, h - 1)
        ring_rgb = rgb[py, px].copy()
        ring_rgb[covered[py, px]] = ground  # under the legend: unknown
        rings.append(ring_rgb)
    ring = rings[0]
    # wedge colours: the commonest colours along the ring
    q = np.round(ring * 20).astype(np.int64)
    keys = (q[:, 0] * 21 + q[:, 1]) * 21 + q[:, 2]
    vals, counts = np.unique(keys, return_counts=True)
    cols: list[Float] = []
    arc_px = 2.0 * math.pi * radii[0] / n_s  # the ring's length a sample
    for v in vals[np.argsort(-counts)]:
        if counts[list(vals).index(v)] < n_s * 0.004:
            break
        c = ring[keys == v].mean(axis=0)
        if _dist(c[None], ground)[0] < MARK_DIFF:
            continue
        if not all(float(np.abs(c - o).max()) > 0.08 for o in cols):
            continue
        runs_c = _ring_runs(_dist(ring, c) < 0.05)
        longest = max((b - a for a, b in runs_c), default=0)
        if longest * arc_px < SEAM_PX:
            continue  # only narrow runs: a separator line drawn between wedges (classic's black edges)
        partners = [o for o in cols if _blend(c, [_rgb(o), _rgb(ground)])]
        if len(cols) >= 2 and longest * arc_px < 3 * SEAM_PX and _blend(c, [_rgb(o) for o in cols]):
            continue  # a seam between two wedges (a wedge between two others' colours runs on)
        if partners and _beside(runs_c, [_dist(ring, o) < 0.05 for o in partners], longest,
                                _dist(rings[-1], c) < 0.05, [_dist(rings[-1], o) < 0.05 for o in partners]):
            continue  # a wedge seen through something light (a legend's frame) beside its own colour
        cols.append(c)
    if not cols:
        raise NotAChart("no wedges")
    which = np.full(n_s, -1)
    for rr in rings:  # where a label or a legend covers one radius, another shows the wedge
        d = np.stack([_dist(rr, c) for c in cols], axis=-1)
        here = np.where(d.min(axis=-1) < 0.15, d.argmin(axis=-1), -1)
        which = np.where(which < 0, here, which)
    # runs of one colour, wrapping around; seams under a degree dropped; one colour's runs
    # with only unknown pixels between them are one wedge
    runs: list[tuple[int, float, float]] = []
    start = 0
    for i in range(1, n_s + 1):
        if i == n_s or which[i] != which[start]:
            runs.append((int(which[start]), float(ang[start]), float(ang[i - 1]) + 360.0 / n_s))
            start = i
    wedges: list[tuple[int, float, float]] = []
    for r in runs:
        if r[0] < 0 or r[2] - r[1] < 1.0:
            continue
        if wedges and wedges[-1][0] == r[0]:
            wedges[-1] = (r[0], wedges[-1][1], r[2])
        else:
            wedges.append(r)
    if len(wedges) > 1 and wedges[0][0] == wedges[-1][0]:
        last = wedges.pop()
        wedges[0] = (last[0], last[1] - 360.0, wedges[0][2])
    if not wedges:
        raise NotAChart("no wedges")
    # each boundary halfway across the gap (a seam, a separator line) between neighbours
    bounds = []
    for i, r in enumerate(wedges):
        prev = wedges[i - 1]
        gap = (r[1] - prev[2]) % 360.0 if len(wedges) > 1 else 0.0
        bounds.append(r[1] - gap / 2.0)
    shares = [((bounds[(i + 1) % len(wedges)] - bounds[i]) % 360.0) or 360.0 for i in range(len(wedges))]
    names: list[str | None] = []
    for r in wedges:
        col = cols[r[0]]
        name: str | None = None
        if legend.entries:
            best = min(legend.entries, key=lambda e: float(np.abs(np.asarray(e[1]) - col).max()))
            if float(np.abs(np.asarray(best[1]) - col).max()) < 0.15:
                name = best[0]
        else:
            mid = math.radians((r[1] + r[2]) / 2.0)
            tx_, ty_ = cx + 1.1 * radius * math.cos(mid), cy - 1.1 * radius * math.sin(mid)
            near = [t for t in texts if t.readable and not t.text.endswith("%")]
            if near:
                t = min(near, key=lambda t: _box_dist(t.box, tx_, ty_))
                if _box_dist(t.box, tx_, ty_) < 0.3 * radius:
                    name = t.text
        names.append(name)
    # order: counter-clockwise from the boundary nearest 0 or 90 degrees (matplotlib), or by
    # the legend (Vega-Lite: clockwise from 12 o'clock)
    order = list(range(len(wedges)))
    if legend.entries:
        leg_names = [e[0] for e in legend.entries]
        order.sort(key=lambda i: leg_names.index(names[i]) if names[i] in leg_names else len(leg_names))
        facts.start_angle = None
    else:
        starts = [r[1] % 360.0 for r in wedges]
        lead = min(range(len(wedges)), key=lambda i: min(abs(starts[i] - 90), abs(starts[i]), abs(starts[i] - 360)))
        order = [(lead + j) % len(wedges) for j in range(len(wedges))]
        facts.start_angle = float(round(starts[lead]))
    facts.kind = "donut" if hole else "pie"
    facts.hole = hole
    facts.categories = [names[i] for i in order]
    tot = sum(shares)
    facts.pie_colours = [_rgb(cols[wedges[i][0]]) for i in order]
    measured = [100.0 * shares[i] / tot for i in order]
    printed = _printed_shares(rgb, (cx, cy), radius, inner, [bounds[i] for i in order],
                              [shares[i] for i in order], measured)
    values, flags = _with_printed(measured, printed)
    facts.series = [SeriesFacts("share", facts.pie_colours[0], tuple(values), printed=tuple(flags))]
    facts.plot_box = None
    facts.title = _title(texts, (0, cy - radius - 4, w, cy + radius))


PRINTED_ARC_PX = 2.0  # a wedge's angle is read to this much arc at 0.8 of the radius: a printed share
# further from the measured one than that and the printed rounding is misread


def _printed_shares(rgb: Float, centre: tuple[float, float], radius: float, inner: float,
                    starts: list[float], spans: list[float], measured: list[float]) -> list[float | None]:
    """The percentages printed inside the wedges (``text.find_texts_on_fills``), each wedge's own:
    the one whose centre lies in its angle and ring, when it agrees with the share measured from
    the angles within the printed rounding (half its last digit) and PRINTED_ARC_PX of arc. None
    for a wedge with none, or several."""
    found = tx.find_texts_on_fills(rgb)
    out: list[float | None] = [None] * len(starts)
    count = [0] * len(starts)
    tol_arc = 100.0 * PRINTED_ARC_PX / (2.0 * math.pi * 0.8 * radius)
    for t in found:
        word = t.text.strip()
        if t.number is None or not word.endswith("%") or not 0.0 < t.number < 100.0:
            continue
        dx, dy = t.centre[0] - centre[0], centre[1] - t.centre[1]
        if not inner * radius <= math.hypot(dx, dy) <= radius:
            continue
        a = math.degrees(math.atan2(dy, dx)) % 360.0
        for i, (s0, span) in enumerate(zip(starts, spans)):
            if (a - s0) % 360.0 < span:
                decimals = len(word[:-1].split(".")[1]) if "." in word else 0
                if abs(t.number - measured[i]) <= 0.5 * 10.0 ** -decimals + tol_arc:
                    out[i] = t.number
                count[i] += 1
                break
    return [v if c == 1 else None for v, c in zip(out, count)]


def _with_printed(measured: list[float], printed: list[float | None]) -> tuple[list[float], list[bool]]:
    """The shares: the printed ones where most wedges print theirs (the chart's own statement of
    them), the others measured, scaled to the rest of 100%; else all measured.

    >>> _with_printed([44.95, 25.0, 20.0, 10.05], [45.0, 25.0, 20.0, None])
    ([45.0, 25.0, 20.0, 10.0], [True, True, True, False])
    >>> _with_printed([44.95, 25.0, 20.0, 10.05], [45.0, None, None, None])[1]
    [False, False, False, False]
    """
    n_printed = sum(p is not None for p in printed)
    if not measured or 2 * n_printed < len(measured):
        return list(measured), [False] * len(measured)
    rest = sum(m for m, p in zip(measured, printed) if p is None)
    left = 100.0 - sum(p for p in printed if p is not None)
    scale = left / rest if rest > 0 and left > 0 else 1.0
    return ([p if p is not None else m * scale for m, p in zip(measured, printed)],
            [p is not None for p in printed])


def _ring_runs(on: NDArray[np.bool_]) -> list[tuple[int, int]]:
    """Runs of True along a closed ring of samples: (start, end) with end exclusive, a run across
    the ring's seam given as one (its end past the ring's length)."""
    n = len(on)
    if not on.any():
        return []
    if on.all():
        return [(0, n)]
    k = int(np.argmin(on))  # start the walk at a False sample: no run wraps past it
    rolled = np.roll(on, -k)
    edges = np.diff(np.concatenate([[0], rolled.astype(np.int8), [0]]))
    starts, ends = np.flatnonzero(edges == 1), np.flatnonzero(edges == -1)
    return [(int(a) + k, int(b) + k) for a, b in zip(starts, ends)]


def _beside(runs: list[tuple[int, int]], others: list[NDArray[np.bool_]], longest: int,
            inner: NDArray[np.bool_], inner_others: list[NDArray[np.bool_]]) -> bool:
    """Whether the longest of ``runs`` touches (within 3 samples) a sample of one of ``others``
    along the ring across a boundary that is not radial: a lighter part of that colour's wedge
    (seen through a legend's frame, whose edge crosses the rings at different angles), not a
    wedge of its own (whose boundary with its neighbour lies at one angle on every ring, the
    inner ring ``inner`` too)."""
    reach = 8  # 2 degrees
    for a, b in runs:
        if b - a != longest:
            continue
        for o, o_in in zip(others, inner_others):
            n = len(o)
            if _run_on(o, a - 1, -1) and not (inner[(a + reach) % n] and o_in[(a - reach) % n]):
                return True
            if _run_on(o, b, 1) and not (inner[(b - 1 - reach) % n] and o_in[(b - 1 + reach) % n]):
                return True
    return False


RUN_ON = 4  # samples (a degree): a colour touching a run runs on this far at least; an anti-aliased
# sample or two between two wedges (a blend of grey and black as dark as a third wedge) does not


def _run_on(on: NDArray[np.bool_], start: int, step: int) -> bool:
    """Whether ``on`` holds RUN_ON samples in a row along the ring, beginning within 3 samples of
    ``start`` going ``step`` (1 or -1).

    >>> ring = np.zeros(40, bool); ring[12] = True
    >>> _run_on(ring, 10, 1), _run_on(ring | (np.arange(40) >= 12) & (np.arange(40) < 16), 10, 1)
    (False, True)
    """
    n = len(on)
    return any(all(on[(start + step * (d + k)) % n] for k in range(RUN_ON)) for d in range(3))


def _rgb(c: Float) -> RGB:
    return (float(c[0]), float(c[1]), float(c[2]))


def _box_dist(box: tuple[int, int, int, int], x: float, y: float) -> float:
    dx = max(box[0] - x, 0.0, x - box[2])
    dy = max(box[1] - y, 0.0, y - box[3])
    return math.hypot(dx, dy)
