"""CSV tables: a CSV file -> a chart program, and a chart -> its CSV table, numbers exact.

Wide form for category charts: the first column holds the categories, every other column
one series named by its header. Scatter charts: the long form ``series,x,y`` (one point a
row), or a wide form whose first column is x and every other column a y series. The program is
built as AST nodes (``csv_ast``) and printed by ``fmt``.
"""

from __future__ import annotations

import csv
import io
import re
from fractions import Fraction

from recode_dsl import astnodes as a
from recode_dsl import limits, messages, registry
from recode_dsl import scene as s
from recode_dsl.errors import Diagnostic, ParseError, Span, did_you_mean
from recode_dsl.inputs import string_problem
from recode_dsl.interop.chart_spec import (
    ImportFailed,
    chart_program,
    exact,
    number_list,
    number_text,
    printed,
    statement,
    string,
)

LONG_SCATTER = ["series", "x", "y"]
THOUSANDS = re.compile(r"-?\d{1,3}(,\d{3})+(\.\d+)?")  # 1,234.5


def csv_to_program(text: str, kind: str, title: str | None = None) -> str:
    """A formatted program of one chart kind drawing a CSV table.

    >>> print(csv_to_program("year,Sales\\n2019,3\\n2020,4.5\\n", "bar"), end="")
    chart bar
    categories("2019", "2020")
    series("Sales", [3, 4.5])
    """
    program = csv_ast(text, kind, title)
    try:
        return printed(program)
    except ParseError as err:  # the title, or a limit of the program's text the table breaks
        raise _fail(1, 1, "cannot be a program: " + "; ".join(d.message for d in err.diagnostics)) from None


def csv_ast(text: str, kind: str, title: str | None = None) -> a.Program:
    """The program of a CSV table as AST nodes; ImportFailed with errors located in the table."""
    if kind not in registry.CHART_KINDS:
        raise ImportFailed([Diagnostic("E023", messages.unknown_chart_kind(kind), Span(1, 1, 1, 2),
                                       did_you_mean(kind, registry.CHART_KINDS))])
    rows = _rows(text)
    head = [statement("title", string(title))] if title else []
    if kind == "scatter":
        body = _scatter_long(rows) if [c.strip().lower() for c in rows[0]] == LONG_SCATTER else _scatter_wide(rows)
    else:
        body = _categories(rows, kind)
    return chart_program(kind, head + body)


class _Rows(list[list[str]]):
    """The non-blank rows of a table, with the line each starts on."""

    lines: list[int]


def _rows(text: str) -> _Rows:
    """The rows, read with every limit checked as they come: at most MAX_CATEGORIES data rows and
    MAX_SERIES + 1 columns, cells a program can hold; a csv.Error (a NUL, a huge field) located."""
    if len(text) > limits.MAX_IMPORT_BYTES:
        raise _fail(1, 1, f"is {len(text)} characters long; the limit is {limits.MAX_IMPORT_BYTES}")
    rows, lines = _Rows(), []
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff")))
    line = 1
    try:
        for r in reader:
            if any(c.strip() for c in r):
                _check_row(r, line, len(rows))
                rows.append(r)
                lines.append(line)
            line = reader.line_num + 1
    except csv.Error as err:
        raise _fail(reader.line_num or 1, 1, f"cannot be read as CSV ({err})") from None
    rows.lines = lines
    if len(rows) < 2 or len(rows[0]) < 2:
        raise _fail(1, 1, "needs a header row and at least one data row, with two columns or more")
    width = len(rows[0])
    for i, row in enumerate(rows):
        if len(row) != width:
            raise _fail(lines[i], 1, f"has {len(row)} cells in row {i + 1}; the header has {width}")
    return rows


def _check_row(row: list[str], line: int, index: int) -> None:
    if index > limits.MAX_CATEGORIES:
        raise _fail(line, 1, f"has more than {limits.MAX_CATEGORIES} data rows, the limit of categories")
    if len(row) > limits.MAX_SERIES + 1:
        raise _fail(line, 1, f"has {len(row)} columns; a chart has at most {limits.MAX_SERIES} series")
    for j, cell in enumerate(row):
        why = string_problem(cell)
        if why is not None:
            raise _fail(line, 1, f"has a cell in column {j + 1} that {why}")


def _fail(line: int, col: int, what: str) -> ImportFailed:
    return ImportFailed([Diagnostic("E093", messages.csv_problem(what), Span(line, col, line, col + 1))])


def _number(rows: list[list[str]], i: int, j: int) -> int | Fraction:
    cell = rows[i][j]
    try:
        return exact(cell.replace(",", "") if THOUSANDS.fullmatch(cell.strip()) else cell)
    except ValueError as err:
        col = sum(len(c) + 1 for c in rows[i][:j]) + 1
        line = rows.lines[i] if isinstance(rows, _Rows) else i + 1
        why = "which is not a number" if str(err) == "is not a number" else f"which {err}"
        raise _fail(line, col, f"has {cell[:40]!r} in row {i + 1}, column {j + 1}, {why}") from None


def _values(rows: list[list[str]], j: int) -> a.ListExpr:
    return number_list([_number(rows, i, j) for i in range(1, len(rows))])


def _categories(rows: list[list[str]], kind: str) -> list[a.Stmt]:
    cats = [r[0].strip() for r in rows[1:]]
    first: dict[str, int] = {}
    for i, c in enumerate(cats):  # linear: a dict, not a search of the rows before
        if c in first:
            line = rows.lines[i + 1] if isinstance(rows, _Rows) else i + 2
            raise _fail(line, 1, f"repeats the category {c!r}")
        first[c] = i
    names = [c.strip() or f"series {j}" for j, c in enumerate(rows[0])]
    out: list[a.Stmt] = [statement("categories", *(string(c) for c in cats))]
    out += [statement("series", string(names[j]), _values(rows, j)) for j in range(1, len(rows[0]))]
    if kind in ("pie", "donut") and len(rows[0]) > 2:
        raise _fail(1, 1, f"has {len(rows[0]) - 1} series; a {kind} chart has one")
    return out


def _scatter_wide(rows: list[list[str]]) -> list[a.Stmt]:
    xs = _values(rows, 0)
    return [statement("series", string(rows[0][j].strip() or f"series {j}"), x=xs, y=_values(rows, j))
            for j in range(1, len(rows[0]))]


def _scatter_long(rows: list[list[str]]) -> list[a.Stmt]:
    groups: dict[str, tuple[list[int | Fraction], list[int | Fraction]]] = {}
    for i in range(1, len(rows)):
        xs, ys = groups.setdefault(rows[i][0].strip(), ([], []))
        xs.append(_number(rows, i, 1))
        ys.append(_number(rows, i, 2))
    return [statement("series", string(name), x=number_list(xs), y=number_list(ys))
            for name, (xs, ys) in groups.items()]


def chart_csv(chart: s.Chart) -> str:
    """The chart's table as CSV: wide form, or ``series,x,y`` for scatter; numbers as exact decimals.

    >>> from recode_dsl.pipeline import compile
    >>> chart_csv(compile('chart bar\\ncategories("a", "b")\\nseries("S", [0.5, 2])').scene)
    'category,S\\r\\na,0.5\\r\\nb,2\\r\\n'
    """
    out = io.StringIO()
    w = csv.writer(out)
    if chart.kind == "scatter":
        w.writerow(LONG_SCATTER)
        for x in chart.series:
            w.writerows([x.name, number_text(px), number_text(py)] for px, py in zip(x.x, x.y))
        return out.getvalue()
    w.writerow(["category", *(x.name for x in chart.series)])
    for i, c in enumerate(chart.categories):
        w.writerow([c, *(number_text(x.values[i]) for x in chart.series)])
    return out.getvalue()
