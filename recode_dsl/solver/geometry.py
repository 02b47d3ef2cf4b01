"""Geometry answers (placeholder until the geometry-solver issue lands)."""

from __future__ import annotations

from recode_dsl import scene as s
from recode_dsl.errors import Diagnostic
from recode_dsl.pipeline import Answer


def solve_figure(fig: s.Figure, timeout: float) -> tuple[list[Answer], list[Diagnostic]]:
    return [], [Diagnostic("E049", "geometry queries are not answered yet", q.span, severity="warning")
                for q in fig.queries]
