"""Geometry solver: constraints no single omission repairs are answered leaving out two statements."""

from __future__ import annotations

from recode_dsl import compile  # noqa: A004
from recode_dsl import scene as s
from recode_dsl.solver.geo_drops import leave_out_pairs
from recode_dsl.solver.numeric import SolveTimeout

# the angles fix the triangle's shape, so at most one side can stay; 10 + 3 < 20, so no angle
# left out makes the three sides hold: only pairs of statements can go
TRIANGLE = ("figure\npoint A = (0, 0), B = (10, 0), C = (3, 5)\ntriangle(A, B, C)\n"
            "angle(B, A, C) = 50\nangle(A, B, C) = 60\nlength(A, B) = 10\nlength(B, C) = 3\nlength(C, A) = 20\n")


def _figure(src: str) -> s.Figure:
    fig = compile(src, solve=False).scene
    assert isinstance(fig, s.Figure)
    return fig


def test_two_statements_left_out_when_one_is_not_enough() -> None:
    r = compile(TRIANGLE + "ask angle(A, C, B)")
    assert [round(a.value or 0.0, 6) for a in r.answers] == [70.0]  # leaving out any two sides agrees
    left_out = [d for d in r.diagnostics if d.code == "E042" and d.severity == "warning"]
    assert len({d.message for d in left_out}) == 2


def test_pairs_that_work_are_returned_in_order() -> None:
    fig = _figure(TRIANGLE + "ask angle(A, C, B)")
    spans = [e.span for e in fig.equations]
    bad = {spans[2], spans[4]}  # pretend only AB = 10 and CA = 20 together spoil the figure

    def rest(f: s.Figure) -> set[object]:
        return {e.span for e in f.equations}

    found = leave_out_pairs(fig, spans, rest, lambda kept: not (bad & kept))
    assert [pair for _, pair in found] == [(spans[2], spans[4])]


def test_a_time_out_keeps_the_pairs_found() -> None:
    fig = _figure(TRIANGLE + "ask angle(A, C, B)")
    spans = [e.span for e in fig.equations]
    calls: list[int] = []

    def attempt(f: s.Figure) -> int:
        calls.append(1)
        if len(calls) > 1:
            raise SolveTimeout()
        return len(f.equations)

    assert [pair for _, pair in leave_out_pairs(fig, spans, attempt, lambda n: True)] == [(spans[0], spans[1])]
