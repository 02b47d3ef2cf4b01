"""Geometry3K importer: "Find x." where no form mentions x asks the common value of the drawn,
unlabelled quantities of the goal's kind."""

from __future__ import annotations

from typing import Any

from recode_dsl import compile  # noqa: A004
from recode_dsl.interop.geometry3k import import_problem
from recode_dsl.interop.geometry3k.labels import lost_label
from recode_dsl.interop.geometry3k.text import ASK, EQUATION, RELATION, Stmt
from recode_dsl.syntax import parse


def _st(section: int, text: str) -> Stmt:
    """A statement of the given section, written as recode-dsl text (parsed: the importer builds nodes)."""
    return Stmt(section, parse("figure\n" + text).body[0])


TRIANGLE = [("A", "B"), ("B", "C"), ("C", "A")]
POS = {"A": (0.0, 100.0), "B": (200.0, 100.0), "C": (100.0, 0.0)}  # y down, right angle at C


def _ask(stmts: list[Stmt]) -> str:
    return next(st.text for st in stmts if st.section == ASK)


def test_lengths_with_no_label_are_the_candidates() -> None:
    stmts = [_st(EQUATION, "length(A, B) = 6"), _st(ASK, "ask x")]
    new, hints = lost_label(stmts, ["Length"], TRIANGLE, POS)
    assert _ask(new) == "ask common(length(B, C), length(A, C))"
    assert len(hints) == 1 and "x" in hints[0]


def test_a_side_labelled_by_another_variable_is_no_candidate() -> None:
    stmts = [_st(EQUATION, "length(A, B) = 6"), _st(EQUATION, "length(B, C) = y"), _st(ASK, "ask x")]
    assert _ask(lost_label(stmts, ["Length"], TRIANGLE, POS)[0]) == "ask length(A, C)"


def test_sub_segments_of_a_drawn_line_are_candidates_too() -> None:
    pos = {**POS, "D": (100.0, 100.0)}
    stmts = [_st(RELATION, "on(D, segment(A, B))"), _st(EQUATION, "length(A, B) = 6"), _st(ASK, "ask x")]
    asked = _ask(lost_label(stmts, ["Length"], [*TRIANGLE, ("A", "D"), ("D", "B")], pos)[0])
    assert "length(A, D)" in asked and "length(B, D)" in asked and "length(A, B)" not in asked


def test_angles_between_neighbouring_rays_without_a_value() -> None:
    stmts = [_st(EQUATION, "angle(B, A, C) = 45"), _st(RELATION, "perpendicular(segment(C, A), segment(C, B))"),
             _st(ASK, "ask y")]
    assert _ask(lost_label(stmts, ["Angle"], TRIANGLE, POS)[0]) == "ask angle(A, B, C)"


def test_a_central_angle_stands_for_its_arc_and_other_arcs_count() -> None:
    pos = {"O": (0.0, 0.0), "P": (100.0, 0.0), "Q": (0.0, 100.0), "R": (-100.0, 0.0)}
    stmts = [_st(RELATION, f"on({p}, circle(O))") for p in "PQR"] + [_st(EQUATION, "angle(P, O, Q) = 90"),
                                                                      _st(ASK, "ask x")]
    asked = _ask(lost_label(stmts, ["Angle"], [("O", "P"), ("O", "Q")], pos)[0])
    assert asked == "ask common(measure(arc(Q, R)), measure(arc(R, P)))"


def test_nothing_changes_for_expression_labels_other_goals_or_unplaced_points() -> None:
    stmts = [_st(EQUATION, "length(A, B) = 3b + 5"), _st(ASK, "ask x")]
    assert lost_label(stmts, ["Length"], TRIANGLE, POS) == (stmts, [])
    plain = [_st(EQUATION, "length(A, B) = 6"), _st(ASK, "ask x")]
    assert lost_label(plain, ["Area"], TRIANGLE, POS) == (plain, [])
    assert lost_label(plain, ["Length"], TRIANGLE, {"A": (0.0, 0.0), "B": (1.0, 0.0)}) == (plain, [])
    known = [_st(EQUATION, "length(A, B) = x"), _st(ASK, "ask x")]
    assert lost_label(known, ["Length"], TRIANGLE, POS) == (known, [])


def test_import_then_solve_answers_only_when_the_candidates_agree() -> None:
    pts = {"A": [0.0, 100.0], "B": [200.0, 100.0], "C": [100.0, 0.0]}
    record: dict[str, Any] = {"id": 1, "problem_text": "Find x.", "point_positions": pts,
                              "line_instances": ["AB", "BC", "CA"],
              "problem_type_goal": ["Length"], "text_logic_forms_dissolved": ["Find(x)"],
              "diagram_logic_forms": ["Equals(LengthOf(Line(A, B)), 6)", "Perpendicular(Line(C, A), Line(C, B))",
                                      "Equals(MeasureOf(Angle(B, A, C)), 45)"]}
    agree = compile(import_problem(record).source)
    assert [a.text for a in agree.answers] == ["3*sqrt(2)"]
    record["diagram_logic_forms"] = [*record["diagram_logic_forms"][:2], "Equals(MeasureOf(Angle(B, A, C)), 30)"]
    differ = compile(import_problem(record).source)
    assert differ.answers == [] and [d.code for d in differ.diagnostics if d.severity == "error"] == ["E043"]


def test_forms_that_put_a_point_on_a_line_the_drawing_bends_leave_the_question_alone() -> None:
    stmts = [_st(RELATION, "on(C, segment(A, B))"), _st(EQUATION, "length(A, B) = 6"), _st(ASK, "ask x")]
    assert lost_label(stmts, ["Length"], TRIANGLE, POS) == (stmts, [])


def test_arc_lengths_are_length_candidates_when_circles_are_drawn() -> None:
    pos = {"O": (0.0, 0.0), "P": (100.0, 0.0), "Q": (0.0, 100.0)}
    stmts = [_st(RELATION, "on(P, circle(O))"), _st(RELATION, "on(Q, circle(O))"),
             _st(EQUATION, "length(O, P) = 5"), _st(ASK, "ask x")]
    asked = _ask(lost_label(stmts, ["Length"], [("O", "P"), ("O", "Q")], pos)[0])
    assert asked == "ask common(length(O, Q), length(arc(P, Q)), length(major_arc(Q, P)))"
