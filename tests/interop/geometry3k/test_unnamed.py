"""Geometry3K importer: a question about the area of an unnamed shape of a kind asks the one
shape of that kind the forms name whose area they do not give."""

from __future__ import annotations

from recode_dsl.interop.geometry3k.unnamed import name_asked_shape

PAIR = ["Similar(Pentagon(A, B, C, D, E),Pentagon(F,G,H,I,J))"]
GIVEN = ["Equals(AreaOf(Pentagon(A, B, C, D, E)), 1050)"]


def test_the_shape_whose_area_is_not_given_is_asked() -> None:
    assert name_asked_shape([*PAIR, "Find(AreaOf(Green(Pentagon($))))"], GIVEN)[-1] == \
        "Find(AreaOf(Pentagon(F,G,H,I,J)))"
    assert name_asked_shape(["Find(AreaOf(Pentagon($)))"], [*PAIR, *GIVEN]) == ["Find(AreaOf(Pentagon(F,G,H,I,J)))"]


def test_no_choice_or_several_leave_the_form_alone() -> None:
    find = "Find(AreaOf(Green(Pentagon($))))"
    assert name_asked_shape([*PAIR, find], [])[-1] == find  # no area given: nothing tells them apart
    both = [*GIVEN, "Equals(AreaOf(Pentagon(F, G, H, I, J)), 672)"]
    assert name_asked_shape([*PAIR, find], both)[-1] == find  # every area given
    three = [*PAIR, "Pentagon(K, L, M, N, O)", find]
    assert name_asked_shape(three, GIVEN)[-1] == find  # two without an area
    assert name_asked_shape([*PAIR, "Find(AreaOf(Green(Triangle($))))"], GIVEN)[-1] == \
        "Find(AreaOf(Green(Triangle($))))"  # no triangle named
