"""Vega-Lite export: a chart -> a Vega-Lite spec with the same data, marks, axes, colours and title.

One inline data row per value (``category``, ``series``, ``value`` and their indices; ``x``
and ``y`` for scatter). Marks by kind: bar (grouped with ``xOffset``, stacked, horizontal),
line, area (stacked), point and arc (pie, donut). Axis ranges become scale domains, log axes
log scales, series colours a colour scale range. Numbers stay exact decimals in the JSON.
"""

from __future__ import annotations

import math
from typing import Any

from recode_dsl import scene as s
from recode_dsl.interop.chart_spec import dump_json

SCHEMA = "https://vega.github.io/schema/vega-lite/v6.json"
HORIZONTAL = ("hbar", "stacked_hbar")
STACKED = ("stacked_bar", "stacked_hbar", "area")
MARKS = {"bar": "bar", "hbar": "bar", "grouped_bar": "bar", "stacked_bar": "bar", "stacked_hbar": "bar",
         "line": "line", "area": "area", "scatter": "point", "pie": "arc", "donut": "arc"}
DONUT_HOLE = 0.4
Spec = dict[str, Any]


def to_vega_lite(chart: s.Chart) -> Spec:
    """The Vega-Lite spec of a chart (numbers exact: ints and Fractions).

    >>> from recode_dsl.pipeline import compile
    >>> spec = to_vega_lite(compile('chart bar\\ncategories("a", "b")\\nseries("S", [1, 2.5])').scene)
    >>> spec["mark"]["type"], spec["data"]["values"][1]["value"]
    ('bar', Fraction(5, 2))
    """
    spec: Spec = {"$schema": SCHEMA}
    if chart.title:
        spec["title"] = chart.title
    spec.update(_size(chart))
    spec["data"] = {"values": _rows(chart)}
    spec["mark"] = _mark(chart)
    spec["encoding"] = _pie_encoding(chart) if chart.kind in ("pie", "donut") else _encoding(chart)
    return spec


def vega_lite_json(chart: s.Chart) -> str:
    """The Vega-Lite spec as JSON text, numbers written as exact decimals."""
    return dump_json(to_vega_lite(chart))


def _size(chart: s.Chart) -> Spec:
    if chart.plot_box is not None:
        x0, y0, x1, y1 = chart.plot_box
        return {"width": x1 - x0, "height": y1 - y0}
    if chart.canvas is not None:
        w, h = chart.canvas
        return {"width": round(w * 0.775), "height": round(h * 0.77)}
    return {}


def _rows(chart: s.Chart) -> list[Spec]:
    if chart.kind == "scatter":
        return [{"series": x.name, "series_index": j, "x": px, "y": py}
                for j, x in enumerate(chart.series) for px, py in zip(x.x, x.y)]
    return [{"category": c, "category_index": i, "series": x.name, "series_index": j, "value": x.values[i]}
            for j, x in enumerate(chart.series) for i, c in enumerate(chart.categories)]


def _mark(chart: s.Chart) -> Spec:
    mark: Spec = {"type": MARKS.get(chart.kind, "bar")}
    if chart.kind == "scatter":
        mark["filled"] = True
    if chart.kind == "line" and any(x.marker and x.marker != "none" for x in chart.series):
        mark["point"] = True
    if chart.line_width is not None and chart.kind in ("line", "area"):
        mark["strokeWidth"] = chart.line_width
    if chart.kind in ("pie", "donut"):
        # matplotlib turns counter-clockwise from 3 o'clock, Vega-Lite clockwise from 12: wedges in
        # reverse order starting at 90 - start_angle degrees land on the same places
        start = float(chart.start_angle or 0)
        mark["thetaOffset"] = math.radians((90 - start) % 360)
        if chart.kind == "donut":
            mark["innerRadius"] = {"expr": f"min(width, height) / 2 * {float(chart.hole or DONUT_HOLE)}"}
    return mark


def _encoding(chart: s.Chart) -> Spec:
    horizontal = chart.kind in HORIZONTAL
    if chart.kind == "scatter":
        enc: Spec = {"x": _quantitative("x", chart.x_axis), "y": _quantitative("y", chart.value_axis)}
    else:
        cat = _category(chart, horizontal)
        value = _quantitative("value", chart.value_axis)
        value["stack"] = "zero" if chart.kind in STACKED else None
        enc = {"y": cat, "x": value} if horizontal else {"x": cat, "y": value}
    if chart.kind == "grouped_bar" or (chart.kind in ("bar", "hbar") and len(chart.series) > 1):
        enc["yOffset" if horizontal else "xOffset"] = {"field": "series", "type": "nominal",
                                                       "sort": [x.name for x in chart.series]}
    if chart.kind in STACKED:
        enc["order"] = {"field": "series_index", "type": "quantitative"}
    enc.update(_colour(chart))
    return enc


def _category(chart: s.Chart, horizontal: bool) -> Spec:
    axis: Spec = {"title": chart.category_axis.title}
    if chart.category_axis.rotation:
        axis["labelAngle"] = -chart.category_axis.rotation
    if chart.category_axis.grid is not None:
        axis["grid"] = chart.category_axis.grid
    # matplotlib puts the first category of horizontal bars at the bottom
    order = list(reversed(chart.categories)) if horizontal else list(chart.categories)
    return {"field": "category", "type": "ordinal" if chart.kind in ("line", "area") else "nominal",
            "sort": order, "axis": axis}


def _quantitative(field: str, ax: s.Axis) -> Spec:
    scale: Spec = {}
    if ax.lo is not None and ax.hi is not None:
        scale["domain"] = [ax.lo, ax.hi]
        scale["nice"] = False
        scale["zero"] = False
    if ax.log:
        scale["type"] = "log"
    axis: Spec = {"title": ax.title}
    if ax.ticks is not None:
        axis["values"] = list(ax.ticks)
    if ax.grid is not None:
        axis["grid"] = ax.grid
    out: Spec = {"field": field, "type": "quantitative", "axis": axis}
    if scale:
        out["scale"] = scale
    return out


def _colour(chart: s.Chart) -> Spec:
    names = [x.name for x in chart.series]
    given = [x.color for x in chart.series]
    if len(names) == 1 and chart.kind != "scatter":
        return {"color": {"value": given[0]}} if given[0] else {}
    colour: Spec = {"field": "series", "type": "nominal", "sort": names, "scale": {"domain": names}}
    if all(given):
        colour["scale"]["range"] = given
    if chart.legend is False or len(names) == 1:
        colour["legend"] = None
    return {"color": colour}


def _pie_encoding(chart: s.Chart) -> Spec:
    x = chart.series[0]
    colour: Spec = {"field": "category", "type": "nominal", "sort": list(chart.categories),
                    "scale": {"domain": list(chart.categories)}}
    if x.colors:
        colour["scale"]["range"] = list(x.colors)
    if chart.legend is False:
        colour["legend"] = None
    return {"theta": {"field": "value", "type": "quantitative", "stack": True},
            "order": {"field": "category_index", "type": "quantitative", "sort": "descending"},
            "color": colour}
