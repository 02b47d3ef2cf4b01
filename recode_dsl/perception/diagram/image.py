"""A figure image as an ink mask, split into drawing strokes and small marks (text, ticks, dots).

Rules of drawing used here: a diagram is dark or coloured ink on a light page; its strokes
(lines, circles, arcs) are thin and long, its texts and marks are small connected blobs.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from scipy import ndimage

Mask = npt.NDArray[np.bool_]
Gray = npt.NDArray[np.float64]

# A pixel is ink when it is this much darker than the page (0..1 grey scale), or strongly
# coloured (drawings in blue or magenta are common; their grey value can be light).
INK_DARKNESS = 0.45
INK_SATURATION = 0.35
# A fill holds a disc of twice this radius (stroke widths, at least FILL_MIN pixels); a pixel
# near it is fill when its colour is within FILL_COLOUR of the fill's or it is not darker by
# FILL_DARKER.
FILL_RADIUS = 3.0
FILL_MIN = 8.0
FILL_COLOUR = 0.2
FILL_DARKER = 0.25
# A line one pixel wide drawn between two pixel rows (or columns) is inked half in each: two
# pixels side by side, each at least SPLIT_FAINT dark, together as dark as ink, page on either
# side (lighter than half the paler of the two, no ink), along at least SPLIT_RUN pixels (the
# odd such pair at a letter's edge or where strokes cross is no line).
SPLIT_FAINT = 0.15
SPLIT_RUN = 12


@dataclass(frozen=True, slots=True)
class Page:
    """The image as grey values (0 black .. 1 white), its ink mask and the stroke width."""

    gray: Gray
    ink: Mask
    stroke: float  # typical stroke width in pixels

    @property
    def height(self) -> int:
        return int(self.ink.shape[0])

    @property
    def width(self) -> int:
        return int(self.ink.shape[1])


def to_rgb(image: npt.NDArray[np.generic]) -> npt.NDArray[np.float64]:
    """HxW, HxWx3 or HxWx4 (uint8 or float 0..1) -> HxWx3 floats 0..1 over a white page."""
    arr = np.asarray(image)
    data = arr.astype(np.float64)
    if arr.dtype == np.uint8 or data.max(initial=0.0) > 1.0:
        data = data / 255.0
    if data.ndim == 2:
        return np.repeat(data[:, :, None], 3, axis=2)
    if data.shape[2] == 4:
        alpha = data[:, :, 3:4]
        return data[:, :, :3] * alpha + (1.0 - alpha)
    return data[:, :, :3]


def page_of(image: npt.NDArray[np.generic]) -> Page:
    """Grey scale, ink mask and stroke width of an image array."""
    rgb = to_rgb(image)
    gray = rgb.mean(axis=2)
    sat = rgb.max(axis=2) - rgb.min(axis=2)
    ink = (gray < 1.0 - INK_DARKNESS) | ((sat > INK_SATURATION) & (gray < 0.85))
    ink = ink | split_lines(gray, ink)
    stroke = stroke_width(ink)
    ink = drop_fills(rgb, gray, ink, stroke)
    return Page(gray=gray, ink=ink, stroke=stroke)


def split_lines(gray: Gray, ink: Mask) -> Mask:
    """Pixels of thin lines drawn between two pixel rows or columns: each of two neighbours
    across the line carries half its ink, so neither is dark enough alone (train 1040: a side
    one pixel wide at y = 89.5, rows 89 and 90 both 0.63 grey, was read as no line). Both
    are ink when they are together as dark as ink, the page is on either side, and such pairs
    run on along the line for SPLIT_RUN pixels."""
    dark = 1.0 - gray
    out = np.zeros_like(ink)
    faint = ~ink & (dark >= SPLIT_FAINT)
    for axis in (0, 1):
        d = np.moveaxis(dark, axis, 0)
        f = np.moveaxis(faint, axis, 0)
        k = np.moveaxis(ink, axis, 0)
        o = np.moveaxis(out, axis, 0)  # a view: writes go to out
        if d.shape[0] < 4:
            continue
        a, b = d[1:-2], d[2:-1]  # the pair
        before, after = d[:-3], d[3:]
        low = 0.5 * np.minimum(a, b)
        pair = (
            f[1:-2]
            & f[2:-1]
            & (a + b >= INK_DARKNESS)
            & (before < low)
            & (after < low)
            & ~k[:-3]
            & ~k[3:]
        )
        o[1:-2] |= pair
        o[2:-1] |= pair
    if not out.any():
        return out
    lab, _ = ndimage.label(out, structure=np.ones((3, 3), dtype=bool))
    sizes = np.bincount(lab.ravel())
    keep = sizes >= 2 * SPLIT_RUN
    keep[0] = False
    kept: Mask = keep[lab]
    return kept


def drop_fills(rgb: npt.NDArray[np.float64], gray: Gray, ink: Mask, stroke: float) -> Mask:
    """The ink without filled areas (shaded regions, coloured sectors): ink wide enough to hold
    a disc of FILL_RADIUS stroke widths (twice a drawn dot's) is a fill, and the pixels near it
    of about its colour go; strokes drawn over or around it, clearly darker, stay."""
    rad = max(FILL_MIN, FILL_RADIUS * stroke)
    dist = ndimage.distance_transform_edt(ink)
    core = dist > 2.0 * rad
    if not core.any():
        return ink
    # the fill reaches a radius past its core and its edge; its colour at each pixel is the
    # nearest core pixel's, the median around it (a stroke drawn across the fill is thinner)
    near, (iy, ix) = ndimage.distance_transform_edt(~core, return_indices=True)
    area = near <= 2.0 * rad + 2.0
    ys, xs = np.nonzero(area)
    r0, r1, c0, c1 = ys.min(), ys.max() + 1, xs.min(), xs.max() + 1
    size = int(2 * math.ceil(stroke) + 3)
    med = rgb.copy()
    for ch in range(3):
        med[r0:r1, c0:c1, ch] = ndimage.median_filter(rgb[r0:r1, c0:c1, ch], size=size)
    fill_rgb = med[iy, ix]
    fill_gray = fill_rgb.mean(axis=2)
    like = np.abs(rgb - fill_rgb).max(axis=2) <= FILL_COLOUR
    lighter = gray >= fill_gray - FILL_DARKER
    out: Mask = ink & ~(area & (like | lighter))
    return out


def stroke_width(ink: Mask) -> float:
    """The median stroke width: twice the distance from a skeleton pixel to the page (not
    counting the skeleton of filled areas)."""
    if not ink.any():
        return 1.0
    from skimage.morphology import skeletonize

    dist = ndimage.distance_transform_edt(ink)
    skel = skeletonize(ink)  # type: ignore[no-untyped-call]
    vals = dist[skel]
    # the middle of a filled area is no stroke
    thin = vals[vals <= 2.0 * FILL_MIN]
    vals = thin if thin.size else vals
    if vals.size == 0:
        return 1.0
    return float(max(1.0, 2.0 * np.median(vals) - 1.0))


@dataclass(frozen=True, slots=True)
class Blob:
    """One connected piece of ink."""

    label: int
    box: tuple[int, int, int, int]  # row0, col0, row1, col1 (exclusive ends)
    area: int

    @property
    def height(self) -> int:
        return self.box[2] - self.box[0]

    @property
    def width(self) -> int:
        return self.box[3] - self.box[1]

    @property
    def centre(self) -> tuple[float, float]:
        """(x, y) of the box centre, image pixels, y down."""
        return ((self.box[1] + self.box[3]) / 2.0, (self.box[0] + self.box[2]) / 2.0)


def blobs(ink: Mask) -> tuple[npt.NDArray[np.int32], list[Blob]]:
    """Connected components (8-connected) of the ink with their boxes."""
    labels, n = ndimage.label(ink, structure=np.ones((3, 3), dtype=bool))
    out: list[Blob] = []
    areas = np.bincount(labels.ravel(), minlength=n + 1)
    for i, sl in enumerate(ndimage.find_objects(labels), start=1):
        if sl is None:
            continue
        out.append(Blob(i, (sl[0].start, sl[1].start, sl[0].stop, sl[1].stop), int(areas[i])))
    return labels.astype(np.int32), out


def is_small(blob: Blob, size: float) -> bool:
    """A blob no longer than ``size`` either way: a character, a tick or a dot, not a stroke."""
    return max(blob.height, blob.width) <= size
