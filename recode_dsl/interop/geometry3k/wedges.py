"""Angles labelled all the way round a point: each label is the wedge between two neighbouring rays.

When the diagram labels, at one vertex, exactly the angles between each pair of neighbouring
rays (three or more rays, one label per gap, every gap labelled), the labels fill the full turn
and sum to 360 degrees. If the rays all lie in a half-plane, one gap is wider than 180 degrees:
its label is the reflex angle, not the ordinary angle between the same two rays (which would be
the sum of the other labels). ``Angle(F, B, D) = x`` over such a gap becomes
``Angle(F, B, D) = 360-(x)``. The rays are the labelled ones and every drawn segment leaving the
vertex; a drawn ray in the wide gap means the labels do not go all the way round.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence

from recode_dsl.interop.geometry3k.geom import direction
from recode_dsl.interop.geometry3k.tolerance import REFLEX_CLEAR_DEG, SAME_DIRECTION_DEG

_LABEL = re.compile(
    r"^\s*Equals\(\s*MeasureOf\(\s*Angle\(\s*([A-Z]'*)\s*,\s*([A-Z]'*)\s*,\s*([A-Z]'*)\s*\)\s*\)\s*,(.+)\)\s*$")
_INSTANCE = re.compile(r"([A-Z]'*)([A-Z]'*)")


def reflex_wedges(forms: Sequence[str], instances: Iterable[str],
                  positions: Mapping[str, tuple[float, float]]) -> list[str]:
    """The forms, with a label over a gap wider than 180 degrees made the reflex angle.

    >>> pos = {"B": (0.0, 0.0), "C": (-1.0, 2.0), "D": (2.0, 1.0), "F": (-2.0, 0.0)}
    >>> reflex_wedges(["Equals(MeasureOf(Angle(C, B, D)), 70)", "Equals(MeasureOf(Angle(F, B, C)), 65)",
    ...                "Equals(MeasureOf(Angle(F, B, D)), x)"], ["BC", "BD", "BF"], pos)[2]
    'Equals(MeasureOf(Angle(F, B, D)), 360-(x))'
    """
    labels: dict[str, list[tuple[int, str, str]]] = {}
    matches: dict[int, re.Match[str]] = {}
    for k, form in enumerate(forms):
        m = _LABEL.match(form)
        if m and "MeasureOf" not in m[4] and "angle" not in m[4]:
            labels.setdefault(m[2], []).append((k, m[1], m[3]))
            matches[k] = m
    joined = [(m[1], m[2]) for li in instances if (m := _INSTANCE.fullmatch(li.strip()))]
    out = list(forms)
    for vertex, found in labels.items():
        at = _reflex_label(vertex, found, joined, positions)
        if at is not None:
            m = matches[at]
            out[at] = f"Equals(MeasureOf(Angle({m[1]}, {m[2]}, {m[3]})), 360-({m[4].strip()}))"
    return out


def _reflex_label(vertex: str, found: list[tuple[int, str, str]], joined: list[tuple[str, str]],
                  positions: Mapping[str, tuple[float, float]]) -> int | None:
    """The index of the one label over a reflex gap, when the labels fill the turn round ``vertex``."""
    ends = {p for _, a, b in found for p in (a, b)}
    ends |= {b if a == vertex else a for a, b in joined if vertex in (a, b)}
    if vertex not in positions or len(found) < 3 or not ends <= set(positions) or vertex in ends:
        return None
    rays = _rays(positions[vertex], {p: positions[p] for p in ends})
    if rays is None or len(rays) != len(found):
        return None
    gaps = {frozenset((rays[i][1], rays[(i + 1) % len(rays)][1])): _gap(rays[i][0], rays[(i + 1) % len(rays)][0])
            for i in range(len(rays))}
    pairs = [frozenset((a, b)) for _, a, b in found]
    if len(set(pairs)) != len(pairs) or set(pairs) != set(gaps):
        return None
    wide = [k for (k, _, _), pair in zip(found, pairs, strict=True) if gaps[pair] > REFLEX_CLEAR_DEG]
    return wide[0] if len(wide) == 1 else None


def _rays(v: tuple[float, float], ends: Mapping[str, tuple[float, float]]) -> list[tuple[float, str]] | None:
    """Directions (degrees) of the ends seen from v, sorted; None if two ends share a direction."""
    rays = sorted((direction(v, p), n) for n, p in sorted(ends.items()))
    for i in range(len(rays)):
        if _gap(rays[i - 1][0], rays[i][0]) < SAME_DIRECTION_DEG:
            return None
    return rays


def _gap(a: float, b: float) -> float:
    """The counter-clockwise turn from direction a to direction b, in degrees."""
    return (b - a) % 360
