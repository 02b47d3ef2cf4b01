"""Chart answers (placeholder until the chart-data issue lands)."""

from __future__ import annotations

from recode_dsl import scene as s
from recode_dsl.errors import Diagnostic
from recode_dsl.pipeline import Answer


def solve_chart(fig: s.Chart, timeout: float) -> tuple[list[Answer], list[Diagnostic]]:
    return [], [Diagnostic("E049", "chart queries are not answered yet", q.span, severity="warning")
                for q in fig.queries]
