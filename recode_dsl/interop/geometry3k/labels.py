"""A question about a label the annotation lost: "Find x." where no form mentions x.

The diagram prints x beside a segment or in an angle, and the annotation left that label out.
The problem's goal tag still says what kind of quantity x is (a length, an angle), so x is
one of the drawn quantities of that kind that carry no label: every drawn segment (and the
length of every arc between neighbouring points of a circle), every angle between two
neighbouring drawn rays at a point (and the measure of every such arc), that no form gives a
value (a number, an expression or another variable's label).
The question becomes ``ask common(...)`` of all of them: the solver answers only when every
one is fixed by the constraints and they all have one value, so nothing is picked among
different values. When the figure labels anything with an expression in a variable
(``3b + 5``), the lost label may be such an expression too, and the question stays as it was.
Positions (floats) only tell the drawn rays and their order; a drawn point without a position
leaves the question as it was.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from recode_dsl import astnodes as dsl
from recode_dsl.fmt import format_expr
from recode_dsl.interop.geometry3k.geom import direction, merge_lines
from recode_dsl.interop.geometry3k.text import (
    ASK,
    EQUATION,
    RELATION,
    Stmt,
    ask,
    call,
    call_points,
    equation_variables,
    letter_point,
    variables,
    walk,
)
from recode_dsl.interop.geometry3k.tolerance import IN_LINE, LABEL_STRAIGHT_DEG, SAME_DIRECTION_DEG

Positions = Mapping[str, tuple[float, float]]
Match = Callable[[dsl.Expr], "tuple[str, ...] | None"]  # the points of a pattern of the statements, or None
_MEASURES = {"length", "angle", "measure", "area", "perimeter", "radius", "diameter", "circumference", "side",
             "height"}
_ARCS = ("arc", "major_arc", "minor_arc")


def _call_of(e: object, fn: str) -> dsl.Call | None:
    """``e`` as a call of ``fn`` with one argument, else None."""
    return e if isinstance(e, dsl.Call) and e.func == fn and len(e.args) == 1 and not e.kwargs else None


def _length(e: dsl.Expr) -> tuple[str, ...] | None:
    return call_points(e, "length", 2)


def _angle(e: dsl.Expr) -> tuple[str, ...] | None:
    return call_points(e, "angle", 3)


def _arc_of(fn: str) -> Match:
    """``fn(arc(A, B))`` or ``fn(arc(A, C, B))`` (major or minor too): its two ends."""
    def match(e: dsl.Expr) -> tuple[str, ...] | None:
        outer = _call_of(e, fn)
        pts = call_points(outer.args[0], _ARCS, (2, 3)) if outer is not None else None
        return (pts[0], pts[-1]) if pts else None
    return match


def _stmt_expr(st: Stmt) -> dsl.Expr | None:
    """The call of a statement that is one call (not an equation)."""
    node = st.node
    return node.expr if isinstance(node, dsl.ExprStmt) and node.rhs is None else None


def _on(st: Stmt) -> tuple[str, dsl.Call] | None:
    """``on(P, X)``: P and X."""
    e = _stmt_expr(st)
    if isinstance(e, dsl.Call) and e.func == "on" and len(e.args) == 2 and not e.kwargs \
            and isinstance(e.args[1], dsl.Call):
        p = letter_point(e.args[0])
        return (p, e.args[1]) if p is not None else None
    return None


def _circle_centre(c: dsl.Call) -> str | None:
    """The centre of ``circle(O)`` or ``circle(O, r1)``."""
    if c.func != "circle" or not 1 <= len(c.args) <= 2 or c.kwargs:
        return None
    if len(c.args) == 2 and not isinstance(c.args[1], (dsl.Name, dsl.Num)):
        return None
    return letter_point(c.args[0])


def _labelled_angle(st: Stmt) -> tuple[str, ...] | None:
    """``angle(A, B, C, label=4)``: A, B, C."""
    e = _stmt_expr(st)
    if not (isinstance(e, dsl.Call) and e.func == "angle" and len(e.kwargs) == 1 and e.kwargs[0].name == "label"):
        return None
    label = e.kwargs[0].value
    if not (isinstance(label, dsl.Num) and isinstance(label.value, int) and label.value >= 0 and not label.deg):
        return None
    return _angle(call("angle", *e.args))


def _right(st: Stmt) -> tuple[str, ...] | None:
    """``right_angle(angle(A, B, C))``: A, B, C."""
    outer = _call_of(_stmt_expr(st), "right_angle")
    return _angle(outer.args[0]) if outer is not None else None


def _perpendicular(st: Stmt) -> tuple[str, ...] | None:
    """``perpendicular(segment(A, B), segment(C, D))``: A, B, C, D."""
    e = _stmt_expr(st)
    if not (isinstance(e, dsl.Call) and e.func == "perpendicular" and len(e.args) == 2 and not e.kwargs):
        return None
    one, two = call_points(e.args[0], "segment", 2), call_points(e.args[1], "segment", 2)
    return (*one, *two) if one and two else None


@dataclass(frozen=True, slots=True)
class Ray:
    """A drawn ray from a vertex: the line it runs along, its side of the vertex, a point on it."""

    line: int
    side: int
    point: str
    direction: float  # degrees


def lost_label(stmts: list[Stmt], goal: Sequence[str], segments: Sequence[tuple[str, str]],
               pos: Positions) -> tuple[list[Stmt], list[str]]:
    """Replace ``ask x`` (x in no equation) by the common value of the unlabelled drawn quantities
    of the goal's kind; returns the statements and a hint per question replaced.

    >>> from recode_dsl.interop.geometry3k.text import named, number, statement
    >>> st = [Stmt(EQUATION, statement(call("length", "A", "B"), number("6"))), Stmt(ASK, ask(named("x")))]
    >>> pos = {"A": (0.0, 0.0), "B": (6.0, 0.0), "C": (3.0, 3.0)}
    >>> new, _ = lost_label(st, ["Length"], [("A", "B"), ("B", "C"), ("C", "A")], pos)
    >>> new[-1].text
    'ask common(length(B, C), length(A, C))'
    """
    known = equation_variables(stmts)
    asked = [st for st in stmts if st.section == ASK and _asked_variable(st) not in (None, *known)]
    kinds = {"Length", "Angle"} & set(goal)
    if not asked or len(kinds) != 1 or _expression_labels(stmts):
        return stmts, []
    figure = _Figure.build(stmts, segments, pos)
    if figure is None:
        return stmts, []
    quantities = figure.unlabelled_lengths() if kinds == {"Length"} else figure.unlabelled_angles()
    if not quantities:
        return stmts, []
    question = ask(quantities[0] if len(quantities) == 1 else call("common", *quantities))
    what = "length" if kinds == {"Length"} else "angle"
    out = [Stmt(ASK, question) if st in asked else st for st in stmts]
    hints = [f"{_asked_variable(st)} labels a drawn {what} no form gives a value: the answer is theirs when they "
             "all agree" for st in asked[:1]]
    return out, hints


def _asked_variable(st: Stmt) -> str | None:
    """The variable of ``ask x``, else None."""
    node = st.node
    if isinstance(node, dsl.Ask) and isinstance(node.expr, dsl.Name) and len(node.expr.id) == 1 \
            and "a" <= node.expr.id <= "z":
        return node.expr.id
    return None


@dataclass
class _Figure:
    """The drawn lines (collinear point sets), circles and the labelled measures of a program."""

    pos: Positions
    lines: list[list[str]]
    circles: dict[str, list[str]]  # a circle's text: the points on it
    centres: dict[str, str]  # a circle's text: its centre
    stmts: list[Stmt]

    @classmethod
    def build(cls, stmts: list[Stmt], segments: Sequence[tuple[str, str]], pos: Positions) -> _Figure | None:
        lines: list[set[str]] = [set(seg) for seg in segments]
        circles: dict[str, list[str]] = {}
        centres: dict[str, str] = {}
        for st in stmts:
            on = _on(st) if st.section == RELATION else None
            if on is None:
                continue
            seg = call_points(on[1], "segment", 2)
            if seg is not None:
                lines.append({on[0], *seg})
            centre = _circle_centre(on[1])
            if centre is not None:
                circles.setdefault(format_expr(on[1]), []).append(on[0])
                centres[format_expr(on[1])] = centre
        merged = merge_lines(lines)
        points = {p for line in merged for p in line} | {p for ps in circles.values() for p in ps}
        if not points or not all(p in pos for p in points) or not all(_straight(line, pos) for line in merged):
            return None
        return cls(pos, [sorted(line) for line in merged], circles, centres, stmts)

    # -- lengths ---------------------------------------------------------------------------

    def unlabelled_lengths(self) -> list[dsl.Expr]:
        labelled = {frozenset(m) for m in self._labelled(_length)}
        out: list[dsl.Expr] = []
        for line in self.lines:
            for i, a in enumerate(line):
                for b in line[i + 1:]:
                    if frozenset((a, b)) not in labelled:
                        out.append(call("length", a, b))
        return out + self._unlabelled_arcs("length")

    # -- angles and arcs ---------------------------------------------------------------------

    def unlabelled_angles(self) -> list[dsl.Expr]:
        labelled = self._labelled_angles()
        out: list[dsl.Expr] = []
        for v in sorted({p for line in self.lines for p in line}):
            for r1, r2 in self._neighbours(v):
                if frozenset(((r1.line, r1.side), (r2.line, r2.side))) not in labelled.get(v, set()):
                    out.append(call("angle", r1.point, v, r2.point))
        return out + self._unlabelled_arcs()

    def _labelled(self, match: Match) -> list[tuple[str, ...]]:
        """What ``match`` finds on a side of an equation whose other side has no measure."""
        found = []
        for st in self.stmts:
            node = st.node
            if st.section != EQUATION or not isinstance(node, dsl.ExprStmt) or node.rhs is None:
                continue
            for this, other in ((node.expr, node.rhs), (node.rhs, node.expr)):
                m = match(this)
                if m and not any(isinstance(n, dsl.Call) and n.func in _MEASURES for n in walk(other)):
                    found.append(m)
        return found

    def _labelled_angles(self) -> dict[str, set[frozenset[tuple[int, int]]]]:
        """Per vertex, the pairs of rays whose angle has a value, a printed label or a right angle."""
        triples = self._labelled(_angle)
        for st in self.stmts:
            for pattern in (_labelled_angle, _right):
                m = pattern(st)
                if m:
                    triples.append(m)
        out: dict[str, set[frozenset[tuple[int, int]]]] = {}
        for a, v, b in triples:
            ra, rb = self._ray(v, a), self._ray(v, b)
            if ra is not None and rb is not None:
                out.setdefault(v, set()).add(frozenset((ra, rb)))
        for st in self.stmts:
            m = _perpendicular(st)
            if m:
                self._right_angles(m, out)
        return out

    def _right_angles(self, pts: tuple[str, ...], out: dict[str, set[frozenset[tuple[int, int]]]]) -> None:
        l1 = self._line_of(pts[0], pts[1])
        l2 = self._line_of(pts[2], pts[3])
        if l1 is None or l2 is None:
            return
        for v in set(self.lines[l1]) & set(self.lines[l2]):
            for s1 in (-1, 1):
                for s2 in (-1, 1):
                    out.setdefault(v, set()).add(frozenset(((l1, s1), (l2, s2))))

    def _line_of(self, a: str, b: str) -> int | None:
        return next((i for i, line in enumerate(self.lines) if a in line and b in line), None)

    def _ray(self, v: str, p: str) -> tuple[int, int] | None:
        i = self._line_of(v, p)
        return None if i is None else (i, self._side(i, v, p))

    def _side(self, i: int, v: str, p: str) -> int:
        (ax, ay), (bx, by) = self._axis(i)
        (vx, vy), (px, py) = self.pos[v], self.pos[p]
        return 1 if (px - vx) * (bx - ax) + (py - vy) * (by - ay) > 0 else -1

    def _axis(self, i: int) -> tuple[tuple[float, float], tuple[float, float]]:
        """The two points of line i farthest apart: its direction."""
        line = self.lines[i]
        a, b = max(((p, q) for p in line for q in line), key=lambda pq: math.dist(self.pos[pq[0]], self.pos[pq[1]]))
        return self.pos[a], self.pos[b]

    def _rays(self, v: str) -> list[Ray]:
        rays: list[Ray] = []
        for i, line in enumerate(self.lines):
            if v not in line:
                continue
            for side in (-1, 1):
                on = [p for p in line if p != v and self._side(i, v, p) == side]
                if on:
                    near = min(on, key=lambda p: math.dist(self.pos[v], self.pos[p]))
                    rays.append(Ray(i, side, near, direction(self.pos[v], self.pos[near])))
        return sorted(rays, key=lambda r: r.direction)

    def _neighbours(self, v: str) -> list[tuple[Ray, Ray]]:
        """Pairs of rays at v next to each other around v, less than a straight angle apart."""
        rays = self._rays(v)
        if len(rays) < 2:
            return []
        if any(_gap(r1, r2) < SAME_DIRECTION_DEG for r1, r2 in zip(rays, rays[1:] + rays[:1])):
            return []  # two lines leave v the same way: the drawing cannot tell the angles apart
        pairs = list(zip(rays, rays[1:] + rays[:1])) if len(rays) > 2 else [(rays[0], rays[1])]
        return [(r1, r2) for r1, r2 in pairs if min(_gap(r1, r2), 360 - _gap(r1, r2)) < LABEL_STRAIGHT_DEG
                and (len(rays) == 2 or _gap(r1, r2) < LABEL_STRAIGHT_DEG)]

    def _unlabelled_arcs(self, fn: str = "measure") -> list[dsl.Expr]:
        """Arcs between neighbouring points of a circle, by ``fn`` (measure or length); for
        measures, an arc whose two radii are drawn neighbours is the central angle's place,
        which the angles already count."""
        labelled = {frozenset(m) for m in self._labelled(_arc_of(fn))}
        out: list[dsl.Expr] = []
        for circle, pts in self.circles.items():
            c = self.centres[circle]
            ring = sorted(set(pts))
            if c not in self.pos or len(ring) < 2:
                continue
            turn = {p: direction(self.pos[c], self.pos[p]) for p in ring}
            ring.sort(key=turn.__getitem__)
            central = {frozenset((r1.point, r2.point)) for r1, r2 in self._neighbours(c)} if fn == "measure" else set()
            for a, b in zip(ring, ring[1:] + ring[:1]):
                if frozenset((a, b)) in labelled or frozenset((a, b)) in central:
                    continue
                major = (turn[b] - turn[a]) % 360 > 180
                out.append(call(fn, call("major_arc" if major else "arc", a, b)))
        return out


def _expression_labels(stmts: list[Stmt]) -> bool:
    """Whether the figure labels a quantity with an expression in a variable (``3b + 5``): then the
    lost label may be one too, and x need not be the value of what it labels."""
    for st in stmts:
        node = st.node
        if st.section == EQUATION and isinstance(node, dsl.ExprStmt):
            for side in (node.expr, node.rhs):
                if variables(side) and not (isinstance(side, dsl.Name) and side.id in variables(side)):
                    return True
    return False


def _straight(line: set[str], pos: Positions) -> bool:
    """Whether the drawing puts a line's points on one line (within 5% of its length): when the
    forms and the picture disagree, neither tells the drawn rays."""
    a, b = max(((p, q) for p in line for q in line), key=lambda pq: math.dist(pos[pq[0]], pos[pq[1]]))
    (ax, ay), (bx, by) = pos[a], pos[b]
    length = math.hypot(bx - ax, by - ay)
    if length == 0:
        return False
    return all(abs((bx - ax) * (pos[p][1] - ay) - (by - ay) * (pos[p][0] - ax)) / length <= IN_LINE * length
               for p in line)


def _gap(r1: Ray, r2: Ray) -> float:
    """Degrees turned from r1 to r2, counter-clockwise in the drawing's frame."""
    return (r2.direction - r1.direction) % 360

