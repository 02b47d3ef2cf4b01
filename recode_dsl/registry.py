"""One registry of every call the language knows: shapes, relations, measures, chart kinds,
chart settings and queries.

The checker validates calls from these records, and the language reference
(``docs/language.md``) and the model's prompt text are generated from them, so the three
never drift apart.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from fractions import Fraction

REQUIRED = object()

# Argument types. "line" accepts segments, lines and rays; "shape" accepts polygons, circles
# and regions; "number" accepts any numeric expression (an angle or arc coerces to degrees).
TYPES = {
    "point": "a declared point",
    "segment": "segment(A, B)",
    "line": "a segment, line or ray",
    "circle": "a circle",
    "arc": "an arc",
    "angle": "an angle",
    "polygon": "a polygon",
    "shape": "a polygon, circle or region",
    "region": "a region: a shape, or shapes combined with + and -",
    "number": "a number",
    "int": "a whole number",
    "string": "a string",
    "colour": "a colour: \"#rrggbb\" or a name such as \"red\"",
    "bool": "true or false",
    "selection": "a series or category name, series(\"S\"), category(\"C\"), all(), per_series(), "
                 "per_category() or gap(\"A\", \"B\")",
    "mask": "a comparison such as \"Revenue\" > 10",
    "numbers": "a list of numbers",
    "strings": "a list of strings",
    "colours": "a list of colours",
    "shape_or_line": "a segment, line, ray, circle or arc",
    "segment_or_arc": "a segment or an arc",
    "labelled": "a point, segment(A, B), angle or arc: something the figure prints a label for",
    "line_or_circle": "a segment, line, ray or circle",
    "angle_or_arc": "an angle or an arc",
    "mask_or_selection": "a comparison or a selection",
}


@dataclass(frozen=True, slots=True)
class Param:
    name: str
    type: str
    default: object = REQUIRED
    variadic: bool = False
    choices: tuple[str, ...] = ()  # the allowed values of a string parameter (checked, listed in the prompt)

    @property
    def required(self) -> bool:
        return self.default is REQUIRED and not self.variadic


@dataclass(frozen=True, slots=True)
class Func:
    """A call of the language. ``role``: shape, relation, measure, setting, query, math.

    ``returns`` is a type name or a unit (length, degrees, area, scalar). ``min_args`` bounds
    variadic calls. ``signatures`` holds alternative parameter lists tried in order.
    """

    name: str
    domain: str  # "figure", "chart" or "any"
    role: str
    signatures: tuple[tuple[Param, ...], ...]
    returns: str
    doc: str
    example: str
    min_args: int = 0
    unique: bool = False  # a chart setting that may appear once

    def accepts_statement(self) -> bool:
        return self.role in ("shape", "relation", "setting")


def P(name: str, type_: str, default: object = REQUIRED, choices: tuple[str, ...] = ()) -> Param:
    return Param(name, type_, default, choices=choices)


def V(name: str, type_: str) -> Param:
    return Param(name, type_, variadic=True)


def _poly(name: str, n: int | None, doc: str, example: str) -> Func:
    params = tuple(P(f"p{i + 1}", "point") for i in range(n)) if n else (V("vertices", "point"),)
    return Func(name, "figure", "shape", (params,), "polygon", doc, example, min_args=n or 3)


def _rel(name: str, params: tuple[Param, ...], doc: str, example: str) -> Func:
    return Func(name, "figure", "relation", (params,), "relation", doc, example)


def _measure(name: str, sigs: tuple[tuple[Param, ...], ...], unit: str, doc: str, example: str) -> Func:
    return Func(name, "figure", "measure", sigs, unit, doc, example)


def _setting(name: str, params: tuple[Param, ...], doc: str, example: str, unique: bool = True) -> Func:
    return Func(name, "chart", "setting", (params,), "setting", doc, example, unique=unique)


def _query(name: str, sigs: tuple[tuple[Param, ...], ...], returns: str, doc: str, example: str) -> Func:
    return Func(name, "chart", "query", sigs, returns, doc, example)


SEL = P("of", "selection", None)

# per_series / per_category: how the values of one series (or one category) become one number
AGGREGATES = ("sum", "mean", "median", "max", "min", "count")
# chart styling: every allowed value, checked (E026) and listed in the reference and the prompt
LEGEND_POSITIONS = ("best", "upper right", "upper left", "lower left", "lower right", "right", "center left",
                    "center right", "lower center", "upper center", "center", "outside right", "outside upper",
                    "outside lower")
MARKERS = ("", "none", "o", "s", "^", "v", "<", ">", "D", "d", "x", "+", "*", ".", "p", "h")
THEMES = ("matplotlib", "ggplot", "fivethirtyeight", "seaborn", "seaborn-whitegrid", "bmh", "classic", "vega-lite")
SPINES = ("box", "left_bottom", "bottom", "left", "none")
TICK_DIRECTIONS = ("out", "in", "none")
TICK_FORMATS = ("auto", "plain", "thousands", "percent")
_FORMAT = (P("format", "string", "auto", TICK_FORMATS), P("decimals", "int", None), P("prefix", "string", None),
           P("suffix", "string", None))

GEOMETRY: tuple[Func, ...] = (
    # shapes
    Func("segment", "figure", "shape", ((P("a", "point"), P("b", "point")),), "segment",
         "the segment from a to b", "segment(A, B)"),
    Func("line", "figure", "shape", ((P("a", "point"), P("b", "point")),), "line",
         "the infinite line through a and b", "line(A, B)"),
    Func("ray", "figure", "shape", ((P("a", "point"), P("b", "point")),), "ray",
         "the ray from a through b", "ray(A, B)"),
    Func("circle", "figure", "shape", ((P("center", "point"), P("radius", "number", None)),), "circle",
         "the circle with a centre and, if known, a radius", "circle(O, 5)"),
    Func("circle_through", "figure", "shape", ((P("a", "point"), P("b", "point"), P("c", "point")),),
         "circle", "the circle through three points", "circle_through(A, B, C)"),
    Func("arc", "figure", "shape", ((P("a", "point"), P("b", "point")),
                                     (P("a", "point"), P("via", "point"), P("b", "point"))), "arc",
         "the minor arc from a to b, or the arc from a through via to b", "arc(A, B)"),
    Func("major_arc", "figure", "shape", ((P("a", "point"), P("b", "point")),
                                           (P("a", "point"), P("via", "point"), P("b", "point"))), "arc",
         "the major arc from a to b", "major_arc(A, C)"),
    Func("minor_arc", "figure", "shape", ((P("a", "point"), P("b", "point")),), "arc",
         "the minor arc from a to b", "minor_arc(A, C)"),
    Func("angle", "figure", "shape", ((P("a", "point"), P("vertex", "point"), P("b", "point"), P("label", "int", None)),
                                       (P("vertex", "point"), P("label", "int", None)), (P("label", "int"),)), "angle",
         "an angle by three points, by its vertex, or by the number printed in the figure; "
         "as a statement, label=N gives it that number", "angle(A, B, C)"),
    Func("sector", "figure", "shape", ((P("center", "point"), P("a", "point"), P("b", "point")),), "region",
         "the circular sector at center from a to b, counter-clockwise", "sector(O, A, B)"),
    _poly("polygon", None, "a polygon through its vertices in order", "polygon(A, B, C, D, E)"),
    _poly("triangle", 3, "a triangle", "triangle(A, B, C)"),
    _poly("quadrilateral", 4, "a quadrilateral", "quadrilateral(A, B, C, D)"),
    _poly("square", 4, "a square", "square(A, B, C, D)"),
    _poly("rectangle", 4, "a rectangle", "rectangle(A, B, C, D)"),
    _poly("rhombus", 4, "a rhombus", "rhombus(A, B, C, D)"),
    _poly("parallelogram", 4, "a parallelogram", "parallelogram(A, B, C, D)"),
    _poly("trapezoid", 4, "a trapezoid with AB parallel to DC", "trapezoid(A, B, C, D)"),
    _poly("kite", 4, "a kite with AB = AD and CB = CD", "kite(A, B, C, D)"),
    _poly("regular_polygon", None, "a regular polygon", "regular_polygon(A, B, C, D, E, F, G)"),
    _poly("pentagon", 5, "a pentagon", "pentagon(A, B, C, D, E)"),
    _poly("hexagon", 6, "a hexagon", "hexagon(A, B, C, D, E, F)"),
    _poly("octagon", 8, "an octagon", "octagon(A, B, C, D, E, F, G, H)"),
    # relations
    _rel("on", (P("p", "point"), P("target", "shape_or_line")), "p lies on a line, segment, ray, circle or arc",
         "on(D, segment(A, C))"),
    _rel("parallel", (P("l1", "line"), P("l2", "line")), "two lines are parallel",
         "parallel(line(A, B), line(C, D))"),
    _rel("perpendicular", (P("l1", "line"), P("l2", "line")), "two lines are perpendicular",
         "perpendicular(segment(A, B), segment(C, D))"),
    _rel("tangent", (P("l", "line_or_circle"), P("c", "circle")), "a line, or a circle, touches a circle",
         "tangent(line(A, B), circle(O))"),
    _rel("congruent", (P("s1", "shape"), P("s2", "shape")), "two shapes are congruent, vertices in order",
         "congruent(triangle(A, B, C), triangle(D, E, F))"),
    _rel("similar", (P("s1", "shape"), P("s2", "shape")), "two shapes are similar, vertices in order",
         "similar(triangle(A, B, C), triangle(D, E, F))"),
    _rel("midpoint", (P("p", "point"), P("s", "segment")), "p is the midpoint of s", "midpoint(M, segment(A, B))"),
    _rel("bisects", (P("l", "line"), P("a", "angle")), "l bisects the angle", "bisects(ray(B, D), angle(A, B, C))"),
    _rel("median", (P("s", "segment"), P("t", "polygon")), "s is a median of the triangle (or the midsegment "
         "of a trapezoid)", "median(segment(A, M), triangle(A, B, C))"),
    _rel("altitude", (P("s", "segment"), P("t", "polygon")), "s is an altitude of the triangle",
         "altitude(segment(A, D), triangle(A, B, C))"),
    _rel("perpendicular_bisector", (P("l", "line"), P("s", "segment")), "l is the perpendicular bisector of s",
         "perpendicular_bisector(line(M, N), segment(A, B))"),
    _rel("midsegment", (P("s", "segment"), P("t", "polygon")), "s joins the midpoints of two sides",
         "midsegment(segment(D, E), triangle(A, B, C))"),
    _rel("incenter", (P("p", "point"), P("t", "polygon")), "p is the incentre", "incenter(I, triangle(A, B, C))"),
    _rel("centroid", (P("p", "point"), P("t", "polygon")), "p is the centroid", "centroid(G, triangle(A, B, C))"),
    _rel("orthocenter", (P("p", "point"), P("t", "polygon")), "p is the orthocentre",
         "orthocenter(H, triangle(A, B, C))"),
    _rel("circumcenter", (P("p", "point"), P("t", "polygon")), "p is the circumcentre",
         "circumcenter(O, triangle(A, B, C))"),
    _rel("inscribed", (P("inner", "shape"), P("outer", "shape")), "inner is inscribed in outer",
         "inscribed(square(A, B, C, D), circle(O))"),
    _rel("circumscribed", (P("outer", "shape"), P("inner", "shape")), "outer is circumscribed about inner",
         "circumscribed(circle(O), triangle(A, B, C))"),
    _rel("chord", (P("s", "segment"), P("c", "circle")), "s is a chord of c", "chord(segment(A, B), circle(O))"),
    Func("diameter", "figure", "relation", ((P("s", "segment"), P("c", "circle")),), "relation",
         "s is a diameter of c", "diameter(segment(A, B), circle(O))"),
    Func("radius", "figure", "relation", ((P("s", "segment"), P("c", "circle")),), "relation",
         "s is a radius of c", "radius(segment(O, A), circle(O))"),
    _rel("intersect", (P("l1", "line"), P("l2", "line"), P("p", "point")), "l1 and l2 cross at p",
         "intersect(line(A, C), line(B, D), E)"),
    _rel("isosceles", (P("t", "polygon"),), "the triangle has two equal sides (the ones at its first vertex),"
         " or the trapezoid has equal legs", "isosceles(triangle(A, B, C))"),
    _rel("equilateral", (P("t", "polygon"),), "all sides are equal", "equilateral(triangle(A, B, C))"),
    _rel("right", (P("t", "polygon"),), "the triangle has a right angle", "right(triangle(A, B, C))"),
    _rel("right_angle", (P("a", "angle"),), "the angle is 90 degrees", "right_angle(angle(A, B, C))"),
    _rel("regular", (P("p", "polygon"),), "the polygon is regular", "regular(pentagon(A, B, C, D, E))"),
    _rel("center", (P("p", "point"), P("poly", "polygon")),
         "p is the centre of the polygon: where the diagonals of a parallelogram, rhombus, rectangle or square "
         "cross, else the point equidistant from every vertex (a regular polygon's centre)",
         "center(O, hexagon(A, B, C, D, E, F))"),
    Func("equal", "figure", "relation", ((V("items", "segment_or_arc"),),), "relation",
         "segments of equal length, or arcs of equal measure: the figure's tick marks, stated as they are drawn",
         "equal(segment(A, B), segment(C, D), segment(E, F))", min_args=2),
    Func("unlabeled", "figure", "relation", ((V("items", "labelled"),),), "relation",
         "draw no label for these: points that exist but carry no name in the image, lengths or angles stated "
         "only in the question (still facts, not printed)", "unlabeled(D, segment(A, B))", min_args=1),
    _rel("shade", (P("r", "region"),), "shade a region: a shape, or shapes combined with + and -",
         "shade(circle(O, 3) - square(A, B, C, D))"),
    # measures
    _measure("length", ((P("s", "segment"),), (P("a", "point"), P("b", "point")), (P("arc", "arc"),)), "length",
             "the length of a segment or an arc", "length(A, B) = 5"),
    _measure("measure", ((P("x", "angle_or_arc"),),), "degrees",
             "the measure of an angle or arc in degrees; an angle or arc alone means the same",
             "measure(arc(A, B)) = 98"),
    _measure("area", ((P("s", "region"),),), "area", "the area of a shape or region", "ask area(triangle(A, B, C))"),
    _measure("perimeter", ((P("s", "shape"),),), "length", "the perimeter", "ask perimeter(rectangle(A, B, C, D))"),
    _measure("circumference", ((P("c", "circle"),),), "length", "the circumference",
             "ask circumference(circle(O))"),
    Func("radius", "figure", "measure", ((P("c", "circle"),),), "length", "the radius of a circle",
         "radius(circle(O)) = 4"),
    Func("diameter", "figure", "measure", ((P("c", "circle"),),), "length", "the diameter of a circle",
         "ask diameter(circle(O))"),
    _measure("side", ((P("p", "polygon"),),), "length", "the side of a square, rhombus or regular polygon",
             "side(square(A, B, C, D)) = 9"),
    _measure("height", ((P("p", "polygon"),),), "length",
             "the height of a triangle from its first vertex, or of a trapezoid or parallelogram",
             "ask height(triangle(A, B, C))"),
    _measure("scale_factor", ((P("s1", "shape"), P("s2", "shape")),), "scalar",
             "the ratio of corresponding lengths of two similar shapes, s2 over s1",
             "ask scale_factor(triangle(A, B, C), triangle(D, E, F))"),
    _measure("shaded", ((),), "region", "the union of the shaded regions", "ask area(shaded())"),
    _measure("interior_angle", ((P("n", "number"),), (P("p", "polygon"),)), "degrees",
             "each interior angle of a regular polygon of n sides, (n - 2) * 180 / n; n may be unknown, or the "
             "polygon given", "interior_angle(n) = 140"),
    _measure("exterior_angle", ((P("n", "number"),), (P("p", "polygon"),)), "degrees",
             "each exterior angle of a regular polygon of n sides, 360 / n", "ask exterior_angle(8)"),
    _measure("angle_sum", ((P("n", "number"),), (P("p", "polygon"),)), "degrees",
             "the sum of the interior angles of a polygon of n sides, (n - 2) * 180",
             "ask angle_sum(hexagon(A, B, C, D, E, F))"),
    _measure("apothem", ((P("p", "polygon"),),), "length",
             "the distance from the centre of a regular polygon to each side, side / (2 tan(180° / n))",
             "ask apothem(regular_polygon(A, B, C, D, E, F))"),
)

MATH: tuple[Func, ...] = (
    Func("sqrt", "any", "math", ((P("x", "number"),),), "same", "square root", "sqrt(3)"),
    Func("sin", "any", "math", ((P("x", "number"),),), "scalar", "sine of an angle in degrees", "sin(angle(A))"),
    Func("cos", "any", "math", ((P("x", "number"),),), "scalar", "cosine of an angle in degrees", "cos(30°)"),
    Func("tan", "any", "math", ((P("x", "number"),),), "scalar", "tangent of an angle in degrees", "tan(angle(B))"),
    Func("abs", "any", "math", ((P("x", "number"),),), "same", "absolute value", "abs(x - 3)"),
    Func("sum", "figure", "math", ((V("terms", "number"),),), "same", "the sum of its arguments",
         "sum(circumference(circle(A)), circumference(circle(B))) = 42 pi"),
    Func("common", "figure", "math", ((V("terms", "number"),),), "same",
         "the one value its arguments share, asked on its own: answered only when each is fixed and all are equal",
         "ask common(length(A, B), length(B, C))", min_args=1),
    Func("ratio", "any", "math", ((P("a", "number"), P("b", "number")),), "scalar", "a divided by b",
         "ratio(length(A, B), length(C, D)) = 2"),
    Func("difference", "any", "math", ((P("a", "number"), P("b", "number")),), "same", "a minus b",
         "ask difference(value(\"A\", \"2020\"), value(\"A\", \"2019\"))"),
    Func("percent_change", "any", "math", ((P("old", "number"), P("new", "number")),), "percent",
         "the change from old to new as a percent of old",
         "ask percent_change(value(\"A\", \"2019\"), value(\"A\", \"2021\"))"),
)

CHART: tuple[Func, ...] = (
    _setting("title", (P("text", "string"),), "the chart title", "title(\"Annual figures\")"),
    _setting("canvas", (P("width", "int"), P("height", "int")), "canvas size in pixels", "canvas(640, 480)"),
    _setting("plot_box", (P("x0", "number"), P("y0", "number"), P("x1", "number"), P("y1", "number")),
             "the plot rectangle in pixels, origin top-left", "plot_box(80, 58, 576, 427)"),
    _setting("categories", (V("names", "string"),), "the category labels, in order",
             "categories(\"2019\", \"2020\", \"2021\")"),
    _setting("series", (P("name", "string"), P("values", "numbers", None), P("x", "numbers", None),
                        P("y", "numbers", None), P("color", "colour", None), P("colors", "colours", None),
                        P("marker", "string", None, MARKERS)),
             "a data series: values per category, or x and y lists for scatter; optional colour(s) and marker",
             "series(\"Revenue\", [12, 15.5, 9], color=\"#1f77b4\")", unique=False),
    _setting("value_axis", (P("lo", "number", None), P("hi", "number", None), P("ticks", "numbers", None),
                            P("labels", "strings", None), P("grid", "bool", None), P("log", "bool", False),
                            P("title", "string", None), *_FORMAT),
             "the value axis (y, or x for horizontal bars): range, ticks, tick labels, gridlines, log scale; "
             "tick text: format=\"thousands\" writes 12,500, \"percent\" writes 0.25 as 25%, decimals=N "
             "fixes the decimals, prefix=\"$\" and suffix=\" kg\" wrap each label",
             "value_axis(0, 100, ticks=[0, 50, 100], grid=true)"),
    _setting("category_axis", (P("lo", "number", None), P("hi", "number", None), P("labels", "strings", None),
                               P("grid", "bool", None), P("title", "string", None), P("rotation", "number", 0),
                               P("reverse", "bool", False)),
             "the category axis in data units (category i sits at i): the first category is at the left, or at "
             "the bottom of horizontal bars (matplotlib); reverse=true puts it at the right, or at the top "
             "(Vega-Lite's horizontal bars)", "category_axis(-0.5, 2.5)"),
    _setting("x_axis", (P("lo", "number", None), P("hi", "number", None), P("ticks", "numbers", None),
                        P("labels", "strings", None), P("grid", "bool", None), P("log", "bool", False),
                        P("title", "string", None), *_FORMAT),
             "the x axis of a scatter chart (format, decimals, prefix, suffix as value_axis)", "x_axis(0, 10)"),
    _setting("bar_width", (P("width", "number"),), "bar width in category units (default 0.6; grouped bars share 0.8)",
             "bar_width(0.6)"),
    _setting("legend", (P("show", "bool", True), P("position", "string", "best", LEGEND_POSITIONS),
                        P("frame", "bool", None)),
             "show the legend: inside the plot box at a position (\"top\" may be written for \"upper\", "
             "\"bottom\" for \"lower\"), or outside it (\"outside right\": right of the plot, top-aligned, "
             "Vega-Lite's place; \"outside upper\" above it, \"outside lower\" at the canvas bottom); "
             "frame=false draws no box around it",
             "legend(true, \"upper right\")"),
    _setting("value_labels", (P("show", "bool", True), P("decimals", "int", None)), "print values on the marks",
             "value_labels(true, 1)"),
    _setting("font_size", (P("size", "number"),), "base font size in points (1 point = 100/72 pixels: 10 "
             "points are about 14 pixels); tick labels, axis titles and the legend use it, the title 1.2 times it",
             "font_size(10)"),
    _setting("start_angle", (P("degrees", "number"),), "pie: angle of the first wedge's start, counter-clockwise "
             "from 3 o'clock (90 is 12 o'clock)", "start_angle(90)"),
    _setting("pie", (P("radius", "number", None), P("clockwise", "bool", False), P("labels", "bool", True)),
             "pie and donut: the radius in pixels (default 0.4 times the smaller side of the plot box; the pie is "
             "centred in the plot box), wedges running clockwise (Vega-Lite) instead of counter-clockwise "
             "(matplotlib), labels=false hides the category labels", "pie(radius=150, clockwise=true)"),
    _setting("theme", (P("name", "string", REQUIRED, THEMES),),
             "a preset look: colours, background, spines, ticks, grid, fonts, legend and default plot box of "
             "matplotlib's default, its ggplot, fivethirtyeight, seaborn (darkgrid), seaborn-whitegrid, bmh and "
             "classic styles, or Vega-Lite's default; settings written in the program override it",
             "theme(\"ggplot\")"),
    _setting("style", (P("background", "colour", None), P("plot_background", "colour", None),
                       P("spines", "string", None, SPINES), P("ticks", "string", None, TICK_DIRECTIONS),
                       P("grid_color", "colour", None), P("text_color", "colour", None),
                       P("marker_size", "number", None), P("title_size", "number", None),
                       P("axis_size", "number", None), P("legend_size", "number", None),
                       P("title_bold", "bool", None)),
             "the look in detail (over the theme): canvas and plot backgrounds, which axis lines are drawn "
             "(\"box\" all four, \"left_bottom\" ...), tick direction, grid and text colours, marker size in "
             "points, text sizes in points of the title, the axes (tick labels and titles) and the legend, a "
             "bold title", "style(background=\"#f0f0f0\", spines=\"left_bottom\", ticks=\"in\", title_bold=true)"),
    _setting("hole", (P("fraction", "number"),), "donut: hole radius as a fraction of the radius", "hole(0.4)"),
    _setting("line_width", (P("width", "number"),), "line width in points", "line_width(1.5)"),
    # selections
    _query("series", ((P("name", "string"),),), "selection", "the values of one series", "max(series(\"Revenue\"))"),
    _query("category", ((P("name", "string"),),), "selection", "the values of one category across series",
           "max(category(\"2020\"))"),
    _query("all", ((),), "selection", "every value of the chart", "ask count(all() > 10)"),
    _query("per_series", ((P("agg", "string", "sum", AGGREGATES),),), "selection",
           "one value per series, labelled by series: its total (\"sum\") or its mean, median, max, min or count "
           "over the categories; argmax(per_series()) is the series with the largest total",
           "argmax(per_series(\"sum\"))"),
    _query("per_category", ((P("agg", "string", "sum", AGGREGATES),),), "selection",
           "one value per category, labelled by category: the total across series (a stack's height) or their "
           "mean, median, max, min or count; argmax(per_category()) is the tallest stack",
           "argmax(per_category())"),
    _query("gap", ((P("a", "string"), P("b", "string"), P("absolute", "bool", False)),), "selection",
           "series a minus series b at each category, labelled by category; absolute=true takes the size of "
           "the difference", "argmax(gap(\"North\", \"South\", absolute=true))"),
    # queries
    _query("value", ((P("series", "string"), P("category", "string")),
                     (P("category", "string"),)), "number", "one value; the series may be left out when there "
           "is one", "value(\"Revenue\", \"2020\")"),
    _query("max", ((SEL,),), "number", "the largest value of a selection (all values when left out)",
           "max(\"Revenue\")"),
    _query("min", ((SEL,),), "number", "the smallest value", "min(category(\"2020\"))"),
    _query("argmax", ((SEL,),), "label", "the category (or series, across a category) of the largest value",
           "argmax(\"Revenue\")"),
    _query("argmin", ((SEL,),), "label", "the category (or series) of the smallest value", "argmin(\"Revenue\")"),
    _query("sum", ((SEL,),), "number", "the sum of a selection", "sum(\"Revenue\")"),
    _query("mean", ((SEL,),), "number", "the mean of a selection", "mean(\"Revenue\")"),
    _query("median", ((SEL,),), "number", "the median of a selection", "median(\"Revenue\")"),
    _query("count", ((P("where", "mask_or_selection", None),),), "int",
           "how many values of a selection, or how many satisfy a comparison", "count(\"Revenue\" > 10)"),
    _query("sort", ((SEL, P("order", "string", "desc")),), "labels",
           "the labels of a selection sorted by value, \"desc\" or \"asc\"", "sort(\"Revenue\", \"asc\")"),
    _query("rank", ((P("of", "selection"), P("label", "string"), P("order", "string", "desc")),), "int",
           "the rank of one label within a selection, 1 for the largest (\"asc\": 1 for the smallest)",
           "rank(\"Revenue\", \"2020\")"),
    _query("share", ((P("of", "selection"), P("label", "string")), (P("label", "string"),)), "percent",
           "one label's value as a percent of the sum of a selection; share(\"L\") alone: a category's (or "
           "a series') total as a percent of every value of the chart, a pie wedge's percent",
           "share(\"Revenue\", \"2020\")"),
)

CHART_KINDS: dict[str, str] = {
    "bar": "vertical bars, one series",
    "hbar": "horizontal bars, one series",
    "grouped_bar": "bars side by side, one group per category",
    "stacked_bar": "bars stacked in series order",
    "stacked_hbar": "horizontal bars stacked in series order",
    "line": "lines joining the category centres, optional markers",
    "area": "filled areas under lines, stacked in series order",
    "scatter": "points at x, y",
    "pie": "wedges of one series",
    "donut": "a pie with a hole",
}

CONSTANTS = {"pi": "the number pi", "true": "boolean true", "false": "boolean false"}

# Length units a figure may write right after a number, as diagrams print them: `12 ft`, `5.5 cm`, an
# area `48 ft^2`. Name -> (the unit, metres per unit); "units" is a length of no stated size, which
# converts to no other. A figure's lengths are answered in the first unit it writes (areas in its square).
_METRES = {"mm": Fraction(1, 1000), "cm": Fraction(1, 100), "m": Fraction(1), "km": Fraction(1000),
           "in": Fraction(127, 5000), "ft": Fraction(381, 1250), "yd": Fraction(1143, 1250),
           "mi": Fraction(201168, 125)}
_UNIT_WORDS = {"mm": ("millimeter", "millimeters", "millimetre", "millimetres"),
               "cm": ("centimeter", "centimeters", "centimetre", "centimetres"),
               "m": ("meter", "meters", "metre", "metres"),
               "km": ("kilometer", "kilometers", "kilometre", "kilometres"),
               "in": ("inch", "inches"), "ft": ("foot", "feet"), "yd": ("yard", "yards"), "mi": ("mile", "miles"),
               "units": ("unit",)}
LENGTH_UNITS: dict[str, tuple[str, Fraction | None]] = {
    **{u: (u, f) for u, f in _METRES.items()}, "units": ("units", None),
    **{w: (u, _METRES.get(u)) for u, words in _UNIT_WORDS.items() for w in words},
}

# What a program means beyond its calls: stated once here, printed in the reference and the prompt.
CONVENTIONS: tuple[tuple[str, str], ...] = (
    ("figure", "`let t = triangle(A, B, C)` draws the shape and names it; do not repeat `t` on a line of its own "
               "(a bare name does nothing, E021): use `t` in a relation, an equation or an `ask`"),
    ("figure", "`arc(A, B)` lies on the circle that both A and B are stated to be on (`on(A, circle(O))`, "
               "`circle_through`); with no such circle, the one circle either end is on, or "
               "the figure's only circle. It is the minor arc unless a via point or `major_arc` says otherwise"),
    ("figure", "answers are exact when they can be (`12/5`, `4 sqrt(3)`, `60`); an angle that is not a special "
               "angle comes back as a decimal number of degrees, such as 29.5377"),
    ("figure", "a length may carry its unit right after the number, as the diagram prints it: `12 ft`, `5.5 cm`, "
               "an area `48 ft^2`; units: " + ", ".join(sorted({u for u, _ in LENGTH_UNITS.values()})) + " (also "
               "written in full: feet, inches, meters, ...). Other units convert exactly to the first one written, "
               "and answers are in it (areas in its square); `units` (a length of no stated size) converts to "
               "no other. An angle is `30°`, `30 deg` or `30 degrees`"),
    ("figure", "coordinates are y-up. Positions read from an image are a sketch: write them with `~` "
               "(`point A ~ (12, 40)`), state every length and angle printed in the image, and the solver fits "
               "the sketch to them; `=` states exact coordinates given by the problem. An answer the statements "
               "leave free is only measured from the sketch, with a warning (E041)"),
    ("figure", "statements that cannot all hold give one E042 naming all of them; correct or delete one"),
    ("chart", "pixels: `canvas` and `plot_box` are in pixels with the origin at the top left; text sizes "
              "(`font_size`, `style(title_size=...)`) and line widths are in points, 1 point = 100/72 pixels "
              "(10 points are about 14 pixels); a pie's `plot_box` is the box the pie is centred in, with radius "
              "0.4 times its smaller side unless `pie(radius=R)` gives R in pixels"),
    ("chart", "category i sits at i on the category axis: the first category is at the left, or at the bottom "
              "of horizontal bars as matplotlib draws them; `category_axis(reverse=true)` puts it at the right or "
              "at the top (Vega-Lite's horizontal bars). So list horizontal bars top to bottom as you read them "
              "and add `category_axis(reverse=true)`: the drawing is the same and the table keeps your order. "
              "Pies run counter-clockwise from `start_angle` (3 o'clock by default); `pie(clockwise=true)` with "
              "`start_angle(90)` is Vega-Lite's order"),
    ("chart", "a `theme` sets the look of a library's style; `style`, `legend(frame=...)`, `font_size` and the "
              "series' colours written in the program override it. Without a theme the look is matplotlib's"),
    ("chart", "percent answers (`share`, `percent_change`) print as a percent: `25%`, or `81.0761% (= 43700/539 "
              "percent)` when the exact value has no short decimal"),
)

ALL: tuple[Func, ...] = GEOMETRY + MATH + CHART


def lookup(name: str, domain: str) -> list[Func]:
    """The records named ``name`` usable in a figure or a chart.

    >>> [f.role for f in lookup("diameter", "figure")]
    ['relation', 'measure']
    """
    return list(_index().get((name, domain), ()))


@functools.lru_cache(maxsize=1)
def _index() -> dict[tuple[str, str], tuple[Func, ...]]:
    """Records by (name, domain), built once: the checker looks up every call."""
    out: dict[tuple[str, str], list[Func]] = {}
    for f in ALL:
        for domain in (("figure", "chart") if f.domain == "any" else (f.domain,)):
            out.setdefault((f.name, domain), []).append(f)
    return {k: tuple(v) for k, v in out.items()}


def names(domain: str) -> list[str]:
    return sorted({f.name for f in ALL if f.domain in (domain, "any")})
