"""The repairs as one ordered tuple of ``repair(draft) -> draft`` functions of a frozen draft."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest

from recode_dsl.interop.geometry3k import import_problem
from recode_dsl.interop.geometry3k.importer import _positions
from recode_dsl.interop.geometry3k.parse import Form, Unread, read, shown
from recode_dsl.interop.geometry3k.repairs import REPAIRS, Draft, corners, crossings, repaired_forms

SQUARE = {"A": [0.0, 0.0], "B": [100.0, 0.0], "C": [100.0, 100.0], "D": [0.0, 100.0]}


def draft(forms: list[str], points: dict[str, Any], find: str = "Find(x)", **extra: Any) -> Draft:
    record = {"id": 1, "point_positions": points, "diagram_logic_forms": forms,
              "text_logic_forms_dissolved": [find], **extra}
    return Draft.of(record, "Find x.", _positions(points))


def test_a_draft_is_frozen_and_a_repair_returns_a_new_one() -> None:
    d = draft(["Equals(LengthOf(Line(A, B)), x)"], SQUARE, line_instances=["AB", "BC"])
    with pytest.raises(dataclasses.FrozenInstanceError):
        d.text = ()  # type: ignore[misc]
    assert d.segments == (("A", "B"), ("B", "C")) and d.text == (read("Find(x)"),)


def test_a_draft_holds_each_form_parsed_once_and_what_does_not_parse_as_text() -> None:
    d = draft(["Equals(LengthOf(Line(A,B)), x)", "Line(A,", ""], SQUARE)
    parsed, unread = d.diagram
    assert isinstance(parsed, Form) and parsed == read("Equals(LengthOf(Line(A, B)), x)")
    assert shown(parsed) == "Equals(LengthOf(Line(A,B)), x)"  # as written, for messages
    assert isinstance(unread, Unread) and unread.text == "Line(A," and unread.error.col > 1


def test_a_record_with_no_slip_passes_every_repair_unchanged() -> None:
    forms = ["Equals(LengthOf(Line(A, B)), x)", "Equals(LengthOf(Line(B, C)), 100)",
             "Perpendicular(Line(A, B), Line(B, C))"]
    d = draft(forms, SQUARE, line_instances=["AB", "BC", "CD", "DA"])
    for repair in REPAIRS:
        after = repair(d)
        assert (after.text, after.diagram, after.renamed) == (d.text, d.diagram, d.renamed), repair.__name__


def test_the_crossing_of_two_drawn_diagonals_is_found_by_its_repair() -> None:
    points = {**SQUARE, "E": [-1, -1]}  # E drawn with no position, joined to A, B, C, D
    d = draft(["Equals(LengthOf(Line(A, E)), x)"], points, line_instances=["AE", "BE", "CE", "DE", "AB"])
    added = set(crossings(d).diagram) - set(d.diagram)
    assert added == {read("PointLiesOnLine(E, Line(A, C))"), read("PointLiesOnLine(E, Line(B, D))")}
    _, diagram, _ = repaired_forms(d.record, d.question, d.positions)
    assert added <= set(diagram)


def test_every_repair_is_listed_once() -> None:
    names = [r.__name__ for r in REPAIRS]
    assert len(names) == len(set(names)) >= 10


def test_a_slip_is_mended_however_the_form_is_spaced() -> None:
    segs = ["AC", "CS", "SB", "BA", "CE"]  # E is the foot of a height on side S B; E A is not drawn
    points = {"A": [0.0, 0.0], "C": [10.0, 0.0], "S": [12.0, 5.0], "B": [2.0, 5.0], "E": [7.0, 5.0]}
    for asked in ("Find(AreaOf(Parallelogram(A,C,S,E)))", "Find( AreaOf( Parallelogram( A , C,S, E ) ) )"):
        d = draft(["PointLiesOnLine(E, Line(B, S))"], points, find=asked, line_instances=segs)
        assert corners(d).text == (read("Find(AreaOf(Parallelogram(A, C, S, B)))"),), asked


def test_a_form_that_does_not_parse_passes_the_repairs_and_is_reported_as_written() -> None:
    broken = "PointLiesOnLine(A, Line(B, C)) K))"
    record = {"id": 1, "point_positions": SQUARE, "diagram_logic_forms": [broken],
              "text_logic_forms_dissolved": ["Find(LengthOf(Line(A, B)))"]}
    _, diagram, _ = repaired_forms(record, "Find A B.", _positions(SQUARE))
    assert len(diagram) == 1 and isinstance(diagram[0], Unread) and diagram[0].text == broken
    unread = [d for d in import_problem(record).diagnostics if d.code == "E080"]
    assert len(unread) == 1 and broken in unread[0].message
