"""The critic scores faithful renderings above unfaithful ones, on synthetic images."""

from __future__ import annotations

import numpy as np
import pytest

from recode_dsl.fit import critic


def _canvas(h: int = 96, w: int = 128) -> np.ndarray:
    return np.full((h, w, 4), 255, np.uint8)


def _bars(heights: list[int], h: int = 96, w: int = 128, shift: int = 0) -> np.ndarray:
    img = _canvas(h, w)
    for i, bh in enumerate(heights):
        x0 = 10 + i * 30 + shift
        img[h - 10 - bh: h - 10, x0: x0 + 18, :3] = (31, 119, 180)
    return img


def test_identical_images_score_one() -> None:
    img = _bars([40, 20, 60])
    fid = critic.score(img, img)
    assert fid.score == pytest.approx(1.0)
    assert fid.ssim == pytest.approx(1.0)
    assert fid.edges == pytest.approx(1.0)


def test_closer_values_score_higher() -> None:
    target = _bars([40, 20, 60])
    near = critic.score(target, _bars([42, 20, 58]))
    far = critic.score(target, _bars([10, 60, 20]))
    assert 0.0 <= far.score < near.score < 1.0


def test_a_shift_lowers_the_score_monotonically() -> None:
    target = _bars([40, 20, 60])
    scores = [critic.score(target, _bars([40, 20, 60], shift=s)).score for s in (0, 2, 6)]
    assert scores[0] > scores[1] > scores[2]


def test_target_is_resized_to_the_rendering() -> None:
    small = _bars([20, 10, 30], h=48, w=64)
    big = np.kron(small[..., :3], np.ones((2, 2, 1), np.uint8))
    fid = critic.score(big, small)  # target 96x128 RGB against a 48x64 RGBA rendering
    assert fid.score > 0.8


def test_transparent_pixels_read_as_paper() -> None:
    opaque = _bars([40, 20, 60])
    clear = opaque.copy()
    blank = (clear[..., :3] == 255).all(axis=-1)
    clear[blank] = (0, 0, 0, 0)  # black but fully transparent where the paper is
    assert critic.score(opaque, clear).score == pytest.approx(1.0)


def test_rank_orders_most_faithful_first_and_keeps_ties_in_order() -> None:
    target = _bars([40, 20, 60])
    renders = [_bars([10, 60, 20]), target.copy(), _bars([41, 20, 60]), target.copy()]
    order = [i for i, _ in critic.rank(target, renders)]
    assert order[:2] == [1, 3]
    assert order[2] == 2 and order[3] == 0


def test_blank_images_have_full_edge_agreement() -> None:
    blank = _canvas()
    assert critic.score(blank, blank).edges == 1.0


def test_the_structural_critic_picks_the_true_program_in_a_styled_chart() -> None:
    import json
    from pathlib import Path

    from skimage.io import imread

    from recode_dsl.fit.critic import judge_charts
    from recode_dsl.fit.verify import compile_chart
    from recode_dsl.interop.chart_spec import load_spec, spec_to_program

    path = Path(__file__).resolve().parents[1] / "fixtures" / "fit" / "mpl_ggplot_grouped_bar.json"
    spec = json.loads(path.read_text())
    variants = []
    for factor in (1.0, 1.03, 0.8):
        v = json.loads(json.dumps(spec))
        v["series"][1]["values"] = [x * factor for x in v["series"][1]["values"]]
        variants.append(v)
    stacked = json.loads(json.dumps(spec))
    stacked["kind"] = "stacked_bar"
    charts = [compile_chart(spec_to_program(load_spec(json.dumps(v))))[1] for v in [*variants, stacked]]
    ranked = judge_charts(charts, imread(path.with_suffix(".png")))
    assert ranked[0][0] == 0 and ranked[0][2] is True
    assert all(not verified for _, _, verified in ranked[1:])


def _fixture_candidates(name: str) -> tuple[list[object], np.ndarray]:
    import json
    from pathlib import Path

    from skimage.io import imread

    from recode_dsl.fit.verify import compile_chart
    from recode_dsl.interop.chart_spec import load_spec, spec_to_program

    path = Path(__file__).resolve().parents[1] / "fixtures" / "fit" / f"{name}.json"
    spec = json.loads(path.read_text())
    off = json.loads(json.dumps(spec))
    off["series"][0]["values"] = [x * 1.2 for x in off["series"][0]["values"]]
    charts: list[object] = [compile_chart(spec_to_program(load_spec(json.dumps(v))))[1] for v in (spec, off)]
    return charts, np.asarray(imread(path.with_suffix(".png")))


def test_pies_are_judged_without_looking_for_a_plot_box(monkeypatch: pytest.MonkeyPatch) -> None:
    from recode_dsl.perception import plotbox

    def no_box(image: object) -> None:
        raise AssertionError("a pie has no plot box to look for")

    charts, img = _fixture_candidates("mpl_bmh_pie")
    monkeypatch.setattr(plotbox, "find_plot_box", no_box)
    ranked = critic.judge_charts(charts, img)
    assert ranked[0][0] == 0 and ranked[0][2] is True


def test_the_plot_box_is_found_once_for_batches_on_one_image(monkeypatch: pytest.MonkeyPatch) -> None:
    from recode_dsl.perception import plotbox

    calls: list[int] = []
    real = plotbox.find_plot_box

    def counted(image: np.ndarray) -> object:
        calls.append(1)
        return real(image)

    charts, img = _fixture_candidates("mpl_default_bar")
    monkeypatch.setattr(plotbox, "find_plot_box", counted)
    image = plotbox.as_float(img)
    first = critic.judge_charts(charts[:1], image)
    rest = critic.judge_charts(charts[1:], image)
    assert len(calls) == 1
    assert first[0][2] is True and rest[0][2] is False
