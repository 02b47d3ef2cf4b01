"""An asked shape the annotation left unnamed, when the forms leave one choice: the one whose area is not given.

``Find(AreaOf(Green(Pentagon($))))`` with ``Similar(Pentagon(A, D, C, B, O), Pentagon(F, G, H, I, J))``
and ``Equals(AreaOf(Pentagon(A, D, C, B, O)), 1050)``: of the pentagons the forms name, one has
its area given and one does not; a question about the area of a pentagon asks the one it does
not know. With no shape of that kind named, more than one without an area, or none with an area
given, the form stays as it was.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

_KINDS = "Triangle|Quadrilateral|Pentagon|Hexagon|Heptagon|Octagon|Polygon|Parallelogram|Rectangle|Square|" \
         "Rhombus|Trapezoid|Kite"
_ASKED = re.compile(rf"\s*Find\(\s*AreaOf\(\s*(?:([A-Z][a-z]+)\(\s*)?({_KINDS})\(\s*\$\s*\)\s*(\)?)\s*\)\s*\)\s*")
_NAMED = re.compile(rf"\b({_KINDS})\(\s*([A-Z]'*(?:\s*,\s*[A-Z]'*)+)\s*\)")
_GIVEN = re.compile(rf"Equals\(\s*AreaOf\(\s*({_KINDS})\(\s*([A-Z]'*(?:\s*,\s*[A-Z]'*)+)\s*\)\s*\)\s*,")


def name_asked_shape(forms: Sequence[str], others: Sequence[str]) -> list[str]:
    """``forms`` with a Find about the area of ``Kind($)`` naming the one shape of that kind whose
    area no form gives.

    >>> name_asked_shape(["Similar(Triangle(A,B,C),Triangle(D,E,F))", "Equals(AreaOf(Triangle(A,B,C)),8)",
    ...                   "Find(AreaOf(Red(Triangle($))))"], [])[-1]
    'Find(AreaOf(Triangle(D,E,F)))'
    """
    out = []
    every = [*forms, *others]
    for form in forms:
        m = _ASKED.fullmatch(form)
        shape = _the_unknown(m[2], every) if m and bool(m[1]) == bool(m[3]) else None
        out.append(form if shape is None else f"Find(AreaOf({shape}))")
    return out


def _the_unknown(kind: str, forms: Sequence[str]) -> str | None:
    named = {_key(m[2]): f"{kind}({_points(m[2])})" for f in forms for m in _NAMED.finditer(f) if m[1] == kind}
    given = {_key(m[2]) for f in forms for m in _GIVEN.finditer(f) if m[1] == kind}
    unknown = [text for key, text in named.items() if key not in given]
    return unknown[0] if len(unknown) == 1 and given & set(named) else None


def _points(text: str) -> str:
    return ",".join(p.strip() for p in text.split(","))


def _key(text: str) -> frozenset[str]:
    return frozenset(p.strip() for p in text.split(","))
