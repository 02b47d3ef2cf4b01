"""Exact answers composed from exact parts: ``length(A, B) + 10^-13`` is sqrt(2) + 1/10^13,
not the float of the sum recognised as sqrt(2).

The numeric solver gives one float per question; recognising the float of a whole expression
loses whatever the recogniser's tolerance hides (a tiny constant added, (1/3)^64, 1/10^40).
Here each measure and variable of the question is evaluated and recognised on its own (each
must be fixed by the constraints), the constants are taken as written, and the expression is
rebuilt in exact arithmetic; the result is kept only if it agrees with the float of the whole.
A question of constants alone is exact without the solver.
"""

from __future__ import annotations

from collections.abc import Callable

import sympy

from recode_dsl import scene as s
from recode_dsl.quantity import to_sympy

Leaf = s.Measure | s.Var


def leaves(expr: object) -> list[Leaf]:
    """The measures and variables of a question, each once (by identity), outermost first."""
    out: list[Leaf] = []
    seen: set[int] = set()
    stack = [expr]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, (s.Measure, s.Var)):
            out.append(node)
        elif isinstance(node, s.Apply):
            stack.extend(node.args)
    return out


def composed(expr: object, value: float, leaf_exact: Callable[[Leaf], sympy.Expr | None],
             rel_tol: float = 1e-9) -> sympy.Expr | None:
    """The exact value of ``expr`` from the exact values of its leaves, or None (a leaf not fixed
    or not recognised, a result that is not a finite real, or one that disagrees with ``value``).

    >>> composed(s.Apply("^", (s.Apply("/", (s.Const(1), s.Const(3))), s.Const(64))), 2.9e-31, lambda leaf: None)
    1/3433683820292512484657849089281
    >>> composed(s.Apply("+", (s.Var("x"), s.Const(1))), 1 + 2 ** 0.5, lambda leaf: sympy.sqrt(2))
    1 + sqrt(2)
    """
    if not isinstance(expr, (s.Apply, s.Const)):
        return None
    exact: dict[int, sympy.Expr] = {}
    for leaf in leaves(expr):
        ex = leaf_exact(leaf)
        if ex is None:
            return None
        exact[id(leaf)] = ex
    names = {leaf.name: exact[id(leaf)] for leaf in leaves(expr) if isinstance(leaf, s.Var)}
    try:
        out = to_sympy(expr, measure=lambda m: exact[id(m)], symbol=lambda n: names[n])  # type: ignore[arg-type,return-value]
        if not (out.is_real and out.is_finite):
            return None
        close = abs(float(out) - value) <= rel_tol * max(1.0, abs(value))
    except (TypeError, ValueError, KeyError, ArithmeticError):
        return None
    return out if close else None
