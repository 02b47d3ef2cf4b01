"""Figures that are only algebra: equations in one unknown, answered exactly or refused.

A figure with no points, shapes or relations whose equations are polynomial (or rational) in
one variable is solved in exact arithmetic before the numeric solver sees it: the real roots
of the equations' common numerator (``Poly.real_roots``: radicals, or ``CRootOf`` when there
are none) decide. One root: every question is that root put in, exact. None: the equations
contradict each other (E042), and nothing is answered. Several: a question whose value
differs between them is refused (E041, listing them), since the numeric solver would answer
whichever root it met first.

>>> from recode_dsl import compile
>>> [a.text for a in compile("figure\\nx^3 - 3x + 5 = 0\\nask x").answers]
['-2.27902']
>>> r = compile("figure\\nx^3 - 6x^2 + 11x - 6 = 0\\nask x")
>>> r.answers, [d.code for d in r.diagnostics]
([], ['E041'])
>>> r = compile("figure\\nx + 1 = x\\nask x")
>>> r.answers, [d.code for d in r.diagnostics]
([], ['E042'])
"""

from __future__ import annotations

import sympy

from recode_dsl import budget, messages
from recode_dsl import scene as s
from recode_dsl.errors import Diagnostic
from recode_dsl.quantity import to_sympy
from recode_dsl.solver.answer import Answer

MAX_DEGREE = 12  # beyond it the numeric solver is left to try
_TEXT_CHARS = 40  # an exact value longer than this is printed as its decimal


def solve_algebra(figure: s.Figure) -> tuple[list[Answer], list[Diagnostic]] | None:
    """Answers and diagnostics, or None when the figure is not algebra in one unknown."""
    if figure.points or figure.shapes or figure.relations or not figure.equations:
        return None
    symbols: dict[str, sympy.Symbol] = {}

    def symbol(name: str) -> sympy.Symbol:
        return symbols.setdefault(name, sympy.Symbol(name, real=True))

    try:
        sides = [to_sympy(eq.lhs, symbol=symbol) - to_sympy(eq.rhs, symbol=symbol) for eq in figure.equations]
        asked = [to_sympy(q.expr, symbol=symbol) for q in figure.queries]  # type: ignore[arg-type]
    except (ValueError, TypeError, KeyError, AttributeError):
        return None  # a measure, a selection: not algebra
    if len(figure.variables) != 1:
        return None
    x = symbol(figure.variables[0])
    if any(not a.free_symbols <= {x} for a in asked):
        return None
    roots = _common_roots(sides, x)
    if roots is None:
        return None
    if not roots:
        text = "; ".join(f"{eq.lhs} = {eq.rhs}" for eq in figure.equations)[:200]
        return [], [Diagnostic("E042", messages.no_real_solution(str(x)), eq.span) for eq in figure.equations
                    ][:1] or [Diagnostic("E042", messages.inconsistent(text), figure.queries[0].span)]
    answers: list[Answer] = []
    diags: list[Diagnostic] = []
    for q, expr in zip(figure.queries, asked):
        budget.check()
        values = list(dict.fromkeys(sympy.simplify(expr.subs(x, r)) for r in roots))
        if len(values) > 1:
            shown = ", ".join(_text(v) for v in values[:6])
            diags.append(Diagnostic("E041", messages.several_values(q.text, len(values), shown), q.span,
                                    "add the equation or fact that picks one"))
            continue
        v = values[0]
        if not (v.is_real and v.is_finite):
            diags.append(Diagnostic("E043", messages.not_solvable(q.text, "the value is not a finite real number"),
                                    q.span))
            continue
        answers.append(Answer(q.text, v, float(v), _text(v), None, q.span))
    return answers, diags


def _common_roots(sides: list[sympy.Expr], x: sympy.Symbol) -> list[sympy.Expr] | None:
    """The real numbers that make every side zero (a denominator never zero), or None when a side
    is not a rational function of x with rational coefficients of degree <= MAX_DEGREE."""
    polys: list[sympy.Poly] = []
    denominators: list[sympy.Expr] = []
    for side in sides:
        budget.check()
        num, den = sympy.fraction(sympy.together(side))
        try:
            p = sympy.Poly(num, x, domain="QQ")
        except (sympy.PolynomialError, sympy.polys.polyerrors.CoercionFailed, ValueError, TypeError):
            return None
        if p.degree() > MAX_DEGREE or not den.is_polynomial(x):
            return None
        polys.append(p)
        denominators.append(den)
    nonzero = [p for p in polys if not p.is_zero]
    if not nonzero:
        return None  # every equation holds for any x: the numeric solver reports it free
    g = nonzero[0]
    for p in nonzero[1:]:
        g = sympy.gcd(g, p)
    if g.degree() <= 0:
        return []
    roots = list(dict.fromkeys(g.real_roots()))
    return [r for r in roots if all(sympy.simplify(d.subs(x, r)) != 0 for d in denominators)]


def _text(v: sympy.Expr) -> str:
    text = str(v)
    return text if len(text) <= _TEXT_CHARS and "RootOf" not in text else f"{float(v):.6g}"
