"""Geometry3K importer: a triangle centre the question names, drawn under another name."""

from __future__ import annotations

from recode_dsl.interop.g3k_centres import drawn_centres, drawn_vertices
from recode_dsl.interop.geometry3k import import_problem

# a 3-4-5 right triangle: incentre (1, 1), centroid (4/3, 1), circumcentre (2, 1.5), orthocentre (0, 0)
TRI = {"A": (0.0, 0.0), "B": (4.0, 0.0), "C": (0.0, 3.0)}


def test_each_kind_of_centre_finds_the_drawn_point_there() -> None:
    pos = {**TRI, "I": (1.0, 1.0), "O": (2.0, 1.5)}
    assert drawn_centres(["IsIncenterOf(Point(J),Angle(A,B,C))"], [], pos) == {"J": "I"}
    assert drawn_centres(["IsCircumcenterOf(Point(J),Triangle(A,B,C))"], [], pos) == {"J": "O"}
    assert drawn_centres(["IsCentroidOf(Point(J),Triangle(A,B,C))"], [], pos) == {}  # nothing drawn at (4/3, 1)
    assert drawn_centres(["IsOrthocenterOf(Point(J),Triangle(A,B,C))"], [], pos) == {}  # A is a vertex, not a centre


def test_a_placed_or_diagram_named_point_or_two_candidates_rename_nothing() -> None:
    pos = {**TRI, "I": (1.0, 1.0)}
    assert drawn_centres(["IsIncenterOf(Point(I),Triangle(A,B,C))"], [], pos) == {}
    assert drawn_centres(["IsIncenterOf(Point(J),Triangle(A,B,C))"], ["Equals(LengthOf(Line(J, A)), 2)"], pos) == {}
    assert drawn_centres(["IsIncenterOf(Point(J),Triangle(A,B,C))", "Equals(LengthOf(Line(I, A)), 2)"], [], pos) == {}
    two = {**pos, "K": (1.01, 1.0)}
    assert drawn_centres(["IsIncenterOf(Point(J),Triangle(A,B,C))"], [], two) == {}


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
    assert drawn_vertices(["Find(MeasureOf(Angle(R,S,A)))"], LINES, SPOTS) == {"S": "E"}


def test_arms_on_one_line_or_a_drawn_vertex_rename_nothing() -> None:
    assert drawn_vertices(["Find(MeasureOf(Angle(R,S,T)))"], LINES, SPOTS) == {}  # R and T on one line only
    assert drawn_vertices(["Find(MeasureOf(Angle(R,E,A)))"], LINES, SPOTS) == {}


def test_import_asks_the_angle_at_the_meeting_point() -> None:
    record = {"id": 1, "problem_text": "Find m angle RSA.", "point_positions": {k: list(v) for k, v in SPOTS.items()},
              "line_instances": ["RB", "AD"], "diagram_logic_forms": [*LINES, "Equals(MeasureOf(Angle(B, E, A)), 70)"],
              "text_logic_forms_dissolved": ["Find(MeasureOf(Angle(R,S,A)))"]}
    assert "ask angle(R, E, A)" in import_problem(record).source
