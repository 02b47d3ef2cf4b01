"""Exact values of expressions made of literals only (``3/2``, ``2^10``, ``sqrt(3)``), within
the size limits, so that no stage after the checker meets 1/0, sqrt(-1) or 10^(10^9)."""

from __future__ import annotations

import sympy

from recode_dsl import budget, limits
from recode_dsl import scene as s
from recode_dsl.quantity import _OPS, exact_expr


class TooLarge(Exception):
    """The value would exceed ``limits.MAX_CONSTANT_BITS``."""


def constant_value(q: object) -> sympy.Expr | None:
    """The exact value of a literal expression; None when it has unknowns or measures.

    >>> constant_value(s.Apply("^", (s.Const(2), s.Const(10))))
    1024
    >>> constant_value(s.Apply("+", (s.Var("x"), s.Const(1)))) is None
    True
    """
    if not _is_constant(q):
        return None
    return _eval(q, {})


def _is_constant(q: object) -> bool:
    stack, seen = [q], set()  # each shared node once: 'let's make DAGs
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, s.Apply) and node.fn in _OPS:
            stack.extend(node.args)
        elif not isinstance(node, s.Const):
            return False
    return True


def _eval(q: object, memo: dict[int, tuple[object, sympy.Expr]]) -> sympy.Expr:
    if id(q) in memo:
        return memo[id(q)][1]
    budget.check()
    if isinstance(q, s.Const):
        value = exact_expr(q.value)
    else:
        assert isinstance(q, s.Apply)
        args = [_eval(x, memo) for x in q.args]
        if q.fn == "^":
            _check_power(args[0], args[1])
        value = _OPS[q.fn](*args)
        if isinstance(value, sympy.Rational) and _bits(value) > limits.MAX_CONSTANT_BITS:
            raise TooLarge
    memo[id(q)] = (q, value)
    return value


def _check_power(base: sympy.Expr, exponent: sympy.Expr) -> None:
    if not isinstance(exponent, sympy.Rational):
        return
    if abs(exponent) > limits.MAX_EXPONENT:
        raise TooLarge
    if isinstance(base, sympy.Rational) and _bits(base) * abs(exponent) > limits.MAX_CONSTANT_BITS:
        raise TooLarge


def _bits(r: sympy.Rational) -> int:
    return max(int(r.p).bit_length(), int(r.q).bit_length())
