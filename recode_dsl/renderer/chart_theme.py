"""Chart themes: the preset looks a program names with ``theme("...")``, and the look of one chart
(its theme with the program's ``style(...)``, ``legend(frame=...)`` and ``pie(...)`` over it).

The values are those of the libraries' own style sheets: matplotlib's defaults (rcParams of
matplotlib 3), its ``ggplot``, ``fivethirtyeight``, ``seaborn`` (v0.8 darkgrid in the notebook
context) and ``classic`` style files, and Vega-Lite's default config. Sizes are in points
(matplotlib's, 1/72 inch at 100 dpi), colours "#rrggbb".
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from recode_dsl import colours
from recode_dsl import scene as s


@dataclass(frozen=True, slots=True)
class Theme:
    """A resolved look; every size in points."""

    cycle: tuple[str, ...] = colours.DEFAULT_CYCLE
    background: str = "#ffffff"
    plot_background: str = "#ffffff"
    spines: str = "box"  # which axis lines: box, left_bottom, bottom, left, none
    spine_colour: str = "#000000"
    spine_width: float = 0.8
    ticks: str = "out"  # out, in, none
    tick_colour: str = "#000000"
    tick_length: float = 3.5
    grid: str = "none"  # gridlines when the program says nothing: none, value (the value axis), both
    grid_colour: str = "#b0b0b0"
    grid_width: float = 0.8
    grid_dash: tuple[float, ...] = ()
    text_colour: str = "#000000"
    title_colour: str = "#000000"
    font: float = 10.0  # tick labels and axis titles
    title_size: float = 12.0
    legend_size: float = 10.0
    title_bold: bool = False
    axis_title_bold: bool = False
    legend_frame: bool = True
    legend_edge: str = "#cccccc"
    legend_position: str = "best"
    line_width: float = 1.5
    marker_size: float = 6.0
    clockwise: bool = False
    start_angle: float = 0.0
    pie_labels: bool = True
    band_axis: bool = False  # category i fills [i - 0.5, i + 0.5] with no margins (Vega-Lite's band scale)
    bar_width: float | None = None  # a single series' bar width when the program gives none
    nice: bool = False  # value axes without margins, ending on round ticks
    zero: bool = False  # value axes include zero
    subplot: tuple[int, int, int, int] | None = None  # the default plot box in per mille (left, 1 - top, right,
    # 1 - bottom) when the style sheet moves it


MATPLOTLIB = Theme()

THEMES: dict[str, Theme] = {
    "matplotlib": MATPLOTLIB,
    "ggplot": Theme(cycle=("#e24a33", "#348abd", "#988ed5", "#777777", "#fbc15e", "#8eba42", "#ffb5b8"),
                    plot_background="#e5e5e5", spines="none", spine_colour="#ffffff", spine_width=1.0,
                    tick_colour="#555555", grid="both", grid_colour="#ffffff", text_colour="#555555",
                    title_size=14.4, legend_size=10.0),
    "fivethirtyeight": Theme(cycle=("#008fd5", "#fc4f30", "#e5ae38", "#6d904f", "#8b8b8b", "#810f7c"),
                             background="#f0f0f0", plot_background="#f0f0f0", spines="none",
                             spine_colour="#f0f0f0", ticks="none", tick_length=0.0, grid="both",
                             grid_colour="#cbcbcb", grid_width=1.0, font=14.0, title_size=20.16, legend_size=14.0,
                             line_width=4.0, legend_edge="#cccccc", subplot=(80, 120, 950, 930)),
    "seaborn": Theme(cycle=("#4c72b0", "#55a868", "#c44e52", "#8172b2", "#ccb974", "#64b5cd"),
                     plot_background="#eaeaf2", spines="none", spine_colour="#ffffff", ticks="none", tick_length=0.0,
                     tick_colour="#262626", grid="both", grid_colour="#ffffff", grid_width=1.0,
                     text_colour="#262626", title_colour="#262626", font=10.0, title_size=12.0, legend_size=10.0,
                     legend_frame=False, line_width=1.75, marker_size=7.0),
    "classic": Theme(cycle=("#0000ff", "#008000", "#ff0000", "#00bfbf", "#bf00bf", "#bfbf00", "#000000"),
                     spine_width=1.0, ticks="in", tick_length=4.0, grid_colour="#000000", grid_width=0.5,
                     grid_dash=(1.0, 3.0), font=12.0, title_size=14.4, legend_size=14.4, legend_edge="#000000",
                     line_width=1.0, subplot=(125, 100, 900, 900)),
    "bmh": Theme(cycle=("#348abd", "#a60628", "#7a68a6", "#467821", "#d55e00", "#cc79a7", "#56b4e9", "#009e73",
                        "#f0e442", "#0072b2"),
                 plot_background="#eeeeee", spine_colour="#bcbcbc", ticks="in", grid="both", grid_colour="#b2b2b2",
                 grid_width=0.5, grid_dash=(1.85, 0.8), title_size=14.4, line_width=2.0),
    "seaborn-whitegrid": Theme(spine_colour="#cccccc", spine_width=1.0, ticks="none", tick_length=0.0,
                               tick_colour="#262626", grid="both", grid_colour="#cccccc", text_colour="#262626",
                               title_colour="#262626", legend_frame=False),
    "vega-lite": Theme(cycle=("#4c78a8", "#f58518", "#e45756", "#72b7b2", "#54a24b", "#eeca3b", "#b279a2",
                              "#ff9da6", "#9d755d", "#bab0ac"),
                       spines="left_bottom", spine_colour="#888888", spine_width=0.72, tick_colour="#888888",
                       tick_length=3.6, grid="value", grid_colour="#dddddd", grid_width=0.72, font=7.2,
                       title_size=9.36, legend_size=7.2, title_bold=True, axis_title_bold=True, legend_frame=False,
                       legend_position="outside right", line_width=1.44, marker_size=4.0, clockwise=True,
                       start_angle=90.0, band_axis=True, bar_width=0.9, nice=True, zero=True),
}


def look(chart: s.Chart) -> Theme:
    """The chart's theme with the program's own style settings over it."""
    lk = chart.look
    t = THEMES.get(lk.theme, MATPLOTLIB)
    over: dict[str, object] = {}
    for name, field in (("background", "background"), ("plot_background", "plot_background"),
                        ("grid_color", "grid_colour"), ("text_color", "text_colour")):
        value = getattr(lk, name)
        if value is not None:
            over[field] = colours.normalise(value) or value
    if lk.text_color is not None:
        over["tick_colour"] = over["title_colour"] = over["text_colour"]
    if lk.spines is not None:
        over["spines"] = lk.spines
        if t.spine_colour in (t.plot_background, t.background) and lk.spines != "none":
            over["spine_colour"] = t.text_colour  # a theme's invisible spines become visible when asked for
    if lk.ticks is not None:
        over["ticks"] = lk.ticks
        if lk.ticks != "none" and t.tick_length == 0:
            over["tick_length"] = MATPLOTLIB.tick_length
    for name, field in (("marker_size", "marker_size"), ("title_size", "title_size"),
                        ("axis_size", "font"), ("legend_size", "legend_size")):
        value = getattr(lk, name)
        if value is not None:
            over[field] = _f(value)
    if lk.title_bold is not None:
        over["title_bold"] = lk.title_bold
    if lk.legend_frame is not None:
        over["legend_frame"] = lk.legend_frame
    if lk.clockwise:
        over["clockwise"] = True
    if not lk.pie_labels:
        over["pie_labels"] = False
    if chart.font_size is not None:  # font_size sets every text; the title keeps its ratio to it
        base = _f(chart.font_size)
        ratio = t.title_size / t.font
        over.setdefault("font", base)
        over.setdefault("legend_size", base)
        over.setdefault("title_size", ratio * base if lk.title_size is None else over["title_size"])
    if chart.line_width is not None:
        over["line_width"] = _f(chart.line_width)
    return replace(t, **over)  # type: ignore[arg-type]


def _f(v: object) -> float:
    """An exact size as a float (the checker has bounded it)."""
    return float(v)  # type: ignore[arg-type]


COLOUR_FIELDS = ("background", "plot_background", "spine_colour", "tick_colour", "grid_colour", "text_colour",
                 "title_colour", "legend_edge")


def swap_red_blue(t: Theme) -> Theme:
    """The theme with red and blue exchanged in every colour (for painting straight into RGBA memory)."""
    def sw(c: str) -> str:
        return f"#{c[5:7]}{c[3:5]}{c[1:3]}"

    over: dict[str, object] = {name: sw(getattr(t, name)) for name in COLOUR_FIELDS}
    return replace(t, cycle=tuple(sw(c) for c in t.cycle), **over)  # type: ignore[arg-type]
