"""Chart specs and tables: a bench chart spec (JSON) -> a formatted program; a chart -> its data table.

The chart spec is the ground truth format of ``bench/charts`` (see its README): canvas size,
plot box in pixels, axis ranges, categories, series values and colours; this project adds two
fields to it: ``"value_log": true`` (the value axis is logarithmic; not for pies) and
``"x_log": true`` (a scatter chart's x axis is), each false when left out; on a log axis the
range and the values must be positive (E092 at the first that is not). ``spec_to_program``
writes the program whose rendering lands where the spec says; floats become the exact
decimals they were written as. The program is built as AST nodes (``spec_ast``; the builders
below serve the CSV importer too) and printed by ``fmt``, the one printer: nothing here writes
DSL text. ``chart_table`` is the other way: the table a derenderer reports, with exact numbers,
written by ``table_json`` as exact decimals (ints stay ints).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from fractions import Fraction
from typing import Any

from recode_dsl import astnodes as a
from recode_dsl import colours, limits, messages
from recode_dsl import scene as s
from recode_dsl.check import check_source
from recode_dsl.errors import NO_SPAN, Diagnostic, ParseError, RecodeError, Span, has_errors
from recode_dsl.fmt import format_number, format_program
from recode_dsl.inputs import load_json, number_problem, string_problem, to_decimal
from recode_dsl.syntax import check_text

SPEC_KINDS = ("bar", "hbar", "grouped_bar", "stacked_bar", "stacked_hbar", "line", "area", "scatter", "pie", "donut")
PIES = ("pie", "donut")
BAR_WIDTH = {"bar": "0.6", "hbar": "0.6", "stacked_bar": "0.6", "stacked_hbar": "0.6", "grouped_bar": "0.8"}
Path_ = tuple[str | int, ...]


class ImportFailed(RecodeError):
    """A chart spec, CSV file or table that cannot be imported."""


# -- numbers and strings ----------------------------------------------------------------------


def exact(v: object) -> int | Fraction:
    """The exact number a JSON or CSV value was written as: 0.1 -> 1/10, 10.0 -> 10.

    >>> from decimal import Decimal
    >>> exact(0.1), exact(10.0), exact(Decimal("-2.50"))
    (Fraction(1, 10), 10, Fraction(-5, 2))
    """
    d = to_decimal(v)
    if d is None:
        raise ValueError("is not a number")
    problem = number_problem(d)  # before Fraction(d): 1e999999999 would never end
    if problem is not None:
        raise ValueError(problem)
    f = Fraction(d)
    return f.numerator if f.denominator == 1 else f


def number_text(v: object) -> str:
    """Program text of an exact number: a decimal, ints without a point."""
    r = Fraction(v)  # type: ignore[call-overload]
    return format_number(r.numerator if r.denominator == 1 else r)


# -- program nodes ----------------------------------------------------------------------------
# The importers build the program's AST; ``fmt`` prints it. Nodes have no source of their own
# (``NO_SPAN``), so the printed program has one statement a line and no blank lines.


def number(v: int | Fraction) -> a.Expr:
    """A number as the parser reads it: a negative number is the negation of a literal."""
    return a.Neg(a.Num(-v, False, NO_SPAN), NO_SPAN) if v < 0 else a.Num(v, False, NO_SPAN)


def string(value: str) -> a.Str:
    return a.Str(value, NO_SPAN)


def number_list(values: Sequence[int | Fraction]) -> a.ListExpr:
    return a.ListExpr(tuple(number(v) for v in values), NO_SPAN)


def string_list(values: Sequence[str]) -> a.ListExpr:
    return a.ListExpr(tuple(string(v) for v in values), NO_SPAN)


def statement(name: str, *args: a.Expr, **kwargs: a.Expr) -> a.ExprStmt:
    """A statement call ``name(args..., key=value...)``."""
    call = a.Call(name, args, tuple(a.KwArg(k, v, NO_SPAN) for k, v in kwargs.items()), NO_SPAN, NO_SPAN)
    return a.ExprStmt(call, None, NO_SPAN)


def chart_program(kind: str, body: Sequence[a.Stmt]) -> a.Program:
    return a.Program(a.Header("chart", kind, None, NO_SPAN, NO_SPAN), tuple(body), (), NO_SPAN)


def printed(program: a.Program) -> str:
    """The program as ``fmt`` prints it, held to the limits the language sets on a program's text
    (its size and lines; characters: a string's lone carriage return cannot be written). The data
    can break them; the nodes' numbers and strings were checked as they were read. ParseError
    (E001, E005) when it does."""
    out = format_program(program)
    check_text(out)
    return out


# -- spec -> program --------------------------------------------------------------------------


def load_spec(text: str) -> dict[str, Any]:
    """Parse spec JSON keeping numbers exact (floats as Decimal); a located error when it is not JSON."""
    doc, problem = load_json(text)  # numbers as Decimal, nesting and NaN refused (inputs.py)
    if problem is not None:
        raise ImportFailed([Diagnostic("E091", messages.spec_not_json(problem.message),
                                       Span(problem.line, problem.col, problem.line, problem.col + 1))])
    if not isinstance(doc, dict):
        raise ImportFailed([Diagnostic("E092", messages.spec_field("the spec", "a JSON object"), Span(1, 1, 1, 2))])
    return doc


def spec_to_program(spec: dict[str, Any], source: str | None = None, extra: Sequence[a.Stmt] = ()) -> str:
    """An idiomatic, formatted program for a chart spec (and ``extra`` statements the spec format
    has no field for, after its own); ImportFailed with located errors if it is invalid.

    >>> print(spec_to_program({"kind": "bar", "categories": ["a", "b"], "width_px": 640, "height_px": 480,
    ...                        "series": [{"name": "S", "values": [1.5, 2.0], "color": "#1f77b4"}]}), end="")
    chart bar
    canvas(640, 480)
    categories("a", "b")
    series("S", [1.5, 2], color="#1f77b4")
    bar_width(0.6)
    """
    program = spec_ast(spec, source)
    if extra:
        program = a.Program(program.header, (*program.body, *extra), program.comments, program.span)
    try:
        return printed(program)
    except ParseError as err:  # a limit of the program's text (size, lines) the data breaks
        raise _unimportable("; ".join(d.message for d in err.diagnostics)) from None


def spec_ast(spec: dict[str, Any], source: str | None = None) -> a.Program:
    """The program of a chart spec as AST nodes; ImportFailed with located errors if it is invalid
    (located in ``source``, the spec's JSON text, when given)."""
    if not isinstance(spec, dict):
        raise ImportFailed([Diagnostic("E092", messages.spec_field("the spec", "a JSON object"), Span(1, 1, 1, 2))])
    problems = _bounds(spec) or validate_spec(spec)
    if problems:
        raise ImportFailed([Diagnostic("E092", msg, locate(source, path) if source else Span(1, 1, 1, 2), hint)
                            for path, msg, hint in problems])
    try:
        return chart_program(spec["kind"], _statements(spec))
    except (ValueError, TypeError, KeyError, IndexError) as err:  # a field validate_spec missed
        raise _unimportable(str(err)) from None


def _unimportable(why: str) -> ImportFailed:
    return ImportFailed([Diagnostic("E092", messages.spec_field("the spec", f"importable ({why})"), Span(1, 1, 1, 2))])


def _bounds(spec: dict[str, Any]) -> list[Problem]:
    """Problems found before any other work: strings a program cannot hold, and more categories,
    series or values than a chart may have (each at its path)."""
    out: list[Problem] = []
    stack: list[tuple[Path_, object]] = [((), spec)]
    while stack and len(out) < 20:
        path, node = stack.pop()
        if isinstance(node, dict):
            stack.extend(((*path, str(k)), v) for k, v in node.items())
        elif isinstance(node, list):
            stack.extend(((*path, i), v) for i, v in enumerate(node))
        elif isinstance(node, str) and (why := string_problem(node)) is not None:
            out.append((path, messages.spec_field(_path_text(path) if path else "the spec", f"a string that {why}"
                                                  .replace("a string that ", "a string a program can hold; it ")),
                        None))
    for key, limit in (("categories", limits.MAX_CATEGORIES), ("series", limits.MAX_SERIES)):
        given = spec.get(key)
        if isinstance(given, list) and len(given) > limit:
            out.append(((key,), messages.limit_exceeded(key, len(given), limit), None))
    series = spec.get("series")
    if isinstance(series, list):
        total = sum(len(x.get(k) or ()) for x in series if isinstance(x, dict) for k in ("values", "x", "y")
                    if isinstance(x.get(k), list))
        if total > limits.MAX_VALUES:
            out.append((("series",), messages.limit_exceeded("values", total, limits.MAX_VALUES), None))
    return out


def checked(program: str) -> str:
    """The program, if it compiles without error; else ImportFailed with the checker's diagnostics.

    The spans of those diagnostics point into the program, not into the imported file.
    """
    _, _, diags = check_source(program)
    if has_errors(diags):
        raise ImportFailed([d for d in diags if d.severity == "error"])
    return program


def _statements(spec: dict[str, Any]) -> list[a.Stmt]:
    kind = spec["kind"]
    out: list[a.Stmt] = []
    if spec.get("title"):
        out.append(statement("title", string(str(spec["title"]))))
    if "width_px" in spec:
        out.append(statement("canvas", number(exact(spec["width_px"])), number(exact(spec["height_px"]))))
    if spec.get("plot_box_px") is not None:
        out.append(statement("plot_box", *(number(exact(v)) for v in spec["plot_box_px"])))
    if kind != "scatter":
        out.append(statement("categories", *(string(str(c)) for c in spec["categories"])))
    out += [_series(kind, x) for x in spec["series"]]
    for key, setting in (("value_range", "value_axis"), ("category_range", "category_axis"), ("x_range", "x_axis")):
        log = {"value_axis": "value_log", "x_axis": "x_log"}.get(setting)
        on = log is not None and spec.get(log) is True and kind not in PIES
        if (spec.get(key) is not None or on) and kind not in PIES:
            out.append(statement(setting, *(number(exact(v)) for v in spec.get(key) or ()),
                                 **({"log": a.Name("true", NO_SPAN)} if on else {})))
    width = spec.get("bar_width", BAR_WIDTH.get(kind))
    if width is not None:
        out.append(statement("bar_width", number(exact(width))))
    if kind in PIES and spec.get("start_angle") is not None:
        out.append(statement("start_angle", number(exact(spec["start_angle"]))))
    if kind not in PIES and kind != "scatter" and len(spec["series"]) > 1:
        out.append(statement("legend", a.Name("true", NO_SPAN)))
    return out


def _series(kind: str, x: dict[str, Any]) -> a.ExprStmt:
    opts: dict[str, a.Expr] = {}
    if x.get("color"):
        opts["color"] = string(str(x["color"]))
    if x.get("colors"):
        opts["colors"] = string_list([str(c) for c in x["colors"]])
    name = string(str(x.get("name", "values")))
    if kind == "scatter":
        return statement("series", name, x=number_list([exact(v) for v in x["x"]]),
                         y=number_list([exact(v) for v in x["y"]]), **opts)
    return statement("series", name, number_list([exact(v) for v in x["values"]]), **opts)


# -- validation -------------------------------------------------------------------------------

Problem = tuple[Path_, str, "str | None"]


def validate_spec(spec: dict[str, Any]) -> list[Problem]:
    """Every problem of a spec as (path, message, hint); empty when it can be imported."""
    kind = spec.get("kind")
    if kind not in SPEC_KINDS:
        from recode_dsl.errors import did_you_mean

        return [(("kind",), messages.spec_field("'kind'", f"one of {', '.join(SPEC_KINDS)}"),
                 did_you_mean(str(kind), SPEC_KINDS))]
    out: list[Problem] = []
    out += _check_numbers(spec, ("width_px", "height_px"), whole=True, required="width_px" in spec or "height_px"
                          in spec)
    for key, n in (("plot_box_px", 4), ("value_range", 2), ("category_range", 2), ("x_range", 2)):
        if spec.get(key) is not None:
            out += _check_list(spec[key], (key,), n)
    out += _check_numbers(spec, [k for k in ("start_angle", "bar_width") if spec.get(k) is not None], whole=False,
                          required=False)
    if isinstance(spec.get("title", ""), (dict, list)):
        out.append((("title",), messages.spec_field("'title'", "a string"), None))
    for key, kinds, what in (("value_log", [k for k in SPEC_KINDS if k not in PIES], "on a pie or donut"),
                             ("x_log", ["scatter"], "except on a scatter chart")):
        given = spec.get(key)
        if given is not None and not isinstance(given, bool):
            out.append(((key,), messages.spec_field(f"'{key}'", "true or false"), None))
        elif given and kind not in kinds:
            out.append(((key,), messages.spec_field(f"'{key}'", f"false or left out {what}"), None))
    series = spec.get("series")
    if not isinstance(series, list) or not series:
        return out + [(("series",), messages.spec_field("'series'", "a non-empty list of series"), None)]
    cats = spec.get("categories")
    if kind != "scatter" and (not isinstance(cats, list) or not cats or len({str(c) for c in cats}) != len(cats)):
        return out + [(("categories",), messages.spec_field("'categories'", "a non-empty list of distinct labels"),
                       None)]
    for i, x in enumerate(series):
        out += _check_series(kind, x, i, len(cats) if isinstance(cats, list) else 0)
    return out or _check_logs(spec)


def _check_logs(spec: dict[str, Any]) -> list[Problem]:
    """A log axis's range and values must be positive: the first one that is not, at its path (the
    spec's numbers are known to be sound)."""
    out: list[Problem] = []
    for log, key, data in (("value_log", "value_range", "y" if spec["kind"] == "scatter" else "values"),
                           ("x_log", "x_range", "x")):
        if spec.get(log) is not True:
            continue
        where: list[Path_] = [(key, 0)] if spec.get(key) is not None else []
        where += [("series", i, data, k) for i, x in enumerate(spec["series"]) for k in range(len(x.get(data) or ()))]
        bad = next((p for p in where if exact(_at(spec, p)) <= 0), None)
        if bad is not None:
            out.append((bad, messages.spec_field(_path_text(bad), f"positive on a log axis ('{log}' is true)"),
                        f"set '{log}' to false, or make the range and the values positive"))
    return out


def _at(spec: dict[str, Any], path: Path_) -> object:
    node: Any = spec
    for part in path:
        node = node[part]
    return node


def _check_numbers(spec: dict[str, Any], keys: Sequence[str], whole: bool, required: bool) -> list[Problem]:
    out: list[Problem] = []
    for key in keys:
        if key not in spec:
            if required:
                out.append(((key,), messages.spec_field(f"'{key}'", "given"), None))
            continue
        try:
            v = exact(spec[key])
        except ValueError as err:
            out.append(((key,), messages.spec_field(f"'{key}'", _number_rule(err)), None))
            continue
        if whole and (not isinstance(v, int) or v <= 0):
            out.append(((key,), messages.spec_field(f"'{key}'", "a positive whole number of pixels"), None))
    return out


def _check_list(values: object, path: Path_, n: int | None) -> list[Problem]:
    where = _path_text(path)
    if not isinstance(values, list) or (n is not None and len(values) != n):
        return [(path, messages.spec_field(where, f"a list of {n} numbers" if n else "a list of numbers"), None)]
    for i, v in enumerate(values):
        try:
            exact(v)
        except ValueError as err:
            return [((*path, i), messages.spec_field(_path_text((*path, i)), _number_rule(err)), None)]
    return []


def _number_rule(err: ValueError) -> str:
    """What a field must be, saying what is wrong with the number given."""
    why = str(err)
    return "a number" if why == "is not a number" else f"a number within the limits: this one {why}"


def _check_series(kind: str, x: object, i: int, n_cats: int) -> list[Problem]:
    path: Path_ = ("series", i)
    if not isinstance(x, dict):
        return [(path, messages.spec_field(_path_text(path), "an object with a name and values"), None)]
    keys = ("x", "y") if kind == "scatter" else ("values",)
    out: list[Problem] = []
    for key in keys:
        out += _check_list(x.get(key), (*path, key), None)
    if out:
        return out
    lengths = [len(x[k]) for k in keys]
    want = lengths[0] if kind == "scatter" else n_cats
    if any(n != want for n in lengths) or (kind == "scatter" and want == 0):
        rule = "x and y lists of the same length" if kind == "scatter" else f"{n_cats} values, one per category"
        out.append(((*path, keys[-1]), messages.spec_field(_path_text(path), rule), None))
    for key in ("color", "colors"):
        given = x.get(key)
        items = given if isinstance(given, list) else [given] if given is not None else []
        bad = next((c for c in items if not isinstance(c, str) or colours.normalise(c) is None), None)
        if bad is not None or (key == "colors" and given is not None and len(items) != lengths[0]):
            out.append(((*path, key), messages.spec_field(_path_text((*path, key)),
                                                          "\"#rrggbb\" colours, one per value" if key == "colors"
                                                          else "a colour \"#rrggbb\""), None))
    return out


def _path_text(path: Path_) -> str:
    return "'" + "".join(f"[{p}]" if isinstance(p, int) else (f".{p}" if i else p) for i, p in enumerate(path)) + "'"


def locate(source: str, path: Path_) -> Span:
    """Where a field of the spec is written: the key of its deepest named part, found in order."""
    pos = 0
    found = -1
    for part in path:
        if isinstance(part, str):
            at = source.find(json.dumps(part), pos)
            if at < 0:
                break
            found, pos = at, at + 1
    if found < 0:
        return Span(1, 1, 1, 2)
    line = source.count("\n", 0, found) + 1
    col = found - (source.rfind("\n", 0, found) + 1) + 1
    return Span(line, col, line, col + len(json.dumps(str(next((p for p in reversed(path) if isinstance(p, str)),
                                                                   "")))))


# -- chart -> table and spec ------------------------------------------------------------------


def chart_table(chart: s.Chart) -> dict[str, Any]:
    """The README table of a chart, numbers exact.

    >>> from recode_dsl.pipeline import compile
    >>> chart_table(compile('chart bar\\ncategories("a")\\nseries("S", [0.5])').scene)
    {'categories': ['a'], 'series': [{'name': 'S', 'values': [Fraction(1, 2)]}]}
    """
    if chart.kind == "scatter":
        return {"series": [{"name": x.name, "x": list(x.x), "y": list(x.y)} for x in chart.series]}
    return {"categories": list(chart.categories),
            "series": [{"name": x.name, "values": list(x.values)} for x in chart.series]}


def chart_to_spec(chart: s.Chart) -> dict[str, Any]:
    """A chart spec of the program's chart (numbers exact), the inverse of ``spec_to_program``."""
    spec: dict[str, Any] = {"kind": chart.kind, "title": chart.title or ""}
    if chart.canvas is not None:
        spec["width_px"], spec["height_px"] = chart.canvas
    if chart.plot_box is not None:
        spec["plot_box_px"] = list(chart.plot_box)
    if chart.kind != "scatter":
        spec["categories"] = list(chart.categories)
    for axis, key in ((chart.value_axis, "value_range"), (chart.category_axis, "category_range"),
                      (chart.x_axis, "x_range")):
        if axis.lo is not None and axis.hi is not None:
            spec[key] = [axis.lo, axis.hi]
    if chart.kind not in PIES and chart.value_axis.log:
        spec["value_log"] = True
    if chart.kind == "scatter" and chart.x_axis.log:
        spec["x_log"] = True
    spec["series"] = [_spec_series(chart.kind, x) for x in chart.series]
    if chart.start_angle is not None:
        spec["start_angle"] = chart.start_angle
    if chart.bar_width is not None:
        spec["bar_width"] = chart.bar_width
    return spec


def _spec_series(kind: str, x: s.Series) -> dict[str, Any]:
    out: dict[str, Any] = {"name": x.name}
    if kind == "scatter":
        out["x"], out["y"] = list(x.x), list(x.y)
    else:
        out["values"] = list(x.values)
    if x.color:
        out["color"] = x.color
    if x.colors:
        out["colors"] = list(x.colors)
    return out


def dump_json(doc: object, indent: int = 1) -> str:
    """JSON with exact numbers: terminating decimals as JSON numbers, other fractions as strings "p/q".

    >>> dump_json({"v": [Fraction(1, 4), 3, Fraction(1, 3)]}, indent=0)
    '{"v": [0.25, 3, "1/3"]}'
    """
    return _dump(doc, indent, 0)


def _dump(x: object, indent: int, depth: int) -> str:
    if isinstance(x, dict):
        items = [f"{json.dumps(str(k))}: {_dump(v, indent, depth + 1)}" for k, v in x.items()]
        return _join("{", items, "}", indent, depth)
    if isinstance(x, (list, tuple)):
        flat = all(not isinstance(v, (dict, list, tuple)) for v in x)
        return _join("[", [_dump(v, indent, depth + 1) for v in x], "]", 0 if flat else indent, depth)
    if isinstance(x, (bool, str, float)) or x is None:
        return json.dumps(x)
    if isinstance(x, (int, Fraction)) or getattr(x, "is_Rational", False):
        text = number_text(x)
        return text if "/" not in text else json.dumps(text)
    if type(x).__module__.startswith("sympy"):
        import sympy

        return json.dumps(sympy.sstr(x))
    raise TypeError(f"cannot write {type(x).__name__} as JSON")


def _join(open_: str, items: list[str], close: str, indent: int, depth: int) -> str:
    if not items:
        return open_ + close
    if not indent:
        return open_ + ", ".join(items) + close
    pad = "\n" + " " * (indent * (depth + 1))
    return open_ + pad + ("," + pad).join(items) + "\n" + " " * (indent * depth) + close


__all__ = ["ImportFailed", "chart_program", "chart_table", "chart_to_spec", "checked", "dump_json", "exact",
           "load_spec", "locate", "number", "number_list", "printed", "spec_ast", "spec_to_program", "statement",
           "string", "string_list", "validate_spec"]
