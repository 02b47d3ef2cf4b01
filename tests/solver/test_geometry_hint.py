"""The hint of an unfixed answer names the constraints on the question's points: those whose
residuals move with the points, whatever their labels spell."""

from __future__ import annotations

from recode_dsl import compile  # noqa: A004


def _hint(src: str) -> str:
    r = compile(src, policy="strict")
    hints = [d.hint for d in r.diagnostics if d.code == "E041"]
    assert len(hints) == 1 and hints[0] is not None
    return hints[0]


def test_a_constraint_through_a_named_circle_is_on_its_centre() -> None:
    # on(P, w) holds P at distance 5 from O; its label never names O, and it is still on O
    hint = _hint("figure\npoint O, P, Q\nlet w = circle(O, 5)\non(P, w)\nsegment(P, Q)\n"
                 "length(P, Q) = 3\nask length(O, Q)")
    assert "on(P, w)" in hint and "length(segment(P, Q)) = 3" in hint


def test_a_constraint_on_other_points_is_left_out() -> None:
    hint = _hint("figure\npoint A, B, C, D\ntriangle(A, B, C)\nsegment(C, D)\nlength(C, D) = 4\n"
                 "length(A, B) = 3\nask length(A, D)")
    assert "length(segment(C, D)) = 4" in hint  # on D
    assert "length(segment(A, B)) = 3" in hint  # on A
    hint = _hint("figure\npoint A, B, C, D\ntriangle(A, B, C)\nsegment(C, D)\nlength(C, D) = 4\n"
                 "length(A, B) = 3\nask length(C, D) + length(A, C)")
    assert "length(segment(C, D)) = 4" in hint and "length(segment(A, B)) = 3" in hint
    hint = _hint("figure\npoint A, B, C, D, E\nsegment(A, B)\nsegment(D, E)\nlength(A, B) = 3\n"
                 "length(D, E) = 4\nask length(D, C)")
    assert "length(segment(D, E)) = 4" in hint and "length(segment(A, B))" not in hint
