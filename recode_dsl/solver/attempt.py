"""One attempt at a figure: its model, the query functions, the solution, and what it reports.

The strict core makes one attempt (``core``); each recovery strategy of a policy
(``solver/strategies/``) takes the attempt so far and may return a better one. An attempt
carries the diagnostics its answers will be reported with (``report``) and, when a query was
fixed only by a fact read from the drawing, that fact (``assumed``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from recode_dsl import messages
from recode_dsl import scene as s
from recode_dsl.budget import clock
from recode_dsl.errors import Diagnostic
from recode_dsl.geometry import measures as geo_measures
from recode_dsl.geometry import solve as geo_solve
from recode_dsl.geometry.layout import failed_constraints
from recode_dsl.geometry.numeric import Model, Num, SolveTimeout, Unsupported
from recode_dsl.solver import geo_apart, geo_pinned

PINNED_S = 0.5  # seconds for a try of the stated coordinates before they are read as a drawing
AGREE = 1e-6  # relative difference below which two answers are one


@dataclass
class Attempt:
    model: Model
    funcs: dict[s.Query, Num]
    diags: list[Diagnostic]
    apart: tuple[tuple[str, str], ...] = ()  # pairs of points kept apart (geo_apart)
    pinned: bool = False  # the stated coordinates (facts) are held exactly
    sol: geo_solve.Solution = field(init=False)
    report: list[Diagnostic] = field(default_factory=list)  # what the answers are reported with
    assumed: str | None = None  # a fact read from the drawing that fixes the queries
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

    @property
    def settled(self) -> bool:
        """Consistent, every query fixed, and no statement skipped: nothing to recover."""
        return self.sol.consistent and self.determined and not self.sol.skipped

    def values(self) -> list[float]:
        return [float(fn(self.sol.x.tolist())) for fn in self.funcs.values()]


def attempt(figure: s.Figure, deadline: float, quick: bool = False, oriented: bool = True,
            between: bool = False, apart: tuple[tuple[str, str], ...] = ()) -> Attempt:
    """Model, query functions and solution of one figure, every coordinate read as a drawing
    (``quick``: one try only; ``apart``: pairs of points kept apart, see geo_apart)."""
    model, skipped = geo_solve.make_model(figure, oriented, between)
    geo_apart.keep_apart(model, apart)
    funcs, diags = compile_queries(model, model.fig)
    att = Attempt(model, funcs, diags, apart)
    att.sol = geo_solve.solve(model, skipped, deadline, accept=att.all_determined,
                              weights=(0.1,) if quick else (0.1, 1.0, 0.01))
    att.report = att.diags + failed_constraints(att.sol)
    return att


def pinned(figure: s.Figure, deadline: float, quick: bool) -> Attempt | None:
    """The figure solved with its stated coordinates held (geo_pinned); None when it states none,
    or (``quick``: a short try of PINNED_S seconds) when its stated lengths disagree with its coordinates."""
    built = geo_pinned.pinned_model(figure, require_scale=quick)
    if built is None:
        return None
    model, skipped = built
    funcs, diags = compile_queries(model, model.fig)
    att = Attempt(model, funcs, diags, pinned=True)
    if quick:  # a drawing that is only roughly to scale fails fast
        deadline = min(deadline, clock() + PINNED_S)
    att.sol = geo_solve.solve(model, skipped, deadline, accept=att.all_determined,
                              weights=(0.1,) if quick else (0.1, 1.0, 0.01))
    att.report = att.diags + failed_constraints(att.sol)
    return att


def core(figure: s.Figure, deadline: float, strict: bool) -> Attempt:
    """The strict core: the stated coordinates held as facts, sketched ones only as a start.

    Strict, that is the one attempt (a time-out is the caller's E040). Otherwise the facts get a
    short try of their own, and when that does not settle every query (or runs out of time)
    the figure is solved again with every coordinate read as a drawing; the strategies of the
    policy go on from there.
    """
    if strict:
        att = pinned(figure, deadline, quick=False)
        return att if att is not None else attempt(figure, deadline)
    try:
        held = pinned(figure, deadline, quick=True)
    except SolveTimeout:
        held = None
    if held is not None and held.settled:
        return held
    return attempt(figure, deadline)


def compile_queries(model: Model, figure: s.Figure) -> tuple[dict[s.Query, Num], list[Diagnostic]]:
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


def agree(a: list[float], b: list[float]) -> bool:
    return len(a) == len(b) and all(abs(u - v) <= AGREE * max(1.0, abs(u), abs(v)) for u, v in zip(a, b))
