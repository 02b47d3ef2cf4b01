"""Quantities of the IR as SymPy expressions: exact arithmetic shared by every stage."""

from __future__ import annotations

from collections.abc import Callable

import sympy

from recode_dsl import scene as s

MeasureFn = Callable[[s.Measure], sympy.Expr]

_DEG = sympy.pi / 180


def _no_measure(m: s.Measure) -> sympy.Expr:
    raise ValueError(f"{m.fn} is not a constant")


def to_sympy(q: s.Quantity, measure: MeasureFn = _no_measure,
             symbol: Callable[[str], sympy.Symbol] | None = None) -> sympy.Expr:
    """An exact SymPy expression for a quantity; measures are resolved by ``measure``.

    >>> to_sympy(s.Apply("+", (s.Const(1), s.Apply("sqrt", (s.Const(4),)))))
    3
    """
    sym = symbol or (lambda n: sympy.Symbol(n, real=True))
    if isinstance(q, s.Const):
        return sympy.sympify(q.value)
    if isinstance(q, s.Var):
        return sym(q.name)
    if isinstance(q, s.Measure):
        return measure(q)
    args = [to_sympy(x, measure, symbol) for x in q.args]  # type: ignore[arg-type]
    return _OPS[q.fn](*args)


def _sum(*xs: sympy.Expr) -> sympy.Expr:
    return sympy.Add(*xs)


_OPS: dict[str, Callable[..., sympy.Expr]] = {
    "+": lambda a, b: a + b,
    "-": lambda a, b: a - b,
    "*": lambda a, b: a * b,
    "/": lambda a, b: a / b,
    "^": lambda a, b: a**b,
    "neg": lambda a: -a,
    "sqrt": sympy.sqrt,
    "abs": sympy.Abs,
    "sin": lambda a: sympy.sin(a * _DEG),
    "cos": lambda a: sympy.cos(a * _DEG),
    "tan": lambda a: sympy.tan(a * _DEG),
    "sum": _sum,
    "ratio": lambda a, b: a / b,
    "common": lambda *a: a[0] if all(sympy.simplify(v - a[0]) == 0 for v in a[1:]) else sympy.nan,
    "difference": lambda a, b: a - b,
    "percent_change": lambda a, b: (b - a) / a * 100,
}
