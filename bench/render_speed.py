"""Render speed: our Cairo renderer against matplotlib drawing the same charts, interleaved in one process.

    .venv/bin/python bench/render_speed.py [--n 40] [--seed 0] [--repeats 7] [--figures 30]

Steps: ``make_charts.py`` (../shared/bench/charts) draws N charts with their specs into a temporary
directory; each spec becomes a program (``interop.chart_spec.spec_to_program``, or a small local
converter when that module is missing) and is compiled once. Then, round after round, every chart
is drawn by us to an HxWx4 array and by matplotlib (Agg, no pyplot) to its RGBA buffer, one after
the other. The table gives per kind the median time of each and the median of the per-chart
ratios. Goals: matplotlib / ours >= 20, a 640x480 bar chart under 2 ms, a Geometry3K figure
under 10 ms (timed when the geometry renderer and the Geometry3K importer are present).
Needs matplotlib (the bench extra). Run by hand; not part of CI.
"""

from __future__ import annotations

import argparse
import gc
import json
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

import recode_dsl
from recode_dsl import scene as s

CHARTS = Path(__file__).resolve().parents[2] / "shared" / "bench" / "charts"  # ../shared beside the project
ROOT = Path(__file__).resolve().parents[1]
GOAL_RATIO, GOAL_BAR_MS, GOAL_FIGURE_MS = 20.0, 2.0, 10.0


# -- programs from specs ---------------------------------------------------------------------------


def _local_program(spec: dict[str, Any]) -> str:
    """A program for a spec, for when ``interop.chart_spec`` is not there."""
    def nums(vs: list[float]) -> str:
        return "[" + ", ".join(repr(v) for v in vs) + "]"

    kind = spec["kind"]
    lines = [f"chart {kind}", f"canvas({spec['width_px']}, {spec['height_px']})",
             "plot_box(" + ", ".join(repr(v) for v in spec["plot_box_px"]) + ")"]
    if spec.get("title"):
        lines.append(f"title({json.dumps(spec['title'])})")
    if kind != "scatter":
        lines.append("categories(" + ", ".join(json.dumps(c) for c in spec["categories"]) + ")")
    for x in spec["series"]:
        if kind == "scatter":
            lines.append(f"series({json.dumps(x['name'])}, x={nums(x['x'])}, y={nums(x['y'])}, "
                         f"color={json.dumps(x['color'])})")
        elif kind == "pie":
            lines.append(f"series({json.dumps(x['name'])}, {nums(x['values'])}, "
                         f"colors=[{', '.join(json.dumps(c) for c in x['colors'])}])")
        else:
            lines.append(f"series({json.dumps(x['name'])}, {nums(x['values'])}, color={json.dumps(x['color'])})")
    for key, setting in (("value_range", "value_axis"), ("category_range", "category_axis"), ("x_range", "x_axis")):
        if key in spec:
            lines.append(f"{setting}({spec[key][0]!r}, {spec[key][1]!r})")
    return "\n".join(lines) + "\n"


def to_program(spec: dict[str, Any]) -> str:
    try:
        from recode_dsl.interop.chart_spec import spec_to_program
    except ImportError:
        return _local_program(spec)
    return spec_to_program(spec)


# -- matplotlib drawing the same chart -------------------------------------------------------------


def mpl_draw(spec: dict[str, Any]) -> np.ndarray:
    """The chart drawn by matplotlib from its spec to an RGBA array (Agg canvas, no pyplot)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=(spec["width_px"] / 100, spec["height_px"] / 100), dpi=100)
    canvas = FigureCanvasAgg(fig)
    ax = fig.add_subplot()
    kind, series = spec["kind"], spec["series"]
    cats = spec.get("categories", [])
    x = np.arange(len(cats))
    if kind in ("bar", "hbar"):
        (ax.bar if kind == "bar" else ax.barh)(x, series[0]["values"], 0.6, color=series[0]["color"])
    elif kind == "grouped_bar":
        w = 0.8 / len(series)
        for i, sr in enumerate(series):
            ax.bar(x - 0.4 + w * (i + 0.5), sr["values"], w, label=sr["name"], color=sr["color"])
    elif kind == "stacked_bar":
        bottom = np.zeros(len(cats))
        for sr in series:
            ax.bar(x, sr["values"], 0.6, bottom=bottom, label=sr["name"], color=sr["color"])
            bottom += np.array(sr["values"])
    elif kind == "line":
        for sr in series:
            ax.plot(x, sr["values"], label=sr["name"], color=sr["color"])
    elif kind == "scatter":
        ax.scatter(series[0]["x"], series[0]["y"], color=series[0]["color"])
    else:
        ax.pie(series[0]["values"], labels=cats, colors=series[0]["colors"])
    if kind in ("bar", "grouped_bar", "stacked_bar", "line"):
        ax.set_xticks(x, cats)
    elif kind == "hbar":
        ax.set_yticks(x, cats)
    if kind not in ("pie", "scatter") and len(series) > 1:
        ax.legend()
    if spec.get("title"):
        ax.set_title(spec["title"])
    canvas.draw()
    return np.asarray(canvas.buffer_rgba()).copy()


# -- timing ----------------------------------------------------------------------------------------


def _time(fn: Callable[[], object]) -> float:
    gc.collect()  # each side starts without the other's garbage, as timeit does
    t = time.perf_counter()
    fn()
    return (time.perf_counter() - t) * 1000


def make_specs(n: int, seed: int, out: Path) -> list[dict[str, Any]]:
    subprocess.run([sys.executable, str(CHARTS / "make_charts.py"), "--out", str(out), "--n", str(n),
                    "--seed", str(seed)], check=True, capture_output=True)
    return [json.loads(p.read_text()) for p in sorted(out.glob("*.json"))]


def time_charts(specs: list[dict[str, Any]], repeats: int) -> list[tuple[str, float, float]]:
    """(kind, our median ms, matplotlib median ms) per chart, timed interleaved."""
    jobs = []
    for spec in specs:
        result = recode_dsl.compile(to_program(spec), solve=False)
        if not isinstance(result.scene, s.Chart):
            print(f"skipped {spec['id']}: {result.diagnostics[:1]}", file=sys.stderr)
            continue
        sc = result.scene
        jobs.append((spec["kind"], (lambda sc=sc: recode_dsl.render(sc, "array")), (lambda sp=spec: mpl_draw(sp))))
    for _, ours, theirs in jobs:  # warm up fonts and caches on both sides
        ours()
        theirs()
    times: list[tuple[list[float], list[float]]] = [([], []) for _ in jobs]
    for _ in range(repeats):
        for (_, ours, theirs), (a, b) in zip(jobs, times):
            a.append(_time(ours))
            b.append(_time(theirs))
    return [(kind, statistics.median(a), statistics.median(b)) for (kind, _, _), (a, b) in zip(jobs, times)]


def time_bar_640(repeats: int) -> float:
    sc = recode_dsl.compile((ROOT / "examples" / "bar_revenue.rdsl").read_text(), solve=False).scene
    assert isinstance(sc, s.Chart) and sc.canvas == (640, 480)
    recode_dsl.render(sc, "array")
    return statistics.median(_time(lambda: recode_dsl.render(sc, "array")) for _ in range(repeats * 50))


def time_figures(count: int, repeats: int) -> tuple[int, float, float] | None:
    """(figures drawn, median ms, p90 ms) over Geometry3K problems, or None when a piece is missing."""
    try:
        from recode_dsl.interop.geometry3k import import_problem, read_problems
        from recode_dsl.renderer import geometry  # noqa: F401
    except ImportError as err:
        print(f"geometry timing skipped: {err}", file=sys.stderr)
        return None
    data = Path(__file__).resolve().parents[2] / "shared" / "data" / "geometry3k" / "val.jsonl"
    if not data.exists():
        return None
    records, _ = read_problems(str(data))
    scenes = []
    for line, record in records:
        if len(scenes) >= count:
            break
        result = recode_dsl.compile(import_problem(record, line).source, solve=False)
        if isinstance(result.scene, s.Figure):
            try:
                recode_dsl.render(result.scene, "array")
            except recode_dsl.RecodeError:
                continue
            scenes.append(result.scene)
    if not scenes:
        return None
    medians = [statistics.median(_time(lambda sc=sc: recode_dsl.render(sc, "array")) for _ in range(repeats))
               for sc in scenes]
    return len(scenes), statistics.median(medians), float(np.percentile(medians, 90))


def report(rows: list[tuple[str, float, float]], bar_ms: float, figures: tuple[int, float, float] | None) -> None:
    print(f"{'kind':<12} {'charts':>6} {'ours ms':>8} {'mpl ms':>8} {'mpl/ours':>9}")
    kinds = sorted({k for k, _, _ in rows})
    for kind in [*kinds, "all"]:
        sel = [r for r in rows if kind in ("all", r[0])]
        ratio = statistics.median(b / a for _, a, b in sel)
        print(f"{kind:<12} {len(sel):>6} {statistics.median(a for _, a, _ in sel):>8.2f} "
              f"{statistics.median(b for _, _, b in sel):>8.2f} {ratio:>8.1f}x")
    worst = min(statistics.median(b / a for k, a, b in rows if k == kind) for kind in kinds)
    print(f"\nworst kind ratio {worst:.1f}x (goal >= {GOAL_RATIO:g}x): {'met' if worst >= GOAL_RATIO else 'NOT met'}")
    print(f"640x480 bar chart to an array: {bar_ms:.2f} ms median (goal < {GOAL_BAR_MS:g} ms): "
          f"{'met' if bar_ms < GOAL_BAR_MS else 'NOT met'}")
    if figures is not None:
        n, med, p90 = figures
        print(f"Geometry3K figure to an array: {med:.2f} ms median, {p90:.2f} ms p90 over {n} figures "
              f"(goal < {GOAL_FIGURE_MS:g} ms): {'met' if med < GOAL_FIGURE_MS else 'NOT met'}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=40, help="charts to draw with make_charts.py")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--repeats", type=int, default=7, help="interleaved rounds over all charts")
    ap.add_argument("--figures", type=int, default=30, help="Geometry3K figures to time (0 to skip)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        specs = make_specs(args.n, args.seed, Path(tmp))
    rows = time_charts(specs, args.repeats)
    figures = time_figures(args.figures, args.repeats) if args.figures else None
    report(rows, time_bar_640(args.repeats), figures)


if __name__ == "__main__":
    main()
