"""Expanded sizes of checked values (check/size.py): ``Sizer.measure``, the one-step measure the
checker uses as it builds values bottom up, agrees with the full walk on random DAGs measured in
any order, and the checker still refuses a value too large once its 'let's are expanded."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from recode_dsl import limits
from recode_dsl import scene as s
from recode_dsl.check import check_source
from recode_dsl.check.size import Sizer


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 10**6), st.integers(0, 10**6), st.booleans()), min_size=1, max_size=40),
       st.randoms(use_true_random=False))
def test_measure_agrees_with_the_full_walk(steps: list[tuple[int, int, bool]], rng: object) -> None:
    nodes: list[object] = [s.Const(1), s.Const(2)]
    for i, j, unary in steps:
        a, b = nodes[i % len(nodes)], nodes[j % len(nodes)]
        nodes.append(s.Apply("neg", (a,)) if unary else s.Apply("+", (a, b)))  # type: ignore[arg-type]
    order = list(nodes)
    rng.shuffle(order)  # type: ignore[attr-defined]
    fast, full = Sizer(), Sizer()
    for node in order:
        assert fast.measure(node) == (full.size(node), full.depth(node))


def test_a_doubling_chain_of_lets_is_still_refused() -> None:
    lines = ["figure", "let v0 = x + 1"] + [f"let v{k} = v{k - 1} + v{k - 1}" for k in range(1, 12)]
    _, _, diags = check_source("\n".join(lines + ["ask v11"]) + "\n")
    assert any(d.code == "E020" and str(limits.MAX_EXPANDED) in d.message for d in diags)
