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
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from recode_dsl.interop.geometry3k.geom import direction, merge_lines
from recode_dsl.interop.geometry3k.text import ASK, EQUATION, RELATION, VARIABLE, Stmt, equation_variables
from recode_dsl.interop.geometry3k.tolerance import IN_LINE, LABEL_STRAIGHT_DEG, SAME_DIRECTION_DEG

Positions = Mapping[str, tuple[float, float]]

_P = r"([A-Z]'*)"
_ON_SEGMENT = re.compile(rf"^on\({_P}, segment\({_P}, {_P}\)\)$")
_ON_CIRCLE = re.compile(rf"^on\({_P}, (circle\({_P}(?:, [^()]*)?\))\)$")
_LENGTH = re.compile(rf"^length\({_P}, {_P}\)$")
_ANGLE = re.compile(rf"^angle\({_P}, {_P}, {_P}\)$")
_LABELLED = re.compile(rf"^angle\({_P}, {_P}, {_P}, label=\d+\)$")
_ARC = re.compile(rf"^measure\((?:major_|minor_)?arc\({_P}, (?:{_P}, )?{_P}\)\)$")
_ARC_LENGTH = re.compile(rf"^length\((?:major_|minor_)?arc\({_P}, (?:{_P}, )?{_P}\)\)$")
_PERPENDICULAR = re.compile(rf"^perpendicular\(segment\({_P}, {_P}\), segment\({_P}, {_P}\)\)$")
_RIGHT = re.compile(rf"^right_angle\(angle\({_P}, {_P}, {_P}\)\)$")
_MEASURE = re.compile(r"\b(length|angle|measure|area|perimeter|radius|diameter|circumference|side|height)\(")


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

    >>> st = [Stmt(EQUATION, "length(A, B) = 6"), Stmt(ASK, "ask x")]
    >>> pos = {"A": (0.0, 0.0), "B": (6.0, 0.0), "C": (3.0, 3.0)}
    >>> new, _ = lost_label(st, ["Length"], [("A", "B"), ("B", "C"), ("C", "A")], pos)
    >>> new[-1].text
    'ask common(length(B, C), length(A, C))'
    """
    known = equation_variables(stmts)
    asked = [st for st in stmts if st.section == ASK and re.fullmatch(r"ask [a-z]", st.text)
             and st.text[4:] not in known]
    kinds = {"Length", "Angle"} & set(goal)
    if not asked or len(kinds) != 1 or _expression_labels(stmts):
        return stmts, []
    figure = _Figure.build(stmts, segments, pos)
    if figure is None:
        return stmts, []
    quantities = figure.unlabelled_lengths() if kinds == {"Length"} else figure.unlabelled_angles()
    if not quantities:
        return stmts, []
    ask = f"ask {quantities[0]}" if len(quantities) == 1 else f"ask common({', '.join(quantities)})"
    what = "length" if kinds == {"Length"} else "angle"
    out = [Stmt(ASK, ask) if st in asked else st for st in stmts]
    hints = [f"{st.text[4:]} labels a drawn {what} no form gives a value: the answer is theirs when they all agree"
             for st in asked[:1]]
    return out, hints


@dataclass
class _Figure:
    """The drawn lines (collinear point sets), circles and the labelled measures of a program."""

    pos: Positions
    lines: list[list[str]]
    circles: dict[str, list[str]]
    stmts: list[Stmt]

    @classmethod
    def build(cls, stmts: list[Stmt], segments: Sequence[tuple[str, str]], pos: Positions) -> _Figure | None:
        lines: list[set[str]] = [set(seg) for seg in segments]
        circles: dict[str, list[str]] = {}
        for st in stmts:
            if st.section != RELATION:
                continue
            on = _ON_SEGMENT.match(st.text)
            if on:
                lines.append({on[1], on[2], on[3]})
            circ = _ON_CIRCLE.match(st.text)
            if circ:
                circles.setdefault(circ[2], []).append(circ[1])
        merged = merge_lines(lines)
        points = {p for line in merged for p in line} | {p for ps in circles.values() for p in ps}
        if not points or not all(p in pos for p in points) or not all(_straight(line, pos) for line in merged):
            return None
        return cls(pos, [sorted(line) for line in merged], circles, stmts)

    # -- lengths ---------------------------------------------------------------------------

    def unlabelled_lengths(self) -> list[str]:
        labelled = {frozenset(m.groups()) for m in self._labelled(_LENGTH)}
        out = []
        for line in self.lines:
            for i, a in enumerate(line):
                for b in line[i + 1:]:
                    if frozenset((a, b)) not in labelled:
                        out.append(f"length({a}, {b})")
        return out + self._unlabelled_arcs("length")

    # -- angles and arcs ---------------------------------------------------------------------

    def unlabelled_angles(self) -> list[str]:
        labelled = self._labelled_angles()
        out = []
        for v in sorted({p for line in self.lines for p in line}):
            for r1, r2 in self._neighbours(v):
                if frozenset(((r1.line, r1.side), (r2.line, r2.side))) not in labelled.get(v, set()):
                    out.append(f"angle({r1.point}, {v}, {r2.point})")
        return out + self._unlabelled_arcs()

    def _labelled(self, pattern: re.Pattern[str]) -> list[re.Match[str]]:
        """Matches of ``pattern`` on a side of an equation whose other side has no measure."""
        found = []
        for st in self.stmts:
            if st.section != EQUATION:
                continue
            lhs, _, rhs = st.text.partition(" = ")
            for this, other in ((lhs, rhs), (rhs, lhs)):
                m = pattern.match(this.strip())
                if m and not _MEASURE.search(other):
                    found.append(m)
        return found

    def _labelled_angles(self) -> dict[str, set[frozenset[tuple[int, int]]]]:
        """Per vertex, the pairs of rays whose angle has a value, a printed label or a right angle."""
        triples = [m.groups() for m in self._labelled(_ANGLE)]
        for st in self.stmts:
            for pattern in (_LABELLED, _RIGHT):
                m = pattern.match(st.text)
                if m:
                    triples.append(m.groups())
        out: dict[str, set[frozenset[tuple[int, int]]]] = {}
        for a, v, b in triples:
            ra, rb = self._ray(v, a), self._ray(v, b)
            if ra is not None and rb is not None:
                out.setdefault(v, set()).add(frozenset((ra, rb)))
        for st in self.stmts:
            m = _PERPENDICULAR.match(st.text)
            if m:
                self._right_angles(m.groups(), out)
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

    def _unlabelled_arcs(self, fn: str = "measure") -> list[str]:
        """Arcs between neighbouring points of a circle, by ``fn`` (measure or length); for
        measures, an arc whose two radii are drawn neighbours is the central angle's place,
        which the angles already count."""
        labelled = {frozenset((m[1], m[3])) for m in self._labelled(_ARC if fn == "measure" else _ARC_LENGTH)}
        out = []
        for circle, pts in self.circles.items():
            centre = _ON_CIRCLE.match(f"on(X, {circle})")
            ring = sorted(set(pts))
            if centre is None or centre[3] not in self.pos or len(ring) < 2:
                continue
            c = centre[3]
            turn = {p: direction(self.pos[c], self.pos[p]) for p in ring}
            ring.sort(key=turn.__getitem__)
            central = {frozenset((r1.point, r2.point)) for r1, r2 in self._neighbours(c)} if fn == "measure" else set()
            for a, b in zip(ring, ring[1:] + ring[:1]):
                if frozenset((a, b)) in labelled or frozenset((a, b)) in central:
                    continue
                major = (turn[b] - turn[a]) % 360 > 180
                out.append(f"{fn}({'major_arc' if major else 'arc'}({a}, {b}))")
        return out


def _expression_labels(stmts: list[Stmt]) -> bool:
    """Whether the figure labels a quantity with an expression in a variable (``3b + 5``): then the
    lost label may be one too, and x need not be the value of what it labels."""
    for st in stmts:
        if st.section == EQUATION:
            for side in st.text.split(" = "):
                if VARIABLE.search(side) and not re.fullmatch(r"\s*[a-z]\s*", side):
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

