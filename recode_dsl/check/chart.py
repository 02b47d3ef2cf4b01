"""Check a chart program and build its ``scene.Chart``."""

from __future__ import annotations

from typing import Any

from recode_dsl import astnodes as a
from recode_dsl import limits, messages, registry
from recode_dsl import scene as s
from recode_dsl.check.build import build
from recode_dsl.check.drawn import setting_problem
from recode_dsl.check.exprs import Elaborator, Scope
from recode_dsl.check.types import setting_parts
from recode_dsl.errors import Diagnostic, Span, did_you_mean

PIE_KINDS = ("pie", "donut")
SCATTER_AXES = ("x", "y")  # a scatter chart's queries select its x or y values as categories


def check_chart(program: a.Program, scope: Scope) -> s.Chart | None:
    kind = program.header.chart_kind or ""
    if kind not in registry.CHART_KINDS:
        scope.error("E023", messages.unknown_chart_kind(kind), program.header.kind_span,
                    did_you_mean(kind, registry.CHART_KINDS) or f"one of: {', '.join(registry.CHART_KINDS)}")
    el = Elaborator(scope, build)
    settings: dict[str, tuple[dict[str, Any], Span]] = {}
    series: list[s.Series] = []
    for stmt in program.body:
        _statement(stmt, el, settings, series)
    fields = _fields(kind, settings, series, scope)
    scope.series = tuple(x.name for x in series) + tuple(scope.broken_series)
    scope.categories = fields["categories"] or (SCATTER_AXES if kind == "scatter" else ())
    _validate(kind, fields, series, settings, scope, program.header.span)
    queries = [q for q in (_query(st, el) for st in program.body if isinstance(st, a.Ask)) if q is not None]
    if len(queries) > limits.MAX_QUERIES:
        scope.error("E020", messages.limit_exceeded("queries", len(queries), limits.MAX_QUERIES), program.span)
    return s.Chart(kind=kind, title=program.header.title if "title" not in settings else fields["title"],
                   series=tuple(series), queries=tuple(queries), **{k: v for k, v in fields.items() if k != "title"})


def _statement(stmt: a.Stmt, el: Elaborator, settings: dict[str, tuple[dict[str, Any], Span]],
               series: list[s.Series]) -> None:
    scope = el.scope
    if isinstance(stmt, a.Ask):
        return
    if isinstance(stmt, (a.PointDecl, a.Let)):
        scope.error("E012", messages.wrong_domain("point" if isinstance(stmt, a.PointDecl) else "let", "chart"),
                    stmt.span, "points and 'let' belong in a figure")
        return
    if stmt.rhs is not None or not isinstance(stmt.expr, a.Call):
        scope.error("E021", messages.not_a_statement("an expression"), stmt.span,
                    "a chart is made of settings such as series(...) and queries with 'ask'")
        return
    t = el.call(stmt.expr, statement=True)
    if t.type == "error" and stmt.expr.func == "series" and stmt.expr.args and isinstance(stmt.expr.args[0], a.Str):
        # a broken series still names a series: later queries should not report it unknown
        scope.broken_series.append(stmt.expr.args[0].value)
    if t.type != "setting":
        return
    name, args = setting_parts(t)
    problem = setting_problem(name, args)  # values the renderer could not draw (check/drawn.py)
    if problem is not None:
        scope.error("E020", problem, stmt.span)
        return
    if name == "series":
        series.append(_series(args, stmt.span))
        return
    if name in settings:
        scope.error("E025", messages.duplicate_setting(name), stmt.span, "keep one")
        return
    settings[name] = (args, stmt.span)


def _exact(q: object) -> Any:
    """Exact value of a constant quantity (checked constants only): a rational without SymPy."""
    from recode_dsl.quantity import value

    return value(q)  # type: ignore[arg-type]


def _series(args: dict[str, Any], span: Span) -> s.Series:
    from recode_dsl import colours

    def nums(key: str) -> tuple[Any, ...]:
        return tuple(args.get(key) or ())

    color = colours.normalise(args["color"]) if args.get("color") else None
    return s.Series(str(args["name"]), nums("values"), nums("x"), nums("y"), color, tuple(args.get("colors") or ()),
                    args.get("marker"), span)


def _fields(kind: str, settings: dict[str, tuple[dict[str, Any], Span]], series: list[s.Series],
            scope: Scope) -> dict[str, Any]:
    def get(name: str) -> dict[str, Any] | None:
        return settings[name][0] if name in settings else None

    out: dict[str, Any] = {"categories": tuple(str(v) for k, v in (get("categories") or {}).items())}
    if (t := get("title")) is not None:
        out["title"] = t["text"]
    if (c := get("canvas")) is not None:
        out["canvas"] = (_exact(c["width"]), _exact(c["height"]))
    if (b := get("plot_box")) is not None:
        out["plot_box"] = tuple(_exact(b[k]) for k in ("x0", "y0", "x1", "y1"))
    for axis in ("value_axis", "category_axis", "x_axis"):
        if (ax := get(axis)) is not None:
            out[axis] = _axis(ax)
    for name, key in (("bar_width", "width"), ("font_size", "size"), ("start_angle", "degrees"),
                      ("hole", "fraction"), ("line_width", "width")):
        if (v := get(name)) is not None:
            out[name] = _exact(v[key])
    if (lg := get("legend")) is not None:
        out["legend"] = bool(lg.get("show", True))
        out["legend_position"] = str(lg.get("position") or "best")
    out["look"] = _look(get)
    if (vl := get("value_labels")) is not None:
        out["value_labels"] = bool(vl.get("show", True))
        dec = vl.get("decimals")
        out["value_decimals"] = _exact(dec) if dec is not None else None
    return out


def _axis(args: dict[str, Any]) -> s.Axis:
    def ex(key: str) -> Any:
        return _exact(args[key]) if args.get(key) is not None else None

    ticks = args.get("ticks")
    labels = args.get("labels")
    return s.Axis(ex("lo"), ex("hi"), tuple(ticks) if ticks is not None else None,
                  tuple(labels) if labels is not None else None, args.get("grid"), bool(args.get("log") or False),
                  args.get("title"), ex("rotation") or 0, bool(args.get("reverse") or False),
                  str(args.get("format") or "auto"), ex("decimals"), str(args.get("prefix") or ""),
                  str(args.get("suffix") or ""))


def _look(get: Any) -> s.Look:
    """The theme and the style settings over it (colours normalised, sizes exact)."""
    from recode_dsl import colours

    style = get("style") or {}
    pie = get("pie") or {}
    legend = get("legend") or {}
    theme = get("theme") or {}
    fields: dict[str, Any] = {"theme": str(theme.get("name") or "matplotlib")}
    for key in ("background", "plot_background", "grid_color", "text_color"):
        if style.get(key) is not None:
            fields[key] = colours.normalise(str(style[key]))
    for key in ("spines", "ticks", "title_bold"):
        if style.get(key) is not None:
            fields[key] = style[key]
    for key in ("marker_size", "title_size", "axis_size", "legend_size"):
        if style.get(key) is not None:
            fields[key] = _exact(style[key])
    if legend.get("frame") is not None:
        fields["legend_frame"] = bool(legend["frame"])
    if pie.get("radius") is not None:
        fields["pie_radius"] = _exact(pie["radius"])
    fields["clockwise"] = bool(pie.get("clockwise") or False)
    fields["pie_labels"] = bool(pie.get("labels", True))
    return s.Look(**fields)


def _validate(kind: str, f: dict[str, Any], series: list[s.Series], settings: dict[str, tuple[dict[str, Any], Span]],
              scope: Scope, header: Span) -> None:
    def where(name: str) -> Span:
        return settings[name][1] if name in settings else header

    cats = f["categories"]
    if len(set(cats)) != len(cats):
        dup = next(c for i, c in enumerate(cats) if c in cats[:i])
        scope.error("E011", messages.duplicate_name(dup), where("categories"), "category labels must differ")
    if len(cats) > limits.MAX_CATEGORIES:
        scope.error("E020", messages.limit_exceeded("categories", len(cats), limits.MAX_CATEGORIES),
                    where("categories"))
    if len(series) > limits.MAX_SERIES:
        scope.error("E020", messages.limit_exceeded("series", len(series), limits.MAX_SERIES), series[0].span)
    total = sum(len(x.values) + len(x.x) + len(x.y) for x in series)
    if total > limits.MAX_VALUES:
        scope.error("E020", messages.limit_exceeded("values", total, limits.MAX_VALUES), series[0].span)
    names = [x.name for x in series]
    for i, x in enumerate(series):
        if x.name in names[:i]:
            scope.error("E011", messages.duplicate_name(x.name), x.span, "series names must differ")
        _validate_series(kind, x, cats, scope)
    if not series and not scope.broken_series:
        scope.error("E024", messages.missing_setting("series", kind or "chart"), header,
                    "add series(\"name\", [values])")
    elif kind in PIE_KINDS and len(series) > 1:
        scope.error("E014", messages.one_series_only(kind, len(series)), series[1].span)
    if kind != "scatter" and not cats and series:
        scope.error("E024", messages.missing_setting("categories", kind), header,
                    "add categories(\"a\", \"b\", ...)")
    _validate_layout(f, where, scope)
    _no_effect(kind, settings, scope)


def _validate_series(kind: str, x: s.Series, cats: tuple[str, ...], scope: Scope) -> None:
    if kind == "scatter":
        if not x.x or len(x.x) != len(x.y):
            scope.error("E017", messages.scatter_lists(x.name), x.span,
                        "series(\"points\", x=[1, 2], y=[3, 4])")
        return
    if x.x or x.y:
        scope.error("E014", messages.xy_outside_scatter(kind), x.span)
    if len(x.values) != len(cats):
        scope.error("E017", messages.series_length(x.name, len(x.values), len(cats)), x.span,
                    "give one value per category")
    if kind in ("pie", "donut") and any(v < 0 for v in x.values):
        scope.error("E019", messages.out_of_range("pie values", "zero or more"), x.span)
    if x.colors and len(x.colors) != len(x.values):
        scope.error("E017", messages.list_lengths(f"series '{x.name}'", len(x.colors), len(x.values), "colours"),
                    x.span)


def _validate_layout(f: dict[str, Any], where: Any, scope: Scope) -> None:
    canvas = f.get("canvas")
    if canvas and not all(limits.MIN_CANVAS_PX <= v <= limits.MAX_CANVAS_PX for v in canvas):
        scope.error("E020", messages.out_of_range("canvas sides",
                                                  f"{limits.MIN_CANVAS_PX} to {limits.MAX_CANVAS_PX} pixels"),
                    where("canvas"))
    box = f.get("plot_box")
    if box and not (box[0] < box[2] and box[1] < box[3]):
        scope.error("E019", messages.out_of_range("a plot box", "x0 < x1 and y0 < y1"), where("plot_box"))
    elif box and canvas and (min(box) < 0 or box[2] > canvas[0] or box[3] > canvas[1]):
        scope.error("E019", messages.out_of_range("a plot box", "inside the canvas"), where("plot_box"))
    for name in ("value_axis", "category_axis", "x_axis"):
        ax = f.get(name)
        if ax is None:
            continue
        if ax.lo is not None and ax.hi is not None and not ax.lo < ax.hi:
            hint = ("to run the categories the other way, keep lo < hi and add reverse=true"
                    if name == "category_axis" else None)
            scope.error("E019", messages.out_of_range("an axis range", "lo < hi"), where(name), hint)
        if ax.log and ax.lo is not None and ax.lo <= 0:
            scope.error("E019", messages.out_of_range("a log axis's lower end", "positive"), where(name))
    bw = f.get("bar_width")
    if bw is not None and not 0 < bw <= 1:
        scope.error("E019", messages.out_of_range("bar_width", "in (0, 1]"), where("bar_width"))
    hole = f.get("hole")
    if hole is not None and not 0 <= hole < 1:
        scope.error("E019", messages.out_of_range("hole", "in [0, 1)"), where("hole"))
    fs = f.get("font_size")
    if fs is not None and not 1 <= fs <= 200:
        scope.error("E019", messages.out_of_range("font_size", "from 1 to 200"), where("font_size"))
    look: s.Look = f["look"]
    for name in ("marker_size", "title_size", "axis_size", "legend_size"):
        v = getattr(look, name)
        if v is not None and not 1 <= v <= 200:
            scope.error("E019", messages.out_of_range(name, "from 1 to 200 points"), where("style"))
    if look.pie_radius is not None and not 1 <= look.pie_radius <= limits.MAX_CANVAS_PX:
        scope.error("E019", messages.out_of_range("a pie radius", f"from 1 to {limits.MAX_CANVAS_PX} pixels"),
                    where("pie"))
    for name in ("value_axis", "x_axis"):
        ax = f.get(name)
        if ax is not None and ax.decimals is not None and not 0 <= ax.decimals <= 10:
            scope.error("E019", messages.out_of_range("decimals", "from 0 to 10"), where(name))


# settings that draw nothing for some kinds: a warning (E027) says so instead of silence
_ONLY_FOR = {
    "bar_width": ("bar", "hbar", "grouped_bar", "stacked_bar", "stacked_hbar"),
    "start_angle": PIE_KINDS, "pie": PIE_KINDS, "hole": ("donut",), "x_axis": ("scatter",),
    "value_axis": tuple(k for k in registry.CHART_KINDS if k not in PIE_KINDS),
    "category_axis": tuple(k for k in registry.CHART_KINDS if k not in (*PIE_KINDS, "scatter")),
    "line_width": ("line",),
}
_NO_EFFECT_HINTS = {
    "category_axis": "a pie's labels are its categories; pie(labels=false) hides them",
    "value_labels": "a pie prints no values by default; pie(labels=false) hides the category labels",
}


def _no_effect(kind: str, settings: dict[str, tuple[dict[str, Any], Span]], scope: Scope) -> None:
    if kind not in registry.CHART_KINDS:
        return
    for name, (args, span) in settings.items():
        kinds = _ONLY_FOR.get(name)
        silent = name == "value_labels" and kind in PIE_KINDS and not args.get("show", True)
        if (kinds is not None and kind not in kinds) or silent:
            what = "value_labels(false)" if silent else f"{name}(...)"
            hint = _NO_EFFECT_HINTS.get(name, "delete the line") if kind in PIE_KINDS else "delete the line"
            scope.diags.append(Diagnostic("E027", messages.no_effect(what, kind), span, hint, "warning"))
    style = settings.get("style")
    if style and style[0].get("marker_size") is not None and kind not in ("line", "scatter"):
        scope.diags.append(Diagnostic("E027", messages.no_effect("style(marker_size=...)", kind), style[1],
                                      "markers are drawn on line and scatter charts only", "warning"))
    axes_only = [k for k in ("spines", "ticks", "grid_color", "plot_background")
                 if style and style[0].get(k) is not None]
    if style and axes_only and kind in PIE_KINDS:
        scope.diags.append(Diagnostic("E027", messages.no_effect(f"style({axes_only[0]}=...)", kind), style[1],
                                      "a pie has no axes: spines, ticks, gridlines and plot background are not "
                                      "drawn", "warning"))


def _query(stmt: a.Ask, el: Elaborator) -> s.Query | None:
    from recode_dsl.fmt import format_expr

    t = el.infer(stmt.expr)
    if t.type == "error":
        return None
    if t.type in ("selection", "mask", "string", "bool", "list"):
        el.scope.error("E014", messages.wrong_type("what 'ask' asks for", "a query such as max(\"S\")",
                                                   t.type), stmt.expr.span)
        return None
    if not _labels_known(stmt.expr, el.scope):
        return None
    return s.Query(t.value, format_expr(stmt.expr), stmt.span)  # type: ignore[arg-type]


def _labels_known(e: a.Expr, scope: Scope) -> bool:
    """Series and category names and sort orders written in a query exist (E050, E051, E055)."""
    before = len(scope.diags)
    for call in _calls(e):
        given = {**dict(zip(_QUERY_PARAMS.get((call.func, len(call.args)), ()), call.args)),
                 **{k.name: k.value for k in call.kwargs}}
        for param, arg in given.items():
            if isinstance(arg, a.Str):
                _label_known(param, arg, scope)
    return len(scope.diags) == before


_QUERY_PARAMS = {("series", 1): ("series",), ("category", 1): ("category",), ("value", 2): ("series", "category"),
                 ("value", 1): ("category",), ("sort", 2): ("of", "order"), ("rank", 3): ("of", "label", "order"),
                 ("gap", 2): ("series", "series"), ("gap", 3): ("series", "series"), ("share", 1): ("share_label",)}


def _label_known(param: str, arg: a.Str, scope: Scope) -> None:
    if param == "share_label":
        names_both = (*scope.series, *scope.categories)
        if arg.value not in names_both:
            scope.error("E051", messages.unknown_category(arg.value), arg.span,
                        did_you_mean(arg.value, names_both) or "name a category or a series")
        return
    names = {"series": scope.series, "category": scope.categories}.get(param)
    if names is not None and arg.value not in names:
        code, text = ("E050", messages.unknown_series) if param == "series" else ("E051", messages.unknown_category)
        listed = f"one of: {', '.join(names)}" if 0 < len(names) <= 12 else None
        scope.error(code, text(arg.value), arg.span, did_you_mean(arg.value, names) or listed)
    elif param == "order" and arg.value not in ("asc", "desc"):
        scope.error("E055", messages.bad_sort_order(arg.value), arg.span, did_you_mean(arg.value, ("asc", "desc")))


def _calls(e: a.Expr) -> list[a.Call]:
    """Every call inside an expression, outermost first."""
    out: list[a.Call] = []
    stack: list[object] = [e]
    while stack:
        node = stack.pop()
        if isinstance(node, a.Call):
            out.append(node)
            stack.extend([*node.args, *(k.value for k in node.kwargs)])
        elif isinstance(node, (a.BinOp, a.Compare)):
            stack.extend([node.left, node.right])
        elif isinstance(node, a.Neg):
            stack.append(node.operand)
        elif isinstance(node, a.Paren):
            stack.append(node.inner)
    return out
