"""Text printed inside filled marks (issue 12): a pie's percentages on its wedges, read against
each wedge's own colour (``find_texts_on_fills``); the figure-wide finder sees the wedge as ink
and its text as part of it."""

from __future__ import annotations

import random

import numpy as np
import pytest
from numpy.typing import NDArray

from recode_dsl.perception import ocr
from recode_dsl.perception import text as tx
from tests.perception.conftest import figure_rgb, pyplot

pytestmark = pytest.mark.skipif(not ocr.available(), reason="the OCR engine (tesserocr + tesseract-ocr-eng) is missing")


def _pie(values: list[float], colours: list[str] | None, text_colour: str, fmt: str) -> NDArray[np.float64]:
    fig, ax = pyplot().subplots(figsize=(4.0, 3.2), dpi=100)
    ax.pie(values, autopct=fmt, colors=colours, startangle=90, textprops={"color": text_colour})
    return figure_rgb(fig)


@pytest.mark.parametrize("seed, colours, text_colour, fmt", [
    (1, None, "black", "%1.0f%%"),  # matplotlib's colours, black text (the demo's pie)
    (2, None, "black", "%1.1f%%"),  # one decimal: the point is a pixel or two
    (3, ["#1f3b73", "#7a1e1e", "#1e5a2a", "#4b2a6b"], "white", "%1.0f%%"),  # white text on dark wedges
])
def test_percentages_printed_inside_wedges_are_read(seed: int, colours: list[str] | None, text_colour: str,
                                                    fmt: str) -> None:
    rng = random.Random(seed)
    values = [float(rng.randint(12, 40)) for _ in range(4)]
    total = sum(values)
    want = sorted(float((fmt % (100.0 * v / total)).rstrip("%")) for v in values)  # as matplotlib prints them
    rgb = _pie(values, colours, text_colour, fmt)
    found = tx.find_texts_on_fills(rgb)
    assert sorted(t.number for t in found if t.number is not None) == want
    assert all(t.text.endswith("%") and t.angle == 0 for t in found)
    # the figure-wide finder does not see them: the wedge is ink against the white ground
    assert not [t for t in tx.find_texts(rgb) if t.text.endswith("%")]


def test_no_fills_no_texts() -> None:
    """A page with text on its ground and a plain filled square (no holes) has no text on fills."""
    rgb = np.ones((60, 80, 3))
    rgb[10:50, 10:50] = (0.2, 0.4, 0.8)
    assert tx.find_texts_on_fills(rgb) == []


@pytest.mark.parametrize("small", [2.0, 6.5])
def test_a_percentage_spilling_over_its_wedge_is_not_read_in_pieces(small: float) -> None:
    """A small wedge's percentage runs over its edges onto the neighbours: the piece left inside a
    wedge ('5' of '4.5%') is not returned as a number; the other wedges' percentages are read."""
    values = [small, 40.0, 30.0, 100.0 - 70.0 - small]
    rgb = _pie(values, None, "black", "%1.1f%%")
    want = {float(f"{v:.1f}") for v in values}  # they sum to 100
    found = tx.find_texts_on_fills(rgb)
    assert all(t.number in want for t in found), [t.text for t in found]  # no pieces ('5', '2.', '%')
    assert {40.0, 30.0} <= {t.number for t in found}
