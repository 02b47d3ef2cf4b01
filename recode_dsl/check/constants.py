"""Exact values of expressions made of literals only (``3/2``, ``2^10``, ``sqrt(3)``), within
the size limits, so that no stage after the checker meets 1/0, sqrt(-1) or 10^(10^9).

Rationals are computed without SymPy (``quantity.rational_op``); SymPy is imported only for a
value that leaves the rationals (``sqrt(3)``, ``pi``, ``sin(10°)``, ``1/0``)."""

from __future__ import annotations

from typing import Any

from recode_dsl import budget, limits
from recode_dsl import scene as s
from recode_dsl.quantity import RATIONAL_OPS, NotRational, Rational, exact_expr, is_rational, plain, rational_op


class TooLarge(Exception):
    """The value would exceed ``limits.MAX_CONSTANT_BITS``."""


def constant_value(q: object) -> Any:
    """The exact value of a literal expression (``int``, ``Fraction`` or a SymPy value); None
    when it has unknowns or measures.

    >>> constant_value(s.Apply("^", (s.Const(2), s.Const(10))))
    1024
    >>> constant_value(s.Apply("+", (s.Var("x"), s.Const(1)))) is None
    True
    """
    if not _is_constant(q):
        return None
    try:
        return _eval_rational(q, {})
    except NotRational:
        return plain(_eval_sympy(q, {}))


def _is_constant(q: object) -> bool:
    stack, seen = [q], set()  # each shared node once: 'let's make DAGs
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, s.Apply) and node.fn in RATIONAL_OPS:
            stack.extend(node.args)
        elif not isinstance(node, s.Const):
            return False
    return True


def _eval_rational(q: object, memo: dict[int, tuple[object, Rational]]) -> Rational:
    if id(q) in memo:
        return memo[id(q)][1]
    budget.check()
    if isinstance(q, s.Const):
        if not is_rational(q.value):
            raise NotRational
        value: Rational = q.value  # type: ignore[assignment]
    else:
        assert isinstance(q, s.Apply)
        args = [_eval_rational(x, memo) for x in q.args]
        if q.fn == "^":
            _check_power(args[0], args[1])
        value = rational_op(q.fn, args)
        if _bits(value) > limits.MAX_CONSTANT_BITS:
            raise TooLarge
    memo[id(q)] = (q, value)
    return value


def _eval_sympy(q: object, memo: dict[int, tuple[object, Any]]) -> Any:
    from recode_dsl.quantity import sympy_ops

    if id(q) in memo:
        return memo[id(q)][1]
    budget.check()
    if isinstance(q, s.Const):
        value = exact_expr(q.value)
    else:
        assert isinstance(q, s.Apply)
        args = [_eval_sympy(x, memo) for x in q.args]
        if q.fn == "^":
            _check_power(plain(args[0]), plain(args[1]))
        value = sympy_ops()[q.fn](*args)
        r = plain(value)
        if is_rational(r) and _bits(r) > limits.MAX_CONSTANT_BITS:
            raise TooLarge
    memo[id(q)] = (q, value)
    return value


def _check_power(base: object, exponent: object) -> None:
    if not is_rational(exponent):
        return
    if abs(exponent) > limits.MAX_EXPONENT:  # type: ignore[arg-type]
        raise TooLarge
    if is_rational(base) and _bits(base) * abs(exponent) > limits.MAX_CONSTANT_BITS:  # type: ignore[arg-type]
        raise TooLarge


def _bits(r: Rational) -> int:
    if isinstance(r, int):
        return r.bit_length()
    return max(r.numerator.bit_length(), r.denominator.bit_length())
