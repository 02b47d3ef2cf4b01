"""Length units written after numbers in a figure (``12 ft``, ``48 ft^2``): found before checking, so
that a unit is never read as a free variable.

A unit word counts as a unit where it follows a number (``12 ft``, ``2.5 cm``, ``48 ft^2``) and only
if the program never uses it otherwise: ``m`` stays a variable in ``length(A, D) = m + 5``. The
figure's unit is the first one written; other units convert to it exactly (``1 ft`` is ``12 in``).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from fractions import Fraction

from recode_dsl import astnodes as a
from recode_dsl import registry


@dataclass(frozen=True, slots=True)
class Units:
    """The unit words a figure uses as units, and the figure's unit (the first written)."""

    words: frozenset[str]
    base: str | None

    def factor(self, word: str) -> Fraction | None:
        """How many base units one ``word`` is; None when it cannot convert ("units" against "ft")."""
        unit, metres = registry.LENGTH_UNITS[word]
        if self.base is None or unit == self.base:
            return Fraction(1)
        base_metres = registry.LENGTH_UNITS[self.base][1]
        if metres is None or base_metres is None:
            return None
        return metres / base_metres


NO_UNITS = Units(frozenset(), None)
DEGREE_WORDS = ("degree", "degrees")  # `30 degrees` as `30°`


def unit_literal(e: a.BinOp) -> tuple[a.Num, str, int] | None:
    """``(number, unit word, power)`` when ``e`` is a number followed by a unit word (``12 ft``,
    ``48 ft^2``); the word may still be a variable (see ``find_units``)."""
    if not e.implicit or not isinstance(e.left, a.Num) or e.left.deg:
        return None
    right, power = e.right, 1
    if isinstance(right, a.BinOp) and right.op == "^" and isinstance(right.right, a.Num):
        value = right.right.value
        if not (isinstance(value, int) and value in (2, 3)):
            return None
        right, power = right.left, value
    if isinstance(right, a.Name) and (right.id in registry.LENGTH_UNITS or (power == 1 and right.id in DEGREE_WORDS)):
        return e.left, right.id, power
    return None


def find_units(program: a.Program) -> Units:
    """The unit words written after numbers and nowhere else, and the first unit written."""
    as_unit: list[tuple[int, int, str]] = []
    elsewhere: set[str] = set()
    for expr in _exprs(program):
        _walk(expr, as_unit, elsewhere)
    words = [w for _, _, w in sorted(as_unit) if w not in elsewhere]
    lengths = [w for w in words if w in registry.LENGTH_UNITS]
    base = registry.LENGTH_UNITS[lengths[0]][0] if lengths else None
    return Units(frozenset(words), base)


def _exprs(program: a.Program) -> Iterator[a.Expr]:
    for stmt in program.body:
        if isinstance(stmt, a.PointDecl):
            yield from (item.at for item in stmt.items if item.at is not None)
        elif isinstance(stmt, a.Let):
            yield stmt.value
        elif isinstance(stmt, a.Ask):
            yield stmt.expr
        elif isinstance(stmt, a.ExprStmt):
            yield stmt.expr
            if stmt.rhs is not None:
                yield stmt.rhs


def _walk(e: a.Expr, as_unit: list[tuple[int, int, str]], elsewhere: set[str]) -> None:
    stack: list[a.Expr] = [e]
    while stack:
        node = stack.pop()
        if isinstance(node, a.BinOp):
            lit = unit_literal(node)
            if lit is not None:
                as_unit.append((node.span.line, node.span.col, lit[1]))
                continue
            stack += [node.left, node.right]
        elif isinstance(node, a.Name):
            if node.id in registry.LENGTH_UNITS or node.id in DEGREE_WORDS:
                elsewhere.add(node.id)
        elif isinstance(node, a.Call):
            stack += [*node.args, *(k.value for k in node.kwargs)]
        elif isinstance(node, a.Compare):
            stack += [node.left, node.right]
        elif isinstance(node, a.Neg):
            stack.append(node.operand)
        elif isinstance(node, a.Paren):
            stack.append(node.inner)
        elif isinstance(node, a.ListExpr):
            stack += list(node.items)
        elif isinstance(node, a.Pair):
            stack += [node.x, node.y]
