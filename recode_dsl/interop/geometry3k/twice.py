"""One number labelling two angles that the drawing shows unequal: the second label is a slip.

A diagram prints each angle number once. When the diagram's forms give one number to two
angles (``Equals(MeasureOf(Angle(I, F, A)), MeasureOf(angle 1))`` and later
``Equals(MeasureOf(Angle(K, H, D)), MeasureOf(angle 1))``), the importer reads the first as
the label and the second as "these two angles are equal". When the drawn angles differ by
more than ``UNEQUAL_DEG`` (say 139 and 41 degrees), they are not one angle named twice, and
saying them equal would contradict the figure: the later form is left out. Named the same
and drawn alike (the same angle through another point of its arm), both stay.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from recode_dsl.interop.geometry3k.geom import angle
from recode_dsl.interop.geometry3k.pattern import Call, Item, Name, Node, Num, Op, args_of, head
from recode_dsl.interop.geometry3k.tolerance import UNEQUAL_DEG

Positions = Mapping[str, tuple[float, float]]


def unequal_twins(forms: Sequence[Item], pos: Positions) -> list[Item]:
    """The forms without a later label of a number whose first angle is drawn unequal to it.

    >>> from recode_dsl.interop.geometry3k.parse import read, shown
    >>> pos = {"A": (1, 0), "B": (0, 0), "C": (0, 1), "D": (5, 0), "E": (4, 0), "F": (5, 1)}
    >>> [shown(f) for f in unequal_twins([read("Equals(MeasureOf(Angle(A, B, C)), MeasureOf(angle 1))"),
    ...                                   read("Equals(MeasureOf(Angle(D, E, F)), MeasureOf(angle 1))")], pos)]
    ['Equals(MeasureOf(Angle(A, B, C)), MeasureOf(angle 1))']
    """
    first: dict[str, tuple[str, ...]] = {}
    out = []
    for form in forms:
        labelled = _labelled(form)
        if labelled is not None:
            angle, number = labelled
            if number not in first:
                first[number] = angle
            elif _unequal(pos, first[number], angle):
                continue
        out.append(form)
    return out


def _labelled(form: Item) -> tuple[tuple[str, ...], str] | None:
    """``Equals(MeasureOf(Angle(A, B, C)), MeasureOf(angle 1))``: the angle's points and the number."""
    eq = head(form, "Equals")
    if eq is None or len(eq.args) != 2:
        return None
    measured, label = (_measure_of(a) for a in eq.args)
    pts = args_of(measured, "Angle", 3) if measured is not None else None
    number = _number_label(label) if label is not None else None
    return (pts, number) if pts is not None and number is not None else None


def _measure_of(node: Node) -> Node | None:
    return node.args[0] if isinstance(node, Call) and node.name == "MeasureOf" and len(node.args) == 1 else None


def _number_label(node: Node) -> str | None:
    """The number of an angle's label: ``angle 1``, ``angle(1)``, ``Angle(1)``, ``Angle 1``."""
    if isinstance(node, Op) and node.op == "angle_label" and len(node.args) == 1:
        inner = node.args[0]
    elif isinstance(node, Call) and node.name in ("angle", "Angle") and len(node.args) == 1:
        inner = node.args[0]
    elif isinstance(node, Op) and node.op == "jux" and len(node.args) == 2 and node.args[0] in (Name("Angle"),
                                                                                                  Name("angle")):
        inner = node.args[1]
    else:
        return None
    return inner.text if isinstance(inner, Num) and inner.text.isdigit() else None


def _unequal(pos: Positions, a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    if not all(p in pos for p in (*a, *b)):
        return False
    return abs(angle(pos, *a) - angle(pos, *b)) > UNEQUAL_DEG
