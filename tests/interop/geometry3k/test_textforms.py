"""The rule-based reader of problem texts (issue 13, item 4) and ``--text-from-question``."""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path

import pytest

from recode_dsl.cli import main
from recode_dsl.interop.geometry3k import import_problem
from recode_dsl.interop.geometry3k.textforms import normalise, quantity, text_forms, value, with_text_forms

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "diagram" / "geometry3k"


@pytest.mark.parametrize(("text", "forms"), [
    ("Find x.", ["Find(x)"]),
    ("Find y. Round to the nearest tenth if necessary.", ["Find(y)"]),
    ("What is the value of z to the nearest tenth?", ["Find(z)"]),
    ("Solve for w in parallelogram P Q R S.", ["Parallelogram(P,Q,R,S)", "Find(w)"]),
    (r"Find m \angle 4.", ["Find(MeasureOf(Angle(4)))"]),
    (r"Find the measure of \angle K L M.", ["Find(MeasureOf(Angle(K,L,M)))"]),
    (r"Find m \widehat C D.", ["Find(MeasureOf(Arc(C,D)))"]),
    (r"Find the length of \widehat C D. Round to the nearest hundredth.", ["Find(LengthOf(Arc(C,D)))"]),
    ("Find P Q.", ["Find(LengthOf(Line(P,Q)))"]),
    ("Find the area of the shaded region.", ["Find(AreaOf(Shaded(Shape($))))"]),
    ("Find the perimeter of the figure. Round to the nearest tenth.", ["Find(PerimeterOf(Shape($)))"]),
    (r"Find the area of \triangle D E F.", ["Find(AreaOf(Triangle(D,E,F)))"]),
    (r"What is the radius of \odot T?", ["Find(RadiusOf(Circle(T)))"]),
    (r"find \sin B.", ["Find(SinOf(Angle(B)))"]),
    (r"In \odot A, m \angle B A C = 70. Find m \widehat B C.",
     ["Circle(A)", "Equals(MeasureOf(Angle(B,A,C)),70)", "Find(MeasureOf(Arc(B,C)))"]),
    ("If K L = 3 x + 4 and L M = 5 x - 8, find x.",
     ["Equals(LengthOf(Line(K,L)),3x+4)", "Equals(LengthOf(Line(L,M)),5x-8)", "Find(x)"]),
    (r"If m \angle 1 = 2(y - 10) and m \angle 2 = 3 y, find y.",
     ["Equals(MeasureOf(Angle(1)),2(y-10))", "Equals(MeasureOf(Angle(2)),3y)", "Find(y)"]),
    (r"If a = 6 and c = 2 \sqrt { 3 }, find b.", ["Equals(a,6)", "Equals(c,2\\sqrt{3})", "Find(b)"]),
    ("Quadrilateral D E F G is a rhombus. Find D F.", ["Rhombus(D,E,F,G)", "Find(LengthOf(Line(D,F)))"]),
    (r"If R S \parallel U V and R S \perp S T, find x.",
     ["Parallel(Line(R,S),Line(U,V))", "Perpendicular(Line(R,S),Line(S,T))", "Find(x)"]),
    (r"If J K \cong K L, find m \angle J.",
     ["Equals(LengthOf(Line(J,K)),LengthOf(Line(K,L)))", "Find(MeasureOf(Angle(J)))"]),
    (r"If \triangle A B C \sim \triangle X Y Z, find Y Z.",
     ["Similar(Triangle(A,B,C),Triangle(X,Y,Z))", "Find(LengthOf(Line(Y,Z)))"]),
    (r"The radius of \odot P is 9 inches and Q R = 4. Find Q S.",
     ["Equals(RadiusOf(Circle(P)),9)", "Equals(LengthOf(Line(Q,R)),4)", "Find(LengthOf(Line(Q,S)))"]),
    (r"The diameters of \odot D and \odot E are 12 and 20 units, respectively. Find F E.",
     ["Equals(DiameterOf(Circle(D)),12)", "Equals(DiameterOf(Circle(E)),20)", "Find(LengthOf(Line(F,E)))"]),
    ("Points K, L, and M are the midpoints of A B, B C, and A C, respectively. Find x.",
     ["IsMidpointOf(Point(K),Line(A,B))", "IsMidpointOf(Point(L),Line(B,C))", "IsMidpointOf(Point(M),Line(A,C))",
      "Find(x)"]),
    (r"In \triangle F G H, Q is the centroid and F Q = 8. Find Q K.",
     ["Triangle(F,G,H)", "IsCentroidOf(Point(Q),Triangle(F,G,H))", "Equals(LengthOf(Line(F,Q)),8)",
      "Find(LengthOf(Line(Q,K)))"]),
    (r"Find x if \odot P \cong \odot Q.", ["Congruent(Circle(P),Circle(Q))", "Find(x)"]),
    (r"Triangle D E F is circumscribed about \odot K. Find y.",
     ["CircumscribedTo(Triangle(D,E,F),Circle(K))", "Find(y)"]),
    ("Find x. A = 60 cm^2.", ["Equals(AreaOf(Shape($)),60)", "Find(x)"]),
    (r"Find the ratio of the area of \triangle P Q R to the area of \triangle S T U.",
     ["Find(RatioOf(AreaOf(Triangle(P,Q,R)),AreaOf(Triangle(S,T,U))))"]),
    (r"If \overrightarrow K M bisects \angle J K L, find y.", ["BisectsAngle(Line(K,M),Angle(J,K,L))", "Find(y)"]),
    ("Triangle K L M is similar to triangle P Q R. Find the scale factor.",
     ["Similar(Triangle(K,L,M),Triangle(P,Q,R))", "Find(ScaleFactorOf(Triangle(K,L,M),Triangle(P,Q,R)))"]),
])
def test_text_forms(text: str, forms: list[str]) -> None:
    assert text_forms(text) == forms


@pytest.mark.parametrize(("text", "forms"), [
    (r"J H, J P, and P H are midsegments of \triangle K L M. Find x.",
     ["IsMidsegmentOf(Line(J,H),Triangle(K,L,M))", "IsMidsegmentOf(Line(J,P),Triangle(K,L,M))",
      "IsMidsegmentOf(Line(P,H),Triangle(K,L,M))", "Find(x)"]),
    ("Chords J F and B C intersect at K. If B K = 8, find J K.",
     ["IsChordOf(Line(J,F),Circle($))", "IsChordOf(Line(B,C),Circle($))", "IntersectAt(Line(J,F),Line(B,C),Point(K))",
      "Equals(LengthOf(Line(B,K)),8)", "Find(LengthOf(Line(J,K)))"]),
    (r"The diagonals of rhombus F G H J intersect at K. If m \angle F J H = 82, find m \angle K H J.",
     ["Rhombus(F,G,H,J)", "IsDiagonalOf(Line(F,H),Rhombus(F,G,H,J))", "IsDiagonalOf(Line(G,J),Rhombus(F,G,H,J))",
      "IntersectAt(Line(F,H),Line(G,J),Point(K))", "Equals(MeasureOf(Angle(F,J,H)),82)",
      "Find(MeasureOf(Angle(K,H,J)))"]),
    ("The radius of circle P is three times the radius of circle Q. Find x.",
     ["Equals(RadiusOf(Circle(P)),Mul(RadiusOf(Circle(Q)),3))", "Find(x)"]),
    (r"The measure of \angle A is half the measure of \angle B. What is m \angle C?",
     ["Equals(MeasureOf(Angle(A)),HalfOf(MeasureOf(Angle(B))))", "Find(MeasureOf(Angle(C)))"]),
    ("The height of a triangle is 4 inches more than its base. The area of the triangle is 30 square inches. "
     "Find the height.",
     ["Equals(HeightOf(Triangle($)),Add(BaseOf(Triangle($)),4))", "Equals(AreaOf(Triangle($)),30)",
      "Find(HeightOf(Triangle($)))"]),
    ("Find the base of the rectangle given its area with 48 square units.",
     ["Equals(AreaOf(Rectangle($)),48)", "Find(BaseOf(Rectangle($)))"]),
    (r"The sum of the circumferences of circles A, B, and C is 60 \pi. Find x.",
     ["Equals(SumOf(CircumferenceOf(Circle(A)),CircumferenceOf(Circle(B)),CircumferenceOf(Circle(C))),60\\pi)",
      "Find(x)"]),
    (r"In \odot P, the radius is 12 units long. Find x.", ["Equals(RadiusOf(Circle(P)),12)", "Circle(P)", "Find(x)"]),
    ("In Q, the diameter is 10. Find x.", ["Equals(DiameterOf(Circle(Q)),10)", "Circle(Q)", "Find(x)"]),
    (r"If \angle A B C is a right angle and B D \perp A C, find x.",
     ["RightAngle(Angle(A,B,C))", "Perpendicular(Line(B,D),Line(A,C))", "Find(x)"]),
    ("Find y so that A C and B D are perpendicular.", ["Perpendicular(Line(A,C),Line(B,D))", "Find(y)"]),
    (r"If P Q is parallel to R S, find m \angle 3.", ["Parallel(Line(P,Q),Line(R,S))", "Find(MeasureOf(Angle(3)))"]),
    (r"\triangle A B C and \triangle C D E are isosceles. Find x.",
     ["Triangle(A,B,C)", "Isosceles(Triangle(A,B,C))", "Triangle(C,D,E)", "Isosceles(Triangle(C,D,E))", "Find(x)"]),
    (r"Find A C if \triangle A B C is an isosceles triangle with A B \cong B C.",
     ["Triangle(A,B,C)", "Isosceles(Triangle(A,B,C))", "Equals(LengthOf(Line(A,B)),LengthOf(Line(B,C)))",
      "Find(LengthOf(Line(A,C)))"]),
    ("What is the measure of an interior angle of a regular hexagon?",
     ["Regular(Polygon($))", "Find(MeasureOf(InteriorAngle($)))"]),
    ("Find the area of a regular hexagon with a perimeter of 36 feet.",
     ["Regular(Polygon($))", "Equals(PerimeterOf(Polygon($)),36)", "Find(AreaOf(Shape($)))"]),
    ("For isosceles trapezoid A B C D, find the length of the median.",
     ["Trapezoid(A,B,C,D)", "Isosceles(Trapezoid(A,B,C,D))", "Find(MedianOf(Trapezoid(A,B,C,D)))"]),
    (r"Polygon A B C D \cong polygon W X Y Z. Find x.",
     ["Congruent(Quadrilateral(A,B,C,D),Quadrilateral(W,X,Y,Z))", "Find(x)"]),
    ("Circles A, B, and C all intersect at P. Find x.",
     ["IntersectAt(Circle(A),Circle(B),Circle(C),Point(P))", "Find(x)"]),
    ("Use rhombus to find z.", ["Rhombus($)", "Find(z)"]),
    ("Use square A B C D, rectangle A E F D to solve the problem. Find x.",
     ["Square(A,B,C,D)", "Rectangle(A,E,F,D)", "Find(x)"]),
    (r"Find \angle C of quadrilateral A B C D.", ["Quadrilateral(A,B,C,D)", "Find(MeasureOf(Angle(C)))"]),
    (r"Equilateral hexagon A B C D E F is inscribed in \odot O. Find x.",
     ["InscribedIn(Equilateral(Hexagon(A,B,C,D,E,F)),Circle(O))", "Find(x)"]),
    ("A square with side length of 4 inches is inscribed in a circle. Find the area of the circle.",
     ["InscribedIn(Square($),Circle($))", "Equals(SideOf(Square($)),4)", "Find(AreaOf(Circle($)))"]),
    (r"The triangle is inscribed in \odot K. Find x.", ["InscribedIn(Triangle($),Circle(K))", "Find(x)"]),
    ("In rectangle P Q R S, P R and Q S are diagonals. If P R = 10, find Q S.",
     ["IsDiagonalOf(Line(P,R),Rectangle(P,Q,R,S))", "IsDiagonalOf(Line(Q,S),Rectangle(P,Q,R,S))",
      "Rectangle(P,Q,R,S)", "Equals(LengthOf(Line(P,R)),10)", "Find(LengthOf(Line(Q,S)))"]),
    ("Given figure P Q R S, with P Q = 5 and Q R = 7, find the perimeter.",
     ["Quadrilateral(P,Q,R,S)", "Equals(LengthOf(Line(P,Q)),5)", "Equals(LengthOf(Line(Q,R)),7)",
      "Find(PerimeterOf(Quadrilateral(P,Q,R,S)))"]),
])
def test_statements_in_words(text: str, forms: list[str]) -> None:
    assert text_forms(text) == forms


def test_a_text_it_cannot_read_gives_no_forms_not_wrong_ones() -> None:
    assert text_forms("Which of the following statements is true about the figure?") == []
    assert text_forms("") == []
    # a question whose target is no quantity it knows gives no Find
    assert not any(f.startswith("Find(") for f in text_forms("Find the height."))


def test_values_and_quantities() -> None:
    assert value("12.5 cm") == "12.5" and value("4 y - 10") == "4y-10" and value("x + y") == "x+y"
    assert value("the figure") is None and value("A B") is None and value("(3") is None
    assert quantity("m ∠ 1") == "MeasureOf(Angle(1))" and quantity("the length of A B") == "LengthOf(Line(A,B))"
    assert quantity("area of the circle") == "AreaOf(Circle($))" and quantity("Find") is None
    assert normalise(r"m \angle A B C = 40^{\circ}") == "m ∠ A B C = 40°"


def test_no_text_is_evaluated() -> None:
    """A value the reader keeps is only ever text of digits, letters and operators for the importer's parser."""
    forms = text_forms("If A B = __import__('os').system('true'), find x.")
    assert forms == ["Find(x)"]


def test_the_circle_placeholder_is_resolved_by_the_diagrams_one_circle() -> None:
    rec = {"problem_text": "Find the circumference of the circle.", "circle_instances": ["O"],
           "text_logic_forms_dissolved": ["Find(CircumferenceOf(Circle(O)))"]}
    assert with_text_forms(rec)["text_logic_forms_dissolved"] == ["Find(CircumferenceOf(Circle(O)))"]
    two = {**rec, "circle_instances": ["O", "P"]}
    assert with_text_forms(two)["text_logic_forms_dissolved"] == ["Find(CircumferenceOf(Circle($)))"]


def test_the_forms_import_like_the_annotated_ones() -> None:
    """On the checked-in Geometry3K records, the program from the read forms asks what the
    annotated one asks wherever the reader found a question."""
    lines = (FIXTURES / "records.jsonl").read_text(encoding="utf-8").splitlines()
    same = asked = 0
    for k, line in enumerate(lines, 1):
        rec = json.loads(line)
        read = import_problem(with_text_forms(rec), k).source
        if "\nask " in read:
            asked += 1
            same += read.split("\nask ")[1] == import_problem(rec, k).source.split("\nask ")[1]
    assert asked >= len(lines) // 2 and same >= 0.8 * asked


def test_bench_text_from_question(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    lines = (FIXTURES / "records.jsonl").read_text(encoding="utf-8").splitlines()
    recs = [json.loads(x) for x in lines]
    simple = [x for x, r in zip(lines, recs) if r["problem_text"].startswith(("Find x", "Find A B", "Find m"))][:2]
    path = tmp_path / "two.jsonl"
    path.write_text("\n".join(simple) + "\n", encoding="utf-8")
    out_json = tmp_path / "out.json"
    code = main(["bench", "geometry3k", str(path), "--text-from-question", "--no-progress", "--timeout", "5",
                 "--json", str(out_json)])
    assert code == 0
    assert "solved=" in capsys.readouterr().out
    assert len(json.loads(out_json.read_text(encoding="utf-8"))["problems"]) == len(simple)


def test_segments_that_appear_tangent_are_read_from_the_diagram() -> None:
    """A segment touching a circle at one point (the centre as far from its line as the point),
    with its other end outside, is tangent; a chord or a secant is not."""
    rec = {"problem_text": "Find x. Assume that segments that appear to be tangent are tangent.",
           "point_positions": {"O": [0, 0], "T": [0, -10], "P": [24, -10], "A": [-6, 8], "B": [6, 8], "S": [15, -20]},
           "line_instances": ["TP", "AB", "OT", "AS"], "circle_instances": ["O"],
           "diagram_logic_forms": [f"PointLiesOnCircle({p}, Circle(O, radius_0_0))" for p in "TAB"]}
    assert with_text_forms(rec)["text_logic_forms_dissolved"] == ["Tangent(Line(T,P),Circle(O))", "Find(x)"]


def test_the_quadrilateral_of_the_text_is_the_diagrams_outline() -> None:
    """'so that the quadrilateral is a parallelogram': the one region the drawn segments bound."""
    rec = {"problem_text": "Find x so that the quadrilateral is a parallelogram.",
           "point_positions": {"A": [0, 0], "B": [4, 0], "C": [5, 3], "D": [1, 3]},
           "line_instances": ["AB", "BC", "CD", "DA"], "circle_instances": []}
    forms = with_text_forms(rec)["text_logic_forms_dissolved"]
    assert isinstance(forms, list) and forms[-1] == "Find(x)" and len(forms) == 2
    corners = forms[0][len("Parallelogram("):-1].split(",")
    assert forms[0].startswith("Parallelogram(") and sorted(corners) == ["A", "B", "C", "D"]
    open_figure = {**rec, "line_instances": ["AB", "BC"]}
    assert with_text_forms(open_figure)["text_logic_forms_dissolved"] == ["Find(x)"]


def _pentagon(extra: dict[str, object] | None = None) -> dict[str, object]:
    """A regular pentagon A..E around (0, 0), drawn by its sides (and, with ``extra``, more)."""
    import math

    pos = {p: [round(100 * math.cos(math.radians(90 + 72 * i)), 3), round(100 * math.sin(math.radians(90 + 72 * i)), 3)]
           for i, p in enumerate("ABCDE")}
    rec: dict[str, object] = {"point_positions": pos, "line_instances": ["AB", "BC", "CD", "DE", "EA"],
                              "circle_instances": [], "diagram_logic_forms": []}
    return {**rec, **(extra or {})}


def test_polygon_angles_are_named_from_the_outline() -> None:
    rec = {**_pentagon(), "problem_text": "What is the measure of an interior angle of a regular pentagon?"}
    forms = with_text_forms(rec)["text_logic_forms"]
    assert isinstance(forms, list) and forms[0] == "Regular(Polygon($))"
    corner = forms[1][len("Find(MeasureOf(Angle("):-3].split(",")
    ring = "ABCDE"
    # three corners of the outline in turn (either way round), the middle one the vertex
    i = ring.index(corner[1])
    assert {corner[0], corner[2]} == {ring[i - 1], ring[(i + 1) % 5]}
    # a central angle needs the circle: without one the question is not asked
    text = "A regular polygon is inscribed in a circle. Find the measure of a central angle."
    rec = {**_pentagon(), "problem_text": text}
    assert not any(str(f).startswith("Find(") for f in _forms(rec))
    pos = {**_pentagon()["point_positions"], "O": [0, 0]}  # type: ignore[dict-item]
    rec = {**rec, "point_positions": pos, "circle_instances": ["O"]}
    found = [f for f in _forms(rec) if f.startswith("Find(")]
    assert len(found) == 1 and ",O," in found[0]


def _forms(rec: Mapping[str, object]) -> list[str]:
    forms = with_text_forms(rec)["text_logic_forms"]
    assert isinstance(forms, list)
    return [str(f) for f in forms]


def test_the_circles_of_a_sum_are_the_diagrams() -> None:
    rec = {"problem_text": r"If the sum of the circumferences of the two circles is 20 \pi, find x.",
           "circle_instances": ["P", "Q"], "point_positions": {}, "line_instances": [], "diagram_logic_forms": []}
    assert with_text_forms(rec)["text_logic_forms"] == [
        r"Equals(SumOf(CircumferenceOf(Circle(P)),CircumferenceOf(Circle(Q))),20\pi)", "Find(x)"]
    # one circle drawn: "the two circles" names nothing, the fact is left out
    assert with_text_forms({**rec, "circle_instances": ["P"]})["text_logic_forms"] == ["Find(x)"]


def test_a_figure_read_from_pixels_names_its_outline_by_numbered_points() -> None:
    # points a reading leaves unnamed are P1, P2, ...: "the triangle" and "the figure" are still found
    rec = {"point_positions": {"P1": [0, 0], "P2": [40, 0], "P3": [0, 30]},
           "line_instances": ["P1P2", "P2P3", "P1P3"], "circle_instances": [], "diagram_logic_forms": []}
    assert _forms({**rec, "problem_text": "Find the perimeter of the triangle."}) == [
        "Find(PerimeterOf(Triangle(P1,P2,P3)))"]
    forms = _forms({**rec, "problem_text": "Find the area of the figure."})
    assert len(forms) == 1 and forms[0].startswith("Find(AreaOf(Triangle(") and all(p in forms[0] for p in
                                                                                   ("P1", "P2", "P3"))


def test_a_parallelogram_with_one_side_lost_is_still_the_parallelogram() -> None:
    rec: dict[str, object] = {
           "point_positions": {"P1": [0, 0], "P2": [50, 0], "P3": [65, 30], "P4": [15, 30]},
           "line_instances": ["P1P2", "P2P3", "P3P4"], "circle_instances": [], "diagram_logic_forms": [],
           "problem_text": "Find the perimeter of the parallelogram."}
    found = _forms(rec)
    assert len(found) == 1 and found[0].startswith("Find(PerimeterOf(Parallelogram(")
    # four points that do not make a parallelogram are not made one
    rec["point_positions"] = {"P1": [0, 0], "P2": [50, 0], "P3": [80, 30], "P4": [15, 30]}
    assert "Parallelogram(P" not in _forms(rec)[0]
