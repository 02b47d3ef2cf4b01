"""Labels drawn at 90 degrees read whole (issue 12), and a word over finer slots left whole.

- the letters of a label at 90 degrees lie one over the next: their gaps run along y, and
  letters that touch make one part taller than a glyph; both are still one text line;
- the legs of an 'm' or an 'E' at 90 degrees are horizontal strokes (tick-like) stacked over one
  another: they stay letters;
- a full grey bar as tall as such a column is still no text;
- short labels of a row, square enough that their direction is a guess, are read at one angle;
- in a list of a letter and digits ('Q1'-'Q4') a letter read where a digit looks like it is that digit;
- ``split_row`` leaves one word over several slots (the bars of its group) whole.
"""

from __future__ import annotations

import io
from typing import Any

import numpy as np
import pytest
from numpy.typing import NDArray

from recode_dsl.perception import ocr
from recode_dsl.perception import text as tx
from tests.perception.conftest import figure_rgb, pyplot

needs_ocr = pytest.mark.skipif(not ocr.available(), reason="the OCR engine (tesserocr + tesseract-ocr-eng) is missing")

WORDS = ["Alpha", "Gamma", "Summer", "Epsilon", "Emma", "Mammals", "Hammer", "Tuesday", "Members", "Mangoes"]


def _vega_bars(words: list[str], colour: str, size: int) -> NDArray[np.float64]:
    """A Vega-Lite bar chart whose category labels are drawn at 90 degrees, as floats in [0, 1]."""
    vlc = pytest.importorskip("vl_convert")
    from PIL import Image

    spec = {"width": 420, "height": 200, "data": {"values": [{"c": c, "v": i + 3} for i, c in enumerate(words)]},
            "mark": "bar",
            "encoding": {"x": {"field": "c", "type": "nominal", "sort": None,
                               "axis": {"labelAngle": -90, "labelColor": colour, "labelFontSize": size}},
                         "y": {"field": "v", "type": "quantitative"}}}
    with Image.open(io.BytesIO(vlc.vegalite_to_png(spec, scale=1))) as im:
        img = np.asarray(im.convert("RGBA"), np.float64)
    rgb = img[..., :3] * (img[..., 3:] / 255.0) + 255.0 * (1 - img[..., 3:] / 255.0)
    out: NDArray[np.float64] = rgb / 255.0
    return out


@needs_ocr
@pytest.mark.parametrize(("colour", "size"), [("#000000", 10), ("#000000", 11), ("#888888", 10),
                                                  ("#999999", 11), ("#666666", 12)])
def test_labels_at_90_degrees_are_read_whole(colour: str, size: int) -> None:
    found = tx.find_texts(_vega_bars(WORDS, colour, size))
    labels = sorted((t for t in found if t.angle == 90 and t.box[1] > 200), key=lambda t: t.box[0])
    assert [t.text for t in labels] == WORDS


def test_letters_stacked_a_letter_gap_apart_are_one_column() -> None:
    page = np.ones((300, 200, 3))
    # four 'C's 9 px wide, 8 px tall: the first two a pixel apart (a column already), then 4 px apart
    for y in (100, 109, 121, 133):
        page[y:y + 8, 50] = 0.0
        page[y, 50:59] = 0.0
        page[y + 7, 50:59] = 0.0
    boxes = [t.box for t in tx.find_texts(page, read=False)]
    assert len(boxes) == 1 and boxes[0][3] - boxes[0][1] >= 41  # one column, not three pieces


def test_upright_lines_stacked_stay_apart() -> None:
    page = np.ones((300, 300, 3))
    for y in (40, 54, 68):  # a legend's short entries, 'Q1'-like: two glyphs, a line gap apart
        page[y:y + 10, 200:209] = np.where(np.arange(9) % 4 == 0, 0.0, 1.0)[None, :, None]
        page[y, 200:209] = 0.0
        page[y:y + 10, 212] = 0.0
    for y in (100, 114):  # two lines of upright 'letters', a line gap apart
        for x in range(60, 160, 9):
            page[y:y + 10, x:x + 2] = 0.0
            page[y:y + 2, x:x + 6] = 0.0
    boxes = sorted(t.box for t in tx.find_texts(page, read=False))
    assert len(boxes) == 5


def test_a_full_grey_bar_is_no_text() -> None:
    page = np.ones((300, 300, 3))
    page[60:100, 100:110] = 0.5  # a grey bar: taller than a glyph, as narrow as one, and full
    assert tx.find_texts(page, read=False) == []


def _text_page(figsize: tuple[float, float], texts: list[tuple[float, float, str, dict[str, Any]]]
               ) -> NDArray[np.float64]:
    """A matplotlib figure of these texts (x, y in figure fractions, the text, ``fig.text``'s
    keywords) as an RGB page in [0, 1] at 100 dpi; skips without matplotlib."""
    fig = pyplot().figure(figsize=figsize, dpi=100)
    for x, y, text, kw in texts:
        fig.text(x, y, text, **kw)
    return figure_rgb(fig)


@needs_ocr
def test_one_word_over_the_bars_of_its_group_is_not_cut() -> None:
    page = _text_page((4.0, 1.6), [(0.5, 0.5, "Spain", dict(ha="center", va="center", fontsize=12))])
    found = tx.find_texts(page)
    assert [t.text for t in found] == ["Spain"]
    x = found[0].centre[0]
    # three bars of a group under the word, a third of its width apart: slots finer than labels
    step = (found[0].box[2] - found[0].box[0]) / 2.6
    assert tx.split_row(page, found, [x - step, x, x + step]) == found


@needs_ocr
def test_two_labels_touching_at_the_plot_corner_are_two_texts() -> None:
    # the y axis's lowest label ends where the x axis's first one starts, a row lower
    page = _text_page((3.0, 1.6), [(0.30, 0.55, "5000", dict(ha="right", va="baseline", fontsize=10)),
                                   (0.27, 0.55, "2005", dict(ha="left", va="top", fontsize=10))])
    found = sorted(tx.find_texts(page), key=lambda t: t.box[1])
    assert [(t.text, t.number) for t in found] == [("5000", 5000.0), ("2005", 2005.0)]


@needs_ocr
def test_short_labels_of_a_row_at_90_degrees_read_upright_are_read_at_the_rows_angle() -> None:
    """Grey 'Q1'-'Q4' at 90 degrees, 10 px: each looks square, and three of them read upright
    ('o', '&', '&') beside 'Q3' read at 90. The row is read at the angle its labels read surest
    summed: all at 90 degrees."""
    found = [t for t in tx.find_texts(_vega_bars(["Q1", "Q2", "Q3", "Q4"], "#4D4D4D", 10))
             if t.box[1] > 200 and t.text not in ("0", "c")]  # not the tick label '0' nor the axis title
    assert [(t.text, t.angle) for t in sorted(found, key=lambda t: t.box[0])] == [
        ("Q1", 90), ("Q2", 90), ("Q3", 90), ("Q4", 90)]


@needs_ocr
@pytest.mark.parametrize("colour", ["#000000", "#888888"])
def test_a_label_of_a_q_list_read_with_a_letter_like_a_digit_is_given_the_digit(colour: str) -> None:
    """'Q1' at 90 degrees, 9 px, reads 'Qi' at every height (and 'Q1' only unsurely with the list's
    characters alone); beside 'Q2', 'Q3', 'Q4' the 'i' is the digit it looks like."""
    found = [t for t in tx.find_texts(_vega_bars(["Q1", "Q2", "Q3", "Q4"], colour, 9))
             if t.box[1] > 200 and t.text not in ("0", "c")]  # not the tick label '0' nor the axis title
    assert [t.text for t in sorted(found, key=lambda t: t.box[0])] == ["Q1", "Q2", "Q3", "Q4"]
