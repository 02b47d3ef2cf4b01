"""Exact answers to ``ask`` queries: geometry with SymPy and Shapely, charts in exact arithmetic.

``answer(scene, timeout) -> (answers, diagnostics)``; one dispatch entry per scene kind.
"""

from __future__ import annotations

from collections.abc import Callable

from recode_dsl import scene as s
from recode_dsl.errors import Diagnostic
from recode_dsl.solver.answer import Answer

Solver = Callable[[s.Scene, float], tuple[list[Answer], list[Diagnostic]]]


def _figure(sc: s.Scene, timeout: float) -> tuple[list[Answer], list[Diagnostic]]:
    from recode_dsl.solver import geo_common
    from recode_dsl.solver.geometry import solve_figure

    assert isinstance(sc, s.Figure)
    return geo_common.solve(sc, timeout, solve_figure)


def _chart(sc: s.Scene, timeout: float) -> tuple[list[Answer], list[Diagnostic]]:
    from recode_dsl.solver.chart import solve_chart

    assert isinstance(sc, s.Chart)
    return solve_chart(sc, timeout)


SOLVERS: dict[type, Solver] = {s.Figure: _figure, s.Chart: _chart}


def answer(sc: s.Scene, timeout: float = 10.0) -> tuple[list[Answer], list[Diagnostic]]:
    """Answer every query of a scene, exactly."""
    return SOLVERS[type(sc)](sc, timeout)


__all__ = ["Answer", "answer"]
