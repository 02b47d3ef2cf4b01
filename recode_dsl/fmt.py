"""The formatter: AST -> canonical text. Idempotent, and parse(format(p)) == p.

Comments are kept where they were: on their own line before a statement, or after it.
"""

from __future__ import annotations

import sympy

from recode_dsl import astnodes as a

_PREC = {"compare": 0, "+": 1, "-": 1, "*": 2, "/": 2, "neg": 3, "implicit": 3, "^": 4}
_ATOM = 5


def format_program(program: a.Program) -> str:
    """Canonical text of a program.

    >>> from recode_dsl.syntax import parse
    >>> format_program(parse('figure\\npoint A=(0,0)\\nlength(A,B)=2*x+1'))
    'figure\\npoint A = (0, 0)\\nlength(A, B) = 2 * x + 1\\n'
    """
    comments = dict(program.comments)
    used: set[int] = set()
    out: list[str] = []

    def flush_before(line: int) -> None:
        for cl in sorted(comments):
            if cl < line and cl not in used:
                used.add(cl)
                out.append(comments[cl])

    header = program.header
    flush_before(header.span.line or 1)
    out.append(_header(header) + _trailing(comments, used, header.span.line))
    last = header.span.end_line or 1
    for stmt in program.body:
        gap = set(range(last + 1, stmt.span.line)) - set(comments)
        if gap and out:
            out.append("")
        flush_before(stmt.span.end_line)  # comments inside a multi-line statement go before it
        out.append(format_stmt(stmt) + _trailing(comments, used, stmt.span.end_line))
        last = stmt.span.end_line
    for cl in sorted(comments):
        if cl not in used:
            out.append(comments[cl])
    return "\n".join(out) + "\n"


def _trailing(comments: dict[int, str], used: set[int], line: int) -> str:
    if line in comments and line not in used:
        used.add(line)
        return "  " + comments[line]
    return ""


def _header(h: a.Header) -> str:
    text = "figure" if h.kind == "figure" else f"chart {h.chart_kind}"
    return text + (f" {_string(h.title)}" if h.title is not None else "")


def format_stmt(stmt: a.Stmt) -> str:
    if isinstance(stmt, a.PointDecl):
        items = [i.name + (f" {'~' if i.sketch else '='} {format_expr(i.at)}" if i.at is not None else "")
                 for i in stmt.items]
        return "point " + ", ".join(items)
    if isinstance(stmt, a.Let):
        return f"let {stmt.name} = {format_expr(stmt.value)}"
    if isinstance(stmt, a.Ask):
        return f"ask {format_expr(stmt.expr)}"
    text = format_expr(stmt.expr)
    return text if stmt.rhs is None else f"{text} = {format_expr(stmt.rhs)}"


def format_expr(e: a.Expr) -> str:
    """Canonical text of an expression, with only the parentheses its structure needs."""
    if isinstance(e, a.Paren):
        return format_expr(e.inner)
    if isinstance(e, a.Num):
        return format_number(e.value) + ("°" if e.deg else "")
    if isinstance(e, a.Str):
        return _string(e.value)
    if isinstance(e, a.Name):
        return e.id
    if isinstance(e, a.Call):
        parts = [format_expr(x) for x in e.args] + [f"{k.name}={format_expr(k.value)}" for k in e.kwargs]
        return f"{e.func}({', '.join(parts)})"
    if isinstance(e, a.ListExpr):
        return "[" + ", ".join(format_expr(x) for x in e.items) + "]"
    if isinstance(e, a.Pair):
        return f"({format_expr(e.x)}, {format_expr(e.y)})"
    if isinstance(e, a.Neg):
        return "-" + _wrap(e.operand, _prec(e.operand) < _PREC["neg"] or isinstance(_strip(e.operand), a.Neg))
    if isinstance(e, a.Compare):
        return f"{_wrap(e.left, _prec(e.left) <= 0)} {e.op} {_wrap(e.right, _prec(e.right) <= 0)}"
    return _binop(e)


def _binop(e: a.BinOp) -> str:
    if e.implicit:
        return format_expr(e.left) + _implicit_rhs(e.right)
    p = _PREC[e.op]
    if e.op == "^":
        left = _wrap(e.left, _prec(e.left) <= p or isinstance(_strip(e.left), a.Num) and _strip(e.left).deg)  # type: ignore[union-attr]
        return f"{left}^{_wrap(e.right, _prec(e.right) < _PREC['neg'])}"
    left = _wrap(e.left, _prec(e.left) < p)
    right = _wrap(e.right, _prec(e.right) <= p or isinstance(_strip(e.right), a.Neg))  # 66 - (-y), not 66 - -y
    return f"{left} {e.op} {right}"


def _implicit_rhs(e: a.Expr) -> str:
    inner = _strip(e)
    if isinstance(inner, a.Name):
        # a longer name reads as one: "12 ft", "42 pi" (one-letter names stay joined: "2x", "5m")
        return f" {inner.id}" if len(inner.id) > 1 else inner.id
    if isinstance(inner, a.BinOp) and inner.op == "^":
        return _implicit_rhs(inner.left) + "^" + _wrap(inner.right, _prec(inner.right) < _PREC["neg"])
    if isinstance(inner, a.Call):
        return " " + format_expr(inner)
    return "(" + format_expr(inner) + ")"


def _strip(e: a.Expr) -> a.Expr:
    while isinstance(e, a.Paren):
        e = e.inner
    return e


def _prec(e: a.Expr) -> int:
    e = _strip(e)
    if isinstance(e, a.BinOp):
        return _PREC["implicit"] if e.implicit else _PREC[e.op]
    if isinstance(e, a.Neg):
        return _PREC["neg"]
    if isinstance(e, a.Compare):
        return _PREC["compare"]
    return _ATOM


def _wrap(e: a.Expr, paren: bool) -> str:
    text = format_expr(e)
    return f"({text})" if paren else text


def format_number(v: object) -> str:
    """Exact decimal text when the number has one (1/2 -> 0.5), else a quotient.

    >>> format_number(sympy.Rational(31, 2)), format_number(7)
    ('15.5', '7')
    """
    if isinstance(v, int):
        return str(v)
    r = sympy.Rational(v)  # type: ignore[arg-type]
    q = int(r.q)
    twos = fives = 0
    while q % 2 == 0:
        q //= 2
        twos += 1
    while q % 5 == 0:
        q //= 5
        fives += 1
    if q != 1:
        return f"{r.p}/{r.q}"
    digits = max(twos, fives)
    scaled = abs(int(r.p)) * (10**digits // int(r.q))
    whole, frac = divmod(scaled, 10**digits)
    return f"{'-' if r < 0 else ''}{whole}.{str(frac).rjust(digits, '0')}"


def _string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'
