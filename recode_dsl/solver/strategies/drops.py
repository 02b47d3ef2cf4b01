"""Leaving out two statements at once, for constraints no single omission makes hold.

A figure with two faulty statements (two numbers copied wrong, say) stays inconsistent whatever
one statement is left out. The next smallest repair leaves out two: every pair of the given
values in conflict (the caller passes equations only: a wrong number is the common slip, while
relations carry the figure's structure), worst-fitting first, is tried; the pairs whose rest
holds and fixes every query are returned, and the caller lets their answers vote as it does for
single omissions. A time-out while trying keeps the pairs found so far.

Before any omission: two angles given the same number, one of them at least in conflict, are
most likely equal-angle marks read as a number; keeping only their equality is tried first.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import TypeVar

from recode_dsl import scene as s
from recode_dsl.errors import Span
from recode_dsl.geometry.numeric import SolveTimeout

T = TypeVar("T")

MAX_IN_PAIRS = 7  # statements in conflict paired up: at most 21 tries


def equal_values(figure: s.Figure, conflict: Sequence[Span], attempt: Callable[[s.Figure], T],
                 works: Callable[[T], bool]) -> list[tuple[T, tuple[Span, Span]]]:
    """For each two angles (or arcs) given the same number (22 and 22), one at least in conflict,
    the attempt with only their equality kept (angle 1 = angle 2: equal-angle marks read as a
    number), when it ``works``. A time-out while trying keeps what was found."""
    spans = set(conflict)
    given = [(e, e.lhs, e.rhs) for e in figure.equations
             if isinstance(e.lhs, s.Measure) and e.lhs.fn == "measure" and isinstance(e.rhs, s.Const)]
    found: list[tuple[T, tuple[Span, Span]]] = []
    for (a, la, ra), (b, lb, rb) in itertools.combinations(given, 2):
        if la == lb or ra.value != rb.value or not {a.span, b.span} & spans:
            continue
        rest = without(figure, {a.span, b.span})
        try:
            alt = attempt(replace(rest, equations=(*rest.equations, s.Equation(la, lb, a.unit, a.span))))
        except SolveTimeout:
            break
        if works(alt):
            found.append((alt, (a.span, b.span)))
    return found


def without(figure: s.Figure, spans: set[Span]) -> s.Figure:
    """The figure less the relations and equations stated at ``spans``."""
    return replace(figure, relations=tuple(r for r in figure.relations if r.span not in spans),
                   equations=tuple(e for e in figure.equations if e.span not in spans))


def leave_out_pairs(figure: s.Figure, conflict: Sequence[Span], attempt: Callable[[s.Figure], T],
                    works: Callable[[T], bool]) -> list[tuple[T, tuple[Span, Span]]]:
    """The attempts without each pair of the first statements in ``conflict`` that ``work``."""
    found: list[tuple[T, tuple[Span, Span]]] = []
    for p, q in itertools.combinations(conflict[:MAX_IN_PAIRS], 2):
        try:
            alt = attempt(without(figure, {p, q}))
        except SolveTimeout:
            break
        if works(alt):
            found.append((alt, (p, q)))
    return found


__all__ = ["MAX_IN_PAIRS", "equal_values", "leave_out_pairs", "without"]
