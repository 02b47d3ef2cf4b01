"""Positions for every point of a figure that meet its constraints, for drawing.

``layout(figure)`` keeps the given positions where the constraints allow, places the points
the program leaves without coordinates, and reports constraints that cannot all hold.
"""

from __future__ import annotations

import math

from recode_dsl import messages
from recode_dsl import scene as s
from recode_dsl.budget import clock
from recode_dsl.errors import NO_SPAN, Diagnostic, Span
from recode_dsl.geometry import solve as geo_solve
from recode_dsl.geometry.numeric import SolveTimeout, Unsupported


def layout(figure: s.Figure, timeout: float = 2.0) -> tuple[dict[str, tuple[float, float]], list[Diagnostic]]:
    """Float positions (y up) for every point, and diagnostics for constraints that fail.

    >>> from recode_dsl import compile
    >>> fig = compile("figure\\npoint A = (0, 0), B = (4, 0), C\\nright_angle(angle(A, B, C))\\n"
    ...               "length(B, C) = 3", solve=False).scene
    >>> pos, diags = layout(fig)
    >>> [round(v, 6) for v in pos["C"]], diags
    ([4.0, 3.0], [])
    """
    deadline = clock() + timeout
    try:
        pinned = _pinned(figure, deadline)
        if pinned is not None:
            return pinned, []
        model, skipped = geo_solve.make_model(figure)
        sol = geo_solve.solve(model, skipped, deadline)
    except SolveTimeout:
        return _fallback(figure), [Diagnostic("E040", messages.query_timeout(timeout), _first_span(figure))]
    except Unsupported as err:
        return _fallback(figure), [Diagnostic("E043", messages.not_solvable("the layout", str(err)),
                                              _first_span(figure))]
    k = _drawing_units(figure, model.drawn)  # back to the units of the given coordinates
    pos = {p.name: (k * float(sol.x[model.slots[f"p:{p.name}"]]), k * float(sol.x[model.slots[f"p:{p.name}.y"]]))
           for p in figure.points}
    return pos, failed_constraints(sol)


def _pinned(figure: s.Figure, deadline: float) -> dict[str, tuple[float, float]] | None:
    """Positions with every given point exactly where given, if the constraints allow that.

    The text's lengths may be in other units than the coordinates: one free factor relates
    them. None when the given points cannot all stay (the full fit then moves them).
    """
    raw = {p.name: (float(p.x), float(p.y)) for p in figure.points if p.x is not None and p.y is not None}
    if not raw:
        return None
    model, skipped = geo_solve.make_model(figure)
    if skipped:
        return None
    at = dict(model.drawn)  # given positions in the text's units (before any fitting)
    unit = model.var("@unit")
    for n, (gx, gy) in at.items():
        i = model.pslot(n)
        model.add(f"{n} where given", NO_SPAN, lambda x, i=i, gx=gx, gy=gy: [  # type: ignore[misc]
            (x[i] - x[unit] * gx) / model.scale, (x[i + 1] - x[unit] * gy) / model.scale], prior=True)
    sol = geo_solve.solve(model, skipped, deadline, weights=(0.1,))
    k = float(sol.x[unit])
    if not sol.consistent or k < 1e-6:
        return None
    ratio = next((math.hypot(*at[n]) / math.hypot(*raw[n]) for n in raw if math.hypot(*raw[n]) > 1e-12), 1.0)
    pos = {}
    for p in figure.points:
        i = model.slots[f"p:{p.name}"]
        pos[p.name] = raw.get(p.name, (float(sol.x[i]) / (k * ratio), float(sol.x[i + 1]) / (k * ratio)))
    return pos


def _drawing_units(figure: s.Figure, scaled: dict[str, tuple[float, float]]) -> float:
    """Given units per solver unit: the solver works in the units of the text's lengths."""
    for p in figure.points:
        if p.x is not None and p.y is not None and p.name in scaled:
            raw, got = math.hypot(float(p.x), float(p.y)), math.hypot(*scaled[p.name])
            if raw > 1e-12 and got > 1e-12:
                return raw / got
    return 1.0


def failed_constraints(sol: geo_solve.Solution) -> list[Diagnostic]:
    """One diagnostic naming every constraint that does not hold (at the first of them, the others as
    related spans), and one warning per constraint skipped."""
    out = [Diagnostic("E044", messages.constraint_ignored(why), span, severity="warning")
           for span, why in sol.skipped]
    if sol.consistent:
        return out
    bad = [sol.model.blocks[i] for i, r in sol.residuals if r > geo_solve.CONSISTENT]
    if not bad:
        return out
    names = ", ".join(dict.fromkeys(b.label for b in bad))
    spans = sorted({b.span for b in bad if b.span.line > 0}, key=lambda sp: (sp.line, sp.col))
    if not spans:  # constraints the solver added itself (a point on an arc's circle): where their points are
        spans = _point_spans(sol.model.fig, [b.label for b in bad]) or [_first_span(sol.model.fig)]
    out.append(Diagnostic("E042", messages.inconsistent(names), spans[0], "correct or delete one of them",
                          related=tuple(spans[1:])))
    return out


def _fallback(figure: s.Figure) -> dict[str, tuple[float, float]]:
    return {p.name: (float(p.x) if p.x is not None else 0.0, float(p.y) if p.y is not None else 0.0)
            for p in figure.points}


def _first_span(figure: s.Figure) -> Span:
    spans = [p.span for p in figure.points] + [r.span for r in figure.relations] + [q.span for q in figure.queries]
    located = [sp for sp in spans if sp.line > 0]
    return located[0] if located else Span(1, 1, 1, 2)


def _point_spans(figure: s.Figure, labels: list[str]) -> list[Span]:
    """The declarations of the points the labels name (a label starts with its point: 'B on w')."""
    first = {label.split(" ", 1)[0] for label in labels}
    return [p.span for p in figure.points if p.name in first and p.span.line > 0]
