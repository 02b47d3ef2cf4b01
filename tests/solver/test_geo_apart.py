"""Geometry solver: points drawn apart that a solution merges are kept apart (a merged solution is degenerate)."""

from __future__ import annotations

from recode_dsl import compile as compile_program
from recode_dsl.geometry.numeric import Model
from recode_dsl.geometry.solve import make_model
from recode_dsl.scene import Figure
from recode_dsl.solver.geo_apart import held, keep_apart, merged

# A, B, C on a circle of radius 5: the two lengths can only both hold with B and C on one spot
# (AB = AC and AB = BC + AC give BC = 0); the drawing puts B and C far apart.
MERGE_ONLY = """figure
point O = (0, 0), A = (0, 5), B = (-4, -3), C = (4, -3)
circle(O)
segment(A, B)
segment(B, C)
segment(C, A)
on(A, circle(O))
on(B, circle(O))
on(C, circle(O))
length(O, A) = 5
length(A, B) = length(A, C)
length(A, B) = length(B, C) + length(A, C)
ask area(circle(O) - triangle(A, B, C))
"""


def _model(source: str) -> Model:
    scene = compile_program(source, solve=False).scene
    assert isinstance(scene, Figure)
    return make_model(scene)[0]


def test_merged_finds_ends_of_a_drawn_segment_on_one_spot() -> None:
    model = _model("figure\npoint A = (0, 0), B = (4, 0), C = (0, 3)\nsegment(A, B)\nsegment(B, C)")
    x = [0.0, 0.0, 0.0, 0.0, 0.0, 3.0]  # A and B on one spot, C where drawn
    assert merged(model, x) == (("A", "B"),)
    assert merged(model, [0.0, 0.0, 4.0, 0.0, 0.0, 3.0]) == ()


def test_points_without_a_drawn_position_or_not_joined_are_not_pairs() -> None:
    model = _model("figure\npoint A = (0, 0), B, C = (0, 3)\nsegment(A, B)")
    assert merged(model, [0.0] * 6) == ()  # B has no position; A and C are joined by nothing


def test_the_kept_distance_is_a_residual_that_vanishes_once_apart() -> None:
    model = _model("figure\npoint A = (0, 0), B = (4, 0)\nsegment(A, B)")
    before = len(model.blocks)
    keep_apart(model, [("A", "B")])
    block = model.blocks[before]
    assert block.fn([0.0, 0.0, 0.0, 0.0])[0] > 0
    assert block.fn([0.0, 0.0, 4.0, 0.0]) == [0.0]
    assert held(model, [0.0, 0.0, 0.0, 0.0]) and not held(model, [0.0, 0.0, 4.0, 0.0])


def test_constraints_that_hold_only_by_merging_drawn_points_are_reported() -> None:
    result = compile_program(MERGE_ONLY)
    conflicts = [d for d in result.diagnostics if d.code == "E042"]
    assert conflicts, "the merged solution (a flat triangle) was answered as if it were fine"
    assert any("B apart from C" in d.message for d in conflicts)
    assert any(d.span.line == 5 for d in conflicts)  # located at segment(B, C), the drawn side that vanished
