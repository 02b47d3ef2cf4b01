"""A circle drawn in outline is a geometry figure's circle, not a one-wedge pie; a filled disc is a pie."""

from __future__ import annotations

import cairo
import numpy as np
import pytest

from recode_dsl.perception.chart import NotAChart, read_chart


def _disc(filled: bool, hole: float = 0.0) -> np.ndarray:
    surf = cairo.ImageSurface(cairo.FORMAT_RGB24, 400, 400)
    ctx = cairo.Context(surf)
    ctx.set_source_rgb(1, 1, 1)
    ctx.paint()
    ctx.set_source_rgb(0.2, 0.4, 0.7) if filled else ctx.set_source_rgb(0, 0, 0)
    ctx.arc(200, 200, 120, 0, 2 * np.pi)
    if filled:
        ctx.fill()
        if hole:
            ctx.set_source_rgb(1, 1, 1)
            ctx.arc(200, 200, 120 * hole, 0, 2 * np.pi)
            ctx.fill()
    else:
        ctx.set_line_width(4)  # thick enough to survive the reader's speck filter
        ctx.stroke()
        ctx.move_to(80, 200)  # a diameter, as figures draw them
        ctx.line_to(320, 200)
        ctx.stroke()
    surf.flush()
    buf = np.frombuffer(surf.get_data(), np.uint8).reshape(400, 400, 4)
    return buf[..., 2::-1].astype(np.float64) / 255.0


def test_a_circle_in_outline_is_not_a_pie() -> None:
    with pytest.raises(NotAChart, match="outline"):
        read_chart(_disc(filled=False))


@pytest.mark.parametrize("hole", [0.0, 0.6])
def test_a_filled_disc_is_still_a_pie(hole: float) -> None:
    facts = read_chart(_disc(filled=True, hole=hole))
    assert facts.kind == ("donut" if hole else "pie")
