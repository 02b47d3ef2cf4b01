r"""A sum of an angle with itself where the question names a pair: ``\angle 6 and \angle 8 are complementary``.

The question's forms sometimes write a pair of angles as ``SumOf(MeasureOf(Angle(6)),
MeasureOf(Angle(6)))``: the same angle twice. When the question text says
``\angle 6 and \angle 8`` (complementary, supplementary, a linear pair, ...), the second is
the other angle of that pair.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

_MEASURE = r"MeasureOf\(\s*Angle\(\s*(\w+)\s*\)\s*\)"
_TWICE = re.compile(rf"SumOf\(\s*{_MEASURE}\s*,\s*{_MEASURE}\s*\)")
_PAIR = re.compile(r"\\angle\s*(\w+)\s+and\s+(?:m\s*)?\\angle\s*(\w+)")


def pair_sums(forms: Sequence[str], question: str) -> list[str]:
    r"""The forms with a sum of one angle twice made the sum of the pair the question names.

    >>> pair_sums(["Equals(SumOf(MeasureOf(Angle(6)),MeasureOf(Angle(6))),90)"],
    ...           r"\angle 6 and \angle 8 are complementary")
    ['Equals(SumOf(MeasureOf(Angle(6)),MeasureOf(Angle(8))),90)']
    """
    pairs = [(m[1], m[2]) for m in _PAIR.finditer(question) if m[1] != m[2]]

    def fix(m: re.Match[str]) -> str:
        if m[1] != m[2]:
            return m[0]
        other = [b if a == m[1] else a for a, b in pairs if m[1] in (a, b)]
        return f"SumOf(MeasureOf(Angle({m[1]})),MeasureOf(Angle({other[0]})))" if len(set(other)) == 1 else m[0]

    return [_TWICE.sub(fix, f) for f in forms]
