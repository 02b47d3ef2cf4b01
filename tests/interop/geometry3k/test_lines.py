"""Geometry3K importer: letter-named lines, lines meeting at a centre, a median given to the wrong
triangle, a perpendicular drawn parallel; and one number labelling two unequal angles."""

from __future__ import annotations

from recode_dsl import compile as compile_program
from recode_dsl.interop.geometry3k import import_problem
from recode_dsl.interop.geometry3k.lines import drawn_parallel, labelled_parallels, meeting_lines, wrong_triangle
from recode_dsl.interop.geometry3k.parse import Item, read
from recode_dsl.interop.geometry3k.twice import unequal_twins


def trees(texts: list[str]) -> list[Item]:
    """The forms parsed, as the importer's repairs read them."""
    return [read(t) for t in texts]


# two horizontal lines and two slanted ones, each pair drawn parallel; E-F is a piece of A-B
POS = {"A": (0.0, 0.0), "B": (10.0, 0.0), "C": (0.0, 5.0), "D": (10.0, 5.0), "E": (2.0, 0.0), "F": (6.0, 0.0),
       "G": (1.0, -3.0), "H": (4.0, 8.0), "I": (6.0, -3.0), "J": (9.0, 8.0)}
SEGS = [("A", "B"), ("C", "D"), ("E", "F"), ("G", "H"), ("I", "J")]
AB = "Parallel(Line(a),Line(b))"
CD = "Parallel(Line(c),Line(d))"


def test_letter_parallels_become_the_drawn_parallel_pairs() -> None:
    out = labelled_parallels(trees([AB, CD, "Find(x)"]), SEGS, POS)
    assert out[2] == read("Find(x)")
    assert set(out[:2]) == set(trees(["Parallel(Line(A, B), Line(C, D))", "Parallel(Line(G, H), Line(I, J))"]))


def test_letter_parallels_stay_when_the_drawing_holds_another_number_of_pairs() -> None:
    assert labelled_parallels(trees([AB]), SEGS, POS) == trees([AB])  # two drawn pairs, one named
    assert labelled_parallels(trees([AB, CD]), SEGS[:3], POS) == trees([AB, CD])  # one drawn pair, two named


def test_perpendicular_bisectors_meeting_at_a_point_make_it_the_circumcentre() -> None:
    forms = [f"IsPerpendicularBisectorOf(Line({n}),Triangle(P,Q,R))" for n in "lmn"]
    out = meeting_lines(trees([*forms, "IntersectAt(Line(l),Line(m),Line(n),Point(T))", "Find(x)"]))
    assert out == trees(["Equals(LengthOf(Line(T, P)), LengthOf(Line(T, Q)))",
                   "Equals(LengthOf(Line(T, Q)), LengthOf(Line(T, R)))", "Find(x)"])


def test_medians_meeting_make_the_centroid_and_unknown_lines_change_nothing() -> None:
    forms = [f"IsMedianOf(Line({n}),Triangle(P,Q,R))" for n in "lm"]
    out = meeting_lines(trees([*forms, "IntersectAt(Line(l),Line(m),Point(G))"]))
    assert out == trees(["IsCentroidOf(Point(G),Triangle(P,Q,R))"])
    odd = [forms[0], "IntersectAt(Line(l),Line(k),Point(G))"]
    assert meeting_lines(trees(odd)) == trees(odd)


def test_a_median_without_an_end_at_its_triangle_goes_to_the_one_that_has_it() -> None:
    every = ["Similar(Triangle(R,S,T),Triangle(U,V,W))"]
    out = wrong_triangle(trees(["IsMedianOf(Line(T,A),Triangle(U,V,W))"]), trees(every))
    assert out == trees(["IsMedianOf(Line(T,A),Triangle(R, S, T))"])
    right = ["IsMedianOf(Line(W,B),Triangle(U,V,W))"]
    assert wrong_triangle(trees(right), trees(every)) == trees(right)
    two = every + ["Congruent(Triangle(T,X,Y),Triangle(U,V,W))"]  # T is a vertex of two others: no choice
    assert wrong_triangle(trees(["IsMedianOf(Line(T,A),Triangle(U,V,W))"]),
                          trees(two)) == trees(["IsMedianOf(Line(T,A),Triangle(U,V,W))"])


def test_a_perpendicular_drawn_parallel_is_a_parallel() -> None:
    assert drawn_parallel(trees(["Perpendicular(Line(A, B), Line(C, D))"]),
                          POS) == trees(["Parallel(Line(A, B), Line(C, D))"])
    crossing = ["Perpendicular(Line(A, E), Line(F, B))"]  # drawn along one line: not a pair of parallels
    assert drawn_parallel(trees(crossing), POS) == trees(crossing)
    meeting = ["Perpendicular(Line(A, C), Line(A, B))"]
    assert drawn_parallel(trees(meeting), POS) == trees(meeting)


def _record(text: list[str], diagram: list[str], pos: dict[str, tuple[float, float]],
            lines: list[str]) -> dict[str, object]:
    return {"id": 1, "problem_text": "Find x.", "point_positions": {k: list(v) for k, v in pos.items()},
            "line_instances": lines, "diagram_logic_forms": diagram, "text_logic_forms_dissolved": text}


def test_import_states_the_letter_parallels_and_the_answer_follows() -> None:
    pos = {"A": (0.0, 0.0), "B": (100.0, 0.0), "C": (0.0, 50.0), "D": (100.0, 50.0), "E": (30.0, -20.0),
           "F": (60.0, 70.0), "P": (36.67, 0.0), "Q": (53.33, 50.0)}
    diagram = ["PointLiesOnLine(P, Line(A, B))", "PointLiesOnLine(Q, Line(C, D))", "PointLiesOnLine(P, Line(E, F))",
               "PointLiesOnLine(Q, Line(E, F))", "Equals(MeasureOf(Angle(B, P, F)), 70)",
               "Equals(MeasureOf(Angle(D, Q, F)), x)"]
    imp = import_problem(_record([AB, "Find(x)"], diagram, pos, ["AB", "CD", "EF", "AP", "PB", "CQ", "QD"]))
    assert "parallel(segment(A, B), segment(C, D))" in imp.source
    assert compile_program(imp.source).answers[0].text == "70"


TWINS = ["Equals(MeasureOf(Angle(A, B, C)), MeasureOf(angle 1))",
         "Equals(MeasureOf(Angle(D, E, F)), MeasureOf(angle 1))"]


def test_a_number_on_two_angles_drawn_unequal_keeps_only_the_first() -> None:
    pos = {"A": (1.0, 0.0), "B": (0.0, 0.0), "C": (0.0, 1.0), "D": (5.0, 0.0), "E": (4.0, 0.0), "F": (5.0, 1.0)}
    assert unequal_twins(trees(TWINS), pos) == trees(TWINS[:1])


def test_a_number_on_two_angles_drawn_alike_or_not_placed_keeps_both() -> None:
    alike = {"A": (1.0, 0.0), "B": (0.0, 0.0), "C": (0.0, 1.0), "D": (5.0, 0.0), "E": (4.0, 0.0), "F": (4.0, 1.0)}
    assert unequal_twins(trees(TWINS), alike) == trees(TWINS)
    assert unequal_twins(trees(TWINS), {"A": (1.0, 0.0), "B": (0.0, 0.0), "C": (0.0, 1.0)}) == trees(TWINS)
