"""Exact quantities of the IR, shared by every stage.

Rationals are plain Python: ``int`` and ``fractions.Fraction`` (normalised by ``plain``: a whole
number is an ``int``). SymPy holds only what a rational cannot: sqrt(2), pi, sin 10°, unknowns,
and the figure solver's algebra; it is imported on first use, so parsing, checking and answering
a chart never load it. ``value`` evaluates a constant quantity in rationals and turns to SymPy
only when an operation leaves them (an irrational root, a trigonometric value, a division by
zero, ``common`` of different values); ``to_sympy`` converts at the boundary into SymPy.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from fractions import Fraction
from typing import TYPE_CHECKING, Any, TypeAlias, overload

from recode_dsl import budget
from recode_dsl import scene as s

if TYPE_CHECKING:
    import sympy

Rational: TypeAlias = int | Fraction
MeasureFn = Callable[[s.Measure], "sympy.Expr"]


class NotRational(Exception):
    """The exact value of an operation is no rational (or is undefined): SymPy must compute it."""


def _no_measure(m: s.Measure) -> sympy.Expr:
    raise ValueError(f"{m.fn} is not a constant")


def is_rational(v: object) -> bool:
    """An ``int`` (not a bool) or a ``Fraction``: a rational in plain Python.

    >>> is_rational(3), is_rational(Fraction(1, 3)), is_rational(True), is_rational(0.5)
    (True, True, False, False)
    """
    return isinstance(v, (int, Fraction)) and not isinstance(v, bool)


@overload
def plain(v: Rational) -> Rational: ...
@overload
def plain(v: Any) -> Any: ...


def plain(v: Any) -> Any:
    """A rational as ``int`` when whole, else ``Fraction``; a SymPy rational likewise (SymPy's
    other values are returned as they are).

    >>> plain(Fraction(4, 2)), plain(Fraction(1, 3)), plain(7)
    (2, Fraction(1, 3), 7)
    """
    if isinstance(v, Fraction):
        return v.numerator if v.denominator == 1 else v
    if isinstance(v, int):
        return v
    if type(v).__module__.startswith("sympy") and getattr(v, "is_Rational", False):
        return plain(Fraction(int(v.p), int(v.q)))
    return v


def exact_expr(v: object) -> sympy.Expr:
    """A SymPy number from an exact value, built by constructors: never from text (no ``sympify``,
    which evaluates strings).

    >>> import sympy
    >>> exact_expr(3), exact_expr(Fraction(1, 3)), exact_expr(sympy.sqrt(2))
    (3, 1/3, sqrt(2))
    >>> exact_expr("1 + 1")
    Traceback (most recent call last):
    ...
    TypeError: not an exact number: str
    """
    import sympy

    if isinstance(v, sympy.Basic):
        return v  # type: ignore[return-value]
    if isinstance(v, int) and not isinstance(v, bool):
        return sympy.Integer(v)
    if isinstance(v, Fraction):
        return sympy.Rational(v.numerator, v.denominator)
    raise TypeError(f"not an exact number: {type(v).__name__}")


# -- rationals --------------------------------------------------------------------------------


def _div(a: Rational, b: Rational) -> Rational:
    if b == 0:
        raise NotRational  # SymPy says zoo or nan
    return Fraction(a) / b


def _pow(a: Rational, b: Rational) -> Rational:
    if not isinstance(b, int) and b.denominator != 1:
        raise NotRational  # 4^(1/2) is SymPy's to decide
    e = int(b)
    if a == 0 and e < 0:
        raise NotRational
    return Fraction(a) ** e


def _sqrt(a: Rational) -> Rational:
    f = Fraction(a)
    if f < 0:
        raise NotRational
    p, q = math.isqrt(f.numerator), math.isqrt(f.denominator)
    if p * p != f.numerator or q * q != f.denominator:
        raise NotRational
    return Fraction(p, q)


def _irrational(*_: Rational) -> Rational:
    raise NotRational


def _common(*xs: Rational) -> Rational:
    if any(x != xs[0] for x in xs[1:]):
        raise NotRational  # SymPy's nan
    return xs[0]


def _percent_change(a: Rational, b: Rational) -> Rational:
    if a == 0:
        raise NotRational
    return Fraction(b - a) / a * 100


RATIONAL_OPS: dict[str, Callable[..., Rational]] = {
    "+": lambda a, b: a + b,
    "-": lambda a, b: a - b,
    "*": lambda a, b: a * b,
    "/": _div,
    "^": _pow,
    "neg": lambda a: -a,
    "sqrt": _sqrt,
    "abs": abs,
    "sin": _irrational,
    "cos": _irrational,
    "tan": _irrational,
    "sum": lambda *xs: sum(xs, 0),
    "ratio": _div,
    "common": _common,
    "difference": lambda a, b: a - b,
    "percent_change": _percent_change,
}
"""The operations of ``scene.Apply`` on rationals; ``NotRational`` when SymPy must decide."""


def rational_op(fn: str, args: Sequence[Rational]) -> Rational:
    """One operation on rationals, normalised; raises NotRational when the value is none.

    >>> rational_op("/", [3, 4]), rational_op("sqrt", [Fraction(9, 4)]), rational_op("^", [2, -2])
    (Fraction(3, 4), Fraction(3, 2), Fraction(1, 4))
    >>> rational_op("sqrt", [2])
    Traceback (most recent call last):
    ...
    recode_dsl.quantity.NotRational
    """
    return plain(RATIONAL_OPS[fn](*args))  # type: ignore[no-any-return]


def value(q: s.Quantity) -> Any:
    """The exact value of a constant quantity (constants and operations on them): a rational when
    it is one, computed without SymPy; otherwise SymPy's value. Raises ValueError for a measure
    or an unknown. The compile budget is checked at every node; a value shared through 'let's is
    computed once (memoised by identity).

    >>> value(s.Apply("+", (s.Const(1), s.Apply("/", (s.Const(1), s.Const(2))))))
    Fraction(3, 2)
    >>> value(s.Apply("sqrt", (s.Const(2),)))
    sqrt(2)
    """
    try:
        return rational_value(q)
    except NotRational:
        return plain(to_sympy(q))


def rational_value(q: s.Quantity) -> Rational:
    """The value of a constant quantity in rationals; NotRational when it has no rational value
    (or SymPy must say what it is), ValueError for a measure or an unknown."""
    memo: dict[int, tuple[object, Rational]] = {}

    def ev(x: s.Quantity) -> Rational:
        hit = memo.get(id(x))
        if hit is not None:
            return hit[1]
        budget.check()
        if isinstance(x, s.Const):
            if not is_rational(x.value):
                raise NotRational
            out: Rational = x.value  # type: ignore[assignment]
        elif isinstance(x, s.Apply):
            out = rational_op(x.fn, [ev(a) for a in x.args])  # type: ignore[arg-type]
        else:
            raise ValueError(f"{getattr(x, 'fn', getattr(x, 'name', x))} is not a constant")
        memo[id(x)] = (x, out)
        return out

    return ev(q)


# -- SymPy ------------------------------------------------------------------------------------


def to_sympy(q: s.Quantity, measure: MeasureFn = _no_measure,
             symbol: Callable[[str], sympy.Symbol] | None = None) -> sympy.Expr:
    """An exact SymPy expression for a quantity; measures are resolved by ``measure``. A value
    shared through 'let's is converted once (memoised by identity); the compile budget is checked
    at every node.

    >>> to_sympy(s.Apply("+", (s.Const(1), s.Apply("sqrt", (s.Const(4),)))))
    3
    """
    import sympy

    ops = sympy_ops()
    sym = symbol or (lambda n: sympy.Symbol(n, real=True))
    memo: dict[int, tuple[object, sympy.Expr]] = {}

    def conv(x: s.Quantity) -> sympy.Expr:
        hit = memo.get(id(x))
        if hit is not None:
            return hit[1]
        budget.check()
        if isinstance(x, s.Const):
            out = exact_expr(x.value)
        elif isinstance(x, s.Var):
            out = sym(x.name)
        elif isinstance(x, s.Measure):
            out = measure(x)
        else:
            out = ops[x.fn](*(conv(a) for a in x.args))  # type: ignore[arg-type]
        memo[id(x)] = (x, out)
        return out

    return conv(q)


_SYMPY_OPS: dict[str, Callable[..., Any]] = {}


def sympy_ops() -> dict[str, Callable[..., sympy.Expr]]:
    """The operations of ``scene.Apply`` on SymPy values (built on first use: it imports SymPy)."""
    if not _SYMPY_OPS:
        import sympy

        deg = sympy.pi / 180
        _SYMPY_OPS.update({
            "+": lambda a, b: a + b,
            "-": lambda a, b: a - b,
            "*": lambda a, b: a * b,
            "/": lambda a, b: a / b,
            "^": lambda a, b: a**b,
            "neg": lambda a: -a,
            "sqrt": sympy.sqrt,
            "abs": sympy.Abs,
            "sin": lambda a: sympy.sin(a * deg),
            "cos": lambda a: sympy.cos(a * deg),
            "tan": lambda a: sympy.tan(a * deg),
            "sum": lambda *xs: sympy.Add(*xs),
            "ratio": lambda a, b: a / b,
            "common": lambda *a: a[0] if all(sympy.simplify(v - a[0]) == 0 for v in a[1:]) else sympy.nan,
            "difference": lambda a, b: a - b,
            "percent_change": lambda a, b: (b - a) / a * 100,
        })
    return _SYMPY_OPS
