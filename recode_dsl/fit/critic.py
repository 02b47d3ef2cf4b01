"""The critic: how faithfully a program, or its rendering, reproduces a target image.

The first signal is structural and style-invariant: ``judge_charts(charts, target)`` verifies
each candidate chart against the image (``fit.verify``: every value, category, series and kind
measured where the renderer puts it), with the plot box found once for all candidates, and
ranks them by the verdict's score. The pixel score stays as a secondary signal:
``score(target, rendered) -> Fidelity`` compares two HxWx{3,4} uint8 images with SSIM
(scikit-image) on greyscale and an edge-overlap term; ``rank`` orders renderings by it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray
from skimage.color import rgb2gray
from skimage.feature import canny
from skimage.metrics import structural_similarity
from skimage.transform import resize

Image = NDArray[np.uint8]


@dataclass(frozen=True, slots=True)
class Fidelity:
    """``score`` in [0, 1], higher is better: a blend of ``ssim`` and ``edges`` (edge F1)."""

    score: float
    ssim: float
    edges: float


def _grey(img: Image) -> NDArray[np.float64]:
    if img.ndim == 2:
        return img.astype(np.float64) / 255.0
    rgb = img[..., :3].astype(np.float64) / 255.0
    if img.shape[-1] == 4:  # composite on white: transparent areas read as paper
        alpha = img[..., 3:4].astype(np.float64) / 255.0
        rgb = rgb * alpha + (1.0 - alpha)
    return np.asarray(rgb2gray(rgb), dtype=np.float64)


def _edge_f1(a: NDArray[np.float64], b: NDArray[np.float64]) -> float:
    ea, eb = canny(a, sigma=1.0), canny(b, sigma=1.0)
    if not ea.any() and not eb.any():
        return 1.0
    # one pixel of slack: dilate each edge map by a 3x3 max filter
    from scipy.ndimage import binary_dilation

    da, db = binary_dilation(ea), binary_dilation(eb)
    precision = (eb & da).sum() / max(eb.sum(), 1)
    recall = (ea & db).sum() / max(ea.sum(), 1)
    return float(0.0 if precision + recall == 0 else 2 * precision * recall / (precision + recall))


def score(target: Image, rendered: Image) -> Fidelity:
    """Compare a target image with a rendering.

    >>> img = np.full((32, 32, 4), 255, np.uint8); img[8:24, 8:24, :3] = 0
    >>> score(img, img).score
    1.0
    """
    b = _grey(rendered)
    a = _grey(target)
    if a.shape != b.shape:
        a = np.asarray(resize(a, b.shape, anti_aliasing=True), dtype=np.float64)
    ssim = float(structural_similarity(a, b, data_range=1.0))
    edges = _edge_f1(a, b)
    return Fidelity(round(0.5 * max(ssim, 0.0) + 0.5 * edges, 6), ssim, edges)


def rank(target: Image, renderings: Sequence[Image]) -> list[tuple[int, Fidelity]]:
    """Indices of ``renderings`` with their fidelity, most faithful first (ties keep order)."""
    scored = [(i, score(target, r)) for i, r in enumerate(renderings)]
    return sorted(scored, key=lambda t: (-t[1].score, t[0]))


def judge_charts(charts: Sequence[object], target: NDArray[np.generic], tolerance_px: float | None = None,
                 box: object | None = None) -> list[tuple[int, float, bool]]:
    """Candidates ranked by the structural verdict: (index, score, verified), best first.

    The plot box is found in ``target`` once (or given: ``box``, a ``PlotBox`` found in it
    before), and only when a candidate is measured in it: a pie is measured without one. It is
    kept with the image for the next call on the same array (a caller scoring candidates in
    batches). Anything that is not a chart scores 0.
    """
    from recode_dsl import scene as s
    from recode_dsl.fit.image import memo
    from recode_dsl.fit.verify import TOLERANCE_PX, verify_chart
    from recode_dsl.perception.plotbox import PlotBox, as_float, find_plot_box
    from recode_dsl.renderer.chart_data import PIES

    image = as_float(target)  # once for all candidates (a float image comes back as it is)
    found = box if isinstance(box, PlotBox) else None
    out = []
    for i, chart in enumerate(charts):
        if not isinstance(chart, s.Chart):
            out.append((i, 0.0, False))
            continue
        if found is None and chart.kind not in PIES:
            # (a box the image shows none of is looked for again by each measure: that is rare)
            found = memo(image, ("plot box",), lambda: find_plot_box(image))
        v = verify_chart(chart, image, TOLERANCE_PX if tolerance_px is None else tolerance_px, box=found)
        out.append((i, v.score, v.verified))
    return sorted(out, key=lambda t: (-t[1], t[0]))
