"""Exact answers to chart queries: every value an int or a ``fractions.Fraction``, every label a
string. The arithmetic is Python's own; SymPy is imported only for a value that is no rational
(``sqrt(mean("S"))``, a query times ``pi``).

A query is an IR expression (``scene.Apply``) over selections of the chart's table:

    Selection(series="S")    the values of S, labelled by category
    Selection(category="C")  the values at C across series, labelled by series
    Selection()              every value, labelled "C (S)" when there are several series

A scatter chart's values are its points: a series selects its y values, category "x" or "y"
every x or y value, and a point is labelled "(x, y)".
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from recode_dsl import budget, messages
from recode_dsl import scene as s
from recode_dsl.budget import clock
from recode_dsl.errors import Diagnostic, did_you_mean
from recode_dsl.fmt import format_number
from recode_dsl.quantity import NotRational, Rational, exact_expr, is_rational, plain, rational_op, sympy_ops, value
from recode_dsl.solver.answer import Answer

NUMBER_QUERIES = ("value", "max", "min", "sum", "mean", "median", "count", "rank", "share")
LABEL_QUERIES = ("argmax", "argmin", "sort")


def _equal(a: Any, b: Any) -> bool:
    if is_rational(a) and is_rational(b):
        return bool(a == b)
    import sympy

    return bool(sympy.Eq(exact_expr(a), exact_expr(b)))


COMPARE: dict[str, Callable[[Any, Any], bool]] = {
    "<": lambda a, b: bool(a < b), "<=": lambda a, b: bool(a <= b), ">": lambda a, b: bool(a > b),
    ">=": lambda a, b: bool(a >= b), "==": _equal, "!=": lambda a, b: not _equal(a, b),
}


@dataclass(frozen=True, slots=True)
class Item:
    """One value of a selection with the label that names it."""

    label: str
    value: Rational


class QueryFailed(Exception):
    """A query has no answer; carries the diagnostic's code, message and hint."""

    def __init__(self, code: str, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.code, self.message, self.hint = code, message, hint


def solve_chart(chart: s.Chart, timeout: float) -> tuple[list[Answer], list[Diagnostic]]:
    """Answer every query of a chart exactly; a query without an answer gives a diagnostic.

    >>> from recode_dsl.pipeline import compile
    >>> r = compile('chart bar\\ncategories("a", "b")\\nseries("S", [1, 2.5])\\nask mean("S")', solve=False)
    >>> [a.text for a in solve_chart(r.scene, 1.0)[0]]
    ['1.75']
    """
    answers: list[Answer] = []
    diags: list[Diagnostic] = []
    start = clock()
    for q in chart.queries:
        if clock() - start > timeout:
            diags.append(Diagnostic("E059", messages.query_timeout(timeout), q.span))
            continue
        budget.at(q.span, f"answering '{q.text[:40]}'")  # the compile budget covers each query (budget.py)
        try:
            answers.append(answer_query(chart, q))
        except QueryFailed as err:
            diags.append(Diagnostic(err.code, err.message, q.span, err.hint))
    return answers, diags


def answer_query(chart: s.Chart, q: s.Query) -> Answer:
    """The answer to one query: a number (exact and as text) or labels."""
    expr = q.expr
    if isinstance(expr, s.Apply) and expr.fn in LABEL_QUERIES:
        labels, text = _labels(chart, expr)
        exact: object = labels[0] if len(labels) == 1 and expr.fn != "sort" else labels
        return Answer(q.text, exact, None, text, None, q.span)
    if not isinstance(expr, (s.Const, s.Var, s.Measure, s.Apply)):
        raise QueryFailed("E058", messages.not_for_kind("a bare selection", chart.kind))
    value = evaluate(chart, expr)
    if not is_rational(value) and not value.is_real:
        raise QueryFailed("E057", messages.not_real(q.text))
    unit = "percent" if _is_percent(expr) else None
    return Answer(q.text, value, float(value), format_value(value, unit), unit, q.span)


# -- numbers ----------------------------------------------------------------------------------


def evaluate(chart: s.Chart, q: s.Quantity) -> Any:
    """The exact value of a numeric expression over the chart: an int or a Fraction, or a SymPy
    value when it is no rational."""
    if isinstance(q, s.Apply) and q.fn in NUMBER_QUERIES:
        return _number_query(chart, q)
    if isinstance(q, s.Apply):
        args = [evaluate(chart, x) for x in q.args]  # type: ignore[arg-type]
        _check_domain(q.fn, args)
        result = _apply(q.fn, args)
    else:
        result = value(q)
    if is_rational(result):
        return result
    import sympy

    if result.has(sympy.zoo, sympy.nan, sympy.oo, -sympy.oo):
        raise QueryFailed("E054", messages.division_by_zero("the query"))
    return result


def _apply(fn: str, args: list[Any]) -> Any:
    """One operation on exact values: in rationals when it stays there, else in SymPy."""
    if all(is_rational(a) for a in args):
        try:
            return rational_op(fn, args)
        except NotRational:
            pass
    return plain(sympy_ops()[fn](*(exact_expr(a) for a in args)))


def _check_domain(fn: str, args: list[Any]) -> None:
    if fn in ("/", "ratio") and args[1] == 0:
        raise QueryFailed("E054", messages.division_by_zero(f"'{fn}'"), "the divisor is 0")
    if fn == "percent_change" and args[0] == 0:
        raise QueryFailed("E054", messages.division_by_zero("percent_change"),
                          "a change from 0 has no percentage; ask difference(...) instead")


def _number_query(chart: s.Chart, q: s.Apply) -> Rational:
    if q.fn == "value":
        return _value(chart, [str(x) for x in q.args])
    if q.fn == "count":
        return len(_selected(chart, q.args))
    if q.fn == "rank":
        return _rank(chart, q)
    if q.fn == "share":
        return _share(chart, q)
    return aggregate(q.fn, [i.value for i in _selected(chart, q.args)])


def aggregate(fn: str, values: list[Rational]) -> Rational:
    """sum, mean, median, max, min or count of exact values.

    >>> aggregate("mean", [1, Fraction(5, 2)]), aggregate("sum", [Fraction(1, 2), Fraction(1, 2)])
    (Fraction(7, 4), 1)
    """
    if fn == "sum":
        return plain(sum(values, 0))
    if fn == "count":
        return len(values)
    if not values:
        raise QueryFailed("E052", messages.empty_selection(fn), "the selection holds no values")
    if fn == "max":
        return max(values)
    if fn == "min":
        return min(values)
    if fn == "mean":
        return plain(Fraction(sum(values, 0)) / len(values))
    return _median(values)


def _share(chart: s.Chart, q: s.Apply) -> Rational:
    """One label's value as a percent of the sum of a selection.

    ``share("L")`` alone: the total of category (or series) L over every value of the chart.
    """
    label = str(q.args[-1])
    if len(q.args) == 1:
        if chart.kind == "scatter":
            raise QueryFailed("E058", messages.not_for_kind("share(\"label\")", "scatter"),
                              "ask share(\"series\", \"label\") of a selection instead")
        by = "category" if label in chart.categories else "series"
        items = items_of(chart, s.Selection(per=by))
    else:
        items = _selected(chart, q.args[:1])
    target = next((i for i in items if i.label == label), None)
    if target is None:
        raise QueryFailed("E056", messages.label_not_in_selection(label),
                          did_you_mean(label, [i.label for i in items]))
    total = sum((i.value for i in items), 0)
    if total == 0:
        raise QueryFailed("E054", messages.division_by_zero("share"), "the selection adds up to 0")
    return plain(Fraction(100 * target.value) / total)


def _median(values: list[Rational]) -> Rational:
    ordered = sorted(values)
    mid = len(ordered) // 2
    return ordered[mid] if len(ordered) % 2 else plain(Fraction(ordered[mid - 1] + ordered[mid]) / 2)


def _value(chart: s.Chart, names: list[str]) -> Rational:
    if chart.kind == "scatter":
        raise QueryFailed("E058", messages.not_for_kind("value(...)", "scatter"),
                          "ask max(\"y\"), mean(\"x\") or count(\"y\" > 10) instead")
    if len(names) == 1:
        if len(chart.series) != 1:
            raise QueryFailed("E053", messages.value_needs_series(len(chart.series)),
                              f"e.g. value(\"{chart.series[0].name}\", \"{names[0]}\")")
        names = [chart.series[0].name, names[0]]
    series = _series(chart, names[0])
    return _rational(series.values[_category_index(chart, names[1])])


def _rank(chart: s.Chart, q: s.Apply) -> int:
    items = _selected(chart, q.args[:1])
    label, order = str(q.args[1]), _order(q.args[2:])
    target = next((i for i in items if i.label == label), None)
    if target is None:
        raise QueryFailed("E056", messages.label_not_in_selection(label),
                          did_you_mean(label, [i.label for i in items]))
    better = [i for i in items if (i.value > target.value if order == "desc" else i.value < target.value)]
    return 1 + len(better)


# -- labels -----------------------------------------------------------------------------------


def _labels(chart: s.Chart, q: s.Apply) -> tuple[tuple[str, ...], str]:
    items = _selected(chart, [a for a in q.args if not isinstance(a, str)])
    if q.fn == "sort":
        desc = _order([a for a in q.args if isinstance(a, str)]) == "desc"
        ordered = sorted(items, key=lambda i: -i.value if desc else i.value)
        return tuple(i.label for i in ordered), ", ".join(i.label for i in ordered)
    if not items:
        raise QueryFailed("E052", messages.empty_selection(q.fn), "the selection holds no values")
    best = (max if q.fn == "argmax" else min)(i.value for i in items)
    tied = tuple(i.label for i in items if i.value == best)
    if len(tied) == 1:
        return tied, tied[0]
    return tied, f"{', '.join(tied[:-1])} and {tied[-1]} (tied at {format_value(best)})"


def _order(args: Sequence[object]) -> str:
    order = str(args[0]) if args else "desc"
    if order not in ("asc", "desc"):
        raise QueryFailed("E055", messages.bad_sort_order(order), did_you_mean(order, ("asc", "desc")))
    return order


# -- selections -------------------------------------------------------------------------------


def _selected(chart: s.Chart, args: Sequence[object]) -> list[Item]:
    """The items of the selection among ``args`` (all values when there is none)."""
    sel = next((a for a in args if isinstance(a, (s.Selection, s.Mask))), None)
    if isinstance(sel, s.Mask):
        return _masked(chart, sel)
    return items_of(chart, sel or s.Selection())


def _masked(chart: s.Chart, mask: s.Mask) -> list[Item]:
    threshold = evaluate(chart, mask.value)
    test = COMPARE[mask.op]
    return [i for i in items_of(chart, mask.selection) if test(i.value, threshold)]


def items_of(chart: s.Chart, sel: s.Selection) -> list[Item]:
    """The labelled values a selection picks out of the chart."""
    if sel.per is not None:
        return _per(chart, sel)
    if sel.minus is not None:
        return _gap(chart, sel)
    if chart.kind == "scatter":
        return _scatter_items(chart, sel)
    if sel.series is not None:
        series = _series(chart, sel.series)
        return [Item(c, _rational(v)) for c, v in zip(chart.categories, series.values)]
    if sel.category is not None:
        i = _category_index(chart, sel.category)
        return [Item(x.name, _rational(x.values[i])) for x in chart.series]
    many = len(chart.series) > 1
    return [Item(f"{c} ({x.name})" if many else c, _rational(v))
            for x in chart.series for c, v in zip(chart.categories, x.values)]


def _per(chart: s.Chart, sel: s.Selection) -> list[Item]:
    """One aggregate per series (labelled by series) or per category (labelled by category)."""
    if sel.per == "series":
        groups = [(x.name, s.Selection(series=x.name)) for x in chart.series]
    else:
        cats = chart.categories if chart.kind != "scatter" else ("x", "y")
        groups = [(c, s.Selection(category=c)) for c in cats]
    return [Item(label, aggregate(sel.agg, [i.value for i in items_of(chart, group)]))  # type: ignore[misc]
            for label, group in groups]


def _gap(chart: s.Chart, sel: s.Selection) -> list[Item]:
    """Series ``sel.series`` minus series ``sel.minus`` at each category."""
    if chart.kind == "scatter":
        raise QueryFailed("E058", messages.gap_needs_two(chart.kind), "compare max(\"A\") and max(\"B\") instead")
    a, b = _series(chart, sel.series or ""), _series(chart, sel.minus or "")
    out = []
    for c, va, vb in zip(chart.categories, a.values, b.values):
        d = Fraction(_rational(va)) - _rational(vb)
        out.append(Item(c, plain(abs(d) if sel.absolute else d)))
    return out


def _scatter_items(chart: s.Chart, sel: s.Selection) -> list[Item]:
    chosen = [_series(chart, sel.series)] if sel.series is not None else list(chart.series)
    axis = sel.category or "y"
    if axis not in ("x", "y"):
        raise QueryFailed("E051", messages.unknown_category(axis), "a scatter chart's categories are \"x\" and \"y\"")
    many = len(chosen) > 1
    out: list[Item] = []
    for x in chosen:
        for px, py in zip(x.x, x.y):
            label = f"({_num_text(px)}, {_num_text(py)})" + (f" in {x.name}" if many else "")
            out.append(Item(label, _rational(px if axis == "x" else py)))
    return out


def _series(chart: s.Chart, name: str) -> s.Series:
    found = next((x for x in chart.series if x.name == name), None)
    if found is None:
        raise QueryFailed("E050", messages.unknown_series(name), did_you_mean(name, [x.name for x in chart.series]))
    return found


def _category_index(chart: s.Chart, name: str) -> int:
    if name not in chart.categories:
        raise QueryFailed("E051", messages.unknown_category(name), did_you_mean(name, chart.categories))
    return chart.categories.index(name)


# -- formatting -------------------------------------------------------------------------------


def _rational(v: object) -> Rational:
    """A chart value as an int or a Fraction (values are rational literals)."""
    if isinstance(v, int) and not isinstance(v, bool):
        return v
    return plain(Fraction(v))  # type: ignore[call-overload]


def _num_text(v: object) -> str:
    return format_number(_rational(v))


def _is_percent(q: s.Quantity) -> bool:
    if not isinstance(q, s.Apply):
        return False
    if q.fn in ("percent_change", "share"):
        return True
    return q.fn in ("neg", "abs") and _is_percent(q.args[0])  # type: ignore[arg-type]


def format_value(v: Any, unit: str | None = None) -> str:
    """Exact decimal text when the value has one, else a rounded decimal followed by the exact value.

    >>> format_value(Fraction(7, 4)), format_value(Fraction(1, 3)), format_value(75, "percent")
    ('1.75', '0.333333 (1/3)', '75%')
    """
    pct = "%" if unit == "percent" else ""
    v = plain(v)
    if is_rational(v):
        text = format_number(v)
        if "/" not in text:
            return text + pct
    else:
        import sympy

        text = sympy.sstr(v)
    if pct:  # "81.0761% (= 43700/539 percent)": "43700/539%" would read as 43700 / 5.39
        return f"{float(v):.6g}% (= {text} percent)"
    return f"{float(v):.6g} ({text})"
