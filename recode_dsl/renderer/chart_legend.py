"""Chart legend: its entries, its box, and where it goes ("best" picks the spot that hides least).

Sizes are matplotlib's, in units of the legend font size: border pad 0.4, label spacing 0.5,
handles 2.0 by 0.7, handle-text pad 0.8, 0.5 from the plot box edge. "best" tries matplotlib's
locations in its order and keeps the first that covers the fewest mark vertices, bars and
line segments.
"""

from __future__ import annotations

from dataclasses import dataclass

from recode_dsl import messages
from recode_dsl import scene as s
from recode_dsl.renderer import chart_text as tx
from recode_dsl.renderer.chart_data import PIES, fail
from recode_dsl.renderer.chart_layout import Box, Frame
from recode_dsl.renderer.chart_marks import Dot, Mark, Path, Rect, Wedge
from recode_dsl.renderer.chart_text import RGB

OUTSIDE = ("outside right", "outside upper", "outside lower")
LOCATIONS = ("upper right", "upper left", "lower left", "lower right", "right", "center left", "center right",
             "lower center", "upper center", "center")
BORDER_PAD, LABEL_SPACING, HANDLE_LENGTH, HANDLE_HEIGHT, HANDLE_PAD, AXES_PAD = 0.4, 0.5, 2.0, 0.7, 0.8, 0.5


@dataclass(frozen=True, slots=True)
class Entry:
    """One legend row: a patch (bars, areas, wedges) or a line handle with an optional marker."""

    label: str
    colour: RGB
    line: bool
    marker: str = ""


@dataclass(frozen=True, slots=True)
class Legend:
    box: Box
    entries: tuple[Entry, ...]
    texts: tuple[tx.Text, ...]
    handles: tuple[Box, ...]  # the handle area of each row
    size: float


def shown(chart: s.Chart) -> bool:
    """A legend by default when there are several series (never by default on a pie: it has labels)."""
    if chart.legend is not None:
        return chart.legend
    return chart.kind not in PIES and len(chart.series) > 1


def entries(chart: s.Chart, frame: Frame) -> tuple[Entry, ...]:
    if chart.kind in PIES:
        x = frame.series[0]
        return tuple(Entry(c, x.colours[i], False) for i, c in enumerate(frame.categories))
    if chart.kind == "scatter":
        return tuple(Entry(x.name, x.colour, False, x.marker or "o") for x in frame.series)
    line = chart.kind == "line"
    return tuple(Entry(x.name, x.colour, line, x.marker if line else "") for x in frame.series)


def legend(chart: s.Chart, frame: Frame, drawn: tuple[Mark, ...], beside: tuple[tx.Text, ...] = ()) -> Legend | None:
    """The placed legend, or None when it is not shown; a pie's goes right of the pie and ``beside`` when it fits."""
    if not shown(chart):
        return None
    rows = entries(chart, frame)
    if not rows:
        return None
    size = frame.style.legend_font
    a, d = tx.line_metrics(size)
    row_h = max(a + d, HANDLE_HEIGHT * size)
    text_w = max(tx.advance(e.label, size) for e in rows)
    w = (2 * BORDER_PAD + HANDLE_LENGTH + HANDLE_PAD) * size + text_w
    h = 2 * BORDER_PAD * size + len(rows) * row_h + (len(rows) - 1) * LABEL_SPACING * size
    where = position(chart.legend_position)
    if where == "best" and chart.legend_position == "best" and frame.style.theme.legend_position != "best":
        where = frame.style.theme.legend_position  # the theme's place when the program names none
    if where not in LOCATIONS and where != "best" and where not in OUTSIDE:
        raise fail("E063", messages.cannot_draw("the legend", f"unknown position {where!r}"),
                   hint=f"one of: best, {', '.join(LOCATIONS)}")
    outside = _right_of_pie(frame, w, h, size, beside) if chart.kind in PIES and where == "best" else None
    if where in OUTSIDE:
        x0, y0 = outside_anchor(frame, w, h, size, where)
    elif outside is not None:
        x0, y0 = outside
    else:
        x0, y0 = _anchor(frame.box, w, h, size, _best(frame.box, w, h, size, drawn) if where == "best" else where)
    texts, handles = [], []
    for i, e in enumerate(rows):
        top = y0 + BORDER_PAD * size + i * (row_h + LABEL_SPACING * size)
        hx = x0 + BORDER_PAD * size
        mid = top + row_h / 2
        handles.append((hx, mid - HANDLE_HEIGHT * size / 2, hx + HANDLE_LENGTH * size, mid + HANDLE_HEIGHT * size / 2))
        texts.append(tx.place(e.label, hx + (HANDLE_LENGTH + HANDLE_PAD) * size, mid, size, "left", "center",
                              colour=frame.style.text))
    return Legend((x0, y0, x0 + w, y0 + h), rows, tuple(texts), tuple(handles), size)


def position(text: str) -> str:
    """A legend position in matplotlib's words: "top right" and "upper right" are the same place."""
    words = text.strip().lower().replace("top", "upper").replace("bottom", "lower").replace("centre", "center")
    return " ".join(words.split()) or "best"


def outside_anchor(frame: Frame, w: float, h: float, size: float, where: str) -> tuple[float, float]:
    """Top-left corner of a legend outside the plot box: right of it and top-aligned, centred above
    it (under the title), or centred at the bottom of the canvas."""
    x0, y0, x1, _ = frame.box
    if frame.kind in PIES:  # the pie itself, not the square of +-1.25 radii around it
        cx, cy, r = frame.x.scale(0.0), frame.y.scale(0.0), frame.x.scale(1.0) - frame.x.scale(0.0)
        x0, y0, x1 = cx - r, cy - r, cx + r
    pad = AXES_PAD * size
    if where == "outside right":
        return min(x1 + pad, frame.width - w - 1), max(1.0, y0)
    if where == "outside upper":
        return (x0 + x1 - w) / 2, max(1.0, y0 - pad - h)
    return (x0 + x1 - w) / 2, frame.height - h - 2


def width(chart: s.Chart, frame: Frame) -> float:
    """The width of the chart's legend box, in pixels (0 when none is shown)."""
    if not shown(chart):
        return 0.0
    rows = entries(chart, frame)
    if not rows:
        return 0.0
    size = frame.style.legend_font
    return (2 * BORDER_PAD + HANDLE_LENGTH + HANDLE_PAD) * size + max(tx.advance(e.label, size) for e in rows)


def _right_of_pie(frame: Frame, w: float, h: float, size: float,
                  beside: tuple[tx.Text, ...]) -> tuple[float, float] | None:
    """Right of the pie and its labels, centred vertically, when the canvas has room."""
    right = max([frame.box[2], *(t.bbox()[2] for t in beside)]) + AXES_PAD * size
    if right + w > frame.width - 2:
        return None
    return right, (frame.box[1] + frame.box[3] - h) / 2


def _anchor(box: Box, w: float, h: float, size: float, where: str) -> tuple[float, float]:
    pad = AXES_PAD * size
    x0, y0, x1, y1 = box
    horiz = "left" if "left" in where else "right" if "right" in where else "center"
    vert = "upper" if "upper" in where else "lower" if "lower" in where else "center"
    x = {"left": x0 + pad, "right": x1 - pad - w, "center": (x0 + x1 - w) / 2}[horiz]
    y = {"upper": y0 + pad, "lower": y1 - pad - h, "center": (y0 + y1 - h) / 2}[vert]
    return x, y


def _best(box: Box, w: float, h: float, size: float, drawn: tuple[Mark, ...]) -> str:
    scores = []
    for where in LOCATIONS:
        x, y = _anchor(box, w, h, size, where)
        scores.append(_badness((x, y, x + w, y + h), drawn))
    return LOCATIONS[scores.index(min(scores))]


def _badness(lb: Box, drawn: tuple[Mark, ...]) -> int:
    bad = 0
    for m in drawn:
        if isinstance(m, Rect):
            bad += _overlaps(lb, (m.x0, m.y0, m.x1, m.y1))
        elif isinstance(m, Dot):
            bad += _inside(lb, m.x, m.y)
        elif isinstance(m, Wedge):
            bad += _overlaps(lb, (m.cx - m.r, m.cy - m.r, m.cx + m.r, m.cy + m.r))
        elif isinstance(m, Path):
            pts = m.points
            bad += sum(_inside(lb, px, py) for px, py in pts)
            edges = zip(pts, pts[1:] + (pts[:1] if m.fill else ()))
            bad += sum(_crosses(lb, p, q) for p, q in edges)
    return bad


def _inside(b: Box, x: float, y: float) -> int:
    return int(b[0] <= x <= b[2] and b[1] <= y <= b[3])


def _overlaps(a: Box, b: Box) -> int:
    return int(a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3])


def _crosses(b: Box, p: tuple[float, float], q: tuple[float, float]) -> int:
    """Whether segment p-q meets box b (Liang-Barsky clipping)."""
    t0, t1 = 0.0, 1.0
    dx, dy = q[0] - p[0], q[1] - p[1]
    for den, num in ((-dx, p[0] - b[0]), (dx, b[2] - p[0]), (-dy, p[1] - b[1]), (dy, b[3] - p[1])):
        if den == 0:
            if num < 0:
                return 0
            continue
        t = num / den
        if den < 0:
            t0 = max(t0, t)
        else:
            t1 = min(t1, t)
        if t0 > t1:
            return 0
    return 1
