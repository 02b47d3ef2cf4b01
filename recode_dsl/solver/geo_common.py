"""``ask common(a, b, ...)``: the one value several quantities share.

    figure ──1 split each common(...) ask into one ask per argument──▶ ──2 solve──▶
           ──3 merge: one answer when every part is answered with no warning and all agree──▶

``common`` inside an expression (``ask 2 * common(a, b)``, or an argument of another
``common``) is no quantity the solver knows: that question is reported and not solved.
A part that is not fixed by the constraints (answered from the drawing, or by an assumption),
that is answered leaving out a contradiction, or that cannot be answered at all, leaves the
whole question unanswered; so do parts with different values: nothing is picked among them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from recode_dsl import messages
from recode_dsl import scene as s
from recode_dsl.errors import Diagnostic, Span
from recode_dsl.solver.answer import Answer

Solve = Callable[[s.Figure, float], tuple[list[Answer], list[Diagnostic]]]

AGREE = 1e-6  # relative difference below which two parts have one value


def is_common(q: s.Query) -> bool:
    """Whether a question asks for the common value of its arguments."""
    return isinstance(q.expr, s.Apply) and q.expr.fn == "common" and len(q.expr.args) > 0


def solve(figure: s.Figure, timeout: float, solve_figure: Solve) -> tuple[list[Answer], list[Diagnostic]]:
    """Answers of a figure whose common(...) questions are answered part by part.

    >>> from recode_dsl import compile
    >>> r = compile("figure\\npoint A, B, C\\ntriangle(A, B, C)\\nlength(A, B) = 4\\n"
    ...             "equilateral(triangle(A, B, C))\\nask common(length(B, C), length(C, A))")
    >>> r.answers[0].text
    '4'
    """
    inside = [q for q in figure.queries if _common_inside(q)]
    parts = {q: _parts(q) for q in figure.queries if is_common(q) and q not in inside}
    if not parts and not inside:
        return solve_figure(figure, timeout)
    queries = [p for q in figure.queries if q not in inside for p in parts.get(q, [q])]
    answers, diags = solve_figure(replace(figure, queries=tuple(queries)), timeout)
    diags += [Diagnostic("E043", messages.not_solvable(q.text, messages.common_not_whole()), q.span) for q in inside]
    asked = [q for q in figure.queries if q not in inside]
    return _answers(asked, parts, answers, diags), diags


def _answers(asked: list[s.Query], parts: dict[s.Query, list[s.Query]], answers: list[Answer],
             diags: list[Diagnostic]) -> list[Answer]:
    """The answers in question order, each common(...) merged from its parts (E043 when it cannot be)."""
    by_key = {(a.query, a.span): a for a in answers}
    out: list[Answer] = []
    for q in asked:
        if q not in parts:
            out += [a for a in answers if (a.query, a.span) == (q.text, q.span)]
            continue
        merged, why = _merge(q, parts[q], by_key, diags)
        if merged is not None:
            out.append(merged)
        else:
            diags.append(Diagnostic("E043", messages.not_solvable(q.text, why), q.span))
    return out


def _common_inside(q: s.Query) -> bool:
    """Whether ``common`` is used inside the question's expression rather than as all of it."""
    stack: list[object] = list(q.expr.args) if is_common(q) else [q.expr]  # type: ignore[union-attr]
    while stack:
        node = stack.pop()
        if isinstance(node, s.Apply):
            if node.fn == "common":
                return True
            stack.extend(node.args)
    return False


def _parts(q: s.Query) -> list[s.Query]:
    """One question per argument, named by the argument's text (kept by the scene)."""
    assert isinstance(q.expr, s.Apply)
    texts = list(q.parts)
    if len(texts) != len(q.expr.args):
        texts = [f"{q.text} [{i + 1}]" for i in range(len(q.expr.args))]
    unique = dict(zip(texts, q.expr.args))  # one text, one quantity: asked once
    return [s.Query(arg, text, q.span) for text, arg in unique.items()]  # type: ignore[arg-type]


def _merge(q: s.Query, parts: list[s.Query], by_key: dict[tuple[str, Span], Answer],
           diags: list[Diagnostic]) -> tuple[Answer | None, str]:
    """The common answer, or None and why not."""
    if any(d.span == q.span for d in diags):
        return None, messages.common_part_unsure()
    found = [by_key.get((p.text, p.span)) for p in parts]
    got = [a for a in found if a is not None and a.value is not None]
    if len(got) != len(parts):
        return None, messages.common_part_unsure()
    first = got[0]
    if any(not _same(a, first) for a in got[1:]):
        return None, messages.common_values_differ([f"{p.text} = {a.text}" for p, a in zip(parts, got)])
    return replace(first, query=q.text, span=q.span), ""


def _same(a: Answer, b: Answer) -> bool:
    assert a.value is not None and b.value is not None
    return abs(a.value - b.value) <= AGREE * max(1.0, abs(a.value), abs(b.value))


__all__ = ["is_common", "solve"]
