"""An undrawn point on an angle's arm is placed on a drawn ray through the vertex."""

from __future__ import annotations

import math

from recode_dsl import compile  # noqa: A004
from recode_dsl import scene as s
from recode_dsl.solver.strategies import unplaced as geo_unplaced

CROSS = ("figure\npoint A = (0, 0), B = (10, 0), C = (10, 5), D = (-10, -5), E = (-10, 0), G\n"
         "segment(E, B)\nsegment(D, C)\non(A, segment(E, B))\non(A, segment(D, C))\n"
         "angle(B, A, C, label=1)\nangle(E, A, G, label=2)\n")


def test_other_labelled_angle_leaves_one_ray() -> None:
    r = compile(CROSS + "angle(E, A, D, label=3)\nangle(1) = 30\nask angle(2)")
    assert [a.exact for a in r.answers] == [150]
    assert any(d.code == "E041" and d.severity == "warning" for d in r.diagnostics)


def test_two_rays_that_disagree_place_nothing() -> None:
    r = compile(CROSS + "angle(1) = 30\nask angle(2)")
    assert not any("drawn line through" in d.message for d in r.diagnostics)
    assert isinstance(r.scene, s.Figure)
    assert len(geo_unplaced.placements(r.scene)) == 2  # rays A->C and A->D; A->B and A->E are the known arm's line


def test_point_used_elsewhere_is_not_moved() -> None:
    r = compile(CROSS + "on(G, segment(E, B))\nangle(1) = 30\nask angle(2)")
    assert isinstance(r.scene, s.Figure)
    assert geo_unplaced.placements(r.scene) == []


def test_point_named_only_in_an_equation_is_placed() -> None:
    src = ("figure\npoint A ~ (0, 0), B ~ (10, 0), C ~ (3, 6), D\nsegment(B, A)\nsegment(B, C)\n"
           "angle(A, B, C) = 2x + 1\nangle(A, B, D) = 3x - 7\nask x")
    r = compile(src)
    assert [a.exact for a in r.answers] == [8]
    assert any("drawn line through" in d.message for d in r.diagnostics)


def test_stated_coordinates_are_facts_and_need_no_placing() -> None:
    """The same figure with its coordinates stated as facts: angle ABC is what they make it."""
    src = ("figure\npoint A = (0, 0), B = (10, 0), C = (3, 6), D\nsegment(B, A)\nsegment(B, C)\n"
           "angle(A, B, C) = 2x + 1\nask x")
    r = compile(src)
    want = (math.degrees(math.atan2(6, 7)) - 1) / 2  # the angle at B between B->A and B->C
    assert [round(a.value, 9) for a in r.answers] == [round(want, 9)]
    assert not r.diagnostics
