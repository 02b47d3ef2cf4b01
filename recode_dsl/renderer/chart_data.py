"""Chart data for drawing: the scene's exact values as floats, checked, with resolved colours.

This is where exact numbers become floats. Anything the checker would normally have caught (a
scene built by hand or loaded from JSON) is checked again here, and so is what only drawing
cares about (a log axis with a value that is not positive): each problem becomes a
``RenderError`` with a ``Diagnostic`` located at the series it came from.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from recode_dsl import colours, messages
from recode_dsl import scene as s
from recode_dsl.errors import Diagnostic, RenderError, Span
from recode_dsl.renderer.chart_text import RGB

HEADER = Span(1, 1, 1, 2)  # settings carry no span in the scene: point at the chart's first line
KINDS = ("bar", "hbar", "grouped_bar", "stacked_bar", "stacked_hbar", "line", "area", "scatter", "pie", "donut")
HORIZONTAL = ("hbar", "stacked_hbar")
BARS = ("bar", "hbar", "grouped_bar", "stacked_bar", "stacked_hbar")
STACKED = ("stacked_bar", "stacked_hbar", "area")
PIES = ("pie", "donut")
MARKERS = ("", "none", "o", "s", "^", "v", "<", ">", "D", "d", "x", "+", "*", ".", "p", "h")


@dataclass(frozen=True, slots=True)
class SeriesData:
    """One series as floats: ``values`` per category (y for scatter), ``x`` for scatter."""

    name: str
    values: tuple[float, ...]
    x: tuple[float, ...]
    colour: RGB
    colours: tuple[RGB, ...]  # one per value: per-bar or per-wedge colours
    marker: str
    span: Span


def grouped(kind: str, n_series: int) -> bool:
    """Bars side by side: a grouped chart, or a plain bar chart given several series."""
    return kind == "grouped_bar" or (kind in ("bar", "hbar") and n_series > 1)


def fail(code: str, message: str, span: Span = HEADER, hint: str | None = None) -> RenderError:
    """A render error with one located diagnostic (raise it)."""
    return RenderError([Diagnostic(code, message, span, hint)])


def to_float(v: object, what: str, span: Span) -> float:
    """A finite float for an exact scene number."""
    try:
        f = float(v)  # type: ignore[arg-type]
    except (TypeError, ValueError) as err:
        raise fail("E063", messages.cannot_draw(what, f"{v} is not a number"), span) from err
    if not math.isfinite(f):
        raise fail("E063", messages.cannot_draw(what, f"{v} is not finite"), span)
    return f


def colour(text: str, what: str, span: Span) -> RGB:
    norm = colours.normalise(text)
    if norm is None:
        raise fail("E063", messages.cannot_draw(what, f"unknown colour {text!r}"), span,
                   "use a name such as \"tab:blue\" or \"#1f77b4\"")
    return colours.rgb(norm)


def extract(chart: s.Chart) -> tuple[SeriesData, ...]:
    """Every series of ``chart`` as floats with its colours, or a RenderError."""
    if chart.kind not in KINDS:
        raise fail("E063", messages.cannot_draw(f"a '{chart.kind}' chart", "the kind is unknown"),
                   hint=f"one of: {', '.join(KINDS)}")
    if not chart.series:
        raise fail("E063", messages.cannot_draw(f"the {chart.kind} chart", "it has no series"),
                   hint="add series(\"name\", [values])")
    if chart.kind in PIES and len(chart.series) > 1:
        raise fail("E063", messages.cannot_draw(f"the {chart.kind} chart", "it has more than one series"),
                   chart.series[1].span)
    if chart.kind != "scatter" and not chart.categories:
        raise fail("E063", messages.cannot_draw(f"the {chart.kind} chart", "it has no categories"),
                   hint="add categories(\"a\", \"b\", ...)")
    out = tuple(_series(chart, i, x) for i, x in enumerate(chart.series))
    if chart.kind in PIES:
        _check_pie(out[0])
    return out


def _series(chart: s.Chart, i: int, x: s.Series) -> SeriesData:
    what = f"series '{x.name}'"
    if chart.kind == "scatter":
        if not x.x or len(x.x) != len(x.y):
            raise fail("E063", messages.cannot_draw(what, "a scatter series needs x and y lists of one length"),
                       x.span)
        values = tuple(to_float(v, what, x.span) for v in x.y)
        xs = tuple(to_float(v, what, x.span) for v in x.x)
    else:
        if len(x.values) != len(chart.categories):
            raise fail("E063", messages.series_length(x.name, len(x.values), len(chart.categories)), x.span)
        values, xs = tuple(to_float(v, what, x.span) for v in x.values), ()
    from recode_dsl.renderer.chart_theme import THEMES

    cycle = THEMES[chart.look.theme].cycle if chart.look.theme in THEMES else colours.DEFAULT_CYCLE
    base = colour(x.color, what, x.span) if x.color else colours.rgb(cycle[i % len(cycle)])
    if x.colors and len(x.colors) != len(values):
        raise fail("E063", messages.cannot_draw(what, f"{len(x.colors)} colours for {len(values)} values"), x.span)
    if x.colors:
        per = tuple(colour(c, what, x.span) for c in x.colors)
    elif chart.kind in PIES:
        per = tuple(colours.rgb(cycle[j % len(cycle)]) for j in range(len(values)))
    else:
        per = (base,) * len(values)
    marker = (x.marker or "").strip()
    if marker not in MARKERS:
        raise fail("E063", messages.cannot_draw(what, f"unknown marker {marker!r}"), x.span,
                   f"one of: {', '.join(m for m in MARKERS if m)}")
    return SeriesData(x.name, values, xs, base, per, "" if marker == "none" else marker, x.span)


def _check_pie(x: SeriesData) -> None:
    if any(v < 0 for v in x.values):
        raise fail("E063", messages.cannot_draw(f"series '{x.name}'", "a pie has no negative wedges"), x.span)
    if sum(x.values) <= 0:
        raise fail("E063", messages.cannot_draw(f"series '{x.name}'", "the values of a pie add up to zero"), x.span)


def check_log(axis: str, values: tuple[float, ...], span: Span) -> None:
    """Every value drawn on a log axis must be positive."""
    bad = next((v for v in values if v <= 0), None)
    if bad is not None:
        raise fail("E062", messages.log_not_positive(axis, f"{bad:g}"), span,
                   "drop log=true or leave out the values that are zero or negative")
