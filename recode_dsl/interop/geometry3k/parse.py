"""Read one Geometry3K logic form into a small tree: calls, names, numbers and arithmetic.

The grammar is ``logicform.lark`` beside this module (LALR). Nothing is evaluated: numbers stay the
text the annotator wrote, LaTeX (``\\sqrt{3}``, ``\\frac{1}{2}``, ``\\pi``) becomes operator nodes.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from importlib import resources

from lark import Lark, Token, Transformer, Tree, UnexpectedInput, v_args

from recode_dsl import limits


@dataclass(frozen=True, slots=True)
class Call:
    """``Name(arg, ...)``: a predicate, a shape or a function."""

    name: str
    args: tuple[Node, ...]


@dataclass(frozen=True, slots=True)
class Name:
    """A bare name: a point, a variable, a circle's radius id, a theorem name."""

    id: str


@dataclass(frozen=True, slots=True)
class Num:
    """A number exactly as written, e.g. ``11.1``."""

    text: str


@dataclass(frozen=True, slots=True)
class Placeholder:
    """An unresolved ``$`` or ``$1`` of the annotation."""

    text: str


@dataclass(frozen=True, slots=True)
class Op:
    """Arithmetic: add sub mul div jux (juxtaposition) neg pow sqrt frac pi angle_label."""

    op: str
    args: tuple[Node, ...]


Node = Call | Name | Num | Placeholder | Op


@dataclass(frozen=True, slots=True)
class Form:
    """A parsed form: usually one term; ``join`` is "and" or "at" for the two joined shapes in the data.

    ``written`` is the form as the record writes it, kept for messages only (a form a repair builds
    has none); two forms are equal when their trees are.
    """

    terms: tuple[Node, ...]
    join: str | None = None
    written: str = field(default="", compare=False)
    calls: tuple[Call, ...] = field(default=(), init=False, repr=False, compare=False)  # in written order
    names: frozenset[str] = field(default=frozenset(), init=False, repr=False, compare=False)  # every Name's id

    def __post_init__(self) -> None:
        """Walk the tree once: the repairs ask for its calls and names many times."""
        found: list[Call] = []
        names: set[str] = set()
        stack: list[Node] = list(reversed(self.terms))
        while stack:
            node = stack.pop()
            if isinstance(node, Call):
                found.append(node)
                stack.extend(reversed(node.args))
            elif isinstance(node, Op):
                stack.extend(reversed(node.args))
            elif isinstance(node, Name):
                names.add(node.id)
        object.__setattr__(self, "calls", tuple(found))
        object.__setattr__(self, "names", frozenset(names))


@dataclass(frozen=True, slots=True)
class Unread:
    """A form of the record that does not parse: its text and why (reported where it is translated)."""

    text: str
    error: FormSyntaxError = field(compare=False)


Item = Form | Unread
"""A form as the importer holds it: parsed, or the text that does not parse."""


class FormSyntaxError(ValueError):
    """A form that is not well formed; ``col`` is 1-based."""

    def __init__(self, col: int, found: str) -> None:
        super().__init__(f"column {col}: {found}")
        self.col = col
        self.found = found


@v_args(inline=True)
class _ToNodes(Transformer):  # type: ignore[type-arg]
    def form(self, t: Node) -> Form:
        return Form((t,))

    def and_form(self, a: Node, b: Node) -> Form:
        return Form((a, b), "and")

    def at_form(self, a: Node, b: Node) -> Form:
        return Form((a, b), "at")

    def call(self, func: Token, *args: Node | None) -> Call:
        return Call(str(func), tuple(a for a in args if a is not None))

    def name(self, tok: Token) -> Name:
        return Name(str(tok))

    def num(self, tok: Token) -> Num:
        return Num(str(tok))

    def placeholder(self, tok: Token) -> Placeholder:
        return Placeholder(str(tok))

    def pi(self) -> Op:
        return Op("pi", ())

    def __default__(self, data: str, children: list[Node], meta: object) -> Op:
        return Op(str(data), tuple(children))


@functools.lru_cache(maxsize=1)
def _parser() -> Lark:
    text = resources.files("recode_dsl.interop.geometry3k").joinpath("logicform.lark").read_text(encoding="utf-8")
    return Lark(text, parser="lalr", maybe_placeholders=True)


def parse_form(text: str) -> Form:
    """Parse one logic form, or raise ``FormSyntaxError`` with the column of the trouble.

    >>> parse_form("Equals(LengthOf(Line(A, B)), 5)").terms[0].name
    'Equals'
    """
    try:
        tree = _parser().parse(text)
    except UnexpectedInput as err:
        col = int(getattr(err, "column", 0) or 0)
        found = _describe(err, text, col)
        raise FormSyntaxError(max(col, 1), found) from None
    deep = _too_deep(tree, limits.MAX_IMPORT_DEPTH)
    if deep is not None:
        raise FormSyntaxError(deep, f"nested more than {limits.MAX_IMPORT_DEPTH} levels deep")
    form = _ToNodes().transform(tree)
    assert isinstance(form, Form)
    return form


def _too_deep(tree: Tree[Token], limit: int) -> int | None:
    """The 1-based column of the first token below ``limit`` levels of the tree, or None when the
    tree is shallower. Without parentheses a form nests too: a run of signs (``- - - x``), a long
    sum (``1+1+...``, left-deep) or juxtaposed names; everything after the parser recurses, so the
    depth is checked here, without recursion.

    >>> _too_deep(_parser().parse("Equals(x, " + "-" * 70 + "1)"), 64)  # the operand under the 64th sign
    81
    >>> _too_deep(_parser().parse("Equals(LengthOf(Line(A, B)), 3)"), 64) is None
    True
    """
    stack: list[tuple[Tree[Token] | Token, int]] = [(tree, 1)]
    while stack:
        node, depth = stack.pop()
        if not isinstance(node, Tree):
            continue
        if depth > limit:
            return _first_column(node)
        stack.extend((child, depth + 1) for child in node.children if child is not None)
    return None


def _first_column(tree: Tree[Token]) -> int:
    """The column of the leftmost token under ``tree`` (1 when it holds none), found without recursion."""
    stack: list[Tree[Token] | Token] = [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, Token):
            return int(node.column or 1)
        if isinstance(node, Tree):
            stack.extend(reversed([c for c in node.children if c is not None]))
    return 1


def read(text: str) -> Item:
    """The form parsed once, remembering how it was written, or the text with why it does not parse.

    >>> read("Line(A,B)") == read("Line(A, B)"), read("Line(A,B)").written
    (True, 'Line(A,B)')
    >>> read("Line(A,").error.found
    'the form ends too early'
    """
    try:
        form = parse_form(text)
    except FormSyntaxError as err:
        return Unread(text, err)
    return Form(form.terms, form.join, text)


def shown(item: Item) -> str:
    """The form's text for a message: as written, or (built by a repair) in logic-form syntax.

    >>> shown(Form((Call("Line", (Name("A"), Name("B"))),)))
    'Line(A, B)'
    """
    if isinstance(item, Unread):
        return item.text
    if item.written:
        return item.written
    return f" {item.join} ".join(unparse(t) for t in item.terms)


def _describe(err: UnexpectedInput, text: str, col: int) -> str:
    token = getattr(err, "token", None)
    if token is not None and getattr(token, "type", "") == "$END":
        return "the form ends too early"
    rest = text[col - 1:].strip() if col else text
    return f"unexpected {rest[:12]!r}" if rest else "the form ends too early"


_INFIX = {"add": ("+", 1), "sub": ("-", 1), "mul": ("*", 2), "div": ("/", 2), "jux": ("", 2)}
_ATOM = 5  # binding of a name, number, call or LaTeX group; a power binds at 4, a negation at 3


def unparse(node: Node) -> str:
    r"""The node written back in logic-form syntax (for messages); parsing it gives the node again.

    >>> unparse(parse_form("Line(A,B)").terms[0])
    'Line(A, B)'
    >>> unparse(parse_form("Equals(x, 360-(2x+\\frac{1}{2}))").terms[0])
    'Equals(x, 360-(2x+\\frac{1}{2}))'
    """
    return _written(node)[0]


def _written(node: Node) -> tuple[str, int]:
    """The node's text and how tightly it binds (1 a sum, 2 a product, 3 a negation, 4 a power, 5 an atom)."""
    if isinstance(node, Call):
        return f"{node.name}({', '.join(unparse(a) for a in node.args)})", _ATOM
    if isinstance(node, Name):
        return node.id, _ATOM
    if isinstance(node, (Num, Placeholder)):
        return node.text, _ATOM
    args = [_written(a) for a in node.args]
    if node.op in _INFIX and len(args) == 2:
        sign, level = _INFIX[node.op]
        right_level = 4 if node.op == "jux" else level + 1  # 2x: the right of a juxtaposition is a power
        return f"{_at(args[0], level)}{sign}{_at(args[1], right_level)}", level
    if node.op == "neg" and len(args) == 1:
        return f"-{_at(args[0], 3)}", 3
    if node.op == "pow" and len(args) == 2:
        return f"{_at(args[0], _ATOM)}^{{{args[1][0]}}}", 4
    if node.op == "sqrt" and len(args) == 1:
        return f"\\sqrt{{{args[0][0]}}}", _ATOM
    if node.op == "frac" and len(args) == 2:
        return f"\\frac{{{args[0][0]}}}{{{args[1][0]}}}", _ATOM
    if node.op == "pi" and not args:
        return "\\pi", _ATOM
    if node.op == "angle_label" and len(args) == 1:
        return f"angle {args[0][0]}", 1  # "angle" takes a whole sum: bracketed inside anything else
    return f"{node.op}({', '.join(text for text, _ in args)})", _ATOM


def _at(written: tuple[str, int], level: int) -> str:
    """The text, bracketed when it binds less tightly than ``level`` needs."""
    text, binds = written
    return text if binds >= level else f"({text})"
