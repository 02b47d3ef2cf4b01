r"""Which polygon "all polygons that appear to be regular are regular" makes regular.

The instruction ``Regular(Polygon($))`` leaves the polygon to the reader: it is the figure's
outline, but only as far as it *appears* regular. A vertex where the outline runs straight on
(a point drawn on a side) is no corner of the polygon, so it is left out first; what is left is
regular when its drawn sides are about equal and its drawn corners about equal. An outline that
does not look regular (a 2:1 rectangle, say) is not made regular: the instruction does not
apply to it, and making it regular would contradict the figure's own lengths.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from recode_dsl.interop.geometry3k.geom import angle
from recode_dsl.interop.geometry3k.parse import Call, Node, Placeholder
from recode_dsl.interop.geometry3k.text import RELATION, Unsupported, call, make_polygon
from recode_dsl.interop.geometry3k.tolerance import REGULAR_CORNER_DEG, REGULAR_SIDES, REGULAR_STRAIGHT_DEG

if TYPE_CHECKING:
    from recode_dsl.interop.geometry3k.translate import Translator

Positions = Mapping[str, tuple[float, float]]



def regular_statement(t: Translator, args: tuple[Node, ...]) -> None:
    """``Regular(...)`` as a statement: the outline ``Polygon($)`` only as far as it appears
    regular (its corners, without points on its sides); a named polygon as it is named."""
    if args != (Call("Polygon", (Placeholder("$"),)),):
        t.value(Call("Regular", args))  # a named polygon: the modifier emits it
        return
    v = t.value(args[0])
    corners = apparent_regular(t.pos, v.points) if v.kind == "polygon" else None
    if corners is None:
        raise Unsupported("E083", f"the figure's outline {v.text} does not appear regular")
    kind = v.extra if len(corners) == len(v.points) and v.extra else "triangle" if len(corners) == 3 else "polygon"
    t.emit(RELATION, call("regular", make_polygon(kind, corners).node))


def apparent_regular(pos: Positions, vertices: Sequence[str]) -> tuple[str, ...] | None:
    """The corners of the outline when they look like a regular polygon, else None.

    >>> sq = {"A": (0.0, 0.0), "B": (10.0, 0.0), "C": (10.0, 10.0), "D": (0.0, 10.0), "M": (5.0, 0.0)}
    >>> apparent_regular(sq, ("A", "M", "B", "C", "D"))
    ('A', 'B', 'C', 'D')
    >>> apparent_regular({**sq, "C": (20.0, 10.0), "D": (10.0, 10.0)}, ("A", "B", "C", "D")) is None
    True
    """
    if any(v not in pos for v in vertices):
        return None
    corners = _corners(pos, tuple(vertices))
    n = len(corners)
    if n < 3:
        return None
    lengths = [math.dist(pos[a], pos[b]) for a, b in zip(corners, corners[1:] + corners[:1])]
    if min(lengths) <= 0 or max(lengths) > REGULAR_SIDES * min(lengths):
        return None
    want = (n - 2) * 180.0 / n
    if any(abs(_turn(pos, corners, i) - want) > REGULAR_CORNER_DEG for i in range(n)):
        return None
    return corners


def _corners(pos: Positions, vs: tuple[str, ...]) -> tuple[str, ...]:
    """The vertices without those where the outline runs straight on."""
    out = list(vs)
    changed = True
    while changed and len(out) > 3:
        changed = False
        for i in range(len(out)):
            if abs(_turn(pos, tuple(out), i) - 180.0) <= REGULAR_STRAIGHT_DEG:
                del out[i]
                changed = True
                break
    return tuple(out)


def _turn(pos: Positions, vs: tuple[str, ...], i: int) -> float:
    """The angle (degrees, 0..180) at vertex i between its two neighbours."""
    a, b, c = vs[i - 1], vs[i], vs[(i + 1) % len(vs)]
    if pos[a] == pos[b] or pos[c] == pos[b]:
        return 180.0  # a repeated point is no corner
    return angle(pos, a, b, c)


__all__ = ["apparent_regular", "regular_statement"]
