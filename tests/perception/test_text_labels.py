"""Reading labels exactly (issue 12): rules of text finding, each on text drawn here for it.

- category labels drawn so close that they run together are cut one a slot (``split_row``);
- a thin letter beside a thin letter is a letter ('Brazil', 'Hill'), a tick mark standing alone is not;
- a label cut off by the image's edge is unreadable (a placeholder), not read as what is left of it,
  unless it reads as a capitalised word as sure as a word's final read (a sliver of its capital cut);
- a row of 45-degree labels run together into one line is split into its labels.
"""

from __future__ import annotations

import io
import random
from typing import TYPE_CHECKING, Any

import numpy as np
import pytest
from numpy.typing import NDArray

from recode_dsl.perception import ocr
from recode_dsl.perception import text as tx

if TYPE_CHECKING:
    from matplotlib.figure import Figure

pytestmark = pytest.mark.skipif(not ocr.available(), reason="the OCR engine (tesserocr + tesseract-ocr-eng) is missing")

WORDS = ["Poland", "Sweden", "Norway", "Greece", "Mangoes", "Lemons", "Apples", "Pears", "Revenue", "Exports",
         "Online", "Delta", "Gamma", "Spain", "Monday", "Tuesday"]


def _saved(fig: Figure, dpi: int, **kw: Any) -> NDArray[np.float64]:
    """A matplotlib figure saved as PNG at ``dpi`` (and closed), read back as floats in [0, 1]."""
    import matplotlib.pyplot as plt
    from PIL import Image

    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=dpi, **kw)
    plt.close(fig)
    buf.seek(0)
    with Image.open(buf) as im:
        return np.asarray(im.convert("RGB"), np.float64) / 255.0


def _page(labels: list[tuple[str, float, float, float]], size: tuple[int, int] = (640, 160),
          fontsize: float = 10.0, dpi: int = 100, ground: str = "white", colour: str = "black",
          ) -> NDArray[np.float64]:
    """Texts drawn by matplotlib at pixel positions: (text, x, y from the top, angle), each centred
    on (x, y), on a ``ground`` colour; the page as floats in [0, 1]."""
    mpl = pytest.importorskip("matplotlib")
    mpl.use("Agg")
    import matplotlib.pyplot as plt

    w, h = size
    fig = plt.figure(figsize=(w / dpi, h / dpi), dpi=dpi, facecolor=ground)
    for text, x, y, angle in labels:
        fig.text(x / w, 1 - y / h, text, ha="center", va="center", rotation=angle, fontsize=fontsize,
                 rotation_mode="anchor", color=colour)
    return _saved(fig, dpi, facecolor=ground)


def _widths(words: list[str], fontsize: float, dpi: int) -> list[float]:
    """Each word's drawn width in pixels."""
    import matplotlib.pyplot as plt

    fig = plt.figure(figsize=(6.4, 1.6), dpi=dpi)
    renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]
    out = [fig.text(0.5, 0.5, wd, fontsize=fontsize).get_window_extent(renderer).width for wd in words]
    plt.close(fig)
    return [float(v) for v in out]


def _right_aligned_column(words: list[str], right: float, step: float, fontsize: float) -> NDArray[np.float64]:
    """A horizontal bar chart's category column: ``words`` right-aligned at ``right`` px on a
    300x240 page, one every ``step`` px from 30 px down; the page as floats in [0, 1]."""
    plt = pytest.importorskip("matplotlib.pyplot")
    fig = plt.figure(figsize=(3, 2.4), dpi=100)
    for i, wd in enumerate(words):
        fig.text(right / 300, 1 - (30 + step * i) / 240, wd, ha="right", va="center", fontsize=fontsize)
    return _saved(fig, 100)


def _slanted_bar_labels(cats: list[str], style: str, size: tuple[float, float]) -> NDArray[np.float64]:
    """A matplotlib bar chart in ``style`` at 80 dpi whose categories ``cats`` are set at 45
    degrees; the page as floats in [0, 1]."""
    mpl = pytest.importorskip("matplotlib")
    mpl.use("Agg")
    import matplotlib.pyplot as plt

    with plt.style.context(style):
        fig, ax = plt.subplots(figsize=size, dpi=80)
        ax.bar(np.arange(len(cats)), np.linspace(3, 9, len(cats)), 0.6)
        ax.set_xticks(np.arange(len(cats)), cats, rotation=45)
        return _saved(fig, 80)


def _touching(widths: list[float], left: float, rng: random.Random) -> list[float]:
    """Slot centres for labels of these widths from ``left``, as close as the labels allow:
    neighbours touch (a pixel apart at most, or half a pixel over)."""
    xs = [left + widths[0] / 2]
    for a, b in zip(widths, widths[1:]):
        xs.append(xs[-1] + (a + b) / 2 + rng.uniform(-0.5, 1.0))
    return xs


@pytest.mark.parametrize("seed", [1, 2, 3, 4])
def test_labels_run_together_are_cut_one_a_slot(seed: int) -> None:
    pytest.importorskip("matplotlib")
    rng = random.Random(seed)
    words = rng.sample(WORDS, 4)
    widths = _widths(words, 10.0, 100)
    # slots as close as the labels allow: neighbours touch (a pixel apart at most)
    xs = _touching(widths, 60.0, rng)
    page = _page([(wd, x, 80.0, 0.0) for wd, x in zip(words, xs)])
    found = [t for t in tx.find_texts(page) if t.readable or t.text]
    assert len(found) < len(words)  # the precondition: some labels were found run together
    row = tx.split_row(page, found, xs)
    assert [t.text for t in sorted(row, key=lambda t: t.centre[0])] == words
    for t, x in zip(sorted(row, key=lambda t: t.centre[0]), xs):
        assert abs(t.centre[0] - x) <= 3  # each piece sits on its slot


def test_a_text_on_one_slot_is_left_as_it_is() -> None:
    pytest.importorskip("matplotlib")
    page = _page([("In store", 200.0, 80.0, 0.0), ("Online", 300.0, 80.0, 0.0)])
    found = tx.find_texts(page)
    assert sorted(t.text for t in found) == ["In store", "Online"]
    assert tx.split_row(page, found, [200.0, 300.0]) == found


@pytest.mark.parametrize("word", ["Brazil", "Hill", "Basil", "Lilli"])
def test_a_thin_letter_beside_a_thin_letter_is_kept(word: str) -> None:
    pytest.importorskip("matplotlib")
    page = _page([(word, 200.0, 80.0, 0.0)], fontsize=9.0, dpi=80)
    assert [t.text for t in tx.find_texts(page)] == [word]


def test_a_tick_mark_alone_is_still_dropped() -> None:
    page = np.ones((120, 200, 3))
    page[40:48, 100] = 0.0  # a short vertical tick, nothing beside it
    page[60:68, 100] = 0.0
    page[60:68, 104] = 0.0  # two ticks side by side: neither has a letter next to it
    assert tx.find_texts(page, read=False) == []


@pytest.mark.parametrize("word", ["Germany", "Cherries", "Tuesday"])
def test_a_label_cut_by_the_edge_is_unreadable(word: str) -> None:
    pytest.importorskip("matplotlib")
    w = _widths([word], 12.0, 100)[0]
    whole = _page([(word, 10 + w / 2, 80.0, 0.0)], size=(300, 160), fontsize=12.0)
    assert [(t.text, t.readable) for t in tx.find_texts(whole)] == [(word, True)]
    cut = _page([(word, w / 2 - 4, 80.0, 0.0)], size=(300, 160), fontsize=12.0)  # its first letter half off
    found = tx.find_texts(cut)
    assert len(found) == 1 and not found[0].readable and found[0].number is None


def test_a_number_cut_by_the_edge_is_no_number() -> None:
    pytest.importorskip("matplotlib")
    w = _widths(["25000"], 12.0, 100)[0]
    cut = _page([("25000", w / 2 - 5, 80.0, 0.0)], size=(300, 160), fontsize=12.0)
    found = tx.find_texts(cut)
    assert found and all(t.number is None for t in found)


@pytest.mark.parametrize("seed", [5, 6])
def test_a_row_of_slanted_labels_run_together_is_split(seed: int) -> None:
    pytest.importorskip("matplotlib")
    rng = random.Random(seed)
    words = rng.sample(WORDS, 6)
    step = 30.0  # closer than the labels are long: at 45 degrees they overlap in x and run together
    page = _page([(wd, 80 + step * i, 80.0, 45.0) for i, wd in enumerate(words)], size=(400, 200))
    found = tx.find_texts(page)
    assert sorted(t.text for t in found) == sorted(words)
    assert all(t.angle == 45 for t in found)


@pytest.mark.parametrize("word", ["Online", "2022", "Retail"])
def test_an_outlined_square_beside_a_word_is_no_letter(word: str) -> None:
    pytest.importorskip("matplotlib")
    page = _page([(word, 200.0, 80.0, 0.0)], size=(400, 160), fontsize=9.0)
    found = tx.find_texts(page)
    assert [t.text for t in found] == [word]
    x0 = found[0].box[0]
    page[74:86, x0 - 16:x0 - 4] = 0.3  # a legend's outlined swatch, 12 px, 2 px clear of the word
    page[76:84, x0 - 14:x0 - 6] = 1.0
    found = tx.find_texts(page)
    assert [t.text for t in found] == [word]
    assert found[0].box[0] >= x0 - 3


@pytest.mark.parametrize("digit", list("0123456789"))
def test_one_large_digit_is_read_upright(digit: str) -> None:
    pytest.importorskip("matplotlib")
    page = _page([(digit, 100.0, 200.0, 0.0)], size=(700, 400), fontsize=15.0)  # as fivethirtyeight draws ticks
    found = tx.find_texts(page)
    assert [(t.text, t.angle, t.number) for t in found] == [(digit, 0, float(digit))]


def test_a_label_at_another_angle_than_most_of_its_row_is_read_at_the_rows_angle(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Category labels share their top edge and their angle: one whose own ink suggested another
    angle (a short square word) is read again at the angle most of the row has."""
    rgb = np.ones((100, 300, 3))
    reads: list[int] = []

    def fake_read(image: object, *, rotate: int = 0, **kw: object) -> tuple[str, float]:
        reads.append(rotate)
        return ("Q1", 0.83) if rotate == 90 else ("rod", 0.54)

    monkeypatch.setattr(ocr, "read_line", fake_read)
    row = [tx.Text("rod", 0.54, (10, 50, 26, 69), 45, (18.0, 59.5), None),
           tx.Text("Q2", 0.92, (60, 50, 76, 69), 90, (68.0, 59.5), None),
           tx.Text("Q3", 0.91, (110, 50, 126, 69), 90, (118.0, 59.5), None),
           tx.Text("Q4", 0.90, (160, 51, 176, 70), 90, (168.0, 59.5), None),
           tx.Text("Title", 0.96, (100, 5, 200, 20), 0, (150.0, 12.5), None)]  # not in the row
    out = tx._like_the_row(row, rgb, np.zeros((100, 300), bool), np.ones(3))
    assert [(t.text, t.angle) for t in out] == [("Q1", 90), ("Q2", 90), ("Q3", 90), ("Q4", 90), ("Title", 0)]
    assert reads == [90]  # only the odd one was read again


def test_unreadable_texts_make_no_row(monkeypatch: pytest.MonkeyPatch) -> None:
    """A tick label sharing its top edge with specks read as rotated junk keeps its upright read."""
    rgb = np.ones((100, 300, 3))
    monkeypatch.setattr(ocr, "read_line", lambda image, *, rotate=0, **kw: ("5", 0.87))
    row = [tx.Text("1.0", 0.96, (10, 50, 34, 64), 0, (22.0, 57.0), 1.0),
           tx.Text("-", 0.35, (60, 50, 70, 96), 90, (65.0, 73.0), None),
           tx.Text("en", 0.17, (110, 51, 123, 116), 90, (116.0, 83.0), None)]
    assert tx._like_the_row(row, rgb, np.zeros((100, 300), bool), np.ones(3)) == row


@pytest.mark.parametrize("digit", list("2457"))
def test_one_glyph_read_unsurely_is_not_turned(digit: str) -> None:
    pytest.importorskip("matplotlib")
    page = _page([(digit, 100.0, 200.0, 0.0)], size=(700, 400), fontsize=10.0)
    found = tx.find_texts(page)
    assert [(t.text, t.angle) for t in found] == [(digit, 0)]


def test_a_small_number_keeps_its_decimal_point() -> None:
    """Bar value labels drawn small on a grey ground (fivethirtyeight): the decimal point is a
    pixel or two, too small for a glyph, and OCR drops it ('81.8' read '818'); it is put back
    from the ink between the digits, on their baseline."""
    pytest.importorskip("matplotlib")
    nums = ["66.9", "86.5", "81.8", "14.2", "29.2", "25.9"]
    page = _page([(n, 60.0 + 100 * i, 80.0, 0.0) for i, n in enumerate(nums)], fontsize=7.0, ground="#f0f0f0")
    found = sorted(tx.find_texts(page), key=lambda t: t.box[0])
    assert [(t.text, t.number) for t in found] == [(n, float(n)) for n in nums]


def test_a_comma_is_no_decimal_point() -> None:
    pytest.importorskip("matplotlib")
    nums = ["1,250", "12,500", "3,000"]
    page = _page([(n, 80.0 + 200 * i, 80.0, 0.0) for i, n in enumerate(nums)], fontsize=8.0, ground="#f0f0f0")
    got = [t.number for t in sorted(tx.find_texts(page), key=lambda t: t.box[0])]
    assert got == [1250.0, 12500.0, 3000.0]


def test_a_read_short_of_the_letters_seen_is_read_again() -> None:
    """'Q4' at 45 degrees read 'Q' (the engine sure of it): the ink shows two letters apart, so
    the read is one short, and other reads are tried."""
    pytest.importorskip("matplotlib")
    words = ["Q1", "Q2", "Q3", "Q4"]
    page = _page([(wd, 50.0 + 75 * i, 80.0, 45.0) for i, wd in enumerate(words)], fontsize=10.0)
    found = sorted(tx.find_texts(page), key=lambda t: t.box[0])
    assert [(t.text, t.angle) for t in found] == [(wd, 45) for wd in words]


def test_a_label_of_a_letter_and_digits_is_not_made_a_number(monkeypatch: pytest.MonkeyPatch) -> None:
    """A word with a digit that is no number is read again as digits only ('a7' for '47'); the
    digits' read replaces it only when as sure: 'Q4' read '04' with digits alone is kept 'Q4'."""
    def fake_read(image: object, *, digits: bool = False, **kw: object) -> tuple[str, float]:
        return ("04", 0.74) if digits else ("Q4", 0.91)

    monkeypatch.setattr(ocr, "read_line", fake_read)
    page = np.ones((300, 400, 3))
    for x in (40, 52):  # two glyphs' worth of ink, apart (an 'L' each)
        page[20:32, x:x + 3] = 0.0
        page[29:32, x:x + 8] = 0.0
    found = tx.find_texts(page)
    assert [(t.text, t.number) for t in found] == [("Q4", None)]


def test_a_slanted_label_fallen_apart_at_a_letter_gap_is_joined() -> None:
    """Years at 45 degrees in Solarize_Light2's grey: the faint join of '201' and '7' falls below
    the ink threshold; the '7' lies on the line '201' runs along, a letter gap beyond its end."""
    pytest.importorskip("matplotlib")
    years = [str(y) for y in range(2014, 2022)]
    page = _page([(y, 50.0 + 75 * i, 80.0, 45.0) for i, y in enumerate(years)], ground="#fdf6e3", colour="#657b83")
    found = sorted(tx.find_texts(page), key=lambda t: t.box[0])
    assert [(t.text, t.angle) for t in found] == [(y, 45) for y in years]


@pytest.mark.parametrize("seed", [5, 6])
def test_a_row_run_together_across_the_image_is_kept_and_cut(seed: int) -> None:
    """Labels run together into a row wider than most of the image are text, not a dashed
    gridline (those are a few pixels thin), and are cut one a slot."""
    pytest.importorskip("matplotlib")
    rng = random.Random(seed)
    words = rng.sample(WORDS, 6)
    widths = _widths(words, 10.0, 100)
    xs = _touching(widths, 10.0, rng)
    size = (int(xs[-1] + widths[-1] / 2 + 20), 160)
    page = _page([(wd, x, 80.0, 0.0) for wd, x in zip(words, xs)], size=size)
    found = tx.find_texts(page)
    assert any(t.width > 0.7 * size[0] for t in found)  # the precondition: one row across the image
    row = tx.split_row(page, found, xs)
    assert [t.text for t in sorted(row, key=lambda t: t.centre[0])] == words


def _read(text: str, conf: float) -> tx.Text:
    return tx.Text(text, conf, (0, 0, 10, 10), 0, (5.0, 5.0), None)


def test_a_wider_span_reading_the_label_whole_wins_over_a_surer_cut_one() -> None:
    """Of a label's reads from spans of several widths (labels drawn over each other), one holding
    the surest read's letters with more at both ends is the label whole ('orwa' -> 'Norway');
    more letters at one end only are the neighbour's ('Spain P')."""
    assert tx._most_whole([_read("orwa", 0.89), _read("Norway", 0.45), _read("dNorwayG", 0.3)]).text == "Norway"
    assert tx._most_whole([_read("Spain", 0.96), _read("Spain P", 0.6)]).text == "Spain"
    assert tx._most_whole([_read("Sweden", 0.9), _read("dSwedenN", 0.6)]).text == "Sweden"
    assert tx._most_whole([_read("orwa", 0.9), _read("NorwaG", 0.6)]).text == "orwa"
    assert tx._most_whole([_read("orway", 0.92), _read("Norway", 0.9), _read("Norwayt", 0.59)]).text == "Norway"
    assert tx._most_whole([_read("ig", 0.8), _read("Figs", 0.5)]).readable
    assert tx._most_whole([_read("orwa", 0.3), _read("Norway", 0.45)]).text == "Norway"  # just the surer


def test_only_the_texts_where_asked_are_read(monkeypatch: pytest.MonkeyPatch) -> None:
    """``where`` keeps the lines whose box it accepts, read as without it; the others are not read."""
    pytest.importorskip("matplotlib")
    page = _page([("Revenue", 100.0, 80.0, 0.0), ("Exports", 400.0, 80.0, 0.0), ("2021", 550.0, 40.0, 0.0)])
    calls: list[int] = []
    read_line = ocr.read_line

    def counting(image: object, **kw: object) -> tuple[str, float]:
        calls.append(1)
        return read_line(image, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(ocr, "read_line", counting)
    whole = tx.find_texts(page)
    all_calls = len(calls)
    left = tx.find_texts(page, where=lambda box: box[2] <= 320)
    assert sorted(t.text for t in whole) == ["2021", "Exports", "Revenue"]
    assert left == [t for t in whole if t.text == "Revenue"]
    assert 0 < len(calls) - all_calls < all_calls  # the other two lines were not read


def test_a_label_unlike_its_list_is_read_with_the_lists_characters(monkeypatch: pytest.MonkeyPatch) -> None:
    """'Qi' in a legend of 'Q2', 'Q3', 'Q4' (small text) is read again at each size, and the surest
    read of the list's form is taken ('Q1' at 48 px); when no size reads it, it is read allowing
    only the list's letters and the digits, and taken when it then has the list's form; a word
    of another form, or with no list beside it, is left alone."""
    asked: list[str] = []
    one_size_reads_it = False

    def fake_read(image: object, *, chars: str = "", reads: object = None, **kw: object) -> tuple[str, float]:
        asked.append(chars)
        if chars:
            return ("Q1", 0.6)
        return ("Q1", 0.78) if one_size_reads_it and reads == (ocr.CHART_READS[0],) else ("Qi", 0.86)

    monkeypatch.setattr(ocr, "read_line", fake_read)
    ink = np.ones((12, 16), bool)

    def at(text: str, y: int, x: int = 450) -> tx.Text:
        return tx.Text(text, 0.9, (x, y, x + 19, y + 15), 0, (x + 9.5, y + 7.5), None, ink)

    legend = [at("Q2", 31), at("Q3", 45), at("Qi", 59), at("Q4", 73), at("Revenue", 200, 10)]
    rgb = np.ones((300, 500, 3))
    out = tx._like_the_list(legend, rgb, np.zeros((300, 500), bool), np.ones(3))
    assert [t.text for t in out] == ["Q2", "Q3", "Q1", "Q4", "Revenue"]
    sizes = len(ocr.CHART_READS + ocr.FULL_READS)
    assert asked == [""] * sizes + ["Q0123456789"]  # only the odd one was read again
    asked.clear()
    one_size_reads_it = True
    out = tx._like_the_list(legend, rgb, np.zeros((300, 500), bool), np.ones(3))
    assert [(t.text, t.confidence) for t in out][2] == ("Q1", 0.78)
    assert asked == [""] * sizes  # no read with the list's characters needed
    lone = [at("Qi", 59), at("Revenue", 200, 10)]
    assert tx._like_the_list(lone, rgb, np.zeros((300, 500), bool), np.ones(3)) == lone


@pytest.mark.parametrize("colour", ["#4D4D4D", "#666666"])
def test_the_faint_dots_of_small_grey_labels_are_read(colour: str) -> None:
    """Grey 10 px category labels drawn at 90 degrees by Vega-Lite: an 'i''s dot is a few light
    pixels beyond the letter's rim, none as dark as ink; read without them 'Berries' is 'Bernes'
    and 'Skiing' 'Skaing'. The faint marks of a text's own ink, 2-3 px out, are read with it."""
    vlc = pytest.importorskip("vl_convert")
    import json

    from PIL import Image

    words = ["Cherries", "Kiwis", "Limes", "Raisins", "Fries", "Berries", "Epsilon", "Skiing"]
    spec = {"width": 420, "height": 60, "mark": "bar",
            "data": {"values": [{"c": w, "v": i + 1} for i, w in enumerate(words)]},
            "encoding": {"x": {"field": "c", "type": "nominal", "sort": None,
                               "axis": {"labelAngle": -90, "labelFontSize": 10, "labelColor": colour, "title": None}},
                         "y": {"field": "v", "type": "quantitative", "axis": None}}}
    with Image.open(io.BytesIO(vlc.vegalite_to_png(json.dumps(spec)))) as im:
        img = np.asarray(im.convert("RGB"), np.float64) / 255.0
    got = [t.text for t in tx.find_texts(img) if t.readable]
    assert [w for w in words if w not in got] == []


@pytest.mark.parametrize("colour", ["#888888", "#999999", "#AAAAAA"])
def test_a_light_grey_tick_label_keeps_its_faint_decimal_point(colour: str) -> None:
    """Light grey 9 px tick labels 0.5 ... 5.0 (Vega-Lite): the point is a pixel or two lighter than
    the digits' lightest ink; read without it every value is ten times too large ('45')."""
    vlc = pytest.importorskip("vl_convert")
    import json

    from PIL import Image

    spec = {"width": 200, "height": 300, "mark": "bar",
            "data": {"values": [{"c": c, "v": v} for c, v in (("a", 1.2), ("b", 4.9), ("c", 3.3))]},
            "encoding": {"x": {"field": "c", "type": "nominal", "axis": None},
                         "y": {"field": "v", "type": "quantitative", "scale": {"domain": [0, 5]},
                               "axis": {"values": [0.5 * k for k in range(1, 11)], "format": ".1f",
                                        "labelColor": colour, "labelFontSize": 9, "title": None}}}}
    with Image.open(io.BytesIO(vlc.vegalite_to_png(json.dumps(spec)))) as im:
        img = np.asarray(im.convert("RGB"), np.float64) / 255.0
    numbers = sorted(t.number for t in tx.find_texts(img) if t.number is not None and t.readable)
    assert numbers == [0.5 * k for k in range(1, 11)]


def _groups(page: NDArray[np.float64]) -> tuple[NDArray[np.int32], int, NDArray[np.bool_]]:
    """A page's glyphs (dark ink) joined across letter gaps as find_texts joins them, before columns."""
    from scipy import ndimage

    glyphs = page.max(axis=-1) < 0.5
    joined = ndimage.binary_dilation(glyphs, structure=np.ones((2 * tx.JOIN_Y + 1, 2 * tx.JOIN_X + 1), bool))
    groups, m = ndimage.label(joined)
    return groups.astype(np.int32), m, glyphs


@pytest.mark.parametrize("word", ["Revenue", "Mangoes", "Tuesday"])
def test_letters_of_a_label_at_90_degrees_stack_into_one_column(word: str) -> None:
    """A word drawn at 90 degrees falls apart into groups along y (its letter gaps run along y);
    the column joins them into one. Upright words stacked in a legend stay apart, and so do two
    labels at 90 degrees side by side."""
    pytest.importorskip("matplotlib")
    page = _page([(word, 60.0, 80.0, 90.0), (word, 140.0, 80.0, 90.0), ("Q1", 220.0, 50.0, 0.0),
                  ("Q2", 220.0, 70.0, 0.0), ("Q3", 220.0, 90.0, 0.0)], size=(300, 160), fontsize=12.0)
    groups, m, glyphs = _groups(page)
    out = tx._stack_columns(groups, m, glyphs)
    left, right = np.unique(out[:, 40:80][glyphs[:, 40:80]]), np.unique(out[:, 120:160][glyphs[:, 120:160]])
    legend = np.unique(out[:, 200:240][glyphs[:, 200:240]])
    assert len(left) == 1 and len(right) == 1 and left[0] != right[0]  # one column each
    assert len(legend) == 3  # Q1, Q2, Q3 apart
    assert len(np.unique(groups[:, 40:80][glyphs[:, 40:80]])) > 1  # apart before
    # each column is named after its topmost group
    top = groups[np.nonzero(glyphs[:, 40:80])[0].min(), 40:80]
    assert left[0] in set(top[top > 0].tolist())


@pytest.mark.parametrize("words, size", [("Annual figures", 14.0), ("Brazil", 18.0)])
def test_an_l_a_wide_letter_gap_from_its_word_in_large_text_is_kept(words: str, size: float) -> None:
    """In large text (a 14 pt title) the gap before an 'l' is wider than 4 px: the 'l' is still a
    letter of its word, not a tick mark standing alone."""
    pytest.importorskip("matplotlib")
    page = _page([(words, 150.0, 40.0, 0.0)], size=(300, 240), fontsize=size)
    assert [t.text for t in tx.find_texts(page)] == [words]


@pytest.mark.parametrize(("style", "size"), [("seaborn-v0_8-whitegrid", (5.0, 5.0)), ("default", (6.4, 4.8))])
def test_a_short_word_at_45_degrees_read_short_at_the_first_size_is_read_again(
        style: str, size: tuple[float, float]) -> None:
    """A word at 45 degrees read without its last letter, surely, by the first read ('Fig' for
    'Figs' at 0.95 or 0.96, which every other read gives whole) is read again: a slanted word ends
    the reads only when two reads agree on it. A bar chart's categories at 45 degrees, as
    matplotlib draws them."""
    cats = ["Apples", "Pears", "Plums", "Cherries", "Grapes", "Mangoes", "Lemons", "Figs"]
    found = [t for t in tx.find_texts(_slanted_bar_labels(cats, style, size)) if t.angle == 45]
    if style == "default":  # the figure's bottom edge cuts the longer labels (placeholders), not 'Figs'
        assert "Figs" in [t.text for t in found] and {t.text for t in found if t.readable} <= set(cats)
    else:
        assert sorted(t.text for t in found) == sorted(cats)


def test_a_short_list_with_one_label_of_its_form_is_read_in_that_form(monkeypatch: pytest.MonkeyPatch) -> None:
    """A legend 'Q1', 'Q3', 'Q4' of small text read 'Qu', 'Q3', 'Q': one label has the form, and
    every other begins with its letter and is no longer, so the others are read again in it ('Q'
    has two letters apart in its ink: as many characters). A column where another label is a word
    of its own ('Quarterly') is left alone."""

    def fake_read(image: object, *, chars: str = "", reads: object = None, **kw: object) -> tuple[str, float]:
        return ("Q1", 0.69) if reads == (ocr.CHART_READS[0],) else ("Qu", 0.6)

    monkeypatch.setattr(ocr, "read_line", fake_read)
    one = np.ones((12, 16), bool)
    two = np.zeros((12, 16), bool)
    two[2:10, 1:7] = two[2:10, 9:15] = True

    def at(text: str, y: int, ink: NDArray[np.bool_] = one) -> tx.Text:
        return tx.Text(text, 0.9, (450, y, 469, y + 15), 0, (459.5, y + 7.5), None, ink)

    rgb, none = np.ones((300, 500, 3)), np.zeros((300, 500), bool)
    legend = [at("Qu", 31), at("Q3", 45), at("Q", 59, two)]
    assert [t.text for t in tx._like_the_list(legend, rgb, none, np.ones(3))] == ["Q1", "Q3", "Q1"]
    touching = [at("Qu", 31), at("Q3", 45), at("Q", 59)]  # 'Q' and its digit one glyph: the list's letter alone
    assert [t.text for t in tx._like_the_list(touching, rgb, none, np.ones(3))] == ["Q1", "Q3", "Q1"]
    words = [at("Qu", 31), at("Q3", 45), at("Quarterly", 59)]
    assert tx._like_the_list(words, rgb, none, np.ones(3)) == words


def test_a_slanted_label_in_a_row_cut_by_the_bottom_edge_is_cut_too() -> None:
    """A row of 45-degree labels whose starts lie below the image's bottom edge: a label whose few
    pixels of stroke at the edge are too few to call it cut on its own ('rance' of 'France') is
    cut like most of its row, not read as a label."""
    pytest.importorskip("matplotlib")
    words = ["Germany", "France", "Italy", "Spain", "Poland", "Sweden", "Norway", "Greece"]
    page = _page([(w, 40 + 45 * i, 190.0, 45.0) for i, w in enumerate(words)], size=(400, 200), fontsize=10.0)
    found = tx.find_texts(page)
    at_edge = [t for t in found if t.angle and t.box[3] == page.shape[0]]
    assert len(at_edge) >= 4
    assert all(not t.readable or t.text in words for t in at_edge), [(t.text, t.confidence) for t in at_edge]


@pytest.mark.parametrize(("tick", "word", "dx", "dy"), [("1", "Grapes", 18.0, 11.0), ("1", "Lemons", 14.0, 11.0),
                                                      ("1", "Lemons", 18.0, 11.0), ("0", "Lemons", 14.0, 10.0),
                                                      ("0", "Lemons", 18.0, 10.0), ("5000", "Pears", 14.0, 11.0),
                                                      ("5000", "Pears", 18.0, 11.0)])
def test_a_tick_label_a_pixel_over_a_category_label_is_a_text_of_its_own(tick: str, word: str, dx: float,
                                                                          dy: float) -> None:
    """The y axis's lowest tick label a row over the first category label, or on the row right
    above its top (a plot with no margins, classic style: '1' over 'Grapes', '0' over 'Lemons',
    '5000' as wide as 'Pears' over it), joins it into one group of glyphs; the rows no glyph
    reaches across part two texts, each read alone (read together: 'drapes', 'Limone', 'Qm ons',
    'ae')."""
    pytest.importorskip("matplotlib")
    page = _page([(tick, 100.0, 60.0, 0.0), (word, 100.0 + dx, 60.0 + dy, 0.0)], size=(300, 160), fontsize=12.0,
                 dpi=80)
    assert sorted(t.text for t in tx.find_texts(page) if t.readable) == [tick, word]


@pytest.mark.parametrize("word", ["Sales", "Revenue", "Temperature"])
def test_a_word_at_90_degrees_is_not_parted_at_its_letter_gaps(word: str) -> None:
    """The letters of a word at 90 degrees leave empty rows between them, but each side of such a
    gap is a column, not a line of upright text: the word stays one text."""
    pytest.importorskip("matplotlib")
    page = _page([(word, 100.0, 80.0, 90.0)], size=(200, 200), fontsize=11.0)
    assert [(t.text, t.angle) for t in tx.find_texts(page)] == [(word, 90)]


@pytest.mark.parametrize("right", [40.0, 44.0])
def test_labels_of_a_column_cut_by_the_left_edge_are_all_cut(right: float) -> None:
    """A horizontal bar chart's categories, aligned on their right ends, too long for the figure:
    the left edge cuts them, some in a letter gap ('goes' of 'Mangoes': whole letters, no ink at
    the edge) or through a stroke too short to tell. Where half the column is cut there, every
    label beginning at the edge is unreadable (a placeholder, never an invented 'goes'); a short
    label clear of the edge ('Figs') is still read."""
    words = ["Lemons", "Mangoes", "Grapes", "Cherries", "Figs"]
    found = tx.find_texts(_right_aligned_column(words, right, 40.0, 12.0))
    assert len(found) == len(words)
    assert [t.text for t in found if t.readable] == ["Figs"], [(t.text, t.confidence) for t in found]


@pytest.mark.parametrize("shift", [1, 2])
def test_a_short_word_at_45_degrees_is_not_split_into_its_letters(shift: int) -> None:
    """A two-letter label at 45 degrees ('Q1', classic style) looks square and reads badly
    upright; cut along x + y into its letters it reads 'o' and 're'. It is cut only when the
    pieces read better than the whole does at 45 degrees."""
    pytest.importorskip("matplotlib")
    page = _page([("Q1", 100.0 + 0.17 * shift, 80.0 + 0.23 * shift, 45.0)], size=(200, 160), fontsize=12.0, dpi=80)
    assert [(t.text, t.angle) for t in tx.find_texts(page)] == [("Q1", 45)]


def test_a_slanted_word_whose_reads_disagree_is_read_at_more_sizes() -> None:
    """A word at 45 degrees whose first reads all differ ('Lemons:' 0.6, ...) is read at the
    larger sizes too before the reads vote: light text at 45 degrees (Solarize_Light2), as
    matplotlib draws a bar chart's categories."""
    cats = ["Grapes", "Mangoes", "Lemons", "Figs"]
    found = [t for t in tx.find_texts(_slanted_bar_labels(cats, "Solarize_Light2", (8.0, 5.0))) if t.angle == 45]
    assert "Lemons" in [t.text for t in found if t.readable], [(t.text, t.confidence) for t in found]


def test_the_upper_piece_of_a_slanted_label_cut_by_the_bottom_edge_is_cut_too() -> None:
    """A row of 45-degree years cut by the bottom edge, one fallen apart: its upper piece ('7' of
    '2017') reads whole and sure, its lower piece ('201', cut, read 'ay' upright) runs into the
    edge. The piece running on into a cut text is cut like its row, not a label '7'; a short
    label with only its cut neighbours beside it (sharing its top) is left alone."""
    ink = np.zeros((25, 35), bool)
    ink[-1, 3:6] = True

    def at(text: str, box: tuple[int, int, int, int], conf: float = 0.2, angle: int = 45) -> tx.Text:
        return tx.Text(text, conf, box, angle, ((box[0] + box[2]) / 2, (box[1] + box[3]) / 2), None, ink)

    row = [at("914", (41, 375, 75, 400)), at("915", (74, 375, 108, 400)), at("916", (106, 375, 141, 400)),
           at("918", (172, 376, 207, 400)), at("919", (205, 376, 239, 400))]
    piece, rest = at("7", (157, 375, 172, 391), 0.96), at("ay", (139, 384, 168, 400), angle=0)
    out = tx._cut_like_the_row([*row, piece, rest], 400)
    assert [t.confidence for t in out if t.text == "7"] == [tx.CLIPPED_CONFIDENCE]
    assert tx._cut_like_the_row([*row, piece], 400)[-1] == piece


@pytest.mark.parametrize("gap", [1.5, 2.5])
def test_a_capitalised_word_clear_of_the_left_edge_in_a_cut_column_is_read(gap: float) -> None:
    """A horizontal bar chart's categories aligned on their right ends, most cut by the left edge:
    a word that begins a pixel or two inside the edge with its capital ('Apples') is whole, and
    read; a cut in a letter gap would leave a small letter first. The cut labels stay placeholders."""
    pytest.importorskip("matplotlib")
    words = ["Mangoes", "Cherries", "Lemons", "Apples"]
    right = _widths(["Apples"], 10.0, 100)[0] + gap
    found = tx.find_texts(_right_aligned_column(words, right, 45.0, 10.0))
    assert len(found) == len(words)
    assert [t.text for t in found if t.readable] == ["Apples"], [(t.text, t.confidence, t.box) for t in found]


@pytest.mark.parametrize("cut", [1.0, 2.0])
def test_a_word_whose_capital_the_left_edge_cuts_by_a_sliver_is_read(cut: float) -> None:
    """A horizontal bar chart's long category right-aligned so that its capital's left stroke runs
    a pixel or two past the image's left edge: the engine reads the word whole and sure ('Mangoes'
    0.96), so it is the label, not a placeholder. Cut deeper, through letters, it reads no such
    word ('sermany', 'sweden') and stays unreadable."""
    pytest.importorskip("matplotlib")
    for word in ("Mangoes", "Germany", "Norway"):
        right = _widths([word], 10.0, 100)[0] - cut
        found = tx.find_texts(_right_aligned_column([word], right, 45.0, 10.0))
        assert [t.text for t in found if t.readable] == [word], [(t.text, t.confidence) for t in found]
    for word in ("Germany", "Sweden"):
        right = _widths([word], 10.0, 100)[0] - 4.0
        found = tx.find_texts(_right_aligned_column([word], right, 45.0, 10.0))
        assert not [t.text for t in found if t.readable], [(t.text, t.confidence) for t in found]


def test_a_word_cut_by_a_sliver_in_a_column_of_cut_words_is_read() -> None:
    """A horizontal bar chart's categories right-aligned so far left that the long ones are cut
    through their letters and the longest of the rest ('Norway') loses a sliver of its capital:
    the cut ones make the column cut, but a word read sure with its capital drawn is whole enough."""
    pytest.importorskip("matplotlib")
    words = ["Cherries", "Germany", "Norway", "Pears"]
    right = _widths(["Norway"], 10.0, 100)[0] - 1.0
    found = tx.find_texts(_right_aligned_column(words, right, 45.0, 10.0))
    assert [t.text for t in found if t.readable] == ["Norway", "Pears"], [(t.text, t.confidence) for t in found]


@pytest.mark.parametrize("off", [-6.0, 6.0])
def test_labels_a_space_apart_are_parted_at_the_spaces_when_the_slots_are_off(off: float) -> None:
    """Years a space apart, read as lines of two or more ('2008 2009 2010 2011'): each label is the word
    around its slot, parted at the spaces, even when the slots (bar groups' middles) lie a few
    pixels off the labels' middles; a walk from a slot 6 px off took the next label's '2' in."""
    years = ["2008", "2009", "2010", "2011"]
    widths = _widths(years, 8.0, 100)
    space = 5.0
    xs = [60.0 + widths[0] / 2]
    for a, b in zip(widths, widths[1:]):
        xs.append(xs[-1] + (a + b) / 2 + space)
    page = _page([(y, x, 80, 0) for y, x in zip(years, xs)], fontsize=8.0)
    row = [t for t in tx.find_texts(page) if t.readable]
    assert len(row) < len(years)  # run together
    assert [t.text for t in tx.split_row(page, row, [x + off for x in xs])] == years


@pytest.mark.parametrize("step", [13, 14])
def test_a_legends_lines_stacked_close_are_read_apart(step: int) -> None:
    """A legend's labels, left-aligned 13 px apart in 8 pt text: the 'p' of 'Sep' comes within a
    row of 'Feb', and the two are one group of ink, sharing their left side and about as wide. Both
    are lines of text (each much wider than tall), not the letters of a word at 90 degrees: parted
    at the empty rows, each read ('Feb' alone was read before)."""
    plt = pytest.importorskip("matplotlib.pyplot")
    from PIL import Image

    words = ["Dec", "May", "Jul", "Aug", "Sep", "Feb"]
    fig = plt.figure(figsize=(2, 1.6), dpi=100)
    for i, wd in enumerate(words):
        fig.text(0.3, 1 - (20 + step * i) / 160, wd, ha="left", va="baseline", fontsize=8)
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=100)
    plt.close(fig)
    buf.seek(0)
    with Image.open(buf) as im:
        page = np.asarray(im.convert("RGB"), np.float64) / 255.0
    found = sorted(tx.find_texts(page), key=lambda t: t.box[1])
    assert [t.text for t in found] == words


def test_a_legend_frames_side_joined_to_a_tick_mark_is_no_letter() -> None:
    """A classic-style legend in the plot's upper right corner: its frame's right side, a few pixels
    in from the plot's frame, is joined to it by a tick mark (ticks point inwards there), one mark
    4 px wide, 'Online''s last letter a letter gap away. A stroke thin in most of its rows and much
    taller than the letters is a line, not an 'l': the legend's labels are read ('Seine' before)."""
    plt = pytest.importorskip("matplotlib.pyplot")
    with plt.style.context("classic"):
        fig, ax = plt.subplots(figsize=(7, 4), dpi=80)
        x = np.arange(3)
        ax.bar(x - 0.2, [30, 50, 40], 0.4, label="Costs")
        ax.bar(x + 0.2, [60, 70, 65], 0.4, label="Online")
        ax.set_yticks(np.arange(0, 80, 5))
        ax.legend(fontsize=9)
        page = _saved(fig, 80)
    assert [t.text for t in tx.find_texts(page) if t.text.isalpha()] == ["Costs", "Online"]


def test_neighbouring_labels_at_45_degrees_are_not_joined_as_words_of_one_line() -> None:
    """Categories at 45 degrees share their tops, and a label's lower-left end lies a little more
    than half the row's height right of its neighbour's box: as upright words of one line they
    were joined ('Grapes', 'Mangoes' and 'Lemons' read '& fs'). Each is read on its own."""
    cats = ["Plums", "Cherries", "Grapes", "Mangoes", "Lemons", "Figs"]
    found = [t for t in tx.find_texts(_slanted_bar_labels(cats, "seaborn-v0_8-whitegrid", (5.0, 5.0)))
             if t.box[1] > 340 and any(ch.isalpha() for ch in t.text)]  # not the tick label '0'
    assert [(t.text, t.angle) for t in sorted(found, key=lambda t: t.box[0])] == [(c, 45) for c in cats]


def test_years_at_45_degrees_are_read_whole_by_two_reads_that_agree() -> None:
    """A number at 45 degrees, like a slanted word, may lose its last digits in one sure read
    ('20' 0.96 for '2011', '201' for '2013'); it is taken when two sure reads agree."""
    years = [str(y) for y in range(2008, 2016)]
    found = [t for t in tx.find_texts(_slanted_bar_labels(years, "seaborn-v0_8-whitegrid", (6.4, 4.8)))
             if t.angle == 45]
    assert [t.text for t in sorted(found, key=lambda t: t.box[0])] == years


def test_a_word_at_45_degrees_whose_letters_touch_is_text_though_taller_than_a_glyph() -> None:
    """'Mangoes' at 45 degrees in a 512x384 chart: its letters touch, one mark 35 px each way with
    the 'g', taller than a glyph may be (9% of the image's height); it is a word running at 45
    degrees in a band as wide as its letters are tall, and is read."""
    cats = ["Apples", "Pears", "Plums", "Cherries", "Grapes", "Mangoes", "Lemons", "Figs"]
    found = [t for t in tx.find_texts(_slanted_bar_labels(cats, "seaborn-v0_8-whitegrid", (6.4, 4.8)))
             if t.angle == 45]
    assert sorted(t.text for t in found) == sorted(cats)


@pytest.mark.parametrize("size", [(5.0, 5.0), (8.0, 5.0)])
def test_a_short_label_at_45_degrees_read_upright_as_more_letters_than_it_shows_is_turned(
        size: tuple[float, float]) -> None:
    """'Q1' at 45 degrees looks square and its ink may suggest no slant: read upright it gives
    more characters than its two letters apart ('oY', 'rot' 0.49), and the read at 45 degrees,
    surer ('Q1' 0.9), was refused for having fewer. A read's characters beyond the letters the
    ink shows are no better for the text."""
    cats = ["Q1", "Q2", "Q3"]
    found = [t for t in tx.find_texts(_slanted_bar_labels(cats, "seaborn-v0_8-whitegrid", size))
             if t.box[1] > 0.8 * 80 * size[1] and not t.text.isdigit()]  # not the tick label '0'
    assert [(t.text, t.angle) for t in sorted(found, key=lambda t: t.box[0])] == [(c, 45) for c in cats]


def test_a_number_read_upright_is_not_turned_to_a_read_without_a_digit(monkeypatch: pytest.MonkeyPatch) -> None:
    """A light grey tick label '0.5' read upright not quite surely is tried at other angles; turned,
    its digits' curves read as letters ('Os' at 45 degrees, surer): that read turns no number."""
    pytest.importorskip("matplotlib")
    page = _page([("0.5", 100.0, 100.0, 0.0)], size=(640, 200), fontsize=9.0)

    def fake(image: NDArray[np.float64], *, rotate: int = 0, **kw: Any) -> tuple[str, float]:
        return ("Os", 0.78) if rotate == 45 else ("0.5", 0.64) if rotate == 0 else ("", 0.0)

    monkeypatch.setattr(ocr, "read_line", fake)
    assert [(t.text, t.angle, t.number) for t in tx.find_texts(page)] == [("0.5", 0, 0.5)]


@pytest.mark.parametrize("read", ["herries", "\u201cherries", "-emons"])
def test_a_slanted_label_at_the_bottom_edge_read_without_its_capital_is_cut(read: str) -> None:
    """A 45-degree label running into the image's bottom edge, read beginning with a small letter or
    a mark, lost its first letter there: it is cut (unreadable) even where most of its row is not."""
    ink = np.zeros((20, 20), bool)
    ink[-1, 3:6] = True
    row = [tx.Text(w, c, (30 * i, 80, 30 * i + 20, 100), 45, (0.0, 0.0), None, ink)
           for i, (w, c) in enumerate([("Apples", 0.96), (read, 0.89), ("Grapes", 0.96), ("Figs", 0.96)])]
    got = tx._cut_like_the_row(row, 100)
    assert [t.readable for t in got] == [True, False, True, True]
    assert tx._cut_like_the_row(row, 120) == row  # clear of the edge: as read


@pytest.mark.parametrize("y", [80.0, 80.6])
def test_a_letters_stroke_along_a_light_gridline_is_the_letters(y: float) -> None:
    """A light grey gridline running along a word's baseline (a whitegrid chart's gridline seen
    through its legend): the 'L''s foot lies on it, darker than the line all along; it is the
    letter's ink, not the line's ('-emons' read without it)."""
    pytest.importorskip("matplotlib")
    page = _page([("Lemons", 320.0, y, 0.0)], fontsize=9.0)
    base = int(np.flatnonzero((page.max(axis=-1) < 0.5).any(axis=1)).max())
    page[base, :] = np.minimum(page[base, :], 0.8)
    assert [t.text for t in tx.find_texts(page)] == ["Lemons"]


@pytest.mark.parametrize("fontsize", [6.4, 8.0])
def test_a_light_gridline_along_the_tops_of_small_letters_is_not_read_with_them(fontsize: float) -> None:
    """A light grey gridline seen through a whitegrid legend runs along the tops of a word's small
    letters: where it lies between the letters it is the line's alone and is painted out of the
    crop; the letters' tops on it stay ('Imports' read 'ports', the line a bar joining the letters)."""
    pytest.importorskip("matplotlib")
    page = _page([("Imports", 320.0, 80.0, 0.0)], fontsize=fontsize)
    ink = page.max(axis=-1) < 0.5
    rows = np.flatnonzero(ink.any(axis=1))
    counts = ink.sum(axis=1)
    top = int(rows[np.argmax(counts[rows] >= 0.4 * counts.max())])  # the small letters' top row
    page[top + 1, :] = np.minimum(page[top + 1, :], 0.8)
    assert [t.text for t in tx.find_texts(page)] == ["Imports"]


def test_a_wide_upright_text_is_not_turned_to_the_angle_of_its_row(monkeypatch: pytest.MonkeyPatch) -> None:
    """A legend's 'In store' level with the tops of texts read at 90 degrees (a line chart's dashes)
    is not read again at 90 degrees: a word turned by 90 or 45 degrees has no box more than twice
    as wide as tall (it was read 'a' 0.88)."""
    ink = np.ones((12, 45), bool)
    wide = tx.Text("In store", 0.95, (666, 69, 711, 81), 0, (688.0, 75.0), None, ink)
    column = [tx.Text(w, 0.9, (100 * i, 67, 100 * i + 13, 95), 90, (0.0, 0.0), None, np.ones((28, 13), bool))
              for i, w in enumerate(["May", "Jun"])]
    monkeypatch.setattr(tx, "_read", lambda image, rotate=0, **kw: ("a", 0.88) if rotate == 90 else ("", 0.0))
    page = np.ones((200, 800, 3))
    got = tx._like_the_row([wide, *column], page, np.zeros((200, 800), bool), np.ones(3))
    assert got[0] == wide
    square = tx.Text("Jul", 0.5, (300, 68, 320, 95), 0, (0.0, 0.0), None, np.ones((27, 20), bool))
    assert tx._like_the_row([square, *column], page, np.zeros((200, 800), bool), np.ones(3))[0].angle == 90


@pytest.mark.parametrize("over", [6.0, 8.0, 10.0])
def test_labels_drawn_over_each_other_give_no_invented_label(over: float) -> None:
    """Category labels drawn over each other (classic's long names on close bars: 'Germany' and
    'France' sharing a letter's width): a label cut from the row that reads beginning with a
    small letter or a mark lost its first letters to its neighbour ('rma', 'wedel'); it is
    unreadable (a placeholder), never a label of its own. (A piece read with a capital first is
    kept: 'Germanyr' with the F's stem after it is not told from a label by this rule.)"""
    pytest.importorskip("matplotlib")
    words = ["Germany", "France", "Italy", "Spain", "Poland", "Sweden", "Norway"]
    widths = _widths(words, 10.0, 100)
    xs = [40.0 + widths[0] / 2]
    for a, b in zip(widths, widths[1:]):
        xs.append(xs[-1] + (a + b) / 2 - over)
    page = _page([(wd, x, 80.0, 0.0) for wd, x in zip(words, xs)], size=(640, 160))
    row = tx.split_row(page, [t for t in tx.find_texts(page) if t.readable or t.text], xs)
    read = [t.text for t in row if t.readable]
    assert read and all(x[:1].isupper() for x in read), read
    assert len(row) == len(words)  # the others are placeholders

