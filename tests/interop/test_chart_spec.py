"""Chart specs from the matplotlib bench: spec -> program -> compile -> table gives the spec's exact values.

200 charts come from ``bench/charts/make_charts.py`` (drawn once per module, no PNGs). Expected
answers to queries are computed here with fractions.Fraction from the spec's JSON text.
"""

from __future__ import annotations

import json
import random
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

from recode_dsl import cli, limits, messages
from recode_dsl import scene as s
from recode_dsl.astnodes import Call, ExprStmt, ListExpr, strip_spans
from recode_dsl.fmt import format_program
from recode_dsl.interop.chart_spec import (
    ImportFailed,
    chart_table,
    chart_to_spec,
    checked,
    dump_json,
    load_spec,
    spec_ast,
    spec_to_program,
)
from recode_dsl.interop.csv_table import chart_csv, csv_to_program
from recode_dsl.pipeline import compile  # noqa: A004
from recode_dsl.syntax import parse

N_CHARTS = 200


@pytest.fixture(scope="module")
def specs(chart_bench: ModuleType) -> list[str]:
    return chart_bench.make_specs(chart_bench.load_make_charts(), N_CHARTS)  # type: ignore[no-any-return]


@pytest.fixture(scope="module")
def imported(specs: list[str]) -> list[tuple[dict[str, Any], str, s.Chart]]:
    """(spec with Decimal numbers, program, chart) for every spec."""
    out = []
    for text in specs:
        program = spec_to_program(load_spec(text), text)
        result = compile(program, solve=False)
        assert result.ok and not result.diagnostics, (program, result.diagnostics)
        assert isinstance(result.scene, s.Chart)
        out.append((json.loads(text, parse_float=Decimal), program, result.scene))
    return out


def F(v: object) -> Fraction:
    """An exact number (int, Decimal or SymPy rational) as a Fraction."""
    if isinstance(v, (int, Decimal)):
        return Fraction(v)
    r = sympy.Rational(v)  # type: ignore[arg-type]
    return Fraction(int(r.p), int(r.q))


def fractions(values: list[Any]) -> list[Fraction]:
    return [F(v) for v in values]


def test_the_bench_gives_every_kind(imported: list[tuple[dict[str, Any], str, s.Chart]]) -> None:
    assert len(imported) == N_CHARTS
    assert {spec["kind"] for spec, _, _ in imported} == {"bar", "hbar", "grouped_bar", "stacked_bar", "line",
                                                          "scatter", "pie"}


def test_table_gives_back_exactly_the_spec_values(imported: list[tuple[dict[str, Any], str, s.Chart]]) -> None:
    for spec, _, chart in imported:
        table = chart_table(chart)
        assert [x["name"] for x in table["series"]] == [x["name"] for x in spec["series"]]
        for got, want in zip(table["series"], spec["series"]):
            keys = ("x", "y") if spec["kind"] == "scatter" else ("values",)
            for key in keys:
                assert fractions(got[key]) == fractions(want[key]), (spec["id"], key)
        if spec["kind"] != "scatter":
            assert table["categories"] == spec["categories"]
        # and the written table reads back as the same decimals
        again = json.loads(dump_json(table), parse_float=Decimal)
        for got, want in zip(again["series"], spec["series"]):
            for key in ("x", "y") if spec["kind"] == "scatter" else ("values",):
                assert [Decimal(v) for v in got[key]] == want[key]


def test_layout_lands_where_the_spec_says(imported: list[tuple[dict[str, Any], str, s.Chart]]) -> None:
    for spec, _, chart in imported:
        assert chart.kind == spec["kind"]
        assert (chart.title or "") == spec["title"]
        assert chart.canvas == (spec["width_px"], spec["height_px"])
        assert chart.plot_box is not None and fractions(list(chart.plot_box)) == fractions(spec["plot_box_px"])
        for key, axis in (("value_range", chart.value_axis), ("category_range", chart.category_axis),
                          ("x_range", chart.x_axis)):
            if key in spec:
                assert [F(axis.lo), F(axis.hi)] == fractions(spec[key]), (spec["id"], key)
        if spec["kind"] in ("bar", "hbar", "stacked_bar"):
            assert chart.bar_width == sympy.Rational(3, 5)
        elif spec["kind"] == "grouped_bar":
            assert chart.bar_width == sympy.Rational(4, 5)
        if spec["kind"] == "pie":
            assert chart.series[0].colors == tuple(spec["series"][0]["colors"])
            assert F(chart.start_angle) == F(spec["start_angle"])
        else:
            assert [x.color for x in chart.series] == [x["color"] for x in spec["series"]]


def test_programs_are_formatted_and_idiomatic(imported: list[tuple[dict[str, Any], str, s.Chart]]) -> None:
    for spec, program, _ in imported[:30]:
        assert format_program(parse(program)) == program
        assert program.startswith(f"chart {spec['kind']}\n")
        assert "e-" not in program and "e+" not in program  # decimals, never floats' exponents


def test_chart_to_spec_inverts_spec_to_program(imported: list[tuple[dict[str, Any], str, s.Chart]]) -> None:
    for _spec, program, chart in imported[:40]:
        back = json.loads(dump_json(chart_to_spec(chart)), parse_float=Decimal)
        assert spec_to_program(back) == program


def _queries(spec: dict[str, Any], rng: random.Random) -> list[tuple[str, Any]]:
    """Queries with answers computed by hand from the spec (Fractions, labels)."""
    if spec["kind"] == "scatter":
        xs, ys = fractions(spec["series"][0]["x"]), fractions(spec["series"][0]["y"])
        mean_x = sum(xs) / len(xs)
        return [('mean("x")', mean_x), ('max("y")', max(ys)), ('min(category("x"))', min(xs)),
                ('sum("y")', sum(ys)), ('count("x" > mean("x"))', sum(1 for v in xs if v > mean_x))]
    cats = spec["categories"]
    table = {x["name"]: fractions(x["values"]) for x in spec["series"]}
    name = rng.choice(list(table))
    vals = table[name]
    i, j = rng.sample(range(len(cats)), 2)
    ordered = sorted(vals)
    n = len(vals)
    median = ordered[n // 2] if n % 2 else (ordered[n // 2 - 1] + ordered[n // 2]) / 2
    top = [c for c, v in zip(cats, vals) if v == max(vals)]
    out: list[tuple[str, Any]] = [
        (f'value("{name}", "{cats[i]}")', vals[i]), (f'max("{name}")', max(vals)), (f'min("{name}")', min(vals)),
        (f'sum(series("{name}"))', sum(vals)), (f'mean(series("{name}"))', sum(vals) / n),
        (f'median(series("{name}"))', median), (f'argmax(series("{name}"))', top[0] if len(top) == 1 else tuple(top)),
        (f'count(series("{name}") > {vals[j]})', sum(1 for v in vals if v > vals[j])),
        (f'rank(series("{name}"), "{cats[i]}")', 1 + sum(1 for v in vals if v > vals[i])),
        (f'sort(series("{name}"), "asc")', tuple(c for _, c in sorted(zip(vals, cats), key=lambda p: p[0]))),
        (f'difference(value("{name}", "{cats[i]}"), value("{name}", "{cats[j]}"))', vals[i] - vals[j]),
        (f'percent_change(value("{name}", "{cats[j]}"), value("{name}", "{cats[i]}"))',
         (vals[i] - vals[j]) / vals[j] * 100),
        (f'sum(category("{cats[i]}"))', sum(v[i] for v in table.values())), ("count()", n * len(table)),
    ]
    return out


def test_queries_against_answers_computed_by_hand(imported: list[tuple[dict[str, Any], str, s.Chart]]) -> None:
    rng = random.Random(5)
    checked = 0
    for spec, program, _ in imported:
        queries = _queries(spec, rng)
        result = compile(program + "".join(f"ask {q}\n" for q, _ in queries))
        assert result.ok and not result.diagnostics, (spec["id"], result.diagnostics)
        for (query, want), answer in zip(queries, result.answers):
            got = answer.exact
            if isinstance(want, Fraction):
                assert F(got) == want, (spec["id"], query)
                assert answer.unit == ("percent" if query.startswith("percent_change") else None)
            else:
                assert got == want, (spec["id"], query)
            checked += 1
    assert checked > 2000


def test_csv_round_trip(imported: list[tuple[dict[str, Any], str, s.Chart]]) -> None:
    for spec, _, chart in imported:
        program = csv_to_program(chart_csv(chart), chart.kind)
        again = compile(program, solve=False)
        assert again.ok, (spec["id"], again.diagnostics)
        assert isinstance(again.scene, s.Chart)
        assert chart_table(again.scene) == chart_table(chart), spec["id"]


def test_cli_import_then_table(tmp_path: Path, specs: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    spec_file, prog = tmp_path / "spec.json", tmp_path / "prog.rdsl"
    spec_file.write_text(specs[2])
    assert cli.main(["import", "chart-spec", str(spec_file), "-o", str(prog)]) == 0
    assert prog.read_text() == spec_to_program(load_spec(specs[2]))
    assert cli.main(["table", str(prog), "--json"]) == 0
    table = json.loads(capsys.readouterr().out, parse_float=Decimal)
    want = json.loads(specs[2], parse_float=Decimal)
    assert [x["values"] for x in table["series"]] == [x["values"] for x in want["series"]]


@pytest.mark.parametrize(("text", "code", "line", "message"), [
    ('{"kind": "bar",\n "series": [}', "E091", 2, None),
    ('{"kind": "bars", "categories": ["a"], "series": []}', "E092", 1, None),
    ('{"kind": "bar",\n "categories": ["a", "b"],\n "series": [{"name": "S", "values": [1, 2, 3]}]}', "E092", 3,
     messages.spec_field("'series[0]'", "2 values, one per category")),
    ('{"kind": "line",\n "categories": ["a"],\n "series": [{"name": "S",\n  "values": [1],\n  "color": "#12"}]}',
     "E092", 5, messages.spec_field("'series[0].color'", "a colour \"#rrggbb\"")),
    ('{"kind": "scatter", "series": [{"name": "p", "x": [1, 2], "y": [3]}],\n "width_px": 12.5}', "E092", 1, None),
])
def test_bad_specs_exit_1_with_located_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str,
                                              code: str, line: int, message: str | None) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text(text)
    assert cli.main(["import", "chart-spec", str(bad), "-o", str(tmp_path / "out.rdsl")]) == 1
    err = capsys.readouterr().err
    assert f"{bad}:{line}:" in err and f"error[{code}]" in err
    if message:
        assert message in err
    assert not (tmp_path / "out.rdsl").exists()


def test_every_bench_chart_exports_valid_vega_lite(imported: list[tuple[dict[str, Any], str, s.Chart]]) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    altair = pytest.importorskip("altair")
    from recode_dsl.interop.vega_lite import vega_lite_json

    schema = Path(altair.__file__).parent / "vegalite" / "v6" / "schema" / "vega-lite-schema.json"
    validator = jsonschema.Draft7Validator(json.loads(schema.read_text()))
    for spec, _, chart in imported:
        doc = json.loads(vega_lite_json(chart), parse_float=Decimal)
        rows = doc["data"]["values"]
        if spec["kind"] == "scatter":
            assert [r["y"] for r in rows] == spec["series"][0]["y"]
        else:
            assert [r["value"] for r in rows] == [v for x in spec["series"] for v in x["values"]]
        assert list(validator.iter_errors(json.loads(json.dumps(doc, default=float)))) == [], spec["id"]


_scalars = st.one_of(st.none(), st.booleans(), st.integers(-5, 10**13), st.floats(allow_nan=True),
                     st.text(max_size=4), st.sampled_from(["#1f77b4", "bar", "pie", "scatter"]))
_values = st.one_of(_scalars, st.lists(_scalars, max_size=4))
_series = st.lists(st.dictionaries(st.sampled_from(["name", "values", "x", "y", "color", "colors"]), _values),
                   max_size=3)
_specs = st.fixed_dictionaries({"kind": st.sampled_from(["bar", "hbar", "pie", "scatter", "line", "nope"]),
                                "categories": st.lists(st.text(max_size=3), max_size=4), "series": _series},
                               optional={"width_px": _scalars, "height_px": _scalars, "plot_box_px": _values,
                                         "value_range": _values, "x_range": _values, "title": _scalars,
                                         "value_log": _scalars, "x_log": _scalars})


@settings(max_examples=150, deadline=None)
@given(_specs)
def test_any_spec_gives_a_program_or_diagnostics(spec: dict[str, Any]) -> None:
    try:
        program = checked(spec_to_program(spec))
    except ImportFailed as err:
        assert err.diagnostics
        return
    assert compile(program, solve=False).ok
    assert strip_spans(parse(program)) == strip_spans(spec_ast(spec))  # negative numbers too (ints from -5)


def test_the_printed_program_reads_back_as_the_nodes_built() -> None:
    """The importer builds AST nodes and fmt prints them: parsing the print gives the same tree,
    numbers exact (a negative one a negation, as the parser reads it; decimals as Fractions)."""
    text = json.dumps({"kind": "line", "title": 'say "hi" \\ \u00e9', "categories": ["a", "b", "c"],
                       "value_range": [-12.5, 0.001], "series": [{"name": "S", "values": [-3, 0.1, -0.25]}]})
    spec = load_spec(text)
    program = spec_to_program(spec, text)
    assert strip_spans(parse(program)) == strip_spans(spec_ast(spec, text))
    assert 'title("say \\"hi\\" \\\\ \u00e9")' in program and "value_axis(-12.5, 0.001)" in program
    (values,) = [st.expr.args[1] for st in spec_ast(spec).body
                 if isinstance(st, ExprStmt) and isinstance(st.expr, Call) and st.expr.func == "series"]
    assert isinstance(values, ListExpr)
    assert [strip_spans(v) for v in values.items] == [("Neg", ("Num", 3, False)), ("Num", Fraction(1, 10), False),
                                                      ("Neg", ("Num", Fraction(1, 4), False))]


def test_every_bench_program_reads_back_as_the_nodes_built(specs: list[str]) -> None:
    for text in specs:
        spec = load_spec(text)
        assert strip_spans(parse(spec_to_program(spec, text))) == strip_spans(spec_ast(spec, text))


def test_a_limit_of_the_program_text_is_an_import_error() -> None:
    """What fmt prints must still be a program: too large, or a string whose carriage return cannot
    be written, is E092 on the spec, not a program the checker refuses later."""
    cats = [f"{i:04d}" + "x" * (limits.MAX_IMPORT_CELL - 10) for i in range(40)]  # 40 x 10 KB > 256 KiB
    big = {"kind": "bar", "categories": cats, "series": [{"name": "S", "values": [1] * 40}]}
    cr = {"kind": "bar", "title": "a\r\nb", "categories": ["a"], "series": [{"name": "S", "values": [1]}]}
    for spec, why in ((big, "program is"), (cr, "U+000D")):
        with pytest.raises(ImportFailed) as err:
            spec_to_program(spec)
        (d,) = err.value.diagnostics
        assert d.code == "E092" and "importable" in d.message and why in d.message, d.message


VALID = {"kind": "grouped_bar", "title": "T", "width_px": 640, "height_px": 480, "plot_box_px": [80, 57.6, 576, 422.4],
         "categories": ["a", "b"], "value_range": [0, 10], "category_range": [-0.5, 1.5],
         "series": [{"name": "S", "values": [1, 2.5], "color": "#1f77b4"},
                    {"name": "T", "values": [3, 4], "color": "#ff7f0e"}]}


@settings(max_examples=150, deadline=None)
@given(st.sampled_from(sorted(VALID)), st.one_of(st.just("<delete>"), _values),
       st.sampled_from(["name", "values", "color"]), st.one_of(st.just("<delete>"), _values))
def test_a_spoilt_spec_gives_a_program_or_diagnostics(key: str, junk: Any, series_key: str, series_junk: Any) -> None:
    spec = json.loads(json.dumps(VALID))
    spec["series"][1][series_key] = series_junk
    if series_junk == "<delete>":
        del spec["series"][1][series_key]
    spec[key] = junk
    if junk == "<delete>":
        del spec[key]
    try:
        program = checked(spec_to_program(spec))
    except ImportFailed as err:
        assert err.diagnostics
        return
    assert compile(program, solve=False).ok


@pytest.mark.parametrize("spec", [
    {"kind": "bar", "categories": ["a", "b"], "value_range": [1, 1000], "value_log": True,
     "series": [{"name": "S", "values": [3, 250], "color": "#1f77b4"}]},
    {"kind": "hbar", "categories": ["a", "b"], "value_log": True, "series": [{"name": "S", "values": [0.02, 7]}]},
    {"kind": "scatter", "x_range": [0.1, 100], "x_log": True, "value_log": True,
     "series": [{"name": "p", "x": [0.5, 20], "y": [10, 10000]}]},
    {"kind": "scatter", "x_log": True, "value_log": False, "series": [{"name": "p", "x": [0.5, 20], "y": [-1, 1]}]},
])
def test_log_axes_import_and_export(spec: dict[str, Any]) -> None:
    """value_log / x_log become log=true on the axis statements, and the chart's spec says so again."""
    program = checked(spec_to_program(spec))
    chart = compile(program, solve=False).scene
    assert isinstance(chart, s.Chart)
    assert chart.value_axis.log is bool(spec.get("value_log")) and chart.x_axis.log is bool(spec.get("x_log"))
    assert [line.startswith(("value_axis(", "x_axis(")) for line in program.splitlines()
            if "log=true" in line] == [True] * (bool(spec.get("value_log")) + bool(spec.get("x_log")))
    back = json.loads(dump_json(chart_to_spec(chart)), parse_float=Decimal)
    assert back.get("value_log", False) is bool(spec.get("value_log"))
    assert back.get("x_log", False) is bool(spec.get("x_log"))
    assert spec_to_program(back) == program


@pytest.mark.parametrize(("text", "line", "col", "message"), [
    ('{"kind": "bar", "categories": ["a", "b"],\n "value_log": "yes",\n "series": [{"name": "S", "values": [1, 2]}]}',
     2, 2, messages.spec_field("'value_log'", "true or false")),
    ('{"kind": "pie", "categories": ["a", "b"],\n "series": [{"name": "S", "values": [1, 2]}],\n "value_log": true}',
     3, 2, messages.spec_field("'value_log'", "false or left out on a pie or donut")),
    ('{"kind": "line", "categories": ["a", "b"],\n "series": [{"name": "S", "values": [1, 2]}],\n "x_log": true}',
     3, 2, messages.spec_field("'x_log'", "false or left out except on a scatter chart")),
    ('{"kind": "bar", "categories": ["a", "b"], "value_log": true,\n "series": [{"name": "S",\n "values": [1, 0]}]}',
     3, 2, messages.spec_field("'series[0].values[1]'", "positive on a log axis ('value_log' is true)")),
    ('{"kind": "scatter", "x_log": true,\n "x_range": [-1, 10],\n "series": [{"name": "S", "x": [1], "y": [0]}]}',
     2, 2, messages.spec_field("'x_range[0]'", "positive on a log axis ('x_log' is true)")),
])
def test_bad_log_fields_are_located(tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str, line: int,
                                    col: int, message: str) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text(text)
    assert cli.main(["import", "chart-spec", str(bad)]) == 1
    err = capsys.readouterr().err
    assert f"{bad}:{line}:{col}: error[E092]: {message}" in err, err
