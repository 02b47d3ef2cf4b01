"""An asked shape the annotation left unnamed, when the forms leave one choice: the one whose area is not given.

``Find(AreaOf(Green(Pentagon($))))`` with ``Similar(Pentagon(A, D, C, B, O), Pentagon(F, G, H, I, J))``
and ``Equals(AreaOf(Pentagon(A, D, C, B, O)), 1050)``: of the pentagons the forms name, one has
its area given and one does not; a question about the area of a pentagon asks the one it does
not know. With no shape of that kind named, more than one without an area, or none with an area
given, the form stays as it was.
"""

from __future__ import annotations

from collections.abc import Sequence

from recode_dsl.interop.geometry3k.pattern import Call, Item, Name, Node, Placeholder, args_of, as_form, calls, head

KINDS = ("Triangle", "Quadrilateral", "Pentagon", "Hexagon", "Heptagon", "Octagon", "Polygon", "Parallelogram",
         "Rectangle", "Square", "Rhombus", "Trapezoid", "Kite")


def name_asked_shape(forms: Sequence[Item], others: Sequence[Item]) -> list[Item]:
    """``forms`` with a Find about the area of ``Kind($)`` naming the one shape of that kind whose
    area no form gives.

    >>> from recode_dsl.interop.geometry3k.parse import read, shown
    >>> forms = [read("Similar(Triangle(A,B,C),Triangle(D,E,F))"), read("Equals(AreaOf(Triangle(A,B,C)),8)"),
    ...          read("Find(AreaOf(Red(Triangle($))))")]
    >>> shown(name_asked_shape(forms, [])[-1])
    'Find(AreaOf(Triangle(D, E, F)))'
    """
    out = []
    every = [*forms, *others]
    for form in forms:
        kind = _asked_kind(form)
        shape = _the_unknown(kind, every) if kind is not None else None
        out.append(form if shape is None else as_form(Call("Find", (Call("AreaOf", (shape,)),))))
    return out


def _asked_kind(form: Item) -> str | None:
    """Kind of ``Find(AreaOf(Kind($)))`` or ``Find(AreaOf(Colour(Kind($))))``."""
    find = head(form, "Find")
    if find is None or len(find.args) != 1 or not (isinstance(area := find.args[0], Call) and area.name == "AreaOf"
                                                   and len(area.args) == 1):
        return None
    shape = area.args[0]
    if isinstance(shape, Call) and len(shape.args) == 1 and _colour(shape.name) and _unnamed(shape.args[0]):
        shape = shape.args[0]  # Green(Pentagon($))
    return shape.name if isinstance(shape, Call) and _unnamed(shape) else None


def _unnamed(node: Node) -> bool:
    """``Kind($)``."""
    return isinstance(node, Call) and node.name in KINDS and node.args == (Placeholder("$"),)


def _colour(name: str) -> bool:
    """A colour's name as the annotation writes it: ``Green``, ``Red``."""
    return name[:1].isascii() and name[:1].isupper() and name[1:].isascii() and name[1:].isalpha() \
        and name[1:].islower()


def _the_unknown(kind: str, forms: Sequence[Item]) -> Node | None:
    named: dict[frozenset[str], Node] = {}
    given: set[frozenset[str]] = set()
    for form in forms:
        for c in calls(form):
            pts = args_of(c, kind)
            if pts is not None:
                named[frozenset(pts)] = Call(kind, tuple(Name(p) for p in pts))
            if c.name == "Equals" and len(c.args) >= 2 and isinstance(c.args[0], Call) \
                    and c.args[0].name == "AreaOf" and len(c.args[0].args) == 1:
                shown = args_of(c.args[0].args[0], kind)
                if shown is not None:
                    given.add(frozenset(shown))
    unknown = [node for key, node in named.items() if key not in given]
    return unknown[0] if len(unknown) == 1 and given & set(named) else None
