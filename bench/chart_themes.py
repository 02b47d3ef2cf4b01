"""Benchmark the chart themes (issue 15): does a program that names its chart's style look like the chart?

    .venv/bin/python bench/chart_themes.py [--n 42] [--seed 900] [--out DIR] [--charts ../shared/bench/charts]
                                           [--vega 20]

make_charts.py draws N matplotlib charts in the styles below, with their truth (data, canvas, plot
box). Each truth becomes a program (interop.chart_spec), drawn by our renderer twice: as it is
(matplotlib's default look) and with the theme of its style added. The critic's pixel score
(fit.critic.score: SSIM and edge F1 against the matplotlib image) of both is printed per style,
with the CPU and wall time per rendering. Needs matplotlib (bench extra).

``--vega K`` adds K random Vega-Lite charts (bar, horizontal, grouped, stacked, line; vl-convert,
Vega-Lite's default theme), written as programs with their data, canvas and the plot box found by
perception.plotbox, scored the same way without and with theme("vega-lite").
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

from skimage.io import imread

import recode_dsl
from recode_dsl.fit.critic import score
from recode_dsl.interop.chart_spec import load_spec, spec_to_program

CHARTS = Path(__file__).resolve().parents[2] / "shared" / "bench" / "charts"
THEME_OF = {"default": "matplotlib", "ggplot": "ggplot", "fivethirtyeight": "fivethirtyeight",
            "seaborn-v0_8": "seaborn", "seaborn-v0_8-whitegrid": "seaborn-whitegrid", "bmh": "bmh",
            "classic": "classic"}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=42)
    ap.add_argument("--seed", type=int, default=900)
    ap.add_argument("--styles", default=",".join(THEME_OF))
    ap.add_argument("--charts", type=Path, default=CHARTS)
    ap.add_argument("--out", type=Path, default=None)
    ap.add_argument("--vega", type=int, default=0)
    args = ap.parse_args()
    work = args.out or Path(tempfile.mkdtemp(prefix="theme_bench_"))
    if not list(work.glob("*.json")):
        subprocess.run([sys.executable, str(args.charts / "make_charts.py"), "--out", str(work), "--n", str(args.n),
                        "--seed", str(args.seed), "--styles", args.styles], check=True, capture_output=True)
    rows: dict[str, dict[str, list[float]]] = defaultdict(lambda: defaultdict(list))
    cpu: list[float] = []
    wall: list[float] = []
    for path in sorted(work.glob("*.json")):
        spec = json.loads(path.read_text())
        style = spec.get("style", "default")
        target = imread(path.with_suffix(".png"))
        program = spec_to_program(load_spec(json.dumps(spec)))
        for label, src in (("plain", program), ("themed", program + f'theme("{THEME_OF[style]}")\n')):
            c0, w0 = time.process_time(), time.perf_counter()
            result = recode_dsl.compile(src, solve=False)
            assert result.ok and result.scene is not None, result.diagnostics
            image = recode_dsl.render(result.scene, "array")
            cpu.append(time.process_time() - c0)
            wall.append(time.perf_counter() - w0)
            fid = score(target, image)
            for key in (style, "all"):
                rows[key][f"{label} score"].append(fid.score)
                rows[key][f"{label} ssim"].append(fid.ssim)
    if args.vega:
        _vega(args.vega, args.seed, rows, cpu, wall)
    columns = ("plain score", "themed score", "plain ssim", "themed ssim")
    print(f"charts: {len(rows['all']['plain score'])} in {work} (make_charts seed {args.seed})")
    print(f"{'style':26s}" + "".join(f"{c:>14s}" for c in columns) + "     n")
    for style in [*sorted(k for k in rows if k != "all"), "all"]:
        cells = [f"{statistics.mean(rows[style][c]):14.3f}" for c in columns]
        print(f"{style:26s}" + "".join(cells) + f"{len(rows[style]['plain score']):6d}")
    print(f"compile + render per chart: CPU median {1000 * statistics.median(cpu):.0f} ms, "
          f"wall median {1000 * statistics.median(wall):.0f} ms")


def _vega(n: int, seed: int, rows: dict[str, dict[str, list[float]]], cpu: list[float], wall: list[float]) -> None:
    import random

    import numpy as np
    import vl_convert as vlc

    from recode_dsl.perception.plotbox import find_plot_box

    rng = random.Random(seed)
    pools = [["Mon", "Tue", "Wed", "Thu", "Fri"], ["Q1", "Q2", "Q3", "Q4"], ["North", "South", "East", "West"],
             [str(y) for y in range(2015, 2024)]]
    for _ in range(n):
        kind = rng.choice(["bar", "hbar", "grouped_bar", "stacked_bar", "line"])
        cats = rng.choice(pools)[:rng.randint(3, 6)]
        names = ["Value"] if kind in ("bar", "hbar") else rng.sample(["Plan", "Actual", "Online", "Retail", "Men",
                                                                        "Women"], 2)
        data = {s: [rng.randint(5, 60) for _ in cats] for s in names}
        values = [{"c": c, "s": s, "v": v[i]} for s, v in data.items() for i, c in enumerate(cats)]
        cat = {"field": "c", "type": "nominal", "sort": None, "title": None}
        val = {"field": "v", "type": "quantitative", "title": "Value"}
        col = {"field": "s", "type": "nominal", "sort": None, "title": None}
        enc: dict[str, object] = {"x": cat, "y": val} if kind != "hbar" else {"y": cat, "x": val}
        mark: object = "bar"
        if kind != "bar" and kind != "hbar":
            enc["color"] = col
        if kind == "grouped_bar":
            enc["xOffset"] = {"field": "s", "sort": None}
        if kind == "line":
            mark = {"type": "line", "point": True}
            enc["x"] = {**cat, "type": "ordinal"}
        spec = {"$schema": "https://vega.github.io/schema/vega-lite/v5.json", "width": rng.choice([300, 400]),
                "height": rng.choice([200, 250]), "data": {"values": values}, "mark": mark, "encoding": enc}
        target = np.asarray(_png(vlc.vegalite_to_png(spec, scale=1)))
        h, w = target.shape[:2]
        found = find_plot_box(target[..., :3])
        if found is None:
            continue
        box = found.box
        lines = [f"chart {kind}", f"canvas({w}, {h})", "plot_box(" + ", ".join(f"{v:.1f}" for v in box) + ")",
                 "categories(" + ", ".join(f'"{c}"' for c in cats) + ")"]
        lines += [f'series("{s}", [{", ".join(str(v) for v in vs)}])' for s, vs in data.items()]
        lines += ['value_axis(title="Value")', "category_axis(rotation=90)" if kind != "hbar" else
                  "category_axis(reverse=true)"]
        if len(names) > 1:
            lines.append('legend(true, "outside right")')
        for label, extra in (("plain", ""), ("themed", 'theme("vega-lite")\n')):
            c0, w0 = time.process_time(), time.perf_counter()
            result = recode_dsl.compile("\n".join(lines) + "\n" + extra, solve=False)
            assert result.ok and result.scene is not None, result.diagnostics
            image = recode_dsl.render(result.scene, "array")
            cpu.append(time.process_time() - c0)
            wall.append(time.perf_counter() - w0)
            fid = score(target, image)
            for key in ("vega-lite", "all"):
                rows[key][f"{label} score"].append(fid.score)
                rows[key][f"{label} ssim"].append(fid.ssim)


def _png(data: bytes) -> object:
    import io

    return imread(io.BytesIO(data))


if __name__ == "__main__":
    main()
