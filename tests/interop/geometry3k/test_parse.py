"""Logic forms parsed once into trees, and trees written back (for messages) so that they parse again."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from recode_dsl.interop.geometry3k.parse import Call, Form, Name, Num, Op, Unread, parse_form, read, shown, unparse

DATA = Path(__file__).resolve().parents[4] / "shared" / "data" / "geometry3k"  # ../shared beside the project

TRICKY = ["Equals(LengthOf(Line(M, N)), 3x-4)", "Equals(x, 360-(2x+\\frac{1}{2}))", "Equals(y, -(x-1)^{2})",
          "Equals(MeasureOf(Angle(F, H, G)), MeasureOf(angle 1))", "Equals(AreaOf(Circle(O)), 4\\pi)",
          "Equals(z, \\sqrt{3}/2*x)", "Equals(w, (a+b)(c-d))", "Equals(v, 2(x+1))", "Equals(u, x/(y*z))",
          "Find(SumOf(MeasureOf(Angle($1)), 5))"]


@pytest.mark.parametrize("text", TRICKY)
def test_a_tree_written_back_parses_to_the_same_tree(text: str) -> None:
    term = parse_form(text).terms[0]
    assert parse_form(unparse(term)).terms[0] == term


def test_brackets_are_written_only_where_the_tree_needs_them() -> None:
    sub = Op("sub", (Num("360"), Op("add", (Name("x"), Num("1")))))
    assert unparse(sub) == "360-(x+1)"
    assert unparse(Op("add", (Op("sub", (Num("360"), Name("x"))), Num("1")))) == "360-x+1"
    assert unparse(Op("add", (Num("360"), Op("sub", (Name("x"), Num("1")))))) == "360+(x-1)"  # grouped on the right
    assert unparse(Op("jux", (Num("2"), Op("add", (Name("x"), Num("1")))))) == "2(x+1)"
    assert unparse(Op("neg", (Op("pow", (Name("x"), Num("2"))),))) == "-x^{2}"


def test_read_keeps_how_a_form_was_written_and_trees_compare_without_it() -> None:
    tight, spaced = read("Line(A,B)"), read("Line(A, B)")
    assert tight == spaced and hash(tight) == hash(spaced)
    assert shown(tight) == "Line(A,B)"  # messages quote the record
    built = Form((Call("Equals", (Name("x"), Op("sub", (Num("360"), Name("y"))))),))
    assert shown(built) == "Equals(x, 360-y)"  # a repair's form, written from its tree


def test_a_form_that_does_not_parse_is_kept_with_why() -> None:
    bad = read("PointLiesOnLine(Y, Line(Z, I)) K))")
    assert isinstance(bad, Unread) and bad.text.endswith("K))") and bad.error.col > 1
    assert shown(bad) == bad.text


def test_every_val_form_written_back_parses_to_its_tree() -> None:
    path = DATA / "val.jsonl"
    if not path.exists():
        pytest.skip(f"needs the Geometry3K data: val.jsonl is not at {DATA} (../shared beside the project)")
    count = 0
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            record = json.loads(line)
            for text in [*record["diagram_logic_forms"], *record.get("text_logic_forms_dissolved", [])]:
                form = read(text)
                if isinstance(form, Form):
                    count += 1
                    assert [parse_form(unparse(t)).terms[0] for t in form.terms] == list(form.terms), text
    assert count > 2500


@pytest.mark.parametrize("deep", ["PointLiesOn" + "-" * 5000 + "x",  # a run of signs (the fuzz run's escape)
                                  "Equals(x, " + "+".join(["1"] * 3000) + ")",  # a long sum is left-deep
                                  "Equals(x, " + "angle " * 3000 + "1)",  # labels inside labels
                                  "Equals(x, " + "x " * 3000 + ")"])  # names juxtaposed
def test_a_form_nested_deeper_than_the_limit_without_brackets_is_unread_not_a_recursion_error(deep: str) -> None:
    item = read(deep)
    assert isinstance(item, Unread)
    assert "nested more than 64 levels deep" in item.error.found
    assert 1 <= item.error.col <= len(deep)


def test_a_form_at_the_depth_limit_still_reads() -> None:
    assert isinstance(read("Equals(x, " + "-" * 60 + "1)"), Form)
