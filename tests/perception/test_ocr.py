"""OCR of chart text drawn with Cairo: tick labels, category labels, rotated text."""

from __future__ import annotations

import math

import cairo
import numpy as np
import pytest

from recode_dsl.perception import ocr

pytestmark = pytest.mark.skipif(not ocr.available(), reason="the OCR engine (tesserocr + tesseract-ocr-eng) is missing")


def _text(text: str, size: float = 12.0, angle: float = 0.0) -> np.ndarray:
    """``text`` drawn black on white with DejaVu Sans, turned ``angle`` degrees counter-clockwise."""
    surf = cairo.ImageSurface(cairo.FORMAT_RGB24, 200, 200)
    ctx = cairo.Context(surf)
    ctx.set_source_rgb(1, 1, 1)
    ctx.paint()
    ctx.select_font_face("DejaVu Sans")
    ctx.set_font_size(size)
    ctx.set_source_rgb(0, 0, 0)
    ctx.translate(100, 100)
    ctx.rotate(-math.radians(angle))
    ext = ctx.text_extents(text)
    ctx.move_to(-ext.width / 2 - ext.x_bearing, -ext.height / 2 - ext.y_bearing)
    ctx.show_text(text)
    surf.flush()
    img = np.ndarray((200, 200, 4), np.uint8, surf.get_data())[..., 2::-1].copy()
    ink = np.argwhere(img.min(axis=-1) < 200)
    (r0, c0), (r1, c1) = ink.min(axis=0), ink.max(axis=0)
    out: np.ndarray = img[r0 - 3:r1 + 4, c0 - 3:c1 + 4]
    return out


@pytest.mark.parametrize("text", ["2021", "-250", "0.75", "12,500", "Q1", "Germany", "In store"])
def test_reads_a_label(text: str) -> None:
    got, conf = ocr.read_line(_text(text))
    assert got == text
    assert 0.0 <= conf <= 1.0


@pytest.mark.parametrize("angle", [45, 90])
def test_reads_rotated_text_when_told_its_angle(angle: int) -> None:
    assert ocr.read_line(_text("Cherries", 13, angle), rotate=angle)[0] == "Cherries"


def test_light_text_on_dark_ground_and_a_box() -> None:
    img = 255 - _text("Revenue", 14)
    big = np.full((img.shape[0] + 20, img.shape[1] + 40, 3), 0, np.uint8)
    big[10:10 + img.shape[0], 20:20 + img.shape[1]] = img
    box = (20, 10, 20 + img.shape[1], 10 + img.shape[0])
    assert ocr.read_line(big, box=box)[0] == "Revenue"


def test_words_have_boxes_inside_the_line() -> None:
    img = _text("In store", 14)
    words = ocr.read_words(img)
    assert [w.text for w in words] == ["In", "store"]
    assert words[0].box[2] <= words[1].box[0]
    assert all(0 <= w.box[0] < w.box[2] <= img.shape[1] for w in words)


def test_blank_crop_reads_nothing() -> None:
    assert ocr.read_line(np.full((20, 40), 255, np.uint8))[0] == ""
    assert ocr.read_words(np.full((20, 40), 255, np.uint8)) == []


def test_unknown_engine_is_refused() -> None:
    with pytest.raises(ValueError):
        ocr.read_line(_text("Q1"), engine="nope")


def test_a_word_read_not_quite_surely_is_read_at_the_next_size(monkeypatch: pytest.MonkeyPatch) -> None:
    """A word read 0.92 sure ('Chernes' at 48 px) does not end the reads when ``word_sure`` asks
    for more: the next size's surer read ('Cherries' 0.96) is taken. A number at 0.92 ends them."""
    script = {"Chernes": [("Chernes", 0.92), ("Cherries", 0.96)], "40": [("40", 0.92), ("48", 0.96)]}
    calls: list[int] = []

    def fake(g: np.ndarray, chars: str = "") -> tuple[str, float]:
        calls.append(g.shape[0])
        return script[key][min(len(calls), 2) - 1]

    monkeypatch.setattr(ocr, "_tesseract_line", fake)
    reads = ((48, 1.0), (32, 1.0))
    key = "Chernes"
    assert ocr.read_line(_text("x"), reads=reads, word_sure=0.95, engine="tesseract")[0] == "Cherries"
    calls.clear()
    assert ocr.read_line(_text("x"), reads=reads, engine="tesseract")[0] == "Chernes"  # SURE by default
    assert len(calls) == 1
    calls.clear()
    key = "40"
    assert ocr.read_line(_text("x"), reads=reads, word_sure=0.95, engine="tesseract")[0] == "40"
    assert len(calls) == 1


@pytest.mark.parametrize(("read", "want"), [("(Sweden", "Sweden"), ("\u2018Sweden", "Sweden"), ("'Imports", "Imports"),
                                            ("(USD)", "(USD)"), ("'19", "'19"), ("Q1 '19", "Q1 '19")])
def test_a_bracket_or_quote_opening_a_read_that_nothing_closes_is_dropped(
        monkeypatch: pytest.MonkeyPatch, read: str, want: str) -> None:
    """The engine reads a curve or a speck before a slanted word as an opening bracket or quote
    ('(Sweden', a 45-degree label with nothing before it): a label opens no bracket it does not
    close, so the mark is dropped; a closed one ('(USD)') and a year's apostrophe ('19) stay."""
    monkeypatch.setattr(ocr, "_tesseract_line", lambda g, chars="": (read, 0.96))
    assert ocr.read_line(_text("x"), engine="tesseract") == (want, 0.96)


def test_a_crop_in_which_no_read_finds_a_line_is_read_as_a_raw_line(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tesseract's single-line layout finds no line in some crops of clear small words ('Men' in a
    legend, '' at every height): the crop is then read as a raw line, the surest such read taken,
    its stray opening quote dropped. A crop that any read finds text in is not read raw, nor one
    whose caller does not ask for it (a diagram's reader: its unread crops are mostly marks)."""
    raws: list[int] = []

    def fake(g: np.ndarray, chars: str = "", raw: bool = False) -> tuple[str, float]:
        if raw:
            raws.append(g.shape[0])
            return ("\u2018Men", 0.52) if len(raws) == 1 else ("Men", 0.87)
        return "", 0.0

    monkeypatch.setattr(ocr, "_tesseract_line", fake)
    assert ocr.read_line(_text("Men"), reads=ocr.CHART_READS, glyphs=2, engine="tesseract",
                         raw_line=True) == ("Men", 0.87)
    assert raws
    raws.clear()
    assert ocr.read_line(_text("Men"), reads=ocr.CHART_READS, glyphs=2, engine="tesseract") == ("", 0.0)
    assert not raws
    monkeypatch.setattr(ocr, "_tesseract_line", lambda g, chars="", raw=False: ("Men", 0.9) if raw else ("Mon", 0.5))
    assert ocr.read_line(_text("Men"), engine="tesseract")[0] == "Mon"


@pytest.mark.parametrize(("script", "want"), [
    ([("Ap", 0.95), ("Apr", 0.96), ("Ap", 0.95)], "Apr"),
    ([("Figs", 0.95), ("Fig", 0.96), ("Fig", 0.94)], "Figs"),
    ([("Ap", 0.95), ("Apr", 0.8), ("Ap", 0.95)], "Ap"),  # the longer read not sure: not taken
    ([("Jul", 0.95), ("Jul.", 0.96), ("Jul", 0.95)], "Jul"),  # a mark after it is no letter
    ([("20", 0.96), ("2011", 0.95), ("20", 0.96)], "2011"),
])
def test_a_slanted_read_as_sure_with_a_letter_more_wins_over_reads_that_dropped_it(
        monkeypatch: pytest.MonkeyPatch, script: list[tuple[str, float]], want: str) -> None:
    """Two reads agreeing on a slanted word may both have dropped its thin last letter (the same
    darkening at two heights): a read as sure holding their text and a letter or two more wins."""
    calls: list[int] = []

    def fake(g: np.ndarray, chars: str = "", raw: bool = False) -> tuple[str, float]:
        calls.append(1)
        return script[min(len(calls), len(script)) - 1]

    monkeypatch.setattr(ocr, "_tesseract_line", fake)
    assert ocr.read_line(_text("x"), rotate=45, reads=ocr.CHART_READS, agree=True, engine="tesseract")[0] == want
