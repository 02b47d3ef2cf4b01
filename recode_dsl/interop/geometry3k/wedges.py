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

from collections.abc import Iterable, Mapping, Sequence

from recode_dsl.interop.geometry3k.geom import direction
from recode_dsl.interop.geometry3k.pattern import Call, Item, Name, Node, Num, Op, args_of, as_form, head, split_points
from recode_dsl.interop.geometry3k.tolerance import REFLEX_CLEAR_DEG, SAME_DIRECTION_DEG


def reflex_wedges(forms: Sequence[Item], instances: Iterable[str],
                  positions: Mapping[str, tuple[float, float]]) -> list[Item]:
    """The forms, with a label over a gap wider than 180 degrees made the reflex angle.

    >>> from recode_dsl.interop.geometry3k.parse import read, shown
    >>> pos = {"B": (0.0, 0.0), "C": (-1.0, 2.0), "D": (2.0, 1.0), "F": (-2.0, 0.0)}
    >>> forms = [read("Equals(MeasureOf(Angle(C, B, D)), 70)"), read("Equals(MeasureOf(Angle(F, B, C)), 65)"),
    ...          read("Equals(MeasureOf(Angle(F, B, D)), x)")]
    >>> shown(reflex_wedges(forms, ["BC", "BD", "BF"], pos)[2])
    'Equals(MeasureOf(Angle(F, B, D)), 360-x)'
    """
    labels: dict[str, list[tuple[int, str, str]]] = {}
    matches: dict[int, tuple[Node, Node]] = {}
    for k, form in enumerate(forms):
        m = _label(form)
        if m is not None:
            (a, v, b), angle, value = m
            labels.setdefault(v, []).append((k, a, b))
            matches[k] = (angle, value)
    joined = [(pts[0], pts[1]) for li in instances if (pts := split_points(li.strip())) is not None and len(pts) == 2]
    out = list(forms)
    for vertex, found in labels.items():
        at = _reflex_label(vertex, found, joined, positions)
        if at is not None:
            angle, value = matches[at]
            out[at] = as_form(Call("Equals", (Call("MeasureOf", (angle,)), Op("sub", (Num("360"), value)))))
    return out


def _label(form: Item) -> tuple[tuple[str, ...], Node, Node] | None:
    """``Equals(MeasureOf(Angle(A, B, C)), value)`` with a value that is no measure or angle label."""
    eq = head(form, "Equals")
    if eq is None or len(eq.args) != 2:
        return None
    measure, value = eq.args
    if not (isinstance(measure, Call) and measure.name == "MeasureOf" and len(measure.args) == 1):
        return None
    pts = args_of(measure.args[0], "Angle", 3)
    return None if pts is None or _mentions_angle(value) else (pts, measure.args[0], value)


def _mentions_angle(node: Node) -> bool:
    """A measure or an angle in the value (``MeasureOf(angle 1)``, ``AreaOf(Triangle(...))``)."""
    if isinstance(node, Call):
        return "MeasureOf" in node.name or "angle" in node.name or any(_mentions_angle(a) for a in node.args)
    if isinstance(node, Op):
        return node.op == "angle_label" or any(_mentions_angle(a) for a in node.args)
    return isinstance(node, Name) and ("angle" in node.id or "MeasureOf" in node.id)
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
