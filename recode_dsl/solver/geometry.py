"""Geometry answers: every ``ask`` of a figure, exact where the value can be recognised.

    figure ──1 strict core (attempt.core: facts held, solve)──▶ attempt
           ──2 the policy's recovery strategies, in order (strategies/)──▶ attempt
           ──3 per query: value at x*, determined? (null space), exact form (geo_exact)──▶ Answer

Constraints that cannot hold give E042 at their spans; a query the constraints leave free
gives E041 (under the "drawing" policy a warning with the drawn value when the figure is
drawn, else an error); past the time limit every open query gets E040.
"""

from __future__ import annotations

import numpy as np
import sympy

from recode_dsl import messages
from recode_dsl import scene as s
from recode_dsl.budget import clock
from recode_dsl.errors import Diagnostic
from recode_dsl.geometry import solve as geo_solve
from recode_dsl.geometry.measures import quantity
from recode_dsl.geometry.numeric import Block, Num, SolveTimeout, Unsupported
from recode_dsl.solver import DEFAULT_POLICY, geo_exact, geo_placed
from recode_dsl.solver.algebra import solve_algebra
from recode_dsl.solver.answer import Answer
from recode_dsl.solver.attempt import Attempt, core
from recode_dsl.solver.compose import Leaf, composed
from recode_dsl.solver.strategies import LEAVE_OUT, POLICIES

_UNITS = {"length": "length", "perimeter": "length", "circumference": "length", "radius": "length",
          "diameter": "length", "side": "length", "height": "length", "measure": "degrees", "area": "area",
          "scale_factor": None}
_NUMERIC_FAILURES = (ArithmeticError, ValueError, np.linalg.LinAlgError)  # numbers beyond what floats can do
_SPARE = 2.0  # CPU seconds at most for the strategies after the first solve (a quarter of the timeout, if less)


def solve_figure(figure: s.Figure, timeout: float,
                 policy: str = DEFAULT_POLICY) -> tuple[list[Answer], list[Diagnostic]]:
    """Answers to the queries of a figure, and diagnostics; never raises for bad input.

    >>> from recode_dsl import compile
    >>> r = compile("figure\\npoint A, B, C\\ntriangle(A, B, C)\\nright_angle(angle(A, C, B))\\n"
    ...             "length(A, C) = 10\\nlength(B, C) = 15\\nask length(A, B)")
    >>> r.answers[0].text, r.diagnostics
    ('5*sqrt(13)', [])
    """
    if not figure.queries:
        return [], []
    algebra = solve_algebra(figure)  # one unknown, no geometry: exact roots, or refused (solver/algebra.py)
    if algebra is not None:
        return algebra
    strategies = POLICIES[policy]
    start = clock()
    deadline = start + timeout
    spare: float | None = None
    try:
        att = core(figure, deadline, strict=not strategies)
        settled = att.pinned and att.settled  # the facts fix every answer: nothing to recover
        for strategy in strategies if not settled else ():
            if not strategy.spare:
                att = strategy.run(figure, att, deadline) or att
                continue
            spare = spare or min(deadline, clock() + min(_SPARE, timeout / 4))
            try:
                att = strategy.run(figure, att, spare) or att
            except (SolveTimeout, *_NUMERIC_FAILURES):
                break  # keep the solution so far
    except SolveTimeout:
        return [], [Diagnostic("E040", messages.query_timeout(timeout), q.span) for q in figure.queries]
    except _NUMERIC_FAILURES as err:
        return [], [Diagnostic("E043", messages.not_solvable(q.text, f"the numbers cannot be solved ({err})"), q.span)
                    for q in figure.queries]
    diags = list(att.report)
    if att.assumed is not None:
        diags += [Diagnostic("E041", messages.assumed_from_drawing(q.text, att.assumed), q.span,
                             severity="warning") for q in att.funcs]
    if not strategies and not att.sol.consistent:
        return [], diags  # strict: statements that cannot all hold answer nothing
    answers, diags = _answers(att, diags, drawn_ok=bool(strategies))
    if not att.sol.consistent and (LEAVE_OUT not in strategies or not att.sol.model.drawn):
        return [], diags  # statements that cannot all hold: no answer, unless the policy may leave some out
    return answers, diags


def _answers(att: Attempt, diags: list[Diagnostic], drawn_ok: bool) -> tuple[list[Answer], list[Diagnostic]]:
    consistent = att.sol.consistent
    free = att.null(att.sol) if consistent else np.zeros((len(att.sol.x), 0))
    answers = []
    for q, fn in att.funcs.items():
        ans, more = _answer(q, fn, att.sol, free, consistent, drawn_ok)
        diags += more
        if ans is not None:
            answers.append(ans)
    return answers, diags


def _answer(q: s.Query, fn: Num, sol: geo_solve.Solution, free: np.ndarray, consistent: bool,
            drawn_ok: bool) -> tuple[Answer | None, list[Diagnostic]]:
    value = float(fn(sol.x.tolist()))
    if not np.isfinite(value):
        return None, [Diagnostic("E043", messages.not_solvable(q.text, _NOT_REAL), q.span)]
    if _collapsed(q, value, sol.model.scale) and not _placed(q, sol.model.fig):
        return None, [Diagnostic("E043", messages.not_solvable(q.text, _COLLAPSED), q.span)]
    diags: list[Diagnostic] = []
    sure = consistent
    if consistent and not geo_solve.determined(fn, sol, free):
        sure = False
        if not (drawn_ok and sol.model.drawn):
            return None, [Diagnostic("E041", messages.underdetermined(q.text), q.span, hint=_involved(sol, q))]
        diags.append(Diagnostic("E041", messages.read_from_drawing(q.text), q.span, hint=_involved(sol, q),
                                severity="warning"))
    exact = _exact(q, value, sol, free) if sure else None
    text = str(exact) if exact is not None else f"{value:.6g}"
    unit = _UNITS.get(q.expr.fn) if isinstance(q.expr, s.Measure) else None
    return Answer(q.text, exact if exact is not None else sympy.Float(value, 15), value, text, unit, q.span), diags


_NOT_REAL = "the value is not a finite real number"
_COLLAPSED = "the shape it measures is flat in the solution: its size is zero"
_FLAT = 1e-4  # near a flat solution a size converges like the root of the residuals (1e-6 is consistent)
_SIZES = {"length": 1, "perimeter": 1, "circumference": 1, "radius": 1, "diameter": 1, "side": 1, "height": 1,
          "area": 2}


def _collapsed(q: s.Query, value: float, scale: float) -> bool:
    """A size of zero: the solution is degenerate, and zero is no answer (it would only score by luck)."""
    power = _SIZES.get(q.expr.fn) if isinstance(q.expr, s.Measure) else None
    return power is not None and abs(value) <= _FLAT * max(scale, 1e-12) ** power


def _exact(q: s.Query, value: float, sol: geo_solve.Solution, free: np.ndarray) -> sympy.Expr | None:
    """The exact value of a fixed answer: rebuilt from its exact parts when it is an expression
    (``length(A, B) + 10^-13`` keeps its 10^-13; constants alone are exact as written), else the
    float recognised (solver/compose.py). A measure of points all placed by facts is computed
    from their coordinates (solver/geo_placed.py), not recognised."""
    fig = sol.model.fig

    def leaf(part: Leaf) -> sympy.Expr | None:
        try:
            fn = quantity(sol.model, part, strict=True)
        except (Unsupported, ValueError, KeyError):
            return None
        v = float(fn(sol.x.tolist()))
        if not geo_solve.determined(fn, sol, free):
            return None
        placed = geo_placed.exact_measure(part, fig, v) if isinstance(part, s.Measure) else None
        return placed if placed is not None else geo_exact.recognise(v)

    if isinstance(q.expr, s.Measure):
        placed = geo_placed.exact_measure(q.expr, fig, value)
        if placed is not None:
            return placed
    built = composed(q.expr, value, leaf)
    return built if built is not None else geo_exact.recognise(value)


def _placed(q: s.Query, fig: s.Figure) -> bool:
    """Whether every point the question measures is placed by a fact (exact coordinates given with
    '='): such a shape is where it is, however small beside the figure (the checker refuses one
    that is truly flat), so a size near zero is its size, not a collapse."""
    facts = {p.name for p in fig.points if p.x is not None and p.y is not None and not p.sketch}
    points = _points_of(q, fig)
    return bool(points) and points <= facts


def _points_of(q: s.Query, fig: s.Figure) -> set[str]:
    """The figure's points the question's quantity names (read from the scene, not its text)."""
    names: set[str] = set()
    stack: list[object] = [q.expr]
    while stack:
        node = stack.pop()
        if isinstance(node, str):
            names.add(node)
        elif isinstance(node, (tuple, list)):
            stack.extend(node)
        elif hasattr(node, "__dataclass_fields__"):
            stack.extend(getattr(node, f) for f in node.__dataclass_fields__)
    return names & {p.name for p in fig.points}


def _involved(sol: geo_solve.Solution, q: s.Query) -> str:
    """The constraints on the query's points (or all, for a variable), to say what is missing.

    A constraint is on a point when its residuals move with the point: found by moving each of
    the point's coordinates in the solution, not by searching the constraint's label for its name.
    """
    points = _points_of(q, sol.model.fig)
    blocks = [b for b in sol.model.blocks if not b.prior]
    if points:
        slots = [sol.model.slots[k] + d for p in sorted(points) if (k := f"p:{p}") in sol.model.slots for d in (0, 1)]
        blocks = [b for b in blocks if _moves_with(b, sol.x, slots, sol.model.scale)]
    names = list(dict.fromkeys(b.label for b in blocks))
    if not names:
        return "no constraint involves " + (", ".join(sorted(points)) or "it")
    more = f" and {len(names) - 6} more" if len(names) > 6 else ""
    return "constraints on it: " + "; ".join(names[:6]) + more


def _moves_with(block: Block, x: np.ndarray, slots: list[int], scale: float) -> bool:
    """Whether ``block``'s residuals change when any of ``slots`` moves a little from ``x``."""
    step = 1e-3 * max(scale, 1e-9)
    at = [float(v) for v in x]
    try:
        base = np.asarray(block.fn(at), np.float64)
        for i in slots:
            moved = at.copy()
            moved[i] += step
            if not np.allclose(np.asarray(block.fn(moved), np.float64), base, rtol=0.0, atol=1e-12):
                return True
    except _NUMERIC_FAILURES:
        return False
    return False


__all__ = ["solve_figure"]
