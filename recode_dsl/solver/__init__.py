"""Exact answers to ``ask`` queries: geometry with SymPy and Shapely, charts in exact arithmetic.

``answer(scene, timeout, policy) -> (answers, diagnostics)``; one dispatch entry per scene kind.

The policy says what a figure's answer may owe to its drawing (``solver/strategies/``):
"strict" answers only what the statements and the stated coordinates fix; "drawing" (the
default) may also read the drawing, and says so in a warning; "lenient" (the Geometry3K bench)
may also leave out a statement that contradicts the rest. Statements that cannot all hold
answer nothing except under "lenient". Charts have one way to be answered and ignore it.
"""

from __future__ import annotations

from collections.abc import Callable

from recode_dsl import scene as s
from recode_dsl.errors import Diagnostic
from recode_dsl.solver.answer import Answer

Solver = Callable[[s.Scene, float, str], tuple[list[Answer], list[Diagnostic]]]

POLICY_NAMES = ("strict", "drawing", "lenient")  # solver/strategies.POLICIES has one entry for each
DEFAULT_POLICY = "drawing"  # what every program answered before policies existed: a figure may be drawn


# The stages are imported when a scene of their kind is first solved: SciPy, Shapely and SymPy
# cost a command that never solves a figure (--version, fmt, a chart) most of its start-up.
def _figure(sc: s.Scene, timeout: float, policy: str) -> tuple[list[Answer], list[Diagnostic]]:
    from recode_dsl.solver import geo_common
    from recode_dsl.solver.geometry import solve_figure

    assert isinstance(sc, s.Figure)
    return geo_common.solve(sc, timeout, lambda fig, t: solve_figure(fig, t, policy))


def _chart(sc: s.Scene, timeout: float, policy: str) -> tuple[list[Answer], list[Diagnostic]]:
    from recode_dsl.solver.chart import solve_chart

    assert isinstance(sc, s.Chart)
    return solve_chart(sc, timeout)


SOLVERS: dict[type, Solver] = {s.Figure: _figure, s.Chart: _chart}


def answer(sc: s.Scene, timeout: float = 10.0,
           policy: str = DEFAULT_POLICY) -> tuple[list[Answer], list[Diagnostic]]:
    """Answer every query of a scene, exactly, under a policy (``POLICY_NAMES``)."""
    if policy not in POLICY_NAMES:
        raise ValueError(f"unknown policy {policy!r}; expected one of {', '.join(POLICY_NAMES)}")
    return SOLVERS[type(sc)](sc, timeout, policy)


__all__ = ["DEFAULT_POLICY", "POLICY_NAMES", "Answer", "answer"]
