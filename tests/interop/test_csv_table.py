"""CSV tables in and out: first column categories, other columns series; numbers exact; located errors."""

from __future__ import annotations

import csv
import io
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from recode_dsl import cli, messages
from recode_dsl import scene as s
from recode_dsl.astnodes import strip_spans
from recode_dsl.interop.chart_spec import ImportFailed, chart_table, checked
from recode_dsl.interop.csv_table import chart_csv, csv_ast, csv_to_program
from recode_dsl.pipeline import compile  # noqa: A004
from recode_dsl.syntax import parse

SALES = "quarter,Online,In store\nQ1,12.5,30\nQ2,14.25,28\nQ3,9,31.5\n"


def chart_of(program: str) -> s.Chart:
    r = compile(program, solve=False)
    assert r.ok and not r.diagnostics, r.diagnostics
    assert isinstance(r.scene, s.Chart)
    return r.scene


@pytest.mark.parametrize("kind", ["bar", "grouped_bar", "stacked_bar", "stacked_hbar", "line", "area", "hbar"])
def test_first_column_categories_other_columns_series(kind: str) -> None:
    chart = chart_of(csv_to_program(SALES, kind, "Sales"))
    assert chart.kind == kind and chart.title == "Sales"
    assert chart.categories == ("Q1", "Q2", "Q3")
    rows = list(csv.reader(io.StringIO(SALES)))
    for j, x in enumerate(chart.series, start=1):
        assert x.name == rows[0][j]
        assert [Fraction(str(v)) for v in x.values] == [Fraction(Decimal(r[j])) for r in rows[1:]]


def test_csv_out_and_back_is_the_same_table() -> None:
    chart = chart_of(csv_to_program(SALES, "grouped_bar"))
    out = chart_csv(chart)
    assert out.splitlines()[0] == "category,Online,In store"
    assert out.splitlines()[2] == "Q2,14.25,28"
    assert chart_table(chart_of(csv_to_program(out, "grouped_bar"))) == chart_table(chart)


def test_pie_and_quoted_cells() -> None:
    text = 'item,share\n"Rent, flat",1,200.5\n'
    with pytest.raises(ImportFailed):
        csv_to_program(text, "pie")  # three cells in a two-column table
    chart = chart_of(csv_to_program('item,share\n"Rent, flat","1,200.5"\nFood,300\n', "pie"))
    assert chart.categories == ("Rent, flat", "Food")
    assert chart_csv(chart).splitlines()[1] == '"Rent, flat",1200.5'


def test_scatter_long_and_wide_forms() -> None:
    long = chart_of(csv_to_program("series,x,y\na,1,2\nb,3,4.5\na,5,6\n", "scatter"))
    assert [(x.name, x.x) for x in long.series] == [("a", (1, 5)), ("b", (3,))]
    assert [[Fraction(str(v)) for v in x.y] for x in long.series] == [[2, 6], [Fraction(9, 2)]]
    assert chart_csv(long).splitlines() == ["series,x,y", "a,1,2", "a,5,6", "b,3,4.5"]
    wide = chart_of(csv_to_program("x,heights,weights\n1,10,3\n2,12,4\n", "scatter"))
    assert [(x.name, x.x, x.y) for x in wide.series] == [("heights", (1, 2), (10, 12)), ("weights", (1, 2), (3, 4))]
    assert chart_table(chart_of(csv_to_program(chart_csv(wide), "scatter"))) == chart_table(wide)


@pytest.mark.parametrize(("text", "kind", "line", "col", "what"), [
    ("a,b\n1,2\n3\n", "bar", 3, 1, "has 1 cells in row 3; the header has 2"),
    ("a,b\nx,2\ny,two\n", "bar", 3, 3, "has 'two' in row 3, column 2, which is not a number"),
    ("a,b\nx,2\nx,3\n", "line", 3, 1, "repeats the category 'x'"),
    ("a,b,c\nx,2,3\n", "pie", 1, 1, "has 2 series; a pie chart has one"),
    ("just one line\n", "bar", 1, 1, "needs a header row and at least one data row, with two columns or more"),
])
def test_bad_csv_gives_located_errors(text: str, kind: str, line: int, col: int, what: str) -> None:
    with pytest.raises(ImportFailed) as err:
        csv_to_program(text, kind)
    (d,) = err.value.diagnostics
    assert (d.code, d.message, d.span.line, d.span.col) == ("E093", messages.csv_problem(what), line, col)


def test_unknown_kind() -> None:
    with pytest.raises(ImportFailed) as err:
        csv_to_program(SALES, "bars")
    (d,) = err.value.diagnostics
    assert d.code == "E023" and d.hint == "did you mean 'bar'?"


def test_cli_import_csv_and_table_csv(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data, prog = tmp_path / "sales.csv", tmp_path / "sales.rdsl"
    data.write_text(SALES)
    assert cli.main(["import", "csv", str(data), "--kind", "stacked_bar", "-o", str(prog)]) == 0
    assert prog.read_text().startswith("chart stacked_bar\n")
    assert cli.main(["table", str(prog), "--csv"]) == 0
    assert capsys.readouterr().out.replace("\r\n", "\n") == SALES.replace("quarter", "category")
    data.write_text("a,b\nx,1\ny,oops\n")
    assert cli.main(["import", "csv", str(data), "--kind", "bar"]) == 1
    assert f"{data}:3:3: error[E093]" in capsys.readouterr().err
    with pytest.raises(SystemExit) as usage:
        cli.main(["import", "csv", str(data), "--kind", "bars"])
    assert usage.value.code == 2


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(st.text(alphabet="ab1.-, \"x9", max_size=5), min_size=1, max_size=4), max_size=5),
       st.sampled_from(["bar", "line", "pie", "scatter"]))
def test_any_csv_gives_a_program_or_a_located_error(rows: list[list[str]], kind: str) -> None:
    text = "\n".join(",".join(r) for r in rows)
    try:
        program = checked(csv_to_program(text, kind))
    except ImportFailed as err:
        assert err.diagnostics and all(d.span.line >= 1 for d in err.diagnostics)
        return
    assert compile(program, solve=False).ok
    assert strip_spans(parse(program)) == strip_spans(csv_ast(text, kind))  # the nodes built are what fmt wrote


def test_a_program_text_limit_the_table_breaks_is_located_in_the_table() -> None:
    """fmt prints the nodes; a table whose program cannot be written (a cell's carriage return
    left alone once the newline is escaped, a title with a control character) is E093 on the table."""
    for text, title in (('name,v\n"a\r\nb",1\n', None), ("name,v\na,1\n", "T\x1b")):
        with pytest.raises(ImportFailed) as err:
            csv_to_program(text, "bar", title)
        (d,) = err.value.diagnostics
        assert d.code == "E093" and "cannot be a program" in d.message and "control character" in d.message
    wide = csv_ast("x,S,T\n-1.5,2,-3\n0.25,4,5\n", "scatter")
    assert "x=[-1.5, 0.25]" in csv_to_program("x,S,T\n-1.5,2,-3\n0.25,4,5\n", "scatter")
    assert strip_spans(parse(csv_to_program("x,S,T\n-1.5,2,-3\n0.25,4,5\n", "scatter"))) == strip_spans(wide)
