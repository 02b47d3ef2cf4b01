"""Visual regression: each ``tests/fixtures/renderer/chart_*.rdsl`` against its golden PNG, by SSIM.

Rendering may change by a few antialiased pixels across Cairo or FreeType versions, so images are
compared with SSIM and a tolerance, not byte for byte. Regenerate the goldens after an intended
change with ``RECODE_REGEN=1 .venv/bin/pytest tests/renderer/test_chart_golden.py`` (or run this
file with Python) and look at them before committing.
"""

from __future__ import annotations

import io
import os
import sys
from pathlib import Path

import numpy as np
import pytest
from PIL import Image
from skimage.metrics import structural_similarity

import recode_dsl
from recode_dsl import scene as s

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "renderer"
PROGRAMS = sorted(FIXTURES.glob("chart_*.rdsl"))
MIN_SSIM = 0.98


def render_png(path: Path) -> bytes:
    result = recode_dsl.compile(path.read_text(encoding="utf-8"), filename=path.name)
    assert result.ok, result.diagnostics
    assert isinstance(result.scene, s.Chart)
    png = recode_dsl.render(result.scene, "png")
    assert isinstance(png, bytes)
    return png


def grey(png: bytes) -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(png)).convert("L"), dtype=float)


def regenerate() -> None:
    for path in PROGRAMS:
        path.with_suffix(".png").write_bytes(render_png(path))
        print(f"wrote {path.with_suffix('.png')}")


def test_there_are_goldens() -> None:
    assert len(PROGRAMS) >= 10


@pytest.mark.parametrize("path", PROGRAMS, ids=[p.stem for p in PROGRAMS])
def test_matches_golden(path: Path) -> None:
    golden = path.with_suffix(".png")
    png = render_png(path)
    if os.environ.get("RECODE_REGEN") == "1":
        golden.write_bytes(png)
    assert golden.exists(), f"{golden} is missing; run with RECODE_REGEN=1 to create it"
    a, b = grey(golden.read_bytes()), grey(png)
    assert a.shape == b.shape, f"{path.name}: size changed from {a.shape} to {b.shape}"
    score = structural_similarity(a, b, data_range=255)
    assert score >= MIN_SSIM, f"{path.name}: SSIM {score:.4f} < {MIN_SSIM} (RECODE_REGEN=1 updates the golden)"


def test_ssim_tells_a_moved_bar_apart() -> None:
    """The tolerance is tight enough to catch a real change: one value off by a tenth fails it."""
    path = FIXTURES / "chart_bar.rdsl"
    changed = path.read_text(encoding="utf-8").replace("21.25", "19")
    result = recode_dsl.compile(changed)
    assert result.scene is not None
    a = grey(path.with_suffix(".png").read_bytes())
    b = grey(recode_dsl.render(result.scene, "png"))
    assert structural_similarity(a, b, data_range=255) < MIN_SSIM


if __name__ == "__main__":
    regenerate()
    sys.exit(0)
