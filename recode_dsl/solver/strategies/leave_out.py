"""Statements that cannot all hold: answer without the one (or two) at fault.

A figure whose statements all hold, read from the drawing, beats a compromise of statements
that contradict. Every answer found this way carries an E042 warning naming what was left out.
"""

from __future__ import annotations

from dataclasses import replace

from recode_dsl import messages
from recode_dsl import scene as s
from recode_dsl.errors import Diagnostic, Span
from recode_dsl.geometry import solve as geo_solve
from recode_dsl.geometry.numeric import SolveTimeout
from recode_dsl.solver.attempt import Attempt, agree, attempt
from recode_dsl.solver.strategies import drawing, drops

MAX_DROPS = 8  # statements tried one at a time, the worst-fitting first


def leave_out(figure: s.Figure, att: Attempt, deadline: float) -> Attempt | None:
    """Leave out one statement (or two given values); when the rest leaves a query free, a drawn
    fact that fixes it, else the rest as drawn (E041 says the value is read from the drawing)."""
    if att.sol.consistent:
        return None
    alt = _drop_one(figure, att, deadline)
    if alt is None or not alt.sol.consistent or alt.determined:
        return alt
    if not alt.model.drawn:
        return None
    fixed = drawing.assume(alt.model.fig, alt, deadline)
    return fixed if fixed is not None else alt


def _drop_one(figure: s.Figure, att: Attempt, deadline: float) -> Attempt | None:
    """For constraints that cannot all hold: answer without the one statement whose removal
    leaves the rest consistent and every query determined, trying the worst-fitting first."""
    order = sorted(att.sol.residuals, key=lambda ir: -ir[1])
    spans = list(dict.fromkeys(att.model.blocks[i].span for i, _ in order))
    conflict = {att.model.blocks[i].span for i, r in order if r > geo_solve.CONSISTENT}
    if att.model.drawn:  # of the statements in conflict, the one the drawing disagrees with most first
        misfit = geo_solve.drawing_misfit(figure, deadline)
        spans = sorted(spans, key=lambda sp: (sp not in conflict, -misfit.get(sp, 0.0) if sp in conflict else 0.0))
    stated = {r.span for r in figure.relations} | {e.span for e in figure.equations}
    equal = drops.equal_values(figure, [sp for sp in spans if sp in conflict],
                               lambda f: attempt(f, deadline, quick=True),
                               lambda a: a.sol.consistent and a.determined)
    if equal:  # two angles given one number that cannot hold: equal marks, their equality kept
        alt, first = _most_agreed([(a, p) for a, (p, _) in equal])
        second = next(q for a, (_, q) in equal if a is alt)
        label = {b.span: b.label for b in att.model.blocks}
        alt.report = att.report + [Diagnostic("E042", messages.answered_with_equal(q.text, label[first], label[second]),
                                              q.span, severity="warning", related=(first, second)) for q in alt.funcs]
        return alt
    fallback: tuple[Attempt, Span] | None = None
    found: list[tuple[Attempt, Span]] = []
    for span in [sp for sp in spans if sp in stated][:MAX_DROPS]:
        rest = replace(figure, relations=tuple(r for r in figure.relations if r.span != span),
                       equations=tuple(e for e in figure.equations if e.span != span))
        try:
            alt = attempt(rest, deadline, quick=True, apart=att.apart)
        except SolveTimeout:
            break  # answer with what was found so far
        if alt.sol.consistent and alt.determined:
            found.append((alt, span))
        elif alt.sol.consistent and fallback is None:
            fallback = (alt, span)
    if found:  # votes only among the statements in conflict, when leaving out one of them works
        return _without(att, *_most_agreed([f for f in found if f[1] in conflict] or found), att.report)
    if fallback is not None:  # the rest holds but leaves a query free: the drawing may settle it
        return _without(att, *fallback, att.report)
    given = {e.span for e in figure.equations}
    pairs = drops.leave_out_pairs(figure, [sp for sp in spans if sp in conflict and sp in given],
                                  lambda f: attempt(f, deadline, quick=True),
                                  lambda a: a.sol.consistent and a.determined)
    if pairs:  # no single statement is at fault: two given values next, by the same vote
        alt, first = _most_agreed([(a, p) for a, (p, _) in pairs])
        second = next(q for a, (_, q) in pairs if a is alt)
        return _without(att, alt, second, _without(att, alt, first, att.report).report)
    return None


def _most_agreed(found: list[tuple[Attempt, Span]]) -> tuple[Attempt, Span]:
    """Of the ways to leave out one statement, the answer most of them agree on: a faulty
    statement spoils every answer that keeps it, so the answers that leave it out agree
    (ties: the first tried, i.e. the worst-fitting statement left out)."""
    values = [alt.values() for alt, _ in found]
    votes = [sum(agree(v, w) for w in values) for v in values]
    return found[votes.index(max(votes))]


def _without(att: Attempt, alt: Attempt, span: Span, report: list[Diagnostic]) -> Attempt:
    """``alt``, reported with ``report`` and a warning per query that ``span`` was left out."""
    label = next(b.label for b in att.model.blocks if b.span == span)
    alt.report = report + [Diagnostic("E042", messages.answered_without(q.text, label), q.span,
                                      severity="warning", related=(span,)) for q in alt.funcs]
    return alt
