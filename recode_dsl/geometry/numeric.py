"""The numeric model of a figure: unknowns in one float vector, constraints as residual blocks.

Every point has two slots (x, y), every free variable and every circle radius one. A ``Block``
is one constraint of the program: a function of the vector giving residuals that are zero
when it holds (the weak pulls towards the drawing live in ``geo_solve``). Lengths are
divided by the figure's length scale and angles are in radians, so residuals are comparable.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from recode_dsl import scene as s
from recode_dsl.errors import Span
from recode_dsl.fmt import format_scene

Vec = Sequence[float]
Residual = Callable[[Vec], list[float]]
Num = Callable[[Vec], float]
XY = tuple[float, float]


class SolveTimeout(Exception):
    """The time budget ran out while solving."""


class Unsupported(Exception):
    """Something in the figure the solver cannot turn into equations."""


@dataclass(frozen=True)
class Block:
    """One constraint: ``label`` names it, ``span`` locates it, ``fn`` gives its residuals."""

    label: str
    span: Span
    fn: Residual
    prior: bool = False


@dataclass
class Model:
    """Slots of the unknowns, their seeds, and the residual blocks of a figure."""

    fig: s.Figure
    slots: dict[str, int] = field(default_factory=dict)
    seed: list[float] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)
    drawn: dict[str, XY] = field(default_factory=dict)  # given positions, already scaled
    circles: dict[str, s.Circ] = field(default_factory=dict)
    on_circle: dict[str, set[str]] = field(default_factory=dict)  # point -> circle keys
    scale: float = 1.0
    oriented: bool = True  # angles keep the side the drawing shows
    between: bool = False  # points on a segment are kept between its ends by a residual

    def slot(self, name: str, seed: float) -> int:
        if name not in self.slots:
            self.slots[name] = len(self.seed)
            self.seed.append(seed)
        return self.slots[name]

    def pslot(self, name: str) -> int:
        """The slot of point ``name``'s x (y follows)."""
        if f"p:{name}" not in self.slots:
            self.slot(f"p:{name}", 0.0)
            self.slots[f"p:{name}.y"] = len(self.seed)
            self.seed.append(0.0)
        return self.slots[f"p:{name}"]

    def point(self, name: str) -> Callable[[Vec], XY]:
        i = self.pslot(name)
        return lambda x: (x[i], x[i + 1])

    def at(self, x: Vec, name: str) -> XY:
        """Where a solution ``x`` puts point ``name`` (which must have a slot already)."""
        i = self.slots[f"p:{name}"]
        return x[i], x[i + 1]

    def var(self, name: str) -> int:
        return self.slot(f"v:{name}", 1.0)

    def add(self, label: str, span: Span, fn: Residual, prior: bool = False) -> None:
        self.blocks.append(Block(label, span, fn, prior))


def circle_key(c: s.Circ) -> str:
    """One key per distinct circle: its name, else its centre (and radius), else its points."""
    if c.name:
        return f"n:{c.name}"
    if c.center is not None:
        return f"c:{c.center}" if c.radius is None else f"c:{c.center}:{c.radius}"
    return "t:" + ",".join(sorted(c.through))


# -- primitives ------------------------------------------------------------------------------


def dist(p: XY, q: XY) -> float:
    return math.hypot(q[0] - p[0], q[1] - p[1])


def circumcentre(a: XY, b: XY, c: XY) -> XY | None:
    """The centre of the circle through three points, or None when they are (nearly) in line.

    >>> circumcentre((0.0, 0.0), (2.0, 0.0), (0.0, 2.0))
    (1.0, 1.0)
    """
    d = 2 * (a[0] * (b[1] - c[1]) + b[0] * (c[1] - a[1]) + c[0] * (a[1] - b[1]))
    if abs(d) < 1e-12:
        return None
    sa, sb, sc = a[0] ** 2 + a[1] ** 2, b[0] ** 2 + b[1] ** 2, c[0] ** 2 + c[1] ** 2
    return ((sa * (b[1] - c[1]) + sb * (c[1] - a[1]) + sc * (a[1] - b[1])) / d,
            (sa * (c[0] - b[0]) + sb * (a[0] - c[0]) + sc * (b[0] - a[0])) / d)


def angle_at(a: XY, v: XY, b: XY) -> float:
    """The unsigned angle a-v-b in radians, in [0, pi]."""
    ux, uy, wx, wy = a[0] - v[0], a[1] - v[1], b[0] - v[0], b[1] - v[1]
    return math.atan2(abs(ux * wy - uy * wx), ux * wx + uy * wy)


def unit_cross(p: XY, q: XY, r: XY, t: XY) -> float:
    """Sine of the angle between pq and rt (0 when parallel)."""
    ux, uy, wx, wy = q[0] - p[0], q[1] - p[1], t[0] - r[0], t[1] - r[1]
    n = math.hypot(ux, uy) * math.hypot(wx, wy)
    return (ux * wy - uy * wx) / n if n > 1e-12 else 0.0


def unit_dot(p: XY, q: XY, r: XY, t: XY) -> float:
    """Cosine of the angle between pq and rt (0 when perpendicular)."""
    ux, uy, wx, wy = q[0] - p[0], q[1] - p[1], t[0] - r[0], t[1] - r[1]
    n = math.hypot(ux, uy) * math.hypot(wx, wy)
    return (ux * wx + uy * wy) / n if n > 1e-12 else 0.0


def line_distance(p: XY, a: XY, b: XY) -> float:
    """Signed distance from p to the line ab."""
    n = dist(a, b)
    if n < 1e-12:
        return dist(p, a)
    return ((b[0] - a[0]) * (p[1] - a[1]) - (b[1] - a[1]) * (p[0] - a[0])) / n


def ccw_angle(c: XY, a: XY, b: XY) -> float:
    """The counter-clockwise turn from ca to cb, in [0, 2 pi)."""
    t = math.atan2(b[1] - c[1], b[0] - c[0]) - math.atan2(a[1] - c[1], a[0] - c[0])
    return t % (2 * math.pi)


def shoelace(pts: Sequence[XY]) -> float:
    n = len(pts)
    return abs(sum(pts[i][0] * pts[(i + 1) % n][1] - pts[(i + 1) % n][0] * pts[i][1] for i in range(n))) / 2


def describe(g: object) -> str:
    """The text that states a geometry value, a relation or a quantity, for labels and messages
    (``fmt`` writes it: ``on(P, segment(A, B))``, ``length(A, B) + 2``)."""
    return format_scene(g)

