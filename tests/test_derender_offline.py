"""Offline derendering (issue 12): our own renderer's charts round trip, batches resume,
unreadable text becomes a placeholder with a warning, bad images give a located error, and
the chart benchmark command scores tables."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

import recode_dsl
from recode_dsl.cli import main
from recode_dsl.derender import derender_batch, derender_image, expand, rnss
from recode_dsl.interop.chart_spec import chart_table
from recode_dsl.perception import ocr

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
FIXTURES = ROOT / "tests" / "fixtures" / "perception"

pytestmark = pytest.mark.skipif(not ocr.available(), reason="the OCR engine (tesserocr + tesseract-ocr-eng) is missing")


def _charts() -> list[str]:
    out = []
    for p in sorted(EXAMPLES.glob("*.rdsl")):
        r = recode_dsl.compile(p.read_text(), filename=str(p), solve=False)
        if isinstance(r.scene, recode_dsl.scene.Chart):
            out.append(p.stem)
    return out


def _flat(table: dict, pie: bool) -> list[float]:
    vals: list[float] = []
    for s in table.get("series", []):
        v = [float(x) for x in s.get("values", [])]
        if pie and v:
            v = [x / sum(v) for x in v]
        vals += v + [float(x) for x in s.get("x", [])] + [float(x) for x in s.get("y", [])]
    return vals


# Our renderer's charts whose round trip is not yet lossless, and why (see the report):
# scatter_log's points on log axes are read to a pixel, 1-2% (its powers-of-ten labels are read).
NOT_YET = {"scatter_log"}


@pytest.mark.parametrize("name", _charts())
def test_our_charts_round_trip(name: str) -> None:
    if name in NOT_YET:
        pytest.xfail("not read yet: " + name)
    result = recode_dsl.compile((EXAMPLES / f"{name}.rdsl").read_text(), solve=False)
    chart = result.scene
    image = recode_dsl.render(chart, "array")
    got = derender_image(image, verify=False)
    assert got.error is None
    assert got.kind == chart.kind
    truth = json.loads(json.dumps(chart_table(chart), default=float))
    pie = chart.kind in ("pie", "donut")
    # categories are read exactly (a pie's and a horizontal chart's order is the reader's own)
    if "categories" in truth:
        assert sorted(got.table["categories"]) == sorted(truth["categories"])
        if not pie and chart.kind not in ("hbar", "stacked_hbar"):
            assert got.table["categories"] == truth["categories"]
    assert rnss(_flat(truth, pie), _flat(got.table, pie)) >= 0.99


@pytest.mark.parametrize("name", ["bar_revenue", "grouped_bar_sales", "hbar_languages", "stacked_bar_totals",
                                  "area_traffic", "stacked_bar_energy", "stacked_hbar_survey"])
def test_bar_charts_round_trip_exactly(name: str) -> None:
    chart = recode_dsl.compile((EXAMPLES / f"{name}.rdsl").read_text(), solve=False).scene
    assert isinstance(chart, recode_dsl.scene.Chart)
    table = derender_image(recode_dsl.render(chart, "array"), verify=False).table
    want = chart_table(chart)
    assert table is not None and table["categories"] == want["categories"]
    assert len(table["series"]) == len(want["series"])
    if len(want["series"]) > 1:  # a single series' name is shown nowhere (no legend)
        assert [s["name"] for s in table["series"]] == [s["name"] for s in want["series"]]
    for g, w in zip(table["series"], want["series"]):
        assert g["values"] == [float(v) for v in w["values"]]


def test_a_log_value_axis_keeps_small_values_to_a_pixel() -> None:
    # values four decades apart on a log value axis: each is rounded within a pixel at its own size
    # (a pixel spans 0.0001 near 0.004 and 30 near 800), so none becomes 0, and the axis says log=true
    values = [0.004, 0.3, 25, 800]
    src = ('chart bar\ncanvas(640, 480)\ncategories("a", "b", "c", "d")\nseries("S", [0.004, 0.3, 25, 800])\n'
           "value_axis(0.001, 1000, ticks=[0.001, 0.01, 0.1, 1, 10, 100, 1000], log=true)\n")
    chart = recode_dsl.compile(src, solve=False).scene
    assert chart is not None
    got = derender_image(np.asarray(recode_dsl.render(chart, "array")), verify=False)
    assert got.error is None and got.table is not None, got.error
    assert "log=true" in next(line for line in got.program.splitlines() if line.startswith("value_axis("))
    read = got.table["series"][0]["values"]
    assert all(0 < g and abs(g - w) <= 0.05 * w for g, w in zip(read, values)), read


def test_powers_of_ten_label_a_log_axis() -> None:
    # x labels drawn as 10 and a raised exponent (OCR reads '10²' as '10' or '10?'): each exponent
    # is read on its own, and the axis is a log axis through them, written with log=true
    from recode_dsl.perception.chart import read_chart

    chart = recode_dsl.compile((EXAMPLES / "scatter_log.rdsl").read_text(), solve=False).scene
    image = np.asarray(recode_dsl.render(chart, "array"))
    facts = read_chart(image)
    assert facts.x_axis is not None and facts.x_axis.log
    ticks = [v for _, v in facts.x_axis.ticks]
    assert len(ticks) >= 3 and set(ticks) <= {1.0, 10.0, 100.0, 1000.0, 10000.0}
    got = derender_image(image, verify=False)
    assert "log=true" in next(line for line in got.program.splitlines() if line.startswith("x_axis("))
    xs = sorted(got.table["series"][0]["x"])
    assert all(abs(g - w) <= 0.03 * w for g, w in zip(xs, [1, 10, 100, 1000, 10000]))


def test_answers_come_from_the_program(tmp_path: Path) -> None:
    got = derender_image(FIXTURES / "mpl_grouped_legend_inside.png", asks=['argmax("Women")', 'sum("Men")'])
    assert got.error is None and got.program.startswith("chart grouped_bar")
    answers = {a["query"]: a for a in got.answers}
    assert answers['argmax("Women")']["text"] == "May"
    table = dict(zip(got.table["categories"], got.table["series"][1]["values"]))
    assert answers['sum("Men")']["value"] == pytest.approx(sum(table.values()))


def test_unreadable_labels_become_placeholders_not_inventions() -> None:
    src = 'chart bar\ncanvas(480, 360)\ncategories("North", "South", "East")\nseries("S", [30, 50, 20])\n'
    chart = recode_dsl.compile(src, solve=False).scene
    image = np.array(recode_dsl.render(chart, "array"))
    # paint over everything under the plot: the category labels are gone
    rows = np.flatnonzero((image[..., :3].min(axis=-1) < 100).sum(axis=1) > 150)
    image[rows.max() + 2:, :, :3] = 255
    got = derender_image(image, verify=False)
    assert got.error is None
    assert 'categories("[unreadable 1]", "[unreadable 2]", "[unreadable 3]")' in got.program
    assert got.table["categories"] == [None, None, None]  # unknown in the table, values in place
    codes = [d["code"] for d in got.diagnostics]
    assert codes.count("E111") == 3
    assert all(d["severity"] == "warning" for d in got.diagnostics if d["code"] == "E111")
    assert rnss([30, 50, 20], got.table["series"][0]["values"]) > 0.98


@pytest.mark.parametrize("image", [np.full((60, 80, 3), 255, np.uint8), np.zeros((5, 5, 3), np.uint8),
                                   np.random.default_rng(0).integers(0, 255, (80, 80, 3), dtype=np.uint8)])
def test_not_a_chart_is_a_located_error(image: np.ndarray) -> None:
    got = derender_image(image, verify=False)
    assert got.error is not None and not got.program
    assert [d["code"] for d in got.diagnostics] == ["E110"]
    assert got.diagnostics[0]["span"]["line"] == 1


def test_an_unreadable_file_is_an_error_not_a_crash(tmp_path: Path) -> None:
    bad = tmp_path / "x.png"
    bad.write_bytes(b"not a png")
    got = derender_image(bad)
    assert got.error is not None and got.program == ""


def test_batch_writes_programs_tables_and_a_resumable_summary(tmp_path: Path) -> None:
    images = expand([str(FIXTURES / "mpl_bar_default.png"), str(FIXTURES / "vega_pie.png")])
    out = tmp_path / "out"
    rows = derender_batch(images, out, progress=False)
    assert len(rows) == 2
    for stem in ("mpl_bar_default", "vega_pie"):
        assert (out / f"{stem}.rdsl").read_text().startswith("chart ")
        assert "series" in json.loads((out / f"{stem}.json").read_text())
    summary = [json.loads(x) for x in (out / "summary.jsonl").read_text().splitlines()]
    assert [r["name"] for r in summary] == ["mpl_bar_default", "vega_pie"]
    assert derender_batch(images, out, progress=False) == []  # done already: skipped
    more = expand([str(FIXTURES / "mpl_pie.png"), *map(str, images)])
    assert [r["name"] for r in derender_batch(more, out, progress=False)] == ["mpl_pie"]


def test_bench_charts_scores_tables(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    truth = tmp_path / "truth"
    truth.mkdir()
    for stem in ("mpl_bar_default", "mpl_line_markers"):
        for ext in ("png", "json"):
            (truth / f"{stem}.{ext}").write_bytes((FIXTURES / f"{stem}.{ext}").read_bytes())
    assert main(["bench", "charts", str(truth), "--out", str(tmp_path / "pred"), "--no-progress"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[-1].startswith("summary: charts=2 ")
    assert any(line.startswith("kind:line") for line in out)
    # scoring given tables: a wrong table scores worse
    wrong = tmp_path / "wrong"
    wrong.mkdir()
    (wrong / "mpl_bar_default.json").write_text(json.dumps(
        {"categories": ["2019", "2020", "2021", "2022"], "series": [{"name": "R", "values": [1, 2, 3, 4]}]}))
    assert main(["bench", "charts", str(truth), "--proposals", str(wrong)]) == 0
    assert "rnss=" in capsys.readouterr().out


def test_bench_charts_without_truth_is_e112(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["bench", "charts", str(tmp_path)]) == 1
    assert "error[E112]" in capsys.readouterr().err


def test_a_figure_is_read_as_a_figure_program() -> None:
    """An image that is no chart but a geometry figure comes back as a figure program (points
    as sketches) that compiles, never as an E110 error."""
    prog = ("figure\npoint A = (0, 0), B = (6, 0), C = (6, 4)\nsegment(A, B)\nsegment(B, C)\n"
            "segment(A, C)\n")
    scene = recode_dsl.compile(prog).scene
    img = recode_dsl.render(scene, "array")[:, :, :3]
    got = derender_image(np.ascontiguousarray(img), verify=False)
    assert got.kind == "figure" and got.error is None
    assert got.program.startswith("figure") and " ~ (" in got.program
    assert recode_dsl.compile(got.program).ok
    assert not got.verified and got.verdict is None  # verify=False: not checked
    checked = derender_image(np.ascontiguousarray(img))
    assert checked.verified and checked.verdict is not None and checked.verdict["kind"] == "figure"


def test_an_unverified_program_is_written_and_the_exit_code_says_so(tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue 12: a program that does not verify is still written (with its verdict beside it),
    and the command exits 1. The verdict is forced to 'not verified' to test the command alone."""
    from recode_dsl.agent.loop import Derendering

    prog = ("figure\npoint A = (0, 0), B = (6, 0), C = (6, 4)\nsegment(A, B)\nsegment(B, C)\n"
            "segment(A, C)\n")
    png = tmp_path / "fig.png"
    png.write_bytes(recode_dsl.render(recode_dsl.compile(prog).scene, "png"))
    out = tmp_path / "fig.rdsl"
    assert main(["derender", str(png), "-o", str(out)]) == 0  # our own drawing verifies
    monkeypatch.setattr(Derendering, "verified", property(lambda self: False))
    assert main(["derender", str(png), "-o", str(out)]) == 1
    assert out.read_text(encoding="utf-8").startswith("figure")
    assert json.loads(out.with_suffix(".json").read_text(encoding="utf-8"))["verified"] is False


def test_a_figure_is_read_once_to_write_and_verify_it(monkeypatch: pytest.MonkeyPatch) -> None:
    """Derendering a figure reads the image once: the verifier is given the reading the program
    was written from."""
    import recode_dsl.perception.diagram as diagram

    calls: list[int] = []
    real = diagram.read_figure

    def counted(image: object, **kw: object) -> object:
        calls.append(1)
        return real(image, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(diagram, "read_figure", counted)
    prog = ("figure\npoint A = (0, 0), B = (6, 0), C = (6, 4)\nsegment(A, B)\nsegment(B, C)\n"
            "segment(A, C)\n")
    img = recode_dsl.render(recode_dsl.compile(prog).scene, "array")[:, :, :3]
    got = derender_image(np.ascontiguousarray(img))
    assert got.kind == "figure" and got.verified
    assert len(calls) == 1
