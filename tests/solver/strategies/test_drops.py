"""Geometry solver: contradictions repaired beyond one omission: two given values left out, equal marks kept."""

from __future__ import annotations

from recode_dsl import compile, messages  # noqa: A004
from recode_dsl import scene as s
from recode_dsl.geometry.numeric import SolveTimeout
from recode_dsl.solver.strategies.drops import equal_values, leave_out_pairs

# the angles fix the triangle's shape, so at most one side can stay; 10 + 3 < 20, so no angle
# left out makes the three sides hold: only pairs of statements can go
TRIANGLE = ("figure\npoint A = (0, 0), B = (10, 0), C = (3, 5)\ntriangle(A, B, C)\n"
            "angle(B, A, C) = 50\nangle(A, B, C) = 60\nlength(A, B) = 10\nlength(B, C) = 3\nlength(C, A) = 20\n")


def _figure(src: str) -> s.Figure:
    fig = compile(src, solve=False).scene
    assert isinstance(fig, s.Figure)
    return fig


def test_two_statements_left_out_when_one_is_not_enough() -> None:
    r = compile(TRIANGLE + "ask angle(A, C, B)", policy="lenient")
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


# two angles labelled with one number (22) that the lengths contradict: equal-angle marks; with
# their equality the angles are both arctan(12/5), so DB / FB = 13 / 5 and x = 9/8
EQUAL_MARKS = ("figure\npoint A = (50, 120), B = (62, 0), C = (0, 0), D = (50, 30), F = (50, 0)\n"
               "segment(A, C)\nsegment(C, B)\nsegment(A, F)\nsegment(D, B)\n"
               "on(D, segment(A, F))\non(F, segment(C, B))\nperpendicular(segment(D, F), segment(F, C))\n"
               "length(A, C) = 13\nlength(C, F) = 5\nlength(D, B) = 2x + 1\nlength(F, B) = 2x - 1\n"
               "angle(A, C, B) = 22\nangle(C, B, D) = 22\nask length(D, B)")


def test_two_angles_given_one_impossible_number_are_kept_equal() -> None:
    r = compile(EQUAL_MARKS, policy="lenient")
    assert [round(a.value or 0.0, 6) for a in r.answers] == [3.25]
    kept = [d for d in r.diagnostics if d.code == "E042" and d.severity == "warning"]
    assert [d.message for d in kept] == [messages.answered_with_equal(
        "length(D, B)", "measure(angle(A, C, B)) = 22", "measure(angle(C, B, D)) = 22")]


def test_equal_lengths_are_not_read_as_marks() -> None:
    fig = _figure("figure\npoint A, B, C\nlength(A, B) = 5\nlength(B, C) = 5\nask length(A, C)")
    spans = [e.span for e in fig.equations]
    assert equal_values(fig, spans, lambda f: f, lambda f: True) == []


def test_equal_marks_across_two_similar_triangles() -> None:
    # triangle JKL is impossible with both its angles and both sides; TSR repeats the two angles.
    # Keeping J = R (or K = S) instead of the numbers makes the triangles similar: SR = 3 * 16 / 12
    r = compile("figure\npoint J = (0, 10), K = (0, 0), L = (10, 0), R = (30, 3), S = (30, 10), T = (25, 10)\n"
                "triangle(J, K, L)\ntriangle(T, S, R)\nlength(S, T) = 3\nangle(J, K, L) = 87\nangle(L, J, K) = 46\n"
                "angle(T, R, S) = 46\nangle(T, S, R) = 87\nlength(J, K) = 16\nlength(K, L) = 12\nask length(S, R)",
                policy="lenient")
    assert [round(a.value or 0.0, 6) for a in r.answers] == [4.0]
