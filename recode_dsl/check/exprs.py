"""Expressions: names, calls, arithmetic -> typed IR values, with every error collected."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from recode_dsl import astnodes as a
from recode_dsl import budget, colours, limits, messages, registry
from recode_dsl import scene as s
from recode_dsl.check.constants import TooLarge, constant_value
from recode_dsl.check.size import Sizer, children
from recode_dsl.check.types import ACCEPTS, DESCRIBE, ERROR, GEO_TYPES, Typed, combine_units, geo_type
from recode_dsl.check.units import DEGREE_WORDS, NO_UNITS, Units, unit_literal
from recode_dsl.errors import Diagnostic, Span, did_you_mean
from recode_dsl.quantity import is_rational, plain

Builder = Callable[[str, dict[str, Typed], Span], Typed]


@dataclass
class Scope:
    """What names mean in one program, and the diagnostics found so far."""

    domain: str
    points: dict[str, s.Point] = field(default_factory=dict)
    lets: dict[str, Typed] = field(default_factory=dict)
    variables: dict[str, list[Span]] = field(default_factory=dict)
    series: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    diags: list[Diagnostic] = field(default_factory=list)
    in_query: bool = False
    query_only_vars: dict[str, Span] = field(default_factory=dict)
    broken_series: list[str] = field(default_factory=list)
    units: Units = NO_UNITS  # length units written after numbers (figures)
    sizer: Sizer = field(default_factory=Sizer)

    def error(self, code: str, message: str, span: Span, hint: str | None = None) -> Typed:
        self.diags.append(Diagnostic(code, message, span, hint))
        return ERROR

    def known_names(self) -> list[str]:
        return [*self.points, *self.lets, *self.variables]


class Elaborator:
    """Checks expressions against the registry and lowers them to IR values."""

    def __init__(self, scope: Scope, build: Builder) -> None:
        self.scope = scope
        self.build = build

    # -- inference ---------------------------------------------------------------------------

    def infer(self, e: a.Expr) -> Typed:
        budget.step(e.span, "checking the program")
        t = _HANDLERS[type(e)](self, e)
        if isinstance(e, (a.BinOp, a.Neg, a.Call)) and t.type != "error" and children(t.value):
            problem = self.too_big(t.value, e)
            if problem is not None:
                return problem
        return t

    def too_big(self, value: object, e: a.Expr) -> Typed | None:
        """ERROR, with a diagnostic, for a value too large or too deep once every 'let' in it is
        replaced by its value (measured on the DAG, check/size.py); None when it fits."""
        nodes, depth = self.scope.sizer.measure(value)
        if nodes > limits.MAX_EXPANDED:
            return self.scope.error("E020", messages.expression_too_large(nodes, limits.MAX_EXPANDED), e.span,
                                    "a 'let' stands for its whole value: combine values with fewer steps")
        if depth > limits.MAX_EXPR_DEPTH:
            return self.scope.error("E006", messages.expression_too_deep(limits.MAX_EXPR_DEPTH), e.span,
                                    "counted once every 'let' name is replaced by its value: use fewer steps")
        return None

    def _num(self, e: a.Num) -> Typed:
        v = e.value
        if _too_large(v):
            return self.scope.error("E020", messages.literal_too_large(f"{limits.MAX_MAGNITUDE:.0e}"), e.span)
        unit = "degrees" if e.deg else None
        return Typed("number", s.Const(v, unit), unit)

    def _str(self, e: a.Str) -> Typed:
        return Typed("string", e.value)

    def _paren(self, e: a.Paren) -> Typed:
        return self.infer(e.inner)

    def _pair(self, e: a.Pair) -> Typed:
        return Typed("pair", (self.number(e.x, "a coordinate"), self.number(e.y, "a coordinate")))

    def _listexpr(self, e: a.ListExpr) -> Typed:
        return Typed("list", tuple((self.infer(i), i.span) for i in e.items))

    def _name(self, e: a.Name) -> Typed:
        sc = self.scope
        if e.id in sc.points:
            return Typed("point", s.Pt(e.id))
        if e.id in sc.lets:
            return sc.lets[e.id]
        if e.id == "pi":
            import sympy

            return Typed("number", s.Const(sympy.pi))
        if e.id in ("true", "false"):
            return Typed("bool", e.id == "true")
        if sc.domain == "figure":
            if sc.in_query and e.id not in sc.variables:
                sc.query_only_vars.setdefault(e.id, e.span)
            else:
                sc.variables.setdefault(e.id, []).append(e.span)
            return Typed("number", s.Var(e.id))
        return sc.error("E010", messages.undefined_name("name", e.id), e.span,
                        did_you_mean(e.id, [*sc.series, *sc.categories, "true", "false"]))

    def _neg(self, e: a.Neg) -> Typed:
        inner = self.infer(e.operand)
        if inner.type == "error":
            return ERROR
        q = self.as_quantity(inner, e.operand.span, "the operand of '-'")
        return ERROR if q is None else Typed("number", s.Apply("neg", (q,)), inner.unit)

    def _binop(self, e: a.BinOp) -> Typed:
        if e.implicit and self.scope.units.words:
            lit = unit_literal(e)
            if lit is not None and lit[1] in self.scope.units.words:
                return self._with_unit(e, *lit)
        left, right = self.infer(e.left), self.infer(e.right)
        if "error" in (left.type, right.type):
            return ERROR
        regions = ACCEPTS["region"]
        if left.type in regions and right.type in regions and e.op in "+-":
            op = "union" if e.op == "+" else "difference"
            return Typed("region", s.RegionOp(op, left.value, right.value))  # type: ignore[arg-type]
        lq = self.as_quantity(left, e.left.span, f"the left side of '{e.op}'")
        rq = self.as_quantity(right, e.right.span, f"the right side of '{e.op}'")
        if lq is None or rq is None:
            return ERROR
        lu, ru = unit_of(left), unit_of(right)
        unit, ok = combine_units(e.op, lu, ru)
        if not ok:
            return self.scope.error("E016", messages.units_mixed(f"'{e.op}'", _unit(lu), _unit(ru)), e.span,
                                    "an angle is in degrees and a length is not; check both sides")
        value = s.Apply(e.op, (lq, rq))
        if not self.finite(value, e):
            return ERROR
        return Typed("number", value, unit)

    def _with_unit(self, e: a.BinOp, num: a.Num, word: str, power: int) -> Typed:
        """``12 ft`` as a length in the figure's unit, ``48 ft^2`` as an area (exact conversion);
        ``30 degrees`` as ``30°``."""
        if word in DEGREE_WORDS:
            return Typed("number", s.Const(num.value, "degrees"), "degrees")
        factor = self.scope.units.factor(word)
        if factor is None:
            base = self.scope.units.base or "units"
            return self.scope.error("E016", messages.units_mixed("the figure", f"'{base}'", f"'{word}'"), e.span,
                                    "a length in \"units\" has no size in other units: write every length in "
                                    "one kind of unit")
        value = plain(Fraction(num.value) * factor**power)
        unit = {1: "length", 2: "area"}.get(power)
        written = registry.LENGTH_UNITS[word][0] if power == 1 else None  # drawn as written: "6 in"
        return Typed("number", s.Const(value, written), unit)

    def _compare(self, e: a.Compare) -> Typed:
        left = self.infer(e.left)
        sel = self.selection(left, e.left.span)
        value = self.number(e.right, "the right side of a comparison")
        if sel is None or value is None:
            return ERROR
        return Typed("mask", s.Mask(sel, e.op, value))

    def _call(self, e: a.Call) -> Typed:
        return self.call(e, statement=False)

    # -- calls -------------------------------------------------------------------------------

    def call(self, e: a.Call, statement: bool) -> Typed:
        sc = self.scope
        funcs = registry.lookup(e.func, sc.domain)
        if not funcs:
            other = "chart" if sc.domain == "figure" else "figure"
            if registry.lookup(e.func, other):
                return sc.error("E012", messages.wrong_domain(e.func, sc.domain), e.func_span,
                                f"'{e.func}' belongs in a {other}")
            return sc.error("E012", messages.unknown_function(e.func, "function"), e.func_span,
                            did_you_mean(e.func, registry.names(sc.domain)))
        wanted = [f for f in funcs if (f.accepts_statement() if statement else f.role not in ("relation", "setting"))]
        if not wanted:
            what = f"'{e.func}'"
            if statement:
                return sc.error("E021", messages.not_a_statement(f"the value {what}"), e.span,
                                f"use it in an equation or an 'ask', e.g. ask {e.func}(...)")
            return sc.error("E021", messages.statement_as_value(what), e.span, "write it on its own line")
        func = wanted[0]
        return self._apply(func, e)

    def _apply(self, func: registry.Func, e: a.Call) -> Typed:
        sc = self.scope
        attempts: list[tuple[list[Diagnostic], dict[str, Typed] | None]] = []
        for sig in func.signatures:
            if not _arity_fits(sig, len(e.args), func.min_args):
                continue
            saved = sc.diags
            sc.diags = []
            args = self._bind(func, sig, e)
            found, sc.diags = sc.diags, saved
            if not found and args is not None:
                mixed = _mixed_units(func, args)
                if mixed:
                    return sc.error("E016", messages.units_mixed(f"'{func.name}'", *mixed), e.span,
                                    "its arguments must all be lengths, all angles or all areas (or plain numbers)")
                built = self.build(func.name + ":" + func.role, args, e.span)
                if func.role == "math" and not self.finite(built.value, e):
                    return ERROR
                return built
            attempts.append((found, args))
        if not attempts:
            return sc.error("E013", messages.wrong_arity(func.name, _arity_text(func), len(e.args)), e.span,
                            f"example: {func.example}")
        sc.diags.extend(attempts[-1][0] if len(attempts) > 1 and not attempts[0][0] else attempts[0][0])
        return ERROR

    def _bind(self, func: registry.Func, sig: tuple[registry.Param, ...], e: a.Call) -> dict[str, Typed] | None:
        sc = self.scope
        out: dict[str, Typed] = {}
        positional, variadic, names, _ = _shape(sig)
        for i, arg in enumerate(e.args):
            if i < len(positional):
                out[positional[i].name] = self.expect(arg, positional[i].type, f"argument {i + 1} of '{func.name}'")
            elif variadic is not None:
                out[f"{variadic.name}{i}"] = self.expect(arg, variadic.type, f"argument {i + 1} of '{func.name}'")
        for kw in e.kwargs:
            if kw.name not in names or names[kw.name].variadic:
                sc.error("E015", messages.unknown_kwarg(kw.name, func.name), kw.span,
                         did_you_mean(kw.name, [p.name for p in sig]))
                continue
            if kw.name in out:
                sc.error("E013", messages.given_twice(kw.name), kw.span)
                continue
            out[kw.name] = self.expect(kw.value, names[kw.name].type, f"'{kw.name}' of '{func.name}'")
        for p in sig:
            if p.choices and p.name in out:
                out[p.name] = self._choice(func, p, out[p.name], _arg_span(e, sig, p.name))
            if p.required and p.name not in out:
                needs = messages.missing_argument(func.name, p.name, registry.TYPES.get(p.type, p.type))
                sc.error("E013", needs, e.span, f"example: {func.example}")
        return None if any(t.type == "error" for t in out.values()) else out

    def _choice(self, func: registry.Func, p: registry.Param, got: Typed, span: Span) -> Typed:
        """A string argument with a fixed set of values (a legend position, a marker, a preset): E026 when
        it is not one of them."""
        if got.type != "string" or str(got.value) in p.choices:
            return got
        if p.name == "position" and legend_words(str(got.value)) in p.choices:
            return got  # "top right", "Upper Right" and "upper  right" name one place
        listed = ", ".join(f'"{c}"' for c in p.choices)
        return self.scope.error("E026", messages.unknown_choice(f"'{p.name}' of '{func.name}'", str(got.value)),
                                span, did_you_mean(str(got.value), p.choices) or f"one of: {listed}")

    def finite(self, value: object, e: a.Expr) -> bool:
        """False, with an E019, for a constant such as 1/0 or sqrt(-1) (E020 when too large to
        compute): every stage after the checker may rely on constants being finite reals."""
        if isinstance(value, s.Apply) and value.fn == "^" and not self._small_exponent(value.args[1], e):
            return False
        if self.too_big(value, e) is not None:  # refused before it is evaluated
            return False
        try:
            v = constant_value(value)
        except TooLarge:
            self.scope.error("E020", messages.magnitude_too_large(f"{limits.MAX_CONSTANT_BITS} bits"), e.span)
            return False
        if v is None or is_rational(v) or (v.is_real and v.is_finite):
            return True
        import sympy

        if v.is_real is None and v is not sympy.nan:
            return True
        from recode_dsl.fmt import format_expr

        word = ("imaginary" if v.is_finite and v.is_real is False else "undefined" if v is sympy.nan
                else "undefined (a division by zero)")
        self.scope.error("E019", messages.not_finite_real(format_expr(e), word), e.span)
        return False

    def _small_exponent(self, exponent: object, e: a.Expr) -> bool:
        try:
            v = constant_value(exponent)
        except TooLarge:
            v = None
        if v is not None and (is_rational(v) or v.is_real) and abs(v) > limits.MAX_EXPONENT:
            self.scope.error("E020", messages.exponent_too_large(str(v), limits.MAX_EXPONENT), e.span)
            return False
        return True

    # -- expectations ------------------------------------------------------------------------

    def expect(self, e: a.Expr, want: str, what: str) -> Typed:
        """Infer ``e`` and check it has a type that ``want`` accepts."""
        got = self.infer(e)
        if got.type == "error":
            return got
        if got.type not in ACCEPTS.get(want, {want}):
            hint = None
            if isinstance(e, a.Name) and want == "point":
                hint = did_you_mean(e.id, self.scope.points) or f"declare it: point {e.id}"
                return self.scope.error("E010", messages.undefined_name("point", e.id), e.span, hint)
            if want in ("selection", "mask_or_selection") and got.type in ("number", "list"):
                hint = ("to compare totals, select them: argmax(per_series(\"sum\")) for the series with the "
                        "largest total, argmax(per_category(\"sum\")) for the tallest stack")
            return self.scope.error("E014", messages.wrong_type(what, registry.TYPES.get(want, want),
                                                                DESCRIBE.get(got.type, got.type)), e.span, hint)
        return self._refine(got, want, e, what)

    def _refine(self, got: Typed, want: str, e: a.Expr, what: str) -> Typed:
        sc = self.scope
        if want == "number":
            q = self.as_quantity(got, e.span, what)
            return ERROR if q is None else Typed("number", q, "degrees" if got.type in ("angle", "arc") else got.unit)
        if want == "int":
            v = got.value
            if not (isinstance(v, s.Const) and isinstance(v.value, int)):
                return sc.error("E014", messages.wrong_type(what, "a whole number", "another value"), e.span)
        if want == "colour" and colours.normalise(str(got.value)) is None:
            return sc.error("E019", messages.unknown_colour(str(got.value)), e.span,
                            did_you_mean(str(got.value), colours.NAMED) or "use \"#rrggbb\"")
        if want in ("numbers", "strings", "colours"):
            return self._list_of(got, want, what)
        if want in ("selection", "mask_or_selection") and got.type == "string":
            sel = self.selection(got, e.span)
            return ERROR if sel is None else Typed("selection", sel)
        return got

    def _list_of(self, got: Typed, want: str, what: str) -> Typed:
        item_type = {"numbers": "number", "strings": "string", "colours": "colour"}[want]
        items: list[object] = []
        for typed, span in got.value:  # type: ignore[attr-defined]
            if typed.type == "error":
                return ERROR
            number = _literal_number(typed) if item_type == "number" else None
            ok = number is not None if item_type == "number" else typed.type == "string"
            if not ok:
                got_text = "an expression" if typed.type == "number" else DESCRIBE.get(typed.type, typed.type)
                message = messages.wrong_type(f"an item of {what}", f"a {item_type} literal", got_text)
                return self.scope.error("E014", message, span, "write the value itself, e.g. 3.14")
            if item_type == "colour":
                norm = colours.normalise(typed.value)
                if norm is None:
                    return self.scope.error("E019", messages.unknown_colour(typed.value), span,
                                            did_you_mean(typed.value, colours.NAMED) or "use \"#rrggbb\"")
                items.append(norm)
            else:
                items.append(number if item_type == "number" else typed.value)
        return Typed("list", tuple(items))

    def number(self, e: a.Expr, what: str) -> s.Quantity | None:
        got = self.expect(e, "number", what)
        return None if got.type == "error" else got.value  # type: ignore[return-value]

    def as_quantity(self, t: Typed, span: Span, what: str) -> s.Quantity | None:
        if t.type == "number":
            return t.value  # type: ignore[return-value]
        if t.type in ("angle", "arc"):
            return s.Measure("measure", (t.value,))  # type: ignore[arg-type]
        self.scope.error("E014", messages.wrong_type(what, "a number", DESCRIBE.get(t.type, t.type)), span,
                         "measure it, e.g. length(...) or area(...)" if t.type in GEO_TYPES else None)
        return None

    def selection(self, t: Typed, span: Span) -> s.Selection | None:
        sc = self.scope
        if t.type == "selection":
            return t.value  # type: ignore[return-value]
        if t.type != "string":
            sc.error("E014", messages.wrong_type("a selection", registry.TYPES["selection"],
                                                 DESCRIBE.get(t.type, t.type)), span)
            return None
        name = str(t.value)
        if name in sc.series:
            return s.Selection(series=name)
        if name in sc.categories:
            return s.Selection(category=name)
        sc.error("E010", messages.undefined_name("series or category", name), span,
                 did_you_mean(name, [*sc.series, *sc.categories]))
        return None


_HANDLERS: dict[type, Callable[[Elaborator, Any], Typed]] = {
    node: getattr(Elaborator, "_" + node.__name__.lower())
    for node in (a.Num, a.Str, a.Name, a.Call, a.BinOp, a.Neg, a.Compare, a.ListExpr, a.Pair, a.Paren)
}


def _too_large(v: s.Exact) -> bool:
    """Beyond the magnitude limit (the lexer limits the digits written, so tiny values pass)."""
    if isinstance(v, int):
        return abs(v) > limits.MAX_MAGNITUDE
    return bool(abs(v.numerator) > limits.MAX_MAGNITUDE * v.denominator)  # type: ignore[union-attr]


def _literal_number(t: Typed) -> s.Exact | None:
    """The value of a number literal, possibly negated (``-4``), or None (``pi`` is not one)."""
    v, sign = t.value, 1
    if t.type != "number":
        return None
    if isinstance(v, s.Apply) and v.fn == "neg" and len(v.args) == 1:
        v, sign = v.args[0], -1
    if isinstance(v, s.Const) and is_rational(v.value):
        return v.value if sign == 1 else -v.value  # type: ignore[no-any-return, operator]
    return None


def legend_words(text: str) -> str:
    """A legend position in matplotlib's words: "top right" and "upper right" are the same place.

    >>> legend_words(" Top  Centre ")
    'upper center'
    """
    words = text.strip().lower().replace("top", "upper").replace("bottom", "lower").replace("centre", "center")
    return " ".join(words.split()) or "best"


def _arg_span(e: a.Call, sig: tuple[registry.Param, ...], name: str) -> Span:
    """Where the argument for parameter ``name`` is written (the call when it is not found)."""
    for kw in e.kwargs:
        if kw.name == name:
            return kw.value.span
    index = next((i for i, p in enumerate(sig) if p.name == name), len(e.args))
    return e.args[index].span if index < len(e.args) else e.span


Shape = tuple[list[registry.Param], "registry.Param | None", dict[str, registry.Param], int]
_SHAPES: dict[int, tuple[tuple[registry.Param, ...], Shape]] = {}


def _shape(sig: tuple[registry.Param, ...]) -> Shape:
    """A signature's positional parameters, its variadic one, its parameters by name and how many
    are required, worked out once per signature (the registry's signatures live as long as the
    program; the entry keeps its signature, so an id is never reused while cached)."""
    hit = _SHAPES.get(id(sig))
    if hit is not None and hit[0] is sig:
        return hit[1]
    shape: Shape = ([p for p in sig if not p.variadic], next((p for p in sig if p.variadic), None),
                    {p.name: p for p in sig}, sum(1 for p in sig if p.required))
    _SHAPES[id(sig)] = (sig, shape)
    return shape


def _arity_fits(sig: tuple[registry.Param, ...], n: int, min_args: int) -> bool:
    positional, variadic, _, required = _shape(sig)
    if variadic is not None:
        return n >= max(min_args, 1)
    return required <= n <= len(sig)


def _arity_text(func: registry.Func) -> str:
    counts: list[str] = []
    for sig in func.signatures:
        if any(p.variadic for p in sig):
            counts.append(f"{max(func.min_args, 1)} or more")
        else:
            req, tot = sum(1 for p in sig if p.required), len(sig)
            counts.append(str(req) if req == tot else f"{req} to {tot}")
    return " or ".join(dict.fromkeys(counts))


def _unit(u: str | None) -> str:
    from recode_dsl.check.types import describe_unit

    return describe_unit(u)


def unit_of_geo(t: Typed) -> str | None:
    return "degrees" if t.type in ("angle", "arc") else None


def unit_of(t: Typed) -> str | None:
    """The unit of a value used as a number: an angle or arc is in degrees."""
    return unit_of_geo(t) or t.unit


def _mixed_units(func: registry.Func, args: dict[str, Typed]) -> tuple[str, str] | None:
    """The first two different units among the arguments of a math call whose result keeps their
    unit (sum, common, difference), described for a message; None when they agree."""
    if func.role != "math" or func.returns != "same":
        return None
    units = list(dict.fromkeys(u for u in (unit_of(t) for t in args.values()) if u))
    return (_unit(units[0]), _unit(units[1])) if len(units) > 1 else None


def geo(t: Typed) -> s.Geo:
    assert t.type in GEO_TYPES, t
    return t.value  # type: ignore[return-value]


__all__ = ["Elaborator", "Scope", "geo", "geo_type"]
