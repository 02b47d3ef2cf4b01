"""Geometry3K importer: each translation rule, each oddity of the data, and the whole corpus compiling."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import pytest
import sympy

from recode_dsl import messages
from recode_dsl import scene as s
from recode_dsl.interop.geometry3k import PREDICATES, Imported, import_problem
from recode_dsl.interop.geometry3k.parse import FormSyntaxError, parse_form
from recode_dsl.pipeline import compile as compile_program
from recode_dsl.quantity import to_sympy

DATA = Path(__file__).resolve().parents[4] / "shared" / "data" / "geometry3k"  # ../shared beside the project
SQUARE = {"A": [0.0, 0.0], "B": [100.0, 0.0], "C": [100.0, 100.0], "D": [0.0, 100.0]}


def rec(*forms: str, find: str | None = "Find(x)", points: dict[str, Any] | None = None,
        **extra: Any) -> dict[str, Any]:
    return {"id": 9, "problem_text": "Find x.", "point_positions": SQUARE if points is None else points,
            "diagram_logic_forms": list(forms), "text_logic_forms_dissolved": [find] if find else [], **extra}


def body(imp: Imported) -> list[str]:
    """The statements of an imported program (no comments, header or points)."""
    return [ln for ln in imp.source.splitlines()
            if ln and not ln.startswith(("#", "figure", "point "))]


def codes(imp: Imported) -> list[str]:
    return [d.code for d in imp.diagnostics]


def compiles(imp: Imported) -> s.Figure:
    result = compile_program(imp.source, solve=False)
    assert result.ok, [d.message for d in result.diagnostics]
    assert isinstance(result.scene, s.Figure)
    return result.scene


@pytest.mark.parametrize(("form", "statement"), [
    ("Equals(LengthOf(Line(A, B)), 5)", "length(A, B) = 5"),
    ("Equals(MeasureOf(Angle(A, B, C)), 2x+10)", "angle(A, B, C) = 2x + 10"),
    ("PointLiesOnLine(D, Line(A, C))", "on(D, segment(A, C))"),
    ("PointLiesOnCircle(C, Circle(O, radius_0_0))", "on(C, circle(O))"),
    ("Perpendicular(Line(A, C), Line(D, C))", "perpendicular(segment(A, C), segment(D, C))"),
    ("Parallel(Line(A, B), Line(D, C))", "parallel(segment(A, B), segment(D, C))"),
    ("Equals(MeasureOf(Arc(A, B)), 98)", "measure(arc(A, B)) = 98"),
    ("Equals(MeasureOf(Major(Arc(A, D, C))), x)", "measure(major_arc(A, D, C)) = x"),
    ("Tangent(Line(D, B), Circle(C))", "tangent(segment(D, B), circle(C))"),
    ("Equals(LengthOf(Line(M, L)), LengthOf(x))", "length(M, L) = x"),
    ("Equals(RadiusOf(Circle(A)),Mul(RadiusOf(Circle(B)),2))", "radius(circle(A)) = radius(circle(B)) * 2"),
    ("Equals(MeasureOf(Angle(A)),HalfOf(MeasureOf(Angle(B))))", "angle(A) = angle(B) / 2"),
    ("IsMidpointOf(Point(M), Line(A, B))", "midpoint(M, segment(A, B))"),
    ("IsDiameterOf(Line(A, C), Circle(O))", "diameter(segment(A, C), circle(O))"),
    ("Congruent(Triangle(A,B,C),Triangle(D,E,F))", "congruent(triangle(A, B, C), triangle(D, E, F))"),
    ("IntersectAt(Line(A,C),Line(B,D),Point(E))", "intersect(segment(A, C), segment(B, D), E)"),
    ("BisectsAngle(Line(A,D),Triangle(A,B,C))", "bisects(segment(A, D), angle(B, A, C))"),
    ("Equals(Line(A,D),AltitudeOf(Triangle(A,B,C)))", "altitude(segment(A, D), triangle(A, B, C))"),
    ("IsHypotenuseOf(Line(A,C), Triangle(A,B,C))", "right_angle(angle(A, B, C))"),
    ("Equals(SinOf(x),0.6)", "sin(x) = 0.6"),
])
def test_forms_become_statements(form: str, statement: str) -> None:
    imp = import_problem(rec(form))
    assert statement in body(imp)
    compiles(imp)


@pytest.mark.parametrize(("find", "ask"), [
    ("Find(x)", "ask x"),
    ("Find(AreaOf(Triangle(A,B,C)))", "ask area(triangle(A, B, C))"),
    ("Find(MeasureOf(Angle(1)))", "ask angle(1)"),
    ("Find(MeasureOf(Angle(B)))", "ask angle(B)"),
    ("Find(PerimeterOf(Circle(A)))", "ask circumference(circle(A))"),
    ("Find(RatioOf(TanOf(Angle(B))))", "ask tan(angle(B))"),
    ("Find(ScaleFactorOf(Blue(Triangle(A,B,C)),Green(Triangle(D,E,F))))",
     "ask scale_factor(triangle(D, E, F), triangle(A, B, C))"),  # blue's lengths over green's
    ("Find(LengthOf(Line(BE)))", "ask length(B, E)"),
    ("Find(AreaOf(Shaded(Sector(B,A,C))))", "ask area(sector(B, A, C))"),  # B is the centre; minor sector
    ("Find(AreaOf(Shaded(Sector(A,B,C))))", "ask area(sector(B, A, C))"),
    ("Find(AreaOf(Shaded(Sector(C,B,A))))", "ask area(sector(B, A, C))"),
])
def test_find_becomes_ask(find: str, ask: str) -> None:
    imp = import_problem(rec("Equals(x, 3)", "Circle(B)", find=find))
    assert body(imp)[-1] == ask
    compiles(imp)


def test_numbered_angle_gets_its_label() -> None:
    imp = import_problem(rec("Equals(MeasureOf(Angle(A, B, C)), MeasureOf(angle 4))",
                             "Equals(MeasureOf(Angle(4)), 3x)"))
    assert "angle(A, B, C, label=4)" in body(imp)
    assert "angle(4) = 3x" in body(imp)
    fig = compiles(imp)
    assert any(isinstance(sh.value, s.Ang) and sh.value.label == 4 for sh in fig.shapes)


@pytest.mark.parametrize(("value", "text", "exact"), [
    (r"7\sqrt{3}", "7 sqrt(3)", 7 * sympy.sqrt(3)),
    (r"\frac{1}{2}x+12", "1 / 2 * x + 12", sympy.Symbol("x") / 2 + 12),
    (r"\frac{5a+1}{4}", "(5a + 1) / 4", (5 * sympy.Symbol("a") + 1) / 4),
    (r"56\pi", "56 pi", 56 * sympy.pi),
    ("2x^{2}-10", "2x^2 - 10", 2 * sympy.Symbol("x") ** 2 - 10),
    ("2(y-10)", "2(y - 10)", 2 * (sympy.Symbol("y") - 10)),
    ("-5a+13", "-5a + 13", -5 * sympy.Symbol("a") + 13),
    ("11.1", "11.1", sympy.Rational(111, 10)),
])
def test_latex_numbers_stay_exact(value: str, text: str, exact: sympy.Expr) -> None:
    imp = import_problem(rec(f"Equals(LengthOf(Line(A, B)), {value})"))
    assert f"length(A, B) = {text}" in body(imp)
    eq = compiles(imp).equations[0]
    got = to_sympy(eq.rhs)
    assert sympy.simplify(got.subs({sym: sympy.Symbol(sym.name) for sym in got.free_symbols}) - exact) == 0


@pytest.mark.parametrize(("form", "statement"), [
    ("Equals(LengthOf(PerimeterOf(Cirle(C))), 12)", "circumference(circle(C)) = 12"),
    ("Equals(AreaOf(Sectoe(K,J,L)),128)", "area(sector(K, L, J)) = 128"),  # K is the centre; minor sector
    ("Equals(AreaOf(parallelogram(A,B,C,D)),128)", "area(parallelogram(A, B, C, D)) = 128"),
    ("Equals(LengthOf(Line(b, A)), 5)", "length(B, A) = 5"),
])
def test_misspellings_and_lower_case_names(form: str, statement: str) -> None:
    points = {**SQUARE, "K": [50.0, 50.0], "J": [0.0, 50.0], "L": [50.0, 0.0]}
    imp = import_problem(rec(form, "Circle(K)", points=points))
    assert statement in body(imp), imp.source
    compiles(imp)


def test_leftover_placeholder_is_reported_not_raised() -> None:
    imp = import_problem(rec("Equals(LengthOf(Line(A, B)), 5)", find="Find(AreaOf(Shaded(Shape($))))"))
    assert "E082" in codes(imp)
    assert "length(A, B) = 5" in body(imp)
    assert not any(ln.startswith("ask") for ln in body(imp))
    compiles(imp)


def test_malformed_form_is_reported_with_the_form_and_the_rest_imported() -> None:
    bad = "PointLiesOnLine(Y, Line(Z, I)) K))"
    imp = import_problem(rec(bad, "Equals(LengthOf(Line(A, B)), x)", points={**SQUARE, "Y": [1, 1], "Z": [2, 2],
                                                                              "I": [3, 3]}))
    (diag,) = [d for d in imp.diagnostics if d.code == "E080"]
    assert bad in diag.message and diag.severity == "warning"
    assert body(imp)[-2:] == ["length(A, B) = x", "ask x"]
    with pytest.raises(FormSyntaxError):
        parse_form(bad)


def test_problem_without_find_is_reported() -> None:
    imp = import_problem(rec("Equals(LengthOf(Line(A, B)), 5)", find=None))
    assert imp.diagnostics[0].message == messages.g3k_no_question("9")
    compiles(imp)


def test_ask_about_a_variable_no_form_mentions_is_left_out() -> None:
    imp = import_problem(rec("Equals(LengthOf(Line(A, B)), 5)", find="Find(y)"))
    assert codes(imp) == ["E087"] and not any(ln.startswith("ask") for ln in body(imp))


def test_junk_values_are_reported() -> None:
    imp = import_problem(rec("Equals(LengthOf(Line(N, F)), 5mny44)", "Equals(x, 2)"))
    assert codes(imp) == ["E083"]
    assert "mny44" in imp.diagnostics[0].message


def test_points_are_y_up_short_decimals_and_unknown_positions_left_open() -> None:
    imp = import_problem(rec("Equals(x, 1)", points={"A": [159.0, 160.0], "B": [-1, -1], "C": [1.234, -0.004]}))
    assert "point A ~ (159, -160), B, C ~ (1.23, 0)" in imp.source.splitlines()
    fig = compiles(imp)
    a = next(p for p in fig.points if p.name == "A")
    assert (a.x, a.y) == (159, -160) and next(p for p in fig.points if p.name == "B").x is None
    assert a.sketch  # drawn positions are a sketch: evidence for the solver, not facts


def test_statements_are_said_once_in_order() -> None:
    forms = ("Equals(LengthOf(Line(A, B)), 5)", "Equals(LengthOf(Line(B, A)), 5)", "PointLiesOnLine(D, Line(A, C))",
             "PointLiesOnLine(D, Line(C, A))", "Triangle(A, B, C)", "Parallel(Line(A, B), Line(D, C))",
             "Parallel(Line(D, C), Line(A, B))", "Equals(x, 5)")
    imp = import_problem(rec(*forms))
    assert body(imp) == ["triangle(A, B, C)", "on(D, segment(A, C))", "parallel(segment(A, B), segment(D, C))",
                         "length(A, B) = 5", "x = 5", "ask x"]


def test_header_has_id_question_choices_and_answer() -> None:
    imp = import_problem(rec("Equals(x, 5)", choices=["1", "2", "5", "9"], answer="C"))
    head = imp.source.splitlines()
    assert head[:4] == ["# Geometry3K problem 9", "# Find x.", "# choices: A) 1  B) 2  C) 5  D) 9", "# answer: C"]
    assert head[4] == 'figure "Geometry3K 9"'


def test_trapezoid_is_turned_so_that_its_first_side_is_parallel_to_its_third() -> None:
    points = {"A": [0, 0], "B": [0, 100], "C": [50, 80], "D": [50, 20]}  # AB and CD are the vertical bases
    imp = import_problem(rec("Trapezoid(B, C, D, A)", points=points))
    assert "trapezoid(C, D, A, B)" in body(imp)


def test_joined_forms() -> None:
    points = {**SQUARE, "P": [1, 1], "Q": [2, 2], "R": [9, 9], "S": [7, 7], "E": [5, 5], "F": [6, 6]}
    imp = import_problem(rec("Tangent(Line(P,Q),Circle(R)) and Circle(S)", "Tangent(Line(E,D),Circle(F)) at Point(E)",
                             "Equals(x, 1)", points=points))
    got = body(imp)
    assert {"tangent(segment(P, Q), circle(R))", "tangent(segment(P, Q), circle(S))",
            "tangent(segment(E, D), circle(F))", "on(E, circle(F))"} <= set(got)


def _shared(name: str) -> Path:
    """A Geometry3K file of the shared data; the test skips, saying what is missing, without it."""
    path = DATA / name
    if not path.exists():
        pytest.skip(f"needs the Geometry3K data: {name} is not at {DATA} (../shared beside the project)")
    return path


def test_every_predicate_of_the_data_set_has_a_translation() -> None:
    with open(_shared("predicates.tsv"), encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t"))
    assert len(rows) == 83
    assert {r["predicate"] for r in rows} <= set(PREDICATES)
    for r in rows:
        imp = import_problem(rec(r["example"], find=None))
        unknown = [d.message for d in imp.diagnostics if "unknown predicate" in d.message]
        assert not unknown, (r["predicate"], unknown)


@pytest.fixture(scope="module")
def corpus() -> list[tuple[int, Imported]]:
    out = []
    for name in ("train.jsonl", "val.jsonl"):
        with open(_shared(name), encoding="utf-8") as fh:
            out += [(i, import_problem(json.loads(line), i)) for i, line in enumerate(fh, 1)]
    return out


def test_every_train_and_val_problem_imports_and_compiles(corpus: list[tuple[int, Imported]]) -> None:
    """The importer compiles each program (solve=False) and leaves out, with a warning, what does not compile."""
    assert len(corpus) == 2401
    broken = [(imp.problem.id, [d.message for d in imp.diagnostics if d.code == "E085"])
              for _, imp in corpus if not imp.compiles]
    assert not broken, broken[:5]
    dropped = sum(d.code == "E085" for _, imp in corpus for d in imp.diagnostics)
    assert dropped < 30  # a handful of forms the checker rejects (e.g. a length of 0), not a systematic loss


def test_a_statement_that_does_not_compile_is_left_out_with_a_warning() -> None:
    imp = import_problem(rec("Equals(LengthOf(Line(A, B)), 0)", "Equals(x, 2)"))
    assert imp.compiles and "length(A, B) = 0" not in body(imp)
    assert [d.code for d in imp.diagnostics] == ["E085"]
    assert compile_program(imp.source, solve=False).ok


def test_most_problems_import_with_a_question(corpus: list[tuple[int, Imported]]) -> None:
    asked = sum("\nask " in imp.source for _, imp in corpus)
    assert asked / len(corpus) > 0.93  # the rest: unresolved $ shapes, asks about unannotated variables


def test_the_question_value_wins_over_a_conflicting_diagram_value() -> None:
    imp = import_problem(rec("Equals(LengthOf(Line(A, C)), 15)", "Equals(x, 1)",
                             text_logic_forms_dissolved=["Equals(LengthOf(Line(A,C)),17)", "Find(x)"]))
    assert "length(A, C) = 17" in body(imp) and "length(A, C) = 15" not in body(imp)
    assert codes(imp) == ["E088"]
    assert imp.diagnostics[0].message == messages.g3k_conflicting_values("9", "length(A, C)", "15", "17", kept="17")
    angle = import_problem(rec("Equals(MeasureOf(Angle(A, B, C)), 40)", "Equals(x, 1)",
                               text_logic_forms_dissolved=["Equals(MeasureOf(Angle(C,B,A)),50)", "Find(x)"]))
    assert "angle(C, B, A) = 50" in body(angle) and "angle(A, B, C) = 40" not in body(angle)


def test_two_conflicting_diagram_values_are_both_kept_and_reported() -> None:
    imp = import_problem(rec("Equals(LengthOf(Line(A, C)), 15)", "Equals(LengthOf(Line(C, A)), 17)", "Equals(x, 1)"))
    assert {"length(A, C) = 15", "length(C, A) = 17"} <= set(body(imp)) and codes(imp) == ["E088"]


def test_sector_centre_comes_from_the_circles_not_from_points_on_them() -> None:
    points = {"J": [11, 150], "K": [107, 104], "L": [161, 17]}
    imp = import_problem(rec("PointLiesOnCircle(L, Circle(K, radius_3_0))",
                             "PointLiesOnCircle(J, Circle(K, radius_3_0))",
                             "Equals(MeasureOf(Angle(J, K, L)), 148)", points=points,
                             find="Find(AreaOf(Shaded(Sector(K,J,L))))"))
    assert body(imp)[-1] == "ask area(sector(K, L, J))"


def test_without_a_drawn_circle_the_sector_centre_is_the_point_as_far_from_both_ends() -> None:
    points = {"B": [101, 93], "C": [18, 117], "E": [19, 67]}
    imp = import_problem(rec("Equals(LengthOf(Line(E, B)), 3)", "Equals(MeasureOf(Angle(E, B, C)), 32)",
                             points=points, find="Find(AreaOf(Sector(B,E,C)))"))
    assert body(imp)[-1] == "ask area(sector(B, E, C))"
    assert {"on(E, circle(B))", "on(C, circle(B))"} <= set(body(imp))  # its ends lie on its circle


def test_altitude_height_and_base_follow_the_drawn_perpendicular() -> None:
    points = {"A": [207, 284], "C": [71, 6], "E": [1, 282], "B": [70, 283]}
    drawn = ("PointLiesOnLine(B, Line(A, E))", "Perpendicular(Line(C, B), Line(B, E))")
    imp = import_problem(rec(*drawn, points=points,
                             text_logic_forms_dissolved=["Equals(HeightOf(Triangle(A,C,E)),Add(BaseOf(Triangle(A,C,E)),5))",
                                                         "Find(LengthOf(AltitudeOf(Triangle(A,C,E))))"]))
    assert "length(C, B) = length(E, A) + 5" in body(imp)
    assert body(imp)[-1] == "ask length(C, B)"


def test_the_figure_is_the_outline_of_the_drawn_segments() -> None:
    points = {**SQUARE, "E": [50.0, 0.0]}  # E splits AB; the diagonal AC divides the inside
    lines = ["AE", "EB", "BC", "CD", "DA", "AC"]
    imp = import_problem(rec("Equals(LengthOf(Line(A, B)), 4)", points=points, line_instances=lines,
                             find="Find(AreaOf(Shape($)))"))
    assert body(imp)[-1] == "ask area(polygon(A, D, C, B))"
    shaded = import_problem(rec("Equals(LengthOf(Line(A, B)), 4)", points=points, line_instances=lines,
                                find="Find(AreaOf(Shaded(Shape($))))"))
    assert "E082" in codes(shaded) and not body(shaded)[-1].startswith("ask")
    with_circle = import_problem(rec("Equals(LengthOf(Line(A, B)), 4)", points=points, line_instances=lines,
                                     circle_instances=["A"], find="Find(AreaOf(Shape($)))"))
    assert "E082" in codes(with_circle)


def test_a_crossed_vertex_order_is_put_right_except_in_a_correspondence() -> None:
    points = {"A": [0, 0], "B": [246, 1], "C": [2, 84], "D": [247, 85], "E": [0, 200], "F": [100, 200],
              "G": [0, 300], "H": [100, 300]}
    imp = import_problem(rec("Equals(x, 1)", points=points, find="Find(PerimeterOf(Rectangle(A,B,C,D)))"))
    assert body(imp)[-1] == "ask perimeter(rectangle(A, B, D, C))"
    similar = import_problem(rec("Similar(Rectangle(A,B,C,D),Rectangle(E,F,G,H))", points=points))
    assert "similar(rectangle(A, B, C, D), rectangle(E, F, G, H))" in body(similar)


def test_concentric_circles_stay_apart() -> None:
    points = {"A": [0, 0], "B": [50, 50], "C": [50, 80]}
    imp = import_problem(rec("PointLiesOnCircle(A, Circle(B, radius_1_0))",
                             "PointLiesOnCircle(C, Circle(B, radius_1_1))", "Equals(x, 1)", points=points))
    assert {"on(A, circle(B, r1))", "on(C, circle(B, r2))"} <= set(body(imp))
    compiles(imp)


def test_a_hypotenuse_drawn_from_a_vertex_to_the_opposite_side_is_the_altitude_to_the_hypotenuse() -> None:
    points = {"A": [0, 100], "B": [200, 100], "C": [50, 0], "D": [50, 100]}
    imp = import_problem(rec("PointLiesOnLine(D, Line(B, A))", points=points, text_logic_forms_dissolved=[
        "IsHypotenuseOf(Line(C,D), Triangle(A,C,B))", "Find(LengthOf(AltitudeOf(Triangle(A,C,B))))"]))
    assert {"right_angle(angle(A, C, B))", "altitude(segment(C, D), triangle(C, A, B))"} <= set(body(imp))
    assert body(imp)[-1] == "ask length(C, D)"
    compiles(imp)


def test_a_shape_named_by_its_label() -> None:
    imp = import_problem(rec("Equals(PerimeterOf(Square(1)),150)", "Equals(Square(1),Square(A,B,C,D))",
                             find="Find(AreaOf(Square(1)))"))
    assert body(imp) == ["square(A, B, C, D)", "perimeter(square(A, B, C, D)) = 150", "ask area(square(A, B, C, D))"]


def test_the_points_of_an_arc_lie_on_the_one_circle_unless_the_picture_says_otherwise() -> None:
    points = {"O": [100, 100], "A": [200, 100], "B": [100, 0], "X": [130, 100]}
    imp = import_problem(rec("PointLiesOnCircle(A, Circle(O, radius_0_0))", points=points,
                             find="Find(MeasureOf(Arc(A, B)))"))
    assert "on(B, circle(O))" in body(imp)
    inside = import_problem(rec("PointLiesOnCircle(A, Circle(O, radius_0_0))", points=points,
                                find="Find(MeasureOf(Arc(A, X)))"))
    assert "on(X, circle(O))" not in body(inside)


def test_an_ambiguous_vertex_angle_is_the_one_three_point_angle_the_forms_mention_there() -> None:
    points = {"A": [0, 100], "B": [100, 0], "C": [200, 100], "J": [100, 80]}  # three rays leave C
    forms = ("Equals(MeasureOf(Angle(B, C, A)), 5y-3)",)
    find = "Find(MeasureOf(Angle(C)))"
    imp = import_problem(rec(*forms, points=points, line_instances=["CA", "CB", "CJ"], find=find))
    assert body(imp)[-1] == "ask angle(A, C, B)"
    two_rays = import_problem(rec(*forms, points=points, line_instances=["CA", "CB"], find=find))
    assert body(two_rays)[-1] == "ask angle(C)"


def test_shaded_between_a_circle_and_a_polygon_drawn_one_inside_the_other() -> None:
    circle = {"O": [50.0, 50.0], "E": [50.0, 0.0], "F": [100.0, 50.0]}
    inscribed = rec("PointLiesOnCircle(A, Circle(O))", "PointLiesOnCircle(C, Circle(O))",
                    "Equals(LengthOf(Line(A, B)), 4)", "Square(A, B, C, D)",
                    points={**SQUARE, "O": [50.0, 50.0]}, find="Find(AreaOf(Shaded(Shape($))))")
    assert body(import_problem(inscribed))[-1] == "ask area(circle(O) - square(A, B, C, D))"
    # the circle inside the (drawn, unnamed) square touches its sides at E and F
    lines = ["AB", "BC", "CD", "DA", "OF"]
    inside = rec("PointLiesOnCircle(E, Circle(O))", "PointLiesOnCircle(F, Circle(O))",
                 "Equals(LengthOf(Line(O, F)), 2)", points={**SQUARE, **circle}, line_instances=lines,
                 find="Find(AreaOf(Shaded(Shape($))))")
    ask = body(import_problem(inside))[-1]
    assert ask.startswith("ask area(polygon(") and ask.endswith(") - circle(O))")
    assert sorted(ask[len("ask area(polygon("):-len(") - circle(O))")].split(", ")) == ["A", "B", "C", "D"]
    apart = rec("PointLiesOnCircle(E, Circle(O))", "Equals(LengthOf(Line(A, B)), 4)",
                points={**SQUARE, "O": [300.0, 50.0], "E": [300.0, 0.0]}, line_instances=lines,
                find="Find(AreaOf(Shaded(Shape($))))")
    assert "E082" in codes(import_problem(apart))


def test_a_corner_or_circle_the_question_names_otherwise_is_the_diagrams_point() -> None:
    points = {"Q": [0, 100], "R": [100, 100], "C": [80, 0], "T": [20, 0], "S": [-1, -1]}
    lines = ["QR", "RC", "CT", "TQ"]
    imp = import_problem(rec("Equals(LengthOf(Line(T, C)), 4)", points=points, line_instances=lines,
                             find="Find(PerimeterOf(Trapezoid(Q,R,S,T)))"))
    assert body(imp)[-1] == "ask perimeter(trapezoid(Q, R, C, T))"
    assert "S" not in imp.source.split("figure")[1].split("\n\n")[0]  # the unused name is not declared
    kept = import_problem(rec("Equals(LengthOf(Line(S, C)), 4)", points=points, line_instances=lines,
                              find="Find(PerimeterOf(Trapezoid(Q,R,S,T)))"))  # the diagram knows S
    assert body(kept)[-1] == "ask perimeter(trapezoid(Q, R, S, T))"
    circle = import_problem(rec("PointLiesOnCircle(Q, Circle(C))", points=points, circle_instances=["C"],
                                find="Find(RadiusOf(Circle(O)))"))
    assert body(circle)[-1] == "ask radius(circle(C))"


def test_two_corners_the_diagram_names_otherwise_are_found_when_only_one_way_fits() -> None:
    points = {"X": [0, 100], "Y": [100, 100], "A": [80, 0], "B": [20, 0], "Z": [-1, -1], "W": [-1, -1]}
    imp = import_problem(rec("Equals(MeasureOf(Angle(X, Y, A)), 70)", points=points,
                             line_instances=["XY", "YA", "AB", "BX"], find="Find(MeasureOf(Angle(Z)))"))
    assert "ask angle(Z)" in body(imp)  # no polygon names Z: nothing to go by
    text = {"text_logic_forms_dissolved": ["Isosceles(Trapezoid(X,Y,Z,W))", "Find(MeasureOf(Angle(Z)))"]}
    imp = import_problem({**rec("Equals(MeasureOf(Angle(X, Y, A)), 70)", points=points,
                                line_instances=["XY", "YA", "AB", "BX"]), **text})
    assert "isosceles(trapezoid(X, Y, A, B))" in body(imp) and body(imp)[-1] == "ask angle(A)"
    crossed = import_problem({**rec("Equals(MeasureOf(Angle(X, Y, A)), 70)", points=points,
                                    line_instances=["XY", "YA", "AB", "BX", "XA", "YB"]), **text})
    assert body(crossed)[-1] == "ask angle(Z)"  # X, Y, B, A fits as well: left as written


def test_the_figure_with_a_half_circle_on_a_side() -> None:
    points = {"A": [0, 0], "C": [0, 100], "D": [200, 100], "E": [200, 0], "B": [200, 50]}
    imp = import_problem(rec("PointLiesOnCircle(D, Circle(B))", "PointLiesOnCircle(E, Circle(B))",
                             "PointLiesOnLine(B, Line(E, D))", "Equals(LengthOf(Line(A, C)), 14)",
                             points=points, line_instances=["AC", "CD", "AE"], circle_instances=["B"],
                             find="Find(AreaOf(Shape($)))"))
    ask = body(imp)[-1]
    assert ask.startswith("ask area(polygon(") and ask.endswith(" + sector(B, D, E))")  # outside the rectangle
    assert sorted(ask[len("ask area(polygon("):ask.index(")")].split(", ")) == ["A", "C", "D", "E"]


def test_a_half_circle_that_could_not_stand_outside_the_picture_is_cut_out() -> None:
    points = {"A": [0, 100], "C": [200, 100], "D": [200, 0], "E": [0, 0], "F": [120, 0], "O": [60, 0]}
    imp = import_problem(rec("PointLiesOnCircle(E, Circle(O))", "PointLiesOnCircle(F, Circle(O))",
                             "PointLiesOnLine(O, Line(E, F))", "Equals(LengthOf(Line(A, C)), 14)",
                             points=points, line_instances=["AC", "CD", "DF", "AE", "EO", "OF"],
                             circle_instances=["O"], find="Find(AreaOf(Shape($)))"))
    assert body(imp)[-1].endswith(" - sector(O, E, F))")  # the top edge is the frame's: a notch


def test_a_piece_cut_into_one_side_is_not_part_of_the_figure() -> None:
    points = {**SQUARE, "E": [30.0, 0.0], "F": [70.0, 0.0], "G": [50.0, 30.0]}
    lines = ["AE", "EF", "FB", "AB", "BC", "CD", "DA", "EG", "GF"]
    imp = import_problem(rec("Equals(LengthOf(Line(A, B)), 4)", points=points, line_instances=lines,
                             find="Find(AreaOf(Shape($)))"))
    ask = body(imp)[-1]
    assert ask.startswith("ask area(polygon(") and " - triangle(" in ask
    assert sorted(ask[ask.index(" - triangle(") + 12:-2].split(", ")) == ["E", "F", "G"]
    split = import_problem(rec("Equals(LengthOf(Line(A, B)), 4)", points=points, find="Find(AreaOf(Shape($)))",
                               line_instances=["AB", "BC", "CD", "DA", "AC"]))  # a diagonal splits, cuts nothing
    assert " - " not in body(split)[-1]


def test_the_question_expression_for_an_angle_wins_over_the_diagrams() -> None:
    points = {"F": [0, 0], "H": [100, 0], "G": [50, 50], "J": [50, 0]}
    imp = import_problem(rec("Equals(MeasureOf(Angle(H, F, G)), 4x+2)", "PointLiesOnLine(J, Line(H, F))",
                             points=points, line_instances=["FJ", "JH", "FH", "FG", "GH"],
                             text_logic_forms_dissolved=["Equals(MeasureOf(Angle(F)),7x+2)", "Find(x)"]))
    assert "angle(F) = 7x + 2" in body(imp) and "angle(H, F, G) = 4x + 2" not in body(imp)
    assert codes(imp) == ["E088"]
    both = import_problem(rec("Equals(MeasureOf(Angle(H, F, G)), 4x+2)", points=points,
                              line_instances=["FH", "FG", "GH"],
                              text_logic_forms_dissolved=["Equals(MeasureOf(Angle(F)),30)", "Find(x)"]))
    assert "angle(H, F, G) = 4x + 2" in body(both)  # a value and an expression do not conflict


def test_the_segment_the_question_asks_for_wins_over_the_find_form() -> None:
    imp = import_problem({**rec("Equals(LengthOf(Line(A, B)), 4)", find="Find(LengthOf(Line(A,C)))"),
                          "problem_text": "Find A D."})
    assert body(imp)[-1] == "ask length(A, D)"
    same = import_problem({**rec("Equals(LengthOf(Line(A, B)), 4)", find="Find(LengthOf(Line(C,A)))"),
                           "problem_text": "Find A C."})
    assert body(same)[-1] == "ask length(C, A)"


def test_a_circle_touching_every_side_of_the_drawn_square_is_inscribed_in_it() -> None:
    points = {**SQUARE, "O": [50.0, 50.0], "E": [-1, -1], "F": [-1, -1]}
    imp = import_problem(rec("PointLiesOnCircle(E, Circle(O))", "PointLiesOnCircle(F, Circle(O))",
                             "PointLiesOnLine(E, Line(A, B))", "PointLiesOnLine(F, Line(B, C))",
                             "Equals(LengthOf(Line(A, B)), 18)", points=points,
                             line_instances=["AB", "BC", "CD", "DA"], circle_instances=["O"],
                             find="Find(AreaOf(Shaded(Shape($))))"))
    assert body(imp)[-1].endswith(") - circle(O))")
    assert {"tangent(segment(A, B), circle(O))", "tangent(segment(B, C), circle(O))"} <= set(body(imp))


def test_a_circle_inside_a_rectangle_touching_two_sides_is_cut_out_of_it() -> None:
    points = {"A": [0, 0], "B": [240, 0], "C": [240, 96], "D": [0, 96], "O": [120, 48], "E": [120, 0],
              "F": [120, 96]}
    imp = import_problem(rec("PointLiesOnCircle(E, Circle(O))", "PointLiesOnCircle(F, Circle(O))",
                             "PointLiesOnLine(E, Line(A, B))", "PointLiesOnLine(F, Line(D, C))",
                             "Equals(LengthOf(Line(A, B)), 15)", points=points,
                             line_instances=["AE", "EB", "BC", "CF", "FD", "DA"], circle_instances=["O"],
                             find="Find(AreaOf(Shaded(Shape($))))"))
    assert body(imp)[-1].endswith(") - circle(O))")
    assert {"tangent(segment(A, B), circle(O))", "tangent(segment(C, D), circle(O))"} <= set(body(imp))


def test_the_asked_segment_follows_a_renamed_corner() -> None:
    points = {"Q": [0, 100], "R": [100, 100], "C": [80, 0], "T": [20, 0], "S": [-1, -1]}
    lines = ["QR", "RC", "CT", "TQ"]
    imp = import_problem({**rec("Equals(LengthOf(Line(T, C)), 4)", points=points, line_instances=lines,
                                text_logic_forms_dissolved=["Trapezoid(Q,R,S,T)", "Find(LengthOf(Line(Q,S)))"]),
                          "problem_text": "Find Q S."})
    assert body(imp)[-1] == "ask length(Q, C)"


def test_the_figure_with_a_circle_drawn_inside_is_the_outline() -> None:
    points = {**SQUARE, "O": [50.0, 50.0], "E": [50.0, 0.0]}
    imp = import_problem(rec("PointLiesOnCircle(E, Circle(O))", "Equals(LengthOf(Line(A, B)), 4)", points=points,
                             line_instances=["AE", "EB", "BC", "CD", "DA"], circle_instances=["O"],
                             find="Find(AreaOf(Shape($)))"))
    ask = body(imp)[-1]
    assert ask.startswith("ask area(polygon(") and "circle" not in ask


def test_point_without_position_joined_to_two_crossing_segments_lies_on_both() -> None:
    # E drawn with no position, joined to A, B, C, D: the diagonals AC and BD cross, so E is on both
    points = {**SQUARE, "E": [-1, -1]}
    imp = import_problem(rec("Equals(LengthOf(Line(A, E)), x)", "Equals(LengthOf(Line(A, C)), 8)",
                             points=points, line_instances=["AE", "BE", "CE", "DE", "AB"]))
    lines = body(imp)
    assert "on(E, segment(A, C))" in lines and "on(E, segment(B, D))" in lines
    compiles(imp)


def test_point_without_position_on_a_named_line_gets_no_crossing() -> None:
    points = {**SQUARE, "E": [-1, -1]}
    imp = import_problem(rec("PointLiesOnLine(E, Line(A, B))", "Equals(LengthOf(Line(A, E)), x)",
                             points=points, line_instances=["AE", "BE", "CE", "DE"]))
    assert not any(ln.startswith("on(E, segment(B, D))") or ln.startswith("on(E, segment(A, C))")
                   for ln in body(imp))


def test_a_major_sector_is_swept_over_the_major_arc() -> None:
    points = {"J": [11, 150], "K": [107, 104], "L": [161, 17]}
    forms = ("PointLiesOnCircle(L, Circle(K, radius_3_0))", "PointLiesOnCircle(J, Circle(K, radius_3_0))",
             "Equals(MeasureOf(Angle(J, K, L)), 148)")
    minor = import_problem(rec(*forms, points=points, find="Find(AreaOf(Shaded(Sector(K,J,L))))"))
    major = import_problem(rec(*forms, points=points, find="Find(AreaOf(Shaded(Major(Sector(K,J,L)))))"))
    assert body(minor)[-1] == "ask area(sector(K, L, J))"
    assert body(major)[-1] == "ask area(sector(K, J, L))"
