"""The fit's rules (issues 9, 11 and 15): it refuses a structure the image contradicts, keeps a
program the image already verifies, reads zero as zero, fits a two-series 'chart bar' like
grouped bars, and stands below the pipeline."""

from __future__ import annotations

import ast
import json
from pathlib import Path

import numpy as np
import pytest
from skimage.io import imread

from recode_dsl import pipeline
from recode_dsl import scene as s
from recode_dsl.fit.chart import fit_chart
from recode_dsl.fit.program import fit_source
from recode_dsl.interop.chart_spec import load_spec, spec_to_program

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "fit"
PACKAGE = Path(__file__).resolve().parents[2] / "recode_dsl"


def _chart(src: str) -> s.Chart:
    scene = pipeline.compile(src, solve=False).scene
    assert isinstance(scene, s.Chart)
    return scene


def _image(src: str) -> np.ndarray:
    return np.asarray(pipeline.render(_chart(src), "array"))


def test_a_program_the_image_verifies_is_left_as_written() -> None:
    src = 'chart bar\ncanvas(320, 240)\ncategories("a", "b", "c")\nseries("S", [3, 1, 2])\nvalue_axis(0, 4)\n'
    text, fit = fit_source(src, _image(src))
    assert fit is not None and not fit.changed and text == src


def test_off_values_are_fitted_and_zero_is_zero() -> None:
    truth = 'chart bar\ncanvas(400, 300)\ncategories("a", "b", "c", "d")\nseries("S", [30, 0, 20, 45])\n' \
            'value_axis(0, 50)\n'
    guess = truth.replace("[30, 0, 20, 45]", "[33, 1.5, 18, 41]")
    fit = fit_chart(_chart(guess), _image(truth))
    assert fit.changed
    assert fit.chart.series[0].values[1] == 0
    assert [float(v) for v in fit.chart.series[0].values] == pytest.approx([30, 0, 20, 45], abs=0.5)


def test_a_two_series_bar_chart_fits_like_grouped_bars() -> None:
    truth = 'chart bar\ncanvas(400, 300)\ncategories("a", "b", "c")\nseries("S", [3, 7, 5])\n' \
            'series("T", [4, 2, 6])\nvalue_axis(0, 8)\n'
    guess = truth.replace("[3, 7, 5]", "[3.3, 6.4, 5.4]").replace("[4, 2, 6]", "[3.7, 2.2, 6.5]")
    fit = fit_chart(_chart(guess), _image(truth))
    assert fit.changed and fit.measured == fit.marks == 6
    got = [[float(v) for v in x.values] for x in fit.chart.series]
    assert got[0] == pytest.approx([3, 7, 5], abs=0.1) and got[1] == pytest.approx([4, 2, 6], abs=0.1)


@pytest.mark.parametrize(("kind", "wrong"), [("grouped_bar", "stacked_bar"), ("stacked_bar", "grouped_bar"),
                                             ("line", "bar")])
def test_a_structure_the_image_contradicts_is_refused(kind: str, wrong: str, tmp_path: Path) -> None:
    path = next(p for p in sorted(FIXTURES.glob("mpl_*.json")) if json.loads(p.read_text())["kind"] == kind)
    spec = json.loads(path.read_text())
    spec["kind"] = wrong
    src = spec_to_program(load_spec(json.dumps(spec)))
    fit = fit_chart(_chart(src), imread(path.with_suffix(".png")))
    assert not fit.changed
    assert [d.code for d in fit.diagnostics] in (["E075"], ["E070"])


def test_a_dropped_category_is_refused() -> None:
    path = FIXTURES / "mpl_default_bar.json"
    spec = json.loads(path.read_text())
    spec["categories"] = spec["categories"][:-1]
    spec["series"][0]["values"] = spec["series"][0]["values"][:-1]
    fit = fit_chart(_chart(spec_to_program(load_spec(json.dumps(spec)))), imread(path.with_suffix(".png")))
    assert fit.refused and [d.code for d in fit.diagnostics] == ["E075"]


def test_fit_stands_below_the_pipeline() -> None:
    """fit imports no pipeline, agent, command or cli module (issue 9's layers)."""
    above = ("recode_dsl.pipeline", "recode_dsl.agent", "recode_dsl.commands", "recode_dsl.cli")
    for path in sorted((PACKAGE / "fit").glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text())):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else \
                [node.module or ""] if isinstance(node, ast.ImportFrom) else []
            for name in names:
                assert not name.startswith(above), f"{path.name} imports {name}"
                assert name not in ("recode_dsl",) or not isinstance(node, ast.ImportFrom) or all(
                    a.name not in ("pipeline", "agent", "commands", "cli") for a in node.names), path.name
