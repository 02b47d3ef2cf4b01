r"""A sum of an angle with itself where the question names a pair: ``\angle 6 and \angle 8 are complementary``.

The question's forms sometimes write a pair of angles as ``SumOf(MeasureOf(Angle(6)),
MeasureOf(Angle(6)))``: the same angle twice. When the question text says
``\angle 6 and \angle 8`` (complementary, supplementary, a linear pair, ...), the second is
the other angle of that pair.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from recode_dsl.interop.geometry3k.pattern import Call, Item, Name, Node, Num, rewrite, word

_PAIR = re.compile(r"\\angle\s*(\w+)\s+and\s+(?:m\s*)?\\angle\s*(\w+)")  # the question's words


def pair_sums(forms: Sequence[Item], question: str) -> list[Item]:
    r"""The forms with a sum of one angle twice made the sum of the pair the question names.

    >>> from recode_dsl.interop.geometry3k.parse import read, shown
    >>> [shown(f) for f in pair_sums([read("Equals(SumOf(MeasureOf(Angle(6)),MeasureOf(Angle(6))),90)")],
    ...                              r"\angle 6 and \angle 8 are complementary")]
    ['Equals(SumOf(MeasureOf(Angle(6)), MeasureOf(Angle(8))), 90)']
    """
    pairs = [(m[1], m[2]) for m in _PAIR.finditer(question) if m[1] != m[2]]

    def fix(c: Call) -> Node | None:
        if c.name != "SumOf" or len(c.args) != 2:
            return None
        one, two = _angle(c.args[0]), _angle(c.args[1])
        if one is None or one != two:
            return None
        other = [b if a == one else a for a, b in pairs if one in (a, b)]
        if len(set(other)) != 1 or not other[0].isidentifier() and not other[0].isdigit():
            return None
        label = Num(other[0]) if other[0].isdigit() else Name(other[0])
        return Call("SumOf", (c.args[0], Call("MeasureOf", (Call("Angle", (label,)),))))

    return [rewrite(f, fix) for f in forms]


def _angle(node: Node) -> str | None:
    """The label of ``MeasureOf(Angle(6))``."""
    if isinstance(node, Call) and node.name == "MeasureOf" and len(node.args) == 1:
        inner = node.args[0]
        if isinstance(inner, Call) and inner.name == "Angle" and len(inner.args) == 1:
            return word(inner.args[0])
    return None
