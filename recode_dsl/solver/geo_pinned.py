"""Coordinates a program states are facts when every constraint holds at them.

A figure whose points all have coordinates is first solved with those coordinates pinned:
only free variables and radii move. When that model is consistent, every answer follows from
the stated coordinates, exactly, with no appeal to the drawing. Otherwise (a Geometry3K
drawing, whose positions are only roughly to scale) the caller solves with the coordinates as
soft priors instead.
"""

from __future__ import annotations

from recode_dsl import scene as s
from recode_dsl.errors import Span
from recode_dsl.geometry import solve as geo_solve
from recode_dsl.geometry.numeric import Model, Residual, Vec


def pinned_model(fig: s.Figure) -> tuple[Model, list[tuple[Span, str]]] | None:
    """The figure's model with every point held at its stated coordinates; None if one has none.

    >>> from recode_dsl import compile
    >>> fig = compile("figure\\npoint A = (0, 0), B = (3, 4)\\nsegment(A, B)", solve=False).scene
    >>> model, _ = pinned_model(fig)
    >>> [b.label for b in model.blocks]
    ['A at (0, 0)', 'B at (3, 4)']
    """
    if not fig.points or any(p.x is None or p.y is None for p in fig.points):
        return None
    raw = {p.name: (float(p.x), float(p.y)) for p in fig.points}  # type: ignore[arg-type]
    if abs(geo_solve._unit_ratio(fig, raw) - 1.0) > 1e-9:  # stated lengths disagree with the coordinates
        return None
    model, skipped = geo_solve.make_model(fig)
    stated = {p.name: p for p in fig.points}
    model.drawn = {n: (float(p.x), float(p.y)) for n, p in stated.items()  # type: ignore[arg-type]
                   if n in model.drawn}
    for name, p in stated.items():
        i = model.pslot(name)
        model.add(f"{name} at ({p.x}, {p.y})", p.span, _pin(i, float(p.x), float(p.y), model.scale))  # type: ignore[arg-type]
    return model, skipped


def _pin(i: int, x: float, y: float, scale: float) -> Residual:
    def residual(v: Vec) -> list[float]:
        return [(v[i] - x) / scale, (v[i + 1] - y) / scale]

    return residual
