"""The grammar in other notations, generated from ``recode.lark``: GBNF (llama.cpp, vLLM's
xgrammar) and W3C-style EBNF, for grammar-constrained decoding and for readers.

``gbnf()`` and ``ebnf()`` read the Lark grammar with Lark's own grammar loader and write it out
character by character (these notations have no lexer):

- terminals become rules; their regular expressions are translated from Python's own regex
  parse (literals, classes, repeats, groups, alternatives); look-arounds are dropped, so the
  exported language is a little wider there (``30 degx`` is one more way to read ``30 deg x``);
- what Lark ignores between tokens (spaces, comments) becomes a ``ws`` rule after every token;
  inside brackets it also takes newlines (``wsb``), as the lexer drops newlines there: rules
  used inside brackets get an ``-in`` twin;
- left recursion (``sum: sum ADD_OP product``), which Lark's LALR parser likes and llama.cpp
  refuses, becomes repetition (``sum ::= product (ADD_OP product)*``).

Every reply is still parsed by the real parser; the exported grammar only has to accept every
program it accepts (a test checks it on every example) and to keep the model near the language.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import Any

try:  # Python's regex parser: re._parser from 3.11, sre_parse before
    from re import _parser as sre_parse  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover
    import sre_parse  # type: ignore[no-redef]

# -- a small grammar IR ----------------------------------------------------------------------


@dataclass(frozen=True)
class Lit:
    text: str


@dataclass(frozen=True)
class Cls:
    ranges: tuple[tuple[int, int], ...]
    negated: bool = False


@dataclass(frozen=True)
class Ref:
    name: str
    terminal: bool = False


@dataclass(frozen=True)
class Seq:
    items: tuple[Node, ...]


@dataclass(frozen=True)
class Alt:
    items: tuple[Node, ...]


@dataclass(frozen=True)
class Rep:
    item: Node
    op: str  # "*", "+" or "?"


Node = Lit | Cls | Ref | Seq | Alt | Rep

OPEN, CLOSE = {"(", "["}, {")", "]"}


@dataclass
class Grammar:
    start: str
    rules: dict[str, Node]  # parser rules
    terminals: dict[str, Node]  # lexer terminals (character level)
    literal: dict[str, str]  # terminals that are one fixed string: their text
    ignore: tuple[str, ...]


# -- reading the Lark grammar ----------------------------------------------------------------


def _lark_string(token: str) -> str:
    """The text of a Lark string literal such as ``"let"`` (flags after the quote dropped)."""
    body = token[1:token.rindex('"')]
    return re.sub(r"\\(.)", lambda m: {"n": "\n", "t": "\t", "r": "\r"}.get(m.group(1), m.group(1)), body)


def _tree(t: Any) -> Node:
    from lark import Token, Tree
    from lark.grammar import NonTerminal, Terminal

    if isinstance(t, Terminal):
        return Ref(t.name, terminal=True)
    if isinstance(t, NonTerminal):
        return Ref(t.name)
    if isinstance(t, Token):
        if t.type == "STRING":
            return Lit(_lark_string(str(t)))
        if t.type == "REGEXP":
            text = str(t)
            return regex(text[1:text.rindex("/")])
        raise ValueError(f"unexpected token {t.type} in the grammar")
    assert isinstance(t, Tree)
    kids = [k for k in t.children if not (isinstance(k, Token) and k.type in ("OP", "RULE", "TERMINAL"))]
    if t.data == "expansions":
        items = tuple(_tree(k) for k in kids)
        return items[0] if len(items) == 1 else Alt(items)
    if t.data == "expansion":
        items = tuple(_tree(k) for k in kids)
        return items[0] if len(items) == 1 else Seq(items)
    if t.data == "alias":
        return _tree(t.children[0])
    if t.data == "expr":
        op = next(str(k) for k in t.children if isinstance(k, Token) and k.type == "OP")
        if op not in ("*", "+", "?"):
            raise ValueError(f"unsupported repeat {op!r} in the grammar")
        return Rep(_tree(t.children[0]), op)
    if t.data == "maybe":
        return Rep(_tree(t.children[0]), "?")
    if t.data in ("value", "literal"):
        return _tree(t.children[0])
    raise ValueError(f"unsupported grammar construct {t.data!r}")


def regex(pattern: str) -> Node:
    """A Python regular expression as a grammar node (look-arounds and anchors dropped).

    >>> regex("[a-c]x?")
    Seq(items=(Cls(ranges=((97, 99),), negated=False), Rep(item=Lit(text='x'), op='?')))
    """
    return _sre(sre_parse.parse(pattern))


def _sre(parsed: Any) -> Node:
    items: list[Node] = []
    for op, av in parsed:
        node = _sre_op(str(op), av)
        if isinstance(node, Lit) and items and isinstance(items[-1], Lit):
            items[-1] = Lit(items[-1].text + node.text)  # "d" "e" "g" -> "deg"
        elif node is not None:
            items.append(node)
    return items[0] if len(items) == 1 else Seq(tuple(items))


_CATEGORIES = {"CATEGORY_DIGIT": ((48, 57),), "CATEGORY_SPACE": ((9, 13), (32, 32)),
               "CATEGORY_WORD": ((48, 57), (65, 90), (95, 95), (97, 122))}


def _sre_op(op: str, av: Any) -> Node | None:
    if op == "LITERAL":
        return Lit(chr(av))
    if op == "NOT_LITERAL":
        return Cls(((av, av),), True)
    if op == "ANY":
        return Cls(((10, 10),), True)
    if op == "IN":
        negated = False
        ranges: list[tuple[int, int]] = []
        for kind, value in av:
            kind = str(kind)
            if kind == "NEGATE":
                negated = True
            elif kind == "LITERAL":
                ranges.append((value, value))
            elif kind == "RANGE":
                ranges.append(tuple(value))  # type: ignore[arg-type]
            elif kind == "CATEGORY" and str(value) in _CATEGORIES:
                ranges.extend(_CATEGORIES[str(value)])
            else:
                raise ValueError(f"unsupported character class item {kind} {value}")
        return Cls(tuple(ranges), negated)
    if op in ("MAX_REPEAT", "MIN_REPEAT"):
        lo, hi, sub = av
        item = _sre(sub)
        unbounded = hi == sre_parse.MAXREPEAT
        if (lo, unbounded) == (0, True):
            return Rep(item, "*")
        if (lo, unbounded) == (1, True):
            return Rep(item, "+")
        if (lo, hi) == (0, 1):
            return Rep(item, "?")
        tail: list[Node] = [Rep(item, "*")] if unbounded else [Rep(item, "?")] * (hi - lo)
        return Seq(tuple([item] * lo + tail))
    if op == "SUBPATTERN":
        return _sre(av[-1])
    if op == "BRANCH":
        return Alt(tuple(_sre(alt) for alt in av[1]))
    if op in ("ASSERT_NOT", "ASSERT", "AT"):
        return None
    raise ValueError(f"unsupported regular expression construct {op}")


@cache
def load(start: str = "start") -> Grammar:
    """The package grammar in the IR."""
    from lark.load_grammar import GrammarBuilder

    from recode_dsl.grammar import grammar_text

    builder = GrammarBuilder()
    builder.load_grammar(grammar_text(), "recode.lark")
    rules: dict[str, Node] = {}
    terminals: dict[str, Node] = {}
    for name, definition in builder._definitions.items():
        node = _tree(definition.tree)
        (terminals if definition.is_term else rules)[name] = node
    literal = {name: node.text for name, node in terminals.items() if isinstance(node, Lit)}
    return Grammar(start, rules, terminals, literal, tuple(builder._ignore_names))


# -- rewriting: left recursion, contexts -----------------------------------------------------


def _left_recursion(name: str, node: Node) -> Node:
    """``R: R a | R b | c`` as ``R: c (a | b)*`` (immediate left recursion only)."""
    alts = node.items if isinstance(node, Alt) else (node,)
    tails, bases = [], []
    for alt in alts:
        items = alt.items if isinstance(alt, Seq) else (alt,)
        if items and items[0] == Ref(name):
            rest = items[1:]
            tails.append(rest[0] if len(rest) == 1 else Seq(rest))
        else:
            bases.append(alt)
    if not tails:
        return node
    if not bases:
        raise ValueError(f"rule {name} only recurses")
    base = bases[0] if len(bases) == 1 else Alt(tuple(bases))
    tail = tails[0] if len(tails) == 1 else Alt(tuple(tails))
    return Seq((base, Rep(tail, "*")))


def _first_refs(node: Node) -> set[str]:
    if isinstance(node, Ref) and not node.terminal:
        return {node.name}
    if isinstance(node, Seq):
        return _first_refs(node.items[0]) if node.items else set()
    if isinstance(node, Alt):
        return set().union(*(_first_refs(i) for i in node.items))
    if isinstance(node, Rep):
        return _first_refs(node.item)
    return set()


def _check_no_left_recursion(rules: dict[str, Node]) -> None:
    for name in rules:
        seen: set[str] = set()
        todo = list(_first_refs(rules[name]))
        while todo:
            other = todo.pop()
            if other == name:
                raise ValueError(f"rule {name} is left-recursive through other rules")
            if other not in seen and other in rules:
                seen.add(other)
                todo.extend(_first_refs(rules[other]))


# -- writing ---------------------------------------------------------------------------------


class _Writer:
    """Writes the grammar in one notation; subclasses say how literals, classes and names look."""

    assign = "::="
    comment = "#"

    def __init__(self, g: Grammar) -> None:
        self.g = g
        self.rules = {n: _left_recursion(n, r) for n, r in g.rules.items()}
        _check_no_left_recursion(self.rules)
        self.wanted: list[tuple[str, bool]] = [(g.start, False)]
        self.done: set[tuple[str, bool]] = set()

    # notation hooks
    def lit(self, text: str) -> str:
        raise NotImplementedError

    def cls(self, node: Cls) -> str:
        raise NotImplementedError

    def rule_name(self, name: str, inside: bool) -> str:
        raise NotImplementedError

    def term_name(self, name: str) -> str:
        raise NotImplementedError

    def ws_names(self) -> tuple[str, str]:
        raise NotImplementedError

    # structure
    def expr(self, node: Node, inside: bool, top: bool = False) -> str:
        if isinstance(node, Lit):
            return self.lit(node.text) + " " + self.ws_names()[inside or node.text in OPEN]
        if isinstance(node, Cls):
            return self.cls(node)
        if isinstance(node, Ref):
            if node.terminal:
                opens = self.g.literal.get(node.name) in OPEN
                return f"{self.term_name(node.name)} {self.ws_names()[inside or opens]}"
            if (node.name, inside) not in self.done:
                self.wanted.append((node.name, inside))
            return self.rule_name(node.name, inside)
        if isinstance(node, Seq):
            parts, depth = [], 0
            for item in node.items:
                text = self._bracket(item)
                if text in CLOSE:
                    depth -= 1
                parts.append(self.expr(item, inside or depth > 0 or text in OPEN))
                if text in OPEN:
                    depth += 1
            return " ".join(parts)
        if isinstance(node, Alt):
            body = " | ".join(self.expr(i, inside) for i in node.items)
            return body if top else f"({body})"
        if isinstance(node, Rep):
            inner = self.expr(node.item, inside)
            simple = isinstance(node.item, (Lit, Cls, Ref)) and " " not in inner
            return f"{inner if simple else '(' + inner + ')'}{node.op}"
        raise TypeError(node)

    def _bracket(self, node: Node) -> str | None:
        if isinstance(node, Lit):
            return node.text
        if isinstance(node, Ref) and node.terminal:
            return self.g.literal.get(node.name)
        return None

    def char_expr(self, node: Node) -> str:
        """A terminal's body: characters only, no whitespace between them."""
        if isinstance(node, Lit):
            return self.lit(node.text)
        if isinstance(node, Cls):
            return self.cls(node)
        if isinstance(node, Seq):
            return " ".join(self.char_expr(i) for i in node.items)
        if isinstance(node, Alt):
            return "(" + " | ".join(self.char_expr(i) for i in node.items) + ")"
        if isinstance(node, Rep):
            inner = self.char_expr(node.item)
            simple = isinstance(node.item, (Lit, Cls))
            return f"{inner if simple else '(' + inner + ')'}{node.op}"
        raise TypeError(node)

    def write(self) -> str:
        ws, wsb = self.ws_names()
        lines = [f"{self.comment} recode-dsl grammar, generated from recode_dsl/grammar/recode.lark "
                 "(recode-dsl reference --grammar)"]
        root = self.rule_name("root", False)
        lines.append(f"{root} {self.assign} {ws} {self.rule_name(self.g.start, False)}")
        body: list[str] = []
        while self.wanted:
            name, inside = self.wanted.pop(0)
            if (name, inside) in self.done:
                continue
            self.done.add((name, inside))
            body.append(f"{self.rule_name(name, inside)} {self.assign} {self.expr(self.rules[name], inside, True)}")
        lines += body
        used_terms = sorted(self.g.terminals.keys() - set(self.g.ignore))
        for name in used_terms:
            node = self.g.terminals[name]
            text = self.char_expr(node.items[0] if isinstance(node, Alt) and len(node.items) == 1 else node)
            if isinstance(node, Alt):
                text = " | ".join(self.char_expr(i) for i in node.items)
            lines.append(f"{self.term_name(name)} {self.assign} {text}")
        space = Cls(((9, 9), (12, 12), (32, 32)))
        space_nl = Cls(((9, 10), (12, 13), (32, 32)))
        comment = f"{self.lit('#')} {self.cls(Cls(((10, 10),), True))}*"
        lines.append(f"{ws} {self.assign} {self.cls(space)}* ({comment})?")
        lines.append(f"{wsb} {self.assign} ({self.cls(space_nl)} | {comment})*")
        return "\n".join(lines) + "\n"


class _Gbnf(_Writer):
    def lit(self, text: str) -> str:
        out = []
        for ch in text:
            if ch in '"\\':
                out.append("\\" + ch)
            elif ch == "\n":
                out.append("\\n")
            elif ch == "\r":
                out.append("\\r")
            elif ch == "\t":
                out.append("\\t")
            elif ord(ch) < 32 or ord(ch) == 127:
                out.append(f"\\x{ord(ch):02X}")
            else:
                out.append(ch)
        return '"' + "".join(out) + '"'

    def _ch(self, code: int) -> str:
        ch = chr(code)
        if ch in "]\\^-[":
            return "\\" + ch
        if code < 32 or code == 127:
            return {10: "\\n", 13: "\\r", 9: "\\t"}.get(code, f"\\x{code:02X}")
        return ch

    def cls(self, node: Cls) -> str:
        body = "".join(self._ch(a) if a == b else f"{self._ch(a)}-{self._ch(b)}" for a, b in node.ranges)
        return f"[{'^' if node.negated else ''}{body}]"

    def rule_name(self, name: str, inside: bool) -> str:
        return name.strip("_").replace("_", "-") + ("-in" if inside else "")

    def term_name(self, name: str) -> str:
        return "t-" + name.strip("_").lower().replace("_", "-")

    def ws_names(self) -> tuple[str, str]:
        return ("ws", "wsb")


class _Ebnf(_Writer):
    """W3C EBNF (the XML specification's notation): ``#xN`` characters, quoted strings."""

    comment = "/*"

    def write(self) -> str:
        text = super().write()
        first, rest = text.split("\n", 1)
        return first + " */\n" + rest

    def lit(self, text: str) -> str:
        parts: list[str] = []
        run = ""
        for ch in text:
            if 32 <= ord(ch) < 127 and ch != '"':
                run += ch
                continue
            if run:
                parts.append(f'"{run}"')
                run = ""
            parts.append(f"#x{ord(ch):X}")
        if run:
            parts.append(f'"{run}"')
        return parts[0] if len(parts) == 1 else "(" + " ".join(parts) + ")"

    def _ch(self, code: int) -> str:
        return chr(code) if chr(code).isalnum() and code < 128 else f"#x{code:X}"

    def cls(self, node: Cls) -> str:
        body = "".join(self._ch(a) if a == b else f"{self._ch(a)}-{self._ch(b)}" for a, b in node.ranges)
        return f"[{'^' if node.negated else ''}{body}]"

    def rule_name(self, name: str, inside: bool) -> str:
        return name.strip("_") + ("_in" if inside else "")

    def term_name(self, name: str) -> str:
        return name.strip("_").upper()

    def ws_names(self) -> tuple[str, str]:
        return ("WS", "WS_IN")


@cache
def gbnf() -> str:
    """The grammar in GBNF (llama.cpp's ``grammar`` field; vLLM's xgrammar reads it too)."""
    return _Gbnf(load()).write()


@cache
def ebnf() -> str:
    """The grammar in W3C-style EBNF."""
    return _Ebnf(load()).write()


def lark() -> str:
    """The grammar as the package has it."""
    from recode_dsl.grammar import grammar_text

    return grammar_text()


FORMATS: dict[str, Callable[[], str]] = {"lark": lark, "gbnf": gbnf, "ebnf": ebnf}
