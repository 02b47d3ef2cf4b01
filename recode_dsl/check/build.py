"""Lower checked calls to IR values: one small builder per kind of call."""

from __future__ import annotations

from collections.abc import Callable
from fractions import Fraction

from recode_dsl import registry
from recode_dsl import scene as s
from recode_dsl.check.types import Typed, geo_type
from recode_dsl.errors import Span
from recode_dsl.quantity import plain

Args = dict[str, Typed]


def _v(args: Args, name: str) -> object:
    return args[name].value


def _pt(args: Args, name: str) -> str:
    return args[name].value.name  # type: ignore[attr-defined,no-any-return]


def _two(cls: type) -> Callable[[Args], Typed]:
    def make(args: Args) -> Typed:
        value = cls(_pt(args, "a"), _pt(args, "b"))
        return Typed(geo_type(value), value)
    return make


def _circle(args: Args) -> Typed:
    radius = args["radius"].value if "radius" in args and args["radius"].value is not None else None
    return Typed("circle", s.Circ(_pt(args, "center"), radius))  # type: ignore[arg-type]


def _circle_through(args: Args) -> Typed:
    return Typed("circle", s.Circ(None, None, (_pt(args, "a"), _pt(args, "b"), _pt(args, "c"))))


def _arc(major: bool) -> Callable[[Args], Typed]:
    def make(args: Args) -> Typed:
        via = _pt(args, "via") if "via" in args else None
        return Typed("arc", s.Arc(_pt(args, "a"), _pt(args, "b"), via, major))
    return make


def _angle(args: Args) -> Typed:
    label_t = args.get("label")
    label = label_t.value.value if label_t is not None and label_t.value is not None else None  # type: ignore[attr-defined]
    if "a" in args:
        return Typed("angle", s.Ang(_pt(args, "vertex"), _pt(args, "a"), _pt(args, "b"), label))
    if "vertex" in args:
        return Typed("angle", s.Ang(_pt(args, "vertex"), label=label))
    return Typed("angle", s.Ang(None, label=label))


def _sector(args: Args) -> Typed:
    return Typed("region", s.Sector(_pt(args, "center"), _pt(args, "a"), _pt(args, "b")))


def _polygon(kind: str) -> Callable[[Args], Typed]:
    def make(args: Args) -> Typed:
        names = tuple(t.value.name for t in args.values())  # type: ignore[attr-defined]
        return Typed("polygon", s.Poly(kind, names))
    return make


def _measure(name: str, unit: str) -> Callable[[Args], Typed]:
    def make(args: Args) -> Typed:
        if name == "length" and "a" in args:
            geos: tuple[s.Geo, ...] = (s.Seg(_pt(args, "a"), _pt(args, "b")),)
        elif name == "shaded":
            return Typed("region", s.Shaded())
        else:
            geos = tuple(t.value for t in args.values())  # type: ignore[misc]
        return Typed("number", s.Measure(name, geos), None if unit == "scalar" else unit)
    return make


def _math(name: str, returns: str) -> Callable[[Args], Typed]:
    def make(args: Args) -> Typed:
        values = tuple(t.value for t in args.values())
        units = [t.unit for t in args.values()]
        unit = next((u for u in units if u), None) if returns == "same" else None
        return Typed("number", s.Apply(name, values), unit)  # type: ignore[arg-type]
    return make


def _sides(args: Args) -> s.Quantity:
    """The n of interior_angle(n) and the like: the number given, or the polygon's vertex count."""
    if "p" in args:
        return s.Const(len(args["p"].value.vertices))  # type: ignore[attr-defined]
    return args["n"].value  # type: ignore[return-value]


def _polygon_angle(name: str) -> Callable[[Args], Typed]:
    """(n - 2) * 180 / n, 360 / n or (n - 2) * 180, in degrees: plain arithmetic the solvers know."""
    def make(args: Args) -> Typed:
        n = _sides(args)
        turn = s.Apply("*", (s.Apply("-", (n, s.Const(2))), s.Const(180)))
        value = {"interior_angle": s.Apply("/", (turn, n)), "exterior_angle": s.Apply("/", (s.Const(360), n)),
                 "angle_sum": turn}[name]
        return Typed("number", value, "degrees")
    return make


def _apothem(args: Args) -> Typed:
    """side / (2 tan(180° / n)) of a regular polygon of n vertices."""
    poly = args["p"].value
    n = len(poly.vertices)  # type: ignore[attr-defined]
    half = s.Const(plain(Fraction(180, n)), "degrees")
    value = s.Apply("/", (s.Measure("side", (poly,)), s.Apply("*", (s.Const(2), s.Apply("tan", (half,))))))  # type: ignore[arg-type]
    return Typed("number", value, "length")


def _relation(name: str) -> Callable[[Args], Typed]:
    def make(args: Args) -> Typed:
        return Typed("relation", (name, tuple(t.value for t in args.values())))
    return make


def _setting(name: str) -> Callable[[Args], Typed]:
    def make(args: Args) -> Typed:
        return Typed("setting", (name, {k: t.value for k, t in args.items()}))
    return make


def _selection(kind: str) -> Callable[[Args], Typed]:
    def make(args: Args) -> Typed:
        if kind == "all":
            return Typed("selection", s.Selection())
        if kind in ("per_series", "per_category"):
            agg = str(args["agg"].value) if "agg" in args else "sum"
            return Typed("selection", s.Selection(per=kind.removeprefix("per_"), agg=agg))
        if kind == "gap":
            absolute = bool(args["absolute"].value) if "absolute" in args else False
            return Typed("selection", s.Selection(series=str(args["a"].value), minus=str(args["b"].value),
                                                  absolute=absolute))
        name = str(args["name"].value)
        return Typed("selection", s.Selection(series=name) if kind == "series" else s.Selection(category=name))
    return make


def _query(name: str, returns: str) -> Callable[[Args], Typed]:
    sigs = next(f.signatures for f in registry.CHART if f.name == name and f.role == "query")
    orders = [(frozenset(p.name for p in sig), tuple(p.name for p in sig)) for sig in sigs]
    typ = "number" if returns in ("number", "int", "percent") else returns

    def make(args: Args) -> Typed:
        # arguments in signature order, whatever order the keywords were written in
        order = next((names for known, names in orders if known.issuperset(args)), tuple(args))
        values = tuple(args[k].value for k in order if k in args)
        return Typed(typ, s.Apply(name, values))  # type: ignore[arg-type]
    return make


def _table() -> dict[str, Callable[[Args], Typed]]:
    t: dict[str, Callable[[Args], Typed]] = {
        "segment:shape": _two(s.Seg), "line:shape": _two(s.Ln), "ray:shape": _two(s.Ray),
        "circle:shape": _circle, "circle_through:shape": _circle_through, "arc:shape": _arc(False),
        "major_arc:shape": _arc(True), "minor_arc:shape": _arc(False), "angle:shape": _angle,
        "sector:shape": _sector, "interior_angle:measure": _polygon_angle("interior_angle"),
        "exterior_angle:measure": _polygon_angle("exterior_angle"), "angle_sum:measure": _polygon_angle("angle_sum"),
        "apothem:measure": _apothem,
    }
    for f in registry.ALL:
        key = f"{f.name}:{f.role}"
        if key in t:
            continue
        if f.role == "shape":
            t[key] = _polygon(f.name)
        elif f.role == "measure":
            t[key] = _measure(f.name, f.returns)
        elif f.role == "math":
            t[key] = _math(f.name, f.returns)
        elif f.role == "relation":
            t[key] = _relation(f.name)
        elif f.role == "setting":
            t[key] = _setting(f.name)
        elif f.name in ("series", "category", "all", "per_series", "per_category", "gap"):
            t[key] = _selection(f.name)
        else:
            t[key] = _query(f.name, f.returns)
    return t


BUILDERS = _table()


def build(key: str, args: Args, span: Span) -> Typed:
    """Build the IR value of a checked call ``name:role``."""
    return BUILDERS[key](args)
