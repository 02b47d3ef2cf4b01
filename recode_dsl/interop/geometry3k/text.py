"""Text of recode-dsl values for the Geometry3K importer: translated terms and arithmetic.

A translated term is a ``Val``: its kind (point, segment, angle, polygon, number ...), its
recode-dsl text, and for numbers a precedence so that the printer adds only the brackets the
language needs (``2x + 10``, ``1/2 * x + 12``, ``(5a + 1) / 4``, ``7 sqrt(3)``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

SUM, PRODUCT, UNARY, POWER, ATOM = 1, 2, 3, 4, 5
SHAPE, RELATION, EQUATION, ASK = 0, 1, 2, 3  # sections of an imported program, in order
VARIABLE = re.compile(r"(?<![A-Za-z_'])[a-z](?![\w'(])")  # a one-letter variable of a statement's text
# PointLiesOnCircle(P, Circle(O, radius_0_0)): point, centre, radius id (optional); "Cirle" is a
# misspelling some forms carry. Both patterns match a whole form's start (``match``) or any
# occurrence (``finditer``).
ON_CIRCLE = re.compile(r"\s*PointLiesOnCircle\(\s*([A-Z]'*)\s*,\s*Cir(?:c)?le\(\s*([A-Z]'*)\s*(?:,\s*([^(),]+?)\s*)?\)")
# PointLiesOnLine(P, Line(A, B)): the point and the line's two ends
ON_LINE = re.compile(r"\s*PointLiesOnLine\(\s*([A-Z]'*)\s*,\s*Line\(\s*([A-Z]'*)\s*,\s*([A-Z]'*)\s*\)")
Circle = tuple[str, str]  # (centre, radius id): Circle(O, radius_0_0) and Circle(O, radius_0_1) differ


class Unsupported(Exception):
    """A form (or part of one) with no translation: ``code`` E081-E083 and the reason."""

    def __init__(self, code: str, why: str) -> None:
        super().__init__(why)
        self.code = code
        self.why = why


@dataclass(frozen=True, slots=True)
class Stmt:
    """One statement of an imported program and its section."""

    section: int
    text: str


@dataclass(frozen=True, slots=True)
class Val:
    """A translated term. ``points`` names the points of a segment, angle, arc or polygon."""

    kind: str
    text: str
    points: tuple[str, ...] = ()
    prec: int = ATOM
    extra: str = ""  # polygon kind, arc flavour, or a pending label

    def at(self, prec: int) -> str:
        """The text, bracketed if it binds looser than ``prec``."""
        return self.text if self.prec >= prec else f"({self.text})"


def make_polygon(kind: str, vertices: tuple[str, ...]) -> Val:
    return Val("polygon", f"{kind}({', '.join(vertices)})", vertices, extra=kind)


def num(text: str, prec: int = ATOM) -> Val:
    return Val("number", text, prec=prec)


def add(a: Val, b: Val, op: str = "+") -> Val:
    right = f"({b.text})" if b.text.startswith("-") else b.at(PRODUCT if op == "-" else SUM)
    return num(f"{a.at(SUM)} {op} {right}", SUM)


def mul(a: Val, b: Val, op: str = "*") -> Val:
    right = f"({b.text})" if b.text.startswith("-") else b.at(POWER if op == "/" else PRODUCT)
    return num(f"{a.at(PRODUCT)} {op} {right}", PRODUCT)


def jux(a: Val, b: Val) -> Val:
    """``2x``, ``7 sqrt(3)``, ``42 pi``, ``2(y - 10)``: a number written before a factor.

    The language reads these like a unary minus does (``-5a`` is ``-(5a)``), hence UNARY.
    """
    if a.prec == ATOM and _is_literal(a.text) and b.prec >= POWER and not _is_literal(b.text.split("^")[0]):
        gap = "" if _is_short_name(b.text.split("^")[0]) or b.text.startswith("(") else " "
        return num(f"{a.text}{gap}{b.text}", UNARY)
    if a.prec == ATOM and _is_literal(a.text) and b.prec < POWER and not b.text.startswith("-"):
        return num(f"{a.text}({b.text})", UNARY)
    return mul(a, b)


def neg(a: Val) -> Val:
    inner = a.at(UNARY)
    return num(f"-({inner})" if inner.startswith("-") else f"-{inner}", UNARY)


def power(a: Val, b: Val) -> Val:
    base = a.at(ATOM) if not _is_short_name(a.text) else a.text
    return num(f"{base}^{b.at(ATOM)}", POWER)


def fraction(a: Val, b: Val) -> Val:
    """``\\frac{a}{b}``: ``1/2`` when both are plain numbers, else ``a / b`` with brackets as needed."""
    if _is_literal(a.text) and _is_literal(b.text):
        return num(f"{a.text}/{b.text}", PRODUCT)
    return mul(a, b, "/")


def call(fn: str, *args: Val) -> Val:
    return num(f"{fn}({', '.join(a.text for a in args)})")


def _is_literal(text: str) -> bool:
    return text.replace(".", "", 1).isdigit()


def _is_short_name(text: str) -> bool:
    return len(text) == 1 and text.isalpha()


def decimal(value: float, places: int = 2) -> str:
    """A short decimal for a coordinate.

    >>> decimal(159.0), decimal(-12.504), decimal(-0.001)
    ('159', '-12.5', '0')
    """
    text = f"{value:.{places}f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "", "-") else text


def equation_variables(stmts: Iterable[Stmt]) -> set[str]:
    """The variables the equations among ``stmts`` mention.

    >>> sorted(equation_variables([Stmt(EQUATION, "angle(A, B, C) = 2x + y"), Stmt(ASK, "ask z")]))
    ['x', 'y']
    """
    return {v for st in stmts if st.section == EQUATION for v in VARIABLE.findall(st.text)}


def points_on_circles(forms: Iterable[str]) -> list[tuple[str, Circle]]:
    """(point, circle) for each ``PointLiesOnCircle`` of the forms, a circle told apart by centre and
    radius id; one named by its centre alone is the circle about that centre the forms name, when
    they name one only.

    >>> points_on_circles(["PointLiesOnCircle(A, Circle(O, radius_0_0))", "PointLiesOnCircle(B, Cirle(O))"])
    [('A', ('O', 'radius_0_0')), ('B', ('O', 'radius_0_0'))]
    """
    found = [(m[1], m[2], m[3] or "") for f in forms for m in ON_CIRCLE.finditer(f)]
    ids: dict[str, set[str]] = {}
    for _, centre, rid in found:
        if rid:
            ids.setdefault(centre, set()).add(rid)
    named = {c: next(iter(r)) for c, r in ids.items() if len(r) == 1}
    return [(p, (c, rid or named.get(c, ""))) for p, c, rid in found]
