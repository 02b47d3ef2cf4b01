"""The canvas: formats, RGBA order, reproducible bytes for every format."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

import recode_dsl
from recode_dsl.renderer import canvas

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def _red_box(ctx: object) -> None:
    ctx.set_source_rgb(1, 0, 0)  # type: ignore[attr-defined]
    ctx.rectangle(1, 1, 2, 1)  # type: ignore[attr-defined]
    ctx.fill()  # type: ignore[attr-defined]


def test_array_is_rgba_and_opaque() -> None:
    img = canvas.draw(4, 3, "array", _red_box)
    assert img.shape == (3, 4, 4) and img.dtype == np.uint8
    assert img[1, 1].tolist() == [255, 0, 0, 255]
    assert img[0, 0].tolist() == [255, 255, 255, 255]


def test_unknown_format_is_refused() -> None:
    with pytest.raises(ValueError):
        canvas.draw(4, 3, "jpeg", _red_box)


@pytest.mark.parametrize("fmt", ["png", "svg", "pdf"])
@pytest.mark.parametrize("name", ["bar_revenue", "right_triangle"])
def test_same_program_same_bytes(fmt: str, name: str) -> None:
    result = recode_dsl.compile((EXAMPLES / f"{name}.rdsl").read_text())
    assert result.scene is not None
    first = recode_dsl.render(result.scene, fmt)
    second = recode_dsl.render(result.scene, fmt)
    assert isinstance(first, bytes) and first == second
    assert first[:4] in (b"\x89PNG", b"<?xm", b"%PDF")
