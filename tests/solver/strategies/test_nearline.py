"""A loose drawn point drawn on a drawn line is assumed on it, only when a question is otherwise free."""

from __future__ import annotations

from recode_dsl import compile  # noqa: A004
from recode_dsl import scene as s
from recode_dsl.geometry import solve as geo_solve
from recode_dsl.solver.strategies.nearline import near_lines


def _cross(a: str) -> str:
    return (f"figure\npoint G = (0, 0), J = (10, 0), N = (5, 0), M = (3, 4), Q = (7, -4), A = {a}\n"
            "segment(G, J)\nsegment(M, Q)\non(N, segment(G, J))\non(N, segment(M, Q))\n"
            "angle(G, N, M) = 60\nask angle(A, N, Q)")


def test_a_point_drawn_on_a_line_is_assumed_on_it_and_the_warning_says_so() -> None:
    r = compile(_cross("(8, 0.05)"))
    assert [a.exact for a in r.answers] == [60]
    assert any(d.code == "E041" and "on(A, line(G, J))" in d.message for d in r.diagnostics)


def test_a_point_drawn_off_the_line_stays_free() -> None:
    r = compile(_cross("(8, 0.6)"))
    assert not any("on(A, line" in d.message for d in r.diagnostics)
    assert any(d.code == "E041" and "measured from the drawing" in d.message for d in r.diagnostics)


def test_points_that_end_segments_or_are_placed_are_no_candidates() -> None:
    r = compile(_cross("(8, 0.05)").replace("ask", "on(A, segment(G, J))\nask"))
    assert isinstance(r.scene, s.Figure)
    model, _ = geo_solve.make_model(r.scene)
    segs = [("G", "J"), ("M", "Q")]
    assert near_lines(model, list(geo_solve.seed(model)), segs) == []
    assert [a.exact for a in r.answers] == [60] and not any(d.code == "E041" for d in r.diagnostics)
