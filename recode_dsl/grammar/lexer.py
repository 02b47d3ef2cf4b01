"""A fast lexer for the grammar's terminals: one master regex, keywords by position.

Lark's contextual lexer tries terminals per parser state; this one scans with a single
compiled pattern, which is several times faster on long programs. It reproduces what the
contextual lexer decides from context:

- a keyword is a keyword only where the grammar accepts it: ``figure`` and ``chart`` before
  anything else, ``point``, ``let`` and ``ask`` at the start of a statement; elsewhere the
  same word is a name;
- ``deg`` is the degree sign only right after a number;
- newlines inside brackets are dropped, so a call or a list may span lines.

Two limits are enforced while scanning, before the parser does any work on what follows:
brackets nested deeper than ``limits.MAX_NESTING`` and number literals with more than
``limits.MAX_DIGITS`` digits raise ``LexLimit`` (located; ``syntax.parse`` turns it into a
diagnostic). A number of 100,000 digits is never converted, and 100,000 open brackets
are refused at the 49th.

The terminal names are the grammar's (``recode.lark``); a test compares this lexer with
Lark's on every example.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from lark.exceptions import UnexpectedCharacters
from lark.lexer import Lexer, LexerState, Token

from recode_dsl import limits

_PATTERN = re.compile(r"""[\t\ \f]*(?:
    (?P<COMMENT>\#[^\n]*)
  | (?P<NL>(?:\r?\n[\t ]*)+)
  | (?P<STRING>"(?:[^"\\\n]|\\.)*")
  | (?P<NUMBER>[0-9]+(?:\.[0-9]+)?|\.[0-9]+)
  | (?P<NAME>[A-Za-z_][A-Za-z0-9_']*)
  | (?P<COMP_OP><=|>=|==|!=|<|>)
  | (?P<PUNCT>[()\[\],=~^°+\-*/])
  | (?P<WS>\Z)
)""", re.VERBOSE)

_PUNCT = {"(": "LPAR", ")": "RPAR", "[": "LSQB", "]": "RSQB", ",": "COMMA", "=": "EQUAL", "^": "CIRCUMFLEX",
          "°": "DEG", "~": "SKETCH", "+": "ADD_OP", "-": "ADD_OP", "*": "MUL_OP", "/": "MUL_OP"}
_HEADER_WORDS = {"figure": "FIGURE", "chart": "CHART"}
_STATEMENT_WORDS = {"point": "POINT", "let": "LET", "ask": "ASK"}
_OPEN, _CLOSE = {"LPAR", "LSQB"}, {"RPAR", "RSQB"}
_OPERATORS = {"ADD_OP", "MUL_OP", "CIRCUMFLEX"}


class LexLimit(Exception):
    """A limit broken while scanning: ``what`` is "nesting", "chain" or "digits"; 1-based line and column,
    ``width`` the length of the offending text, ``count`` the size found."""

    def __init__(self, what: str, line: int, col: int, width: int, count: int) -> None:
        super().__init__(what, line, col)
        self.what, self.line, self.col, self.width, self.count = what, line, col, width, count


class FastLexer(Lexer):
    """Lark custom lexer (``Lark(..., lexer=FastLexer)``)."""

    def __init__(self, lexer_conf: Any) -> None:
        self.terminals_by_name = lexer_conf.terminals_by_name

    def lex(self, lexer_state: LexerState | str, parser_state: Any = None) -> Iterator[Token]:
        # lark's custom-lexer interface 0 passes the text itself
        text = lexer_state if isinstance(lexer_state, str) else lexer_state.text.text
        assert isinstance(text, str)
        return tokens(text, self.terminals_by_name)


def tokens(text: str, terminals_by_name: Any = None) -> Iterator[Token]:
    """The significant tokens of ``text`` (comments and spaces skipped), with 1-based positions."""
    pos, line, line_start = 0, 1, 0
    depth, first, at_start, after_number = 0, True, True, False
    runs = [0]  # operators since the last comma or bracket, per open bracket: a chain's length
    match = _PATTERN.match
    new_str = _new_str
    end = len(text)
    while pos < end:
        m = match(text, pos)
        if m is None:
            while pos < end and text[pos] in " \t\f":  # point at the character itself, not the space before
                pos += 1
            col = pos - line_start + 1
            raise UnexpectedCharacters(text, pos, line, col, terminals_by_name=terminals_by_name)  # type: ignore[no-untyped-call]
        kind = m.lastgroup
        pos = m.end()
        if kind == "COMMENT" or kind == "WS":
            continue
        value = m.group(kind)  # type: ignore[arg-type]
        start = pos - len(value)
        col = start - line_start + 1
        if kind == "NL":
            newlines = value.count("\n")
            line += newlines
            line_start = start + value.rindex("\n") + 1
            if depth == 0:
                yield _token("_NL", value, start, line - newlines, col, line, pos - line_start + 1, pos)
                at_start, after_number = True, False
                runs = [0]
            continue
        if kind == "PUNCT":
            kind = _PUNCT[value]
            if kind in _OPEN:
                depth += 1
                if depth > limits.MAX_NESTING:
                    raise LexLimit("nesting", line, col, 1, depth)
                runs.append(0)
            elif kind in _CLOSE:
                depth = max(0, depth - 1)
                if len(runs) > 1:
                    runs.pop()
            elif kind == "COMMA":
                runs[-1] = 0
            elif kind in _OPERATORS:
                runs[-1] += 1
                if runs[-1] > limits.MAX_EXPR_DEPTH:  # refused before the parser builds a chain that long
                    raise LexLimit("chain", line, col, 1, runs[-1])
        elif kind == "NAME":
            kind = _word(value, first, at_start, after_number)
        elif kind == "NUMBER" and len(value) > limits.MAX_DIGITS:
            digits = len(value) - value.count(".")
            if digits > limits.MAX_DIGITS:
                raise LexLimit("digits", line, col, len(value), digits)
        tok = new_str(Token, value)  # _token(...) inlined: the one statement run for every token
        tok.type, tok.value, tok.start_pos, tok.end_pos = kind, value, start, pos  # type: ignore[assignment]
        tok.line, tok.column, tok.end_line, tok.end_column = line, col, line, col + len(value)
        yield tok
        first = at_start = False
        after_number = kind == "NUMBER"


def _token(kind: str, value: str, start: int, line: int, col: int, end_line: int, end_col: int,
           end: int) -> Token:
    """``Token(kind, value, start, line, col, end_line, end_col, end)`` without its keyword
    handling and deprecation checks: a third of the cost, the same object.

    >>> t = _token("NAME", "AB", 0, 1, 1, 1, 3, 2)
    >>> t == Token("NAME", "AB", 0, 1, 1, 1, 3, 2), (t.type, t.line, t.column, t.end_column, t.end_pos)
    (True, ('NAME', 1, 1, 3, 2))
    """
    tok = _new_str(Token, value)
    tok.type, tok.value, tok.start_pos, tok.end_pos = kind, value, start, end
    tok.line, tok.column, tok.end_line, tok.end_column = line, col, end_line, end_col
    return tok


_new_str = str.__new__


def _word(value: str, first: bool, at_start: bool, after_number: bool) -> str:
    if first and value in _HEADER_WORDS:
        return _HEADER_WORDS[value]
    if at_start and value in _STATEMENT_WORDS:
        return _STATEMENT_WORDS[value]
    if after_number and value == "deg":
        return "DEG"
    return "NAME"
