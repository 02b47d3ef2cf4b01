"""verify: a chart program against its image, on the checked-in matplotlib fixtures (seven
styles) and on our own renderer's charts. True programs verify; a value off, a category dropped
or added, or another kind does not, with a located diagnostic."""

from __future__ import annotations

import copy
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from skimage.io import imread

from recode_dsl import pipeline
from recode_dsl.fit.verify import verify_source
from recode_dsl.interop.chart_spec import load_spec, spec_to_program

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "fit"
CASES = sorted(p for p in FIXTURES.glob("mpl_*.json"))


def _program(spec: dict[str, Any]) -> str:
    return spec_to_program(load_spec(json.dumps(spec)))


def _load(path: Path) -> tuple[dict[str, Any], Any]:
    return json.loads(path.read_text()), imread(path.with_suffix(".png"))


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.stem)
def test_true_programs_verify_in_every_style(path: Path) -> None:
    spec, img = _load(path)
    verdict = verify_source(_program(spec), img)
    assert verdict.verified, [d.message for d in verdict.diagnostics]


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.stem)
def test_a_value_off_by_five_percent_is_an_error_on_that_value(path: Path) -> None:
    spec, img = _load(path)
    wrong = copy.deepcopy(spec)
    series = wrong["series"][0]
    key = "y" if "y" in series else "values"
    i = max(range(len(series[key])), key=lambda k: series[key][k])  # the largest value: most pixels
    series[key][i] = round(series[key][i] * 1.05, 6)
    source = _program(wrong)
    verdict = verify_source(source, img)
    assert not verdict.verified
    e100 = [d for d in verdict.diagnostics if d.code == "E100"]
    assert e100, [d.message for d in verdict.diagnostics]
    line = source.splitlines()[e100[0].span.line - 1]
    assert line.startswith("series(")
    assert _num_at(line, e100[0].span.col) == pytest.approx(series[key][i], rel=1e-6)


def _num_at(line: str, col: int) -> float:
    text = line[col - 1:]
    end = next((k for k, ch in enumerate(text) if ch in ",]"), len(text))
    return float(text[:end])


BARS = [p for p in CASES if json.loads(p.read_text())["kind"] in ("bar", "hbar", "grouped_bar", "stacked_bar",
                                                                   "line")]


@pytest.mark.parametrize("path", BARS, ids=lambda p: p.stem)
def test_a_dropped_category_is_not_verified(path: Path) -> None:
    spec, img = _load(path)
    wrong = copy.deepcopy(spec)
    wrong["categories"] = wrong["categories"][:-1]
    for x in wrong["series"]:
        x["values"] = x["values"][:-1]
    verdict = verify_source(_program(wrong), img)
    assert not verdict.verified


@pytest.mark.parametrize("path", BARS, ids=lambda p: p.stem)
def test_an_added_category_is_not_verified(path: Path) -> None:
    spec, img = _load(path)
    wrong = copy.deepcopy(spec)
    wrong["categories"] = [*wrong["categories"], "Extra"]
    for x in wrong["series"]:
        x["values"] = [*x["values"], x["values"][0]]
    verdict = verify_source(_program(wrong), img)
    assert not verdict.verified


SWAPS = {"bar": "line", "line": "bar", "grouped_bar": "stacked_bar", "stacked_bar": "grouped_bar",
         "scatter": None, "hbar": None, "pie": None}


@pytest.mark.parametrize("path", [p for p in CASES if SWAPS[json.loads(p.read_text())["kind"]]], ids=lambda p: p.stem)
def test_the_wrong_kind_is_not_verified(path: Path) -> None:
    spec, img = _load(path)
    wrong = copy.deepcopy(spec)
    wrong["kind"] = SWAPS[spec["kind"]]
    verdict = verify_source(_program(wrong), img)
    assert not verdict.verified
    assert {d.code for d in verdict.diagnostics} & {"E100", "E101", "E102", "E103"}


def test_our_own_rendering_verifies_and_a_changed_value_does_not() -> None:
    src = 'chart grouped_bar\ncategories("a", "b", "c")\nseries("S", [3, 7, 5])\nseries("T", [4, 2, 6])\n'
    result = pipeline.compile(src, solve=False)
    assert result.scene is not None
    img = pipeline.render(result.scene, "array")
    assert verify_source(src, img).verified
    verdict = verify_source(src.replace("[4, 2, 6]", "[4, 2.5, 6]"), img)
    assert [(d.code, d.span.line, d.span.col) for d in verdict.diagnostics] == [("E100", 4, 17)]


@pytest.mark.parametrize("kind", ["bar", "line"])
def test_our_own_chart_with_its_top_tick_label_at_the_frame_verifies(kind: str) -> None:
    # the '1000' label's glyph tops lie on the top frame line's rows; with the category range
    # stated, a box that took its left side from them put every category 40 px off
    src = (f'chart {kind}\ncategories("a", "b", "c")\nseries("S", [744, 952, 305])\n'
           'value_axis(0, 1010)\ncategory_axis(-0.68, 2.68)\n')
    scene = pipeline.compile(src, solve=False).scene
    assert scene is not None
    img = pipeline.render(scene, "array")
    assert verify_source(src, img).verified
    verdict = verify_source(src.replace("952", "900"), img)
    assert [d.code for d in verdict.diagnostics] == ["E100"]


def test_a_two_series_bar_chart_is_measured_like_grouped_bars() -> None:
    src = 'chart bar\ncategories("a", "b", "c")\nseries("S", [3, 7, 5])\nseries("T", [4, 2, 6])\n'
    scene = pipeline.compile(src, solve=False).scene
    assert scene is not None
    verdict = verify_source(src, pipeline.render(scene, "array"))
    assert verdict.verified
    assert verdict.measurement is not None and verdict.measurement.found == 6


def test_json_carries_residuals_in_pixels_and_data_units() -> None:
    path = FIXTURES / "mpl_default_bar.json"
    spec, img = _load(path)
    doc = verify_source(_program(spec), img).to_json()
    assert doc["verified"] is True
    assert len(doc["marks"]) == len(spec["series"][0]["values"])
    for mark, value in zip(doc["marks"], spec["series"][0]["values"]):
        assert mark["stated"] == pytest.approx(value)
        assert abs(mark["residual_px"]) <= doc["tolerance_px"]
        assert mark["residual"] == pytest.approx(mark["measured"] - mark["stated"])


LINE_PLAN = """chart line
categories("Jan", "Feb", "Mar", "Apr")
series("Plan", [30, 45, 25, 40])
series("Actual", [28, 50, 20, 44])
"""


def test_json_is_plain_json_when_a_line_is_measured() -> None:
    # a line's vertices are measured in numpy's numbers, and each mark's "ok" came out numpy's
    # bool, which json refuses (the verify command's --json crashed on the example of make demo)
    img = imread(Path(__file__).resolve().parents[2] / "examples" / "images" / "vega_line_plan.png")
    doc = json.loads(json.dumps(verify_source(LINE_PLAN, img).to_json()))
    assert [m["ok"] for m in doc["marks"] if m["measured"] is not None]
    assert all(isinstance(m["ok"], bool) for m in doc["marks"])


def test_a_figure_cannot_be_verified() -> None:
    verdict = verify_source("figure\npoint A = (0, 0)\n", imread(FIXTURES / "mpl_default_bar.png"))
    assert not verdict.verified and [d.code for d in verdict.diagnostics] == ["E104"]


def test_the_command_exits_0_when_verified_and_1_with_a_located_error(tmp_path: Path) -> None:
    spec, _ = _load(FIXTURES / "mpl_classic_hbar.json")
    prog = tmp_path / "p.rdsl"
    prog.write_text(_program(spec))
    png = str(FIXTURES / "mpl_classic_hbar.png")
    ok = subprocess.run([sys.executable, "-m", "recode_dsl", "verify", str(prog), png], capture_output=True, text=True)
    assert ok.returncode == 0, ok.stderr
    spec["series"][0]["values"][1] *= 1.2
    prog.write_text(_program(spec))
    bad = subprocess.run([sys.executable, "-m", "recode_dsl", "verify", str(prog), png, "--json"],
                         capture_output=True, text=True)
    assert bad.returncode == 1
    doc = json.loads(bad.stdout)
    assert doc["verified"] is False
    assert doc["diagnostics"][0]["code"] == "E100"
    assert doc["diagnostics"][0]["span"]["line"] == next(i + 1 for i, t in enumerate(prog.read_text().splitlines())
                                                 if t.startswith("series("))


def _render(src: str) -> Any:
    result = pipeline.compile(src, solve=False)
    assert result.scene is not None
    return pipeline.render(result.scene, "array")


def test_a_pie_in_another_renderers_order_and_colours_verifies() -> None:
    """Vega-Lite runs its wedges clockwise from 12 o'clock in its own colours: a program that
    says neither still verifies, and one with two values swapped or off does not."""
    src = 'chart pie\ncategories("a", "b", "c", "d")\nseries("S", [40, 25, 20, 15])\n'
    img = _render(src + 'theme("vega-lite")\n')
    assert verify_source(src, img).verified
    for wrong in ("[40, 20, 25, 15]", "[40, 27, 18, 15]"):
        verdict = verify_source(src.replace("[40, 25, 20, 15]", wrong), img)
        assert not verdict.verified
        assert {d.code for d in verdict.diagnostics} == {"E100"}


def test_bars_that_fill_the_box_do_not_pass_for_its_background() -> None:
    """Horizontal bars from side to side of the box, one reaching its far end: the background
    is still the plot's, so every bar is found and measured."""
    src = ('chart hbar\ncategories("a", "b", "c", "d")\nseries("S", [10, 14, 1, 12])\nbar_width(0.92)\n'
           'value_axis(0, 14)\n')
    img = _render(src + 'theme("vega-lite")\n')
    verdict = verify_source(src, img)
    assert verdict.verified, [d.message for d in verdict.diagnostics]
    assert verdict.measurement is not None and verdict.measurement.found == 4
    assert not verify_source(src.replace("[10, 14, 1, 12]", "[10, 14, 1, 11]"), img).verified


def test_a_line_whose_categories_another_renderer_placed_verifies_at_its_labels() -> None:
    """Vega-Lite's layout (categories half a step in from the box, the value axis from zero):
    a program that states no layout is measured where the image's labels put the categories,
    on the axis its tick labels give, and a changed value is still found."""
    src = 'chart line\ncategories("Mon", "Tue", "Wed", "Thu", "Fri")\nseries("S", [3, 7, 5, 9, 4])\n'
    img = _render(src + 'theme("vega-lite")\n')
    verdict = verify_source(src, img)
    assert verdict.verified, [d.message for d in verdict.diagnostics]
    wrong = verify_source(src.replace("[3, 7, 5, 9, 4]", "[3, 7, 5.5, 9, 4]"), img)
    assert [(d.code, d.span.line) for d in wrong.diagnostics] == [("E100", 3)]


def test_a_scatter_x_axis_the_program_does_not_state_is_read_from_its_labels() -> None:
    src = 'chart scatter\nseries("P", x=[1, 2, 4, 7, 8], y=[3, 1, 6, 2, 9])\n'
    img = _render(src + "x_axis(-1, 12)\n")
    verdict = verify_source(src, img)
    assert verdict.verified, [d.message for d in verdict.diagnostics]
    assert not verify_source(src.replace("x=[1, 2, 4, 7, 8]", "x=[1, 2, 4.4, 7, 8]"), img).verified


VEGA = sorted(FIXTURES.glob("vega_*.json"))  # make_vega_charts.py --seed 733 (ggplot2: 9102; the *_dotted_grid,
# *_zero_bar, *_short_group, *_gaps, *_negative, *_ticks and *_hidden_grid ones: seed 1; *_grey_wedge, *_greys and
# *_edge: seed 2; *_line_greys, *_near_colours, *_on_grid, *_grid_colour, *_rounded_ticks, *_tiny_last: seed 1;
# *_hidden_vertex: seed 7015): no layout stated


def _true_verifies_and_largest_off_does_not(path: Path) -> None:
    spec, img = _load(path)
    verdict = verify_source(_program(spec), img)
    assert verdict.verified, [d.message for d in verdict.diagnostics]
    wrong = copy.deepcopy(spec)
    values = wrong["series"][0]["y" if "y" in wrong["series"][0] else "values"]  # a scatter's y values
    i = max(range(len(values)), key=lambda k: values[k])
    values[i] = round(values[i] * 1.05, 6)
    assert not verify_source(_program(wrong), img).verified


@pytest.mark.parametrize("path", VEGA, ids=lambda p: p.stem)
def test_vega_lite_charts_verify_and_a_value_off_does_not(path: Path) -> None:
    """Charts Vega-Lite drew (its layout, colours, order and themes), with programs that state
    no layout: the true program verifies, one with its largest value 5% off does not."""
    _true_verifies_and_largest_off_does_not(path)


@pytest.mark.xfail(reason="not caught: the rule that caught it (room for one more category beside the categories) "
                          "refused true Vega-Lite bar charts whose plot box is read a few pixels off", strict=True)
def test_a_category_whose_bar_is_too_short_to_show_is_still_missed() -> None:
    """The last bar (2 of 836) shows no pixel: a program without that category explains every
    bar, but Vega-Lite centres its categories in the plot, so the room left after the last one
    says a category is missing (E102); the true program verifies."""
    spec, img = _load(FIXTURES / "vega_fivethirtyeight_bar_tiny_last.json")
    assert spec["series"][0]["values"][-1] <= 2
    assert verify_source(_program(spec), img).verified
    dropped = copy.deepcopy(spec)
    dropped["categories"] = dropped["categories"][:-1]
    dropped["series"][0]["values"] = dropped["series"][0]["values"][:-1]
    verdict = verify_source(_program(dropped), img)
    assert not verdict.verified
    assert [d.code for d in verdict.diagnostics] == ["E102"]
    assert "after the last" in verdict.diagnostics[0].message


def test_a_chart_that_prints_no_labels_is_read_on_a_round_range() -> None:
    """With its tick labels gone (some themes draw no text), a Vega-Lite chart's value axis is
    the program's range ending on round numbers (zero to 10 here): the true program verifies,
    a value 5% off does not."""
    src = 'chart hbar\ncategories("a", "b", "c", "d")\nseries("S", [6.92, 1.56, 9.91, 9.7])\n'
    img = _render(src + 'theme("vega-lite")\nvalue_axis(grid=false)\n').copy()
    from recode_dsl.perception.plotbox import find_plot_box

    box = find_plot_box(img)
    assert box is not None
    x0, y0, x1, y1 = (int(round(v)) for v in box.box)
    keep = img[y0 - 2:y1 + 3, x0 - 2:x1 + 3].copy()
    img[..., :3] = 255  # every text outside the plot box wiped
    img[y0 - 2:y1 + 3, x0 - 2:x1 + 3] = keep
    verdict = verify_source(src, img)
    assert verdict.verified, [d.message for d in verdict.diagnostics]
    assert not verify_source(src.replace("9.91", "9.41"), img).verified


@pytest.mark.parametrize("path", sorted(FIXTURES.glob("markers_*.json")), ids=lambda p: p.stem)
def test_a_marker_merged_with_a_thick_line_does_not_move_its_vertex(path: Path) -> None:
    """Lines with square markers at sharp vertices (make_charts.py --seed 9101): the marker's
    core, merged with the strokes, lies off the vertex, so the line's own estimate stands; the
    true program verifies and a value 5% off does not."""
    _true_verifies_and_largest_off_does_not(path)



def _legend_over(img: Any, frame: Any, left: float, right: float, top_value: float, bottom_value: float,
                 fill: tuple[int, ...]) -> Any:
    """``img`` with a legend-like box over it: ``fill`` inside a 1 px black frame, from pixel
    column ``left`` to ``right`` and from ``top_value`` down to ``bottom_value`` on the value axis."""
    out = img.copy()
    r0, r1 = int(round(frame.value.to_px(top_value))), int(round(frame.value.to_px(bottom_value)))
    c0, c1 = int(round(left)), int(round(right))
    out[r0:r1 + 1, c0:c1 + 1, :3] = 0
    out[r0 + 1:r1, c0 + 1:c1, :3] = fill[:3]
    return out


def test_a_bar_whose_end_a_legend_on_the_plots_ground_covers_reaches_at_least_what_shows() -> None:
    """A legend box of the plot's own ground colour, framed, over the top of the tallest bar:
    the bar seems to end at the frame. The true program verifies (the bar reaches at least
    that far), and one that says less than what shows does not; a line across the whole box at
    that height (a gridline's length) is no cover."""
    src = 'chart bar\ncategories("a", "b", "c")\nseries("S", [30, 80, 50])\nvalue_axis(0, 100)\n'
    img = _render(src)
    plain = verify_source(src, img)
    assert plain.verified and plain.measurement is not None and plain.measurement.frame is not None
    fr = plain.measurement.frame
    assert not any(r.hidden for r in plain.measurement.readings)
    mid = fr.other.to_px(1.0)
    ground = tuple(int(v) for v in img[int(fr.value.to_px(95.0)), int(mid)])
    covered = _legend_over(img, fr, mid - 60, mid + 60, 95.0, 70.0, ground)
    verdict = verify_source(src, covered)
    assert verdict.verified, [d.message for d in verdict.diagnostics]
    # and scores as the plain image does (the critic ranks by it): what the cover hides is no error
    assert verdict.score > 0.9 and abs(verdict.score - plain.score) < 0.05, (verdict.score, plain.score)
    assert verdict.measurement is not None
    hidden = [r for r in verdict.measurement.readings if r.hidden]
    assert [(r.index, r.measured is not None and r.measured < 72.0) for r in hidden] == [(1, True)]
    assert not verify_source(src.replace("[30, 80, 50]", "[30, 60, 50]"), covered).verified
    # a line the width of the box at the bar's end is a gridline, not a legend's frame
    across = _legend_over(img, fr, fr.box[0] + 1, fr.box[2] - 1, 95.0, 70.0, ground)
    v = verify_source(src, across)
    assert v.measurement is not None and not any(r.hidden for r in v.measurement.readings)


def test_verify_words_its_diagnostics_through_the_message_catalogue() -> None:
    """The texts verify reports come from recode_dsl.messages, worded as before they moved there."""
    from recode_dsl import messages

    assert messages.verify_too_few_marks(3, 9) == ("the image contradicts the program's structure: only 3 of the "
                                                   "program's 9 marks show in the image: another chart kind, or "
                                                   "other data")
    assert messages.verify_unmeasurable("ValueError") == ("cannot verify the program against the image: the image "
                                                          "cannot be measured (ValueError)")
    assert messages.verify_not_a_chart() == ("cannot verify the program against the image: only chart programs "
                                             "show their data in an image")
    assert messages.verify_unexplained("a bar at 3-9 px") == "the image shows bar at 3-9 px"
    assert messages.verify_unexplained("3 more point(s)") == "the image shows 3 more point(s)"
    # a program whose category is dropped: E102 worded from the measured problem
    src = 'chart bar\ncategories("a", "b", "c")\nseries("S", [30, 80, 50])\nvalue_axis(0, 100)\n'
    verdict = verify_source(src.replace('"a", "b", "c"', '"a", "b"').replace("[30, 80, 50]", "[30, 80]"),
                            _render(src))
    e102 = [d.message for d in verdict.diagnostics if d.code == "E102"]
    assert e102 and all(m.startswith("the image shows bar at ") for m in e102), e102


@pytest.mark.parametrize("gap", [0.05, 0.08, 0.1])
def test_two_scatter_markers_overlapping_into_one_blob_are_read_apart(gap: float) -> None:
    """Two points 2-4 px apart draw one blob of about one marker's area: each is read about
    the blob's centre as far apart as the blob is longer than one marker (both were read at
    the blob's centre, half their distance off each)."""
    src = (f'chart scatter\nseries("P", x=[1, 2, 4, 5, 5, 7, 8], y=[3, 1, 6, 5, {5 + gap}, 2, 9])\n'
           'x_axis(0, 10)\nvalue_axis(0, 10)\n')
    verdict = verify_source(src, _render(src))
    assert verdict.verified, [d.message for d in verdict.diagnostics]
    assert verdict.measurement is not None
    pair = [r for r in verdict.measurement.readings if r.index in (3, 4) and r.field == "y"]
    assert len(pair) == 2 and all(r.residual_px is not None and abs(r.residual_px) <= 0.75 for r in pair), pair


def _moved_by(src: str, item: str, px: float) -> tuple[str, np.ndarray]:
    """The program with ``item`` of its first series moved so that its mark measures ``px``
    pixels short of it in its image, and the image."""
    result = pipeline.compile(src, solve=False)
    assert result.scene is not None
    img = np.asarray(pipeline.render(result.scene, "array"))
    m = verify_source(src, img).measurement
    assert m is not None and m.frame is not None
    r0 = next(r.residual_px for r in m.readings if r.series == 0 and r.stated == float(item))
    assert r0 is not None
    moved = float(item) + (px + r0) / m.frame.value.px_per_unit()
    return src.replace(item, f"{moved:.4f}", 1), img


@pytest.mark.parametrize("kind", ["bar", "hbar"])
def test_a_bars_end_moved_more_than_an_edge_is_read_to_is_an_error(kind: str) -> None:
    # a bar's end is one edge met by the plot's ground: known to half a pixel and the scale's
    # half pixel, so 1.3 px is more than the image allows, though under a marker's 1.5 px
    src = f'chart {kind}\ncategories("a", "b", "c")\nseries("S", [30, 70, 50])\nvalue_axis(0, 100)\n'
    off, img = _moved_by(src, "50", 1.3)
    verdict = verify_source(off, img)
    assert [(d.code, d.span.line) for d in verdict.diagnostics] == [("E100", 3)]
    assert verdict.measurement is not None
    worst = verdict.measurement.worst_px()
    assert 1.125 < worst < 1.5, worst


STACK = ('chart stacked_bar\ncategories("a", "b", "c")\nseries("S", [30, 40, 20])\n'
         'series("T", [20, 30, 50])\nvalue_axis(0, 100)\n')


def test_a_stacked_segments_top_moved_more_than_an_edge_is_read_to_is_an_error_on_that_segment() -> None:
    # the segment's length is two ends (its own and its base's: the full tolerance), but the
    # stack's top there is one edge on a stated scale, as a bar's end is; the segment above,
    # its own length right, is not blamed
    off, img = _moved_by(STACK, "40", 1.3)
    verdict = verify_source(off, img)
    assert [(d.code, d.span.line) for d in verdict.diagnostics] == [("E100", 3)]
    assert '"b"' in verdict.diagnostics[0].message


def test_a_stacked_segment_within_an_edge_of_its_top_verifies() -> None:
    off, img = _moved_by(STACK, "40", 0.8)
    assert verify_source(off, img).verified


def test_a_category_the_programs_own_range_puts_outside_the_plot_is_not_found() -> None:
    # the renderer clips its bar away: no pixel can show its value (a text there is no cover)
    src = ('chart hbar\ncategories("a", "b", "c")\nseries("S", [744, 952, 305])\nvalue_axis(0, 1010)\n'
           'category_axis(-0.68, 2.68)\n')
    result = pipeline.compile(src, solve=False)
    assert result.scene is not None
    img = np.asarray(pipeline.render(result.scene, "array"))
    assert verify_source(src, img).verified
    added = src.replace('"c")', '"c", "d")').replace("305]", "305, 744]")
    verdict = verify_source(added, img)
    assert [(d.code, d.span.line, d.hint) for d in verdict.diagnostics] == [
        ("E101", 3, "the program's category range leaves it outside the plot")]
    assert verdict.score < 1.0


@pytest.mark.parametrize(("last", "shows"), [(5, True), (8, True), (0, False)])
def test_a_dropped_category_whose_bar_is_a_few_px_long_is_a_mark_the_program_does_not_explain(
        last: int, shows: bool) -> None:
    # the last bar is 2.5-4 px long, too short for the scan along the base; a bar of value 0
    # draws nothing, so a program without it explains the image
    src = (f'chart hbar\ncategories("a", "b", "c", "d")\nseries("S", [744, 952, 305, {last}])\n'
           'value_axis(0, 1010)\ncategory_axis(-0.5, 3.5)\n')
    img = _render(src)
    assert verify_source(src, img).verified
    dropped = src.replace(', "d")', ')').replace(f', {last}]', ']')
    verdict = verify_source(dropped, img)
    assert [d.code for d in verdict.diagnostics] == (["E102"] if shows else [])
    if shows:
        assert "place 4" in verdict.diagnostics[0].message
        assert verdict.score < verify_source(src, img).score


def test_a_value_label_at_a_bars_end_hides_no_more_than_its_own_width() -> None:
    """A value label printed touching an hbar's end (two dark glyphs, a pixel of ground between)
    covers the end: the program may say the bar runs on under the label, but not past it (a
    value 16 px past the visible end, beyond the label's 11 px, was accepted as covered)."""
    src = 'chart hbar\ncategories("a", "b", "c")\nseries("S", [30, 60, 50])\nvalue_axis(0, 100)\n'
    img = _render(src)
    plain = verify_source(src, img)
    assert plain.verified and plain.measurement is not None and plain.measurement.frame is not None
    fr = plain.measurement.frame
    end = int(round(fr.value.to_px(60.0)))
    mid = int(round(fr.other.to_px(1.0)))
    labelled = img.copy()
    for c0, c1 in ((end, end + 5), (end + 6, end + 11)):  # two glyphs, ground between
        labelled[mid - 16:mid + 17, c0:c1, :3] = 0  # over the bar's middle
    assert verify_source(src, labelled).verified
    per_px = fr.value.px_per_unit()
    under = verify_source(src.replace("60", f"{60 + 6 / per_px:.3f}"), labelled)  # under the label
    assert under.verified, [d.message for d in under.diagnostics]
    past = verify_source(src.replace("60", f"{60 + 16 / per_px:.3f}"), labelled)  # past it
    assert [(d.code, d.span.line) for d in past.diagnostics] == [("E100", 3)]


def test_a_line_vertex_under_a_series_drawn_after_it_is_hidden_not_missing() -> None:
    """Vega-Lite (carbonwhite, make_vega_charts.py --seed 7015) draws Wholesale after Online, and
    both end on 30 then 49: Online's last segment and vertex lie under Wholesale's, no pixel of
    its own shows there. The true program verifies; Online's last value 4% off, its vertex off
    the later line, is not found."""
    path = FIXTURES / "vega_carbonwhite_line_hidden_vertex.json"
    spec, img = _load(path)
    verdict = verify_source(_program(spec), img)
    assert verdict.verified, [d.message for d in verdict.diagnostics]
    wrong = copy.deepcopy(spec)
    assert wrong["series"][0]["values"][-1] == wrong["series"][2]["values"][-1] == 49
    wrong["series"][0]["values"][-1] = 47.04
    verdict = verify_source(_program(wrong), img)
    assert [d.code for d in verdict.diagnostics] == ["E101"]
    assert "Grapes" in verdict.diagnostics[0].message
