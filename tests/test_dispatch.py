"""Every record of the registry has a handler in each stage that must know it, and back.

The registry is the one list of what the language has; a shape, relation, measure, chart kind
or query added there without a solver rule or a renderer fails here, not in a user's program.
"""

from __future__ import annotations

from typing import get_args

from recode_dsl import registry
from recode_dsl import scene as s
from recode_dsl.check.figure import LOWERED
from recode_dsl.geometry import constraints as geo_constraints
from recode_dsl.geometry import kinds as geo_kinds
from recode_dsl.geometry import measures as geo_measures
from recode_dsl.renderer import chart_data, chart_marks, geo_draw
from recode_dsl.solver import chart as chart_solver


def _names(role: str, domain: str = "figure") -> set[str]:
    return {f.name for f in registry.ALL if f.role == role and f.domain in (domain, "any")}


def test_every_relation_has_a_solver_rule() -> None:
    assert _names("relation") - LOWERED == set(geo_constraints.RELATIONS)


def test_every_measure_has_a_solver_rule() -> None:
    assert _names("measure") - {"shaded"} - LOWERED == set(geo_measures._MEASURES)


def test_calls_the_checker_lowers_need_no_solver_rule() -> None:
    assert LOWERED <= _names("relation") | _names("measure")
    assert not LOWERED & (set(geo_constraints.RELATIONS) | set(geo_measures._MEASURES))


def test_every_polygon_kind_has_a_solver_rule() -> None:
    kinds = {f.name for f in registry.GEOMETRY if f.role == "shape" and f.returns == "polygon"}
    assert kinds <= set(geo_kinds.KINDS) | {"polygon", "triangle", "quadrilateral", "pentagon", "hexagon", "octagon"}


def test_every_geometry_value_is_drawn() -> None:
    drawn = set(geo_draw.HANDLERS) | set(geo_draw.NOT_STROKED)
    assert set(get_args(s.Geo)) == drawn


def test_every_chart_kind_is_drawn() -> None:
    assert set(registry.CHART_KINDS) == set(chart_marks.BUILDERS) == set(chart_data.KINDS)


def test_every_chart_query_is_answered() -> None:
    queries = {f.name for f in registry.CHART if f.role == "query" and f.returns != "selection"}
    assert queries == set(chart_solver.NUMBER_QUERIES) | set(chart_solver.LABEL_QUERIES)
