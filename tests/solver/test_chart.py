"""Chart queries are answered exactly; expected answers are computed here with fractions.Fraction."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from fractions import Fraction

import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

from recode_dsl import messages
from recode_dsl import scene as s
from recode_dsl.errors import Span
from recode_dsl.pipeline import compile  # noqa: A004
from recode_dsl.solver.chart import format_value, solve_chart

CATS = ("2019", "2020", "2021", "2022")
TABLE: dict[str, tuple[str, ...]] = {"Revenue": ("12", "15.5", "9", "21.25"), "Costs": ("10", "15.5", "11.75", "3")}


def program(kind: str, table: Mapping[str, tuple[str, ...]], cats: tuple[str, ...], asks: list[str]) -> str:
    lines = [f"chart {kind}", "categories(" + ", ".join(f'"{c}"' for c in cats) + ")"]
    lines += [f'series("{n}", [{", ".join(v)}])' for n, v in table.items()]
    return "\n".join(lines + [f"ask {q}" for q in asks]) + "\n"


def answers(src: str) -> dict[str, object]:
    r = compile(src)
    assert r.ok, r.diagnostics
    assert not r.diagnostics, r.diagnostics
    return {a.query: a for a in r.answers}


def frac(text: str) -> Fraction:
    return Fraction(Decimal(text))


def F(v: object) -> Fraction:
    """An exact answer as a Fraction."""
    r = sympy.Rational(v)  # type: ignore[arg-type]
    return Fraction(int(r.p), int(r.q))


REV = [frac(v) for v in TABLE["Revenue"]]
COST = [frac(v) for v in TABLE["Costs"]]


@pytest.fixture(scope="module")
def grouped() -> dict[str, object]:
    asks = ['max("Revenue")', 'min("Costs")', 'sum("Revenue")', 'mean("Revenue")', 'median("Costs")',
            'value("Costs", "2021")', 'mean(all())', 'sum(category("2020"))', 'max(all())', 'count()',
            'count("Revenue" > 10)', 'count(all() <= 11.75)', 'count(category("2022") == 3)',
            'difference(value("Revenue", "2022"), value("Costs", "2022"))',
            'ratio(value("Revenue", "2020"), value("Costs", "2022"))',
            'percent_change(value("Revenue", "2019"), value("Revenue", "2022"))',
            '(value("Revenue", "2019") + value("Costs", "2019")) * 2 - 1',
            'count("Revenue" > mean("Revenue"))', 'rank("Revenue", "2019")', 'rank("Costs", "2020", "asc")',
            'rank(category("2021"), "Costs")']
    return answers(program("grouped_bar", TABLE, CATS, asks))


def test_numbers_are_exact(grouped: dict[str, object]) -> None:
    got = {q: F(a.exact) for q, a in grouped.items() if a.value is not None}  # type: ignore[attr-defined]
    assert got['max("Revenue")'] == max(REV)
    assert got['min("Costs")'] == min(COST)
    assert got['sum("Revenue")'] == sum(REV)
    assert got['mean("Revenue")'] == sum(REV) / 4
    assert got['median("Costs")'] == sum(sorted(COST)[1:3]) / 2
    assert got['value("Costs", "2021")'] == COST[2]
    assert got['mean(all())'] == (sum(REV) + sum(COST)) / 8
    assert got['sum(category("2020"))'] == REV[1] + COST[1]
    assert got['max(all())'] == max(REV + COST)
    assert got['count()'] == 8
    assert got['count("Revenue" > 10)'] == sum(1 for v in REV if v > 10)
    assert got['count(all() <= 11.75)'] == sum(1 for v in REV + COST if v <= Fraction(47, 4))
    assert got['count(category("2022") == 3)'] == sum(1 for v in (REV[3], COST[3]) if v == 3)
    assert got['difference(value("Revenue", "2022"), value("Costs", "2022"))'] == REV[3] - COST[3]
    assert got['ratio(value("Revenue", "2020"), value("Costs", "2022"))'] == REV[1] / COST[3]
    assert got['percent_change(value("Revenue", "2019"), value("Revenue", "2022"))'] == (REV[3] - REV[0]) / REV[0] * 100
    assert got['(value("Revenue", "2019") + value("Costs", "2019")) * 2 - 1'] == (REV[0] + COST[0]) * 2 - 1
    assert got['count("Revenue" > mean("Revenue"))'] == sum(1 for v in REV if v > sum(REV) / 4)
    assert got['rank("Revenue", "2019")'] == 1 + sum(1 for v in REV if v > REV[0])
    assert got['rank("Costs", "2020", "asc")'] == 1 + sum(1 for v in COST if v < COST[1])
    assert got['rank(category("2021"), "Costs")'] == 1 + (REV[2] > COST[2])


def test_exact_types_and_texts(grouped: dict[str, object]) -> None:
    mean = grouped['mean("Revenue")']
    assert type(mean.exact) is Fraction and mean.exact == Fraction(231, 16)  # type: ignore[attr-defined]
    assert mean.text == "14.4375"  # type: ignore[attr-defined]
    count = grouped['count()']
    assert count.exact == 8 and isinstance(count.exact, int) and count.text == "8"  # type: ignore[attr-defined]
    pct = grouped['percent_change(value("Revenue", "2019"), value("Revenue", "2022"))']
    assert pct.unit == "percent" and pct.text == "77.0833% (= 925/12 percent)"  # type: ignore[attr-defined]
    assert grouped['max("Revenue")'].unit is None  # type: ignore[attr-defined]


def test_percent_text_is_a_percent() -> None:
    got = answers(program("bar", {"S": ("4", "7")}, ("a", "b"), ['percent_change(value("a"), value("b"))',
                                                                   'percent_change(value("b"), value("a"))']))
    up, down = got['percent_change(value("a"), value("b"))'], got['percent_change(value("b"), value("a"))']
    assert (up.exact, up.text, up.unit) == (75, "75%", "percent")  # type: ignore[attr-defined]
    assert F(down.exact) == Fraction(-300, 7) and down.text == "-42.8571% (= -300/7 percent)"  # type: ignore[attr-defined]


def test_labels_ties_and_sort() -> None:
    table = {"A": ("1", "3", "3", "0.5"), "B": ("2.5", "0.5", "4", "3")}
    got = answers(program("stacked_bar", table, CATS, ['argmax("A")', 'argmin("A")', 'argmax(category("2019"))',
                                                        'argmax()', 'sort("B")', 'sort(order="asc", of="B")',
                                                        'argmin(all())']))
    tie = got['argmax("A")']
    assert tie.exact == ("2020", "2021") and "2020" in tie.text and "2021" in tie.text  # type: ignore[attr-defined]
    assert "tied" in tie.text  # type: ignore[attr-defined]
    assert got['argmin("A")'].exact == "2022"  # type: ignore[attr-defined]
    assert got['argmax(category("2019"))'].exact == "B"  # type: ignore[attr-defined]
    assert got['argmax()'].exact == "2021 (B)"  # type: ignore[attr-defined]
    assert got['sort("B")'].exact == ("2021", "2022", "2019", "2020")  # type: ignore[attr-defined]
    assert got['sort(order="asc", of="B")'].exact == ("2020", "2019", "2022", "2021")  # type: ignore[attr-defined]
    assert set(got['argmin(all())'].exact) == {"2022 (A)", "2020 (B)"}  # type: ignore[attr-defined]


def test_scatter_queries_over_x_and_y() -> None:
    xs, ys = ["1", "2", "3.5", "0.25"], ["4", "9", "9", "1.5"]
    src = f'chart scatter\nseries("p", x=[{", ".join(xs)}], y=[{", ".join(ys)}])\n' + "\n".join(
        f"ask {q}" for q in ['mean("x")', 'max("y")', 'sum(series("p"))', 'count("x" > 1.5)', 'argmax("p")',
                             'median(category("x"))'])
    got = answers(src)
    fx, fy = [frac(v) for v in xs], [frac(v) for v in ys]
    assert F(got['mean("x")'].exact) == sum(fx) / 4  # type: ignore[attr-defined]
    assert F(got['max("y")'].exact) == max(fy)  # type: ignore[attr-defined]
    assert F(got['sum(series("p"))'].exact) == sum(fy)  # type: ignore[attr-defined]
    assert got['count("x" > 1.5)'].exact == sum(1 for v in fx if v > Fraction(3, 2))  # type: ignore[attr-defined]
    assert got['argmax("p")'].exact == ("(2, 9)", "(3.5, 9)")  # type: ignore[attr-defined]
    assert F(got['median(category("x"))'].exact) == sum(sorted(fx)[1:3]) / 2  # type: ignore[attr-defined]


def _diags(src: str) -> list[object]:
    return list(compile(src).diagnostics)


@pytest.mark.parametrize(("ask", "bad", "code", "text", "hint"), [
    ('max(series("Revenu"))', "Revenu", "E050", messages.unknown_series("Revenu"), "did you mean 'Revenue'?"),
    ('value("Revenue", "2023")', "2023", "E051", messages.unknown_category("2023"), "did you mean '2022'?"),
    ('value("Cost", "2020")', "Cost", "E050", messages.unknown_series("Cost"), "did you mean 'Costs'?"),
    ('max(category("2o20"))', "2o20", "E051", messages.unknown_category("2o20"), None),
    ('sort("Revenue", "up")', "up", "E055", messages.bad_sort_order("up"), None),
])
def test_unknown_names_are_located_in_the_checker(ask: str, bad: str, code: str, text: str,
                                                  hint: str | None) -> None:
    src = program("grouped_bar", TABLE, CATS, [ask])
    r = compile(src, solve=False)
    assert not r.ok
    (d,) = r.diagnostics
    assert (d.code, d.message) == (code, text)
    line = src.splitlines()[d.span.line - 1]
    assert d.span.line == 5 and line[d.span.col - 1:d.span.end_col - 1] == f'"{bad}"'
    if hint:
        assert d.hint == hint


def test_value_without_series_needs_one_series() -> None:
    r = compile(program("line", TABLE, CATS, ['value("2020")']))
    (d,) = r.diagnostics
    assert d.code == "E053" and d.message == messages.value_needs_series(2) and d.span.line == 5
    one = answers(program("line", {"S": ("1", "2")}, ("a", "b"), ['value("b")']))
    assert one['value("b")'].exact == 2  # type: ignore[attr-defined]


def test_division_by_zero_and_percent_change_from_zero() -> None:
    r = compile(program("bar", {"S": ("0", "2")}, ("a", "b"),
                        ['ratio(value("b"), value("a"))', 'percent_change(value("a"), value("b"))',
                         'value("b") / (value("b") - 2)', 'sum("S")']))
    codes = [d.code for d in r.diagnostics]
    assert codes == ["E054", "E054", "E054"]
    assert [a.exact for a in r.answers] == [2]


def test_empty_selections_give_zero_counts_and_diagnostics() -> None:
    def q(fn: str, *args: object) -> s.Query:
        return s.Query(s.Apply(fn, args), fn, Span(2, 1, 2, 5))  # type: ignore[arg-type]

    empty = s.Chart("bar", None, (), (), (q("count"), q("sum"), q("mean"), q("median"), q("max"), q("argmax")))
    answers_, diags = solve_chart(empty, 5.0)
    assert [a.exact for a in answers_] == [0, 0]
    assert [d.code for d in diags] == ["E052"] * 4
    assert diags[0].message == messages.empty_selection("mean") and diags[0].span.line == 2
    table = s.Chart("bar", None, ("a",), (s.Series("S", (1,)),),
                    (s.Query(s.Apply("count", (s.Mask(s.Selection("S"), ">", s.Const(5)),)), "c"),))
    assert solve_chart(table, 5.0)[0][0].exact == 0


def test_format_value() -> None:
    assert format_value(Fraction(7, 4)) == "1.75" and format_value(Fraction(-6, 2)) == "-3"
    assert format_value(Fraction(2, 3)) == "0.666667 (2/3)"
    assert format_value(Fraction(1, 3), "percent") == "0.333333% (= 1/3 percent)"
    assert format_value(sympy.Rational(7, 4)) == "1.75"
    assert format_value(sympy.Integer(-3)) == "-3"
    assert format_value(sympy.Rational(2, 3)) == "0.666667 (2/3)"
    assert format_value(sympy.sqrt(2)) == "1.41421 (sqrt(2))"


decimals = st.builds(lambda n, d: Fraction(n, 10**d), st.integers(0, 10**6), st.integers(0, 2))


def _text(v: Fraction) -> str:
    return str(v.numerator) if v.denominator == 1 else str(Decimal(v.numerator) / Decimal(v.denominator))


@settings(max_examples=25, deadline=None)
@given(st.lists(decimals, min_size=1, max_size=9))
def test_random_series_against_fractions(values: list[Fraction]) -> None:
    cats = tuple(f"c{i}" for i in range(len(values)))
    src = program("bar", {"S": tuple(_text(v) for v in values)}, cats,
                  ['sum("S")', 'mean("S")', 'median("S")', 'max("S")', 'argmin("S")', 'sort("S", "asc")'])
    got = answers(src)
    ordered = sorted(values)
    n = len(values)
    median = ordered[n // 2] if n % 2 else (ordered[n // 2 - 1] + ordered[n // 2]) / 2
    assert F(got['sum("S")'].exact) == sum(values)  # type: ignore[attr-defined]
    assert F(got['mean("S")'].exact) == sum(values) / n  # type: ignore[attr-defined]
    assert F(got['median("S")'].exact) == median  # type: ignore[attr-defined]
    assert F(got['max("S")'].exact) == max(values)  # type: ignore[attr-defined]
    lowest = [c for c, v in zip(cats, values) if v == min(values)]
    argmin = got['argmin("S")'].exact  # type: ignore[attr-defined]
    labels = (argmin,) if isinstance(argmin, str) else tuple(argmin)
    assert labels == tuple(lowest)
    ranks = got['sort("S", "asc")'].exact  # type: ignore[attr-defined]
    assert [values[cats.index(c)] for c in ranks] == ordered


def test_rank_of_an_unknown_label_is_located_with_a_hint() -> None:
    r = compile(program("bar", {"S": ("1", "2", "3")}, ("Apples", "Pears", "Plums"),
                        ['rank("S", "Pear")', 'rank(category("Pears"), "S")']))
    (d,) = r.diagnostics
    assert (d.code, d.message, d.hint) == ("E056", messages.label_not_in_selection("Pear"), "did you mean 'Pears'?")
    assert d.span.line == 4  # the first ask: header, categories and one series come before it
    assert [a.exact for a in r.answers] == [1]


def test_equal_values_keep_their_order_when_sorted() -> None:
    got = answers(program("line", {"S": ("2", "1", "2", "1")}, ("a", "b", "c", "d"),
                          ['sort("S")', 'sort("S", "asc")', 'rank("S", "c")', 'rank("S", "d")']))
    assert got['sort("S")'].exact == ("a", "c", "b", "d")  # type: ignore[attr-defined]
    assert got['sort("S", "asc")'].exact == ("b", "d", "a", "c")  # type: ignore[attr-defined]
    assert (got['rank("S", "c")'].exact, got['rank("S", "d")'].exact) == (1, 3)  # type: ignore[attr-defined]


def test_values_that_leave_the_rationals_are_exact_in_sympy() -> None:
    """Chart arithmetic is Python's Fraction; a root, pi or a trigonometric value is SymPy's, exact."""
    got = answers(program("bar", {"S": ("12", "2.25", "3")}, ("a", "b", "c"),
                          ['sqrt(value("S", "a"))', 'sqrt(value("S", "b"))', 'max("S") * pi',
                           'count("S" > 2 * sqrt(2))', 'count("S" == sqrt(9))', 'mean("S") / 3']))
    root = got['sqrt(value("S", "a"))']
    assert root.exact == 2 * sympy.sqrt(3) and root.text == "3.4641 (2*sqrt(3))"  # type: ignore[attr-defined]
    half = got['sqrt(value("S", "b"))'].exact  # type: ignore[attr-defined]
    assert type(half) is Fraction and half == Fraction(3, 2)
    assert got['max("S") * pi'].exact == 12 * sympy.pi  # type: ignore[attr-defined]
    assert got['count("S" > 2 * sqrt(2))'].exact == 2  # type: ignore[attr-defined]
    assert got['count("S" == sqrt(9))'].exact == 1  # type: ignore[attr-defined]
    third = got['mean("S") / 3'].exact  # type: ignore[attr-defined]
    assert type(third) is Fraction and third == Fraction(69, 36)
