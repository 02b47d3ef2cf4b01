"""The abstract syntax tree: what the user wrote, with a span on every node.

Numbers are exact from the start: ``int`` or ``fractions.Fraction`` (a whole number is always an
``int``), never ``float``.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import TypeAlias

from recode_dsl.errors import Span

Exact: TypeAlias = int | Fraction


@dataclass(frozen=True, slots=True)
class Num:
    """A number literal; ``deg`` when written with a degree sign."""

    value: Exact
    deg: bool
    span: Span


@dataclass(frozen=True, slots=True)
class Str:
    value: str
    span: Span


@dataclass(frozen=True, slots=True)
class Name:
    id: str
    span: Span


@dataclass(frozen=True, slots=True)
class KwArg:
    name: str
    value: Expr
    span: Span


@dataclass(frozen=True, slots=True)
class Call:
    func: str
    args: tuple[Expr, ...]
    kwargs: tuple[KwArg, ...]
    span: Span
    func_span: Span


@dataclass(frozen=True, slots=True)
class BinOp:
    """``op`` is one of + - * / ^; ``implicit`` marks juxtaposition such as ``2x``."""

    op: str
    left: Expr
    right: Expr
    span: Span
    implicit: bool = False


@dataclass(frozen=True, slots=True)
class Neg:
    operand: Expr
    span: Span


@dataclass(frozen=True, slots=True)
class Compare:
    op: str
    left: Expr
    right: Expr
    span: Span


@dataclass(frozen=True, slots=True)
class ListExpr:
    items: tuple[Expr, ...]
    span: Span


@dataclass(frozen=True, slots=True)
class Pair:
    x: Expr
    y: Expr
    span: Span


@dataclass(frozen=True, slots=True)
class Paren:
    """Parentheses the user wrote; kept so the formatter can reproduce them."""

    inner: Expr
    span: Span


Expr = Num | Str | Name | Call | BinOp | Neg | Compare | ListExpr | Pair | Paren


@dataclass(frozen=True, slots=True)
class Header:
    """``figure "title"`` or ``chart KIND "title"``."""

    kind: str
    chart_kind: str | None
    title: str | None
    span: Span
    kind_span: Span


@dataclass(frozen=True, slots=True)
class PointItem:
    name: str
    at: Expr | None
    span: Span
    sketch: bool = False  # ``point A ~ (x, y)``: the position is a sketch, not a fact


@dataclass(frozen=True, slots=True)
class PointDecl:
    items: tuple[PointItem, ...]
    span: Span


@dataclass(frozen=True, slots=True)
class Let:
    name: str
    value: Expr
    span: Span
    name_span: Span


@dataclass(frozen=True, slots=True)
class Ask:
    expr: Expr
    span: Span


@dataclass(frozen=True, slots=True)
class ExprStmt:
    """A statement call such as ``triangle(A, B, C)``, or an equation when ``rhs`` is set."""

    expr: Expr
    rhs: Expr | None
    span: Span


Stmt = PointDecl | Let | Ask | ExprStmt


@dataclass(frozen=True, slots=True)
class Program:
    header: Header
    body: tuple[Stmt, ...]
    comments: tuple[tuple[int, str], ...]
    span: Span


def strip_spans(node: object) -> object:
    """A span-free, comparable view of an AST, for round-trip tests.

    >>> strip_spans(Num(1, False, Span(1, 1, 1, 2)))
    ('Num', 1, False)
    """
    if isinstance(node, tuple):
        return tuple(strip_spans(n) for n in node)
    fields = getattr(node, "__dataclass_fields__", None)
    if fields is None:
        return node
    if isinstance(node, Paren):
        return strip_spans(node.inner)
    skip = {"span", "func_span", "kind_span", "name_span", "comments"}
    return (type(node).__name__, *(strip_spans(getattr(node, f)) for f in fields if f not in skip))
