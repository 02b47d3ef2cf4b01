"""The chart reader on small matplotlib and Vega-Lite charts checked in with their truth.

The fixtures (tests/fixtures/perception, drawn by make_fixtures.py there) cover negative
values, log axes, rotated labels, a legend inside the plot, donuts and printed value labels.
Values are compared as number sets (RNSS, as DePlot scores them), labels as exact strings.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from recode_dsl.derender import derender_image, rnss, score_table
from recode_dsl.perception import ocr
from recode_dsl.perception.chart import read_chart

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "perception"
CASES = sorted(p.stem for p in FIXTURES.glob("*.json"))

pytestmark = pytest.mark.skipif(not ocr.available(), reason="the OCR engine (tesserocr + tesseract-ocr-eng) is missing")


def _truth(name: str) -> dict:
    return json.loads((FIXTURES / f"{name}.json").read_text())


def _numbers(table: dict, kind: str) -> list[float]:
    out: list[float] = []
    for s in table.get("series", []):
        vals = [float(v) for v in s.get("values", [])]
        if kind in ("pie", "donut") and vals:
            total = sum(vals)
            vals = [v / total for v in vals]
        out += vals + [float(v) for v in s.get("x", [])] + [float(v) for v in s.get("y", [])]
    return out


@pytest.fixture(scope="module")
def results() -> dict:
    return {name: derender_image(FIXTURES / f"{name}.png", verify=False) for name in CASES}


def test_there_are_fixtures_of_every_kind() -> None:
    kinds = {_truth(n)["kind"] for n in CASES}
    assert {"bar", "hbar", "grouped_bar", "stacked_bar", "line", "scatter", "pie", "donut"} <= kinds
    assert any(_truth(n).get("log") for n in CASES)
    assert any(min(v for s in _truth(n)["series"] for v in s.get("values", [0])) < 0 for n in CASES)


@pytest.mark.parametrize("name", CASES)
def test_kind_is_read(results: dict, name: str) -> None:
    truth = _truth(name)
    got = results[name]
    assert got.error is None
    want = truth["kind"]
    assert got.kind == want


@pytest.mark.parametrize("name", CASES)
def test_values_are_read(results: dict, name: str) -> None:
    truth = _truth(name)
    got = results[name]
    assert got.table is not None
    score = rnss(_numbers(truth, truth["kind"]), _numbers(got.table, truth["kind"]))
    assert score >= 0.97, (name, got.table)


def test_labels_are_read_exactly_on_the_whole(results: dict) -> None:
    hits = total = 0
    for name in CASES:
        h, t = score_table(_truth(name), results[name].table)["labels"]
        hits, total = hits + h, total + t
    assert total > 60
    assert hits / total >= 0.85


def test_a_negative_bar_is_negative(results: dict) -> None:
    table = results["mpl_bar_negative"].table
    values = dict(zip(table["categories"], table["series"][0]["values"]))
    assert values["South"] < 0 and values["West"] < 0 and values["North"] > 0
    assert values["West"] == pytest.approx(-27.5, rel=0.02)


def test_log_axis_is_read_as_log() -> None:
    facts = read_chart(__import__("recode_dsl.derender", fromlist=["load_image"]).load_image(
        FIXTURES / "mpl_bar_log.png"))
    assert facts.value_axis is not None and facts.value_axis.log
    values = sorted(facts.series[0].values)
    assert values[0] == pytest.approx(3, rel=0.05) and values[-1] == pytest.approx(2000, rel=0.05)


def test_legend_inside_the_plot_names_the_series(results: dict) -> None:
    table = results["mpl_grouped_legend_inside"].table
    assert [s["name"] for s in table["series"]] == ["Women", "Men"]


def test_rotated_labels_are_read(results: dict) -> None:
    assert results["mpl_bar_rotated"].table["categories"] == _truth("mpl_bar_rotated")["categories"]


def test_donut_has_a_hole(results: dict) -> None:
    assert "hole(" in results["mpl_donut"].program
    assert results["mpl_donut"].kind == "donut"


def test_printed_values_are_used_exactly(results: dict) -> None:
    table = results["mpl_bar_value_labels"].table
    assert table["series"][0]["values"] == [31, 38, 26]
