"""Geometry3K importer: a triangle centre the question names, drawn under another name."""

from __future__ import annotations

from recode_dsl.interop.geometry3k import import_problem
from recode_dsl.interop.geometry3k.centres import drawn_centres, drawn_ends, drawn_vertices
from recode_dsl.interop.geometry3k.parse import Item, read


def trees(texts: list[str]) -> list[Item]:
    """The forms parsed, as the importer's repairs read them."""
    return [read(t) for t in texts]


# a 3-4-5 right triangle: incentre (1, 1), centroid (4/3, 1), circumcentre (2, 1.5), orthocentre (0, 0)
TRI = {"A": (0.0, 0.0), "B": (4.0, 0.0), "C": (0.0, 3.0)}


def test_each_kind_of_centre_finds_the_drawn_point_there() -> None:
    pos = {**TRI, "I": (1.0, 1.0), "O": (2.0, 1.5)}
    assert drawn_centres(trees(["IsIncenterOf(Point(J),Angle(A,B,C))"]), trees([]), pos) == {"J": "I"}
    assert drawn_centres(trees(["IsCircumcenterOf(Point(J),Triangle(A,B,C))"]), trees([]), pos) == {"J": "O"}
    assert drawn_centres(trees(["IsCentroidOf(Point(J),Triangle(A,B,C))"]), trees([]),
                         pos) == {}  # nothing drawn at (4/3, 1)
    assert drawn_centres(trees(["IsOrthocenterOf(Point(J),Triangle(A,B,C))"]), trees([]),
                         pos) == {}  # A is a vertex, not a centre


def test_a_placed_or_diagram_named_point_or_two_candidates_rename_nothing() -> None:
    pos = {**TRI, "I": (1.0, 1.0)}
    assert drawn_centres(trees(["IsIncenterOf(Point(I),Triangle(A,B,C))"]), trees([]), pos) == {}
    assert drawn_centres(trees(["IsIncenterOf(Point(J),Triangle(A,B,C))"]),
                         trees(["Equals(LengthOf(Line(J, A)), 2)"]), pos) == {}
    assert drawn_centres(trees(["IsIncenterOf(Point(J),Triangle(A,B,C))", "Equals(LengthOf(Line(I, A)), 2)"]),
                         trees([]), pos) == {}
    two = {**pos, "K": (1.01, 1.0)}
    assert drawn_centres(trees(["IsIncenterOf(Point(J),Triangle(A,B,C))"]), trees([]), two) == {}


def test_import_names_the_centre_by_the_drawn_point() -> None:
    record = {"id": 1, "problem_text": "J is the incenter of ABC. Find m angle JAB.",
              "point_positions": {"A": [0, 0], "B": [400, 0], "C": [0, -300], "I": [100, -100], "J": [-1, -1]},
              "line_instances": ["AB", "BC", "CA", "AI", "BI", "CI"], "diagram_logic_forms": [],
              "text_logic_forms_dissolved": ["IsIncenterOf(Point(J),Triangle(A,B,C))",
                                             "Find(MeasureOf(Angle(J,A,B)))"]}
    source = import_problem(record).source
    assert "incenter(I, triangle(A, B, C))" in source
    assert "ask angle(I, A, B)" in source


LINES = ["PointLiesOnLine(E, Line(R, B))", "PointLiesOnLine(E, Line(A, D))", "PointLiesOnLine(T, Line(R, B))"]
SPOTS = {"R": (0.0, 0.0), "E": (2.0, 0.0), "T": (3.0, 0.0), "B": (4.0, 0.0), "A": (2.0, 2.0), "D": (2.0, -2.0)}


def test_an_asked_angle_at_an_undrawn_vertex_is_at_the_meeting_of_its_arms_lines() -> None:
    assert drawn_vertices(trees(["Find(MeasureOf(Angle(R,S,A)))"]), trees(LINES), SPOTS) == {"S": "E"}


def test_arms_on_one_line_or_a_drawn_vertex_rename_nothing() -> None:
    assert drawn_vertices(trees(["Find(MeasureOf(Angle(R,S,T)))"]), trees(LINES),
                          SPOTS) == {}  # R and T on one line only
    assert drawn_vertices(trees(["Find(MeasureOf(Angle(R,E,A)))"]), trees(LINES), SPOTS) == {}


def test_import_asks_the_angle_at_the_meeting_point() -> None:
    record = {"id": 1, "problem_text": "Find m angle RSA.", "point_positions": {k: list(v) for k, v in SPOTS.items()},
              "line_instances": ["RB", "AD"], "diagram_logic_forms": [*LINES, "Equals(MeasureOf(Angle(B, E, A)), 70)"],
              "text_logic_forms_dissolved": ["Find(MeasureOf(Angle(R,S,A)))"]}
    assert "ask angle(R, E, A)" in import_problem(record).source


# R at the top, Q on R-P, A on R-T, A-Q drawn, U on P-T joined to Q
ISO = ["PointLiesOnLine(A, Line(T, R))", "PointLiesOnLine(Q, Line(R, P))", "PointLiesOnLine(U, Line(T, P))"]
ISO_POS = {"R": (131.0, 2.0), "Q": (81.0, 90.0), "A": (181.0, 90.0), "P": (0.0, 228.0), "T": (263.0, 228.0),
           "U": (131.0, 227.0)}
ISO_Q = ["Equals(LengthOf(Line(R,Q)),Line(R,S))", "Equals(MeasureOf(Angle(R,Q,S)),75)"]


def test_a_point_the_question_joins_to_drawn_points_is_the_one_drawn_point_joined_to_them() -> None:
    assert drawn_ends(trees(ISO_Q), trees(ISO), [("A", "Q"), ("U", "Q")], ISO_POS) == {"S": "A"}


def test_no_rename_when_two_points_fit_or_the_angle_would_be_flat() -> None:
    # joined to R only: A, T, Q, P (and U is not) fit
    assert drawn_ends(trees(["Equals(LengthOf(Line(R,S)),5)"]), trees(ISO), [("A", "Q")], ISO_POS) == {}
    # an arm of angle R-Q-S must leave Q off the line Q-R: P, in line with them, is no candidate
    assert drawn_ends(trees(["Equals(MeasureOf(Angle(R,Q,S)),75)"]), trees(ISO), [("U", "Q")], ISO_POS) == {"S": "U"}


def test_import_uses_the_drawn_name() -> None:
    record = {"id": 1, "problem_text": "If RQ = RS and m angle RQS = 75, find m angle R.",
              "point_positions": {**{k: list(v) for k, v in ISO_POS.items()}, "S": [-1, -1]},
              "line_instances": ["AQ", "AR", "AT", "QR", "QP", "RP", "TR", "TP", "UQ", "UP", "UT"],
              "diagram_logic_forms": ISO, "text_logic_forms_dissolved": [*ISO_Q, "Find(MeasureOf(Angle(R)))"]}
    source = import_problem(record).source
    assert "length(R, Q) = length(R, A)" in source and "angle(R, Q, A) = 75" in source
