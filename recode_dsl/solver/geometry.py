"""Geometry answers: every ``ask`` of a figure, exact where the value can be recognised.

    figure ──1 model + query functions──▶ ──2 solve (geo_solve)──▶ x*
           ──3 per query: value at x*, determined? (null space), exact form (geo_exact)──▶ Answer

Constraints that cannot hold give E042 at their spans; a query the constraints leave free
gives E041 (a warning with the drawn value when the figure is drawn, else an error); past the
time limit every open query gets E040.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass, field, replace

import numpy as np
import sympy

from recode_dsl import messages
from recode_dsl import scene as s
from recode_dsl.errors import Diagnostic, Span
from recode_dsl.geometry import constraints as geo_constraints
from recode_dsl.geometry import measures as geo_measures
from recode_dsl.geometry import solve as geo_solve
from recode_dsl.geometry.layout import failed_constraints
from recode_dsl.geometry.numeric import Model, Num, SolveTimeout, Unsupported, describe
from recode_dsl.solver import geo_apart, geo_drops, geo_evidence, geo_exact, geo_pinned, geo_unplaced
from recode_dsl.solver.answer import Answer

_UNITS = {"length": "length", "perimeter": "length", "circumference": "length", "radius": "length",
          "diameter": "length", "side": "length", "height": "length", "measure": "degrees", "area": "area",
          "scale_factor": None}


def solve_figure(figure: s.Figure, timeout: float) -> tuple[list[Answer], list[Diagnostic]]:
    """Answers to the queries of a figure, and diagnostics; never raises for bad input.

    >>> from recode_dsl import compile
    >>> r = compile("figure\\npoint A, B, C\\ntriangle(A, B, C)\\nright_angle(angle(A, C, B))\\n"
    ...             "length(A, C) = 10\\nlength(B, C) = 15\\nask length(A, B)")
    >>> r.answers[0].text, r.diagnostics
    ('5*sqrt(13)', [])
    """
    if not figure.queries:
        return [], []
    start = time.monotonic()
    deadline = start + timeout
    try:
        pinned = _pinned(figure, deadline)
        if pinned is not None:
            return _answers(pinned, pinned.diags)
        att = _apart(figure, _attempt(figure, deadline), deadline)
    except SolveTimeout:
        return [], [Diagnostic("E040", messages.query_timeout(timeout), q.span) for q in figure.queries]
    except (ArithmeticError, ValueError, np.linalg.LinAlgError) as err:  # numbers beyond what floats can do
        return [], [Diagnostic("E043", messages.not_solvable(q.text, f"the numbers cannot be solved ({err})"), q.span)
                    for q in figure.queries]
    spare = min(deadline, time.monotonic() + min(_SPARE, timeout / 4))  # for the fallbacks below
    assumed = None
    diags = att.diags + failed_constraints(att.sol)
    try:
        if att.sol.consistent and geo_constraints.outside(att.model, att.sol.x.tolist()):
            alt = _attempt(figure, spare, quick=True, between=True, apart=att.apart)
            if alt.sol.consistent and (alt.determined or not att.determined):
                att, diags = alt, alt.diags + failed_constraints(alt.sol)
        if att.sol.consistent and not att.determined and att.model.drawn:
            att, assumed = _placed(figure, att, spare)
        if att.sol.consistent and not att.determined and att.model.drawn:
            att, assumed = _assume(figure, att, spare)
        if not att.sol.consistent:  # perhaps an angle is not on the side the drawing suggests
            alt = _attempt(figure, spare, quick=True, oriented=False, apart=att.apart)
            if alt.sol.consistent:
                att, diags = alt, alt.diags + failed_constraints(alt.sol)
        if not att.sol.consistent:
            att, diags, assumed = _without_one(figure, att, diags, spare)
    except (SolveTimeout, ArithmeticError, ValueError, np.linalg.LinAlgError):
        pass  # keep the first solution
    if assumed is not None:
        diags += [Diagnostic("E041", messages.assumed_from_drawing(q.text, assumed), q.span,
                             severity="warning") for q in att.funcs]
    return _answers(att, diags)


def _answers(att: _Attempt, diags: list[Diagnostic]) -> tuple[list[Answer], list[Diagnostic]]:
    consistent = att.sol.consistent
    free = att.null(att.sol) if consistent else np.zeros((len(att.sol.x), 0))
    answers = []
    for q, fn in att.funcs.items():
        ans, more = _answer(q, fn, att.sol, free, consistent)
        diags += more
        if ans is not None:
            answers.append(ans)
    return answers, diags


def _pinned(figure: s.Figure, deadline: float) -> _Attempt | None:
    """The figure solved at its stated coordinates, when every point has them and every
    constraint holds there and fixes every query (see geo_pinned); else None."""
    built = geo_pinned.pinned_model(figure)
    if built is None:
        return None
    model, skipped = built
    funcs, diags = _compile_queries(model, model.fig)
    att = _Attempt(model, funcs, diags)
    try:  # a short try of its own: a drawing that is only roughly to scale fails fast
        att.sol = geo_solve.solve(model, skipped, min(deadline, time.monotonic() + _PINNED_S),
                                  accept=att.all_determined, weights=(0.1,))
    except SolveTimeout:
        return None
    return att if att.sol.consistent and att.determined and not skipped else None


_PINNED_S = 0.5


def _assume(figure: s.Figure, att: _Attempt, spare: float) -> tuple[_Attempt, str | None]:
    """For a drawn figure that leaves a query free: one fact the drawing shows, else several.

    Single facts are tried first, closest to exact in the drawing first; then facts are added
    one at a time in that order, each kept only if the figure stays consistent.
    """
    x = att.sol.x.tolist()
    singles = geo_evidence.candidates(att.model, x)
    for r in singles:
        alt = _attempt(replace(figure, relations=(*figure.relations, r)), spare, quick=True)
        if alt.sol.consistent and alt.determined:
            return alt, describe(r)
    kept: list[s.Relation] = []
    for r in geo_evidence.candidates(att.model, x, geo_evidence.MAX_BUNDLE):
        alt = _attempt(replace(figure, relations=(*figure.relations, *kept, r)), spare, quick=True)
        if not alt.sol.consistent:
            continue
        kept.append(r)
        if alt.determined and len(kept) > 1:
            return alt, "; ".join(describe(k) for k in kept)
    return att, None


def _placed(figure: s.Figure, att: _Attempt, spare: float) -> tuple[_Attempt, str | None]:
    """For a query left free by a point with no drawn position on an angle's arm: the drawn
    rays it may lie on (geo_unplaced), when every one that fixes the queries agrees."""
    fixed = []
    for alt_fig in geo_unplaced.placements(figure):
        alt = _attempt(alt_fig, spare, quick=True)
        if alt.sol.consistent and alt.determined:
            fixed.append(alt)
    if not fixed:
        return att, None
    values = [[float(fn(a.sol.x.tolist())) for fn in a.funcs.values()] for a in fixed]
    if any(not _agree(values[0], v) for v in values[1:]):
        return att, None
    gone = {p.name for p in figure.points} - {p.name for p in fixed[0].model.fig.points}
    return fixed[0], f"{', '.join(sorted(gone))} on a drawn line through the angle's vertex"


def _without_one(figure: s.Figure, att: _Attempt, diags: list[Diagnostic],
                 spare: float) -> tuple[_Attempt, list[Diagnostic], str | None]:
    """Leave out one statement; when the rest leaves a query free, a drawn fact that fixes it,
    else the rest as drawn (E041 says the value is read from the drawing): a figure whose
    statements all hold, read from the drawing, beats a compromise of statements that contradict."""
    alt, more = _drop_one(figure, att, diags, spare)
    if not alt.sol.consistent or alt.determined:
        return alt, more, None
    if alt.model.drawn:
        fixed, assumed = _assume(alt.model.fig, alt, spare)
        if assumed is not None:
            return fixed, more, assumed
        return alt, more, None
    return att, diags, None


def _drop_one(figure: s.Figure, att: _Attempt, diags: list[Diagnostic],
              deadline: float) -> tuple[_Attempt, list[Diagnostic]]:
    """For constraints that cannot all hold: answer without the one statement whose removal
    leaves the rest consistent and every query determined, trying the worst-fitting first."""
    order = sorted(att.sol.residuals, key=lambda ir: -ir[1])
    spans = list(dict.fromkeys(att.model.blocks[i].span for i, _ in order))
    conflict = {att.model.blocks[i].span for i, r in order if r > geo_solve.CONSISTENT}
    if att.model.drawn:  # of the statements in conflict, the one the drawing disagrees with most first
        misfit = geo_solve.drawing_misfit(figure, deadline)
        spans = sorted(spans, key=lambda sp: (sp not in conflict, -misfit.get(sp, 0.0) if sp in conflict else 0.0))
    stated = {r.span for r in figure.relations} | {e.span for e in figure.equations}
    equal = geo_drops.equal_values(figure, [sp for sp in spans if sp in conflict],
                                   lambda f: _attempt(f, deadline, quick=True),
                                   lambda a: a.sol.consistent and a.determined)
    if equal:  # two angles given one number that cannot hold: equal marks, their equality kept
        alt, first = _most_agreed([(a, p) for a, (p, _) in equal])
        second = next(q for a, (_, q) in equal if a is alt)
        label = {b.span: b.label for b in att.model.blocks}
        return alt, diags + [Diagnostic("E042", messages.answered_with_equal(q.text, label[first], label[second]),
                                        q.span, severity="warning", related=(first, second)) for q in alt.funcs]
    fallback: tuple[_Attempt, Span] | None = None
    found: list[tuple[_Attempt, Span]] = []
    for span in [sp for sp in spans if sp in stated][:_MAX_DROPS]:
        rest = replace(figure, relations=tuple(r for r in figure.relations if r.span != span),
                       equations=tuple(e for e in figure.equations if e.span != span))
        try:
            alt = _attempt(rest, deadline, quick=True, apart=att.apart)
        except SolveTimeout:
            break  # answer with what was found so far
        if alt.sol.consistent and alt.determined:
            found.append((alt, span))
        elif alt.sol.consistent and fallback is None:
            fallback = (alt, span)
    if found:  # votes only among the statements in conflict, when leaving out one of them works
        return _without(att, *_most_agreed([f for f in found if f[1] in conflict] or found), diags)
    if fallback is not None:  # the rest holds but leaves a query free: the drawing may settle it
        return _without(att, *fallback, diags)
    given = {e.span for e in figure.equations}
    pairs = geo_drops.leave_out_pairs(figure, [sp for sp in spans if sp in conflict and sp in given],
                                      lambda f: _attempt(f, deadline, quick=True),
                                      lambda a: a.sol.consistent and a.determined)
    if pairs:  # no single statement is at fault: two given values next, by the same vote
        alt, first = _most_agreed([(a, p) for a, (p, _) in pairs])
        return _without(att, alt, next(q for a, (_, q) in pairs if a is alt), _without(att, alt, first, diags)[1])
    return att, diags


def _most_agreed(found: list[tuple[_Attempt, Span]]) -> tuple[_Attempt, Span]:
    """Of the ways to leave out one statement, the answer most of them agree on: a faulty
    statement spoils every answer that keeps it, so the answers that leave it out agree
    (ties: the first tried, i.e. the worst-fitting statement left out)."""
    values = [[float(fn(alt.sol.x.tolist())) for fn in alt.funcs.values()] for alt, _ in found]
    votes = [sum(_agree(v, w) for w in values) for v in values]
    return found[votes.index(max(votes))]


def _agree(a: list[float], b: list[float]) -> bool:
    return len(a) == len(b) and all(abs(u - v) <= _AGREE * max(1.0, abs(u), abs(v)) for u, v in zip(a, b))


_AGREE = 1e-6


def _without(att: _Attempt, alt: _Attempt, span: Span, diags: list[Diagnostic]) -> tuple[_Attempt, list[Diagnostic]]:
    label = next(b.label for b in att.model.blocks if b.span == span)
    return alt, diags + [Diagnostic("E042", messages.answered_without(q.text, label), q.span,
                                    severity="warning", related=(span,)) for q in alt.funcs]


_MAX_DROPS = 8
_SPARE = 1.0  # seconds at least for trying drawn facts or leaving out a contradiction


@dataclass
class _Attempt:
    model: Model
    funcs: dict[s.Query, Num]
    diags: list[Diagnostic]
    apart: tuple[tuple[str, str], ...] = ()  # pairs of points kept apart (geo_apart)
    sol: geo_solve.Solution = field(init=False)
    nulls: dict[int, np.ndarray] = field(default_factory=dict)

    def null(self, sol: geo_solve.Solution) -> np.ndarray:
        if id(sol) not in self.nulls:
            self.nulls[id(sol)] = geo_solve.free_directions(sol)
        return self.nulls[id(sol)]

    def all_determined(self, sol: geo_solve.Solution) -> bool:
        return all(geo_solve.determined(fn, sol, self.null(sol)) for fn in self.funcs.values())

    @property
    def determined(self) -> bool:
        return self.all_determined(self.sol)


def _attempt(figure: s.Figure, deadline: float, quick: bool = False, oriented: bool = True,
             between: bool = False, apart: tuple[tuple[str, str], ...] = ()) -> _Attempt:
    """Model, query functions and solution of one figure (``quick``: one try only; ``apart``:
    pairs of points kept apart, see geo_apart)."""
    model, skipped = geo_solve.make_model(figure, oriented, between)
    geo_apart.keep_apart(model, apart)
    funcs, diags = _compile_queries(model, model.fig)
    att = _Attempt(model, funcs, diags, apart)
    att.sol = geo_solve.solve(model, skipped, deadline, accept=att.all_determined,
                              weights=(0.1,) if quick else (0.1, 1.0, 0.01))
    return att


def _apart(figure: s.Figure, att: _Attempt, deadline: float) -> _Attempt:
    """A fixed solution that merges the two ends of a drawn segment is degenerate: solve again
    with them kept apart, and keep that unless it holds only with them just at the least distance."""
    merged = geo_apart.merged(att.model, att.sol.x.tolist()) if att.sol.consistent and att.determined else ()
    if not merged:
        return att
    try:
        alt = _attempt(figure, deadline, quick=True, apart=merged)
    except SolveTimeout:
        return att
    return att if alt.sol.consistent and geo_apart.held(alt.model, alt.sol.x.tolist()) else alt


def _compile_queries(model: Model, figure: s.Figure) -> tuple[dict[s.Query, Num], list[Diagnostic]]:
    funcs: dict[s.Query, Num] = {}
    diags = []
    for q in figure.queries:
        try:
            if not isinstance(q.expr, (s.Const, s.Var, s.Measure, s.Apply)):
                raise Unsupported("it is not a geometry quantity")
            funcs[q] = geo_measures.quantity(model, q.expr, strict=True)
        except (Unsupported, ValueError, KeyError) as err:
            diags.append(Diagnostic("E043", messages.not_solvable(q.text, str(err)), q.span))
    return funcs, diags


def _answer(q: s.Query, fn: Num, sol: geo_solve.Solution, free: np.ndarray,
            consistent: bool) -> tuple[Answer | None, list[Diagnostic]]:
    value = float(fn(sol.x.tolist()))
    if not np.isfinite(value):
        return None, [Diagnostic("E043", messages.not_solvable(q.text, _NOT_REAL), q.span)]
    if _collapsed(q, value, sol.model.scale):
        return None, [Diagnostic("E043", messages.not_solvable(q.text, _COLLAPSED), q.span)]
    diags: list[Diagnostic] = []
    sure = consistent
    if consistent and not geo_solve.determined(fn, sol, free):
        sure = False
        if not sol.model.drawn:
            return None, [Diagnostic("E041", messages.underdetermined(q.text), q.span, hint=_involved(sol, q))]
        diags.append(Diagnostic("E041", messages.read_from_drawing(q.text), q.span, hint=_involved(sol, q),
                                severity="warning"))
    exact = geo_exact.recognise(value) if sure else None
    text = str(exact) if exact is not None else f"{value:.6g}"
    unit = _UNITS.get(q.expr.fn) if isinstance(q.expr, s.Measure) else None
    return Answer(q.text, exact if exact is not None else sympy.Float(value, 15), value, text, unit, q.span), diags


_NOT_REAL = "the value is not a finite real number"
_COLLAPSED = "the shape it measures is flat in the solution: its size is zero"
_FLAT = 1e-4  # near a flat solution a size converges like the root of the residuals (1e-6 is consistent)
_SIZES = {"length": 1, "perimeter": 1, "circumference": 1, "radius": 1, "diameter": 1, "side": 1, "height": 1,
          "area": 2}


def _collapsed(q: s.Query, value: float, scale: float) -> bool:
    """A size of zero: the solution is degenerate, and zero is no answer (it would only score by luck)."""
    power = _SIZES.get(q.expr.fn) if isinstance(q.expr, s.Measure) else None
    return power is not None and abs(value) <= _FLAT * max(scale, 1e-12) ** power


def _involved(sol: geo_solve.Solution, q: s.Query) -> str:
    """The constraints on the query's points (or all, for a variable), to say what is missing."""
    points = {p.name for p in sol.model.fig.points if re.search(rf"(?<![\w']){re.escape(p.name)}(?![\w'])", q.text)}
    labels = [b.label for b in sol.model.blocks if not b.prior]
    if points:
        labels = [lb for lb in labels if any(re.search(rf"(?<![\w']){re.escape(p)}(?![\w'])", lb) for p in points)]
    names = list(dict.fromkeys(labels))
    if not names:
        return "no constraint mentions " + (", ".join(sorted(points)) or "it")
    more = f" and {len(names) - 6} more" if len(names) > 6 else ""
    return "constraints on it: " + "; ".join(names[:6]) + more


__all__ = ["solve_figure"]
