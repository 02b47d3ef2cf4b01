"""The size of a checked value once every ``let`` name in it is replaced by its value.

A ``let`` shares its value: ``let v1 = v0 + v0`` makes a DAG whose expanded tree doubles
with each step, and every later stage (SymPy, the solver, Shapely) works on the tree. The
size is computed on the DAG, each node once (memoised by identity), so measuring a value
of 2^59 nodes costs 60 steps; the checker refuses a value over ``limits.MAX_EXPANDED``
before any stage expands it.

>>> from recode_dsl import scene as s
>>> v = s.Const(1)
>>> for _ in range(59):
...     v = s.Apply("+", (v, v))
>>> Sizer().size(v) == 2**60 - 1, Sizer().depth(v)
(True, 59)
"""

from __future__ import annotations

from recode_dsl import scene as s


def children(node: object) -> tuple[object, ...]:
    """The sub-values of an IR value that an expansion copies."""
    if isinstance(node, (s.Apply, s.Measure)):
        return node.args
    if isinstance(node, s.RegionOp):
        return (node.left, node.right)
    if isinstance(node, s.Circ):
        return (node.radius,) if node.radius is not None else ()
    if isinstance(node, s.Mask):
        return (node.value,)
    return ()


class Sizer:
    """Expanded sizes, memoised by node identity (the memo keeps each node alive, so an id is
    never reused while it is remembered)."""

    def __init__(self) -> None:
        self._memo: dict[int, tuple[object, int, int]] = {}

    def size(self, root: object) -> int:
        """Nodes of the expanded tree."""
        return self._measure(root)[0]

    def depth(self, root: object) -> int:
        """Levels of the expanded tree (every later stage recurses that deep)."""
        return self._measure(root)[1]

    def measure(self, root: object) -> tuple[int, int]:
        """Nodes and levels of the expanded tree. The checker measures each value as it builds
        it, bottom up, so its sub-values are mostly measured already: then this is one step."""
        memo = self._memo
        hit = memo.get(id(root))
        if hit is not None:
            return hit[1], hit[2]
        kids = children(root)
        size, depth = 1, -1
        for kid in kids:
            known = memo.get(id(kid))
            if known is None:
                if children(kid):
                    return self._measure(root)
                known = memo[id(kid)] = (kid, 1, 0)
            size += known[1]
            depth = max(depth, known[2])
        memo[id(root)] = (root, size, depth + 1)
        return size, depth + 1

    def _measure(self, root: object) -> tuple[int, int]:
        memo = self._memo
        stack: list[tuple[object, bool]] = [(root, False)]
        while stack:
            node, expanded = stack.pop()
            if id(node) in memo:
                continue
            kids = children(node)
            if not kids:
                memo[id(node)] = (node, 1, 0)
            elif expanded:
                memo[id(node)] = (node, 1 + sum(memo[id(k)][1] for k in kids), 1 + max(memo[id(k)][2] for k in kids))
            else:
                stack.append((node, True))
                stack.extend((k, False) for k in kids if id(k) not in memo)
        _, size, depth = memo[id(root)]
        return size, depth
