"""Aggregate chart queries (issue 15): per-series and per-category totals and their argmax/argmin,
shares, gaps between series, ranks over aggregates. Expected answers are computed here with
fractions.Fraction from random tables."""

from __future__ import annotations

from collections.abc import Callable
from fractions import Fraction
from statistics import median

import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

from recode_dsl.pipeline import compile  # noqa: A004

AGG: dict[str, Callable[[list[Fraction]], Fraction]] = {
    "sum": lambda v: Fraction(sum(v)), "mean": lambda v: Fraction(sum(v)) / len(v), "median": median,
    "max": max, "min": min, "count": lambda v: Fraction(len(v))}


def _agg(name: str, values: list[Fraction]) -> Fraction:
    return AGG[name](values)


def F(v: object) -> Fraction:
    r = sympy.Rational(v)  # type: ignore[arg-type]
    return Fraction(int(r.p), int(r.q))


def chart(kind: str, table: dict[str, list[Fraction]], cats: list[str], asks: list[str]) -> str:
    lines = [f"chart {kind}", "categories(" + ", ".join(f'"{c}"' for c in cats) + ")"]
    lines += [f'series("{n}", [{", ".join(_lit(x) for x in v)}])' for n, v in table.items()]
    return "\n".join(lines + [f"ask {q}" for q in asks]) + "\n"


def _lit(x: Fraction) -> str:
    """A decimal literal (series values are literals; quarters have exact decimals)."""
    return str(x.numerator) if x.denominator == 1 else str(float(x))


def answers(src: str) -> dict[str, object]:
    r = compile(src)
    assert r.ok and not r.diagnostics, r.diagnostics
    return {a.query: a for a in r.answers}


def _winners(scores: dict[str, Fraction], best: Fraction) -> set[str]:
    return {k for k, v in scores.items() if v == best}


tables = st.integers(2, 4).flatmap(lambda n_series: st.integers(2, 5).flatmap(lambda n_cats: st.lists(
    st.lists(st.integers(0, 2000).map(lambda n: Fraction(n, 4)), min_size=n_cats, max_size=n_cats),
    min_size=n_series, max_size=n_series)))


@settings(max_examples=25, deadline=None)
@given(rows=tables, agg=st.sampled_from(sorted(AGG)))
def test_per_series_and_per_category_against_fractions(rows: list[list[Fraction]], agg: str) -> None:
    names = [f"S{i}" for i in range(len(rows))]
    cats = [f"c{j}" for j in range(len(rows[0]))]
    table = dict(zip(names, rows))
    asks = [f'argmax(per_series("{agg}"))', f'argmin(per_category("{agg}"))', f'max(per_series("{agg}"))',
            f'sum(per_category("{agg}"))', f'rank(per_series("{agg}"), "S0")', 'max(per_category())']
    got = answers(chart("stacked_bar", table, cats, asks))
    by_series = {n: _agg(agg, v) for n, v in table.items()}
    by_cat = {c: _agg(agg, [r[j] for r in rows]) for j, c in enumerate(cats)}
    top = _winners(by_series, max(by_series.values()))
    low = _winners(by_cat, min(by_cat.values()))
    label = got[asks[0]].exact  # type: ignore[attr-defined]
    assert (set(label) if isinstance(label, tuple) else {label}) == top
    label = got[asks[1]].exact  # type: ignore[attr-defined]
    assert (set(label) if isinstance(label, tuple) else {label}) == low
    assert F(got[asks[2]].exact) == max(by_series.values())  # type: ignore[attr-defined]
    assert F(got[asks[3]].exact) == sum(by_cat.values())  # type: ignore[attr-defined]
    assert got[asks[4]].exact == 1 + sum(v > by_series["S0"] for v in by_series.values())  # type: ignore[attr-defined]
    assert F(got[asks[5]].exact) == max(sum(r[j] for r in rows) for j in range(len(cats)))  # type: ignore[attr-defined]


@settings(max_examples=25, deadline=None)
@given(rows=tables.filter(lambda rows: sum(map(sum, rows)) > 0 and all(sum(r) > 0 for r in rows)))
def test_shares_and_gaps_against_fractions(rows: list[list[Fraction]]) -> None:
    names = [f"S{i}" for i in range(len(rows))]
    cats = [f"c{j}" for j in range(len(rows[0]))]
    table = dict(zip(names, rows))
    asks = ['share("S1")', 'share("c0")', 'share("S0", "c1")', 'share(per_series(), "S1")',
            'max(gap("S0", "S1"))', 'min(gap("S0", "S1", absolute=true))', 'sort(gap("S1", "S0"), "asc")']
    got = answers(chart("grouped_bar", table, cats, asks))
    total = sum(map(sum, rows))
    assert F(got[asks[0]].exact) == 100 * sum(rows[1]) / total  # type: ignore[attr-defined]
    assert F(got[asks[1]].exact) == 100 * sum(r[0] for r in rows) / total  # type: ignore[attr-defined]
    assert F(got[asks[2]].exact) == 100 * rows[0][1] / sum(rows[0])  # type: ignore[attr-defined]
    assert got[asks[3]].exact == got[asks[0]].exact  # type: ignore[attr-defined]
    assert all(got[q].unit == "percent" for q in asks[:4])  # type: ignore[attr-defined]
    diffs = [a - b for a, b in zip(rows[0], rows[1])]
    assert F(got[asks[4]].exact) == max(diffs)  # type: ignore[attr-defined]
    assert F(got[asks[5]].exact) == min(abs(d) for d in diffs)  # type: ignore[attr-defined]
    order = got[asks[6]].exact  # type: ignore[attr-defined]
    order = order if isinstance(order, tuple) else (order,)
    values = [-d for d in diffs]
    assert [values[cats.index(c)] for c in order] == sorted(values)


def test_pie_share_is_the_wedge_percent_and_prints_as_a_percent() -> None:
    got = answers('chart pie\ncategories("a", "b", "c")\nseries("S", [1, 1, 1])\nask share("a")\n')
    a = got['share("a")']
    assert F(a.exact) == Fraction(100, 3)  # type: ignore[attr-defined]
    assert a.text == "33.3333% (= 100/3 percent)"  # type: ignore[attr-defined]


def _diags(src: str) -> list[tuple[str, int, int, str]]:
    r = compile(src)
    return [(d.code, d.span.line, d.span.col, d.hint or "") for d in r.diagnostics]


BASE = 'chart grouped_bar\ncategories("a", "b")\nseries("North", [1, 2])\nseries("South", [3, 4])\n'


@pytest.mark.parametrize(("ask", "code", "col", "hint"), [
    ('per_series("total")', "E026", 16, '"sum"'),
    ('share("Nowhere")', "E051", 11, "category or a series"),
    ('argmax(gap("North", "Sout"))', "E050", 25, "South"),
    ('argmax(sum())', "E014", 12, "per_series"),
    ('argmax([sum("North"), sum("South")])', "E014", 12, "per_category"),
])
def test_bad_aggregate_queries_are_located_with_hints(ask: str, code: str, col: int, hint: str) -> None:
    src = BASE + f"ask {ask}\n"
    found = _diags(src)
    assert len(found) == 1 and found[0][:3] == (code, 5, col) and hint in found[0][3], found


def test_argmax_over_totals_names_every_tied_series() -> None:
    got = answers(BASE.replace("[3, 4]", "[2, 1]") + 'ask argmax(per_series())\n')
    assert got["argmax(per_series())"].exact == ("North", "South")  # type: ignore[attr-defined]
    assert "tied at 3" in got["argmax(per_series())"].text  # type: ignore[attr-defined]


def test_gap_on_a_scatter_chart_is_refused() -> None:
    src = 'chart scatter\nseries("A", x=[1, 2], y=[3, 4])\nseries("B", x=[1, 2], y=[3, 5])\nask max(gap("A", "B"))\n'
    r = compile(src)
    assert not r.answers and [d.code for d in r.diagnostics] == ["E058"]
