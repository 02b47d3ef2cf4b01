"""Patterns over parsed logic forms: what the repairs match and how they rebuild a form.

A repair reads a form's tree (``parse.Form``), never its text: ``point`` says whether a node is a
point name, ``args_of`` whether a call is ``Line(A, B)`` and with which points, ``calls`` walks
every call of a form in the order it is written, and ``rewrite`` rebuilds a form with some of its
calls replaced. A form that does not parse (``parse.Unread``) matches no pattern and is never
rewritten.

>>> from recode_dsl.interop.geometry3k.parse import read
>>> form = read("Equals(LengthOf(Line(A, B)), 5)")
>>> [args_of(c, "Line", 2) for c in calls(form)]
[None, None, ('A', 'B')]
>>> shown(rewrite(form, lambda c: Call("Line", (c.args[1], c.args[0])) if c.name == "Line" else None))
'Equals(LengthOf(Line(B, A)), 5)'
"""

from __future__ import annotations

from collections.abc import Callable, Container, Iterable, Mapping

from recode_dsl.interop.geometry3k.parse import Call, Form, Item, Name, Node, Num, Op, Placeholder, Unread, shown

__all__ = ["Call", "CIRCLE", "Form", "Item", "Name", "Node", "Num", "Op", "Placeholder", "Unread", "args_of",
           "as_form", "calls", "circle_of", "first", "head", "is_find", "is_point", "named_points", "names",
           "on_circle", "on_line", "point", "rename", "rewrite", "shown", "split_points", "two", "word"]

CIRCLE = ("Circle", "Cirle")  # "Cirle" is a misspelling some forms carry


_CAPITALS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ")


def is_point(ident: str) -> bool:
    """A point's name: a capital letter with any primes (``A``, ``B'``)."""
    return bool(ident) and ident[0] in _CAPITALS and ident.count("'") == len(ident) - 1


def point(node: Node) -> str | None:
    """The point a node names (a capital letter with any primes: ``A``, ``B'``), else None."""
    return node.id if isinstance(node, Name) and is_point(node.id) else None


def args_of(node: Node, funcs: str | Container[str], n: int | None = None) -> tuple[str, ...] | None:
    """The points of ``F(P, Q, ...)`` when ``node`` calls ``funcs`` (a name, or one of several) with only
    points (``n`` of them when given, at least two otherwise), else None."""
    if not isinstance(node, Call) or not (node.name == funcs if isinstance(funcs, str) else node.name in funcs):
        return None
    pts = tuple(a.id for a in node.args if isinstance(a, Name) and is_point(a.id))
    if len(pts) != len(node.args) or (len(pts) != n if n is not None else len(pts) < 2):
        return None
    return pts


def two(node: Node, funcs: str | Container[str]) -> tuple[str, str] | None:
    """The two points of ``Line(A, B)`` (of a call of ``funcs`` with two points), else None."""
    pts = args_of(node, funcs, 2)
    return None if pts is None else (pts[0], pts[1])


def circle_of(node: Node) -> tuple[str, str] | None:
    """``Circle(O)`` or ``Circle(O, radius_0_0)`` (or ``Cirle``): (centre, radius id or "")."""
    if not isinstance(node, Call) or node.name not in CIRCLE or not 1 <= len(node.args) <= 2:
        return None
    centre = point(node.args[0])
    if centre is None:
        return None
    if len(node.args) == 1:
        return centre, ""
    rid = node.args[1]
    return (centre, rid.id) if isinstance(rid, Name) else (centre, rid.text) if isinstance(rid, Num) else None


def on_circle(node: Node) -> tuple[str, str, str] | None:
    """``PointLiesOnCircle(P, Circle(O, radius_0_0))``: (point, centre, radius id or "")."""
    if not isinstance(node, Call) or node.name != "PointLiesOnCircle" or len(node.args) < 2:
        return None
    p, circle = point(node.args[0]), circle_of(node.args[1])
    return None if p is None or circle is None else (p, *circle)


def on_line(node: Node) -> tuple[str, str, str] | None:
    """``PointLiesOnLine(P, Line(A, B))``: (point, A, B)."""
    if not isinstance(node, Call) or node.name != "PointLiesOnLine" or len(node.args) < 2:
        return None
    p, line = point(node.args[0]), two(node.args[1], "Line")
    return None if p is None or line is None else (p, line[0], line[1])


def split_points(text: str) -> tuple[str, ...] | None:
    """A run of point names as the data writes drawn segments (``"AB"``, ``"A'B"``), else None.

    >>> split_points("A'B"), split_points("Ab")
    (("A'", 'B'), None)
    """
    out: list[str] = []
    for ch in text:
        if ch == "'" and out:
            out[-1] += ch
        elif ch.isascii() and ch.isupper():
            out.append(ch)
        else:
            return None
    return tuple(out) if out else None


def is_find(item: Item) -> bool:
    """A question's ``Find...(...)`` form (one that does not parse still counts by its first word)."""
    if isinstance(item, Unread):
        return item.text.lstrip().startswith("Find")
    return isinstance(item.terms[0], Call) and item.terms[0].name.startswith("Find")


def word(node: Node) -> str | None:
    """A name or a whole number as written (``x``, ``6``): an angle's label, a radius id."""
    if isinstance(node, Name):
        return node.id
    if isinstance(node, Num) and node.text.isdigit():
        return node.text
    return None


def first(item: Item) -> Call | None:
    """The form's first call (of "F(...) and G(...)", F)."""
    if isinstance(item, Form) and item.terms and isinstance(item.terms[0], Call):
        return item.terms[0]
    return None


def head(item: Item, name: str | None = None) -> Call | None:
    """The form's call when the form is one call (of ``name``, when given)."""
    if isinstance(item, Form) and item.join is None and isinstance(item.terms[0], Call) \
            and (name is None or item.terms[0].name == name):
        return item.terms[0]
    return None


def as_form(node: Node) -> Form:
    """A form a repair builds from one call."""
    return Form((node,))


def calls(item: Item | Node) -> tuple[Call, ...]:
    """Every call of a form (or node), in the order it is written (a call before its arguments)."""
    if isinstance(item, Unread):
        return ()
    return item.calls if isinstance(item, Form) else Form((item,)).calls


def names(item: Item) -> frozenset[str]:
    """Every name the form uses (points, variables, radius ids), anywhere in it."""
    return frozenset() if isinstance(item, Unread) else item.names


def named_points(items: Iterable[Item]) -> set[str]:
    """Every point name the forms use."""
    return {n for item in items for n in names(item) if is_point(n)}


def _rebuilt(node: Node, fn: Callable[[Call], Node | None]) -> Node:
    if isinstance(node, Call):
        new = fn(node)
        if new is not None:
            return new  # a replaced call is not looked into again
        args = tuple(_rebuilt(a, fn) for a in node.args)
        return node if args == node.args else Call(node.name, args)
    if isinstance(node, Op):
        args = tuple(_rebuilt(a, fn) for a in node.args)
        return node if args == node.args else Op(node.op, args)
    return node


def rewrite(item: Item, fn: Callable[[Call], Node | None]) -> Item:
    """The form with each call for which ``fn`` gives a node replaced by it (outermost first; a
    replaced call's arguments are not visited); the same form when nothing changes."""
    if isinstance(item, Unread) or all(fn(c) is None for c in item.calls):
        return item
    terms = tuple(_rebuilt(t, fn) for t in item.terms)
    return item if terms == item.terms else Form(terms, item.join)


def rename(item: Item, mapping: Mapping[str, str]) -> Item:
    """The form with the point names of ``mapping`` replaced."""
    if not mapping or isinstance(item, Unread):
        return item

    def renamed(node: Node) -> Node:
        if isinstance(node, Name):
            return Name(mapping[node.id]) if point(node) is not None and node.id in mapping else node
        if isinstance(node, Call):
            return Call(node.name, tuple(renamed(a) for a in node.args))
        if isinstance(node, Op):
            return Op(node.op, tuple(renamed(a) for a in node.args))
        return node

    terms = tuple(renamed(t) for t in item.terms)
    return item if terms == item.terms else Form(terms, item.join)
