"""Strategies that read the drawing: where the points are drawn says what the program does not.

Each is ``(figure, attempt, deadline) -> attempt | None`` (see ``strategies/__init__.py``).
"""

from __future__ import annotations

from dataclasses import replace

from recode_dsl import scene as s
from recode_dsl.geometry import constraints as geo_constraints
from recode_dsl.geometry.numeric import SolveTimeout, describe
from recode_dsl.solver import geo_apart
from recode_dsl.solver.attempt import Attempt, agree, attempt
from recode_dsl.solver.strategies import evidence, unplaced


def keep_apart(figure: s.Figure, att: Attempt, deadline: float) -> Attempt | None:
    """A fixed solution that merges the two ends of a drawn segment is degenerate: solve again
    with them kept apart, and keep that unless it holds only with them just at the least distance."""
    merged = geo_apart.merged(att.model, att.sol.x.tolist()) if att.sol.consistent and att.determined else ()
    if not merged:
        return None
    try:
        alt = attempt(figure, deadline, quick=True, apart=merged)
    except SolveTimeout:
        return None
    return None if alt.sol.consistent and geo_apart.held(alt.model, alt.sol.x.tolist()) else alt


def between(figure: s.Figure, att: Attempt, deadline: float) -> Attempt | None:
    """A consistent solution that puts a point said to be on a segment outside it (as drawn, it is
    between the ends): solve again with such points kept between; keep that if it fixes no fewer queries."""
    if not (att.sol.consistent and geo_constraints.outside(att.model, att.sol.x.tolist())):
        return None
    alt = attempt(figure, deadline, quick=True, between=True, apart=att.apart)
    return alt if alt.sol.consistent and (alt.determined or not att.determined) else None


def place_unplaced(figure: s.Figure, att: Attempt, deadline: float) -> Attempt | None:
    """For a query left free by a point with no drawn position on an angle's arm: the drawn
    rays it may lie on (strategies.unplaced), when every one that fixes the queries agrees."""
    if not (att.sol.consistent and not att.determined and att.model.drawn):
        return None
    fixed = []
    for alt_fig in unplaced.placements(figure):
        alt = attempt(alt_fig, deadline, quick=True)
        if alt.sol.consistent and alt.determined:
            fixed.append(alt)
    if not fixed:
        return None
    values = [a.values() for a in fixed]
    if any(not agree(values[0], v) for v in values[1:]):
        return None
    gone = {p.name for p in figure.points} - {p.name for p in fixed[0].model.fig.points}
    return _assuming(fixed[0], att, f"{', '.join(sorted(gone))} on a drawn line through the angle's vertex")


def assume_from_drawing(figure: s.Figure, att: Attempt, deadline: float) -> Attempt | None:
    """For a drawn figure that leaves a query free: one fact the drawing shows, else several.

    Single facts are tried first, closest to exact in the drawing first; then facts are added
    one at a time in that order, each kept only if the figure stays consistent.
    """
    if not (att.sol.consistent and not att.determined and att.model.drawn):
        return None
    return assume(figure, att, deadline)


def assume(figure: s.Figure, att: Attempt, deadline: float) -> Attempt | None:
    """``assume_from_drawing`` without its precondition (also used after leaving a statement out)."""
    x = att.sol.x.tolist()
    for r in evidence.candidates(att.model, x):
        alt = attempt(replace(figure, relations=(*figure.relations, r)), deadline, quick=True)
        if alt.sol.consistent and alt.determined:
            return _assuming(alt, att, describe(r))
    kept: list[s.Relation] = []
    for r in evidence.candidates(att.model, x, evidence.MAX_BUNDLE):
        alt = attempt(replace(figure, relations=(*figure.relations, *kept, r)), deadline, quick=True)
        if not alt.sol.consistent:
            continue
        kept.append(r)
        if alt.determined and len(kept) > 1:
            return _assuming(alt, att, "; ".join(describe(k) for k in kept))
    return None


def unoriented(figure: s.Figure, att: Attempt, deadline: float) -> Attempt | None:
    """Constraints that cannot all hold: perhaps an angle is not on the side the drawing suggests."""
    if att.sol.consistent:
        return None
    alt = attempt(figure, deadline, quick=True, oriented=False, apart=att.apart)
    return alt if alt.sol.consistent else None


def _assuming(alt: Attempt, att: Attempt, fact: str) -> Attempt:
    """``alt``, reported as ``att`` was, with the fact from the drawing that fixed it."""
    alt.report, alt.assumed = att.report, fact
    return alt
