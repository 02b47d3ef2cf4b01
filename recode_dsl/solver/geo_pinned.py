"""Coordinates a program states as facts (``point A = (0, 3)``) are held exactly.

The strict core solves a figure with every fact point pinned at its coordinates: only the
other points, free variables and radii move. Sketched points (``point A ~ (0, 3)``) only seed
the solve and say which way the drawing turns. When that model is consistent and fixes every
query, every answer follows from the facts, exactly, with no appeal to the drawing. Under the
"drawing" policy a figure whose facts do not hold (a Geometry3K drawing, whose positions are
only roughly to scale) is solved again with every coordinate read as a drawing.
"""

from __future__ import annotations

from recode_dsl import scene as s
from recode_dsl.errors import Span
from recode_dsl.geometry import solve as geo_solve
from recode_dsl.geometry.numeric import Model, Residual, Vec


def pinned_model(fig: s.Figure, require_scale: bool = True) -> tuple[Model, list[tuple[Span, str]]] | None:
    """The figure's model with every fact point held at its coordinates; None if no point is a
    fact, or (``require_scale``) when the stated lengths disagree with the coordinates.

    >>> from recode_dsl import compile
    >>> fig = compile("figure\\npoint A = (0, 0), B = (3, 4), C ~ (1, 1)\\nsegment(A, B)", solve=False).scene
    >>> model, _ = pinned_model(fig)
    >>> [b.label for b in model.blocks]
    ['A at (0, 0)', 'B at (3, 4)']
    """
    facts = [p for p in fig.points if p.x is not None and p.y is not None and not p.sketch]
    if not facts:
        return None
    raw = {p.name: (float(p.x), float(p.y)) for p in fig.points  # type: ignore[arg-type]
           if p.x is not None and p.y is not None}
    if require_scale and abs(geo_solve._unit_ratio(fig, raw) - 1.0) > 1e-9:
        return None
    model, skipped = geo_solve.make_model(fig)
    model.drawn = {n: xy for n, xy in raw.items() if n in model.drawn}
    for p in facts:
        i = model.pslot(p.name)
        model.add(f"{p.name} at ({p.x}, {p.y})", p.span, _pin(i, float(p.x), float(p.y), model.scale))  # type: ignore[arg-type]
    return model, skipped


def _pin(i: int, x: float, y: float, scale: float) -> Residual:
    def residual(v: Vec) -> list[float]:
        return [(v[i] - x) / scale, (v[i + 1] - y) / scale]

    return residual
