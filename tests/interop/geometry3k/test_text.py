"""The importer's terms and statements are AST nodes that fmt prints: the builders, the keys that
tell two statements saying the same thing, and imported programs being fmt's own text."""

from __future__ import annotations

from pathlib import Path

import pytest

from recode_dsl import astnodes as a
from recode_dsl.fmt import format_expr, format_program
from recode_dsl.interop.geometry3k import import_problem, read_problems
from recode_dsl.interop.geometry3k.text import (
    EQUATION,
    RELATION,
    Stmt,
    add,
    call,
    call_points,
    jux,
    key,
    literal,
    mul,
    named,
    neg,
    num,
    power,
    rebuild,
    statement,
    variables,
)
from recode_dsl.syntax import parse

DATA = Path(__file__).resolve().parents[4] / "shared" / "data" / "geometry3k"


def expr(text: str) -> a.Expr:
    stmt = parse(f"figure\nx = {text}\n").body[0]
    assert isinstance(stmt, a.ExprStmt) and stmt.rhs is not None
    return stmt.rhs


def same(built: a.Expr, text: str) -> bool:
    """The built node is what the parser reads from ``text`` (spans aside)."""
    return a.strip_spans(built) == a.strip_spans(expr(text))


X, Y, TWO, THREE = num(named("x")), num(named("y")), literal("2"), literal("3")


def test_arithmetic_builds_the_tree_the_parser_reads_from_its_text() -> None:
    assert same(jux(TWO, X).node, "2x") and format_expr(jux(TWO, X).node) == "2x"
    assert same(jux(literal("42"), num(named("pi"))).node, "42 pi")
    assert format_expr(jux(literal("7"), num(call("sqrt", 3))).node) == "7 sqrt(3)"
    assert format_expr(jux(TWO, add(Y, literal("10"), "-")).node) == "2(y - 10)"
    assert format_expr(neg(jux(literal("5"), num(named("a")))).node) == "-5a"
    assert format_expr(power(X, TWO).node) == "x^2"
    assert format_expr(jux(TWO, THREE).node) == "2 * 3"  # a number before a number is a product
    assert format_expr(literal("4.50").node) == "4.5"


def test_a_sum_or_product_added_on_is_flattened_as_its_text_reads() -> None:
    total = add(X, add(Y, TWO))
    assert format_expr(total.node) == "x + y + 2" and same(total.node, "x + y + 2")
    assert same(add(X, add(Y, TWO, "-")).node, "x + y - 2")
    assert format_expr(add(X, add(Y, TWO), "-").node) == "x - (y + 2)"  # a difference keeps its brackets
    assert same(mul(X, mul(Y, TWO, "/")).node, "x * y / 2")
    assert format_expr(mul(X, mul(Y, TWO), "/").node) == "x / (y * 2)"
    assert format_expr(add(literal("66"), neg(Y), "-").node) == "66 - (-y)"


def test_keys_tell_statements_that_say_the_same_thing() -> None:
    def eq(lhs: a.Expr, rhs: a.Expr) -> Stmt:
        return Stmt(EQUATION, statement(lhs, rhs))

    assert key(eq(call("length", "B", "A"), named("x"))) == key(eq(named("x"), call("length", "A", "B")))
    assert key(call("angle", "C", "B", "A")) == key(call("angle", "A", "B", "C")) != key(call("angle", "B", "A", "C"))
    one = Stmt(RELATION, statement(call("parallel", call("segment", "C", "D"), call("segment", "B", "A"))))
    two = Stmt(RELATION, statement(call("parallel", call("segment", "A", "B"), call("segment", "D", "C"))))
    assert key(one) == key(two) == "parallel(segment(A, B), segment(C, D))"
    assert key(call("on", "P", call("segment", "B", "A"))) == "on(P, segment(A, B))"
    assert key(call("angle", "C", "B", "A", label=4)) == "angle(C, B, A, label=4)"  # a labelled angle keeps its order


def test_points_variables_and_rebuilding_read_the_nodes() -> None:
    assert call_points(call("segment", "A", "B'"), "segment", 2) == ("A", "B'")
    assert call_points(call("segment", "A", "point_1"), "segment", 2) is None
    assert call_points(call("angle", "A", "B", "C", label=1), "angle", 3) is None
    assert variables(expr("2x + length(A, B) * y^2 - r1 + pi")) == {"x", "y"}
    swapped = rebuild(expr("angle(F) + angle(A, B, C)"),
                      lambda c: call("angle", "G", "F", "H") if call_points(c, "angle", 1) == ("F",) else c)
    assert format_expr(swapped) == "angle(G, F, H) + angle(A, B, C)"


@pytest.mark.parametrize("split", ["val"])
def test_imported_programs_are_fmts_own_text(split: str) -> None:
    """Every val program, parsed and printed again by fmt, is the text the importer wrote: the importer
    prints nothing itself."""
    path = DATA / f"{split}.jsonl"
    if not path.exists():
        pytest.skip(f"needs the Geometry3K data: {path.name} is not at {DATA} (../shared beside the project)")
    records, _ = read_problems(path)
    for line, record in records:
        source = import_problem(record, line, check=False).source
        assert format_program(parse(source)) == source, record["id"]
