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

import re
from collections.abc import Mapping, Sequence

from recode_dsl.interop.geometry3k.geom import angle
from recode_dsl.interop.geometry3k.tolerance import UNEQUAL_DEG

Positions = Mapping[str, tuple[float, float]]
_LABELLED = re.compile(r"^\s*Equals\(\s*MeasureOf\(\s*Angle\(\s*([A-Z]'*)\s*,\s*([A-Z]'*)\s*,\s*([A-Z]'*)\s*\)\s*\)\s*,"
                       r"\s*MeasureOf\(\s*[Aa]ngle\s*\(?\s*(\d+)\s*\)?\s*\)\s*\)\s*$")


def unequal_twins(forms: Sequence[str], pos: Positions) -> list[str]:
    """The forms without a later label of a number whose first angle is drawn unequal to it.

    >>> pos = {"A": (1, 0), "B": (0, 0), "C": (0, 1), "D": (5, 0), "E": (4, 0), "F": (5, 1)}
    >>> unequal_twins(["Equals(MeasureOf(Angle(A, B, C)), MeasureOf(angle 1))",
    ...                "Equals(MeasureOf(Angle(D, E, F)), MeasureOf(angle 1))"], pos)
    ['Equals(MeasureOf(Angle(A, B, C)), MeasureOf(angle 1))']
    """
    first: dict[str, tuple[str, str, str]] = {}
    out = []
    for form in forms:
        m = _LABELLED.match(form)
        if m:
            angle, number = (m[1], m[2], m[3]), m[4]
            if number not in first:
                first[number] = angle
            elif _unequal(pos, first[number], angle):
                continue
        out.append(form)
    return out


def _unequal(pos: Positions, a: tuple[str, str, str], b: tuple[str, str, str]) -> bool:
    if not all(p in pos for p in (*a, *b)):
        return False
    return abs(angle(pos, *a) - angle(pos, *b)) > UNEQUAL_DEG


