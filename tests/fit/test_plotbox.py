"""The plot box finder, on our own renderer's charts (exact truth from the renderer's plan)
and on small matplotlib charts checked in under tests/fixtures/fit/ in seven styles."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from skimage.io import imread

from recode_dsl import pipeline
from recode_dsl import scene as s
from recode_dsl.perception.plotbox import edge_in_profile, find_plot_box
from recode_dsl.renderer.chart import plan, render_chart

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "fit"
# styles whose box shows as a frame line or a shaded background: to a pixel. fivethirtyeight
# shows neither; its gridlines stop under an invisible frame line about 2 px inside the box
FRAMED_TOL = 1.0
FRAMELESS_TOL = 3.0

PROGRAMS = {
    "bar": 'chart bar\ncategories("a", "b", "c")\nseries("S", [3, 7, 5])\n',
    "hbar": 'chart hbar\ncategories("a", "b", "c", "d")\nseries("S", [3, 7, 5, 1])\n',
    "grouped": 'chart grouped_bar\ncategories("a", "b")\nseries("S", [3, 7])\nseries("T", [4, 2])\n',
    "stacked": 'chart stacked_bar\ncategories("a", "b", "c")\nseries("S", [3, 7, 5])\nseries("T", [1, 2, 2])\n',
    "line": 'chart line\ncategories("a", "b", "c", "d")\nseries("S", [3, 7, 5, 6])\nvalue_axis(0, 10, grid=true)\n',
    "scatter": 'chart scatter\nseries("P", x=[1, 2, 4], y=[3, 9, 4])\n',
    "area": 'chart area\ncategories("a", "b", "c")\nseries("S", [3, 7, 5])\n',
    "boxed": ('chart bar\ncanvas(500, 300)\nplot_box(61.5, 40, 470, 251.25)\n'
              'categories("a", "b")\nseries("S", [3, 7])\n'),
    # the top tick label's glyph tops lie on the frame line's row: they do not take its left end
    "top_label": 'chart bar\ncategories("a", "b", "c")\nseries("S", [744, 952, 305])\nvalue_axis(0, 1010)\n',
    "titled": 'chart line "Visitors"\ncanvas(400, 400)\ncategories("a", "b", "c")\nseries("S", [30, 70, 50])\n',
}


def _chart(source: str) -> s.Chart:
    result = pipeline.compile(source, solve=False)
    assert result.ok, result.diagnostics
    assert isinstance(result.scene, s.Chart)
    return result.scene


@pytest.mark.parametrize("name", sorted(PROGRAMS))
def test_finds_our_renderers_plot_box(name: str) -> None:
    chart = _chart(PROGRAMS[name])
    truth = plan(chart).frame.box
    found = find_plot_box(render_chart(chart, "array"))
    assert found is not None
    assert np.abs(np.subtract(found.box, truth)).max() <= FRAMED_TOL, (found, truth)
    assert "line" in found.how  # our frame is drawn


def _fixtures() -> list[Path]:
    return sorted(p for p in FIXTURES.glob("mpl_*.json") if json.loads(p.read_text())["kind"] != "pie")


@pytest.mark.parametrize("path", _fixtures(), ids=lambda p: p.stem)
def test_finds_matplotlibs_plot_box_in_every_style(path: Path) -> None:
    truth = json.loads(path.read_text())
    found = find_plot_box(imread(path.with_suffix(".png")))
    assert found is not None
    tol = FRAMELESS_TOL if truth["style"] == "fivethirtyeight" else FRAMED_TOL
    err = np.abs(np.subtract(found.box, truth["plot_box_px"]))
    assert err.max() <= tol, (found, truth["plot_box_px"])


def test_fixture_suite_covers_frameless_and_shaded_styles() -> None:
    styles = {json.loads(p.read_text())["style"] for p in _fixtures()}
    assert {"fivethirtyeight", "ggplot", "seaborn-v0_8-darkgrid", "classic"} <= styles


def test_no_box_in_a_blank_image_or_a_pie() -> None:
    assert find_plot_box(np.full((120, 160, 3), 255, np.uint8)) is None
    pie = _chart('chart pie\ncategories("a", "b", "c")\nseries("S", [3, 7, 5])\n')
    found = find_plot_box(render_chart(pie, "array"))
    assert found is None or found.width < 0.9 * 640  # never the whole canvas


def test_a_box_drawn_at_a_fraction_of_a_pixel() -> None:
    img = np.full((120, 200, 3), 1.0)
    img[30:91, 40] = img[30:91, 160] = 0.0  # 1-px lines: centres at 40.5 and 160.5
    img[30, 40:161] = img[90, 40:161] = 0.0
    found = find_plot_box(img)
    assert found is not None
    assert found.box == pytest.approx((40.0, 30.0, 160.0, 90.0), abs=0.01)


def test_edge_profile_finds_a_step_past_a_gridline() -> None:
    white, grey = [1.0] * 3, [0.9] * 3
    profile = np.array([white] * 6 + [grey] * 6 + [white] + [grey] * 2)  # a white gridline inside
    found = edge_in_profile(profile)
    assert found is not None and found[1] is False
    assert found[0] == pytest.approx(6.0)


def test_a_gridline_under_a_legend_stays_one_line() -> None:
    # a legend drawn over a gridline, its fill near the ground's colour and its border where the
    # line comes out from under it: the line is hidden there, not ended (it still spans the box)
    from recode_dsl.perception.plotbox import EDGE_STEP, _segments

    img = np.empty((200, 300, 3))
    img[:] = (0.93, 0.91, 0.84)
    img[20:181, 150] = 1.0  # the gridline, rows 20-180
    img[24:61, 120:191] = (0.99, 0.96, 0.89)  # the legend's fill over it from row 24 to 60
    img[24, 120:191] = img[60, 120:191] = img[24:61, 120] = img[24:61, 190] = 0.8  # its border
    across_cols = np.linalg.norm(np.diff(img, axis=1), axis=2) > EDGE_STEP
    rows, starts, ends, _ = _segments(img.transpose(1, 0, 2), across_cols.T, 100)
    at_line = (rows >= 148) & (rows <= 150)
    assert at_line.any()
    assert starts[at_line].min() <= 20 and ends[at_line].max() >= 180
    assert (starts[at_line] <= 20).any() and (ends[at_line][starts[at_line] <= 20] >= 180).all()


def test_the_box_finders_shared_differences_give_the_plain_computations_floats() -> None:
    # _coarse works the differences out once a direction and reads them channel by channel: the
    # changes, the colour steps and each column's longest run must be those of the plain numpy
    from recode_dsl.perception.plotbox import _channel_max, _channel_norm, _longest, _longest_down, _segments

    rng = np.random.default_rng(5)
    img = np.round(rng.random((60, 80, 3)) * 255) / 255
    for d in (np.diff(img, axis=0), np.diff(img, axis=1)):
        assert (_channel_norm(d) == np.linalg.norm(d, axis=2)).all()
        assert (_channel_max(d) == np.abs(d).max(axis=2)).all()
    changes = np.linalg.norm(np.diff(img, axis=0), axis=2) > 0.3
    plain = _segments(img, changes, 10)
    shared = _segments(img, changes, 10, np.diff(img, axis=1))
    assert all((a == b).all() for a, b in zip(plain, shared))
    for p in (0.2, 0.6, 0.95):
        block = rng.random((40, 9)) < p
        assert _longest_down(block).tolist() == [_longest(block[:, j]) for j in range(9)]
    assert _longest_down(np.zeros((0, 3), bool)).tolist() == [0, 0, 0]


def test_dashes_reads_its_medians_and_shares_as_numpy_does() -> None:
    # dashes takes its medians and shares of whole numbers without numpy's general median and
    # mean: the verdicts of the plain computation on dotted, dashed and irregular runs of ink
    from recode_dsl.perception import plotbox as pb
    from recode_dsl.perception.plotbox import dashes

    def plain(starts: np.ndarray, ends: np.ndarray, length: int) -> bool:
        d = ends - starts
        if len(starts) < pb.DOTTED_MIN_DASHES or d.max() > pb.DOTTED_MAX_DASH_PX or \
                np.mean(np.abs(d - np.median(d)) <= 1) < pb.DOTTED_REGULAR:
            return False
        period = float(np.median(np.diff(starts)))
        return bool(period <= pb.DOTTED_MAX_PERIOD_PX and np.mean(np.abs(np.diff(starts) - period) <= 1)
                    >= pb.DOTTED_REGULAR and len(starts) >= pb.DOTTED_SHOWN * length / period)

    rng = np.random.default_rng(11)
    seen = set()
    for _ in range(3000):
        k, period, jitter = int(rng.integers(1, 40)), int(rng.integers(2, 14)), int(rng.integers(0, 3))
        starts = np.cumsum(rng.integers(max(1, period - jitter), period + jitter + 1, k))
        ends = starts + rng.integers(1, max(2, min(period, 10)), k)
        length = int(rng.integers(20, 400))
        assert dashes(starts, ends, length) == plain(starts, ends, length)
        seen.add(plain(starts, ends, length))
    assert seen == {True, False}
