"""Geometry3K importer: a right angle between two halves of one line moves to the other line there."""

from __future__ import annotations

from recode_dsl.interop.geometry3k import import_problem
from recode_dsl.interop.geometry3k.parse import Item, read
from recode_dsl.interop.geometry3k.rightangle import straight_right_angles


def trees(texts: list[str]) -> list[Item]:
    """The forms parsed, as the importer's repairs read them."""
    return [read(t) for t in texts]


ON = ["PointLiesOnLine(E, Line(Q, P))"]


def test_the_mark_moves_to_the_one_other_line() -> None:
    out = straight_right_angles(trees(["Perpendicular(Line(Q, E), Line(P, E))", *ON]), ["QE", "EP", "NE", "QP"])
    assert out == trees(["Perpendicular(Line(E, N), Line(P, Q))", *ON])


def test_several_segments_of_one_other_line_count_once() -> None:
    on = [*ON, "PointLiesOnLine(E, Line(N, M))"]
    out = straight_right_angles(trees(["Perpendicular(Line(Q, E), Line(P, E))", *on]), ["QE", "EP", "NE", "EM"])
    assert out[0] == read("Perpendicular(Line(E, M), Line(P, Q))")


def test_otherwise_the_form_stays() -> None:
    bent = ["Perpendicular(Line(Q, E), Line(N, E))", *ON]  # a real right angle
    assert straight_right_angles(trees(bent), ["QE", "EP", "NE"]) == trees(bent)
    two_lines = ["Perpendicular(Line(Q, E), Line(P, E))", *ON]  # which of NE, ME?
    assert straight_right_angles(trees(two_lines), ["QE", "EP", "NE", "ME"]) == trees(two_lines)
    alone = ["Perpendicular(Line(Q, E), Line(P, E))", *ON]
    assert straight_right_angles(trees(alone), ["QE", "EP"]) == trees(alone)


def test_import_solves_with_the_moved_right_angle() -> None:
    imp = import_problem({"id": 1, "problem_text": "Find N E.", "line_instances": ["QE", "EP", "NE", "QP"],
                          "point_positions": {"Q": [0, 100], "P": [200, 100], "E": [80, 100], "N": [80, 0]},
                          "circle_instances": [], "text_logic_forms_dissolved": ["Find(LengthOf(Line(N, E)))"],
                          "diagram_logic_forms": [*ON, "Perpendicular(Line(Q, E), Line(P, E))",
                                                  "Equals(LengthOf(Line(N, Q)), 5)",
                                                  "Equals(LengthOf(Line(Q, E)), 4)"]})
    assert "perpendicular(segment(E, N), segment(P, Q))" in imp.source
