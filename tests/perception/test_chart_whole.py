"""Whole charts read right (issue 12): the kind, the series and what the values are measured in.

- lines that turn sharply or cross leave solid blobs no bigger than a marker: no bars, a line chart;
- values read with no value axis (in percent of the plot box) are said to be so by the program (a
  comment under its header) and the table (its value_unit), not only by a warning beside them;
- with no value axis read, bars either side of the line they stand on and hang from are measured from
  it (positive and negative), not from the box's side;
- a value axis whose labels the image's left side cuts ('750' left of '1750') is mended from its whole
  labels and its ticks, the widest whole ones reaching the side too.
"""

from __future__ import annotations

import numpy as np
import pytest
from numpy.typing import NDArray

from recode_dsl.derender import derender_image
from recode_dsl.perception import ocr
from recode_dsl.perception.chart import read_chart
from tests.perception.conftest import figure_pixels as _draw
from tests.perception.conftest import pyplot as _pyplot

needs_ocr = pytest.mark.skipif(not ocr.available(), reason="the OCR engine (tesserocr + tesseract-ocr-eng) is missing")


@needs_ocr
def test_sharp_turns_and_crossings_of_lines_are_no_bars() -> None:
    # Solarize_Light2, lines 2 px wide that turn sharply (a V's tip is a solid blob 6x5 px) and cross:
    # three such blobs, one in each line's colour, had made a two-category stacked bar chart
    cats = ["Apples", "Pears", "Plums", "Cherries", "Grapes", "Mangoes", "Lemons", "Figs"]
    values = {"Online": [8.1, 1.66, 8.43, 7.52, 2.98, 3.46, 3.5, 4.16],
              "2020": [1.49, 9.55, 1.33, 5.29, 2.02, 2.21, 8.2, 7.5],
              "Women": [5.65, 8.59, 5.69, 3.76, 3.6, 0.54, 8.1, 3.45]}
    plt = _pyplot()
    with plt.style.context("Solarize_Light2"):
        fig, axes = plt.subplots(figsize=(6.4, 4.8), dpi=100)
        for name, vals in values.items():
            axes.plot(range(len(cats)), vals, label=name)
        axes.set_xticks(range(len(cats)), cats)
        axes.set_title("Annual figures")
        axes.legend(fontsize=8)
        img = _draw(fig)
    facts = read_chart(img)
    assert facts.kind == "line"
    assert len(facts.series) == 3 and all(len(s.values) == len(cats) for s in facts.series)
    px = facts.value_axis.per_pixel if facts.value_axis is not None else 1.0
    for s in facts.series:
        want = values.get(s.name or "", values["Online"])
        assert sum(abs(float(g or 0) - w) <= 1.5 * px for g, w in zip(s.values, want)) >= 7


def test_values_read_without_a_value_axis_say_so_in_the_program_and_the_table() -> None:
    plt = _pyplot()
    fig, axes = plt.subplots(figsize=(6.4, 4.8), dpi=100)
    for k, vals in enumerate(([40, 10, 30, 20], [25, 35, 5, 15])):
        axes.plot([0, 1, 2, 3], vals, linewidth=2, color=("#1f77b4", "#d62728")[k])
    axes.set_ylim(0, 50)
    axes.set_xticks([])
    axes.set_yticks([])
    got = derender_image(_draw(fig), verify=False)
    assert got.error is None and got.kind == "line" and got.table is not None
    assert got.table["value_unit"] == "percent of the plot box"
    assert "# the values are in percent of the plot box" in got.program.splitlines()[1]
    read = sorted(got.table["series"], key=lambda s: -s["values"][0])[0]["values"]
    assert read == pytest.approx([80, 20, 60, 40], abs=1.5)  # 40 of 50 is 80% of the box
    fig, axes = plt.subplots(figsize=(6.4, 4.8), dpi=100)  # with its axis read, the units are the chart's
    axes.plot([0, 1, 2, 3], [40, 10, 30, 20], linewidth=2)
    axes.set_ylim(0, 50)
    axes.set_xticks([0, 1, 2, 3], ["Q1", "Q2", "Q3", "Q4"])
    got = derender_image(_draw(fig), verify=False)
    if got.table is not None and ocr.available():
        assert "value_unit" not in got.table and "# the values are in" not in got.program


def _textless(values: list[float], lim: tuple[float, float]) -> NDArray[np.uint8]:
    plt = _pyplot()
    fig, axes = plt.subplots(figsize=(6.4, 4.8), dpi=100)
    axes.bar(range(len(values)), values, 0.6)
    axes.set_ylim(*lim)
    axes.set_xticks([])
    axes.set_yticks([])
    return _draw(fig)


def test_bars_read_in_percent_either_side_of_their_base_are_positive_and_negative() -> None:
    got = derender_image(_textless([30, -20, 10, 45], (-30, 50)), verify=False)
    assert got.error is None and got.kind == "bar" and got.table is not None
    assert got.table["value_unit"] == "percent of the plot box"
    # the box spans 80: 30 is 37.5% of it above the base, -20 25% below it
    assert got.table["series"][0]["values"] == pytest.approx([37.5, -25, 12.5, 56.25], abs=1.0)


@needs_ocr
def test_value_labels_cut_by_the_images_side_are_mended() -> None:
    # fivethirtyeight 400x400 px: the value axis's labels 1000-1750 lose their '1' at the image's left
    # side, and '750' (whole) reaches it too; the axis was fitted to '750' up at 1750 and '0'
    men = [815.89, 69.77, 444.71, 317.35, 998.22, 588.86]
    online = [324.83, 452.83, 807.69, 321.17, 794.87, 181.28]
    plt = _pyplot()
    with plt.style.context("fivethirtyeight"):
        fig, axes = plt.subplots(figsize=(5, 5), dpi=80)
        axes.bar(range(6), men, 0.6, label="Men")
        axes.bar(range(6), online, 0.6, bottom=men, label="Online")
        axes.set_xticks(range(6), [str(y) for y in range(2014, 2020)])
        axes.set_title("Annual figures")
        axes.legend(fontsize=8)
        img = _draw(fig)
    facts = read_chart(img)
    assert facts.value_axis is not None and not facts.value_unit
    assert {v for _, v in facts.value_axis.ticks} >= {1000.0, 1750.0}
    assert facts.kind == "stacked_bar"
    read = [float(v or 0) for v in facts.series[0].values]
    assert sum(abs(r - w) <= 0.01 * w for r, w in zip(read, men)) >= 4
