"""Text forms that name a shape without its points, resolved from the diagram (issue 13, item 4)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pytest

from recode_dsl.interop.geometry3k.textfigure import figure_of, fits, hypotenuse, polygons, the_polygon
from recode_dsl.interop.geometry3k.textforms import text_forms, with_figure_forms, with_text_forms


@pytest.mark.parametrize(("text", "forms"), [
    (r"Find \sin x.", ["Find(SinOf(x))"]),
    (r"What is the value of \tan x?", ["Find(TanOf(x))"]),
    ("Trapezoid N O P Q has an area of 250 square inches. Find the height of N O P Q.",
     ["Equals(AreaOf(Trapezoid(N,O,P,Q)),250)", "Find(HeightOf(Quadrilateral(N,O,P,Q)))"]),
    (r"Quadrilateral E F G H is a rectangle. Find m \angle H E F + m \angle E F G.",
     ["Rectangle(E,F,G,H)", "Find(Add(MeasureOf(Angle(H,E,F)),MeasureOf(Angle(E,F,G))))"]),
    ("If K L M N is a parallelogram, fnd x.", ["Parallelogram(K,L,M,N)", "Find(x)"]),
    (r"parallelogram M N P Q with m \angle M = 10 x and m \angle N = 20 x, find \angle Q.",
     ["Parallelogram(M,N,P,Q)", "Equals(MeasureOf(Angle(M)),10x)", "Equals(MeasureOf(Angle(N)),20x)",
      "Find(MeasureOf(Angle(Q)))"]),
    (r"isosceles trapezoid T W Y Z with \angle Z \cong \angle Y, m \angle Z = 30 x, find Z.",
     ["Equals(MeasureOf(Angle(Z)),MeasureOf(Angle(Y)))", "Equals(MeasureOf(Angle(Z)),30x)", "Trapezoid(T,W,Y,Z)",
      "Isosceles(Trapezoid(T,W,Y,Z))", "Find(MeasureOf(Angle(Z)))"]),
    (r"Find X Z of isosceles \triangle X Y Z.",
     ["Triangle(X,Y,Z)", "Isosceles(Triangle(X,Y,Z))", "Find(LengthOf(Line(X,Z)))"]),
    (r"In the figure, square W X Y Z is inscribed in \odot R. Find the measure of a central angle.",
     ["InscribedIn(Square(W,X,Y,Z),Circle(R))", "Find(MeasureOf(Angle(W,R,X)))"]),
    (r"J is the incenter of \angle A B C. Find m \angle J A C.",
     ["IsIncenterOf(Point(J),Angle(A,B,C))", "Find(MeasureOf(Angle(J,A,C)))"]),
    ("In the right triangle, what is A B if B C = 6?", ["Equals(LengthOf(Line(B,C)),6)", "Find(LengthOf(Line(A,B)))"]),
    (r"P X is an altitude of \triangle P Q R. Find a.", ["IsAltitudeOf(Line(P,X),Triangle(P,Q,R))", "Find(a)"]),
    ("Find m \\angle Z in the trapezoid.", ["Trapezoid($)", "Find(MeasureOf(Angle(Z)))"]),
    ("Find the area of the shaded sector.", ["Find(AreaOf(Shaded(Sector($))))"]),
    ("Find the area of the parallelogram.", ["Find(AreaOf(Parallelogram($)))"]),
    ("Find the measure of the altitude drawn to the hypotenuse.", ["Find(LengthOf(AltitudeToHypotenuse($)))"]),
])
def test_phrasings(text: str, forms: list[str]) -> None:
    assert text_forms(text) == forms


def _forms(text: str, pos: Mapping[str, Sequence[float]], lines: list[str], circles: list[str] | None = None,
           diagram: list[str] | None = None) -> object:
    rec = {"problem_text": text, "point_positions": pos, "line_instances": lines, "circle_instances": circles or [],
           "diagram_logic_forms": diagram or []}
    return with_text_forms(rec)["text_logic_forms_dissolved"]


def test_the_shaded_sector_is_the_one_the_diagram_draws() -> None:
    pos = {"O": [0, 0], "A": [10, 0], "B": [0, -10], "C": [-10, 0]}
    on = [f"PointLiesOnCircle({p}, Circle(O, radius_0_0))" for p in "AB"]
    got = _forms("Find the area of the shaded sector.", pos, ["OA", "OB"], ["O"], on)
    assert got == ["Find(AreaOf(Shaded(Sector(A,O,B))))"]
    # three radii: which sector is shaded is not known; the region is left to the importer
    three = _forms("Find the area of the shaded sector.", pos, ["OA", "OB", "OC"], ["O"],
                   [*on, "PointLiesOnCircle(C, Circle(O, radius_0_0))"])
    assert three == ["Find(AreaOf(Shaded(Shape($))))"]
    # a plain sector the figure does not show: no question rather than a wrong one
    assert _forms("Find the area of the sector.", pos, ["OA"], ["O"], on) == []


def test_the_shaded_sector_is_the_one_the_diagram_states_shaded() -> None:
    pos = {"O": [0, 0], "A": [10, 0], "B": [0, -10]}
    on = [f"PointLiesOnCircle({p}, Circle(O, radius_0_0))" for p in "AB"]
    got = _forms("Find the area of the shaded sector.", pos, ["OA", "OB"], ["O"],
                 [*on, "Shaded(Major(Sector(A, O, B)))"])
    assert got == ["Find(AreaOf(Shaded(Major(Sector(A,O,B)))))"]
    # the circle alone and "the shaded region": the sector stated shaded
    region = _forms("Find the area of the shaded region.", pos, ["OA", "OB"], ["O"],
                    [*on, "Shaded(Major(Sector(A, O, B)))"])
    assert region == ["Find(AreaOf(Shaded(Major(Sector(A,O,B)))))"]
    # three radii, one sector stated shaded: that one
    three = _forms("Find the area of the shaded sector.", {**pos, "C": [-10, 0]}, ["OA", "OB", "OC"], ["O"],
                   [*on, "PointLiesOnCircle(C, Circle(O, radius_0_0))", "Shaded(Sector(B, O, C))"])
    assert three == ["Find(AreaOf(Shaded(Sector(B,O,C))))"]


def test_the_parallelogram_is_the_quadrilateral_drawn_as_one() -> None:
    # a parallelogram A B C D with a height from D to E on the line of A B, beyond A (the outline is a trapezoid)
    pos = {"A": [10, 100], "B": [110, 100], "C": [140, 40], "D": [40, 40], "E": [40, 100]}
    lines = ["AB", "BC", "CD", "DA", "DE", "EA"]
    diagram = ["PointLiesOnLine(A, Line(E, B))"]
    got = _forms("Find the area of the parallelogram.", pos, lines, diagram=diagram)
    assert isinstance(got, list) and len(got) == 1
    assert got[0].startswith("Find(AreaOf(Parallelogram(")
    assert sorted(got[0][len("Find(AreaOf(Parallelogram("):-3].split(",")) == ["A", "B", "C", "D"]
    # no parallelogram drawn: the figure, as before
    skew = {**pos, "C": [150, 30]}
    assert _forms("Find the area of the parallelogram.", skew, lines, diagram=diagram) == ["Find(AreaOf(Shape($)))"]


def test_the_altitude_to_the_hypotenuse_and_the_hypotenuse() -> None:
    pos: dict[str, list[float]] = {"A": [0, 0], "B": [0, 40], "C": [30, 0], "D": [19.2, 14.4]}
    lines = ["AB", "AC", "BC", "AD"]
    diagram = ["PointLiesOnLine(D, Line(B, C))"]
    text = "Find the measure of the altitude drawn to the hypotenuse."
    assert _forms(text, pos, lines, diagram=diagram) == [
        "Perpendicular(Line(A,B),Line(A,C))", "Perpendicular(Line(A,D),Line(B,C))", "Find(LengthOf(Line(A,D)))"]
    # the segment from the right angle is not square to the hypotenuse: no altitude, no question
    off = {**pos, "D": [10, 26.67]}
    assert _forms(text, off, lines, diagram=diagram) == []
    fig = figure_of({"point_positions": pos, "line_instances": ["AB", "AC", "BC"]})
    assert hypotenuse(fig) == ("B", "C")
    # with the altitude drawn there are three right triangles: no one hypotenuse
    assert hypotenuse(figure_of({"point_positions": pos, "line_instances": lines,
                                 "diagram_logic_forms": diagram})) is None


def test_polygons_and_kinds() -> None:
    fig = figure_of({"point_positions": {"A": [0, 0], "B": [4, 0], "C": [4, 3], "D": [0, 3]},
                     "line_instances": ["AB", "BC", "CD", "DA", "AC"]})
    assert len(polygons(fig, 3)) == 2 and len(polygons(fig, 4)) == 1
    assert the_polygon(fig, "Rectangle") is not None and the_polygon(fig, "Square") is None
    assert the_polygon(fig, "Triangle") is None  # two triangles: not one
    assert fits("Trapezoid", [(0, 0), (6, 0), (4, 3), (1, 3)])
    assert not fits("Trapezoid", [(0, 0), (4, 0), (5, 3), (1, 3)])  # a parallelogram


def test_the_pair_of_similar_figures_matches_corners_by_the_marked_angles() -> None:
    """'Each pair of polygons is similar': the two rings of segments, corners matched by the angles
    the diagram marks equal (here the second triangle is drawn turned: A-F, B-D, C-E)."""
    marks = ["Equals(MeasureOf(Angle(B, A, C)), MeasureOf(Angle(E, F, D)))",
             "Equals(MeasureOf(Angle(A, B, C)), MeasureOf(Angle(F, D, E)))"]
    rec = {"problem_text": "Each pair of polygons is similar. Find x.", "line_instances": ["AB", "BC", "CA", "DE",
                                                                                           "EF", "FD"],
           "point_positions": {}, "circle_instances": [], "diagram_logic_forms": marks}
    assert with_text_forms(rec)["text_logic_forms_dissolved"] == ["Similar(Triangle(A,B,C),Triangle(F,D,E))", "Find(x)"]
    # nothing tells the corners apart: no similarity stated rather than a wrong one
    bare = {**rec, "diagram_logic_forms": []}
    assert with_text_forms(bare)["text_logic_forms_dissolved"] == ["Find(x)"]


def test_the_green_figure_is_the_one_whose_area_is_not_given() -> None:
    rec = {"problem_text": "For the pair of similar figures, find the area of the green figure.",
           "line_instances": ["AB", "BT", "TA"], "circle_instances": [],
           "point_positions": {"A": [35, 1], "B": [142, 118], "T": [1, 119], "D": [-1, -1], "E": [-1, -1],
                               "F": [-1, -1]},
           "diagram_logic_forms": ["Equals(LengthOf(Line(A, B)), 8)", "Equals(LengthOf(Line(E, D)), 6)",
                                   "Equals(AreaOf(Triangle(D, E, F)), 13.5)"]}
    forms = with_text_forms(rec)["text_logic_forms_dissolved"]
    assert isinstance(forms, list) and forms[-1] == "Find(AreaOf(Triangle(A,B,T)))"
    # the figure drawn apart (points without positions) is matched side to side: A B with D E
    similar = forms[0]
    assert similar.startswith("Similar(Triangle(A,B,T),Triangle(")
    second = similar[len("Similar(Triangle(A,B,T),Triangle("):-2].split(",")
    assert {second[0], second[1]} == {"D", "E"}


@pytest.mark.parametrize(("text", "forms"), [
    (r"Lines l, m, and n are perpendicular bisectors of \triangle P Q R and meet at T. If T R = 8, find x.",
     ["IsPerpendicularBisectorOf(Line(l),Triangle(P,Q,R))", "IsPerpendicularBisectorOf(Line(m),Triangle(P,Q,R))",
      "IsPerpendicularBisectorOf(Line(n),Triangle(P,Q,R))", "IntersectAt(Line(l),Line(m),Line(n),Point(T))",
      "Equals(LengthOf(Line(T,R)),8)", "Find(x)"]),
    ("Refer to trapezoid C D F G with median H E. Let W X be the median of C D E H. Find W X.",
     ["Trapezoid(C,D,F,G)", "IsMedianOf(Line(H,E),Trapezoid(C,D,F,G))", "IsMedianOf(Line(W,X),Quadrilateral(C,D,E,H))",
      "Find(LengthOf(Line(W,X)))"]),
    (r"Rhombus A B C D is circumscribed about \odot P and has a perimeter of 32. Find x.",
     ["CircumscribedTo(Rhombus(A,B,C,D),Circle(P))", "Equals(PerimeterOf(Rhombus(A,B,C,D)),32)", "Find(x)"]),
    (r"If \triangle R S T \sim \triangle U V W, T A and W B are medians, find U B.",
     ["IsMedianOf(Line(T,A),Triangle(R,S,T))", "IsMedianOf(Line(W,B),Triangle(U,V,W))",
      "Similar(Triangle(R,S,T),Triangle(U,V,W))", "Find(LengthOf(Line(U,B)))"]),
    (r"In \triangle G H J, m \angle G J N = 6 y - 3. Find m \angle G J H if J N is an angle bisector.",
     ["Triangle(G,H,J)", "Equals(MeasureOf(Angle(G,J,N)),6y-3)", "BisectsAngle(Line(J,N),Angle(G,J,H))",
      "Find(MeasureOf(Angle(G,J,H)))"]),
    ("If P R = 16, P M = 2 K P, find M R.",
     ["Equals(LengthOf(Line(P,R)),16)", "Equals(LengthOf(Line(P,M)),Mul(LengthOf(Line(K,P)),2))",
      "Find(LengthOf(Line(M,R)))"]),
    ("Triangle W X Y has an area of 248 square inches. Find the length of the base.",
     ["Equals(AreaOf(Triangle(W,X,Y)),248)", "Find(LengthOf(BaseOf(Triangle(W,X,Y))))"]),
])
def test_whole_sentence_statements(text: str, forms: list[str]) -> None:
    assert text_forms(text) == forms


def test_a_segment_that_appears_tangent_meets_its_circle_once() -> None:
    """Tangent: one point on the circle, the rest outside, across the radius; a secant through a
    second point of the circle, or a chord, is not."""
    rec = {"problem_text": "Find x. Assume that segments that appear to be tangent are tangent.",
           "point_positions": {"O": [0, 0], "T": [0, -10], "P": [24, -10], "A": [-8, 6], "F": [8, 6], "D": [24, 6],
                               "C": [10, 0]},
           "line_instances": ["TP", "AD", "OC"], "circle_instances": ["O"],
           "diagram_logic_forms": ["PointLiesOnLine(F, Line(A, D))", "PointLiesOnCircle(T, Circle(O, r))",
                                   "PointLiesOnCircle(A, Circle(O, r))", "PointLiesOnCircle(F, Circle(O, r))",
                                   "PointLiesOnCircle(C, Circle(O, r))"]}
    assert with_text_forms(rec)["text_logic_forms_dissolved"] == ["Tangent(Line(T,P),Circle(O))", "Find(x)"]


def test_with_one_circle_and_no_closed_polygon_the_figure_is_the_circle() -> None:
    rec = {"problem_text": "Find the area of the figure.", "point_positions": {"A": [0, 0], "B": [5, 0]},
           "line_instances": ["AB"], "circle_instances": ["A"],
           "diagram_logic_forms": ["PointLiesOnCircle(B, Circle(A, r))"]}
    assert with_text_forms(rec)["text_logic_forms_dissolved"] == ["Find(AreaOf(Circle(A)))"]
    # a closed polygon drawn too: the figure is left to the importer (the circle less the polygon, ...)
    square = {**rec, "point_positions": {"A": [0, 0], "B": [5, 0], "C": [5, 5], "D": [0, 5]},
              "line_instances": ["AB", "BC", "CD", "DA"]}
    assert with_text_forms(square)["text_logic_forms_dissolved"] == ["Find(AreaOf(Shape($)))"]


def test_the_circle_is_the_one_the_diagram_puts_points_on() -> None:
    rec = {"problem_text": "Find the circumference of the circle.", "circle_instances": ["D"],
           "diagram_logic_forms": ["PointLiesOnCircle(B, Circle(A, radius_0_0))"]}
    assert with_text_forms(rec)["text_logic_forms_dissolved"] == ["Find(CircumferenceOf(Circle(A)))"]


def test_annotated_question_forms_are_named_from_the_records_own_diagram() -> None:
    # the data's dissolved forms name the annotators' points; a diagram read from the image names
    # its own: "the parallelogram" is found again in the record's diagram, whatever it is called
    rec = {"text_logic_forms": ["Find(AreaOf(Parallelogram($)))"],
           "text_logic_forms_dissolved": ["Find(AreaOf(Parallelogram(A,D,B,C)))"],
           "point_positions": {"E": [0, 0], "F": [10, 0], "G": [13, -6], "H": [3, -6]},
           "line_instances": ["EF", "FG", "GH", "HE"], "circle_instances": []}
    out = with_figure_forms(rec)
    forms = out["text_logic_forms_dissolved"]
    assert isinstance(forms, list) and len(forms) == 1
    form = str(forms[0])
    assert form.startswith("Find(AreaOf(Parallelogram(")
    corners = form[len("Find(AreaOf(Parallelogram("):-3].split(",")
    ring = "".join(corners) * 2
    assert sorted(corners) == ["E", "F", "G", "H"] and ("EFGH" in ring or "HGFE" in ring)  # in drawn order
    assert out["text_logic_forms"] == rec["text_logic_forms"]
    # no parallelogram drawn (three points): the form keeps its "$" for the importer to refuse
    tri = {**rec, "point_positions": {"E": [0, 0], "F": [10, 0], "G": [13, -6]}, "line_instances": ["EF", "FG", "GE"]}
    assert "$" in str(with_figure_forms(tri)["text_logic_forms_dissolved"])
    # forms that are no list of strings are left for the importer to report
    bad = {**rec, "text_logic_forms": [3]}
    assert with_figure_forms(bad)["text_logic_forms_dissolved"] == rec["text_logic_forms_dissolved"]


def test_the_quadrilateral_measured_is_the_outline_when_it_has_four_corners() -> None:
    rec = {"text_logic_forms": ["Find(AreaOf(Quadrilateral($)))"],
           "point_positions": {"F": [87, 41], "H": [268, 220], "I": [23, 220], "G": [240, 72], "A": [120, 125]},
           "line_instances": ["IH", "FI", "FG", "GH", "FH", "AI"], "circle_instances": []}
    forms = with_figure_forms(rec)["text_logic_forms_dissolved"]
    assert isinstance(forms, list) and len(forms) == 1
    form = str(forms[0])
    assert form.startswith("Find(AreaOf(Quadrilateral(")
    assert sorted(form[len("Find(AreaOf(Quadrilateral("):-3].split(",")) == ["F", "G", "H", "I"]
    # a pentagon asked of a four-cornered outline is not named (the importer refuses the '$')
    five = {**rec, "text_logic_forms": ["Find(AreaOf(Pentagon($)))"]}
    assert with_figure_forms(five)["text_logic_forms_dissolved"] == ["Find(AreaOf(Pentagon($)))"]


def test_positions_that_are_no_numbers_name_no_outline() -> None:
    rec = {"problem_text": "Find the area of the figure.", "text_logic_forms": ["Find(AreaOf(Quadrilateral($)))"],
           "point_positions": {"A": ["x", 1], "B": [None, 2], "C": [4, 4], "D": [0, 4]},
           "line_instances": ["AB", "BC", "CD", "DA"]}
    assert with_figure_forms(rec)["text_logic_forms_dissolved"] == ["Find(AreaOf(Quadrilateral($)))"]
    assert with_text_forms(rec)["text_logic_forms_dissolved"] == ["Find(AreaOf(Shape($)))"]
