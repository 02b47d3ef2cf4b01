"""The scene IR: frozen, typed, exact. What the checker produces and every later stage reads.

A ``Figure`` or a ``Chart``. Geometry values (``Seg``, ``Circ``, ``Poly`` ...) name points;
quantities (``Const``, ``Var``, ``Measure``, ``Apply``) stay exact until drawing. Nodes that
came from source carry their ``span``. The scene dumps to and loads from JSON with
``SCHEMA_VERSION``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, fields
from fractions import Fraction
from typing import TYPE_CHECKING, Any, TypeAlias

from recode_dsl.errors import NO_SPAN, Span

if TYPE_CHECKING:
    import sympy

SCHEMA_VERSION = 1

Exact: TypeAlias = "int | Fraction | sympy.Expr"

# -- geometry values -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Pt:
    name: str


@dataclass(frozen=True, slots=True)
class Seg:
    a: str
    b: str


@dataclass(frozen=True, slots=True)
class Ln:
    """The infinite line through a and b."""

    a: str
    b: str


@dataclass(frozen=True, slots=True)
class Ray:
    """From a through b."""

    a: str
    b: str


@dataclass(frozen=True, slots=True)
class Circ:
    """A circle: by centre (and radius when given), or through three points."""

    center: str | None
    radius: Quantity | None = None
    through: tuple[str, ...] = ()
    name: str | None = None


@dataclass(frozen=True, slots=True)
class Arc:
    """From a to b: the minor arc, the major arc, or the one passing through ``via``."""

    a: str
    b: str
    via: str | None = None
    major: bool = False


@dataclass(frozen=True, slots=True)
class Ang:
    """An angle a-vertex-b; by vertex only (a, b None); or only by its printed ``label``."""

    vertex: str | None
    a: str | None = None
    b: str | None = None
    label: int | None = None


@dataclass(frozen=True, slots=True)
class Poly:
    """A polygon; ``kind`` is the registry name (triangle, square, regular_polygon ...)."""

    kind: str
    vertices: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Sector:
    center: str
    a: str
    b: str


@dataclass(frozen=True, slots=True)
class RegionOp:
    """``op`` is "union" or "difference"."""

    op: str
    left: Geo
    right: Geo


@dataclass(frozen=True, slots=True)
class Shaded:
    """The union of all shaded regions."""


Geo = Pt | Seg | Ln | Ray | Circ | Arc | Ang | Poly | Sector | RegionOp | Shaded

# -- quantities ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Const:
    """An exact number: int, Fraction (never whole) or a SymPy expression such as sqrt(3) or pi
    (SymPy only for values that are no rational)."""

    value: Exact
    unit: str | None = None  # "degrees" when written with a degree sign


@dataclass(frozen=True, slots=True)
class Var:
    name: str


@dataclass(frozen=True, slots=True)
class Measure:
    """A measure of geometry: length, measure (degrees), area, perimeter, ..."""

    fn: str
    args: tuple[Geo, ...]


@dataclass(frozen=True, slots=True)
class Apply:
    """An operation: + - * / ^ neg, a math function, or a chart query with its arguments."""

    fn: str
    args: tuple[Quantity | Geo | Selection | Mask | str, ...]


@dataclass(frozen=True, slots=True)
class Selection:
    """Chart values: one series, one category, or all (both None).

    ``per`` ("series" or "category") selects one aggregate (``agg``: sum, mean, ...) per series or
    per category instead; ``minus`` names a second series: the selection is ``series - minus`` at
    each category (its size when ``absolute``).
    """

    series: str | None = None
    category: str | None = None
    per: str | None = None
    agg: str = "sum"
    minus: str | None = None
    absolute: bool = False


@dataclass(frozen=True, slots=True)
class Mask:
    """A comparison of the values of a selection with a number."""

    selection: Selection
    op: str
    value: Quantity


Quantity = Const | Var | Measure | Apply

# -- figure ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Point:
    name: str
    x: Exact | None
    y: Exact | None
    span: Span = NO_SPAN
    sketch: bool = False  # the coordinates are a sketch (evidence for the solver), not a fact


@dataclass(frozen=True, slots=True)
class Shape:
    """A shape the figure draws; ``name`` when bound with ``let``."""

    value: Geo
    span: Span = NO_SPAN
    name: str | None = None


@dataclass(frozen=True, slots=True)
class Relation:
    name: str
    args: tuple[Geo | Quantity, ...]
    span: Span = NO_SPAN


@dataclass(frozen=True, slots=True)
class Equation:
    lhs: Quantity
    rhs: Quantity
    unit: str | None
    span: Span = NO_SPAN


@dataclass(frozen=True, slots=True)
class Query:
    expr: Quantity | Selection | Mask
    text: str
    span: Span = NO_SPAN
    parts: tuple[str, ...] = ()  # ``ask common(a, b)``: the text of each argument, as fmt prints it


@dataclass(frozen=True, slots=True)
class Figure:
    title: str | None
    points: tuple[Point, ...]
    shapes: tuple[Shape, ...]
    relations: tuple[Relation, ...]
    equations: tuple[Equation, ...]
    queries: tuple[Query, ...]
    variables: tuple[str, ...] = ()
    canvas: tuple[int, int] | None = None
    kind: str = "figure"
    unlabeled: tuple[Geo, ...] = ()  # points, segments, angles and arcs drawn without their label
    length_unit: str | None = None  # the unit the figure's lengths are written in ("ft"), if any

    def point(self, name: str) -> Point:
        return next(p for p in self.points if p.name == name)


# -- chart -----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Series:
    name: str
    values: tuple[Exact, ...] = ()
    x: tuple[Exact, ...] = ()
    y: tuple[Exact, ...] = ()
    color: str | None = None
    colors: tuple[str, ...] = ()
    marker: str | None = None
    span: Span = NO_SPAN


@dataclass(frozen=True, slots=True)
class Axis:
    lo: Exact | None = None
    hi: Exact | None = None
    ticks: tuple[Exact, ...] | None = None
    labels: tuple[str, ...] | None = None
    grid: bool | None = None
    log: bool = False
    title: str | None = None
    rotation: Exact = 0
    reverse: bool = False  # the category axis runs from its last category to its first
    format: str = "auto"  # tick text: "auto", "plain", "thousands" (12,500), "percent" (0.25 as 25%)
    decimals: int | None = None
    prefix: str = ""
    suffix: str = ""


@dataclass(frozen=True, slots=True)
class Look:
    """How a chart looks beyond its data: a preset theme and the style settings over it (None: the
    theme's own). Sizes in points, colours "#rrggbb"."""

    theme: str = "matplotlib"
    background: str | None = None
    plot_background: str | None = None
    spines: str | None = None
    ticks: str | None = None
    grid_color: str | None = None
    text_color: str | None = None
    marker_size: Exact | None = None
    title_size: Exact | None = None
    axis_size: Exact | None = None
    legend_size: Exact | None = None
    title_bold: bool | None = None
    legend_frame: bool | None = None
    pie_radius: Exact | None = None
    clockwise: bool = False
    pie_labels: bool = True


@dataclass(frozen=True, slots=True)
class Chart:
    kind: str
    title: str | None
    categories: tuple[str, ...]
    series: tuple[Series, ...]
    queries: tuple[Query, ...]
    canvas: tuple[int, int] | None = None
    plot_box: tuple[Exact, Exact, Exact, Exact] | None = None
    value_axis: Axis = field(default_factory=Axis)
    category_axis: Axis = field(default_factory=Axis)
    x_axis: Axis = field(default_factory=Axis)
    bar_width: Exact | None = None
    legend: bool | None = None
    legend_position: str = "best"
    value_labels: bool = False
    value_decimals: int | None = None
    font_size: Exact | None = None
    start_angle: Exact | None = None
    hole: Exact | None = None
    line_width: Exact | None = None
    look: Look = field(default_factory=Look)


Scene = Figure | Chart

# -- JSON ------------------------------------------------------------------------------------

_NODES: dict[str, type] = {
    c.__name__: c
    for c in (Pt, Seg, Ln, Ray, Circ, Arc, Ang, Poly, Sector, RegionOp, Shaded, Const, Var, Measure, Apply,
              Selection, Mask, Point, Shape, Relation, Equation, Query, Figure, Series, Axis, Look, Chart, Span)
}


def to_json(scene: Scene) -> str:
    """The scene as a JSON document with ``schema_version``; numbers exact as strings.

    >>> '"schema_version": 1' in to_json(Figure(None, (), (), (), (), ()))
    True
    """
    return json.dumps({"schema_version": SCHEMA_VERSION, "scene": _dump(scene)}, indent=1)


def from_json(text: str) -> Scene:
    """Load a scene written by ``to_json``; raises ValueError on a schema mismatch."""
    doc = json.loads(text)
    if doc.get("schema_version") != SCHEMA_VERSION:
        raise ValueError(f"scene schema version {doc.get('schema_version')!r}; expected {SCHEMA_VERSION}")
    scene = _load(doc["scene"])
    if not isinstance(scene, (Figure, Chart)):
        raise ValueError("not a scene")
    return scene


def _dump(x: Any) -> Any:
    if isinstance(x, bool) or x is None or isinstance(x, str):
        return x
    if isinstance(x, int):
        return x
    if isinstance(x, Fraction):
        return {"$num": str(x)}
    if type(x).__module__.startswith("sympy"):
        import sympy

        return {"$num": sympy.srepr(x)} if not isinstance(x, sympy.Rational) else {"$num": str(x)}
    if isinstance(x, tuple):
        return [_dump(v) for v in x]
    if type(x).__name__ in _NODES:
        return {"$type": type(x).__name__, **{f.name: _dump(getattr(x, f.name)) for f in fields(x)}}
    raise TypeError(f"cannot serialise {type(x).__name__}")


def _load(x: Any) -> Any:
    if isinstance(x, list):
        return tuple(_load(v) for v in x)
    if not isinstance(x, dict):
        return x
    if "$num" in x:
        return parse_exact(x["$num"])
    cls = _NODES[x["$type"]]
    return cls(**{k: _load(v) for k, v in x.items() if k != "$type"})


def parse_exact(text: str) -> Exact:
    """Read back an exact number written by ``_dump``: "3/4" (an int or a Fraction), or a SymPy
    srepr."""
    if "(" not in text:
        value = Fraction(text)
        return value.numerator if value.denominator == 1 else value
    return _from_srepr(text)


def _srepr_heads() -> dict[str, Any]:
    import sympy

    return {"Integer": sympy.Integer, "Rational": sympy.Rational, "Add": sympy.Add, "Mul": sympy.Mul,
            "Pow": sympy.Pow, "Pi": lambda: sympy.pi, "Half": lambda: sympy.Rational(1, 2),
            "One": lambda: sympy.Integer(1), "NegativeOne": lambda: sympy.Integer(-1),
            "Zero": lambda: sympy.Integer(0), "Symbol": sympy.Symbol, "sin": sympy.sin, "cos": sympy.cos,
            "tan": sympy.tan, "Abs": sympy.Abs}


def _from_srepr(text: str) -> sympy.Expr:
    """Rebuild an expression from ``srepr`` text with a whitelist, never ``eval``."""
    from lark import Lark, Transformer

    heads = _srepr_heads()

    grammar = r"""
    ?e: NAME "(" [e ("," e)*] ")" -> call
      | SIGNED_INT -> int
      | ESCAPED_STRING -> str
    NAME: /[A-Za-z]+/
    %import common.SIGNED_INT
    %import common.ESCAPED_STRING
    %ignore " "
    """

    class _T(Transformer[Any, Any]):
        def call(self, c: list[Any]) -> Any:
            head = heads[str(c[0])]
            args = [v for v in c[1:] if v is not None]
            return head(*args)

        def int(self, c: list[Any]) -> int:
            return int(c[0])

        def str(self, c: list[Any]) -> str:
            return str(c[0])[1:-1]

    return _T().transform(Lark(grammar, start="e", parser="lalr").parse(text))  # type: ignore[no-any-return]
