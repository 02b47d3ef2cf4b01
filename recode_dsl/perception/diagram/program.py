"""A reading as a figure program, built as an AST and printed by the formatter.

Points get the letters printed beside them; the others get names not used elsewhere (``P1``,
``P2``, ... skipping any name in ``reserved``). Coordinates are in the frame ``import
geometry3k`` uses: image pixels with y up, ``(x, -y)``, rounded to whole pixels, and written
as sketches (``point A ~ (x, y)``): read from an image, they are where the solver starts, not
facts.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from fractions import Fraction

from recode_dsl import astnodes as a
from recode_dsl.errors import Span
from recode_dsl.fmt import format_program
from recode_dsl.perception.diagram.facts import Fact
from recode_dsl.perception.diagram.reader import Diagram

_S = Span(1, 1, 1, 1)
_TOKEN = re.compile(r"\s*(?:(\d+(?:\.\d+)?)|([a-z])|([-+*/()])|\\sqrt\{(\d+(?:\.\d+)?)\})")


def assign_names(diagram: Diagram, reserved: Iterable[str] = (), letters: bool = False) -> list[str]:
    """Every point's name: its letter, or a fresh ``P<n>`` (with ``letters``, a capital letter
    no point and no reserved name uses while one is left, then ``P<n>``)."""
    taken = set(reserved) | {p.name for p in diagram.points if p.name}
    free = [c for c in "ABCDEFGHJKLMNPQRSTUVWXYZ" if c not in taken] if letters else []
    out: list[str] = []
    k = 1
    seen: set[str] = set()
    for p in diagram.points:
        if p.name and p.name not in seen:
            out.append(p.name)
            seen.add(p.name)
            continue
        if free:
            out.append(free.pop(0))
            taken.add(out[-1])
            continue
        while f"P{k}" in taken:
            k += 1
        out.append(f"P{k}")
        taken.add(f"P{k}")
        k += 1
    return out


def parse_value(text: str) -> a.Expr | None:
    """A value read from the figure (``3x + 40``, ``12.5``, ``x``, ``9\\sqrt{2}``) as an
    expression, or None when it is not one (numbers exact: decimals become rationals)."""
    toks: list[tuple[str, str]] = []
    pos = 0
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if m is None or m.end() == pos:
            if text[pos:].strip() == "":
                break
            return None
        pos = m.end()
        if m.group(4):
            toks.append(("sqrt", m.group(4)))
        elif m.group(1):
            toks.append(("num", m.group(1)))
        elif m.group(2):
            toks.append(("var", m.group(2)))
        else:
            toks.append(("op", m.group(3)))
    if not toks:
        return None
    try:
        expr, rest = _sum(toks)
    except (IndexError, ValueError):
        return None
    return expr if not rest else None


def _sum(toks: list[tuple[str, str]]) -> tuple[a.Expr, list[tuple[str, str]]]:
    left, toks = _product(toks)
    while toks and toks[0] in (("op", "+"), ("op", "-")):
        op = toks[0][1]
        right, toks = _product(toks[1:])
        left = a.BinOp(op, left, right, _S)
    return left, toks


def _product(toks: list[tuple[str, str]]) -> tuple[a.Expr, list[tuple[str, str]]]:
    left, toks = _unary(toks)
    while toks:
        if toks[0] in (("op", "*"), ("op", "/")):
            op = toks[0][1]
            right, toks = _unary(toks[1:])
            left = a.BinOp(op, left, right, _S)
        elif toks[0][0] in ("var", "sqrt") or toks[0] == ("op", "("):
            right, toks = _unary(toks)
            left = a.BinOp("*", left, right, _S, True)
        else:
            break
    return left, toks


def _unary(toks: list[tuple[str, str]]) -> tuple[a.Expr, list[tuple[str, str]]]:
    kind, val = toks[0]
    if (kind, val) == ("op", "-"):
        inner, rest = _unary(toks[1:])
        return a.Neg(inner, _S), rest
    if kind == "num":
        return a.Num(_exact(val), False, _S), toks[1:]
    if kind == "var":
        return a.Name(val, _S), toks[1:]
    if kind == "sqrt":
        return _call("sqrt", a.Num(_exact(val), False, _S)), toks[1:]
    if (kind, val) == ("op", "("):
        inner, rest = _sum(toks[1:])
        if not rest or rest[0] != ("op", ")"):
            raise ValueError("unclosed parenthesis")
        return a.Paren(inner, _S), rest[1:]
    raise ValueError(f"unexpected {val!r}")


def _exact(text: str) -> a.Exact:
    if "." in text:
        value = Fraction(text)
        return value.numerator if value.denominator == 1 else value
    return int(text)


def _call(func: str, *args: a.Expr) -> a.Call:
    return a.Call(func, tuple(args), (), _S, _S)


def _names(*ids: str) -> tuple[a.Name, ...]:
    return tuple(a.Name(i, _S) for i in ids)


def build(
    diagram: Diagram, facts: list[Fact], title: str | None = None, reserved: Iterable[str] = ()
) -> a.Program:
    """The figure program of a reading."""
    names = assign_names(diagram, reserved)
    body: list[a.Stmt] = []
    items = tuple(
        a.PointItem(
            names[i],
            a.Pair(a.Num(int(round(p.xy[0])), False, _S), _neg(int(round(p.xy[1]))), _S),
            _S,
            sketch=True,
        )
        for i, p in enumerate(diagram.points)
    )
    if items:
        body.append(a.PointDecl(items, _S))
    for line in diagram.lines:
        ends = _names(names[line.points[0]], names[line.points[-1]])
        seg = _call("segment", *ends)
        body.append(a.ExprStmt(seg, None, _S))
        for k in line.points[1:-1]:
            body.append(a.ExprStmt(_call("on", a.Name(names[k], _S), seg), None, _S))
    for ring in diagram.circles:
        circ = _call("circle", a.Name(names[ring.centre], _S))
        body.append(a.ExprStmt(circ, None, _S))
        for k in ring.points:
            if k != ring.centre:
                body.append(a.ExprStmt(_call("on", a.Name(names[k], _S), circ), None, _S))
    for f in facts:
        stmt = _fact(f, names)
        if stmt is not None:
            body.append(stmt)
    header = a.Header("figure", None, title, _S, _S)
    lined = tuple(_at_line(s, n + 2) for n, s in enumerate(body))
    return a.Program(header, lined, (), _S)


def _neg(v: int) -> a.Expr:
    return a.Num(0, False, _S) if v == 0 else a.Neg(a.Num(v, False, _S), _S)


def _fact(f: Fact, names: list[str]) -> a.Stmt | None:
    n = [names[i] for i in f.points]
    if f.kind == "length" and f.value is not None:
        rhs = parse_value(f.value)
        return None if rhs is None else a.ExprStmt(_call("length", *_names(*n)), rhs, _S)
    if f.kind == "angle" and f.value is not None:
        rhs = parse_value(f.value)
        return None if rhs is None else a.ExprStmt(_call("angle", *_names(*n)), rhs, _S)
    if f.kind in ("arc", "major_arc") and f.value is not None:
        rhs = parse_value(f.value)
        return None if rhs is None else a.ExprStmt(_call("measure", _call(f.kind, *_names(*n))), rhs, _S)
    if f.kind == "angle_label" and f.value is not None and f.value.isdigit():
        label = a.KwArg("label", a.Num(int(f.value), False, _S), _S)
        return a.ExprStmt(a.Call("angle", _names(*n), (label,), _S, _S), None, _S)
    if f.kind in ("perpendicular", "parallel"):
        s1 = _call("segment", *_names(n[0], n[1]))
        s2 = _call("segment", *_names(n[2], n[3]))
        return a.ExprStmt(_call(f.kind, s1, s2), None, _S)
    if f.kind == "equal":
        return a.ExprStmt(
            _call("length", *_names(n[0], n[1])), _call("length", *_names(n[2], n[3])), _S
        )
    if f.kind == "equal_angle":
        return a.ExprStmt(_call("angle", *_names(*n[:3])), _call("angle", *_names(*n[3:])), _S)
    if f.kind == "shaded_sector":  # (a, centre, b): counter-clockwise (y up) from a to b
        return a.ExprStmt(_call("shade", _call("sector", *_names(n[1], n[0], n[2]))), None, _S)
    return None


def _at_line(stmt: a.Stmt, line: int) -> a.Stmt:
    """The statement placed on its own line (the formatter reads lines from spans)."""
    span = Span(line, 1, line, 1)
    if isinstance(stmt, a.PointDecl):
        return a.PointDecl(stmt.items, span)
    if isinstance(stmt, a.ExprStmt):
        return a.ExprStmt(stmt.expr, stmt.rhs, span)
    return stmt


def to_text(program: a.Program) -> str:
    return format_program(program)
