"""Distinct points stay distinct: a solution that merges two points of a drawn segment is degenerate.

Least squares may meet every constraint by letting a drawn segment shrink to a point (two
vertices of a polygon on one spot). The figure draws the two points apart because they
differ, so such a solution answers nothing. ``merged(model, x)`` finds the pairs (ends of a
drawn segment or polygon side, both drawn at given positions) that merged; ``keep_apart(model,
pairs)`` adds one residual per pair that is zero while the two points are at least a small
fraction of their drawn distance apart, so that solving again looks for a solution where they
are. Points without a drawn position are left out: their start is a guess, and a solution that
keeps them apart may exist that a solve from that start does not reach.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from recode_dsl import scene as s
from recode_dsl.errors import NO_SPAN, Span
from recode_dsl.geometry.numeric import XY, Model, Vec, dist

MERGED = 1e-4  # relative to the figure's size: closer than this, two points are one
DRAWN = 0.02  # drawn at least this far apart (relative to the figure's size), two points are distinct
APART = 0.05  # the least distance kept, relative to the drawn distance


def pairs(fig: s.Figure) -> dict[tuple[str, str], Span]:
    """The two ends of every drawn segment and every side of a drawn polygon, with the statement drawing it."""
    out: dict[tuple[str, str], Span] = {}
    values: list[tuple[object, Span]] = [(sh.value, sh.span) for sh in fig.shapes]
    for r in fig.relations:
        values.extend((g, r.span) for g in r.args)
    for g, span in values:
        ends = [(g.a, g.b)] if isinstance(g, s.Seg) else []
        if isinstance(g, s.Poly):
            ends = [(g.vertices[i - 1], v) for i, v in enumerate(g.vertices)]
        for a, b in ends:
            if a != b:
                out.setdefault(_key(a, b), span)
    return out


def _key(a: str, b: str) -> tuple[str, str]:
    return (a, b) if a < b else (b, a)


def merged(model: Model, x: Vec) -> tuple[tuple[str, str], ...]:
    """Pairs of ends of a drawn segment (or polygon side), drawn apart, that the solution puts on one spot.

    >>> from recode_dsl import compile
    >>> from recode_dsl.geometry.solve import make_model
    >>> model, _ = make_model(compile("figure\\npoint A = (0, 0), B = (1, 0)\\nsegment(A, B)").scene)
    >>> merged(model, [0.0, 0.0, 0.0, 0.0])
    (('A', 'B'),)
    """
    d = model.drawn
    drawn = [(a, b) for a, b in sorted(pairs(model.fig))
             if a in d and b in d and dist(d[a], d[b]) > DRAWN * model.scale and f"p:{a}" in model.slots]
    return tuple((a, b) for a, b in drawn if dist(model.point(a)(x), model.point(b)(x)) < MERGED * model.scale)


def keep_apart(model: Model, merged_pairs: Iterable[tuple[str, str]]) -> None:
    """Add a residual per pair, zero while its points are at least a little apart."""
    spans = pairs(model.fig)
    for a, b in merged_pairs:
        least = APART * dist(model.drawn[a], model.drawn[b])
        model.add(f"{a} apart from {b}", spans.get((a, b), NO_SPAN),
                  Apart(model.point(a), model.point(b), least, model.scale), prior=True)


def held(model: Model, x: Vec) -> bool:
    """Whether some pair is only just apart: at the least distance its residual allows, no farther."""
    return any(isinstance(b.fn, Apart) and b.fn.distance(x) < b.fn.least * (1 + _MARGIN) for b in model.blocks)


_MARGIN = 1e-3


@dataclass(frozen=True)
class Apart:
    """The residual keeping two points ``least`` apart (divided by the figure's size)."""

    pa: Callable[[Vec], XY]
    pb: Callable[[Vec], XY]
    least: float
    scale: float

    def distance(self, x: Vec) -> float:
        return dist(self.pa(x), self.pb(x))

    def __call__(self, x: Vec) -> list[float]:
        return [max(0.0, self.least - self.distance(x)) / self.scale]
