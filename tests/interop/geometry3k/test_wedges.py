"""Geometry3K importer: angles labelled all the way round a point are the wedges between neighbouring rays."""

from __future__ import annotations

from recode_dsl import compile as compile_program
from recode_dsl.interop.geometry3k import import_problem
from recode_dsl.interop.geometry3k.parse import Item, read
from recode_dsl.interop.geometry3k.wedges import reflex_wedges


def trees(texts: list[str]) -> list[Item]:
    """The forms parsed, as the importer's repairs read them."""
    return [read(t) for t in texts]


# Three radii of a circle round O, all in the upper half-plane plus one to the left: the gap from
# D (right) round the bottom to F (left) is wider than 180 degrees.
POS = {"O": (0.0, 0.0), "C": (-1.0, 2.0), "D": (2.0, 1.0), "F": (-2.0, 0.0)}
RADII = ["OC", "OD", "OF"]
LABELS = ["Equals(MeasureOf(Angle(C, O, D)), 70)", "Equals(MeasureOf(Angle(F, O, C)), 65)",
          "Equals(MeasureOf(Angle(F, O, D)), x)"]


def test_the_label_over_the_wide_gap_is_the_reflex_angle() -> None:
    out = reflex_wedges(trees(LABELS), RADII, POS)
    assert out[:2] == trees(LABELS[:2])
    assert out[2] == read("Equals(MeasureOf(Angle(F, O, D)), 360-(x))")


def test_labels_that_do_not_go_all_the_way_round_stay() -> None:
    assert reflex_wedges(trees(LABELS[:2]), RADII, POS) == trees(LABELS[:2])
    # a fourth drawn ray in the wide gap: the three labels no longer fill the turn
    assert reflex_wedges(trees(LABELS), [*RADII, "OE"], {**POS, "E": (0.0, -2.0)}) == trees(LABELS)


def test_no_gap_wider_than_a_half_turn_changes_nothing() -> None:
    pos = {"O": (0.0, 0.0), "A": (1.0, 0.0), "B": (-1.0, 1.0), "C": (-1.0, -1.0)}
    forms = ["Equals(MeasureOf(Angle(A, O, B)), 135)", "Equals(MeasureOf(Angle(B, O, C)), 90)",
             "Equals(MeasureOf(Angle(C, O, A)), y)"]
    assert reflex_wedges(trees(forms), ["OA", "OB", "OC"], pos) == trees(forms)


def test_numbered_angle_labels_are_left_alone() -> None:
    forms = [*LABELS[:2], "Equals(MeasureOf(Angle(F, O, D)), MeasureOf(angle 1))"]
    assert reflex_wedges(trees(forms), RADII, POS) == trees(forms)


def test_imported_angles_round_a_centre_sum_to_a_full_turn() -> None:
    pts = {k: [v[0], -v[1]] for k, v in POS.items()}  # the data set's y points down
    imp = import_problem({"id": 1, "problem_text": "Find x.", "point_positions": pts, "line_instances": RADII,
                          "circle_instances": ["O"], "diagram_logic_forms": LABELS,
                          "text_logic_forms_dissolved": ["Find(x)"]})
    assert "angle(F, O, D) = 360 - x" in imp.source
    answers = compile_program(imp.source).answers
    assert [a.text for a in answers] == ["225"]
