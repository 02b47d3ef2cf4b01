"""Vega-Lite export: valid against the official schema shipped with altair, same data, marks and axes."""

from __future__ import annotations

import json
import math
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest

from recode_dsl import cli
from recode_dsl import scene as s
from recode_dsl.interop.vega_lite import to_vega_lite, vega_lite_json
from recode_dsl.pipeline import compile  # noqa: A004

CATS = 'categories("2019", "2020", "2021")'
TWO = 'series("Men", [12, 15.5, 9], color="#1f77b4")\nseries("Women", [10, 0.25, 11], color="#ff7f0e")'
CATALOGUE = {
    "bar": f'chart bar "Revenue"\n{CATS}\nseries("Revenue", [12, 15.5, 9], color="#1f77b4")\n'
           'value_axis(0, 20, ticks=[0, 10, 20], grid=true, title="EUR")\ncategory_axis(-0.5, 2.5, rotation=45)',
    "hbar": f'chart hbar\n{CATS}\nseries("Revenue", [12, 15.5, 9])\nvalue_axis(0, 16)',
    "grouped_bar": f'chart grouped_bar\n{CATS}\n{TWO}\nlegend(true)',
    "stacked_bar": f'chart stacked_bar\n{CATS}\n{TWO}\nvalue_axis(0, 30)',
    "stacked_hbar": f'chart stacked_hbar\n{CATS}\n{TWO}',
    "line": f'chart line\n{CATS}\nseries("Men", [12, 15.5, 9], marker="o")\nseries("Women", [10, 0.25, 11])\n'
            'line_width(2)\nvalue_axis(0.1, 100, log=true)',
    "area": f'chart area\n{CATS}\n{TWO}\nlegend(false)',
    "scatter": 'chart scatter\nseries("points", x=[1, 2.5, 4], y=[10, 1000, 100], color="#2ca02c")\n'
               'x_axis(0, 5, title="dose")\nvalue_axis(1, 10000, log=true)',
    "pie": 'chart pie "Budget"\ncategories("Rent", "Food", "Fun")\n'
           'series("share", [50, 30.5, 19.5], colors=["#1f77b4", "#ff7f0e", "#2ca02c"])\nstart_angle(90)',
    "donut": 'chart donut\ncategories("A", "B")\nseries("share", [1, 3])\nhole(0.5)',
}


def chart_of(program: str) -> s.Chart:
    r = compile(program, solve=False)
    assert r.ok, r.diagnostics
    assert isinstance(r.scene, s.Chart)
    return r.scene


@pytest.fixture(scope="module")
def validator() -> Any:
    jsonschema = pytest.importorskip("jsonschema")
    altair = pytest.importorskip("altair")
    path = Path(altair.__file__).parent / "vegalite" / "v6" / "schema" / "vega-lite-schema.json"
    if not path.exists():
        pytest.skip(f"altair ships no Vega-Lite schema at {path}")
    return jsonschema.Draft7Validator(json.loads(path.read_text()))


def exported(kind: str) -> dict[str, Any]:
    return json.loads(vega_lite_json(chart_of(CATALOGUE[kind])), parse_float=Decimal)  # type: ignore[no-any-return]


@pytest.mark.parametrize("kind", sorted(CATALOGUE))
def test_every_kind_is_valid_vega_lite(kind: str, validator: Any) -> None:
    spec = exported(kind)
    errors = [e.message for e in validator.iter_errors(json.loads(json.dumps(spec, default=float)))]
    assert errors == []


def test_the_validator_rejects_a_broken_spec(validator: Any) -> None:
    spec = json.loads(json.dumps(exported("bar"), default=float))
    spec["mark"] = {"type": "bars"}
    assert list(validator.iter_errors(spec))


@pytest.mark.parametrize(("kind", "mark"), [("bar", "bar"), ("hbar", "bar"), ("grouped_bar", "bar"),
                                            ("stacked_bar", "bar"), ("line", "line"), ("area", "area"),
                                            ("scatter", "point"), ("pie", "arc"), ("donut", "arc")])
def test_marks(kind: str, mark: str) -> None:
    assert exported(kind)["mark"]["type"] == mark


def test_same_data_exactly() -> None:
    rows = exported("grouped_bar")["data"]["values"]
    table = {(r["series"], r["category"]): Fraction(r["value"]) for r in rows}
    assert table[("Men", "2020")] == Fraction(31, 2) and table[("Women", "2020")] == Fraction(1, 4)
    assert len(rows) == 6
    points = exported("scatter")["data"]["values"]
    assert [(Fraction(p["x"]), Fraction(p["y"])) for p in points] == [(1, 10), (Fraction(5, 2), 1000), (4, 100)]


def test_axes_scales_and_colours() -> None:
    bar = exported("bar")
    assert bar["title"] == "Revenue"
    assert bar["encoding"]["x"]["sort"] == ["2019", "2020", "2021"]
    assert bar["encoding"]["x"]["axis"]["labelAngle"] == -45
    y = bar["encoding"]["y"]
    assert y["scale"]["domain"] == [0, 20] and y["axis"]["values"] == [0, 10, 20]
    assert y["axis"]["grid"] is True and y["axis"]["title"] == "EUR"
    assert bar["encoding"]["color"] == {"value": "#1f77b4"}
    hbar = exported("hbar")["encoding"]
    assert hbar["x"]["field"] == "value" and hbar["y"]["field"] == "category"
    assert hbar["y"]["sort"] == ["2021", "2020", "2019"]  # first category at the bottom, as matplotlib draws it
    scatter = exported("scatter")["encoding"]
    assert scatter["y"]["scale"]["type"] == "log" and scatter["x"]["axis"]["title"] == "dose"
    grouped = exported("grouped_bar")["encoding"]
    assert grouped["xOffset"]["field"] == "series"
    assert grouped["color"]["scale"] == {"domain": ["Men", "Women"], "range": ["#1f77b4", "#ff7f0e"]}
    assert exported("area")["encoding"]["color"]["legend"] is None


def test_stacking() -> None:
    assert exported("stacked_bar")["encoding"]["y"]["stack"] == "zero"
    assert exported("stacked_hbar")["encoding"]["x"]["stack"] == "zero"
    assert exported("area")["encoding"]["y"]["stack"] == "zero"
    assert exported("grouped_bar")["encoding"]["y"]["stack"] is None


def _mpl_wedges(values: list[float], start: float) -> list[tuple[float, float]]:
    """Wedges as matplotlib draws them: counter-clockwise from ``start`` degrees (math angles)."""
    total, at, out = sum(values), start, []
    for v in values:
        out.append((at, at + 360 * v / total))
        at += 360 * v / total
    return out


def _vl_wedges(values: list[float], order_desc: bool, offset_rad: float) -> list[tuple[float, float]]:
    """Wedges as Vega-Lite draws them (clockwise from north plus an offset), as math angles."""
    total = sum(values)
    idx = sorted(range(len(values)), reverse=order_desc)
    at = math.degrees(offset_rad)
    out: dict[int, tuple[float, float]] = {}
    for i in idx:
        sweep = 360 * values[i] / total
        out[i] = (90 - at - sweep, 90 - at)
        at += sweep
    return [out[i] for i in range(len(values))]


@pytest.mark.parametrize("start", [0, 90])
def test_pie_wedges_land_where_matplotlib_puts_them(start: int) -> None:
    chart = chart_of(CATALOGUE["pie"].replace("start_angle(90)", f"start_angle({start})"))
    spec = to_vega_lite(chart)
    values = [float(v) for v in chart.series[0].values]
    vl = _vl_wedges(values, spec["encoding"]["order"]["sort"] == "descending", spec["mark"]["thetaOffset"])
    for (a0, a1), (b0, b1) in zip(_mpl_wedges(values, start), vl):
        assert math.isclose((a0 - b0) % 360, 0, abs_tol=1e-9) or math.isclose((a0 - b0) % 360, 360, abs_tol=1e-9)
        assert math.isclose(a1 - a0, b1 - b0)


def test_cli_export(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    prog, out = tmp_path / "c.rdsl", tmp_path / "c.vl.json"
    prog.write_text(CATALOGUE["stacked_bar"])
    assert cli.main(["export", "vega-lite", str(prog), "-o", str(out)]) == 0
    assert json.loads(out.read_text())["mark"]["type"] == "bar"
    prog.write_text('figure\npoint A = (0, 0), B = (1, 1)\nsegment(A, B)\n')
    assert cli.main(["export", "vega-lite", str(prog)]) == 1
    assert "error[E094]" in capsys.readouterr().err
    prog.write_text('chart bar\ncategories("a")\nseries("S", [1, 2])\n')
    assert cli.main(["export", "vega-lite", str(prog)]) == 1
    assert f"{prog}:3:1: error[E017]" in capsys.readouterr().err
