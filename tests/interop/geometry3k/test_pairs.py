"""Geometry3K importer: a sum of one angle twice becomes the sum of the pair the question names."""

from __future__ import annotations

from recode_dsl.interop.geometry3k import import_problem
from recode_dsl.interop.geometry3k.pairs import pair_sums
from recode_dsl.interop.geometry3k.parse import Item, read


def trees(texts: list[str]) -> list[Item]:
    """The forms parsed, as the importer's repairs read them."""
    return [read(t) for t in texts]


TWICE = "Equals(SumOf(MeasureOf(Angle(4)),MeasureOf(Angle(4))),180)"


def test_the_named_pair_fills_in_the_second_angle() -> None:
    out = pair_sums(trees([TWICE]), r"Suppose \angle 4 and \angle 5 form a linear pair.")
    assert out == trees(["Equals(SumOf(MeasureOf(Angle(4)),MeasureOf(Angle(5))),180)"])


def test_without_one_pair_naming_the_angle_nothing_changes() -> None:
    assert pair_sums(trees([TWICE]), r"\angle 6 and \angle 8 are complementary") == trees([TWICE])
    assert pair_sums(trees([TWICE]), r"\angle 4 and \angle 5, \angle 4 and \angle 6") == trees([TWICE])
    two = "Equals(SumOf(MeasureOf(Angle(4)),MeasureOf(Angle(6))),180)"
    assert pair_sums(trees([two]), r"\angle 4 and \angle 5") == trees([two])


def test_import_states_the_pair() -> None:
    imp = import_problem({"id": 1, "problem_text": r"\angle 6 and \angle 8 are complementary. Find x.",
                          "point_positions": {}, "diagram_logic_forms": [],
                          "text_logic_forms_dissolved": ["Equals(SumOf(MeasureOf(Angle(6)),MeasureOf(Angle(6))),90)",
                                                         "Equals(MeasureOf(Angle(8)),x)", "Find(x)"]})
    assert "angle(6) + angle(8) = 90" in imp.source
