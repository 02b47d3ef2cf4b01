"""A PNG matplotlib drew from a spec and our render of the imported program overlay: marks in the same places.

For each series colour (each wedge colour of a pie), the pixels of that colour form a mask in both
images. Two scores per chart: the IoU of the masks, and a tolerant F1 (a pixel counts when the other
image has the colour within 2 px), which forgives antialiasing and the line markers the spec does
not record. Scores per kind are printed (``pytest -s``).
"""

from __future__ import annotations

import json
from types import ModuleType
from typing import Any

import numpy as np
import pytest

from recode_dsl import render
from recode_dsl.errors import RenderError
from recode_dsl.interop.chart_spec import load_spec, spec_to_program
from recode_dsl.pipeline import compile  # noqa: A004

PER_KIND = 2
TOLERANCE_PX = 2
COLOUR_DISTANCE = 40  # RGB distance: antialiased edges fall outside, filled marks inside
# minimum tolerant F1 per kind, and minimum IoU where the spec fixes every mark's shape
MIN_F1 = {"bar": 0.95, "hbar": 0.95, "grouped_bar": 0.95, "stacked_bar": 0.93, "pie": 0.95, "scatter": 0.95,
          "line": 0.85}
MIN_IOU = {"bar": 0.85, "hbar": 0.85, "grouped_bar": 0.85, "stacked_bar": 0.85, "pie": 0.9}


def _rgb(colour: str) -> np.ndarray:
    return np.array([int(colour[i:i + 2], 16) for i in (1, 3, 5)], dtype=float)


def colour_masks(image: np.ndarray, colours: list[str]) -> list[np.ndarray]:
    rgb = image[..., :3].astype(float)
    return [np.linalg.norm(rgb - _rgb(c), axis=-1) < COLOUR_DISTANCE for c in dict.fromkeys(colours)]


def overlay_scores(theirs: np.ndarray, ours: np.ndarray, colours: list[str]) -> tuple[float, float]:
    """(IoU, tolerant F1) of the colour masks of two RGB(A) uint8 images of the same size."""
    from scipy import ndimage

    grow = np.ones((2 * TOLERANCE_PX + 1,) * 2, dtype=bool)
    a_masks, b_masks = colour_masks(theirs, colours), colour_masks(ours, colours)
    inter = sum(int((a & b).sum()) for a, b in zip(a_masks, b_masks))
    union = sum(int((a | b).sum()) for a, b in zip(a_masks, b_masks))
    near_a = sum(int((b & ndimage.binary_dilation(a, grow)).sum()) for a, b in zip(a_masks, b_masks))
    near_b = sum(int((a & ndimage.binary_dilation(b, grow)).sum()) for a, b in zip(a_masks, b_masks))
    precision = near_a / max(1, sum(int(b.sum()) for b in b_masks))
    recall = near_b / max(1, sum(int(a.sum()) for a in a_masks))
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return inter / max(1, union), f1


@pytest.fixture(scope="module")
def drawn(tmp_path_factory: pytest.TempPathFactory,
          chart_bench: ModuleType) -> list[tuple[dict[str, Any], np.ndarray, np.ndarray]]:
    """(spec, matplotlib's RGBA image, our RGBA image) for PER_KIND charts of every kind."""
    import matplotlib.image as mpimg

    mod = chart_bench.load_make_charts()
    out = tmp_path_factory.mktemp("overlay")
    texts = chart_bench.make_specs(mod, PER_KIND * len(mod.KINDS), seed=11, png_dir=out)
    result = []
    for text in texts:
        spec = json.loads(text)
        r = compile(spec_to_program(load_spec(text), text), solve=False)
        assert r.ok and r.scene is not None, r.diagnostics
        try:
            ours = render(r.scene, "array")
        except RenderError as err:
            if any(d.code == "E060" for d in err.diagnostics):
                pytest.skip("the chart renderer is not available yet")
            raise
        theirs = (mpimg.imread(out / f"{spec['id']}.png") * 255).round().astype(np.uint8)
        result.append((spec, theirs, np.asarray(ours)))
    return result


def test_overlay_scores_identical_images_perfectly() -> None:
    img = np.full((20, 30, 4), 255, dtype=np.uint8)
    img[5:15, 10:20, :3] = _rgb("#1f77b4").astype(np.uint8)
    moved = np.roll(img, 5, axis=1)
    assert overlay_scores(img, img, ["#1f77b4"]) == (1.0, 1.0)
    iou, f1 = overlay_scores(img, moved, ["#1f77b4"])
    assert iou == pytest.approx(50 / 150) and f1 < 0.9


def test_rendering_overlays_matplotlib_for_every_kind(drawn: list[tuple[dict[str, Any], np.ndarray, np.ndarray]]
                                                      ) -> None:
    scores: dict[str, list[tuple[float, float]]] = {}
    for spec, theirs, ours in drawn:
        assert ours.shape[:2] == theirs.shape[:2] == (spec["height_px"], spec["width_px"]), spec["id"]
        colours = spec["series"][0]["colors"] if spec["kind"] == "pie" else [x["color"] for x in spec["series"]]
        scores.setdefault(spec["kind"], []).append(overlay_scores(theirs, ours, colours))
    for kind, got in sorted(scores.items()):
        print(f"overlay {kind:12s} IoU {min(i for i, _ in got):.3f}-{max(i for i, _ in got):.3f}  "
              f"F1 {min(f for _, f in got):.3f}-{max(f for _, f in got):.3f}")
    assert set(scores) == set(MIN_F1)
    for kind, got in scores.items():
        assert min(f for _, f in got) >= MIN_F1[kind], (kind, got)
        assert min(i for i, _ in got) >= MIN_IOU.get(kind, 0.0), (kind, got)
