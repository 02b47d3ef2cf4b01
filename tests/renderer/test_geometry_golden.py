"""Visual regression: each tests/fixtures/renderer/geo_*.rdsl against its golden PNG, by SSIM.

Regenerate the goldens after an intended change to the drawing, then look at them:

    RECODE_UPDATE_GOLDENS=1 .venv/bin/pytest tests/renderer/test_geometry_golden.py
"""

from __future__ import annotations

import os
from pathlib import Path

import cairo
import numpy as np
import pytest
from skimage.metrics import structural_similarity

from recode_dsl import pipeline
from recode_dsl import scene as s
from recode_dsl.renderer.geometry import render_figure

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "renderer"
PROGRAMS = sorted(FIXTURES.glob("geo_*.rdsl"))
MIN_SSIM = 0.97
UPDATE = os.environ.get("RECODE_UPDATE_GOLDENS") == "1"


def grey(rgba: np.ndarray) -> np.ndarray:
    return rgba[..., :3].astype(float).mean(axis=2) / 255.0  # type: ignore[no-any-return]


def read_png(path: Path) -> np.ndarray:
    """A PNG as an HxWx4 array, read with Cairo (BGRA in memory on little-endian machines)."""
    surface = cairo.ImageSurface.create_from_png(str(path))
    h, w, stride = surface.get_height(), surface.get_width(), surface.get_stride()
    raw = np.ndarray((h, stride // 4, 4), dtype=np.uint8, buffer=surface.get_data())[:, :w]
    order = [2, 1, 0, 3] if np.little_endian else [1, 2, 3, 0]
    return raw[..., order].copy()


def test_there_are_goldens() -> None:
    assert len(PROGRAMS) >= 4


@pytest.mark.parametrize("program", PROGRAMS, ids=[p.stem for p in PROGRAMS])
def test_matches_golden(program: Path, tmp_path: Path) -> None:
    result = pipeline.compile(program.read_text(encoding="utf-8"), str(program), solve=False)
    assert result.ok and isinstance(result.scene, s.Figure), result.diagnostics
    golden = program.with_suffix(".png")
    if UPDATE or not golden.exists():
        golden.write_bytes(render_figure(result.scene, "png"))
        if not UPDATE:
            pytest.fail(f"wrote a missing golden {golden.name}: look at it and commit it")
    actual = render_figure(result.scene, "array")
    expected = read_png(golden)
    assert actual.shape == expected.shape
    score = structural_similarity(grey(actual), grey(expected), data_range=1.0)
    if score < MIN_SSIM:
        (tmp_path / golden.name).write_bytes(render_figure(result.scene, "png"))
    assert score >= MIN_SSIM, f"SSIM {score:.4f} against {golden.name}; this rendering: {tmp_path / golden.name}"


def test_comparison_can_fail() -> None:
    """The SSIM bar rejects a visibly different drawing (a moved point)."""
    a = pipeline.compile("figure\npoint A = (0, 0), B = (4, 0), C = (0, 3)\ntriangle(A, B, C)\n", solve=False).scene
    b = pipeline.compile("figure\npoint A = (0, 0), B = (4, 0), C = (2, 3)\ntriangle(A, B, C)\n", solve=False).scene
    assert isinstance(a, s.Figure) and isinstance(b, s.Figure)
    x, y = render_figure(a, "array", width=200, height=150), render_figure(b, "array", width=200, height=150)
    assert structural_similarity(grey(x), grey(y), data_range=1.0) < MIN_SSIM
