"""Parse text into the AST: Lark (LALR) parse tree -> ``astnodes.Program``.

Errors are collected, not raised one at a time: when the whole program does not parse,
each statement is parsed alone so that every broken statement gets its own located,
plain-words diagnostic (a ``match_examples`` table, never a grammar dump).
"""

from __future__ import annotations

import functools
from collections.abc import Iterator

import sympy
from lark import Lark, Token, Transformer_NonRecursive, Tree, UnexpectedInput, v_args
from lark.exceptions import UnexpectedCharacters, UnexpectedEOF, UnexpectedToken
from lark.lark import PostLex
from lark.tree import Meta

from recode_dsl import astnodes as a
from recode_dsl import limits, messages
from recode_dsl.errors import Diagnostic, ParseError, Span
from recode_dsl.grammar import grammar_text

_OPEN = {"LPAR", "LSQB"}
_CLOSE = {"RPAR", "RSQB"}


class _Brackets(PostLex):
    """Drop newlines inside brackets so that a list or a call may span lines."""

    always_accept = ("_NL",)

    def process(self, stream: Iterator[Token]) -> Iterator[Token]:
        depth = 0
        for tok in stream:
            if tok.type in _OPEN:
                depth += 1
            elif tok.type in _CLOSE:
                depth = max(0, depth - 1)
            elif tok.type == "_NL" and depth:
                continue
            yield tok


@functools.lru_cache(maxsize=1)
def _parser() -> Lark:
    return Lark(grammar_text(), parser="lalr", start=["start", "single"], propagate_positions=True,
                postlex=_Brackets(), maybe_placeholders=True, cache=False)


def parse(source: str) -> a.Program:
    """Parse a program, or raise ``ParseError`` carrying every syntax error found.

    >>> parse('figure\\npoint A').header.kind
    'figure'
    """
    _check_size(source)
    try:
        tree = _parser().parse(source, start="start")
    except UnexpectedInput:
        raise ParseError(_locate_errors(source)) from None
    program = _ToAst().transform(tree)
    assert isinstance(program, a.Program)
    _check_depth(program)
    return a.Program(program.header, program.body, tuple(_comments(source)), program.span)


def _comments(source: str) -> Iterator[tuple[int, str]]:
    """Comments with their line, found with the lexer so that '#' inside strings is skipped."""
    for tok in _parser().lex(source, dont_ignore=True):
        if tok.type == "COMMENT":
            yield (tok.line or 0, str(tok))


def _check_size(source: str) -> None:
    size = len(source.encode("utf-8"))
    if size > limits.MAX_PROGRAM_BYTES:
        msg = messages.program_too_large(size, limits.MAX_PROGRAM_BYTES)
        raise ParseError([Diagnostic("E005", msg, Span(1, 1, 1, 2), hint="split the scene into smaller programs")])
    lines = source.count("\n") + 1
    if lines > limits.MAX_LINES:
        msg = messages.too_many_lines(lines, limits.MAX_LINES)
        raise ParseError([Diagnostic("E005", msg, Span(1, 1, 1, 2), hint="split the scene into smaller programs")])


def _check_depth(program: a.Program) -> None:
    """Reject expressions nested deeper than the limit, iteratively (no recursion)."""
    errors = []
    for stmt in program.body:
        stack: list[tuple[object, int]] = [(stmt, 0)]
        while stack:
            node, depth = stack.pop()
            if depth > limits.MAX_NESTING:
                span = getattr(node, "span", stmt.span)
                errors.append(Diagnostic("E006", messages.nesting_too_deep(limits.MAX_NESTING), span,
                                         hint="name a part with 'let' and use the name"))
                break
            for child in _children(node):
                stack.append((child, depth + 1))
    if errors:
        raise ParseError(errors)


def _children(node: object) -> Iterator[object]:
    for name in getattr(node, "__dataclass_fields__", ()):
        value = getattr(node, name)
        if isinstance(value, tuple):
            yield from (v for v in value if hasattr(v, "__dataclass_fields__"))
        elif hasattr(value, "__dataclass_fields__") and not isinstance(value, Span):
            yield value


# -- error location --------------------------------------------------------------------------


def _chunks(source: str) -> Iterator[tuple[int, str]]:
    """Split into statements at newlines outside brackets and strings: (first line, text)."""
    depth, start_line, line, buf, in_str = 0, 1, 1, [], False
    i = 0
    while i < len(source):
        ch = source[i]
        if in_str:
            if ch == "\\":
                buf.append(source[i:i + 2])
                i += 2
                continue
            in_str = ch != '"' and ch != "\n"
        elif ch == '"':
            in_str = True
        elif ch == "#":
            end = source.find("\n", i)
            i = len(source) if end < 0 else end
            continue
        elif ch in "([":
            depth += 1
        elif ch in ")]":
            depth = max(0, depth - 1)
        if ch == "\n":
            line += 1
            if depth == 0 or _next_starts_statement(source, i + 1):
                depth = 0
                yield start_line, "".join(buf)
                buf, start_line = [], line
                i += 1
                continue
        buf.append(ch)
        i += 1
    yield start_line, "".join(buf)


_STATEMENT_WORDS = ("point ", "let ", "ask ", "figure", "chart ")


def _next_starts_statement(source: str, i: int) -> bool:
    """An unclosed bracket ends at a line that plainly starts a new statement."""
    rest = source[i:i + 8].lstrip(" \t")
    return rest.startswith(_STATEMENT_WORDS)


def _locate_errors(source: str) -> list[Diagnostic]:
    diags: list[Diagnostic] = []
    seen_header = False
    for line, text in _chunks(source):
        if not text.strip():
            continue
        try:
            tree = _parser().parse(text, start="single")
        except UnexpectedInput as err:
            diags.append(_diagnostic(err, text, line))
            seen_header = True
            continue
        first = tree.children[0]
        is_header = isinstance(first, Tree) and first.data in ("figure_header", "chart_header")
        if not seen_header and not is_header:
            diags.append(Diagnostic("E003", messages.missing_header(), Span(line, 1, line, 2),
                                    hint="add a first line such as 'figure' or 'chart bar'"))
        seen_header = True
    if not diags:
        diags.append(Diagnostic("E003", messages.missing_header(), Span(1, 1, 1, 2),
                                hint="add a first line such as 'figure' or 'chart bar'"))
    return diags


def _diagnostic(err: UnexpectedInput, text: str, first_line: int) -> Diagnostic:
    line = first_line + (err.line - 1 if err.line and err.line > 0 else 0)
    col = err.column if err.column and err.column > 0 else 1
    if isinstance(err, UnexpectedCharacters):
        pos = err.pos_in_stream
        ch = text[pos] if pos is not None and pos < len(text) else "?"
        hint = "strings use double quotes" if ch == "'" else None
        return Diagnostic("E001", messages.unexpected_char(ch), Span(line, col, line, col + 1), hint=hint)
    label = _label(err)
    if isinstance(err, UnexpectedEOF) or (isinstance(err, UnexpectedToken) and err.token.type == "$END"):
        # A missing closer: point just after the last token, not at the next line.
        last = text.rstrip()
        line = first_line + last.count("\n")
        col = len(last.rsplit("\n", 1)[-1]) + 1
        return Diagnostic("E002", label or messages.unexpected_end(), Span(line, col, line, col + 1),
                          hint=_expected_hint(err))
    assert isinstance(err, UnexpectedToken)
    tok = err.token
    width = max(1, len(str(tok)))
    if label is None:  # the message lists what was expected; no hint repeating it
        message = messages.unexpected_token(_describe(tok), _expected_words(err))
        return Diagnostic("E002", message, Span(line, col, line, col + width))
    return Diagnostic("E002", label, Span(line, col, line, col + width), hint=_expected_hint(err))


def _label(err: UnexpectedInput) -> str | None:
    """The plain-words label of the closest broken snippet, if one matches."""
    parse_single = functools.partial(_parser().parse, start="single")
    try:
        return err.match_examples(parse_single, _examples(), use_accepts=True)
    except TypeError:
        # lark's debug log line in match_examples fails on some end-of-input states
        return err.match_examples(parse_single, _examples(), use_accepts=False)


def _describe(tok: Token) -> str:
    if tok.type == "_NL":
        return "end of line"
    return f"'{tok}'"


_WORDS = {"RPAR": "')'", "RSQB": "']'", "LPAR": "'('", "COMMA": "','", "EQUAL": "'='", "NAME": "a name",
          "NUMBER": "a number", "STRING": "a string", "_NL": "end of line", "$END": "end of line",
          "LSQB": "'['", "ADD_OP": "'+' or '-'", "MUL_OP": "'*' or '/'", "COMP_OP": "a comparison",
          "CIRCUMFLEX": "'^'", "DEG": "'°'"}


def _expected_words(err: UnexpectedInput) -> str:
    expected = sorted(getattr(err, "accepts", None) or getattr(err, "expected", None) or [])
    words = sorted({_WORDS.get(e, f"'{e.lower()}'") for e in expected})
    if not words:
        return "a statement"
    return ", ".join(words[:-1]) + (" or " if len(words) > 1 else "") + words[-1]


def _expected_hint(err: UnexpectedInput) -> str | None:
    return f"expected {_expected_words(err)}"


def _examples() -> dict[str, list[str]]:
    from recode_dsl.parse_errors import EXAMPLES

    return EXAMPLES


# -- tree -> AST -----------------------------------------------------------------------------


def _span(meta: Meta) -> Span:
    return Span(meta.line, meta.column, meta.end_line, meta.end_column)


def _tspan(tok: Token) -> Span:
    return Span(tok.line or 0, tok.column or 0, tok.end_line or 0, tok.end_column or 0)


def _number(text: str) -> a.Exact:
    if "." not in text:
        return int(text)
    value = sympy.Rational(text)
    return int(value) if value.q == 1 else value


_EXPR_TYPES = (a.Num, a.Str, a.Name, a.Call, a.BinOp, a.Neg, a.Compare, a.ListExpr, a.Pair, a.Paren)


def _expr(x: object) -> a.Expr:
    """Narrow a transformed child to an expression (the grammar guarantees it)."""
    assert isinstance(x, _EXPR_TYPES), x
    return x


def _opt_expr(x: object) -> a.Expr | None:
    return None if x is None else _expr(x)


def _token(x: object) -> Token:
    assert isinstance(x, Token), x
    return x


def _join(start: Span, end: Span) -> Span:
    return Span(start.line, start.col, end.end_line, end.end_col)


class _ToAst(Transformer_NonRecursive):
    """Lark tree -> AST. Never raises user errors: those are found later, by the checker."""

    def __default__(self, data: str, children: list[object], meta: Meta) -> Tree[object]:
        raise NotImplementedError(data)  # every rule has a method; a new rule must get one

    def start(self, c: list[object]) -> a.Program:
        header = c[0]
        assert isinstance(header, a.Header)
        body = tuple(_stmt(x) for x in c[1:] if x is not None)
        end = body[-1].span if body else header.span
        return a.Program(header, body, (), _join(header.span, end))

    def single(self, c: list[object]) -> object:
        return c[0]

    def point_item(self, c: list[object]) -> a.PointItem:
        name, at = _token(c[0]), _opt_expr(c[1])
        start = _tspan(name)
        return a.PointItem(str(name), at, _join(start, at.span if at is not None else start))

    def let_stmt(self, c: list[object]) -> a.Let:
        name, value = _token(c[0]), _expr(c[1])
        start = _tspan(name)
        return a.Let(str(name), value, _join(start, value.span), start)

    def number(self, c: list[Token | None]) -> a.Num:
        tok, deg = c
        assert tok is not None
        span = _tspan(tok) if deg is None else _join(_tspan(tok), _tspan(deg))
        return a.Num(_number(str(tok)), deg is not None, span)

    def implicit_mul(self, c: list[object]) -> a.BinOp:
        tok, right = _token(c[0]), _expr(c[1])
        left = a.Num(_number(str(tok)), False, _tspan(tok))
        return a.BinOp("*", left, right, _join(left.span, right.span), implicit=True)

    def name(self, c: list[Token]) -> a.Name:
        return a.Name(str(c[0]), _tspan(c[0]))

    def string(self, c: list[Token]) -> a.Str:
        return a.Str(_unquote(c[0]), _tspan(c[0]))

    def kwarg(self, c: list[object]) -> a.KwArg:
        name, value = _token(c[0]), _expr(c[1])
        return a.KwArg(str(name), value, _join(_tspan(name), value.span))

    @v_args(meta=True)
    def ask_stmt(self, meta: Meta, c: list[object]) -> a.Ask:
        return a.Ask(_expr(c[0]), _span(meta))

    @v_args(meta=True)
    def expr_stmt(self, meta: Meta, c: list[object]) -> a.ExprStmt:
        return a.ExprStmt(_expr(c[0]), _opt_expr(c[1]), _span(meta))

    @v_args(meta=True)
    def point_decl(self, meta: Meta, c: list[object]) -> a.PointDecl:
        items = tuple(x for x in c if isinstance(x, a.PointItem))
        return a.PointDecl(items, _span(meta))

    @v_args(meta=True)
    def compare(self, meta: Meta, c: list[object]) -> a.Compare:
        return a.Compare(str(c[1]), _expr(c[0]), _expr(c[2]), _span(meta))

    @v_args(meta=True)
    def binop(self, meta: Meta, c: list[object]) -> a.BinOp:
        return a.BinOp(str(c[1]), _expr(c[0]), _expr(c[2]), _span(meta))

    @v_args(meta=True)
    def neg(self, meta: Meta, c: list[object]) -> a.Expr:
        if str(c[0]) == "+":
            return _expr(c[1])
        return a.Neg(_expr(c[1]), _span(meta))

    @v_args(meta=True)
    def power_op(self, meta: Meta, c: list[object]) -> a.BinOp:
        return a.BinOp("^", _expr(c[0]), _expr(c[1]), _span(meta))

    @v_args(meta=True)
    def call(self, meta: Meta, c: list[object]) -> a.Call:
        name = _token(c[0])
        rest = [x for x in c[1:] if x is not None]
        args = tuple(_expr(x) for x in rest if not isinstance(x, a.KwArg))
        kwargs = tuple(x for x in rest if isinstance(x, a.KwArg))
        return a.Call(str(name), args, kwargs, _span(meta), _tspan(name))

    @v_args(meta=True)
    def list_lit(self, meta: Meta, c: list[object]) -> a.ListExpr:
        return a.ListExpr(tuple(_expr(x) for x in c if x is not None), _span(meta))

    @v_args(meta=True)
    def pair(self, meta: Meta, c: list[object]) -> a.Pair:
        return a.Pair(_expr(c[0]), _expr(c[1]), _span(meta))

    @v_args(meta=True)
    def paren(self, meta: Meta, c: list[object]) -> a.Paren:
        return a.Paren(_expr(c[0]), _span(meta))

    @v_args(meta=True)
    def figure_header(self, meta: Meta, c: list[Token | None]) -> a.Header:
        title = _unquote(c[0]) if c[0] is not None else None
        return a.Header("figure", None, title, _span(meta), _span(meta))

    @v_args(meta=True)
    def chart_header(self, meta: Meta, c: list[Token | None]) -> a.Header:
        kind = c[0]
        assert kind is not None
        title = _unquote(c[1]) if c[1] is not None else None
        return a.Header("chart", str(kind), title, _span(meta), _tspan(kind))


def _stmt(x: object) -> a.Stmt:
    assert isinstance(x, (a.PointDecl, a.Let, a.Ask, a.ExprStmt)), x
    return x


def _unquote(tok: Token) -> str:
    body = str(tok)[1:-1]
    return body.replace('\\"', '"').replace("\\\\", "\\").replace("\\n", "\n")
