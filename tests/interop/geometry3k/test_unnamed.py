"""Geometry3K importer: a question about the area of an unnamed shape of a kind asks the one
shape of that kind the forms name whose area they do not give."""

from __future__ import annotations

from recode_dsl.interop.geometry3k.parse import Item, read
from recode_dsl.interop.geometry3k.unnamed import name_asked_shape


def trees(texts: list[str]) -> list[Item]:
    """The forms parsed, as the importer's repairs read them."""
    return [read(t) for t in texts]


PAIR = ["Similar(Pentagon(A, B, C, D, E),Pentagon(F,G,H,I,J))"]
GIVEN = ["Equals(AreaOf(Pentagon(A, B, C, D, E)), 1050)"]


def test_the_shape_whose_area_is_not_given_is_asked() -> None:
    asked = read("Find(AreaOf(Pentagon(F,G,H,I,J)))")
    assert name_asked_shape(trees([*PAIR, "Find(AreaOf(Green(Pentagon($))))"]), trees(GIVEN))[-1] == asked
    assert name_asked_shape(trees(["Find(AreaOf(Pentagon($)))"]), trees([*PAIR, *GIVEN])) == [asked]


def test_no_choice_or_several_leave_the_form_alone() -> None:
    find = "Find(AreaOf(Green(Pentagon($))))"
    # no area given: nothing tells them apart
    assert name_asked_shape(trees([*PAIR, find]), trees([]))[-1] == read(find)
    both = [*GIVEN, "Equals(AreaOf(Pentagon(F, G, H, I, J)), 672)"]
    assert name_asked_shape(trees([*PAIR, find]), trees(both))[-1] == read(find)  # every area given
    three = [*PAIR, "Pentagon(K, L, M, N, O)", find]
    assert name_asked_shape(trees(three), trees(GIVEN))[-1] == read(find)  # two without an area
    assert name_asked_shape(trees([*PAIR, "Find(AreaOf(Green(Triangle($))))"]), trees(GIVEN))[-1] == \
        read("Find(AreaOf(Green(Triangle($))))")  # no triangle named
