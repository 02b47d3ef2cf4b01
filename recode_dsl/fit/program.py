"""Write a fitted chart back into its program: the user's text with only the fitted numbers changed.

The numbers of ``series(...)``, ``plot_box(...)`` and ``start_angle(...)`` calls are replaced in
the AST where the fitted chart differs from the program's own; everything else (comments,
``ask`` statements, settings, how numbers were written) is kept, and the formatter prints it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Protocol, TypeVar

import numpy as np
from numpy.typing import NDArray

from recode_dsl import astnodes as a
from recode_dsl import registry
from recode_dsl import scene as s
from recode_dsl.errors import Span, has_errors
from recode_dsl.fit.chart import FitResult, fit_chart
from recode_dsl.fit.verify import compile_chart
from recode_dsl.fmt import format_program


class Compiled(Protocol):
    """What the model loop keeps of a compiled candidate (``pipeline.CompileResult``)."""

    @property
    def ok(self) -> bool: ...

    @property
    def program(self) -> a.Program | None: ...

    @property
    def scene(self) -> s.Scene | None: ...


R = TypeVar("R", bound=Compiled)


def fit_source(source: str, target: NDArray[np.uint8], filename: str | None = None) -> tuple[str, FitResult | None]:
    """Fit a chart program's text to an image: the new text and the fit (None if not a chart).

    A program that does not compile, or is not a chart, comes back as it was.
    """
    program, scene, diags = compile_chart(source)
    if program is None or has_errors(diags) or not isinstance(scene, s.Chart):
        return source, None
    fit = fit_chart(scene, target)
    if not fit.changed:
        return source, fit
    return program_text(program, scene, fit.chart), fit


def fit_candidate(program: str, result: R, target: NDArray[np.uint8], recompile: Callable[[str], R]) -> tuple[str, R]:
    """For the model loop: a compiled chart candidate fitted to the image, recompiled with
    ``recompile`` (the loop's compile: fit stands below the pipeline); anything else (or a fit
    that changes nothing, or whose text would not compile) comes back as it was."""
    if not result.ok or result.program is None or not isinstance(result.scene, s.Chart):
        return program, result
    fit = fit_chart(result.scene, target)
    if not fit.changed:
        return program, result
    text = program_text(result.program, result.scene, fit.chart)
    again = recompile(text)
    return (text, again) if again.ok else (program, result)


def program_text(program: a.Program, old: s.Chart, new: s.Chart) -> str:
    """The program with the numbers that differ between ``old`` (its own chart) and ``new``."""
    body: list[a.Stmt] = []
    k = 0
    angle_done = False
    for stmt in program.body:
        if isinstance(stmt, a.ExprStmt) and isinstance(stmt.expr, a.Call):
            call = stmt.expr
            if call.func == "series" and k < len(old.series):
                call = _series_call(call, old.series[k], new.series[k])
                k += 1
            elif call.func == "plot_box" and old.plot_box and new.plot_box:
                call = _set(call, dict(zip(("x0", "y0", "x1", "y1"), new.plot_box)))
            elif call.func == "start_angle" and new.start_angle is not None:
                call = _set(call, {"degrees": new.start_angle})
                angle_done = True
            stmt = replace(stmt, expr=call)
        body.append(stmt)
    if new.start_angle is not None and not angle_done and new.start_angle != old.start_angle:
        body = _add_after_series(body, "start_angle", (new.start_angle,))
    if new.plot_box is not None and old.plot_box is None:
        body = _add_after_series(body, "plot_box", new.plot_box)
    return format_program(replace(program, body=tuple(body)))


def _params(func: str) -> tuple[str, ...]:
    rec = next(f for f in registry.lookup(func, "chart") if f.role == "setting")
    return tuple(p.name for p in rec.signatures[0])


def _number(v: s.Exact, span: Span) -> a.Expr:
    if v < 0:
        return a.Neg(a.Num(-v, False, span), span)  # type: ignore[arg-type]
    return a.Num(v, False, span)  # type: ignore[arg-type]


def _set(call: a.Call, values: dict[str, s.Exact]) -> a.Call:
    """The call with the named parameters (positional or keyword) set to new numbers."""
    names = _params(call.func)
    args = list(call.args)
    for i, arg in enumerate(args):
        if i < len(names) and names[i] in values:
            args[i] = _number(values[names[i]], arg.span)
    kwargs = tuple(replace(kw, value=_number(values[kw.name], kw.value.span)) if kw.name in values else kw
                   for kw in call.kwargs)
    return replace(call, args=tuple(args), kwargs=kwargs)


def _series_call(call: a.Call, old: s.Series, new: s.Series) -> a.Call:
    """Replace the list items of values, x and y that changed."""
    names = _params("series")
    args = list(call.args)
    for i, arg in enumerate(args):
        if i < len(names) and names[i] in ("values", "x", "y"):
            args[i] = _list(arg, getattr(old, names[i]), getattr(new, names[i]))
    kwargs = tuple(replace(kw, value=_list(kw.value, getattr(old, kw.name), getattr(new, kw.name)))
                   if kw.name in ("values", "x", "y") else kw for kw in call.kwargs)
    return replace(call, args=tuple(args), kwargs=kwargs)


def _list(expr: a.Expr, old: tuple[s.Exact, ...], new: tuple[s.Exact, ...]) -> a.Expr:
    if not isinstance(expr, a.ListExpr) or len(expr.items) != len(new) or len(old) != len(new):
        return expr
    items = tuple(item if o == n else _number(n, item.span) for item, o, n in zip(expr.items, old, new))
    return replace(expr, items=items)


def _add_after_series(body: list[a.Stmt], func: str, values: tuple[s.Exact, ...]) -> list[a.Stmt]:
    """A new setting statement after the last series (it shares that line's span for layout)."""
    last = max((i for i, st in enumerate(body) if isinstance(st, a.ExprStmt) and isinstance(st.expr, a.Call)
                and st.expr.func == "series"), default=len(body) - 1)
    span = body[last].span if body else Span(1, 1, 1, 1)
    fn_span = Span(span.end_line, span.end_col, span.end_line, span.end_col)
    args = tuple(_number(v, fn_span) for v in values)
    stmt = a.ExprStmt(a.Call(func, args, (), fn_span, fn_span), None, fn_span)
    return body[:last + 1] + [stmt] + body[last + 1:]
