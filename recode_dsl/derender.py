"""Offline derendering of chart images: image -> facts -> program -> verify -> answers (issue 12).

No model is needed: the perception layer reads the chart's kind, texts, axes and marks
(``perception.chart.read_chart``); the proposer writes them as a program (``propose``),
which is compiled, verified against the image (``fit.verify``) and asked the questions:

    derender_image(path, asks=("argmax(\\"Revenue\\")",)) -> Derendered
    derender_batch(paths, out_dir, jobs=2) -> summary rows (also out_dir/summary.jsonl)

Text that cannot be read becomes a placeholder such as ``"[unreadable 3]"`` with a warning,
never an invented label. ``score_table``/``score_dir`` score derendered tables against chart
specs with the definitions of the chart benchmark (median relative error, within 1% and 5%,
RNSS, labels read exactly).
"""

from __future__ import annotations

import json
import math
import os
import re
import statistics
import time
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
from numpy.typing import NDArray

from recode_dsl import messages
from recode_dsl.errors import WHOLE_INPUT, Diagnostic, Span

if TYPE_CHECKING:
    from recode_dsl.pipeline import CompileResult

PLACEHOLDER = "[unreadable {}]"
SUMMARY = "summary.jsonl"


@dataclass
class Derendered:
    """The outcome for one image: the program, whether it verifies, its answers and table."""

    image: str
    program: str = ""
    kind: str = ""
    verified: bool = False
    verdict: dict[str, Any] | None = None
    diagnostics: list[dict[str, Any]] = field(default_factory=list)
    answers: list[dict[str, Any]] = field(default_factory=list)
    table: dict[str, Any] | None = None
    warnings: list[str] = field(default_factory=list)
    error: str | None = None
    seconds: float = 0.0
    cpu_seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return self.error is None and bool(self.program)

    def summary(self) -> dict[str, Any]:
        return {"image": self.image, "kind": self.kind, "ok": self.ok, "verified": self.verified,
                "error": self.error, "warnings": self.warnings, "answers": self.answers,
                "seconds": round(self.seconds, 3), "cpu_seconds": round(self.cpu_seconds, 3)}


# -- the proposer -------------------------------------------------------------------------------


def _hex(c: Sequence[float]) -> str:
    r, g, b = (int(round(min(1.0, max(0.0, float(v))) * 255)) for v in c[:3])
    return f"#{r:02x}{g:02x}{b:02x}"


STEPS = (1, 5, 2.5, 2)  # in each decade, the simplest steps first: 10, 5, 2.5 (quarters), 2
MEASURE_PX = 0.1  # how far a measured mark may be from where the value puts it (edges are measured to sub-pixel
# coverage: a coarser tolerance made simpler numbers that lost what the pixels showed; dev seeds 12, 31)
EDGE_PX = 0.35  # ... and the plot box's edges (axis ranges) and a pie's angles, to a third of a pixel


def round_value(v: float, per_pixel: float, tolerance_px: float = MEASURE_PX) -> Decimal:
    """The simplest number within ``tolerance_px`` pixels of a measured value, as an exact decimal:
    a multiple of the coarsest step (10^k, then 5, 2.5 and 2 times 10^(k-1)) that has one there.

    >>> round_value(20145.62, 67.0), round_value(21.2391, 0.068), round_value(3.1391, 0.02)
    (Decimal('20150'), Decimal('21.24'), Decimal('3.14'))
    >>> round_value(-0.004, 0.1), round_value(9.998, 0.068)
    (Decimal('0'), Decimal('10'))
    """
    x = Decimal(repr(float(v)))
    tol = Decimal(repr(float(max(per_pixel * tolerance_px, 1e-12))))
    k = int(math.floor(math.log10(max(abs(float(v)), float(tol), 1e-12)))) + 1
    for exp in range(k, k - 16, -1):
        for mult in STEPS:
            step = Decimal(repr(mult)) * (Decimal(10) ** exp) / (1 if mult == 1 else 10)
            q = (x / step).to_integral_value() * step
            if abs(q - x) <= tol:
                q = q.normalize()
                return Decimal(0) if q == 0 else (q.quantize(Decimal(1)) if q == q.to_integral_value() else q)
    return x


SNAP_PX = 0.8  # a value measured this close (pixels) to a multiple of the chart's step is that multiple
CHANCE = 0.01  # a step is taken when all values landing near its multiples by chance is this unlikely
# ... or nearly all: a bar or a stack's segment read a pixel off (an edge line, a seam) does not
# keep the others from their step; it is snapped to the nearest multiple too
HIT_SHARE = 0.8
MIN_HITS = 4
OUTLIER_PX = 2.0  # and then every value is within this many pixels of a multiple


def common_step(values: Sequence[float], per_pixel: float, tolerance_px: float = SNAP_PX) -> Decimal | None:
    """The precision the chart's values are written in, when the pixels show it: the coarsest
    step (10^k, then 5 and 2 times 10^(k-1), down to 10^-3) whose multiples every measured value
    (or at least HIT_SHARE of them, MIN_HITS or more, the others within OUTLIER_PX) lies within
    ``tolerance_px`` of, provided that so many landing so near by chance is unlikely (the
    binomial tail with ``p = 2 * tolerance / step``, the step in pixels, at most CHANCE). None
    when no step qualifies: the steps are too fine for the pixels, or the values are not so
    written.

    >>> common_step([3.04, 24.1, 21.9, 33.0, 41.9], 0.17)
    Decimal('1')
    >>> common_step([119.75, 134.75, 149.75, 159.75, 100.0, 139.75], 0.54)
    Decimal('5')
    >>> common_step([20.3, 80.5, 81.9, 59.5], 0.33) is None
    True
    >>> common_step([12.1, 40.2], 0.01) is None  # two values on a step of 10 px could be chance
    True
    >>> common_step([44.02, 22.05, 16.08, 18.01, 23.0, 6.03, 3.97, 12.02, 30.0, 9.98], 0.05)  # one 1.6 px off
    Decimal('1')
    """
    vals = [float(v) for v in values if v is not None and math.isfinite(float(v))]
    if not vals or per_pixel <= 0:
        return None
    tol = tolerance_px * per_pixel
    top = int(math.floor(math.log10(max(max(abs(v) for v in vals), 1e-12))))
    for k in range(top, -4, -1):
        for mult in (10, 5, 2):  # 10^k, then 5 and 2 times 10^(k-1): the coarsest first
            step = mult * 10.0 ** (k - 1)
            step_px = step / per_pixel
            if step_px < 2.0 * tolerance_px:
                return None  # finer steps are all within the pixels' blur
            off = [abs(v - round(v / step) * step) for v in vals]
            hits = sum(o <= tol for o in off)
            if hits < len(vals) and (hits < MIN_HITS or hits < HIT_SHARE * len(vals)
                                     or max(off) > OUTLIER_PX * per_pixel):
                continue
            if _chance(len(vals), hits, 2.0 * tolerance_px / step_px) <= CHANCE:
                return Decimal(mult).scaleb(k - 1).normalize()
    return None


def _chance(n: int, k: int, p: float) -> float:
    """The chance that ``k`` or more of ``n`` values land within reach of a step's multiples by
    chance, each with probability ``p`` (the binomial tail).

    >>> round(_chance(5, 5, 0.2), 5), round(_chance(10, 9, 0.2), 7)
    (0.00032, 4.2e-06)
    """
    p = min(1.0, max(0.0, p))
    return sum(math.comb(n, j) * p ** j * (1.0 - p) ** (n - j) for j in range(k, n + 1))


def as_printed(v: float | None) -> Decimal:
    """A value read from a label printed on the chart, as the exact decimal it prints (no exponent).

    >>> as_printed(40.0), as_printed(22.1), as_printed(0.5)
    (Decimal('40'), Decimal('22.1'), Decimal('0.5'))
    """
    d = Decimal(repr(float(v or 0.0))).normalize()
    return d.quantize(Decimal(1)) if d == d.to_integral_value() else d


def snap(v: float, step: Decimal) -> Decimal:
    """``v`` as the nearest multiple of ``step``, exact.

    >>> snap(23.62, Decimal(1)), snap(0.0041, Decimal("0.1")), snap(1249.7, Decimal(10))
    (Decimal('24'), Decimal('0'), Decimal('1250'))
    """
    q = (Decimal(repr(float(v))) / step).to_integral_value() * step
    if q == 0:
        return Decimal(0)
    return q.quantize(Decimal(1)) if step >= 1 else q.quantize(step)


def _stacked_values(facts: Any, per_px: float) -> list[list[Decimal | None]] | None:
    """A stacked chart's values from its stacks' boundaries: each boundary is measured to half a
    pixel (a segment's value, the rise between two, to a pixel), so the boundaries snap to the
    chart's precision and the values are the rises between the snapped boundaries. Series are in
    stack order from the base. Stacks with a negative or printed value are left to the values
    one by one (None there); None when the boundaries share no precision.

    >>> from types import SimpleNamespace as NS
    >>> f = NS(series=[NS(values=(10.05, 46.04), printed=()), NS(values=(27.89, 43.89), printed=())])
    >>> _stacked_values(f, 0.1)  # boundaries 10.05, 37.94, 46.04, 89.93: each within a pixel of a whole
    [[Decimal('10'), Decimal('46')], [Decimal('28'), Decimal('44')]]
    """
    n_cat = max((len(sf.values) for sf in facts.series), default=0)
    ups: list[list[float]] = []
    for k in range(n_cat):
        vals = [float(sf.values[k] or 0.0) if k < len(sf.values) else 0.0 for sf in facts.series]
        printed = any(k < len(sf.printed) and sf.printed[k] for sf in facts.series)
        ups.append([] if printed or any(v < 0 for v in vals) else list(np.cumsum(vals)))
    bounds = [b for u in ups for b in u]
    step = common_step(bounds, per_px) if bounds else None
    if step is None:
        return None
    out: list[list[Decimal | None]] = [[None] * n_cat for _ in facts.series]
    for k, u in enumerate(ups):
        before = Decimal(0)
        for j, b in enumerate(u):
            at = snap(b, step)
            out[j][k] = at - before
            before = at
    return out


def _printed_step(facts: Any) -> Decimal | None:
    """The finest step of the values printed on the chart (1 for whole numbers, 0.1 for one
    decimal), or None when none is printed.

    >>> from types import SimpleNamespace as NS
    >>> _printed_step(NS(series=[NS(values=(31.0, 38.04, 26.5), printed=(True, False, True))]))
    Decimal('0.1')
    """
    shown = [float(v) for sf in facts.series for k, v in enumerate(sf.values)
             if k < len(sf.printed) and sf.printed[k] and v is not None]
    if not shown:
        return None
    places = max(max(0, -Decimal(repr(v)).normalize().as_tuple().exponent) for v in shown)  # type: ignore[operator]
    return Decimal(1).scaleb(-min(places, 6))


def _unit(axis: Any, v: float) -> float:
    """An axis's pixel in data units at ``v`` (on a log axis a pixel spans more the larger the value)."""
    if axis is None or not axis.per_pixel:
        return 0.01
    return float(abs(v) * math.log(10) * axis.per_pixel) if axis.log else float(axis.per_pixel)


def propose(facts: Any) -> tuple[str, list[str]]:
    """The program (formatted text) for the facts of ``read_chart``, and warnings."""
    from recode_dsl.interop.chart_spec import number, spec_to_program, statement

    warnings = list(facts.warnings)
    kind = facts.kind
    spec: dict[str, Any] = {"kind": kind, "title": facts.title or "", "width_px": facts.width,
                            "height_px": facts.height}
    cats: list[str] = []
    for i, c in enumerate(facts.categories):
        if c is None or not str(c).strip():
            cats.append(PLACEHOLDER.format(i + 1))
            warnings.append(f"category {i + 1}: its label could not be read")
        else:
            cats.append(str(c))
    if len(set(cats)) < len(cats):  # labels read twice alike: keep them apart
        seen: dict[str, int] = {}
        for i, c in enumerate(cats):
            seen[c] = seen.get(c, 0) + 1
            if seen[c] > 1:
                warnings.append(f"category {i + 1}: read as {c!r} like another one")
                cats[i] = f"{c} ({seen[c]})"
    axis = facts.value_axis
    per_px = axis.per_pixel if axis is not None and not axis.log else 0.0
    series: list[dict[str, Any]] = []
    multi = len(facts.series) > 1
    # one chart, one precision: the values measured (not printed) snap to the step they share
    measured = [float(v or 0.0) for sf in facts.series for k, v in enumerate(sf.values)
                if not (k < len(sf.printed) and sf.printed[k])]
    step = common_step(measured, per_px) if per_px and kind not in ("pie", "donut") else None
    shown = _printed_step(facts)  # values printed on the chart show the decimals its data are written in
    stacked = _stacked_values(facts, per_px) if (kind.startswith("stacked") or kind == "area") and per_px else None
    x_per = facts.x_axis.per_pixel if kind == "scatter" and facts.x_axis is not None and not facts.x_axis.log else 0.0
    x_step = common_step([v for sf in facts.series for v in sf.x], x_per) if x_per else None
    y_step = common_step([v for sf in facts.series for v in sf.y], per_px) if kind == "scatter" and per_px else None
    for j, sf in enumerate(facts.series):
        name = sf.name
        if not name:
            name = PLACEHOLDER.format(f"series {j + 1}") if multi else ("points" if kind == "scatter" else "value")
            if multi:
                warnings.append(f"series {j + 1}: no legend names it")
        if any(e["name"] == name for e in series):  # read twice alike: keep them apart
            warnings.append(f"series {j + 1}: read as {name!r} like another one")
            name = f"{name} ({j + 1})"
        entry: dict[str, Any] = {"name": name}
        if kind == "scatter":
            entry["x"] = [snap(v, x_step) if x_step else round_value(v, _unit(facts.x_axis, v)) for v in sf.x]
            entry["y"] = [snap(v, y_step) if y_step else round_value(v, _unit(axis, v)) for v in sf.y]
        elif kind in ("pie", "donut"):  # a printed share as printed
            entry["values"] = [as_printed(v) if k < len(sf.printed) and sf.printed[k]
                               else round_value(v, 0.05, EDGE_PX) for k, v in enumerate(sf.values)]
        else:
            vals = []
            for k, v in enumerate(sf.values):
                printed = k < len(sf.printed) and sf.printed[k]
                x = float(v or 0.0)
                vals.append(as_printed(x) if printed else
                            stacked[j][k] if stacked is not None and stacked[j][k] is not None else
                            snap(x, step) if step else
                            snap(x, shown) if shown is not None and abs(float(snap(x, shown)) - x) <= EDGE_PX * _unit(
                                axis, x) else round_value(x, _unit(axis, x)))
            entry["values"] = vals
        if kind in ("pie", "donut"):
            cols = getattr(facts, "pie_colours", None)
            if cols:
                entry["colors"] = [_hex(c) for c in cols]
        else:
            entry["color"] = _hex(sf.colour)
        series.append(entry)
    if kind in ("hbar", "stacked_hbar"):  # read top down; category 0 is drawn at the bottom
        cats = cats[::-1]
        for entry in series:
            entry["values"] = entry["values"][::-1]
    if kind != "scatter":
        spec["categories"] = cats
    width = getattr(facts, "bar_width", None)
    if width is not None and kind in ("bar", "hbar", "grouped_bar", "stacked_bar", "stacked_hbar"):
        spec["bar_width"] = round_value(width, 0.01, 1.0)  # the simplest width within 0.01
    spec["series"] = series
    if kind in ("pie", "donut"):
        spec["kind"] = "pie" if kind == "pie" else "donut"
        if facts.start_angle is not None:
            spec["start_angle"] = int(round(facts.start_angle))
    elif facts.plot_box is not None and axis is not None:
        x0, y0, x1, y1 = facts.plot_box
        spec["plot_box_px"] = [Decimal(repr(round(v, 1))).normalize() for v in facts.plot_box]
        vertical = kind not in ("hbar", "stacked_hbar")
        lo, hi = (axis.value(y1), axis.value(y0)) if vertical else (axis.value(x0), axis.value(x1))
        if hi > lo:
            spec["value_range"] = [round_value(lo, _unit(axis, lo), EDGE_PX), round_value(hi, _unit(axis, hi), EDGE_PX)]
        if kind == "scatter" and facts.x_axis is not None:
            xa = facts.x_axis
            spec["x_range"] = [round_value(v, _unit(xa, v), EDGE_PX) for v in (xa.value(x0), xa.value(x1))]
    extra = []
    if kind == "donut" and facts.hole:  # the spec format has no field for a donut's hole
        extra.append(statement("hole", number(Fraction(Decimal(repr(round(facts.hole, 2)))))))
    if kind not in ("pie", "donut") and axis is not None and axis.log:
        spec["value_log"] = True
    if kind == "scatter" and facts.x_axis is not None and facts.x_axis.log:
        spec["x_log"] = True
    program = spec_to_program(spec, extra=extra)
    unit = getattr(facts, "value_unit", "")
    if unit and kind not in ("pie", "donut"):  # the program says what its numbers are, under its header
        head, _, rest = program.partition("\n")
        program = f"{head}\n# the values are in {unit}, not in the chart's units: no value axis could be read\n{rest}"
    return program, warnings


def placeholder_diagnostics(program: str) -> list[Diagnostic]:
    """An E111 warning at each placeholder of the program (a text that could not be read).

    >>> [d.span.to_json() for d in placeholder_diagnostics('chart bar\\ncategories("a", "[unreadable 2]")\\n')]
    [{'line': 2, 'col': 17, 'end_line': 2, 'end_col': 33}]
    """
    out = []
    for i, line in enumerate(program.splitlines(), start=1):
        for m in re.finditer(r'"\[unreadable ([^\]"]*)\]"', line):
            what = f"series {m.group(1)[7:]}'s name" if m.group(1).startswith("series ") else (
                f"category {m.group(1)}'s label")
            out.append(Diagnostic("E111", messages.derender_unreadable(what), Span(i, m.start() + 1, i, m.end() + 1),
                                  "read the image and write the text", "warning"))
    return out


# -- one image ----------------------------------------------------------------------------------


def load_image(path: str | os.PathLike[str]) -> NDArray[np.uint8]:
    """An image file as an HxWx3 uint8 array (alpha composited on white)."""
    from PIL import Image

    with Image.open(path) as im:
        im.load()
        if im.mode in ("RGBA", "LA", "P"):
            im = im.convert("RGBA")
            bg = Image.new("RGBA", im.size, (255, 255, 255, 255))
            bg.alpha_composite(im)
            im = bg
        arr: NDArray[np.uint8] = np.asarray(im.convert("RGB"), np.uint8).copy()
        return arr


def derender_image(image: str | os.PathLike[str] | NDArray[np.generic], asks: Sequence[str] = (), *,
                   verify: bool = True, name: str | None = None) -> Derendered:
    """Derender one chart image offline. Never raises for a bad image: ``error`` says what failed.

    ``asks`` are questions in the language's query syntax (``argmax("Revenue")``); their
    answers are exact, from the program. The program is kept even when it does not verify.
    """
    from recode_dsl.interop.chart_spec import ImportFailed, chart_table
    from recode_dsl.perception.chart import NotAChart, read_chart

    t0, c0 = time.perf_counter(), time.process_time()
    label = name or (str(image) if not isinstance(image, np.ndarray) else "<image>")
    out = Derendered(label)
    img: NDArray[np.generic] | None = None
    try:
        img = image if isinstance(image, np.ndarray) else load_image(image)
        facts = read_chart(img)
        out.kind = facts.kind
        out.program, out.warnings = propose(facts)
        unit = facts.value_unit if facts.kind not in ("pie", "donut") else ""
    except (NotAChart, ImportFailed, ValueError, IndexError, ArithmeticError) as err:
        if isinstance(err, NotAChart) and img is not None:
            figure = _derender_figure(out, img, asks, label, verify)
            if figure is not None:
                out.seconds, out.cpu_seconds = time.perf_counter() - t0, time.process_time() - c0
                return figure
        why = str(err) if not isinstance(err, ImportFailed) else "; ".join(d.message for d in err.diagnostics)
        out.error = messages.derender_not_a_chart(why)
        out.diagnostics = [Diagnostic("E110", out.error, WHOLE_INPUT).to_json()]
        out.seconds, out.cpu_seconds = time.perf_counter() - t0, time.process_time() - c0
        return out
    except OSError as err:
        out.error = f"cannot read the image: {err}"
        return out
    result = _compile_and_ask(out, placeholder_diagnostics(out.program), asks, label)
    from recode_dsl.scene import Chart

    if isinstance(result.scene, Chart):
        out.table = _unknown_as_null(_jsonable(chart_table(result.scene)))
        if unit:  # the table says what its numbers measure when they are not the chart's own
            out.table["value_unit"] = unit
    if verify and result.ok:
        try:
            from recode_dsl.fit.verify import verify_source

            verdict = verify_source(out.program, img)
            out.verified = verdict.verified
            out.verdict = verdict.to_json()
        except Exception as err:  # noqa: BLE001 - a verifier failure is reported, the program kept
            out.warnings.append(f"verify failed: {type(err).__name__}: {err}")
    out.seconds, out.cpu_seconds = time.perf_counter() - t0, time.process_time() - c0
    return out


_FIGURE_INK = 0.2  # at most this share of dark pixels in a figure's image (line drawings use a few %)
_FIGURE_MARKS = 2000  # at most this many separate dark marks (strokes, letters, ticks: tens to hundreds)


def _derender_figure(out: Derendered, img: NDArray[np.generic], asks: Sequence[str],
                     label: str, verify: bool = True) -> Derendered | None:
    """An image that is not a chart, read as a geometry figure (``perception.diagram``), or None
    when no figure is found in it either. The program's points are sketches; it is verified
    against the image (``fit.figure``: every point, line, circle and label)."""
    from recode_dsl.perception.diagram import program_of, read_figure

    grey = np.asarray(img, np.float64)
    grey = grey[..., :3].mean(axis=2) if grey.ndim == 3 else grey  # not the alpha channel of RGBA
    if grey.size == 0 or float((grey < 128).mean()) > _FIGURE_INK:
        return None  # a figure is strokes on a light page, not a page of ink or noise
    from scipy import ndimage

    if ndimage.label(grey < 128)[1] > _FIGURE_MARKS:
        return None  # nor speckle: thousands of separate marks (the reader's grouping is quadratic in them)
    try:
        reading = read_figure(img)
        program, diags = program_of(reading)
    except (ValueError, IndexError, ArithmeticError, MemoryError):
        return None
    if any(d.code == "E120" for d in diags):
        return None
    out.kind, out.program = "figure", program
    result = _compile_and_ask(out, diags, asks, label)
    if verify and result.ok:
        try:
            from recode_dsl.fit.figure import verify_figure_source

            verdict = verify_figure_source(program, img, reading=reading)  # the image is read once
            out.verified = verdict.verified
            out.verdict = verdict.to_json()
        except Exception as err:  # noqa: BLE001 - a verifier failure is reported, the program kept
            out.warnings.append(f"verify failed: {type(err).__name__}: {err}")
    return out


def _compile_and_ask(out: Derendered, read: list[Diagnostic], asks: Sequence[str], label: str) -> CompileResult:
    """Compile ``out.program``; its diagnostics follow those of the reading (``read``), and the
    questions' answers are exact, from the program. A question that does not compile does not
    cost the program: it is asked only of a program that compiles."""
    from recode_dsl.pipeline import compile as compile_program

    result = compile_program(out.program, filename=label)
    out.diagnostics = [d.to_json() for d in read] + [d.to_json() for d in result.diagnostics]
    if asks and result.ok:
        asked = compile_program(out.program + "".join(f"ask {q}\n" for q in asks), filename=label)
        out.answers = [a.to_json() for a in asked.answers]
        out.diagnostics += [d.to_json() for d in asked.diagnostics if d not in result.diagnostics]
    return result


def _unknown_as_null(table: dict[str, Any]) -> dict[str, Any]:
    """The table with the placeholders of unreadable texts as null: a label nobody read is
    reported as unknown, and its values stay in their places.

    >>> _unknown_as_null({"categories": ["a", "[unreadable 2]"], "series": [{"name": "[unreadable series 1]"}]})
    {'categories': ['a', None], 'series': [{'name': None}]}
    """
    def known(v: Any) -> Any:
        return None if isinstance(v, str) and re.fullmatch(r"\[unreadable [^\]]*\]", v) else v

    if "categories" in table:
        table["categories"] = [known(c) for c in table["categories"]]
    for s in table.get("series", []):
        s["name"] = known(s.get("name"))
    return table


def _jsonable(x: Any) -> Any:
    """Numbers as JSON numbers (ints stay ints), recursively."""
    if isinstance(x, dict):
        return {k: _jsonable(v) for k, v in x.items()}
    if isinstance(x, (list, tuple)):
        return [_jsonable(v) for v in x]
    if isinstance(x, (str, bool)) or x is None:
        return x
    try:
        f = float(x)
    except (TypeError, ValueError):
        return str(x)
    return int(f) if f.is_integer() and abs(f) < 2 ** 53 else f


# -- batches ------------------------------------------------------------------------------------


IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".webp", ".bmp", ".gif")


def expand(inputs: Iterable[str]) -> list[Path]:
    """Image files named by paths, directories (their images) or glob patterns, sorted, unique."""
    import glob

    found: list[Path] = []
    for item in inputs:
        p = Path(item)
        if p.is_dir():
            found += [q for q in sorted(p.iterdir()) if q.suffix.lower() in IMAGE_SUFFIXES]
        elif any(ch in item for ch in "*?["):
            found += [Path(q) for q in sorted(glob.glob(item)) if Path(q).suffix.lower() in IMAGE_SUFFIXES]
        else:
            found.append(p)
    seen: set[Path] = set()
    return [p for p in found if not (p in seen or seen.add(p))]  # type: ignore[func-returns-value]


def _one(args: tuple[str, str, tuple[str, ...]]) -> dict[str, Any]:
    path, out_dir, asks = args
    res = derender_image(path, asks)
    stem = Path(path).stem
    out = Path(out_dir)
    if res.program:
        (out / f"{stem}.rdsl").write_text(res.program)
    if res.table is not None:
        (out / f"{stem}.json").write_text(json.dumps(res.table, indent=1))
    row = res.summary()
    row["name"] = stem
    return row


def derender_batch(paths: Sequence[str | os.PathLike[str]], out_dir: str | os.PathLike[str], *, jobs: int = 1,
                   asks: Sequence[str] = (), progress: bool = True, resume: bool = True) -> list[dict[str, Any]]:
    """Derender many images into ``out_dir``: NAME.rdsl and NAME.json (the table) each, and a row
    per image in ``summary.jsonl``. Images already in the summary are skipped (``resume``).
    Returns the rows of this run."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    summary = out / SUMMARY
    done: set[str] = set()
    if resume and summary.exists():
        for line in summary.read_text().splitlines():
            try:
                done.add(json.loads(line)["image"])
            except (ValueError, KeyError, TypeError):
                continue
    todo = [str(p) for p in paths if str(p) not in done]
    rows: list[dict[str, Any]] = []
    from tqdm import tqdm

    bar = tqdm(total=len(todo), disable=not progress, unit="image", desc="derender")
    work = [(p, str(out), tuple(asks)) for p in todo]
    with summary.open("a") as fh:
        if jobs > 1 and len(work) > 1:
            from concurrent.futures import ProcessPoolExecutor

            with ProcessPoolExecutor(max_workers=jobs) as pool:
                for row in pool.map(_one, work):
                    fh.write(json.dumps(row) + "\n")
                    fh.flush()
                    rows.append(row)
                    bar.update(1)
        else:
            for w in work:
                row = _one(w)
                fh.write(json.dumps(row) + "\n")
                fh.flush()
                rows.append(row)
                bar.update(1)
    bar.close()
    return rows


# -- scoring (the definitions of the chart benchmark's score_tables.py) ----------------------------


def _rel(p: float | None, t: float) -> float:
    if p is None:
        return 1.0
    if t == 0:
        return 0.0 if p == 0 else 1.0
    return min(1.0, abs(p - t) / abs(t))


def _norm(v: object) -> str:
    return str(v).strip().casefold()


def _pick(named: list[dict[str, Any]], name: str, i: int) -> dict[str, Any] | None:
    for s in named:
        if _norm(s.get("name", "")) == _norm(name):
            return s
    return named[i] if i < len(named) else None


def _aligned(pred: dict[str, Any], truth: dict[str, Any], key: str, ts: dict[str, Any],
             ps: dict[str, Any] | None) -> list[float | None]:
    tv = ts[key]
    if ps is None or not isinstance(ps.get(key), list):
        return [None] * len(tv)
    pv = [float(v) if isinstance(v, (int, float)) and not isinstance(v, bool) else None for v in ps[key]]
    tc, pc = truth.get("categories"), pred.get("categories")
    if key == "values" and tc and pc and len(set(map(str, pc))) == len(pc):
        index = {_norm(c): j for j, c in enumerate(pc)}
        return [pv[index[_norm(c)]] if _norm(c) in index and index[_norm(c)] < len(pv) else None for c in tc]
    return [pv[j] if j < len(pv) else None for j in range(len(tv))]


def rnss(t: list[float], p: list[float]) -> float:
    """DePlot's relative number set similarity (Hungarian-matched), in [0, 1]."""
    from scipy.optimize import linear_sum_assignment

    if not t and not p:
        return 1.0
    if not t or not p:
        return 0.0
    cost = np.array([[_rel(pv, tv) for pv in p] for tv in t])
    rows, cols = linear_sum_assignment(cost)
    return float(1.0 - cost[rows, cols].sum() / max(len(t), len(p)))


def score_table(truth: dict[str, Any], pred: dict[str, Any] | None) -> dict[str, Any]:
    """Relative errors of every true value, RNSS, and (labels read exactly, labels to read)."""
    pred = pred or {}
    pseries = [s for s in pred.get("series", []) if isinstance(s, dict)]
    errors: list[float] = []
    tnums: list[float] = []
    pnums: list[float] = []
    for i, ts in enumerate(truth["series"]):
        ps = _pick(pseries, ts.get("name", ""), i)
        for key in ("values", "x", "y"):
            if key not in ts:
                continue
            got = _aligned(pred, truth, key, ts, ps)
            want = [float(v) for v in ts[key]]
            if truth["kind"] in ("pie", "donut"):
                tot_t = sum(want)
                tot_p = sum(v for v in got if v is not None) or 1.0
                want = [v / tot_t for v in want]
                got = [None if v is None else v / tot_p for v in got]
            errors += [_rel(p, t) for p, t in zip(got, want)]
            tnums += want
            pnums += [v for v in got if v is not None]
    want_labels = [_norm(c) for c in truth.get("categories") or []]
    got_labels = {_norm(c) for c in pred.get("categories") or []}
    if len(truth["series"]) > 1:
        want_labels += [_norm(s.get("name", "")) for s in truth["series"]]
        got_labels |= {_norm(s.get("name", "")) for s in pseries}
    hits = sum(w in got_labels for w in want_labels)
    return {"errors": errors, "rnss": rnss(tnums, pnums), "labels": (hits, len(want_labels))}


def summarise(errs: list[float], rn: list[float], labels: tuple[int, int], kinds: tuple[int, int]) -> dict[str, Any]:
    return {"charts": len(rn), "values": len(errs),
            "median_rel_err": statistics.median(errs) if errs else 1.0,
            "within_1pct": sum(e <= 0.01 for e in errs) / max(1, len(errs)),
            "within_5pct": sum(e <= 0.05 for e in errs) / max(1, len(errs)),
            "rnss": 100 * statistics.mean(rn) if rn else 0.0,
            "labels": labels[0] / labels[1] if labels[1] else 1.0,
            "kind_right": kinds[0] / kinds[1] if kinds[1] else 1.0}


# the chart benchmark's generators call a pie with a hole (Vega-Lite's innerRadius) "pie"
KIND_ALIASES = {"stacked_hbar": "stacked_bar", "donut": "pie"}


def score_dir(truth_dir: str | os.PathLike[str], pred_dir: str | os.PathLike[str]) -> dict[str, dict[str, Any]]:
    """Score PRED_DIR/NAME.json against every TRUTH_DIR/NAME.json: per kind, per style (or
    theme) and ALL. The kind read is taken from PRED_DIR/NAME.rdsl's header when present."""
    groups: dict[str, tuple[list[float], list[float], list[int], list[int]]] = defaultdict(
        lambda: ([], [], [0, 0], [0, 0]))
    for path in sorted(Path(truth_dir).glob("*.json")):
        if path.name.endswith(".proposal.json"):
            continue
        truth = json.loads(path.read_text())
        if not isinstance(truth, dict) or "series" not in truth or "kind" not in truth:
            continue
        try:
            pred = json.loads((Path(pred_dir) / path.name).read_text())
        except (OSError, ValueError):
            pred = None
        kind_read = _kind_of(Path(pred_dir) / f"{path.stem}.rdsl")
        sc = score_table(truth, pred)
        style = truth.get("style") or truth.get("theme") or "-"
        if truth.get("renderer"):
            style = f"{truth['renderer']}:{style}"
        right = KIND_ALIASES.get(kind_read or "", kind_read) == KIND_ALIASES.get(truth["kind"], truth["kind"]) or (
            truth["kind"] == "pie" and kind_read == "donut" and truth.get("hole"))
        keys = [f"kind:{truth['kind']}", f"style:{style}", "ALL"]
        if truth["kind"] != "scatter":  # a scatter's points are matched by position (an order nobody can read)
            keys.append("ALL but scatter")
        for key in keys:
            g = groups[key]
            g[0].extend(sc["errors"])
            g[1].append(sc["rnss"])
            g[2][0] += sc["labels"][0]
            g[2][1] += sc["labels"][1]
            g[3][0] += int(bool(right))
            g[3][1] += 1
    return {k: summarise(v[0], v[1], (v[2][0], v[2][1]), (v[3][0], v[3][1]))
            for k, v in sorted(groups.items(), key=lambda kv: (kv[0].startswith("ALL"), kv[0]))}


def _kind_of(prog: Path) -> str | None:
    try:
        first = prog.read_text().split("\n", 1)[0].split()
    except OSError:
        return None
    return first[1] if len(first) >= 2 and first[0] == "chart" else None


def format_scores(report: dict[str, dict[str, Any]]) -> list[str]:
    return [f"{k:28s} charts={s['charts']:4d} values={s['values']:5d} median_rel_err={s['median_rel_err']:.4%} "
            f"within_1pct={s['within_1pct']:.1%} within_5pct={s['within_5pct']:.1%} rnss={s['rnss']:.2f} "
            f"labels={s['labels']:.1%} kind={s['kind_right']:.1%}" for k, s in report.items()]
