"""Parse text into the AST: Lark (LALR) parse tree -> ``astnodes.Program``.

Errors are collected, not raised one at a time: when the whole program does not parse,
each statement is parsed alone so that every broken statement gets its own located,
plain-words diagnostic (a ``match_examples`` table, never a grammar dump).
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Iterator
from fractions import Fraction

from lark import Lark, Token, Transformer_NonRecursive, Tree, UnexpectedInput
from lark.exceptions import UnexpectedCharacters, UnexpectedEOF, UnexpectedToken
from lark.tree import Meta

from recode_dsl import astnodes as a
from recode_dsl import limits, messages
from recode_dsl.errors import Diagnostic, ParseError, Span
from recode_dsl.grammar import driver, grammar_text
from recode_dsl.grammar.lexer import FastLexer, LexLimit, tokens


@functools.lru_cache(maxsize=1)
def _parser() -> Lark:
    # The AST is built while parsing (an inline transformer): no parse tree, no second pass.
    # FastLexer (grammar/lexer.py) also drops newlines inside brackets, so a call may span lines.
    return Lark(grammar_text(), parser="lalr", lexer=FastLexer, start=["start", "single"],
                propagate_positions=False, maybe_placeholders=True, cache=False, transformer=_ToAst())


@functools.lru_cache(maxsize=1)
def _table() -> driver.Table:
    return driver.Table(_parser(), "start", repetition_trees=True)  # _ToAst.__default__ builds plain Trees


def parse(source: str) -> a.Program:
    """Parse a program, or raise ``ParseError`` carrying every syntax error found.

    >>> parse('figure\\npoint A').header.kind
    'figure'
    """
    check_text(source)
    try:
        try:  # Lark's table and callbacks in a tighter loop (grammar/driver.py)
            program = driver.parse(_table(), tokens(source, _parser().lexer_conf.terminals_by_name))
        except driver.NoAction:  # a syntax error: Lark's own parse says where and what was expected
            program = _parser().parse(source, start="start")
    except UnexpectedInput:
        raise ParseError(_locate_errors(source)) from None
    except LexLimit as err:
        raise ParseError([_limit_diagnostic(err, 1)]) from None
    assert isinstance(program, a.Program)
    _check_depth(program)
    return a.Program(program.header, program.body, tuple(_comments(source)), program.span)


# A string or a comment, as the grammar lexes them (neither spans lines), so that '#' inside
# a string is skipped; much cheaper than lexing the program a second time.
_STRING_OR_COMMENT = re.compile(r'"(?:[^"\\\n]|\\.)*"|#[^\n]*')


def _comments(source: str) -> Iterator[tuple[int, str]]:
    """Comments with their line.

    >>> list(_comments('chart bar  # kind\\ntitle("a # b")\\n# end'))
    [(1, '# kind'), (3, '# end')]
    """
    line, pos = 1, 0
    for m in _STRING_OR_COMMENT.finditer(source):
        if m.group().startswith("#"):
            line += source.count("\n", pos, m.start())
            pos = m.start()
            yield (line, m.group().rstrip("\r"))


def check_text(source: str) -> None:
    """The limits a program's text must keep before it is parsed: its characters (no control
    character, no lone surrogate) and its size and lines; ``ParseError`` (E001, E005) otherwise.
    Printers of generated programs (the chart importers) hold their output to them too.
    """
    _check_characters(source)  # first: a lone surrogate cannot even be encoded to be measured
    _check_size(source)


def _check_size(source: str) -> None:
    size = len(source.encode("utf-8"))
    if size > limits.MAX_PROGRAM_BYTES:
        msg = messages.program_too_large(size, limits.MAX_PROGRAM_BYTES)
        raise ParseError([Diagnostic("E005", msg, Span(1, 1, 1, 2), hint="split the scene into smaller programs")])
    lines = source.count("\n") + 1
    if lines > limits.MAX_LINES:
        msg = messages.too_many_lines(lines, limits.MAX_LINES)
        raise ParseError([Diagnostic("E005", msg, Span(1, 1, 1, 2), hint="split the scene into smaller programs")])


# Control characters (C0 but tab, newline and form feed; DEL; C1), a carriage return not followed
# by a newline, and the bidirectional overrides that make text show other than it reads: none
# can be written in a program, even in a string or a comment, so none reaches a terminal.
# Also what is not text at all: lone surrogates and the noncharacters (U+FDD0-U+FDEF, U+xFFFE and
# U+xFFFF of every plane), which Cairo refuses to draw.
NONCHARACTERS = "\ud800-\udfff\ufdd0-\ufdef" + "".join(chr((p << 16) | 0xFFFE) + chr((p << 16) | 0xFFFF)
                                                     for p in range(17))
_CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069" + NONCHARACTERS + "]|\r(?!\n)")


_CONTROL_ASCII = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f]")  # the same, for ASCII text without \r: 15x faster


def _check_characters(source: str) -> None:
    if source.isascii() and "\r" not in source and _CONTROL_ASCII.search(source) is None:
        return
    m = _CONTROL.search(source)
    if m is None:
        return
    line = source.count("\n", 0, m.start()) + 1
    col = m.start() - (source.rfind("\n", 0, m.start()) + 1) + 1
    hint = "write \\n for a new line in a string" if m.group() == "\r" else "remove it"
    code = ord(m.group())
    text = messages.not_a_character(code) if re.match(f"[{NONCHARACTERS}]", m.group()) else messages.control_char(code)
    raise ParseError([Diagnostic("E001", text, Span(line, col, line, col + 1), hint=hint)])


def _limit_diagnostic(err: LexLimit, first_line: int) -> Diagnostic:
    """The diagnostic of a limit the lexer found (brackets too deep, a number with too many digits)."""
    line = first_line + err.line - 1
    span = Span(line, err.col, line, err.col + err.width)
    if err.what == "nesting":
        return Diagnostic("E006", messages.nesting_too_deep(limits.MAX_NESTING), span,
                          hint="name a part with 'let' and use the name")
    if err.what == "chain":
        return Diagnostic("E006", messages.expression_too_deep(limits.MAX_EXPR_DEPTH), span,
                          hint="name parts with 'let', or use sum(...)")
    return Diagnostic("E020", messages.literal_too_long(err.count, limits.MAX_DIGITS), span,
                      hint="round it: exact values come from exact expressions such as 1/3 or sqrt(2)")


def _check_depth(program: a.Program) -> None:
    """Reject expressions with more operators in a row than the limit, iteratively (no recursion;
    brackets are counted by the lexer). Every later stage recurses over expressions, so this
    bounds their depth."""
    errors = []
    for stmt in program.body:
        sp = stmt.span
        if sp.line == sp.end_line and sp.end_col - sp.col <= limits.MAX_EXPR_DEPTH:
            continue  # every level takes a character at least: a short line cannot be too deep
        stack: list[tuple[object, int]] = [(stmt, 0)]
        while stack:
            node, depth = stack.pop()
            if depth > limits.MAX_EXPR_DEPTH:
                span = getattr(node, "span", stmt.span)
                errors.append(Diagnostic("E006", messages.expression_too_deep(limits.MAX_EXPR_DEPTH), span,
                                         hint="name parts with 'let', or use sum(...)"))
                break
            for child in _children(node):
                stack.append((child, depth + 1))
    if errors:
        raise ParseError(errors)


# The fields of each node that hold nodes (a table: this walk runs on every parse).
_CHILD_FIELDS: dict[type, tuple[str, ...]] = {
    a.PointDecl: ("items",), a.PointItem: ("at",), a.Let: ("value",), a.Ask: ("expr",),
    a.ExprStmt: ("expr", "rhs"), a.Call: ("args", "kwargs"), a.KwArg: ("value",), a.BinOp: ("left", "right"),
    a.Neg: ("operand",), a.Compare: ("left", "right"), a.ListExpr: ("items",), a.Pair: ("x", "y"),
    a.Paren: ("inner",),
}


def _children(node: object) -> Iterator[object]:
    for name in _CHILD_FIELDS.get(type(node), ()):
        value = getattr(node, name)
        if isinstance(value, tuple):
            yield from value
        elif value is not None:
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
            node = _parser().parse(text, start="single")
        except UnexpectedInput as err:
            diags.append(_diagnostic(err, text, line))
            seen_header = True
            continue
        except LexLimit as err:
            diags.append(_limit_diagnostic(err, line))
            seen_header = True
            continue
        is_header = isinstance(node, a.Header)
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
        hint = {"'": "strings use double quotes", "²": "write a square as ^2: 48 ft^2", "³": "write a cube as ^3",
                "×": "multiply with *", "·": "multiply with *", "÷": "divide with /", "√": "write sqrt(3)",
                "π": "write pi", "∠": "write angle(A, B, C)"}.get(ch)
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


def _tspan(tok: Token) -> Span:
    return Span(tok.line or 0, tok.column or 0, tok.end_line or 0, tok.end_column or 0)


@functools.lru_cache(maxsize=4096)
def _number(text: str) -> a.Exact:
    """A number token (digits, a point, digits) as an exact number: 12.50 -> Fraction(25, 2),
    3.0 -> 3. Memoised: a program repeats its numbers, and Fractions are immutable.

    >>> _number("12.50"), _number("3.0"), _number(".5"), _number("007")
    (Fraction(25, 2), 3, Fraction(1, 2), 7)
    """
    whole, point, decimals = text.partition(".")
    if not point:
        return int(text)
    numerator, denominator = int(whole + decimals), 10 ** len(decimals)
    g = math.gcd(numerator, denominator)
    if g == denominator:
        return numerator // g
    return Fraction(numerator // g, denominator // g)


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


def _sp(x: object) -> Span:
    """The span of a token or an AST node."""
    return _tspan(x) if isinstance(x, Token) else _expr_or_node_span(x)


def _expr_or_node_span(x: object) -> Span:
    span = getattr(x, "span", None)
    assert isinstance(span, Span), x
    return span


def _from_to(first: object, last: object) -> Span:
    return _join(_sp(first), _sp(last))


def _nodes(c: list[object]) -> list[object]:
    """Children without bracket tokens and absent optional parts."""
    return [x for x in c if x is not None and not (isinstance(x, Token) and x.type in _BRACKETS)]


_BRACKETS = {"LPAR", "RPAR", "LSQB", "RSQB"}


class _ToAst(Transformer_NonRecursive):
    """Grammar rules -> AST nodes, called by the parser on each reduction. Never raises user errors:
    those are found later, by the checker."""

    def __default__(self, data: str, children: list[object], meta: Meta) -> Tree[object]:
        if data.startswith("_"):  # lark's own repetition rules, expanded into their parent
            return Tree(data, children, meta)
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

    def sketch_item(self, c: list[object]) -> a.PointItem:
        name, at = _token(c[0]), _expr(c[2])
        return a.PointItem(str(name), at, _join(_tspan(name), at.span), sketch=True)

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

    def ask_stmt(self, c: list[object]) -> a.Ask:
        return a.Ask(_expr(c[1]), _from_to(c[0], c[1]))

    def expr_stmt(self, c: list[object]) -> a.ExprStmt:
        lhs, rhs = _expr(c[0]), _opt_expr(c[1])
        return a.ExprStmt(lhs, rhs, _join(lhs.span, (rhs or lhs).span))

    def point_decl(self, c: list[object]) -> a.PointDecl:
        items = tuple(x for x in c if isinstance(x, a.PointItem))
        return a.PointDecl(items, _from_to(c[0], c[-1]))

    def compare(self, c: list[object]) -> a.Compare:
        return a.Compare(str(c[1]), _expr(c[0]), _expr(c[2]), _from_to(c[0], c[2]))

    def binop(self, c: list[object]) -> a.BinOp:
        return a.BinOp(str(c[1]), _expr(c[0]), _expr(c[2]), _from_to(c[0], c[2]))

    def neg(self, c: list[object]) -> a.Expr:
        if str(c[0]) == "+":
            return _expr(c[1])
        return a.Neg(_expr(c[1]), _from_to(c[0], c[1]))

    def power_op(self, c: list[object]) -> a.BinOp:
        return a.BinOp("^", _expr(c[0]), _expr(c[1]), _from_to(c[0], c[1]))

    def call(self, c: list[object]) -> a.Call:
        name = _token(c[0])
        rest = _nodes(c[1:])
        args = tuple(_expr(x) for x in rest if not isinstance(x, a.KwArg))
        kwargs = tuple(x for x in rest if isinstance(x, a.KwArg))
        return a.Call(str(name), args, kwargs, _from_to(c[0], c[-1]), _tspan(name))

    def list_lit(self, c: list[object]) -> a.ListExpr:
        return a.ListExpr(tuple(_expr(x) for x in _nodes(c)), _from_to(c[0], c[-1]))

    def pair(self, c: list[object]) -> a.Pair:
        x, y = _nodes(c)
        return a.Pair(_expr(x), _expr(y), _from_to(c[0], c[-1]))

    def paren(self, c: list[object]) -> a.Paren:
        return a.Paren(_expr(c[1]), _from_to(c[0], c[-1]))

    def figure_header(self, c: list[Token | None]) -> a.Header:
        keyword, title = c
        assert keyword is not None
        span = _from_to(keyword, title if title is not None else keyword)
        return a.Header("figure", None, _unquote(title) if title is not None else None, span, span)

    def chart_header(self, c: list[Token | None]) -> a.Header:
        keyword, kind, title = c
        assert keyword is not None and kind is not None
        span = _from_to(keyword, title if title is not None else kind)
        return a.Header("chart", str(kind), _unquote(title) if title is not None else None, span, _tspan(kind))


def _stmt(x: object) -> a.Stmt:
    assert isinstance(x, (a.PointDecl, a.Let, a.Ask, a.ExprStmt)), x
    return x


_ESCAPES = {"n": "\n", '"': '"', "\\": "\\"}
_ESCAPE = re.compile(r"\\(.)")


def _unquote(tok: Token) -> str:
    r"""The text of a string literal: \n, \" and \\ are escapes; any other backslash stays.

    >>> _unquote(Token("STRING", r'"a\\nb \"q\" \n \t"'))
    'a\\nb "q" \n \\t'
    """
    return _ESCAPE.sub(lambda m: _ESCAPES.get(m.group(1), m.group()), str(tok)[1:-1])
